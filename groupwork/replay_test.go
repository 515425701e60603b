package groupwork

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/relationship"
)

// foreign is an event of another package, to forge a record with.
type foreign struct{}

func (foreign) EventType() string { return "groupworktest.foreign.v1" }

func init() { eventtype.Register[foreign]() }

func TestReplayRebuildsTheGroup(t *testing.T) {
	g := season(t)
	r, err := Replay(g.Record(), testOptions(99))
	require.NoError(t, err)
	assertSameGroup(t, g, r)
	assert.Equal(t, int(g.Version()), r.Unsaved(), "a replayed group has saved nothing")
	assert.Equal(t, g.String(), r.String())
}

func TestReplayEveryEventType(t *testing.T) {
	seen := map[string]bool{}
	for e := range season(t).Record() {
		seen[e.Event().EventType()] = true
	}
	for _, name := range eventtype.Names() {
		if len(name) > 10 && name[:10] == "groupwork." {
			assert.True(t, seen[name], "the season has no %s", name)
		}
	}
}

// forge returns a record of a formed group with three members (the
// facilitator's ID is worker.ID()), to which a test appends forged entries.
func forge(t *testing.T) ([]relationship.Entry, []relationship.PartyID) {
	f := newFixture(t, clubSpec(), 3)
	return slices.Collect(f.g.Record()), f.members
}

func entry(t *testing.T, seq int, actor relationship.PartyID, act relationship.Act, ev relationship.Event) relationship.Entry {
	t.Helper()
	e, err := relationship.NewEntry(uint64(seq), t0.Add(time.Duration(seq)*time.Hour), actor, act, ev)
	require.NoError(t, err)
	return e
}

func TestReplayRefusesForgedRecords(t *testing.T) {
	rec, members := forge(t)
	next := len(rec) + 1
	rosa := members[0]
	aid := AidGiven{Exchange: uuid.New(), Receiver: members[1], Support: support(relationship.Emotional, ""), Process: MutualSupport}
	formed := rec[0].Event().(GroupFormed)
	tests := []struct {
		name    string
		entries []relationship.Entry
		seq     uint64 // of the entry refused
		want    error
		as      any
	}{
		{"a first entry that forms nothing", []relationship.Entry{entry(t, 1, rosa, ActJoin, MemberJoined{Name: "Rosa"})},
			1, relationship.ErrInvalidEntry, new(*relationship.EntryError)},
		{"a gap in the sequence", append(slices.Clone(rec), entry(t, next+1, rosa, ActGiveAid, aid)),
			uint64(next + 1), relationship.ErrInvalidEntry, new(*relationship.EntryError)},
		{"an act that does not match", append(slices.Clone(rec), entry(t, next, rosa, ActJoin, aid)),
			uint64(next), relationship.ErrInvalidEntry, new(*relationship.EntryError)},
		{"a second forming", append(slices.Clone(rec), entry(t, next, worker.ID(), ActFormGroup, formed)),
			uint64(next), relationship.ErrInvalidEntry, new(*relationship.EntryError)},
		{"a foreign event", append(slices.Clone(rec), entry(t, next, rosa, ActGiveAid, foreign{})),
			uint64(next), relationship.ErrUnknownEvent, new(*relationship.EntryError)},
		{"the facilitator choosing the programme", append(slices.Clone(rec),
			entry(t, next, worker.ID(), ActChooseActivity, ActivityChosen{Item: uuid.New(), Meeting: uuid.New(), Activity: Games})),
			uint64(next), relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"a stranger giving aid", append(slices.Clone(rec), entry(t, next, stranger, ActGiveAid, aid)),
			uint64(next), relationship.ErrNotParty, new(*relationship.PartyError)},
		{"the facilitator joining", append(slices.Clone(rec), entry(t, next, worker.ID(), ActJoin, MemberJoined{Name: "Jane"})),
			uint64(next), relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"aid to oneself", append(slices.Clone(rec), entry(t, next, members[1], ActGiveAid, aid)),
			uint64(next), ErrSelfAid, new(*MemberError)},
		{"an exchange identifier used twice", append(slices.Clone(rec), entry(t, next, rosa, ActGiveAid, aid), entry(t, next+1, rosa, ActGiveAid, aid)),
			uint64(next + 1), ErrDuplicateID, new(*RecordError)},
		{"an ending without separation", append(slices.Clone(rec), entry(t, next, worker.ID(), ActEndGroup, GroupEnded{Reason: "tired"})),
			uint64(next), ErrNotSeparated, new(*StateError)},
		{"a group formed badly", []relationship.Entry{entry(t, 1, worker.ID(), ActFormGroup, GroupFormed{Group: uuid.New(), Model: Remedial, Facilitator: "Jane"})},
			1, ErrInvalidSpec, new(*InputError)},
		{"a group formed with no facilitator's name", []relationship.Entry{entry(t, 1, worker.ID(), ActFormGroup,
			GroupFormed{Group: uuid.New(), Name: "x", Purposes: formed.Purposes, Model: Remedial, Settings: formed.Settings})},
			1, relationship.ErrBlank, new(*InputError)},
		{"an event held by pointer", append(slices.Clone(rec), entry(t, next, rosa, ActGiveAid, &aid)),
			uint64(next), relationship.ErrUnknownEvent, new(*relationship.EntryError)},
		{"a member leaving twice", append(slices.Clone(rec), entry(t, next, rosa, ActLeave, MemberLeft{Reason: LeftMoved}),
			entry(t, next+1, rosa, ActLeave, MemberLeft{Reason: LeftMoved})),
			uint64(next + 1), relationship.ErrNotParty, new(*relationship.PartyError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Replay(slices.Values(tt.entries), nil)
			assert.Nil(t, g)
			var re *relationship.EntryError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tt.seq, re.Seq)
			if tt.want != relationship.ErrUnknownEvent {
				assert.ErrorIs(t, err, relationship.ErrInvalidEntry)
			}
			assert.ErrorIs(t, err, tt.want)
			if tt.as != nil {
				assert.ErrorAs(t, err, tt.as)
			}
		})
	}
}

func TestReplayOfNothing(t *testing.T) {
	g, err := Replay(slices.Values([]relationship.Entry(nil)), nil)
	assert.Nil(t, g)
	assert.ErrorIs(t, err, relationship.ErrNoRecord)
}

func TestReplayedGroupGoesOn(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	r, err := Replay(f.g.Record(), testOptions(5))
	require.NoError(t, err)
	id, err := r.ConveneMeeting(f.fac, t0, "")
	require.NoError(t, err)
	assert.NotEqual(t, uuid.Nil, id)
	assert.Equal(t, int(f.g.Version())+1, int(r.Version()))
}
