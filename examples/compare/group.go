package main

import (
	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// The settlement's side of the story: a mothers' club at the neighbourhood
// house on the same street, with its club leader, a resident of the house
// ("group worker" is a later name for the role).
var (
	worker  = relationship.MustParty(id(10), "Mrs. Ruth Lane", relationship.RoleFacilitator)
	members = []struct {
		id        relationship.PartyID
		name      string
		strengths []string
		needs     []string
	}{
		{id(11), "Katarzyna", []string{"material:sewing"}, []string{"informational:english"}},
		{id(12), "Bridget", []string{"informational:english", "companionship:singing"}, []string{"emotional"}},
		{id(13), "Rosa", []string{"material:cooking", "emotional"}, []string{"informational:landlord"}},
		{id(14), "Hannah", []string{"informational:landlord", "appraisal"}, []string{"material:sewing"}},
		{id(15), "Ilse", []string{"companionship:singing"}, []string{"material:cooking"}},
	}
)

// runGroup follows the club through one season: the members join, meet,
// choose what to do, help one another, take up a neighbourhood concern, and
// part.
func runGroup(src *relationship.Sources) (*groupwork.Group, error) {
	g, err := groupwork.NewGroup(worker, groupwork.Spec{
		Name:     "the mothers' club",
		Purposes: []relationship.Purpose{relationship.PurposeSupport, relationship.PurposeEducation, relationship.PurposeSocialAction},
		Model:    groupwork.Reciprocal,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership, Capacity: 12},
	}, &groupwork.Options{Sources: src})
	if err != nil {
		return nil, err
	}
	s := &script{}
	ids := make([]relationship.PartyID, len(members))
	for i, m := range members {
		ids[i] = m.id
		s.do(g.Join(m.id, m.name, profile(s, m.strengths, m.needs)))
	}
	f := worker.ID()
	meeting := func(place string) uuid.UUID {
		mt := s.id(g.ConveneMeeting(f, src.Now(), place))
		for _, m := range ids {
			s.do(g.RecordAttendance(f, mt, m, groupwork.Present))
		}
		return mt
	}
	aid := func(from, to int, kind relationship.SupportKind, what string, p groupwork.MutualAidProcess, mt uuid.UUID) {
		sup, err := relationship.NewSupport(kind, what)
		s.do(err)
		target := f
		if to >= 0 {
			target = ids[to]
		}
		_, err = g.GiveAid(ids[from], groupwork.Aid{To: target, Support: sup, Process: p, Meeting: mt})
		s.do(err)
	}

	first := meeting("the club room")
	s.id(g.ChooseActivity(ids[1], first, groupwork.Singing, "songs from home, in four languages"))
	aid(1, 0, relationship.Informational, "an English lesson", groupwork.SharingData, first)
	aid(0, 3, relationship.Material, "let out a coat", groupwork.MutualSupport, first)
	s.do(g.RecordStage(f, groupwork.PowerAndControl, "who runs the club: an argument about dues"))

	second := meeting("the kitchen")
	s.id(g.ChooseActivity(ids[2], second, groupwork.Cooking, "bread for the week"))
	aid(2, 4, relationship.Material, "taught her to bake rye bread", groupwork.SharingData, second)
	aid(3, 2, relationship.Informational, "what the landlord may and may not do", groupwork.SharingData, second)
	aid(4, 1, relationship.Companionship, "sang with her while the baby slept", groupwork.MutualSupport, second)
	aid(4, 2, relationship.Companionship, "sang while she baked", groupwork.MutualSupport, second)
	aid(2, 1, relationship.Emotional, "sat with her when her husband was laid off", groupwork.SameBoat, second)
	aid(3, 0, relationship.Appraisal, "your English is better than you think", groupwork.MutualDemand, second)
	s.do(g.RecordStage(f, groupwork.Intimacy, "they bring their own troubles now"))

	third := meeting("the club room")
	concern := s.id(g.RaiseConcern(ids[3], groupwork.ScopeNeighbourhood, "the alley behind Halsted Street is not cleaned"))
	s.do(g.TakeAction(ids[0], concern, groupwork.ActionPetition, "a petition to the ward alderman, forty names"))
	aid(1, 3, relationship.Informational, "wrote out the petition in English", groupwork.StrengthInNumbers, third)
	aid(0, 1, relationship.Companionship, "carried the petition door to door together", groupwork.StrengthInNumbers, third)
	aid(2, -1, relationship.Appraisal, "the club is ours now", groupwork.MutualSupport, third)
	aid(3, 4, relationship.Emotional, "welcomed her to the street", groupwork.MutualSupport, third)
	aid(2, 3, relationship.Material, "bread for the petition-carriers", groupwork.MutualSupport, third)
	aid(3, 1, relationship.Informational, "read her the landlord's notice", groupwork.IndividualProblemSolving, third)
	s.do(g.CloseConcern(ids[3], concern, groupwork.OutcomeResolved, "the alley is cleaned every week"))

	// The club chooses its summer outing by ranked ballot, at the meeting.
	outing := s.id(g.Propose(ids[0], groupwork.ProposalSpec{
		Title:   "Where shall the club go in the summer?",
		Options: []string{"a picnic in Lincoln Park", "a steamer to Jackson Park", "the Field Museum"},
		Rule:    groupwork.RuleInstantRunoff,
		Meeting: third,
		Review:  src.Now().AddDate(0, 6, 0),
	}))
	for i, ranking := range [][]int{{0, 2}, {1, 0}, {0}, {2, 1, 0}, {1, 0}} {
		s.do(g.Vote(ids[i], outing, groupwork.Ballot{Options: ranking}))
	}
	_, err = g.CloseProposal(ids[0], outing)
	s.do(err)
	s.do(g.RecordStage(f, groupwork.Differentiation, "each takes a part; disagreements are aired and settled"))
	s.do(g.RecordStage(f, groupwork.Separation, "the season ends; they plan the summer picnic"))
	s.do(g.EndGroup(f, "the season is over"))
	return g, s.err
}

// profile parses the members' strengths and needs, written "kind:area".
func profile(s *script, strengths, needs []string) groupwork.Profile {
	var p groupwork.Profile
	for _, t := range strengths {
		st, err := groupwork.ParseStrength(t)
		s.do(err)
		p.Strengths = append(p.Strengths, st)
	}
	for _, t := range needs {
		n, err := groupwork.ParseNeed(t)
		s.do(err)
		p.Needs = append(p.Needs, n)
	}
	return p
}
