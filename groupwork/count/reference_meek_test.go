package count

import (
	"math/big"
	"slices"
	"sort"
)

// refMeek counts by the Reference Meek Rule as its text reads, step by
// step, in big-integer arithmetic: every ballot is walked down its ranking
// with the keep values, the quota and the keep values are recomputed until
// an election, a total surplus below omega or a surplus that stops
// falling, and the lowest hopeful (with those within the surplus of it)
// is excluded. The fixed-point rounding is done with math/big, not with
// the package's 128-bit helper.
func refMeek(n, seats int, ballots [][]int, prio []int) STVResult {
	const (
		hope = iota
		won
		out
	)
	unit := big.NewInt(int64(Unit))
	// ceilDiv returns ceil(a*b/c).
	ceilDiv := func(a, b, c Value) Value {
		p := new(big.Int).Mul(big.NewInt(int64(a)), big.NewInt(int64(b)))
		q, r := new(big.Int).QuoRem(p, big.NewInt(int64(c)), new(big.Int))
		if r.Sign() > 0 {
			q.Add(q, big.NewInt(1))
		}
		return Value(q.Int64())
	}
	var valid int
	for _, b := range ballots {
		if len(b) > 0 {
			valid++
		}
	}
	res := STVResult{Method: MeekSTV, Seats: seats, Ballots: len(ballots), Blank: len(ballots) - valid}
	status := make([]int, n)
	kf := make([]Value, n)
	for o := range kf {
		kf[o] = Value(unit.Int64())
	}
	var history [][]int64
	var votes []Value
	var residual Value
	distribute := func() {
		votes = make([]Value, n)
		residual = 0
		for _, b := range ballots {
			if len(b) == 0 {
				continue
			}
			w := Unit
			for _, o := range b {
				if kf[o] == 0 || w == 0 {
					continue
				}
				keep := ceilDiv(w, kf[o], Unit)
				votes[o] += keep
				w -= keep
			}
			residual += w
		}
	}
	with := func(s int) []int {
		var r []int
		for o := range n {
			if status[o] == s {
				r = append(r, o)
			}
		}
		return r
	}
	for number := 1; ; number++ {
		round := STVRound{Number: number}
		if valid > 0 {
			last := Value(valid) * Unit
			for {
				round.Iterations++
				distribute()
				var total Value
				for _, v := range votes {
					total += v
				}
				q := total/Value(seats+1) + 1
				var reached []int
				for _, o := range with(hope) {
					if votes[o] >= q {
						reached = append(reached, o)
					}
				}
				sort.SliceStable(reached, func(i, j int) bool { return votes[reached[i]] > votes[reached[j]] })
				var s Value
				for _, o := range append(with(won), reached...) {
					s += votes[o] - q
				}
				round.Quota, round.Surplus = q, max(s, 0)
				if len(reached) > 0 {
					round.Elected = reached
					for _, o := range reached {
						status[o] = won
						res.Elected = append(res.Elected, o)
					}
					break
				}
				if round.Surplus < MeekTolerance || round.Surplus >= last {
					break
				}
				last = round.Surplus
				for _, o := range with(won) {
					kf[o] = ceilDiv(ceilDiv(kf[o], q, Unit), Unit, votes[o])
				}
			}
		}
		round.Totals = slices.Clone(votes)
		if round.Totals == nil {
			round.Totals = make([]Value, n)
		}
		round.KeepValues = slices.Clone(kf)
		round.Exhausted = residual
		if k := len(res.Rounds); k > 0 {
			prev := &res.Rounds[k-1]
			prev.Transfers = make([]Value, n)
			for o := range n {
				prev.Transfers[o] = round.Totals[o] - prev.Totals[o]
			}
			prev.ToExhausted = round.Exhausted - prev.Exhausted
		}
		end := func(r Resolution) STVResult {
			round.Action = CountEnds
			res.Rounds = append(res.Rounds, round)
			res.Resolution, res.Quota = r, round.Quota
			return res
		}
		if valid == 0 {
			return end(NoPreference)
		}
		hopefuls := with(hope)
		left := seats - len(res.Elected)
		if left <= 0 {
			return end(Chosen)
		}
		if len(hopefuls) <= left {
			deemed := slices.Clone(hopefuls)
			sort.SliceStable(deemed, func(i, j int) bool { return round.Totals[deemed[i]] > round.Totals[deemed[j]] })
			round.Deemed = deemed
			res.Elected = append(res.Elected, deemed...)
			return end(Chosen)
		}
		if len(round.Elected) > 0 {
			round.Action, round.From = TransferSurplus, round.Elected
		} else {
			least := round.Totals[hopefuls[0]]
			for _, o := range hopefuls {
				least = min(least, round.Totals[o])
			}
			var tied []int
			for _, o := range hopefuls {
				if round.Totals[o] <= least+round.Surplus {
					tied = append(tied, o)
				}
			}
			excl := tied
			if len(tied) > 1 {
				if group := refMeekGroup(tied, hopefuls, round.Totals, round.Surplus, left); group != nil {
					round.TieBreak = &TieBreak{Tied: tied, Method: TieTogether, Chosen: group}
					excl = group
				} else {
					round.TieBreak = refBreak(tied, history, prio, true)
					if round.TieBreak.Method == TieUnbroken {
						res.Tied = round.TieBreak.Chosen
						return end(Tied)
					}
					excl = round.TieBreak.Chosen
				}
			}
			round.Action, round.From = Exclude, excl
			for _, o := range excl {
				status[o], kf[o] = out, 0
			}
		}
		h := make([]int64, n)
		for o := range n {
			h[o] = int64(round.Totals[o])
		}
		history = append(history, h)
		res.Rounds = append(res.Rounds, round)
	}
}

// refMeekGroup tries every size k from len(tied): the k lowest hopefuls,
// whose votes with the surplus are below every other hopeful's, leaving at
// least left hopefuls.
func refMeekGroup(tied, hopefuls []int, tot []Value, surplus Value, left int) []int {
	sorted := slices.Clone(hopefuls)
	sort.SliceStable(sorted, func(i, j int) bool { return tot[sorted[i]] < tot[sorted[j]] })
	for k := len(tied); k < len(sorted) && len(sorted)-k >= left; k++ {
		var sum Value
		for _, o := range sorted[:k] {
			sum += tot[o]
		}
		ok := true
		for _, o := range sorted[k:] {
			ok = ok && sum+surplus < tot[o]
		}
		if ok {
			group := slices.Clone(sorted[:k])
			slices.Sort(group)
			return group
		}
	}
	return nil
}
