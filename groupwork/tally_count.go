package groupwork

import "github.com/helpingwork/helping/internal/tally"

// CountResult is the result of a single-round count, [Plurality] or
// [Approval]: how many marks each option got, and who won.
type CountResult struct {
	// Resolution is [Chosen], [Tied] or [NoPreference].
	Resolution Resolution
	// Winner is the winning option when Resolution is Chosen, otherwise -1.
	Winner int
	// Tied lists, ascending, the options the tie-break policy could not
	// separate when Resolution is Tied; otherwise it is nil.
	Tied []int
	// Counts holds, per option, its first preferences (plurality) or its
	// approvals (approval).
	Counts []int
	// Ballots is the number of ballots read; Blank of them marked nothing.
	Ballots, Blank int
	// TieBreak records the tie for first place, if there was one.
	TieBreak *TieBreak
}

// Plurality elects the option with the most first preferences ("first past
// the post"). It reads only the first option of each ranked ballot, so the
// same ranked ballots can be counted under several rules; the rest of each
// ballot is still checked. Empty ballots are blank.
//
// Plurality is the simplest rule and the most familiar, and it is fine for
// two options. With more it can elect an option most members rank last: in
// the classic Tennessee example, Memphis wins with 42% of the first
// preferences although 58% rank it last. That is why groups that want
// everyone's voice to count often choose a ranked rule ([InstantRunoff],
// [Schulze]). A tie for the most votes is broken by the declared priority
// (there are no earlier rounds), or reported as [Tied].
//
// Errors: [*OptionCountError] for n outside 1..[MaxOptions],
// [*BallotError] for a ballot or priority list with an option out of range
// or listed twice.
func Plurality(n int, ballots [][]int, opts *CountOptions) (CountResult, error) {
	r, err := tally.Plurality(n, ballots, opts.tally())
	if err != nil {
		return CountResult{}, fromTallyError(err, n)
	}
	return fromCountResult(r), nil
}

// Approval elects the option approved by the most voters. Each ballot lists,
// in any order, every option the voter can accept; an empty ballot approves
// nothing and is blank.
//
// Source: Steven Brams and Peter Fishburn, "Approval Voting" (American
// Political Science Review, 1978; book 1983). Approval suits a group
// choosing among many acceptable activities: each member says which they
// could live with, and the most widely acceptable wins. Ties are handled as
// in [Plurality], and so are errors.
func Approval(n int, ballots [][]int, opts *CountOptions) (CountResult, error) {
	r, err := tally.Approval(n, ballots, opts.tally())
	if err != nil {
		return CountResult{}, fromTallyError(err, n)
	}
	return fromCountResult(r), nil
}

func fromCountResult(r tally.CountResult) CountResult {
	return CountResult{
		Resolution: fromOutcome(r.Outcome), Winner: r.Winner, Tied: r.Tied,
		Counts: r.Counts, Ballots: r.Ballots, Blank: r.Blank, TieBreak: fromTieBreak(r.TieBreak),
	}
}

func (r CountResult) toTally() tally.CountResult {
	return tally.CountResult{
		Decision: decision(r.Resolution, r.Winner, r.Tied),
		Counts:   r.Counts, Ballots: r.Ballots, Blank: r.Blank, TieBreak: r.TieBreak.toTally(),
	}
}

// Report renders the count as text, one fact a line: the ballots, each
// option's count, any tie and how it was broken, and the winner. names
// gives the options' names by number; it may be nil or short, and options
// without a name print as "option 3".
func (r CountResult) Report(names []string) string { return r.toTally().Report(names) }

// String returns Report(nil).
func (r CountResult) String() string { return r.Report(nil) }
