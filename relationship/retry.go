package relationship

import (
	"context"
	"errors"
	"fmt"
)

// Retry runs the common loop of optimistic concurrency: load a record,
// change it, save it; if another writer saved first, load again and decide
// again. fn is one pass of that loop, from the load to the save. Retry
// calls it, and calls it again while it fails with an error wrapping
// [ErrVersionConflict], at most attempts times in all. Any other error, or
// nil, ends the loop at once and is returned as fn returned it.
//
// Retry is there so that a program never answers a conflict by dropping
// the expected version (appending at [AnyVersion], or saving without
// loading): that silently overwrites a decision someone else has just
// recorded. The bound is there because a conflict that does not go away
// is news: a record that many writers fight over, or a bug that saves
// from a stale value. Each pass must load afresh: a pass that saves what
// the last one loaded fails the same way every time.
//
// Retry does not sleep between attempts. Every conflict means that another
// writer's append was stored, so the writers as a whole always make
// progress; the bound only stops one writer that keeps losing.
//
// Errors: what fn returned, if it was not a conflict; after attempts
// conflicts, an error that says so and wraps the last one (so
// [errors.Is] with ErrVersionConflict and [errors.As] with
// [*VersionConflictError] still work); the context's error if it is done
// before an attempt; a [*FieldError] wrapping [ErrInvalidValue] for
// attempts below 1, or [ErrNil] for a nil fn, without calling anything.
func Retry(ctx context.Context, attempts int, fn func(ctx context.Context) error) error {
	if attempts < 1 {
		return &FieldError{Field: "attempts", Reason: fmt.Sprintf("%d: at least one attempt is needed", attempts), Err: ErrInvalidValue}
	}
	if fn == nil {
		return Nil("retry function")
	}
	var err error
	for range attempts {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		err = fn(ctx)
		if !errors.Is(err, ErrVersionConflict) {
			return err
		}
	}
	return fmt.Errorf("relationship: gave up after %d attempts: %w", attempts, err)
}
