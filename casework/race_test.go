package casework

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// TestConcurrentUse runs 8 goroutines against one case, each changing it
// and reading it, with saves in between; run it with -race. Afterwards the
// case replays to itself, nothing was lost, and the journal holds it all.
func TestConcurrentUse(t *testing.T) {
	const goroutines, rounds = 8, 40
	f := newFixture(t)
	f.toTreatment()
	ctx := context.Background()
	j := journal.NewMemory()
	before := f.c.Version()

	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				n, err := f.c.WriteNote(idWorker, "visit")
				assert.NoError(t, err)
				_, err = f.c.ReadNote(bg, accessLog, []relationship.PartyID{idWorker, idSupervisor, idClient}[g%3], n)
				assert.NoError(t, err)
				_, err = f.c.Counsel(idWorker, relationship.Emotional, "listened")
				assert.NoError(t, err)
				_, err = f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{})
				assert.NoError(t, err)
				p, err := f.c.ProposeProvision(idWorker, "rent", 1, "a day's bread")
				assert.NoError(t, err)
				assert.NoError(t, f.c.AuthoriseProvision(idWorker, p))
				for range f.c.Record() {
				}
				for range f.c.Ledger().All() {
				}
				_ = f.c.Phase()
				_ = collect(f.a.Caseload(idWorker))
				if i%10 == 0 {
					// Saves of one case are serialised: none conflicts.
					assert.NoError(t, f.c.Save(ctx, j))
				}
			}
		}()
	}
	wg.Wait()
	require.NoError(t, f.c.Save(ctx, j))

	assert.Equal(t, before+goroutines*rounds*5, f.c.Version())
	assert.Equal(t, goroutines*rounds*2, f.c.Ledger().Len())
	left, _ := f.a.Available("rent")
	assert.Equal(t, int64(5000-goroutines*rounds), left)
	loaded, err := Load(ctx, j, f.c.ID(), nil)
	require.NoError(t, err)
	assertSameCase(t, f.c, loaded)
}

// TestConcurrentCasesShareTheAgency opens cases at one agency from 8
// goroutines, each drawing on the same pool: the pool never goes negative
// and exactly what was given is gone.
func TestConcurrentCasesShareTheAgency(t *testing.T) {
	const goroutines = 8
	a := staffed(t, AgencySpec{ID: idAgency, Name: "Charity Organization Society", Stock: testStock(), ConcurrentCases: true}, testWorker)
	cases := make([]*Case, goroutines)
	for g := range cases {
		c, err := NewCase(idWorker, a, Application{Client: testClient, Worker: testWorker}, nil)
		require.NoError(t, err)
		(&fixture{t: t, a: a, c: c}).toTreatment()
		cases[g] = c
	}
	var wg sync.WaitGroup
	given := make([]int, goroutines)
	for g, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				p, err := c.ProposeProvision(idWorker, "coal", 1, "heat")
				assert.NoError(t, err)
				if err := c.AuthoriseProvision(idWorker, p); err != nil {
					assert.ErrorIs(t, err, ErrInsufficientResources)
					return
				}
				given[g]++
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range given {
		total += n
	}
	assert.Equal(t, 20, total)
	left, _ := a.Available("coal")
	assert.Zero(t, left)
	assert.Equal(t, goroutines, a.CaseloadSize(idWorker))
}
