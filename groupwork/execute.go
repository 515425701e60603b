package groupwork

import (
	"reflect"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// change is an event this package knows how to check and apply. Every
// change to a group, live or replayed, goes through the record engine
// ([relationship.Engine]), which calls the group's groupRules: the actor is
// admitted, the change is checked against the current state, and only
// then applied and appended to the record. apply cannot fail: check has
// already established everything it relies on.
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

// groupRules are a group's [relationship.Rules]: its state, its events and its
// guards, which the record engine runs every change through.
type groupRules struct {
	g    *Group
	step step // reused for each change, under the group's write lock
}

var _ relationship.Rules = (*groupRules)(nil)

// Stream implements [relationship.Rules]: "group-" and the identifier.
func (r *groupRules) Stream() string { return StreamName(r.g.st.id) }

// Rights implements [relationship.Rules].
func (r *groupRules) Rights() *relationship.Rights { return rights }

// Act implements [relationship.Rules]. A record holds events as values,
// as they decode from JSON: a pointer to an event is not an event of it.
func (r *groupRules) Act(ev relationship.Event) (relationship.Act, bool) {
	c, ok := ev.(change)
	if !ok || reflect.TypeOf(ev).Kind() == reflect.Pointer {
		return "", false
	}
	return c.act(), true
}

// Begins implements [relationship.Rules]: a record begins when a group is
// formed.
func (r *groupRules) Begins(ev relationship.Event) bool {
	_, ok := ev.(GroupFormed)
	return ok
}

// Actor implements [relationship.Rules]: the facilitator or a current
// member of a group that has not ended. Forming a group and joining it are
// the two acts of someone who is not yet a party: their events say who the
// actor is.
func (r *groupRules) Actor(c *relationship.Change) (relationship.Party, error) {
	s, e := &r.g.st, c.Entry
	st := &r.step
	*st = step{at: e.Time(), actor: e.Actor(), slot: -1, target: -1, meet: -1, ledger: r.g.ledger, prop: -1, proxy: -1}
	if in, ok := c.Input.(input); ok {
		st.in = in
	}
	switch ev := e.Event().(type) {
	case GroupFormed:
		p, err := relationship.NewParty(e.Actor(), ev.Facilitator, relationship.RoleFacilitator)
		if err != nil {
			return relationship.Party{}, &InputError{Field: "facilitator", Reason: "blank", Err: relationship.ErrBlank}
		}
		return p, nil
	case MemberJoined:
		if s.isEnded() {
			return relationship.Party{}, ended(s.id, s.ended)
		}
		return ev.newcomer(s, e.Actor())
	}
	if s.isEnded() {
		return relationship.Party{}, ended(s.id, s.ended)
	}
	p, slot, err := s.actor(e.Actor())
	st.slot = slot
	return p, err
}

// Validate implements [relationship.Rules]: an event's texts must be
// texts a record can keep.
func (r *groupRules) Validate(ev relationship.Event) error { return relationship.CheckTextsIn(ev) }

// Check implements [relationship.Rules].
func (r *groupRules) Check(c *relationship.Change) error {
	return c.Entry.Event().(change).check(&r.g.st, &r.step)
}

// Apply implements [relationship.Rules].
func (r *groupRules) Apply(c *relationship.Change) {
	ev := c.Entry.Event()
	ev.(change).apply(&r.g.st, &r.step)
	switch ev.(type) {
	case ProposalClosed, ProposalWithdrawn:
		if p := &r.g.st.proposals[r.step.prop]; p.spec.sealed() {
			r.g.ended(p.id, c.Entry.Seq())
		}
	}
}

// commit makes a change now, by actor. The caller holds the write lock and
// has drawn any new identifiers.
func (g *Group) commit(actor relationship.PartyID, c change) error {
	return g.eng.Do(actor, c, nil)
}

// commitWith is commit with what a live call passes beside the event.
func (g *Group) commitWith(actor relationship.PartyID, c change, in input) error {
	return g.eng.Do(actor, c, in)
}
