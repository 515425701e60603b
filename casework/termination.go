package casework

import (
	"iter"
	"strings"
	"time"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// TerminationReason is why a case ended. Casework treats the ending as part
// of the work, not an administrative event, and the package never lets a
// case close without saying why.
//
// The zero TerminationReason is unspecified and never valid. The constants
// are never reordered; their text forms are stable.
type TerminationReason uint8

// The reasons a case ends.
const (
	// ReasonGoalsAchieved: the plan's work is done. Needs the evaluation
	// phase and at least one goal achieved.
	ReasonGoalsAchieved TerminationReason = iota + 1
	// ReasonClientWithdrew: the client ended the case ([Case.Withdraw]).
	// Staff cannot close a case for this reason on the client's behalf.
	ReasonClientWithdrew
	// ReasonTransferred: the case passed to another agency as a whole.
	ReasonTransferred
	// ReasonReferred: the client went to another agency by a referral that
	// was accepted or completed.
	ReasonReferred
	// ReasonIneligible: the agency's policy found the client ineligible.
	// Needs an assessment that said so.
	ReasonIneligible
	// ReasonLostContact: the client could no longer be reached.
	ReasonLostContact
	// ReasonMovedAway: the client left the agency's district.
	ReasonMovedAway
	// ReasonDied: the client died.
	ReasonDied
	// ReasonOther: a reason the list does not name; the explanation says it.
	ReasonOther
)

var terminationReasons = enum.New[TerminationReason]("termination reason", "unspecified",
	"goals-achieved", "client-withdrew", "transferred", "referred", "ineligible",
	"lost-contact", "moved-away", "died", "other")

// TerminationReasons yields every valid termination reason in order.
func TerminationReasons() iter.Seq[TerminationReason] { return terminationReasons.Values() }

// ParseTerminationReason returns the reason named s, such as
// "goals-achieved". Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseTerminationReason(s string) (TerminationReason, error) {
	return terminationReasons.ParseText(s)
}

// IsValid reports whether r is one of the named reasons.
func (r TerminationReason) IsValid() bool { return terminationReasons.Valid(r) }

// String returns the reason's name.
func (r TerminationReason) String() string { return terminationReasons.String(r) }

// MarshalText returns the reason's name. An invalid reason is an error.
func (r TerminationReason) MarshalText() ([]byte, error) { return terminationReasons.Text(r) }

// UnmarshalText sets r to the reason named by b. On error r is unchanged.
func (r *TerminationReason) UnmarshalText(b []byte) error {
	return terminationReasons.Unmarshal(b, r)
}

// Closure is how a case ended: the reason, the explanation, when and by
// whom.
type Closure struct {
	Reason      TerminationReason
	Explanation string
	At          time.Time
	By          relationship.PartyID
}

// CaseClosed records a case closed by its staff.
type CaseClosed struct {
	Reason      TerminationReason `json:"reason"`
	Explanation string            `json:"explanation"`
}

// CaseWithdrawn records a client ending their case.
type CaseWithdrawn struct {
	Explanation string `json:"explanation"`
}

// CaseReopened records a closed case opened again.
type CaseReopened struct {
	Reason string `json:"reason"`
}

// EventType implements [relationship.Event].
func (CaseClosed) EventType() string { return "casework.case-closed.v1" }

// EventType implements [relationship.Event].
func (CaseWithdrawn) EventType() string { return "casework.case-withdrawn.v1" }

// EventType implements [relationship.Event].
func (CaseReopened) EventType() string { return "casework.case-reopened.v1" }

// Close ends an open case, in any phase, with a reason and an explanation,
// both required. The assigned worker or their supervisor closes. Some
// reasons must be true of the case ([*ReadinessError] otherwise): goals
// achieved needs evaluation and an achieved goal, ineligible an assessment
// that found so, referred an accepted or completed referral. Only the
// client withdraws ([Case.Withdraw]): closing for that reason is a
// [*relationship.PermissionError]. The case leaves its worker's caseload.
func (c *Case) Close(actor relationship.PartyID, reason TerminationReason, explanation string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	return c.doWith(actor, func(s *state) (change, agencyEvent, error) {
		return CaseClosed{Reason: reason, Explanation: strings.TrimSpace(explanation)}, CaseReleased{Case: s.id}, nil
	})
}

// Withdraw is the client ending their case, in any open phase: Biestek's
// self-determination at its plainest. Only the client withdraws. The
// explanation is optional: a client owes the agency no reason for leaving,
// and the case records the reason [ReasonClientWithdrew] either way.
func (c *Case) Withdraw(actor relationship.PartyID, explanation string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	return c.doWith(actor, func(s *state) (change, agencyEvent, error) {
		return CaseWithdrawn{Explanation: strings.TrimSpace(explanation)}, CaseReleased{Case: s.id}, nil
	})
}

// Reopen opens a closed case again, for a stated reason, returning it to
// intake: the client must be assessed again. The assigned worker or their
// supervisor reopens, and the case returns to that worker's caseload
// ([*CaseloadError] if it is full). A case without its agency cannot be
// reopened ([ErrDetached]).
func (c *Case) Reopen(actor relationship.PartyID, reason string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	return c.doWith(actor, func(s *state) (change, agencyEvent, error) {
		return CaseReopened{Reason: strings.TrimSpace(reason)}, CaseAssigned{Case: s.id, Client: s.client.ID(), Worker: s.worker.ID()}, nil
	})
}

func (CaseClosed) act() relationship.Act    { return ActCloseCase }
func (CaseWithdrawn) act() relationship.Act { return ActWithdraw }
func (CaseReopened) act() relationship.Act  { return ActReopenCase }

func (e CaseClosed) check() error {
	if err := terminationReasons.Check(e.Reason); err != nil {
		return &InputError{Field: "reason", Err: err}
	}
	return requireText("explanation", e.Explanation)
}
func (e CaseWithdrawn) check() error { return nil }
func (e CaseReopened) check() error  { return requireText("reason", e.Reason) }

func (e CaseClosed) validate(t *txn) error {
	if err := t.open(ActCloseCase); err != nil {
		return err
	}
	return t.s.closable(e.Reason, t.actor)
}

// closable checks that the reason given for closing is true of the case.
func (s *state) closable(r TerminationReason, actor relationship.Party) error {
	switch r {
	case ReasonClientWithdrew:
		return relationship.Refuse(actor, ActCloseCase,
			"only the client withdraws; staff cannot close a case in the client's name", nil)
	case ReasonGoalsAchieved:
		if s.phase != PhaseEvaluation {
			return &ReadinessError{To: PhaseClosed, Missing: "goals are judged achieved in evaluation, and the case is in " + s.phase.String()}
		}
		for _, g := range s.goals {
			if g.state == GoalStateAchieved {
				return nil
			}
		}
		return &ReadinessError{To: PhaseClosed, Missing: "no goal has been achieved"}
	case ReasonIneligible:
		if s.assessment == nil || s.assessment.Eligible {
			return &ReadinessError{To: PhaseClosed, Missing: "no assessment has found the client ineligible"}
		}
	case ReasonReferred:
		for _, ref := range s.referrals {
			if ref.state == ReferralStateAccepted || ref.state == ReferralStateCompleted {
				return nil
			}
		}
		return &ReadinessError{To: PhaseClosed, Missing: "no referral has been accepted"}
	}
	return nil
}

func (e CaseClosed) apply(t *txn) { t.close(e.Reason, e.Explanation) }

func (e CaseWithdrawn) validate(t *txn) error { return t.open(ActWithdraw) }

func (e CaseWithdrawn) apply(t *txn) { t.close(ReasonClientWithdrew, e.Explanation) }

func (t *txn) close(r TerminationReason, explanation string) {
	t.s.closure = &Closure{Reason: r, Explanation: explanation, At: t.at, By: t.actor.ID()}
	t.s.enter(PhaseClosed)
}

func (e CaseReopened) validate(t *txn) error { return t.inPhase(ActReopenCase, PhaseClosed) }

func (e CaseReopened) apply(t *txn) {
	t.s.closure = nil
	t.s.assessment = nil
	t.s.enter(PhaseIntake)
}

// Closure returns how the case ended, and false while it is open.
func (c *Case) Closure() (Closure, bool) {
	if c == nil {
		return Closure{}, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.st.closure == nil {
		return Closure{}, false
	}
	return *c.st.closure, true
}
