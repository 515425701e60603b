package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// TestGroupCommitJudgesInOrder queues five appends behind a commit in
// progress, then lets them go: one sync writes them all, and each gets its
// own result, versions judged in the order they queued.
func TestGroupCommitJudgesInOrder(t *testing.T) {
	ctx := context.Background()
	f, err := Open(t.TempDir(), nil)
	require.NoError(t, err)
	defer f.Close()

	f.mu.Lock()
	f.leading = true // a commit is in progress: appends queue behind it
	f.mu.Unlock()
	appends := []struct {
		stream   string
		expected uint64
		n        int
	}{
		{"s", 0, 2}, // s: 0 -> 2
		{"s", 2, 1}, // s: 2 -> 3, judged after the first
		{"s", 0, 1}, // conflict: s is at 3 by then
		{"t", 0, 1}, // another stream
		{"s", 3, 1}, // s: 3 -> 4
	}
	results := make([]chan error, len(appends))
	for i, a := range appends {
		results[i] = make(chan error, 1)
		go func() {
			results[i] <- f.Append(ctx, to(a.stream, a.expected, journaltest.Entries(i, a.expected, a.n)...))
		}()
		require.Eventually(t, func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			return len(f.queue) == i+1
		}, 10*time.Second, time.Millisecond, "append %d queues", i)
	}
	before := f.commits.Load()
	f.mu.Lock()
	f.queue[0].done <- errLeader // the commit in progress hands over, as a leader does
	f.mu.Unlock()

	for i, want := range []uint64{0, 0, 3, 0, 0} {
		err := <-results[i]
		if want == 0 {
			assert.NoError(t, err, "append %d", i)
			continue
		}
		var vc *relationship.VersionConflictError
		require.ErrorAs(t, err, &vc, "append %d", i)
		assert.Equal(t, want, vc.Actual, "append %d is judged after the ones queued before it", i)
	}
	assert.Equal(t, uint64(1), f.commits.Load()-before, "one write and one sync for the whole queue")
	got := journaltest.Contents(t, f)
	assert.Equal(t, map[string][]relationship.Entry{
		"s": append(append(journaltest.Entries(0, 0, 2), journaltest.Entries(1, 2, 1)...), journaltest.Entries(4, 3, 1)...),
		"t": journaltest.Entries(3, 0, 1),
	}, got)
}

// TestGroupCommitNumbersAnyVersion queues appends at AnyVersion, to one
// stream and beside others, behind a commit in progress: one sync writes
// them, each numbered after the ones accepted before it in the queue, and
// a refused append takes no numbers. After a reopen the entries read back
// with their final numbers, which is how they were encoded.
func TestGroupCommitNumbersAnyVersion(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)

	f.mu.Lock()
	f.leading = true // a commit is in progress: appends queue behind it
	f.mu.Unlock()
	anyVersion := relationship.AnyVersion
	appends := [][]relationship.Append{
		{to("log", anyVersion, journaltest.NoteEntry(0, 0, 5))},
		{to("s", 0, journaltest.NoteEntry(1, 0, 1)), to("log", anyVersion, journaltest.NoteEntry(1, 0, 1))},
		{to("s", 0, journaltest.NoteEntry(2, 0, 1)), to("log", anyVersion, journaltest.Entries(2, 0, 2)...)}, // s is at 1 by then
		{to("log", anyVersion, journaltest.Entries(3, 0, 2)...)},
		{to("log", 2, journaltest.NoteEntry(4, 0, 3))}, // log is at 4 by then
		{to("log", 4, journaltest.NoteEntry(5, 0, 5))},
	}
	results := make([]chan error, len(appends))
	for i, a := range appends {
		results[i] = make(chan error, 1)
		go func() { results[i] <- f.Append(ctx, a...) }()
		require.Eventually(t, func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			return len(f.queue) == i+1
		}, 10*time.Second, time.Millisecond, "append %d queues", i)
	}
	before := f.commits.Load()
	f.mu.Lock()
	f.queue[0].done <- errLeader
	f.mu.Unlock()
	for i, conflict := range []bool{false, false, true, false, true, false} {
		err := <-results[i]
		if conflict {
			assert.ErrorIs(t, err, relationship.ErrVersionConflict, "append %d", i)
		} else {
			assert.NoError(t, err, "append %d", i)
		}
	}
	assert.Equal(t, uint64(1), f.commits.Load()-before, "one write and one sync for the whole queue")
	require.NoError(t, f.Close())

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	var writers []int
	for i, e := range journaltest.ReadAll(t, f, "log", 1) {
		assert.Equal(t, uint64(i+1), e.Seq())
		writers = append(writers, e.Event().(journaltest.Note).Writer)
	}
	assert.Equal(t, []int{0, 1, 3, 3, 5}, writers)
	assert.Equal(t, []relationship.Entry{journaltest.NoteEntry(1, 0, 1)}, journaltest.ReadAll(t, f, "s", 1))
}

// TestConcurrentAppends has 8 goroutines append at once, half to one
// stream with retries on conflict and half to streams of their own; after a
// reopen nothing is lost or duplicated, and the appends shared syncs.
func TestConcurrentAppends(t *testing.T) {
	const writers = 8
	perWriter := 60
	if testing.Short() {
		perWriter = 20
	}
	ctx := context.Background()
	dir := t.TempDir()
	f, err := Open(dir, &FileOptions{SegmentSize: 16 << 10})
	require.NoError(t, err)
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
				v, err := f.Version(ctx, name)
				if err == nil {
					err = f.Append(ctx, to(name, v, journaltest.NoteEntry(w, i, v+1)))
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
	commits := f.commits.Load()
	require.NoError(t, f.Close())
	t.Logf("%d appends in %d commits", writers*perWriter, commits)
	assert.Less(t, commits, uint64(writers*perWriter), "concurrent appends share syncs")

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	got := journaltest.Contents(t, f)
	seen := map[[2]int]bool{}
	for name, entries := range got {
		for i, e := range entries {
			require.Equal(t, uint64(i+1), e.Seq(), name)
			n := e.Event().(journaltest.Note)
			require.False(t, seen[[2]int{n.Writer, n.N}], "note %d of writer %d twice", n.N, n.Writer)
			seen[[2]int{n.Writer, n.N}] = true
		}
	}
	assert.Len(t, seen, writers*perWriter)
	assert.Len(t, got["shared"], writers/2*perWriter)
}

// TestReadWhileAppending reads a stream over and over while it grows:
// every read sees a whole prefix of it, never a gap or a torn entry.
func TestReadWhileAppending(t *testing.T) {
	ctx := context.Background()
	f, err := Open(t.TempDir(), &FileOptions{SegmentSize: 4 << 10})
	require.NoError(t, err)
	defer f.Close()
	const total = 150
	want := journaltest.Entries(1, 0, total)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				n := 0
				for e, err := range f.Read(ctx, "s", 1) {
					if !assert.NoError(t, err) || !assert.Equal(t, want[n], e) {
						return
					}
					n++
				}
				assert.GreaterOrEqual(t, n, seen, "a later read sees no fewer entries")
				seen = n
			}
		}()
	}
	for i := range want {
		require.NoError(t, f.Append(ctx, to("s", uint64(i), want[i])))
	}
	close(done)
	wg.Wait()
	assert.Equal(t, want, journaltest.ReadAll(t, f, "s", 1))
}

// TestCloseWhileAppending closes the journal under running appends: each
// append either succeeds, and is there after a reopen, or fails with
// ErrClosed, and is not.
func TestCloseWhileAppending(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)
	var mu sync.Mutex
	stored := map[string]int{}
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("w%d", w)
			for i := 0; ; i++ {
				err := f.Append(ctx, to(name, uint64(i), journaltest.NoteEntry(w, i, uint64(i)+1)))
				if err != nil {
					assert.ErrorIs(t, err, relationship.ErrClosed)
					return
				}
				mu.Lock()
				stored[name]++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, f.Close())
	wg.Wait()

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	for name, n := range stored {
		v, err := f.Version(ctx, name)
		require.NoError(t, err)
		assert.Equal(t, uint64(n), v, "%s holds exactly the appends that succeeded", name)
	}
}

// TestFailedWriteBreaksTheJournal makes a write fail: the append reports
// it, every later append is refused, and a reopen finds what was synced.
func TestFailedWriteBreaksTheJournal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)
	require.NoError(t, f.Append(ctx, to("s", 0, journaltest.Entries(1, 0, 2)...)))

	// Swap the segment for a read-only handle on the same file, so that
	// the next write fails as a full or failing disk would make it.
	rw := f.active.f
	ro, err := os.Open(filepath.Join(dir, f.active.name))
	require.NoError(t, err)
	f.active.f = ro
	defer rw.Close()

	err = f.Append(ctx, to("s", 2, journaltest.Entries(1, 2, 1)...))
	require.ErrorIs(t, err, ErrBroken)
	err = f.Append(ctx, to("t", 0, journaltest.Entries(1, 0, 1)...))
	require.ErrorIs(t, err, ErrBroken, "a broken journal refuses appends")
	assert.Equal(t, journaltest.Entries(1, 0, 2), journaltest.ReadAll(t, f, "s", 1), "reads go on")
	require.NoError(t, f.Close())

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, map[string][]relationship.Entry{"s": journaltest.Entries(1, 0, 2)}, journaltest.Contents(t, f))
}

func TestAppendRefusesOversized(t *testing.T) {
	ctx := context.Background()
	f, err := Open(t.TempDir(), nil)
	require.NoError(t, err)
	defer f.Close()
	tests := []struct {
		name    string
		stream  string
		entries []relationship.Entry
		err     error
	}{
		{"stream name", strings.Repeat("s", relationship.MaxStreamName+1), journaltest.Entries(1, 0, 1), relationship.ErrInvalidEntry},
		{"entry", "s", []relationship.Entry{must(relationship.NewEntry(1, time.Now(), journaltest.Actor, "write-note",
			journaltest.Note{Text: strings.Repeat("x", relationship.MaxEntrySize)}))}, relationship.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := f.Append(ctx, to(tt.stream, 0, tt.entries...))
			require.ErrorIs(t, err, tt.err)
			var ee *relationship.EntryError
			require.ErrorAs(t, err, &ee)
		})
	}
	require.NoError(t, f.Append(ctx, to(strings.Repeat("s", relationship.MaxStreamName), 0, journaltest.Entries(1, 0, 1)...)), "the longest name is fine")
}

// to returns one stream's part of an append.
func to(stream string, expected uint64, entries ...relationship.Entry) relationship.Append {
	return relationship.Append{Stream: stream, Expected: expected, Entries: entries}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
