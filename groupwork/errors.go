package groupwork

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Sentinel errors. Callers branch on them with [errors.Is]; the typed errors
// below wrap them and carry the offending values for [errors.As]. There is
// one typed error per kind of problem, and its Err field (or the sentinel
// it unwraps to) says which: [*MemberError] for a person's standing,
// [*StateError] for something no longer (or not yet) in a state that allows
// the act, [*NotFoundError] for an identifier that names nothing,
// [*InputError] for a request that cannot be used as given, [*BallotError]
// and [*ProxyError] for votes, [*RecordError] for a record that does not
// hold together.
//
// Where the shared vocabulary already names a problem the group returns the
// relationship package's typed errors. Every refusal of power matches
// [relationship.ErrNotPermitted], as in every package of the module: a role
// the rights table does not allow, and the group's own rules of power (only
// the proposer withdraws, [ErrNotProposer]; only those eligible vote,
// [ErrNotEligible]), are a [*relationship.PermissionError]; a stranger or a
// former member acting is a [*relationship.PartyError], which matches
// [relationship.ErrNotParty] beside it; help or a mandate given to someone
// who is not a current member is a [*MemberError] matching [ErrNotMember]
// beside it. Unknown enumeration text is a [*relationship.TextError], and a
// record entry that does not replay a [*relationship.EntryError].
//
// Messages name people by role, never by raw identifier, and never quote a
// text that was given: they say what rule it broke, or its length. The
// identifiers are in the fields, for programs.
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
	// ErrBlank means a text the group needs (a name, evidence for a stage,
	// the demand in a mediation, ...) was empty or only white space. It is
	// [relationship.ErrBlank] itself, so one test with errors.Is catches
	// blank text from every package.
	ErrBlank = relationship.ErrBlank
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

// MemberError reports a refusal that turns on a person's standing in the
// group. Err says which: [ErrDuplicateMember] (already a member),
// [ErrNotMember] (not a current member where one is needed: a stranger, a
// former member, the facilitator where only a member will do),
// [ErrSelfAid] (help given to oneself), [ErrFull] (no room: Capacity says
// how many the group holds) or [ErrClosedGroup] (membership closed since
// the group started: Since says when). ErrNotMember is a refusal of power,
// so it also matches [relationship.ErrNotPermitted].
type MemberError struct {
	Member   relationship.PartyID // the person, or the zero ID for a join refused to anyone
	Capacity int                  // the group's capacity, for ErrFull
	Since    time.Time            // when the group started, for ErrClosedGroup
	Err      error
}

func (e *MemberError) Error() string {
	switch e.Err {
	case ErrDuplicateMember:
		return "groupwork: the person is already a member of the group"
	case ErrNotMember:
		return "groupwork: the party named is not a current member of the group"
	case ErrSelfAid:
		return "groupwork: a party cannot give aid to themselves: mutual aid is between two people"
	case ErrFull:
		return fmt.Sprintf("groupwork: the group is full (capacity %d)", e.Capacity)
	case ErrClosedGroup:
		return fmt.Sprintf("groupwork: the group is closed to new members since it started on %s",
			e.Since.Format(time.DateOnly))
	}
	return "groupwork: membership refused: " + trim(e.Err)
}

// Unwrap returns Err, and [relationship.ErrNotPermitted] beside
// [ErrNotMember].
func (e *MemberError) Unwrap() []error {
	if e.Err == ErrNotMember {
		return []error{ErrNotMember, relationship.ErrNotPermitted}
	}
	return []error{e.Err}
}

// StateError reports an act that the state of the group, or of something in
// it, does not allow. Item names what ("group", "proposal", "concern",
// "mediation", "programme item", "proxy") and ID which; Err says why:
//   - [ErrEnded]: the group ended, at At;
//   - [ErrSameStage]: the group is already in stage From;
//   - [ErrNotSeparated]: the group, in stage From, has not reached
//     separation and cannot end;
//   - [ErrAlreadyDone]: the item was already finished;
//   - [ErrVotingClosed]: voting on the proposal ended at At, because it was
//     closed, withdrawn, or its closing time passed (Why);
//   - [ErrTooEarly]: the proposal stays open for votes until At;
//   - [ErrWithdrawn]: the proposal was withdrawn, so nothing was decided.
type StateError struct {
	Item string    // what the act concerns
	ID   uuid.UUID // which one
	From Stage     // the group's stage, for ErrSameStage and ErrNotSeparated
	At   time.Time // when it ended, or until when it stays open
	Why  string    // for ErrVotingClosed: "closed", "withdrawn" or "its closing time passed"
	Err  error
}

func (e *StateError) Error() string {
	switch e.Err {
	case ErrEnded:
		return fmt.Sprintf("groupwork: the group ended on %s", e.At.Format(time.DateOnly))
	case ErrSameStage:
		return fmt.Sprintf("groupwork: the group is already in %s", e.From)
	case ErrNotSeparated:
		return fmt.Sprintf("groupwork: cannot end a group in %s: it has not reached separation", e.From)
	case ErrAlreadyDone:
		return fmt.Sprintf("groupwork: the %s is already done", e.Item)
	case ErrVotingClosed:
		return fmt.Sprintf("groupwork: voting on the proposal is over: %s at %s", e.Why, e.At.Format(time.RFC3339))
	case ErrTooEarly:
		return fmt.Sprintf("groupwork: the proposal stays open for votes until %s", e.At.Format(time.RFC3339))
	case ErrWithdrawn:
		return "groupwork: the proposal was withdrawn: nothing was decided"
	}
	return fmt.Sprintf("groupwork: the %s does not allow it: %s", e.Item, trim(e.Err))
}

// Unwrap returns Err.
func (e *StateError) Unwrap() error { return e.Err }

// ended returns the [*StateError] of a group that ended at t.
func ended(id uuid.UUID, t time.Time) error {
	return &StateError{Item: "group", ID: id, At: t, Err: ErrEnded}
}

// done returns the [*StateError] of an item already finished.
func done(item string, id uuid.UUID) error {
	return &StateError{Item: item, ID: id, Err: ErrAlreadyDone}
}

// NotFoundError reports an identifier that names nothing of the kind
// expected in the group. It unwraps to [ErrUnknownMeeting],
// [ErrUnknownActivity], [ErrUnknownConcern], [ErrUnknownMediation],
// [ErrUnknownProposal] or [ErrUnknownProxy].
type NotFoundError struct {
	ID  uuid.UUID
	Err error
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%v %s", e.Err, e.ID)
}

// Unwrap returns the sentinel.
func (e *NotFoundError) Unwrap() error { return e.Err }

// InputError reports a field of a request that cannot be used as given. It
// names the field and says what rule the value broke, but never quotes a
// text. Err is the sentinel: [ErrBlank] (or [relationship.ErrBlank],
// [relationship.ErrZeroTime]) for something missing; [ErrInvalidSpec] for a
// group's [Spec]; [ErrInvalidProposal] for a [ProposalSpec];
// [ErrInvalidQuorum] for a [Quorum]; [ErrRepeated] for a list that names a
// value twice; [ErrInvalidArea] for the area of a strength or need; and
// [relationship.ErrInvalidValue] for a date whose year a record cannot hold.
// Cause, when set, is the underlying error: a [*relationship.TextError], a
// [*count.FractionError], another InputError. [NewGroup] and
// [Group.Propose] report every problem at once, joined with [errors.Join].
type InputError struct {
	Field  string // the field, such as "name", "purposes", "quorum" or "review"
	Reason string // what is wrong, without the value itself
	Err    error  // the sentinel
	Cause  error  // the underlying error, or nil
}

func (e *InputError) Error() string {
	what := "invalid " + e.Field
	switch e.Err {
	case ErrInvalidSpec:
		what = "invalid group " + e.Field
	case ErrInvalidProposal:
		what = "invalid proposal " + e.Field
	}
	reason := e.Reason
	if reason == "" {
		reason = trim(e.Err)
	}
	return fmt.Sprintf("groupwork: %s: %s", what, reason)
}

// Unwrap returns Err and the cause, if any.
func (e *InputError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// blank returns the error for a blank required field.
func blank(field string) error { return &InputError{Field: field, Reason: "blank", Err: ErrBlank} }

// checkDate returns an [*InputError] for a date a record cannot hold (a
// year, in UTC, outside 0 to 9999, the years RFC 3339 can write), and nil
// for any other date, the zero time included. A group refuses such a date
// when it is given, rather than accept a change it could never save.
func checkDate(field string, t time.Time) error {
	if y := t.UTC().Year(); !t.IsZero() && (y < 0 || y > 9999) {
		return &InputError{Field: field, Err: relationship.ErrInvalidValue,
			Reason: fmt.Sprintf("year %d is outside 0 to 9999, which a record cannot hold", y)}
	}
	return nil
}

// unique returns an [*InputError] wrapping [ErrRepeated] for the first
// value of xs named twice, or nil. The error says where, not what.
func unique[T comparable](what string, xs []T) error {
	for i, x := range xs {
		for j, y := range xs[:i] {
			if x == y {
				return &InputError{Field: what, Err: ErrRepeated,
					Reason: fmt.Sprintf("%s %d repeats %s %d: name each once", what, i, what, j)}
			}
		}
	}
	return nil
}

// RecordError reports a record that does not hold together: an event that
// lacks a field every event of its type must have ([ErrMalformedEvent]); an
// identifier drawn for something new that is already in use
// ([ErrDuplicateID]); or a closed proposal whose ballots do not recount to
// the outcome the record states ([ErrOutcomeMismatch]). Each points at a
// forged or corrupted record, or a broken identifier source.
type RecordError struct {
	Type     string    // the event type, such as "groupwork.aid-given.v1", for ErrMalformedEvent
	ID       uuid.UUID // the identifier in use, for ErrDuplicateID; the proposal, for ErrOutcomeMismatch
	Field    string    // the JSON field missing, or what differs: "ballots", "order", "voters", ...
	Recorded string    // what the record says, for ErrOutcomeMismatch
	Counted  string    // what the count gives, for ErrOutcomeMismatch
	Err      error
}

func (e *RecordError) Error() string {
	switch e.Err {
	case ErrOutcomeMismatch:
		return fmt.Sprintf("groupwork: proposal %s: the record says %s %s, the count gives %s",
			e.ID, e.Field, e.Recorded, e.Counted)
	case ErrDuplicateID:
		return fmt.Sprintf("groupwork: identifier %s is already in use in the group", e.ID)
	}
	return fmt.Sprintf("groupwork: malformed event %s: missing or zero %q", e.Type, e.Field)
}

// Unwrap returns Err.
func (e *RecordError) Unwrap() error { return e.Err }

// replayError returns the [*relationship.EntryError] of the entry seq that
// does not replay: its sequence number is out of place, its act does not
// match its event, the actor could not have performed it, or it breaks a
// rule of the group. It unwraps to both [relationship.ErrInvalidEntry] and
// the reason, so that a caller can ask either "is the record bad?" or "what
// rule does it break?".
func replayError(seq uint64, err error) error {
	return &relationship.EntryError{Seq: seq, Reason: "does not replay: " + trim(err),
		Err: relationship.ErrInvalidEntry, Cause: err}
}

// refuse returns the [*relationship.PermissionError] of an act that a rule
// of the group, beyond the rights table, refuses the actor of st: rule says
// which, in words, and err is the precise sentinel. The facilitator is
// named; a member, whose name is theirs to share, is not.
func refuse(s *state, st *step, act relationship.Act, rule string, err error) error {
	if st.actor == s.facilitator.ID() {
		return relationship.Refuse(s.facilitator, act, rule, err)
	}
	return &relationship.PermissionError{Actor: st.actor, Role: relationship.RoleMember,
		Act: act, Rule: rule, Err: err}
}

// trim renders an error without its package prefix, for use inside another
// message; a nil one, as a zero error value holds, as "no reason".
func trim(err error) string {
	if err == nil {
		return "no reason"
	}
	s := err.Error()
	for _, p := range []string{"groupwork: ", "relationship: "} {
		if len(s) > len(p) && s[:len(p)] == p {
			return s[len(p):]
		}
	}
	return s
}
