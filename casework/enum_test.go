package casework

import (
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

type enumValue interface {
	~uint8
	IsValid() bool
	String() string
	MarshalText() ([]byte, error)
}

type enumPtr[T any] interface {
	*T
	UnmarshalText([]byte) error
}

// checkEnum checks one enumeration: its names, in order; that each round
// trips through text and parses; that the zero value and the value past the
// last are invalid and do not marshal; that unknown text is a TextError
// naming the text, and leaves the target unchanged.
func checkEnum[T enumValue, P enumPtr[T]](t *testing.T, values iter.Seq[T], parse func(string) (T, error), names ...string) {
	var got []string
	for v := range values {
		require.True(t, v.IsValid())
		got = append(got, v.String())
		b, err := v.MarshalText()
		require.NoError(t, err)
		var back T
		require.NoError(t, P(&back).UnmarshalText(b))
		assert.Equal(t, v, back)
		parsed, err := parse(string(b))
		require.NoError(t, err)
		assert.Equal(t, v, parsed)
	}
	assert.Equal(t, names, got)

	for _, bad := range []T{0, T(len(names) + 1)} {
		assert.False(t, bad.IsValid())
		_, err := bad.MarshalText()
		var te *relationship.TextError
		require.ErrorAs(t, err, &te)
		assert.ErrorIs(t, err, relationship.ErrInvalidValue)
	}
	_, err := parse("unspecified")
	assert.ErrorIs(t, err, relationship.ErrUnknownText, "the zero value's name does not parse")

	v := T(1)
	err = P(&v).UnmarshalText([]byte("Nonsense"))
	var te *relationship.TextError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "Nonsense", te.Text)
	assert.ErrorIs(t, err, relationship.ErrUnknownText)
	assert.Equal(t, T(1), v, "unchanged on error")
}

func TestEnums(t *testing.T) {
	t.Run("phase", func(t *testing.T) {
		checkEnum(t, Phases(), ParsePhase, "intake", "study", "diagnosis", "treatment", "evaluation", "closed")
	})
	t.Run("evidence kind", func(t *testing.T) {
		checkEnum(t, EvidenceKinds(), ParseEvidenceKind, "real", "testimonial", "circumstantial")
	})
	t.Run("circumstance", func(t *testing.T) {
		checkEnum(t, Circumstances(), ParseCircumstance, "unemployment", "sickness", "disability", "widowhood",
			"desertion", "old-age", "low-wages", "large-family", "drink", "idleness", "begging", "improvidence",
			"prior-relief", "relatives-able-to-help")
	})
	t.Run("goal state", func(t *testing.T) {
		checkEnum(t, GoalStates(), ParseGoalState, "proposed", "agreed", "active", "achieved", "abandoned")
	})
	t.Run("consent purpose", func(t *testing.T) {
		checkEnum(t, ConsentPurposes(), ParseConsentPurpose, "plan", "disclosure", "referral")
	})
	t.Run("consent state", func(t *testing.T) {
		checkEnum(t, ConsentStates(), ParseConsentState, "given", "refused", "revoked", "overridden")
	})
	t.Run("provision state", func(t *testing.T) {
		checkEnum(t, ProvisionStates(), ParseProvisionState, "proposed", "approved", "declined", "authorised", "withdrawn")
	})
	t.Run("referral state", func(t *testing.T) {
		checkEnum(t, ReferralStates(), ParseReferralState, "pending", "accepted", "rejected", "completed", "revoked")
	})
	t.Run("termination reason", func(t *testing.T) {
		checkEnum(t, TerminationReasons(), ParseTerminationReason, "goals-achieved", "client-withdrew",
			"transferred", "referred", "ineligible", "lost-contact", "moved-away", "died", "other")
	})
	t.Run("access kind", func(t *testing.T) {
		checkEnum(t, AccessKinds(), ParseAccessKind, "read", "disclosure")
	})
}
