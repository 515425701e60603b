package groupwork

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// The benchmarks' group: 10,000 members and 1,000,000 exchanges of aid.
const (
	benchMembers   = 10_000
	benchExchanges = 1_000_000
)

// benchPair returns the giver and receiver of the i-th exchange: every
// member helps about a hundred others, and half the ties are returned.
func benchPair(i int) (giver, receiver int) {
	round, k := i/benchMembers, i%benchMembers
	offset := 1 + (round/2*37)%(benchMembers-1)
	if round%2 == 0 {
		return k, (k + offset) % benchMembers
	}
	return (k + offset) % benchMembers, k
}

var benchSupports = [relationship.NumSupportKinds]relationship.Support{
	support(relationship.Emotional, "listened"),
	support(relationship.Material, "a loan"),
	support(relationship.Informational, "advice"),
	support(relationship.Appraisal, "feedback"),
	support(relationship.Companionship, "a walk"),
}

func benchSources() *relationship.Sources {
	return &relationship.Sources{Clock: relationship.StepClock(t0, time.Second), IDs: relationship.SequentialIDs(3)}
}

// benchStrengths gives each member three strengths drawn from five kinds
// of support in forty areas, and some a general one, deterministically.
func benchStrengths(r *rand.Rand) []Strength {
	var ss []Strength
	for len(ss) < 3 {
		kind := relationship.SupportKind(1 + r.IntN(relationship.NumSupportKinds))
		area := ""
		if r.IntN(10) > 0 {
			area = benchAreas[r.IntN(len(benchAreas))]
		}
		s := MustStrength(kind, area)
		if unique("strength", append(ss, s)) == nil {
			ss = append(ss, s)
		}
	}
	return ss
}

var benchAreas = func() []string {
	areas := make([]string, 40)
	for i := range areas {
		areas[i] = "area-" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	return areas
}()

// newBenchGroup forms a group of benchMembers members with strengths.
func newBenchGroup(b *testing.B) (*Group, []relationship.PartyID) {
	b.Helper()
	g, err := NewGroup(worker, clubSpec(), &Options{Sources: benchSources()})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]relationship.PartyID, benchMembers)
	next := relationship.SequentialIDs(9)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range ids {
		ids[i] = relationship.PartyID(next())
		if err := g.Join(ids[i], "member", Profile{Strengths: benchStrengths(r)}); err != nil {
			b.Fatal(err)
		}
	}
	return g, ids
}

// aidFor returns the i-th exchange as a giver and the aid given.
func aidFor(ids []relationship.PartyID, i int) (relationship.PartyID, Aid) {
	g, r := benchPair(i % benchExchanges)
	return ids[g], Aid{To: ids[r], Support: benchSupports[i%len(benchSupports)], Process: MutualSupport}
}

// cpuPerOp starts measuring the process's CPU time; the function it
// returns reports it per operation as "cpu-ns/op", which a busy machine
// disturbs less than the wall-clock ns/op.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if d := cpuTime() - start; d > 0 {
			b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

// BenchmarkGroupAid records mutual aid in a group of 10,000 members: the
// whole path of a change (event, entry, permission, checks, ledger, record).
// Compare it with BenchmarkLedgerRecordSameRun.
func BenchmarkGroupAid(b *testing.B) {
	g, ids := newBenchGroup(b)
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuPerOp(b)()
	for i := 0; i < b.N; i++ {
		giver, aid := aidFor(ids, i)
		if _, err := g.GiveAid(giver, aid); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLedgerRecordSameRun is the yardstick for BenchmarkGroupAid: the
// same exchanges, made beforehand, recorded straight into a ledger.
func BenchmarkLedgerRecordSameRun(b *testing.B) {
	ids := make([]relationship.PartyID, benchMembers)
	next := relationship.SequentialIDs(9)
	for i := range ids {
		ids[i] = relationship.PartyID(next())
	}
	src := benchSources()
	xs := make([]relationship.Exchange, min(b.N, benchExchanges))
	for i := range xs {
		giver, aid := aidFor(ids, i)
		x, err := relationship.NewExchange(src.NewID(), giver, aid.To, aid.Support, src.Now())
		if err != nil {
			b.Fatal(err)
		}
		xs[i] = x.In(aid.Process.String())
	}
	l := relationship.NewLedger(nil)
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuPerOp(b)()
	for i := 0; i < b.N; i++ {
		if err := l.Record(xs[i%len(xs)]); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	fullOnce  sync.Once
	fullGroup *Group
	fullIDs   []relationship.PartyID
)

// fullBenchGroup returns, built once, a group of 10,000 members with
// 1,000,000 exchanges of aid.
func fullBenchGroup(b *testing.B) (*Group, []relationship.PartyID) {
	fullOnce.Do(func() {
		fullGroup, fullIDs = newBenchGroup(b)
		for i := 0; i < benchExchanges; i++ {
			giver, aid := aidFor(fullIDs, i)
			if _, err := fullGroup.GiveAid(giver, aid); err != nil {
				b.Fatal(err)
			}
		}
	})
	return fullGroup, fullIDs
}

// BenchmarkLedgerMetrics asks the group's ledger view for its network
// measures, on 10,000 members and 1,000,000 exchanges. The "after aid"
// cases record one more exchange first, so that nothing is cached.
func BenchmarkLedgerMetrics(b *testing.B) {
	g, ids := fullBenchGroup(b)
	view := g.Ledger()
	sink := 0.0
	b.Run("reciprocity", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink += view.Reciprocity() + view.WeightedReciprocity()
		}
	})
	b.Run("density", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink += view.Density()
		}
	})
	b.Run("concentration", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			sink += view.Concentration()
		}
	})
	b.Run("concentration-after-aid", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			giver, aid := aidFor(ids, i)
			if _, err := g.GiveAid(giver, aid); err != nil {
				b.Fatal(err)
			}
			sink += view.Concentration()
		}
	})
	b.Run("all-metrics-after-aid", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			giver, aid := aidFor(ids, i)
			if _, err := g.GiveAid(giver, aid); err != nil {
				b.Fatal(err)
			}
			sink += view.Metrics().Concentration
		}
	})
	if sink < 0 {
		b.Fatal("negative metrics")
	}
}

// BenchmarkWhoCanHelp matches needs against 10,000 members' strengths in
// the group with 1,000,000 exchanges (so that the load-spreading rank has
// real counts to sort by).
func BenchmarkWhoCanHelp(b *testing.B) {
	g, _ := fullBenchGroup(b)
	cases := []struct {
		name string
		need Need
	}{
		{"kind-and-area", MustNeed(relationship.Informational, benchAreas[3])},
		{"kind-only", MustNeed(relationship.Emotional, "")},
		{"unknown-area", MustNeed(relationship.Material, "no-one-has-this")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				n = len(g.WhoCanHelp(c.need))
			}
			b.ReportMetric(float64(n), "helpers")
		})
	}
}

// BenchmarkProposalVote casts votes on an open ranked-choice proposal in a
// group of 10,000 members: the whole path of a vote (event, entry,
// permission, eligibility, ballot check, record). After the first 10,000
// votes each vote replaces an earlier one.
func BenchmarkProposalVote(b *testing.B) {
	g, ids := newBenchGroup(b)
	id, err := g.Propose(ids[0], ProposalSpec{
		Title: "the summer outing", Options: []string{"lake", "dunes", "museum", "zoo", "park"},
		Rule: RuleInstantRunoff, Review: t0.AddDate(1, 0, 0),
	})
	if err != nil {
		b.Fatal(err)
	}
	ballots := benchBallots(len(ids))
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuPerOp(b)()
	for i := 0; i < b.N; i++ {
		k := i % len(ids)
		if err := g.Vote(ids[k], id, Ballot{Options: ballots[k]}); err != nil {
			b.Fatal(err)
		}
	}
}
