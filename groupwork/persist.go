package groupwork

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// StreamName returns the name of the journal stream that holds the record
// of the group with the given identifier: "group-" followed by the
// identifier.
func StreamName(id uuid.UUID) string { return "group-" + id.String() }

// Save appends to the journal the entries of the group's record that it has
// not saved yet, in one append that expects the stream to hold exactly the
// entries saved before. When another writer has appended to the stream in
// the meantime (another copy of the group, loaded from the same record), the
// append fails with an error wrapping [relationship.ErrVersionConflict] and
// nothing is marked saved: load the group again, and redo the change on it.
// Saving a group with nothing new to save does nothing.
//
// Save is safe to call concurrently with other methods; concurrent calls to
// Save on one group run one after the other.
func (g *Group) Save(ctx context.Context, j relationship.Journal) error {
	g.saveMu.Lock()
	defer g.saveMu.Unlock()
	g.mu.RLock()
	from, id := g.saved, g.st.id
	pending := g.record[from:len(g.record):len(g.record)]
	g.mu.RUnlock()
	if len(pending) == 0 {
		return nil
	}
	if err := j.Append(ctx, relationship.Append{Stream: StreamName(id), Expected: from, Entries: pending}); err != nil {
		return fmt.Errorf("groupwork: save group %s: %w", id, err)
	}
	g.mu.Lock()
	g.saved = from + uint64(len(pending))
	g.mu.Unlock()
	return nil
}

// Unsaved returns how many entries of the record have not been saved.
func (g *Group) Unsaved() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return len(g.record) - int(g.saved)
}

// Load rebuilds the group with the given identifier from its stream in the
// journal, as [Replay] does, and marks every entry saved, so that a later
// [Group.Save] appends only what changes after loading.
//
// Errors: [ErrNoRecord] when the journal holds no record for the group; the
// journal's own errors (a closed journal, a cancelled context, stored data
// that cannot be decoded); a [*ReplayError] for a record that does not
// replay, including one that forms a group with another identifier.
func Load(ctx context.Context, j relationship.Journal, id uuid.UUID, opts *Options) (*Group, error) {
	stream := StreamName(id)
	var readErr error
	entries := func(yield func(relationship.Entry) bool) {
		for e, err := range j.Read(ctx, stream, 1) {
			if err != nil {
				readErr = err
				return
			}
			if !yield(e) {
				return
			}
		}
	}
	g, err := Replay(entries, opts)
	switch {
	case readErr != nil:
		return nil, fmt.Errorf("groupwork: load group %s: %w", id, readErr)
	case err != nil:
		return nil, fmt.Errorf("groupwork: load group %s: %w", id, err)
	case g.ID() != id:
		return nil, &ReplayError{Seq: 1, Err: fmt.Errorf("groupwork: stream %s forms group %s", stream, g.ID())}
	}
	g.saved = uint64(g.Len())
	return g, nil
}
