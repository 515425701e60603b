package casework

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

func TestNewAgencyReportsEveryProblem(t *testing.T) {
	_, err := NewAgency(AgencySpec{Name: " ", Stock: []Stock{
		{Resource: "Coal", Unit: "cwt", Quantity: 1},
		{Resource: "rent", Unit: "", Quantity: -5, ApprovalAbove: -1},
		{Resource: "rent", Unit: "cent"},
	}}, nil)
	require.Error(t, err)
	for _, want := range []error{relationship.ErrZeroID, ErrBlank, ErrUnknownResource,
		relationship.ErrInvalidQuantity, ErrDuplicateID} {
		assert.ErrorIs(t, err, want)
	}
	for _, field := range []string{"agency id", "agency name", "stock[0]", "stock[1] unit",
		"stock[1] quantity", "stock[1] approval threshold", "stock[2]"} {
		assert.Contains(t, err.Error(), "casework: "+field)
	}
}

func TestAgencyPool(t *testing.T) {
	a := testAgency(t, nil)
	assert.Equal(t, "needs", a.Policy().Name(), "the default policy")
	assert.Equal(t, relationship.RoleAgency, a.Party().Role())
	require.NoError(t, a.Receive(idAgency, "coal", 5))
	require.NoError(t, a.Receive(idSupervisor, "coal", 1), "a supervisor records what comes in")
	n, ok := a.Available("coal")
	assert.True(t, ok)
	assert.Equal(t, int64(26), n)
	_, ok = a.Available("bread")
	assert.False(t, ok)

	tests := []struct {
		name     string
		actor    relationship.PartyID
		resource Resource
		quantity int64
		want     error
	}{
		{"unknown", idAgency, "bread", 1, ErrUnknownResource},
		{"zero", idAgency, "coal", 0, relationship.ErrInvalidQuantity},
		{"negative", idAgency, "coal", -3, relationship.ErrInvalidQuantity},
		{"overflow", idAgency, "coal", maxQuantity, relationship.ErrInvalidQuantity},
		{"by a worker", idWorker, "coal", 1, relationship.ErrNotPermitted},
		{"by a stranger", idStranger, "coal", 1, relationship.ErrNotParty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, version := collect(a.Pool()), a.Version()
			assert.ErrorIs(t, a.Receive(tt.actor, tt.resource, tt.quantity), tt.want)
			assert.Equal(t, before, collect(a.Pool()))
			assert.Equal(t, version, a.Version())
		})
	}

	require.NoError(t, a.SetResourceTerms(idAgency, ResourceTerms{Resource: "bread", Unit: "loaf", ApprovalAbove: 4}))
	require.NoError(t, a.Receive(idAgency, "bread", 30))
	require.NoError(t, a.SetResourceTerms(idAgency, ResourceTerms{Resource: "coal", Unit: "hundredweight", ApprovalAbove: 5}))
	assert.ErrorIs(t, a.SetResourceTerms(idAgency, ResourceTerms{Resource: "coal", Unit: "ton"}), relationship.ErrInvalidValue,
		"a resource keeps its unit")
	assert.Equal(t, []Stock{
		{Resource: "coal", Unit: "hundredweight", Quantity: 26, ApprovalAbove: 5},
		{Resource: "rent", Unit: "cent", Quantity: 5000, ApprovalAbove: 500},
		{Resource: "bread", Unit: "loaf", Quantity: 30, ApprovalAbove: 4},
	}, collect(a.Pool()))
}

func TestRoster(t *testing.T) {
	a := MustAgency(AgencySpec{ID: idAgency, Name: "Charity Organization Society", Stock: testStock()}, nil)
	app := Application{Client: testClient, Worker: testWorker}
	_, err := NewCase(idWorker, a, app, nil)
	assert.ErrorIs(t, err, ErrNotStaff, "no one acts for an agency that has not appointed them")
	assert.ErrorIs(t, a.AppointWorker(idAgency, testWorker), ErrNotStaff, "a worker's supervisor is appointed first")
	assert.ErrorIs(t, a.AppointSupervisor(idSupervisor, testSupervisor), relationship.ErrNotParty, "only the agency appoints")
	require.NoError(t, a.AppointSupervisor(idAgency, testSupervisor))
	require.NoError(t, a.AppointWorker(idAgency, testWorker))
	assert.ErrorIs(t, a.AppointWorker(idAgency, testWorker), ErrDuplicateID)
	assert.ErrorIs(t, a.AppointSupervisor(idWorker, testSuper2), relationship.ErrNotPermitted, "a worker does not appoint")

	w, ok := a.Worker(idWorker)
	require.True(t, ok)
	assert.Equal(t, testWorker, w)
	_, ok = a.Worker(idSupervisor)
	assert.False(t, ok, "a supervisor is not a worker")
	impostor := MustWorker(idWorker, "Ada Kimball", testSuper2, 0)
	_, err = NewCase(idWorker, a, Application{Client: testClient, Worker: impostor}, nil)
	assert.ErrorIs(t, err, ErrNotStaff, "a worker opens cases as the roster has them")

	c, err := NewCase(idWorker, a, app, nil)
	require.NoError(t, err)
	assert.ErrorIs(t, a.EndAppointment(idAgency, idWorker, "leaves for Baltimore"), ErrStaffBusy,
		"a worker with open cases passes them on first")
	assert.ErrorIs(t, a.EndAppointment(idAgency, idSupervisor, "retires"), ErrStaffBusy,
		"a supervisor with a worker stays until the worker has another")
	require.NoError(t, c.Withdraw(idClient, ""))
	require.NoError(t, a.EndAppointment(idAgency, idWorker, "leaves for Baltimore"))
	_, ok = a.Worker(idWorker)
	assert.False(t, ok)
	assert.ErrorIs(t, c.Reopen(idWorker, "back"), ErrNotStaff, "a former worker cannot take a case again")
	require.NoError(t, a.AppointWorker(idAgency, testWorker), "she comes back")
	require.NoError(t, c.Reopen(idWorker, "back"))

	var staff []string
	for m := range a.Staff() {
		staff = append(staff, fmt.Sprintf("%s/%s/%v", m.Name, m.Role, m.Active))
	}
	assert.Equal(t, []string{"Mary Richmond/supervisor/true", "Ada Kimball/worker/true"}, staff)
}

func TestOneOpenCasePerClient(t *testing.T) {
	a := testAgency(t, nil)
	first := mustOpen(t, a, Application{Client: testClient, Worker: testWorker})
	_, err := NewCase(idWorker2, a, Application{Client: testClient, Worker: testWorker2}, nil)
	var ie *InputError
	require.ErrorAs(t, err, &ie)
	assert.ErrorIs(t, err, ErrSecondCase)
	assert.Equal(t, 1, len(collect(a.Cases())))

	require.NoError(t, first.Close(idWorker, ReasonLostContact, "gone"))
	second, err := NewCase(idWorker2, a, Application{Client: testClient, Worker: testWorker2}, nil)
	require.NoError(t, err)
	assert.ErrorIs(t, first.Reopen(idWorker, "back"), ErrSecondCase, "nor by reopening")

	require.NoError(t, a.SetPolicy(idAgency, NeedsPolicy{}, true))
	require.NoError(t, first.Reopen(idWorker, "back"), "unless the agency's policy allows it")
	assert.True(t, second.IsOpen())
	assert.True(t, first.IsOpen())
}

func TestCaseloadMaximum(t *testing.T) {
	busy := MustWorker(idWorker, "Ada Kimball", testSupervisor, 2)
	a := staffed(t, AgencySpec{ID: idAgency, Name: "Charity Organization Society", Stock: testStock(), ConcurrentCases: true}, busy)
	app := Application{Client: testClient, Worker: busy}
	first, err := NewCase(idWorker, a, app, nil)
	require.NoError(t, err)
	second, err := NewCase(idWorker, a, app, nil)
	require.NoError(t, err)

	_, err = NewCase(idWorker, a, app, nil)
	var ce *CaseloadError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, CaseloadError{Worker: idWorker, Max: 2}, *ce)
	assert.ErrorIs(t, err, ErrCaseloadFull)
	assert.Equal(t, []uuid.UUID{first.ID(), second.ID()}, collect(a.Caseload(idWorker)))

	require.NoError(t, first.Close(idWorker, ReasonLostContact, "gone"))
	assert.Equal(t, []uuid.UUID{second.ID()}, collect(a.Caseload(idWorker)))
	third, err := NewCase(idWorker, a, app, nil)
	require.NoError(t, err)

	err = first.Reopen(idWorker, "back again")
	assert.ErrorIs(t, err, ErrCaseloadFull, "reopening needs room in the caseload")
	assert.Equal(t, PhaseClosed, first.Phase())
	var ids []uuid.UUID
	for cs := range a.Cases() {
		ids = append(ids, cs.ID)
	}
	assert.Equal(t, []uuid.UUID{first.ID(), second.ID(), third.ID()}, ids)
	got, ok := a.Case(third.ID())
	assert.True(t, ok)
	assert.Same(t, third, got)

	require.NoError(t, a.SetCaseloadLimit(idSupervisor, idWorker, 3), "her supervisor gives her room")
	assert.ErrorIs(t, a.SetCaseloadLimit(idSuper2, idWorker, 9), relationship.ErrNotParty, "not on this roster")
	require.NoError(t, first.Reopen(idWorker, "back again"))
	w, _ := a.Worker(idWorker)
	assert.Equal(t, 3, w.MaxCaseload())
}

func TestAgencyRestartsAsItWas(t *testing.T) {
	j := journal.NewMemory()
	f := newFixture(t)
	f.toTreatment()
	require.NoError(t, f.a.Receive(idAgency, "coal", 7))
	p := f.id(f.c.ProposeProvision(idWorker, "coal", 2, "heat"))
	f.ok(f.c.AuthoriseProvision(idWorker, p))
	require.NoError(t, f.a.SetPolicy(idAgency, WorthinessPolicy{}, false))
	require.NoError(t, f.a.Save(bg, j))
	assert.Zero(t, f.a.Unsaved())
	assert.Zero(t, f.c.Unsaved(), "the agency's save took the case's tied entries, and what came before them")

	back, err := LoadAgency(bg, j, idAgency, nil)
	require.NoError(t, err)
	assert.Equal(t, collect(f.a.Pool()), collect(back.Pool()))
	assert.Equal(t, collect(f.a.Staff()), collect(back.Staff()))
	assert.Equal(t, collect(f.a.Cases()), collect(back.Cases()))
	assert.Equal(t, "worthiness", back.Policy().Name())
	assert.Equal(t, f.a.Version(), back.Version())
	f.a.mu.RLock()
	back.mu.RLock()
	assert.Equal(t, f.a.st, back.st)
	back.mu.RUnlock()
	f.a.mu.RUnlock()

	_, err = LoadAgency(bg, j, idStranger, nil)
	assert.ErrorIs(t, err, relationship.ErrNoRecord)
	_, err = LoadAgency(bg, nil, idAgency, nil)
	assert.ErrorIs(t, err, relationship.ErrNil)
}

func TestAnUnknownPolicyDoesNotLoad(t *testing.T) {
	j := journal.NewMemory()
	a := MustAgency(AgencySpec{ID: idAgency, Name: "Charity Organization Society", Policy: strictPolicy{}}, nil)
	require.NoError(t, a.Save(bg, j))
	_, err := LoadAgency(bg, j, idAgency, nil)
	assert.ErrorIs(t, err, ErrUnknownPolicy)
	back, err := LoadAgency(bg, j, idAgency, &AgencyOptions{Policies: []EligibilityPolicy{strictPolicy{}}})
	require.NoError(t, err)
	assert.Equal(t, "strict", back.Policy().Name())
}

// strictPolicy is an eligibility policy of a program's own.
type strictPolicy struct{}

func (strictPolicy) Name() string { return "strict" }
func (strictPolicy) Assess(Applicant) Eligibility {
	return Eligibility{Reasons: []string{"no one is eligible"}}
}

func TestTransfer(t *testing.T) {
	f := newFixture(t)
	err := f.unchanged(func() error { return f.c.Transfer(idSupervisor, testWorker2, "") })
	assert.ErrorIs(t, err, ErrBlank)
	err = f.unchanged(func() error { return f.c.Transfer(idSupervisor, testWorker, "to herself") })
	assert.ErrorIs(t, err, ErrDuplicateID)
	impostor := MustWorker(idClient, "Anna Kowalski", testSupervisor, 0)
	err = f.unchanged(func() error { return f.c.Transfer(idSupervisor, impostor, "the client as worker") })
	assert.ErrorIs(t, err, ErrDuplicateID)
	require.NoError(t, f.a.SetCaseloadLimit(idAgency, idWorker2, 1))
	_, err = NewCase(idWorker2, f.a, Application{Client: MustClient(idStranger, "Bridget Ryan",
		Intake{PresentingProblem: "deserted"}), Worker: testWorker2}, nil)
	require.NoError(t, err)
	err = f.unchanged(func() error { return f.c.Transfer(idSupervisor, testWorker2, "more time") })
	assert.ErrorIs(t, err, ErrCaseloadFull)
	require.NoError(t, f.a.SetCaseloadLimit(idAgency, idWorker2, 0))

	f.ok(f.c.Transfer(idSupervisor, testWorker2, "Miss Richmond leaves for Baltimore"))
	assert.Equal(t, testWorker2, f.c.Worker())
	assert.Equal(t, testSuper2, f.c.Supervisor())
	assert.Zero(t, f.a.CaseloadSize(idWorker))
	assert.Equal(t, 2, f.a.CaseloadSize(idWorker2))
	var roles []string
	for p := range f.c.Parties() {
		roles = append(roles, p.Name()+"/"+p.Role().String())
	}
	assert.Equal(t, []string{"Anna Kowalski/client", "Ada Kimball/worker", "Mary Richmond/supervisor",
		"Charity Organization Society/agency", "Frances McLean/worker", "Edward Devine/supervisor"}, roles)

	// Back to the first worker: no one joins twice.
	f.ok(f.c.Transfer(idSuper2, testWorker, "she came back"))
	assert.Len(t, collect(f.c.Parties()), 6)
	replayed(t, f.c)
}
