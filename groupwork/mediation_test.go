package groupwork

import (
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestMediation(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	concern, err := f.g.RaiseConcern(f.members[0], ScopeNeighbourhood, "the police chase us off the street")
	require.NoError(t, err)
	demand := Demand{Source: "the police captain", What: "no ball games in the street"}
	id, err := f.g.OpenMediation(f.fac, concern, demand, "somewhere safe to play after school")
	require.NoError(t, err)

	m, ok := f.g.Mediation(id)
	require.True(t, ok)
	assert.Equal(t, concern, m.Concern())
	assert.Equal(t, demand, m.Demand())
	assert.Equal(t, "somewhere safe to play after school", m.Need())
	by, _ := m.Opened()
	assert.Equal(t, f.fac, by)
	assert.False(t, m.IsSettled())

	require.NoError(t, f.g.SettleMediation(f.fac, id, "both want the children safe and off the traffic",
		"the settlement's yard opens after school; the club keeps it tidy"))
	settled, _ := f.g.Mediation(id)
	assert.True(t, settled.IsSettled())
	assert.Equal(t, "both want the children safe and off the traffic", settled.CommonGround())
	assert.Equal(t, "the settlement's yard opens after school; the club keeps it tidy", settled.Agreement())
	assert.False(t, settled.Settled().IsZero())
	assert.False(t, m.IsSettled(), "an earlier snapshot does not change")
	all := slices.Collect(f.g.Mediations())
	require.Len(t, all, 1)
	assert.True(t, all[0].IsSettled())
}

func TestMediationRefuses(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	d := Demand{Source: "the board", What: "quiet after nine"}
	open, err := f.g.OpenMediation(f.fac, uuid.Nil, d, "late rehearsals")
	require.NoError(t, err)
	settled, err := f.g.OpenMediation(f.fac, uuid.Nil, d, "late rehearsals")
	require.NoError(t, err)
	require.NoError(t, f.g.SettleMediation(f.fac, settled, "the play", "rehearse until nine thirty"))
	tests := []struct {
		name string
		do   func() error
		want error
	}{
		{"opened by a member", func() error { _, err := f.g.OpenMediation(f.members[0], uuid.Nil, d, "x"); return err }, relationship.ErrNotPermitted},
		{"an unknown concern", func() error { _, err := f.g.OpenMediation(f.fac, uuid.New(), d, "x"); return err }, ErrUnknownConcern},
		{"no source", func() error { _, err := f.g.OpenMediation(f.fac, uuid.Nil, Demand{What: "x"}, "x"); return err }, ErrBlank},
		{"no demand", func() error { _, err := f.g.OpenMediation(f.fac, uuid.Nil, Demand{Source: "x"}, "x"); return err }, ErrBlank},
		{"no need", func() error { _, err := f.g.OpenMediation(f.fac, uuid.Nil, d, " "); return err }, ErrBlank},
		{"settled by a member", func() error { return f.g.SettleMediation(f.members[0], open, "a", "b") }, relationship.ErrNotPermitted},
		{"settle an unknown mediation", func() error { return f.g.SettleMediation(f.fac, uuid.New(), "a", "b") }, ErrUnknownMediation},
		{"settled twice", func() error { return f.g.SettleMediation(f.fac, settled, "a", "b") }, ErrAlreadyDone},
		{"no common ground", func() error { return f.g.SettleMediation(f.fac, open, "", "b") }, ErrBlank},
		{"no agreement", func() error { return f.g.SettleMediation(f.fac, open, "a", "") }, ErrBlank},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := freeze(t, f.g)
			assert.ErrorIs(t, tt.do(), tt.want)
			assertUnchanged(t, before, f.g)
		})
	}
	_, ok := f.g.Mediation(uuid.New())
	assert.False(t, ok)
}
