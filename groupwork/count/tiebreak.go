package count

import (
	"fmt"
	"iter"
	"slices"

	"github.com/helpingwork/helping/internal/enum"
)

// Options holds the choices a group declares before it counts. A nil
// *Options means the defaults: no priority order, so a tie that earlier
// rounds cannot separate is reported as [Tied].
type Options struct {
	// Priority is the declared order of the options for breaking ties, most
	// favoured first: for example the order of a lot drawn in public before
	// the vote and written into the minutes. It is consulted only after the
	// earlier rounds have failed to separate the tied options. Among tied
	// options, the one listed first wins a tie for first place, and the one
	// listed last (or not listed at all) loses a tie for elimination.
	// Options that are not listed rank below every listed option and equal
	// to one another, so a tie between two unlisted options stays a tie.
	// The list may be partial; it must not name an option twice or one
	// outside 0..n-1.
	Priority []int
	// STV selects the rules of a single transferable vote count ([STV]):
	// [ScottishSTV] or [MeekSTV]. The zero value means ScottishSTV; any
	// other value outside the named methods is an error wrapping
	// [ErrSTVMethod]. The other rules ignore it.
	STV STVMethod
}

// decision is the single-winner part of a result.
type decision struct {
	res    Resolution
	winner int
	tied   []int
}

func decided(winner int) decision { return decision{res: Chosen, winner: winner} }

func tiedDecision(tied []int) decision { return decision{res: Tied, winner: -1, tied: tied} }

func noVotes() decision { return decision{res: NoPreference, winner: -1} }

// TieMethod says how a count handled a tie.
//
// The zero TieMethod is unspecified and never valid. The constants are in
// the order the policy tries them, never reordered; their text forms are
// stable.
type TieMethod uint8

// The tie methods. The policy is described at [TieBreak].
const (
	// TieTogether: options tied for elimination were eliminated together
	// (with, where needed, the next-lowest options, to make a group that
	// cannot win), because the order between them could not change the
	// result; see each rule for when that holds. No lot is needed for a
	// choice that does not matter.
	TieTogether TieMethod = iota + 1
	// TieByEarlierRound: the tie was broken backwards, by the most recent
	// earlier round in which the tied options had different counts.
	TieByEarlierRound
	// TieByPriority: the tie was broken by the declared
	// [Options.Priority].
	TieByPriority
	// TieUnbroken: the policy could not separate the options.
	TieUnbroken
)

var tieMethods = enum.New[TieMethod]("tie method", "unspecified",
	"together", "by-earlier-round", "by-priority", "unbroken")

// tiePhrases are the methods in plain words, for reports.
var tiePhrases = [...]string{"", "eliminated together", "by an earlier round", "by the declared priority", "unbroken"}

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

func (m TieMethod) phrase() string {
	if m.IsValid() {
		return tiePhrases[m]
	}
	return m.String()
}

// TieBreak records one tie and how the policy handled it, so that a result
// can explain itself.
//
// The policy is the same for every rule, and it never uses chance at count
// time:
//
//  1. For an elimination only: if the order among the tied options cannot
//     change the result, they are eliminated together ([TieTogether]).
//  2. Backwards through earlier rounds ([TieByEarlierRound]): look at the most
//     recent earlier round in which the tied options had different counts;
//     keep only those with the fewest votes there (for an elimination) or the
//     most (for first place); repeat further back until one is left. This is
//     the rule of the Scottish STV rules (2007) and of many city
//     ordinances for instant runoff.
//  3. The declared priority order ([TieByPriority]), fixed before the vote.
//  4. Otherwise [TieUnbroken]: the count stops and reports the tie.
//
// Rules with a single round (plurality, approval, Schulze) skip step 2.
type TieBreak struct {
	// Tied lists, ascending, the options that were tied.
	Tied []int `json:"tied,omitempty"`
	// Method says how the tie was handled.
	Method TieMethod `json:"method"`
	// Round is the 1-based round whose counts separated the options when
	// Method is TieByEarlierRound, otherwise 0.
	Round int `json:"round"`
	// Chosen lists, ascending, the options the policy picked (to eliminate,
	// to elect, or to go first), or, when Method is TieUnbroken, the options it
	// could not separate.
	Chosen []int `json:"chosen,omitempty"`
}

// String describes the tie in one line, with options as numbers.
func (t *TieBreak) String() string { return t.describe(optionName(nil)) }

func (t *TieBreak) describe(name func(int) string) string {
	s := fmt.Sprintf("tie between %s, %s", joinNames(t.Tied, name), t.Method.phrase())
	if t.Method == TieByEarlierRound {
		s += fmt.Sprintf(" (round %d)", t.Round)
	}
	if t.Method == TieUnbroken {
		return s + ": " + joinNames(t.Chosen, name) + " still tied"
	}
	return s + ": " + joinNames(t.Chosen, name)
}

// priority is a validated Options.Priority: rank[o] is o's position in the
// list, or len(list) when o is not listed.
type priority struct {
	rank   []int
	listed int
}

func newPriority(n int, opts *Options) (priority, error) {
	var list []int
	if opts != nil {
		list = opts.Priority
	}
	if err := newChecker(n).check(-1, list); err != nil {
		return priority{}, err
	}
	rank := make([]int, n)
	for o := range rank {
		rank[o] = len(list)
	}
	for p, o := range list {
		rank[o] = p
	}
	return priority{rank: rank, listed: len(list)}, nil
}

// pick returns the option among cands (at least two) that the priority
// favours most (first is true) or least (first is false), and whether that
// option is unique.
func (p priority) pick(cands []int, first bool) (int, bool) {
	best, count := -1, 0
	for _, o := range cands {
		r := p.rank[o]
		better := best < 0 || (first && r < p.rank[best]) || (!first && r > p.rank[best])
		switch {
		case better:
			best, count = o, 1
		case r == p.rank[best]:
			count++
		}
	}
	return best, count == 1
}

// amount is the type of a count: whole ballots or fixed-point values.
type amount interface{ ~int | ~int64 }

// extremes returns, ascending, the options among cands whose count is the
// lowest (lowest is true) or the highest.
func extremes[T amount](cands []int, counts []T, lowest bool) []int {
	var out []int
	for _, o := range cands {
		if len(out) > 0 {
			c, e := counts[o], counts[out[0]]
			if c == e {
				out = append(out, o)
				continue
			}
			if (c > e) == lowest {
				continue
			}
			out = out[:0]
		}
		out = append(out, o)
	}
	slices.Sort(out)
	return out
}

// breakTie applies steps 2 to 4 of the policy to tied (ascending, at least
// two options). history holds the counts of the earlier rounds, oldest
// first. lowest says the tie is for elimination.
func breakTie[T amount](tied []int, history [][]T, p priority, lowest bool) *TieBreak {
	t := &TieBreak{Tied: tied}
	cands := tied
	for r := len(history) - 1; r >= 0 && len(cands) > 1; r-- {
		next := extremes(cands, history[r], lowest)
		if len(next) < len(cands) {
			t.Round = r + 1
		}
		cands = next
	}
	if len(cands) == 1 {
		t.Method, t.Chosen = TieByEarlierRound, cands
		return t
	}
	t.Round = 0
	if o, ok := p.pick(cands, !lowest); ok {
		t.Method, t.Chosen = TieByPriority, []int{o}
		return t
	}
	t.Method, t.Chosen = TieUnbroken, slices.Clone(cands)
	return t
}
