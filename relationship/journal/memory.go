package journal

import (
	"context"
	"iter"
	"slices"
	"strconv"
	"sync"

	"github.com/helpingwork/helping/relationship"
)

// Memory is a [relationship.Journal] that keeps every stream in memory. It
// checks everything a durable journal checks (versions, sequence numbers,
// closed state) but forgets it all when the program ends. The zero Memory is
// not ready: use [NewMemory]. A Memory is safe for concurrent use.
type Memory struct {
	mu      sync.RWMutex
	streams map[string][]relationship.Entry
	closed  bool
}

var _ relationship.Journal = (*Memory)(nil)

// NewMemory returns an empty in-memory journal.
func NewMemory() *Memory {
	return &Memory{streams: make(map[string][]relationship.Entry)}
}

// Append implements [relationship.Journal.Append].
func (m *Memory) Append(ctx context.Context, stream string, expected uint64, entries ...relationship.Entry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckAppend(stream, expected, entries); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return relationship.ErrClosed
	}
	have := uint64(len(m.streams[stream]))
	if have != expected {
		return &relationship.VersionConflictError{Stream: stream, Expected: expected, Actual: have}
	}
	if len(entries) > 0 {
		m.streams[stream] = append(m.streams[stream], entries...)
	}
	return nil
}

// Read implements [relationship.Journal.Read].
func (m *Memory) Read(ctx context.Context, stream string, from uint64) iter.Seq2[relationship.Entry, error] {
	return func(yield func(relationship.Entry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(relationship.Entry{}, err)
			return
		}
		m.mu.RLock()
		closed, entries := m.closed, m.streams[stream]
		m.mu.RUnlock()
		if closed {
			yield(relationship.Entry{}, relationship.ErrClosed)
			return
		}
		if from == 0 {
			from = 1
		}
		// Stored entries are never changed and appends go past the snapshot's
		// end, so the snapshot is safe to read without the lock.
		for i := from - 1; i < uint64(len(entries)); i++ {
			if err := ctx.Err(); err != nil {
				yield(relationship.Entry{}, err)
				return
			}
			if !yield(entries[i], nil) {
				return
			}
		}
	}
}

// Version implements [relationship.Journal.Version].
func (m *Memory) Version(ctx context.Context, stream string) (uint64, error) {
	if err := ctx.Err(); err != nil {
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
		if err := ctx.Err(); err != nil {
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
		for name, entries := range m.streams {
			if len(entries) > 0 {
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

// Close implements [relationship.Journal.Close]. The records are dropped.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	m.streams = nil
	return nil
}

// CheckAppend validates the arguments of an append before any journal state
// is consulted: a non-empty stream name, valid entries, and sequence numbers
// that run on from expected. Journal implementations call it first so that
// they all refuse the same inputs with the same errors.
func CheckAppend(stream string, expected uint64, entries []relationship.Entry) error {
	if stream == "" {
		return &relationship.EntryError{Reason: "empty stream name", Err: relationship.ErrInvalidEntry}
	}
	for i, e := range entries {
		want := expected + uint64(i) + 1
		if !e.IsValid() {
			return &relationship.EntryError{Seq: want, Reason: "zero entry", Err: relationship.ErrInvalidEntry}
		}
		if e.Seq() != want {
			return &relationship.EntryError{Seq: e.Seq(), Reason: "sequence does not run on: want " + strconv.FormatUint(want, 10), Err: relationship.ErrInvalidEntry}
		}
	}
	return nil
}
