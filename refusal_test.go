package helping_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// TestRefusalsOfPowerMatchErrNotPermitted holds the promise of the shared
// vocabulary: whatever package refuses an act because the actor has no power
// to do it (an unassigned worker, a stranger, a former member, aid to
// someone who has left, a role without the right), the refusal matches
// [relationship.ErrNotPermitted], so that an application tests one sentinel.
// The more precise sentinel, where there is one, matches beside it.
func TestRefusalsOfPowerMatchErrNotPermitted(t *testing.T) {
	src := &relationship.Sources{}

	// A society with two workers; the case is Whitman's, not Grey's.
	richmond := casework.MustSupervisor(src.NewPartyID(), "Mary E. Richmond")
	whitman := casework.MustWorker(src.NewPartyID(), "Alice Whitman", richmond, 0)
	grey := casework.MustWorker(src.NewPartyID(), "Edith Grey", richmond, 0)
	doyle := casework.MustClient(src.NewPartyID(), "Margaret Doyle",
		casework.Intake{PresentingProblem: "no wages for five weeks"})
	society := casework.MustAgency(casework.AgencySpec{
		ID: src.NewPartyID(), Name: "Charity Organization Society of Baltimore"}, nil)
	require.NoError(t, errors.Join(society.AppointSupervisor(society.ID(), richmond),
		society.AppointWorker(society.ID(), whitman), society.AppointWorker(society.ID(), grey)))
	app := casework.Application{Client: doyle, Worker: whitman}
	c, err := casework.NewCase(whitman.ID(), society, app, nil)
	require.NoError(t, err)
	// A second family's case, opened by Whitman and handed on to Grey.
	ryan := casework.MustClient(src.NewPartyID(), "Bridget Ryan",
		casework.Intake{PresentingProblem: "a broken arm; no work"})
	handed, err := casework.NewCase(whitman.ID(), society, casework.Application{Client: ryan, Worker: whitman}, nil)
	require.NoError(t, err)
	require.NoError(t, handed.Transfer(richmond.ID(), grey, "Grey knows the street"))
	stranger := src.NewPartyID()

	// A club with three members; Hannah leaves.
	lane := relationship.MustParty(src.NewPartyID(), "Ellen Lane", relationship.RoleFacilitator)
	g, err := groupwork.NewGroup(lane, groupwork.Spec{
		Name:     "Ewing Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership},
	}, &groupwork.Options{Sources: src})
	require.NoError(t, err)
	rosa, hannah, ida := src.NewPartyID(), src.NewPartyID(), src.NewPartyID()
	require.NoError(t, errors.Join(g.Join(rosa, "Rosa Bianchi", groupwork.Profile{}),
		g.Join(hannah, "Hannah Levin", groupwork.Profile{}),
		g.Join(ida, "Ida Klein", groupwork.Profile{})))
	motion, err := g.Propose(rosa, groupwork.ProposalSpec{
		Title: "That the club go to the park", Rule: groupwork.RuleSimpleMajority,
		Review: src.Now().AddDate(0, 3, 0)})
	require.NoError(t, err)
	concern, err := g.RaiseConcern(rosa, groupwork.ScopePersonal, "the stairs are dark")
	require.NoError(t, err)
	require.NoError(t, g.Leave(hannah, groupwork.LeftMoved, ""))
	coat, err := relationship.NewSupport(relationship.Material, "mended a coat")
	require.NoError(t, err)

	tests := []struct {
		name    string
		act     func() error
		precise error // the more precise sentinel, or nil
	}{
		{"casework: the client opens her own case", func() error {
			_, err := casework.NewCase(doyle.ID(), society, app, nil)
			return err
		}, nil},
		{"casework: a worker who never had the case counsels", func() error {
			_, err := c.Counsel(grey.ID(), relationship.Emotional, "a word of comfort")
			return err
		}, relationship.ErrNotParty},
		{"casework: a worker who handed the case on counsels", func() error {
			_, err := handed.Counsel(whitman.ID(), relationship.Emotional, "a word of comfort")
			return err
		}, casework.ErrNotAssigned},
		{"casework: a stranger counsels", func() error {
			_, err := c.Counsel(stranger, relationship.Emotional, "a word of comfort")
			return err
		}, relationship.ErrNotParty},
		{"groupwork: a stranger gives aid", func() error {
			_, err := g.GiveAid(stranger, groupwork.Aid{To: rosa, Support: coat, Process: groupwork.MutualSupport})
			return err
		}, relationship.ErrNotParty},
		{"groupwork: a former member votes", func() error {
			return g.Vote(hannah, motion, groupwork.Ballot{Vote: count.Yes})
		}, relationship.ErrNotParty},
		{"groupwork: a former member gives aid", func() error {
			_, err := g.GiveAid(hannah, groupwork.Aid{To: rosa, Support: coat, Process: groupwork.MutualSupport})
			return err
		}, relationship.ErrNotParty},
		{"groupwork: aid to a former member", func() error {
			_, err := g.GiveAid(rosa, groupwork.Aid{To: hannah, Support: coat, Process: groupwork.MutualSupport})
			return err
		}, groupwork.ErrNotMember},
		{"groupwork: the facilitator votes where the group's rules say not", func() error {
			return g.Vote(lane.ID(), motion, groupwork.Ballot{Vote: count.Yes})
		}, groupwork.ErrNotEligible},
		{"groupwork: a member withdraws another's proposal", func() error {
			return g.WithdrawProposal(ida, motion, "changed my mind")
		}, groupwork.ErrNotProposer},
		{"groupwork: a member ends the group (a role without the right)", func() error {
			return g.EndGroup(ida, "we are tired")
		}, nil},
		{"groupwork: the facilitator closes the members' concern (a role without the right)", func() error {
			return g.CloseConcern(lane.ID(), concern, groupwork.OutcomeResolved, "fixed")
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.act()
			require.Error(t, err)
			assert.ErrorIs(t, err, relationship.ErrNotPermitted, "%v", err)
			if tt.precise != nil {
				assert.ErrorIs(t, err, tt.precise, "%v", err)
			}
		})
	}
}
