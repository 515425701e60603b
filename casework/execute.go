package casework

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// change is an event of a case's record that this package knows how to
// check and apply. Every change to a case, made now or replayed from a
// record, goes through the record engine ([relationship.Engine]), which
// calls the case's caseRules: the actor is found among the parties, the
// rights table and the guards are consulted, the event is validated
// against the state, and only then applied and appended to the record.
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

// record is one entry of a case's record, as the timeline reads it.
type record struct {
	at    time.Time
	actor relationship.PartyID
	ev    change
}

// records returns the case's record as records, a snapshot, or the error
// of reading the entries that are kept in the journal.
func (c *Case) records() ([]record, error) {
	var rs []record
	for e, err := range c.eng.Entries(context.Background()) {
		if err != nil {
			return nil, err
		}
		rs = append(rs, record{at: e.Time(), actor: e.Actor(), ev: e.Event().(change)})
	}
	return rs, nil
}

// txn carries one change through validate and apply.
type txn struct {
	c      *Case
	s      *state
	at     time.Time
	actor  relationship.Party
	replay bool // replaying a record

	x relationship.Exchange // the exchange validate prepared for apply
}

// caseRules are a case's [relationship.Rules].
type caseRules struct {
	c  *Case
	tx txn // reused: a txn holds an exchange, too large to allocate per change
}

var _ relationship.Rules = (*caseRules)(nil)

// Stream implements [relationship.Rules]: see [StreamName].
func (r *caseRules) Stream() string { return StreamName(r.c.st.id) }

// Rights implements [relationship.Rules].
func (r *caseRules) Rights() *relationship.Rights { return rights }

// Act implements [relationship.Rules].
func (r *caseRules) Act(ev relationship.Event) (relationship.Act, bool) {
	c, ok := ev.(change)
	if !ok {
		return "", false
	}
	return c.act(), true
}

// Begins implements [relationship.Rules]: a record begins when a case is
// opened.
func (r *caseRules) Begins(ev relationship.Event) bool {
	_, ok := ev.(CaseOpened)
	return ok
}

// Actor implements [relationship.Rules]: one of the case's parties, or, for
// the opening, one of the parties it brings. Whether a worker or
// supervisor is on the agency's roster is the agency's to check, in the
// changes a case makes to it; the roster's own rules (no worker leaves it
// with open cases, no supervisor while supervising) keep every assigned
// worker and supervisor on it.
func (r *caseRules) Actor(ch *relationship.Change) (relationship.Party, error) {
	if opening, ok := ch.Entry.Event().(CaseOpened); ok {
		// The opening says who the parties are: it must be well formed
		// before the actor can be found among them.
		if err := opening.check(); err != nil {
			return relationship.Party{}, err
		}
		return opening.party(ch.Entry.Actor())
	}
	return r.c.st.party(ch.Entry.Actor())
}

// Validate implements [relationship.Rules].
func (r *caseRules) Validate(ev relationship.Event) error {
	if err := ev.(change).check(); err != nil {
		return err
	}
	return relationship.CheckTextsIn(ev)
}

// Check implements [relationship.Rules]: a worker or supervisor must be the
// one assigned now, then the event's own rules apply.
func (r *caseRules) Check(ch *relationship.Change) error {
	t := &r.tx
	*t = txn{c: r.c, s: &r.c.st, at: ch.Entry.Time(), actor: ch.Actor, replay: ch.Replay}
	ev := ch.Entry.Event().(change)
	if _, opening := ev.(CaseOpened); !opening {
		if err := t.s.assigned(t.actor, ev.act()); err != nil {
			return err
		}
	}
	return ev.validate(t)
}

// Apply implements [relationship.Rules].
func (r *caseRules) Apply(ch *relationship.Change) { ch.Entry.Event().(change).apply(&r.tx) }

// do makes a change to the case alone, now. The caller holds the write
// lock and has drawn any new identifiers.
func (c *Case) do(actor relationship.PartyID, ev change) error {
	return c.eng.Do(actor, ev, nil)
}

// doWith makes one change to the case and to its agency at once: both are
// recorded, or neither, and they are saved together. build makes the two
// events from the case's state. A case without its agency cannot make one
// ([ErrDetached]). The caller holds neither lock: an agency's lock is
// always taken before its cases'. A case's agency is fixed when the case
// is made, so reading c.agency needs no lock.
func (c *Case) doWith(actor relationship.PartyID, build func(s *state) (change, agencyEvent, error)) error {
	a := c.agency
	if a == nil {
		return ErrDetached
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	ev, aev, err := build(&c.st)
	if err != nil {
		return err
	}
	return c.eng.DoWith(actor, ev, nil, a.eng, aev)
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
	return relationship.Refuse(p, act, rule, ErrNotAssigned)
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
