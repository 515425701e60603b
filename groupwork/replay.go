package groupwork

import (
	"iter"

	"github.com/helpingwork/helping/relationship"
)

// Replay rebuilds a group from its record: the entries in order, the first
// forming the group. Every entry is checked exactly as the live call that
// made it was: its sequence number must follow the one before (1, 2, 3,
// ...), its time must not run backwards, its act must match its event, its
// actor must have been a party allowed to perform the act, and the event
// must keep every rule of the group. A record that passes rebuilds a group
// equal to the one that wrote it; a forged, reordered or corrupted record
// is an error, never a panic or an invalid group.
//
// The rebuilt group takes its time and identifier sources from opts for
// the changes made to it afterwards. All its entries count as unsaved: use
// [Load] to rebuild a group from a journal.
//
// Errors: a [*relationship.FieldError] wrapping [relationship.ErrNil] for
// nil entries; a [*relationship.EntryError] wrapping
// [relationship.ErrInvalidEntry] and [relationship.ErrNoRecord] for no
// entries; for a bad entry,
// a [*relationship.EntryError] naming its sequence number, which unwraps to
// [relationship.ErrInvalidEntry] (or [relationship.ErrUnknownEvent]) and
// to the reason (a [*relationship.PermissionError], a [*MemberError],
// ...).
func Replay(entries iter.Seq[relationship.Entry], opts *Options) (*Group, error) {
	if entries == nil {
		return nil, relationship.Nil("entries")
	}
	g := newGroup(opts)
	g.mu.Lock()
	defer g.mu.Unlock()
	for e := range entries {
		if err := g.eng.Replay(e); err != nil {
			return nil, replayError(e.Seq(), err)
		}
	}
	if !g.st.formedYet() {
		return nil, &relationship.EntryError{Seq: 1, Reason: "empty record: a group begins with " + GroupFormed{}.EventType(),
			Err: relationship.ErrInvalidEntry, Cause: relationship.ErrNoRecord}
	}
	return g, nil
}
