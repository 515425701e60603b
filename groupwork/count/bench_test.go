package count

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Benchmarks: five options and random ranked ballots from a fixed seed,
// each ranking 1 to 5 options. Each benchmark reports ns/ballot; compare it
// with BenchmarkTallyBaseline, which only reads every ballot once.
//
//	go test -run '^$' -bench . -benchmem ./groupwork/count/

const benchOptions = 5

// benchBallots returns count random ranked ballots over n options; the same
// arguments always give the same ballots.
func benchBallots(n, count int) [][]int {
	rng := rand.New(rand.NewPCG(2026, uint64(count)))
	ballots := make([][]int, count)
	for i := range ballots {
		ballots[i] = rng.Perm(n)[:1+rng.IntN(n)]
	}
	return ballots
}

var benchSizes = []int{10_000, 100_000}

// benchRule runs count at every size and reports ns/ballot, and the CPU
// time per ballot (cpu-ns/ballot, all threads), which a busy machine
// disturbs less than the wall clock.
func benchRule(b *testing.B, count func(ballots [][]int) error) {
	for _, size := range benchSizes {
		ballots := benchBallots(benchOptions, size)
		b.Run(fmt.Sprintf("ballots=%d", size), func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				if err := count(ballots); err != nil {
					b.Fatal(err)
				}
			}
			reportPerBallot(b, start, len(ballots))
		})
	}
}

// reportPerBallot reports the wall and CPU time per ballot since start.
func reportPerBallot(b *testing.B, start time.Duration, ballots int) {
	per := float64(b.N * ballots)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/ballot")
	if d := cpuTime() - start; d > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/per, "cpu-ns/ballot")
	}
}

var sink int

// BenchmarkTallyBaseline reads every option of every ballot once and does
// nothing else: the floor that a count cannot beat.
func BenchmarkTallyBaseline(b *testing.B) {
	benchRule(b, func(ballots [][]int) error {
		s := 0
		for _, ballot := range ballots {
			for _, o := range ballot {
				s += o
			}
		}
		sink = s
		return nil
	})
}

func BenchmarkTallyPlurality(b *testing.B) {
	benchRule(b, func(ballots [][]int) error {
		_, err := Plurality(benchOptions, ballots, nil)
		return err
	})
}

func BenchmarkTallyApproval(b *testing.B) {
	benchRule(b, func(ballots [][]int) error {
		_, err := Approval(benchOptions, ballots, nil)
		return err
	})
}

func BenchmarkTallyInstantRunoff(b *testing.B) {
	benchRule(b, func(ballots [][]int) error {
		_, err := InstantRunoff(benchOptions, ballots, nil)
		return err
	})
}

func BenchmarkTallySchulze(b *testing.B) {
	benchRule(b, func(ballots [][]int) error {
		_, err := Schulze(benchOptions, ballots, nil)
		return err
	})
}

func BenchmarkTallySTV(b *testing.B) {
	benchRule(b, func(ballots [][]int) error {
		_, err := STV(benchOptions, 3, ballots, nil)
		return err
	})
}

// counts lists every ballot rule, for the memory tests, with the bytes it
// may keep per ballot on these ballots: none, except the instant runoff's
// piles (an int32 index a ballot). The ranking trees of the instant runoff
// and of STV are bounded by the ballots' different rankings (a few hundred
// here) and by one node per 16 ballots, and fit in the tests' 64 KB.
var counts = []struct {
	name      string
	count     func(ballots [][]int) error
	perBallot uint64
}{
	{"plurality", func(b [][]int) error { _, err := Plurality(benchOptions, b, nil); return err }, 0},
	{"approval", func(b [][]int) error { _, err := Approval(benchOptions, b, nil); return err }, 0},
	{"instant runoff", func(b [][]int) error { _, err := InstantRunoff(benchOptions, b, nil); return err }, 4},
	{"schulze", func(b [][]int) error { _, err := Schulze(benchOptions, b, nil); return err }, 0},
	{"stv", func(b [][]int) error { _, err := STV(benchOptions, 3, b, nil); return err }, 0},
}

// TestAllocationsDoNotGrowWithBallots checks that a count makes as many
// allocations for 100,000 ballots as for 10,000: it keeps nothing per
// ballot. The larger election repeats the smaller one ten times, so both
// take the same rounds.
func TestAllocationsDoNotGrowWithBallots(t *testing.T) {
	small := benchBallots(benchOptions, 10_000)
	var large [][]int
	for range 10 {
		large = append(large, small...)
	}
	for _, c := range counts {
		t.Run(c.name, func(t *testing.T) {
			allocs := func(ballots [][]int) float64 {
				return testing.AllocsPerRun(3, func() { require.NoError(t, c.count(ballots)) })
			}
			assert.Equal(t, allocs(small), allocs(large))
		})
	}
}

// TestMillionBallotsNoCopy counts a million ballots under every rule and
// checks that no count allocates more than a few kilobytes beyond what it
// may keep per ballot (4 MB for the instant runoff's piles): nothing like
// a second copy of the ballots (tens of megabytes) is ever made.
func TestMillionBallotsNoCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("a million ballots is not short")
	}
	ballots := benchBallots(benchOptions, 1_000_000)
	for _, c := range counts {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			require.NoError(t, c.count(ballots))
			runtime.ReadMemStats(&after)
			limit := 64<<10 + c.perBallot*uint64(len(ballots))
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, limit, "bytes allocated")
		})
	}
}
