package groupwork

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestConveneMeeting(t *testing.T) {
	f := newFixture(t, clubSpec(), 2)
	est := time.FixedZone("EST", -5*3600)
	id, err := f.g.ConveneMeeting(f.fac, time.Date(1910, 10, 11, 19, 30, 0, 0, est), " the gymnasium ")
	require.NoError(t, err)
	m, ok := f.g.Meeting(id)
	require.True(t, ok)
	assert.Equal(t, 1, m.Number())
	assert.Equal(t, time.Date(1910, 10, 12, 0, 30, 0, 0, time.UTC), m.Date(), "dates are kept in UTC")
	assert.Equal(t, time.UTC, m.Date().Location())
	assert.Equal(t, "the gymnasium", m.Place())
	assert.False(t, m.Held())

	t.Run("zero date", func(t *testing.T) {
		before := freeze(t, f.g)
		id, err := f.g.ConveneMeeting(f.fac, time.Time{}, "")
		assert.ErrorIs(t, err, relationship.ErrZeroTime)
		assert.ErrorAs(t, err, new(*InputError))
		assert.Equal(t, uuid.Nil, id)
		assertUnchanged(t, before, f.g)
	})
	t.Run("a date a record cannot hold", func(t *testing.T) {
		for _, date := range []time.Time{
			time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
			time.Date(0, 1, 1, 0, 30, 0, 0, time.FixedZone("", 3600)), // year -1 in UTC
		} {
			before := freeze(t, f.g)
			id, err := f.g.ConveneMeeting(f.fac, date, "")
			var de *InputError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, "date", de.Field)
			assert.ErrorIs(t, err, relationship.ErrInvalidValue)
			assert.Equal(t, uuid.Nil, id)
			assertUnchanged(t, before, f.g)
		}
		_, err := f.g.ConveneMeeting(f.fac, time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC), "")
		assert.NoError(t, err, "the last year a record holds")
	})
	t.Run("not by a member", func(t *testing.T) {
		_, err := f.g.ConveneMeeting(f.members[0], t0, "")
		assert.ErrorIs(t, err, relationship.ErrNotPermitted)
	})
	_, ok = f.g.Meeting(uuid.New())
	assert.False(t, ok)
}

func TestRecordAttendance(t *testing.T) {
	f := newFixture(t, clubSpec(), 3)
	m := f.meeting(t)
	require.NoError(t, f.g.Leave(f.members[2], LeftMoved, ""))
	tests := []struct {
		name    string
		actor   relationship.PartyID
		meeting uuid.UUID
		member  relationship.PartyID
		mark    Attendance
		want    error
		as      any
	}{
		{"present", f.fac, m, f.members[0], Present, nil, nil},
		{"late", f.fac, m, f.members[1], Late, nil, nil},
		{"a correction", f.fac, m, f.members[1], Excused, nil, nil},
		{"unknown meeting", f.fac, uuid.New(), f.members[0], Present, ErrUnknownMeeting, new(*NotFoundError)},
		{"a non-member", f.fac, m, stranger, Present, ErrNotMember, new(*MemberError)},
		{"a former member", f.fac, m, f.members[2], Present, ErrNotMember, new(*MemberError)},
		{"the facilitator", f.fac, m, f.fac, Present, ErrNotMember, new(*MemberError)},
		{"no mark", f.fac, m, f.members[0], 0, relationship.ErrInvalidValue, new(*relationship.TextError)},
		{"by a member", f.members[0], m, f.members[1], Absent, relationship.ErrNotPermitted, new(*relationship.PermissionError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := freeze(t, f.g)
			err := f.g.RecordAttendance(tt.actor, tt.meeting, tt.member, tt.mark)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.ErrorAs(t, err, tt.as)
				assertUnchanged(t, before, f.g)
				return
			}
			require.NoError(t, err)
			got, _ := f.g.Meeting(tt.meeting)
			mark, ok := got.Attendance(tt.member)
			assert.True(t, ok)
			assert.Equal(t, tt.mark, mark)
		})
	}

	got, _ := f.g.Meeting(m)
	assert.True(t, got.Held())
	assert.Equal(t, []Mark{{f.members[0], Present}, {f.members[1], Excused}}, slices.Collect(got.Register()))
	assert.Equal(t, 1, got.Count(Present))
	assert.Equal(t, 1, got.Count(Excused))
	assert.True(t, got.Present(f.members[0]))
	assert.False(t, got.Present(f.members[1]), "excused is not present")
	assert.False(t, got.Present(stranger))
	assert.True(t, f.g.Attended(m, f.members[0]))
	assert.False(t, f.g.Attended(m, f.members[1]))
	assert.False(t, f.g.Attended(uuid.New(), f.members[0]))
	started, ok := f.g.Started()
	assert.True(t, ok)
	assert.Equal(t, got.Date(), started, "the group started on the date of its first meeting held")
}

func TestAttendanceMarks(t *testing.T) {
	for a := range Attendances() {
		assert.Equal(t, a == Present || a == Late, a.Attended(), "%s", a)
	}
}

func TestMeetingsInOrder(t *testing.T) {
	f := newFixture(t, clubSpec(), 1)
	a := f.meeting(t)
	b := f.meeting(t)
	var got []uuid.UUID
	for m := range f.g.Meetings() {
		got = append(got, m.ID())
		if m.Number() == 1 {
			_, err := f.g.ConveneMeeting(f.fac, t0, "") // the loop body may change the group
			require.NoError(t, err)
		}
	}
	assert.Equal(t, []uuid.UUID{a, b}, got)
}
