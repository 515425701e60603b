package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// session is one class's play: a charity organisation society with one
// case, and a settlement-house club. Every change goes through the library
// and is saved to the journal before the page answers.
type session struct {
	mu  sync.Mutex // serialises acts and reads of the three records
	rec sessionRecord

	agency *casework.Agency
	c      *casework.Case
	g      *groupwork.Group
	drawn  *drawn // the pictures at the records' versions
}

// sessionRecord is what the roster keeps of a session: its code, the
// identifiers that find its records in the journal, and the parties the
// roles act as.
type sessionRecord struct {
	Code        string               `json:"code"`
	Agency      relationship.PartyID `json:"agency"`
	Case        uuid.UUID            `json:"case"`
	Group       uuid.UUID            `json:"group"`
	Client      relationship.PartyID `json:"client"`
	Worker      relationship.PartyID `json:"worker"`
	Supervisor  relationship.PartyID `json:"supervisor"`
	Facilitator relationship.PartyID `json:"facilitator"`
	Ended       bool                 `json:"ended,omitempty"`
}

// The scene every session starts with.
const (
	agencyName = "Chicago Bureau of Charities"
	caseName   = "the Novak family"
	clubName   = "the mothers' club at the neighbourhood house"
)

// newSession founds the agency, opens the case and forms the club, and saves
// all three to the journal.
func newSession(ctx context.Context, j relationship.Journal, code string) (*session, error) {
	rec := sessionRecord{
		Code:        code,
		Agency:      relationship.NewPartyID(),
		Client:      relationship.NewPartyID(),
		Worker:      relationship.NewPartyID(),
		Supervisor:  relationship.NewPartyID(),
		Facilitator: relationship.NewPartyID(),
	}
	agency, err := casework.NewAgency(casework.AgencySpec{ID: rec.Agency, Name: agencyName, Stock: []casework.Stock{
		{Resource: "coal", Unit: "hundredweight", Quantity: 60, ApprovalAbove: 2},
		{Resource: "groceries", Unit: "order", Quantity: 40, ApprovalAbove: 1},
		{Resource: "rent", Unit: "cent", Quantity: 50000, ApprovalAbove: 800},
	}}, nil)
	if err != nil {
		return nil, err
	}
	sup, err := casework.NewSupervisor(rec.Supervisor, "the district secretary")
	if err != nil {
		return nil, err
	}
	w, err := casework.NewWorker(rec.Worker, "the agent", sup, 0)
	if err != nil {
		return nil, err
	}
	client, err := casework.NewClient(rec.Client, "Katarzyna Novak", casework.Intake{
		Household: []casework.HouseholdMember{
			{Name: "Katarzyna Novak", Relation: "self", Age: 31},
			{Name: "Jan Novak", Relation: "husband", Age: 35},
			{Name: "Marek Novak", Relation: "son", Age: 8},
		},
		PresentingProblem: "Jan laid off at the Pullman works; the rent two weeks behind; no coal",
		Needs:             []string{"coal", "the rent", "work"},
		Strengths:         []string{"Katarzyna sews", "a cousin in the stockyards"},
	})
	if err != nil {
		return nil, err
	}
	if err := agency.AppointSupervisor(rec.Agency, sup); err != nil {
		return nil, err
	}
	if err := agency.AppointWorker(rec.Agency, w); err != nil {
		return nil, err
	}
	c, err := casework.NewCase(rec.Worker, agency, casework.Application{Name: caseName, Client: client, Worker: w}, nil)
	if err != nil {
		return nil, err
	}
	rec.Case = c.ID()
	f, err := relationship.NewParty(rec.Facilitator, "the club's group worker", relationship.RoleFacilitator)
	if err != nil {
		return nil, err
	}
	g, err := groupwork.NewGroup(f, groupwork.Spec{
		Name:     clubName,
		Purposes: []relationship.Purpose{relationship.PurposeSupport, relationship.PurposeEducation, relationship.PurposeSocialAction},
		Model:    groupwork.Reciprocal,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership, Capacity: maxPeople},
	}, nil)
	if err != nil {
		return nil, err
	}
	rec.Group = g.ID()
	s := &session{rec: rec, agency: agency, c: c, g: g}
	if err := s.save(ctx, j); err != nil {
		return nil, err
	}
	return s, nil
}

// loadSession brings a session back from the journal: the agency first,
// then the case bound to it, then the club.
func loadSession(ctx context.Context, j relationship.Journal, rec sessionRecord) (*session, error) {
	agency, err := casework.LoadAgency(ctx, j, rec.Agency, nil)
	if err != nil {
		return nil, err
	}
	c, err := casework.Load(ctx, j, rec.Case, &casework.Options{Agency: agency})
	if err != nil {
		return nil, err
	}
	g, err := groupwork.Load(ctx, j, rec.Group, nil)
	if err != nil {
		return nil, err
	}
	return &session{rec: rec, agency: agency, c: c, g: g}, nil
}

// save appends what is new in the three records to the journal.
func (s *session) save(ctx context.Context, j relationship.Journal) error {
	return errors.Join(s.agency.Save(ctx, j), s.c.Save(ctx, j), s.g.Save(ctx, j))
}

// errSaving wraps a failure to keep an act: the act was made, but the server
// could not write it down.
var errSaving = errors.New("the act was made but could not be saved: tell the teacher")

// act runs one act against the session's records, alone, and saves it.
func (s *session) act(ctx context.Context, j relationship.Journal, do func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := do(); err != nil {
		return err
	}
	if err := s.save(ctx, j); err != nil {
		return fmt.Errorf("%w (%v)", errSaving, err)
	}
	return nil
}

// record returns what the roster keeps of the session.
func (s *session) record() sessionRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rec
}

func (s *session) isEnded() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rec.Ended
}

func (s *session) setEnded(v bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rec.Ended = v
}

// errNoSuchRole is returned for a role the classroom does not know.
var errNoSuchRole = errors.New("no such role")

// partyFor returns the party a new holder of the role acts as: the case's
// client, worker or supervisor, the club's facilitator, or, for a member,
// a new identity of their own, under which they then join the club.
func (s *session) partyFor(role string) (relationship.PartyID, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch role {
	case roleClient:
		return s.rec.Client, nil
	case roleWorker:
		return s.rec.Worker, nil
	case roleSupervisor:
		return s.rec.Supervisor, nil
	case roleFacilitator:
		return s.rec.Facilitator, nil
	case roleMember:
		return relationship.NewPartyID(), nil
	}
	return relationship.PartyID{}, errNoSuchRole
}
