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
)

type step = struct {
	stream string
	n      int
}

// TestCrashScenarios puts a journal in the states a crash can leave it in,
// and others it cannot, and checks what Open makes of each. Syncs are on.
func TestCrashScenarios(t *testing.T) {
	plan := []step{{"case-a", 2}, {"group-b", 1}, {"case-a", 1}, {"group-b", 5}}
	lastSeg := func(b built) string { return b.segs[len(b.segs)-1] }
	tests := []struct {
		name string
		opts *FileOptions
		// damage changes the files of a built journal.
		damage func(b built, files map[string][]byte)
		// kept is how many appends survive, or -1 if Open must fail.
		kept int
		// err is the sentinel Open fails with.
		err error
		// rec is the report expected, without Reason and SavedAs.
		rec func(b built) *Recovery
	}{
		{
			name: "a write torn in the middle: a page lost, later ones on disk",
			damage: func(b built, files map[string][]byte) {
				last := b.appends[len(b.appends)-1]
				seg := clone(files, b.segs[last.seg])
				clear(seg[last.offs[1]:last.offs[3]]) // frames 2 and 3 of 5 never reached the disk
			},
			kept: 3,
			rec: func(b built) *Recovery {
				last := b.appends[len(b.appends)-1]
				return &Recovery{Segment: b.segs[last.seg], Offset: int64(last.offs[0]),
					Bytes: int64(last.end - last.offs[0]), Frames: 3}
			},
		},
		{
			name: "a synced write damaged, with later writes after it",
			damage: func(b built, files map[string][]byte) {
				a := b.appends[1]
				clear(clone(files, b.segs[a.seg])[a.offs[0]+30 : a.offs[0]+40])
			},
			kept: -1, err: ErrCorrupt,
		},
		{
			name: "an append whose last frame never reached the disk",
			damage: func(b built, files map[string][]byte) {
				last := b.appends[len(b.appends)-1]
				seg := clone(files, b.segs[last.seg])
				clear(seg[last.offs[4]:])
			},
			kept: 3,
			rec: func(b built) *Recovery {
				last := b.appends[len(b.appends)-1]
				return &Recovery{Segment: b.segs[last.seg], Offset: int64(last.offs[0]),
					Bytes: int64(last.offs[4] - last.offs[0]), Frames: 4}
			},
		},
		{
			name: "garbage after the data",
			damage: func(b built, files map[string][]byte) {
				seg := clone(files, lastSeg(b))
				copy(seg[b.dataEnd(len(b.segs)-1)+100:], "not a frame")
			},
			kept: 4,
			rec: func(b built) *Recovery {
				end := b.dataEnd(len(b.segs) - 1)
				return &Recovery{Segment: lastSeg(b), Offset: int64(end), Bytes: 100 + int64(len("not a frame"))}
			},
		},
		{
			name: "a new segment whose creation was not synced: gone",
			opts: &FileOptions{SegmentSize: 1},
			damage: func(b built, files map[string][]byte) {
				// Nothing to do: the segment that was being created is
				// not there, as after a crash before the directory sync.
			},
			kept: 4,
		},
		{
			name: "a new segment whose creation was not synced: empty",
			opts: &FileOptions{SegmentSize: 1},
			damage: func(b built, files map[string][]byte) {
				files[segmentName(uint64(len(b.segs)+1))] = nil
			},
			kept: 4,
			rec:  func(b built) *Recovery { return &Recovery{Segment: segmentName(uint64(len(b.segs) + 1))} },
		},
		{
			name: "a new segment whose creation was not synced: half a header",
			opts: &FileOptions{SegmentSize: 1},
			damage: func(b built, files map[string][]byte) {
				files[segmentName(uint64(len(b.segs)+1))] = appendSegmentHeader(nil, uint64(len(b.segs)+1))[:13]
			},
			kept: 4,
			rec: func(b built) *Recovery {
				return &Recovery{Segment: segmentName(uint64(len(b.segs) + 1)), Bytes: 13}
			},
		},
		{
			name: "a new segment with its header and nothing else",
			opts: &FileOptions{SegmentSize: 1},
			damage: func(b built, files map[string][]byte) {
				prev := files[b.segs[len(b.segs)-1]]
				files[segmentName(uint64(len(b.segs)+1))] = appendSegmentHeader3(nil, uint64(len(b.segs)+1), identityIn(t, files), int64(len(prev)), nil)
			},
			kept: 4,
		},
		{
			name: "a segment missing between others",
			opts: &FileOptions{SegmentSize: 1},
			damage: func(b built, files map[string][]byte) {
				delete(files, b.segs[1])
			},
			kept: -1, err: ErrCorrupt,
		},
		{
			name: "a sealed segment cut short",
			opts: &FileOptions{SegmentSize: 1},
			damage: func(b built, files map[string][]byte) {
				files[b.segs[1]] = files[b.segs[1]][:len(files[b.segs[1]])-1]
			},
			kept: -1, err: ErrCorrupt,
		},
		{
			name: "a header of a newer format",
			damage: func(b built, files map[string][]byte) {
				seg := clone(files, b.segs[0])
				binary.LittleEndian.PutUint32(seg[8:], formatVersion+1)
				binary.LittleEndian.PutUint32(seg[20:], crc32.Checksum(seg[:20], castagnoli))
			},
			kept: -1, err: ErrFormat,
		},
		{
			name: "a file that is not a journal",
			damage: func(b built, files map[string][]byte) {
				seg := clone(files, b.segs[0])
				copy(seg, "NOTAJRNL")
				binary.LittleEndian.PutUint32(seg[20:], crc32.Checksum(seg[:20], castagnoli))
			},
			kept: -1, err: ErrFormat,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := build(t, tt.opts, plan)
			files := map[string][]byte{}
			for name, data := range b.files {
				files[name] = data
			}
			tt.damage(b, files)
			dir := t.TempDir()
			writeDir(t, dir, files)

			f, err := Open(dir, nil)
			if tt.kept < 0 {
				require.ErrorIs(t, err, tt.err)
				assert.Equal(t, files, readDir(t, dir), "a refused journal is left as it was")
				return
			}
			require.NoError(t, err)
			defer f.Close()
			assert.Equal(t, b.snapshot(tt.kept), journaltest.Contents(t, f))
			rec := f.Recovered()
			if tt.rec == nil {
				assert.Empty(t, rec)
			} else {
				require.Len(t, rec, 1)
				assert.NotEmpty(t, rec[0].Reason)
				assert.NotEmpty(t, rec[0].SavedAs)
				assert.FileExists(t, filepath.Join(dir, rec[0].SavedAs))
				got := rec[0]
				got.Reason, got.SavedAs = "", ""
				assert.Equal(t, *tt.rec(b), got)
			}

			// The journal goes on where it stopped, and reopens whole.
			ctx := context.Background()
			v, err := f.Version(ctx, "case-a")
			require.NoError(t, err)
			more := journaltest.Entries(9, v, 2)
			require.NoError(t, f.Append(ctx, to("case-a", v, more...)))
			require.NoError(t, f.Close())
			f, err = Open(dir, nil)
			require.NoError(t, err)
			assert.Empty(t, f.Recovered(), "a repaired journal needs no second repair")
			want := b.snapshot(tt.kept)
			want["case-a"] = append(want["case-a"], more...)
			assert.Equal(t, want, journaltest.Contents(t, f))
		})
	}
}

func clone(files map[string][]byte, name string) []byte {
	files[name] = append([]byte(nil), files[name]...)
	return files[name]
}

func TestNoRepairChangesNothing(t *testing.T) {
	b := build(t, nil, []step{{"s", 1}, {"s", 2}})
	files := map[string][]byte{}
	for name, data := range b.files {
		files[name] = data
	}
	last := b.appends[1]
	files[b.segs[0]] = files[b.segs[0]][:last.offs[1]+5]
	dir := t.TempDir()
	writeDir(t, dir, files)

	_, err := Open(dir, &FileOptions{NoRepair: true})
	require.ErrorIs(t, err, ErrNeedsRepair)
	var re *RepairError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, b.segs[0], re.Recovery.Segment)
	assert.Equal(t, int64(last.offs[0]), re.Recovery.Offset)
	assert.Equal(t, 1, re.Recovery.Frames)
	assert.Equal(t, files, readDir(t, dir), "nothing changed")

	f, err := Open(dir, nil)
	require.NoError(t, err, "a lock released by a refused Open")
	defer f.Close()
	require.Len(t, f.Recovered(), 1)
	assert.Equal(t, re.Recovery.Offset, f.Recovered()[0].Offset)
	assert.Equal(t, b.snapshot(1), journaltest.Contents(t, f))
}

// TestSecondProcessIsRefused opens a journal and has another process try
// to open it too: the test binary, run again as a helper.
func TestSecondProcessIsRefused(t *testing.T) {
	if dir := os.Getenv("JOURNAL_LOCK_HELPER"); dir != "" {
		_, err := Open(dir, nil)
		fmt.Print(errors.Is(err, ErrLocked))
		return
	}
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSecondProcessIsRefused$")
	cmd.Env = append(os.Environ(), "JOURNAL_LOCK_HELPER="+dir)
	out, err := cmd.Output()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(out), "true"), "the other process is refused with ErrLocked: %s", out)
}

func TestSecondOpenerIsRefused(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)
	_, err = Open(dir, nil)
	require.ErrorIs(t, err, ErrLocked)
	require.NoError(t, f.Close())
	g, err := Open(dir, nil)
	require.NoError(t, err, "Close releases the lock")
	require.NoError(t, g.Close())
}

// TestUnknownEventIsNotDamage stores an entry of an event type this
// program does not register, as a program that imports more packages
// would: Open keeps it, and Read reports it without calling it corrupt.
func TestUnknownEventIsNotDamage(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)
	require.NoError(t, f.Append(context.Background(), to("s", 0, journaltest.Entries(1, 0, 1)...)))
	require.NoError(t, f.Close())

	path := filepath.Join(dir, segmentName(1))
	seg, err := os.ReadFile(path)
	require.NoError(t, err)
	payload := []byte(`{"seq":2,"time":"2026-01-05T09:02:00Z","actor":"01890a5d-ac96-774b-bcce-b302099a8057",` +
		`"act":"write-note","type":"elsewhere.thing.v1","event":{}}`)
	dataEnd := len(seg)
	for dataEnd > 0 && seg[dataEnd-1] == 0 {
		dataEnd--
	}
	seg = appendFrame(seg[:dataEnd], seed3(identityOf(t, dir), 1), "s", 2, uint32(dataEnd), true, payload)
	require.NoError(t, os.WriteFile(path, seg, 0o600))

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	assert.Empty(t, f.Recovered(), "an unknown event type is not a torn tail")
	v, err := f.Version(context.Background(), "s")
	require.NoError(t, err)
	assert.Equal(t, uint64(2), v)
	var got []error
	for _, err := range f.Read(context.Background(), "s", 1) {
		got = append(got, err)
	}
	require.Len(t, got, 2)
	assert.NoError(t, got[0])
	assert.ErrorIs(t, got[1], relationship.ErrUnknownEvent)
	assert.NotErrorIs(t, got[1], ErrCorrupt)
}

// TestDamageFoundByRead damages a frame after Open indexed it: Read checks
// the checksum again and reports the damage.
func TestDamageFoundByRead(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, f.Append(context.Background(), to("s", 0, journaltest.Entries(1, 0, 3)...)))
	l := f.streams["s"].locs[1]
	_, err = f.active.f.WriteAt([]byte("X"), int64(l.off+l.size-2))
	require.NoError(t, err)
	var errs []error
	for _, err := range f.Read(context.Background(), "s", 1) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 2, "the read stops at the damage")
	require.NoError(t, errs[0])
	var ce *CorruptError
	require.ErrorAs(t, errs[1], &ce)
	assert.Equal(t, segmentName(1), ce.Segment)
	assert.Equal(t, int64(l.off), ce.Offset)
	assert.ErrorIs(t, errs[1], relationship.ErrInvalidEntry)
}

func TestOptions(t *testing.T) {
	tests := []struct {
		opts    FileOptions
		wantErr string // the field named, or "" for none
	}{
		{FileOptions{}, ""},
		{FileOptions{SegmentSize: 1}, ""},
		{FileOptions{SegmentSize: 1 << 30}, ""},
		{FileOptions{SegmentSize: -1}, "journal.FileOptions.SegmentSize"},
		{FileOptions{SegmentSize: 1<<30 + 1}, "journal.FileOptions.SegmentSize"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.opts.SegmentSize), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "j")
			f, err := Open(dir, &tt.opts)
			if tt.wantErr != "" {
				require.ErrorIs(t, err, relationship.ErrInvalidValue)
				var fe *relationship.FieldError
				require.ErrorAs(t, err, &fe)
				assert.Equal(t, tt.wantErr, fe.Field)
				assert.Contains(t, err.Error(), fmt.Sprint(tt.opts.SegmentSize), "the error says what the value was")
				assert.NoDirExists(t, dir, "bad options create nothing")
				return
			}
			require.NoError(t, err)
			require.NoError(t, f.Close())
		})
	}
}

// TestSetAsideKeepsWritingThePreviousSegment sets aside a new segment whose
// header a crash tore: the segment before it is the last again, and, being
// of the format this package writes and not full, takes the next append.
func TestSetAsideKeepsWritingThePreviousSegment(t *testing.T) {
	b := build(t, nil, []step{{"s", 2}})
	files := map[string][]byte{}
	for name, data := range b.files {
		files[name] = data
	}
	// The journal cuts a segment to its data before it creates the next.
	files[b.segs[0]] = files[b.segs[0]][:b.dataEnd(0)]
	files[segmentName(2)] = appendSegmentHeader(nil, 2)[:13]
	dir := t.TempDir()
	writeDir(t, dir, files)

	f, err := Open(dir, nil)
	require.NoError(t, err)
	require.Len(t, f.Recovered(), 1)
	require.NoError(t, f.Append(context.Background(), to("s", 2, journaltest.Entries(1, 2, 1)...)))
	require.NoError(t, f.Close())
	assert.NoFileExists(t, filepath.Join(dir, segmentName(2)), "the append went into the first segment")

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, append(journaltest.Entries(0, 0, 2), journaltest.Entries(1, 2, 1)...), journaltest.ReadAll(t, f, "s", 1))
}
