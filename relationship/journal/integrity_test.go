package journal

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
	"github.com/helpingwork/helping/relationship/keyring"
)

// testKey returns a fresh key from a keyring, for a keyed journal.
func testKey(t *testing.T) keyring.Key {
	t.Helper()
	k, err := keyring.NewMemory().Create(context.Background(), "journal-integrity")
	require.NoError(t, err)
	return k
}

// buildJournal writes the checkpoint tests' plan into a new journal in
// several segments, with key if it is valid, and returns its directory
// and what it holds.
func buildJournal(t *testing.T, key keyring.Key) (string, state) {
	t.Helper()
	dir := t.TempDir()
	f, err := Open(dir, &FileOptions{SegmentSize: 700, UnsafeNoSync: true, Key: key})
	require.NoError(t, err)
	appendPlan(t, f, 0, ckPlan(12))
	want := stateOf(t, f)
	require.Greater(t, len(f.segs), 2)
	require.NoError(t, f.Close())
	return dir, want
}

// appendEnds returns where the appends of a segment file written by this
// package end, the header's end first, walking its frames.
func appendEnds(t *testing.T, data []byte) []int {
	t.Helper()
	h, reason, err := checkSegmentHeader(data, binary.LittleEndian.Uint64(data[12:20]))
	require.NoError(t, err)
	require.Empty(t, reason)
	tag := 0
	if h.keyed {
		tag = macSize
	}
	ends := []int{int(h.size)}
	for off := int(h.size); off+frameHeaderSize <= len(data); {
		n, ferr := frameSize(data[off:], tag)
		if ferr != nil {
			break // the zeros after the data
		}
		off += n
		if data[off-n+10]&flagLast != 0 {
			ends = append(ends, off)
		}
	}
	return ends
}

// openAndRead opens the journal in dir and reads every stream, and
// returns the first error.
func openAndRead(dir string, opts *FileOptions) error {
	f, err := Open(dir, opts)
	if err != nil {
		return err
	}
	defer f.Close()
	ctx := context.Background()
	for name, err := range f.Streams(ctx) {
		if err != nil {
			return err
		}
		for _, err := range f.Read(ctx, name, 1) {
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// editFrame changes a byte of the payload of the frame at off of the
// segment file data and makes its CRC-32C match again, as someone who
// knows the format but not the key would.
func editFrame(t *testing.T, data []byte, off int, id [16]byte, num uint64, tag int) {
	t.Helper()
	n, ferr := frameSize(data[off:], tag)
	require.Nil(t, ferr)
	name := int(binary.LittleEndian.Uint16(data[off+8:]))
	data[off+frameHeaderSize+name+10] ^= 0x01
	binary.LittleEndian.PutUint32(data[off:], crc32.Update(seed3(id, num), castagnoli, data[off+4:off+n]))
}

// rewriteHeader changes a version 3 header with change and makes its
// CRC-32C match again.
func rewriteHeader(data []byte, change func(h []byte)) {
	change(data[:segmentHeaderSize3])
	binary.LittleEndian.PutUint32(data[80:84], crc32.Checksum(data[:80], castagnoli))
}

// TestTampering changes a journal's files as someone who knows the format
// would, and checks that Open, or a read, refuses each change with a typed
// error that wraps a documented sentinel and names where it is.
func TestTampering(t *testing.T) {
	key := testKey(t)
	tests := []struct {
		name    string
		keyed   bool
		tamper  func(t *testing.T, dir string, files map[string][]byte) (seg string, off int64)
		want    error
		noNamed bool // the error names no offset
	}{
		{
			name: "a frame of a sealed segment edited, its checksum recomputed", keyed: true, want: ErrTampered,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				data := files[segmentName(1)]
				off := appendEnds(t, data)[1]
				editFrame(t, data, off, identityIn(t, files), 1, macSize)
				return segmentName(1), int64(off)
			},
		},
		{
			name: "a frame of the last segment edited, its checksum recomputed", keyed: true, want: ErrTampered,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				last := lastSegment(files)
				data := files[last]
				off := appendEnds(t, data)[0]
				num, _ := parseSegmentName(last)
				editFrame(t, data, off, identityIn(t, files), num, macSize)
				return last, int64(off)
			},
		},
		{
			name: "a foreign segment", want: ErrForeign,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				other, _ := buildJournal(t, keyring.Key{})
				data, err := os.ReadFile(filepath.Join(other, segmentName(2)))
				require.NoError(t, err)
				files[segmentName(2)] = data
				return segmentName(2), 20
			},
		},
		{
			name: "a foreign segment, keyed journals", keyed: true, want: ErrForeign,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				other, _ := buildJournal(t, key)
				data, err := os.ReadFile(filepath.Join(other, segmentName(1)))
				require.NoError(t, err)
				files[segmentName(1)] = data
				return segmentName(1), 20
			},
		},
		{
			name: "a sealed segment cut at a frame boundary", keyed: true, want: ErrTampered,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				ends := appendEnds(t, files[segmentName(2)])
				cut := ends[len(ends)-2]
				files[segmentName(2)] = files[segmentName(2)][:cut]
				return segmentName(2), int64(cut)
			},
		},
		{
			name: "a sealed segment cut at a frame boundary, no key", want: ErrCorrupt,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				ends := appendEnds(t, files[segmentName(1)])
				cut := ends[1]
				files[segmentName(1)] = files[segmentName(1)][:cut]
				return segmentName(1), int64(cut)
			},
		},
		{
			name: "a keyed segment's MACs stripped from its header", keyed: true, want: ErrTampered,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				rewriteHeader(files[segmentName(2)], func(h []byte) {
					binary.LittleEndian.PutUint32(h[36:], 0)
					clear(h[48:80])
				})
				return segmentName(2), 36
			},
		},
		{
			name: "a sealed length rewritten in a header", keyed: true, want: ErrTampered,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				rewriteHeader(files[segmentName(3)], func(h []byte) {
					binary.LittleEndian.PutUint64(h[40:], binary.LittleEndian.Uint64(h[40:])-10)
				})
				return segmentName(3), 48
			},
		},
		{
			name: "the identity file removed", keyed: true, want: ErrTampered, noNamed: true,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				delete(files, identityName)
				return identityName, 0
			},
		},
		{
			name: "the identity file removed, no key", want: ErrTampered, noNamed: true,
			tamper: func(t *testing.T, dir string, files map[string][]byte) (string, int64) {
				delete(files, identityName)
				return identityName, 0
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := keyring.Key{}
			if tt.keyed {
				k = key
			}
			dir, _ := buildJournal(t, k)
			files := readDir(t, dir)
			seg, off := tt.tamper(t, dir, files)
			writeDir(t, dir, files)
			err := openAndRead(dir, &FileOptions{UnsafeNoSync: true, Key: k})
			require.ErrorIs(t, err, tt.want)
			require.ErrorIs(t, err, ErrCorrupt)
			var ce *CorruptError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, seg, ce.Segment, "the error names the file")
			if !tt.noNamed {
				assert.Equal(t, off, ce.Offset, "the error names the offset")
			}
		})
	}
}

// lastSegment returns the name of the last segment among files.
func lastSegment(files map[string][]byte) string {
	last := ""
	for name := range files {
		if _, ok := parseSegmentName(name); ok && name > last {
			last = name
		}
	}
	return last
}

// TestKeyedJournal writes a keyed journal, reopens it with its key, with
// another key and with none, recovers a torn tail in it, and keys a
// journal that had no key.
func TestKeyedJournal(t *testing.T) {
	ctx := context.Background()
	key := testKey(t)
	dir, want := buildJournal(t, key)
	opts := &FileOptions{UnsafeNoSync: true, Key: key}
	for _, index := range []bool{true, false} {
		if !index {
			require.NoError(t, os.Remove(filepath.Join(dir, indexName)))
		}
		f, err := Open(dir, opts)
		require.NoError(t, err)
		assert.Equal(t, want, stateOf(t, f), "index checkpoint %v", index)
		for _, s := range f.segs {
			assert.Equal(t, macSize, s.tag, "%s carries MACs", s.name)
		}
		require.NoError(t, f.Close())
	}

	_, err := Open(dir, &FileOptions{UnsafeNoSync: true})
	require.ErrorIs(t, err, relationship.ErrInvalidValue, "a keyed journal opens only with its key")
	assert.Contains(t, err.Error(), "FileOptions.Key")
	_, err = Open(dir, &FileOptions{UnsafeNoSync: true, Key: testKey(t)})
	require.ErrorIs(t, err, ErrTampered, "another key does not open the journal's MAC key")

	// A torn tail of a keyed journal is cut as in any other.
	files := readDir(t, dir)
	last := lastSegment(files)
	ends := appendEnds(t, files[last])
	files[last] = files[last][:ends[len(ends)-1]-5]
	writeDir(t, dir, files)
	f, err := Open(dir, opts)
	require.NoError(t, err)
	require.Len(t, f.Recovered(), 1)
	assert.Equal(t, int64(ends[len(ends)-2]), f.Recovered()[0].Offset)
	require.NoError(t, f.Close())

	// A journal made without a key is keyed from its next segment.
	plain, before := buildJournal(t, keyring.Key{})
	f, err = Open(plain, opts)
	require.NoError(t, err)
	n := len(f.segs)
	require.NoError(t, f.Append(ctx, to("case-new", 0, journaltest.Entries(99, 0, 1)...)))
	require.Len(t, f.segs, n+1, "appends go to a new segment")
	assert.Equal(t, 0, f.segs[n-1].tag)
	assert.Equal(t, macSize, f.segs[n].tag)
	after := stateOf(t, f)
	require.NoError(t, f.Close())
	assert.Equal(t, before.contents, stripStream(after.contents, "case-new"))
	f, err = Open(plain, opts)
	require.NoError(t, err)
	assert.Equal(t, after, stateOf(t, f))
	require.NoError(t, f.Close())
	_, err = Open(plain, nil)
	require.ErrorIs(t, err, relationship.ErrInvalidValue)
}

// stripStream returns contents without stream name.
func stripStream(contents map[string][]relationship.Entry, name string) map[string][]relationship.Entry {
	out := map[string][]relationship.Entry{}
	for k, v := range contents {
		if k != name {
			out[k] = v
		}
	}
	return out
}

// TestDeletedLockFileDoesNotUnlock opens a journal, removes its LOCK file,
// and has another process try to open the journal: the lock is held on
// the directory itself, so it is refused.
func TestDeletedLockFileDoesNotUnlock(t *testing.T) {
	if dir := os.Getenv("JOURNAL_LOCK_DELETED_HELPER"); dir != "" {
		_, err := Open(dir, nil)
		fmt.Print(errors.Is(err, ErrLocked))
		return
	}
	if !flockAvailable {
		t.Skip("the lock is the LOCK file itself where flock(2) is not available")
	}
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, os.Remove(filepath.Join(dir, lockName)))
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeletedLockFileDoesNotUnlock$")
	cmd.Env = append(os.Environ(), "JOURNAL_LOCK_DELETED_HELPER="+dir)
	out, err := cmd.Output()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(out), "true"), "the other process is refused with ErrLocked: %s", out)
	_, err = Open(dir, nil)
	require.ErrorIs(t, err, ErrLocked, "and so is this one")
}

// TestKeyedCheckpointAndSnapshot checks that in a keyed journal the index
// checkpoint and the snapshots carry MACs: a checkpoint without a valid
// one is not trusted (Open reads and checks every frame instead), and a
// snapshot written by someone without the key is an error wrapping
// ErrTampered, which costs only a replay.
func TestKeyedCheckpointAndSnapshot(t *testing.T) {
	ctx := context.Background()
	key := testKey(t)
	opts := &FileOptions{UnsafeNoSync: true, Key: key}
	dir, want := buildJournal(t, key)
	f, err := Open(dir, opts)
	require.NoError(t, err)
	require.NotNil(t, f.ck, "the checkpoint Close wrote, with its MAC, is used")
	snap := relationship.Snapshot{Version: 2, Type: "note-count", Data: []byte(`{"notes":2}`)}
	require.NoError(t, f.SaveSnapshot(ctx, "case-1", snap))
	got, ok, err := f.LoadSnapshot(ctx, "case-1")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, snap, got)
	require.NoError(t, f.Close())

	// A snapshot file as it would be without a key, its checksum right.
	forged := relationship.Snapshot{Version: 2, Type: "note-count", Data: []byte(`{"notes":9}`)}
	head, trailer := snapshotParts("case-1", forged)
	path := filepath.Join(dir, snapshotDir, snapshotName("case-1"))
	require.NoError(t, os.WriteFile(path, append(append(head, forged.Data...), trailer...), 0o600))
	// The checkpoint without its MAC.
	index := filepath.Join(dir, indexName)
	data, err := os.ReadFile(index)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(index, data[:len(data)-macSize], 0o600))

	f, err = Open(dir, opts)
	require.NoError(t, err)
	defer f.Close()
	assert.Nil(t, f.ck, "a checkpoint whose MAC does not check is not used")
	assert.Equal(t, want, stateOf(t, f))
	_, ok, err = f.LoadSnapshot(ctx, "case-1")
	require.ErrorIs(t, err, ErrTampered)
	require.ErrorIs(t, err, ErrCorrupt)
	assert.False(t, ok)
	var ce *CorruptError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, snapshotDir+"/"+snapshotName("case-1"), ce.Segment)
}
