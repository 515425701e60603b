package relationship_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

var testRights = relationship.MustRights(
	relationship.Rule{Act: "authorise-provision", Kind: relationship.ProvisionAct,
		Roles: relationship.RolesOf(relationship.RoleWorker), Why: "the agency's resources pass through its worker"},
	relationship.Rule{Act: "consent", Kind: relationship.ConsentAct,
		Roles: relationship.RolesOf(relationship.RoleClient), Why: "self-determination"},
	relationship.Rule{Act: "read-record", Kind: relationship.AccessAct,
		Roles: relationship.RolesOf(relationship.RoleClient, relationship.RoleWorker, relationship.RoleSupervisor)},
)

func TestRightsCheck(t *testing.T) {
	worker := relationship.MustParty(idWorker, "Mary Richmond", relationship.RoleWorker)
	client := relationship.MustParty(idClient, "Anna Kowalski", relationship.RoleClient)
	tests := []struct {
		actor relationship.Party
		act   relationship.Act
		ok    bool
	}{
		{worker, "authorise-provision", true},
		{client, "authorise-provision", false},
		{client, "consent", true},
		{worker, "consent", false},
		{client, "read-record", true},
		{worker, "read-record", true},
		{worker, "burn-record", false},
		{relationship.Party{}, "read-record", false},
	}
	for _, tt := range tests {
		t.Run(tt.actor.Role().String()+"/"+string(tt.act), func(t *testing.T) {
			assert.Equal(t, tt.ok, testRights.Permits(tt.actor.Role(), tt.act))
			err := testRights.Check(tt.actor, tt.act)
			if tt.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, relationship.ErrNotPermitted)
			var pe *relationship.PermissionError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.actor.ID(), pe.Actor)
			assert.Equal(t, tt.actor.Role(), pe.Role)
			assert.Equal(t, tt.act, pe.Act)
		})
	}
	err := testRights.Check(worker, "consent")
	assert.EqualError(t, err, "relationship: worker Mary Richmond may not consent")
	doyle := relationship.MustParty(idWorker, "Margaret Doyle", relationship.RoleClient)
	err = testRights.Check(doyle, "close")
	assert.EqualError(t, err, "relationship: client may not close", "a client's name is confidential")
	assert.NotContains(t, err.Error(), idWorker.String(), "no raw identifier")
}

// Refuse makes the refusal of a rule beyond the rights table: it matches
// ErrNotPermitted and the precise sentinel, and names the actor by role,
// and by name only where the name is not confidential.
func TestRightsRefuse(t *testing.T) {
	precise := errors.New("precise")
	worker := relationship.MustParty(idWorker, "Mary Richmond", relationship.RoleWorker)
	tests := []struct {
		name  string
		actor relationship.Party
		err   error
		want  string
	}{
		{"worker, with a sentinel", worker, precise, "relationship: worker Mary Richmond may not close: not assigned"},
		{"client, without one", relationship.MustParty(idWorker, "Margaret Doyle", relationship.RoleClient), nil,
			"relationship: client may not close: not assigned"},
		{"member", relationship.MustParty(idWorker, "Rosa Bianchi", relationship.RoleMember), precise,
			"relationship: member may not close: not assigned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := relationship.Refuse(tt.actor, "close", "not assigned", tt.err)
			assert.EqualError(t, err, tt.want)
			assert.ErrorIs(t, err, relationship.ErrNotPermitted)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
			}
			var pe *relationship.PermissionError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.actor.ID(), pe.Actor)
			assert.Equal(t, "not assigned", pe.Rule)
		})
	}
}

// Someone outside the relationship holds no power in it: a PartyError is a
// refusal of power as well as the precise ErrNotParty, and names no one.
func TestPartyErrorIsARefusal(t *testing.T) {
	err := error(&relationship.PartyError{Party: idWorker})
	assert.ErrorIs(t, err, relationship.ErrNotParty)
	assert.ErrorIs(t, err, relationship.ErrNotPermitted)
	assert.NotContains(t, err.Error(), idWorker.String())
}

func TestRightsQueries(t *testing.T) {
	assert.Equal(t, relationship.ConsentAct, testRights.Kind("consent"))
	assert.Equal(t, relationship.ActKind(0), testRights.Kind("unknown"))
	rule, ok := testRights.Rule("authorise-provision")
	require.True(t, ok)
	assert.Equal(t, "the agency's resources pass through its worker", rule.Why)
	assert.Equal(t, []relationship.Act{"authorise-provision", "read-record"}, slices.Collect(testRights.Of(relationship.RoleWorker)))
	var acts []relationship.Act
	for r := range testRights.All() {
		acts = append(acts, r.Act)
	}
	assert.Equal(t, []relationship.Act{"authorise-provision", "consent", "read-record"}, acts, "declaration order")
}

func TestNewRightsReportsEveryProblem(t *testing.T) {
	_, err := relationship.NewRights(
		relationship.Rule{Act: "Vote Twice", Kind: relationship.DecisionAct, Roles: relationship.RolesOf(relationship.RoleMember)},
		relationship.Rule{Act: "vote", Kind: 0, Roles: relationship.RolesOf(relationship.RoleMember)},
		relationship.Rule{Act: "join", Kind: relationship.MembershipAct, Roles: relationship.RolesOf(relationship.RoleMember)},
		relationship.Rule{Act: "join", Kind: relationship.MembershipAct, Roles: relationship.RolesOf(relationship.RoleMember)},
		relationship.Rule{Act: "mediate", Kind: relationship.FacilitationAct},
	)
	require.ErrorIs(t, err, relationship.ErrInvalidRights)
	for _, want := range []string{`"Vote Twice"`, `act "vote" has invalid kind`, `"join" declared twice`, "no role may mediate"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Panics(t, func() { relationship.MustRights(relationship.Rule{Act: "x"}) })
}

func TestActString(t *testing.T) {
	assert.Equal(t, "approve provision", relationship.Act("approve-provision").String())
	assert.True(t, relationship.Act("approve-provision").IsValid())
	for _, bad := range []relationship.Act{"", "-x", "x-", "a--b", "A", "a b"} {
		assert.False(t, bad.IsValid(), "%q", bad)
	}
}
