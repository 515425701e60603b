package groupwork

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// season builds a group whose record holds every event type at least once:
// a short season of a club, from forming to ending.
func season(t testing.TB) *Group {
	t.Helper()
	spec := clubSpec()
	spec.Settings.MaxProxies = 1
	f := newFixture(t, spec, 0)
	g, fac := f.g, f.fac
	ids := people(3)
	rosa, hannah, maria := ids[0], ids[1], ids[2]
	coal, err := relationship.NewMaterial("coal", 2, "hundredweight")
	require.NoError(t, err)

	steps := []func() error{
		func() error {
			return g.Join(rosa, "Rosa", Profile{Strengths: []Strength{MustStrength(relationship.Informational, "english")},
				Needs: []Need{MustNeed(relationship.Material, "coal")}})
		},
		func() error {
			return g.Join(hannah, "Hannah", Profile{Strengths: []Strength{MustStrength(relationship.Material, "")}})
		},
		func() error { return g.Join(maria, "Maria", Profile{}) },
		func() error {
			return g.UpdateProfile(maria, Profile{Strengths: []Strength{MustStrength(relationship.Companionship, "singing")}})
		},
	}
	for _, step := range steps {
		require.NoError(t, step())
	}
	m, err := g.ConveneMeeting(fac, t0.AddDate(0, 0, 7), "the gymnasium")
	require.NoError(t, err)
	require.NoError(t, g.RecordAttendance(fac, m, rosa, Present))
	require.NoError(t, g.RecordAttendance(fac, m, hannah, Late))
	require.NoError(t, g.RecordAttendance(fac, m, maria, Excused))
	item, err := g.ChooseActivity(rosa, m, Singing, "songs from home")
	require.NoError(t, err)
	require.NoError(t, g.RecordActivity(hannah, item, "loud and happy"))
	_, err = g.GiveAid(hannah, Aid{To: rosa, Support: coal, Process: MutualSupport, Meeting: m})
	require.NoError(t, err)
	_, err = g.GiveAid(rosa, Aid{To: hannah, Support: support(relationship.Informational, "a letter in English"), Process: SharingData})
	require.NoError(t, err)
	_, err = g.GiveAid(fac, Aid{To: maria, Support: support(relationship.Emotional, "listened"), Process: SameBoat})
	require.NoError(t, err)
	_, err = g.RecordNote(fac, m, "Hannah brought coal for Rosa's family.", MutualSupport, Altruism)
	require.NoError(t, err)
	require.NoError(t, g.RecordStage(fac, PowerAndControl, "arguments over who leads the songs"))
	concern, err := g.RaiseConcern(maria, ScopeNeighbourhood, "no lamps in the alley")
	require.NoError(t, err)
	require.NoError(t, g.TakeAction(rosa, concern, ActionPetition, "sixty signatures"))
	med, err := g.OpenMediation(fac, concern, Demand{Source: "the ward alderman", What: "wait for next year's budget"}, "a safe way home")
	require.NoError(t, err)
	require.NoError(t, g.SettleMediation(fac, med, "nobody wants an accident", "two lamps this winter"))
	require.NoError(t, g.CloseConcern(maria, concern, OutcomePartlyResolved, "two lamps of four"))
	require.NoError(t, g.Leave(hannah, LeftWorkOrSchool, "night shift"))
	decideTogether(t, g, rosa, maria)
	require.NoError(t, g.RecordStage(fac, Separation, "planning the farewell"))
	require.NoError(t, g.EndGroup(fac, "the season is over"))
	return g
}

// decideTogether has the season's two remaining members choose their
// outing by a secret ranked ballot, one voting for the other by proxy, and
// withdraw a motion.
func decideTogether(t testing.TB, g *Group, rosa, maria relationship.PartyID) {
	t.Helper()
	outing, err := g.Propose(rosa, ProposalSpec{
		Title: "Where shall we go in June?", Options: []string{"the lake", "the dunes", "the museum"},
		Rule: RuleInstantRunoff, Priority: []int{1, 0, 2}, Quorum: Quorum{Fraction: count.Fraction{Num: 1, Den: 2}}, Secret: true,
		Review: t0.AddDate(1, 0, 0),
	})
	require.NoError(t, err)
	letter, err := g.Propose(maria, ProposalSpec{Title: "That we write to the alderman", Rule: RuleSimpleMajority, Review: t0.AddDate(0, 6, 0)})
	require.NoError(t, err)
	require.NoError(t, g.Vote(rosa, letter, Ballot{Vote: count.Yes}))
	require.NoError(t, g.WithdrawProposal(maria, letter, "the petition comes first"))
	proxy, err := g.GrantProxy(maria, outing, rosa)
	require.NoError(t, err)
	require.NoError(t, g.RevokeProxy(maria, proxy))
	proxy, err = g.GrantProxy(maria, outing, rosa)
	require.NoError(t, err)
	require.NoError(t, g.Vote(rosa, outing, Ballot{Options: []int{1, 0}}))
	require.NoError(t, g.VoteByProxy(rosa, proxy, Ballot{Options: []int{1, 2}}))
	d, err := g.CloseProposal(rosa, outing)
	require.NoError(t, err)
	require.Equal(t, []int{1}, d.Winners)
}
