package groupwork

import (
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestConcernFromRaisingToClosing(t *testing.T) {
	f := newFixture(t, clubSpec(), 3)
	rosa, hannah := f.members[0], f.members[1]
	id, err := f.g.RaiseConcern(rosa, ScopeNeighbourhood, " The alley behind Polk Street is full of garbage. ")
	require.NoError(t, err)
	require.NoError(t, f.g.TakeAction(hannah, id, ActionInquiry, "counted the uncollected garbage boxes on the block"))
	require.NoError(t, f.g.TakeAction(rosa, id, ActionDeputation, "went to the ward office with the count"))
	require.NoError(t, f.g.CloseConcern(hannah, id, OutcomePartlyResolved, "collection twice a week, not daily"))

	c, ok := f.g.Concern(id)
	require.True(t, ok)
	assert.Equal(t, ScopeNeighbourhood, c.Scope())
	assert.Equal(t, "The alley behind Polk Street is full of garbage.", c.Text())
	by, _ := c.RaisedBy()
	assert.Equal(t, rosa, by)
	actions := slices.Collect(c.Actions())
	require.Len(t, actions, 2)
	assert.Equal(t, ActionInquiry, actions[0].Kind)
	assert.Equal(t, hannah, actions[0].By)
	assert.Equal(t, ActionDeputation, actions[1].Kind)
	assert.True(t, c.IsClosed())
	assert.Equal(t, OutcomePartlyResolved, c.Outcome())
	assert.Equal(t, "collection twice a week, not daily", c.Summary())
	closer, at := c.ClosedBy()
	assert.Equal(t, hannah, closer)
	assert.False(t, at.IsZero())
	assert.Len(t, slices.Collect(f.g.Concerns()), 1)
}

func TestConcernRefuses(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	rosa := f.members[0]
	open, err := f.g.RaiseConcern(rosa, ScopePersonal, "my brother is out of work")
	require.NoError(t, err)
	closed, err := f.g.RaiseConcern(rosa, ScopeGroup, "the piano is out of tune")
	require.NoError(t, err)
	require.NoError(t, f.g.CloseConcern(rosa, closed, OutcomeResolved, ""))
	tests := []struct {
		name string
		do   func() error
		want error
		as   any
	}{
		{"raised by the facilitator", func() error { _, err := f.g.RaiseConcern(f.fac, ScopeSociety, "wages"); return err },
			relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"no scope", func() error { _, err := f.g.RaiseConcern(rosa, 0, "wages"); return err },
			relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"blank", func() error { _, err := f.g.RaiseConcern(rosa, ScopeSociety, " "); return err },
			ErrBlank, new(*InputError)},
		{"action by the facilitator", func() error { return f.g.TakeAction(f.fac, open, ActionReferral, "to the employment bureau") },
			relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"action on an unknown concern", func() error { return f.g.TakeAction(rosa, uuid.New(), ActionLetter, "a letter") },
			ErrUnknownConcern, new(*NotFoundError)},
		{"action on a closed concern", func() error { return f.g.TakeAction(rosa, closed, ActionLetter, "a letter") },
			ErrAlreadyDone, new(*StateError)},
		{"no kind of action", func() error { return f.g.TakeAction(rosa, open, 0, "a letter") },
			relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"a blank action", func() error { return f.g.TakeAction(rosa, open, ActionLetter, "") },
			ErrBlank, new(*InputError)},
		{"closed by the facilitator", func() error { return f.g.CloseConcern(f.fac, open, OutcomeWithdrawn, "") },
			relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"closed twice", func() error { return f.g.CloseConcern(rosa, closed, OutcomeResolved, "") },
			ErrAlreadyDone, new(*StateError)},
		{"no outcome", func() error { return f.g.CloseConcern(rosa, open, 0, "") },
			relationship.ErrInvalidValue, new(*relationship.TextError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := freeze(t, f.g)
			err := tt.do()
			assert.ErrorIs(t, err, tt.want)
			assert.ErrorAs(t, err, tt.as)
			assertUnchanged(t, before, f.g)
		})
	}
	_, ok := f.g.Concern(uuid.New())
	assert.False(t, ok)
}

func TestConcernSnapshotDoesNotChange(t *testing.T) {
	f := newFixture(t, clubSpec(), 1)
	id, err := f.g.RaiseConcern(f.members[0], ScopeGroup, "the room is cold")
	require.NoError(t, err)
	before, _ := f.g.Concern(id)
	require.NoError(t, f.g.TakeAction(f.members[0], id, ActionLetter, "to the head resident"))
	require.NoError(t, f.g.CloseConcern(f.members[0], id, OutcomeResolved, "a new stove"))
	assert.Empty(t, slices.Collect(before.Actions()))
	assert.False(t, before.IsClosed())
}
