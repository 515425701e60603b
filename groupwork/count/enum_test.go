package count

import (
	"encoding"
	"fmt"
	"iter"
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
	t.Run("resolution", enumCase[Resolution, *Resolution]{Resolutions(), ParseResolution, Resolution.IsValid,
		[]string{"passed", "failed", "chosen", "tied", "no-preference", "no-quorum"}}.run)
	t.Run("vote", enumCase[Vote, *Vote]{Votes(), ParseVote, Vote.IsValid, []string{"yes", "no", "abstain"}}.run)
	t.Run("stance", enumCase[Stance, *Stance]{Stances(), ParseStance, Stance.IsValid,
		[]string{"agree", "stand-aside", "disagree", "block"}}.run)
	t.Run("response", enumCase[Response, *Response]{Responses(), ParseResponse, Response.IsValid,
		[]string{"consents", "objects", "resolved", "withdrawn"}}.run)
	t.Run("consensus reason", enumCase[ConsensusReason, *ConsensusReason]{ConsensusReasons(), ParseConsensusReason, ConsensusReason.IsValid,
		[]string{"reached", "blocked", "no-support", "divided"}}.run)
	t.Run("motion rule", enumCase[MotionRule, *MotionRule]{MotionRules(), ParseMotionRule, MotionRule.IsValid,
		[]string{"majority-of-votes-cast", "majority-of-eligible", "fraction-of-votes-cast", "fraction-of-eligible"}}.run)
	t.Run("tie method", enumCase[TieMethod, *TieMethod]{TieMethods(), ParseTieMethod, TieMethod.IsValid,
		[]string{"together", "by-earlier-round", "by-priority", "unbroken"}}.run)
	t.Run("action", enumCase[Action, *Action]{Actions(), ParseAction, Action.IsValid,
		[]string{"count-ends", "transfer-surplus", "exclude"}}.run)
}
