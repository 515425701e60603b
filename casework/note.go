package casework

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// Note is a confidential note in the case record: what a worker or
// supervisor wrote about the client. Biestek's principle of confidentiality
// is enforced around it. Only the assigned worker, that worker's supervisor
// and the client may read a note ([Case.ReadNote]), every read is itself
// recorded in the case's access log before the text is returned, and a
// note passes to a third party only with the client's consent to
// disclosure to that party ([Case.DiscloseNote]).
//
// Note is an immutable value. Its text is redacted from logs
// ([Note.LogValue]).
type Note struct {
	id      uuid.UUID
	author  relationship.PartyID
	written time.Time
	text    string
}

// ID returns the note's identifier.
func (n Note) ID() uuid.UUID { return n.id }

// Author returns who wrote the note.
func (n Note) Author() relationship.PartyID { return n.author }

// Written returns when the note was written.
func (n Note) Written() time.Time { return n.written }

// Text returns what the note says.
func (n Note) Text() string { return n.text }

// LogValue implements [slog.LogValuer]: a note logs its identifier, author,
// time and length, never its text.
func (n Note) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", n.id.String()),
		slog.String("author", n.author.String()),
		slog.Time("written", n.written),
		slog.String("text", redacted),
		slog.Int("length", len(n.text)),
	)
}

// NoteHeader is what anyone may know about a note without reading it: its
// identifier, author and date.
type NoteHeader struct {
	ID      uuid.UUID
	Author  relationship.PartyID
	Written time.Time
}

// AccessKind is how a note was accessed: read within the case, or disclosed
// outside it.
//
// The zero AccessKind is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type AccessKind uint8

// The kinds of access.
const (
	// AccessRead: a party to the case read the note.
	AccessRead AccessKind = iota + 1
	// AccessDisclosure: the note was passed to a third party, with consent.
	AccessDisclosure
)

var accessKinds = enum.New[AccessKind]("access kind", "unspecified", "read", "disclosure")

// AccessKinds yields every valid access kind in order.
func AccessKinds() iter.Seq[AccessKind] { return accessKinds.Values() }

// ParseAccessKind returns the access kind named s: "read" or "disclosure".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseAccessKind(s string) (AccessKind, error) { return accessKinds.ParseText(s) }

// IsValid reports whether k is one of the named kinds.
func (k AccessKind) IsValid() bool { return accessKinds.Valid(k) }

// String returns the kind's name.
func (k AccessKind) String() string { return accessKinds.String(k) }

// MarshalText returns the kind's name. An invalid kind is an error.
func (k AccessKind) MarshalText() ([]byte, error) { return accessKinds.Text(k) }

// UnmarshalText sets k to the kind named by b. On error k is unchanged.
func (k *AccessKind) UnmarshalText(b []byte) error { return accessKinds.Unmarshal(b, k) }

// Access is one use of a confidential note, as the case's access log holds
// it: who read it or disclosed it, in which role, when, and to whom it
// went. The client may ask who has seen their record; the log answers
// (HIPAA calls this keeping a record of access and examining it).
type Access struct {
	Seq  uint64 // its place in the case's access log, from 1
	Case uuid.UUID
	Note uuid.UUID
	Kind AccessKind
	By   relationship.PartyID
	Role relationship.Role
	At   time.Time
	To   string // the third party, for a disclosure
}

// NoteWritten records a note added to the case. Its text is in the record:
// see [Case.Record].
type NoteWritten struct {
	Note uuid.UUID `json:"note"`
	Text string    `json:"text"`
}

// NoteAccessed is an entry of a case's access log ([AccessStreamName]): a
// note read, or disclosed to a named third party, and the role in which
// the actor did it. It is not an entry of the case's own record: reads
// change nothing in the case, and two readers must never conflict with each
// other or with the case's writers.
type NoteAccessed struct {
	Case uuid.UUID         `json:"case"`
	Note uuid.UUID         `json:"note"`
	Kind AccessKind        `json:"kind"`
	Role relationship.Role `json:"role"`
	To   string            `json:"to,omitempty"` // for a disclosure
}

// NoteRead recorded a read in the case's own record, before reads had a log
// of their own ([NoteAccessed]). Records that hold it still replay.
type NoteRead struct {
	Note uuid.UUID `json:"note"`
}

// NoteDisclosed recorded a disclosure in the case's own record, before
// disclosures went to the access log ([NoteAccessed]). Records that hold it
// still replay.
type NoteDisclosed struct {
	Note uuid.UUID `json:"note"`
	To   string    `json:"to"`
}

// EventType implements [relationship.Event].
func (NoteWritten) EventType() string { return "casework.note-written.v1" }

// EventType implements [relationship.Event].
func (NoteAccessed) EventType() string { return "casework.note-accessed.v1" }

// EventType implements [relationship.Event].
func (NoteRead) EventType() string { return "casework.note-read.v1" }

// EventType implements [relationship.Event].
func (NoteDisclosed) EventType() string { return "casework.note-disclosed.v1" }

// LogValue implements [slog.LogValuer]: the event logs its note's
// identifier, never its text.
func (e NoteWritten) LogValue() slog.Value {
	return slog.GroupValue(slog.String("note", e.Note.String()), slog.String("text", redacted))
}

// WriteNote adds a confidential note to the case and returns its
// identifier. The assigned worker or their supervisor writes notes, in any
// phase (a closing summary is written after closure). Empty text is a
// [*InputError].
func (c *Case) WriteNote(actor relationship.PartyID, text string) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := NoteWritten{Note: c.src.NewID(), Text: strings.TrimSpace(text)}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Note, nil
}

// AccessStreamName returns the name of the journal stream that holds the
// access log of the case with the given identifier: "access-" and the
// identifier.
func AccessStreamName(id uuid.UUID) string { return "access-" + id.String() }

// ReadNote returns a note, after recording in the case's access log, in
// the journal j, who read it, in which role and when: no text leaves the
// case without its record. The assigned worker, that worker's supervisor
// and the client may read; a former worker or supervisor may not
// ([*relationship.PermissionError] wrapping [ErrNotAssigned]), nor anyone else
// ([*relationship.PermissionError]). The log takes appends at
// [relationship.AnyVersion], so reads never conflict, with each other or
// with changes to the case, on this server or another. If the journal
// cannot record the read, the note is not returned.
func (c *Case) ReadNote(ctx context.Context, j relationship.Journal, actor relationship.PartyID, note uuid.UUID) (Note, error) {
	if c == nil {
		return Note{}, relationship.Nil("case")
	}
	n, err := c.access(ctx, j, actor, NoteAccessed{Note: note, Kind: AccessRead})
	if err != nil {
		return Note{}, err
	}
	return n, nil
}

// DiscloseNote records in the case's access log, in the journal j, that a
// note passes to a named third party. The assigned worker or their
// supervisor discloses, and only with the client's consent to disclosure
// to that party in force ([*ConsentError] otherwise).
func (c *Case) DiscloseNote(ctx context.Context, j relationship.Journal, actor relationship.PartyID, note uuid.UUID, to string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	_, err := c.access(ctx, j, actor, NoteAccessed{Note: note, Kind: AccessDisclosure, To: strings.TrimSpace(to)})
	return err
}

// access checks an access against the case, appends it to the access log
// and returns the note.
func (c *Case) access(ctx context.Context, j relationship.Journal, actor relationship.PartyID, ev NoteAccessed) (Note, error) {
	if j == nil {
		return Note{}, relationship.Nil("journal")
	}
	if ctx == nil {
		return Note{}, relationship.Nil("context")
	}
	c.mu.Lock()
	ev.Case = c.st.id
	if p, err := c.st.party(actor); err == nil {
		ev.Role = p.Role()
	}
	e, err := c.eng.Check(actor, ev, nil)
	var n Note
	if err == nil {
		n = c.st.notes[c.st.items[ev.Note].index]
	}
	c.mu.Unlock()
	if err != nil {
		return Note{}, err
	}
	log := relationship.Append{Stream: AccessStreamName(ev.Case), Expected: relationship.AnyVersion, Entries: []relationship.Entry{e}}
	if err := j.Append(ctx, log); err != nil {
		return Note{}, fmt.Errorf("casework: record the %s of note %s: %w", ev.Kind, ev.Note, err)
	}
	return n, nil
}

// AccessLog yields the access log of the case with the given identifier,
// as the journal holds it: every read and disclosure of its notes, in the
// order they were recorded. An entry that is not an access is an error
// wrapping [relationship.ErrInvalidEntry]; errors end the sequence.
func AccessLog(ctx context.Context, j relationship.Journal, id uuid.UUID) iter.Seq2[Access, error] {
	return func(yield func(Access, error) bool) {
		if j == nil {
			yield(Access{}, relationship.Nil("journal"))
			return
		}
		for e, err := range j.Read(ctx, AccessStreamName(id), 1) {
			a, aerr := accessOf(e, err)
			if !yield(a, aerr) || aerr != nil {
				return
			}
		}
	}
}

// AccessesBy yields every read and disclosure that reader made, in every
// case's access log the journal holds, case by case. Errors end the
// sequence.
func AccessesBy(ctx context.Context, j relationship.Journal, reader relationship.PartyID) iter.Seq2[Access, error] {
	return func(yield func(Access, error) bool) {
		if j == nil {
			yield(Access{}, relationship.Nil("journal"))
			return
		}
		var logs []string
		for name, err := range j.Streams(ctx) {
			if err != nil {
				yield(Access{}, err)
				return
			}
			if strings.HasPrefix(name, "access-") {
				logs = append(logs, name)
			}
		}
		for _, name := range logs {
			for e, err := range j.Read(ctx, name, 1) {
				a, aerr := accessOf(e, err)
				if aerr == nil && a.By != reader {
					continue
				}
				if !yield(a, aerr) || aerr != nil {
					return
				}
			}
		}
	}
}

// accessOf turns an entry of an access log into an Access.
func accessOf(e relationship.Entry, err error) (Access, error) {
	if err != nil {
		return Access{}, err
	}
	ev, ok := e.Event().(NoteAccessed)
	if !ok {
		return Access{}, entryError(e.Seq(), "an access log holds "+e.Event().EventType())
	}
	return Access{Seq: e.Seq(), Case: ev.Case, Note: ev.Note, Kind: ev.Kind, By: e.Actor(), Role: ev.Role,
		At: e.Time(), To: ev.To}, nil
}

func (NoteWritten) act() relationship.Act { return ActWriteNote }
func (e NoteAccessed) act() relationship.Act {
	if e.Kind == AccessDisclosure {
		return ActDiscloseNote
	}
	return ActReadNote
}
func (NoteRead) act() relationship.Act      { return ActReadNote }
func (NoteDisclosed) act() relationship.Act { return ActDiscloseNote }

func (e NoteWritten) check() error {
	return errors.Join(requireID("note", e.Note), requireText("text", e.Text))
}
func (e NoteRead) check() error { return requireID("note", e.Note) }
func (e NoteAccessed) check() error {
	errs := []error{requireID("case", e.Case), requireID("note", e.Note)}
	if !e.Role.IsValid() {
		errs = append(errs, &InputError{Field: "role", Value: e.Role.String(), Err: relationship.ErrInvalidValue})
	}
	switch e.Kind {
	case AccessRead:
		if e.To != "" {
			errs = append(errs, &InputError{Field: "to", Err: relationship.ErrInvalidValue})
		}
	case AccessDisclosure:
		errs = append(errs, requireText("to", e.To))
	default:
		errs = append(errs, &InputError{Field: "kind", Value: e.Kind.String(), Err: relationship.ErrInvalidValue})
	}
	return errors.Join(errs...)
}
func (e NoteDisclosed) check() error {
	return errors.Join(requireID("note", e.Note), requireText("to", e.To))
}

func (e NoteWritten) validate(t *txn) error { return t.s.fresh("note", e.Note) }

func (e NoteWritten) apply(t *txn) {
	t.s.issue(e.Note, itemNote, len(t.s.notes))
	t.s.notes = append(t.s.notes, Note{id: e.Note, author: t.actor.ID(), written: t.at, text: e.Text})
}

func (e NoteRead) validate(t *txn) error {
	_, err := t.s.find(itemNote, e.Note)
	return err
}

// A read recorded in the case's own record changes nothing: reads are the
// access log's.
func (e NoteRead) apply(*txn) {}

func (e NoteAccessed) validate(t *txn) error {
	switch {
	case t.replay:
		return entryError(0, "an access belongs in the case's access log, not its record")
	case e.Case != t.s.id:
		return &InputError{Field: "case", Value: e.Case.String(), Err: ErrWrongAgency}
	case e.Role != t.actor.Role():
		return &InputError{Field: "role", Value: e.Role.String(), Err: relationship.ErrInvalidValue}
	}
	if _, err := t.s.find(itemNote, e.Note); err != nil {
		return err
	}
	if e.Kind == AccessDisclosure {
		return t.s.consentInForce(DisclosureScope(e.To), t.at)
	}
	return nil
}

// An access is never applied: the engine only checks it (see
// [relationship.Engine.Check]), and the case's access log keeps it.
func (e NoteAccessed) apply(*txn) {}

func (e NoteDisclosed) validate(t *txn) error {
	if _, err := t.s.find(itemNote, e.Note); err != nil {
		return err
	}
	return t.s.consentInForce(DisclosureScope(e.To), t.at)
}

func (e NoteDisclosed) apply(*txn) {}

// Notes yields the header of every note, in the order they were written,
// without their text: reading a note is an act, recorded by
// [Case.ReadNote]. It is a snapshot.
func (c *Case) Notes() iter.Seq[NoteHeader] {
	if c == nil {
		return func(func(NoteHeader) bool) {}
	}
	return func(yield func(NoteHeader) bool) {
		for n := range snapshot(c, func(s *state) []Note { return s.notes }) {
			if !yield(NoteHeader{n.id, n.author, n.written}) {
				return
			}
		}
	}
}
