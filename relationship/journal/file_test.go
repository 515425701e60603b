package journal_test

import (
	"testing"

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
