package groupwork

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestNewGroupFormsTheGroup(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	g := f.g

	assert.Equal(t, "Halsted Street Girls' Club", g.Name())
	assert.Equal(t, relationship.GroupWork, g.Method())
	assert.Equal(t, []relationship.Purpose{relationship.PurposeRecreation, relationship.PurposeSocialAction}, slices.Collect(g.Purposes()))
	assert.Equal(t, SocialGoals, g.Model())
	assert.Equal(t, Settings{Membership: OpenMembership}, g.Settings())
	assert.Equal(t, Preaffiliation, g.Stage())
	assert.Equal(t, t0, g.Formed())
	assert.Equal(t, worker.ID(), g.Facilitator().ID())
	assert.Equal(t, "Jane Addams", g.Facilitator().Name())
	assert.Equal(t, t0, g.Facilitator().Since())
	assert.Same(t, Rights(), g.Rights())
	assert.Equal(t, "Halsted Street Girls' Club (social-goals, 2 members, preaffiliation)", g.String())

	parties := slices.Collect(g.Parties())
	require.Len(t, parties, 3)
	assert.Equal(t, worker, parties[0], "the facilitator comes first")
	assert.Equal(t, relationship.RoleMember, parties[1].Role())
	assert.Equal(t, "Rosa", parties[1].Name())

	rec := slices.Collect(g.Record())
	require.Len(t, rec, 3)
	assert.Equal(t, ActFormGroup, rec[0].Act())
	assert.Equal(t, worker.ID(), rec[0].Actor())
	formed, ok := rec[0].Event().(GroupFormed)
	require.True(t, ok)
	assert.Equal(t, g.ID(), formed.Group)
	_, started := g.Started()
	assert.False(t, started)
	_, _, ended := g.Ended()
	assert.False(t, ended)
}

func TestNewGroupRefuses(t *testing.T) {
	member := relationship.MustParty(stranger, "Rosa", relationship.RoleMember)
	tests := []struct {
		name  string
		party relationship.Party
		spec  func(*Spec)
		want  error
		as    any
	}{
		{"zero party", relationship.Party{}, func(*Spec) {}, relationship.ErrNotParty, new(*relationship.PartyError)},
		{"member forms a group", member, func(*Spec) {}, relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"blank name", worker, func(s *Spec) { s.Name = "  " }, relationship.ErrBlank, new(*InputError)},
		{"no purposes", worker, func(s *Spec) { s.Purposes = nil }, ErrInvalidSpec, new(*InputError)},
		{"invalid purpose", worker, func(s *Spec) { s.Purposes = []relationship.Purpose{99} }, relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"repeated purpose", worker, func(s *Spec) { s.Purposes = append(s.Purposes, s.Purposes[0]) }, ErrRepeated, new(*InputError)},
		{"no model", worker, func(s *Spec) { s.Model = 0 }, ErrInvalidSpec, new(*InputError)},
		{"no membership", worker, func(s *Spec) { s.Settings.Membership = 0 }, relationship.ErrInvalidValue, new(*InputError)},
		{"negative capacity", worker, func(s *Spec) { s.Settings.Capacity = -1 }, ErrInvalidSpec, new(*InputError)},
		{"a negative proxy limit", worker, func(s *Spec) { s.Settings.MaxProxies = -1 }, ErrInvalidSpec, new(*InputError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := clubSpec()
			tt.spec(&spec)
			g, err := NewGroup(tt.party, spec, nil)
			assert.Nil(t, g)
			assert.ErrorIs(t, err, tt.want)
			assert.ErrorAs(t, err, tt.as)
		})
	}
}

func TestNewGroupReportsEveryProblemAtOnce(t *testing.T) {
	_, err := NewGroup(worker, Spec{Settings: Settings{Capacity: -3, MaxProxies: -1}}, nil)
	require.Error(t, err)
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "a joined error")
	var fields []string
	for _, e := range joined.Unwrap() {
		var se *InputError
		require.ErrorAs(t, e, &se)
		fields = append(fields, se.Field)
	}
	assert.Equal(t, []string{"name", "purposes", "model", "membership", "capacity", "max proxies"}, fields)
}

func TestEndGroup(t *testing.T) {
	f := newFixture(t, clubSpec(), 3)
	g := f.g
	require.NoError(t, g.Leave(f.members[2], LeftMoved, "to Milwaukee"))

	t.Run("not before separation", func(t *testing.T) {
		before := freeze(t, g)
		err := g.EndGroup(f.fac, "the season is over")
		var se *StateError
		require.ErrorAs(t, err, &se)
		assert.ErrorIs(t, err, ErrNotSeparated)
		assert.Equal(t, Preaffiliation, se.From)
		assertUnchanged(t, before, g)
	})
	require.NoError(t, g.RecordStage(f.fac, Separation, "the members planned a farewell party"))
	t.Run("not by a member", func(t *testing.T) {
		assert.ErrorIs(t, g.EndGroup(f.members[0], "we are done"), relationship.ErrNotPermitted)
	})
	t.Run("not without a reason", func(t *testing.T) {
		assert.ErrorIs(t, g.EndGroup(f.fac, " "), ErrBlank)
	})
	t.Run("ends every membership", func(t *testing.T) {
		require.NoError(t, g.EndGroup(f.fac, "the season is over"))
		at, reason, ok := g.Ended()
		require.True(t, ok)
		assert.Equal(t, "the season is over", reason)
		assert.Equal(t, 0, g.Size())
		assert.Equal(t, "Halsted Street Girls' Club (social-goals, 0 members, ended)", g.String())
		for m := range g.FormerMembers() {
			ps := slices.Collect(m.Periods())
			last := ps[len(ps)-1]
			if m.ID() == f.members[2] {
				assert.Equal(t, LeftMoved, last.Reason)
				continue
			}
			assert.Equal(t, LeftGroupEnded, last.Reason)
			assert.Equal(t, at, last.Left)
		}
	})
	t.Run("nothing happens after the end", func(t *testing.T) {
		before := freeze(t, g)
		errs := []error{
			g.Join(stranger, "Olga", Profile{}),
			g.RecordStage(f.fac, Intimacy, "they came back"),
			g.EndGroup(f.fac, "again"),
		}
		_, err := g.ConveneMeeting(f.fac, t0, "")
		errs = append(errs, err)
		for _, err := range errs {
			var ee *StateError
			assert.ErrorAs(t, err, &ee)
			assert.True(t, errors.Is(err, ErrEnded))
		}
		assertUnchanged(t, before, g)
	})
}

func TestSpecErrorUnwrapsToItsCause(t *testing.T) {
	cause := &InputError{Field: "purpose", Reason: "purpose 1 repeats purpose 0", Err: ErrRepeated}
	err := &InputError{Field: "purposes", Reason: "repeated purpose", Err: ErrInvalidSpec, Cause: cause}
	assert.ErrorIs(t, err, ErrInvalidSpec)
	assert.ErrorIs(t, err, ErrRepeated)
	assert.Equal(t, "groupwork: invalid group purposes: repeated purpose", err.Error())
}

// TestClockARecordCannotHold forms a group with a clock past the years a
// record can write: every change is refused, naming the clock, and
// nothing is recorded that could not be saved.
func TestClockARecordCannotHold(t *testing.T) {
	far := time.Date(9999, 12, 31, 23, 59, 0, 0, time.UTC)
	opts := &Options{Sources: &relationship.Sources{
		Clock: relationship.StepClock(far, time.Minute), IDs: relationship.SequentialIDs(1),
	}}
	g, err := NewGroup(worker, clubSpec(), opts)
	require.NoError(t, err, "the last minute of year 9999 is still writable")
	before := freeze(t, g)
	err = g.Join(people(1)[0], "Rosa", Profile{})
	var fe *relationship.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "clock", fe.Field)
	assert.ErrorIs(t, err, relationship.ErrInvalidValue)
	assertUnchanged(t, before, g)
}
