package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
	"github.com/helpingwork/helping/relationship/projection"
)

// TestProjectionFollows keeps caseloads from the feed of a PostgreSQL
// journal while cases are assigned and released, stops the projector,
// restores it from its checkpoint on another connection, and checks that
// it answers as a projection rebuilt from scratch.
func TestProjectionFollows(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tenant := newTenant(t)
	j := open(t, tenant, nil)
	workers := []relationship.PartyID{relationship.PartyID(uuid.New()), relationship.PartyID(uuid.New())}
	agency := casework.AgencyStreamName(relationship.PartyID(uuid.New()))
	var v uint64
	record := func(ev relationship.Event) {
		e, err := relationship.NewEntry(v+1, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(v)*time.Minute), journaltest.Actor, "record", ev)
		require.NoError(t, err)
		require.NoError(t, j.Append(ctx, relationship.Append{Stream: agency, Expected: v, Entries: []relationship.Entry{e}}))
		v++
	}

	p, err := projection.New(projection.NewCaseloads())
	require.NoError(t, err)
	var checkpoint []byte
	followCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- p.Follow(followCtx, j, &projection.FollowOptions{Checkpoint: func(_ context.Context, cp []byte) error {
			checkpoint = cp
			return nil
		}})
	}()
	cases := make([]uuid.UUID, 12)
	for i := range cases {
		cases[i] = uuid.New()
		record(casework.CaseAssigned{Case: cases[i], Client: journaltest.Actor, Worker: workers[i%2]})
	}
	for i := 0; i < len(cases); i += 3 {
		record(casework.CaseReleased{Case: cases[i]})
	}
	require.Eventually(t, func() bool { return p.Position() == v }, 30*time.Second, 10*time.Millisecond, "the projector follows")
	stop()
	require.ErrorIs(t, <-done, context.Canceled)

	record(casework.CaseAssigned{Case: cases[0], Client: journaltest.Actor, Worker: workers[1]}) // reopened, with the other worker
	restored, err := projection.Restore(projection.NewCaseloads(), checkpoint)
	require.NoError(t, err)
	_, err = restored.CatchUp(ctx, open(t, tenant, nil))
	require.NoError(t, err)
	rebuilt, err := projection.New(projection.NewCaseloads())
	require.NoError(t, err)
	_, err = rebuilt.CatchUp(ctx, j)
	require.NoError(t, err)

	for _, w := range workers {
		var got, want []uuid.UUID
		restored.View(func(m *projection.Caseloads) { got = m.Cases(w) })
		rebuilt.View(func(m *projection.Caseloads) { want = m.Cases(w) })
		assert.Equal(t, want, got, fmt.Sprintf("worker %s", w))
	}
	rebuilt.View(func(m *projection.Caseloads) {
		assert.Equal(t, []projection.Caseload{{Worker: workers[0], Open: 4}, {Worker: workers[1], Open: 5}}, sortedLoads(m.Caseloads(), workers))
	})
}

// sortedLoads returns loads in the order of workers.
func sortedLoads(loads []projection.Caseload, workers []relationship.PartyID) []projection.Caseload {
	var out []projection.Caseload
	for _, w := range workers {
		for _, l := range loads {
			if l.Worker == w {
				out = append(out, l)
			}
		}
	}
	return out
}
