package relationship_test

import (
	"math/rand"
	"testing"
	"time"

	"github.com/helpingwork/helping/relationship"
)

func sparseExchanges(n, p, ties int) []relationship.Exchange {
	rng := rand.New(rand.NewSource(1))
	ids := relationship.SequentialIDs(7)
	parties := make([]relationship.PartyID, p)
	for i := range parties {
		parties[i] = relationship.PartyID(ids())
	}
	s := mustSupport(relationship.Emotional, "listened")
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]relationship.Exchange, n)
	for i := range out {
		g := rng.Intn(p)
		r := (g + 1 + rng.Intn(ties)) % p
		e, _ := relationship.NewExchange(ids(), parties[g], parties[r], s, start.Add(time.Duration(i)*time.Second))
		out[i] = e
	}
	return out
}

func BenchmarkSparseRecord(b *testing.B) {
	xs := sparseExchanges(1<<16, 1000, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; {
		b.StopTimer()
		l := relationship.NewLedger(&relationship.LedgerOptions{Exchanges: len(xs), Parties: 1000})
		b.StartTimer()
		for j := 0; j < len(xs) && i < b.N; j, i = j+1, i+1 {
			_ = l.Record(xs[j])
		}
	}
}
