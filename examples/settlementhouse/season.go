package main

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// storyClock is the season's calendar: the story sets the day, and each
// reading within a day is a minute after the one before, so that the
// record's entries carry the story's dates in order.
type storyClock struct {
	mu   sync.Mutex
	tick func() time.Time
}

// on sets the story's day to the given date, from seven in the evening, when
// the club meets.
func (c *storyClock) on(year int, month time.Month, day int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tick = relationship.StepClock(time.Date(year, month, day, 19, 0, 0, 0, time.UTC), time.Minute)
}

func (c *storyClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tick()
}

// season is the club's season as it is played: the group, the people in
// it by first name, and the first error, which stops the story.
type season struct {
	g        *groupwork.Group
	clock    *storyClock
	worker   relationship.PartyID
	ids      map[string]relationship.PartyID
	names    map[relationship.PartyID]string
	meetings []uuid.UUID
	concern  uuid.UUID
	med      uuid.UUID
	votes    []uuid.UUID        // the club's proposals, in the order raised
	helpers  []groupwork.Helper // who could help Giulia with English, when she came
	refusals []string           // what the rules would not let anyone do, and why
	err      error
}

// person is someone who joins the club, with what she offers and seeks.
type person struct {
	first, last string
	strengths   []string
	needs       []string
}

var founders = []person{
	{"Rosa", "Bianchi", []string{"informational:english", "companionship:singing"}, []string{"material:winter-coat"}},
	{"Hannah", "Levin", []string{"material:sewing", "informational:sewing"}, []string{"informational:arithmetic"}},
	{"Maria", "Kowalska", []string{"emotional"}, []string{"informational:english"}},
	{"Bridget", "Walsh", []string{"informational:english", "companionship:basketball", "appraisal"}, []string{"emotional"}},
	{"Sadie", "Cohen", []string{"informational:arithmetic", "companionship:english"}, []string{"companionship"}},
	{"Anna", "Novak", []string{"material:cooking"}, []string{"informational:english"}},
}

var newcomers = []person{
	{"Giulia", "Russo", []string{"companionship:dancing"}, []string{"informational:english", "emotional"}},
	{"Olga", "Petrova", []string{"material:mending"}, []string{"appraisal"}},
}

// playSeason runs the club's season from forming to ending.
func playSeason() (*season, error) {
	s := &season{clock: &storyClock{}, ids: map[string]relationship.PartyID{}, names: map[relationship.PartyID]string{}}
	s.clock.on(1910, time.September, 27)
	worker := relationship.MustParty(relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-0000000000f1"), "Ellen Lane", relationship.RoleFacilitator)
	s.worker = worker.ID()
	s.names[s.worker] = "Miss Lane"
	g, err := groupwork.NewGroup(worker, groupwork.Spec{
		Name: "Ewing Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation, relationship.PurposeSocialisation,
			relationship.PurposeEducation, relationship.PurposeSocialAction},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership, Capacity: 12, MaxProxies: 1},
	}, &groupwork.Options{Sources: &relationship.Sources{Clock: s.clock.now, IDs: relationship.SequentialIDs(1910)}})
	if err != nil {
		return nil, err
	}
	s.g = g
	for _, chapter := range []func(){s.autumn, s.november, s.winter, s.january, s.spring} {
		chapter()
	}
	return s, s.err
}

// do runs a step of the story unless an earlier one failed.
func (s *season) do(step func() error) {
	if s.err == nil {
		s.err = step()
	}
}

// join brings a person into the club.
func (s *season) join(p person) {
	s.do(func() error {
		id := relationship.PartyID(uuid.NewSHA1(uuid.NameSpaceOID, []byte(p.first+" "+p.last)))
		s.ids[p.first], s.names[id] = id, p.first
		profile, err := parseProfile(p)
		if err != nil {
			return err
		}
		return s.g.Join(id, p.first+" "+p.last, profile)
	})
}

func parseProfile(p person) (groupwork.Profile, error) {
	var prof groupwork.Profile
	for _, t := range p.strengths {
		st, err := groupwork.ParseStrength(t)
		if err != nil {
			return prof, err
		}
		prof.Strengths = append(prof.Strengths, st)
	}
	for _, t := range p.needs {
		n, err := groupwork.ParseNeed(t)
		if err != nil {
			return prof, err
		}
		prof.Needs = append(prof.Needs, n)
	}
	return prof, nil
}

// meet convenes a meeting on the story's day and keeps the register: every
// current member is present unless marked otherwise.
func (s *season) meet(place string, marks map[string]groupwork.Attendance) uuid.UUID {
	var id uuid.UUID
	s.do(func() (err error) {
		id, err = s.g.ConveneMeeting(s.worker, s.clock.now(), place)
		return err
	})
	for m := range s.g.Members() {
		mark, ok := marks[s.names[m.ID()]]
		if !ok {
			mark = groupwork.Present
		}
		s.do(func() error { return s.g.RecordAttendance(s.worker, id, m.ID(), mark) })
	}
	s.meetings = append(s.meetings, id)
	return id
}

// programme has a member choose an activity for a meeting, and records it
// done with a note.
func (s *season) programme(who string, meeting uuid.UUID, a groupwork.Activity, what, how string) {
	s.do(func() error {
		item, err := s.g.ChooseActivity(s.ids[who], meeting, a, what)
		if err != nil {
			return err
		}
		return s.g.RecordActivity(s.worker, item, how)
	})
}

// aid records that giver helped receiver ("Miss Lane" is the worker).
func (s *season) aid(giver, receiver string, meeting uuid.UUID, kind relationship.SupportKind, what string, p groupwork.MutualAidProcess) {
	s.do(func() error {
		sup, err := relationship.NewSupport(kind, what)
		if err != nil {
			return err
		}
		_, err = s.g.GiveAid(s.party(giver), groupwork.Aid{To: s.party(receiver), Support: sup, Process: p, Meeting: meeting})
		return err
	})
}

func (s *season) party(name string) relationship.PartyID {
	if name == "Miss Lane" {
		return s.worker
	}
	return s.ids[name]
}

func (s *season) stage(to groupwork.Stage, evidence string) {
	s.do(func() error { return s.g.RecordStage(s.worker, to, evidence) })
}

func (s *season) note(meeting uuid.UUID, text string, tags ...groupwork.Tag) {
	s.do(func() error {
		_, err := s.g.RecordNote(s.worker, meeting, text, tags...)
		return err
	})
}

func (s *season) action(who string, kind groupwork.ActionKind, what string) {
	s.do(func() error { return s.g.TakeAction(s.ids[who], s.concern, kind, what) })
}

// refused notes an attempt the group's rules refused, with the reason in
// plain words, and stops the story if the rules let it through or refused it
// for another reason than a lack of power.
func (s *season) refused(what, why string, err error) {
	if s.err != nil {
		return
	}
	if err == nil {
		s.err = fmt.Errorf("%s was not refused", what)
		return
	}
	if !errors.Is(err, relationship.ErrNotPermitted) {
		s.err = fmt.Errorf("%s was refused, but not for want of power: %w", what, err)
		return
	}
	s.refusals = append(s.refusals, what+": refused, since "+why)
}

// propose has a member raise a proposal, and keeps it for the report.
func (s *season) propose(who string, spec groupwork.ProposalSpec) uuid.UUID {
	var id uuid.UUID
	s.do(func() (err error) {
		id, err = s.g.Propose(s.ids[who], spec)
		return err
	})
	s.votes = append(s.votes, id)
	return id
}

// vote casts a member's ballot.
func (s *season) vote(who string, proposal uuid.UUID, b groupwork.Ballot) {
	s.do(func() error { return s.g.Vote(s.ids[who], proposal, b) })
}

// close has a member close a proposal.
func (s *season) close(who string, proposal uuid.UUID) {
	s.do(func() error {
		_, err := s.g.CloseProposal(s.ids[who], proposal)
		return err
	})
}
