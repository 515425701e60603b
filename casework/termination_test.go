package casework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestCloseNeedsAReasonThatIsTrue(t *testing.T) {
	tests := []struct {
		name        string
		prepare     func(f *fixture)
		reason      TerminationReason
		explanation string
		want        error
	}{
		{"no reason", func(*fixture) {}, 0, "gone", relationship.ErrInvalidValue},
		{"unknown reason", func(*fixture) {}, 99, "gone", relationship.ErrInvalidValue},
		{"no explanation", func(*fixture) {}, ReasonLostContact, "  ", ErrBlank},
		{"withdrawal in the client's name", func(*fixture) {}, ReasonClientWithdrew, "she said so", relationship.ErrNotPermitted},
		{"goals achieved during treatment", func(f *fixture) { f.toTreatment() }, ReasonGoalsAchieved, "done", ErrNotReady},
		{"goals achieved without one", func(f *fixture) {
			f.toTreatment()
			f.ok(f.c.MoveTo(idWorker, PhaseEvaluation))
		}, ReasonGoalsAchieved, "done", ErrNotReady},
		{"ineligible without assessment", func(*fixture) {}, ReasonIneligible, "not our district", ErrNotReady},
		{"ineligible when eligible", func(f *fixture) {
			_, err := f.c.AssessEligibility(idWorker)
			f.ok(err)
		}, ReasonIneligible, "not our district", ErrNotReady},
		{"referred without a referral", func(*fixture) {}, ReasonReferred, "to legal aid", ErrNotReady},
		{"referred while pending", func(f *fixture) { referred(f) }, ReasonReferred, "to legal aid", ErrNotReady},
		{"already closed", func(f *fixture) { f.ok(f.c.Withdraw(idClient, "")) }, ReasonLostContact, "gone", ErrCaseClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.prepare(f)
			err := f.unchanged(func() error { return f.c.Close(idWorker, tt.reason, tt.explanation) })
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestCloseForEachReason(t *testing.T) {
	prepare := map[TerminationReason]func(f *fixture){
		ReasonGoalsAchieved: func(f *fixture) {
			g := f.toTreatment()
			f.ok(f.c.ActivateGoal(idWorker, g))
			f.ok(f.c.AchieveGoal(idWorker, g, "in work"))
			f.ok(f.c.MoveTo(idWorker, PhaseEvaluation))
		},
		ReasonIneligible: func(f *fixture) {
			f.c = mustOpen(f.t, testAgency(f.t, WorthinessPolicy{}), Application{Client: testClient, Worker: testWorker})
			_, err := f.c.AssessEligibility(idWorker)
			f.ok(err)
		},
		ReasonReferred: func(f *fixture) {
			f.ok(f.c.UpdateReferral(idWorker, referred(f), ReferralStateAccepted, ""))
		},
	}
	for r := range TerminationReasons() {
		if r == ReasonClientWithdrew {
			continue
		}
		t.Run(r.String(), func(t *testing.T) {
			f := newFixture(t)
			if p, ok := prepare[r]; ok {
				p(f)
			}
			f.ok(f.c.Close(idSupervisor, r, "as the record shows"))
			cl, ok := f.c.Closure()
			require.True(t, ok)
			assert.Equal(t, r, cl.Reason)
			assert.Equal(t, idSupervisor, cl.By)
			assert.Zero(t, f.c.Agency().CaseloadSize(idWorker))
		})
	}
}

func TestClientMayWithdrawInAnyOpenPhase(t *testing.T) {
	for _, p := range openPhases {
		t.Run(p.String(), func(t *testing.T) {
			f := inPhase(t, p)
			f.ok(f.c.Withdraw(idClient, ""))
			cl, ok := f.c.Closure()
			require.True(t, ok)
			assert.Equal(t, Closure{Reason: ReasonClientWithdrew, At: cl.At, By: idClient}, cl)
			assert.Equal(t, PhaseClosed, f.c.Phase())
		})
	}
	f := inPhase(t, PhaseClosed)
	err := f.unchanged(func() error { return f.c.Withdraw(idClient, "again") })
	assert.ErrorIs(t, err, ErrCaseClosed)
}

func TestReopen(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.AssessEligibility(idWorker)
	f.ok(err)
	f.ok(f.c.Close(idWorker, ReasonMovedAway, "to her sister in Scranton"))

	err = f.unchanged(func() error { return f.c.Reopen(idWorker, "") })
	assert.ErrorIs(t, err, ErrBlank)

	f.ok(f.c.Reopen(idWorker, "the family came back in March"))
	assert.Equal(t, PhaseIntake, f.c.Phase())
	_, assessed := f.c.Assessment()
	assert.False(t, assessed, "a reopened case is assessed again")
	_, closed := f.c.Closure()
	assert.False(t, closed)
	assert.Equal(t, 1, f.a.CaseloadSize(idWorker))

	err = f.unchanged(func() error { return f.c.Reopen(idWorker, "twice") })
	var wp *WrongPhaseError
	require.ErrorAs(t, err, &wp)
	assert.Equal(t, PhaseIntake, wp.Phase)
	replayed(t, f.c)
}
