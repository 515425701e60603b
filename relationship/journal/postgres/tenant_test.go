package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal/postgres"
	"github.com/helpingwork/helping/relationship/journaltest"
)

func to(stream string, expected uint64, entries ...relationship.Entry) relationship.Append {
	return relationship.Append{Stream: stream, Expected: expected, Entries: entries}
}

// TestTenants gives two tenants the same stream names and checks every
// operation in both directions: nothing of one is seen or changed by the
// other, the feed included.
func TestTenants(t *testing.T) {
	ctx := context.Background()
	a, b := open(t, newTenant(t), nil), open(t, newTenant(t), nil)
	require.NoError(t, a.Append(ctx, to("case-1", 0, journaltest.Entries(1, 0, 3)...), to("log-1", relationship.AnyVersion, journaltest.NoteEntry(1, 0, 1))))
	require.NoError(t, a.SaveSnapshot(ctx, "case-1", relationship.Snapshot{Version: 2, Type: "t.v1", Data: []byte("a's state")}))
	require.NoError(t, b.Append(ctx, to("case-1", 0, journaltest.Entries(2, 0, 1)...)))

	for _, tt := range []struct {
		name        string
		self, other *postgres.Journal
		own         int // entries of case-1 in self
		feed        int // entries in self
		streams     []string
	}{
		{"a beside b", a, b, 3, 4, []string{"case-1", "log-1"}},
		{"b beside a", b, a, 1, 1, []string{"case-1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := tt.self
			got := journaltest.ReadAll(t, j, "case-1", 1)
			require.Len(t, got, tt.own, "Read sees only its tenant's entries")
			v, err := j.Version(ctx, "case-1")
			require.NoError(t, err)
			assert.Equal(t, uint64(tt.own), v, "Version")
			var names []string
			for n, err := range j.Streams(ctx) {
				require.NoError(t, err)
				names = append(names, n)
			}
			assert.Equal(t, tt.streams, names, "Streams")
			feed := journaltest.ReadFeed(t, j, 0)
			assert.Len(t, feed, tt.feed, "the feed holds only its tenant's entries")
			for i, fe := range feed {
				assert.Equal(t, uint64(i+1), fe.Position, "each tenant's feed starts at 1")
			}
			// The other tenant's version is no use here.
			other, err := tt.other.Version(ctx, "case-1")
			require.NoError(t, err)
			err = j.Append(ctx, to("case-1", other, journaltest.Entries(3, other, 1)...))
			var vc *relationship.VersionConflictError
			require.ErrorAs(t, err, &vc, "a version seen in the other tenant conflicts")
			assert.Equal(t, uint64(tt.own), vc.Actual)
		})
	}

	_, ok, err := b.LoadSnapshot(ctx, "case-1")
	require.NoError(t, err)
	assert.False(t, ok, "b does not see a's snapshot")
	err = b.SaveSnapshot(ctx, "case-1", relationship.Snapshot{Version: 2, Type: "t.v1", Data: []byte("b's")})
	require.ErrorIs(t, err, relationship.ErrInvalidEntry, "b's case-1 has one entry, whatever a's has")
	s, ok, err := a.LoadSnapshot(ctx, "case-1")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "a's state", string(s.Data), "a's snapshot is untouched")

	// An append of a wakes no one waiting on b.
	last := journaltest.ReadFeed(t, b, 0)[0].Position
	wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	waited := make(chan error, 1)
	go func() { waited <- b.Wait(wctx, last) }()
	time.Sleep(50 * time.Millisecond)
	require.NoError(t, a.Append(ctx, to("case-1", 3, journaltest.Entries(1, 3, 1)...)))
	assert.ErrorIs(t, <-waited, context.DeadlineExceeded, "a's append is not b's news")
	assert.Len(t, journaltest.ReadFeed(t, b, 0), 1)
}

// TestTenantNames opens journals with names that are not tenants: each
// refused with an error wrapping ErrInvalidTenant.
func TestTenantNames(t *testing.T) {
	// The name is checked before anything is connected to.
	const url = "postgres://nobody@/nowhere?host=/nonexistent"
	for _, tt := range []struct{ name, tenant string }{
		{"empty", ""},
		{"too long", string(make([]byte, postgres.MaxTenantName+1))},
		{"not UTF-8", "agency-\xff"},
		{"a NUL byte", "agency\x00riverside"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j, err := postgres.Open(context.Background(), url, tt.tenant, nil)
			require.ErrorIs(t, err, postgres.ErrInvalidTenant)
			assert.Nil(t, j)
		})
	}
}
