package journal

import (
	"fmt"
	"strconv"

	"github.com/helpingwork/helping/relationship"
)

// CheckAppend validates the arguments of a [relationship.Journal.Append]
// before any journal state is consulted: every stream is named, in at most
// [relationship.MaxStreamName] bytes, and named once; every entry is valid;
// and the entries of each stream run on from its Expected version
// (Expected+1, Expected+2, ...). An Append at [relationship.AnyVersion] is
// numbered by the journal, so only the validity of its entries is checked.
//
// It returns the first problem as a [*relationship.EntryError] wrapping
// [relationship.ErrInvalidEntry]. Journal implementations call it first, so
// that they all refuse the same inputs with the same errors. It does not
// encode the entries: the limits on their size are checked as they are
// encoded.
func CheckAppend(appends ...relationship.Append) error {
	var seen map[string]bool // for many appends; few are checked pairwise
	if len(appends) > 8 {
		seen = make(map[string]bool, len(appends))
	}
	for i, a := range appends {
		if err := checkStream(a.Stream); err != nil {
			return err
		}
		twice := false
		if seen != nil {
			twice = seen[a.Stream]
			seen[a.Stream] = true
		} else {
			for _, b := range appends[:i] {
				twice = twice || b.Stream == a.Stream
			}
		}
		if twice {
			return &relationship.EntryError{Reason: fmt.Sprintf("stream %q named twice in one append", a.Stream), Err: relationship.ErrInvalidEntry}
		}
		if err := checkEntries(a); err != nil {
			return err
		}
	}
	return nil
}

// checkStream checks a stream name: not empty, not longer than
// relationship.MaxStreamName.
func checkStream(name string) error {
	switch {
	case name == "":
		return &relationship.EntryError{Reason: "empty stream name", Err: relationship.ErrInvalidEntry}
	case len(name) > relationship.MaxStreamName:
		return &relationship.EntryError{Reason: fmt.Sprintf("stream name of %d bytes is longer than %d", len(name), relationship.MaxStreamName), Err: relationship.ErrInvalidEntry}
	}
	return nil
}

// checkEntries checks that the entries of a are valid and, unless a is at
// AnyVersion, run on from a.Expected.
func checkEntries(a relationship.Append) error {
	for i, e := range a.Entries {
		want := a.Expected + uint64(i) + 1
		if a.Expected == relationship.AnyVersion {
			want = e.Seq()
		}
		if !e.IsValid() {
			return &relationship.EntryError{Seq: want, Reason: fmt.Sprintf("zero entry in stream %q", a.Stream), Err: relationship.ErrInvalidEntry}
		}
		if e.Seq() != want {
			return &relationship.EntryError{Seq: e.Seq(), Reason: fmt.Sprintf("sequence does not run on in stream %q: want %d", a.Stream, want), Err: relationship.ErrInvalidEntry}
		}
	}
	return nil
}

// CheckSnapshot validates the arguments of a
// [relationship.Journal.SaveSnapshot] before any journal state is
// consulted: a stream name as [CheckAppend] wants it, a Version of at least
// 1, a Type, and Data of 1 to [relationship.MaxSnapshotSize] bytes. It
// returns a [*relationship.EntryError] wrapping
// [relationship.ErrInvalidEntry], or [relationship.ErrTooLarge] for Data
// that is too large. Whether the version suits the stream, and the
// snapshot already kept, is for the journal to judge.
func CheckSnapshot(stream string, s relationship.Snapshot) error {
	if err := checkStream(stream); err != nil {
		return err
	}
	bad := func(reason string) error {
		return &relationship.EntryError{Seq: s.Version, Reason: fmt.Sprintf("snapshot of stream %q: %s", stream, reason), Err: relationship.ErrInvalidEntry}
	}
	switch {
	case s.Version == 0:
		return bad("version 0: a snapshot follows at least one entry")
	case s.Type == "":
		return bad("no type")
	case len(s.Data) == 0:
		return bad("no data")
	case len(s.Data) > relationship.MaxSnapshotSize:
		return &relationship.EntryError{Seq: s.Version, Err: relationship.ErrTooLarge,
			Reason: fmt.Sprintf("snapshot of stream %q: data of %d bytes is larger than %d", stream, len(s.Data), relationship.MaxSnapshotSize)}
	}
	return nil
}

// snapshotRuleError is the error for a snapshot whose version does not
// suit the stream (have entries) or the snapshot already kept (kept).
func snapshotRuleError(stream string, version, have, kept uint64) error {
	var reason string
	if version > have {
		reason = fmt.Sprintf("snapshot of stream %q at version %d, but the stream holds %d entries", stream, version, have)
	} else {
		reason = fmt.Sprintf("snapshot of stream %q at version %d is older than the one kept, at version %d", stream, version, kept)
	}
	return &relationship.EntryError{Seq: version, Reason: reason, Err: relationship.ErrInvalidEntry}
}

// appendEntry appends e's JSON to b and checks its size against
// relationship.MaxEntrySize. On error b is returned unchanged.
func appendEntry(b []byte, e relationship.Entry) ([]byte, error) {
	start := len(b)
	b, err := e.AppendJSON(b)
	if err != nil {
		return b[:start], err
	}
	if n := len(b) - start; n > relationship.MaxEntrySize {
		return b[:start], &relationship.EntryError{Seq: e.Seq(), Err: relationship.ErrTooLarge,
			Reason: "encoded entry of " + strconv.Itoa(n) + " bytes is larger than " + strconv.Itoa(relationship.MaxEntrySize)}
	}
	return b, nil
}

// appendTooLarge returns the error for an append whose entries' JSON, all
// streams together, is larger than relationship.MaxAppendSize. Journals
// stop encoding as soon as an append passes the limit, so it does not say
// by how much.
func appendTooLarge() error {
	return &relationship.EntryError{Err: relationship.ErrTooLarge,
		Reason: fmt.Sprintf("append holds more than %d bytes of entries", relationship.MaxAppendSize)}
}
