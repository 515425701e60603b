package count

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stvBothWays counts an STV election twice, over the ranking tree and by
// replaying every ballot, whatever the size of the tree.
func stvBothWays(t *testing.T, n, seats int, ballots [][]int, opts *Options) (tree, replay STVResult) {
	t.Helper()
	p, err := newPriority(n, opts)
	require.NoError(t, err)
	rt := newRankTree(n, math.MaxInt32)
	counts := make([]int, n)
	ok, err := rt.fill(ballots, counts)
	require.NoError(t, err)
	require.True(t, ok)
	rt.finish()
	valid := sumOf(counts)
	if opts != nil && opts.STV == MeekSTV {
		a := newMeekCount(n, seats, valid, ballots, p)
		a.tree = rt
		b := newMeekCount(n, seats, valid, ballots, p)
		return a.run(), b.run()
	}
	a := newSTVCount(n, seats, valid, ballots, p)
	a.tree = rt
	b := newSTVCount(n, seats, valid, ballots, p)
	return a.run(), b.run()
}

// TestRankTreeMatchesReplay counts random elections, wide ones included,
// by both STV methods over the tree of rankings and by replaying every
// ballot: the results are identical, round by round, to the last
// billionth of a vote.
func TestRankTreeMatchesReplay(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2026))
	for i := range 300 {
		n := 1 + r.IntN(8)
		if i%10 == 0 {
			n = 33 + r.IntN(40) // past the tables of children
		}
		ballots := make([][]int, r.IntN(400))
		for j := range ballots {
			ballots[j] = r.Perm(n)[:r.IntN(min(n, 5)+1)]
		}
		seats := 1 + r.IntN(n)
		for _, method := range []STVMethod{ScottishSTV, MeekSTV} {
			opts := &Options{Priority: r.Perm(n)[:r.IntN(n+1)], STV: method}
			tree, replay := stvBothWays(t, n, seats, ballots, opts)
			require.Equal(t, replay, tree, "election %d, %s", i, method)
		}
	}
}

// TestRankTreeLimit: a tree that would need more nodes than its limit is
// abandoned, and the counts fall back to the ballots, with the same result.
func TestRankTreeLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2026))
	ballots := make([][]int, 160)
	for j := range ballots {
		ballots[j] = r.Perm(40)[:5]
	}
	tree, _, err := stvTree(40, ballots)
	require.NoError(t, err)
	require.Nil(t, tree, "160 ballots of 5 different choices of 40 need more than 10 nodes")
	small := newRankTree(40, 1000)
	ok, err := small.fill(ballots, make([]int, 40))
	require.NoError(t, err)
	require.True(t, ok)
	got, err := STV(40, 3, ballots, nil)
	require.NoError(t, err)
	require.Equal(t, refSTV(40, 3, ballots, nil), got)
}

// treeRankings lists every node of a ranking tree by its path, with the
// number of ballots that begin with that path.
func treeRankings(t *rankTree) map[string]int32 {
	out := map[string]int32{}
	var walk func(i int32, path string)
	walk = func(i int32, path string) {
		path += fmt.Sprintf("%d,", t.nodes[i].option)
		out[path] = t.nodes[i].through
		for c := t.nodes[i].child; c >= 0; c = t.nodes[c].sibling {
			walk(c, path)
		}
	}
	for _, r := range t.root {
		if r >= 0 {
			walk(r, "")
		}
	}
	return out
}

// TestFillShortMatchesFill merges random elections into ranking trees both
// ways: ballot by ballot (fill) and with the short rankings tallied first
// in a flat table (fillShort). The elections vary the options (wide ones
// past the table and past one machine word included) and the ballots, so
// that the table holds rankings of every length from none to all, some
// ballots are longer than it holds, and some are invalid. Both ways give
// the same error for the same first bad ballot, the same first
// preferences, the same verdict on the tree's limit and, within it, the
// same rankings with the same counts.
func TestFillShortMatchesFill(t *testing.T) {
	r := rand.New(rand.NewPCG(18, 2026))
	for i := range 400 {
		n := 1 + r.IntN(8)
		switch i % 10 {
		case 0:
			n = 20 + r.IntN(20)
		case 1:
			n = 60 + r.IntN(10)
		}
		ballots := make([][]int, r.IntN(3000))
		for j := range ballots {
			ballots[j] = r.Perm(n)[:r.IntN(min(n, 6)+1)]
		}
		if i%7 == 0 && len(ballots) > 0 {
			bad := slices.Clone(ballots[r.IntN(len(ballots))])
			switch r.IntN(3) {
			case 0:
				bad = append(bad, n)
			case 1:
				bad = append(bad, -1)
			default:
				if len(bad) > 0 {
					bad = append(bad, bad[0])
				}
			}
			ballots[r.IntN(len(ballots))] = bad
		}
		limit := math.MaxInt32
		if i%5 == 0 {
			limit = r.IntN(200)
		}
		a, b := newRankTree(n, limit), newRankTree(n, limit)
		ca, cb := make([]int, n), make([]int, n)
		okA, errA := a.fill(ballots, ca)
		okB, errB := b.fillShort(ballots, cb)
		require.Equal(t, errA, errB, "election %d: error", i)
		if errA != nil {
			continue
		}
		require.Equal(t, okA, okB, "election %d: within the limit", i)
		require.Equal(t, ca, cb, "election %d: first preferences", i)
		if okA {
			require.Equal(t, treeRankings(a), treeRankings(b), "election %d: rankings", i)
		}
	}
}

// TestFlatShape: the table of short rankings never outgrows flatMax slots
// nor the number of ballots, and holds every ranking it can.
func TestFlatShape(t *testing.T) {
	for _, tc := range []struct {
		n, ballots, k, size int
	}{
		{n: 5, ballots: 0, k: 0, size: 1},
		{n: 5, ballots: 5, k: 0, size: 1},
		{n: 5, ballots: 6, k: 1, size: 6},
		{n: 5, ballots: 10_000, k: 5, size: 7776},
		{n: 25, ballots: 197_000, k: 3, size: 17576},
		{n: 1, ballots: 1_000_000, k: 1, size: 2},
		{n: 64, ballots: 1_000_000, k: 2, size: 4225},
	} {
		k, size := flatShape(tc.n, tc.ballots)
		assert.Equal(t, tc.k, k, "%d options, %d ballots", tc.n, tc.ballots)
		assert.Equal(t, tc.size, size, "%d options, %d ballots", tc.n, tc.ballots)
	}
}

// TestSlotReaderExact reads every slot of the largest table of every
// number of options and checks the digits against plain division: the
// reciprocals never round a digit wrong.
func TestSlotReaderExact(t *testing.T) {
	for n := 1; n <= smallN; n++ {
		k, size := flatShape(n, math.MaxInt32)
		r := newSlotReader(n, k)
		var digits [flatDigits]int
		for key := range size {
			l := r.read(key, &digits)
			want := 0
			for rest, place := key, size/(n+1); place > 0; place /= n + 1 {
				d := rest / place
				if d == 0 {
					break
				}
				rest -= d * place
				require.Equal(t, d, digits[want], "%d options, slot %d, digit %d", n, key, want)
				want++
			}
			require.Equal(t, want, l, "%d options, slot %d", n, key)
		}
	}
}
