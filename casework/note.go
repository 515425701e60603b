package casework

import (
	"errors"
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
// recorded, and a note passes to a third party only with the client's
// consent to disclosure to that party ([Case.DiscloseNote]).
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

// Access is one use of a confidential note: who read it or disclosed it,
// when, and to whom it went. The client may ask who has seen their record;
// the case can answer.
type Access struct {
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

// NoteRead records that a party read a note.
type NoteRead struct {
	Note uuid.UUID `json:"note"`
}

// NoteDisclosed records that a note was passed to a named third party.
type NoteDisclosed struct {
	Note uuid.UUID `json:"note"`
	To   string    `json:"to"`
}

// EventType implements [relationship.Event].
func (NoteWritten) EventType() string { return "casework.note-written.v1" }

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
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := NoteWritten{Note: c.src.NewID(), Text: strings.TrimSpace(text)}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Note, nil
}

// ReadNote returns a note, and records in the case who read it and when.
// The assigned worker, that worker's supervisor and the client may read; a
// former worker or supervisor may not ([*GuardError] wrapping
// [ErrNotAssigned]), nor anyone else ([*relationship.PermissionError]).
func (c *Case) ReadNote(actor relationship.PartyID, note uuid.UUID) (Note, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.do(actor, NoteRead{Note: note}); err != nil {
		return Note{}, err
	}
	return c.st.notes[c.st.items[note].index], nil
}

// DiscloseNote passes a note to a named third party, and records it. The
// assigned worker or their supervisor discloses, and only with the client's
// consent to disclosure to that party in force ([*ConsentError] otherwise).
func (c *Case) DiscloseNote(actor relationship.PartyID, note uuid.UUID, to string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, NoteDisclosed{Note: note, To: strings.TrimSpace(to)})
}

func (NoteWritten) act() relationship.Act   { return ActWriteNote }
func (NoteRead) act() relationship.Act      { return ActReadNote }
func (NoteDisclosed) act() relationship.Act { return ActDiscloseNote }

func (e NoteWritten) check() error {
	return errors.Join(requireID("note", e.Note), requireText("text", e.Text))
}
func (e NoteRead) check() error { return requireID("note", e.Note) }
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

func (e NoteRead) apply(t *txn) { t.access(e.Note, AccessRead, "") }

func (e NoteDisclosed) validate(t *txn) error {
	if _, err := t.s.find(itemNote, e.Note); err != nil {
		return err
	}
	return t.s.consentInForce(DisclosureScope(e.To), t.at)
}

func (e NoteDisclosed) apply(t *txn) { t.access(e.Note, AccessDisclosure, e.To) }

func (t *txn) access(note uuid.UUID, kind AccessKind, to string) {
	t.s.accesses = append(t.s.accesses, Access{Note: note, Kind: kind, By: t.actor.ID(), Role: t.actor.Role(), At: t.at, To: to})
}

// Notes yields the header of every note, in the order they were written,
// without their text: reading a note is an act, recorded by
// [Case.ReadNote]. It is a snapshot.
func (c *Case) Notes() iter.Seq[NoteHeader] {
	return func(yield func(NoteHeader) bool) {
		for n := range snapshot(c, func(s *state) []Note { return s.notes }) {
			if !yield(NoteHeader{n.id, n.author, n.written}) {
				return
			}
		}
	}
}

// Accesses yields every read and disclosure of the case's notes, in order.
// It is a snapshot.
func (c *Case) Accesses() iter.Seq[Access] {
	return snapshot(c, func(s *state) []Access { return s.accesses })
}
