package groupwork

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestJoin(t *testing.T) {
	english := MustStrength(relationship.Informational, "English")
	tests := []struct {
		name    string
		spec    func(*Spec)
		prepare func(t *testing.T, f *fixture) // runs before the join
		actor   func(f *fixture) relationship.PartyID
		newName string
		profile Profile
		want    error // nil: the join succeeds
		as      any
	}{
		{name: "a newcomer joins", actor: newcomer, newName: "Olga",
			profile: Profile{Strengths: []Strength{english}, Needs: []Need{MustNeed(relationship.Material, "coal")}}},
		{name: "a current member", actor: firstMember, newName: "Rosa",
			want: ErrDuplicateMember, as: new(*MemberError)},
		{name: "the facilitator", actor: facilitatorOf, newName: "Jane",
			want: relationship.ErrNotPermitted, as: new(*relationship.PermissionError)},
		{name: "a blank name", actor: newcomer, newName: " \t",
			want: relationship.ErrBlank, as: new(*InputError)},
		{name: "an invalid strength", actor: newcomer, newName: "Olga", profile: Profile{Strengths: []Strength{{}}},
			want: relationship.ErrInvalidValue, as: new(*relationship.TextError)},
		{name: "an invalid need", actor: newcomer, newName: "Olga", profile: Profile{Needs: []Need{{}}},
			want: relationship.ErrInvalidValue, as: new(*relationship.TextError)},
		{name: "a repeated strength", actor: newcomer, newName: "Olga", profile: Profile{Strengths: []Strength{english, english}},
			want: ErrRepeated, as: new(*InputError)},
		{name: "over capacity", spec: func(s *Spec) { s.Settings.Capacity = 2 }, actor: newcomer, newName: "Olga",
			want: ErrFull, as: new(*MemberError)},
		{name: "capacity freed by a leaver", spec: func(s *Spec) { s.Settings.Capacity = 2 }, actor: newcomer, newName: "Olga",
			prepare: func(t *testing.T, f *fixture) { require.NoError(t, f.g.Leave(f.members[0], LeftIllness, "")) }},
		{name: "a closed group before it starts", spec: closed, actor: newcomer, newName: "Olga"},
		{name: "a closed group after it started", spec: closed, actor: newcomer, newName: "Olga", prepare: startGroup,
			want: ErrClosedGroup, as: new(*MemberError)},
		{name: "an open group after it started", actor: newcomer, newName: "Olga", prepare: startGroup},
		{name: "a former member rejoins", actor: firstMember, newName: "Rosa B.",
			prepare: func(t *testing.T, f *fixture) { require.NoError(t, f.g.Leave(f.members[0], LeftWorkOrSchool, "")) }},
		{name: "a former member and a closed group", spec: closed, actor: firstMember, newName: "Rosa",
			prepare: func(t *testing.T, f *fixture) {
				startGroup(t, f)
				require.NoError(t, f.g.Leave(f.members[0], LeftWorkOrSchool, ""))
			},
			want: ErrClosedGroup, as: new(*MemberError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := clubSpec()
			if tt.spec != nil {
				tt.spec(&spec)
			}
			f := newFixture(t, spec, 2)
			if tt.prepare != nil {
				tt.prepare(t, f)
			}
			before := freeze(t, f.g)
			actor := tt.actor(f)
			err := f.g.Join(actor, tt.newName, tt.profile)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.ErrorAs(t, err, tt.as)
				assertUnchanged(t, before, f.g)
				return
			}
			require.NoError(t, err)
			m, ok := f.g.Member(actor)
			require.True(t, ok)
			assert.True(t, m.IsCurrent())
			assert.True(t, f.g.IsMember(actor))
			assert.Equal(t, tt.profile.Strengths, slices.Collect(m.Strengths()))
			assert.Equal(t, tt.profile.Needs, slices.Collect(m.Needs()))
			assert.Equal(t, relationship.RoleMember, m.Party().Role())
		})
	}
}

func newcomer(*fixture) relationship.PartyID        { return stranger }
func firstMember(f *fixture) relationship.PartyID   { return f.members[0] }
func facilitatorOf(f *fixture) relationship.PartyID { return f.fac }
func closed(s *Spec)                                { s.Settings.Membership = ClosedMembership }

// startGroup holds the group's first meeting.
func startGroup(t *testing.T, f *fixture) {
	t.Helper()
	m := f.meeting(t)
	require.NoError(t, f.g.RecordAttendance(f.fac, m, f.members[0], Present))
}

func TestRejoinBeginsANewPeriod(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	rosa := f.members[0]
	require.NoError(t, f.g.Leave(rosa, LeftWorkOrSchool, "the factory moved me to nights"))
	former := slices.Collect(f.g.FormerMembers())
	require.Len(t, former, 1)
	assert.Equal(t, "Rosa (former member)", former[0].String())

	require.NoError(t, f.g.Join(rosa, "Rosa Bianchi", Profile{}))
	m, ok := f.g.Member(rosa)
	require.True(t, ok)
	ps := slices.Collect(m.Periods())
	require.Len(t, ps, 2)
	assert.False(t, ps[0].Current())
	assert.Equal(t, LeftWorkOrSchool, ps[0].Reason)
	assert.Equal(t, "the factory moved me to nights", ps[0].Note)
	assert.True(t, ps[1].Current())
	assert.Equal(t, ps[0].Joined, m.Joined())
	assert.Equal(t, "Rosa Bianchi", m.Name())
	assert.Equal(t, 2, f.g.Size())
	assert.Empty(t, slices.Collect(f.g.FormerMembers()))
	parties := slices.Collect(f.g.Parties())
	assert.Len(t, parties, 3, "a rejoining member is one party")
	assert.Equal(t, "Rosa Bianchi", parties[1].Name())
}

func TestLeave(t *testing.T) {
	tests := []struct {
		name   string
		actor  func(f *fixture) relationship.PartyID
		reason LeaveReason
		want   error
		as     any
	}{
		{"a member leaves", firstMember, LeftGoalsMet, nil, nil},
		{"the facilitator", facilitatorOf, LeftOther, relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"a stranger", newcomer, LeftOther, relationship.ErrNotParty, new(*relationship.PartyError)},
		{"no reason", firstMember, 0, relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"the group's ending as a reason", firstMember, LeftGroupEnded, relationship.ErrInvalidValue, new(*relationship.TextError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, clubSpec(), 2)
			before := freeze(t, f.g)
			err := f.g.Leave(tt.actor(f), tt.reason, "")
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.ErrorAs(t, err, tt.as)
				assertUnchanged(t, before, f.g)
				return
			}
			require.NoError(t, err)
			assert.False(t, f.g.IsMember(f.members[0]))
			assert.Equal(t, 1, f.g.Size())
		})
	}
}

func TestFormerMemberCannotAct(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	rosa := f.members[0]
	require.NoError(t, f.g.Leave(rosa, LeftMoved, ""))
	before := freeze(t, f.g)
	_, err := f.g.RaiseConcern(rosa, ScopeNeighbourhood, "the alley is dark")
	var pe *relationship.PartyError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, rosa, pe.Party)
	assert.ErrorIs(t, f.g.Leave(rosa, LeftMoved, ""), relationship.ErrNotParty)
	assertUnchanged(t, before, f.g)
}

func TestUpdateProfile(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	rosa := f.members[0]
	sewing := MustNeed(relationship.Informational, "sewing")
	assert.Empty(t, f.g.WhoCanHelp(sewing))

	require.NoError(t, f.g.UpdateProfile(rosa, Profile{Strengths: []Strength{MustStrength(relationship.Informational, "sewing")}}))
	helpers := f.g.WhoCanHelp(sewing)
	require.Len(t, helpers, 1)
	assert.Equal(t, rosa, helpers[0].Member)

	require.NoError(t, f.g.UpdateProfile(rosa, Profile{Needs: []Need{sewing}}))
	assert.Empty(t, f.g.WhoCanHelp(sewing), "the old strength is forgotten")
	m, _ := f.g.Member(rosa)
	assert.Equal(t, []Need{sewing}, slices.Collect(m.Needs()))

	t.Run("not by the facilitator", func(t *testing.T) {
		before := freeze(t, f.g)
		err := f.g.UpdateProfile(f.fac, Profile{})
		assert.ErrorIs(t, err, relationship.ErrNotPermitted)
		assertUnchanged(t, before, f.g)
	})
	t.Run("not a repeated need", func(t *testing.T) {
		before := freeze(t, f.g)
		err := f.g.UpdateProfile(rosa, Profile{Needs: []Need{sewing, sewing}})
		assert.ErrorIs(t, err, ErrRepeated)
		assertUnchanged(t, before, f.g)
	})
}

func TestMemberSnapshotDoesNotChange(t *testing.T) {
	f := newFixture(t, clubSpec(), 1)
	m, ok := f.g.Member(f.members[0])
	require.True(t, ok)
	require.NoError(t, f.g.Leave(f.members[0], LeftIllness, ""))
	assert.True(t, m.IsCurrent())
	p := slices.Collect(m.Periods())
	assert.True(t, p[0].Current(), "leaving does not reach an earlier snapshot")
	_, ok = f.g.Member(stranger)
	assert.False(t, ok)
	assert.True(t, Member{}.Joined().IsZero())
}
