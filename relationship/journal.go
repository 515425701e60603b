package relationship

import (
	"context"
	"iter"
)

// Journal stores the records of cases and groups: append-only streams of
// [Entry] values, one stream per case or group, named by a non-empty string.
//
// A stream's version is the number of entries in it. Every append states the
// version it expects, and fails with [ErrVersionConflict] when another writer
// came first, so that two writers never silently overwrite each other: the
// loser reloads and decides again (optimistic concurrency).
//
// The package relationship/journal ships an in-memory journal and a durable
// file journal; relationship/journaltest is the conformance suite that any
// other implementation (a SQL one, say) can run to show it behaves the same.
// Implementations must be safe for concurrent use.
type Journal interface {
	// Append adds entries to the end of stream if the stream is at version
	// expected. The entries' sequence numbers must run on from expected
	// (expected+1, expected+2, ...). Either every entry is stored, or none.
	// When Append returns nil the entries are as durable as the journal
	// promises (for the file journal: synced to disk).
	//
	// Errors: [ErrVersionConflict] (as a [*VersionConflictError]) when the
	// stream is at another version; [ErrInvalidEntry] for an empty stream
	// name, an invalid entry or a sequence that does not run on; [ErrClosed]
	// after Close; the context's error if it is done.
	Append(ctx context.Context, stream string, expected uint64, entries ...Entry) error

	// Read yields the entries of stream in order, starting with sequence
	// number from (1 for the whole stream). A stream that does not exist
	// yields nothing. An error ends the sequence: it is yielded with a zero
	// Entry. Errors: [ErrClosed], the context's error, and for stored data
	// that cannot be decoded, [ErrInvalidEntry] or [ErrUnknownEvent].
	Read(ctx context.Context, stream string, from uint64) iter.Seq2[Entry, error]

	// Version returns the number of entries in stream: 0 if it does not
	// exist. Errors: [ErrClosed], the context's error.
	Version(ctx context.Context, stream string) (uint64, error)

	// Streams yields the name of every non-empty stream, in sorted order.
	// Errors end the sequence as in Read.
	Streams(ctx context.Context) iter.Seq2[string, error]

	// Close releases the journal. Later calls fail with [ErrClosed]. Closing
	// twice is not an error.
	Close() error
}
