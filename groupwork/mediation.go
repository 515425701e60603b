package groupwork

import (
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Demand is what society asks of the members, through one of its
// institutions: the agency's rules, the school's attendance officer, the
// park commission's by-laws, the landlord's lease. Source names who makes
// the demand; What states it.
type Demand struct {
	Source string
	What   string
}

// Mediation is a snapshot of the facilitator's work between a demand of
// society and a need of the members, in William Schwartz's sense ("The
// Social Worker in the Group", 1961): the worker stands between the two,
// searches for the common ground where each needs the other, and helps them
// reach each other. It records the demand, the need, the concern it grew
// out of (if any) and, once settled, the common ground found and the
// agreement reached. Changing the group does not change a snapshot.
type Mediation struct {
	id           uuid.UUID
	concern      uuid.UUID
	demand       Demand
	need         string
	openedBy     relationship.PartyID
	openedAt     time.Time
	commonGround string
	agreement    string
	settledAt    time.Time
}

// ID returns the mediation's identifier.
func (m Mediation) ID() uuid.UUID { return m.id }

// Concern returns the concern the mediation grew out of, or the zero UUID.
func (m Mediation) Concern() uuid.UUID { return m.concern }

// Demand returns the demand of society or the agency.
func (m Mediation) Demand() Demand { return m.demand }

// Need returns the members' need that meets the demand.
func (m Mediation) Need() string { return m.need }

// Opened returns who opened the mediation, and when.
func (m Mediation) Opened() (relationship.PartyID, time.Time) { return m.openedBy, m.openedAt }

// IsSettled reports whether common ground and an agreement were recorded.
func (m Mediation) IsSettled() bool { return !m.settledAt.IsZero() }

// CommonGround returns what the demand and the need were found to share,
// or "" while the mediation is open.
func (m Mediation) CommonGround() string { return m.commonGround }

// Agreement returns what the parties agreed, or "" while the mediation is
// open.
func (m Mediation) Agreement() string { return m.agreement }

// Settled returns when the mediation was settled, or the zero time.
func (m Mediation) Settled() time.Time { return m.settledAt }

// OpenMediation begins the facilitator's mediation between a demand and a
// need of the members, optionally linked to the concern it grew out of (the
// zero UUID for none), and returns its identifier.
//
// Only the facilitator mediates. Errors: [*relationship.PartyError],
// [*relationship.PermissionError], [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping
// [ErrUnknownConcern], and [*InputError] wrapping [ErrBlank] for a blank source, demand or need.
func (g *Group) OpenMediation(actor relationship.PartyID, concern uuid.UUID, demand Demand, need string) (uuid.UUID, error) {
	if g == nil {
		return uuid.Nil, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := MediationOpened{Mediation: g.src.NewID(), Concern: concern, Source: strings.TrimSpace(demand.Source),
		Demand: strings.TrimSpace(demand.What), Need: strings.TrimSpace(need)}
	return idOr(ev.Mediation, g.commit(actor, ev))
}

func (e MediationOpened) check(s *state, _ *step) error {
	if e.Concern != uuid.Nil {
		if _, ok := s.concernX[e.Concern]; !ok {
			return &NotFoundError{ID: e.Concern, Err: ErrUnknownConcern}
		}
	}
	for _, f := range [...]struct{ name, text string }{{"source", e.Source}, {"demand", e.Demand}, {"need", e.Need}} {
		if strings.TrimSpace(f.text) == "" {
			return blank(f.name)
		}
	}
	return s.fresh(e.Mediation)
}

func (e MediationOpened) apply(s *state, st *step) {
	s.claim(e.Mediation)
	s.mednX[e.Mediation] = int32(len(s.medns))
	s.medns = append(s.medns, Mediation{
		id: e.Mediation, concern: e.Concern, need: strings.TrimSpace(e.Need), openedBy: st.actor, openedAt: st.at,
		demand: Demand{Source: strings.TrimSpace(e.Source), What: strings.TrimSpace(e.Demand)},
	})
}

// SettleMediation records the common ground found and the agreement
// reached in an open mediation. The facilitator records them; the
// agreement is the members' and the institution's own.
//
// Only the facilitator settles. Errors: [*relationship.PartyError],
// [*relationship.PermissionError], [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping
// [ErrUnknownMediation], [*StateError] wrapping [ErrAlreadyDone] for a mediation already settled, and
// [*InputError] wrapping [ErrBlank] for a blank common ground or agreement.
func (g *Group) SettleMediation(actor relationship.PartyID, mediation uuid.UUID, commonGround, agreement string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, MediationSettled{Mediation: mediation,
		CommonGround: strings.TrimSpace(commonGround), Agreement: strings.TrimSpace(agreement)})
}

func (e MediationSettled) check(s *state, st *step) error {
	i, ok := s.mednX[e.Mediation]
	if !ok {
		return &NotFoundError{ID: e.Mediation, Err: ErrUnknownMediation}
	}
	if s.medns[i].IsSettled() {
		return done("mediation", e.Mediation)
	}
	if strings.TrimSpace(e.CommonGround) == "" {
		return blank("common ground")
	}
	if strings.TrimSpace(e.Agreement) == "" {
		return blank("agreement")
	}
	st.target = i
	return nil
}

func (e MediationSettled) apply(s *state, st *step) {
	m := &s.medns[st.target]
	m.commonGround, m.agreement, m.settledAt = strings.TrimSpace(e.CommonGround), strings.TrimSpace(e.Agreement), st.at
}

// Mediation returns a snapshot of the mediation with the given identifier,
// and false if the group has none.
func (g *Group) Mediation(id uuid.UUID) (Mediation, bool) {
	if g == nil {
		return Mediation{}, false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.mednX[id]
	if !ok {
		return Mediation{}, false
	}
	return g.st.medns[i], true
}

// Mediations yields a snapshot of every mediation, in the order opened.
func (g *Group) Mediations() iter.Seq[Mediation] {
	if g == nil {
		return func(func(Mediation) bool) {}
	}
	return func(yield func(Mediation) bool) {
		g.mu.RLock()
		ms := slices.Clone(g.st.medns) // settling changes an element in place
		g.mu.RUnlock()
		for _, m := range ms {
			if !yield(m) {
				return
			}
		}
	}
}
