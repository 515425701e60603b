package count

import (
	"cmp"
	"iter"
	"math"
	"slices"

	"github.com/helpingwork/helping/internal/enum"
)

// Action is what a single transferable vote count does after a round.
//
// The zero Action is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Action uint8

// The actions.
const (
	// CountEnds: nothing follows; the count is over (all seats filled, a
	// tie the policy cannot break, or no votes).
	CountEnds Action = iota + 1
	// TransferSurplus: an elected option's votes above the quota pass on.
	TransferSurplus
	// Exclude: the option(s) with the fewest votes are excluded and their
	// ballots pass on at their current value.
	Exclude
)

var actions = enum.New[Action]("action", "unspecified", "count-ends", "transfer-surplus", "exclude")

// Actions yields every valid action in order.
func Actions() iter.Seq[Action] { return actions.Values() }

// ParseAction returns the action named s, such as "exclude". Unknown text
// is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseAction(s string) (Action, error) { return actions.ParseText(s) }

// IsValid reports whether a is one of the named actions.
func (a Action) IsValid() bool { return actions.Valid(a) }

// String returns the action's name, such as "transfer-surplus".
func (a Action) String() string { return actions.String(a) }

// MarshalText returns the action's name. An invalid action is an error.
func (a Action) MarshalText() ([]byte, error) { return actions.Text(a) }

// UnmarshalText sets a to the action named by b. On error a is unchanged.
func (a *Action) UnmarshalText(b []byte) error { return actions.Unmarshal(b, a) }

// STVRound is one count (a "stage") of a single transferable vote and what
// was decided on it.
type STVRound struct {
	// Number is the round's number, from 1.
	Number int `json:"number"`
	// Totals holds, per option, the value of the ballots it holds. An
	// elected option whose surplus has been transferred keeps exactly the
	// quota; an excluded option holds 0.
	Totals []Value `json:"totals,omitempty"`
	// Exhausted is the value of the ballots that rank no continuing option
	// (by [MeekSTV], also the parts of ballots that every option they rank
	// passed on).
	Exhausted Value `json:"exhausted"`
	// Lost is the value lost so far by rounding transfers down to the
	// ninth decimal place; it is never negative and stays tiny. A
	// [MeekSTV] count loses nothing: it is always 0.
	Lost Value `json:"lost"`
	// Quota is the quota of this round, for [MeekSTV] only, where it falls
	// as votes exhaust: the votes the options hold, divided by seats + 1,
	// truncated to nine places, plus 0.000000001. Zero for [ScottishSTV],
	// whose quota is fixed ([STVResult.Quota]).
	Quota Value `json:"quota,omitempty"`
	// KeepValues holds, per option, the fraction of each vote reaching it
	// that the option keeps, for [MeekSTV] only: 1 for a hopeful, 0 for an
	// excluded option, and for an elected one the value the iterations
	// settled on. These are the values that gave Totals.
	KeepValues []Value `json:"keep_values,omitempty"`
	// Iterations is the number of times a [MeekSTV] round distributed the
	// ballots before its keep values settled or someone was elected.
	Iterations int `json:"iterations,omitempty"`
	// Elected lists the options that reached the quota at this count,
	// highest total first.
	Elected []int `json:"elected,omitempty"`
	// Deemed lists the options elected without reaching the quota because
	// only as many options were left as seats to fill, highest total first.
	Deemed []int `json:"deemed,omitempty"`
	// Action is what follows this count.
	Action Action `json:"action"`
	// From lists the option whose surplus is transferred, or the option(s)
	// excluded; nil when the count ends.
	From []int `json:"from,omitempty"`
	// Surplus and Total give the transfer fraction of a TransferSurplus:
	// every ballot the option holds passes on at Surplus/Total of its value.
	// By [MeekSTV], Surplus is the total surplus of the elected options
	// when the round's iterations stopped (what the next round still has
	// to pass on), and Total is 0: each elected option's keep value says
	// how its votes pass on.
	Surplus Value `json:"surplus"`
	Total   Value `json:"total"`
	// TieBreak records how a tie (for exclusion, or between equal
	// surpluses) was handled, if there was one.
	TieBreak *TieBreak `json:"tie_break,omitempty"`
	// Transfers holds, per option, the change in its total caused by the
	// Action (negative for the option it came from); nil in the last round.
	Transfers []Value `json:"transfers,omitempty"`
	// ToExhausted and ToLost are the value the Action sent to exhausted
	// ballots and lost to rounding.
	ToExhausted Value `json:"to_exhausted"`
	ToLost      Value `json:"to_lost"`
}

// STVResult is the full record of a single transferable vote count.
type STVResult struct {
	// Method is the rules the count followed: [ScottishSTV] or [MeekSTV].
	Method STVMethod `json:"method"`
	// Resolution is [Chosen], [Tied] or [NoPreference].
	Resolution Resolution `json:"resolution"`
	// Seats is the number of seats filled by the count.
	Seats int `json:"seats"`
	// Elected lists the elected options in the order of their election
	// (all of them when Resolution is Chosen; those elected before the
	// count stopped when it is Tied).
	Elected []int `json:"elected,omitempty"`
	// Tied lists, ascending, the options the tie-break policy could not
	// separate when Resolution is Tied.
	Tied []int `json:"tied,omitempty"`
	// Ballots is the number of ballots read; Blank of them ranked nothing
	// and are not counted (they do not enter the quota).
	Ballots int `json:"ballots"`
	Blank   int `json:"blank"`
	// Quota is the Droop quota: floor(valid ballots / (seats + 1)) + 1 by
	// [ScottishSTV]; by [MeekSTV], the quota of the last round, the one
	// the count ended with.
	Quota Value `json:"quota"`
	// Rounds records every count, in order.
	Rounds []STVRound `json:"rounds,omitempty"`
}

// STV elects seats options by the single transferable vote. By default it
// counts with the Droop quota and the weighted inclusive Gregory method of
// transferring surpluses ([ScottishSTV]), as in the Scottish local
// government STV rules (The Scottish Local Government Elections Order
// 2007, SSI 2007/42, the rules for the counting of votes in Schedule 1);
// with [Options.STV] set to [MeekSTV], by Meek's method (below).
//
// The count, in plain words:
//
//  1. The quota is the smallest whole number of votes that only as many
//     options as there are seats can reach: floor(V/(seats+1)) + 1, where V
//     is the number of non-empty ballots (the Droop quota). Every ballot
//     starts at value 1 with its first choice.
//  2. After each count, every continuing option at or above the quota is
//     elected. If the seats are filled, the count ends; if only as many
//     continuing options are left as seats to fill, they are all elected.
//  3. Otherwise, if an elected option holds more than the quota, its surplus
//     is transferred, the largest surplus first: every ballot it holds
//     passes to its next continuing choice at surplus/total of its value
//     (weighted inclusive Gregory: all the ballots, at their current
//     values, not only the last parcel). The option keeps the quota.
//  4. Otherwise the continuing option with the fewest votes is excluded, and
//     all its ballots pass on at their current values, in one step.
//  5. Ballots skip options that are excluded or that were elected before
//     the ballot reached them. A ballot with no continuing choice left is
//     exhausted.
//
// Exact arithmetic: values are fixed-point integers with nine decimal places
// ([Value]); each ballot's new value is rounded down, and what rounding
// loses is recorded in [STVRound.Lost], as a hand count records its "loss
// by fractions".
// Differences from the Scottish rules, declared: values keep nine decimal
// places rather than five; an excluded option's ballots are transferred in
// one step rather than in parcels by value; and options tied for
// exclusion are excluded together when the order of their exclusion
// cannot change the result (below), where the rules would draw lots
// between them. A tie the rules settle by lot is settled here by
// [Options.Priority], so a group that draws its lot before the vote gets
// the count the rules give. Counted this way, the 21 wards of Glasgow's
// election of 2007 elect the councillors the council declared, where the
// record was checked (see the package's tests).
//
// Ties follow the policy of [TieBreak]. For an exclusion, the options tied
// for fewest votes are excluded together, with as few of the next-lowest
// hopefuls as needed, when the order of their exclusion cannot change the
// result: the group holds fewer votes than any other hopeful, no other
// hopeful would reach the quota with all of them, and enough hopefuls stay
// for the seats (options tied at zero votes are the simplest case). This
// is the instant runoff's simultaneous elimination, with the quota's
// condition added. Otherwise, and between equal surpluses, the most recent earlier round that separates the
// tied options decides (the one with fewest votes there is excluded; the
// one with most votes there has its surplus transferred first), then
// [Options.Priority]; otherwise the count stops as [Tied].
//
// Meek's method: with [Options.STV] set to [MeekSTV], the count follows the Reference Meek
// Rule of the Proportional Representation Foundation, the fixed-point form
// of I. D. Hill, B. A. Wichmann and D. R. Woodall, "Algorithm 123: Single
// Transferable Vote by Meek's method" (The Computer Journal, 1987), with
// the rounding of New Zealand's STV rules (Local Electoral Regulations
// 2001, Schedule 1A):
//
//  1. Every option has a keep value: 1 while hopeful, 0 once excluded.
//     Each ballot, worth 1, goes down its ranking: each option keeps its
//     keep value's share of what reaches it (rounded up to nine decimal
//     places) and passes the rest on, to elected and hopeful options alike;
//     what passes the last option is exhausted.
//  2. The quota is the votes the options hold, divided by seats + 1,
//     truncated to nine places, plus 0.000000001: it falls as ballots
//     exhaust, so that no vote is wasted on an unreachable quota.
//  3. A hopeful at or above the quota is elected, and a new round begins.
//     Otherwise each elected option's keep value is multiplied by
//     quota/votes (each step rounded up), the ballots are distributed
//     again, and so on until the elected options' total surplus is below
//     [MeekTolerance] or stops falling.
//  4. Then the hopeful with the fewest votes is excluded. Hopefuls within
//     the total surplus of the fewest are tied with it; they are excluded
//     together when, with the whole surplus, they still hold fewer votes
//     than any other hopeful (the Reference Rule breaks such ties by lot
//     and excludes them one by one, with the same result); other ties
//     follow the policy below.
//  5. The count ends when the seats are filled or when only as many
//     hopefuls remain as seats; those are elected after one more
//     distribution (the Reference Rule elects them without it).
//
// Each round records the quota, every option's votes and keep value, the
// number of iterations and the remaining surplus; nothing is lost to
// rounding, so the votes and the exhausted value always add up to the
// valid ballots. The count agrees, figure for figure, with the Reference
// Rule's published counts (see the package's tests). Meek's method asks a
// computer: no hand count iterates keep values. What it buys is fairness
// to voters whose later choices reach an option already elected: their
// vote passes through at the keep value instead of skipping it, and the
// quota does not count exhausted votes.
//
// Why groups use it: when a group elects several people (a committee, the
// delegates to a federation), the single transferable vote gives every
// sizeable part of the group a seat in proportion to its size, instead of
// letting the largest faction take every seat.
//
// The ballots are read once, to check them and merge identical rankings
// into a tree (one node per different beginning of a ranking, with the
// number of ballots that begin so), and never copied. Each round (by
// Meek's method, each iteration) replays every path of the tree from its
// first choice against the record of which options were excluded or
// elected and when, exactly as it would replay each of the path's ballots,
// so a round costs as much as the number of different rankings, not the
// number of ballots. Ballots too varied for a tree of one node per 16
// ballots are replayed one by one instead, and then nothing is kept per
// ballot.
func STV(n, seats int, ballots [][]int, opts *Options) (STVResult, error) {
	if err := checkN(n); err != nil {
		return STVResult{}, err
	}
	if seats < 1 || seats > n {
		return STVResult{}, &RangeError{What: "seats", Value: seats, Min: 1, Max: n, Err: ErrSeats}
	}
	p, err := newPriority(n, opts)
	if err != nil {
		return STVResult{}, err
	}
	method, err := stvMethod(opts)
	if err != nil {
		return STVResult{}, err
	}
	tree, valid, err := stvTree(n, ballots)
	if err != nil {
		return STVResult{}, err
	}
	if method == MeekSTV {
		c := newMeekCount(n, seats, valid, ballots, p)
		c.tree = tree
		return c.run(), nil
	}
	c := newSTVCount(n, seats, valid, ballots, p)
	c.tree = tree
	return c.run(), nil
}

// stvStatus is the state of an option during an STV count.
type stvStatus uint8

const (
	hopeful     stvStatus = iota // still in the count, not elected
	elected                      // elected; holds its ballots (surplus pending or none)
	transferred                  // elected; surplus transferred
	excluded
)

type stvCount struct {
	ballots [][]int
	// tree merges the ballots by ranking; when it is nil (ballots too
	// varied), each round replays the ballots themselves.
	tree  *rankTree
	p     priority
	seats int
	valid int
	quota Value

	status []stvStatus
	// electedAt[o] is the round at which o reached the quota.
	electedAt []int
	// movedAt[o] is the round at whose count o's ballots first stood with
	// their next choice: the round after o's exclusion or surplus transfer.
	movedAt []int
	// surplus[o]/total[o] is the transfer fraction of a transferred option.
	surplus, total []Value

	res     STVResult
	history [][]Value
}

func newSTVCount(n, seats, valid int, ballots [][]int, p priority) *stvCount {
	c := &stvCount{
		ballots:   ballots,
		p:         p,
		seats:     seats,
		valid:     valid,
		quota:     Value(valid/(seats+1)+1) * Unit,
		status:    make([]stvStatus, n),
		electedAt: make([]int, n),
		movedAt:   make([]int, n),
		surplus:   make([]Value, n),
		total:     make([]Value, n),
	}
	for o := range n {
		c.electedAt[o] = math.MaxInt
		c.movedAt[o] = math.MaxInt
	}
	c.res = STVResult{Method: ScottishSTV, Seats: seats, Ballots: len(ballots), Blank: len(ballots) - valid, Quota: c.quota}
	return c
}

func (c *stvCount) run() STVResult {
	totals, exhausted := c.count()
	for number := 1; ; number++ {
		round := STVRound{Number: number, Totals: totals, Exhausted: exhausted}
		round.Lost = Value(c.valid)*Unit - sumOf(totals) - exhausted
		if c.step(&round) {
			round.Action = CountEnds
			c.res.Rounds = append(c.res.Rounds, round)
			return c.res
		}
		c.history = append(c.history, totals)
		next, nextExhausted := c.count()
		round.Transfers = make([]Value, len(totals))
		for o := range next {
			round.Transfers[o] = next[o] - totals[o]
		}
		round.ToExhausted = nextExhausted - exhausted
		round.ToLost = -(sumOf(round.Transfers) + round.ToExhausted)
		c.res.Rounds = append(c.res.Rounds, round)
		totals, exhausted = next, nextExhausted
	}
}

// step decides on one count: it elects, and either ends the count (true)
// or fills in the action that leads to the next round.
func (c *stvCount) step(round *STVRound) bool {
	if c.valid == 0 {
		c.res.Resolution = NoPreference
		return true
	}
	round.Elected = c.electQuota(round)
	if len(c.res.Elected) == c.seats {
		c.res.Resolution = Chosen
		return true
	}
	hopefuls := c.with(hopeful)
	if len(hopefuls) == c.seats-len(c.res.Elected) {
		round.Deemed = byTotal(hopefuls, round.Totals)
		for _, o := range round.Deemed {
			c.elect(o, round.Number)
		}
		c.res.Resolution = Chosen
		return true
	}
	if c.transferSurplus(round) {
		return round.Action == CountEnds
	}
	return c.exclude(round, hopefuls)
}

// electQuota elects every hopeful at or above the quota, highest first.
func (c *stvCount) electQuota(round *STVRound) []int {
	var reached []int
	for _, o := range c.with(hopeful) {
		if round.Totals[o] >= c.quota {
			reached = append(reached, o)
		}
	}
	reached = byTotal(reached, round.Totals)
	for _, o := range reached {
		c.elect(o, round.Number)
	}
	return reached
}

func (c *stvCount) elect(o, number int) {
	c.status[o] = elected
	c.electedAt[o] = number
	c.res.Elected = append(c.res.Elected, o)
}

// transferSurplus picks the largest pending surplus and sets up its
// transfer. It reports false when no surplus is pending; when equal
// surpluses cannot be ordered it ends the count with a tie.
func (c *stvCount) transferSurplus(round *STVRound) bool {
	pending := c.with(elected)
	surplus := make([]Value, len(round.Totals))
	var cands []int
	for _, o := range pending {
		if s := round.Totals[o] - c.quota; s > 0 {
			surplus[o] = s
			cands = append(cands, o)
		}
	}
	if len(cands) == 0 {
		return false
	}
	top := extremes(cands, surplus, false)
	o := top[0]
	if len(top) > 1 {
		round.TieBreak = breakTie(top, c.history, c.p, false)
		if round.TieBreak.Method == TieUnbroken {
			c.tie(round.TieBreak.Chosen)
			round.Action = CountEnds
			return true
		}
		o = round.TieBreak.Chosen[0]
	}
	round.Action, round.From = TransferSurplus, []int{o}
	round.Surplus, round.Total = surplus[o], round.Totals[o]
	c.status[o] = transferred
	c.surplus[o], c.total[o] = surplus[o], round.Totals[o]
	c.movedAt[o] = round.Number + 1
	return true
}

// exclude picks the hopeful(s) to exclude, or ends the count with a tie.
func (c *stvCount) exclude(round *STVRound, hopefuls []int) bool {
	low := extremes(hopefuls, round.Totals, true)
	out := low
	if len(low) > 1 {
		left := c.seats - len(c.res.Elected)
		if group := exclusionGroup(low, hopefuls, round.Totals, c.quota, left); group != nil {
			round.TieBreak = &TieBreak{Tied: low, Method: TieTogether, Chosen: group}
			out = group
		} else {
			round.TieBreak = breakTie(low, c.history, c.p, true)
			if round.TieBreak.Method == TieUnbroken {
				c.tie(round.TieBreak.Chosen)
				return true
			}
			out = round.TieBreak.Chosen
		}
	}
	round.Action, round.From = Exclude, out
	for _, o := range out {
		c.status[o] = excluded
		c.movedAt[o] = round.Number + 1
	}
	return false
}

// exclusionGroup returns, ascending, the smallest group of the lowest
// hopefuls that contains every option of low (tied for fewest votes) and
// that excluding one by one, in any order, would exclude whole, with the
// same totals at the end; nil when there is none. That holds when:
//
//   - the group holds fewer votes together than any hopeful outside it, so
//     its members stay the lowest while their ballots move among them;
//   - no hopeful outside it reaches the quota even if it received every
//     vote of the group, so no one is elected, and no surplus moves,
//     between the exclusions;
//   - at least as many hopefuls stay outside it as seats remain, so the
//     count does not end, with seats filled by default, before the whole
//     group is out.
//
// Then the order among the tied options cannot change the result, and
// excluding them together needs no lot.
func exclusionGroup(low, hopefuls []int, totals []Value, quota Value, left int) []int {
	sorted := slices.Clone(hopefuls)
	slices.SortStableFunc(sorted, func(a, b int) int { return cmp.Compare(totals[a], totals[b]) })
	highest := totals[sorted[len(sorted)-1]]
	var sum Value
	for _, o := range sorted[:len(low)] {
		sum += totals[o]
	}
	for k := len(low); k < len(sorted) && len(sorted)-k >= left; k++ {
		if sum < totals[sorted[k]] && sum+highest < quota {
			group := sorted[:k:k]
			slices.Sort(group)
			return group
		}
		sum += totals[sorted[k]]
	}
	return nil
}

func (c *stvCount) tie(tied []int) {
	c.res.Resolution = Tied
	c.res.Tied = tied
}

// with lists, ascending, the options of status s.
func (c *stvCount) with(s stvStatus) []int {
	var out []int
	for o, x := range c.status {
		if x == s {
			out = append(out, o)
		}
	}
	return out
}

// count replays every non-empty ballot against the record and returns the
// totals of the options and the value of the exhausted ballots.
func (c *stvCount) count() ([]Value, Value) {
	totals := make([]Value, len(c.status))
	var exhausted Value
	if c.tree != nil {
		for _, r := range c.tree.root {
			if r >= 0 {
				c.walk(r, 1, Unit, totals, &exhausted)
			}
		}
	}
	for _, b := range c.ballotsToReplay() {
		if len(b) == 0 {
			continue
		}
		if o, w := c.holder(b); o >= 0 {
			totals[o] += w
		} else {
			exhausted += w
		}
	}
	for o, s := range c.status {
		if s == transferred {
			totals[o] = c.total[o] - c.surplus[o]
		}
	}
	return totals, exhausted
}

// ballotsToReplay returns the ballots count reads one by one: none when
// the tree holds them.
func (c *stvCount) ballotsToReplay() [][]int {
	if c.tree != nil {
		return nil
	}
	return c.ballots
}

// walk is holder for all the ballots whose rankings begin with the path to
// node i at once: they have all reached it at round at with value w, and
// each is rounded as holder rounds it, so that the totals are the same.
func (c *stvCount) walk(i int32, at int, w Value, totals []Value, exhausted *Value) {
	node := &c.tree.nodes[i]
	o := node.option
	switch c.status[o] {
	case hopeful:
		totals[o] += Value(node.through) * w
		return
	case excluded:
		at = max(at, c.movedAt[o])
	case elected:
		if c.electedAt[o] >= at {
			totals[o] += Value(node.through) * w
			return
		}
	case transferred:
		if c.electedAt[o] >= at {
			w = mulDiv(w, c.surplus[o], c.total[o])
			at = c.movedAt[o]
		}
	}
	*exhausted += Value(node.ends) * w
	for ch := node.child; ch >= 0; ch = c.tree.nodes[ch].sibling {
		c.walk(ch, at, w, totals, exhausted)
	}
}

// holder follows one ballot through the count so far and returns the option
// that holds it now (-1 when it is exhausted) and its current value.
//
// at is the round at which the ballot arrived with its current option. An
// excluded option passes the ballot on at once (its ballots moved at
// movedAt). An elected option that the ballot reached only after its
// election is skipped. One that held the ballot when elected keeps it, or,
// once its surplus is transferred, passes it on at the transfer fraction.
func (c *stvCount) holder(b []int) (int, Value) {
	at, w := 1, Unit
	for _, o := range b {
		switch c.status[o] {
		case hopeful:
			return o, w
		case excluded:
			at = max(at, c.movedAt[o])
		case elected:
			if c.electedAt[o] >= at {
				return o, w
			}
		case transferred:
			if c.electedAt[o] >= at {
				w = mulDiv(w, c.surplus[o], c.total[o])
				at = c.movedAt[o]
			}
		}
	}
	return -1, w
}

// byTotal returns opts sorted by total, highest first, then by option.
func byTotal(opts []int, totals []Value) []int {
	out := slices.Clone(opts)
	slices.SortStableFunc(out, func(a, b int) int {
		switch {
		case totals[a] > totals[b]:
			return -1
		case totals[a] < totals[b]:
			return 1
		}
		return a - b
	})
	return out
}
