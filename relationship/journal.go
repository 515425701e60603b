package relationship

import (
	"context"
	"iter"
)

// Journal stores records: append-only streams of [Entry] values, one stream
// per agency, case or group (and one per case for the log of who read its
// confidential notes), each named by a non-empty string.
//
// A stream's version is the number of entries in it. Every append states
// the version it expects each stream to be at, and fails with
// [ErrVersionConflict] when another writer came first, so that two writers
// never silently overwrite each other: the loser loads again and decides
// again (optimistic concurrency). One append may cover several streams,
// each at its own expected version; either every entry of every stream is
// stored, or none is. That is how a provision drawn from an agency's pool
// changes the case and the agency together.
//
// Beside the streams a journal keeps the latest [Snapshot] of each stream,
// so that a long record can be loaded from a recent state instead of from
// its first entry, and a feed of every entry of every stream in the order
// they were committed ([Journal.Feed]), from which read models are kept up
// to date.
//
// The package relationship/journal ships an in-memory journal and a durable
// file journal; relationship/journaltest is the conformance suite that any
// other implementation can run to show it behaves the same.
// Implementations must be safe for concurrent use.
type Journal interface {
	// Append adds entries to the streams the appends name, atomically:
	// every entry of every stream is stored, or none is. Each stream must
	// be at its Append's Expected version, unless that is [AnyVersion], and
	// the entries of each stream must run on from there (Expected+1,
	// Expected+2, ...). With AnyVersion the journal numbers the entries
	// itself, after whatever the stream holds when the append commits,
	// and ignores the numbers they carry. When Append returns nil the
	// entries are as durable as the journal promises (for the file
	// journal: synced to disk). An Append with no entries checks its
	// stream's version and adds nothing; no appends at all is a no-op.
	//
	// Errors: [ErrVersionConflict] (as a [*VersionConflictError] naming
	// the first stream that was elsewhere) when a stream is at another
	// version; [ErrInvalidEntry] (as an [*EntryError]) for an empty
	// stream name, a stream named twice, an invalid entry or a sequence
	// that does not run on; [ErrTooLarge] for an entry whose encoding is
	// larger than [MaxEntrySize] or an append larger than
	// [MaxAppendSize]; [ErrClosed] after Close; the context's error if it
	// is done before the append is committed.
	Append(ctx context.Context, appends ...Append) error

	// Read yields the entries of stream in order, starting with sequence
	// number from (0 and 1 both mean the whole stream). A stream that does
	// not exist yields nothing. Read sees every append that returned
	// before it was called. An error ends the sequence: it is yielded with
	// a zero Entry. Errors: [ErrClosed], the context's error, and for
	// stored data that cannot be decoded, [ErrInvalidEntry] or
	// [ErrUnknownEvent].
	Read(ctx context.Context, stream string, from uint64) iter.Seq2[Entry, error]

	// Version returns the number of entries in stream: 0 if it does not
	// exist. Errors: [ErrClosed], the context's error.
	Version(ctx context.Context, stream string) (uint64, error)

	// Streams yields the name of every non-empty stream, in sorted order.
	// Errors end the sequence as in Read.
	Streams(ctx context.Context) iter.Seq2[string, error]

	// Feed yields every entry of every stream whose position is after
	// after (0 for the whole feed), in the order of their positions, and
	// ends when it has yielded what was committed when it was called; it
	// may yield more. Positions increase along the feed and are never
	// reused; they need not be consecutive. The entries of one append
	// come together, in the order the append gave them.
	//
	// A feed never skips: when Feed ends after yielding position p, every
	// entry committed later has a position greater than p, so a follower
	// that reads on from p misses nothing, however late a concurrent
	// append commits. Errors end the sequence as in Read.
	Feed(ctx context.Context, after uint64) iter.Seq2[FeedEntry, error]

	// Wait returns nil as soon as the feed holds an entry at a position
	// after after, at once if it already does. Otherwise it waits until
	// one is committed, the context is done (its error) or the journal is
	// closed ([ErrClosed]). A follower reads the [Journal.Feed] from its
	// last position, then waits, then reads again.
	Wait(ctx context.Context, after uint64) error

	// SaveSnapshot keeps s as the latest snapshot of stream, replacing any
	// older one. Its Version must be at least 1 and at most the stream's
	// version, and not below the version of the snapshot already kept
	// (an equal version replaces it). Errors: [ErrInvalidEntry] (as an
	// [*EntryError]) for a snapshot that breaks these rules, has no Type
	// or no Data; [ErrTooLarge] for Data larger than [MaxSnapshotSize];
	// [ErrClosed]; the context's error.
	SaveSnapshot(ctx context.Context, stream string, s Snapshot) error

	// LoadSnapshot returns the latest snapshot of stream, and false if the
	// journal keeps none. Errors: [ErrClosed], the context's error, and
	// stored data that fails the journal's checks.
	LoadSnapshot(ctx context.Context, stream string) (Snapshot, bool, error)

	// Close releases the journal. Later calls fail with [ErrClosed]; a
	// Wait in progress returns [ErrClosed]. Closing twice is not an error.
	Close() error
}

// AnyVersion, as the Expected version of an [Append], appends to the stream
// wherever it stands: the journal numbers the entries after the stream's
// last. It is for records that many writers add to and that no one
// decides on, such as the log of who read a case's notes: two readers must
// never conflict with each other.
const AnyVersion = ^uint64(0)

// Append is one stream's part of an atomic [Journal.Append]: the entries to
// add and the version the stream must be at.
type Append struct {
	Stream   string  // the stream's name
	Expected uint64  // the stream's version before the append, or AnyVersion
	Entries  []Entry // the entries, numbered Expected+1, Expected+2, ...
}

// FeedEntry is an entry as the feed of a journal yields it: with the stream
// it belongs to and its position in the feed (see [Journal.Feed]).
type FeedEntry struct {
	Position uint64
	Stream   string
	Entry    Entry
}

// Snapshot is the state of an aggregate (an agency, a case, a group) as it
// stood after the entry numbered Version of its stream, encoded by the
// package that defines the aggregate. Loading starts from the latest
// snapshot and replays only the entries after it. Type names the encoding
// and its version, such as "groupwork.group-snapshot.v1": a snapshot whose
// type a program does not read is ignored, and the record is replayed in
// full.
type Snapshot struct {
	Version uint64
	Type    string
	Data    []byte
}

// Limits every [Journal] keeps, so that whatever one journal accepts, any
// other accepts too: a record copied from the file journal into PostgreSQL,
// or back, fits.
const (
	// MaxEntrySize is the largest encoded entry a journal stores, in
	// bytes of its JSON ([Entry.MarshalJSON]).
	MaxEntrySize = 16 << 20
	// MaxAppendSize is the most one [Journal.Append] may carry, in bytes
	// of its entries' JSON, all streams together. Saving a larger record
	// takes several appends.
	MaxAppendSize = 64 << 20
	// MaxSnapshotSize is the largest [Snapshot.Data] a journal keeps.
	MaxSnapshotSize = 1 << 30
	// MaxStreamName is the longest stream name, in bytes.
	MaxStreamName = 1024
)
