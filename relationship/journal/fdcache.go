package journal

import (
	"fmt"
	"os"
	"path/filepath"
)

// maxSealedFiles is how many sealed segments the journal keeps open at
// once, besides those being read at the moment and the last segment,
// which is always open. A journal of thousands of segments so holds a
// dozen file descriptors, not thousands.
const maxSealedFiles = 8

// The segments' files. The last segment's file is opened by Open (or by
// the commit that starts it) and pinned: it stays open until Close, and
// the commit leader uses it without the lock. A sealed segment's file is
// opened when a reader needs it and kept in a small cache; a reader holds
// a reference while it reads, and the cache closes the least recently used
// file that no reader holds once more than maxSealedFiles are open.

// acquire returns the open file of seg, opening it if need be, and holds
// it for the caller until release.
func (f *File) acquire(seg *segment) (*os.File, error) {
	f.fdMu.Lock()
	defer f.fdMu.Unlock()
	if f.shut.Load() && seg.f == nil {
		return nil, fmt.Errorf("journal: read %s: %w", seg.name, os.ErrClosed)
	}
	if seg.f == nil {
		file, err := os.Open(filepath.Join(f.dir, seg.name))
		if err != nil {
			return nil, fmt.Errorf("journal: %w", err)
		}
		seg.f = file
		f.fdOpen = append(f.fdOpen, seg)
	}
	seg.refs++
	f.fdClock++
	seg.used = f.fdClock
	f.evict()
	return seg.f, nil
}

// release lets go of a file acquire returned.
func (f *File) release(seg *segment) {
	f.fdMu.Lock()
	defer f.fdMu.Unlock()
	seg.refs--
	f.evict()
}

// evict closes the least recently used files of sealed segments that no
// reader holds, while more than maxSealedFiles are open. f.fdMu is held.
func (f *File) evict() {
	for len(f.fdOpen) > maxSealedFiles {
		victim := -1
		for i, s := range f.fdOpen {
			if s.refs == 0 && (victim < 0 || s.used < f.fdOpen[victim].used) {
				victim = i
			}
		}
		if victim < 0 {
			return // every one is being read
		}
		s := f.fdOpen[victim]
		s.f.Close()
		s.f = nil
		f.fdOpen = append(f.fdOpen[:victim], f.fdOpen[victim+1:]...)
	}
}

// unpin makes the file of seg, which is sealed and no longer the last
// segment, one the cache may close.
func (f *File) unpin(seg *segment) {
	f.fdMu.Lock()
	defer f.fdMu.Unlock()
	seg.pinned = false
	f.fdOpen = append(f.fdOpen, seg)
	f.evict()
}

// closeFiles closes every open file of a segment, at Close.
func (f *File) closeFiles() error {
	f.fdMu.Lock()
	defer f.fdMu.Unlock()
	var first error
	for _, s := range f.segs {
		if s.f != nil {
			if err := s.f.Close(); err != nil && first == nil {
				first = err
			}
			s.f = nil
		}
	}
	f.fdOpen = nil
	return first
}

// statSegment returns the file information of seg.
func (f *File) statSegment(seg *segment) (os.FileInfo, error) {
	return os.Stat(filepath.Join(f.dir, seg.name))
}
