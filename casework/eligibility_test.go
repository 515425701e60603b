package casework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestPolicies(t *testing.T) {
	needy := testClient
	unstated := MustClient(idClient, "Anna Kowalski", Intake{PresentingProblem: "sent by the priest"})
	misfortune := EvidenceItem{Evidence: Evidence{Kind: EvidenceReal, Source: "the mill", Summary: "closed",
		Shows: []Circumstance{Unemployment}}}
	gossip := EvidenceItem{Evidence: Evidence{Kind: EvidenceTestimonial, Source: "a neighbour", Summary: "he drinks",
		Hearsay: true, Shows: []Circumstance{Drink}}}
	tests := []struct {
		name     string
		policy   EligibilityPolicy
		app      Applicant
		eligible bool
		reason   string
	}{
		{"needs: stated", NeedsPolicy{}, Applicant{Client: needy}, true, "needs stated: coal for the winter; rent; work"},
		{"needs: none stated", NeedsPolicy{}, Applicant{Client: unstated}, false, "no need has been stated"},
		{"needs: ignores character", NeedsPolicy{}, Applicant{Client: needy, Evidence: []EvidenceItem{gossip}}, true, "needs stated"},
		{"worthiness: misfortune", WorthinessPolicy{}, Applicant{Client: needy, Evidence: []EvidenceItem{misfortune}},
			true, "worthy: unemployment (real evidence from the mill)"},
		{"worthiness: need is no claim", WorthinessPolicy{}, Applicant{Client: needy}, false, "need alone is no claim"},
		{"worthiness: hearsay condemns", WorthinessPolicy{}, Applicant{Client: needy, Evidence: []EvidenceItem{misfortune, gossip}},
			false, "unworthy: drink (testimonial evidence from a neighbour, hearsay)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.policy.Assess(tt.app)
			assert.Equal(t, tt.eligible, d.Eligible)
			require.Len(t, d.Reasons, 1)
			assert.Contains(t, d.Reasons[0], tt.reason)
		})
	}
}

// silent is a policy that gives no reason.
type silent struct{}

func (silent) Name() string                 { return "silent" }
func (silent) Assess(Applicant) Eligibility { return Eligibility{Eligible: true} }

func TestAssessEligibility(t *testing.T) {
	a := testAgency(t, WorthinessPolicy{})
	c := mustOpen(t, a, Application{Client: testClient, Worker: testWorker})
	f := &fixture{t: t, a: a, c: c}
	got, err := c.AssessEligibility(idSupervisor)
	require.NoError(t, err)
	assert.Equal(t, "worthiness", got.Policy)
	assert.False(t, got.Eligible)
	assert.Equal(t, idSupervisor, got.By)

	f.toStudy()
	f.id(c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "the doctor", Summary: "husband's lungs",
		Shows: []Circumstance{Sickness}}))
	got, err = c.AssessEligibility(idWorker)
	require.NoError(t, err)
	assert.True(t, got.Eligible)
	latest, ok := c.Assessment()
	assert.True(t, ok)
	assert.Equal(t, got, latest)

	f.ok(c.MoveTo(idWorker, PhaseDiagnosis))
	err = f.unchanged(func() error { _, err := c.AssessEligibility(idWorker); return err })
	assert.ErrorIs(t, err, ErrPhase, "eligibility is decided in intake or study")

	quiet := mustOpen(t, testAgency(t, silent{}), Application{Client: testClient, Worker: testWorker})
	_, err = quiet.AssessEligibility(idWorker)
	assert.ErrorIs(t, err, ErrBlank, "a decision must say why")
}

func TestEvidenceBadInput(t *testing.T) {
	tests := []struct {
		name string
		e    Evidence
		want error
	}{
		{"no kind", Evidence{Source: "s", Summary: "x"}, relationship.ErrInvalidValue},
		{"no source", Evidence{Kind: EvidenceReal, Summary: "x"}, ErrBlank},
		{"no summary", Evidence{Kind: EvidenceReal, Source: "s"}, ErrBlank},
		{"real hearsay", Evidence{Kind: EvidenceReal, Source: "s", Summary: "x", Hearsay: true}, relationship.ErrInvalidValue},
		{"unknown circumstance", Evidence{Kind: EvidenceReal, Source: "s", Summary: "x", Shows: []Circumstance{99}}, relationship.ErrInvalidValue},
		{"repeated circumstance", Evidence{Kind: EvidenceReal, Source: "s", Summary: "x", Shows: []Circumstance{Drink, Drink}}, ErrDuplicateID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t).toStudy()
			err := f.unchanged(func() error { _, err := f.c.RecordEvidence(idWorker, tt.e); return err })
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestEvidenceIsACopy(t *testing.T) {
	f := newFixture(t).toStudy()
	shows := []Circumstance{Unemployment}
	f.id(f.c.RecordEvidence(idWorker, Evidence{Kind: EvidenceCircumstantial, Source: "rent book",
		Summary: "arrears since March", Shows: shows}))
	shows[0] = Drink
	items := collect(f.c.Evidence())
	require.Len(t, items, 1)
	assert.Equal(t, []Circumstance{Unemployment}, items[0].Shows)
	items[0].Shows[0] = Begging
	assert.Equal(t, []Circumstance{Unemployment}, collect(f.c.Evidence())[0].Shows)
}

func TestCircumstanceFamilies(t *testing.T) {
	var character []string
	for c := range Circumstances() {
		if c.IsCharacter() {
			character = append(character, c.String())
		}
	}
	assert.Equal(t, []string{"drink", "idleness", "begging", "improvidence", "prior-relief", "relatives-able-to-help"}, character)
	assert.False(t, Circumstance(0).IsCharacter())
	assert.False(t, Circumstance(200).IsCharacter())
}

func TestDiagnosis(t *testing.T) {
	f := newFixture(t).toDiagnosis()
	err := f.unchanged(func() error { return f.c.Diagnose(idWorker, Diagnosis{Causes: []string{"the mill"}}) })
	assert.ErrorIs(t, err, ErrBlank)
	err = f.unchanged(func() error {
		return f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"debt"}, Assets: []string{" "}})
	})
	assert.ErrorContains(t, err, "assets[0]")
	d := Diagnosis{Difficulties: []string{" debt "}, Causes: []string{"the mill closed"}}
	f.ok(f.c.Diagnose(idWorker, d))
	got, ok := f.c.Diagnosis()
	require.True(t, ok)
	assert.Equal(t, Diagnosis{Difficulties: []string{"debt"}, Causes: []string{"the mill closed"}}, got)
	got.Difficulties[0] = "changed"
	again, _ := f.c.Diagnosis()
	assert.Equal(t, "debt", again.Difficulties[0], "the diagnosis returned is a copy")
}

func TestGoalLifecycle(t *testing.T) {
	f := newFixture(t)
	g := f.toTreatment()
	err := f.unchanged(func() error { return f.c.AchieveGoal(idWorker, g, "") })
	var se *StateError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, StateError{Item: "goal", ID: g, From: "agreed", To: "achieved"}, *se)

	f.ok(f.c.ActivateGoal(idWorker, g))
	f.ok(f.c.AchieveGoal(idWorker, g, "in work at the box factory"))
	goal, _ := f.c.Goal(g)
	assert.Equal(t, GoalStateAchieved, goal.State())
	assert.Equal(t, "in work at the box factory", goal.Note())
	assert.Equal(t, idWorker, goal.ProposedBy())
	err = f.unchanged(func() error { return f.c.AbandonGoal(idClient, g, "too late") })
	assert.ErrorIs(t, err, ErrState)

	mine := f.id(f.c.ProposeGoal(idClient, "Jan back at school"))
	err = f.unchanged(func() error { return f.c.ActivateGoal(idWorker, mine) })
	assert.ErrorIs(t, err, ErrState, "not agreed yet")
	err = f.unchanged(func() error { return f.c.AbandonGoal(idClient, mine, "") })
	assert.ErrorIs(t, err, ErrBlank)
	f.ok(f.c.AbandonGoal(idClient, mine, "he is needed at home"))
	goal, _ = f.c.Goal(mine)
	assert.Equal(t, GoalStateAbandoned, goal.State())
	assert.Equal(t, "he is needed at home", goal.Note())
	assert.Len(t, collect(f.c.Goals()), 2)
}
