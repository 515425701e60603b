package groupwork

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Rows of the input table that name what a call must give.

// The iterators of a zero Group, not made by NewGroup, yield nothing
// instead of panicking.
func TestInputZeroGroupIterators(t *testing.T) {
	g := &Group{}
	assert.NotPanics(t, func() {
		for range g.MutualAid() {
			t.Error("a zero group has no mutual aid")
		}
		for range g.AidByProcess() {
			t.Error("a zero group has no mutual aid")
		}
	})
}

// The zero value of an error type of the package prints without a panic.
func TestInputZeroErrorsPrint(t *testing.T) {
	for _, err := range []error{&ProxyError{}} {
		assert.NotPanics(t, func() { assert.NotEmpty(t, err.Error()) }, "%T", err)
	}
}
