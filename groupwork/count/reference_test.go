package count

import (
	"math/big"
	"slices"
	"sort"
)

// Reference implementations, written plainly and differently from the
// package: instant runoff and STV move ballots between piles, as a count by
// hand does, instead of rescanning them; Schulze finds strongest paths by
// trying every simple path; tie-breaks sort by priority. The property tests
// check the package against them on random small elections.

func refRank(prio []int, o int) int {
	for i, p := range prio {
		if p == o {
			return i
		}
	}
	return len(prio)
}

// refBreak applies the declared tie-break policy (backwards, then priority)
// to tied, with history the counts of the earlier rounds.
func refBreak(tied []int, history [][]int64, prio []int, lowest bool) *TieBreak {
	tb := &TieBreak{Tied: append([]int(nil), tied...)}
	cands := append([]int(nil), tied...)
	for r := len(history) - 1; r >= 0 && len(cands) > 1; r-- {
		ext := history[r][cands[0]]
		for _, o := range cands {
			if c := history[r][o]; (lowest && c < ext) || (!lowest && c > ext) {
				ext = c
			}
		}
		var keep []int
		for _, o := range cands {
			if history[r][o] == ext {
				keep = append(keep, o)
			}
		}
		if len(keep) < len(cands) {
			tb.Round = r + 1
		}
		cands = keep
	}
	if len(cands) == 1 {
		tb.Method, tb.Chosen = TieByEarlierRound, cands
		return tb
	}
	tb.Round = 0
	sorted := append([]int(nil), cands...)
	sort.SliceStable(sorted, func(i, j int) bool { return refRank(prio, sorted[i]) < refRank(prio, sorted[j]) })
	if lowest {
		last := len(sorted) - 1
		if refRank(prio, sorted[last]) != refRank(prio, sorted[last-1]) {
			tb.Method, tb.Chosen = TieByPriority, []int{sorted[last]}
			return tb
		}
	} else if refRank(prio, sorted[0]) != refRank(prio, sorted[1]) {
		tb.Method, tb.Chosen = TieByPriority, []int{sorted[0]}
		return tb
	}
	sort.Ints(cands)
	tb.Method, tb.Chosen = TieUnbroken, cands
	return tb
}

func refDecision(tb *TieBreak) decision {
	if tb.Method == TieUnbroken {
		return tiedDecision(tb.Chosen)
	}
	return decided(tb.Chosen[0])
}

// refSingle decides a single-round count.
func refSingle(counts []int, ballots, blank int, none bool, prio []int) CountResult {
	r := CountResult{Counts: counts, Ballots: ballots, Blank: blank}
	if none {
		r.set(noVotes())
		return r
	}
	best := 0
	for _, c := range counts {
		best = max(best, c)
	}
	var top []int
	for o, c := range counts {
		if c == best {
			top = append(top, o)
		}
	}
	if len(top) == 1 {
		r.set(decided(top[0]))
		return r
	}
	r.TieBreak = refBreak(top, nil, prio, false)
	r.set(refDecision(r.TieBreak))
	return r
}

func refPlurality(n int, ballots [][]int, prio []int) CountResult {
	counts := make([]int, n)
	blank := 0
	for _, b := range ballots {
		if len(b) == 0 {
			blank++
		} else {
			counts[b[0]]++
		}
	}
	return refSingle(counts, len(ballots), blank, blank == len(ballots), prio)
}

func refApproval(n int, ballots [][]int, prio []int) CountResult {
	counts := make([]int, n)
	blank, marks := 0, 0
	for _, b := range ballots {
		if len(b) == 0 {
			blank++
		}
		for _, o := range b {
			counts[o]++
			marks++
		}
	}
	return refSingle(counts, len(ballots), blank, marks == 0, prio)
}

func toInt64(xs []int) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = int64(x)
	}
	return out
}

// refIRV counts an instant runoff with piles: each ballot points at its
// current choice and moves only when that choice is eliminated.
func refIRV(n int, ballots [][]int, prio []int) RunoffResult {
	pos := make([]int, len(ballots))
	out := make([]bool, n)
	tally := func() ([]int, int) {
		counts, exhausted := make([]int, n), 0
		for i, b := range ballots {
			if pos[i] < len(b) {
				counts[b[pos[i]]]++
			} else {
				exhausted++
			}
		}
		return counts, exhausted
	}
	res := RunoffResult{Ballots: len(ballots)}
	var history [][]int64
	counts, exhausted := tally()
	for number := 1; ; number++ {
		var cont []int
		for o := range n {
			if !out[o] {
				cont = append(cont, o)
			}
		}
		round := RunoffRound{Number: number, Counts: counts, Continuing: cont, Exhausted: exhausted}
		live := len(ballots) - exhausted
		finish := func(d decision) RunoffResult {
			res.set(d)
			res.Rounds = append(res.Rounds, round)
			return res
		}
		if live == 0 {
			return finish(noVotes())
		}
		for _, o := range cont {
			if 2*counts[o] > live {
				return finish(decided(o))
			}
		}
		least := live
		for _, o := range cont {
			least = min(least, counts[o])
		}
		var low, others []int
		for _, o := range cont {
			if counts[o] == least {
				low = append(low, o)
			} else {
				others = append(others, o)
			}
		}
		elim := low
		if len(low) > 1 {
			// The smallest bottom group, holding every tied option, that
			// has fewer votes than any option outside it.
			var group []int
			sort.SliceStable(others, func(i, j int) bool { return counts[others[i]] < counts[others[j]] })
			for k := 0; k < len(others) && group == nil; k++ {
				sum := least * len(low)
				for _, o := range others[:k] {
					sum += counts[o]
				}
				if sum < counts[others[k]] {
					group = append(append([]int(nil), low...), others[:k]...)
					sort.Ints(group)
				}
			}
			if group != nil {
				round.TieBreak = &TieBreak{Tied: low, Method: TieTogether, Chosen: group}
				elim = group
			} else {
				round.TieBreak = refBreak(low, history, prio, true)
				if round.TieBreak.Method == TieUnbroken {
					return finish(refDecision(round.TieBreak))
				}
				elim = round.TieBreak.Chosen
			}
		}
		round.Eliminated = elim
		for _, o := range elim {
			out[o] = true
		}
		for i, b := range ballots {
			for pos[i] < len(b) && out[b[pos[i]]] {
				pos[i]++
			}
		}
		next, nextExhausted := tally()
		round.Transfers = make([]int, n)
		for o := range n {
			round.Transfers[o] = next[o] - counts[o]
		}
		round.ToExhausted = nextExhausted - exhausted
		res.Rounds = append(res.Rounds, round)
		history = append(history, toInt64(counts))
		counts, exhausted = next, nextExhausted
	}
}

// refSchulze computes the Schulze method from its definitions: pairwise
// counts from the positions on each ballot, and strongest paths by trying
// every simple path.
func refSchulze(n int, ballots [][]int, prio []int) SchulzeResult {
	position := func(b []int, o int) int {
		for i, x := range b {
			if x == o {
				return i
			}
		}
		return n // unranked: below every ranked option
	}
	d := make([][]int, n)
	nonEmpty := 0
	for x := range n {
		d[x] = make([]int, n)
	}
	for _, b := range ballots {
		if len(b) > 0 {
			nonEmpty++
		}
		for x := range n {
			for y := range n {
				if position(b, x) < position(b, y) {
					d[x][y]++
				}
			}
		}
	}
	link := func(x, y int) int {
		if d[x][y] > d[y][x] {
			return d[x][y]
		}
		return 0
	}
	p := make([][]int, n)
	for x := range n {
		p[x] = make([]int, n)
		for y := range n {
			if x == y {
				continue
			}
			visited := make([]bool, n)
			visited[x] = true
			var walk func(at, strength int)
			walk = func(at, strength int) {
				for next := range n {
					if visited[next] || link(at, next) == 0 {
						continue
					}
					s := min(strength, link(at, next))
					if next == y {
						p[x][y] = max(p[x][y], s)
						continue
					}
					visited[next] = true
					walk(next, s)
					visited[next] = false
				}
			}
			walk(x, int(^uint(0)>>1))
		}
	}
	r := SchulzeResult{Ballots: len(ballots), Pairwise: d, Strongest: p, CondorcetWinner: -1}
	for x := range n {
		beatsAll, potential := true, true
		for y := range n {
			if y == x {
				continue
			}
			if d[x][y] <= d[y][x] {
				beatsAll = false
			}
			if p[x][y] < p[y][x] {
				potential = false
			}
		}
		if beatsAll {
			r.CondorcetWinner = x
		}
		if potential {
			r.Potential = append(r.Potential, x)
		}
	}
	switch {
	case r.CondorcetWinner >= 0:
		r.set(decided(r.CondorcetWinner))
	case nonEmpty == 0:
		r.set(noVotes())
	case len(r.Potential) == 1:
		r.set(decided(r.Potential[0]))
	default:
		r.TieBreak = refBreak(r.Potential, nil, prio, false)
		r.set(refDecision(r.TieBreak))
	}
	return r
}

// refSTV counts a single transferable vote with piles of papers, each
// carrying its own value, moved one by one as a count by hand moves them.
func refSTV(n, seats int, ballots [][]int, prio []int) STVResult {
	const (
		hope = iota
		won  // elected, holding its papers
		done // elected, surplus transferred
		out
	)
	type paper struct {
		b     []int
		pos   int
		value Value
	}
	var papers []*paper
	for _, b := range ballots {
		if len(b) > 0 {
			papers = append(papers, &paper{b: b, value: Unit})
		}
	}
	valid := len(papers)
	quota := Value(valid/(seats+1)+1) * Unit
	res := STVResult{Method: ScottishSTV, Seats: seats, Ballots: len(ballots), Blank: len(ballots) - valid, Quota: quota}
	status := make([]int, n)
	kept := make([]Value, n)
	move := func(p *paper) {
		p.pos++
		for p.pos < len(p.b) && status[p.b[p.pos]] != hope {
			p.pos++
		}
	}
	totals := func() ([]Value, Value) {
		tot := make([]Value, n)
		var exhausted Value
		for _, p := range papers {
			if p.pos < len(p.b) {
				tot[p.b[p.pos]] += p.value
			} else {
				exhausted += p.value
			}
		}
		for o := range n {
			if status[o] == done {
				tot[o] = kept[o]
			}
		}
		return tot, exhausted
	}
	with := func(s int) []int {
		var list []int
		for o := range n {
			if status[o] == s {
				list = append(list, o)
			}
		}
		return list
	}
	byTotalDesc := func(list []int, tot []Value) []int {
		sorted := append([]int(nil), list...)
		sort.SliceStable(sorted, func(i, j int) bool {
			if tot[sorted[i]] != tot[sorted[j]] {
				return tot[sorted[i]] > tot[sorted[j]]
			}
			return sorted[i] < sorted[j]
		})
		return sorted
	}
	var history [][]int64
	tot, exhausted := totals()
	for number := 1; ; number++ {
		var sum Value
		for _, t := range tot {
			sum += t
		}
		round := STVRound{Number: number, Totals: tot, Exhausted: exhausted, Lost: Value(valid)*Unit - sum - exhausted}
		end := func(o Resolution) STVResult {
			res.Resolution = o
			round.Action = CountEnds
			res.Rounds = append(res.Rounds, round)
			return res
		}
		if valid == 0 {
			return end(NoPreference)
		}
		var reached []int
		for _, o := range with(hope) {
			if tot[o] >= quota {
				reached = append(reached, o)
			}
		}
		if len(reached) > 0 {
			round.Elected = byTotalDesc(reached, tot)
			for _, o := range round.Elected {
				status[o] = won
				res.Elected = append(res.Elected, o)
			}
		}
		if len(res.Elected) == seats {
			return end(Chosen)
		}
		hopefuls := with(hope)
		if len(hopefuls) == seats-len(res.Elected) {
			round.Deemed = byTotalDesc(hopefuls, tot)
			res.Elected = append(res.Elected, round.Deemed...)
			return end(Chosen)
		}
		var top []int
		var best Value
		for _, o := range with(won) {
			s := tot[o] - quota
			switch {
			case s <= 0:
			case s > best:
				best, top = s, []int{o}
			case s == best:
				top = append(top, o)
			}
		}
		if len(top) > 0 {
			o := top[0]
			if len(top) > 1 {
				round.TieBreak = refBreak(top, history, prio, false)
				if round.TieBreak.Method == TieUnbroken {
					res.Tied = round.TieBreak.Chosen
					return end(Tied)
				}
				o = round.TieBreak.Chosen[0]
			}
			total, surplus := tot[o], tot[o]-quota
			round.Action, round.From, round.Surplus, round.Total = TransferSurplus, []int{o}, surplus, total
			status[o], kept[o] = done, total-surplus
			for _, p := range papers {
				if p.pos < len(p.b) && p.b[p.pos] == o {
					v := new(big.Int).Mul(big.NewInt(int64(p.value)), big.NewInt(int64(surplus)))
					p.value = Value(v.Quo(v, big.NewInt(int64(total))).Int64())
					move(p)
				}
			}
		} else {
			least := tot[hopefuls[0]]
			for _, o := range hopefuls {
				least = min(least, tot[o])
			}
			var low []int
			for _, o := range hopefuls {
				if tot[o] == least {
					low = append(low, o)
				}
			}
			excl := low
			if len(low) > 1 {
				if group := refGroup(low, hopefuls, tot, quota, seats-len(res.Elected)); group != nil {
					round.TieBreak = &TieBreak{Tied: low, Method: TieTogether, Chosen: group}
					excl = group
				} else {
					round.TieBreak = refBreak(low, history, prio, true)
					if round.TieBreak.Method == TieUnbroken {
						res.Tied = round.TieBreak.Chosen
						return end(Tied)
					}
					excl = round.TieBreak.Chosen
				}
			}
			round.Action, round.From = Exclude, excl
			for _, o := range excl {
				status[o] = out
			}
			for _, p := range papers {
				if p.pos < len(p.b) && status[p.b[p.pos]] == out {
					move(p)
				}
			}
		}
		h := make([]int64, n)
		for o := range n {
			h[o] = int64(tot[o])
		}
		history = append(history, h)
		next, nextExhausted := totals()
		round.Transfers = make([]Value, n)
		var moved Value
		for o := range n {
			round.Transfers[o] = next[o] - tot[o]
			moved += round.Transfers[o]
		}
		round.ToExhausted = nextExhausted - exhausted
		round.ToLost = -(moved + round.ToExhausted)
		res.Rounds = append(res.Rounds, round)
		tot, exhausted = next, nextExhausted
	}
}

// refGroup finds the group of STV's simultaneous exclusion by trying every
// size: the k lowest hopefuls (k at least len(low)) whose sum is below
// every other hopeful, below the quota with the highest hopeful's votes
// added, and leaving at least left hopefuls.
func refGroup(low, hopefuls []int, tot []Value, quota Value, left int) []int {
	sorted := slices.Clone(hopefuls)
	sort.SliceStable(sorted, func(i, j int) bool { return tot[sorted[i]] < tot[sorted[j]] })
	for k := len(low); k < len(sorted); k++ {
		if len(sorted)-k < left {
			return nil
		}
		var sum, highest, next Value
		for _, o := range sorted[:k] {
			sum += tot[o]
		}
		next = tot[sorted[k]]
		for _, o := range sorted[k:] {
			highest = max(highest, tot[o])
			next = min(next, tot[o])
		}
		if sum < next && sum+highest < quota {
			group := slices.Clone(sorted[:k])
			slices.Sort(group)
			return group
		}
	}
	return nil
}
