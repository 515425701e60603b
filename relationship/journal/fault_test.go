package journal

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// appendRecord is one append made while building a journal for a fault
// test, with where its frames went.
type appendRecord struct {
	parts []partRecord
	seg   int   // index of the segment
	offs  []int // the offset of each frame in it, all streams in order
	end   int   // where the append's last frame ends
}

// partRecord is one stream's part of an append.
type partRecord struct {
	stream  string
	entries []relationship.Entry
}

// built is a closed journal and the record of how it was made.
type built struct {
	files   map[string][]byte // every file of the directory
	segs    []string          // the segment names, in order
	appends []appendRecord
}

// build writes a journal with the given appends (stream name and number of
// entries each), closes it, and returns its files and where each frame is.
func build(t testing.TB, opts *FileOptions, plan []struct {
	stream string
	n      int
}) built {
	t.Helper()
	multi := make([][]step, len(plan))
	for i, p := range plan {
		multi[i] = []step{p}
	}
	return buildAppends(t, opts, multi)
}

// buildAppends is build for appends that may each go to several streams:
// every step of plan[i] is one stream's part of append i.
func buildAppends(t testing.TB, opts *FileOptions, plan [][]step) built {
	t.Helper()
	dir := t.TempDir()
	f, err := Open(dir, opts)
	require.NoError(t, err)
	ctx := context.Background()
	var b built
	for i, parts := range plan {
		var appends []relationship.Append
		var rec appendRecord
		for _, p := range parts {
			v, err := f.Version(ctx, p.stream)
			require.NoError(t, err)
			entries := journaltest.Entries(i, v, p.n)
			appends = append(appends, to(p.stream, v, entries...))
			rec.parts = append(rec.parts, partRecord{stream: p.stream, entries: entries})
		}
		require.NoError(t, f.Append(ctx, appends...))
		frames := 0
		for _, p := range parts {
			frames += p.n
		}
		locs := f.feed[len(f.feed)-frames:]
		rec.seg = int(locs[0].seg)
		for _, l := range locs {
			rec.offs = append(rec.offs, int(l.off))
			rec.end = int(l.off + l.size)
		}
		b.appends = append(b.appends, rec)
	}
	require.NoError(t, f.Close())
	b.files = readDir(t, dir)
	for name := range b.files {
		if _, ok := parseSegmentName(name); ok {
			b.segs = append(b.segs, name)
		}
	}
	slices.Sort(b.segs)
	return b
}

func readDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	files := map[string][]byte{}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		files[e.Name()] = data
	}
	return files
}

// writeDir empties dir and writes files into it.
func writeDir(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	require.NoError(t, os.RemoveAll(dir))
	require.NoError(t, os.MkdirAll(dir, 0o700))
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
}

// dataEnd returns where the data of segment i ends: after its last frame,
// before the zeros written ahead of it.
func (b built) dataEnd(i int) int {
	end := segmentHeaderSize3
	for _, a := range b.appends {
		if a.seg == i {
			end = max(end, a.end)
		}
	}
	return end
}

// snapshot returns what the journal holds after the first n appends.
func (b built) snapshot(n int) map[string][]relationship.Entry {
	want := map[string][]relationship.Entry{}
	for _, a := range b.appends[:n] {
		for _, p := range a.parts {
			want[p.stream] = append(want[p.stream], p.entries...)
		}
	}
	return want
}

// lastNonZeroIn returns the offset just past the last non-zero byte of
// data[from:to], or from.
func lastNonZeroIn(data []byte, from, to int) int {
	for i := to - 1; i >= from; i-- {
		if data[i] != 0 {
			return i + 1
		}
	}
	return from
}

// truncated returns the files of b with the journal cut at byte k of
// segment i's data: later segments removed, segment i truncated.
func (b built) truncated(i, k int) map[string][]byte {
	files := map[string][]byte{}
	for name, data := range b.files {
		files[name] = data
	}
	for _, name := range b.segs[i+1:] {
		delete(files, name)
	}
	files[b.segs[i]] = b.files[b.segs[i]][:k]
	return files
}

// expectAfterTruncation returns what reopening must find after the
// journal was cut at byte k of segment i: the entries of every append that
// ends by then, and the recovery report, if any.
func (b built) expectAfterTruncation(i, k int) (map[string][]relationship.Entry, *Recovery) {
	name, data := b.segs[i], b.files[b.segs[i]]
	kept, boundary, intact := 0, segmentHeaderSize3, 0
	for n, a := range b.appends {
		switch {
		case a.seg < i || a.seg == i && a.end <= k:
			kept = n + 1
			if a.seg == i {
				boundary = a.end
			}
		case a.seg == i:
			for j, off := range a.offs {
				end := a.end
				if j+1 < len(a.offs) {
					end = a.offs[j+1]
				}
				if off < k && end <= k {
					intact++
				}
			}
		}
	}
	want := b.snapshot(kept)
	if k < segmentHeaderSize3 {
		return want, &Recovery{Segment: name, Offset: 0, Bytes: int64(lastNonZeroIn(data, 0, k))}
	}
	if k == boundary {
		return want, nil
	}
	return want, &Recovery{Segment: name, Offset: int64(boundary), Bytes: int64(lastNonZeroIn(data, boundary, k) - boundary), Frames: intact}
}

func TestTruncateEveryByteOfTheLastThreeEntries(t *testing.T) {
	type step = struct {
		stream string
		n      int
	}
	tests := []struct {
		name string
		opts *FileOptions
		plan []step
	}{
		{"one entry an append", nil,
			[]step{{"case-a", 4}, {"group-b", 2}, {"case-a", 1}, {"group-b", 1}, {"case-a", 1}}},
		{"a batch last", nil,
			[]step{{"case-a", 2}, {"group-b", 1}, {"case-a", 3}}},
		{"a segment an append", &FileOptions{SegmentSize: 1},
			[]step{{"case-a", 2}, {"case-a", 1}, {"group-b", 1}, {"case-a", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkTruncations(t, build(t, tt.opts, tt.plan), 3)
		})
	}
}

// TestTruncateEveryByteOfMultiStreamAppends cuts a journal at every byte of
// its last appends, which go to several streams each: an append is kept
// whole, in every stream, or not at all.
func TestTruncateEveryByteOfMultiStreamAppends(t *testing.T) {
	tests := []struct {
		name string
		opts *FileOptions
		plan [][]step
	}{
		{"three streams last", nil,
			[][]step{{{"agency", 1}, {"case-a", 1}}, {{"case-a", 1}}, {{"agency", 1}, {"case-b", 2}, {"case-a", 1}}}},
		{"a segment an append", &FileOptions{SegmentSize: 1},
			[][]step{{{"agency", 2}, {"case-a", 1}}, {{"case-b", 1}, {"agency", 1}}, {{"case-a", 1}, {"agency", 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkTruncations(t, buildAppends(t, tt.opts, tt.plan), 4)
		})
	}
}

// checkTruncations cuts the journal b at every byte of its last frames, and
// checks what Open makes of each cut.
func checkTruncations(t *testing.T, b built, last int) {
	dir := t.TempDir()
	// The last frames, as (segment, offset) ranges of the journal's bytes.
	var frames [][3]int // segment, start, end
	for _, a := range b.appends {
		for j, off := range a.offs {
			end := a.end
			if j+1 < len(a.offs) {
				end = a.offs[j+1]
			}
			frames = append(frames, [3]int{a.seg, off, end})
		}
	}
	checked := 0
	for _, fr := range frames[len(frames)-last:] {
		from := fr[1]
		if fr[1] == segmentHeaderSize3 && fr[0] > 0 {
			from = 0 // the segment begins with this entry: cut its header too
		}
		for k := from; k < fr[2]; k++ {
			writeDir(t, dir, b.truncated(fr[0], k))
			want, rec := b.expectAfterTruncation(fr[0], k)
			f, err := Open(dir, noSync)
			require.NoError(t, err, "cut at %s:%d", b.segs[fr[0]], k)
			assert.Equal(t, want, journaltest.Contents(t, f), "cut at %s:%d", b.segs[fr[0]], k)
			assert.Len(t, journaltest.ReadFeed(t, f, 0), countEntries(want), "cut at %s:%d: the feed holds what the streams hold", b.segs[fr[0]], k)
			checkRecovery(t, dir, f.Recovered(), rec, b.files[b.segs[fr[0]]], k)
			require.NoError(t, f.Close())
			checked++
		}
	}
	t.Logf("%d cuts checked", checked)
}

// countEntries returns how many entries the streams hold.
func countEntries(streams map[string][]relationship.Entry) int {
	n := 0
	for _, entries := range streams {
		n += len(entries)
	}
	return n
}

// noSync skips the syncs of a repair in the fault loops, which check what
// recovery decides, not the disk; TestCrashScenarios repairs with syncs.
var noSync = &FileOptions{UnsafeNoSync: true}

// checkRecovery compares the reports of Open with the expected one, and
// checks that the saved file holds exactly the bytes cut.
func checkRecovery(t *testing.T, dir string, got []Recovery, want *Recovery, data []byte, k int) {
	t.Helper()
	if want == nil {
		assert.Empty(t, got, "cut at %d: a clean cut needs no report", k)
		return
	}
	require.Len(t, got, 1, "cut at %d", k)
	r := got[0]
	assert.NotEmpty(t, r.Reason, "cut at %d", k)
	assert.NotEmpty(t, r.SavedAs, "cut at %d", k)
	saved, err := os.ReadFile(filepath.Join(dir, r.SavedAs))
	require.NoError(t, err)
	if r.Offset == 0 && want.Offset == 0 {
		assert.Equal(t, data[:k], saved, "cut at %d: the segment is set aside whole", k)
	} else {
		assert.Equal(t, data[r.Offset:r.Offset+r.Bytes], saved, "cut at %d: the saved file holds the bytes cut", k)
	}
	r.Reason, r.SavedAs = "", ""
	assert.Equal(t, *want, r, "cut at %d", k)
}

// TestBitFlipsAreDetected flips one bit anywhere in a journal, many times:
// reopening must either cut it back as a torn tail, with a report, or
// refuse it as corruption naming the segment; it may never return an entry
// that differs from what was written.
func TestBitFlipsAreDetected(t *testing.T) {
	type step = struct {
		stream string
		n      int
	}
	var plan []step
	for i := range 16 {
		plan = append(plan, step{fmt.Sprintf("stream-%d", i%3), 1 + i%4})
	}
	tests := []struct {
		name string
		opts *FileOptions
		tail int // bytes of the zeros written ahead of the data to flip in too
	}{
		{"several segments", &FileOptions{SegmentSize: 1000}, 0},
		{"zeros ahead of the data", nil, 2000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := build(t, tt.opts, plan)
			trials := 800
			if testing.Short() || raceEnabled {
				trials = 200
			}
			refused, cut := flipBits(t, b, trials, tt.tail)
			t.Logf("%d segments, %d flips: %d refused as corruption, %d cut as a torn tail", len(b.segs), trials, refused, cut)
			assert.Positive(t, cut)
		})
	}
}

// TestBitFlipsInMultiStreamAppends flips bits in a journal whose appends go
// to several streams: as in TestBitFlipsAreDetected, and what is kept is
// made of whole appends.
func TestBitFlipsInMultiStreamAppends(t *testing.T) {
	var plan [][]step
	for i := range 12 {
		plan = append(plan, []step{{"agency", 1}, {fmt.Sprintf("case-%d", i%3), 1 + i%2}})
	}
	trials := 400
	if testing.Short() || raceEnabled {
		trials = 100
	}
	for _, opts := range []*FileOptions{{SegmentSize: 1500}, nil} {
		b := buildAppends(t, opts, plan)
		refused, cut := flipBits(t, b, trials, 0)
		t.Logf("%d segments, %d flips: %d refused as corruption, %d cut as a torn tail", len(b.segs), trials, refused, cut)
		assert.Positive(t, cut)
	}
}

// flipBits runs the bit-flip trials on b, and counts the outcomes.
func flipBits(t *testing.T, b built, trials, tail int) (refused, cut int) {
	all := b.snapshot(len(b.appends))
	var prefixes []map[string][]relationship.Entry // what the first n appends hold, for each n
	for n := range len(b.appends) + 1 {
		prefixes = append(prefixes, b.snapshot(n))
	}
	type place struct {
		name string
		off  int
	}
	var places []place // every byte of data, and tail bytes of the zeros after it
	for i, name := range b.segs {
		for off := range min(len(b.files[name]), b.dataEnd(i)+tail) {
			places = append(places, place{name, off})
		}
	}
	dir := t.TempDir()
	for seed := range trials {
		rng := rand.New(rand.NewSource(int64(seed)))
		p := places[rng.Intn(len(places))]
		files := map[string][]byte{}
		for name, data := range b.files {
			files[name] = data
		}
		flipped := bytes.Clone(b.files[p.name])
		flipped[p.off] ^= byte(1) << rng.Intn(8)
		files[p.name] = flipped
		writeDir(t, dir, files)

		f, err := Open(dir, noSync)
		if err != nil {
			var ce *CorruptError
			require.ErrorAs(t, err, &ce, "seed %d: flip at %s:%d", seed, p.name, p.off)
			require.ErrorIs(t, err, ErrCorrupt)
			assert.Equal(t, p.name, ce.Segment, "seed %d: the error names the damaged segment", seed)
			assert.LessOrEqual(t, ce.Offset, int64(p.off), "seed %d", seed)
			refused++
			continue
		}
		got := journaltest.Contents(t, f)
		rec := f.Recovered()
		require.NoError(t, f.Close())
		require.Len(t, rec, 1, "seed %d: flip at %s:%d went unnoticed", seed, p.name, p.off)
		assert.Equal(t, p.name, rec[0].Segment, "seed %d", seed)
		assert.Equal(t, b.segs[len(b.segs)-1], p.name, "seed %d: only the last segment has a tail to cut", seed)
		assert.LessOrEqual(t, rec[0].Offset, int64(p.off), "seed %d: the cut covers the flip", seed)
		for name, entries := range got {
			require.LessOrEqual(t, len(entries), len(all[name]), "seed %d", seed)
			assert.Equal(t, all[name][:len(entries)], entries, "seed %d: what is kept is a prefix of what was written", seed)
		}
		assert.True(t, slices.ContainsFunc(prefixes, func(p map[string][]relationship.Entry) bool { return reflect.DeepEqual(p, got) }),
			"seed %d: what is kept is made of whole appends", seed)
		cut++
	}
	return refused, cut
}
