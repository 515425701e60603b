package postgres_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship/journal/postgres"
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

// newTenant returns a tenant no other test uses.
func newTenant() string { return "test-" + uuid.NewString() }

// tenantOf returns the tenant a durable subtest keeps in dir.
func tenantOf(dir string) string {
	sum := sha256.Sum256([]byte(dir))
	return "durable-" + hex.EncodeToString(sum[:12])
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
