package groupwork

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Sentinel errors. Callers branch on them with [errors.Is]; the typed errors
// below wrap them and carry the offending values for [errors.As]. Where the
// shared vocabulary already names a problem (a forbidden act, a party who is
// not in the group, unknown enumeration text) the group returns the
// relationship package's typed errors: [relationship.PermissionError],
// [relationship.PartyError], [relationship.TextError].
var (
	// ErrFull means the group is at its capacity: no one else may join until
	// someone leaves.
	ErrFull = errors.New("groupwork: group is full")
	// ErrClosedGroup means the group has closed membership and has started:
	// a closed group keeps the members it began with.
	ErrClosedGroup = errors.New("groupwork: membership is closed")
	// ErrEnded means the group has ended: its record is complete and nothing
	// more can happen in it.
	ErrEnded = errors.New("groupwork: group has ended")
	// ErrDuplicateMember means the person is already a member of the group.
	ErrDuplicateMember = errors.New("groupwork: already a member")
	// ErrNotMember means the party named is not a current member of the
	// group: a stranger, a former member, or the facilitator where only a
	// member will do.
	ErrNotMember = errors.New("groupwork: not a member")
	// ErrSelfAid means a party tried to give help to themselves: mutual aid is
	// always between two people.
	ErrSelfAid = errors.New("groupwork: aid to oneself")
	// ErrInvalidSpec means a group's specification is incomplete or
	// inconsistent: a blank name, no purpose, an unknown model.
	ErrInvalidSpec = errors.New("groupwork: invalid group specification")
	// ErrRepeated means a list that must name each value once (purposes,
	// strengths, needs, note tags) named one twice.
	ErrRepeated = errors.New("groupwork: repeated value")
	// ErrInvalidArea means the area of a strength or need is not a short
	// lower-case phrase of letters and digits.
	ErrInvalidArea = errors.New("groupwork: invalid area")
	// ErrBlank means a text the group needs (evidence for a stage, the
	// demand in a mediation, ...) was empty or only white space.
	ErrBlank = errors.New("groupwork: blank text")
	// ErrUnknownMeeting means no meeting of the group has the identifier.
	ErrUnknownMeeting = errors.New("groupwork: unknown meeting")
	// ErrUnknownActivity means no programme item of the group has the
	// identifier.
	ErrUnknownActivity = errors.New("groupwork: unknown programme item")
	// ErrUnknownConcern means no concern of the group has the identifier.
	ErrUnknownConcern = errors.New("groupwork: unknown concern")
	// ErrUnknownMediation means no mediation of the group has the identifier.
	ErrUnknownMediation = errors.New("groupwork: unknown mediation")
	// ErrAlreadyDone means the thing was already finished: an activity
	// recorded as done, a concern closed, a mediation settled.
	ErrAlreadyDone = errors.New("groupwork: already done")
	// ErrSameStage means a stage change named the stage the group is already in.
	ErrSameStage = errors.New("groupwork: group is already in that stage")
	// ErrNotSeparated means the group was to end before it passed through
	// separation: an ending is prepared with the group, not sprung on it.
	ErrNotSeparated = errors.New("groupwork: group has not reached separation")
	// ErrDuplicateID means an identifier drawn for a new meeting, item,
	// note, concern, mediation or exchange is already in use in the group,
	// which points at a broken identifier source or a forged record.
	ErrDuplicateID = errors.New("groupwork: duplicate identifier")
	// ErrMalformedEvent means an event read from a record lacks a field
	// every event of its type must have.
	ErrMalformedEvent = errors.New("groupwork: malformed event")
)

// MemberError reports a party who is already a member where a newcomer was
// expected, or who is not a current member where a member was expected. It
// unwraps to [ErrDuplicateMember] or [ErrNotMember].
type MemberError struct {
	Member relationship.PartyID
	Err    error
}

func (e *MemberError) Error() string {
	if errors.Is(e.Err, ErrDuplicateMember) {
		return fmt.Sprintf("groupwork: %s is already a member", e.Member)
	}
	return fmt.Sprintf("groupwork: %s is not a member", e.Member)
}

// Unwrap returns the sentinel.
func (e *MemberError) Unwrap() error { return e.Err }

// CapacityError reports a join refused because the group is full. It unwraps
// to [ErrFull].
type CapacityError struct {
	Capacity int // the group's capacity
}

func (e *CapacityError) Error() string {
	return fmt.Sprintf("groupwork: group is full (capacity %d)", e.Capacity)
}

// Unwrap returns [ErrFull].
func (e *CapacityError) Unwrap() error { return ErrFull }

// ClosedError reports a join refused because the group's membership is
// closed and it has started. It unwraps to [ErrClosedGroup].
type ClosedError struct {
	Group   uuid.UUID
	Started time.Time // when the first meeting was held
}

func (e *ClosedError) Error() string {
	return fmt.Sprintf("groupwork: group %s is closed to new members since it started on %s",
		e.Group, e.Started.Format(time.DateOnly))
}

// Unwrap returns [ErrClosedGroup].
func (e *ClosedError) Unwrap() error { return ErrClosedGroup }

// EndedError reports an act attempted after the group ended. It unwraps to
// [ErrEnded].
type EndedError struct {
	Group uuid.UUID
	Ended time.Time
}

func (e *EndedError) Error() string {
	return fmt.Sprintf("groupwork: group %s ended on %s", e.Group, e.Ended.Format(time.DateOnly))
}

// Unwrap returns [ErrEnded].
func (e *EndedError) Unwrap() error { return ErrEnded }

// SelfAidError reports a party who tried to help themselves. It unwraps to
// [ErrSelfAid].
type SelfAidError struct {
	Party relationship.PartyID
}

func (e *SelfAidError) Error() string {
	return fmt.Sprintf("groupwork: %s cannot give aid to themselves", e.Party)
}

// Unwrap returns [ErrSelfAid].
func (e *SelfAidError) Unwrap() error { return ErrSelfAid }

// NotFoundError reports an identifier that names nothing of the kind
// expected in the group. It unwraps to [ErrUnknownMeeting],
// [ErrUnknownActivity], [ErrUnknownConcern] or [ErrUnknownMediation].
type NotFoundError struct {
	ID  uuid.UUID
	Err error
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%v %s", e.Err, e.ID)
}

// Unwrap returns the sentinel.
func (e *NotFoundError) Unwrap() error { return e.Err }

// DoneError reports an attempt to finish again something already finished.
// What names it ("programme item", "concern", "mediation"). It unwraps to
// [ErrAlreadyDone].
type DoneError struct {
	What string
	ID   uuid.UUID
}

func (e *DoneError) Error() string {
	return fmt.Sprintf("groupwork: %s %s is already done", e.What, e.ID)
}

// Unwrap returns [ErrAlreadyDone].
func (e *DoneError) Unwrap() error { return ErrAlreadyDone }

// StageError reports a stage change or an ending that the group's
// development does not allow. From is the group's stage; To is the stage
// asked for, or zero for an ending. It unwraps to [ErrSameStage] or
// [ErrNotSeparated].
type StageError struct {
	From, To Stage
	Err      error
}

func (e *StageError) Error() string {
	if errors.Is(e.Err, ErrNotSeparated) {
		return fmt.Sprintf("groupwork: cannot end a group in %s: it has not reached separation", e.From)
	}
	return fmt.Sprintf("groupwork: group is already in %s", e.From)
}

// Unwrap returns the sentinel.
func (e *StageError) Unwrap() error { return e.Err }

// BlankError reports a required text that was empty or only white space.
// Field names it. It unwraps to [ErrBlank], or to [relationship.ErrEmptyName]
// for a name.
type BlankError struct {
	Field string
	Err   error
}

func (e *BlankError) Error() string {
	return fmt.Sprintf("groupwork: %s is blank", e.Field)
}

// Unwrap returns the sentinel.
func (e *BlankError) Unwrap() error { return e.Err }

// blank returns the error for a blank required field.
func blank(field string) error { return &BlankError{Field: field, Err: ErrBlank} }

// DateError reports a date that a record cannot hold: one whose year, in
// UTC, is outside 0 to 9999, the years RFC 3339 can write. A group refuses
// it when it is given, rather than accept a change it could never save.
// Field names the date ("date", "closes" or "review"). It unwraps to
// [relationship.ErrInvalidValue].
type DateError struct {
	Field string
	Date  time.Time
}

func (e *DateError) Error() string {
	return fmt.Sprintf("groupwork: %s %s: year outside 0 to 9999, which a record cannot hold", e.Field, e.Date.UTC().Format(time.RFC3339))
}

// Unwrap returns [relationship.ErrInvalidValue].
func (e *DateError) Unwrap() error { return relationship.ErrInvalidValue }

// checkDate returns a [*DateError] for a date a record cannot hold, and nil
// for any other date, the zero time included.
func checkDate(field string, t time.Time) error {
	if y := t.UTC().Year(); !t.IsZero() && (y < 0 || y > 9999) {
		return &DateError{Field: field, Date: t}
	}
	return nil
}

// SpecError reports one problem with a group's [Spec]. [NewGroup] reports
// every problem at once, joined with [errors.Join]. It unwraps to
// [ErrInvalidSpec] and, where there is one, to the underlying cause: a
// [*relationship.TextError] for an invalid value, a [*RepeatedError] for a
// repeated purpose, [relationship.ErrEmptyName] for a blank name.
type SpecError struct {
	Field  string // "name", "purposes", "model", "membership", "capacity" or "max proxies"
	Reason string
	Cause  error // the underlying error, such as a [*relationship.TextError], or nil
}

func (e *SpecError) Error() string {
	return fmt.Sprintf("groupwork: invalid group %s: %s", e.Field, e.Reason)
}

// Unwrap returns [ErrInvalidSpec] and the cause, if any.
func (e *SpecError) Unwrap() []error {
	if e.Cause == nil {
		return []error{ErrInvalidSpec}
	}
	return []error{ErrInvalidSpec, e.Cause}
}

// RepeatedError reports a value named twice in a list that must name each
// once. What names the list's values ("purpose", "strength", "need", "tag").
// It unwraps to [ErrRepeated].
type RepeatedError struct {
	What  string
	Value string
}

func (e *RepeatedError) Error() string {
	return fmt.Sprintf("groupwork: %s %q named twice", e.What, e.Value)
}

// Unwrap returns [ErrRepeated].
func (e *RepeatedError) Unwrap() error { return ErrRepeated }

// unique returns a [*RepeatedError] for the first value of xs named twice,
// or nil.
func unique[T interface {
	comparable
	String() string
}](what string, xs []T) error {
	for i, x := range xs {
		for _, y := range xs[:i] {
			if x == y {
				return &RepeatedError{What: what, Value: x.String()}
			}
		}
	}
	return nil
}

// AreaError reports the text of an area that is not a short lower-case
// phrase. It unwraps to [ErrInvalidArea].
type AreaError struct {
	Text string
}

func (e *AreaError) Error() string {
	text := e.Text
	if len(text) > 2*maxAreaLen { // quote the start: enough to know it, never a whole document
		text = strings.ToValidUTF8(text[:2*maxAreaLen], "") + "…"
	}
	return fmt.Sprintf("groupwork: invalid area %q: want up to %d letters, digits and hyphens", text, maxAreaLen)
}

// Unwrap returns [ErrInvalidArea].
func (e *AreaError) Unwrap() error { return ErrInvalidArea }

// DuplicateIDError reports an identifier already in use in the group. It
// unwraps to [ErrDuplicateID].
type DuplicateIDError struct {
	ID uuid.UUID
}

func (e *DuplicateIDError) Error() string {
	return fmt.Sprintf("groupwork: identifier %s is already in use", e.ID)
}

// Unwrap returns [ErrDuplicateID].
func (e *DuplicateIDError) Unwrap() error { return ErrDuplicateID }

// EventError reports an event, read from a record, that lacks a field every
// event of its type must have. It unwraps to [ErrMalformedEvent].
type EventError struct {
	Type  string // the event type, such as "groupwork.aid-given.v1"
	Field string // the JSON field
}

func (e *EventError) Error() string {
	return fmt.Sprintf("groupwork: malformed event %s: missing or zero %q", e.Type, e.Field)
}

// Unwrap returns [ErrMalformedEvent].
func (e *EventError) Unwrap() error { return ErrMalformedEvent }

// ReplayError reports an entry of a record that does not replay: its
// sequence number is out of place, its act does not match its event, the
// actor could not have performed it, or it breaks a rule of the group. Seq
// is the entry's sequence number and Err the reason, itself one of this
// package's or the relationship package's typed errors. It unwraps to both
// [relationship.ErrInvalidEntry] and the reason, so that a caller can ask
// either "is the record bad?" or "what rule does it break?".
type ReplayError struct {
	Seq uint64
	Err error
}

func (e *ReplayError) Error() string {
	return fmt.Sprintf("groupwork: record entry %d does not replay: %v", e.Seq, e.Err)
}

// Unwrap returns [relationship.ErrInvalidEntry] and the reason.
func (e *ReplayError) Unwrap() []error { return []error{relationship.ErrInvalidEntry, e.Err} }
