package groupwork

import "github.com/helpingwork/helping/internal/tally"

// RunoffRound is one count of an instant runoff and what was decided on it.
type RunoffRound struct {
	// Number is the round's number, from 1.
	Number int
	// Counts holds, per option, the ballots whose highest-ranked option
	// still in the count it is. Options no longer in the count hold 0.
	Counts []int
	// Continuing lists, ascending, the options still in the count.
	Continuing []int
	// Exhausted is the number of ballots that rank no continuing option,
	// empty ballots included. They take no further part, and the majority
	// is reckoned without them.
	Exhausted int
	// Eliminated lists, ascending, the options eliminated after this count;
	// it is nil in the last round. An option goes out for having the
	// fewest votes or, when several tied for fewest, as TieBreak says.
	Eliminated []int
	// TieBreak records how a tie for fewest votes was handled, if there was
	// one (also in the last round, when it ended in an unbroken tie).
	TieBreak *TieBreak
	// Transfers holds, per option, the change in its count caused by the
	// elimination: minus its count for an eliminated option, the ballots
	// received for the others. It is nil in the last round.
	Transfers []int
	// ToExhausted is the number of ballots the elimination exhausted: they
	// rank no option left in the count.
	ToExhausted int
}

// Live returns the number of ballots still counting in the round: those
// not exhausted. A majority of the round is more than half of them.
func (r *RunoffRound) Live() int {
	n := 0
	for _, c := range r.Counts {
		n += c
	}
	return n
}

// RunoffResult is the full record of an instant runoff: every round, with
// its counts, its exhausted ballots, who was eliminated and why, and where
// their votes went.
type RunoffResult struct {
	// Resolution is [Chosen], [Tied] or [NoPreference].
	Resolution Resolution
	// Winner is the winning option when Resolution is Chosen, otherwise -1.
	Winner int
	// Tied lists, ascending, the options the tie-break policy could not
	// separate when Resolution is Tied; otherwise it is nil.
	Tied []int
	// Ballots is the number of ballots read.
	Ballots int
	// Rounds records every count, in order.
	Rounds []RunoffRound
}

// InstantRunoff elects one option by instant runoff, also called the
// alternative vote or ranked-choice voting.
//
// Every ballot counts for its highest-ranked option still in the count. If
// an option holds more than half of the ballots that still count (ballots
// that rank no continuing option are exhausted and left out of the
// reckoning), it wins. Otherwise the option with the fewest votes is
// eliminated, its ballots pass to their next continuing choice, and the
// count repeats.
//
// Ties for fewest votes follow the policy of [TieBreak]. First, if the tied
// options, with as few of the next-lowest options as needed, hold fewer
// votes together than any other continuing option, that whole group is
// eliminated at once: none of them can win, and eliminating them in any
// order gives the same winner. Otherwise the most recent earlier round that
// separates the tied options decides, then [CountOptions.Priority];
// otherwise the count stops as [Tied].
//
// Sources: William Robert Ware's single-winner form (about 1871) of Thomas
// Hare's transferable vote; the modern rule as in the San Francisco
// Charter, §13.102, here with a declared tie-break instead of a lot drawn
// at count time.
//
// Why groups use it: members can vote for their true first choice without
// fear of wasting the vote, and the winner is acceptable to a majority of
// those who expressed a preference between the last options standing. In
// the Tennessee example it elects Knoxville, where plurality elects Memphis.
//
// The ballots are read once per round and never copied: memory does not
// grow with their number. Errors are those of [Plurality].
func InstantRunoff(n int, ballots [][]int, opts *CountOptions) (RunoffResult, error) {
	r, err := tally.InstantRunoff(n, ballots, opts.tally())
	if err != nil {
		return RunoffResult{}, fromTallyError(err, n)
	}
	out := RunoffResult{Resolution: fromOutcome(r.Outcome), Winner: r.Winner, Tied: r.Tied, Ballots: r.Ballots,
		Rounds: make([]RunoffRound, len(r.Rounds))}
	for i, x := range r.Rounds {
		out.Rounds[i] = RunoffRound{
			Number: x.Number, Counts: x.Counts, Continuing: x.Continuing, Exhausted: x.Exhausted,
			Eliminated: x.Eliminated, TieBreak: fromTieBreak(x.TieBreak), Transfers: x.Transfers, ToExhausted: x.ToExhausted,
		}
	}
	return out, nil
}

func (r RunoffResult) toTally() tally.RunoffResult {
	out := tally.RunoffResult{Decision: decision(r.Resolution, r.Winner, r.Tied), Ballots: r.Ballots,
		Rounds: make([]tally.RunoffRound, len(r.Rounds))}
	for i, x := range r.Rounds {
		out.Rounds[i] = tally.RunoffRound{
			Number: x.Number, Counts: x.Counts, Continuing: x.Continuing, Exhausted: x.Exhausted,
			Eliminated: x.Eliminated, TieBreak: x.TieBreak.toTally(), Transfers: x.Transfers, ToExhausted: x.ToExhausted,
		}
	}
	return out
}

// Report renders every round of the runoff as text: the counts of the
// continuing options, the exhausted ballots, each elimination with its
// transfers, and the winner. names is as for [CountResult.Report].
func (r RunoffResult) Report(names []string) string { return r.toTally().Report(names) }

// String returns Report(nil).
func (r RunoffResult) String() string { return r.Report(nil) }
