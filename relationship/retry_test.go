package relationship_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

func TestRetry(t *testing.T) {
	conflict := &relationship.VersionConflictError{Stream: "case-1", Expected: 3, Actual: 4}
	other := errors.New("the disk is on fire")
	tests := []struct {
		name     string
		attempts int
		results  []error // what fn returns, call by call
		calls    int
		want     func(t *testing.T, err error)
	}{
		{"success at once", 3, []error{nil}, 1, func(t *testing.T, err error) { assert.NoError(t, err) }},
		{"success after two conflicts", 3, []error{conflict, conflict, nil}, 3, func(t *testing.T, err error) { assert.NoError(t, err) }},
		{"a wrapped conflict is a conflict", 2, []error{fmt.Errorf("saving: %w", conflict), nil}, 2, func(t *testing.T, err error) { assert.NoError(t, err) }},
		{"another error ends it", 5, []error{conflict, other}, 2, func(t *testing.T, err error) { assert.Same(t, other, err) }},
		{"gives up after the bound", 3, []error{conflict, conflict, conflict, nil}, 3, func(t *testing.T, err error) {
			require.ErrorIs(t, err, relationship.ErrVersionConflict)
			var vc *relationship.VersionConflictError
			require.ErrorAs(t, err, &vc)
			assert.Equal(t, "case-1", vc.Stream)
			assert.Contains(t, err.Error(), "gave up after 3 attempts")
		}},
		{"one attempt", 1, []error{conflict, nil}, 1, func(t *testing.T, err error) { assert.ErrorIs(t, err, relationship.ErrVersionConflict) }},
		{"no attempts", 0, []error{nil}, 0, func(t *testing.T, err error) { assert.ErrorIs(t, err, relationship.ErrInvalidValue) }},
		{"negative attempts", -1, []error{nil}, 0, func(t *testing.T, err error) {
			var fe *relationship.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "attempts", fe.Field)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := relationship.Retry(context.Background(), tt.attempts, func(context.Context) error {
				calls++
				return tt.results[calls-1]
			})
			tt.want(t, err)
			assert.Equal(t, tt.calls, calls, "calls")
		})
	}
}

func TestRetryNilAndContext(t *testing.T) {
	assert.ErrorIs(t, relationship.Retry(context.Background(), 3, nil), relationship.ErrNil)

	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := relationship.Retry(ctx, 10, func(context.Context) error {
		calls++
		cancel() // the program is shutting down while this pass ran
		return &relationship.VersionConflictError{Stream: "s"}
	})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, calls, "no attempt after the context is done")
}

// TestRetryWriters has eight writers add to one stream through Retry, each
// loading the version afresh in every pass: every note is stored once, and
// no writer gives up, though all of them conflict.
func TestRetryWriters(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	const writers, notes = 8, 20
	errs := make(chan error, writers)
	for w := range writers {
		go func() {
			for n := range notes {
				err := relationship.Retry(ctx, 1000, func(ctx context.Context) error {
					v, err := j.Version(ctx, "shared")
					if err != nil {
						return err
					}
					return j.Append(ctx, relationship.Append{Stream: "shared", Expected: v, Entries: []relationship.Entry{journaltest.NoteEntry(w, n, v+1)}})
				})
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range writers {
		require.NoError(t, <-errs)
	}
	v, err := j.Version(ctx, "shared")
	require.NoError(t, err)
	assert.Equal(t, uint64(writers*notes), v)
}
