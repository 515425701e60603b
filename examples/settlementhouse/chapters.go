package main

import (
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

const (
	gym     = "the gymnasium"
	clubRm  = "the club room"
	emo     = relationship.Emotional
	mat     = relationship.Material
	inf     = relationship.Informational
	appr    = relationship.Appraisal
	company = relationship.Companionship
)

// autumn: the club forms, meets and quarrels.
func (s *season) autumn() {
	s.clock.on(1910, time.October, 4)
	for _, p := range founders {
		s.join(p)
	}

	s.clock.on(1910, time.October, 11)
	m := s.meet(gym, map[string]groupwork.Attendance{"Anna": groupwork.Late})
	s.programme("Bridget", m, groupwork.Games, "basketball", "the girls kept to their own streets and languages")
	s.aid("Rosa", "Maria", m, inf, "translated the rules of the game", groupwork.SharingData)
	s.note(m, "Few spoke to girls they did not know; Rosa translated for Maria without being asked.",
		groupwork.SharingData, groupwork.ImpartingInformation)

	s.clock.on(1910, time.October, 25)
	m = s.meet(clubRm, map[string]groupwork.Attendance{"Sadie": groupwork.Excused})
	s.programme("Rosa", m, groupwork.Drama, "a play for the parents", "casting took the whole evening")
	s.stage(groupwork.PowerAndControl, "Bridget and Hannah quarrelled over who would cast the play; the girls asked Miss Lane to decide, and she gave the question back to them")
	s.aid("Bridget", "Hannah", m, appr, "told her she was bossing the others", groupwork.MutualDemand)
	s.aid("Hannah", "Rosa", m, mat, "altered a costume for her", groupwork.MutualSupport)

}

// november: the members find they are in the same boat, and take up a
// concern of the street.
func (s *season) november() {
	s.clock.on(1910, time.November, 8)
	m := s.meet(clubRm, nil)
	s.programme("Maria", m, groupwork.Class, "English, taught by Rosa", "Maria and Anna read a page aloud")
	s.aid("Rosa", "Maria", m, inf, "an English lesson", groupwork.SharingData)
	s.aid("Rosa", "Anna", m, inf, "an English lesson", groupwork.SharingData)
	s.aid("Anna", "Sadie", m, mat, "bread she baked for the Cohens", groupwork.MutualSupport)
	s.aid("Maria", "Sadie", m, emo, "listened when Sadie spoke of the strike", groupwork.SameBoat)
	s.aid("Sadie", "Hannah", m, inf, "went through her mother's accounts with her", groupwork.IndividualProblemSolving)
	s.note(m, "Sadie said her father has been out since the garment strike began; three others said theirs were too.",
		groupwork.SameBoat, groupwork.Universality, groupwork.Catharsis)

	s.clock.on(1910, time.November, 22)
	m = s.meet(gym, map[string]groupwork.Attendance{"Bridget": groupwork.Absent})
	s.do(func() (err error) {
		s.concern, err = s.g.RaiseConcern(s.ids["Sadie"], groupwork.ScopeNeighbourhood,
			"The police chase the little ones off Ewing Street, and there is nowhere else for them to play.")
		return err
	})
	s.action("Hannah", groupwork.ActionInquiry, "counted forty children playing in the street in one afternoon")
	s.petition(m)
	s.note(m, "Sadie's worry for her little brother became, as the others spoke, a question for the whole street.",
		groupwork.UniversalPerspective, groupwork.StrengthInNumbers, groupwork.Universality)
	s.do(func() (err error) {
		s.med, err = s.g.OpenMediation(s.worker, s.concern,
			groupwork.Demand{Source: "the police captain of the precinct", What: "no ball games in the street"},
			"a safe place for the younger children to play after school")
		return err
	})
}

// winter: closeness, a service project, and the mediation settled.
func (s *season) winter() {
	s.clock.on(1910, time.December, 6)
	m := s.meet(clubRm, nil)
	s.stage(groupwork.Intimacy, "the girls call the club 'our family' and keep seats for one another")
	s.programme("Anna", m, groupwork.ServiceProject, "Christmas baskets for strikers' families", "eleven baskets, carried to the doors by pairs of girls")
	s.aid("Bridget", "Maria", m, emo, "stayed with her when her father was arrested on the picket line", groupwork.MutualSupport)
	s.aid("Miss Lane", "Bridget", m, inf, "where the relief station is", groupwork.SharingData)
	s.aid("Bridget", "Miss Lane", m, appr, "told Miss Lane the meetings ran too long", groupwork.MutualDemand)
	s.refused("Miss Lane closing the club's concern for it",
		"only the members decide when their concern is settled", s.g.CloseConcern(s.worker, s.concern, groupwork.OutcomeResolved, ""))

	s.clock.on(1910, time.December, 20)
	m = s.meet(gym, map[string]groupwork.Attendance{"Hannah": groupwork.Excused})
	s.programme("Rosa", m, groupwork.Singing, "carols in four languages", "the mothers joined in")
	s.action("Rosa", groupwork.ActionPetition, "sixty neighbours signed for a playground")
	s.aid("Rosa", "Hannah", m, inf, "read her the landlord's letter", groupwork.SharingData)
	s.do(func() error {
		return s.g.SettleMediation(s.worker, s.med, "both want the children safe and away from the street-car tracks",
			"the settlement opens its yard after school, the club takes turns watching the little ones on Saturdays, and the police leave the yard alone")
	})

}

// january: two girls join, and the club goes back to fighting over who
// belongs before it takes them in.
func (s *season) january() {
	s.clock.on(1911, time.January, 10)
	for _, p := range newcomers {
		s.join(p)
	}
	s.do(func() error {
		need, err := groupwork.ParseNeed("informational:english")
		s.helpers = s.g.WhoCanHelp(need)
		return err
	})
	m := s.meet(clubRm, nil)
	s.stage(groupwork.PowerAndControl, "the old members kept the newcomers out of the play and spoke of 'our club'")
	s.aid("Rosa", "Giulia", m, inf, "an English lesson", groupwork.SharingData)
	s.aid("Maria", "Giulia", m, emo, "told her how strange the club had seemed to her in October", groupwork.SameBoat)

	s.clock.on(1911, time.January, 24)
	m = s.meet(clubRm, nil)
	s.aid("Hannah", "Olga", m, appr, "played the foreman while Olga practised asking for her wages", groupwork.Rehearsal)
	s.aid("Olga", "Hannah", m, mat, "mended her coat", groupwork.MutualSupport)
	s.stage(groupwork.Intimacy, "the newcomers were given parts in the play and taught the old members a Sicilian dance")
	s.note(m, "Olga rehearsed with the club what she would say to the foreman, and came back the next week paid.",
		groupwork.Rehearsal, groupwork.InstillationOfHope, groupwork.InterpersonalLearning)
}

// spring: a self-governing club, the concern settled, and the ending.
func (s *season) spring() {
	s.clock.on(1911, time.February, 7)
	s.do(func() error {
		return s.g.Leave(s.ids["Sadie"], groupwork.LeftWorkOrSchool, "took a place at the box factory on the evening shift")
	})
	m := s.meet(gym, nil)
	s.programme("Rosa", m, groupwork.Drama, "the play, for the parents", "a hundred and twenty came")
	s.action("Olga", groupwork.ActionDeputation, "Rosa, Hannah and Olga went to the alderman with the petition")
	s.aid("Giulia", "Olga", m, company, "walked home with her after the play", groupwork.MutualSupport)

	s.clock.on(1911, time.March, 7)
	m = s.meet(clubRm, map[string]groupwork.Attendance{"Anna": groupwork.Excused})
	s.stage(groupwork.Differentiation, "Bridget chaired the meeting and Giulia kept the minutes; Miss Lane sat at the back")
	s.outing(m)
	s.programme("Giulia", m, groupwork.Outing, "a Saturday at the Field Museum", "they found the way by street car themselves")
	s.do(func() error {
		return s.g.CloseConcern(s.ids["Hannah"], s.concern, groupwork.OutcomeResolved,
			"the yard is open after school and the alderman promised a playground for the ward")
	})
	s.aid("Olga", "Giulia", m, emo, "comforted her when a letter came from home", groupwork.MutualSupport)
	s.aid("Bridget", "Giulia", m, company, "taught her basketball", groupwork.MutualSupport)

	s.clock.on(1911, time.April, 4)
	m = s.meet(clubRm, nil)
	s.programme("Anna", m, groupwork.Cooking, "bread and pierogi", "every girl took a loaf home")
	s.aid("Anna", "Giulia", m, mat, "a loaf for her family", groupwork.MutualSupport)
	s.aid("Hannah", "Miss Lane", m, mat, "sewed curtains for the club room", groupwork.MutualSupport)

	s.clock.on(1911, time.May, 2)
	m = s.meet(clubRm, nil)
	s.stage(groupwork.Separation, "the girls planned the farewell picnic and talked of joining the senior club in the autumn")
	s.note(m, "Talk of the end brought back old quarrels for an evening; then they wrote each other's names in their books.",
		groupwork.MutualSupport, groupwork.Cohesiveness, groupwork.ExistentialFactors)

	s.clock.on(1911, time.May, 16)
	m = s.meet("Lincoln Park", nil)
	s.programme("Bridget", m, groupwork.Celebration, "the farewell picnic", "songs in four languages again")
	s.do(func() error {
		return s.g.EndGroup(s.worker, "the season is over; the members go on to the senior club in the autumn")
	})
}

// petition: the club decides by consensus, at the meeting, to carry a
// petition for a playground. Maria stands aside: her father has warned her
// off any trouble with the police.
func (s *season) petition(meeting uuid.UUID) {
	id := s.propose("Sadie", groupwork.ProposalSpec{
		Title:   "That the club carry a petition for a playground to the neighbours",
		Rule:    groupwork.RuleConsensus,
		Meeting: meeting,
		Review:  time.Date(1911, time.March, 7, 0, 0, 0, 0, time.UTC),
	})
	for _, v := range []struct {
		who    string
		stance count.Stance
	}{
		{"Sadie", count.Agree}, {"Rosa", count.Agree}, {"Hannah", count.Agree},
		{"Maria", count.StandAside}, {"Anna", count.Agree},
	} {
		s.vote(v.who, id, groupwork.Ballot{Stance: v.stance})
	}
	s.close("Sadie", id)
}

// outing: the club chooses its farewell outing by a secret ranked ballot.
// Anna, kept at home, gives Olga her proxy; Miss Lane, who is not a member,
// has no vote. The first choices split three ways; the runoff settles it.
func (s *season) outing(meeting uuid.UUID) {
	const (
		lake = iota
		dunes
		park
	)
	id := s.propose("Giulia", groupwork.ProposalSpec{
		Title:   "Where shall the club go for its farewell outing?",
		Options: []string{"a boat trip on the lake", "a day at the Indiana Dunes", "a picnic in Lincoln Park"},
		Rule:    groupwork.RuleInstantRunoff,
		Quorum:  groupwork.Quorum{Fraction: count.TwoThirds, OfPresent: true},
		Meeting: meeting,
		Secret:  true,
		Review:  time.Date(1911, time.May, 16, 0, 0, 0, 0, time.UTC),
	})
	var proxy uuid.UUID
	s.do(func() (err error) {
		proxy, err = s.g.GrantProxy(s.ids["Anna"], id, s.ids["Olga"])
		return err
	})
	for _, v := range []struct {
		who     string
		ranking []int
	}{
		{"Rosa", []int{park, lake}}, {"Hannah", []int{dunes, park}}, {"Maria", []int{park, dunes}},
		{"Bridget", []int{dunes, lake}}, {"Giulia", []int{dunes, park}}, {"Olga", []int{park, lake}},
	} {
		s.vote(v.who, id, groupwork.Ballot{Options: v.ranking})
	}
	s.do(func() error {
		return s.g.VoteByProxy(s.ids["Olga"], proxy, groupwork.Ballot{Options: []int{lake, park}})
	})
	if s.err == nil {
		s.refused("Miss Lane voting on the outing",
			"the club's settings do not let the worker vote", s.g.Vote(s.worker, id, groupwork.Ballot{Options: []int{park}}))
	}
	s.close("Giulia", id)
}
