package relationship_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// FuzzPartyIDText checks that any text either fails to parse or round-trips
// to the same identifier.
func FuzzPartyIDText(f *testing.F) {
	for _, s := range []string{"0192f5e0-7c1a-7000-8000-000000000001", "", "zzz", "00000000-0000-0000-0000-000000000000",
		"{0192f5e0-7c1a-7000-8000-000000000001}", "urn:uuid:0192f5e0-7c1a-7000-8000-000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var id relationship.PartyID
		if err := id.UnmarshalText([]byte(s)); err != nil {
			require.ErrorIs(t, err, relationship.ErrInvalidID)
			assert.True(t, id.IsZero())
			return
		}
		if s == "" {
			assert.True(t, id.IsZero(), "empty text is the zero identifier")
		}
		text, err := id.MarshalText()
		require.NoError(t, err)
		var back relationship.PartyID
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, id, back)
	})
}

// FuzzValueJSON checks that the JSON decoders of Party, Support and Exchange
// never panic, and that whatever they accept re-encodes to an equal value.
func FuzzValueJSON(f *testing.F) {
	seeds := []string{
		`{"id":"0192f5e0-7c1a-7000-8000-000000000001","name":"Mary Richmond","role":"worker"}`,
		`{"kind":"material","description":"coal","amount":2,"unit":"hundredweight"}`,
		`{"kind":"emotional"}`,
		`{"id":"0192f5e0-7c1a-7000-8000-0000000000aa","giver":"0192f5e0-7c1a-7000-8000-000000000001",` +
			`"receiver":"0192f5e0-7c1a-7000-8000-000000000002","support":{"kind":"emotional"},` +
			`"time":"1895-03-04T10:00:00Z","context":"case 1"}`,
		`null`, `[]`, `{"kind":1}`, `{"amount":1e400}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		roundTrip(t, b, new(relationship.Party), func(a, b *relationship.Party) bool { return *a == *b })
		roundTrip(t, b, new(relationship.Support), func(a, b *relationship.Support) bool { return *a == *b })
		roundTrip(t, b, new(relationship.Exchange), func(a, b *relationship.Exchange) bool { return a.Equal(*b) })
	})
}

func roundTrip[T any](t *testing.T, b []byte, v *T, equal func(a, b *T) bool) {
	if json.Unmarshal(b, v) != nil {
		return
	}
	enc, err := json.Marshal(v)
	if err != nil {
		// Only the zero value (a JSON null decodes to nothing) may refuse to encode.
		var zero T
		require.Equal(t, zero, *v, "a decoded value must encode: %s", b)
		return
	}
	back := new(T)
	require.NoError(t, json.Unmarshal(enc, back), "re-decoding %s", enc)
	assert.True(t, equal(v, back), "round trip changed the value: %s -> %s", b, enc)
}
