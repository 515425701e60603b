package casework

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Sentinel errors. Callers branch on them with [errors.Is]; the typed errors
// below wrap them and carry the offending values for [errors.As]. Every
// refusal of power (an act the actor may not perform) matches
// [relationship.ErrNotPermitted], as in every package of the module: a
// role the rights table does not allow, or a rule of casework such as
// [ErrNotAssigned], is a [*relationship.PermissionError]; an actor who is
// no party to the case gets a [*relationship.PartyError], which matches
// [relationship.ErrNotParty] beside it.
var (
	// ErrPhase means the case is in the wrong phase for what was asked: a
	// phase skipped, or an act the current phase does not allow.
	ErrPhase = errors.New("casework: wrong phase")
	// ErrNotReady means the case may move to the phase asked for, but has
	// not done what that phase needs first: no evidence before diagnosis, no
	// agreed plan before treatment.
	ErrNotReady = errors.New("casework: not ready for the next phase")
	// ErrNoConsent means the client's consent for the purpose is not in
	// force: never given, refused, revoked or expired.
	ErrNoConsent = errors.New("casework: no consent in force")
	// ErrInsufficientResources means the agency's pool holds less of a
	// resource than a provision asks for. The pool never goes negative.
	ErrInsufficientResources = errors.New("casework: insufficient resources")
	// ErrUnknownResource means a resource the agency does not hold.
	ErrUnknownResource = errors.New("casework: unknown resource")
	// ErrCaseloadFull means a worker already carries as many open cases as
	// their maximum allows.
	ErrCaseloadFull = errors.New("casework: caseload full")
	// ErrApprovalRequired means a provision above the agency's threshold
	// has not been approved by a supervisor.
	ErrApprovalRequired = errors.New("casework: supervisor approval required")
	// ErrNotAssigned means a worker or supervisor acted on a case that is not
	// (or no longer) theirs. It comes with [relationship.ErrNotPermitted].
	ErrNotAssigned = errors.New("casework: not assigned to the case")
	// ErrSelfApproval means a party tried to approve their own proposal. It
	// comes with [relationship.ErrNotPermitted].
	ErrSelfApproval = errors.New("casework: may not approve own proposal")
	// ErrState means a goal, consent, provision or referral is not in a
	// state that allows what was asked, such as approving a declined
	// provision.
	ErrState = errors.New("casework: not allowed in this state")
	// ErrNotFound means no goal, consent, provision, note or referral of the
	// case has the identifier given.
	ErrNotFound = errors.New("casework: not found")
	// ErrBlank means a required text, such as a reason, was empty or only
	// white space. It is [relationship.ErrBlank] itself, so one test with
	// errors.Is catches blank text from every package.
	ErrBlank = relationship.ErrBlank
	// ErrDuplicateID means an identifier is already used in the case, by
	// another item or by a party in another role.
	ErrDuplicateID = errors.New("casework: duplicate identifier")
	// ErrCaseClosed means the act needs an open case. It comes with
	// [ErrPhase].
	ErrCaseClosed = errors.New("casework: case is closed")
	// ErrDetached means the act draws on the agency (its pool or its
	// caseloads) but the case was replayed or loaded without it: see
	// [Options.Agency].
	ErrDetached = errors.New("casework: case is not bound to its agency")
	// ErrWrongAgency means a case was bound to an agency it does not belong to.
	ErrWrongAgency = errors.New("casework: case belongs to another agency")
	// ErrCaseExists means the agency already has a case with that
	// identifier bound to it.
	ErrCaseExists = errors.New("casework: agency already holds the case")
	// ErrNotStaff means a worker or supervisor is not on the agency's
	// roster now: never appointed, or left.
	ErrNotStaff = errors.New("casework: not on the agency's staff")
	// ErrStaffBusy means a member of staff cannot leave yet: a worker still
	// carries open cases, or a supervisor still supervises a worker.
	ErrStaffBusy = errors.New("casework: staff member still has work to pass on")
	// ErrSecondCase means the client already holds an open case at the
	// agency, and its policy allows one at a time.
	ErrSecondCase = errors.New("casework: client already has an open case at the agency")
	// ErrUnknownPolicy means an eligibility policy the program does not
	// supply: see [AgencyOptions.Policies].
	ErrUnknownPolicy = errors.New("casework: unknown eligibility policy")
)

// PhaseError reports a move between phases that the casework process does
// not allow: a phase skipped, a step backwards the process has no place for,
// or a move into or out of closure that needs [Case.Close] or [Case.Reopen].
// It unwraps to [ErrPhase].
type PhaseError struct {
	From, To Phase
}

// Error names both phases, and what the move would skip.
func (e *PhaseError) Error() string {
	msg := fmt.Sprintf("casework: cannot move from %s to %s", e.From, e.To)
	switch {
	case e.From == e.To:
		return msg + ": the case is already there"
	case e.To == PhaseClosed:
		return msg + ": close the case with a reason instead"
	case e.From == PhaseClosed:
		return msg + ": reopen the case instead"
	}
	if skipped := skippedPhases(e.From, e.To); len(skipped) > 0 {
		return msg + ": that skips " + joinPhases(skipped)
	}
	return msg
}

// Unwrap returns [ErrPhase].
func (e *PhaseError) Unwrap() error { return ErrPhase }

// WrongPhaseError reports an act that the case's current phase does not
// allow, such as authorising a provision before treatment. It unwraps to
// [ErrPhase], and also to [ErrCaseClosed] when the case is closed.
type WrongPhaseError struct {
	Act   relationship.Act
	Phase Phase   // the phase the case is in
	Allow []Phase // the phases in which the act is allowed
}

// Error names the act, the phase and the phases that allow it.
func (e *WrongPhaseError) Error() string {
	return fmt.Sprintf("casework: cannot %s during %s (allowed during %s)", e.Act, e.Phase, joinPhases(e.Allow))
}

// Unwrap returns [ErrPhase], and [ErrCaseClosed] for a closed case.
func (e *WrongPhaseError) Unwrap() []error {
	if e.Phase == PhaseClosed {
		return []error{ErrPhase, ErrCaseClosed}
	}
	return []error{ErrPhase}
}

// ReadinessError reports what a case lacks before it may enter a phase. It
// unwraps to [ErrNotReady].
type ReadinessError struct {
	To      Phase
	Missing string // what is missing, such as "an agreed goal"
}

// Error names the phase and what it lacks.
func (e *ReadinessError) Error() string {
	return fmt.Sprintf("casework: not ready for %s: %s", e.To, e.Missing)
}

// Unwrap returns [ErrNotReady].
func (e *ReadinessError) Unwrap() error { return ErrNotReady }

// ConsentError reports that the client's consent for a scope is not in
// force, and why. It unwraps to [ErrNoConsent].
type ConsentError struct {
	Scope  Scope
	Reason string // "never given", "refused", "revoked", "expired ..."
}

// Error names the scope and why no consent is in force.
func (e *ConsentError) Error() string {
	return fmt.Sprintf("casework: no consent in force for %s: %s", e.Scope, e.Reason)
}

// Unwrap returns [ErrNoConsent].
func (e *ConsentError) Unwrap() error { return ErrNoConsent }

// ResourceError reports a provision larger than what the agency's pool
// holds. It unwraps to [ErrInsufficientResources].
type ResourceError struct {
	Resource  Resource
	Unit      string
	Requested int64
	Available int64
}

// Error names the resource, what was asked and what is left.
func (e *ResourceError) Error() string {
	return fmt.Sprintf("casework: %d %s of %s requested, %d available", e.Requested, e.Unit, e.Resource, e.Available)
}

// Unwrap returns [ErrInsufficientResources].
func (e *ResourceError) Unwrap() error { return ErrInsufficientResources }

// CaseloadError reports a worker whose caseload is full. It unwraps to
// [ErrCaseloadFull].
type CaseloadError struct {
	Worker relationship.PartyID
	Max    int // the worker's maximum
}

// Error names the worker and their maximum.
func (e *CaseloadError) Error() string {
	return fmt.Sprintf("casework: worker %s already carries %d open cases, the maximum", e.Worker, e.Max)
}

// Unwrap returns [ErrCaseloadFull].
func (e *CaseloadError) Unwrap() error { return ErrCaseloadFull }

// ApprovalError reports a provision above the agency's threshold that no
// supervisor has approved. It unwraps to [ErrApprovalRequired].
type ApprovalError struct {
	Provision uuid.UUID
	Resource  Resource
	Quantity  int64
	Threshold int64 // provisions above this need approval
}

// Error names the provision, its quantity and the threshold.
func (e *ApprovalError) Error() string {
	return fmt.Sprintf("casework: provision %s of %d %s is above the threshold of %d and needs a supervisor's approval",
		e.Provision, e.Quantity, e.Resource, e.Threshold)
}

// Unwrap returns [ErrApprovalRequired].
func (e *ApprovalError) Unwrap() error { return ErrApprovalRequired }

// StateError reports a lifecycle step that an item's state does not allow.
// It unwraps to [ErrState].
type StateError struct {
	Item     string // "goal", "consent", "provision", "referral"
	ID       uuid.UUID
	From, To string // the item's state, and the state or step asked for
}

// Error names the item, its state and the step refused.
func (e *StateError) Error() string {
	return fmt.Sprintf("casework: %s %s is %s and cannot become %s", e.Item, e.ID, e.From, e.To)
}

// Unwrap returns [ErrState].
func (e *StateError) Unwrap() error { return ErrState }

// NotFoundError reports an identifier that names no item of the case. It
// unwraps to [ErrNotFound].
type NotFoundError struct {
	Item string // "goal", "consent", "provision", "note", "referral"
	ID   uuid.UUID
}

// Error names the kind of item and the identifier.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("casework: no %s %s in this case", e.Item, e.ID)
}

// Unwrap returns [ErrNotFound].
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// InputError reports a field of a request, or of a recorded event, that is
// missing or malformed. It unwraps to Err: [ErrBlank],
// [ErrUnknownResource], [ErrDuplicateID], or a relationship sentinel such as
// [relationship.ErrInvalidQuantity], [relationship.ErrInvalidValue],
// [relationship.ErrZeroID] or [relationship.ErrZeroTime].
//
// The message names the field and the rule broken, never the value: a
// value may describe a client. Value holds it for programs, and only where
// it is an identifier, a number the agency set, a resource's or an
// enumeration's name; never a text about a client (a name, an age, the
// party a disclosure goes to), which it leaves empty.
type InputError struct {
	Field string // the field, such as "reason" or "quantity"
	Value string // the offending value as text, if any and not confidential
	Err   error
}

// Error names the field and the problem.
func (e *InputError) Error() string {
	return "casework: " + e.Field + ": " + strings.TrimPrefix(strings.TrimPrefix(errText(e.Err), "casework: "), "relationship: ")
}

// errText is err's message, or "no reason" for the nil error a zero error
// value holds.
func errText(err error) string {
	if err == nil {
		return "no reason"
	}
	return err.Error()
}

// Unwrap returns Err.
func (e *InputError) Unwrap() error { return e.Err }

// BindError reports why a replayed case could not be bound to an agency. It
// unwraps to Err: [ErrWrongAgency], [ErrCaseExists], or the
// [*ResourceError] or [*CaseloadError] that binding would have caused.
type BindError struct {
	Agency relationship.PartyID
	Case   uuid.UUID
	Err    error
}

// Error names the case, the agency and the reason.
func (e *BindError) Error() string {
	return fmt.Sprintf("casework: bind case %s to agency %s: %s", e.Case, e.Agency, strings.TrimPrefix(errText(e.Err), "casework: "))
}

// Unwrap returns Err.
func (e *BindError) Unwrap() error { return e.Err }

// entryError reports a malformed entry in a record being replayed.
func entryError(seq uint64, reason string) error {
	return &relationship.EntryError{Seq: seq, Reason: reason, Err: relationship.ErrInvalidEntry}
}

// empty returns an InputError wrapping ErrBlank for field.
func empty(field string) error { return &InputError{Field: field, Err: ErrBlank} }

// requireText returns an error wrapping ErrBlank when s is blank, and the
// [*relationship.FieldError] of [relationship.CheckText] when a record
// cannot keep it.
func requireText(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return empty(field)
	}
	return relationship.CheckText(field, s)
}

// requireID returns an error wrapping relationship.ErrZeroID when id is nil.
func requireID(field string, id uuid.UUID) error {
	if id == uuid.Nil {
		return &InputError{Field: field, Err: relationship.ErrZeroID}
	}
	return nil
}

// requireParty returns an error wrapping relationship.ErrZeroID when id is zero.
func requireParty(field string, id relationship.PartyID) error {
	if id.IsZero() {
		return &InputError{Field: field, Err: relationship.ErrZeroID}
	}
	return nil
}
