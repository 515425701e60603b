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
// not saved yet, expecting the stream to hold exactly the entries saved
// before, in as many appends as the record needs (see
// [relationship.Engine.Save]). When another writer has appended to the
// stream in the meantime (another copy of the group, loaded from the same
// record), the append fails with an error wrapping
// [relationship.ErrVersionConflict] and what it carried is not marked
// saved: load the group again, and redo the change on it. Saving a group
// with nothing new to save does nothing; a nil journal is a
// [*relationship.FieldError] wrapping [relationship.ErrNil].
//
// With a keyring ([Options.Keyring]), once the entries that close or
// withdraw a secret or hidden vote are saved, Save destroys the
// proposal's key, so that the ballots sealed in the record can never be
// opened again. A key that cannot be destroyed is reported in Save's error
// (wrapping the keyring's), after the entries were saved, and tried
// again at the next Save.
//
// Save is safe to call concurrently with other methods; concurrent calls to
// Save on one group run one after the other.
func (g *Group) Save(ctx context.Context, j relationship.Journal) error {
	if g == nil {
		return relationship.Nil("group")
	}
	if err := g.eng.Save(ctx, j); err != nil {
		return err
	}
	return g.shredSaved(ctx)
}

// Unsaved returns how many entries of the record have not been saved.
func (g *Group) Unsaved() int {
	if g == nil {
		return 0
	}
	return g.eng.Unsaved()
}

// Load rebuilds the group with the given identifier from its stream in the
// journal, as [Replay] does, and marks every entry saved, so that a later
// [Group.Save] appends only what changes after loading. With a keyring in
// opts, Load destroys the key of every secret or hidden vote whose close
// it replayed and whose key is still there (a program that stopped
// between saving a close and destroying the key); a key it cannot
// destroy is tried again at the next Save.
//
// Errors: [relationship.ErrNoRecord] when the journal holds no record for
// the group; [relationship.ErrNil] for a nil journal; the journal's own
// errors (a closed journal, a cancelled context, stored data that cannot
// be decoded); a [*relationship.EntryError] for a record that does not
// replay, including one that forms a group with another identifier.
func Load(ctx context.Context, j relationship.Journal, id uuid.UUID, opts *Options) (*Group, error) {
	g := newGroup(opts)
	if err := g.eng.Load(ctx, j, StreamName(id)); err != nil {
		return nil, fmt.Errorf("groupwork: load group %s: %w", id, err)
	}
	if got := g.ID(); got != id {
		return nil, &relationship.EntryError{Seq: 1, Err: relationship.ErrInvalidEntry,
			Reason: fmt.Sprintf("stream %s forms group %s", StreamName(id), got)}
	}
	_ = g.shredSaved(ctx) // a key not destroyed now is tried again at the next Save, which reports it
	return g, nil
}
