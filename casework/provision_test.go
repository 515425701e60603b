package casework

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestProvisionWithinThresholdIsGivenAtOnce(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	p := f.id(f.c.ProposeProvision(idWorker, "coal", 2, "heat through January"))
	prov, ok := f.c.Provision(p)
	require.True(t, ok)
	assert.False(t, prov.NeedsApproval())
	f.ok(f.c.AuthoriseProvision(idWorker, p))

	prov, _ = f.c.Provision(p)
	assert.Equal(t, ProvisionStateAuthorised, prov.State())
	q, unit := prov.Quantity()
	assert.Equal(t, int64(2), q)
	assert.Equal(t, "hundredweight", unit)
	left, _ := f.a.Available("coal")
	assert.Equal(t, int64(18), left)

	x := collect(f.c.Ledger().All())
	require.Len(t, x, 1)
	assert.Equal(t, prov.Exchange(), x[0].ID())
	assert.Equal(t, idWorker, x[0].Giver(), "the worker gives on the agency's behalf")
	assert.Equal(t, idClient, x[0].Receiver())
	amount, u, ok := x[0].Support().Quantity()
	require.True(t, ok)
	assert.Equal(t, 2.0, amount)
	assert.Equal(t, "hundredweight", u)
	assert.Equal(t, relationship.Material, x[0].Support().Kind())
}

func TestProvisionAboveThresholdNeedsTheSupervisor(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	p := f.id(f.c.ProposeProvision(idWorker, "rent", 1200, "two weeks' arrears"))

	err := f.unchanged(func() error { return f.c.AuthoriseProvision(idWorker, p) })
	var ae *ApprovalError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, ApprovalError{Provision: p, Resource: "rent", Quantity: 1200, Threshold: 500}, *ae)
	assert.ErrorIs(t, err, ErrApprovalRequired)

	f.ok(f.c.ApproveProvision(idSupervisor, p))
	f.ok(f.c.AuthoriseProvision(idWorker, p))
	left, _ := f.a.Available("rent")
	assert.Equal(t, int64(3800), left)
}

func TestSupervisorCannotApproveOwnProposal(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	p := f.id(f.c.ProposeProvision(idSupervisor, "coal", 6, "a hard frost is coming"))
	err := f.unchanged(func() error { return f.c.ApproveProvision(idSupervisor, p) })
	var ge *relationship.PermissionError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, idSupervisor, ge.Actor)
	assert.Equal(t, ActApproveProvision, ge.Act)
	assert.ErrorIs(t, err, ErrSelfApproval)
	assert.ErrorIs(t, err, relationship.ErrNotPermitted)
}

func TestProvisionBadInput(t *testing.T) {
	tests := []struct {
		name     string
		resource Resource
		quantity int64
		purpose  string
		want     error
	}{
		{"negative quantity", "coal", -1, "heat", relationship.ErrInvalidQuantity},
		{"zero quantity", "coal", 0, "heat", relationship.ErrInvalidQuantity},
		{"absurd quantity", "coal", 1 << 60, "heat", relationship.ErrInvalidQuantity},
		{"unknown resource", "bread", 1, "food", ErrUnknownResource},
		{"malformed resource", "Coal!", 1, "heat", ErrUnknownResource},
		{"empty purpose", "coal", 1, "  ", ErrBlank},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.toTreatment()
			err := f.unchanged(func() error {
				_, err := f.c.ProposeProvision(idWorker, tt.resource, tt.quantity, tt.purpose)
				return err
			})
			assert.ErrorIs(t, err, tt.want)
			var ie *InputError
			assert.ErrorAs(t, err, &ie)
		})
	}
}

func TestProvisionLargerThanThePool(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	p := f.id(f.c.ProposeProvision(idWorker, "coal", 21, "a whole winter"))
	f.ok(f.c.ApproveProvision(idSupervisor, p))
	err := f.unchanged(func() error { return f.c.AuthoriseProvision(idWorker, p) })
	var re *ResourceError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, ResourceError{Resource: "coal", Unit: "hundredweight", Requested: 21, Available: 20}, *re)
	assert.ErrorIs(t, err, ErrInsufficientResources)

	require.NoError(t, f.a.Receive(idAgency, "coal", 1))
	f.ok(f.c.AuthoriseProvision(idWorker, p))
	left, _ := f.a.Available("coal")
	assert.Zero(t, left, "the pool is empty, never negative")
}

func TestProvisionLifecycle(t *testing.T) {
	approve := func(f *fixture, p uuid.UUID) { f.ok(f.c.ApproveProvision(idSupervisor, p)) }
	give := func(f *fixture, p uuid.UUID) { approve(f, p); f.ok(f.c.AuthoriseProvision(idWorker, p)) }
	tests := []struct {
		name    string
		prepare func(f *fixture, p uuid.UUID)
		op      func(f *fixture, p uuid.UUID) error
		want    error
	}{
		{"approve a declined provision",
			func(f *fixture, p uuid.UUID) { f.ok(f.c.DeclineProvision(idSupervisor, p, "the sister can help")) },
			func(f *fixture, p uuid.UUID) error { return f.c.ApproveProvision(idSupervisor, p) }, ErrState},
		{"authorise a withdrawn provision",
			func(f *fixture, p uuid.UUID) { f.ok(f.c.WithdrawProvision(idWorker, p, "no longer needed")) },
			func(f *fixture, p uuid.UUID) error { return f.c.AuthoriseProvision(idWorker, p) }, ErrState},
		{"authorise twice", give,
			func(f *fixture, p uuid.UUID) error { return f.c.AuthoriseProvision(idWorker, p) }, ErrState},
		{"withdraw a given provision", give,
			func(f *fixture, p uuid.UUID) error { return f.c.WithdrawProvision(idWorker, p, "changed my mind") }, ErrState},
		{"decline without a reason", func(*fixture, uuid.UUID) {},
			func(f *fixture, p uuid.UUID) error { return f.c.DeclineProvision(idSupervisor, p, "") }, ErrBlank},
		{"unknown provision", func(*fixture, uuid.UUID) {},
			func(f *fixture, _ uuid.UUID) error {
				return f.c.ApproveProvision(idSupervisor, uuid.MustParse("018f0000-0000-7000-8000-0000000000ff"))
			}, ErrNotFound},
		{"a goal is not a provision", func(*fixture, uuid.UUID) {},
			func(f *fixture, _ uuid.UUID) error {
				return f.c.ApproveProvision(idSupervisor, collect(f.c.Goals())[0].ID())
			}, ErrNotFound},
		{"authorise after plan consent revoked",
			func(f *fixture, p uuid.UUID) {
				approve(f, p)
				consent, _ := f.c.ConsentAt(PlanScope(), epoch)
				f.ok(f.c.RevokeConsent(idClient, consent.ID()))
			},
			func(f *fixture, p uuid.UUID) error { return f.c.AuthoriseProvision(idWorker, p) }, ErrNoConsent},
		{"authorise in evaluation",
			func(f *fixture, p uuid.UUID) { approve(f, p); f.ok(f.c.MoveTo(idWorker, PhaseEvaluation)) },
			func(f *fixture, p uuid.UUID) error { return f.c.AuthoriseProvision(idWorker, p) }, ErrPhase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.toTreatment()
			p := f.id(f.c.ProposeProvision(idWorker, "coal", 5, "heat for the month"))
			tt.prepare(f, p)
			err := f.unchanged(func() error { return tt.op(f, p) })
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestProvisionsOnlyDuringTreatment(t *testing.T) {
	f := newFixture(t)
	f.toDiagnosis()
	err := f.unchanged(func() error {
		_, err := f.c.ProposeProvision(idWorker, "coal", 1, "heat")
		return err
	})
	var wp *WrongPhaseError
	require.ErrorAs(t, err, &wp)
	assert.Equal(t, PhaseDiagnosis, wp.Phase)
	assert.Equal(t, []Phase{PhaseTreatment}, wp.Allow)
	assert.Equal(t, "casework: cannot propose provision during diagnosis (allowed during treatment)", err.Error())
}

func TestDetachedCaseCannotDrawOnThePool(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	p := f.id(f.c.ProposeProvision(idWorker, "coal", 1, "heat"))
	detached, err := Replay(f.c.Record(), &Options{Sources: &relationship.Sources{IDs: relationship.SequentialIDs(2)}})
	require.NoError(t, err)
	assert.Nil(t, detached.Agency())
	assert.ErrorIs(t, detached.AuthoriseProvision(idWorker, p), ErrDetached)
	assert.ErrorIs(t, detached.Transfer(idSupervisor, testWorker2, "leave"), ErrDetached)
	_, err = detached.Counsel(idWorker, relationship.Emotional, "a visit")
	assert.NoError(t, err, "acts that do not need the agency still work")
}
