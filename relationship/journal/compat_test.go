package journal

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// v1Plan is how the journal in testdata/v1 was written, by the version of
// this package that wrote format version 1, with a SegmentSize of 1200:
// append i went to stream v1Plan[i].stream with v1Plan[i].n entries of
// journaltest.Entries(i, version, n).
var v1Plan = []step{{"case-a", 3}, {"group-b", 2}, {"case-a", 1}, {"agency", 4}, {"group-b", 1}, {"case-a", 2}}

// TestReadsFormatVersion1 opens a journal written in format version 1 and
// finds everything in it; appends go to a new segment of version 3, and the
// old segments are left as they were.
func TestReadsFormatVersion1(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := map[string][]byte{}
	for _, name := range []string{"00000001.seg", "00000002.seg"} {
		data, err := os.ReadFile(filepath.Join("testdata", "v1", name))
		require.NoError(t, err)
		require.Equal(t, uint32(formatVersion1), binary.LittleEndian.Uint32(data[8:12]), "%s is of version 1", name)
		old[name] = data
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
	want := map[string][]relationship.Entry{}
	var feed []string
	for i, p := range v1Plan {
		for _, e := range journaltest.Entries(i, uint64(len(want[p.stream])), p.n) {
			feed = append(feed, fmt.Sprintf("%s#%d", p.stream, e.Seq()))
			want[p.stream] = append(want[p.stream], e)
		}
	}
	feedKeys := func(f *File) []string {
		var keys []string
		for i, fe := range journaltest.ReadFeed(t, f, 0) {
			assert.Equal(t, uint64(i+1), fe.Position)
			keys = append(keys, fmt.Sprintf("%s#%d", fe.Stream, fe.Entry.Seq()))
		}
		return keys
	}

	f, err := Open(dir, nil)
	require.NoError(t, err)
	assert.Empty(t, f.Recovered())
	assert.Equal(t, want, journaltest.Contents(t, f))
	assert.Equal(t, feed, feedKeys(f), "the feed of a version 1 journal is its frames in order")

	more := []relationship.Append{to("agency", 4, journaltest.Entries(9, 4, 1)...), to("case-a", 6, journaltest.Entries(9, 6, 2)...)}
	require.NoError(t, f.Append(ctx, more...))
	require.NoError(t, f.Append(ctx, to("log", relationship.AnyVersion, journaltest.NoteEntry(9, 0, 7))))
	require.NoError(t, f.Close())
	for _, p := range more {
		want[p.Stream] = append(want[p.Stream], p.Entries...)
	}
	want["log"] = []relationship.Entry{journaltest.NoteEntry(9, 0, 7).WithSeq(1)}
	feed = append(feed, "agency#5", "case-a#7", "case-a#8", "log#1")

	for name, data := range old {
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, data, got, "%s is left as it was", name)
	}
	seg3, err := os.ReadFile(filepath.Join(dir, "00000003.seg"))
	require.NoError(t, err)
	assert.Equal(t, uint32(formatVersion), binary.LittleEndian.Uint32(seg3[8:12]), "new appends go to a segment of version 3")

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	assert.Empty(t, f.Recovered())
	assert.Equal(t, want, journaltest.Contents(t, f))
	assert.Equal(t, feed, feedKeys(f))
}

// TestAppendAcrossStreamsByVersion writes by hand an append whose frames
// belong to two streams, in a segment of each version: version 2 keeps it;
// in version 1, where an append belongs to one stream, it is damage (a torn
// tail at the end of the last segment, corruption in a sealed one).
func TestAppendAcrossStreamsByVersion(t *testing.T) {
	frames := func(num uint64, v uint32) []byte {
		b := appendSegmentHeaderVersion(nil, num, v)
		commit := uint32(len(b))
		for i, stream := range []string{"agency", "case-a"} {
			payload, err := journaltest.NoteEntry(1, i, 1).MarshalJSON()
			require.NoError(t, err)
			b = appendFrame(b, seed(num), stream, 1, commit, i == 1, payload)
		}
		return b
	}
	tests := []struct {
		name    string
		files   map[string][]byte
		kept    map[string][]relationship.Entry
		cut     bool
		corrupt bool
	}{
		{"version 2", map[string][]byte{segmentName(1): frames(1, formatVersion2)},
			map[string][]relationship.Entry{"agency": {journaltest.NoteEntry(1, 0, 1)}, "case-a": {journaltest.NoteEntry(1, 1, 1)}}, false, false},
		{"version 1, last segment", map[string][]byte{segmentName(1): frames(1, formatVersion1)},
			map[string][]relationship.Entry{}, true, false},
		{"version 1, sealed segment", map[string][]byte{segmentName(1): frames(1, formatVersion1), segmentName(2): appendSegmentHeader(nil, 2)},
			nil, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeDir(t, dir, tt.files)
			f, err := Open(dir, noSync)
			if tt.corrupt {
				require.ErrorIs(t, err, ErrCorrupt)
				assert.Contains(t, err.Error(), "different streams")
				return
			}
			require.NoError(t, err)
			defer f.Close()
			assert.Equal(t, tt.kept, journaltest.Contents(t, f))
			if tt.cut {
				require.Len(t, f.Recovered(), 1)
				assert.Contains(t, f.Recovered()[0].Reason, "different streams")
				assert.Equal(t, 1, f.Recovered()[0].Frames)
			} else {
				assert.Empty(t, f.Recovered())
			}
		})
	}
}

// TestReadsFormatVersion2 opens the journal in testdata/v2, written by the
// version of this package that wrote format version 2, with a SegmentSize
// of 1200: the appends of v1Plan, then one append of one entry to
// "agency" and two to "case-a" together, by writer 6. It opens it and
// finds everything in it, its append across two streams included; appends
// go to a new segment of version 3, the old segments are left as they
// were but for the zeros written ahead of the data of the last one, and the
// journal can then be keyed.
func TestReadsFormatVersion2(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := map[string][]byte{}
	for _, name := range []string{"00000001.seg", "00000002.seg", "00000003.seg"} {
		data, err := os.ReadFile(filepath.Join("testdata", "v2", name))
		require.NoError(t, err)
		require.Equal(t, uint32(formatVersion2), binary.LittleEndian.Uint32(data[8:12]), "%s is of version 2", name)
		old[name] = data[:lastNonZeroIn(data, 0, len(data))]
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
	want := map[string][]relationship.Entry{}
	add := func(writer int, stream string, n int) {
		want[stream] = append(want[stream], journaltest.Entries(writer, uint64(len(want[stream])), n)...)
	}
	for i, p := range v1Plan {
		add(i, p.stream, p.n)
	}
	add(6, "agency", 1)
	add(6, "case-a", 2)

	key := testKey(t)
	_, err := Open(dir, &FileOptions{Key: key})
	require.ErrorIs(t, err, relationship.ErrInvalidValue, "a journal of an older format is keyed once it has an identity")
	f, err := Open(dir, nil)
	require.NoError(t, err)
	assert.Empty(t, f.Recovered())
	assert.Equal(t, want, journaltest.Contents(t, f))
	more := to("group-b", 3, journaltest.Entries(9, 3, 2)...)
	require.NoError(t, f.Append(ctx, more))
	want["group-b"] = append(want["group-b"], more.Entries...)
	require.NoError(t, f.Close())
	for name, data := range old {
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, data, got[:lastNonZeroIn(got, 0, len(got))], "%s is left as it was", name)
	}
	seg4, err := os.ReadFile(filepath.Join(dir, "00000004.seg"))
	require.NoError(t, err)
	assert.Equal(t, uint32(formatVersion), binary.LittleEndian.Uint32(seg4[8:12]), "new appends go to a segment of version 3")

	f, err = Open(dir, &FileOptions{Key: key})
	require.NoError(t, err)
	assert.Equal(t, want, journaltest.Contents(t, f))
	more = to("agency", 5, journaltest.Entries(10, 5, 1)...)
	require.NoError(t, f.Append(ctx, more))
	want["agency"] = append(want["agency"], more.Entries...)
	require.NoError(t, f.Close())
	f, err = Open(dir, &FileOptions{Key: key})
	require.NoError(t, err)
	defer f.Close()
	assert.Empty(t, f.Recovered())
	assert.Equal(t, want, journaltest.Contents(t, f))
}
