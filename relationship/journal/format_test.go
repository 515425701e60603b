package journal

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// frameSeeds returns frames of real entries, whole and damaged.
func frameSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for i, e := range journaltest.Entries(1, 0, 3) {
		payload, err := e.MarshalJSON()
		require.NoError(t, err)
		fr := appendFrame(nil, seed(1), "case-a", e.Seq(), segmentHeaderSize, i == 2, payload)
		seeds = append(seeds, fr, fr[:len(fr)-1], fr[:frameHeaderSize], append(bytes.Clone(fr), "trailing"...))
		flipped := bytes.Clone(fr)
		flipped[len(fr)/2] ^= 0x10
		seeds = append(seeds, flipped)
	}
	return append(seeds, nil, make([]byte, frameHeaderSize), bytes.Repeat([]byte{0xff}, 64))
}

// FuzzDecodeFrame checks that any bytes either fail to decode as a frame,
// without panicking, or decode to a frame that encodes to the same bytes;
// and that an entry in a frame that decodes encodes to its stable form.
// With fix set, the checksum is made right first, so that the fuzzer gets
// past it to the rest of the frame.
func FuzzDecodeFrame(f *testing.F) {
	for i, s := range frameSeeds(f) {
		f.Add(s, i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, b []byte, fix bool) {
		if fix && len(b) >= frameHeaderSize {
			if n, ferr := frameSize(b, 0); ferr == nil && n <= len(b) {
				binary.LittleEndian.PutUint32(b, crc32.Update(seed(1), castagnoli, b[4:n]))
			}
		}
		fr, ferr := decodeFrame(b, seed(1), 0)
		if ferr != nil {
			assert.NotEmpty(t, ferr.Error())
			return
		}
		again := appendFrame(nil, seed(1), string(fr.stream), fr.seq, fr.commit, fr.last, fr.payload)
		require.Equal(t, b[:fr.size], again)
		var e relationship.Entry
		if e.UnmarshalJSON(fr.payload) != nil {
			return
		}
		enc, err := e.MarshalJSON()
		if err != nil {
			return // such as a decoded event with a zero enumeration
		}
		var back relationship.Entry
		if back.UnmarshalJSON(enc) == nil {
			again, err := back.MarshalJSON()
			require.NoError(t, err)
			require.Equal(t, string(enc), string(again))
		}
	})
}

// FuzzOpen writes arbitrary bytes after a valid segment header, and as a
// second segment after a valid first one: Open must never panic, and if it
// opens the journal, every stream must read back without error.
func FuzzOpen(f *testing.F) {
	for _, s := range frameSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, layout := range []map[string][]byte{
			{segmentName(1): append(appendSegmentHeader(nil, 1), b...)},
			{segmentName(1): appendSegmentHeader(nil, 1), segmentName(2): b},
		} {
			dir := t.TempDir()
			for name, data := range layout {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
			}
			j, err := Open(dir, noSync)
			if err != nil {
				continue
			}
			for name, err := range j.Streams(context.Background()) {
				require.NoError(t, err)
				for _, err := range j.Read(context.Background(), name, 1) {
					if err != nil {
						assert.NotErrorIs(t, err, ErrCorrupt, "what Open indexed reads back")
						break
					}
				}
			}
			require.NoError(t, j.Close())
		}
	})
}

// identityIn returns the identity of the journal whose files are given,
// read from its identity file.
func identityIn(t *testing.T, files map[string][]byte) [16]byte {
	t.Helper()
	b := files[identityName]
	require.GreaterOrEqual(t, len(b), 36, "the journal has an identity file")
	var id [16]byte
	copy(id[:], b[20:36])
	return id
}

// identityOf returns the identity of the journal in dir.
func identityOf(t *testing.T, dir string) [16]byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, identityName))
	require.NoError(t, err)
	return identityIn(t, map[string][]byte{identityName: b})
}
