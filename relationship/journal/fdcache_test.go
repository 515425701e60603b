package journal

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openFDs counts the file descriptors of this process, from /proc/self/fd.
func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)
	return len(ents)
}

// TestFileDescriptorsBounded writes a journal of 200 segments and reads
// it, from many goroutines at once, after Open with and without its index
// checkpoint: the journal never holds more than a few files beyond
// maxSealedFiles, however many segments it has.
func TestFileDescriptorsBounded(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts file descriptors in /proc/self/fd, which only Linux has")
	}
	const segments, readers = 200, 4
	dir := t.TempDir()
	opts := &FileOptions{SegmentSize: 1, UnsafeNoSync: true}
	f, err := Open(dir, opts)
	require.NoError(t, err)
	before := openFDs(t)
	appendPlan(t, f, 0, ckPlan(segments))
	require.Len(t, f.segs, segments)
	want := stateOf(t, f)
	// The lock (the directory and the LOCK file), the last segment, and
	// the cache; Go's runtime may hold one more while it reads the
	// directory.
	bound := before + maxSealedFiles + 3
	assert.LessOrEqual(t, openFDs(t), bound, "while appending")
	require.NoError(t, f.Close())

	for _, index := range []bool{true, false} {
		if !index {
			require.NoError(t, os.Remove(filepath.Join(dir, indexName)))
		}
		before := openFDs(t)
		f, err := Open(dir, opts)
		require.NoError(t, err)
		assert.LessOrEqual(t, openFDs(t), before+4, "after Open (index checkpoint %v)", index)
		var wg sync.WaitGroup
		counts := make([]int, readers)
		for i := range readers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 3 {
					assert.Equal(t, want, stateOf(t, f))
					counts[i] = max(counts[i], openFDs(t))
				}
			}()
		}
		wg.Wait()
		for _, n := range counts {
			// Each reader holds at most one sealed segment beyond the cache.
			assert.LessOrEqual(t, n, before+4+maxSealedFiles+readers, "while reading (index checkpoint %v)", index)
		}
		appendPlan(t, f, 1000, ckPlan(20))
		assert.LessOrEqual(t, openFDs(t), before+4+maxSealedFiles, "after appends that seal segments")
		want = stateOf(t, f)
		require.NoError(t, f.Close())
		assert.Equal(t, before, openFDs(t), "Close closes every file")
	}
}
