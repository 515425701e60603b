package groupwork

import (
	"time"

	"github.com/helpingwork/helping/relationship"
)

// Facilitator is the group worker: the agency's professional, present for
// the group but not a member of it. The facilitator convenes the group,
// keeps its register and records, assesses its development and mediates
// between it and the world; members own the programme and the decisions.
// Schwartz put it that the worker's function is "to mediate the process
// through which the individual and his society reach out for each other".
//
// Facilitator is a read-only snapshot.
type Facilitator struct {
	party relationship.Party
	since time.Time
}

// ID returns the facilitator's identifier.
func (f Facilitator) ID() relationship.PartyID { return f.party.ID() }

// Name returns the facilitator's name.
func (f Facilitator) Name() string { return f.party.Name() }

// Party returns the facilitator as a party of the group, in the facilitator
// role.
func (f Facilitator) Party() relationship.Party { return f.party }

// Since returns when the facilitator formed the group.
func (f Facilitator) Since() time.Time { return f.since }

// Facilitator returns the group's facilitator.
func (g *Group) Facilitator() Facilitator {
	if g == nil {
		return Facilitator{}
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return Facilitator{party: g.st.facilitator, since: g.st.formed}
}
