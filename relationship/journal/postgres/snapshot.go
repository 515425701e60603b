package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// chunkSize is the most bytes of a snapshot's data kept in one row: a
// bytea holds at most 1 GB, less than [relationship.MaxSnapshotSize], and
// smaller rows are kinder to the server's memory.
const chunkSize = 32 << 20

// SaveSnapshot implements [relationship.Journal.SaveSnapshot]. The data
// is kept in chunks of at most 32 MiB, replaced in one transaction.
func (j *Journal) SaveSnapshot(ctx context.Context, stream string, s relationship.Snapshot) error {
	if err := j.check(ctx); err != nil {
		return err
	}
	if err := journal.CheckSnapshot(stream, s); err != nil {
		return err
	}
	name := []byte(stream)
	err := pgx.BeginFunc(ctx, j.pool, func(tx pgx.Tx) error {
		have, err := versions(ctx, tx, j.tenant, [][]byte{name})
		if err != nil {
			return err
		}
		if s.Version > have[stream] {
			return ruleError(stream, s.Version, have[stream], 0)
		}
		// The row of the snapshot kept is locked until the commit, so
		// that two saves of one stream follow each other.
		tag, err := tx.Exec(ctx, `INSERT INTO helping.snapshots AS k (tenant, stream, version, type, size) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant, stream) DO UPDATE SET version = excluded.version, type = excluded.type, size = excluded.size
WHERE k.version <= excluded.version`, j.tenant, name, int64(s.Version), []byte(s.Type), len(s.Data))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			var kept int64
			if err := tx.QueryRow(ctx, `SELECT version FROM helping.snapshots WHERE tenant = $1 AND stream = $2`, j.tenant, name).Scan(&kept); err != nil {
				return err
			}
			return ruleError(stream, s.Version, have[stream], uint64(kept))
		}
		if _, err := tx.Exec(ctx, `DELETE FROM helping.snapshot_chunks WHERE tenant = $1 AND stream = $2`, j.tenant, name); err != nil {
			return err
		}
		for n, off := 0, 0; off < len(s.Data); n, off = n+1, off+chunkSize {
			chunk := s.Data[off:min(off+chunkSize, len(s.Data))]
			if _, err := tx.Exec(ctx, `INSERT INTO helping.snapshot_chunks (tenant, stream, n, data) VALUES ($1, $2, $3, $4)`, j.tenant, name, n, chunk); err != nil {
				return err
			}
		}
		return nil
	})
	var ee *relationship.EntryError
	if errors.As(err, &ee) {
		return err
	}
	if err != nil {
		return j.fail(ctx, err)
	}
	return nil
}

// ruleError is the error for a snapshot whose version does not suit the
// stream (have entries) or the snapshot already kept (kept).
func ruleError(stream string, version, have, kept uint64) error {
	var reason string
	if version > have {
		reason = fmt.Sprintf("snapshot of stream %q at version %d, but the stream holds %d entries", stream, version, have)
	} else {
		reason = fmt.Sprintf("snapshot of stream %q at version %d is older than the one kept, at version %d", stream, version, kept)
	}
	return &relationship.EntryError{Seq: version, Reason: reason, Err: relationship.ErrInvalidEntry}
}

// LoadSnapshot implements [relationship.Journal.LoadSnapshot]. One
// statement reads the snapshot and its chunks, so it sees them as one
// save left them. A snapshot whose chunks do not add up to its size is an
// error wrapping [relationship.ErrInvalidEntry].
func (j *Journal) LoadSnapshot(ctx context.Context, stream string) (relationship.Snapshot, bool, error) {
	if err := j.check(ctx); err != nil {
		return relationship.Snapshot{}, false, err
	}
	rows, err := j.pool.Query(ctx, `SELECT s.version, s.type, s.size, c.n, c.data
FROM helping.snapshots s JOIN helping.snapshot_chunks c USING (tenant, stream)
WHERE s.tenant = $1 AND s.stream = $2 ORDER BY c.n`, j.tenant, []byte(stream))
	if err != nil {
		return relationship.Snapshot{}, false, j.fail(ctx, err)
	}
	defer rows.Close()
	var s relationship.Snapshot
	var size int64
	found := false
	for rows.Next() {
		var version int64
		var typ, chunk []byte
		var n int
		if err := rows.Scan(&version, &typ, &size, &n, &chunk); err != nil {
			return relationship.Snapshot{}, false, j.fail(ctx, err)
		}
		if !found {
			found = true
			s = relationship.Snapshot{Version: uint64(version), Type: string(typ), Data: slices.Grow([]byte(nil), int(min(size, relationship.MaxSnapshotSize)))}
		}
		s.Data = append(s.Data, chunk...)
	}
	if err := rows.Err(); err != nil {
		return relationship.Snapshot{}, false, j.fail(ctx, err)
	}
	if !found {
		return relationship.Snapshot{}, false, nil
	}
	if int64(len(s.Data)) != size {
		return relationship.Snapshot{}, false, &relationship.EntryError{Seq: s.Version, Err: relationship.ErrInvalidEntry,
			Reason: fmt.Sprintf("snapshot of stream %q holds %d bytes of data, not the %d it was saved with", stream, len(s.Data), size)}
	}
	return s, true, nil
}
