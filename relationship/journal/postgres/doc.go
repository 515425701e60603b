// Package postgres keeps records in a PostgreSQL database: a
// [relationship.Journal] for programs that run on several servers at once,
// for many organisations in one database, with the backups, replicas and
// cross-case questions that a database server brings.
//
// # Why a database
//
// The file journal in relationship/journal is the embedded default: a
// directory that one process opens. A city's social services do not run
// like that. Several application servers serve the same caseworkers; the
// records of many agencies sit in one database, each agency seeing only
// its own; backups, replicas and audits are the database administrator's
// daily work; and supervisors ask questions across cases ("every open case
// of this worker", "consents that expire this week"), which read models
// kept from the journal's feed answer (see relationship/projection).
//
// # Opening a journal
//
//	j, err := postgres.Open(ctx, "postgres://helping@db.internal/records", "agency-riverside", nil)
//	if err != nil { ... }
//	defer j.Close()
//
// [Open] connects, creates or updates the schema (see [Migrate]) and
// returns the journal of one tenant. [New] does the same on a
// [github.com/jackc/pgx/v5/pgxpool.Pool] that many journals share. The
// journal passes relationship/journaltest like the memory and file
// journals, so anything written for them works here: expected versions
// with [relationship.ErrVersionConflict] for the loser, in any number of
// processes; appends to several streams in one transaction; appends at
// [relationship.AnyVersion] for the log of who read a case; snapshots; the
// feed.
//
// # Tenants
//
// One database holds many organisations. Every row carries its tenant, and
// every statement of a [Journal] names the tenant it was opened for, so a
// journal can neither read nor write another tenant's streams, snapshots
// or feed, even when two tenants use the same stream names. Each tenant
// has a feed of its own, with its own positions. Tenants are names, not
// database roles: a program that can connect may open any tenant, so
// programs that must not see each other's tenants need databases (or
// servers) of their own.
//
// # A feed that never skips
//
// The feed ([Journal.Feed]) yields every entry of a tenant in order of
// position, and a follower reads on from the last position it saw. The
// classic mistake, made by many event stores on PostgreSQL, is to take
// positions from a sequence (bigserial): a position is drawn when a
// transaction inserts, but the row becomes visible when it commits, and
// transactions commit in any order. A follower that has read position 5
// while the transaction holding position 4 was still open reads on from 5
// and never sees 4. The reports are many: watermill #311 (a bigserial
// offset; "row with offset=5 can be inserted earlier than offset=4 and
// subscriber will skip row with offset=4"), Eventuous #222
// ("Subscriptions sometimes skips events") and SQLStreamStore #121 ("It
// is possible for subscriptions to miss messages when chasing the tail
// under high concurrent load").
//
// There are two sound answers. One keeps the sequence and stores each
// row's transaction id (pg_current_xact_id()): readers order by
// (transaction id, position) and read only transactions older than the
// oldest one still running (pg_snapshot_xmin of the current snapshot).
// Its cursor is a pair, not one number, and one long transaction holds
// every follower back. The other, which this package takes, gives
// positions in commit order: each append first locks its tenant's row in
// helping.tenants, which holds the tenant's last position (by updating
// it, or with SELECT ... FOR UPDATE), and keeps the lock until it
// commits. PostgreSQL makes a transaction visible before it
// releases its locks (CommitTransaction in its xact.c ends the transaction
// in the process array "before releasing locks we hold"), so when an append can take the lock, every append
// with a lower position is already visible; and an append that rolls back
// gives its numbers back. Hence the positions of a tenant are consecutive,
// they commit in order, and a reader that sees position p sees every
// position below it: there are no gaps to wait for or to guess about, and
// the feed's cursor stays the single number that [relationship.Journal]
// promises. The price is that the transactions of one tenant commit one
// at a time, while those of different tenants do not wait for each other,
// and reads never wait. A [Journal] shares each turn among its concurrent
// appends: those that queue while one transaction commits go together in
// the next, each still judged on its own, so that 64 writers share a
// commit rather than wait for 64 (see [Journal.Append]). The package's tests hold one append's transaction
// open while another waits behind it, and check that no follower skips.
//
// # One round trip
//
// An append whose entries are all at an expected version (the usual
// case: only the log of who read a case is written at
// [relationship.AnyVersion]) is stored by one call of a function the
// schema holds, helping.append, sent alone so that it is a transaction of
// its own: one round trip to the server, where the plainest append,
// BEGIN, INSERT, COMMIT, takes three. The function takes the tenant's
// turn with an update of its row, reads the streams' versions in a
// statement of its own (so that, under PostgreSQL's default isolation,
// READ COMMITTED, it sees every append that had the turn before; one
// statement that locked and read at once would read the streams as they
// were before it waited for the lock), judges each append in order, gives
// back the positions of those it refuses, stores the rest and notifies
// the feed. An append at AnyVersion needs the versions before its
// entries can be numbered and encoded, so it goes in a transaction of
// four round trips: BEGIN; the lock (SELECT ... FOR UPDATE) and the read
// of the versions, sent together as two statements; the writes; COMMIT.
// Both ways take the same lock, so they mix freely.
//
// # Waiting for the feed
//
// Each append sends a notification (pg_notify) that PostgreSQL delivers
// when it commits. [Journal.Wait] listens for it on a connection of its
// own, in every process, and also looks at the feed every
// [Options.PollInterval] in case a notification is lost with a dropped
// connection.
//
// # The schema
//
// The tables live in a schema named helping: tenants, streams (each
// stream's version), entries (each entry's JSON, byte for byte, with its
// stream, sequence number and position) and snapshots (their data in
// chunks, since a PostgreSQL value holds at most 1 GB), beside the
// function helping.append (see above). Stream names are
// stored as bytes, so that any name the journal accepts can be stored and
// names sort as Go sorts strings. [Migrate] creates the schema and updates
// it, one numbered step at a time, under an advisory lock, so that two
// servers starting at once do not both migrate.
package postgres
