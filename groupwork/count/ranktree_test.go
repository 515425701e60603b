package count

import (
	"math"
	"math/rand/v2"
	"testing"

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
