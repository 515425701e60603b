package groupwork

import (
	"fmt"
	"reflect"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// change is an event this package knows how to check and apply. Every
// change to a group, live or replayed, goes through [Group.execute]: the
// actor is admitted, the change is checked against the current state, and
// only then applied and appended to the record. apply cannot fail: check
// has already established everything it relies on.
type change interface {
	relationship.Event
	act() relationship.Act
	check(s *state, st *step) error
	apply(s *state, st *step)
}

// step carries one entry through check and apply: who acts and when, and
// what check prepared for apply so that nothing is looked up twice.
type step struct {
	at     time.Time
	actor  relationship.PartyID
	slot   int32 // the actor's member slot, or -1 for the facilitator or a newcomer
	ledger *relationship.Ledger

	target int32                 // what is acted upon: a member slot, an item, a concern, a mediation; or -1
	meet   int32                 // the meeting concerned, or -1
	x      relationship.Exchange // the exchange an aid-given event records

	prop    int32        // the proposal concerned, or -1
	proxy   int32        // the proxy concerned, or -1
	in      input        // what a live call hands to check beside the event
	closing *closedCount // what a closing's check counted, for apply
}

// input is what a live call passes to check beside its event: what the
// record does not hold. A replayed entry has none.
type input struct {
	// sealed is the ballot of a secret or hidden vote, for check to
	// validate; the record holds only that the vote was cast.
	sealed *Ballot
	// missing lists the voters whose sealed ballots are not in the box
	// when a proposal is to close.
	missing []relationship.PartyID
}

// commit makes the entry for a change made now by actor, and executes it.
// The caller holds the write lock and has drawn any new identifiers.
func (g *Group) commit(actor relationship.PartyID, c change) error {
	return g.commitWith(actor, c, input{})
}

// commitWith is commit with what a live call passes beside the event.
func (g *Group) commitWith(actor relationship.PartyID, c change, in input) error {
	if actor.IsZero() {
		return &relationship.PartyError{Party: actor}
	}
	at := g.src.Now().UTC()
	e, err := relationship.NewEntry(uint64(len(g.record))+1, at, actor, c.act(), c)
	if err != nil {
		return err
	}
	return g.run(e, in)
}

// execute validates an entry against the group as it is, applies it and
// appends it to the record. On error nothing has changed. The caller holds
// the write lock.
func (g *Group) execute(e relationship.Entry) error { return g.run(e, input{}) }

// run is execute with what a live call passes beside the event.
func (g *Group) run(e relationship.Entry, in input) error {
	c, ok := e.Event().(change)
	if !ok {
		return &relationship.EntryError{Seq: e.Seq(), Err: relationship.ErrUnknownEvent,
			Reason: fmt.Sprintf("event type %q is not a group work event", e.Event().EventType())}
	}
	if reflect.TypeOf(c).Kind() == reflect.Pointer {
		// A record holds events as values, as they decode from JSON.
		return &relationship.EntryError{Seq: e.Seq(), Err: relationship.ErrInvalidEntry,
			Reason: fmt.Sprintf("event %s is a pointer, not a value", c.EventType())}
	}
	if want := uint64(len(g.record)) + 1; e.Seq() != want {
		return &relationship.EntryError{Seq: e.Seq(), Err: relationship.ErrInvalidEntry,
			Reason: fmt.Sprintf("sequence does not run on: want %d", want)}
	}
	if e.Act() != c.act() {
		return &relationship.EntryError{Seq: e.Seq(), Err: relationship.ErrInvalidEntry,
			Reason: fmt.Sprintf("act %q does not match event %s", e.Act(), c.EventType())}
	}
	st := &g.step
	*st = step{at: e.Time(), actor: e.Actor(), slot: -1, target: -1, meet: -1, ledger: g.ledger, prop: -1, proxy: -1, in: in}
	if err := g.st.admit(c, st, e.Seq()); err != nil {
		return err
	}
	if err := c.check(&g.st, st); err != nil {
		return err
	}
	c.apply(&g.st, st)
	g.record = append(g.record, e)
	return nil
}

// admit checks that the actor may perform the change's act at all: the
// group exists and has not ended, the actor is its facilitator or a current
// member, and the rights table lets their role perform the act. Forming and
// joining a group are the two acts of someone who is not yet a party; their
// own checks admit the actor.
func (s *state) admit(c change, st *step, seq uint64) error {
	_, forming := c.(GroupFormed)
	switch {
	case forming && s.formedYet():
		return &relationship.EntryError{Seq: seq, Err: relationship.ErrInvalidEntry, Reason: "the group is already formed"}
	case forming:
		return nil
	case !s.formedYet():
		return &relationship.EntryError{Seq: seq, Err: relationship.ErrInvalidEntry, Reason: "the first entry must form the group"}
	case s.isEnded():
		return &EndedError{Group: s.id, Ended: s.ended}
	}
	if _, joining := c.(MemberJoined); joining {
		return nil
	}
	p, slot, err := s.actor(st.actor)
	if err != nil {
		return err
	}
	if err := rights.Check(p, c.act()); err != nil {
		return err
	}
	st.slot = slot
	return nil
}
