package count

import (
	"math"
	"slices"
)

// RunoffRound is one count of an instant runoff and what was decided on it.
type RunoffRound struct {
	// Number is the round's number, from 1.
	Number int `json:"number"`
	// Counts holds, per option, the ballots whose highest-ranked continuing
	// option it is. Options no longer continuing hold 0.
	Counts []int `json:"counts,omitempty"`
	// Continuing lists, ascending, the options still in the count.
	Continuing []int `json:"continuing,omitempty"`
	// Exhausted is the number of ballots that rank no continuing option,
	// empty ballots included. They take no further part, and the majority
	// is reckoned without them.
	Exhausted int `json:"exhausted"`
	// Eliminated lists, ascending, the options eliminated after this count;
	// it is nil in the last round. Why: the option had the fewest votes, or,
	// when several tied for fewest, TieBreak says how they were separated.
	Eliminated []int `json:"eliminated,omitempty"`
	// TieBreak records how a tie for fewest votes was handled, if there was
	// one (also in the last round when it ended in an unbroken tie).
	TieBreak *TieBreak `json:"tie_break,omitempty"`
	// Transfers holds, per option, the change in its count caused by the
	// elimination: minus its count for an eliminated option, the ballots
	// received for the others. It is nil in the last round.
	Transfers []int `json:"transfers,omitempty"`
	// ToExhausted is the number of ballots the elimination exhausted: they
	// rank no option left in the count.
	ToExhausted int `json:"to_exhausted"`
}

// Live returns the number of ballots still counting in the round: those not
// exhausted.
func (r *RunoffRound) Live() int { return sumOf(r.Counts) }

// RunoffResult is the full record of an instant runoff.
type RunoffResult struct {
	// Resolution is [Chosen], [Tied] or [NoPreference].
	Resolution Resolution `json:"resolution"`
	// Winner is the winning option when Resolution is Chosen, otherwise -1.
	Winner int `json:"winner"`
	// Tied lists, ascending, the options the tie-break policy could not
	// separate when Resolution is Tied; otherwise it is nil.
	Tied []int `json:"tied,omitempty"`
	// Ballots is the number of ballots read.
	Ballots int `json:"ballots"`
	// Rounds records every count, in order.
	Rounds []RunoffRound `json:"rounds,omitempty"`
}

// InstantRunoff elects one option by instant runoff, also called the
// alternative vote or ranked-choice voting.
//
// Every ballot counts for its highest-ranked option still in the count. If
// an option holds more than half of the ballots that still count (ballots
// that rank no continuing option are exhausted and left out of the
// reckoning), it wins. Otherwise the option with the fewest votes is
// eliminated, its ballots pass to their next continuing choice, and the
// count repeats. Every round is recorded with its counts, its exhausted
// ballots, who was eliminated and why, and where the votes went.
//
// Ties for fewest votes follow the policy of [TieBreak]. First, if the tied
// options, with as few of the next-lowest options as needed, hold fewer
// votes together than any other continuing option, that whole group is
// eliminated at once: none of them can win, and eliminating them in any
// order gives the same winner (see the San Francisco Charter's simultaneous
// elimination). Otherwise the most recent earlier round that separates the
// tied options decides, then [Options.Priority]; otherwise the count stops
// as [Tied].
//
// Sources: William Robert Ware's single-winner form (about 1871) of Thomas
// Hare's transferable vote; the modern rule as in the San Francisco Charter,
// §13.102, here with a declared tie-break instead of a lot drawn at count
// time.
//
// Why groups use it: members can vote for their true first choice without
// fear of "wasting" the vote, and the winner is acceptable to a majority of
// those who expressed a preference between the last options standing.
//
// The ballots are read once, to check them and to merge them into a tree
// of rankings: one node for each different beginning of a ranking, with
// the number of ballots that begin so, as a clerk stacks identical ballots
// together. Short rankings (as many options as a table of at most 32,768
// slots, and of no more slots than ballots, can number: three of 25
// options, all of five) are first tallied in that table, one slot per
// possible ranking, as marks on a tally sheet, and join the tree once each
// with their number of ballots. Each later round counts the tree, not the
// ballots, so the cost of the rounds grows with the number of different
// rankings, not with ballots times rounds. When the ballots are too varied for a tree of one node per
// 16 ballots, they are sorted instead into piles by the option they count
// for (4 bytes a ballot), and an elimination reads only the ballots of the
// options eliminated. Either way the ballots are never copied.
func InstantRunoff(n int, ballots [][]int, opts *Options) (RunoffResult, error) {
	way := countAuto
	if len(ballots) > math.MaxInt32 {
		way = countRescan
	}
	return instantRunoff(n, ballots, opts, way)
}

// countWay is how an instant runoff moves ballots between rounds; every
// way gives the same result.
type countWay uint8

const (
	// countAuto merges the ballots into a ranking tree, or uses piles
	// when they are too varied for a small tree.
	countAuto countWay = iota
	// countRescan keeps nothing and reads every ballot again in every
	// round: the package uses it only for more ballots than a pile's int32
	// index can number, and the benchmarks as the baseline.
	countRescan
	// countPiles and countTree force one way, for the tests.
	countPiles
	countTree
)

// instantRunoff is [InstantRunoff], counted the given way.
func instantRunoff(n int, ballots [][]int, opts *Options, way countWay) (RunoffResult, error) {
	if err := checkN(n); err != nil {
		return RunoffResult{}, err
	}
	p, err := newPriority(n, opts)
	if err != nil {
		return RunoffResult{}, err
	}
	counts := make([]int, n)
	c := runoff{ballots: ballots, p: p, cont: newContinuing(n)}
	if way == countAuto || way == countTree {
		limit := len(ballots) / rankTreeShare
		if way == countTree {
			limit = math.MaxInt32
		}
		c.tree = newRankTree(n, limit)
		ok, err := c.tree.fillShort(ballots, counts)
		if err != nil {
			return RunoffResult{}, err
		}
		if !ok {
			c.tree, c.piles = nil, newPiles(n, ballots)
		}
		return c.run(counts), nil
	}
	if _, err := firstPreferences(n, ballots, counts); err != nil {
		return RunoffResult{}, err
	}
	if way == countPiles {
		c.piles = newPiles(n, ballots)
	}
	return c.run(counts), nil
}

// rankTreeShare bounds the ranking tree of an instant runoff to one node
// for every rankTreeShare ballots (16 bytes a node: 1 byte a ballot);
// ballots too varied for that are counted with piles instead.
const rankTreeShare = 16

type runoff struct {
	ballots [][]int
	p       priority
	cont    continuing
	tree    *rankTree // the ballots merged by ranking, or nil
	piles   *piles    // nil when every round rescans the ballots or counts the tree
	rounds  []RunoffRound
	history [][]int
}

func (c *runoff) run(counts []int) RunoffResult {
	res := RunoffResult{Ballots: len(c.ballots)}
	for {
		round := RunoffRound{
			Number:     len(c.rounds) + 1,
			Counts:     counts,
			Continuing: c.cont.list(),
		}
		live := sumOf(counts)
		round.Exhausted = len(c.ballots) - live
		if d, done := c.decide(&round, live); done {
			res.set(d)
			c.rounds = append(c.rounds, round)
			break
		}
		for _, o := range round.Eliminated {
			c.cont.remove(o)
		}
		next := c.transfer(counts, round.Eliminated)
		round.Transfers = make([]int, len(counts))
		for o := range next {
			round.Transfers[o] = next[o] - counts[o]
		}
		round.ToExhausted = live - sumOf(next)
		c.rounds = append(c.rounds, round)
		c.history = append(c.history, counts)
		counts = next
	}
	res.Rounds = c.rounds
	return res
}

// transfer returns the counts after the options out (no longer continuing)
// have passed their ballots on.
func (c *runoff) transfer(counts, out []int) []int {
	next := make([]int, len(counts))
	if c.tree != nil {
		c.tree.recount(&c.cont, next)
		return next
	}
	if c.piles == nil {
		c.cont.recount(c.ballots, next)
		return next
	}
	copy(next, counts)
	for _, o := range out {
		next[o] = 0
		c.piles.move(o, c.ballots, &c.cont, next)
	}
	return next
}

// piles sorts the ballots still counting by the option they count for, so
// that an elimination reads only the ballots of the options eliminated: a
// count's cost grows with the ballots transferred, not with ballots times
// rounds, as a count by hand moves only the eliminated candidates' piles.
// Each pile is a linked list threaded through one slice of ballot indices,
// so the piles take 4 bytes a ballot and three allocations in all.
type piles struct {
	head []int32 // head[o] is the first ballot of o's pile, or -1
	next []int32 // next[i] is the ballot after ballot i in its pile, or -1
}

func newPiles(n int, ballots [][]int) *piles {
	p := &piles{head: make([]int32, n), next: make([]int32, len(ballots))}
	for o := range p.head {
		p.head[o] = -1
	}
	// Backwards, so that each pile starts in ballot order and its first
	// transfer reads the ballots in the order they lie in memory.
	for i := len(ballots) - 1; i >= 0; i-- {
		if b := ballots[i]; len(b) > 0 {
			p.next[i], p.head[b[0]] = p.head[b[0]], int32(i)
		}
	}
	return p
}

// move passes every ballot of o's pile to its highest-ranked continuing
// option, adding it to that option's count, or lets it drop out exhausted.
func (p *piles) move(o int, ballots [][]int, cont *continuing, counts []int) {
	i := p.head[o]
	p.head[o] = -1
	for i >= 0 {
		after := p.next[i]
		if to := cont.first(ballots[i]); to >= 0 {
			p.next[i], p.head[to] = p.head[to], i
			counts[to]++
		}
		i = after
	}
}

// decide looks at one count: it reports the final decision, or fills in
// the options to eliminate.
func (c *runoff) decide(round *RunoffRound, live int) (decision, bool) {
	if live == 0 {
		return noVotes(), true
	}
	top := extremes(round.Continuing, round.Counts, false)
	if 2*round.Counts[top[0]] > live {
		return decided(top[0]), true
	}
	low := extremes(round.Continuing, round.Counts, true)
	if len(low) == 1 {
		round.Eliminated = low
		return decision{}, false
	}
	if group := eliminationGroup(low, round.Continuing, round.Counts); group != nil {
		round.TieBreak = &TieBreak{Tied: low, Method: TieTogether, Chosen: group}
		round.Eliminated = group
		return decision{}, false
	}
	t := breakTie(low, c.history, c.p, true)
	round.TieBreak = t
	if t.Method == TieUnbroken {
		return tiedDecision(t.Chosen), true
	}
	round.Eliminated = t.Chosen
	return decision{}, false
}

// eliminationGroup returns, ascending, the smallest group of the lowest
// continuing options that contains every option of low (tied for fewest
// votes) and holds fewer votes together than any continuing option outside
// it; nil when only the whole field would do.
//
// Eliminating such a group one by one removes all of it before any other
// option, whatever the order: its members never hold more votes between
// them than the group held, and every other option holds more. No option of
// the group can reach a majority meanwhile, and an option outside it that
// would reach one still has it once the whole group is gone. So the winner
// is the same for every order, and no tie-break is needed. (This is the
// "simultaneous elimination" of candidates who cannot win that San
// Francisco's and other cities' rules allow; here it is used only to
// settle ties.)
func eliminationGroup(low, continuing, counts []int) []int {
	sorted := slices.Clone(continuing)
	slices.SortStableFunc(sorted, func(a, b int) int { return counts[a] - counts[b] })
	sum := 0
	for _, o := range sorted[:len(low)] {
		sum += counts[o]
	}
	for k := len(low); k < len(sorted); k++ {
		if sum < counts[sorted[k]] {
			group := sorted[:k:k]
			slices.Sort(group)
			return group
		}
		sum += counts[sorted[k]]
	}
	return nil
}

// continuing is the set of options still in a count: a bit mask when the
// options fit in one word, flags otherwise.
type continuing struct {
	n     int
	mask  uint64
	flags []bool
}

func newContinuing(n int) continuing {
	c := continuing{n: n}
	if n <= smallN {
		c.mask = ^uint64(0) >> (smallN - n)
		return c
	}
	c.flags = make([]bool, n)
	for o := range c.flags {
		c.flags[o] = true
	}
	return c
}

func (c *continuing) has(o int) bool {
	if c.flags == nil {
		return c.mask>>uint(o)&1 != 0
	}
	return c.flags[o]
}

func (c *continuing) remove(o int) {
	if c.flags == nil {
		c.mask &^= 1 << uint(o)
		return
	}
	c.flags[o] = false
}

func (c *continuing) list() []int {
	var out []int
	for o := range c.n {
		if c.has(o) {
			out = append(out, o)
		}
	}
	return out
}

// first returns the highest-ranked continuing option of b, or -1.
func (c *continuing) first(b []int) int {
	for _, o := range b {
		if c.has(o) {
			return o
		}
	}
	return -1
}

// recount adds each ballot to the count of its highest-ranked continuing
// option. It rescans the caller's ballots; it keeps nothing per ballot.
func (c *continuing) recount(ballots [][]int, counts []int) {
	if c.flags == nil {
		mask := c.mask
		for _, b := range ballots {
			for _, o := range b {
				if mask>>uint(o)&1 != 0 {
					counts[o]++
					break
				}
			}
		}
		return
	}
	for _, b := range ballots {
		for _, o := range b {
			if c.flags[o] {
				counts[o]++
				break
			}
		}
	}
}

func sumOf[T amount](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func (r *RunoffResult) set(d decision) { r.Resolution, r.Winner, r.Tied = d.res, d.winner, d.tied }
