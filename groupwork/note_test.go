package groupwork

import (
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestRecordNote(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	m := f.meeting(t)
	id, err := f.g.RecordNote(f.fac, m, " Hannah told the others about her father's accident; Maria said hers too. ",
		SameBoat, Universality, MutualSupport, nil, Catharsis)
	require.NoError(t, err)
	notes := slices.Collect(f.g.Notes())
	require.Len(t, notes, 1)
	n := notes[0]
	assert.Equal(t, id, n.ID())
	assert.Equal(t, m, n.Meeting())
	assert.Equal(t, f.fac, n.Author())
	assert.False(t, n.Time().IsZero())
	assert.Equal(t, "Hannah told the others about her father's accident; Maria said hers too.", n.Text())
	assert.Equal(t, []MutualAidProcess{SameBoat, MutualSupport}, slices.Collect(n.Processes()))
	assert.Equal(t, []TherapeuticFactor{Universality, Catharsis}, slices.Collect(n.Factors()))

	_, err = f.g.RecordNote(f.fac, uuid.Nil, "a note about the season")
	require.NoError(t, err, "a note need not be about one meeting")

	tests := []struct {
		name    string
		actor   relationship.PartyID
		meeting uuid.UUID
		text    string
		tags    []Tag
		want    error
	}{
		{"by a member", f.members[0], m, "we sang", nil, relationship.ErrNotPermitted},
		{"unknown meeting", f.fac, uuid.New(), "we sang", nil, ErrUnknownMeeting},
		{"blank", f.fac, m, "  ", nil, ErrBlank},
		{"an invalid process", f.fac, m, "we sang", []Tag{MutualAidProcess(0)}, relationship.ErrInvalidValue},
		{"an invalid factor", f.fac, m, "we sang", []Tag{TherapeuticFactor(99)}, relationship.ErrInvalidValue},
		{"a repeated tag", f.fac, m, "we sang", []Tag{Altruism, Altruism}, ErrRepeated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := freeze(t, f.g)
			_, err := f.g.RecordNote(tt.actor, tt.meeting, tt.text, tt.tags...)
			assert.ErrorIs(t, err, tt.want)
			assertUnchanged(t, before, f.g)
		})
	}
}
