package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/helpingwork/helping/relationship"
)

const (
	// maxAppendSize bounds the frames of one append.
	maxAppendSize = 256 << 20
	// maxBatchSize bounds the frames one commit writes; appends beyond it
	// wait for the next commit. With maxSegmentSize it keeps every offset
	// below 2 GiB.
	maxBatchSize = 512 << 20
	// preallocSize is how far ahead of its data the active segment is
	// filled with zeros (see persist).
	preallocSize = 1 << 20
)

// errLeader tells a queued append that it leads the next commit.
var errLeader = errors.New("journal: lead the next commit")

// request is one append on its way to the disk.
type request struct {
	stream   string
	expected uint64
	payload  []byte // the entries' JSON, one after another
	ends     []int  // where each entry's JSON ends in payload
	size     int    // of the frames it will write

	// Set by the commit leader.
	accepted bool
	locs     []loc
	err      error
	done     chan error // the result, or errLeader
}

// Append implements [relationship.Journal.Append]. The entries are written
// as one atomic unit and synced before Append returns; appends made at the
// same time by other goroutines share the sync (group commit). Once the
// append is queued the context is no longer consulted: it completes.
//
// Besides the errors of the interface: a stream name longer than
// [MaxStreamName] or an entry whose JSON is longer than [MaxEntrySize] is an
// error wrapping [relationship.ErrInvalidEntry]; a failed write or sync is
// an error wrapping [ErrBroken], and then so is every later append.
func (f *File) Append(ctx context.Context, name string, expected uint64, entries ...relationship.Entry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckAppend(name, expected, entries); err != nil {
		return err
	}
	if len(name) > MaxStreamName {
		return &relationship.EntryError{Reason: fmt.Sprintf("stream name of %d bytes is longer than %d", len(name), MaxStreamName), Err: relationship.ErrInvalidEntry}
	}
	if len(entries) == 0 {
		if f.shut.Load() {
			return relationship.ErrClosed
		}
		if v := f.version(name); v != expected {
			return &relationship.VersionConflictError{Stream: name, Expected: expected, Actual: v}
		}
		return nil
	}
	req, err := newRequest(name, expected, entries)
	if err != nil {
		return err
	}
	return f.commit(req)
}

// newRequest encodes the entries of an append.
func newRequest(name string, expected uint64, entries []relationship.Entry) (*request, error) {
	r := &request{stream: name, expected: expected, ends: make([]int, len(entries)), done: make(chan error, 1)}
	for i, e := range entries {
		b, err := e.MarshalJSON()
		if err != nil {
			return nil, err
		}
		if len(b) > MaxEntrySize {
			return nil, &relationship.EntryError{Seq: e.Seq(), Reason: fmt.Sprintf("encoded entry of %d bytes is larger than %d", len(b), MaxEntrySize), Err: relationship.ErrInvalidEntry}
		}
		if r.payload == nil {
			r.payload = make([]byte, 0, len(b)*len(entries)+len(b)/2)
		}
		r.payload = append(r.payload, b...)
		r.ends[i] = len(r.payload)
		r.size += frameHeaderSize + len(name) + len(b)
	}
	if r.size > maxAppendSize {
		return nil, &relationship.EntryError{Seq: expected + 1, Reason: fmt.Sprintf("append of %d bytes is larger than %d", r.size, maxAppendSize), Err: relationship.ErrInvalidEntry}
	}
	return r, nil
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

// write commits a batch: it judges each append's expected version in
// order, writes the accepted ones, syncs, and publishes them to readers.
// Only the commit leader calls it.
func (f *File) write(batch []*request) {
	clear(f.tentative)
	size := 0
	for _, r := range batch {
		cur, ok := f.tentative[r.stream]
		if !ok {
			cur = f.version(r.stream)
		}
		if cur != r.expected {
			r.err = &relationship.VersionConflictError{Stream: r.stream, Expected: r.expected, Actual: cur}
			continue
		}
		f.tentative[r.stream] = cur + uint64(len(r.ends))
		r.accepted = true
		size += r.size
	}
	if size == 0 {
		return
	}
	if err := f.persist(batch, size); err != nil {
		f.fail(batch, err)
		return
	}
	f.index.Lock()
	for _, r := range batch {
		if r.accepted {
			s := f.streams[r.stream]
			if s == nil {
				s = &stream{name: r.stream}
				f.streams[r.stream] = s
			}
			s.locs = append(s.locs, r.locs...)
		}
	}
	f.index.Unlock()
	if cap(f.wbuf) > 4*preallocSize {
		f.wbuf = nil
	}
}

// persist writes the accepted appends of a batch at the end of the active
// segment, starting a new segment first if this one is full, and syncs.
func (f *File) persist(batch []*request, size int) error {
	if f.end >= f.opts.SegmentSize && f.end > segmentHeaderSize {
		if err := f.roll(); err != nil {
			return err
		}
	}
	seg, commit := f.active, f.end
	b := f.wbuf[:0]
	for _, r := range batch {
		if !r.accepted {
			continue
		}
		r.locs = make([]loc, len(r.ends))
		start := 0
		for i, end := range r.ends {
			off := commit + int64(len(b))
			b = appendFrame(b, seg.seed, r.stream, r.expected+uint64(i)+1, uint32(commit), i == len(r.ends)-1, r.payload[start:end])
			r.locs[i] = loc{seg: uint32(seg.num - 1), off: uint32(off), size: uint32(commit + int64(len(b)) - off)}
			start = end
		}
	}
	f.wbuf = b
	if _, err := seg.f.WriteAt(b, commit); err != nil {
		return fmt.Errorf("write %s: %w", seg.name, err)
	}
	end := commit + int64(len(b))
	if end > f.allocated {
		// Keep zeros ahead of the data: a sync then flushes data into
		// blocks the file already has, without the metadata update that
		// extending the file costs, which on common file systems makes
		// it several times cheaper.
		target := min(end+preallocSize, max(f.opts.SegmentSize, end))
		if err := writeZeros(seg.f, end, target-end); err != nil {
			return fmt.Errorf("write %s: %w", seg.name, err)
		}
		f.allocated = target
	}
	if err := f.syncData(seg.f); err != nil {
		return fmt.Errorf("sync %s: %w", seg.name, err)
	}
	f.commits.Add(1)
	f.end = end
	return nil
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
	f.allocated = f.end
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

// roll seals the active segment, cutting the zeros ahead of its data, and
// starts the next one.
func (f *File) roll() error {
	old := f.active
	if f.allocated > f.end {
		if err := old.f.Truncate(f.end); err != nil {
			return fmt.Errorf("seal %s: %w", old.name, err)
		}
		f.allocated = f.end
		if err := f.syncAll(old.f); err != nil {
			return fmt.Errorf("seal %s: %w", old.name, err)
		}
	}
	seg, err := createSegment(f.dir, old.num+1, f.opts.UnsafeNoSync)
	if err != nil {
		return err
	}
	f.index.Lock()
	f.segs = append(f.segs, seg)
	f.index.Unlock()
	f.active, f.end, f.allocated = seg, segmentHeaderSize, segmentHeaderSize
	return nil
}

// createSegment creates segment num with its header, and makes both the
// file and its directory entry durable before any frame is written to it.
func createSegment(dir string, num uint64, noSync bool) (*segment, error) {
	name := segmentName(num)
	path := filepath.Join(dir, name)
	file, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create segment: %w", err)
	}
	_, err = file.WriteAt(appendSegmentHeader(nil, num), 0)
	if err == nil && !noSync {
		err = file.Sync()
	}
	if err == nil && !noSync {
		err = syncDir(dir)
	}
	if err != nil {
		file.Close()
		os.Remove(path)
		return nil, fmt.Errorf("create segment %s: %w", name, err)
	}
	return &segment{num: num, name: name, f: file, seed: seed(num)}, nil
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
