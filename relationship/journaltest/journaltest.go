// Package journaltest is the conformance suite for implementations of
// [relationship.Journal]. A journal that passes [Run] behaves like the ones
// the library ships: optimistic concurrency per stream, all-or-nothing
// appends, sequence numbers that run on, ordered reads, and clear errors.
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
// duplicated, and that appends go on from where they stopped.
package journaltest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
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
	e, err := relationship.NewEntry(seq, epoch.Add(time.Duration(seq)*time.Minute), Actor, "write-note",
		Note{Writer: writer, N: n, Text: fmt.Sprintf("note %d from writer %d", n, writer)})
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

func testEmptyStream(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	v, err := j.Version(ctx, "nobody")
	require.NoError(t, err)
	assert.Zero(t, v)
	assert.Empty(t, ReadAll(t, j, "nobody", 1))
	for name, err := range j.Streams(ctx) {
		require.NoError(t, err)
		t.Errorf("empty journal lists stream %q", name)
	}
}

func testAppendAndRead(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	want := Entries(1, 0, 3)
	require.NoError(t, j.Append(ctx, "case-a", 0, want...))
	v, err := j.Version(ctx, "case-a")
	require.NoError(t, err)
	assert.Equal(t, uint64(3), v)
	assert.Equal(t, want, ReadAll(t, j, "case-a", 1))
	assert.Equal(t, want, ReadAll(t, j, "case-a", 0), "from 0 reads the whole stream")
}

func testReadFrom(t *testing.T, j relationship.Journal) {
	want := Entries(1, 0, 5)
	require.NoError(t, j.Append(context.Background(), "s", 0, want...))
	for from := uint64(1); from <= 6; from++ {
		got := ReadAll(t, j, "s", from)
		require.Len(t, got, len(want[from-1:]), "from %d", from)
		for i, e := range got {
			assert.Equal(t, want[int(from)-1+i], e, "from %d", from)
		}
	}
	assert.Empty(t, ReadAll(t, j, "s", 100))
}

func testBatches(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	var want []relationship.Entry
	for i := range 5 {
		batch := Entries(1, uint64(len(want)), i+1)
		require.NoError(t, j.Append(ctx, "s", uint64(len(want)), batch...))
		want = append(want, batch...)
	}
	require.NoError(t, j.Append(ctx, "s", uint64(len(want))), "an empty append at the right version is a no-op")
	v, err := j.Version(ctx, "s")
	require.NoError(t, err)
	assert.Equal(t, uint64(len(want)), v)
	assert.Equal(t, want, ReadAll(t, j, "s", 1))
}

func testVersionConflict(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	first := Entries(1, 0, 2)
	require.NoError(t, j.Append(ctx, "s", 0, first...))

	for _, expected := range []uint64{0, 1, 3, 10} {
		err := j.Append(ctx, "s", expected, Entries(2, expected, 1)...)
		require.ErrorIs(t, err, relationship.ErrVersionConflict, "expected %d", expected)
		var vc *relationship.VersionConflictError
		require.ErrorAs(t, err, &vc)
		assert.Equal(t, "s", vc.Stream)
		assert.Equal(t, expected, vc.Expected)
		assert.Equal(t, uint64(2), vc.Actual)
	}
	assert.Equal(t, first, ReadAll(t, j, "s", 1), "a refused append stores nothing")
}

func testSequenceMustRunOn(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, "s", 0, Entries(1, 0, 2)...))
	bad := [][]relationship.Entry{
		Entries(1, 0, 1), // seq 1 again
		Entries(1, 3, 1), // seq 4, a gap
		append(Entries(1, 2, 1), Entries(1, 4, 1)...),         // 3 then 5
		append(Entries(1, 2, 2), relationship.Entry{}),        // a zero entry last
		append(Entries(1, 2, 1), Entries(1, 2, 1)...),         // 3 twice
		{Entries(1, 2, 2)[1], Entries(1, 2, 2)[0]},            // 4 before 3
		append([]relationship.Entry{{}}, Entries(1, 3, 1)...), // a zero entry first
	}
	for i, entries := range bad {
		err := j.Append(ctx, "s", 2, entries...)
		require.ErrorIs(t, err, relationship.ErrInvalidEntry, "case %d", i)
	}
	v, err := j.Version(ctx, "s")
	require.NoError(t, err)
	assert.Equal(t, uint64(2), v, "a refused batch stores nothing, not even its valid prefix")
}

func testInvalidArguments(t *testing.T, j relationship.Journal) {
	err := j.Append(context.Background(), "", 0, Entries(1, 0, 1)...)
	require.ErrorIs(t, err, relationship.ErrInvalidEntry, "empty stream name")
}

func testStreamsAreSeparate(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	a, b := Entries(1, 0, 2), Entries(2, 0, 3)
	require.NoError(t, j.Append(ctx, "group-b", 0, b...))
	require.NoError(t, j.Append(ctx, "case-a", 0, a...))
	assert.Equal(t, a, ReadAll(t, j, "case-a", 1))
	assert.Equal(t, b, ReadAll(t, j, "group-b", 1))
	var names []string
	for name, err := range j.Streams(ctx) {
		require.NoError(t, err)
		names = append(names, name)
	}
	assert.Equal(t, []string{"case-a", "group-b"}, names, "streams in sorted order")
}

func testStopEarly(t *testing.T, j relationship.Journal) {
	require.NoError(t, j.Append(context.Background(), "s", 0, Entries(1, 0, 10)...))
	n := 0
	for _, err := range j.Read(context.Background(), "s", 1) {
		require.NoError(t, err)
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
	// The journal still works after a reader stopped early.
	require.NoError(t, j.Append(context.Background(), "s", 10, Entries(1, 10, 1)...))
}

func testCancelledContext(t *testing.T, j relationship.Journal) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, j.Append(ctx, "s", 0, Entries(1, 0, 1)...), context.Canceled)
	_, err := j.Version(ctx, "s")
	require.ErrorIs(t, err, context.Canceled)
	for _, err := range j.Read(ctx, "s", 1) {
		require.ErrorIs(t, err, context.Canceled)
	}
	v, err := j.Version(context.Background(), "s")
	require.NoError(t, err)
	assert.Zero(t, v, "a cancelled append stores nothing")
}

// testConcurrentWriters has 8 writers append to one stream at once, each
// retrying on conflict as a case or group would after reloading. Nothing may
// be lost or duplicated.
func testConcurrentWriters(t *testing.T, j relationship.Journal) {
	const writers, perWriter = 8, 25
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWriter; {
				v, err := j.Version(ctx, "shared")
				if err != nil {
					errs <- err
					return
				}
				e := NoteEntry(w, i, v+1)
				err = j.Append(ctx, "shared", v, e)
				switch {
				case err == nil:
					i++
				case !errors.Is(err, relationship.ErrVersionConflict):
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got := ReadAll(t, j, "shared", 1)
	require.Len(t, got, writers*perWriter)
	seen := map[[2]int]bool{}
	for i, e := range got {
		assert.Equal(t, uint64(i+1), e.Seq())
		n := e.Event().(Note)
		key := [2]int{n.Writer, n.N}
		assert.False(t, seen[key], "duplicate note %v", key)
		seen[key] = true
	}
	assert.Len(t, seen, writers*perWriter)
}

func testClose(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, "s", 0, Entries(1, 0, 1)...))
	require.NoError(t, j.Close())
	require.NoError(t, j.Close(), "closing twice is not an error")
	require.ErrorIs(t, j.Append(ctx, "s", 1, Entries(1, 1, 1)...), relationship.ErrClosed)
	_, err := j.Version(ctx, "s")
	require.ErrorIs(t, err, relationship.ErrClosed)
	for _, err := range j.Read(ctx, "s", 1) {
		require.ErrorIs(t, err, relationship.ErrClosed)
	}
	for _, err := range j.Streams(ctx) {
		require.ErrorIs(t, err, relationship.ErrClosed)
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

// Snapshot reads every stream of j, failing the test on an error: what the
// journal holds, each stream's entries by its name.
func Snapshot(t testing.TB, j relationship.Journal) map[string][]relationship.Entry {
	t.Helper()
	out := map[string][]relationship.Entry{}
	for name, err := range j.Streams(context.Background()) {
		require.NoError(t, err)
		out[name] = ReadAll(t, j, name, 1)
	}
	return out
}

func testEmptyReopens(t *testing.T, open func() relationship.Journal) {
	require.NoError(t, open().Close())
	j := open()
	assert.Empty(t, Snapshot(t, j))
	v, err := j.Version(context.Background(), "s")
	require.NoError(t, err)
	assert.Zero(t, v)
}

func testSurvivesReopen(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	j := open()
	want := map[string][]relationship.Entry{
		"case-a":  Entries(1, 0, 3),
		"group-b": Entries(2, 0, 1),
		"case-c":  Entries(3, 0, 7),
	}
	for name, entries := range want {
		require.NoError(t, j.Append(ctx, name, 0, entries...))
	}
	require.NoError(t, j.Close())

	j = open()
	assert.Equal(t, want, Snapshot(t, j))
	for name, entries := range want {
		v, err := j.Version(ctx, name)
		require.NoError(t, err)
		assert.Equal(t, uint64(len(entries)), v, name)
	}
	assert.Equal(t, want["case-c"][4:], ReadAll(t, j, "case-c", 5), "reading from the middle")
}

func testContinuesAfterReopen(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	j := open()
	first := Entries(1, 0, 2)
	require.NoError(t, j.Append(ctx, "s", 0, first...))
	require.NoError(t, j.Close())

	j = open()
	err := j.Append(ctx, "s", 0, Entries(1, 0, 1)...)
	var vc *relationship.VersionConflictError
	require.ErrorAs(t, err, &vc, "the version survives the reopen")
	assert.Equal(t, uint64(2), vc.Actual)
	more := Entries(1, 2, 3)
	require.NoError(t, j.Append(ctx, "s", 2, more...))
	require.NoError(t, j.Close())

	j = open()
	assert.Equal(t, append(first, more...), ReadAll(t, j, "s", 1))
}

func testManyReopens(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	var want []relationship.Entry
	for round := range 6 {
		j := open()
		require.Equal(t, want, ReadAll(t, j, "s", 1), "round %d", round)
		batch := Entries(round, uint64(len(want)), round+1)
		require.NoError(t, j.Append(ctx, "s", uint64(len(want)), batch...))
		want = append(want, batch...)
		require.NoError(t, j.Close())
	}
	assert.Equal(t, want, ReadAll(t, open(), "s", 1))
}

// testConcurrentWritersSurvive has 8 writers append at once, four to a
// shared stream with retries on conflict and four to streams of their own,
// then reopens the journal: nothing may be lost or duplicated.
func testConcurrentWritersSurvive(t *testing.T, open func() relationship.Journal) {
	const writers, perWriter = 8, 20
	ctx := context.Background()
	j := open()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "shared"
			if w%2 == 1 {
				name = fmt.Sprintf("own-%d", w)
			}
			for i := 0; i < perWriter; {
				v, err := j.Version(ctx, name)
				if err == nil {
					err = j.Append(ctx, name, v, NoteEntry(w, i, v+1))
				}
				switch {
				case err == nil:
					i++
				case !errors.Is(err, relationship.ErrVersionConflict):
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	before := Snapshot(t, j)
	require.NoError(t, j.Close())

	after := Snapshot(t, open())
	assert.Equal(t, before, after, "the reopened journal holds what was acknowledged")
	seen := map[[2]int]bool{}
	for name, entries := range after {
		for i, e := range entries {
			assert.Equal(t, uint64(i+1), e.Seq(), "%s has no gaps", name)
			n := e.Event().(Note)
			assert.False(t, seen[[2]int{n.Writer, n.N}], "note %d of writer %d twice", n.N, n.Writer)
			seen[[2]int{n.Writer, n.N}] = true
		}
	}
	assert.Len(t, seen, writers*perWriter, "no note lost")
	assert.Len(t, after["shared"], writers/2*perWriter)
}
