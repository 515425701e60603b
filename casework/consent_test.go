package casework

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestConsentScopes(t *testing.T) {
	tests := []struct {
		name  string
		scope Scope
		want  error
	}{
		{"plan", PlanScope(), nil},
		{"disclosure", DisclosureScope(" Dr. Grey "), nil},
		{"referral", ReferralScope("Legal Aid Society"), nil},
		{"plan naming a party", Scope{Purpose: ConsentToPlan, To: "the church"}, relationship.ErrInvalidValue},
		{"disclosure to no one", DisclosureScope(""), ErrBlank},
		{"referral to no one", Scope{Purpose: ConsentToReferral}, ErrBlank},
		{"no purpose", Scope{To: "anyone"}, relationship.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if tt.want == nil {
				id := f.id(f.c.GiveConsent(idClient, tt.scope, time.Time{}))
				c, ok := f.c.Consent(id)
				require.True(t, ok)
				assert.Equal(t, ConsentStateGiven, c.State())
				_, expires := c.Expires()
				assert.False(t, expires)
				return
			}
			err := f.unchanged(func() error {
				_, err := f.c.GiveConsent(idClient, tt.scope, time.Time{})
				return err
			})
			assert.ErrorIs(t, err, tt.want)
		})
	}
	assert.Equal(t, "disclosure to Dr. Grey", DisclosureScope(" Dr. Grey ").String())
	assert.Equal(t, "plan", PlanScope().String())
}

func TestConsentExpires(t *testing.T) {
	f := newFixture(t)
	// The test clock steps an hour per act: the case opened at the epoch,
	// the consent is given an hour later, the note written after two, the
	// first disclosure made after three, the second tried at the expiry.
	expires := epoch.Add(4 * time.Hour)
	id := f.id(f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), expires))
	n := f.id(f.c.WriteNote(idWorker, "Jan coughs at night"))
	f.ok(f.c.DiscloseNote(bg, accessLog, idWorker, n, "Dr. Grey"))

	c, inForce := f.c.ConsentAt(DisclosureScope("Dr. Grey"), expires)
	assert.Equal(t, id, c.ID())
	assert.False(t, inForce, "a consent is not in force at its expiry")
	at, ok := c.Expires()
	assert.True(t, ok)
	assert.Equal(t, expires, at)

	err := f.unchanged(func() error { return f.c.DiscloseNote(bg, accessLog, idWorker, n, "Dr. Grey") })
	var ce *ConsentError
	require.ErrorAs(t, err, &ce)
	assert.Contains(t, ce.Reason, "expired")
}

func TestConsentMustExpireInTheFuture(t *testing.T) {
	f := newFixture(t)
	for _, at := range []time.Time{epoch.Add(-time.Hour), epoch.Add(time.Hour), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		err := f.unchanged(func() error {
			_, err := f.c.GiveConsent(idClient, PlanScope(), at)
			return err
		})
		assert.ErrorIs(t, err, relationship.ErrInvalidValue)
	}
}

func TestTheLatestDecisionGoverns(t *testing.T) {
	f := newFixture(t)
	scope := DisclosureScope("the school")
	given := f.id(f.c.GiveConsent(idClient, scope, time.Time{}))
	_, ok := f.c.ConsentAt(scope, epoch.Add(time.Hour*24))
	assert.True(t, ok)
	refused := f.id(f.c.RefuseConsent(idClient, scope))
	c, ok := f.c.ConsentAt(scope, epoch.Add(time.Hour*24))
	assert.False(t, ok)
	assert.Equal(t, refused, c.ID())

	// The refusal superseded the consent: revoking the old consent is
	// allowed (it was given) but changes nothing that governs.
	f.ok(f.c.RevokeConsent(idClient, given))
	err := f.unchanged(func() error { return f.c.RevokeConsent(idClient, refused) })
	assert.ErrorIs(t, err, ErrState)
}

func TestOverrideRefusal(t *testing.T) {
	f := newFixture(t)
	scope := DisclosureScope("the school")
	refused := f.id(f.c.RefuseConsent(idClient, scope))

	err := f.unchanged(func() error { return f.c.OverrideRefusal(idSupervisor, refused, " ") })
	assert.ErrorIs(t, err, ErrBlank, "an override needs a reason")

	f.ok(f.c.OverrideRefusal(idSupervisor, refused, "the boy has not been seen for a month"))
	c, ok := f.c.ConsentAt(scope, epoch.Add(time.Hour*24))
	assert.True(t, ok)
	assert.Equal(t, ConsentStateOverridden, c.State())
	assert.Equal(t, "the boy has not been seen for a month", c.OverrideReason())
	_, by := c.Changed()
	assert.Equal(t, idSupervisor, by)

	n := f.id(f.c.WriteNote(idWorker, "Jan kept home to mind the baby"))
	f.ok(f.c.DiscloseNote(bg, accessLog, idWorker, n, "the school"))

	// The client's new decision governs again.
	f.id(f.c.RefuseConsent(idClient, scope))
	assert.ErrorIs(t, f.c.DiscloseNote(bg, accessLog, idWorker, n, "the school"), ErrNoConsent)
}

func TestOverrideOnlyTheGoverningRefusal(t *testing.T) {
	f := newFixture(t)
	scope := DisclosureScope("the school")
	old := f.id(f.c.RefuseConsent(idClient, scope))
	f.id(f.c.GiveConsent(idClient, scope, time.Time{}))
	err := f.unchanged(func() error { return f.c.OverrideRefusal(idSupervisor, old, "safety") })
	assert.ErrorIs(t, err, ErrState)

	given := collect(f.c.Consents())[1].ID()
	err = f.unchanged(func() error { return f.c.OverrideRefusal(idSupervisor, given, "safety") })
	var se *StateError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "given", se.From)
}

func TestWorkerCannotConsentForTheClient(t *testing.T) {
	f := newFixture(t)
	for _, actor := range []relationship.PartyID{idWorker, idSupervisor} {
		err := f.unchanged(func() error {
			_, err := f.c.GiveConsent(actor, PlanScope(), time.Time{})
			return err
		})
		assert.ErrorIs(t, err, relationship.ErrNotPermitted)
	}
}

func TestUnknownConsent(t *testing.T) {
	f := newFixture(t)
	err := f.unchanged(func() error { return f.c.RevokeConsent(idClient, uuid.New()) })
	var nf *NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "consent", nf.Item)
}
