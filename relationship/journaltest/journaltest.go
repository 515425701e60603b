// Package journaltest is the conformance suite for implementations of
// [relationship.Journal]. A journal that passes [Run] behaves like the ones
// the library ships: optimistic concurrency per stream; appends that are
// atomic across several streams; appends at [relationship.AnyVersion] that
// never conflict; sequence numbers that run on; the limits on sizes;
// snapshots and their rules; a feed of every entry, in commit order, that
// a follower can resume without skipping or repeating anything; and clear
// errors, after Close as before it.
//
// Use it from a test of your own journal, as testing/slogtest is used for
// slog handlers:
//
//	func TestConformance(t *testing.T) {
//		journaltest.Run(t, func(t *testing.T) relationship.Journal {
//			return mysql.Open(t, testDSN)
//		})
//	}
//
// A journal that keeps its records beyond the life of one value, in files
// or a database, also runs [RunDurable], which closes the journal and opens
// the same store again, and checks that nothing was lost, changed or
// duplicated (entries, snapshots, feed positions), and that appends go on
// from where they stopped.
//
// The suite writes entries holding a [Note], an event it registers. Its
// helpers ([Entries], [NoteEntry], [ReadAll], [ReadFeed], [Contents]) are
// exported for the tests of journal implementations.
package journaltest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/relationship"
)

// Note is the event the suite writes: a line of text from a numbered writer.
// It is registered as "journaltest.note.v1".
type Note struct {
	Writer int    `json:"writer"`
	N      int    `json:"n"`
	Text   string `json:"text"`
}

// EventType implements [relationship.Event].
func (Note) EventType() string { return "journaltest.note.v1" }

func init() { eventtype.Register[Note]() }

// Actor is the party every entry of the suite names as its actor.
var Actor = relationship.MustParsePartyID("01890a5d-ac96-774b-bcce-b302099a8057")

var epoch = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// Entries returns n valid entries that run on from version after, written
// by writer: entry i has sequence after+i+1.
func Entries(writer int, after uint64, n int) []relationship.Entry {
	out := make([]relationship.Entry, n)
	for i := range out {
		out[i] = NoteEntry(writer, i, after+uint64(i)+1)
	}
	return out
}

// NoteEntry returns the valid entry with sequence seq holding note n of writer.
func NoteEntry(writer, n int, seq uint64) relationship.Entry {
	return TextEntry(writer, n, seq, fmt.Sprintf("note %d from writer %d", n, writer))
}

// TextEntry returns the valid entry with sequence seq holding note n of
// writer with the given text: a long text makes a large entry.
func TextEntry(writer, n int, seq uint64, text string) relationship.Entry {
	e, err := relationship.NewEntry(seq, epoch.Add(time.Duration(seq)*time.Minute), Actor, "write-note",
		Note{Writer: writer, N: n, Text: text})
	if err != nil {
		panic(err) // the suite's own literals are valid
	}
	return e
}

// ReadAll collects every entry of stream from seq from, failing the test on
// an error.
func ReadAll(t testing.TB, j relationship.Journal, stream string, from uint64) []relationship.Entry {
	t.Helper()
	var out []relationship.Entry
	for e, err := range j.Read(context.Background(), stream, from) {
		require.NoError(t, err)
		out = append(out, e)
	}
	return out
}

// ReadFeed collects the feed of j after position after, failing the test on
// an error.
func ReadFeed(t testing.TB, j relationship.Journal, after uint64) []relationship.FeedEntry {
	t.Helper()
	var out []relationship.FeedEntry
	for fe, err := range j.Feed(context.Background(), after) {
		require.NoError(t, err)
		out = append(out, fe)
	}
	return out
}

// Contents reads every stream of j, failing the test on an error: what the
// journal holds, each stream's entries by its name.
func Contents(t testing.TB, j relationship.Journal) map[string][]relationship.Entry {
	t.Helper()
	out := map[string][]relationship.Entry{}
	for name, err := range j.Streams(context.Background()) {
		require.NoError(t, err)
		out[name] = ReadAll(t, j, name, 1)
	}
	return out
}

// to returns one stream's part of an append.
func to(stream string, expected uint64, entries ...relationship.Entry) relationship.Append {
	return relationship.Append{Stream: stream, Expected: expected, Entries: entries}
}

// version returns the version of stream, failing the test on an error.
func version(t testing.TB, j relationship.Journal, stream string) uint64 {
	t.Helper()
	v, err := j.Version(context.Background(), stream)
	require.NoError(t, err)
	return v
}

// Run runs the conformance suite. newJournal must return a new, empty
// journal for each subtest; the suite closes it.
func Run(t *testing.T, newJournal func(t *testing.T) relationship.Journal) {
	tests := []struct {
		name string
		fn   func(*testing.T, relationship.Journal)
	}{
		{"EmptyStream", testEmptyStream},
		{"AppendAndRead", testAppendAndRead},
		{"ReadFrom", testReadFrom},
		{"Batches", testBatches},
		{"VersionConflict", testVersionConflict},
		{"SequenceMustRunOn", testSequenceMustRunOn},
		{"InvalidArguments", testInvalidArguments},
		{"StreamsAreSeparate", testStreamsAreSeparate},
		{"StopEarly", testStopEarly},
		{"CancelledContext", testCancelledContext},
		{"ConcurrentWriters", testConcurrentWriters},
		{"MultiStream", testMultiStream},
		{"MultiStreamConflict", testMultiStreamConflict},
		{"MultiStreamInvalid", testMultiStreamInvalid},
		{"EmptyParts", testEmptyParts},
		{"AnyVersion", testAnyVersion},
		{"AnyVersionConcurrent", testAnyVersionConcurrent},
		{"LastUnitRace", testLastUnitRace},
		{"EntryTooLarge", testEntryTooLarge},
		{"AppendTooLarge", testAppendTooLarge},
		{"SnapshotNone", testSnapshotNone},
		{"SnapshotSaveLoad", testSnapshotSaveLoad},
		{"SnapshotRules", testSnapshotRules},
		{"SnapshotReplace", testSnapshotReplace},
		{"SnapshotTooLarge", testSnapshotTooLarge},
		{"FeedOrder", testFeedOrder},
		{"FeedResume", testFeedResume},
		{"FeedStopEarly", testFeedStopEarly},
		{"FeedFollower", testFeedFollower},
		{"FeedFollowers", testFeedFollowers},
		{"Wait", testWait},
		{"WaitWakes", testWaitWakes},
		{"WaitClose", testWaitClose},
		{"Close", testClose},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := newJournal(t)
			t.Cleanup(func() { _ = j.Close() })
			tt.fn(t, j)
		})
	}
}

// RunDurable runs the part of the suite that only a durable journal passes.
// open must open the journal kept in dir, creating it if dir is new; each
// subtest calls it several times with the same dir, closing one journal
// before it opens the next, and closes the last one itself.
func RunDurable(t *testing.T, open func(t *testing.T, dir string) relationship.Journal) {
	tests := []struct {
		name string
		fn   func(*testing.T, func() relationship.Journal)
	}{
		{"EmptyReopens", testEmptyReopens},
		{"SurvivesReopen", testSurvivesReopen},
		{"ContinuesAfterReopen", testContinuesAfterReopen},
		{"ManyReopens", testManyReopens},
		{"ConcurrentWritersSurvive", testConcurrentWritersSurvive},
		{"MultiStreamSurvives", testMultiStreamSurvives},
		{"FeedSurvivesReopen", testFeedSurvivesReopen},
		{"SnapshotsSurvive", testSnapshotsSurvive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var last relationship.Journal
			t.Cleanup(func() {
				if last != nil {
					_ = last.Close()
				}
			})
			tt.fn(t, func() relationship.Journal {
				last = open(t, dir)
				return last
			})
		})
	}
}
