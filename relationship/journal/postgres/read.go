package postgres

import (
	"context"
	"encoding/binary"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/helpingwork/helping/relationship"
)

// Reads fetch rows a page at a time, each page in a statement of its own,
// and yield a page only once its rows are read, so that no connection is
// held while the caller works on what it was given.
const (
	pageRows  = 512     // the most rows of a page
	pageBytes = 8 << 20 // a page ends after the row that passes this many bytes
)

// binaryColumns reports whether every column of rows comes in PostgreSQL's
// binary format, with bigints of 8 bytes: then a row's values are read as
// they are, without Scan's copies.
func binaryColumns(rows pgx.Rows) bool {
	for _, fd := range rows.FieldDescriptions() {
		if fd.Format != pgx.BinaryFormatCode || fd.DataTypeOID == pgtype.Int8OID && fd.DataTypeSize != 8 {
			return false
		}
	}
	return true
}

// decode decodes the JSON of entry seq of stream.
func decode(stream string, seq int64, js []byte) (relationship.Entry, error) {
	var e relationship.Entry
	if err := e.UnmarshalJSON(js); err != nil {
		return relationship.Entry{}, fmt.Errorf("postgres: entry %d of stream %q: %w", seq, stream, err)
	}
	if e.Seq() != uint64(seq) {
		return relationship.Entry{}, &relationship.EntryError{Seq: e.Seq(), Err: relationship.ErrInvalidEntry,
			Reason: fmt.Sprintf("entry stored as entry %d of stream %q", seq, stream)}
	}
	return e, nil
}

// Read implements [relationship.Journal.Read].
func (j *Journal) Read(ctx context.Context, stream string, from uint64) iter.Seq2[relationship.Entry, error] {
	return func(yield func(relationship.Entry, error) bool) {
		if err := j.check(ctx); err != nil {
			yield(relationship.Entry{}, err)
			return
		}
		if from == 0 {
			from = 1
		}
		if from > 1<<63-1 {
			return
		}
		next := int64(from)
		for {
			page, more, err := j.readPage(ctx, stream, next)
			if err != nil {
				yield(relationship.Entry{}, err)
				return
			}
			for _, e := range page {
				if !yield(e, nil) {
					return
				}
			}
			if !more {
				return
			}
			next = int64(page[len(page)-1].Seq()) + 1
		}
	}
}

// readPage reads the entries of stream from seq from, a page of them, and
// says whether there may be more.
func (j *Journal) readPage(ctx context.Context, stream string, from int64) ([]relationship.Entry, bool, error) {
	rows, err := j.pool.Query(ctx, `SELECT seq, entry FROM helping.entries
WHERE tenant = $1 AND stream = $2 AND seq >= $3 ORDER BY seq LIMIT $4`, j.tenant, []byte(stream), from, pageRows)
	if err != nil {
		return nil, false, j.fail(ctx, err)
	}
	defer rows.Close()
	var page []relationship.Entry
	size := 0
	raw := binaryColumns(rows)
	for rows.Next() {
		var seq int64
		var js []byte
		if raw {
			// Decoded straight from the connection's buffer: decode copies
			// what it keeps.
			v := rows.RawValues()
			seq, js = int64(binary.BigEndian.Uint64(v[0])), v[1]
		} else if err := rows.Scan(&seq, &js); err != nil {
			return nil, false, j.fail(ctx, err)
		}
		e, err := decode(stream, seq, js)
		if err != nil {
			return nil, false, err
		}
		page = append(page, e)
		if size += len(js); size > pageBytes {
			return page, true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, j.fail(ctx, err)
	}
	return page, len(page) == pageRows, nil
}

// Version implements [relationship.Journal.Version].
func (j *Journal) Version(ctx context.Context, stream string) (uint64, error) {
	if err := j.check(ctx); err != nil {
		return 0, err
	}
	have, err := versions(ctx, j.pool, j.tenant, [][]byte{[]byte(stream)})
	if err != nil {
		return 0, j.fail(ctx, err)
	}
	return have[stream], nil
}

// Streams implements [relationship.Journal.Streams]. Names are sorted by
// their bytes, as Go sorts strings.
func (j *Journal) Streams(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		if err := j.check(ctx); err != nil {
			yield("", err)
			return
		}
		after := []byte{}
		for {
			rows, err := j.pool.Query(ctx, `SELECT stream FROM helping.streams
WHERE tenant = $1 AND version > 0 AND stream > $2 ORDER BY stream LIMIT $3`, j.tenant, after, pageRows)
			if err != nil {
				yield("", j.fail(ctx, err))
				return
			}
			names, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
			if err != nil {
				yield("", j.fail(ctx, err))
				return
			}
			for _, n := range names {
				if !yield(string(n), nil) {
					return
				}
			}
			if len(names) < pageRows {
				return
			}
			after = names[len(names)-1]
		}
	}
}

// Feed implements [relationship.Journal.Feed]. Positions are consecutive
// within a tenant: its first entry is at position 1. Why the feed never
// skips is explained in the package documentation.
func (j *Journal) Feed(ctx context.Context, after uint64) iter.Seq2[relationship.FeedEntry, error] {
	return func(yield func(relationship.FeedEntry, error) bool) {
		if err := j.check(ctx); err != nil {
			yield(relationship.FeedEntry{}, err)
			return
		}
		if after >= 1<<63-1 {
			return
		}
		pos := int64(after)
		for {
			page, more, err := j.feedPage(ctx, pos)
			if err != nil {
				yield(relationship.FeedEntry{}, err)
				return
			}
			for _, fe := range page {
				if !yield(fe, nil) {
					return
				}
			}
			if !more {
				return
			}
			pos = int64(page[len(page)-1].Position)
		}
	}
}

// feedPage reads the feed after position after, a page of it, and says
// whether there may be more.
func (j *Journal) feedPage(ctx context.Context, after int64) ([]relationship.FeedEntry, bool, error) {
	rows, err := j.pool.Query(ctx, `SELECT position, stream, seq, entry FROM helping.entries
WHERE tenant = $1 AND position > $2 ORDER BY position LIMIT $3`, j.tenant, after, pageRows)
	if err != nil {
		return nil, false, j.fail(ctx, err)
	}
	defer rows.Close()
	var page []relationship.FeedEntry
	size := 0
	var name []byte
	stream := ""
	raw := binaryColumns(rows)
	for rows.Next() {
		var pos, seq int64
		var js []byte
		if raw {
			v := rows.RawValues()
			pos, name, seq, js = int64(binary.BigEndian.Uint64(v[0])), v[1], int64(binary.BigEndian.Uint64(v[2])), v[3]
		} else if err := rows.Scan(&pos, &name, &seq, &js); err != nil {
			return nil, false, j.fail(ctx, err)
		}
		if string(name) != stream {
			stream = string(name)
		}
		e, err := decode(stream, seq, js)
		if err != nil {
			return nil, false, err
		}
		page = append(page, relationship.FeedEntry{Position: uint64(pos), Stream: stream, Entry: e})
		if size += len(js); size > pageBytes {
			return page, true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, j.fail(ctx, err)
	}
	return page, len(page) == pageRows, nil
}
