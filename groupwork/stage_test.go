package groupwork

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestStagesWithRegression(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	steps := []struct {
		to         Stage
		regression bool
	}{
		{PowerAndControl, false},
		{Intimacy, false},
		{PowerAndControl, true},
		{Intimacy, false},
		{Separation, false},
	}
	for _, s := range steps {
		require.NoError(t, f.g.RecordStage(f.fac, s.to, "what the members did"))
		assert.Equal(t, s.to, f.g.Stage())
	}
	changes := slices.Collect(f.g.StageChanges())
	require.Len(t, changes, len(steps))
	from := Preaffiliation
	for i, c := range changes {
		assert.Equal(t, from, c.From)
		assert.Equal(t, steps[i].to, c.To)
		assert.Equal(t, steps[i].regression, c.Regression(), "change %d", i)
		assert.Equal(t, f.fac, c.By)
		from = c.To
	}
}

func TestRecordStageRefuses(t *testing.T) {
	f := newFixture(t, clubSpec(), 1)
	tests := []struct {
		name     string
		actor    relationship.PartyID
		to       Stage
		evidence string
		want     error
		as       any
	}{
		{"the same stage", f.fac, Preaffiliation, "quiet", ErrSameStage, new(*StateError)},
		{"no stage", f.fac, 0, "quiet", relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"an out-of-range stage", f.fac, 6, "quiet", relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"no evidence", f.fac, Intimacy, " ", ErrBlank, new(*InputError)},
		{"by a member", f.members[0], Intimacy, "we are friends", relationship.ErrNotPermitted, new(*relationship.PermissionError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := freeze(t, f.g)
			err := f.g.RecordStage(tt.actor, tt.to, tt.evidence)
			assert.ErrorIs(t, err, tt.want)
			assert.ErrorAs(t, err, tt.as)
			assertUnchanged(t, before, f.g)
		})
	}
}

func TestStageErrorMessages(t *testing.T) {
	assert.Equal(t, "groupwork: the group is already in intimacy",
		(&StateError{Item: "group", From: Intimacy, Err: ErrSameStage}).Error())
	assert.Equal(t, "groupwork: cannot end a group in intimacy: it has not reached separation",
		(&StateError{Item: "group", From: Intimacy, Err: ErrNotSeparated}).Error())
}
