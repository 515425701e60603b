package journal

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/helpingwork/helping/internal/strictjson"
	"github.com/helpingwork/helping/relationship"
)

// load opens the segments, rebuilds the index from them and recovers a
// torn tail. It is called once, by Open.
func (f *File) load() error {
	nums, err := listSegments(f.dir)
	if err != nil {
		return err
	}
	for i, num := range nums {
		if want := uint64(i + 1); num != want {
			return &CorruptError{Segment: segmentName(want), Reason: "segment missing: the journal has later segments"}
		}
	}
	links, err := f.identify(nums)
	if err != nil {
		return err
	}
	start, from := 0, int64(segmentHeaderSize)
	c, file := readCheckpoint(f.dir, f.mac)
	if c != nil {
		if start, from = f.adopt(c, file, nums); f.ck == nil {
			file.Close()
		}
	}
	for i, seg := range f.segs {
		f.setHeader(seg, links[i].hdr)
	}
	for i := start; i < len(nums); i++ {
		num := nums[i]
		last := i == len(nums)-1
		seg, err := openSegment(f.dir, num, last)
		if err != nil {
			return err
		}
		f.segs = append(f.segs, seg)
		if !links[i].torn {
			f.setHeader(seg, links[i].hdr)
		}
		if i > start || f.ck == nil {
			from = segmentHeaderSize
		}
		res, err := f.scan(seg, last, from)
		if err != nil {
			return err
		}
		if !last {
			seg.f.Close() // sealed: the cache opens it when it is read
			seg.f = nil
		}
		switch {
		case res.cut == nil:
			// Zeros after the data may be a hole (see punchZeros): the
			// first commit writes them again.
			f.end, f.allocated, f.zeros = res.end, res.size, res.end
		case res.cut.whole:
			// setAside makes the segment before it the last, if any.
			if err := f.repair(seg, res); err != nil {
				return err
			}
		default:
			if err := f.repair(seg, res); err != nil {
				return err
			}
			f.end, f.allocated, f.zeros = res.cut.offset, res.cut.offset, res.cut.offset
		}
	}
	if f.identNew {
		if err := writeIdentity(f.dir, f.ident, f.mac, f.opts.UnsafeNoSync); err != nil {
			return err
		}
	}
	f.ckFresh = f.ck != nil && start == len(nums)-1 && from > segmentHeaderSize && len(f.feed) == 0 && len(f.recovered) == 0
	if len(f.segs) == 0 {
		seg, err := f.createSegment(1, 0)
		if err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		f.segs = []*segment{seg}
		f.end, f.allocated, f.zeros = seg.hdr, seg.hdr, seg.hdr
	}
	f.active = f.segs[len(f.segs)-1]
	// Streams first seen in an append that was cut have no entries.
	for name, s := range f.streams {
		if s.pending = 0; s.base == 0 && len(s.locs) == 0 {
			delete(f.streams, name)
		}
	}
	return nil
}

// listSegments returns the numbers of the segment files in dir, in order.
// Other files (the lock, saved cuts) are not segments.
func listSegments(dir string) ([]uint64, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	var nums []uint64
	for _, e := range ents {
		if num, ok := parseSegmentName(e.Name()); ok && e.Type().IsRegular() {
			nums = append(nums, num)
		}
	}
	slices.Sort(nums)
	return nums, nil
}

// openSegment opens segment num: for reading, or for writing too if it is
// the last one.
func openSegment(dir string, num uint64, last bool) (*segment, error) {
	name := segmentName(num)
	flag := os.O_RDONLY
	if last {
		flag = os.O_RDWR
	}
	file, err := os.OpenFile(filepath.Join(dir, name), flag, 0)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return &segment{num: num, name: name, f: file, seed: seed(num), hdr: segmentHeaderSize, pinned: last}, nil
}

// identify reads the journal's identity and checks the headers of its
// segments against it (see checkChain). If there is none, or if the
// journal is to be keyed from now on, it makes a new one, which load
// writes. It returns what it learnt of each segment.
func (f *File) identify(nums []uint64) ([]chainLink, error) {
	key := f.opts.Key
	id, mac, err := readIdentity(f.dir, key)
	if err != nil {
		return nil, err
	}
	links, err := checkChain(f.dir, nums, id, mac)
	if err != nil {
		return nil, err
	}
	if id == nil && key.IsValid() && len(nums) > 0 {
		// Its segments are all of an older format: checkChain refuses
		// segments of version 3 without an identity.
		return nil, &relationship.FieldError{Field: "journal.FileOptions.Key",
			Reason: "a journal of an older format is keyed only once it has an identity: open it once without a key", Err: relationship.ErrInvalidValue}
	}
	if id == nil || id.keyedFrom == 0 && key.IsValid() {
		from := uint64(len(nums)) + 1
		if id, mac, err = newIdentity(id, key, from); err != nil {
			return nil, err
		}
		f.identNew = true
	}
	f.ident, f.mac = id, mac
	return links, nil
}

// setHeader records in seg what its header h says.
func (f *File) setHeader(seg *segment, h segmentHeader) {
	seg.version, seg.hdr, seg.tag, seg.seed = h.version, h.size, 0, seed(seg.num)
	if h.version == formatVersion {
		seg.seed = seed3(h.id, seg.num)
		if h.keyed {
			seg.tag = macSize
		}
	}
}

// scanResult is what scanning a segment found.
type scanResult struct {
	end  int64    // the end of the last whole append: where the next frame goes
	size int64    // the size of the file
	cut  *cutPlan // what to cut from a torn tail, if anything
}

// cutPlan describes a torn tail to cut.
type cutPlan struct {
	whole   bool  // the segment's header is torn: set the whole file aside
	offset  int64 // where the cut begins
	dataEnd int64 // the end of the last non-zero byte
	frames  int   // intact frames cut
	reason  string
}

// pendingAppend collects the frames of one append until its last frame.
type pendingAppend struct {
	commit uint32
	frames []pendingFrame
}

// pendingFrame is a frame of an append whose last frame is still to come.
type pendingFrame struct {
	s *stream
	l loc
}

// scan reads every frame of seg and adds whole appends to the index. In a
// sealed segment every byte must check; in the last one a bad frame may be
// the torn end of an interrupted write, which tail decides.
func (f *File) scan(seg *segment, last bool, from int64) (scanResult, error) {
	st, err := seg.f.Stat()
	if err != nil {
		return scanResult{}, fmt.Errorf("journal: %w", err)
	}
	size := st.Size()
	w := getWindow()
	defer putWindow(w)
	w.reset(seg.f)

	if from == segmentHeaderSize {
		hdr, err := w.at(0, segmentHeaderSize3)
		if err != nil {
			return scanResult{}, fmt.Errorf("journal: read %s: %w", seg.name, err)
		}
		h, reason, err := checkSegmentHeader(hdr, seg.num)
		if err != nil {
			return scanResult{}, fmt.Errorf("journal: %s: %w", seg.name, err)
		}
		if reason != "" {
			return f.tornHeader(w, seg, size, last, reason)
		}
		f.setHeader(seg, h)
		from = h.size
	}
	off, end := from, from
	var p pendingAppend
	for off < size {
		if last {
			// Only where a frame header would begin with zeros can the
			// zeros written ahead of the data begin: look further only
			// then, not at every frame.
			clean, err := zeroHeaderAt(w, off, size)
			if err == nil && clean {
				clean, err = zerosFrom(w, off, size)
			}
			if err != nil {
				return scanResult{}, fmt.Errorf("journal: read %s: %w", seg.name, err)
			}
			if clean {
				break // zeros written ahead of the data: the end
			}
		}
		n, why, err := f.frameAt(w, seg, off, size, &p)
		if err != nil {
			if errors.Is(err, ErrCorrupt) {
				return scanResult{}, err
			}
			return scanResult{}, fmt.Errorf("journal: read %s: %w", seg.name, err)
		}
		if why != "" {
			if !last {
				return scanResult{}, &CorruptError{Segment: seg.name, Offset: off, Reason: why}
			}
			return f.tail(w, seg, size, off, end, len(p.frames), why)
		}
		off += int64(n)
		if len(p.frames) == 0 { // the frame ended its append
			end = off
		}
	}
	if len(p.frames) > 0 {
		why := "an append ends without its last frame"
		if !last {
			return scanResult{}, &CorruptError{Segment: seg.name, Offset: end, Reason: why}
		}
		return f.tail(w, seg, size, off, end, len(p.frames), why)
	}
	return scanResult{end: end, size: size}, nil
}

// frameAt checks the frame at off and adds it to the pending append p,
// which it publishes to the index at the append's last frame. It returns
// the frame's size, or why it is not a valid frame here.
func (f *File) frameAt(w *window, seg *segment, off, size int64, p *pendingAppend) (int, string, error) {
	b, err := w.at(off, frameHeaderSize)
	if err != nil {
		return 0, "", err
	}
	if len(b) == frameHeaderSize {
		n, ferr := frameSize(b, seg.tag)
		if ferr != nil {
			return 0, ferr.reason, nil
		}
		if b, err = w.at(off, n); err != nil {
			return 0, "", err
		}
	}
	fr, ferr := decodeFrame(b, seg.seed, seg.tag)
	if ferr != nil {
		return 0, ferr.reason, nil
	}
	if seg.tag > 0 && !f.mac.checkFrame(seg.num, off, b, fr) {
		return 0, "", tampered(seg, off)
	}
	if off+int64(fr.size) > math.MaxUint32 {
		return 0, "frame beyond the 4 GiB a segment can hold", nil
	}
	if int64(fr.commit) < segmentHeaderSize || int64(fr.commit) > off {
		return 0, fmt.Sprintf("commit offset %d does not precede the frame", fr.commit), nil
	}
	s, why := f.frameStream(seg, p, fr)
	if why != "" {
		return 0, why, nil
	}
	if want := s.base + uint64(len(s.locs)+s.pending) + 1; fr.seq != want {
		return 0, fmt.Sprintf("entry %d of stream %q where entry %d belongs", fr.seq, s.name, want), nil
	}
	if !strictjson.Valid(fr.payload, 0) {
		return 0, "payload is not valid JSON", nil
	}
	p.commit = fr.commit
	f.scanned += int64(fr.size)
	s.pending++
	p.frames = append(p.frames, pendingFrame{s: s, l: loc{seg: uint32(seg.num - 1), off: uint32(off), size: uint32(fr.size)}})
	if fr.last {
		for _, pf := range p.frames {
			pf.s.locs = append(pf.s.locs, pf.l)
			pf.s.pending = 0
			f.feed = append(f.feed, pf.l)
		}
		clear(p.frames)
		p.frames = p.frames[:0]
	}
	return fr.size, "", nil
}

// frameStream returns the stream a frame belongs to, adding it to the index
// if it is new, or why the frame cannot follow the frames of the append
// pending before it: they were carried by another write, or, in a segment
// of format version 1, belong to another stream.
func (f *File) frameStream(seg *segment, p *pendingAppend, fr frame) (*stream, string) {
	if n := len(p.frames); n > 0 {
		prev := p.frames[n-1].s
		switch {
		case p.commit != fr.commit:
			return nil, "an append's frames belong to different writes"
		case prev.name == string(fr.stream):
			return prev, ""
		case seg.version == formatVersion1:
			return nil, "an append's frames belong to different streams"
		}
	}
	s := f.streams[string(fr.stream)]
	if s == nil {
		s = &stream{name: string(fr.stream)}
		f.streams[s.name] = s
	}
	return s, ""
}

// tail decides what a bad frame at offset bad of the last segment is. The
// appends of a commit are written by one write, after the previous commit
// was synced, and each frame records where its write began. Intact frames
// after the bad one that record a later write mean that a synced commit
// was damaged: an error. If there are none, the bad frame is part of the
// last write, which the crash interrupted, and the tail from the end of
// the last whole append is cut.
func (f *File) tail(w *window, seg *segment, size, bad, end int64, pending int, why string) (scanResult, error) {
	later, intact, err := resync(w, seg, bad+1, size, bad)
	if err != nil {
		return scanResult{}, fmt.Errorf("journal: read %s: %w", seg.name, err)
	}
	if later {
		return scanResult{}, &CorruptError{Segment: seg.name, Offset: bad, Reason: why + "; intact frames of later writes follow"}
	}
	dataEnd, err := lastNonZero(w, end, size)
	if err != nil {
		return scanResult{}, fmt.Errorf("journal: read %s: %w", seg.name, err)
	}
	return scanResult{end: end, size: size, cut: &cutPlan{offset: end, dataEnd: dataEnd, frames: pending + intact, reason: why}}, nil
}

// tornHeader decides what a segment with a damaged header is. Segments are
// created with their header synced, and the directory too, before any
// frame goes in: the last segment's header can be torn only if the crash
// came while it was created, and then it holds no frames.
func (f *File) tornHeader(w *window, seg *segment, size int64, last bool, why string) (scanResult, error) {
	if !last {
		return scanResult{}, &CorruptError{Segment: seg.name, Reason: why}
	}
	later, _, err := resync(w, seg, segmentHeaderSize, size, 0)
	if err != nil {
		return scanResult{}, fmt.Errorf("journal: read %s: %w", seg.name, err)
	}
	if later {
		return scanResult{}, &CorruptError{Segment: seg.name, Reason: why + "; intact frames follow"}
	}
	dataEnd, err := lastNonZero(w, 0, size)
	if err != nil {
		return scanResult{}, fmt.Errorf("journal: read %s: %w", seg.name, err)
	}
	return scanResult{cut: &cutPlan{whole: true, dataEnd: dataEnd, reason: why}}, nil
}

// resync looks for intact frames from offset from on. It reports whether
// one records a write that began after offset bad, and how many intact
// frames it found before that. It takes time in proportion to the bytes
// from from to size: a frame header claiming a long payload is checked
// with rangeSums, without reading the payload.
func resync(w *window, seg *segment, from, size, bad int64) (later bool, intact int, err error) {
	var sums *rangeSums
	for p := from; p+frameHeaderSize <= size; {
		b, err := w.at(p, frameHeaderSize)
		if err != nil {
			return false, 0, err
		}
		if len(b) < frameHeaderSize {
			break // the file shrank under us
		}
		n := plausibleFrame(b, seg.tag)
		if n == 0 || p+int64(n) > size {
			p++
			if b[4]|b[5]|b[6]|b[7] == 0 {
				// No frame begins where its length would be zero: skip
				// a run of zeros to 7 bytes before its end.
				q, err := nextNonZero(w, p+3, size)
				if err != nil {
					return false, 0, err
				}
				p = max(p, q-7)
			}
			continue
		}
		commit := int64(binary.LittleEndian.Uint32(b[20:24]))
		if commit < segmentHeaderSize || commit > p {
			p++
			continue
		}
		ok, err := intactAt(w, seg, p, n, size, from, &sums)
		if err != nil {
			return false, 0, err
		}
		if !ok {
			p++
			continue
		}
		if commit > bad {
			return true, intact, nil
		}
		intact++
		p += int64(n)
	}
	return false, intact, nil
}

// longFrame is the size past which resync checks a frame's checksum from
// running sums rather than from its bytes.
const longFrame = 4 << 10

// intactAt reports whether the n bytes at p of seg, whose header checked,
// are a frame whose checksum checks. *sums is made when first needed, for
// the bytes from from to size.
func intactAt(w *window, seg *segment, p int64, n int, size, from int64, sums **rangeSums) (bool, error) {
	if n <= longFrame {
		b, err := w.at(p, n)
		if err != nil {
			return false, err
		}
		_, ferr := decodeFrame(b, seg.seed, seg.tag)
		return ferr == nil, nil
	}
	if *sums == nil {
		var err error
		if *sums, err = newRangeSums(seg.f, from, size); err != nil {
			return false, err
		}
	}
	crc, err := (*sums).sum(seg.seed, p+4, p+int64(n))
	if err != nil {
		return false, err
	}
	hdr, err := w.at(p, 4)
	if err != nil || len(hdr) < 4 {
		return false, err
	}
	return crc == binary.LittleEndian.Uint32(hdr), nil
}

// zeroHeaderAt reports whether the bytes at off where a frame header would
// be, up to size, are all zero. No frame header is: its lengths are not.
func zeroHeaderAt(w *window, off, size int64) (bool, error) {
	b, err := w.at(off, int(min(size-off, frameHeaderSize)))
	if err != nil {
		return false, err
	}
	return firstNonZero(b) < 0, nil
}

// zerosFrom reports whether every byte from off to size is zero.
func zerosFrom(w *window, off, size int64) (bool, error) {
	q, err := nextNonZero(w, off, size)
	return q == size, err
}

// nextNonZero returns the offset of the first non-zero byte between off and
// size, or size.
func nextNonZero(w *window, off, size int64) (int64, error) {
	for chunks := 0; off < size; chunks++ {
		if chunks == 1 && w.f != nil {
			// A window of zeros: skip any hole after it (see punchZeros).
			if off = min(dataFrom(w.f, off), size); off == size {
				break
			}
		}
		b, err := w.at(off, int(min(size-off, windowSize)))
		if err != nil || len(b) == 0 {
			return size, err
		}
		if i := firstNonZero(b); i >= 0 {
			return off + int64(i), nil
		}
		off += int64(len(b))
	}
	return size, nil
}

// firstNonZero returns the index of the first non-zero byte of b, or -1.
func firstNonZero(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:]) != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] != 0 {
			return i
		}
	}
	return -1
}

// lastNonZero returns the offset just past the last non-zero byte between
// from and size, or from if there is none.
func lastNonZero(w *window, from, size int64) (int64, error) {
	for end := size; end > from; {
		start := max(from, end-windowSize)
		b, err := w.at(start, int(end-start))
		if err != nil {
			return from, err
		}
		for i := len(b) - 1; i >= 0; i-- {
			if b[i] != 0 {
				return start + int64(i) + 1, nil
			}
		}
		end = start
	}
	return from, nil
}

// repair cuts the torn tail that scanning seg found, after keeping the cut
// bytes in a file of their own, and records the recovery. With NoRepair it
// changes nothing and returns a *RepairError.
func (f *File) repair(seg *segment, res scanResult) error {
	cut := res.cut
	rec := Recovery{Segment: seg.name, Offset: cut.offset, Bytes: cut.dataEnd - cut.offset, Frames: cut.frames, Reason: cut.reason}
	if f.opts.NoRepair {
		return &RepairError{Recovery: rec}
	}
	var err error
	if cut.whole {
		rec.SavedAs, err = f.setAside(seg)
	} else {
		rec.SavedAs, err = f.cutTail(seg, cut)
	}
	if err != nil {
		return fmt.Errorf("journal: repair %s: %w", seg.name, err)
	}
	f.recovered = append(f.recovered, rec)
	return nil
}

// setAside renames a segment whose creation was interrupted out of the
// journal, and returns its new name.
func (f *File) setAside(seg *segment) (string, error) {
	saved, err := freeName(f.dir, seg.name+".cut")
	if err != nil {
		return "", err
	}
	seg.f.Close()
	if err := os.Rename(filepath.Join(f.dir, seg.name), filepath.Join(f.dir, saved)); err != nil {
		return "", err
	}
	f.segs = f.segs[:len(f.segs)-1]
	if len(f.segs) > 0 {
		// The segment before it becomes the last: it is written to again.
		prev := f.segs[len(f.segs)-1]
		if prev.f != nil {
			prev.f.Close()
		}
		reopened, err := openSegment(f.dir, prev.num, true)
		if err != nil {
			return "", err
		}
		reopened.version, reopened.hdr, reopened.tag, reopened.seed = prev.version, prev.hdr, prev.tag, prev.seed
		f.segs[len(f.segs)-1] = reopened
		st, err := reopened.f.Stat()
		if err != nil {
			return "", err
		}
		f.end, f.allocated, f.zeros = st.Size(), st.Size(), st.Size()
	}
	return saved, f.sync(func() error { return syncDir(f.dir) })
}

// cutTail keeps the bytes of a torn tail in a file beside the segment,
// then truncates the segment, and returns the file's name.
func (f *File) cutTail(seg *segment, cut *cutPlan) (string, error) {
	saved := ""
	if cut.dataEnd > cut.offset {
		var err error
		if saved, err = f.saveBytes(seg, cut.offset, cut.dataEnd); err != nil {
			return "", err
		}
	}
	if err := seg.f.Truncate(cut.offset); err != nil {
		return "", err
	}
	if err := f.sync(seg.f.Sync); err != nil {
		return "", err
	}
	return saved, f.sync(func() error { return syncDir(f.dir) })
}

// saveBytes copies bytes from to end of seg into a new file and syncs it.
func (f *File) saveBytes(seg *segment, from, end int64) (string, error) {
	name, err := freeName(f.dir, seg.name+"."+strconv.FormatInt(from, 10)+".cut")
	if err != nil {
		return "", err
	}
	out, err := os.OpenFile(filepath.Join(f.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	buf := make([]byte, min(end-from, 1<<20))
	for off := from; off < end && err == nil; {
		var n int
		n, err = seg.f.ReadAt(buf[:min(int64(len(buf)), end-off)], off)
		if err == nil {
			_, err = out.Write(buf[:n])
		}
		off += int64(n)
	}
	if err == nil {
		err = f.sync(out.Sync)
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return name, err
}

// sync calls fn unless the options say not to sync.
func (f *File) sync(fn func() error) error {
	if f.opts.UnsafeNoSync {
		return nil
	}
	return fn()
}

// freeName returns base, or base with a number added, whichever names no
// file in dir yet.
func freeName(dir, base string) (string, error) {
	name := base
	for i := 2; i < 1000; i++ {
		if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
		name = base + "." + strconv.Itoa(i)
	}
	return "", fmt.Errorf("no free name for %s", base)
}
