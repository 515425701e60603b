package journaltest

import (
	"context"
	"errors"
	"iter"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func testEmptyStream(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	assert.Zero(t, version(t, j, "nobody"))
	assert.Empty(t, ReadAll(t, j, "nobody", 1))
	for name, err := range j.Streams(ctx) {
		require.NoError(t, err)
		t.Errorf("empty journal lists stream %q", name)
	}
	assert.Empty(t, ReadFeed(t, j, 0), "an empty journal has an empty feed")
}

func testAppendAndRead(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	want := Entries(1, 0, 3)
	require.NoError(t, j.Append(ctx, to("case-a", 0, want...)))
	assert.Equal(t, uint64(3), version(t, j, "case-a"))
	assert.Equal(t, want, ReadAll(t, j, "case-a", 1))
	assert.Equal(t, want, ReadAll(t, j, "case-a", 0), "from 0 reads the whole stream")
}

func testReadFrom(t *testing.T, j relationship.Journal) {
	want := Entries(1, 0, 5)
	require.NoError(t, j.Append(context.Background(), to("s", 0, want...)))
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
		require.NoError(t, j.Append(ctx, to("s", uint64(len(want)), batch...)))
		want = append(want, batch...)
	}
	require.NoError(t, j.Append(ctx, to("s", uint64(len(want)))), "an empty append at the right version is a no-op")
	require.NoError(t, j.Append(ctx), "no appends at all is a no-op")
	assert.Equal(t, uint64(len(want)), version(t, j, "s"))
	assert.Equal(t, want, ReadAll(t, j, "s", 1))
}

func testVersionConflict(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	first := Entries(1, 0, 2)
	require.NoError(t, j.Append(ctx, to("s", 0, first...)))

	for _, expected := range []uint64{0, 1, 3, 10} {
		err := j.Append(ctx, to("s", expected, Entries(2, expected, 1)...))
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
	require.NoError(t, j.Append(ctx, to("s", 0, Entries(1, 0, 2)...)))
	tests := []struct {
		name    string
		entries []relationship.Entry
	}{
		{"seq 1 again", Entries(1, 0, 1)},
		{"a gap", Entries(1, 3, 1)},
		{"3 then 5", append(Entries(1, 2, 1), Entries(1, 4, 1)...)},
		{"a zero entry last", append(Entries(1, 2, 2), relationship.Entry{})},
		{"3 twice", append(Entries(1, 2, 1), Entries(1, 2, 1)...)},
		{"4 before 3", []relationship.Entry{Entries(1, 2, 2)[1], Entries(1, 2, 2)[0]}},
		{"a zero entry first", append([]relationship.Entry{{}}, Entries(1, 3, 1)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := j.Append(ctx, to("s", 2, tt.entries...))
			require.ErrorIs(t, err, relationship.ErrInvalidEntry)
			var ee *relationship.EntryError
			assert.ErrorAs(t, err, &ee)
			assert.Equal(t, uint64(2), version(t, j, "s"), "a refused batch stores nothing, not even its valid prefix")
		})
	}
}

func testInvalidArguments(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	tests := []struct {
		name    string
		appends []relationship.Append
	}{
		{"empty stream name", []relationship.Append{to("", 0, Entries(1, 0, 1)...)}},
		{"stream name too long", []relationship.Append{to(strings.Repeat("s", relationship.MaxStreamName+1), 0, Entries(1, 0, 1)...)}},
		{"empty stream name, no entries", []relationship.Append{to("", 0)}},
		{"stream named twice", []relationship.Append{to("s", 0, Entries(1, 0, 1)...), to("s", 1, Entries(1, 1, 1)...)}},
		{"a zero entry at any version", []relationship.Append{to("s", relationship.AnyVersion, relationship.Entry{})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := j.Append(ctx, tt.appends...)
			require.ErrorIs(t, err, relationship.ErrInvalidEntry)
			var ee *relationship.EntryError
			assert.ErrorAs(t, err, &ee)
		})
	}
	assert.Empty(t, Contents(t, j), "nothing refused is stored")
	longest := strings.Repeat("s", relationship.MaxStreamName)
	require.NoError(t, j.Append(ctx, to(longest, 0, Entries(1, 0, 1)...)), "the longest name is fine")
	assert.Equal(t, Entries(1, 0, 1), ReadAll(t, j, longest, 1))
}

func testStreamsAreSeparate(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	a, b := Entries(1, 0, 2), Entries(2, 0, 3)
	require.NoError(t, j.Append(ctx, to("group-b", 0, b...)))
	require.NoError(t, j.Append(ctx, to("case-a", 0, a...)))
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
	require.NoError(t, j.Append(context.Background(), to("s", 0, Entries(1, 0, 10)...)))
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
	require.NoError(t, j.Append(context.Background(), to("s", 10, Entries(1, 10, 1)...)))
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

// calls returns a call of every method of j but Close, each returning the
// first error it meets, for the tests of what a done context and a closed
// journal do.
func calls(j relationship.Journal) map[string]func(ctx context.Context) error {
	return map[string]func(ctx context.Context) error{
		"Append":  func(ctx context.Context) error { return j.Append(ctx, to("s", 1, Entries(1, 1, 1)...)) },
		"Read":    func(ctx context.Context) error { return firstErr(j.Read(ctx, "s", 1)) },
		"Version": func(ctx context.Context) error { _, err := j.Version(ctx, "s"); return err },
		"Streams": func(ctx context.Context) error { return firstErr(j.Streams(ctx)) },
		"Feed":    func(ctx context.Context) error { return firstErr(j.Feed(ctx, 0)) },
		"Wait":    func(ctx context.Context) error { return j.Wait(ctx, 0) },
		"SaveSnapshot": func(ctx context.Context) error {
			return j.SaveSnapshot(ctx, "s", relationship.Snapshot{Version: 1, Type: "journaltest.snapshot.v1", Data: []byte("state")})
		},
		"LoadSnapshot": func(ctx context.Context) error { _, _, err := j.LoadSnapshot(ctx, "s"); return err },
	}
}

func testCancelledContext(t *testing.T, j relationship.Journal) {
	require.NoError(t, j.Append(context.Background(), to("s", 0, Entries(1, 0, 1)...)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, call := range calls(j) {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, call(ctx), context.Canceled)
		})
	}
	assert.Equal(t, uint64(1), version(t, j, "s"), "a cancelled append stores nothing")
	_, ok, err := j.LoadSnapshot(context.Background(), "s")
	require.NoError(t, err)
	assert.False(t, ok, "a cancelled snapshot is not saved")
}

func testClose(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("s", 0, Entries(1, 0, 1)...)))
	require.NoError(t, j.Close())
	require.NoError(t, j.Close(), "closing twice is not an error")
	for name, call := range calls(j) {
		t.Run(name, func(t *testing.T) {
			assert.ErrorIs(t, call(ctx), relationship.ErrClosed)
		})
	}
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
				if err == nil {
					err = j.Append(ctx, to("shared", v, NoteEntry(w, i, v+1)))
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
