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
// entries must be casework events, begin with [CaseOpened], and have
// sequence numbers 1, 2, 3, ...; each entry's act must be the act that
// produces its event.
//
// With [Options.Agency] set, the rebuilt case is then bound to that agency:
// its provisions are drawn from the pool again and, if it is open, it joins
// its worker's caseload. Binding fails, and leaves the agency unchanged,
// with a [*BindError] if the case belongs to another agency, if the agency
// already holds it, if the pool cannot cover its provisions, or if its
// worker's caseload is full. Without an agency the case is detached: see
// [Options.Agency].
func Replay(entries iter.Seq[relationship.Entry], opts *Options) (*Case, error) {
	c := newCase(opts)
	if entries == nil {
		return nil, entryError(1, "no record: a case begins with "+CaseOpened{}.EventType())
	}
	for e := range entries {
		if err := c.replay(e); err != nil {
			return nil, err
		}
	}
	if len(c.records) == 0 {
		return nil, entryError(1, "empty record: a case begins with "+CaseOpened{}.EventType())
	}
	if a := opts.agency(); a != nil {
		if err := a.bind(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// replay executes one entry of a record.
func (c *Case) replay(e relationship.Entry) error {
	seq := uint64(len(c.records)) + 1
	if !e.IsValid() {
		return entryError(seq, "zero entry")
	}
	if e.Seq() != seq {
		return entryError(e.Seq(), fmt.Sprintf("sequence does not run on: want %d", seq))
	}
	ev, ok := e.Event().(change)
	if !ok {
		return &relationship.EntryError{Seq: seq, Err: relationship.ErrUnknownEvent,
			Reason: fmt.Sprintf("event type %q is not a casework event", e.Event().EventType())}
	}
	if e.Act() != ev.act() {
		return entryError(seq, fmt.Sprintf("act %q does not produce %s", e.Act(), ev.EventType()))
	}
	if err := c.execute(record{at: e.Time(), actor: e.Actor(), ev: ev}, true); err != nil {
		return fmt.Errorf("casework: replay entry %d (%s): %w", seq, e.Act(), err)
	}
	return nil
}

// bind makes a replayed case one of the agency's: it checks everything the
// case asks of the agency, then draws its provisions and adds it to its
// worker's caseload, all under one lock.
func (a *Agency) bind(c *Case) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := &c.st
	fail := func(err error) error { return &BindError{Agency: a.id, Case: s.id, Err: err} }
	if s.agency != a.id {
		return fail(ErrWrongAgency)
	}
	if _, dup := a.cases[s.id]; dup {
		return fail(ErrCaseExists)
	}
	drawn := s.drawn()
	for _, r := range drawn {
		if err := a.canDraw(r.Resource, r.Quantity); err != nil {
			return fail(err)
		}
	}
	if s.phase.IsOpen() {
		if err := a.canTake(s.worker); err != nil {
			return fail(err)
		}
	}
	for _, r := range drawn {
		a.draw(r.Resource, r.Quantity)
	}
	c.agency = a
	a.attach(c)
	if s.phase.IsOpen() {
		a.take(s.worker.id, c)
	}
	return nil
}

// drawn totals the resources the case's authorised provisions took from the
// pool, by resource in the order of the agency's terms.
func (s *state) drawn() []Stock {
	var out []Stock
	for _, t := range s.terms {
		total := Stock{Resource: t.Resource, Unit: t.Unit}
		for _, p := range s.provisions {
			if p.resource == t.Resource && p.state == ProvisionStateAuthorised {
				total.Quantity += p.quantity
			}
		}
		if total.Quantity > 0 {
			out = append(out, total)
		}
	}
	return out
}

// StreamName returns the name of the journal stream that holds the record
// of the case with the given identifier: "case-" and the identifier.
func StreamName(id uuid.UUID) string { return "case-" + id.String() }

// Save appends to the journal the entries of the case's record that it does
// not hold yet, in one append that expects the stream to be where this case
// last left it. If another writer got there first, Save fails with an error
// wrapping [relationship.ErrVersionConflict] (a
// [*relationship.VersionConflictError]), nothing is marked saved, and the
// caller should load the case again and redo its change. Saving a case with
// nothing new is a no-op. Saves of one case are serialised.
func (c *Case) Save(ctx context.Context, j relationship.Journal) error {
	c.saveMu.Lock()
	defer c.saveMu.Unlock()
	c.mu.RLock()
	from, rs := c.saved, c.records[c.saved:len(c.records):len(c.records)]
	stream := StreamName(c.st.id)
	c.mu.RUnlock()
	if len(rs) == 0 {
		return nil
	}
	entries := make([]relationship.Entry, len(rs))
	for i, r := range rs {
		entries[i] = r.entry(from + i + 1)
	}
	if err := j.Append(ctx, relationship.Append{Stream: stream, Expected: uint64(from), Entries: entries}); err != nil {
		return fmt.Errorf("casework: save %s: %w", stream, err)
	}
	c.mu.Lock()
	c.saved = from + len(rs)
	c.mu.Unlock()
	return nil
}

// Unsaved returns the number of entries of the record not yet saved.
func (c *Case) Unsaved() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.records) - c.saved
}

// Load reads the case with the given identifier from the journal and
// rebuilds it with [Replay], with the same options. A case that the journal
// does not hold is a [*NotFoundError]; a record that does not replay, or a
// journal that cannot be read, is an error that wraps the cause, and leaves
// [Options.Agency] unchanged.
func Load(ctx context.Context, j relationship.Journal, id uuid.UUID, opts *Options) (*Case, error) {
	stream := StreamName(id)
	c := newCase(opts)
	for e, err := range j.Read(ctx, stream, 1) {
		if err == nil {
			err = c.replay(e)
		}
		if err != nil {
			return nil, fmt.Errorf("casework: load %s: %w", stream, err)
		}
	}
	switch {
	case len(c.records) == 0:
		return nil, &NotFoundError{Item: "case", ID: id}
	case c.st.id != id:
		return nil, fmt.Errorf("casework: load %s: %w", stream, entryError(1, "the stream holds case "+c.st.id.String()))
	}
	if a := opts.agency(); a != nil {
		if err := a.bind(c); err != nil {
			return nil, err
		}
	}
	c.saved = len(c.records)
	return c, nil
}
