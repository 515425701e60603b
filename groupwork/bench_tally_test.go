package groupwork

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The counting benchmarks: five options and random ranked ballots from a
// fixed seed, each ranking one to five options, at 10,000 and 100,000
// ballots. Each reports ns/ballot; compare it with BenchmarkTallyBaseline
// of the same size in the same run, which only reads every option of every
// ballot once: the least any count that checks its input can do.
//
//	go test -run '^$' -bench Tally -benchmem ./groupwork

const benchOptions = 5

var benchSizes = []int{10_000, 100_000}

// benchBallots returns count random ranked ballots over benchOptions
// options; the same count always gives the same ballots.
func benchBallots(count int) [][]int {
	r := rand.New(rand.NewPCG(2026, uint64(count)))
	ballots := make([][]int, count)
	for i := range ballots {
		ballots[i] = r.Perm(benchOptions)[:1+r.IntN(benchOptions)]
	}
	return ballots
}

// benchTally runs count at every size and reports ns/ballot.
func benchTally(b *testing.B, count func(ballots [][]int) error) {
	for _, size := range benchSizes {
		ballots := benchBallots(size)
		b.Run(fmt.Sprintf("ballots=%d", size), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := count(ballots); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ballots)), "ns/ballot")
		})
	}
}

var benchSink int

// BenchmarkTallyBaseline reads every option of every ballot once and does
// nothing else.
func BenchmarkTallyBaseline(b *testing.B) {
	benchTally(b, func(ballots [][]int) error {
		s := 0
		for _, ballot := range ballots {
			for _, o := range ballot {
				s += o
			}
		}
		benchSink = s
		return nil
	})
}

func BenchmarkTallyPlurality(b *testing.B) {
	benchTally(b, func(ballots [][]int) error {
		_, err := Plurality(benchOptions, ballots, nil)
		return err
	})
}

func BenchmarkTallyInstantRunoff(b *testing.B) {
	benchTally(b, func(ballots [][]int) error {
		_, err := InstantRunoff(benchOptions, ballots, nil)
		return err
	})
}

func BenchmarkTallySchulze(b *testing.B) {
	benchTally(b, func(ballots [][]int) error {
		_, err := Schulze(benchOptions, ballots, nil)
		return err
	})
}

func BenchmarkTallySTV(b *testing.B) {
	benchTally(b, func(ballots [][]int) error {
		_, err := STV(benchOptions, 3, ballots, nil)
		return err
	})
}
