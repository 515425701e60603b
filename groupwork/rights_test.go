package groupwork

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// wantRights is the rights table as the issue describes it, written out
// independently of rights.go so that a change to either shows here.
var wantRights = map[relationship.Act]struct {
	kind  relationship.ActKind
	roles relationship.RoleSet
}{
	ActFormGroup:        {relationship.MembershipAct, facilitator},
	ActJoin:             {relationship.MembershipAct, member},
	ActLeave:            {relationship.MembershipAct, member},
	ActUpdateProfile:    {relationship.RecordAct, member},
	ActConveneMeeting:   {relationship.FacilitationAct, facilitator},
	ActRecordAttendance: {relationship.RecordAct, facilitator},
	ActChooseActivity:   {relationship.ProgrammeAct, member},
	ActRecordActivity:   {relationship.RecordAct, everyone},
	ActRecordNote:       {relationship.RecordAct, facilitator},
	ActRecordStage:      {relationship.RecordAct, facilitator},
	ActGiveAid:          {relationship.HelpAct, everyone},
	ActRaiseConcern:     {relationship.ProgrammeAct, member},
	ActTakeAction:       {relationship.ProgrammeAct, member},
	ActCloseConcern:     {relationship.DecisionAct, member},
	ActOpenMediation:    {relationship.FacilitationAct, facilitator},
	ActSettleMediation:  {relationship.FacilitationAct, facilitator},
	ActEndGroup:         {relationship.MembershipAct, facilitator},
	ActPropose:          {relationship.DecisionAct, member},
	ActVote:             {relationship.DecisionAct, everyone},
	ActGrantProxy:       {relationship.ConsentAct, member},
	ActRevokeProxy:      {relationship.ConsentAct, member},
	ActCloseProposal:    {relationship.DecisionAct, member},
	ActWithdrawProposal: {relationship.DecisionAct, member},
}

func TestRightsTableActsByRoles(t *testing.T) {
	n := 0
	for rule := range Rights().All() {
		n++
		want, ok := wantRights[rule.Act]
		require.True(t, ok, "act %s is not expected", rule.Act)
		assert.Equal(t, want.kind, rule.Kind, "kind of %s", rule.Act)
		assert.NotEmpty(t, rule.Why, "why of %s", rule.Act)
		for role := range relationship.Roles() {
			t.Run(fmt.Sprintf("%s/%s", rule.Act, role), func(t *testing.T) {
				assert.Equal(t, want.roles.Has(role), Rights().Permits(role, rule.Act))
			})
		}
	}
	assert.Equal(t, len(wantRights), n)
}

// TestFacilitatorDoesNotDecide checks that every decision act is the
// members', and that the facilitator's role appears in one only: voting,
// which the group's settings refuse the facilitator by default (see
// TestFacilitatorVotesOnlyWhereSettingsSay).
func TestFacilitatorDoesNotDecide(t *testing.T) {
	for rule := range Rights().All() {
		if rule.Kind == relationship.DecisionAct {
			assert.Equal(t, rule.Act == ActVote, rule.Roles.Has(relationship.RoleFacilitator), "%s", rule.Act)
			assert.True(t, rule.Roles.Has(relationship.RoleMember), "%s", rule.Act)
		}
	}
}

// stageSet is a group prepared for every act: three members (the first acts,
// the second is acted upon, the third has left), a meeting, a programme
// item, a concern, a mediation, and a proposal the first member raised.
type stageSet struct {
	*fixture
	meeting, item, concern, mediation, proposal uuid.UUID
	proxy                                       uuid.UUID // granted by the first member to the second, where prepared
}

// motion returns the spec of a yes/no motion.
func motion(title string) ProposalSpec {
	return ProposalSpec{Title: title, Rule: RuleSimpleMajority, Review: t0.AddDate(1, 0, 0)}
}

func newStageSet(t *testing.T) *stageSet {
	spec := clubSpec()
	spec.Settings.MaxProxies = 1
	f := newFixture(t, spec, 3)
	s := &stageSet{fixture: f, meeting: f.meeting(t)}
	var err error
	s.proposal, err = f.g.Propose(f.members[0], motion("that the club meet on Fridays"))
	require.NoError(t, err)
	s.item, err = f.g.ChooseActivity(f.members[1], s.meeting, Singing, "")
	require.NoError(t, err)
	s.concern, err = f.g.RaiseConcern(f.members[1], ScopeNeighbourhood, "no playground")
	require.NoError(t, err)
	s.mediation, err = f.g.OpenMediation(f.fac, s.concern, Demand{Source: "police", What: "no ball games in the street"}, "a place to play")
	require.NoError(t, err)
	require.NoError(t, f.g.Leave(f.members[2], LeftMoved, ""))
	return s
}

// acts performs a valid instance of every act but forming a group, by
// actor. prepare, if set, runs first and is not part of the act.
var acts = map[relationship.Act]struct {
	prepare func(t *testing.T, s *stageSet)
	do      func(s *stageSet, actor relationship.PartyID) error
}{
	ActJoin:          {do: func(s *stageSet, a relationship.PartyID) error { return s.g.Join(a, "Olga", Profile{}) }},
	ActLeave:         {do: func(s *stageSet, a relationship.PartyID) error { return s.g.Leave(a, LeftOther, "") }},
	ActUpdateProfile: {do: func(s *stageSet, a relationship.PartyID) error { return s.g.UpdateProfile(a, Profile{}) }},
	ActConveneMeeting: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.ConveneMeeting(a, t0, "")
		return err
	}},
	ActRecordAttendance: {do: func(s *stageSet, a relationship.PartyID) error {
		return s.g.RecordAttendance(a, s.meeting, s.members[1], Late)
	}},
	ActChooseActivity: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.ChooseActivity(a, s.meeting, Games, "")
		return err
	}},
	ActRecordActivity: {do: func(s *stageSet, a relationship.PartyID) error { return s.g.RecordActivity(a, s.item, "") }},
	ActRecordNote: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.RecordNote(a, s.meeting, "they sang", Cohesiveness)
		return err
	}},
	ActRecordStage: {do: func(s *stageSet, a relationship.PartyID) error { return s.g.RecordStage(a, Intimacy, "they sang") }},
	ActGiveAid: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.GiveAid(a, Aid{To: s.members[1], Support: support(relationship.Emotional, ""), Process: MutualSupport})
		return err
	}},
	ActRaiseConcern: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.RaiseConcern(a, ScopeGroup, "the room is cold")
		return err
	}},
	ActTakeAction: {do: func(s *stageSet, a relationship.PartyID) error {
		return s.g.TakeAction(a, s.concern, ActionPetition, "forty signatures")
	}},
	ActCloseConcern: {do: func(s *stageSet, a relationship.PartyID) error {
		return s.g.CloseConcern(a, s.concern, OutcomeResolved, "")
	}},
	ActOpenMediation: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.OpenMediation(a, uuid.Nil, Demand{Source: "the board", What: "quiet after nine"}, "late rehearsals")
		return err
	}},
	ActSettleMediation: {do: func(s *stageSet, a relationship.PartyID) error {
		return s.g.SettleMediation(a, s.mediation, "safe children", "a play street on Saturdays")
	}},
	ActEndGroup: {
		prepare: func(t *testing.T, s *stageSet) { require.NoError(t, s.g.RecordStage(s.fac, Separation, "farewells")) },
		do:      func(s *stageSet, a relationship.PartyID) error { return s.g.EndGroup(a, "season over") },
	},
	ActPropose: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.Propose(a, motion("that the club buy a ball"))
		return err
	}},
	ActVote: {do: func(s *stageSet, a relationship.PartyID) error {
		return s.g.Vote(a, s.proposal, Ballot{Vote: count.Yes})
	}},
	ActGrantProxy: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.GrantProxy(a, s.proposal, s.members[1])
		return err
	}},
	ActRevokeProxy: {
		prepare: func(t *testing.T, s *stageSet) {
			var err error
			s.proxy, err = s.g.GrantProxy(s.members[0], s.proposal, s.members[1])
			require.NoError(t, err)
		},
		do: func(s *stageSet, a relationship.PartyID) error { return s.g.RevokeProxy(a, s.proxy) },
	},
	ActCloseProposal: {do: func(s *stageSet, a relationship.PartyID) error {
		_, err := s.g.CloseProposal(a, s.proposal)
		return err
	}},
	ActWithdrawProposal: {do: func(s *stageSet, a relationship.PartyID) error {
		return s.g.WithdrawProposal(a, s.proposal, "we meet on Fridays already")
	}},
}

// TestEveryActByEveryActor performs every act as a current member, the
// facilitator, a former member and a stranger, and checks that the rights
// table decides: permitted acts succeed, forbidden ones fail with the
// right typed error and change nothing.
func TestEveryActByEveryActor(t *testing.T) {
	actors := []struct {
		name string
		role relationship.Role // zero: not a party
		who  func(s *stageSet) relationship.PartyID
	}{
		{"member", relationship.RoleMember, func(s *stageSet) relationship.PartyID { return s.members[0] }},
		{"facilitator", relationship.RoleFacilitator, func(s *stageSet) relationship.PartyID { return s.fac }},
		{"former member", 0, func(s *stageSet) relationship.PartyID { return s.members[2] }},
		{"stranger", 0, func(*stageSet) relationship.PartyID { return stranger }},
	}
	require.Len(t, acts, len(wantRights)-1, "every act but form-group")
	for act, op := range acts {
		for _, who := range actors {
			t.Run(fmt.Sprintf("%s/%s", act, who.name), func(t *testing.T) {
				s := newStageSet(t)
				if op.prepare != nil {
					op.prepare(t, s)
				}
				before := freeze(t, s.g)
				err := op.do(s, who.who(s))
				switch want := expectFor(act, who.role, who.name); {
				case want == nil:
					assert.NoError(t, err)
				default:
					assert.ErrorIs(t, err, want)
					assertUnchanged(t, before, s.g)
				}
			})
		}
	}
}

// expectFor returns the error an actor should get for an act, or nil.
func expectFor(act relationship.Act, role relationship.Role, who string) error {
	switch {
	case act == ActJoin && who == "member":
		return ErrDuplicateMember
	case act == ActJoin && role == 0:
		return nil // strangers and former members may join
	case role == 0:
		return relationship.ErrNotParty
	case act == ActVote && role == relationship.RoleFacilitator:
		return relationship.ErrNotPermitted // the settings do not let the facilitator vote
	case !wantRights[act].roles.Has(role):
		return relationship.ErrNotPermitted
	}
	return nil
}

func TestFormGroupByEveryRole(t *testing.T) {
	for role := range relationship.Roles() {
		t.Run(role.String(), func(t *testing.T) {
			p := relationship.MustParty(stranger, "Someone", role)
			g, err := NewGroup(p, clubSpec(), nil)
			if role == relationship.RoleFacilitator {
				require.NoError(t, err)
				assert.Equal(t, stranger, g.Facilitator().ID())
				return
			}
			var pe *relationship.PermissionError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, role, pe.Role)
			assert.Equal(t, ActFormGroup, pe.Act)
			assert.Nil(t, g)
		})
	}
}

func TestPermissionErrorNamesActorRoleAndAct(t *testing.T) {
	f := newFixture(t, clubSpec(), 1)
	_, err := f.g.RaiseConcern(f.fac, ScopeSociety, "wages")
	var pe *relationship.PermissionError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, f.fac, pe.Actor)
	assert.Equal(t, relationship.RoleFacilitator, pe.Role)
	assert.Equal(t, ActRaiseConcern, pe.Act)
}
