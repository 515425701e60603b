package journal

import (
	"errors"
	"fmt"
)

// Sentinel errors of the file journal. Callers branch on them with
// [errors.Is]; the typed errors below wrap them and say where.
var (
	// ErrCorrupt means stored data failed its checks where it cannot be the
	// torn end of an interrupted write: in a sealed segment, with intact
	// frames of later writes after it, or in a snapshot file. The journal
	// will not guess what the record should say; a person must look (see
	// [CorruptError]). A damaged snapshot costs only time: load the record
	// from its first entry, and save a new snapshot.
	ErrCorrupt = errors.New("journal: corrupt")
	// ErrTampered means stored data failed a check that accident cannot
	// fail: a frame whose CRC-32C checks but whose MAC does not (it was
	// changed, and its checksum made to match), a segment header whose
	// MAC does not check, a sealed segment shorter or longer than the next
	// segment's MAC-checked header records, a segment without MACs where
	// the journal is keyed, or an identity file that does not check with
	// the key given (which may also mean the key is not the journal's).
	// Errors wrapping it are [*CorruptError]s that also wrap [ErrCorrupt],
	// and name the file and offset. The package documentation explains
	// the trust model.
	ErrTampered = errors.New("journal: tampered")
	// ErrForeign means a segment names another journal than the one in
	// whose directory it is: it was copied in from elsewhere. Errors
	// wrapping it are [*CorruptError]s that also wrap [ErrCorrupt] and
	// name the segment.
	ErrForeign = errors.New("journal: segment of another journal")
	// ErrLocked means another journal, in this process or another, has the
	// directory open.
	ErrLocked = errors.New("journal: directory in use by another journal")
	// ErrFormat means a segment or a snapshot file is intact but not of a
	// format this package reads: not a journal's, or a newer version.
	ErrFormat = errors.New("journal: unsupported format")
	// ErrNeedsRepair means the journal ends in a torn write that Open would
	// cut, and [FileOptions.NoRepair] asked it not to (see [RepairError]).
	ErrNeedsRepair = errors.New("journal: torn tail needs repair")
	// ErrNoSpace means an append found no room on the disk for its data
	// (or for the segment it had to start). The journal cut back what it
	// had written of it, so the append is not stored and the journal is as
	// it was: appends succeed again once space is freed. The error also
	// wraps the file system's own (syscall.ENOSPC).
	ErrNoSpace = errors.New("journal: no space left on the disk")
	// ErrBroken means a write or a sync failed. What reached the disk is
	// unknown, so the journal refuses further appends; reopen it to recover
	// the longest valid prefix.
	ErrBroken = errors.New("journal: a write failed; reopen to recover")
)

// CorruptError reports stored data that failed its checks. It unwraps to
// [ErrCorrupt], and, when found by a read of entries, also to
// [relationship.ErrInvalidEntry].
type CorruptError struct {
	// Segment names the damaged file, relative to the journal's
	// directory: a segment, such as "00000003.seg", or a snapshot, such as
	// "snapshots/2c26b4…ae.snap" (see the package documentation for the
	// naming of snapshot files), the index checkpoint "INDEX", or the identity file "IDENTITY".
	Segment string
	Offset  int64  // where in it the bad data begins
	Reason  string // what is wrong
	Err     error  // another sentinel it wraps ([ErrTampered], [ErrForeign], ...), or nil
}

// Error says where the bad data is and what is wrong with it.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("journal: corrupt data in %s at offset %d: %s", e.Segment, e.Offset, e.Reason)
}

// Unwrap returns [ErrCorrupt], and Err if it is set.
func (e *CorruptError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrCorrupt, e.Err}
	}
	return []error{ErrCorrupt}
}

// RepairError reports that Open found a torn tail and, as
// [FileOptions.NoRepair] asked, changed nothing. It unwraps to
// [ErrNeedsRepair].
type RepairError struct {
	Recovery Recovery // what a repairing Open would cut
}

// Error says what a repair would cut.
func (e *RepairError) Error() string {
	return fmt.Sprintf("journal: torn tail needs repair: would cut %s", e.Recovery)
}

// Unwrap returns [ErrNeedsRepair].
func (e *RepairError) Unwrap() error { return ErrNeedsRepair }

// Recovery reports what Open cut from the end of a journal whose last write
// was interrupted: by a crash, a full disk, a lost power supply. Open cuts
// the journal back to the end of the last whole append and keeps the bytes
// it cut in a file beside the segments, so that nothing disappears without
// a trace. [File.Recovered] returns the reports.
type Recovery struct {
	// Segment is the file that was cut, such as "00000003.seg".
	Segment string
	// Offset is where the cut began: the end of the last whole append.
	Offset int64
	// Bytes is how many bytes of data were cut (zeros the journal wrote
	// ahead of its data are not counted).
	Bytes int64
	// Frames is how many intact frames were cut with them: the start of an
	// append whose end was lost, or frames of the same interrupted write
	// found past a damaged one.
	Frames int
	// Reason says what was wrong at the first byte that could not be kept.
	Reason string
	// SavedAs names the file in the journal's directory that holds the cut
	// bytes, or is empty if there were none.
	SavedAs string
}

// String returns a one-line summary of the recovery.
func (r Recovery) String() string {
	s := fmt.Sprintf("%s at offset %d: %d bytes, %d intact frames (%s)", r.Segment, r.Offset, r.Bytes, r.Frames, r.Reason)
	if r.SavedAs != "" {
		s += ", saved as " + r.SavedAs
	}
	return s
}
