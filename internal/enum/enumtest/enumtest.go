// Package enumtest checks the enumerations of the packages built on
// internal/enum, the same way for each: stable names that parse back, an
// invalid zero value, and typed errors for unknown text.
package enumtest

import (
	"encoding"
	"fmt"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// check is one enumeration to check: every value has a stable hyphenated
// name that parses back, the zero value is invalid, and unknown text is a
// typed error naming the text.
type check[T interface {
	~uint8
	fmt.Stringer
	encoding.TextMarshaler
}, P interface {
	*T
	encoding.TextUnmarshaler
}] struct {
	values iter.Seq[T]             // every valid value, in order
	parse  func(string) (T, error) // the package's Parse function
	valid  func(T) bool            // the type's IsValid method
	names  []string                // the names the values must have, in order
}

// Check returns a subtest that checks the enumeration T: values yields
// every valid value in order, parse is the package's Parse function,
// valid the type's IsValid method, and names the names the values must
// have, in order.
func Check[T interface {
	~uint8
	fmt.Stringer
	encoding.TextMarshaler
}, P interface {
	*T
	encoding.TextUnmarshaler
}](values iter.Seq[T], parse func(string) (T, error), valid func(T) bool, names []string) func(*testing.T) {
	return check[T, P]{values, parse, valid, names}.run
}

func (c check[T, P]) run(t *testing.T) {
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
