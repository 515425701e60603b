package casework

import (
	"context"
	"fmt"
	"iter"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Replay rebuilds a case from its record. Every entry goes through the same
// checks as the call that made it (the actor is a party, the rights table
// permits the act, the phase and every rule of casework hold), so a record
// that was forged or corrupted is an error, never an invalid case. The
// entries must be casework events, begin with [CaseOpened], have sequence
// numbers 1, 2, 3, ... and times that never run backwards; each entry's
// act must be the act that produces its event. All the entries count as
// unsaved: use [Load] to rebuild a case from a journal.
//
// With [Options.Agency] set, the rebuilt case is bound to that agency (see
// [Load]). A nil sequence is a [*relationship.FieldError] wrapping
// [relationship.ErrNil]; an empty one is a [*relationship.EntryError]
// wrapping [relationship.ErrInvalidEntry] and [relationship.ErrNoRecord].
func Replay(entries iter.Seq[relationship.Entry], opts *Options) (*Case, error) {
	if entries == nil {
		return nil, relationship.Nil("entries")
	}
	c := newCase(opts, opts.agency())
	c.mu.Lock()
	for e := range entries {
		if err := c.eng.Replay(e); err != nil {
			c.mu.Unlock()
			return nil, fmt.Errorf("casework: replay: %w", err)
		}
	}
	c.mu.Unlock()
	if c.st.id == uuid.Nil {
		return nil, &relationship.EntryError{Seq: 1, Reason: "empty record: a case begins with " + CaseOpened{}.EventType(),
			Err: relationship.ErrInvalidEntry, Cause: relationship.ErrNoRecord}
	}
	if err := c.bind(); err != nil {
		return nil, err
	}
	return c, nil
}

// bind makes the case one of its agency's loaded cases, if it has one: the
// agency's own record must know the case, and no other copy of it may be
// bound to the agency.
func (c *Case) bind() error {
	a := c.agency
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fail := func(err error) error { return &BindError{Agency: a.st.id, Case: c.st.id, Err: err} }
	switch ci, known := a.st.cases[c.st.id]; {
	case c.st.agency != a.st.id:
		return fail(ErrWrongAgency)
	case !known || ci.client != c.st.client.ID():
		return fail(ErrWrongAgency)
	}
	if _, dup := a.cases[c.st.id]; dup {
		return fail(ErrCaseExists)
	}
	a.cases[c.st.id] = c
	return nil
}

// StreamName returns the name of the journal stream that holds the record
// of the case with the given identifier: "case-" and the identifier.
func StreamName(id uuid.UUID) string { return "case-" + id.String() }

// Save appends to the journal the entries of the case's record that it does
// not hold yet, expecting the stream to be where this case last left it,
// together with the entries its agency made in the same changes (see
// [relationship.Engine.Save]). If another writer got there first, Save
// fails with an error wrapping [relationship.ErrVersionConflict] (a
// [*relationship.VersionConflictError]), what it carried is not marked
// saved, and the caller should load the case (and its agency) again and
// redo its change. Saving a case with nothing new is a no-op. Saves of one
// agency and its cases are serialised.
func (c *Case) Save(ctx context.Context, j relationship.Journal) error {
	if c == nil {
		return relationship.Nil("case")
	}
	return c.eng.Save(ctx, j)
}

// Load reads the case with the given identifier from the journal and
// rebuilds it as [Replay] does, with every entry marked saved. With
// [Options.Agency] set the case is bound to that agency, which must be the
// case's own and know the case (load it with [LoadAgency] first: a
// [*BindError] otherwise). A case the journal does not hold is an error
// wrapping [relationship.ErrNoRecord]; a record that does not replay, or a
// journal that cannot be read, is an error that wraps the cause.
func Load(ctx context.Context, j relationship.Journal, id uuid.UUID, opts *Options) (*Case, error) {
	c := newCase(opts, opts.agency())
	if err := c.eng.Load(ctx, j, StreamName(id)); err != nil {
		return nil, fmt.Errorf("casework: load case %s: %w", id, err)
	}
	if got := c.ID(); got != id {
		return nil, fmt.Errorf("casework: load case %s: %w", id, entryError(1, "the stream holds case "+got.String()))
	}
	if err := c.bind(); err != nil {
		return nil, err
	}
	return c, nil
}
