package casework

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// inPhase returns a fixture in phase p, with everything done that any move
// out of p needs.
func inPhase(t *testing.T, p Phase) *fixture {
	f := newFixture(t)
	switch p {
	case PhaseStudy:
		f.toStudy()
		f.id(f.c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "visit", Summary: "no fire"}))
		_, err := f.c.AssessEligibility(idWorker)
		f.ok(err)
	case PhaseDiagnosis:
		f.toDiagnosis()
		f.ok(f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}))
		g := f.id(f.c.ProposeGoal(idWorker, "work by spring"))
		f.ok(f.c.AgreeGoal(idClient, g))
		f.id(f.c.GiveConsent(idClient, PlanScope(), time.Time{}))
	case PhaseTreatment:
		f.toTreatment()
	case PhaseEvaluation:
		f.toTreatment()
		f.ok(f.c.MoveTo(idWorker, PhaseEvaluation))
	case PhaseClosed:
		f.ok(f.c.Close(idWorker, ReasonMovedAway, "gone to her sister in Scranton"))
	}
	require.Equal(t, p, f.c.Phase())
	return f
}

func TestMoveToAllowsOnlyTheProcess(t *testing.T) {
	allowed := map[[2]Phase]bool{
		{PhaseIntake, PhaseStudy}:         true,
		{PhaseStudy, PhaseDiagnosis}:      true,
		{PhaseDiagnosis, PhaseTreatment}:  true,
		{PhaseTreatment, PhaseEvaluation}: true,
		{PhaseEvaluation, PhaseTreatment}: true,
		{PhaseEvaluation, PhaseStudy}:     true,
	}
	for from := range Phases() {
		for to := range Phases() {
			t.Run(from.String()+"-to-"+to.String(), func(t *testing.T) {
				f := inPhase(t, from)
				if allowed[[2]Phase{from, to}] {
					require.NoError(t, f.c.MoveTo(idWorker, to))
					assert.Equal(t, to, f.c.Phase())
					return
				}
				err := f.unchanged(func() error { return f.c.MoveTo(idWorker, to) })
				var pe *PhaseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, PhaseError{From: from, To: to}, *pe)
				assert.ErrorIs(t, err, ErrPhase)
				assert.Contains(t, err.Error(), from.String())
				assert.Contains(t, err.Error(), to.String())
			})
		}
	}
}

func TestPhaseErrorNamesWhatWasSkipped(t *testing.T) {
	tests := []struct {
		name     string
		err      PhaseError
		contains string
	}{
		{"skip", PhaseError{PhaseIntake, PhaseTreatment}, "skips study, diagnosis"},
		{"same", PhaseError{PhaseStudy, PhaseStudy}, "already there"},
		{"close", PhaseError{PhaseStudy, PhaseClosed}, "close the case with a reason"},
		{"reopen", PhaseError{PhaseClosed, PhaseIntake}, "reopen the case"},
		{"back", PhaseError{PhaseTreatment, PhaseStudy}, "cannot move from treatment to study"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, tt.err.Error(), tt.contains)
			assert.Contains(t, tt.err.Error(), "casework: ")
		})
	}
}

func TestMoveToRejectsInvalidPhases(t *testing.T) {
	f := newFixture(t)
	for _, p := range []Phase{0, 7, 255} {
		err := f.unchanged(func() error { return f.c.MoveTo(idWorker, p) })
		assert.ErrorIs(t, err, relationship.ErrInvalidValue)
	}
}

func TestMoveToNeedsThePhaseReady(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(f *fixture) Phase
		want    error
	}{
		{"diagnosis without evidence", func(f *fixture) Phase {
			f.toStudy()
			_, err := f.c.AssessEligibility(idWorker)
			f.ok(err)
			return PhaseDiagnosis
		}, ErrNotReady},
		{"diagnosis without assessment", func(f *fixture) Phase {
			f.toStudy()
			f.id(f.c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "visit", Summary: "no fire"}))
			return PhaseDiagnosis
		}, ErrNotReady},
		{"diagnosis of an ineligible client", func(f *fixture) Phase {
			f.c = mustOpen(f.t, testAgency(f.t, WorthinessPolicy{}), Application{Client: testClient, Worker: testWorker})
			f.toStudy()
			f.id(f.c.RecordEvidence(idWorker, Evidence{Kind: EvidenceTestimonial, Source: "a neighbour",
				Summary: "he drinks", Hearsay: true, Shows: []Circumstance{Drink}}))
			_, err := f.c.AssessEligibility(idWorker)
			f.ok(err)
			return PhaseDiagnosis
		}, ErrNotReady},
		{"treatment without diagnosis", func(f *fixture) Phase {
			f.toDiagnosis()
			return PhaseTreatment
		}, ErrNotReady},
		{"treatment without an agreed goal", func(f *fixture) Phase {
			f.toDiagnosis()
			f.ok(f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}))
			f.id(f.c.ProposeGoal(idWorker, "work by spring"))
			f.id(f.c.GiveConsent(idClient, PlanScope(), time.Time{}))
			return PhaseTreatment
		}, ErrNotReady},
		{"treatment without plan consent", func(f *fixture) Phase {
			f.toDiagnosis()
			f.ok(f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}))
			g := f.id(f.c.ProposeGoal(idWorker, "work by spring"))
			f.ok(f.c.AgreeGoal(idClient, g))
			return PhaseTreatment
		}, ErrNoConsent},
		{"treatment after the plan was refused", func(f *fixture) Phase {
			f.toDiagnosis()
			f.ok(f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}))
			g := f.id(f.c.ProposeGoal(idWorker, "work by spring"))
			f.ok(f.c.AgreeGoal(idClient, g))
			f.id(f.c.GiveConsent(idClient, PlanScope(), time.Time{}))
			f.id(f.c.RefuseConsent(idClient, PlanScope()))
			return PhaseTreatment
		}, ErrNoConsent},
		{"back to treatment after consent was revoked", func(f *fixture) Phase {
			f.toTreatment()
			f.ok(f.c.MoveTo(idWorker, PhaseEvaluation))
			consent, _ := f.c.ConsentAt(PlanScope(), epoch)
			f.ok(f.c.RevokeConsent(idClient, consent.ID()))
			return PhaseTreatment
		}, ErrNoConsent},
		{"back to treatment after consent expired", func(f *fixture) Phase {
			f.toDiagnosis()
			f.ok(f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}))
			g := f.id(f.c.ProposeGoal(idWorker, "work by spring"))
			f.ok(f.c.AgreeGoal(idClient, g))
			f.id(f.c.GiveConsent(idClient, PlanScope(), epoch.Add(30*time.Hour)))
			f.ok(f.c.MoveTo(idWorker, PhaseTreatment))
			f.ok(f.c.MoveTo(idWorker, PhaseEvaluation))
			for range 30 { // each contact is an hour on the test clock
				f.id(f.c.Counsel(idWorker, relationship.Emotional, "a visit"))
			}
			return PhaseTreatment
		}, ErrNoConsent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			to := tt.prepare(f)
			if f.c.Phase() == PhaseTreatment {
				f.ok(f.c.MoveTo(idWorker, PhaseEvaluation))
			}
			err := f.unchanged(func() error { return f.c.MoveTo(idWorker, to) })
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestReadinessAndConsentErrorsCarryTheirValues(t *testing.T) {
	f := newFixture(t)
	f.toDiagnosis()
	err := f.c.MoveTo(idWorker, PhaseTreatment)
	var re *ReadinessError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, PhaseTreatment, re.To)
	assert.Equal(t, "casework: not ready for treatment: no diagnosis has been made", err.Error())

	f.ok(f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}))
	g := f.id(f.c.ProposeGoal(idClient, "find work"))
	f.ok(f.c.AgreeGoal(idClient, g))
	err = f.c.MoveTo(idWorker, PhaseTreatment)
	var ce *ConsentError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ConsentError{Scope: PlanScope(), Reason: "never given"}, *ce)
}

func TestWithoutPlanConsentTheWorkerDecidesThePlan(t *testing.T) {
	a := testAgency(t, nil)
	c := mustOpen(t, a, Application{Client: testClient, Worker: testWorker, WithoutPlanConsent: true})
	f := &fixture{t: t, a: a, c: c}
	assert.False(t, c.PlanConsentRequired())
	f.toDiagnosis()
	f.ok(c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"unemployment"}}))
	g := f.id(c.ProposeGoal(idWorker, "husband to the wood yard"))
	f.ok(c.MoveTo(idWorker, PhaseTreatment))
	f.ok(c.ActivateGoal(idWorker, g))
	goal, ok := c.Goal(g)
	require.True(t, ok)
	assert.Equal(t, GoalStateActive, goal.State())
	replayed(t, c)
}

func TestPhaseHistory(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	f.ok(f.c.Withdraw(idClient, ""))
	var steps []string
	for ch := range f.c.PhaseHistory() {
		steps = append(steps, ch.From.String()+">"+ch.To.String())
		assert.False(t, ch.At.IsZero())
	}
	assert.Equal(t, []string{"unspecified>intake", "intake>study", "study>diagnosis",
		"diagnosis>treatment", "treatment>closed"}, steps)
}

func TestPhaseText(t *testing.T) {
	for p := range Phases() {
		b, err := p.MarshalText()
		require.NoError(t, err)
		var q Phase
		require.NoError(t, q.UnmarshalText(b))
		assert.Equal(t, p, q)
		parsed, err := ParsePhase(string(b))
		require.NoError(t, err)
		assert.Equal(t, p, parsed)
	}
	assert.True(t, PhaseTreatment.IsOpen())
	assert.False(t, PhaseClosed.IsOpen())
	assert.False(t, Phase(0).IsOpen())
}

func mustOpen(t testing.TB, a *Agency, app Application) *Case {
	t.Helper()
	c, err := NewCase(idWorker, a, app, testOptions())
	require.NoError(t, err)
	return c
}
