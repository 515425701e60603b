package casework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestNewAgencyReportsEveryProblem(t *testing.T) {
	_, err := NewAgency(relationship.PartyID{}, " ", nil,
		Stock{Resource: "Coal", Unit: "cwt", Quantity: 1},
		Stock{Resource: "rent", Unit: "", Quantity: -5, ApprovalAbove: -1},
		Stock{Resource: "rent", Unit: "cent"},
	)
	require.Error(t, err)
	for _, want := range []error{relationship.ErrZeroID, ErrEmpty, ErrUnknownResource,
		relationship.ErrInvalidQuantity, ErrDuplicateID} {
		assert.ErrorIs(t, err, want)
	}
	for _, field := range []string{"agency id", "agency name", "resources[0]", "resources[1] unit",
		"resources[1] quantity", "resources[1] approval threshold", "resources[2]"} {
		assert.Contains(t, err.Error(), "casework: "+field)
	}
}

func TestAgencyPool(t *testing.T) {
	a := newAgency(t, nil)
	assert.Equal(t, "needs", a.Policy().Name(), "the default policy")
	assert.Equal(t, relationship.RoleAgency, a.Party().Role())
	require.NoError(t, a.Receive("coal", 5))
	n, ok := a.Available("coal")
	assert.True(t, ok)
	assert.Equal(t, int64(25), n)
	_, ok = a.Available("bread")
	assert.False(t, ok)

	tests := []struct {
		name     string
		resource Resource
		quantity int64
		want     error
	}{
		{"unknown", "bread", 1, ErrUnknownResource},
		{"zero", "coal", 0, relationship.ErrInvalidQuantity},
		{"negative", "coal", -3, relationship.ErrInvalidQuantity},
		{"overflow", "coal", maxQuantity, relationship.ErrInvalidQuantity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := collect(a.Pool())
			assert.ErrorIs(t, a.Receive(tt.resource, tt.quantity), tt.want)
			assert.Equal(t, before, collect(a.Pool()))
		})
	}
}

func TestCaseloadMaximum(t *testing.T) {
	a := newAgency(t, nil)
	busy := MustWorker(idWorker, "Mary Richmond", testSupervisor, 2)
	app := Application{Client: testClient, Worker: busy}
	first, err := Open(idWorker, a, app, nil)
	require.NoError(t, err)
	second, err := Open(idWorker, a, app, nil)
	require.NoError(t, err)

	_, err = Open(idWorker, a, app, nil)
	var ce *CaseloadError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, CaseloadError{Worker: idWorker, Max: 2}, *ce)
	assert.ErrorIs(t, err, ErrCaseloadFull)
	assert.Equal(t, []*Case{first, second}, collect(a.Caseload(idWorker)))

	require.NoError(t, first.Close(idWorker, ReasonLostContact, "gone"))
	assert.Equal(t, []*Case{second}, collect(a.Caseload(idWorker)))
	third, err := Open(idWorker, a, app, nil)
	require.NoError(t, err)

	err = first.Reopen(idWorker, "back again")
	assert.ErrorIs(t, err, ErrCaseloadFull, "reopening needs room in the caseload")
	assert.Equal(t, PhaseClosed, first.Phase())
	assert.Equal(t, []*Case{first, second, third}, collect(a.Cases()))
	got, ok := a.Case(third.ID())
	assert.True(t, ok)
	assert.Same(t, third, got)
}

func TestTransfer(t *testing.T) {
	f := newFixture(t)
	err := f.unchanged(func() error { return f.c.Transfer(idSupervisor, testWorker2, "") })
	assert.ErrorIs(t, err, ErrEmpty)
	err = f.unchanged(func() error { return f.c.Transfer(idSupervisor, testWorker, "to herself") })
	assert.ErrorIs(t, err, ErrDuplicateID)
	impostor := MustWorker(idClient, "Anna Kowalski", testSupervisor, 0)
	err = f.unchanged(func() error { return f.c.Transfer(idSupervisor, impostor, "the client as worker") })
	assert.ErrorIs(t, err, ErrDuplicateID)
	full := MustWorker(idWorker2, "Frances McLean", testSuper2, 1)
	_, err = Open(idWorker2, f.a, Application{Client: MustClient(idStranger, "Bridget Ryan",
		Profile{PresentingProblem: "deserted"}), Worker: full}, nil)
	require.NoError(t, err)
	err = f.unchanged(func() error { return f.c.Transfer(idSupervisor, full, "more time") })
	assert.ErrorIs(t, err, ErrCaseloadFull)

	f.ok(f.c.Transfer(idSupervisor, testWorker2, "Miss Richmond leaves for Baltimore"))
	assert.Equal(t, testWorker2, f.c.Worker())
	assert.Equal(t, testSuper2, f.c.Supervisor())
	assert.Zero(t, f.a.CaseloadSize(idWorker))
	assert.Equal(t, 2, f.a.CaseloadSize(idWorker2))
	var roles []string
	for p := range f.c.Parties() {
		roles = append(roles, p.Name()+"/"+p.Role().String())
	}
	assert.Equal(t, []string{"Anna Kowalski/client", "Mary Richmond/worker", "Zilpha Smith/supervisor",
		"Charity Organisation Society/agency", "Frances McLean/worker", "Edward Devine/supervisor"}, roles)

	// Back to the first worker: no one joins twice.
	f.ok(f.c.Transfer(idSuper2, testWorker, "she came back"))
	assert.Len(t, collect(f.c.Parties()), 6)
	replayed(t, f.c)
}
