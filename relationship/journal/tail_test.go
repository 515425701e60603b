package journal

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// craftedTail returns n bytes in which a plausible frame header begins
// every frameHeaderSize bytes: a stream name of 1 byte, no flags, a commit
// offset before it, and a payload of 512 KiB, so that every header up to
// 512 KiB before the end claims a frame that fits, whose checksum fails.
func craftedTail(n int) []byte {
	tail := make([]byte, n)
	for p := 0; p+frameHeaderSize <= n; p += frameHeaderSize {
		h := tail[p:]
		binary.LittleEndian.PutUint32(h[0:], 0xdeadbeef) // no checksum matches
		binary.LittleEndian.PutUint32(h[4:], 512<<10)
		binary.LittleEndian.PutUint16(h[8:], 1)
		binary.LittleEndian.PutUint64(h[12:], 2)
		binary.LittleEndian.PutUint32(h[20:], segmentHeaderSize)
	}
	return tail
}

// TestCraftedTailRecoversInLinearTime opens a journal whose last segment
// ends in a crafted 1 MiB torn tail. Checking each plausible frame by its
// bytes would sum some 10 GiB; recovery sums the tail once, cuts it and
// reports it, well within a generous bound.
func TestCraftedTailRecoversInLinearTime(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(dir, noSync)
	require.NoError(t, err)
	entries := journaltest.Entries(1, 0, 3)
	require.NoError(t, f.Append(context.Background(), to("case", 0, entries...)))
	end := f.end
	require.NoError(t, f.Close())
	require.NoError(t, os.Remove(filepath.Join(dir, indexName)))

	tail := craftedTail(1 << 20)
	path := filepath.Join(dir, segmentName(1))
	seg, err := os.OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = seg.WriteAt(tail, end)
	require.NoError(t, err)
	require.NoError(t, seg.Close())

	bound := 5 * time.Second
	if raceEnabled {
		bound = 30 * time.Second
	}
	start := time.Now()
	f, err = Open(dir, noSync)
	elapsed := time.Since(start)
	require.NoError(t, err)
	defer f.Close()
	t.Logf("a 1 MiB crafted tail recovered in %v", elapsed)
	assert.Less(t, elapsed, bound, "recovery of the tail is linear in its size")
	assert.Equal(t, map[string][]relationship.Entry{"case": entries}, journaltest.Contents(t, f))
	rec := f.Recovered()
	require.Len(t, rec, 1)
	assert.Equal(t, end, rec[0].Offset)
	assert.Equal(t, int64(lastNonZeroIn(tail, 0, len(tail))), rec[0].Bytes)
}
