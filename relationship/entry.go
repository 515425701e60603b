package relationship

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/internal/strictjson"
)

// Event is what happened in one [Entry] of a record: a case opened, a
// provision authorised, a member joined, a vote cast. Each package defines
// its events as plain structs with exported fields, and registers them so
// that a record read back from a [Journal] decodes into the same types.
//
// Event types are versioned: a change to an event's fields gets a new type
// name, and the old one stays readable.
type Event interface {
	// EventType returns the stable, versioned name of the event type, such
	// as "casework.case-opened.v1".
	EventType() string
}

// RegisterEvent registers the event type E under the name its EventType
// method returns, so that entries holding it decode back into an E when
// they are read from a [Journal]. E must be a struct type with exported,
// JSON-tagged fields. Call it from an init function, once per type: the
// packages of this module register their own events this way, and a
// program that defines a relationship of its own registers its events the
// same way. Registering a name twice, or a type that is not a struct, is a
// programming error and panics.
func RegisterEvent[E Event]() { eventtype.Register[E]() }

// Entry is one line of a relationship's record: the sequence number in its
// stream, when it happened, who acted, which [Act] they performed, and the
// [Event] that resulted. Every change to a case or a group is an entry; the
// record is append-only, and replaying it rebuilds the same case or group.
//
// Entry is an immutable value. The zero Entry is invalid; make one with
// [NewEntry] or decode one with [Entry.UnmarshalJSON].
type Entry struct {
	seq   uint64
	at    time.Time
	actor PartyID
	act   Act
	event Event
	raw   []byte // the entry's JSON, when an engine has encoded it already
}

// NewEntry returns the entry at position seq (counting from 1) of a stream,
// made by actor performing act at the given time. The time is kept in UTC
// without a monotonic reading, so that an entry read back from a journal is
// identical to the one written. A zero seq, time or actor, a time whose year
// in UTC is outside 0 to 9999 (RFC 3339 cannot write it), a malformed act or a
// nil event is an [*EntryError] wrapping [ErrInvalidEntry].
func NewEntry(seq uint64, at time.Time, actor PartyID, act Act, event Event) (Entry, error) {
	e := Entry{seq: seq, at: at.UTC(), actor: actor, act: act, event: event}
	var reason string
	timeErr := CheckTime("time", at)
	switch {
	case seq == 0:
		reason = "zero sequence number"
	case timeErr != nil:
		reason = timeErr.(*FieldError).Reason
	case actor.IsZero():
		reason = "no actor"
	case !act.IsValid():
		reason = fmt.Sprintf("malformed act %q", act)
	case event == nil || reflect.ValueOf(event).Kind() == reflect.Pointer && reflect.ValueOf(event).IsNil():
		reason = "no event"
	default:
		return e, nil
	}
	return Entry{}, &EntryError{Seq: seq, Reason: reason, Err: ErrInvalidEntry}
}

// Seq returns the entry's position in its stream, counting from 1.
func (e Entry) Seq() uint64 { return e.seq }

// Time returns when the entry was made, in UTC.
func (e Entry) Time() time.Time { return e.at }

// Actor returns the party who acted.
func (e Entry) Actor() PartyID { return e.actor }

// Act returns what the actor did.
func (e Entry) Act() Act { return e.act }

// Event returns what happened.
func (e Entry) Event() Event { return e.event }

// IsValid reports whether e was made by [NewEntry] or decoded successfully.
func (e Entry) IsValid() bool { return e.seq != 0 }

// WithSeq returns a copy of the entry at position seq of its stream. A
// journal uses it to number the entries of an append made at
// [AnyVersion], and to keep a plain copy of any entry: entries an engine
// gives a journal carry their encoding with them, which a copy made by
// WithSeq lets go, so that an entry read back equals (==, and
// [reflect.DeepEqual]) the one written. A zero seq, or an invalid entry,
// gives the zero Entry.
func (e Entry) WithSeq(seq uint64) Entry {
	if !e.IsValid() || seq == 0 {
		return Entry{}
	}
	e.seq, e.raw = seq, nil
	return e
}

// String returns a one-line summary, such as
// "#3 2026-01-02T15:04:05Z 0192…: approve-provision (casework.provision-approved.v1)".
func (e Entry) String() string {
	if !e.IsValid() {
		return "invalid entry"
	}
	return fmt.Sprintf("#%d %s %s: %s (%s)", e.seq, e.at.Format(time.RFC3339), e.actor, e.act, e.event.EventType())
}

// envelope is the JSON form of an entry, as decoded. Type and Event point
// into the input; Act is assigned by the decoder's Finish.
type envelope struct {
	Seq   uint64               `json:"seq"`
	Time  time.Time            `json:"time"`
	Actor PartyID              `json:"actor"`
	Act   Act                  `json:"act"`
	Type  strictjson.RawString `json:"type"`
	Event strictjson.RawValue  `json:"event"`
}

var envelopePlan *strictjson.Plan

func init() {
	// Identifiers are decoded straight from the entry's bytes, without the
	// reflection encoding/json would use.
	strictjson.RegisterText(reflect.TypeFor[PartyID](), func(p unsafe.Pointer, text []byte) error {
		return (*PartyID)(p).UnmarshalText(text)
	})
	envelopePlan = strictjson.PlanOf(reflect.TypeFor[envelope]())
}

// parsePartyIDBytes is [ParsePartyID] for a byte slice, without converting
// it to a string unless the text is bad.
func parsePartyIDBytes(b []byte) (PartyID, error) {
	u, err := uuid.ParseBytes(b)
	if err != nil || u == uuid.Nil {
		return ParsePartyID(string(b)) // for its error
	}
	return PartyID(u), nil
}

// MarshalJSON encodes the entry as
//
//	{"seq":1,"time":"...","actor":"...","act":"...","type":"...","event":{...}}
//
// where type is the event's registered name and event is the event as
// [encoding/json] encodes it (byte for byte, by a faster encoder). The form
// is stable: the same entry always encodes to the same bytes. An entry
// whose event type is not registered is an error wrapping
// [ErrUnknownEvent], so nothing is written that could not be read back.
//
// Text that is not valid UTF-8 is an error wrapping [ErrInvalidText], where
// encoding/json would silently replace it: a record must read back as it
// was written.
func (e Entry) MarshalJSON() ([]byte, error) {
	if e.raw != nil {
		return slices.Clone(e.raw), nil
	}
	return e.AppendJSON(nil)
}

// AppendJSON appends the entry's JSON, as [Entry.MarshalJSON] returns it,
// to b, and returns the extended buffer; on error it returns b unchanged.
// Journals use it to encode entries straight into their buffers.
func (e Entry) AppendJSON(b []byte) ([]byte, error) {
	if e.raw != nil {
		return append(b, e.raw...), nil
	}
	start := len(b)
	if !e.IsValid() {
		return b[:start], &EntryError{Reason: "zero entry", Err: ErrInvalidEntry}
	}
	name := e.event.EventType()
	if !eventtype.Registered(name) {
		return b[:start], &EntryError{Seq: e.seq, Reason: fmt.Sprintf("event type %q is not registered", name), Err: ErrUnknownEvent}
	}
	b = slices.Grow(b, 256+len(name))
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, e.seq, 10)
	b = append(b, `,"time":"`...)
	b = e.at.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","actor":"`...)
	b = appendUUID(b, uuid.UUID(e.actor))
	b = append(b, `","act":`...)
	b = strictjson.AppendString(b, string(e.act))
	b = append(b, `,"type":`...)
	b = strictjson.AppendString(b, name)
	b = append(b, `,"event":`...)
	b, err := strictjson.AppendMarshal(b, e.event)
	if err != nil {
		return b[:start], fmt.Errorf("relationship: entry %d: %w", e.seq, err)
	}
	if replacedUTF8(b[start:]) {
		return b[:start], &EntryError{Seq: e.seq, Reason: "event " + name + " holds text that is not valid UTF-8", Err: ErrInvalidText}
	}
	return append(b, '}'), nil
}

// replacedUTF8 reports whether JSON text holds the escape \ufffd, which
// encoding/json (and its faster twin here) writes in place of bytes that
// are not valid UTF-8. A U+FFFD given as such is written as itself, not
// escaped, and a backslash in the text is written as \\: so the escape
// is a replacement exactly when an odd number of backslashes begins it.
func replacedUTF8(b []byte) bool {
	const esc = `\ufffd`
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte(esc))
		if k < 0 {
			return false
		}
		k += i
		n := 0
		for j := k; j >= 0 && b[j] == '\\'; j-- {
			n++
		}
		if n%2 == 1 {
			return true
		}
		i = k + len(esc)
	}
}

// appendUUID appends u in its canonical text form.
func appendUUID(b []byte, u uuid.UUID) []byte {
	const hex = "0123456789abcdef"
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hex[c>>4], hex[c&0xf])
	}
	return b
}

// UnmarshalJSON decodes an entry written by [Entry.MarshalJSON]. The event
// type must be registered (by importing the package that defines it), and its
// fields must be exactly the type's fields: an unknown type, an unknown field
// or a malformed entry is an error wrapping [ErrUnknownEvent] or
// [ErrInvalidEntry]. On error e is unchanged.
//
// Decoding accepts exactly what [encoding/json] accepts when it is told to
// refuse unknown fields and trailing data, but it is faster, and replaying a
// long record costs about two allocations an entry: the event, and one
// block that holds all the entry's strings.
func (e *Entry) UnmarshalJSON(b []byte) error {
	ed := entryDecoders.Get().(*entryDecoder)
	entry, err := ed.decode(b)
	ed.env = envelope{}
	ed.dec.Reset()
	entryDecoders.Put(ed)
	if err != nil {
		return err
	}
	*e = entry
	return nil
}

// entryDecoder holds what decoding one entry needs, kept in a pool so that
// decoding allocates only what it returns.
type entryDecoder struct {
	dec strictjson.Decoder
	env envelope
}

var entryDecoders = sync.Pool{New: func() any { return new(entryDecoder) }}

func (ed *entryDecoder) decode(b []byte) (Entry, error) {
	env := &ed.env
	if err := ed.dec.Decode(b, 0, envelopePlan, unsafe.Pointer(env)); err != nil {
		return Entry{}, &EntryError{Reason: err.Error(), Err: ErrInvalidEntry}
	}
	typ, ok := eventtype.Lookup(env.Type)
	if !ok {
		return Entry{}, &EntryError{Seq: env.Seq, Reason: fmt.Sprintf("event type %q is not registered", env.Type), Err: ErrUnknownEvent}
	}
	if len(env.Event) == 0 {
		return Entry{}, &EntryError{Seq: env.Seq, Reason: fmt.Sprintf("event %s: no event", env.Type), Err: ErrInvalidEntry}
	}
	// The event sits inside the entry's object: depth 1.
	ev, err := typ.Decode(&ed.dec, env.Event, 1)
	if err != nil {
		return Entry{}, &EntryError{Seq: env.Seq, Reason: fmt.Sprintf("event %s: %v", env.Type, err), Err: ErrInvalidEntry, Cause: err}
	}
	ed.dec.Finish()
	return NewEntry(env.Seq, env.Time, env.Actor, env.Act, ev.(Event))
}
