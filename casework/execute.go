package casework

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// change is an event this package knows how to check and apply. Every
// change to a case, made now or replayed from a record, goes through
// [Case.execute]: the actor is found among the parties, the rights table and
// the guards are consulted, the event is validated against the state, and
// only then applied and appended to the record.
type change interface {
	relationship.Event
	// act is the act that produces the event.
	act() relationship.Act
	// check validates the event's own fields, without the case.
	check() error
	// validate checks the event against the case as it is. It changes
	// nothing, but may prepare what apply needs in the txn.
	validate(t *txn) error
	// apply changes the state. It cannot fail: validate has established
	// everything it relies on.
	apply(t *txn)
}

// agencyChange is a change that reads or changes the agency's shared state,
// its pool or its caseloads; execute holds the agency's lock around it.
type agencyChange interface {
	touchesAgency()
}

// record is one entry of a case's record, kept compactly: its sequence
// number is its position, and its act follows from its event. Entries are
// made from it when the record is read (see [Case.Record]). Kept as
// [relationship.Entry] values instead, a case of twenty entries takes 13%
// more memory and a change about 30% more time (BenchmarkCaseload,
// BenchmarkCaseTransition).
type record struct {
	at    time.Time
	actor relationship.PartyID
	ev    change
}

// entry returns the record as the entry at position seq.
func (r record) entry(seq int) relationship.Entry {
	e, err := relationship.NewEntry(uint64(seq), r.at, r.actor, r.ev.act(), r.ev)
	if err != nil {
		// Every record was validated on its way in: a time a record can
		// write (checkClock, or an entry replayed), an actor among the
		// parties, a well-formed act, an event. This cannot happen.
		panic(fmt.Sprintf("casework: record %d cannot be an entry: %v", seq, err))
	}
	return e
}

// txn carries one change through validate and apply.
type txn struct {
	c      *Case
	s      *state
	at     time.Time
	actor  relationship.Party
	replay bool // replaying a record: a case without its agency trusts it

	x relationship.Exchange // the exchange validate prepared for apply
}

// do makes the record for a change that actor makes now, and executes it.
// The caller holds the write lock and has drawn any new identifiers.
func (c *Case) do(actor relationship.PartyID, ev change) error {
	at := c.src.Now()
	if err := checkClock(at); err != nil {
		return err
	}
	return c.execute(record{at: at.UTC(), actor: actor, ev: ev}, false)
}

// checkClock checks that a time from the case's clock can stamp an entry:
// not zero, and in a year from 0 to 9999 in UTC, the years a record can
// write ([relationship.NewEntry] refuses the others).
func checkClock(at time.Time) error {
	if at.IsZero() {
		return &InputError{Field: "clock", Err: relationship.ErrZeroTime}
	}
	if y := at.UTC().Year(); y < 0 || y > 9999 {
		return &InputError{Field: "clock", Value: at.String(), Err: relationship.ErrInvalidValue}
	}
	return nil
}

// execute validates a record against the case as it is, applies it and
// appends it. On error nothing has changed. The caller holds the write lock.
func (c *Case) execute(r record, replay bool) error {
	t := &c.tx // reused: a txn holds an exchange, too large to allocate per change
	t.c, t.s, t.at, t.replay = c, &c.st, r.at, replay
	if err := c.admit(r, t); err != nil {
		return err
	}
	if a := c.agency; a != nil {
		if _, ok := r.ev.(agencyChange); ok {
			a.mu.Lock()
			defer a.mu.Unlock()
		}
	}
	if err := r.ev.validate(t); err != nil {
		return err
	}
	r.ev.apply(t)
	c.records = append(c.records, r)
	return nil
}

// admit finds the actor, and checks the rights table, the event's own
// fields, and that a worker or supervisor is the one assigned now.
func (c *Case) admit(r record, t *txn) error {
	opening, isOpening := r.ev.(CaseOpened)
	seq := uint64(len(c.records)) + 1
	switch {
	case seq == 1 && !isOpening:
		return entryError(seq, fmt.Sprintf("a record begins with %s, not %s", CaseOpened{}.EventType(), r.ev.EventType()))
	case seq > 1 && isOpening:
		return entryError(seq, "the case is already open")
	}
	var err error
	if isOpening {
		if err = opening.check(); err != nil {
			return err
		}
		t.actor, err = opening.party(r.actor)
	} else {
		t.actor, err = c.st.party(r.actor)
	}
	if err != nil {
		return err
	}
	if err := rights.Check(t.actor, r.ev.act()); err != nil {
		return err
	}
	if err := r.ev.check(); err != nil {
		return err
	}
	if isOpening {
		return nil
	}
	return c.st.assigned(t.actor, r.ev.act())
}

// assigned checks that a worker is the worker assigned to the case, and a
// supervisor the supervisor of that worker: former workers and supervisors
// keep their place in the parties, but lose every power over the case.
func (s *state) assigned(p relationship.Party, act relationship.Act) error {
	var rule string
	switch p.Role() {
	case relationship.RoleWorker:
		if p.ID() == s.worker.id {
			return nil
		}
		rule = "only the worker assigned to the case may act on it"
	case relationship.RoleSupervisor:
		if p.ID() == s.supervisor().ID() {
			return nil
		}
		rule = "only the supervisor of the assigned worker may act on the case"
	default:
		return nil
	}
	return &GuardError{Actor: p.ID(), Role: p.Role(), Act: act, Rule: rule, Err: ErrNotAssigned}
}

// inPhase checks that the case is in one of the phases allowed for act.
func (t *txn) inPhase(act relationship.Act, allow ...Phase) error {
	for _, p := range allow {
		if t.s.phase == p {
			return nil
		}
	}
	return &WrongPhaseError{Act: act, Phase: t.s.phase, Allow: allow}
}

// open checks that the case is open, for acts allowed in every open phase.
func (t *txn) open(act relationship.Act) error { return t.inPhase(act, openPhases...) }

// agency returns the agency for a change that needs it. A live change on a
// case without its agency fails with ErrDetached; a replayed one returns
// nil, and the caller skips what only the agency can check.
func (t *txn) agency() (*Agency, error) {
	if t.c.agency == nil && !t.replay {
		return nil, ErrDetached
	}
	return t.c.agency, nil
}

// exchange prepares the exchange in which the assigned worker gives the
// client support, for apply to record in the ledger.
func (t *txn) exchange(field string, id uuid.UUID, support relationship.Support) error {
	if err := t.s.fresh(field, id); err != nil {
		return err
	}
	x, err := relationship.NewExchange(id, t.s.worker.id, t.s.client.ID(), support, t.at)
	if err != nil {
		return err
	}
	t.x = x.In(t.s.name)
	return nil
}

// record puts the exchange validate prepared into the ledger.
func (t *txn) record() {
	// The exchange came from NewExchange, whose checks are the ledger's.
	_ = t.c.ledger.Record(t.x)
	t.s.issue(t.x.ID(), itemExchange, t.c.ledger.Len()-1)
}
