package enum

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type colour uint8

var colours = New[colour]("colour", "unspecified", "red", "green")

func TestTable(t *testing.T) {
	assert.Equal(t, "colour", colours.Type())
	assert.Equal(t, 2, colours.Len())
	assert.Equal(t, []colour{1, 2}, slices.Collect(colours.Values()))
	assert.Equal(t, "green", colours.String(2))
	assert.Equal(t, "unspecified", colours.String(0))
	assert.Equal(t, "colour(9)", colours.String(9))
	assert.False(t, colours.Valid(0))
	assert.False(t, colours.Valid(3))

	v, err := colours.ParseText("red")
	require.NoError(t, err)
	assert.Equal(t, colour(1), v)
	_, err = colours.ParseText("unspecified")
	assert.EqualError(t, err, `unknown colour "unspecified"`)

	b, err := colours.Text(2)
	require.NoError(t, err)
	assert.Equal(t, "green", string(b))
	_, err = colours.Text(0)
	assert.EqualError(t, err, "invalid colour value unspecified")
	assert.Error(t, colours.Check(7))
	assert.NoError(t, colours.Check(1))

	c := colour(2)
	require.Error(t, colours.Unmarshal([]byte("blue"), &c))
	assert.Equal(t, colour(2), c, "a failed decode leaves the value unchanged")
	require.NoError(t, colours.Unmarshal([]byte("red"), &c))
	assert.Equal(t, colour(1), c)
}
