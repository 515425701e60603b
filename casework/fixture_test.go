package casework

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// bg is the context of the tests.
var bg = context.Background()

// accessLog is the journal that keeps the access logs of the tests' cases,
// unless a test needs its own.
var accessLog relationship.Journal = journal.NewMemory()

// epoch is when the test cases open: a Monday in January 1895.
var epoch = time.Date(1895, 1, 7, 9, 0, 0, 0, time.UTC)

// people are the parties of the test cases, with fixed identifiers.
var (
	idAgency     = relationship.MustParsePartyID("018f0000-0000-7000-8000-00000000000a")
	idSupervisor = relationship.MustParsePartyID("018f0000-0000-7000-8000-00000000000b")
	idWorker     = relationship.MustParsePartyID("018f0000-0000-7000-8000-00000000000c")
	idClient     = relationship.MustParsePartyID("018f0000-0000-7000-8000-00000000000d")
	idWorker2    = relationship.MustParsePartyID("018f0000-0000-7000-8000-00000000000e")
	idSuper2     = relationship.MustParsePartyID("018f0000-0000-7000-8000-00000000000f")
	idStranger   = relationship.MustParsePartyID("018f0000-0000-7000-8000-000000000010")
)

// The Baltimore Charity Organization Society of 1895: Mary E. Richmond, its
// General Secretary from 1891, supervises; Ada Kimball, a district agent, is
// invented for the tests (Zilpha Smith, who trained agents in the same way,
// worked in Boston, at the Associated Charities).
var (
	testSupervisor = MustSupervisor(idSupervisor, "Mary Richmond")
	testWorker     = MustWorker(idWorker, "Ada Kimball", testSupervisor, 0)
	testSuper2     = MustSupervisor(idSuper2, "Edward Devine")
	testWorker2    = MustWorker(idWorker2, "Frances McLean", testSuper2, 0)
	testClient     = MustClient(idClient, "Anna Kowalski", Intake{
		Household: []HouseholdMember{
			{Name: "Anna Kowalski", Relation: "self", Age: 34},
			{Name: "Jan Kowalski", Relation: "son", Age: 9},
		},
		PresentingProblem: "husband out of work since the mill closed; rent two weeks behind",
		Needs:             []string{"coal for the winter", "rent", "work"},
		Strengths:         []string{"keeps a clean home", "a sister nearby"},
	})
)

// testStock is the test agency's pool: coal (approval above 2) and rent
// money (approval above 500 cents).
func testStock() []Stock {
	return []Stock{
		{Resource: "coal", Unit: "hundredweight", Quantity: 20, ApprovalAbove: 2},
		{Resource: "rent", Unit: "cent", Quantity: 5000, ApprovalAbove: 500},
	}
}

// testAgency returns the test agency, with both supervisors and both
// workers on its roster.
func testAgency(t testing.TB, policy EligibilityPolicy) *Agency {
	t.Helper()
	return staffed(t, AgencySpec{ID: idAgency, Name: "Charity Organization Society", Policy: policy, Stock: testStock()},
		testWorker, testWorker2)
}

// staffed founds an agency and appoints the workers and their supervisors.
func staffed(t testing.TB, spec AgencySpec, workers ...Worker) *Agency {
	t.Helper()
	a, err := NewAgency(spec, &AgencyOptions{Sources: &relationship.Sources{Clock: relationship.StepClock(epoch.Add(-time.Hour), time.Second)}})
	require.NoError(t, err)
	for _, w := range workers {
		if _, ok := a.Supervisor(w.Supervisor().ID()); !ok {
			require.NoError(t, a.AppointSupervisor(spec.ID, w.Supervisor()))
		}
		require.NoError(t, a.AppointWorker(spec.ID, w))
	}
	return a
}

// testOptions returns deterministic sources.
func testOptions() *Options {
	return &Options{Sources: &relationship.Sources{
		Clock: relationship.StepClock(epoch, time.Hour),
		IDs:   relationship.SequentialIDs(1),
	}}
}

// fixture is an open case with its agency.
type fixture struct {
	t testing.TB
	a *Agency
	c *Case
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	a := testAgency(t, nil)
	c, err := NewCase(idWorker, a, Application{Name: "The Kowalski family", Client: testClient, Worker: testWorker}, testOptions())
	require.NoError(t, err)
	return &fixture{t: t, a: a, c: c}
}

func (f *fixture) ok(err error) {
	f.t.Helper()
	require.NoError(f.t, err)
}

func (f *fixture) id(id uuid.UUID, err error) uuid.UUID {
	f.t.Helper()
	require.NoError(f.t, err)
	return id
}

// toStudy moves the case into study.
func (f *fixture) toStudy() *fixture {
	f.ok(f.c.MoveTo(idWorker, PhaseStudy))
	return f
}

// toDiagnosis records evidence, assesses the client and moves to diagnosis.
func (f *fixture) toDiagnosis() *fixture {
	f.toStudy()
	f.id(f.c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "visit to the home",
		Summary: "two rooms, no fire", Shows: []Circumstance{Unemployment}}))
	_, err := f.c.AssessEligibility(idWorker)
	f.ok(err)
	f.ok(f.c.MoveTo(idWorker, PhaseDiagnosis))
	return f
}

// toTreatment diagnoses, agrees a goal and consents to the plan, and moves
// to treatment. It returns the goal.
func (f *fixture) toTreatment() uuid.UUID {
	f.toDiagnosis()
	f.ok(f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}, Assets: []string{"a sister nearby"}}))
	g := f.id(f.c.ProposeGoal(idWorker, "Mr. Kowalski in work by spring"))
	f.ok(f.c.AgreeGoal(idClient, g))
	f.id(f.c.GiveConsent(idClient, PlanScope(), time.Time{}))
	f.ok(f.c.MoveTo(idWorker, PhaseTreatment))
	return g
}

// unchanged runs op, which must fail, and checks that the case, its record,
// its ledger and its agency's pool are as they were.
func (f *fixture) unchanged(op func() error) error {
	f.t.Helper()
	before := replayed(f.t, f.c)
	version, exchanges, pool := f.c.Version(), f.c.Ledger().Len(), collect(f.a.Pool())
	err := op()
	require.Error(f.t, err)
	assert.Equal(f.t, version, f.c.Version(), "record changed")
	assert.Equal(f.t, exchanges, f.c.Ledger().Len(), "ledger changed")
	assert.Equal(f.t, pool, collect(f.a.Pool()), "pool changed")
	assert.Equal(f.t, before.st, f.c.st, "state changed")
	return err
}

// replayed rebuilds c from its record, detached, and checks it equals c.
func replayed(t testing.TB, c *Case) *Case {
	t.Helper()
	r, err := Replay(c.Record(), nil)
	require.NoError(t, err)
	assertSameCase(t, c, r)
	return r
}

// assertSameCase checks that two cases have equal state, ledger and record.
func assertSameCase(t testing.TB, want, got *Case) {
	t.Helper()
	assert.Equal(t, entries(want), entries(got), "record")
	want.mu.RLock()
	defer want.mu.RUnlock()
	got.mu.RLock()
	defer got.mu.RUnlock()
	assert.Equal(t, want.st, got.st, "state")
	assert.True(t, want.ledger.Equal(got.ledger), "ledger")
}

func entries(c *Case) []relationship.Entry { return collect(c.Record()) }

func collect[T any](seq func(func(T) bool)) []T {
	var out []T
	for x := range seq {
		out = append(out, x)
	}
	return out
}
