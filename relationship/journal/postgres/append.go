package postgres

import (
	"context"
	"errors"
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

// Append implements [relationship.Journal.Append]. Appends of a tenant
// commit one after another: each transaction first locks the tenant's row
// (the row that holds the last position of its feed), so that positions
// follow commits (the package documentation says why). To share that
// turn, and the wait for the disk, concurrent appends of one Journal are
// committed together: while one transaction commits, the appends that
// arrive queue up, and the next transaction takes them all. Each is still
// judged on its own, in the order it arrived: one that conflicts, or is
// too large, fails alone, and the others are stored.
//
// Errors are those of the interface, and an error wrapping what the
// database said if it fails; after such an error the append may or may
// not have been committed (the connection may have been lost after the
// commit was sent), as with any database. Once its transaction has begun,
// an append runs to its end even if its context is done meanwhile.
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
	r := &request{appends: appends, done: make(chan struct{})}
	for _, a := range appends {
		if a.Expected == relationship.AnyVersion {
			// Measured with the numbers they carry, for the limits on a
			// transaction; numbered and measured again in it.
			for _, e := range a.Entries {
				js, err := e.AppendJSON(nil)
				if err != nil {
					return err
				}
				r.size += len(js)
			}
			continue
		}
		for i, e := range a.Entries {
			if err := r.fixed.add(a.Stream, e, a.Expected+uint64(i)+1); err != nil {
				return err
			}
		}
	}
	r.size += r.fixed.size
	j.qmu.Lock()
	j.queue = append(j.queue, r)
	lead := !j.leading
	j.leading = true
	j.qmu.Unlock()
	if lead {
		j.lead()
	}
	select {
	case <-r.done:
	case <-ctx.Done():
		if j.withdraw(r) {
			return ctx.Err()
		}
		<-r.done
	}
	var vc *relationship.VersionConflictError
	var ee *relationship.EntryError
	switch {
	case r.err == nil:
		return nil
	case errors.As(r.err, &vc), errors.As(r.err, &ee):
		return r.err
	}
	return j.fail(ctx, r.err)
}

// request is an append waiting for, or in, a transaction.
type request struct {
	appends []relationship.Append
	fixed   batch // the entries at an expected version, encoded
	size    int   // the bytes of all its entries' JSON, about
	taken   bool  // a transaction has it
	err     error
	done    chan struct{} // closed when err is final
}

// Limits on what one transaction takes from the queue.
const (
	maxBatchRequests = 256
	maxBatchBytes    = 16 << 20
)

// withdraw takes r out of the queue if no transaction has taken it, and
// reports whether it did.
func (j *Journal) withdraw(r *request) bool {
	j.qmu.Lock()
	defer j.qmu.Unlock()
	if r.taken {
		return false
	}
	for i, q := range j.queue {
		if q == r {
			j.queue = append(j.queue[:i], j.queue[i+1:]...)
			break
		}
	}
	return true
}

// lead commits one transaction of queued appends, then hands the lead to
// a new goroutine if more have queued meanwhile.
func (j *Journal) lead() {
	j.qmu.Lock()
	var reqs []*request
	size := 0
	for len(j.queue) > 0 && len(reqs) < maxBatchRequests && (len(reqs) == 0 || size+j.queue[0].size <= maxBatchBytes) {
		r := j.queue[0]
		j.queue = j.queue[1:]
		r.taken = true
		size += r.size
		reqs = append(reqs, r)
	}
	j.qmu.Unlock()

	j.commit(reqs)

	j.qmu.Lock()
	if len(j.queue) > 0 {
		go j.lead()
	} else {
		j.leading = false
	}
	j.qmu.Unlock()
}

// commit runs one transaction for reqs, and gives each its result.
func (j *Journal) commit(reqs []*request) {
	if len(reqs) > 0 {
		err := pgx.BeginFunc(j.life, j.pool, func(tx pgx.Tx) error {
			return j.commitTx(j.life, tx, reqs)
		})
		for _, r := range reqs {
			if r.err == nil {
				r.err = err
			}
		}
	}
	for _, r := range reqs {
		close(r.done)
	}
}

// commitTx does the work of a transaction: lock, judge each request,
// number, store, notify. It sets the error of each request it refuses.
func (j *Journal) commitTx(ctx context.Context, tx pgx.Tx, reqs []*request) error {
	var last int64
	if err := tx.QueryRow(ctx, `SELECT position FROM helping.tenants WHERE tenant = $1 FOR UPDATE`, j.tenant).Scan(&last); err != nil {
		return err
	}
	var names [][]byte
	seen := map[string]bool{}
	for _, r := range reqs {
		for _, a := range r.appends {
			if !seen[a.Stream] {
				seen[a.Stream] = true
				names = append(names, []byte(a.Stream))
			}
		}
	}
	have, err := versions(ctx, tx, j.tenant, names)
	if err != nil {
		return err
	}
	var all batch
	touched := map[string]bool{}
	var streams [][]byte
	for _, r := range reqs {
		if r.err = admit(r, have, &all); r.err != nil {
			continue
		}
		for _, a := range r.appends {
			if len(a.Entries) > 0 && !touched[a.Stream] {
				touched[a.Stream] = true
				streams = append(streams, []byte(a.Stream))
			}
		}
	}
	n := len(all.entries)
	if n == 0 {
		return nil
	}
	newVersions := make([]int64, len(streams))
	for i, s := range streams {
		newVersions[i] = int64(have[string(s)])
	}
	positions := make([]int64, n)
	for i := range positions {
		positions[i] = last + int64(i) + 1
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO helping.streams (tenant, stream, version)
SELECT $1, s, v FROM unnest($2::bytea[], $3::bigint[]) AS u(s, v)
ON CONFLICT (tenant, stream) DO UPDATE SET version = excluded.version`, j.tenant, streams, newVersions)
	b.Queue(`INSERT INTO helping.entries (tenant, stream, seq, position, entry)
SELECT $1, s, q, p, e FROM unnest($2::bytea[], $3::bigint[], $4::bigint[], $5::bytea[]) AS u(s, q, p, e)`,
		j.tenant, all.streams, all.seqs, positions, all.entries)
	b.Queue(`UPDATE helping.tenants SET position = $2 WHERE tenant = $1`, j.tenant, last+int64(n))
	b.Queue(`SELECT pg_notify('helping_feed', $1)`, j.tenant)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	if j.hookTest != nil {
		j.hookTest(uint64(positions[0]), uint64(last+int64(n)))
	}
	return nil
}

// admit judges request r against the versions have, which include the
// requests admitted before it in the same transaction. If it passes, its
// entries join all and have moves on; if not, it returns the error and
// changes nothing.
func admit(r *request, have map[string]uint64, all *batch) error {
	for _, a := range r.appends {
		if v := have[a.Stream]; a.Expected != relationship.AnyVersion && v != a.Expected {
			return &relationship.VersionConflictError{Stream: a.Stream, Expected: a.Expected, Actual: v}
		}
	}
	mine := batch{size: r.fixed.size}
	k := 0
	for _, a := range r.appends {
		v := have[a.Stream]
		for i, e := range a.Entries {
			if a.Expected != relationship.AnyVersion {
				mine.streams = append(mine.streams, r.fixed.streams[k])
				mine.seqs = append(mine.seqs, r.fixed.seqs[k])
				mine.entries = append(mine.entries, r.fixed.entries[k])
				k++
				continue
			}
			if err := mine.add(a.Stream, e, v+uint64(i)+1); err != nil {
				return err
			}
		}
	}
	for _, a := range r.appends {
		have[a.Stream] += uint64(len(a.Entries))
	}
	all.streams = append(all.streams, mine.streams...)
	all.seqs = append(all.seqs, mine.seqs...)
	all.entries = append(all.entries, mine.entries...)
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
