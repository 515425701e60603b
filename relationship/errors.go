package relationship

import (
	"errors"
	"fmt"

	"github.com/helpingwork/helping/internal/redact"
)

// Sentinel errors. Callers branch on them with [errors.Is]; the typed errors
// below wrap them and carry the offending values for [errors.As].
var (
	// ErrNotPermitted means the actor's role may not perform the act. Power in a
	// helping relationship is a rule, not a habit: see [Rights].
	ErrNotPermitted = errors.New("relationship: not permitted")
	// ErrNotParty means the party named is not (or is no longer) a party to
	// the relationship.
	ErrNotParty = errors.New("relationship: not a party")
	// ErrZeroID means an identifier was the zero value where a real one is needed.
	ErrZeroID = errors.New("relationship: zero identifier")
	// ErrInvalidID means a text did not parse as an identifier.
	ErrInvalidID = errors.New("relationship: invalid identifier")
	// ErrBlank means a required text (a name, a reason, the evidence for a
	// stage) was empty or only white space. casework and groupwork refuse
	// blank text with this same sentinel, under the same name.
	ErrBlank = errors.New("relationship: blank text")
	// ErrUnknownText means a text names no value of an enumeration.
	ErrUnknownText = errors.New("relationship: unknown text")
	// ErrInvalidValue means a numeric enumeration value is out of range, such
	// as the zero "unspecified" value where a real one is needed.
	ErrInvalidValue = errors.New("relationship: invalid value")
	// ErrSelfExchange means an exchange named the same party as giver and
	// receiver: help is always between two parties.
	ErrSelfExchange = errors.New("relationship: giver and receiver are the same party")
	// ErrInvalidQuantity means a quantity was negative, infinite or NaN.
	ErrInvalidQuantity = errors.New("relationship: invalid quantity")
	// ErrZeroTime means a time was the zero time where a real one is needed.
	ErrZeroTime = errors.New("relationship: zero time")
	// ErrVersionConflict means another writer appended to a record stream
	// after the version the caller expected: reload and try again.
	ErrVersionConflict = errors.New("relationship: version conflict")
	// ErrInvalidEntry means a record entry is malformed: a zero sequence, a
	// sequence that does not follow the stream, a missing actor or event.
	ErrInvalidEntry = errors.New("relationship: invalid entry")
	// ErrUnknownEvent means a record entry names an event type that no
	// imported package has registered.
	ErrUnknownEvent = errors.New("relationship: unknown event type")
	// ErrInvalidRights means a rights table was declared inconsistently.
	ErrInvalidRights = errors.New("relationship: invalid rights table")
	// ErrClosed means the journal has been closed.
	ErrClosed = errors.New("relationship: journal closed")
	// ErrTooLarge means a text, an entry, an append or a snapshot is larger
	// than a record may hold: see [MaxTextSize], [MaxEntrySize],
	// [MaxAppendSize] and [MaxSnapshotSize].
	ErrTooLarge = errors.New("relationship: too large")
	// ErrInvalidText means a text is not valid UTF-8. A record keeps text
	// as UTF-8; bytes that are not would come back changed.
	ErrInvalidText = errors.New("relationship: invalid text")
	// ErrNoRecord means a journal holds no record in the stream asked for:
	// the agency, case or group was never saved there.
	ErrNoRecord = errors.New("relationship: no record")
	// ErrNil means a required argument was nil: a journal, a writer, a
	// relationship.
	ErrNil = errors.New("relationship: nil argument")
)

// FieldError reports a field or an argument that cannot be used as given:
// a text too long or not UTF-8, a nil journal. It names the field and says
// why, but never quotes a text, which may be confidential. It unwraps to
// Err: [ErrTooLarge], [ErrInvalidText], [ErrNil], or another sentinel.
type FieldError struct {
	Field  string // the field or argument, such as "note text" or "journal"
	Reason string // what is wrong, without the value itself
	Err    error  // the sentinel
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("relationship: %s: %s", e.Field, e.Reason)
}

// Unwrap returns the sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// Nil returns the [*FieldError] for a nil argument: it wraps [ErrNil].
func Nil(field string) error {
	return &FieldError{Field: field, Reason: "nil", Err: ErrNil}
}

// PermissionError reports an act that the actor may not perform: a
// refusal of power. Every such refusal, in every package, is a
// PermissionError or unwraps to [ErrNotPermitted], so an application
// tests one sentinel to tell "you may not" from "that is wrong".
//
// Most refusals come from the rights table ([Rights.Check]): the actor's
// role may not perform the act, and Rule and Err are empty. A package adds
// the refusals its own rules make of a role the table allows: a worker not
// assigned to the case, a member voting on a proposal they may not vote on,
// a member withdrawing someone else's proposal. Rule then says which rule,
// in words, and Err is that package's more precise sentinel, such as
// casework's ErrNotAssigned or groupwork's ErrNotProposer.
//
// The message names the actor by role, and by name where the name is not
// confidential (see [Party.Format]): "worker Alice Whitman may not approve
// provision", "member may not end group".
type PermissionError struct {
	Actor PartyID // who tried
	Name  string  // the actor's name, only where it is not confidential
	Role  Role    // the role they hold in the relationship
	Act   Act     // what they tried to do
	Rule  string  // the rule beyond the rights table that refused it, or empty
	Err   error   // a more precise sentinel, or nil
}

func (e *PermissionError) Error() string {
	who := "the actor" // a role not known, as for someone on no roster
	if e.Role.IsValid() {
		who = e.Role.String()
	}
	if e.Name != "" && !e.Role.confidential() {
		who += " " + e.Name
	}
	msg := fmt.Sprintf("relationship: %s may not %s", who, e.Act)
	if e.Rule != "" {
		msg += ": " + e.Rule
	}
	return msg
}

// Unwrap returns [ErrNotPermitted], and Err when it is set.
func (e *PermissionError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrNotPermitted}
	}
	return []error{ErrNotPermitted, e.Err}
}

// Refuse returns the [*PermissionError] for an act that a rule beyond the
// rights table refuses the party: rule says which, in words, and err is the
// more precise sentinel, or nil. The error names the party by role, and by
// name where the name is not confidential.
func Refuse(actor Party, act Act, rule string, err error) error {
	return &PermissionError{Actor: actor.id, Name: publicName(actor), Role: actor.role,
		Act: act, Rule: rule, Err: err}
}

// publicName is the party's name where it may appear in a message, and
// empty where it is confidential.
func publicName(p Party) string {
	if p.role.confidential() {
		return ""
	}
	return p.name
}

// PartyError reports a party that is not part of the relationship: a
// stranger, or someone who was a party and is no longer. Someone outside a
// relationship holds no power in it, so a PartyError is a refusal of power
// too: it unwraps to both [ErrNotParty] and [ErrNotPermitted].
type PartyError struct {
	Party PartyID
}

func (e *PartyError) Error() string {
	return "relationship: the actor is not a party to the relationship"
}

// Unwrap returns [ErrNotParty] and [ErrNotPermitted].
func (e *PartyError) Unwrap() []error { return []error{ErrNotParty, ErrNotPermitted} }

// TextError reports a text that names no value of an enumeration, or a value
// that has no name. It unwraps to [ErrUnknownText] or [ErrInvalidValue].
// The message never quotes the text, which may be a note pasted into the
// wrong field: it gives the text's length and the rule it broke.
type TextError struct {
	Type string // the enumeration, such as "support kind"
	Text string // the offending text, or the value as "Type(n)"
	Err  error  // ErrUnknownText or ErrInvalidValue
}

func (e *TextError) Error() string {
	if errors.Is(e.Err, ErrInvalidValue) {
		return fmt.Sprintf("relationship: invalid %s value %s", e.Type, e.Text)
	}
	return fmt.Sprintf("relationship: unknown %s: a text of %d bytes that names none", e.Type, len(e.Text))
}

// Unwrap returns the sentinel.
func (e *TextError) Unwrap() error { return e.Err }

// Format prints the error's message for every verb, %#v and %+v included,
// so that the offending text, which may be anything a program was handed,
// never reaches printed output: only its length does.
func (e *TextError) Format(f fmt.State, verb rune) {
	msg := "<nil>"
	if e != nil {
		msg = e.Error()
	}
	redact.FormatString(f, verb, msg)
}

// ExchangeError reports why an exchange was refused. It unwraps to the
// sentinel that names the problem, such as [ErrSelfExchange].
type ExchangeError struct {
	Exchange Exchange // the exchange as offered
	Err      error    // the sentinel
}

func (e *ExchangeError) Error() string {
	return fmt.Sprintf("relationship: exchange %s -> %s refused: %v",
		e.Exchange.Giver(), e.Exchange.Receiver(), trimPrefix(e.Err))
}

// Unwrap returns the sentinel.
func (e *ExchangeError) Unwrap() error { return e.Err }

// QuantityError reports a quantity that is negative, infinite or NaN. It
// unwraps to [ErrInvalidQuantity].
type QuantityError struct {
	Amount float64
	Unit   string
}

func (e *QuantityError) Error() string {
	return fmt.Sprintf("relationship: invalid quantity %v %s", e.Amount, e.Unit)
}

// Unwrap returns [ErrInvalidQuantity].
func (e *QuantityError) Unwrap() error { return ErrInvalidQuantity }

// VersionConflictError reports an append that expected a stream to be at one
// version when it was at another. It unwraps to [ErrVersionConflict].
type VersionConflictError struct {
	Stream   string
	Expected uint64 // the version the caller expected
	Actual   uint64 // the version the stream was at
}

func (e *VersionConflictError) Error() string {
	return fmt.Sprintf("relationship: stream %q is at version %d, not %d", e.Stream, e.Actual, e.Expected)
}

// Unwrap returns [ErrVersionConflict].
func (e *VersionConflictError) Unwrap() error { return ErrVersionConflict }

// EntryError reports a malformed record entry. It unwraps to
// [ErrInvalidEntry], or to [ErrUnknownEvent] for an unregistered event type,
// and to the error that caused it, if any: an event that failed to decode
// because of an unknown enumeration text unwraps to a [*TextError] too.
type EntryError struct {
	Seq    uint64 // the entry's sequence number, if known
	Reason string // what is wrong
	Err    error  // the sentinel
	Cause  error  // the underlying error, or nil
}

func (e *EntryError) Error() string {
	return fmt.Sprintf("relationship: entry %d: %s", e.Seq, e.Reason)
}

// Unwrap returns the sentinel and the cause.
func (e *EntryError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// trimPrefix renders a sentinel without its package prefix, for use inside
// another message; a nil one, as a zero error value holds, as "no reason".
func trimPrefix(err error) string {
	if err == nil {
		return "no reason"
	}
	const p = "relationship: "
	s := err.Error()
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
