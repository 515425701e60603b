package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal/postgres"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// freshDatabase creates an empty database on the test server, dropped when
// the test ends, and returns a pool connected to it.
func freshDatabase(t *testing.T) *pgxpool.Pool {
	t.Helper()
	ctx := context.Background()
	admin, err := pgxpool.New(ctx, serverURL(t))
	require.NoError(t, err)
	t.Cleanup(admin.Close)
	name := "helping_test_" + strings.ReplaceAll(uuid.NewString(), "-", "")
	_, err = admin.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)") })
	cfg, err := pgxpool.ParseConfig(serverURL(t))
	require.NoError(t, err)
	cfg.ConnConfig.Database = name
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	return pool
}

// TestMigrateConcurrently starts eight journals at once on an empty
// database, each with a pool of its own as eight processes would: one
// creates the schema, the others wait and find it made, and each step is
// recorded once.
func TestMigrateConcurrently(t *testing.T) {
	pool := freshDatabase(t)
	ctx := context.Background()
	cfg := pool.Config()
	const starters = 8
	var wg sync.WaitGroup
	errs := make([]error, starters)
	journals := make([]*postgres.Journal, starters)
	for i := range starters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := pgxpool.NewWithConfig(ctx, cfg.Copy())
			if err != nil {
				errs[i] = err
				return
			}
			t.Cleanup(p.Close)
			journals[i], errs[i] = postgres.New(ctx, p, fmt.Sprintf("agency-%d", i%2), nil)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "starter %d", i)
		t.Cleanup(func() { _ = journals[i].Close() })
	}
	var versions []int
	rows, err := pool.Query(ctx, `SELECT version FROM helping.schema_version ORDER BY version`)
	require.NoError(t, err)
	for rows.Next() {
		var v int
		require.NoError(t, rows.Scan(&v))
		versions = append(versions, v)
	}
	require.NoError(t, rows.Err())
	want := make([]int, postgres.SchemaVersion)
	for i := range want {
		want[i] = i + 1
	}
	assert.Equal(t, want, versions, "each step applied once")

	require.NoError(t, journals[0].Append(ctx, to("s", 0, journaltest.Entries(1, 0, 1)...)))
	require.NoError(t, postgres.Migrate(ctx, pool), "migrating again changes nothing")
	assert.Len(t, journaltest.ReadAll(t, journals[2], "s", 1), 1, "journals of one tenant share its records")
	assert.Empty(t, journaltest.ReadAll(t, journals[1], "s", 1), "journals of another do not")
}

// TestMigrateNewerSchema refuses a database whose schema a newer version
// of the package wrote.
func TestMigrateNewerSchema(t *testing.T) {
	pool := freshDatabase(t)
	ctx := context.Background()
	require.NoError(t, postgres.Migrate(ctx, pool))
	_, err := pool.Exec(ctx, `INSERT INTO helping.schema_version (version) VALUES ($1)`, postgres.SchemaVersion+1)
	require.NoError(t, err)
	j, err := postgres.New(ctx, pool, "agency", nil)
	require.ErrorIs(t, err, postgres.ErrSchema)
	assert.Nil(t, j)
}

// TestNotOpened calls every method of a Journal that Open did not make,
// the zero Journal and a nil *Journal: each returns an error wrapping
// relationship.ErrClosed, and none panics.
func TestNotOpened(t *testing.T) {
	ctx := context.Background()
	for name, j := range map[string]*postgres.Journal{"zero": {}, "nil": nil} {
		t.Run(name, func(t *testing.T) {
			first := func(seq func(func(relationship.Entry, error) bool)) (err error) {
				seq(func(_ relationship.Entry, e error) bool { err = e; return false })
				return err
			}
			calls := map[string]func() error{
				"Append":  func() error { return j.Append(ctx, to("s", 0, journaltest.Entries(1, 0, 1)...)) },
				"Read":    func() error { return first(j.Read(ctx, "s", 1)) },
				"Version": func() error { _, err := j.Version(ctx, "s"); return err },
				"Streams": func() error {
					var err error
					j.Streams(ctx)(func(_ string, e error) bool { err = e; return false })
					return err
				},
				"Feed": func() error {
					var err error
					j.Feed(ctx, 0)(func(_ relationship.FeedEntry, e error) bool { err = e; return false })
					return err
				},
				"Wait": func() error { return j.Wait(ctx, 0) },
				"SaveSnapshot": func() error {
					return j.SaveSnapshot(ctx, "s", relationship.Snapshot{Version: 1, Type: "t", Data: []byte("d")})
				},
				"LoadSnapshot": func() error { _, _, err := j.LoadSnapshot(ctx, "s"); return err },
			}
			for call, fn := range calls {
				assert.ErrorIs(t, fn(), relationship.ErrClosed, call)
			}
			assert.NoError(t, j.Close())
			assert.Empty(t, j.Tenant())
		})
	}
}
