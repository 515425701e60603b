package postgres_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal/postgres"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// serverURL returns the URL of the PostgreSQL server the tests use, from
// HELPING_POSTGRES_URL. Without it the test skips, or fails if
// HELPING_REQUIRE_POSTGRES=1.
func serverURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("HELPING_POSTGRES_URL")
	if url != "" {
		return url
	}
	const how = "no PostgreSQL server: set HELPING_POSTGRES_URL to a database the tests may write to, " +
		`or start a throwaway one from the repository's root: d=$(mktemp -d) && chmod 755 "$d" && eval "$(.ci/postgres start "$d/pg")" ` +
		`(and .ci/postgres stop "$d/pg" afterwards)`
	if os.Getenv("HELPING_REQUIRE_POSTGRES") == "1" {
		t.Fatal(how + "; HELPING_REQUIRE_POSTGRES=1 forbids skipping")
	}
	t.Skip(how)
	return ""
}

// newTenant returns a tenant no other test uses, whose rows are deleted
// from the test server when t ends.
func newTenant(t testing.TB) string {
	t.Helper()
	tenant := "test-" + uuid.NewString()
	deleteAtEnd(t, tenant)
	return tenant
}

// tenantOf returns the tenant a durable subtest keeps in dir, whose rows
// are deleted from the test server when t ends.
func tenantOf(t testing.TB, dir string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(dir))
	tenant := "durable-" + hex.EncodeToString(sum[:12])
	deleteAtEnd(t, tenant)
	return tenant
}

// tenantTables are the tables that hold a tenant's rows, each before the
// tables its rows refer to.
var tenantTables = []string{"snapshot_chunks", "snapshots", "entries", "streams", "tenants"}

// deleteAtEnd deletes every row of tenant from the test server when t
// ends. Registered before the journals of tenant are opened, it runs
// after they are closed (cleanups run last registered, first run).
func deleteAtEnd(t testing.TB, tenant string) {
	t.Helper()
	url := serverURL(t)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("deleting the rows of tenant %s: %v", tenant, err)
			return
		}
		defer conn.Close(ctx)
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			var schema bool
			if err := tx.QueryRow(ctx, `SELECT to_regclass('helping.tenants') IS NOT NULL`).Scan(&schema); err != nil || !schema {
				return err // no schema, no rows
			}
			for _, table := range tenantTables {
				if _, err := tx.Exec(ctx, `DELETE FROM helping.`+table+` WHERE tenant = $1`, tenant); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Errorf("deleting the rows of tenant %s: %v", tenant, err)
		}
	})
}

// tenantRows counts the rows of tenant in each of [tenantTables].
func tenantRows(t testing.TB, tenant string) map[string]int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, serverURL(t))
	require.NoError(t, err)
	defer conn.Close(ctx)
	rows := map[string]int{}
	for _, table := range tenantTables {
		var n int
		require.NoError(t, conn.QueryRow(ctx, `SELECT count(*) FROM helping.`+table+` WHERE tenant = $1`, tenant).Scan(&n))
		rows[table] = n
	}
	return rows
}

// TestTenantsDeleted checks that a test leaves nothing behind: the rows of
// every table that a subtest's tenant filled are gone once it ends, those
// of a durable subtest's tenant too, and those of other tenants stay.
func TestTenantsDeleted(t *testing.T) {
	ctx := context.Background()
	keep := newTenant(t)
	kept := open(t, keep, nil)
	require.NoError(t, kept.Append(ctx, to("case", 0, journaltest.Entries(1, 0, 1)...)))
	none := map[string]int{"snapshot_chunks": 0, "snapshots": 0, "entries": 0, "streams": 0, "tenants": 0}
	for _, tt := range []struct {
		name   string
		tenant func(t *testing.T) string
	}{
		{"newTenant", func(t *testing.T) string { return newTenant(t) }},
		{"tenantOf", func(t *testing.T) string { return tenantOf(t, t.TempDir()) }},
	} {
		var tenant string
		t.Run(tt.name, func(t *testing.T) {
			tenant = tt.tenant(t)
			j := open(t, tenant, nil)
			require.NoError(t, j.Append(ctx, to("case", 0, journaltest.Entries(1, 0, 2)...), to("log", relationship.AnyVersion, journaltest.NoteEntry(1, 0, 1))))
			require.NoError(t, j.SaveSnapshot(ctx, "case", relationship.Snapshot{Version: 2, Type: "t.v1", Data: []byte("state")}))
			assert.Equal(t, map[string]int{"snapshot_chunks": 1, "snapshots": 1, "entries": 3, "streams": 2, "tenants": 1}, tenantRows(t, tenant),
				"the subtest filled every table")
		})
		assert.Equal(t, none, tenantRows(t, tenant), "%s: nothing left once the subtest ended", tt.name)
	}
	assert.Equal(t, map[string]int{"snapshot_chunks": 0, "snapshots": 0, "entries": 1, "streams": 1, "tenants": 1}, tenantRows(t, keep),
		"another tenant's rows stay")
}

// open opens the journal of tenant on the test server, closing it when the
// test ends.
func open(t testing.TB, tenant string, opts *postgres.Options) *postgres.Journal {
	t.Helper()
	j, err := postgres.Open(context.Background(), serverURL(t), tenant, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = j.Close() })
	return j
}
