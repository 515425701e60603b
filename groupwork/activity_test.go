package groupwork

import (
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestChooseActivity(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	m := f.meeting(t)
	rosa := f.members[0]

	t.Run("typical purposes by default", func(t *testing.T) {
		id, err := f.g.ChooseActivity(rosa, m, Camping, " a weekend at the lake ")
		require.NoError(t, err)
		it, ok := f.g.ProgrammeItem(id)
		require.True(t, ok)
		assert.Equal(t, Camping, it.Activity())
		assert.Equal(t, "a weekend at the lake", it.Description())
		assert.Equal(t, m, it.Meeting())
		assert.Equal(t, rosa, it.ChosenBy())
		assert.Equal(t, slices.Collect(Camping.Purposes()), slices.Collect(it.Purposes()))
		_, _, done := it.Done()
		assert.False(t, done)
	})
	t.Run("the members' own purposes", func(t *testing.T) {
		id, err := f.g.ChooseActivity(rosa, m, Drama, "", relationship.PurposeSocialAction)
		require.NoError(t, err)
		it, _ := f.g.ProgrammeItem(id)
		assert.Equal(t, []relationship.Purpose{relationship.PurposeSocialAction}, slices.Collect(it.Purposes()))
	})

	tests := []struct {
		name     string
		actor    relationship.PartyID
		meeting  uuid.UUID
		activity Activity
		purposes []relationship.Purpose
		want     error
		as       any
	}{
		{"by the facilitator", f.fac, m, Games, nil, relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"unknown meeting", rosa, uuid.New(), Games, nil, ErrUnknownMeeting, new(*NotFoundError)},
		{"no activity", rosa, m, 0, []relationship.Purpose{relationship.PurposeRecreation}, relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"an invalid purpose", rosa, m, Games, []relationship.Purpose{0}, relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"a repeated purpose", rosa, m, Games, []relationship.Purpose{relationship.PurposeRecreation, relationship.PurposeRecreation}, ErrRepeated, new(*InputError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := freeze(t, f.g)
			id, err := f.g.ChooseActivity(tt.actor, tt.meeting, tt.activity, "", tt.purposes...)
			assert.ErrorIs(t, err, tt.want)
			assert.ErrorAs(t, err, tt.as)
			assert.Equal(t, uuid.Nil, id)
			assertUnchanged(t, before, f.g)
		})
	}

	got, _ := f.g.Meeting(m)
	var kinds []Activity
	for it := range got.Programme() {
		kinds = append(kinds, it.Activity())
	}
	assert.Equal(t, []Activity{Camping, Drama}, kinds)
}

func TestRecordActivity(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	m := f.meeting(t)
	sing, err := f.g.ChooseActivity(f.members[0], m, Singing, "")
	require.NoError(t, err)
	games, err := f.g.ChooseActivity(f.members[0], m, Games, "")
	require.NoError(t, err)

	require.NoError(t, f.g.RecordActivity(f.members[1], sing, "everyone sang, even Sadie"))
	require.NoError(t, f.g.RecordActivity(f.fac, games, ""))
	it, _ := f.g.ProgrammeItem(sing)
	by, at, done := it.Done()
	assert.True(t, done)
	assert.Equal(t, f.members[1], by)
	assert.False(t, at.IsZero())
	assert.Equal(t, "everyone sang, even Sadie", it.Note())

	before := freeze(t, f.g)
	err = f.g.RecordActivity(f.fac, sing, "again")
	assert.ErrorIs(t, err, ErrAlreadyDone)
	assert.ErrorAs(t, err, new(*StateError))
	err = f.g.RecordActivity(f.fac, uuid.New(), "")
	assert.ErrorIs(t, err, ErrUnknownActivity)
	assertUnchanged(t, before, f.g)
	_, ok := f.g.ProgrammeItem(uuid.New())
	assert.False(t, ok)
}

func TestEveryActivityHasPurposes(t *testing.T) {
	for a := range Activities() {
		ps := slices.Collect(a.Purposes())
		assert.NotEmpty(t, ps, "%s", a)
		assert.NoError(t, unique("purpose", ps), "%s", a)
	}
	assert.Empty(t, slices.Collect(Activity(0).Purposes()))
	assert.Empty(t, slices.Collect(Activity(200).Purposes()))
}
