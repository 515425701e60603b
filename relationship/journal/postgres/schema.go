package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrations are the steps that build the package's schema, in order: the
// schema's version is the number of steps applied. A step, once released,
// is never changed; a new version of the package only appends steps.
var migrations = []string{
	// 1: tenants, streams, entries, snapshots.
	`
CREATE TABLE helping.tenants (
	tenant   text PRIMARY KEY,
	position bigint NOT NULL -- the last position given in the tenant's feed
);
CREATE TABLE helping.streams (
	tenant  text   NOT NULL REFERENCES helping.tenants,
	stream  bytea  NOT NULL,
	version bigint NOT NULL,
	PRIMARY KEY (tenant, stream)
);
CREATE TABLE helping.entries (
	tenant   text   NOT NULL,
	stream   bytea  NOT NULL,
	seq      bigint NOT NULL,
	position bigint NOT NULL,
	entry    bytea  NOT NULL, -- the entry's JSON, byte for byte
	PRIMARY KEY (tenant, stream, seq),
	UNIQUE (tenant, position),
	FOREIGN KEY (tenant, stream) REFERENCES helping.streams
);
CREATE TABLE helping.snapshots (
	tenant  text   NOT NULL,
	stream  bytea  NOT NULL,
	version bigint NOT NULL,
	type    bytea  NOT NULL,
	size    bigint NOT NULL, -- the length of the data, all chunks together
	PRIMARY KEY (tenant, stream),
	FOREIGN KEY (tenant, stream) REFERENCES helping.streams
);
CREATE TABLE helping.snapshot_chunks (
	tenant text   NOT NULL,
	stream bytea  NOT NULL,
	n      int    NOT NULL,
	data   bytea  NOT NULL,
	PRIMARY KEY (tenant, stream, n),
	FOREIGN KEY (tenant, stream) REFERENCES helping.snapshots ON DELETE CASCADE
);
`,
}

// SchemaVersion is the version of the schema this package writes: the
// number of migration steps it knows.
var SchemaVersion = len(migrations)

// migrationLock is the key of the advisory lock that Migrate holds while it
// looks at the schema and changes it: the first 8 bytes of the SHA-256 of
// "github.com/helpingwork/helping/relationship/journal/postgres", with the
// top bit cleared.
const migrationLock int64 = 0x2b240f495eefb33c

// Migrate creates the package's schema, named helping, in the database
// that pool connects to, or brings it up to [SchemaVersion]: it applies,
// in one transaction, the steps the database does not have yet, and
// records each in the table helping.schema_version. It is idempotent, and
// safe when several processes start at once: each takes the same
// transaction-scoped advisory lock (pg_advisory_xact_lock) first, so one
// migrates while the others wait, then find nothing left to do. [Open] and
// [New] call it; a program may call it alone, to migrate before it starts
// its servers.
//
// Errors: [ErrSchema] if the database's schema is newer than this
// package's; an error wrapping what the database said; the context's
// error.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
CREATE SCHEMA IF NOT EXISTS helping;
CREATE TABLE IF NOT EXISTS helping.schema_version (
	version    int PRIMARY KEY,
	applied_at timestamptz NOT NULL DEFAULT now()
)`); err != nil {
			return err
		}
		var have int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM helping.schema_version`).Scan(&have); err != nil {
			return err
		}
		if have > len(migrations) {
			return fmt.Errorf("%w: the database's schema is at version %d, this program knows versions up to %d", ErrSchema, have, len(migrations))
		}
		for v := have + 1; v <= len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v-1]); err != nil {
				return fmt.Errorf("migration to version %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO helping.schema_version (version) VALUES ($1)`, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	return nil
}
