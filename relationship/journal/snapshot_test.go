package journal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// openWithSnapshot opens a journal in a new directory with three entries
// in stream "case-a" and a snapshot of it at version 2, and returns it with
// the path of the snapshot file.
func openWithSnapshot(t *testing.T, opts *FileOptions) (*File, string, relationship.Snapshot) {
	t.Helper()
	ctx := context.Background()
	f, err := Open(t.TempDir(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	require.NoError(t, f.Append(ctx, to("case-a", 0, journaltest.Entries(1, 0, 3)...)))
	s := relationship.Snapshot{Version: 2, Type: "casework.case-snapshot.v1", Data: []byte(`{"phase":"study"}`)}
	require.NoError(t, f.SaveSnapshot(ctx, "case-a", s))
	return f, filepath.Join(f.Dir(), "snapshots", snapshotName("case-a")), s
}

// TestSnapshotFileFormat checks a snapshot file byte by byte against the
// format the package documentation describes.
func TestSnapshotFileFormat(t *testing.T) {
	_, path, s := openWithSnapshot(t, nil)
	sum := sha256.Sum256([]byte("case-a"))
	assert.Equal(t, hex.EncodeToString(sum[:])+".snap", filepath.Base(path))
	b, err := os.ReadFile(path)
	require.NoError(t, err)

	le := binary.LittleEndian
	n, typ, data := len("case-a"), len(s.Type), len(s.Data)
	require.Len(t, b, 40+n+typ+data+4)
	assert.Equal(t, "HLPSNAP\x00", string(b[0:8]))
	assert.Equal(t, uint32(1), le.Uint32(b[8:12]), "format version")
	assert.Equal(t, uint32(n), le.Uint32(b[12:16]), "stream name length")
	assert.Equal(t, uint32(typ), le.Uint32(b[16:20]), "type length")
	assert.Equal(t, s.Version, le.Uint64(b[20:28]), "version")
	assert.Equal(t, uint64(data), le.Uint64(b[28:36]), "data length")
	table := crc32.MakeTable(crc32.Castagnoli)
	assert.Equal(t, crc32.Checksum(b[0:36], table), le.Uint32(b[36:40]), "header checksum")
	assert.Equal(t, "case-a", string(b[40:40+n]))
	assert.Equal(t, s.Type, string(b[40+n:40+n+typ]))
	assert.Equal(t, s.Data, b[40+n+typ:40+n+typ+data])
	all := append(bytes.Clone(b[0:36]), b[40:len(b)-4]...)
	assert.Equal(t, crc32.Checksum(all, table), le.Uint32(b[len(b)-4:]), "the checksum of every byte but the header's checksum")
}

// TestSnapshotDamage damages a snapshot file in every way a disk or a
// person can: LoadSnapshot reports each as an error wrapping ErrCorrupt
// (or ErrFormat, for a newer format), never a wrong snapshot; and a new
// snapshot replaces the damaged one.
func TestSnapshotDamage(t *testing.T) {
	ctx := context.Background()
	type damage struct {
		name   string
		change func(b []byte) []byte
		err    error
	}
	var damages []damage
	for i := range 40 + len("case-a") + len("casework.case-snapshot.v1") + len(`{"phase":"study"}`) + 4 {
		damages = append(damages, damage{fmt.Sprintf("bit flipped in byte %d", i), func(b []byte) []byte {
			b[i] ^= 1 << (i % 8)
			return b
		}, ErrCorrupt})
	}
	for _, n := range []int{0, 1, 39, 40, 46, 60, -1} {
		damages = append(damages, damage{fmt.Sprintf("cut to %d bytes", n), func(b []byte) []byte {
			if n < 0 {
				return b[:len(b)+n]
			}
			return b[:n]
		}, ErrCorrupt})
	}
	damages = append(damages,
		damage{"a byte too many", func(b []byte) []byte { return append(b, 0) }, ErrCorrupt},
		damage{"a newer format", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[8:], snapshotFormat+1)
			binary.LittleEndian.PutUint32(b[36:], crc32.Checksum(b[:36], castagnoli))
			return b
		}, ErrFormat},
	)
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			f, path, _ := openWithSnapshot(t, noSync)
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(path, d.change(b), 0o600))

			s, ok, err := f.LoadSnapshot(ctx, "case-a")
			require.ErrorIs(t, err, d.err)
			assert.False(t, ok)
			assert.Zero(t, s)
			if errors.Is(d.err, ErrCorrupt) {
				var ce *CorruptError
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, "snapshots/"+snapshotName("case-a"), ce.Segment, "the error names the file")
			}

			fresh := relationship.Snapshot{Version: 3, Type: "casework.case-snapshot.v1", Data: []byte("again")}
			require.NoError(t, f.SaveSnapshot(ctx, "case-a", fresh), "a new snapshot replaces a damaged one")
			got, ok, err := f.LoadSnapshot(ctx, "case-a")
			require.NoError(t, err)
			assert.True(t, ok)
			assert.Equal(t, fresh, got)
		})
	}
}

// TestSnapshotInTheWrongPlace finds snapshot files that are intact but do
// not belong where they are: another stream's file under this stream's
// name, and a snapshot of a version the stream does not reach.
func TestSnapshotInTheWrongPlace(t *testing.T) {
	ctx := context.Background()
	f, path, _ := openWithSnapshot(t, nil)
	require.NoError(t, f.Append(ctx, to("case-b", 0, journaltest.Entries(2, 0, 1)...)))
	require.NoError(t, f.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)

	other := filepath.Join(filepath.Dir(path), snapshotName("case-b"))
	require.NoError(t, os.WriteFile(other, data, 0o600))
	f, err = Open(f.Dir(), nil)
	require.NoError(t, err)
	defer f.Close()
	_, _, err = f.LoadSnapshot(ctx, "case-b")
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), `snapshot of stream "case-a", not "case-b"`)

	// A journal whose stream is shorter than the snapshot: the record was
	// replaced, or the snapshot copied from elsewhere.
	dir := t.TempDir()
	g, err := Open(dir, nil)
	require.NoError(t, err)
	defer g.Close()
	require.NoError(t, g.Append(ctx, to("case-a", 0, journaltest.Entries(1, 0, 1)...)))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "snapshots"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "snapshots", snapshotName("case-a")), data, 0o600))
	_, _, err = g.LoadSnapshot(ctx, "case-a")
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), "holds 1 entries")
}

// TestSnapshotTempFilesRemoved leaves behind the temporary file of a save
// that a crash interrupted: Open removes it and nothing else.
func TestSnapshotTempFilesRemoved(t *testing.T) {
	f, path, s := openWithSnapshot(t, nil)
	require.NoError(t, f.Close())
	dir := filepath.Dir(path)
	stale := filepath.Join(dir, snapshotName("case-a")+".12345.tmp")
	require.NoError(t, os.WriteFile(stale, []byte("half a snapshot"), 0o600))

	f, err := Open(f.Dir(), nil)
	require.NoError(t, err)
	defer f.Close()
	assert.NoFileExists(t, stale)
	got, ok, err := f.LoadSnapshot(context.Background(), "case-a")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, s, got)
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, ents, 1, "the snapshot stays, alone")
}

// TestConcurrentSnapshots saves snapshots of one stream at many versions
// at once: every save succeeds or is refused as older than the one kept,
// and the one kept in the end is the latest.
func TestConcurrentSnapshots(t *testing.T) {
	ctx := context.Background()
	f, err := Open(t.TempDir(), &FileOptions{UnsafeNoSync: true})
	require.NoError(t, err)
	defer f.Close()
	const versions = 24
	require.NoError(t, f.Append(ctx, to("s", 0, journaltest.Entries(1, 0, versions)...)))
	var wg sync.WaitGroup
	errs := make(chan error, versions)
	for v := range uint64(versions) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := f.SaveSnapshot(ctx, "s", relationship.Snapshot{Version: v + 1, Type: "t", Data: []byte(fmt.Sprint(v + 1))})
			if err != nil && !errors.Is(err, relationship.ErrInvalidEntry) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got, ok, err := f.LoadSnapshot(ctx, "s")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, relationship.Snapshot{Version: versions, Type: "t", Data: []byte(fmt.Sprint(versions))}, got)
	ents, err := os.ReadDir(filepath.Join(f.Dir(), "snapshots"))
	require.NoError(t, err)
	assert.Len(t, ents, 1, "no temporary file is left behind")
}

// FuzzDecodeSnapshot checks that any bytes, read as the snapshot file of
// stream "case-a", either fail to decode, without panicking, or decode to
// a snapshot whose file is the same bytes. With fix set, the checksums are
// made right first, so that the fuzzer gets past them.
func FuzzDecodeSnapshot(f *testing.F) {
	for _, s := range []relationship.Snapshot{
		{Version: 2, Type: "casework.case-snapshot.v1", Data: []byte(`{"phase":"study"}`)},
		{Version: 1 << 40, Type: "t", Data: []byte{0}},
	} {
		head, trailer := snapshotParts("case-a", s)
		file := append(append(head, s.Data...), trailer...)
		f.Add(file, false)
		f.Add(file[:len(file)-1], true)
		f.Add(file[:snapshotHeaderSize], true)
	}
	f.Add([]byte{}, false)
	f.Fuzz(func(t *testing.T, b []byte, fix bool) {
		if fix && len(b) >= snapshotHeaderSize+snapshotTrailerSize {
			binary.LittleEndian.PutUint32(b[36:], crc32.Checksum(b[:36], castagnoli))
			end := len(b) - snapshotTrailerSize
			crc := crc32.Update(crc32.Checksum(b[:36], castagnoli), castagnoli, b[snapshotHeaderSize:end])
			binary.LittleEndian.PutUint32(b[end:], crc)
		}
		s, reason, _, err := decodeSnapshot(b, "case-a")
		if err != nil || reason != "" {
			assert.Zero(t, s)
			return
		}
		head, trailer := snapshotParts("case-a", s)
		require.Equal(t, b, append(append(head, s.Data...), trailer...), "a snapshot decodes from the bytes it encodes to")
	})
}
