package casework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
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
	a := newAgency(t, nil)
	_, err := Open(idClient, a, Application{Client: testClient, Worker: testWorker}, nil)
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
	_, err = c.ReadNote(idWorker, [16]byte{1})
	assert.Error(t, err)
	assert.Zero(t, c.Version())
	assert.Empty(t, collect(c.Record()))
	assert.Zero(t, c.Ledger().Len())

	var a Agency
	assert.ErrorIs(t, a.Receive("coal", 1), ErrUnknownResource)
	assert.Zero(t, a.CaseloadSize(idWorker))
	_, err = Open(idWorker, &a, Application{Client: testClient, Worker: testWorker}, nil)
	assert.ErrorIs(t, err, relationship.ErrZeroID)
	_, err = Open(idWorker, nil, Application{}, nil)
	assert.Error(t, err)
	_, err = Open(idWorker, newAgency(t, nil), Application{}, nil)
	assert.Error(t, err)
	assert.Error(t, newFixture(t).c.Transfer(idSupervisor, Worker{}, "x"))
	_, err = Replay(nil, nil)
	assert.Error(t, err)
}
