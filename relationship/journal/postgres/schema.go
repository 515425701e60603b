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
	// 2: helping.append, the whole of an append whose entries are all at
	// an expected version, in one call (see appendCall in append.go).
	`
CREATE FUNCTION helping.append(
	p_tenant        text,
	p_names         bytea[],  -- the streams named, each once
	p_requests      int,      -- the number of requests
	p_item_req      int[],    -- per stream of a request: the request (from 0),
	p_item_name     int[],    -- the stream (an index into p_names),
	p_item_expected bigint[], -- the version expected,
	p_item_count    bigint[], -- the number of entries;
	p_entry_req     int[],    -- per entry: the request,
	p_entry_name    int[],    -- the stream,
	p_entry_seq     bigint[], -- the sequence number,
	p_entry         bytea[],  -- the JSON
	OUT first_position bigint, -- the positions given, 0 if none
	OUT last_position  bigint,
	OUT refused_item   int[],   -- per request refused: its first item (from 0) at another version,
	OUT refused_actual bigint[] -- and that stream's version
) LANGUAGE plpgsql
-- Plans made once per connection, not for each call: every statement
-- below finds its rows by a primary key, whatever the arguments.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
	total    bigint := coalesce(array_length(p_entry, 1), 0);
	items    int := coalesce(array_length(p_item_req, 1), 0);
	pos      bigint; -- the tenant's last position before this call
	was      bigint[];
	have     bigint[];
	admitted boolean[] := array_fill(false, ARRAY[p_requests]);
	i        int := 1;
	k        int;
	bad      int;
	n        bigint := 0;
BEGIN
	-- The tenant's turn, held until the transaction ends: its row,
	-- locked by an update that counts every entry in; given back below
	-- for those refused.
	UPDATE helping.tenants t SET position = t.position + total WHERE t.tenant = p_tenant
	RETURNING t.position - total INTO pos;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'helping.append: no such tenant';
	END IF;
	-- A statement of its own, after the lock: its snapshot holds every
	-- append that had the turn before.
	SELECT coalesce(array_agg(coalesce(
		(SELECT s.version FROM helping.streams s WHERE s.tenant = p_tenant AND s.stream = u.name), 0) ORDER BY u.ord), '{}')
	INTO was
	FROM unnest(p_names) WITH ORDINALITY AS u(name, ord);
	have := was;
	refused_item := '{}';
	refused_actual := '{}';
	-- Each request in turn, against the versions the ones before it left.
	WHILE i <= items LOOP
		k := i;
		bad := NULL;
		WHILE k <= items AND p_item_req[k] = p_item_req[i] LOOP
			IF bad IS NULL AND have[p_item_name[k]] <> p_item_expected[k] THEN
				bad := k;
			END IF;
			k := k + 1;
		END LOOP;
		IF bad IS NULL THEN
			FOR x IN i .. k - 1 LOOP
				have[p_item_name[x]] := have[p_item_name[x]] + p_item_count[x];
				n := n + p_item_count[x];
			END LOOP;
			admitted[p_item_req[i] + 1] := true;
		ELSE
			refused_item := refused_item || (bad - 1);
			refused_actual := refused_actual || have[p_item_name[bad]];
		END IF;
		i := k;
	END LOOP;
	IF n < total THEN
		UPDATE helping.tenants SET position = pos + n WHERE tenant = p_tenant;
	END IF;
	first_position := 0;
	last_position := 0;
	IF n > 0 THEN
		WITH s AS (
			INSERT INTO helping.streams (tenant, stream, version)
			SELECT p_tenant, p_names[x], have[x] FROM generate_subscripts(p_names, 1) AS x WHERE have[x] <> was[x]
			ON CONFLICT (tenant, stream) DO UPDATE SET version = excluded.version
		)
		INSERT INTO helping.entries (tenant, stream, seq, position, entry)
		SELECT p_tenant, p_names[u.e_name], u.e_seq, pos + row_number() OVER (ORDER BY u.e_ord), u.e_json
		FROM unnest(p_entry_req, p_entry_name, p_entry_seq, p_entry) WITH ORDINALITY AS u(e_req, e_name, e_seq, e_json, e_ord)
		WHERE admitted[u.e_req + 1];
		PERFORM pg_notify('helping_feed', p_tenant);
		first_position := pos + 1;
		last_position := pos + n;
	END IF;
END
$$;
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
