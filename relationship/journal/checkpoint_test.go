package journal

import (
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// ckPlan is the journal the checkpoint tests write: appends to one and to
// several streams, over several segments.
func ckPlan(n int) [][]step {
	var plan [][]step
	for i := range n {
		parts := []step{{fmt.Sprintf("case-%d", i%5), 1 + i%3}}
		if i%4 == 0 {
			parts = append(parts, step{"agency", 1})
		}
		plan = append(plan, parts)
	}
	return plan
}

// appendPlan appends plan to f, numbering writers from first, and returns
// the keys of the feed entries it added, in order.
func appendPlan(t *testing.T, f *File, first int, plan [][]step) {
	t.Helper()
	ctx := context.Background()
	for i, parts := range plan {
		var appends []relationship.Append
		for _, p := range parts {
			v, err := f.Version(ctx, p.stream)
			require.NoError(t, err)
			appends = append(appends, to(p.stream, v, journaltest.Entries(first+i, v, p.n)...))
		}
		require.NoError(t, f.Append(ctx, appends...))
	}
}

// feedKeys returns the feed from position after on, as "stream#seq" with
// the position.
func feedKeys(t *testing.T, f *File, after uint64) []string {
	t.Helper()
	var keys []string
	for _, fe := range journaltest.ReadFeed(t, f, after) {
		keys = append(keys, fmt.Sprintf("%d:%s#%d", fe.Position, fe.Stream, fe.Entry.Seq()))
	}
	return keys
}

// state is what a journal holds, as the tests compare it.
type state struct {
	contents map[string][]relationship.Entry
	feed     []string
}

func stateOf(t *testing.T, f *File) state {
	t.Helper()
	return state{contents: journaltest.Contents(t, f), feed: feedKeys(t, f, 0)}
}

// frameBytes returns the bytes of all frames in a journal's files.
func frameBytes(files map[string][]byte) int64 {
	var n int64
	for name, data := range files {
		if _, ok := parseSegmentName(name); ok {
			n += int64(lastNonZeroIn(data, 0, len(data)) - segmentHeaderSize3)
		}
	}
	return n
}

// TestCheckpointOpenReadsOnlyTheTail closes a journal, which writes its
// index checkpoint, and opens it again: Open verifies no frame, and finds
// every stream, entry and feed position; then it appends, closes and opens
// again, and verifies nothing again.
func TestCheckpointOpenReadsOnlyTheTail(t *testing.T) {
	for _, size := range []int64{0, 1500} {
		t.Run(fmt.Sprintf("SegmentSize=%d", size), func(t *testing.T) {
			dir := t.TempDir()
			opts := &FileOptions{SegmentSize: size, UnsafeNoSync: true}
			f, err := Open(dir, opts)
			require.NoError(t, err)
			appendPlan(t, f, 0, ckPlan(1000))
			want := stateOf(t, f)
			require.NoError(t, f.Close())
			require.FileExists(t, filepath.Join(dir, indexName))

			f, err = Open(dir, opts)
			require.NoError(t, err)
			assert.Zero(t, f.scanned, "Open verified frames that the checkpoint covers")
			assert.Equal(t, want, stateOf(t, f))
			require.Greater(t, len(want.feed), 2*markEvery, "the feed has several marks")
			for _, after := range []uint64{1, 5, markEvery - 1, markEvery, markEvery + 1, 77, uint64(len(want.feed) - 1)} {
				assert.Equal(t, want.feed[after:], feedKeys(t, f, after), "feed after %d", after)
			}
			appendPlan(t, f, 100, ckPlan(30))
			want = stateOf(t, f)
			require.NoError(t, f.Close())

			f, err = Open(dir, opts)
			require.NoError(t, err)
			defer f.Close()
			assert.Zero(t, f.scanned)
			assert.Equal(t, want, stateOf(t, f))
			assert.Empty(t, f.Recovered())
		})
	}
}

// TestCheckpointMissingStaleDamaged opens journals whose checkpoint is
// missing, out of date, or damaged at one of many bytes: Open reads what
// the checkpoint cannot vouch for, and finds everything.
func TestCheckpointMissingStaleDamaged(t *testing.T) {
	opts := &FileOptions{SegmentSize: 1500, UnsafeNoSync: true}
	dir := t.TempDir()
	f, err := Open(dir, opts)
	require.NoError(t, err)
	appendPlan(t, f, 0, ckPlan(20))
	require.NoError(t, f.Close())
	early := readDir(t, dir)

	f, err = Open(dir, opts)
	require.NoError(t, err)
	appendPlan(t, f, 100, ckPlan(25))
	want := stateOf(t, f)
	require.NoError(t, f.Close())
	late := readDir(t, dir)
	require.Greater(t, len(late), len(early), "the journal has more segments")

	tests := []struct {
		name  string
		files func() map[string][]byte
		want  func() state
		full  bool // Open must verify every frame
	}{
		{"missing", func() map[string][]byte {
			files := maps.Clone(late)
			delete(files, indexName)
			return files
		}, nil, true},
		{"older than the segments", func() map[string][]byte {
			files := maps.Clone(late)
			files[indexName] = early[indexName]
			return files
		}, nil, true},
		{"newer than the segments", func() map[string][]byte {
			files := maps.Clone(early)
			files[indexName] = late[indexName]
			return files
		}, func() state { return state{} }, true},
		{"empty", func() map[string][]byte {
			files := maps.Clone(late)
			files[indexName] = nil
			return files
		}, nil, true},
	}
	stateEarly := func() state {
		d := t.TempDir()
		writeDir(t, d, early)
		g, err := Open(d, opts)
		require.NoError(t, err)
		defer g.Close()
		return stateOf(t, g)
	}()
	tests[2].want = func() state { return stateEarly }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := t.TempDir()
			files := tt.files()
			writeDir(t, d, files)
			g, err := Open(d, opts)
			require.NoError(t, err)
			w := want
			if tt.want != nil {
				w = tt.want()
			}
			assert.Equal(t, w, stateOf(t, g))
			assert.Empty(t, g.Recovered())
			if tt.full {
				assert.Equal(t, frameBytes(files), g.scanned, "every frame is verified")
			}
			require.NoError(t, g.Close())
			g, err = Open(d, opts)
			require.NoError(t, err)
			defer g.Close()
			assert.Zero(t, g.scanned, "Close wrote a checkpoint that covers everything")
			assert.Equal(t, w, stateOf(t, g))
		})
	}

	t.Run("damaged", func(t *testing.T) {
		d := t.TempDir()
		// Every byte of the header, and bytes spread over the directory
		// and over the streams' locations.
		index := late[indexName]
		dirEnd := indexHeaderSize + int(binary.LittleEndian.Uint64(index[16:])) + 4
		trials := 60
		if testing.Short() || raceEnabled {
			trials = 20
		}
		var offs []int
		for off := 0; off < len(index); off++ {
			spread := (len(index)-dirEnd)/trials + 1
			if off < dirEnd {
				spread = dirEnd/trials + 1
			}
			if off < indexHeaderSize || off%spread == 0 || off >= len(index)-4 {
				offs = append(offs, off)
			}
		}
		t.Logf("%d of %d bytes flipped", len(offs), len(index))
		for _, off := range offs {
			files := maps.Clone(late)
			damaged := clone(files, indexName)
			damaged[off] ^= 0x20
			writeDir(t, d, files)
			g, err := Open(d, opts)
			require.NoError(t, err, "flip at %d", off)
			require.Equal(t, want, stateOf(t, g), "flip at %d", off)
			require.Empty(t, g.Recovered())
			require.NoError(t, g.Close(), "flip at %d", off)
			g, err = Open(d, opts)
			require.NoError(t, err)
			require.Zero(t, g.scanned, "flip at %d: Close wrote a whole checkpoint", off)
			require.Equal(t, want, stateOf(t, g), "flip at %d", off)
			require.NoError(t, g.Close())
		}
	})
}

// crash abandons f as a crash would: its files are closed, its lock
// released, and nothing else is written.
func crash(t *testing.T, f *File) {
	t.Helper()
	f.mu.Lock()
	f.closed = true
	f.shut.Store(true)
	f.mu.Unlock()
	require.NoError(t, f.closeFiles())
	if f.ckFile != nil {
		require.NoError(t, f.ckFile.Close())
	}
	require.NoError(t, unlockDir(f.lock))
}

// TestCheckpointAfterCrash opens journals that a crash left: after
// checkpoints written when segments were sealed, and after appends to a
// segment the checkpoint of the last Close covers. Open finds everything
// appended, and reads only what the checkpoint does not cover.
func TestCheckpointAfterCrash(t *testing.T) {
	opts := &FileOptions{SegmentSize: 1500, UnsafeNoSync: true}
	dir := t.TempDir()
	f, err := Open(dir, opts)
	require.NoError(t, err)
	f.ckEvery = 20
	appendPlan(t, f, 0, ckPlan(80))
	require.FileExists(t, filepath.Join(dir, indexName), "sealing a segment wrote a checkpoint")
	want := stateOf(t, f)
	total := frameBytes(readDir(t, dir))
	crash(t, f)

	f, err = Open(dir, opts)
	require.NoError(t, err)
	assert.Equal(t, want, stateOf(t, f))
	assert.Positive(t, f.scanned)
	assert.Less(t, f.scanned, total/2+1500, "the checkpoint spared Open at least half the journal")
	require.NoError(t, f.Close())

	// Appends to the segment the last Close's checkpoint covered, and a
	// crash: that segment is read again, whole, and no other.
	f, err = Open(dir, &FileOptions{UnsafeNoSync: true})
	require.NoError(t, err)
	require.Zero(t, f.scanned)
	lastSize := int64(len(readDir(t, dir)[f.active.name])) // zeros after the data are not frames
	appendPlan(t, f, 200, ckPlan(3))
	want = stateOf(t, f)
	crash(t, f)

	f, err = Open(dir, opts)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, want, stateOf(t, f))
	assert.Positive(t, f.scanned)
	assert.LessOrEqual(t, f.scanned, lastSize+4096, "only the last segment was read again")
	assert.Less(t, f.scanned, frameBytes(readDir(t, dir)))
}

// FuzzCheckpoint opens a journal beside an arbitrary index checkpoint:
// Open must never panic, and must find exactly what the segments hold,
// whatever the checkpoint says.
func FuzzCheckpoint(f *testing.F) {
	opts := &FileOptions{SegmentSize: 1500, UnsafeNoSync: true}
	src := f.TempDir()
	j, err := Open(src, opts)
	require.NoError(f, err)
	ctx := context.Background()
	for i, parts := range ckPlan(12) {
		var appends []relationship.Append
		for _, p := range parts {
			v, err := j.Version(ctx, p.stream)
			require.NoError(f, err)
			appends = append(appends, to(p.stream, v, journaltest.Entries(i, v, p.n)...))
		}
		require.NoError(f, j.Append(ctx, appends...))
	}
	require.NoError(f, j.Close())
	files := readDir(f, src)
	index := files[indexName]
	f.Add(index)
	f.Add(index[:len(index)/2])
	f.Add([]byte(indexMagic))
	dir := f.TempDir()
	writeDir(f, dir, files)
	g, err := Open(dir, opts)
	require.NoError(f, err)
	want := map[string][]relationship.Entry{}
	for name, err := range g.Streams(context.Background()) {
		require.NoError(f, err)
		want[name] = journaltest.ReadAll(f, g, name, 1)
	}
	require.NoError(f, g.Close())
	f.Fuzz(func(t *testing.T, b []byte) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, indexName), b, 0o600))
		g, err := Open(dir, opts)
		require.NoError(t, err)
		assert.Equal(t, want, journaltest.Contents(t, g))
		assert.Len(t, journaltest.ReadFeed(t, g, 0), countEntries(want))
		require.NoError(t, g.Close())
	})
}
