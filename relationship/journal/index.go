package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/helpingwork/helping/relationship"
)

// adopt takes the state of the journal from the checkpoint c, for the
// segments it covers whose files are as they were when it was written, and
// returns the index of the first segment left to scan and the offset in it
// where scanning starts. If a segment before the last one covered is not
// as it was, the checkpoint is stale: adopt takes nothing, and Open reads
// every segment. If only the last one covered changed (appends after the
// checkpoint, and a crash before the next), Open reads that segment whole.
func (f *File) adopt(c *checkpoint, file *os.File, nums []uint64) (int, int64) {
	k := len(c.segs)
	if k == 0 || k > len(nums) {
		return 0, segmentHeaderSize
	}
	lastChanged := false
	for i := range k {
		info, err := os.Stat(filepath.Join(f.dir, segmentName(nums[i])))
		if err != nil || fingerprintOf(info) != c.segs[i].fp {
			if i < k-1 {
				return 0, segmentHeaderSize
			}
			lastChanged = true
		}
	}
	covered, feed, from := k, c.feed, c.segs[k-1].end
	if lastChanged {
		covered, feed, from = k-1, c.feedBeforeLast, segmentHeaderSize
	}
	f.ckFile = file
	f.feedBase, f.feedBeforeLast = feed, c.feedBeforeLast
	f.marks = &ckArray{off: c.marksOff, n: c.nmarks()}
	for _, s := range c.segs[:covered] {
		f.ckEnds = append(f.ckEnds, s.end)
	}
	f.ck = c
	for _, cs := range c.streams {
		s := &stream{name: cs.name, base: cs.count, beforeLast: cs.beforeLast, ck: &ckArray{off: cs.off, n: cs.count}}
		if lastChanged {
			s.base = cs.beforeLast
		}
		if s.base > 0 {
			f.streams[s.name] = s
		}
	}
	// The last segment covered is scanned from where the checkpoint ends,
	// or whole if it changed; the scan opens it.
	for i := range k - 1 {
		f.segs = append(f.segs, &segment{num: nums[i], name: segmentName(nums[i]), seed: seed(nums[i]), version: c.segs[i].version})
	}
	return k - 1, from
}

// coveredLocs returns the locations of the first base entries of a stream,
// which the checkpoint Open started from covers. It reads them from the
// checkpoint the first time; if they fail their checks there, it finds
// them again by walking the frames covered.
func (f *File) coveredLocs(name string, a *ckArray, base uint64, segs []*segment) ([]loc, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.locs == nil {
		locs, err := f.ck.readLocs(f.ckFile, a)
		if err != nil || uint64(len(locs)) < base {
			if locs, err = f.findLocs(name, base, segs); err != nil {
				return nil, err
			}
		}
		a.locs = locs
	}
	return a.locs[:base], nil
}

// findLocs walks the frames the checkpoint covers and returns the
// locations of the first base entries of stream name.
func (f *File) findLocs(name string, base uint64, segs []*segment) ([]loc, error) {
	r := f.newReader(segs)
	defer r.release()
	var locs []loc
	l := loc{}
	for i := uint64(0); i < f.feedBase && uint64(len(locs)) < base; i++ {
		var err error
		if i == 0 {
			l, err = r.nextCovered(loc{off: segmentHeaderSize}, f.ckEnds)
		} else {
			l, err = r.nextCovered(l, f.ckEnds)
		}
		if err != nil {
			return nil, err
		}
		fr, err := r.frame(l)
		if err != nil {
			return nil, err
		}
		if string(fr.stream) == name {
			if fr.seq != uint64(len(locs))+1 {
				return nil, &CorruptError{Segment: segs[l.seg].name, Offset: int64(l.off),
					Reason: fmt.Sprintf("entry %d of stream %q where entry %d belongs", fr.seq, name, len(locs)+1), Err: relationship.ErrInvalidEntry}
			}
			locs = append(locs, l)
		}
	}
	if uint64(len(locs)) < base {
		return nil, &CorruptError{Segment: indexName, Reason: fmt.Sprintf("stream %q has %d entries in its segments, not %d", name, len(locs), base)}
	}
	return locs, nil
}

// coveredLoc returns the location of the frame at feed position i+1, which
// the checkpoint covers.
func (f *File) coveredLoc(r *reader, i uint64, segs []*segment) (loc, error) {
	marks, err := f.coveredMarks(segs)
	if err != nil {
		return loc{}, err
	}
	l := marks[i/markEvery]
	for range i % markEvery {
		if l, err = r.nextCovered(l, f.ckEnds); err != nil {
			return loc{}, err
		}
	}
	return l, nil
}

// coveredMarks returns where the frames at positions 1, 1+markEvery, ...
// that the checkpoint covers are. It reads them from the checkpoint the
// first time; if they fail their checks there, it finds them again by
// walking the frames covered.
func (f *File) coveredMarks(segs []*segment) ([]loc, error) {
	a := f.marks
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.locs != nil || f.feedBase == 0 {
		return a.locs[:(f.feedBase+markEvery-1)/markEvery], nil
	}
	marks, err := f.ck.readLocs(f.ckFile, a)
	if err == nil {
		a.locs = marks
		return a.locs[:(f.feedBase+markEvery-1)/markEvery], nil
	}
	r := f.newReader(segs)
	defer r.release()
	l := loc{off: segmentHeaderSize}
	marks = nil
	for i := range f.feedBase {
		if l, err = r.nextCovered(l, f.ckEnds); err != nil {
			return nil, err
		}
		if i%markEvery == 0 {
			marks = append(marks, l)
		}
	}
	a.locs = marks
	return marks, nil
}

// nextCovered returns the location of the frame after the one at l, among
// the frames the checkpoint covers: the segments of index i hold frames up
// to ends[i].
func (r *reader) nextCovered(l loc, ends []int64) (loc, error) {
	seg, off := int(l.seg), int64(l.off)+int64(l.size)
	if seg < len(r.segs) {
		off = max(off, r.segs[seg].hdr)
	}
	for seg < len(ends) && off >= ends[seg] {
		seg, off = seg+1, segmentHeaderSize
		if seg < len(r.segs) {
			off = r.segs[seg].hdr
		}
	}
	if seg >= len(ends) {
		return loc{}, &CorruptError{Segment: indexName, Reason: "the checkpoint counts more frames than its segments hold"}
	}
	return r.locAt(seg, off)
}

// locAt returns the location of the frame at off in the segment of index
// seg, from its header.
func (r *reader) locAt(seg int, off int64) (loc, error) {
	s := r.segs[seg]
	if err := r.on(seg); err != nil {
		return loc{}, err
	}
	b, err := r.w.at(off, frameHeaderSize)
	if err != nil {
		return loc{}, fmt.Errorf("journal: read %s: %w", s.name, err)
	}
	if len(b) < frameHeaderSize {
		return loc{}, &CorruptError{Segment: s.name, Offset: off, Reason: "segment is shorter than its index", Err: relationship.ErrInvalidEntry}
	}
	n, ferr := frameSize(b, s.tag)
	if ferr != nil {
		return loc{}, &CorruptError{Segment: s.name, Offset: off, Reason: ferr.reason, Err: relationship.ErrInvalidEntry}
	}
	return loc{seg: uint32(seg), off: uint32(off), size: uint32(n)}, nil
}

// writeCheckpoint writes an index checkpoint of everything committed. No
// commit may be in progress: the commit leader calls it, or Close.
func (f *File) writeCheckpoint() error {
	f.index.RLock()
	defer f.index.RUnlock()
	last := len(f.segs) - 1
	c := &checkpoint{feed: f.feedBase + uint64(len(f.feed))}
	for i, s := range f.segs {
		info, err := f.statSegment(s)
		if err != nil {
			return err
		}
		end := info.Size()
		if i == last {
			end = f.end
		}
		c.segs = append(c.segs, ckSegment{version: s.version, end: end, fp: fingerprintOf(info)})
	}
	// Entries of the base in segments before the last: all of them,
	// unless the last segment is the last the base covers.
	sameLast := len(f.ckEnds)-1 == last
	c.feedBeforeLast = f.feedBase
	if sameLast {
		c.feedBeforeLast = f.feedBeforeLast
	}
	if f.marks != nil {
		marks, err := f.coveredMarks(f.segs)
		if err != nil {
			return err
		}
		c.marks = slices.Clone(marks)
	}
	for j, l := range f.feed {
		if p := f.feedBase + uint64(j); p%markEvery == 0 {
			c.marks = append(c.marks, l)
		}
		if int(l.seg) < last {
			c.feedBeforeLast++
		}
	}
	names := make([]string, 0, len(f.streams))
	for name := range f.streams {
		names = append(names, name)
	}
	slices.Sort(names)
	streams := make([]*stream, len(names))
	for i, name := range names {
		s := f.streams[name]
		streams[i] = s
		cs := ckStream{name: name, count: s.base + uint64(len(s.locs)), beforeLast: s.base}
		if sameLast {
			cs.beforeLast = s.beforeLast
		}
		for _, l := range s.locs {
			if int(l.seg) < last {
				cs.beforeLast++
			}
		}
		c.streams = append(c.streams, cs)
	}
	segs := f.segs
	locs := func(i int) ([]loc, error) {
		s := streams[i]
		if s.base == 0 {
			return s.locs, nil
		}
		covered, err := f.coveredLocs(s.name, s.ck, s.base, segs)
		if err != nil {
			return nil, err
		}
		return append(slices.Clip(covered), s.locs...), nil
	}
	if err := writeIndex(f.dir, c, locs, f.mac, f.opts.UnsafeNoSync); err != nil {
		return fmt.Errorf("journal: write %s: %w", indexName, err)
	}
	f.ckWritten = c.feed
	return nil
}

// ckMinFrames is the fewest frames committed since the last checkpoint for
// which sealing a segment writes a new one.
const ckMinFrames = 1 << 16

func (f *File) ckMinFrames() uint64 {
	if f.ckEvery > 0 {
		return f.ckEvery
	}
	return ckMinFrames
}
