package casework

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
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

// A zero Agency, not made by NewAgency, refuses every change with
// ErrNil instead of panicking.
func TestInputZeroAgency(t *testing.T) {
	for name, call := range map[string]func(a *Agency) error{
		"SetPolicy":         func(a *Agency) error { return a.SetPolicy(idAgency, WorthinessPolicy{}, true) },
		"SetPolicy nil":     func(a *Agency) error { return a.SetPolicy(idAgency, nil, false) },
		"AppointWorker":     func(a *Agency) error { return a.AppointWorker(idAgency, testWorker) },
		"AppointSupervisor": func(a *Agency) error { return a.AppointSupervisor(idAgency, testSupervisor) },
		"Receive":           func(a *Agency) error { return a.Receive(idAgency, "coal", 1) },
		"SetCaseloadLimit":  func(a *Agency) error { return a.SetCaseloadLimit(idAgency, idWorker, 3) },
		"EndAppointment":    func(a *Agency) error { return a.EndAppointment(idAgency, idWorker, "moved away") },
	} {
		t.Run(name, func(t *testing.T) {
			a := &Agency{}
			var err error
			require.NotPanics(t, func() { err = call(a) })
			assert.ErrorIs(t, err, relationship.ErrNil)
			assert.Zero(t, a.Version())
		})
	}
}
