package casework

import (
	"iter"
	"slices"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// state is everything a case knows, as plain data: a case rebuilt from its
// record has a state equal to the original's (see the replay tests). Only
// apply methods of events change it.
type state struct {
	id          uuid.UUID
	name        string
	agency      relationship.PartyID
	agencyName  string
	terms       []ResourceTerms
	purposes    []relationship.Purpose
	planConsent bool // treatment needs the client's consent to the plan

	parties []relationship.Party // in the order they joined; a case has few
	client  Client
	worker  Worker // the worker assigned now

	phase      Phase
	assessment *Assessment // the latest eligibility assessment, nil after reopening
	evidence   []EvidenceItem
	diagnosis  *Diagnosis
	goals      []Goal
	consents   []Consent
	provisions []Provision
	notes      []Note
	referrals  []Referral
	closure    *Closure

	items map[uuid.UUID]item // every identifier the case has issued
}

// itemKind says what an identifier of the case names.
type itemKind uint8

const (
	itemEvidence itemKind = iota + 1
	itemGoal
	itemConsent
	itemProvision
	itemNote
	itemReferral
	itemExchange
	itemCase
)

var itemNames = [...]string{"", "evidence", "goal", "consent", "provision", "note", "referral", "exchange", "case"}

// item locates an identified item in its slice of the state.
type item struct {
	kind  itemKind
	index int
}

// party returns the case's party with the given identifier.
func (s *state) party(id relationship.PartyID) (relationship.Party, error) {
	for _, p := range s.parties {
		if p.ID() == id {
			return p, nil
		}
	}
	return relationship.Party{}, &relationship.PartyError{Party: id}
}

// join adds p to the parties unless it is one already.
func (s *state) join(p relationship.Party) {
	if _, err := s.party(p.ID()); err == nil {
		return
	}
	s.parties = append(s.parties, p)
}

// admissible checks that p may join the case: a new identifier, or the same
// party in the same role under the same name.
func (s *state) admissible(field string, p relationship.Party) error {
	q, err := s.party(p.ID())
	if err != nil || q == p {
		return nil
	}
	return &InputError{Field: field, Value: p.ID().String(), Err: ErrDuplicateID}
}

// supervisor returns the supervisor of the assigned worker.
func (s *state) supervisor() Supervisor { return s.worker.supervisor }

// fresh checks that id is a new identifier for the case.
func (s *state) fresh(field string, id uuid.UUID) error {
	if err := requireID(field, id); err != nil {
		return err
	}
	if _, dup := s.items[id]; dup {
		return &InputError{Field: field, Value: id.String(), Err: ErrDuplicateID}
	}
	return nil
}

// issue records that id names the item at index of the given kind.
func (s *state) issue(id uuid.UUID, kind itemKind, index int) {
	s.items[id] = item{kind, index}
}

// find returns the index of the item of the given kind named id.
func (s *state) find(kind itemKind, id uuid.UUID) (int, error) {
	it, ok := s.items[id]
	if !ok || it.kind != kind {
		return 0, &NotFoundError{Item: itemNames[kind], ID: id}
	}
	return it.index, nil
}

// terms returns the agency's terms for resource r.
func (s *state) resource(r Resource) (ResourceTerms, bool) {
	for _, t := range s.terms {
		if t.Resource == r {
			return t, true
		}
	}
	return ResourceTerms{}, false
}

// snapshot returns an iterator over a copy of one slice of a case's state,
// taken under the read lock; the loop body runs without the lock.
func snapshot[T any](c *Case, get func(*state) []T) iter.Seq[T] {
	return func(yield func(T) bool) {
		c.mu.RLock()
		xs := slices.Clone(get(&c.st))
		c.mu.RUnlock()
		for _, x := range xs {
			if !yield(x) {
				return
			}
		}
	}
}

// lookup returns a copy of the item of the given kind named id.
func lookup[T any](c *Case, kind itemKind, id uuid.UUID, get func(*state) []T) (T, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	i, err := c.st.find(kind, id)
	if err != nil {
		var zero T
		return zero, false
	}
	return get(&c.st)[i], true
}
