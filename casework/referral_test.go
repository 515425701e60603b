package casework

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

const legalAid = "Legal Aid Society"

func TestReferralLifecycle(t *testing.T) {
	type step struct {
		to   ReferralState
		want error
	}
	tests := []struct {
		name  string
		steps []step
		final ReferralState
	}{
		{"accepted and completed", []step{{ReferralStateAccepted, nil}, {ReferralStateCompleted, nil}}, ReferralStateCompleted},
		{"rejected", []step{{ReferralStateRejected, nil}}, ReferralStateRejected},
		{"completed before accepted", []step{{ReferralStateCompleted, ErrState}}, ReferralStatePending},
		{"accepted twice", []step{{ReferralStateAccepted, nil}, {ReferralStateAccepted, ErrState}}, ReferralStateAccepted},
		{"rejected after acceptance", []step{{ReferralStateAccepted, nil}, {ReferralStateRejected, ErrState}}, ReferralStateAccepted},
		{"back to pending", []step{{ReferralStatePending, relationship.ErrInvalidValue}}, ReferralStatePending},
		{"revoked by update", []step{{ReferralStateRevoked, relationship.ErrInvalidValue}}, ReferralStatePending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			r := referred(f)
			for _, s := range tt.steps {
				if s.want == nil {
					f.ok(f.c.UpdateReferral(idWorker, r, s.to, "by letter"))
					continue
				}
				err := f.unchanged(func() error { return f.c.UpdateReferral(idWorker, r, s.to, "") })
				assert.ErrorIs(t, err, s.want)
			}
			ref, ok := f.c.Referral(r)
			require.True(t, ok)
			assert.Equal(t, tt.final, ref.State())
			assert.Equal(t, legalAid, ref.To())
		})
	}
}

func TestReferralNeedsConsentToThatAgency(t *testing.T) {
	f := newFixture(t)
	f.id(f.c.GiveConsent(idClient, ReferralScope("the Dispensary"), time.Time{}))
	err := f.unchanged(func() error {
		_, err := f.c.Refer(idWorker, legalAid, "wages owed")
		return err
	})
	var ce *ConsentError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ReferralScope(legalAid), ce.Scope)
}

func TestRevokingConsentCallsTheReferralOff(t *testing.T) {
	for _, how := range []string{"revoke", "refuse"} {
		t.Run(how, func(t *testing.T) {
			f := newFixture(t)
			consent := f.id(f.c.GiveConsent(idClient, ReferralScope(legalAid), time.Time{}))
			r := f.id(f.c.Refer(idWorker, legalAid, "wages owed"))
			f.ok(f.c.UpdateReferral(idWorker, r, ReferralStateAccepted, ""))
			done := f.id(f.c.Refer(idWorker, legalAid, "an earlier matter"))
			f.ok(f.c.UpdateReferral(idWorker, done, ReferralStateRejected, ""))
			if how == "revoke" {
				f.ok(f.c.RevokeConsent(idClient, consent))
			} else {
				f.id(f.c.RefuseConsent(idClient, ReferralScope(legalAid)))
			}
			ref, _ := f.c.Referral(r)
			assert.Equal(t, ReferralStateRevoked, ref.State())
			assert.Equal(t, "the client withdrew consent", ref.Note())
			ended, _ := f.c.Referral(done)
			assert.Equal(t, ReferralStateRejected, ended.State(), "an ended referral stays as it ended")
			replayed(t, f.c)
		})
	}
}

func TestRevokeReferral(t *testing.T) {
	f := newFixture(t)
	r := referred(f)
	err := f.unchanged(func() error { return f.c.RevokeReferral(idSupervisor, r, "") })
	assert.ErrorIs(t, err, ErrBlank)
	f.ok(f.c.RevokeReferral(idSupervisor, r, "the mill paid the wages"))
	err = f.unchanged(func() error { return f.c.RevokeReferral(idWorker, r, "again") })
	assert.ErrorIs(t, err, ErrState)
	err = f.unchanged(func() error { return f.c.RevokeReferral(idWorker, uuid.New(), "again") })
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Len(t, collect(f.c.Referrals()), 1)
}
