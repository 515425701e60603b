package relationship_test

import (
	"math/rand"
	"testing"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// network returns n exchanges among p parties, drawn with a fixed seed. Each
// party has ties partners (the next ties parties round a circle) and every
// exchange goes from a random party to one of its partners, so help repeats
// along existing ties as it does in a real helping network. With ties = p-1
// every pair is possible and most exchanges open a new tie.
func network(n, p, ties int) []relationship.Exchange {
	rng := rand.New(rand.NewSource(1))
	ids := relationship.SequentialIDs(7)
	parties := make([]relationship.PartyID, p)
	for i := range parties {
		parties[i] = relationship.PartyID(ids())
	}
	support := []relationship.Support{
		mustSupport(relationship.Emotional, "listened"),
		mustSupport(relationship.Informational, "advice"),
		mustSupport(relationship.Companionship, "walked together"),
	}
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]relationship.Exchange, n)
	for i := range out {
		g := rng.Intn(p)
		r := (g + 1 + rng.Intn(ties)) % p
		e, err := relationship.NewExchange(ids(), parties[g], parties[r], support[i%len(support)], start.Add(time.Duration(i)*time.Second))
		if err != nil {
			panic(err)
		}
		out[i] = e
	}
	return out
}

func mustSupport(k relationship.SupportKind, d string) relationship.Support {
	s, err := relationship.NewSupport(k, d)
	if err != nil {
		panic(err)
	}
	return s
}

// benchRecord records the exchanges into fresh ledgers made by newLedger,
// b.N exchanges in all, timing only the recording.
func benchRecord(b *testing.B, xs []relationship.Exchange, newLedger func() *relationship.Ledger) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; {
		b.StopTimer()
		l := newLedger()
		b.StartTimer()
		for j := 0; j < len(xs) && i < b.N; j, i = j+1, i+1 {
			if err := l.Record(xs[j]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// The recording benchmarks use two networks. group is a large helping group
// (40 parties, each with 8 helping ties), the size of ledger a case or a
// group keeps. city is a whole city's network at the scale of
// BenchmarkLedgerMetrics (10,000 parties, 8 ties each), where the ledger's
// per-party and per-dyad counts no longer fit in the processor's caches.
var networks = []struct {
	name             string
	parties, ties    int
	exchangesInRound int
}{
	{"group", 40, 8, 1 << 16},
	{"city", 10_000, 8, 1 << 16},
}

// BenchmarkLedgerRecordBaseline is the yardstick for BenchmarkLedgerRecord:
// it appends the same exchanges to a preallocated slice and increments one
// map counter per exchange, and does nothing else.
func BenchmarkLedgerRecordBaseline(b *testing.B) {
	for _, nw := range networks {
		b.Run(nw.name, func(b *testing.B) {
			xs := network(nw.exchangesInRound, nw.parties, nw.ties)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; {
				b.StopTimer()
				out := make([]relationship.Exchange, 0, len(xs))
				counts := make(map[relationship.PartyID]int, nw.parties)
				b.StartTimer()
				for j := 0; j < len(xs) && i < b.N; j, i = j+1, i+1 {
					out = append(out, xs[j])
					counts[xs[j].Giver()]++
				}
				baselineSink = len(out) + len(counts)
			}
		})
	}
}

// baselineSink keeps the baseline's work from being optimised away.
var baselineSink int

// BenchmarkLedgerRecord records the same exchanges into a ledger made with a
// capacity hint. The target is at most 3x BenchmarkLedgerRecordBaseline's
// ns/op, with 0 allocs/op.
func BenchmarkLedgerRecord(b *testing.B) {
	for _, nw := range networks {
		b.Run(nw.name, func(b *testing.B) {
			xs := network(nw.exchangesInRound, nw.parties, nw.ties)
			benchRecord(b, xs, func() *relationship.Ledger {
				return relationship.NewLedger(&relationship.LedgerOptions{
					Exchanges: len(xs), Parties: nw.parties, Pairs: nw.parties * nw.ties})
			})
		})
	}
}

// BenchmarkLedgerRecordNewTies is the worst case: random pairs among 1,000
// parties, so nearly every exchange opens a new tie.
func BenchmarkLedgerRecordNewTies(b *testing.B) {
	xs := network(1<<16, 1000, 999)
	benchRecord(b, xs, func() *relationship.Ledger {
		return relationship.NewLedger(&relationship.LedgerOptions{Exchanges: len(xs), Parties: 1000, Pairs: len(xs)})
	})
}

// BenchmarkLedgerRecordZero records into the zero Ledger, without a hint.
func BenchmarkLedgerRecordZero(b *testing.B) {
	xs := network(1<<16, 40, 8)
	benchRecord(b, xs, func() *relationship.Ledger { return new(relationship.Ledger) })
}

// BenchmarkLedgerMetrics measures each metric on a ledger of 1,000,000
// exchanges among 10,000 parties (20 ties each). Before each query of a
// cached metric one more exchange is recorded, so no cached answer is
// reused. The target is under 10 ms each.
func BenchmarkLedgerMetrics(b *testing.B) {
	const n, p = 1_000_000, 10_000
	xs := network(n+1000, p, 20)
	l := relationship.NewLedger(&relationship.LedgerOptions{Exchanges: len(xs), Parties: p, Pairs: 20 * p})
	for _, e := range xs[:n] {
		if err := l.Record(e); err != nil {
			b.Fatal(err)
		}
	}
	extra := xs[n:]
	metrics := []struct {
		name   string
		fn     func() float64
		cached bool
	}{
		{"Reciprocity", l.Reciprocity, false},
		{"WeightedReciprocity", l.WeightedReciprocity, false},
		{"Density", l.Density, false},
		{"Concentration", l.Concentration, true},
		{"All", func() float64 { return l.Metrics().Concentration }, true},
	}
	for _, m := range metrics {
		b.Run(m.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if m.cached {
					b.StopTimer()
					if err := l.Record(extra[i%len(extra)]); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				if v := m.fn(); v < 0 || v > 1 {
					b.Fatalf("%s = %v, outside [0, 1]", m.name, v)
				}
			}
		})
	}
}
