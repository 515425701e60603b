package relationship

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/helpingwork/helping/internal/eventtype"
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
}

// NewEntry returns the entry at position seq (counting from 1) of a stream,
// made by actor performing act at the given time. The time is kept in UTC
// without a monotonic reading, so that an entry read back from a journal is
// identical to the one written. A zero seq, time or actor, a malformed act or
// a nil event is an [*EntryError] wrapping [ErrInvalidEntry].
func NewEntry(seq uint64, at time.Time, actor PartyID, act Act, event Event) (Entry, error) {
	e := Entry{seq: seq, at: at.UTC(), actor: actor, act: act, event: event}
	var reason string
	switch {
	case seq == 0:
		reason = "zero sequence number"
	case at.IsZero():
		reason = "zero time"
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

// String returns a one-line summary, such as
// "#3 2026-01-02T15:04:05Z 0192…: approve-provision (casework.provision-approved.v1)".
func (e Entry) String() string {
	if !e.IsValid() {
		return "invalid entry"
	}
	return fmt.Sprintf("#%d %s %s: %s (%s)", e.seq, e.at.Format(time.RFC3339), e.actor, e.act, e.event.EventType())
}

type entryJSON struct {
	Seq   uint64          `json:"seq"`
	Time  time.Time       `json:"time"`
	Actor PartyID         `json:"actor"`
	Act   Act             `json:"act"`
	Type  string          `json:"type"`
	Event json.RawMessage `json:"event"`
}

// MarshalJSON encodes the entry as
//
//	{"seq":1,"time":"...","actor":"...","act":"...","type":"...","event":{...}}
//
// where type is the event's registered name. An entry whose event type is
// not registered is an error wrapping [ErrUnknownEvent], so nothing is written
// that could not be read back.
func (e Entry) MarshalJSON() ([]byte, error) {
	if !e.IsValid() {
		return nil, &EntryError{Reason: "zero entry", Err: ErrInvalidEntry}
	}
	name := e.event.EventType()
	if !eventtype.Registered(name) {
		return nil, &EntryError{Seq: e.seq, Reason: fmt.Sprintf("event type %q is not registered", name), Err: ErrUnknownEvent}
	}
	ev, err := json.Marshal(e.event)
	if err != nil {
		return nil, fmt.Errorf("relationship: entry %d: %w", e.seq, err)
	}
	return json.Marshal(entryJSON{e.seq, e.at, e.actor, e.act, name, ev})
}

// UnmarshalJSON decodes an entry written by [Entry.MarshalJSON]. The event
// type must be registered (by importing the package that defines it), and its
// fields must be exactly the type's fields: an unknown type, an unknown field
// or a malformed entry is an error wrapping [ErrUnknownEvent] or
// [ErrInvalidEntry]. On error e is unchanged.
func (e *Entry) UnmarshalJSON(b []byte) error {
	var j entryJSON
	if err := strictUnmarshal(b, &j); err != nil {
		return &EntryError{Reason: err.Error(), Err: ErrInvalidEntry}
	}
	ptr, ok := eventtype.New(j.Type)
	if !ok {
		return &EntryError{Seq: j.Seq, Reason: fmt.Sprintf("event type %q is not registered", j.Type), Err: ErrUnknownEvent}
	}
	if err := strictUnmarshal(j.Event, ptr); err != nil {
		return &EntryError{Seq: j.Seq, Reason: fmt.Sprintf("event %s: %v", j.Type, err), Err: ErrInvalidEntry}
	}
	entry, err := NewEntry(j.Seq, j.Time, j.Actor, j.Act, reflect.ValueOf(ptr).Elem().Interface().(Event))
	if err != nil {
		return err
	}
	*e = entry
	return nil
}

// strictUnmarshal decodes one JSON value, rejecting unknown fields and
// trailing data.
func strictUnmarshal(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("empty JSON")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("trailing data after JSON value")
	}
	return nil
}
