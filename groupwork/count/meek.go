package count

import (
	"iter"
	"math/bits"
	"slices"

	"github.com/helpingwork/helping/internal/enum"
)

// STVMethod names the rules of a single transferable vote count: how a
// surplus passes on and how the quota is kept. Both methods use the Droop
// quota, transfer every ballot of an excluded option and elect the same
// people whenever the transfers leave no doubt; they differ when votes
// pass through options that are already elected.
//
// The zero STVMethod is unspecified and never valid (an [Options] with a
// zero STV counts by [ScottishSTV]). The constants are never reordered;
// their text forms are stable.
type STVMethod uint8

// The methods.
const (
	// ScottishSTV transfers a surplus once, by the weighted inclusive
	// Gregory method, and keeps the quota fixed, as the Scottish local
	// government rules do (The Scottish Local Government Elections Order
	// 2007, SSI 2007/42, Schedule 1). A ballot never goes back to an
	// option elected before it arrived. See [STV].
	ScottishSTV STVMethod = iota + 1
	// MeekSTV gives every elected option a keep value, the fraction of
	// each vote reaching it that it keeps, and passes the rest of the vote
	// on at once, to elected and hopeful options alike; the keep values
	// and a quota that shrinks as votes exhaust are iterated until every
	// elected option holds the quota to within [MeekTolerance]. Brian
	// Meek's method (1969), as given by I. D. Hill, B. A. Wichmann and D.
	// R. Woodall, "Algorithm 123: Single Transferable Vote by Meek's
	// method", The Computer Journal 30(3), 1987, and counted here by the
	// Proportional Representation Foundation's "Reference Meek Rule"
	// (prfound.org), whose fixed-point rules are those of New Zealand's
	// STV calculator (Local Electoral Regulations 2001, Schedule 1A). See
	// [STV].
	MeekSTV
)

var stvMethods = enum.New[STVMethod]("STV method", "unspecified", "scottish", "meek")

// STVMethods yields every valid STV method in order.
func STVMethods() iter.Seq[STVMethod] { return stvMethods.Values() }

// ParseSTVMethod returns the method named s, "scottish" or "meek". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseSTVMethod(s string) (STVMethod, error) { return stvMethods.ParseText(s) }

// IsValid reports whether m is one of the named methods.
func (m STVMethod) IsValid() bool { return stvMethods.Valid(m) }

// String returns the method's name, such as "meek".
func (m STVMethod) String() string { return stvMethods.String(m) }

// MarshalText returns the method's name. An invalid method is an error.
func (m STVMethod) MarshalText() ([]byte, error) { return stvMethods.Text(m) }

// UnmarshalText sets m to the method named by b. On error m is unchanged.
func (m *STVMethod) UnmarshalText(b []byte) error { return stvMethods.Unmarshal(b, m) }

// MeekTolerance is the surplus at which a [MeekSTV] count stops iterating
// the keep values: when the elected options together hold less than
// 0.000001 of a vote above the quota, the surpluses are spent. It is the
// omega of the Reference Meek Rule.
const MeekTolerance Value = 1_000

// stvMethod returns the method opts selects, or its error.
func stvMethod(opts *Options) (STVMethod, error) {
	if opts == nil || opts.STV == 0 {
		return ScottishSTV, nil
	}
	if !opts.STV.IsValid() {
		return 0, &RangeError{What: "STV method", Value: int(opts.STV), Min: int(ScottishSTV), Max: int(MeekSTV), Err: ErrSTVMethod}
	}
	return opts.STV, nil
}

// mulUp returns ceil(a*b/den) for non-negative a and b and positive den,
// with a 128-bit intermediate product; the quotient must fit in a Value
// (it always does here: den is at least as large as one factor's bound).
func mulUp(a, b, den Value) Value {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, r := bits.Div64(hi, lo, uint64(den))
	if r != 0 {
		q++
	}
	return Value(q)
}

// meekCount is a count by [MeekSTV]: the keep values and the state of
// every option. Each iteration reads every ballot once and keeps nothing
// per ballot.
type meekCount struct {
	ballots [][]int
	tree    *rankTree // the ballots merged by ranking, or nil
	p       priority
	seats   int
	valid   int

	status []stvStatus // hopeful, elected or excluded
	keep   []Value
	votes  []Value
	// exhausted is the value of the ballots' remainders that no option
	// kept, at the last distribution.
	exhausted Value

	res     STVResult
	history [][]Value
}

func newMeekCount(n, seats, valid int, ballots [][]int, p priority) *meekCount {
	c := &meekCount{
		ballots: ballots,
		p:       p,
		seats:   seats,
		valid:   valid,
		status:  make([]stvStatus, n),
		keep:    make([]Value, n),
		votes:   make([]Value, n),
	}
	for o := range c.keep {
		c.keep[o] = Unit
	}
	c.res = STVResult{Method: MeekSTV, Seats: seats, Ballots: len(ballots), Blank: len(ballots) - valid}
	return c
}

// distribute passes every ballot down its ranking: each option keeps its
// keep value's share of what reaches it (rounded up to the ninth decimal
// place, so that no value is lost: what one option keeps, the next does not
// receive) and passes the rest on; what the last option passes on is
// exhausted.
func (c *meekCount) distribute() {
	clear(c.votes)
	var exhausted Value
	if c.tree != nil {
		for _, r := range c.tree.root {
			if r >= 0 {
				c.walk(r, Unit, &exhausted)
			}
		}
		c.exhausted = exhausted
		return
	}
	for _, b := range c.ballots {
		if len(b) == 0 {
			continue
		}
		w := Unit
		for _, o := range b {
			k := c.keep[o]
			if k == 0 {
				continue
			}
			kept := w
			if k != Unit {
				kept = mulUp(w, k, Unit)
			}
			c.votes[o] += kept
			w -= kept
			if w == 0 {
				break
			}
		}
		exhausted += w
	}
	c.exhausted = exhausted
}

// walk distributes at once all the ballots whose rankings begin with the
// path to node i, each of which reaches the node with value w: every one
// is rounded as distribute rounds a single ballot, so the votes are the
// same.
func (c *meekCount) walk(i int32, w Value, exhausted *Value) {
	node := &c.tree.nodes[i]
	if k := c.keep[node.option]; k != 0 {
		kept := w
		if k != Unit {
			kept = mulUp(w, k, Unit)
		}
		c.votes[node.option] += Value(node.through) * kept
		w -= kept
		if w == 0 {
			return
		}
	}
	*exhausted += Value(node.ends) * w
	for ch := node.child; ch >= 0; ch = c.tree.nodes[ch].sibling {
		c.walk(ch, w, exhausted)
	}
}

// iterate runs the iterations of one round: distribute the votes, set the
// quota, elect the hopefuls who reach it (ending the round), or else lower
// the keep values of the elected until their total surplus is below
// [MeekTolerance] or stops falling. It returns the quota, the total surplus,
// the options elected (highest first) and the number of iterations.
func (c *meekCount) iterate() (quota, surplus Value, reached []int, iterations int) {
	last := Value(c.valid) * Unit
	for {
		iterations++
		c.distribute()
		quota = sumOf(c.votes)/Value(c.seats+1) + 1
		for o, s := range c.status {
			if s == hopeful && c.votes[o] >= quota {
				reached = append(reached, o)
			}
		}
		surplus = 0
		for o, s := range c.status {
			if s == elected || (s == hopeful && c.votes[o] >= quota) {
				surplus += c.votes[o] - quota
			}
		}
		surplus = max(surplus, 0)
		if len(reached) > 0 || surplus < MeekTolerance || surplus >= last {
			return quota, surplus, byTotal(reached, c.votes), iterations
		}
		last = surplus
		for o, s := range c.status {
			if s == elected && c.votes[o] > 0 {
				c.keep[o] = mulUp(mulUp(c.keep[o], quota, Unit), Unit, c.votes[o])
			}
		}
	}
}

func (c *meekCount) run() STVResult {
	var prev *STVRound
	for number := 1; ; number++ {
		round := STVRound{Number: number}
		if c.valid > 0 {
			q, s, reached, iterations := c.iterate()
			round.Quota, round.Surplus, round.Iterations = q, s, iterations
			round.Elected = reached
			for _, o := range reached {
				c.status[o] = elected
				c.res.Elected = append(c.res.Elected, o)
			}
		}
		round.Totals = slices.Clone(c.votes)
		round.KeepValues = slices.Clone(c.keep)
		round.Exhausted = c.exhausted
		if prev != nil {
			prev.Transfers = make([]Value, len(c.votes))
			for o := range c.votes {
				prev.Transfers[o] = round.Totals[o] - prev.Totals[o]
			}
			prev.ToExhausted = round.Exhausted - prev.Exhausted
		}
		done := c.step(&round)
		c.res.Rounds = append(c.res.Rounds, round)
		if done {
			last := &c.res.Rounds[len(c.res.Rounds)-1]
			last.Action = CountEnds
			c.res.Quota = last.Quota
			return c.res
		}
		c.history = append(c.history, round.Totals)
		prev = &c.res.Rounds[len(c.res.Rounds)-1]
	}
}

// step decides what follows a round: the end of the count (true), the
// surplus of newly elected options, or an exclusion.
func (c *meekCount) step(round *STVRound) bool {
	if c.valid == 0 {
		c.res.Resolution = NoPreference
		return true
	}
	if len(c.res.Elected) >= c.seats {
		c.res.Resolution = Chosen
		return true
	}
	hopefuls := c.with(hopeful)
	left := c.seats - len(c.res.Elected)
	if len(hopefuls) <= left {
		round.Deemed = byTotal(hopefuls, round.Totals)
		for _, o := range round.Deemed {
			c.status[o] = elected
			c.res.Elected = append(c.res.Elected, o)
		}
		c.res.Resolution = Chosen
		return true
	}
	if len(round.Elected) > 0 {
		round.Action, round.From = TransferSurplus, round.Elected
		return false
	}
	return c.exclude(round, hopefuls, left)
}

// exclude excludes the hopeful with the fewest votes. Hopefuls whose votes
// are within the total surplus of the fewest are tied with it (the
// surplus, not yet spent, could reorder them); they are excluded together
// when together, with all of the surplus, they still hold fewer votes than
// any other hopeful, and otherwise the tie is broken by [TieBreak]'s policy.
func (c *meekCount) exclude(round *STVRound, hopefuls []int, left int) bool {
	low := hopefuls[0]
	for _, o := range hopefuls {
		if round.Totals[o] < round.Totals[low] {
			low = o
		}
	}
	var tied []int
	for _, o := range hopefuls {
		if round.Totals[o] <= round.Totals[low]+round.Surplus {
			tied = append(tied, o)
		}
	}
	out := tied
	if len(tied) > 1 {
		if group := meekGroup(tied, hopefuls, round.Totals, round.Surplus, left); group != nil {
			round.TieBreak = &TieBreak{Tied: tied, Method: TieTogether, Chosen: group}
			out = group
		} else {
			round.TieBreak = breakTie(tied, c.history, c.p, true)
			if round.TieBreak.Method == TieUnbroken {
				c.res.Resolution = Tied
				c.res.Tied = round.TieBreak.Chosen
				return true
			}
			out = round.TieBreak.Chosen
		}
	}
	round.Action, round.From = Exclude, out
	for _, o := range out {
		c.status[o] = excluded
		c.keep[o] = 0
	}
	return false
}

// meekGroup returns, ascending, the smallest group of the lowest hopefuls
// that contains every tied option and that holds, together with the whole
// surplus, fewer votes than any hopeful outside it, leaving at least as
// many hopefuls as seats to fill; nil when there is none. No transfer can
// lift any member of such a group above a hopeful outside it, so excluding
// its members one by one would exclude them all: together is the same.
func meekGroup(tied, hopefuls []int, totals []Value, surplus Value, left int) []int {
	sorted := byTotal(hopefuls, totals)
	slices.Reverse(sorted)
	var sum Value
	for _, o := range sorted[:len(tied)] {
		sum += totals[o]
	}
	for k := len(tied); k < len(sorted) && len(sorted)-k >= left; k++ {
		if sum+surplus < totals[sorted[k]] {
			group := slices.Clone(sorted[:k])
			slices.Sort(group)
			return group
		}
		sum += totals[sorted[k]]
	}
	return nil
}

// with lists, ascending, the options of status s.
func (c *meekCount) with(s stvStatus) []int {
	var out []int
	for o, x := range c.status {
		if x == s {
			out = append(out, o)
		}
	}
	return out
}
