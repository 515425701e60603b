package groupwork

import (
	"context"
	"slices"
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
	g := season(t)
	require.NoError(t, g.Save(ctx, j))
	assert.Zero(t, g.Unsaved())

	loaded, err := Load(ctx, j, g.ID(), nil)
	require.NoError(t, err)
	assertSameGroup(t, g, loaded)
	assert.Zero(t, loaded.Unsaved())
	v, err := j.Version(ctx, StreamName(g.ID()))
	require.NoError(t, err)
	assert.Equal(t, g.Version(), v)
	assert.Equal(t, "group-"+g.ID().String(), StreamName(g.ID()))
}

func TestSaveAppendsOnlyWhatIsNew(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	f := newFixture(t, clubSpec(), 2)
	require.NoError(t, f.g.Save(ctx, j))
	first := int(f.g.Version())

	require.NoError(t, f.g.Save(ctx, j), "nothing new to save")
	_, err := f.g.ConveneMeeting(f.fac, t0, "")
	require.NoError(t, err)
	require.NoError(t, f.g.Join(stranger, "Olga", Profile{}))
	assert.Equal(t, 2, f.g.Unsaved())
	require.NoError(t, f.g.Save(ctx, j))

	stream := StreamName(f.g.ID())
	v, err := j.Version(ctx, stream)
	require.NoError(t, err)
	assert.Equal(t, uint64(first+2), v)
	var stored []relationship.Entry
	for e, err := range j.Read(ctx, stream, 1) {
		require.NoError(t, err)
		stored = append(stored, e)
	}
	assert.Equal(t, slices.Collect(f.g.Record()), stored)
}

func TestTwoCopiesSavingConflict(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	f := newFixture(t, clubSpec(), 2)
	require.NoError(t, f.g.Save(ctx, j))

	a, err := Load(ctx, j, f.g.ID(), testOptions(11))
	require.NoError(t, err)
	b, err := Load(ctx, j, f.g.ID(), testOptions(12))
	require.NoError(t, err)
	require.NoError(t, a.RecordStage(f.fac, PowerAndControl, "a quarrel over the ball"))
	require.NoError(t, b.Leave(f.members[0], LeftMoved, ""))

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, g := range []*Group{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = g.Save(ctx, j)
		}()
	}
	wg.Wait()

	var conflicts int
	for i, err := range errs {
		if err == nil {
			continue
		}
		conflicts++
		assert.ErrorIs(t, err, relationship.ErrVersionConflict)
		var vc *relationship.VersionConflictError
		assert.ErrorAs(t, err, &vc)
		loser := []*Group{a, b}[i]
		assert.Equal(t, 1, loser.Unsaved(), "nothing marked saved")
	}
	assert.Equal(t, 1, conflicts, "exactly one copy wins")
	v, err := j.Version(ctx, StreamName(f.g.ID()))
	require.NoError(t, err)
	assert.Equal(t, f.g.Version()+1, v)
}

func TestConcurrentSavesOfOneGroupDoNotConflict(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	f := newFixture(t, clubSpec(), 4)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f.g.Save(ctx, j)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
	assert.Zero(t, f.g.Unsaved())
}

func TestLoadRefuses(t *testing.T) {
	ctx := context.Background()
	t.Run("no record", func(t *testing.T) {
		_, err := Load(ctx, journal.NewMemory(), uuid.New(), nil)
		assert.ErrorIs(t, err, relationship.ErrNoRecord)
	})
	t.Run("a closed journal", func(t *testing.T) {
		j := journal.NewMemory()
		require.NoError(t, j.Close())
		_, err := Load(ctx, j, uuid.New(), nil)
		assert.ErrorIs(t, err, relationship.ErrClosed)
	})
	t.Run("a cancelled context", func(t *testing.T) {
		j := journal.NewMemory()
		f := newFixture(t, clubSpec(), 1)
		require.NoError(t, f.g.Save(ctx, j))
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		_, err := Load(cancelled, j, f.g.ID(), nil)
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("another group's record", func(t *testing.T) {
		j := journal.NewMemory()
		f := newFixture(t, clubSpec(), 1)
		other := uuid.New()
		require.NoError(t, j.Append(ctx, relationship.Append{Stream: StreamName(other), Entries: slices.Collect(f.g.Record())}))
		_, err := Load(ctx, j, other, nil)
		var re *relationship.EntryError
		assert.ErrorAs(t, err, &re)
		assert.ErrorIs(t, err, relationship.ErrInvalidEntry)
	})
	t.Run("saving to a closed journal", func(t *testing.T) {
		j := journal.NewMemory()
		require.NoError(t, j.Close())
		f := newFixture(t, clubSpec(), 1)
		assert.ErrorIs(t, f.g.Save(ctx, j), relationship.ErrClosed)
		assert.Equal(t, int(f.g.Version()), f.g.Unsaved())
	})
}
