package groupwork

import (
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestGiveAid(t *testing.T) {
	f := newFixture(t, clubSpec(), 3)
	m := f.meeting(t)
	rosa, hannah, maria := f.members[0], f.members[1], f.members[2]
	coal, err := relationship.NewMaterial("coal", 1, "hundredweight")
	require.NoError(t, err)

	x, err := f.g.GiveAid(rosa, Aid{To: hannah, Support: coal, Process: MutualSupport, Meeting: m})
	require.NoError(t, err)
	assert.Equal(t, rosa, x.Giver())
	assert.Equal(t, hannah, x.Receiver())
	assert.Equal(t, coal, x.Support())
	assert.Equal(t, "mutual-support", x.Context())
	_, err = f.g.GiveAid(hannah, Aid{To: rosa, Support: support(relationship.Informational, "English lessons"), Process: SharingData})
	require.NoError(t, err)
	_, err = f.g.GiveAid(f.fac, Aid{To: maria, Support: support(relationship.Informational, "where the free clinic is"), Process: SharingData})
	require.NoError(t, err, "the facilitator gives")
	_, err = f.g.GiveAid(maria, Aid{To: f.fac, Support: support(relationship.Appraisal, "you listened well"), Process: MutualSupport})
	require.NoError(t, err, "and receives")

	ledger := f.g.Ledger()
	assert.Equal(t, 4, ledger.Len())
	got := slices.Collect(ledger.All())
	assert.True(t, x.Equal(got[0]), "GiveAid returns the exchange recorded")
	sum, ok := ledger.Party(rosa)
	require.True(t, ok)
	assert.Equal(t, 1, sum.Given.Total())
	assert.Equal(t, 1, sum.Received.Total())
	assert.Equal(t, 1.0, ledger.Reciprocity(), "every tie goes both ways")

	var procs []MutualAidProcess
	for _, p := range f.g.MutualAid() {
		procs = append(procs, p)
	}
	assert.Equal(t, []MutualAidProcess{MutualSupport, SharingData, SharingData, MutualSupport}, procs)
	byProcess := map[MutualAidProcess]int{}
	for p, n := range f.g.AidByProcess() {
		byProcess[p] = n
	}
	assert.Equal(t, map[MutualAidProcess]int{SharingData: 2, MutualSupport: 2}, byProcess)

	r, _ := f.g.Member(rosa)
	assert.Equal(t, 1, r.Given())
	assert.Equal(t, 1, r.Received())
	meet, _ := f.g.Meeting(m)
	assert.Equal(t, 1, meet.Aid())
}

func TestGiveAidRefuses(t *testing.T) {
	f := newFixture(t, clubSpec(), 3)
	m := f.meeting(t)
	rosa, hannah, maria := f.members[0], f.members[1], f.members[2]
	require.NoError(t, f.g.Leave(maria, LeftMoved, ""))
	ok := support(relationship.Emotional, "")
	tests := []struct {
		name  string
		actor relationship.PartyID
		aid   Aid
		want  error
		as    any
	}{
		{"to oneself", rosa, Aid{To: rosa, Support: ok, Process: MutualSupport}, ErrSelfAid, new(*MemberError)},
		{"the facilitator to themselves", f.fac, Aid{To: f.fac, Support: ok, Process: MutualSupport}, ErrSelfAid, new(*MemberError)},
		{"to a stranger", rosa, Aid{To: stranger, Support: ok, Process: MutualSupport}, ErrNotMember, new(*MemberError)},
		{"to a former member", rosa, Aid{To: maria, Support: ok, Process: MutualSupport}, ErrNotMember, new(*MemberError)},
		{"from a former member", maria, Aid{To: rosa, Support: ok, Process: MutualSupport}, relationship.ErrNotParty, new(*relationship.PartyError)},
		{"from a stranger", stranger, Aid{To: rosa, Support: ok, Process: MutualSupport}, relationship.ErrNotParty, new(*relationship.PartyError)},
		{"at an unknown meeting", rosa, Aid{To: hannah, Support: ok, Process: MutualSupport, Meeting: uuid.New()}, ErrUnknownMeeting, new(*NotFoundError)},
		{"no process", rosa, Aid{To: hannah, Support: ok}, relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"no support", rosa, Aid{To: hannah, Process: MutualSupport, Meeting: m}, relationship.ErrInvalidValue, new(*relationship.ExchangeError)},
		{"the zero actor", relationship.PartyID{}, Aid{To: hannah, Support: ok, Process: MutualSupport}, relationship.ErrNotParty, new(*relationship.PartyError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := freeze(t, f.g)
			x, err := f.g.GiveAid(tt.actor, tt.aid)
			assert.ErrorIs(t, err, tt.want)
			assert.ErrorAs(t, err, tt.as)
			assert.False(t, x.IsValid())
			assertUnchanged(t, before, f.g)
		})
	}
}
