package casework

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// BenchmarkCaseTransition moves a case back and forth between treatment
// and evaluation: the cost of one phase transition, checks and record entry
// included.
func BenchmarkCaseTransition(b *testing.B) {
	f := newFixture(b)
	f.toTreatment()
	c := f.c
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		to := PhaseEvaluation
		if i%2 == 1 {
			to = PhaseTreatment
		}
		if err := c.MoveTo(idWorker, to); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCaseload holds 100,000 cases of 20 entries each in memory, at
// one agency, and reports the bytes each case takes.
func BenchmarkCaseload(b *testing.B) {
	const cases = 100_000
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		a := staffed(b, AgencySpec{ID: idAgency, Name: "Charity Organization Society", ConcurrentCases: true,
			Stock: []Stock{{Resource: "coal", Unit: "hundredweight", Quantity: 1 << 40, ApprovalAbove: 2}}}, testWorker)
		src := &Options{Sources: &relationship.Sources{
			Clock: relationship.StepClock(epoch, time.Minute), IDs: relationship.SequentialIDs(1)}}
		held := make([]*Case, cases)
		for n := range held {
			held[n] = twentyEntries(b, a, src)
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/cases, "bytes/case")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB")
		runtime.KeepAlive(held)
		b.StartTimer()
	}
}

// twentyEntries opens a case and takes it through twenty entries: intake
// to treatment, counselling, a provision, notes, evaluation and closure.
func twentyEntries(b *testing.B, a *Agency, opts *Options) *Case {
	c, err := NewCase(idWorker, a, Application{Client: testClient, Worker: testWorker}, opts)
	if err != nil {
		b.Fatal(err)
	}
	steps := []func() error{
		func() error { _, err := c.AssessEligibility(idWorker); return err },
		func() error { return c.MoveTo(idWorker, PhaseStudy) },
		func() error {
			_, err := c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "visit", Summary: "no fire"})
			return err
		},
		func() error { return c.MoveTo(idWorker, PhaseDiagnosis) },
		func() error { return c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}) },
	}
	var goal, prov uuid.UUID
	steps = append(steps,
		func() error { g, err := c.ProposeGoal(idWorker, "work by spring"); goal = g; return err },
		func() error { return c.AgreeGoal(idClient, goal) },
		func() error { _, err := c.GiveConsent(idClient, PlanScope(), time.Time{}); return err },
		func() error { return c.MoveTo(idWorker, PhaseTreatment) },
		func() error { return c.ActivateGoal(idWorker, goal) },
		func() error { _, err := c.Counsel(idWorker, relationship.Emotional, "listened"); return err },
		func() error { p, err := c.ProposeProvision(idWorker, "coal", 2, "heat"); prov = p; return err },
		func() error { return c.AuthoriseProvision(idWorker, prov) },
		func() error { _, err := c.WriteNote(idWorker, "home visit: the family is managing"); return err },
		func() error { return c.MoveTo(idWorker, PhaseEvaluation) },
		func() error { return c.AchieveGoal(idWorker, goal, "in work") },
		func() error { _, err := c.WriteNote(idWorker, "closing summary"); return err },
		func() error {
			_, err := c.Counsel(idWorker, relationship.Informational, "where the dispensary is")
			return err
		},
		func() error { return c.Close(idWorker, ReasonGoalsAchieved, "self-supporting") },
	)
	for _, step := range steps {
		if err := step(); err != nil {
			b.Fatal(err)
		}
	}
	if c.Version() != 20 {
		b.Fatalf("%d entries, want 20", c.Version())
	}
	return c
}

// BenchmarkTransitionFloor measures what any recorded change costs at the
// least, with none of casework's checks: take a lock, box an event, append
// a record. Read BenchmarkCaseTransition against it on a busy machine.
func BenchmarkTransitionFloor(b *testing.B) {
	var (
		mu      sync.Mutex
		records []record
		clock   = relationship.StepClock(epoch, time.Hour)
	)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		mu.Lock()
		records = append(records, record{at: clock().UTC(), actor: idWorker, ev: PhaseChanged{PhaseTreatment, PhaseEvaluation}})
		mu.Unlock()
	}
	b.ReportMetric(float64(len(records)), "records")
}
