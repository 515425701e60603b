package journal_test

import (
	"context"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// openFile opens the file journal in dir, failing the test on an error.
func openFile(t testing.TB, dir string, opts *journal.FileOptions) *journal.File {
	t.Helper()
	f, err := journal.Open(dir, opts)
	require.NoError(t, err)
	return f
}

// to returns one stream's part of an append.
func to(stream string, expected uint64, entries ...relationship.Entry) relationship.Append {
	return relationship.Append{Stream: stream, Expected: expected, Entries: entries}
}

func TestFileConformance(t *testing.T) {
	journaltest.Run(t, func(t *testing.T) relationship.Journal {
		return openFile(t, t.TempDir(), nil)
	})
}

func TestFileConformanceSmallSegments(t *testing.T) {
	journaltest.Run(t, func(t *testing.T) relationship.Journal {
		return openFile(t, t.TempDir(), &journal.FileOptions{SegmentSize: 600})
	})
}

func TestFileDurable(t *testing.T) {
	journaltest.RunDurable(t, func(t *testing.T, dir string) relationship.Journal {
		return openFile(t, dir, nil)
	})
}

func TestFileDurableSmallSegments(t *testing.T) {
	journaltest.RunDurable(t, func(t *testing.T, dir string) relationship.Journal {
		return openFile(t, dir, &journal.FileOptions{SegmentSize: 1})
	})
}

// TestFileNotOpened calls every method of a File that Open did not make,
// the zero File and a nil *File: each returns an error wrapping
// relationship.ErrClosed that says so, and none panics.
func TestFileNotOpened(t *testing.T) {
	ctx := context.Background()
	for name, f := range map[string]*journal.File{"zero": {}, "nil": nil} {
		t.Run(name, func(t *testing.T) {
			calls := map[string]func() error{
				"Append":  func() error { return f.Append(ctx, to("s", 0, journaltest.Entries(1, 0, 1)...)) },
				"Read":    func() error { return firstErr(f.Read(ctx, "s", 1)) },
				"Version": func() error { _, err := f.Version(ctx, "s"); return err },
				"Streams": func() error { return firstErr(f.Streams(ctx)) },
				"Feed":    func() error { return firstErr(f.Feed(ctx, 0)) },
				"Wait":    func() error { return f.Wait(ctx, 0) },
				"SaveSnapshot": func() error {
					return f.SaveSnapshot(ctx, "s", relationship.Snapshot{Version: 1, Type: "t", Data: []byte("d")})
				},
				"LoadSnapshot": func() error { _, _, err := f.LoadSnapshot(ctx, "s"); return err },
				"Close":        f.Close,
			}
			for call, fn := range calls {
				t.Run(call, func(t *testing.T) {
					var err error
					require.NotPanics(t, func() { err = fn() })
					require.ErrorIs(t, err, relationship.ErrClosed)
					assert.Contains(t, err.Error(), "not opened with Open")
				})
			}
			assert.Empty(t, f.Dir())
			assert.Empty(t, f.Recovered())
		})
	}
}

// firstErr returns the first error a sequence yields, or nil.
func firstErr[V any](seq iter.Seq2[V, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}
