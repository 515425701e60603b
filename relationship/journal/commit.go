package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/helpingwork/helping/relationship"
)

const (
	// maxBatchSize bounds the frames one commit writes; appends beyond it
	// wait for the next commit. With maxSegmentSize, and the frames of
	// the largest append (relationship.MaxAppendSize of entries, and a
	// header and a stream name for each), it keeps every offset below
	// 2 GiB.
	maxBatchSize = 512 << 20
	// preallocSize is how far ahead of its data the active segment is
	// filled with zeros (see persist).
	preallocSize = 1 << 20
)

// errLeader tells a queued append that it leads the next commit.
var errLeader = errors.New("journal: lead the next commit")

// request is one append on its way to the disk.
type request struct {
	parts  []part
	frames int // how many entries, all parts together
	json   int // the size of their JSON
	size   int // of the frames it will write

	// Set by the commit leader.
	accepted bool
	locs     []loc // where each frame went, in the order written
	err      error
	done     chan error // the result, or errLeader
}

// part is one stream's part of a request.
type part struct {
	stream   string
	expected uint64               // or relationship.AnyVersion
	entries  []relationship.Entry // the caller's, to number again at AnyVersion
	payload  []byte               // the entries' JSON, one after another
	ends     []int                // where each entry's JSON ends in payload
	first    uint64               // the first entry's sequence number, set by the leader
}

// Append implements [relationship.Journal.Append]. The frames of every
// stream of the append are written together, the last one flagged, and
// synced before Append returns; recovery keeps all of them or none.
// Appends made at the same time by other goroutines share the write and
// the sync (group commit). The entries of an Append at
// [relationship.AnyVersion] are numbered by the commit that writes them,
// and encoded with their final numbers. Once the append is queued the
// context is no longer consulted: it completes.
//
// Besides the errors of the interface: a stream name longer than
// [relationship.MaxStreamName] is an error wrapping
// [relationship.ErrInvalidEntry]; an append whose data does not fit on the
// disk is an error wrapping [ErrNoSpace] (and the file system's ENOSPC),
// stores nothing, and leaves the journal taking appends; any other failed
// write, or a failed sync, is an error wrapping [ErrBroken], and then so is
// every later append.
func (f *File) Append(ctx context.Context, appends ...relationship.Append) error {
	if err := f.check(ctx); err != nil {
		return err
	}
	if err := CheckAppend(appends...); err != nil {
		return err
	}
	req, err := newRequest(appends)
	if err != nil {
		return err
	}
	if req.frames == 0 {
		return f.checkVersions(appends)
	}
	return f.commit(req)
}

// checkVersions judges an append that adds no entries: each stream must be
// at its expected version.
func (f *File) checkVersions(appends []relationship.Append) error {
	f.index.RLock()
	defer f.index.RUnlock()
	if f.shut.Load() {
		return relationship.ErrClosed
	}
	for _, a := range appends {
		var v uint64
		if s := f.streams[a.Stream]; s != nil {
			v = s.version()
		}
		if a.Expected != relationship.AnyVersion && v != a.Expected {
			return &relationship.VersionConflictError{Stream: a.Stream, Expected: a.Expected, Actual: v}
		}
	}
	return nil
}

// newRequest encodes the entries of an append, checking them against the
// limits on size.
func newRequest(appends []relationship.Append) (*request, error) {
	r := &request{parts: make([]part, len(appends)), done: make(chan error, 1)}
	for i, a := range appends {
		p := &r.parts[i]
		p.stream, p.expected, p.entries = a.Stream, a.Expected, a.Entries
		if err := p.encode(a.Entries, &r.json); err != nil {
			return nil, err
		}
		r.frames += len(a.Entries)
		r.size += len(a.Entries)*(frameHeaderSize+len(a.Stream)+macSize) + len(p.payload)
	}
	return r, nil
}

// encode encodes entries as the part's payload, adding their size to
// *json and checking it against relationship.MaxAppendSize.
func (p *part) encode(entries []relationship.Entry, json *int) error {
	p.payload, p.ends = p.payload[:0], make([]int, len(entries))
	for i, e := range entries {
		b, err := appendEntry(p.payload, e)
		if err != nil {
			return err
		}
		if *json += len(b) - len(p.payload); *json > relationship.MaxAppendSize {
			return appendTooLarge()
		}
		p.payload, p.ends[i] = b, len(b)
	}
	return nil
}

// commit queues req and returns its result. The first append to find no
// commit in progress leads: it takes every queued append, writes them with
// one write and one sync, and hands the lead to the first append that
// queued meanwhile. The others wait for their result.
func (f *File) commit(req *request) error {
	f.mu.Lock()
	if err := f.usable(); err != nil {
		f.mu.Unlock()
		return err
	}
	f.queue = append(f.queue, req)
	if f.leading {
		f.mu.Unlock()
		if err := <-req.done; err != errLeader {
			return err
		}
		f.mu.Lock()
	}
	f.leading = true
	batch := f.takeBatch()
	err := f.usable()
	f.mu.Unlock()

	if err == nil {
		f.write(batch)
	} else {
		for _, r := range batch {
			r.err = err
		}
	}

	f.mu.Lock()
	for _, r := range batch {
		if r != req {
			r.done <- r.err
		}
	}
	clear(batch)
	f.spare = batch[:0]
	if len(f.queue) > 0 {
		f.queue[0].done <- errLeader
	} else {
		f.leading = false
		f.idle.Broadcast()
	}
	f.mu.Unlock()
	return req.err
}

// usable returns why the journal takes no appends, if it does not. f.mu is
// held.
func (f *File) usable() error {
	if f.closed {
		return relationship.ErrClosed
	}
	return f.broken
}

// takeBatch removes from the queue the appends the next commit writes: all
// of them, up to maxBatchSize bytes. f.mu is held.
func (f *File) takeBatch() []*request {
	size, n := 0, 0
	for n < len(f.queue) && (n == 0 || size+f.queue[n].size <= maxBatchSize) {
		size += f.queue[n].size
		n++
	}
	batch := f.queue[:n:n]
	rest := f.queue[n:]
	f.queue = append(f.spare[:0], rest...)
	clear(rest)
	f.spare = nil
	return batch
}

// write commits a batch: it judges each append's expected versions in
// order, numbers the entries of appends at AnyVersion, writes the accepted
// appends, syncs, and publishes them to readers. Only the commit leader
// calls it.
func (f *File) write(batch []*request) {
	clear(f.tentative)
	size := 0
	for _, r := range batch {
		r.accepted = false
		if r.err = f.judge(r); r.err == nil {
			r.accepted = true
			size += r.size
		}
	}
	if size == 0 {
		return
	}
	if err := f.persist(batch, size); err != nil {
		if errors.Is(err, ErrNoSpace) {
			f.refuse(batch, err)
		} else {
			f.fail(batch, err)
		}
		return
	}
	f.publish(batch)
	if cap(f.wbuf) > 4*preallocSize {
		f.wbuf = nil
	}
}

// judge decides whether r can be committed after the appends accepted
// before it in the batch: every stream at its expected version, and the
// entries of streams at AnyVersion, numbered after the stream's last,
// still within the limits. It records the streams' new versions.
func (f *File) judge(r *request) error {
	for i := range r.parts {
		p := &r.parts[i]
		cur, ok := f.tentative[p.stream]
		if !ok {
			cur = f.version(p.stream)
		}
		if p.expected != relationship.AnyVersion && cur != p.expected {
			return &relationship.VersionConflictError{Stream: p.stream, Expected: p.expected, Actual: cur}
		}
		p.first = cur + 1
	}
	for i := range r.parts {
		if err := r.number(&r.parts[i]); err != nil {
			return err
		}
	}
	for i := range r.parts {
		p := &r.parts[i]
		f.tentative[p.stream] = p.first - 1 + uint64(len(p.ends))
	}
	return nil
}

// number encodes the entries of a part at AnyVersion again with their
// final sequence numbers, unless they carry them already.
func (r *request) number(p *part) error {
	if p.expected != relationship.AnyVersion {
		return nil
	}
	numbered := true
	for i, e := range p.entries {
		numbered = numbered && e.Seq() == p.first+uint64(i)
	}
	if numbered {
		return nil
	}
	entries := make([]relationship.Entry, len(p.entries))
	for i, e := range p.entries {
		entries[i] = e.WithSeq(p.first + uint64(i))
	}
	old := len(p.payload)
	r.json -= old
	if err := p.encode(entries, &r.json); err != nil {
		return err
	}
	p.entries = entries
	r.size += len(p.payload) - old
	return nil
}

// publish adds the frames of the accepted appends of a batch, just synced,
// to the index, and wakes the feed's waiters.
func (f *File) publish(batch []*request) {
	f.index.Lock()
	for _, r := range batch {
		if !r.accepted {
			continue
		}
		k := 0
		for i := range r.parts {
			p := &r.parts[i]
			if len(p.ends) == 0 {
				continue
			}
			s := f.streams[p.stream]
			if s == nil {
				s = &stream{name: p.stream}
				f.streams[p.stream] = s
			}
			s.locs = append(s.locs, r.locs[k:k+len(p.ends)]...)
			k += len(p.ends)
		}
		f.feed = append(f.feed, r.locs...)
	}
	f.index.Unlock()
	f.wake()
}

// persist writes the accepted appends of a batch at the end of the active
// segment, starting a new segment first if this one is full, of an older
// format, or without MACs where the journal is keyed, and syncs.
func (f *File) persist(batch []*request, size int) error {
	if f.active.version != formatVersion || (f.active.tag > 0) != (f.mac != nil) || f.end >= f.opts.SegmentSize && f.end > f.active.hdr {
		if err := f.roll(); err != nil {
			return err
		}
	}
	seg, commit := f.active, f.end
	b := slices.Grow(f.wbuf[:0], size)
	for _, r := range batch {
		if r.accepted {
			b = r.frame(b, seg, commit, f.mac)
		}
	}
	f.wbuf = b
	if _, err := seg.f.WriteAt(b, commit); err != nil {
		if isNoSpace(err) && seg.f.Truncate(commit) == nil {
			// Nothing of the commit is left: the journal is as it was.
			f.allocated, f.zeros = commit, commit
			return fmt.Errorf("%w: write %s: %w", ErrNoSpace, seg.name, err)
		}
		return fmt.Errorf("write %s: %w", seg.name, err)
	}
	end := commit + int64(len(b))
	f.allocated = max(f.allocated, end)
	if end > f.zeros {
		// Keep zeros ahead of the data: a sync then flushes data into
		// blocks the file already has, without the metadata update that
		// extending the file costs, which on common file systems makes
		// it several times cheaper. On a disk too full for them the
		// data goes without: the zeros are an economy, never a
		// condition of an append.
		target := min(end+preallocSize, max(f.opts.SegmentSize, end))
		err := writeZeros(seg.f, end, target-end)
		switch {
		case err == nil:
			f.zeros = target
		case isNoSpace(err):
			f.zeros = end
		default:
			return fmt.Errorf("write %s: %w", seg.name, err)
		}
		f.allocated = max(f.allocated, target) // what was written of them, or less
	}
	if err := f.syncData(seg.f); err != nil {
		return fmt.Errorf("sync %s: %w", seg.name, err)
	}
	f.commits.Add(1)
	f.end = end
	return nil
}

// frame appends the frames of r to b, which the write that begins at
// offset commit of seg carries, and records where each goes. The last
// frame of the request is flagged. In a keyed segment each frame carries
// its MAC, made with mac.
func (r *request) frame(b []byte, seg *segment, commit int64, mac *macKey) []byte {
	if seg.tag == 0 {
		mac = nil
	}
	r.locs = make([]loc, 0, r.frames)
	for i := range r.parts {
		p := &r.parts[i]
		start := 0
		for j, end := range p.ends {
			off := commit + int64(len(b))
			last := len(r.locs) == r.frames-1
			b = appendFrameMAC(b, seg.seed, p.stream, p.first+uint64(j), uint32(commit), last, p.payload[start:end], mac, seg.num, off)
			r.locs = append(r.locs, loc{seg: uint32(seg.num - 1), off: uint32(off), size: uint32(commit + int64(len(b)) - off)})
			start = end
		}
	}
	return b
}

// zeroBlock is what writeZeros writes.
var zeroBlock [64 << 10]byte

// writeZeros writes n zero bytes at off.
func writeZeros(file *os.File, off, n int64) error {
	for n > 0 {
		k := min(n, int64(len(zeroBlock)))
		if _, err := file.WriteAt(zeroBlock[:k], off); err != nil {
			return err
		}
		off, n = off+k, n-k
	}
	return nil
}

// fail handles a failed write or sync: what reached the disk is unknown,
// so the journal cuts back what this commit wrote, if it can, and refuses
// every later append. The next Open recovers.
func (f *File) fail(batch []*request, cause error) {
	_ = f.active.f.Truncate(f.end)
	f.allocated, f.zeros = f.end, f.end
	err := fmt.Errorf("%w: %w", ErrBroken, cause)
	f.mu.Lock()
	f.broken = err
	f.mu.Unlock()
	for _, r := range batch {
		if r.accepted {
			r.err = err
		}
	}
}

// refuse handles a commit that found no space on the disk and cut back
// what it wrote: its appends fail with err, which wraps ErrNoSpace, and the
// journal takes appends again, which succeed once there is room.
func (f *File) refuse(batch []*request, err error) {
	for _, r := range batch {
		if r.accepted {
			r.err = err
		}
	}
}

// isNoSpace reports whether err is the file system's "no space left on
// device".
func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC)
}

// roll seals the active segment, cutting the zeros ahead of its data, and
// starts the next one.
func (f *File) roll() error {
	old := f.active
	if f.allocated > f.end {
		if err := old.f.Truncate(f.end); err != nil {
			return fmt.Errorf("seal %s: %w", old.name, err)
		}
		f.allocated, f.zeros = f.end, f.end
		if err := f.syncAll(old.f); err != nil {
			return fmt.Errorf("seal %s: %w", old.name, err)
		}
	}
	f.checkpointAtRoll()
	seg, err := f.createSegment(old.num+1, f.end)
	if err != nil {
		return err
	}
	f.index.Lock()
	f.segs = append(f.segs, seg)
	f.index.Unlock()
	f.unpin(old)
	f.active, f.end, f.allocated, f.zeros = seg, seg.hdr, seg.hdr, seg.hdr
	return nil
}

// checkpointAtRoll writes an index checkpoint when a segment is sealed, if
// the frames committed since the last one are at least as many as it
// covered, and at least ckMinFrames: an Open after a crash then reads at
// most about half the journal, and the checkpoints written cost a constant
// amount of work per entry. A checkpoint that cannot be written costs only
// time at the next Open, so its error is dropped.
func (f *File) checkpointAtRoll() {
	n := f.feedBase + uint64(len(f.feed))
	if n-f.ckWritten >= max(f.ckWritten, f.ckMinFrames()) {
		_ = f.writeCheckpoint()
	}
}

// createSegment creates segment num with its header, which records
// prevEnd, the size at which the segment before it was sealed, and makes
// both the file and its directory entry durable before any frame is
// written to it. In a keyed journal its header and frames carry MACs.
func (f *File) createSegment(num uint64, prevEnd int64) (*segment, error) {
	dir, noSync := f.dir, f.opts.UnsafeNoSync
	name := segmentName(num)
	path := filepath.Join(dir, name)
	file, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create segment: %w", err)
	}
	hdr := appendSegmentHeader3(nil, num, f.ident.id, prevEnd, f.mac)
	_, err = file.WriteAt(hdr, 0)
	if err == nil && !noSync {
		err = file.Sync()
	}
	if err == nil && !noSync {
		err = syncDir(dir)
	}
	if err != nil {
		file.Close()
		os.Remove(path)
		if isNoSpace(err) {
			// Nothing was added to the journal: a later commit tries again.
			return nil, fmt.Errorf("%w: create segment %s: %w", ErrNoSpace, name, err)
		}
		return nil, fmt.Errorf("create segment %s: %w", name, err)
	}
	seg := &segment{num: num, name: name, f: file, pinned: true}
	h, _, _ := checkSegmentHeader(hdr, num)
	f.setHeader(seg, h)
	return seg, nil
}

// syncAll flushes a file's data and metadata, unless the options say not to.
func (f *File) syncAll(file *os.File) error {
	if f.opts.UnsafeNoSync {
		return nil
	}
	return file.Sync()
}

// syncData flushes a file's data, and the metadata needed to read it back,
// unless the options say not to.
func (f *File) syncData(file *os.File) error {
	if f.opts.UnsafeNoSync {
		return nil
	}
	return datasync(file)
}
