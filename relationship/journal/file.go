package journal

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/keyring"
)

// DefaultSegmentSize is the size at which the file journal starts a new
// segment file when [FileOptions.SegmentSize] is zero.
const DefaultSegmentSize = 64 << 20

// maxSegmentSize bounds SegmentSize so that offsets fit in the 32 bits a
// frame records them in, with room for the append that passes the limit.
const maxSegmentSize = 1 << 30

// lockName is the lock file in the journal's directory.
const lockName = "LOCK"

// FileOptions configures [Open]. A nil *FileOptions means the defaults.
type FileOptions struct {
	// SegmentSize is the size in bytes past which the journal starts a new
	// segment file. A commit (the appends written together by one write)
	// never spans segments, so a segment can end up larger by one commit.
	// Zero means [DefaultSegmentSize]; the most is 1 GiB.
	SegmentSize int64

	// NoRepair makes Open refuse a journal whose last write was torn,
	// returning a [*RepairError] that says what a repair would cut, and
	// changing nothing. By default Open cuts the torn tail and reports it
	// (see [File.Recovered]).
	NoRepair bool

	// UnsafeNoSync skips every fsync. An append then returns once its data
	// is in the operating system's cache: a crash of the machine (not just
	// of the program) can lose appends that were acknowledged, or leave a
	// torn write deeper than the last append. It exists to measure the
	// cost of syncing, and for tests; never set it for a real record.
	UnsafeNoSync bool

	// Key, if valid, makes the journal keyed: every frame it writes
	// carries an HMAC-SHA256 that binds it to its place, and every
	// segment header one that binds the segment to the journal and
	// records where the segment before it was sealed. An edit whose
	// checksum was made to match, a frame moved, or a sealed segment cut
	// short, is then an error wrapping [ErrTampered]; the index
	// checkpoint and snapshot files carry MACs too. The MAC key itself
	// is random, made when the journal is first opened with a key, and
	// kept in the journal's IDENTITY file sealed with Key, so the key
	// stays in its keyring (use one kept apart from the journal's
	// directory, under a subject of its own). Segments written before are
	// not keyed, and a journal written by an older version of this
	// package must be opened once without a key (which writes its
	// identity) before it can be keyed: Open with a key refuses it with
	// an error wrapping [relationship.ErrInvalidValue].
	//
	// Once keyed, a journal opens only with its key: Open without one is
	// an error wrapping [relationship.ErrInvalidValue], and with another
	// key an error wrapping [ErrTampered]. Destroying the key in its
	// keyring leaves the journal unopenable. The zero Key means no key.
	Key keyring.Key
}

// resolve returns the options with defaults filled in, or every problem,
// each a [*relationship.FieldError] naming the field and wrapping
// [relationship.ErrInvalidValue].
func (o *FileOptions) resolve() (FileOptions, error) {
	var r FileOptions
	if o != nil {
		r = *o
	}
	var errs []error
	bad := func(field, reason string) {
		errs = append(errs, &relationship.FieldError{Field: "journal.FileOptions." + field, Reason: reason, Err: relationship.ErrInvalidValue})
	}
	switch {
	case r.SegmentSize == 0:
		r.SegmentSize = DefaultSegmentSize
	case r.SegmentSize < 0:
		bad("SegmentSize", fmt.Sprintf("%d is negative", r.SegmentSize))
	case r.SegmentSize > maxSegmentSize:
		bad("SegmentSize", fmt.Sprintf("%d is more than 1 GiB", r.SegmentSize))
	}
	return r, errors.Join(errs...)
}

// File is the durable [relationship.Journal]: one directory of append-only
// segment files, each entry framed with its length and a CRC-32C, every
// append synced to disk before it returns, concurrent appends committed
// together by one sync, and a directory of snapshots beside them. The
// package documentation describes the format, the recovery of a torn tail
// and what survives a crash.
//
// A File is safe for concurrent use by many goroutines. Only one File may
// have a directory open at a time: a second Open, in this process or
// another, fails with [ErrLocked]. The zero File is not a journal: every
// method of it returns an error wrapping [relationship.ErrClosed] that
// says it was not opened with [Open].
type File struct {
	dir       string
	opts      FileOptions
	lock      *dirLock // nil in a File not made by Open
	recovered []Recovery
	ident     *identity // the journal's identity, fixed by Open
	mac       *macKey   // the MAC key of a keyed journal, or nil
	identNew  bool      // Open made ident: load writes it

	// mu guards the commit queue and the state of the journal.
	mu      sync.Mutex
	idle    *sync.Cond // broadcast when the commit leader is done
	queue   []*request
	spare   []*request
	leading bool  // a goroutine is committing
	closed  bool  // Close was called
	broken  error // a write failed; wraps ErrBroken
	shut    atomic.Bool

	// index guards what readers see: entries whose appends were synced.
	index   sync.RWMutex
	streams map[string]*stream
	feed    []loc // the frames after feedBase, in the order committed: position feedBase+i+1 is feed[i]
	segs    []*segment

	// The index checkpoint Open started from, if any (see checkpoint.go).
	// These are fixed once Open returns.
	ck             *checkpoint
	ckFile         *os.File // holds the locations of the streams' first entries
	ckEnds         []int64  // the segments it covers: frames up to ckEnds[i] in segment i
	marks          *ckArray // where the frames at positions 1, 1+markEvery, ... are
	feedBase       uint64   // the frames it covers: feed positions 1 to feedBase
	feedBeforeLast uint64   // of them, those in segments before the last covered
	ckFresh        bool     // it covers the journal as Open found it
	scanned        int64    // bytes of frames Open verified, for tests
	ckWritten      uint64   // frames covered by the last checkpoint written
	ckEvery        uint64   // ckMinFrames, if not zero: for tests

	// fdMu guards the files of sealed segments (see fdcache.go).
	fdMu    sync.Mutex
	fdOpen  []*segment // sealed segments whose files are open
	fdClock uint64

	// waitMu guards changed, which is closed and cleared when a commit is
	// published or the journal is closed; Wait makes it.
	waitMu  sync.Mutex
	changed chan struct{}

	// snap is held for reading by every snapshot call and for writing by
	// Close, which so waits for them; snapMu orders the replacing of
	// snapshot files.
	snap      sync.RWMutex
	snapMu    sync.Mutex
	snapReady bool // the snapshots directory exists; guarded by snapMu

	// The commit leader alone uses these.
	active    *segment
	end       int64 // where the next frame goes in the active segment
	allocated int64 // the active segment's size, zeros ahead of end included
	zeros     int64 // zeros are written up to here; after it they may be a hole
	wbuf      []byte
	tentative map[string]uint64
	commits   atomic.Uint64 // writes synced, for tests of group commit
}

// segment is a segment file.
type segment struct {
	num     uint64
	name    string
	seed    uint32 // the start of every frame checksum in the segment
	version uint32 // its format version
	hdr     int64  // the size of its header: where its first frame begins
	tag     int    // the size of the MAC after each frame's payload: 0 or macSize

	// The file, if open. The last segment's is opened with it and pinned;
	// the others are opened and closed by the cache in fdcache.go, under
	// File.fdMu, and read only through File.acquire.
	f      *os.File
	pinned bool
	refs   int    // readers holding the file
	used   uint64 // when it was last acquired, by File.fdClock
}

// stream is the index of one stream: where each of its entries is. The
// first base entries are those the index checkpoint covers, their
// locations read from it when first needed; locs holds the rest.
type stream struct {
	name       string
	base       uint64   // entries the checkpoint covers
	beforeLast uint64   // of them, those in segments before the last it covers
	ck         *ckArray // where the checkpoint keeps their locations
	locs       []loc    // where the entries after base are
	pending    int      // frames of the append being scanned by Open, not yet in locs
}

// version returns the number of entries of the stream.
func (s *stream) version() uint64 { return s.base + uint64(len(s.locs)) }

// loc is where an entry's frame is: segment index, offset, size.
type loc struct {
	seg, off, size uint32
}

var _ relationship.Journal = (*File)(nil)

// Open opens the journal in dir, creating the directory and an empty
// journal if there is none. It takes the directory's lock, finds the
// streams and their entries from the index checkpoint and reads only the
// segments, or the part of the last one, that the checkpoint does not
// cover (every segment if there is no usable checkpoint; see the package
// documentation), and recovers from an interrupted write: a torn tail is cut back to the end of the last whole
// append, with a report (see [File.Recovered]), unless opts.NoRepair asks
// Open to refuse instead. Damage that cannot be a torn tail is an error
// wrapping [ErrCorrupt] that names the segment and the offset.
//
// Errors: invalid options or an empty dir, each a
// [*relationship.FieldError] wrapping [relationship.ErrInvalidValue];
// [ErrLocked]; [ErrCorrupt] (as a [*CorruptError]); [ErrFormat];
// [ErrNeedsRepair] (as a [*RepairError]); and the file system's, each an
// *fs.PathError naming the file.
func Open(dir string, opts *FileOptions) (*File, error) {
	o, err := opts.resolve()
	if dir == "" {
		err = errors.Join(err, &relationship.FieldError{Field: "dir", Reason: "empty", Err: relationship.ErrInvalidValue})
	}
	if err != nil {
		return nil, err
	}
	if err := makeDir(dir); err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	f := &File{
		dir:       dir,
		opts:      o,
		lock:      lock,
		streams:   make(map[string]*stream),
		tentative: make(map[string]uint64),
	}
	f.idle = sync.NewCond(&f.mu)
	err = f.load()
	if err == nil {
		err = f.openSnapshots()
	}
	if err != nil {
		f.closeFiles()
		if f.ckFile != nil {
			f.ckFile.Close()
		}
		unlockDir(lock)
		return nil, err
	}
	return f, nil
}

// makeDir creates dir if it does not exist, and syncs its parent so that
// the new directory survives a crash.
func makeDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := syncDir(filepath.Dir(filepath.Clean(dir))); err != nil {
		return fmt.Errorf("journal: sync parent of %s: %w", dir, err)
	}
	return nil
}

// Dir returns the journal's directory, or "" for a File not made by Open.
func (f *File) Dir() string {
	if f == nil {
		return ""
	}
	return f.dir
}

// Recovered returns what Open cut from a torn tail, or nothing if the
// journal was whole. The bytes cut are kept in the file each report names.
func (f *File) Recovered() []Recovery {
	if f == nil {
		return nil
	}
	return slices.Clone(f.recovered)
}

// notOpened returns the error of every method of a File not made by Open.
func notOpened() error {
	return &relationship.FieldError{Field: "journal.File", Reason: "not opened with Open", Err: relationship.ErrClosed}
}

// Read implements [relationship.Journal.Read]. It reads from the segment
// files, verifying each frame's checksum again, and sees every append that
// returned before it was called; appends may go on while it runs. Besides
// the errors of the interface, stored data that fails its checks is an
// error wrapping [ErrCorrupt].
func (f *File) Read(ctx context.Context, name string, from uint64) iter.Seq2[relationship.Entry, error] {
	return func(yield func(relationship.Entry, error) bool) {
		if err := f.check(ctx); err != nil {
			yield(relationship.Entry{}, err)
			return
		}
		f.index.RLock()
		var locs []loc
		var base uint64
		var ck *ckArray
		if s := f.streams[name]; s != nil {
			// Entries are never moved, appends go past the end.
			locs, base, ck = s.locs, s.base, s.ck
		}
		segs := f.segs
		f.index.RUnlock()
		if from == 0 {
			from = 1
		}
		if from > base+uint64(len(locs)) {
			return
		}
		if from <= base {
			covered, err := f.coveredLocs(name, ck, base, segs)
			if err != nil {
				yield(relationship.Entry{}, err)
				return
			}
			locs = append(covered[from-1:len(covered):len(covered)], locs...)
		} else {
			locs = locs[from-base-1:]
		}
		r := f.newReader(segs)
		defer r.release()
		for i, l := range locs {
			if err := f.check(ctx); err != nil {
				yield(relationship.Entry{}, err)
				return
			}
			e, err := r.entry(l, name, from+uint64(i))
			if err != nil && f.shut.Load() {
				err = relationship.ErrClosed
			}
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}

// check returns why f cannot be used: it was not made by Open, the
// context is done, or the journal is closed.
func (f *File) check(ctx context.Context) error {
	if f == nil || f.lock == nil {
		return notOpened()
	}
	if err := ctxErr(ctx); err != nil {
		return err
	}
	if f.shut.Load() {
		return relationship.ErrClosed
	}
	return nil
}

// Version implements [relationship.Journal.Version].
func (f *File) Version(ctx context.Context, name string) (uint64, error) {
	if err := f.check(ctx); err != nil {
		return 0, err
	}
	return f.version(name), nil
}

// version returns the number of synced entries in stream name.
func (f *File) version(name string) uint64 {
	f.index.RLock()
	defer f.index.RUnlock()
	if s := f.streams[name]; s != nil {
		return s.version()
	}
	return 0
}

// Streams implements [relationship.Journal.Streams].
func (f *File) Streams(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if err := f.check(ctx); err != nil {
			yield("", err)
			return
		}
		f.index.RLock()
		names := make([]string, 0, len(f.streams))
		for name := range f.streams {
			names = append(names, name)
		}
		f.index.RUnlock()
		slices.Sort(names)
		for _, name := range names {
			if !yield(name, nil) {
				return
			}
		}
	}
}

// Close implements [relationship.Journal.Close]. It waits for the commit in
// progress, if any, to finish; appends still queued behind it fail with
// [relationship.ErrClosed], and so does every Wait in progress. It waits
// for snapshots being saved, writes the index checkpoint (unless the one
// Open read still covers everything), then releases the files and the
// lock. Writing the checkpoint takes time in proportion to the number of
// entries, 12 bytes each; if it fails, Close still releases everything and
// returns the error, and the next Open reads what the old checkpoint does
// not cover.
func (f *File) Close() error {
	if f == nil || f.lock == nil {
		return notOpened()
	}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return nil
	}
	f.closed = true
	f.shut.Store(true)
	for f.leading {
		f.idle.Wait()
	}
	broken := f.broken
	f.mu.Unlock()
	f.wake()
	f.snap.Lock() // wait for the snapshot calls in progress
	defer f.snap.Unlock()

	var errs []error
	if broken == nil && !(f.ckFresh && len(f.feed) == 0) {
		punchZeros(f.active.f, f.end, f.allocated)
		errs = append(errs, f.writeCheckpoint())
	}
	f.index.Lock()
	errs = append(errs, f.closeFiles())
	if f.ckFile != nil {
		errs = append(errs, f.ckFile.Close())
	}
	f.segs, f.streams, f.feed = nil, nil, nil
	f.index.Unlock()
	errs = append(errs, unlockDir(f.lock))
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("journal: close: %w", err)
	}
	return nil
}

// reader reads the frames of entries through a window onto one segment at
// a time, whose file it holds.
type reader struct {
	j    *File
	segs []*segment
	w    *window
	seg  int // the segment the window is on, or -1
}

func (f *File) newReader(segs []*segment) *reader {
	return &reader{j: f, segs: segs, w: getWindow(), seg: -1}
}

func (r *reader) release() {
	if r.seg >= 0 {
		r.j.release(r.segs[r.seg])
		r.seg = -1
	}
	putWindow(r.w)
	r.w = nil
}

// on puts the window on the segment of index i.
func (r *reader) on(i int) error {
	if i == r.seg {
		return nil
	}
	file, err := r.j.acquire(r.segs[i])
	if err != nil {
		return err
	}
	if r.seg >= 0 {
		r.j.release(r.segs[r.seg])
	}
	r.w.reset(file)
	r.seg = i
	return nil
}

// bytes returns the bytes of the frame at l.
func (r *reader) bytes(l loc) ([]byte, error) {
	seg := r.segs[l.seg]
	if err := r.on(int(l.seg)); err != nil {
		return nil, err
	}
	b, err := r.w.at(int64(l.off), int(l.size))
	if err != nil {
		return nil, fmt.Errorf("journal: read %s: %w", seg.name, err)
	}
	if len(b) < int(l.size) {
		return nil, &CorruptError{Segment: seg.name, Offset: int64(l.off), Reason: "segment is shorter than its index", Err: relationship.ErrInvalidEntry}
	}
	return b, nil
}

// frame reads and checks the frame at l.
func (r *reader) frame(l loc) (frame, error) {
	b, err := r.bytes(l)
	if err != nil {
		return frame{}, err
	}
	seg := r.segs[l.seg]
	fr, ferr := decodeFrame(b, seg.seed, seg.tag)
	switch {
	case ferr != nil:
		return frame{}, &CorruptError{Segment: seg.name, Offset: int64(l.off), Reason: ferr.reason, Err: relationship.ErrInvalidEntry}
	case fr.size != len(b):
		return frame{}, &CorruptError{Segment: seg.name, Offset: int64(l.off), Reason: "frame is not where the index says", Err: relationship.ErrInvalidEntry}
	case seg.tag > 0 && !r.j.mac.checkFrame(seg.num, int64(l.off), b, fr):
		return frame{}, tampered(seg, int64(l.off))
	}
	return fr, nil
}

// decode decodes the entry a frame at l holds.
func (r *reader) decode(fr frame, l loc) (relationship.Entry, error) {
	seg := r.segs[l.seg]
	var e relationship.Entry
	if err := e.UnmarshalJSON(fr.payload); err != nil {
		// The frame is intact, so this is not damage: an event type the
		// program does not import, or an event whose fields changed.
		return relationship.Entry{}, fmt.Errorf("journal: %s at offset %d: %w", seg.name, l.off, err)
	}
	if e.Seq() != fr.seq {
		return relationship.Entry{}, &CorruptError{Segment: seg.name, Offset: int64(l.off),
			Reason: fmt.Sprintf("entry %d stored as entry %d", e.Seq(), fr.seq), Err: relationship.ErrInvalidEntry}
	}
	return e, nil
}

// entry reads, checks and decodes the entry at l, which the index says is
// entry seq of stream name.
func (r *reader) entry(l loc, name string, seq uint64) (relationship.Entry, error) {
	fr, err := r.frame(l)
	if err != nil {
		return relationship.Entry{}, err
	}
	if string(fr.stream) != name || fr.seq != seq {
		seg := r.segs[l.seg]
		return relationship.Entry{}, &CorruptError{Segment: seg.name, Offset: int64(l.off),
			Reason: fmt.Sprintf("frame is not entry %d of stream %q", seq, name), Err: relationship.ErrInvalidEntry}
	}
	return r.decode(fr, l)
}
