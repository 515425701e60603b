package journal

import (
	"context"
	"iter"
	"slices"
	"sync"

	"github.com/helpingwork/helping/relationship"
)

// Memory is a [relationship.Journal] that keeps every stream in memory. It
// checks everything a durable journal checks (versions, sequence numbers,
// the limits on sizes, the rules for snapshots, the closed state) but
// forgets it all when the program ends or the journal is closed. It suits
// tests, examples and programs whose records need not outlive them.
//
// The zero Memory is an empty journal, ready to use; [NewMemory] returns
// one too. A Memory is safe for concurrent use. Its appends are atomic
// because one lock covers them: an append is judged and stored whole while
// no other append, read or snapshot sees the journal half-changed.
type Memory struct {
	mu      sync.RWMutex
	feed    []relationship.FeedEntry // every entry, in the order committed; Position is the index+1
	streams map[string][]int         // each stream's entries, as indexes into feed
	snaps   map[string]relationship.Snapshot
	changed chan struct{} // closed at the next commit or Close; made by Wait
	closed  bool
}

var _ relationship.Journal = (*Memory)(nil)

// NewMemory returns an empty in-memory journal. It is the same as
// new(Memory).
func NewMemory() *Memory {
	return new(Memory)
}

// Append implements [relationship.Journal.Append]. The entries are
// encoded, to check them against [relationship.MaxEntrySize] and
// [relationship.MaxAppendSize] as a durable journal would, but kept as the
// values given (numbered again with [relationship.Entry.WithSeq] for an
// Append at [relationship.AnyVersion]).
func (m *Memory) Append(ctx context.Context, appends ...relationship.Append) error {
	if err := m.check(ctx); err != nil {
		return err
	}
	if err := CheckAppend(appends...); err != nil {
		return err
	}
	buf := getBuffer()
	defer putBuffer(buf)
	size, err := measure(buf, appends, nil, 0)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return relationship.ErrClosed
	}
	for _, a := range appends {
		if have := uint64(len(m.streams[a.Stream])); a.Expected != relationship.AnyVersion && have != a.Expected {
			return &relationship.VersionConflictError{Stream: a.Stream, Expected: a.Expected, Actual: have}
		}
	}
	// The entries of an Append at AnyVersion are numbered now, after
	// whatever the stream holds, and measured as they will be stored.
	entries := make([][]relationship.Entry, len(appends))
	for i, a := range appends {
		entries[i] = a.Entries
		if a.Expected == relationship.AnyVersion && len(a.Entries) > 0 {
			entries[i] = number(a.Entries, uint64(len(m.streams[a.Stream])))
		}
	}
	if _, err := measure(buf, appends, entries, size); err != nil {
		return err
	}
	m.commit(appends, entries)
	return nil
}

// measure encodes entries into buf, to check them against the limits, and
// returns before plus the size of their JSON. With numbered nil it
// measures the entries of the appends at an expected version; otherwise
// numbered[i] for each append i at AnyVersion. It returns an error if an
// entry is too large, or the total is.
func measure(buf *[]byte, appends []relationship.Append, numbered [][]relationship.Entry, before int) (int, error) {
	size := before
	for i, a := range appends {
		anyVersion := a.Expected == relationship.AnyVersion
		if anyVersion != (numbered != nil) {
			continue
		}
		entries := a.Entries
		if numbered != nil {
			entries = numbered[i]
		}
		for _, e := range entries {
			b, err := appendEntry((*buf)[:0], e)
			if err != nil {
				return 0, err
			}
			*buf = b
			size += len(b)
			if size > relationship.MaxAppendSize {
				return 0, appendTooLarge()
			}
		}
	}
	return size, nil
}

// number returns entries renumbered to follow version after.
func number(entries []relationship.Entry, after uint64) []relationship.Entry {
	out := make([]relationship.Entry, len(entries))
	for i, e := range entries {
		out[i] = e.WithSeq(after + uint64(i) + 1)
	}
	return out
}

// commit stores the entries of an append that has passed every check. m.mu
// is held for writing.
func (m *Memory) commit(appends []relationship.Append, entries [][]relationship.Entry) {
	if m.streams == nil {
		m.streams = make(map[string][]int)
	}
	n := len(m.feed)
	for i, a := range appends {
		for _, e := range entries[i] {
			m.streams[a.Stream] = append(m.streams[a.Stream], len(m.feed))
			// A plain copy, without the encoding an engine may have attached.
			e = e.WithSeq(e.Seq())
			m.feed = append(m.feed, relationship.FeedEntry{Position: uint64(len(m.feed)) + 1, Stream: a.Stream, Entry: e})
		}
	}
	if len(m.feed) > n && m.changed != nil {
		close(m.changed) // wake every Wait
		m.changed = nil
	}
}

// Read implements [relationship.Journal.Read].
func (m *Memory) Read(ctx context.Context, stream string, from uint64) iter.Seq2[relationship.Entry, error] {
	return func(yield func(relationship.Entry, error) bool) {
		if err := m.check(ctx); err != nil {
			yield(relationship.Entry{}, err)
			return
		}
		m.mu.RLock()
		closed, feed, idx := m.closed, m.feed, m.streams[stream]
		m.mu.RUnlock()
		if closed {
			yield(relationship.Entry{}, relationship.ErrClosed)
			return
		}
		if from == 0 {
			from = 1
		}
		// Stored entries are never changed and appends go past the end of
		// the slices taken, so they are safe to read without the lock.
		for i := from - 1; i < uint64(len(idx)); i++ {
			if err := ctx.Err(); err != nil {
				yield(relationship.Entry{}, err)
				return
			}
			if !yield(feed[idx[i]].Entry, nil) {
				return
			}
		}
	}
}

// Version implements [relationship.Journal.Version].
func (m *Memory) Version(ctx context.Context, stream string) (uint64, error) {
	if err := m.check(ctx); err != nil {
		return 0, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return 0, relationship.ErrClosed
	}
	return uint64(len(m.streams[stream])), nil
}

// Streams implements [relationship.Journal.Streams].
func (m *Memory) Streams(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if err := m.check(ctx); err != nil {
			yield("", err)
			return
		}
		m.mu.RLock()
		if m.closed {
			m.mu.RUnlock()
			yield("", relationship.ErrClosed)
			return
		}
		names := make([]string, 0, len(m.streams))
		for name, idx := range m.streams {
			if len(idx) > 0 {
				names = append(names, name)
			}
		}
		m.mu.RUnlock()
		slices.Sort(names)
		for _, n := range names {
			if !yield(n, nil) {
				return
			}
		}
	}
}

// Feed implements [relationship.Journal.Feed]. Positions are consecutive:
// the first entry ever appended is at position 1.
func (m *Memory) Feed(ctx context.Context, after uint64) iter.Seq2[relationship.FeedEntry, error] {
	return func(yield func(relationship.FeedEntry, error) bool) {
		if err := m.check(ctx); err != nil {
			yield(relationship.FeedEntry{}, err)
			return
		}
		m.mu.RLock()
		closed, feed := m.closed, m.feed
		m.mu.RUnlock()
		if closed {
			yield(relationship.FeedEntry{}, relationship.ErrClosed)
			return
		}
		for i := after; i < uint64(len(feed)); i++ {
			if err := ctx.Err(); err != nil {
				yield(relationship.FeedEntry{}, err)
				return
			}
			if !yield(feed[i], nil) {
				return
			}
		}
	}
}

// Wait implements [relationship.Journal.Wait].
func (m *Memory) Wait(ctx context.Context, after uint64) error {
	for {
		if err := m.check(ctx); err != nil {
			return err
		}
		m.mu.Lock()
		if m.closed {
			m.mu.Unlock()
			return relationship.ErrClosed
		}
		if uint64(len(m.feed)) > after {
			m.mu.Unlock()
			return nil
		}
		if m.changed == nil {
			m.changed = make(chan struct{})
		}
		ch := m.changed
		m.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// SaveSnapshot implements [relationship.Journal.SaveSnapshot]. The journal
// keeps a copy of s.Data.
func (m *Memory) SaveSnapshot(ctx context.Context, stream string, s relationship.Snapshot) error {
	if err := m.check(ctx); err != nil {
		return err
	}
	if err := CheckSnapshot(stream, s); err != nil {
		return err
	}
	s.Data = slices.Clone(s.Data)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return relationship.ErrClosed
	}
	have, kept := uint64(len(m.streams[stream])), m.snaps[stream].Version
	if s.Version > have || s.Version < kept {
		return snapshotRuleError(stream, s.Version, have, kept)
	}
	if m.snaps == nil {
		m.snaps = make(map[string]relationship.Snapshot)
	}
	m.snaps[stream] = s
	return nil
}

// LoadSnapshot implements [relationship.Journal.LoadSnapshot]. The Data
// returned is a copy: changing it changes nothing in the journal.
func (m *Memory) LoadSnapshot(ctx context.Context, stream string) (relationship.Snapshot, bool, error) {
	if err := m.check(ctx); err != nil {
		return relationship.Snapshot{}, false, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.closed {
		return relationship.Snapshot{}, false, relationship.ErrClosed
	}
	s, ok := m.snaps[stream]
	if !ok {
		return relationship.Snapshot{}, false, nil
	}
	s.Data = slices.Clone(s.Data)
	return s, true, nil
}

// Close implements [relationship.Journal.Close]. The records and snapshots
// are dropped, and every Wait in progress returns
// [relationship.ErrClosed].
func (m *Memory) Close() error {
	if m == nil {
		return relationship.Nil("journal")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	m.feed, m.streams, m.snaps = nil, nil, nil
	if m.changed != nil {
		close(m.changed)
		m.changed = nil
	}
	return nil
}

// buffers holds the scratch buffers that appends encode entries into to
// measure them.
var buffers = sync.Pool{New: func() any { return new([]byte) }}

func getBuffer() *[]byte { return buffers.Get().(*[]byte) }

func putBuffer(b *[]byte) {
	if cap(*b) <= 64<<10 {
		*b = (*b)[:0]
		buffers.Put(b)
	}
}

// check returns why m cannot be used now: it is nil, or the context is nil
// or done. The zero Memory is ready to use.
func (m *Memory) check(ctx context.Context) error {
	if m == nil {
		return relationship.Nil("journal")
	}
	return ctxErr(ctx)
}

// ctxErr returns ctx.Err(), or for a nil context a
// [*relationship.FieldError] wrapping [relationship.ErrNil].
func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return relationship.Nil("context")
	}
	return ctx.Err()
}
