package relationship_test

import (
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestParsePartyID(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  bool
	}{
		{"canonical", "0192f5e0-7c1a-7000-8000-000000000001", false},
		{"upper case", "0192F5E0-7C1A-7000-8000-000000000001", false},
		{"empty", "", true},
		{"garbage", "not-a-uuid", true},
		{"too short", "0192f5e0-7c1a-7000-8000-00000000000", true},
		{"zero", "00000000-0000-0000-0000-000000000000", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := relationship.ParsePartyID(tt.in)
			if tt.wantErr {
				require.ErrorIs(t, err, relationship.ErrInvalidID)
				assert.Contains(t, err.Error(), tt.in, "the error echoes the bad input")
				assert.True(t, id.IsZero())
				return
			}
			require.NoError(t, err)
			assert.False(t, id.IsZero())
			again, err := relationship.ParsePartyID(id.String())
			require.NoError(t, err)
			assert.Equal(t, id, again)
		})
	}
}

func TestPartyIDText(t *testing.T) {
	id := relationship.NewPartyID()
	assert.Equal(t, uuid.Version(7), id.UUID().Version())
	b, err := id.MarshalText()
	require.NoError(t, err)
	var back relationship.PartyID
	require.NoError(t, back.UnmarshalText(b))
	assert.Equal(t, id, back)

	keep := back
	require.ErrorIs(t, back.UnmarshalText([]byte("nope")), relationship.ErrInvalidID)
	assert.Equal(t, keep, back, "a failed decode leaves the value unchanged")
	require.ErrorIs(t, back.UnmarshalText([]byte("00000000-0000-0000-0000-000000000000")), relationship.ErrInvalidID,
		"the zero UUID written out names no one")

	// The zero identifier is empty text, so an optional party round-trips.
	var zero relationship.PartyID
	b, err = zero.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	require.NoError(t, back.UnmarshalText(nil))
	assert.True(t, back.IsZero())
}

func TestPartyIDCompare(t *testing.T) {
	next := relationship.SequentialIDs(1)
	a, b := relationship.PartyID(next()), relationship.PartyID(next())
	assert.Equal(t, -1, a.Compare(b))
	assert.Equal(t, +1, b.Compare(a))
	assert.Equal(t, 0, a.Compare(a))
}

func TestSequentialIDs(t *testing.T) {
	a, b := relationship.SequentialIDs(42), relationship.SequentialIDs(42)
	other := relationship.SequentialIDs(43)
	seen := map[uuid.UUID]bool{}
	var ids []string
	for range 1000 {
		x := a()
		assert.Equal(t, x, b(), "the same seed gives the same sequence")
		assert.Equal(t, uuid.Version(7), x.Version())
		assert.Equal(t, uuid.RFC4122, x.Variant())
		assert.False(t, seen[x], "no repeats")
		seen[x] = true
		assert.False(t, seen[other()], "different seeds do not collide")
		ids = append(ids, x.String())
	}
	assert.True(t, sort.StringsAreSorted(ids), "identifiers sort in the order they were made")
}

func TestSequentialIDsConcurrent(t *testing.T) {
	next := relationship.SequentialIDs(9)
	var mu sync.Mutex
	seen := map[uuid.UUID]bool{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				id := next()
				mu.Lock()
				seen[id] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, seen, 8*500)
}

func TestStepClock(t *testing.T) {
	start := time.Date(1889, 9, 18, 9, 0, 0, 0, time.UTC) // Hull House opens
	clock := relationship.StepClock(start, time.Hour)
	assert.Equal(t, start, clock())
	assert.Equal(t, start.Add(time.Hour), clock())
	assert.Equal(t, start.Add(2*time.Hour), clock())
}

func TestSourcesDefaults(t *testing.T) {
	var s *relationship.Sources
	before := time.Now()
	assert.False(t, s.Now().Before(before), "nil Sources uses the system clock")
	assert.Equal(t, uuid.Version(7), s.NewID().Version(), "nil Sources makes version 7 identifiers")
	assert.NotEqual(t, s.NewID(), s.NewID())

	fixed := &relationship.Sources{
		Clock: func() time.Time { return time.Unix(0, 0) },
		IDs:   relationship.SequentialIDs(3),
	}
	assert.Equal(t, time.Unix(0, 0), fixed.Now())
	assert.Equal(t, relationship.PartyID(relationship.SequentialIDs(3)()), fixed.NewPartyID())
}
