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
		var err error
		if fixedOnly(reqs) {
			err = j.commitFixed(j.life, reqs)
		} else {
			err = pgx.BeginFunc(j.life, j.pool, func(tx pgx.Tx) error {
				return j.commitTx(j.life, tx, reqs)
			})
		}
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

// fixedOnly reports whether every append of reqs is at an expected
// version: then the sequence numbers of all their entries, and so their
// JSON, are known before the transaction, and commitFixed can
// store them in one call to the server.
func fixedOnly(reqs []*request) bool {
	for _, r := range reqs {
		for _, a := range r.appends {
			if a.Expected == relationship.AnyVersion {
				return false
			}
		}
	}
	return true
}

// appendCall holds the arguments of the database function helping.append
// (migration step 2) for a transaction of requests whose appends are all
// at an expected version, and what each of its streams belongs to.
type appendCall struct {
	names                   [][]byte
	requests                int32
	itemReq, itemName       []int32
	itemExpected, itemCount []int64
	entryReq, entryName     []int32
	entrySeq                []int64
	entries                 [][]byte

	items []item // what each item (a stream of a request) is
}

// item is one append of a request, as helping.append sees it.
type item struct {
	r *request
	a relationship.Append
}

// newAppendCall lays reqs out as helping.append takes them.
func newAppendCall(reqs []*request) *appendCall {
	c := &appendCall{requests: int32(len(reqs))}
	index := map[string]int32{}
	for ri, r := range reqs {
		k := 0 // the request's next entry in r.fixed
		for _, a := range r.appends {
			name, ok := index[a.Stream]
			if !ok {
				c.names = append(c.names, []byte(a.Stream))
				name = int32(len(c.names)) // arrays of SQL count from 1
				index[a.Stream] = name
			}
			c.items = append(c.items, item{r, a})
			c.itemReq = append(c.itemReq, int32(ri))
			c.itemName = append(c.itemName, name)
			// An expected version past the largest bigint is never a
			// stream's: it conflicts, as it should.
			c.itemExpected = append(c.itemExpected, int64(a.Expected))
			c.itemCount = append(c.itemCount, int64(len(a.Entries)))
			for range a.Entries {
				c.entryReq = append(c.entryReq, int32(ri))
				c.entryName = append(c.entryName, name)
				c.entrySeq = append(c.entrySeq, r.fixed.seqs[k])
				c.entries = append(c.entries, r.fixed.entries[k])
				k++
			}
		}
	}
	return c
}

// run calls helping.append on q, sets the error of each request it
// refuses, and returns the positions given (0, 0 if none).
func (c *appendCall) run(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, tenant string) (first, last int64, err error) {
	var refused []int32
	var actual []int64
	err = q.QueryRow(ctx, `SELECT first_position, last_position, refused_item, refused_actual
FROM helping.append($1, $2::bytea[], $3::int, $4::int[], $5::int[], $6::bigint[], $7::bigint[], $8::int[], $9::int[], $10::bigint[], $11::bytea[])`,
		tenant, c.names, c.requests, c.itemReq, c.itemName, c.itemExpected, c.itemCount,
		c.entryReq, c.entryName, c.entrySeq, c.entries).Scan(&first, &last, &refused, &actual)
	if err != nil {
		return 0, 0, err
	}
	if len(refused) != len(actual) {
		return 0, 0, fmt.Errorf("helping.append refused %d requests with %d versions", len(refused), len(actual))
	}
	for i, k := range refused {
		if k < 0 || int(k) >= len(c.items) {
			return 0, 0, fmt.Errorf("helping.append refused item %d of %d", k, len(c.items))
		}
		it := c.items[k]
		it.r.err = &relationship.VersionConflictError{Stream: it.a.Stream, Expected: it.a.Expected, Actual: uint64(actual[i])}
	}
	return first, last, nil
}

// commitFixed commits reqs, whose appends are all at an expected version,
// with one call to helping.append: the function takes the tenant's turn
// (its row, locked until the transaction ends), reads the versions,
// judges each request in order, stores the entries of those that pass at
// the next positions, and notifies the feed, exactly as commitTx does in
// several statements. Alone, the call is a transaction of its own: one
// round trip to the server, where the plainest append needs three
// (BEGIN, INSERT, COMMIT). The package's tests, which hold a commit open
// on purpose, make the same call inside a transaction they commit later.
func (j *Journal) commitFixed(ctx context.Context, reqs []*request) error {
	c := newAppendCall(reqs)
	if j.hookTest == nil {
		_, _, err := c.run(ctx, j.pool, j.tenant)
		return err
	}
	return pgx.BeginFunc(ctx, j.pool, func(tx pgx.Tx) error {
		first, last, err := c.run(ctx, tx, j.tenant)
		if err == nil && last > 0 {
			j.hookTest(uint64(first), uint64(last))
		}
		return err
	})
}

// commitTx does the work of a transaction that holds appends at
// AnyVersion, whose sequence numbers, and so whose JSON, are known only
// once the transaction has read the versions: lock, judge each request,
// number, store, notify. It sets the error of each request it refuses.
func (j *Journal) commitTx(ctx context.Context, tx pgx.Tx, reqs []*request) error {
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
	// The lock and the read of the versions go to the server together,
	// as two statements: the second's snapshot, taken once the first has
	// the lock, holds every append that had the turn before. (One
	// statement that joined the two would read the streams as they were
	// when it started, before it waited for the lock.)
	var last int64
	var have map[string]uint64
	lock := &pgx.Batch{}
	lock.Queue(`SELECT position FROM helping.tenants WHERE tenant = $1 FOR UPDATE`, j.tenant).QueryRow(func(row pgx.Row) error {
		return row.Scan(&last)
	})
	lock.Queue(`SELECT stream, version FROM helping.streams WHERE tenant = $1 AND stream = ANY($2::bytea[])`, j.tenant, names).Query(func(rows pgx.Rows) error {
		var err error
		have, err = versionsOf(rows, len(names))
		return err
	})
	if err := tx.SendBatch(ctx, lock).Close(); err != nil {
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

// versionsOf reads the rows of stream names and versions, and returns
// the version of each; a stream without a row has version 0.
func versionsOf(rows pgx.Rows, n int) (map[string]uint64, error) {
	have := make(map[string]uint64, n)
	var name []byte
	var v int64
	_, err := pgx.ForEachRow(rows, []any{&name, &v}, func() error {
		have[string(name)] = uint64(v)
		return nil
	})
	return have, err
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
	return versionsOf(rows, len(names))
}
