package count

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestInstantRunoffPilesMatchRescan counts random elections, wide ones
// included, with piles and by rescanning every ballot in every round: the
// results are identical, round by round.
func TestInstantRunoffPilesMatchRescan(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2026))
	for i := range 300 {
		n := 1 + r.IntN(8)
		if i%10 == 0 {
			n = 60 + r.IntN(10)
		}
		ballots := make([][]int, r.IntN(300))
		for j := range ballots {
			ballots[j] = r.Perm(n)[:r.IntN(min(n, 4)+1)]
		}
		opts := &Options{Priority: r.Perm(n)[:r.IntN(n+1)]}
		piles, err := instantRunoff(n, ballots, opts, countPiles)
		require.NoError(t, err)
		rescan, err := instantRunoff(n, ballots, opts, countRescan)
		require.NoError(t, err)
		tree, err := instantRunoff(n, ballots, opts, countTree)
		require.NoError(t, err)
		require.Equal(t, rescan, tree, "election %d: ranking tree", i)
		auto, err := instantRunoff(n, ballots, opts, countAuto)
		require.NoError(t, err)
		require.Equal(t, rescan, auto, "election %d: tree or piles", i)
		require.Equal(t, rescan, piles, "election %d", i)
	}
}

// sfShaped returns 197,000 ballots over 25 options shaped like San
// Francisco's mayoral election of 2011: three ranks at most, a few strong
// options and a long tail of weak ones (option k drawn with weight
// 1/(k+2)), so that the count takes many rounds.
func sfShaped() [][]int {
	const n, voters = 25, 197_000
	r := rand.New(rand.NewPCG(2011, 25))
	weights := make([]float64, n)
	var total float64
	for k := range weights {
		weights[k] = 1 / float64(k+2)
		total += weights[k]
	}
	draw := func() int {
		x := r.Float64() * total
		for k, w := range weights {
			if x < w {
				return k
			}
			x -= w
		}
		return n - 1
	}
	ballots := make([][]int, voters)
	for i := range ballots {
		b := make([]int, 0, 3)
		for len(b) < 1+r.IntN(3) {
			if o := draw(); !contains(b, o) {
				b = append(b, o)
			}
		}
		ballots[i] = b
	}
	return ballots
}

func contains(b []int, o int) bool {
	for _, x := range b {
		if x == o {
			return true
		}
	}
	return false
}

// BenchmarkInstantRunoffPiles compares, in one run, the count with a
// ranking tree, the count with piles and the count that reads every ballot
// in every round, with the floor of reading every ballot once: on the random
// ballots of the other benchmarks (10,000 over five options), on the
// synthetic San Francisco-shaped election and, when its ballot file is
// found (see dataDir), on the real San Francisco 2011 (197,000 ballots).
//
//	go test -run '^$' -bench InstantRunoffPiles -benchmem ./groupwork/count/
func BenchmarkInstantRunoffPiles(b *testing.B) {
	type election struct {
		name    string
		n       int
		ballots [][]int
	}
	elections := []election{
		{"random-5x10000", benchOptions, benchBallots(benchOptions, 10_000)},
		{"sf-shaped", 25, sfShaped()},
	}
	if dir := findDataDir("HELPING_ELECTIONS", filepath.Join("..", "shared", "data", "elections")); dir != "" {
		if e, err := readBLTPath(filepath.Join(dir, "2011-San_Francisco-Mayor.blt")); err == nil {
			elections = append(elections, election{"san-francisco-2011", e.n, e.ballots})
		}
	}
	for _, e := range elections {
		b.Run(e.name+"/floor", func(b *testing.B) {
			// The floor: read every option of every ballot once.
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				s := 0
				for _, ballot := range e.ballots {
					for _, o := range ballot {
						s += o
					}
				}
				sink = s
			}
			reportPerBallot(b, start, len(e.ballots))
		})
		for _, way := range []struct {
			name string
			way  countWay
		}{{"rescan", countRescan}, {"piles", countPiles}, {"tree", countTree}, {"auto", countAuto}} {
			b.Run(fmt.Sprintf("%s/%s", e.name, way.name), func(b *testing.B) {
				b.ReportAllocs()
				rounds := 0
				start := cpuTime()
				for i := 0; i < b.N; i++ {
					r, err := instantRunoff(e.n, e.ballots, nil, way.way)
					if err != nil {
						b.Fatal(err)
					}
					rounds = len(r.Rounds)
				}
				reportPerBallot(b, start, len(e.ballots))
				b.ReportMetric(float64(rounds), "rounds")
			})
		}
	}
}
