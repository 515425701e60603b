package groupwork

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestIDSet(t *testing.T) {
	id := func(b byte) uuid.UUID { return uuid.UUID{15: b} }
	var s idSet
	assert.False(t, s.has(id(5)))
	for _, b := range []byte{5, 9, 7, 12, 1, 10} { // in order, then out of order
		require.False(t, s.has(id(b)), "%d", b)
		s.add(id(b))
		require.True(t, s.has(id(b)), "%d", b)
	}
	assert.Equal(t, []uuid.UUID{id(5), id(9), id(12)}, s.asc)
	assert.Len(t, s.others, 3)
	for _, b := range []byte{0, 2, 6, 8, 11, 13} {
		assert.False(t, s.has(id(b)), "%d", b)
	}
}

// TestRandomIdentifiers runs a group on random (version 4) identifiers,
// which arrive in no order, and checks that it replays to itself.
func TestRandomIdentifiers(t *testing.T) {
	g, err := NewGroup(worker, clubSpec(), &Options{Sources: &relationship.Sources{IDs: uuid.New}})
	require.NoError(t, err)
	ids := people(4)
	for i, p := range ids {
		require.NoError(t, g.Join(p, names[i], Profile{}))
	}
	for i := range 50 {
		_, err := g.GiveAid(ids[i%4], Aid{To: ids[(i+1)%4], Support: support(relationship.Emotional, ""), Process: MutualSupport})
		require.NoError(t, err)
		_, err = g.ConveneMeeting(worker.ID(), t0, "")
		require.NoError(t, err)
	}
	g.mu.RLock()
	assert.NotEmpty(t, g.st.ids.others, "some identifiers came out of order")
	g.mu.RUnlock()
	checkReplayEqual(t, g)
}

func TestBrokenIdentifierSource(t *testing.T) {
	same := uuid.MustParse("0192f5e0-7c1a-7000-8000-0000000000aa")
	g, err := NewGroup(worker, clubSpec(), &Options{Sources: &relationship.Sources{IDs: func() uuid.UUID { return same }}})
	require.NoError(t, err)
	before := freeze(t, g)
	_, err = g.ConveneMeeting(worker.ID(), t0, "")
	var de *RecordError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, same, de.ID)
	assertUnchanged(t, before, g)
}
