package postgres

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// batch is an append on its way to the database: every entry's stream,
// sequence number and JSON, in the order the appends gave them.
type batch struct {
	streams [][]byte
	seqs    []int64
	entries [][]byte
	size    int // bytes of JSON, all entries together
}

// add encodes e as entry seq of stream and checks the limits on sizes.
func (b *batch) add(stream string, e relationship.Entry, seq uint64) error {
	if seq != e.Seq() {
		e = e.WithSeq(seq)
	}
	js, err := e.AppendJSON(nil)
	if err != nil {
		return err
	}
	if len(js) > relationship.MaxEntrySize {
		return &relationship.EntryError{Seq: seq, Err: relationship.ErrTooLarge,
			Reason: "encoded entry of " + strconv.Itoa(len(js)) + " bytes is larger than " + strconv.Itoa(relationship.MaxEntrySize)}
	}
	b.size += len(js)
	if b.size > relationship.MaxAppendSize {
		return &relationship.EntryError{Err: relationship.ErrTooLarge,
			Reason: fmt.Sprintf("append holds more than %d bytes of entries", relationship.MaxAppendSize)}
	}
	b.streams = append(b.streams, []byte(stream))
	// A sequence number past the largest bigint is never stored: no
	// stream gets that long, so its append fails the version check.
	b.seqs = append(b.seqs, int64(seq))
	b.entries = append(b.entries, js)
	return nil
}

// Append implements [relationship.Journal.Append], in one transaction. It
// takes the tenant's row lock first (the row that holds the last position
// of its feed), so appends of one tenant commit one after another and
// their positions follow their commits: the package documentation says
// why. Errors are those of the interface, and an error wrapping what the
// database said if it fails; after such an error the append may or may not
// have been committed (the connection may have been lost after the commit
// was sent), as with any database.
func (j *Journal) Append(ctx context.Context, appends ...relationship.Append) error {
	if err := j.check(ctx); err != nil {
		return err
	}
	if err := journal.CheckAppend(appends...); err != nil {
		return err
	}
	if len(appends) == 0 {
		return nil
	}
	// Entries at an expected version are encoded, and measured, before
	// the transaction begins; those at AnyVersion once their numbers are
	// known.
	var fixed batch
	n := 0
	for _, a := range appends {
		n += len(a.Entries)
		if a.Expected == relationship.AnyVersion {
			continue
		}
		for i, e := range a.Entries {
			if err := fixed.add(a.Stream, e, a.Expected+uint64(i)+1); err != nil {
				return err
			}
		}
	}
	err := pgx.BeginFunc(ctx, j.pool, func(tx pgx.Tx) error {
		return j.appendTx(ctx, tx, appends, &fixed, n)
	})
	if err != nil {
		if _, ok := err.(*relationship.VersionConflictError); ok {
			return err
		}
		if _, ok := err.(*relationship.EntryError); ok {
			return err
		}
		return j.fail(ctx, err)
	}
	return nil
}

// appendTx does the work of an append inside its transaction: lock, check,
// number, store, notify. n is the number of entries; fixed holds those at
// an expected version, encoded.
func (j *Journal) appendTx(ctx context.Context, tx pgx.Tx, appends []relationship.Append, fixed *batch, n int) error {
	names := make([][]byte, len(appends))
	for i, a := range appends {
		names[i] = []byte(a.Stream)
	}
	var last int64
	if err := tx.QueryRow(ctx, `UPDATE helping.tenants SET position = position + $2 WHERE tenant = $1 RETURNING position`,
		j.tenant, n).Scan(&last); err != nil {
		return err
	}
	have, err := versions(ctx, tx, j.tenant, names)
	if err != nil {
		return err
	}
	for _, a := range appends {
		if v := have[a.Stream]; a.Expected != relationship.AnyVersion && v != a.Expected {
			return &relationship.VersionConflictError{Stream: a.Stream, Expected: a.Expected, Actual: v}
		}
	}
	if n == 0 {
		return nil
	}
	// The entries in the order the appends gave them: those at an
	// expected version from fixed, the others numbered now.
	var all batch
	all.size = fixed.size
	k := 0
	var newVersions []int64
	var touched [][]byte
	for _, a := range appends {
		if len(a.Entries) == 0 {
			continue
		}
		v := have[a.Stream]
		for i, e := range a.Entries {
			if a.Expected != relationship.AnyVersion {
				all.streams = append(all.streams, fixed.streams[k])
				all.seqs = append(all.seqs, fixed.seqs[k])
				all.entries = append(all.entries, fixed.entries[k])
				k++
				continue
			}
			if err := all.add(a.Stream, e, v+uint64(i)+1); err != nil {
				return err
			}
		}
		touched = append(touched, []byte(a.Stream))
		newVersions = append(newVersions, int64(v)+int64(len(a.Entries)))
	}
	positions := make([]int64, n)
	for i := range positions {
		positions[i] = last - int64(n) + int64(i) + 1
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO helping.streams (tenant, stream, version)
SELECT $1, s, v FROM unnest($2::bytea[], $3::bigint[]) AS u(s, v)
ON CONFLICT (tenant, stream) DO UPDATE SET version = excluded.version`, j.tenant, touched, newVersions)
	b.Queue(`INSERT INTO helping.entries (tenant, stream, seq, position, entry)
SELECT $1, s, q, p, e FROM unnest($2::bytea[], $3::bigint[], $4::bigint[], $5::bytea[]) AS u(s, q, p, e)`,
		j.tenant, all.streams, all.seqs, positions, all.entries)
	b.Queue(`SELECT pg_notify('helping_feed', $1)`, j.tenant)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	if j.hookTest != nil {
		j.hookTest(uint64(positions[0]), uint64(last))
	}
	return nil
}

// versions returns the version of each stream named, 0 for those that do
// not exist.
func versions(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, tenant string, names [][]byte) (map[string]uint64, error) {
	rows, err := q.Query(ctx, `SELECT stream, version FROM helping.streams WHERE tenant = $1 AND stream = ANY($2::bytea[])`, tenant, names)
	if err != nil {
		return nil, err
	}
	have := make(map[string]uint64, len(names))
	var name []byte
	var v int64
	_, err = pgx.ForEachRow(rows, []any{&name, &v}, func() error {
		have[string(name)] = uint64(v)
		return nil
	})
	return have, err
}
