package casework

import (
	"context"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

func TestSaveAndLoad(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	f := newFixture(t)
	f.toTreatment()
	assert.Equal(t, int(f.c.Version()), f.c.Unsaved())
	require.NoError(t, f.c.Save(ctx, j))
	assert.Zero(t, f.c.Unsaved())

	loaded, err := Load(ctx, j, f.c.ID(), nil)
	require.NoError(t, err)
	assertSameCase(t, f.c, loaded)
	assert.Zero(t, loaded.Unsaved())
	assert.Nil(t, loaded.Agency(), "loaded without its agency, the case is detached")

	a, err := LoadAgency(ctx, j, idAgency, nil)
	require.NoError(t, err, "saving the case saved what the agency recorded with it, and all before")
	bound, err := Load(ctx, j, f.c.ID(), &Options{Agency: a})
	require.NoError(t, err)
	assert.Same(t, a, bound.Agency())
	assert.Equal(t, 1, a.CaseloadSize(idWorker))
}

func TestSaveAppendsOnlyWhatIsNew(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	f := newFixture(t)
	require.NoError(t, f.c.Save(ctx, j))
	require.NoError(t, f.c.Save(ctx, j), "nothing new is a no-op")
	f.toStudy()
	f.id(f.c.WriteNote(idWorker, "first visit"))
	require.NoError(t, f.c.Save(ctx, j))

	v, err := j.Version(ctx, StreamName(f.c.ID()))
	require.NoError(t, err)
	assert.Equal(t, f.c.Version(), v)
	var stored []relationship.Entry
	for e, err := range j.Read(ctx, StreamName(f.c.ID()), 1) {
		require.NoError(t, err)
		stored = append(stored, e)
	}
	assert.Equal(t, collect(f.c.Record()), stored)
}

func TestConcurrentCopiesConflict(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	f := newFixture(t)
	require.NoError(t, f.c.Save(ctx, j))

	a, err := Load(ctx, j, f.c.ID(), &Options{Sources: &relationship.Sources{IDs: relationship.SequentialIDs(8)}})
	require.NoError(t, err)
	b, err := Load(ctx, j, f.c.ID(), &Options{Sources: &relationship.Sources{IDs: relationship.SequentialIDs(9)}})
	require.NoError(t, err)
	_, err = a.WriteNote(idWorker, "from the office")
	require.NoError(t, err)
	_, err = b.WriteNote(idSupervisor, "from the committee")
	require.NoError(t, err)

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range []*Case{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.Save(ctx, j)
		}()
	}
	wg.Wait()

	var conflicts, saved int
	for i, err := range errs {
		if err == nil {
			saved++
			continue
		}
		conflicts++
		var vc *relationship.VersionConflictError
		require.ErrorAs(t, err, &vc)
		assert.ErrorIs(t, err, relationship.ErrVersionConflict)
		assert.Equal(t, uint64(1), vc.Expected)
		assert.Equal(t, 1, []*Case{a, b}[i].Unsaved(), "nothing marked saved")
	}
	assert.Equal(t, 1, conflicts)
	assert.Equal(t, 1, saved)
	v, _ := j.Version(ctx, StreamName(f.c.ID()))
	assert.Equal(t, uint64(2), v)
}

func TestLoadErrors(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	_, err := Load(ctx, j, uuid.New(), nil)
	assert.ErrorIs(t, err, relationship.ErrNoRecord)

	// A stream under another case's name.
	f := newFixture(t)
	other := uuid.New()
	require.NoError(t, j.Append(ctx, relationship.Append{Stream: StreamName(other), Entries: collect(f.c.Record())}))
	_, err = Load(ctx, j, other, nil)
	assert.ErrorIs(t, err, relationship.ErrInvalidEntry)

	// A journal that fails.
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	require.NoError(t, f.c.Save(ctx, j))
	_, err = Load(canceled, j, f.c.ID(), nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, f.c.Save(canceled, j), nil, "nothing to save")
	_, err = f.c.WriteNote(idWorker, "one more")
	require.NoError(t, err)
	assert.ErrorIs(t, f.c.Save(canceled, j), context.Canceled)
	assert.Equal(t, 1, f.c.Unsaved())
}

func TestStreamName(t *testing.T) {
	id := uuid.MustParse("018f0000-0000-7000-8000-000000000001")
	assert.Equal(t, "case-018f0000-0000-7000-8000-000000000001", StreamName(id))
}
