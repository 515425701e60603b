package journal

import (
	"context"
	"iter"

	"github.com/helpingwork/helping/relationship"
)

// Feed implements [relationship.Journal.Feed]. A position is the ordinal of
// a frame in the journal, counting every frame of every segment in order
// from 1: consecutive, the same after every Open, and given in the order
// commits were written. Readers see a commit only once it is synced, and
// commits are synced one after another, so a feed never skips. Each frame
// is read from disk and checked again, as [File.Read] does, with the same
// errors.
func (f *File) Feed(ctx context.Context, after uint64) iter.Seq2[relationship.FeedEntry, error] {
	return func(yield func(relationship.FeedEntry, error) bool) {
		if err := f.check(ctx); err != nil {
			yield(relationship.FeedEntry{}, err)
			return
		}
		f.index.RLock()
		feed, segs := f.feed, f.segs // frames are never moved, commits go past the end
		f.index.RUnlock()
		total := f.feedBase + uint64(len(feed))
		if after >= total {
			return
		}
		r := f.newReader(segs)
		defer r.release()
		name := ""
		var l loc
		for i := after; i < total; i++ {
			if err := f.check(ctx); err != nil {
				yield(relationship.FeedEntry{}, err)
				return
			}
			var err error
			switch {
			case i >= f.feedBase:
				l = feed[i-f.feedBase]
			case i == after:
				l, err = f.coveredLoc(r, i, segs)
			default:
				l, err = r.nextCovered(l, f.ckEnds)
			}
			var fe relationship.FeedEntry
			if err == nil {
				fe, err = r.feedEntry(l, &name)
			}
			if err != nil && f.shut.Load() {
				err = relationship.ErrClosed
			}
			fe.Position = i + 1
			if err != nil {
				fe = relationship.FeedEntry{}
			}
			if !yield(fe, err) || err != nil {
				return
			}
		}
	}
}

// feedEntry reads, checks and decodes the frame at l. name is the stream
// of the frame read before, whose string is reused when this one belongs
// to the same stream.
func (r *reader) feedEntry(l loc, name *string) (relationship.FeedEntry, error) {
	fr, err := r.frame(l)
	if err != nil {
		return relationship.FeedEntry{}, err
	}
	e, err := r.decode(fr, l)
	if err != nil {
		return relationship.FeedEntry{}, err
	}
	if string(fr.stream) != *name {
		*name = string(fr.stream)
	}
	return relationship.FeedEntry{Stream: *name, Entry: e}, nil
}

// Wait implements [relationship.Journal.Wait].
func (f *File) Wait(ctx context.Context, after uint64) error {
	for {
		if err := f.check(ctx); err != nil {
			return err
		}
		// Take the channel before looking at the feed: a commit published
		// after the look closes this channel, or a later one, so no
		// commit goes unnoticed.
		ch, err := f.waitChan()
		if err != nil {
			return err
		}
		f.index.RLock()
		n := f.feedBase + uint64(len(f.feed))
		f.index.RUnlock()
		if n > after {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// waitChan returns the channel that the next commit, or Close, closes.
func (f *File) waitChan() (chan struct{}, error) {
	f.waitMu.Lock()
	defer f.waitMu.Unlock()
	if f.shut.Load() {
		// Close wakes only the waiters that took their channel before it.
		return nil, relationship.ErrClosed
	}
	if f.changed == nil {
		f.changed = make(chan struct{})
	}
	return f.changed, nil
}

// wake wakes every Wait in progress: a commit was published, or the
// journal closed.
func (f *File) wake() {
	f.waitMu.Lock()
	if f.changed != nil {
		close(f.changed)
		f.changed = nil
	}
	f.waitMu.Unlock()
}
