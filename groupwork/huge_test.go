package groupwork

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// TestAMillionMembersSaveOnce forms a group the size of a city's vote,
// 1,100,000 members, and saves it once at the end: more than one append
// may carry ([relationship.MaxAppendSize]), so the save goes in several,
// and the group loads back equal. It needs about two gigabytes and half a
// minute, so it runs in full only without -short and without the race
// detector, which would make it take most of an hour.
func TestAMillionMembersSaveOnce(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a 1,100,000-member group runs in the plain test run: go test -run TestAMillionMembersSaveOnce ./groupwork")
	}
	const members = 1_100_000
	ctx := context.Background()
	g, err := NewGroup(worker, Spec{Name: "The city's vote", Purposes: []relationship.Purpose{relationship.PurposeSocialAction},
		Model: SocialGoals, Settings: Settings{Membership: OpenMembership}}, testOptions(1))
	require.NoError(t, err)
	next := relationship.SequentialIDs(1 << 40)
	for i := range members {
		require.NoError(t, g.Join(relationship.PartyID(next()), fmt.Sprintf("Voter %d", i), Profile{}))
	}
	j, err := journal.Open(t.TempDir(), &journal.FileOptions{UnsafeNoSync: true})
	require.NoError(t, err)
	defer j.Close()
	require.NoError(t, g.Save(ctx, j))
	assert.Zero(t, g.Unsaved())
	v, err := j.Version(ctx, StreamName(g.ID()))
	require.NoError(t, err)
	assert.Equal(t, uint64(members+1), v)

	loaded, err := Load(ctx, j, g.ID(), nil)
	require.NoError(t, err)
	assertSameGroup(t, g, loaded)
}
