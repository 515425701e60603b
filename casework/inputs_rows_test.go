package casework

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Rows of the input table that name what a call must give.

// The zero value of every error type of the package prints without a
// panic.
func TestInputZeroErrorsPrint(t *testing.T) {
	for _, err := range []error{&InputError{}, &BindError{}} {
		t.Run(fmt.Sprintf("%T", err), func(t *testing.T) {
			assert.NotPanics(t, func() { assert.NotEmpty(t, err.Error()) })
		})
	}
}
