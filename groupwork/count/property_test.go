package count

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/quick"

	"github.com/stretchr/testify/assert"
)

// The property tests draw random small elections from a seed with
// testing/quick, check each rule against its plain reference
// (reference_test.go) and check laws that hold for every election. A
// failure names its seed, which reproduces the election exactly.

// recorder collects the failures of one drawn case, so that a failing seed
// is reported once with everything that went wrong.
type recorder struct{ msgs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// forSeeds runs check on seeds drawn by testing/quick and fails the test
// with the seed and the messages of every failing case.
func forSeeds(t *testing.T, check func(a *assert.Assertions, rng *rand.Rand)) {
	t.Helper()
	f := func(seed uint64) bool {
		rec := &recorder{}
		check(assert.New(rec), rand.New(rand.NewPCG(seed, 0x7a11e)))
		if len(rec.msgs) > 0 {
			t.Errorf("seed %d:\n%s", seed, strings.Join(rec.msgs, "\n"))
			return false
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 400}); err != nil {
		t.Error(err)
	}
}

// election is a random small election: up to 5 options and 30 ballots,
// with partial and empty ballots, and sometimes a declared priority.
type election struct {
	n       int
	ballots [][]int
	prio    []int
}

func (e election) opts() *Options {
	if e.prio == nil {
		return nil
	}
	return &Options{Priority: e.prio}
}

func drawElection(rng *rand.Rand) election {
	n := 1 + rng.IntN(5)
	// A small pool of rankings makes repeated ballots, and so ties, likely.
	pool := make([][]int, 1+rng.IntN(6))
	for i := range pool {
		pool[i] = drawRanking(rng, n)
	}
	e := election{n: n, ballots: make([][]int, rng.IntN(31))}
	for i := range e.ballots {
		e.ballots[i] = pool[rng.IntN(len(pool))]
	}
	switch rng.IntN(3) {
	case 1:
		e.prio = rng.Perm(n)
	case 2:
		e.prio = rng.Perm(n)[:rng.IntN(n+1)]
	}
	return e
}

// drawRanking draws a ranked ballot of 0..n options, possibly empty.
func drawRanking(rng *rand.Rand, n int) []int {
	return rng.Perm(n)[:rng.IntN(n+1)]
}

func shuffled(rng *rand.Rand, ballots [][]int) [][]int {
	out := append([][]int(nil), ballots...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// checkRule checks a rule against its reference, that it leaves the
// ballots as they were, and that the order of the ballots does not matter.
func checkRule[R any](a *assert.Assertions, rng *rand.Rand, e election, count func(election) (R, error), ref func(election) R) R {
	before := deepCopy(e.ballots)
	got, err := count(e)
	a.NoError(err)
	a.Equal(ref(e), got, "against the reference")
	a.Equal(before, deepCopy(e.ballots), "ballots modified")
	again, err := count(election{n: e.n, ballots: shuffled(rng, e.ballots), prio: e.prio})
	a.NoError(err)
	a.Equal(got, again, "the order of the ballots changed the result")
	return got
}

func TestPropertyPlurality(t *testing.T) {
	forSeeds(t, func(a *assert.Assertions, rng *rand.Rand) {
		checkRule(a, rng, drawElection(rng),
			func(e election) (CountResult, error) { return Plurality(e.n, e.ballots, e.opts()) },
			func(e election) CountResult { return refPlurality(e.n, e.ballots, e.prio) })
	})
}

func TestPropertyApproval(t *testing.T) {
	forSeeds(t, func(a *assert.Assertions, rng *rand.Rand) {
		checkRule(a, rng, drawElection(rng),
			func(e election) (CountResult, error) { return Approval(e.n, e.ballots, e.opts()) },
			func(e election) CountResult { return refApproval(e.n, e.ballots, e.prio) })
	})
}

func TestPropertyInstantRunoff(t *testing.T) {
	forSeeds(t, func(a *assert.Assertions, rng *rand.Rand) {
		e := drawElection(rng)
		r := checkRule(a, rng, e,
			func(e election) (RunoffResult, error) { return InstantRunoff(e.n, e.ballots, e.opts()) },
			func(e election) RunoffResult { return refIRV(e.n, e.ballots, e.prio) })
		for _, round := range r.Rounds {
			a.Equal(len(e.ballots), round.Live()+round.Exhausted, "every ballot is somewhere")
		}
		if r.Resolution == Chosen {
			last := r.Rounds[len(r.Rounds)-1]
			a.Greater(2*last.Counts[r.Winner], last.Live(), "the winner holds a majority")
		}
	})
}

func TestPropertySchulze(t *testing.T) {
	forSeeds(t, func(a *assert.Assertions, rng *rand.Rand) {
		e := drawElection(rng)
		r := checkRule(a, rng, e,
			func(e election) (SchulzeResult, error) { return Schulze(e.n, e.ballots, e.opts()) },
			func(e election) SchulzeResult { return refSchulze(e.n, e.ballots, e.prio) })
		if r.CondorcetWinner >= 0 && r.Resolution == Chosen {
			a.Equal(r.CondorcetWinner, r.Winner, "Schulze elects the Condorcet winner")
		}
	})
}

func TestPropertySTV(t *testing.T) {
	forSeeds(t, func(a *assert.Assertions, rng *rand.Rand) {
		e := drawElection(rng)
		seats := 1 + rng.IntN(e.n)
		r := checkRule(a, rng, e,
			func(e election) (STVResult, error) { return STV(e.n, seats, e.ballots, e.opts()) },
			func(e election) STVResult { return refSTV(e.n, seats, e.ballots, e.prio) })
		valid := Value(r.Ballots-r.Blank) * Unit
		for _, round := range r.Rounds {
			a.Equal(valid, sumOf(round.Totals)+round.Exhausted+round.Lost, "value is conserved")
			a.GreaterOrEqual(round.Lost, Value(0))
		}
		if r.Resolution == Chosen {
			a.Len(r.Elected, seats)
		}
	})
}

// TestPropertyMotions checks the motion rules against exact rational
// arithmetic, and Needed against a search for the fewest passing yes votes.
func TestPropertyMotions(t *testing.T) {
	forSeeds(t, func(a *assert.Assertions, rng *rand.Rand) {
		yes, no, abstain := rng.IntN(41), rng.IntN(41), rng.IntN(11)
		vs := makeVotes(yes, no, abstain)
		rng.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
		eligible := len(vs) + rng.IntN(21)
		den := 1 + rng.IntN(12)
		f := Fraction{rng.IntN(den+3) - 1, den}

		atLeastF := func(y, base int) bool { // y/base >= f, exactly
			return base > 0 && big.NewRat(int64(y), int64(base)).Cmp(big.NewRat(int64(f.Num), int64(f.Den))) >= 0
		}
		fewest := func(base int, passes func(y int) bool) int {
			for y := 1; y <= base; y++ {
				if passes(y) {
					return y
				}
			}
			return 1
		}

		r, err := SimpleMajority(vs)
		a.NoError(err)
		a.Equal(yes > no, r.Passed)
		a.Equal(fewest(yes+no, func(y int) bool { return 2*y > yes+no }), r.Needed)

		r, err = AbsoluteMajority(vs, eligible)
		a.NoError(err)
		a.Equal(2*yes > eligible, r.Passed)
		a.Equal(fewest(eligible, func(y int) bool { return 2*y > eligible }), r.Needed)

		r, err = Supermajority(vs, f)
		if !(2*f.Num > f.Den && f.Num <= f.Den) {
			a.ErrorIs(err, ErrFraction)
			return
		}
		a.NoError(err)
		a.Equal(atLeastF(yes, yes+no), r.Passed)
		a.Equal(fewest(yes+no, func(y int) bool { return atLeastF(y, yes+no) }), r.Needed)

		r, err = SupermajorityOfEligible(vs, f, eligible)
		a.NoError(err)
		a.Equal(atLeastF(yes, eligible), r.Passed)
		a.Equal(fewest(eligible, func(y int) bool { return atLeastF(y, eligible) }), r.Needed)
	})
}

// TestPropertyMeek checks Meek STV against the reference on random small
// elections, and that it never loses value; with one seat it elects the
// instant runoff's winner whenever neither count meets a tie.
func TestPropertyMeek(t *testing.T) {
	forSeeds(t, func(a *assert.Assertions, rng *rand.Rand) {
		e := drawElection(rng)
		seats := 1 + rng.IntN(e.n)
		meekOpts := func(e election) *Options { return &Options{Priority: e.prio, STV: MeekSTV} }
		r := checkRule(a, rng, e,
			func(e election) (STVResult, error) { return STV(e.n, seats, e.ballots, meekOpts(e)) },
			func(e election) STVResult { return refMeek(e.n, seats, e.ballots, e.prio) })
		valid := Value(r.Ballots-r.Blank) * Unit
		for _, round := range r.Rounds {
			a.Equal(valid, sumOf(round.Totals)+round.Exhausted, "value is conserved")
			a.Zero(round.Lost)
		}
		if r.Resolution == Chosen {
			a.Len(r.Elected, seats)
		}
		if seats != 1 || r.Resolution != Chosen {
			return
		}
		irv, err := InstantRunoff(e.n, e.ballots, nil)
		a.NoError(err)
		ties := false
		for _, round := range r.Rounds {
			ties = ties || round.TieBreak != nil
		}
		for _, round := range irv.Rounds {
			ties = ties || round.TieBreak != nil
		}
		if irv.Resolution == Chosen && !ties {
			a.Equal(irv.Winner, r.Elected[0], "one seat: the instant runoff's winner")
		}
	})
}
