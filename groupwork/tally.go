package groupwork

import (
	"iter"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/internal/tally"
)

// The tally functions count plain ballots under one rule each, and return a
// result that carries everything needed to explain it. They are the same
// functions a [Proposal] uses when it closes, exported so that anyone can
// count, check and teach with them:
//
//   - yes/no motions: [SimpleMajority], [AbsoluteMajority], [Supermajority];
//   - a proposal everyone can live with: [Consensus], [Consent];
//   - a choice among options: [Plurality], [Approval], [InstantRunoff],
//     [Schulze];
//   - several seats: [STV].
//
// Options are numbered 0..n-1 and the caller keeps their names. A ranked
// ballot is a []int listing options most preferred first; it may rank
// fewer than n options, and an empty ballot expresses no preference. An
// approval ballot lists the approved options in any order. No ballot may
// list an option twice.
//
// The functions read the caller's ballots and never modify, copy, regroup
// or keep them: counting a million ballots holds no second copy of them,
// and rules with rounds read the ballots again on each round. They keep no
// state between calls and are safe for concurrent use, provided the caller
// does not change the ballots during a call.

// CountOptions holds what a group declares before it counts. A nil
// *CountOptions means the defaults: no priority order, so a tie that the
// earlier rounds cannot separate is reported as [Tied].
type CountOptions struct {
	// Priority is the declared order of the options for breaking ties, most
	// favoured first: for example the order of a lot drawn in public before
	// the vote and written into the minutes. It is consulted only after the
	// earlier rounds have failed to separate the tied options. Among tied
	// options, the one listed first wins a tie for first place, and the one
	// listed last (or not at all) loses a tie for elimination; unlisted
	// options are equal to one another. The list may be partial; it must
	// not name an option twice or one outside 0..n-1.
	Priority []int
}

func (o *CountOptions) tally() *tally.Options {
	if o == nil {
		return nil
	}
	return &tally.Options{Priority: o.Priority}
}

// TieMethod says how a count handled a tie.
//
// The zero TieMethod is unspecified and never valid. The constants are in
// the order the policy tries them, never reordered; their text forms are
// stable.
type TieMethod uint8

// The tie methods. The policy is described at [TieBreak].
const (
	// TieTogether: options tied for elimination were eliminated together,
	// because the order between them could not change the result (see each
	// rule for when that holds). No lot is needed for a choice that does
	// not matter.
	TieTogether TieMethod = iota + 1
	// TieByEarlierRound: the tie was broken backwards, by the most recent
	// earlier round in which the tied options had different counts.
	TieByEarlierRound
	// TieByPriority: the tie was broken by the declared
	// [CountOptions.Priority].
	TieByPriority
	// TieUnbroken: the policy could not separate the options.
	TieUnbroken
)

var tieMethods = enum.New[TieMethod]("tie method", "unspecified",
	"together", "by-earlier-round", "by-priority", "unbroken")

// TieMethods yields every valid tie method in order.
func TieMethods() iter.Seq[TieMethod] { return tieMethods.Values() }

// ParseTieMethod returns the method named s, such as "by-priority".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseTieMethod(s string) (TieMethod, error) { return tieMethods.ParseText(s) }

// IsValid reports whether m is one of the named methods.
func (m TieMethod) IsValid() bool { return tieMethods.Valid(m) }

// String returns the method's name, such as "by-earlier-round".
func (m TieMethod) String() string { return tieMethods.String(m) }

// MarshalText returns the method's name. An invalid method is an error.
func (m TieMethod) MarshalText() ([]byte, error) { return tieMethods.Text(m) }

// UnmarshalText sets m to the method named by b. On error m is unchanged.
func (m *TieMethod) UnmarshalText(b []byte) error { return tieMethods.Unmarshal(b, m) }

// TieBreak records one tie and how the count handled it, so that a result
// can explain itself.
//
// Ties are never broken at random at count time. The policy is the same for
// every rule:
//
//  1. For an elimination only: if the order among the tied options cannot
//     change the result, they are eliminated together ([TieTogether]).
//  2. Backwards through earlier rounds ([TieByEarlierRound]): look at the
//     most recent earlier round in which the tied options had different
//     counts; keep those with the fewest votes there (for an elimination)
//     or the most (for first place); repeat further back until one is
//     left. This is the rule of the Scottish STV rules (2007) and of many
//     city ordinances for instant runoff.
//  3. The declared priority order ([TieByPriority]), fixed before the vote.
//  4. Otherwise [TieUnbroken]: the count stops and reports the tie.
//
// Rules with a single round (plurality, approval, Schulze) skip step 2.
type TieBreak struct {
	// Tied lists, ascending, the options that were tied.
	Tied []int
	// Method says how the tie was handled.
	Method TieMethod
	// Round is the 1-based round whose counts separated the options when
	// Method is TieByEarlierRound, otherwise 0.
	Round int
	// Chosen lists, ascending, the options the policy picked (to eliminate,
	// to elect, or to go first), or, when Method is TieUnbroken, the
	// options it could not separate.
	Chosen []int
}

// String describes the tie in one line, with options as numbers.
func (t *TieBreak) String() string { return t.toTally().String() }

func fromTieBreak(t *tally.TieBreak) *TieBreak {
	if t == nil {
		return nil
	}
	return &TieBreak{Tied: t.Tied, Method: TieMethod(t.Method), Round: t.Round, Chosen: t.Chosen}
}

func (t *TieBreak) toTally() *tally.TieBreak {
	if t == nil {
		return nil
	}
	return &tally.TieBreak{Tied: t.Tied, Method: tally.TieMethod(t.Method), Round: t.Round, Chosen: t.Chosen}
}

// fromOutcome converts the counting core's outcome of a choice.
func fromOutcome(o tally.Outcome) Resolution {
	switch o {
	case tally.Decided:
		return Chosen
	case tally.Tie:
		return Tied
	case tally.NoVotes:
		return NoPreference
	}
	return 0
}

func (r Resolution) toOutcome() tally.Outcome {
	switch r {
	case Chosen:
		return tally.Decided
	case Tied:
		return tally.Tie
	case NoPreference:
		return tally.NoVotes
	}
	return 0
}

func decision(r Resolution, winner int, tied []int) tally.Decision {
	return tally.Decision{Outcome: r.toOutcome(), Winner: winner, Tied: tied}
}
