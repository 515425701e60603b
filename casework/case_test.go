package casework

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

func TestCaseRunsFromIntakeToClosure(t *testing.T) {
	f := newFixture(t)
	goal := f.toTreatment()
	f.ok(f.c.ActivateGoal(idWorker, goal))
	f.id(f.c.Counsel(idWorker, relationship.Emotional, "listened to her fears about the winter"))
	small := f.id(f.c.ProposeProvision(idWorker, "coal", 2, "heat through January"))
	f.ok(f.c.AuthoriseProvision(idWorker, small))
	f.ok(f.c.MoveTo(idWorker, PhaseEvaluation))
	f.ok(f.c.AchieveGoal(idWorker, goal, "work at the box factory"))
	f.ok(f.c.Close(idWorker, ReasonGoalsAchieved, "the family is self-supporting"))

	assert.Equal(t, PhaseClosed, f.c.Phase())
	assert.False(t, f.c.IsOpen())
	left, _ := f.a.Available("coal")
	assert.Equal(t, int64(18), left)
	assert.Zero(t, f.a.CaseloadSize(idWorker))
	m := f.c.Ledger().Metrics()
	assert.Equal(t, 2, m.Exchanges)
	assert.Zero(t, m.Reciprocity)
	assert.Equal(t, 1.0, m.Concentration)
	replayed(t, f.c)
}

func TestOpenRejectsBadApplications(t *testing.T) {
	a := testAgency(t, nil)
	_, err := NewCase(idClient, a, Application{Client: testClient, Worker: testWorker}, nil)
	var perm *relationship.PermissionError
	require.ErrorAs(t, err, &perm)
	assert.Equal(t, relationship.RoleClient, perm.Role)
}

// TestZeroValuesDoNotPanic calls methods on zero values: each answers with
// an error or a zero result, never a panic.
func TestZeroValuesDoNotPanic(t *testing.T) {
	var c Case
	assert.Error(t, c.MoveTo(idWorker, PhaseStudy))
	_, err := c.WriteNote(idWorker, "x")
	assert.Error(t, err)
	_, err = c.ReadNote(bg, accessLog, idWorker, [16]byte{1})
	assert.Error(t, err)
	assert.Zero(t, c.Version())
	assert.Empty(t, collect(c.Record()))
	assert.Zero(t, c.Ledger().Len())

	var a Agency
	assert.ErrorIs(t, a.Receive(idAgency, "coal", 1), relationship.ErrNil)
	assert.Zero(t, a.CaseloadSize(idWorker))
	_, err = NewCase(idWorker, &a, Application{Client: testClient, Worker: testWorker}, nil)
	assert.ErrorIs(t, err, relationship.ErrNil)
	_, err = NewCase(idWorker, nil, Application{}, nil)
	assert.Error(t, err)
	_, err = NewCase(idWorker, testAgency(t, nil), Application{}, nil)
	assert.Error(t, err)
	assert.Error(t, newFixture(t).c.Transfer(idSupervisor, Worker{}, "x"))
	_, err = Replay(nil, nil)
	assert.Error(t, err)
}

// TestClockOutsideTheRecord gives the case a clock whose time a record
// cannot hold: the act is refused with an error naming the clock, nothing is
// recorded, and the record stays readable and savable.
func TestClockOutsideTheRecord(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want error
	}{
		{"zero", time.Time{}, relationship.ErrZeroTime},
		{"after the year 9999", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), relationship.ErrInvalidValue},
		{"before the year 0 in UTC", time.Date(0, 1, 1, 0, 30, 0, 0, time.FixedZone("", 3600)), relationship.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			var now time.Time
			*f.c.src = relationship.Sources{Clock: func() time.Time { return now }, IDs: relationship.SequentialIDs(100)}
			now = tt.at
			err := f.unchanged(func() error { return f.c.MoveTo(idWorker, PhaseStudy) })
			var fe *relationship.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "clock", fe.Field)
			assert.ErrorIs(t, err, tt.want)
			_, err = NewCase(idWorker, testAgency(t, nil), Application{Client: testClient, Worker: testWorker},
				&Options{Sources: f.c.src})
			assert.ErrorIs(t, err, tt.want, "nor can a case open")

			now = time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)
			f.ok(f.c.MoveTo(idWorker, PhaseStudy))
			assert.Len(t, collect(f.c.Record()), 2)
			j := journal.NewMemory()
			f.ok(f.c.Save(context.Background(), j))
		})
	}
}
