package groupwork

import (
	"encoding"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// enumCase checks one enumeration: every value has a stable hyphenated
// name that parses back, the zero value is invalid, and unknown text is a
// typed error naming the text.
type enumCase[T interface {
	~uint8
	fmt.Stringer
	encoding.TextMarshaler
}, P interface {
	*T
	encoding.TextUnmarshaler
}] struct {
	values iter.Seq[T]
	parse  func(string) (T, error)
	valid  func(T) bool
	names  []string
}

func (c enumCase[T, P]) run(t *testing.T) {
	var got []string
	for v := range c.values {
		require.True(t, c.valid(v))
		text, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, v.String(), string(text))
		got = append(got, string(text))
		p, err := c.parse(string(text))
		require.NoError(t, err)
		assert.Equal(t, v, p)
		var u T
		require.NoError(t, P(&u).UnmarshalText(text))
		assert.Equal(t, v, u)
	}
	assert.Equal(t, c.names, got, "names are stable and in order")

	var zero T
	assert.False(t, c.valid(zero), "the zero value is invalid")
	assert.False(t, c.valid(T(len(c.names)+1)))
	_, err := zero.MarshalText()
	assert.ErrorIs(t, err, relationship.ErrInvalidValue)

	for _, bad := range []string{"", "unspecified", "Nonsense", c.names[0] + " "} {
		_, err := c.parse(bad)
		var te *relationship.TextError
		require.ErrorAs(t, err, &te, "%q", bad)
		assert.Equal(t, bad, te.Text)
		assert.ErrorIs(t, err, relationship.ErrUnknownText)
		u := T(1)
		assert.Error(t, P(&u).UnmarshalText([]byte(bad)))
		assert.Equal(t, T(1), u, "unchanged on error")
	}
}

func TestEnums(t *testing.T) {
	t.Run("model", enumCase[Model, *Model]{Models(), ParseModel, Model.IsValid,
		[]string{"social-goals", "remedial", "reciprocal"}}.run)
	t.Run("membership", enumCase[Membership, *Membership]{Memberships(), ParseMembership, Membership.IsValid,
		[]string{"open", "closed"}}.run)
	t.Run("attendance", enumCase[Attendance, *Attendance]{Attendances(), ParseAttendance, Attendance.IsValid,
		[]string{"present", "late", "excused", "absent"}}.run)
	t.Run("activity", enumCase[Activity, *Activity]{Activities(), ParseActivity, Activity.IsValid,
		[]string{"camping", "singing", "discussion", "games", "arts-and-crafts", "drama", "sports", "outing",
			"class", "service-project", "dance", "music", "cooking", "storytelling", "debate", "celebration", "gardening"}}.run)
	t.Run("stage", enumCase[Stage, *Stage]{Stages(), ParseStage, Stage.IsValid,
		[]string{"preaffiliation", "power-and-control", "intimacy", "differentiation", "separation"}}.run)
	t.Run("mutual-aid process", enumCase[MutualAidProcess, *MutualAidProcess]{MutualAidProcesses(), ParseMutualAidProcess, MutualAidProcess.IsValid,
		[]string{"sharing-data", "dialectical-process", "discussing-a-taboo-area", "all-in-the-same-boat",
			"universal-perspective", "mutual-support", "mutual-demand", "individual-problem-solving",
			"rehearsal", "strength-in-numbers"}}.run)
	t.Run("therapeutic factor", enumCase[TherapeuticFactor, *TherapeuticFactor]{TherapeuticFactors(), ParseTherapeuticFactor, TherapeuticFactor.IsValid,
		[]string{"instillation-of-hope", "universality", "imparting-information", "altruism",
			"corrective-recapitulation", "socialising-techniques", "imitative-behaviour",
			"interpersonal-learning", "cohesiveness", "catharsis", "existential-factors"}}.run)
	t.Run("leave reason", enumCase[LeaveReason, *LeaveReason]{LeaveReasons(), ParseLeaveReason, LeaveReason.IsValid,
		[]string{"moved", "work-or-school", "illness", "lost-interest", "conflict", "goals-met", "other", "group-ended"}}.run)
	t.Run("concern scope", enumCase[ConcernScope, *ConcernScope]{ConcernScopes(), ParseConcernScope, ConcernScope.IsValid,
		[]string{"personal", "group", "neighbourhood", "society"}}.run)
	t.Run("action kind", enumCase[ActionKind, *ActionKind]{ActionKinds(), ParseActionKind, ActionKind.IsValid,
		[]string{"discussion", "inquiry", "letter", "petition", "deputation", "public-meeting", "campaign",
			"service-project", "referral"}}.run)
	t.Run("outcome", enumCase[Outcome, *Outcome]{Outcomes(), ParseOutcome, Outcome.IsValid,
		[]string{"resolved", "partly-resolved", "unresolved", "withdrawn", "referred"}}.run)
	t.Run("fit", enumCase[Fit, *Fit]{Fits(), ParseFit, Fit.IsValid, []string{"exact", "general", "related"}}.run)
	t.Run("rule", enumCase[Rule, *Rule]{Rules(), ParseRule, Rule.IsValid,
		[]string{"simple-majority", "absolute-majority", "supermajority", "consensus", "consent",
			"plurality", "approval", "instant-runoff", "schulze", "stv"}}.run)
}

func TestNumProcesses(t *testing.T) {
	assert.Len(t, slices.Collect(MutualAidProcesses()), numProcesses)
}
