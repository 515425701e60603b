package casework

import (
	"iter"
	"strings"
	"time"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// Phase is a stage of the casework process. Richmond's Social Diagnosis
// (1917) set out the processes that come before treatment: gather the
// evidence (study) and define the social situation (diagnosis); its preface
// says it covers the steps that precede "the development of a plan of
// treatment". Acting on the diagnosis (treatment) is the subject of her What
// Is Social Case Work? (1922). Later writers added the evaluation that asks
// whether the treatment worked, and a deliberate ending.
//
// A case moves forward one phase at a time: intake, study, diagnosis,
// treatment, evaluation. Evaluation may send it back to treatment (the plan
// needs more time) or to study (the picture was wrong). Any open case may be
// closed, always with a reason, and a closed case may be reopened, which
// returns it to intake. Every other move is a [*PhaseError].
//
// The zero Phase is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Phase uint8

// The phases of a case.
const (
	// PhaseIntake is the first contact: the application, the presenting
	// problem, and the agency's decision whether it can help
	// ([Case.AssessEligibility]).
	PhaseIntake Phase = iota + 1
	// PhaseStudy is the investigation: the worker gathers evidence about the
	// client's situation ([Case.RecordEvidence]).
	PhaseStudy
	// PhaseDiagnosis is the definition of the problem: difficulties, causes,
	// assets and liabilities ([Case.Diagnose]), and a plan of goals the
	// client agrees to ([Case.ProposeGoal]).
	PhaseDiagnosis
	// PhaseTreatment is the intervention: counselling, concrete help
	// ([Case.AuthoriseProvision]), work on the goals.
	PhaseTreatment
	// PhaseEvaluation is the review of what the treatment achieved.
	PhaseEvaluation
	// PhaseClosed is the end of the case, entered only by [Case.Close] or
	// [Case.Withdraw], left only by [Case.Reopen].
	PhaseClosed
)

var phases = enum.New[Phase]("phase",
	"unspecified", "intake", "study", "diagnosis", "treatment", "evaluation", "closed")

// Phases yields every valid phase in order.
func Phases() iter.Seq[Phase] { return phases.Values() }

// ParsePhase returns the phase named s, such as "diagnosis". Unknown text is
// a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParsePhase(s string) (Phase, error) { return phases.ParseText(s) }

// IsValid reports whether p is one of the named phases.
func (p Phase) IsValid() bool { return phases.Valid(p) }

// String returns the phase's name, such as "treatment".
func (p Phase) String() string { return phases.String(p) }

// MarshalText returns the phase's name. An invalid phase is an error.
func (p Phase) MarshalText() ([]byte, error) { return phases.Text(p) }

// UnmarshalText sets p to the phase named by b. On error p is unchanged.
func (p *Phase) UnmarshalText(b []byte) error { return phases.Unmarshal(b, p) }

// IsOpen reports whether a case in phase p is open: any valid phase but
// closed.
func (p Phase) IsOpen() bool { return p.IsValid() && p != PhaseClosed }

// openPhases are the phases of an open case, in order.
var openPhases = []Phase{PhaseIntake, PhaseStudy, PhaseDiagnosis, PhaseTreatment, PhaseEvaluation}

// canMove reports whether [Case.MoveTo] may take a case from one phase to
// another.
func canMove(from, to Phase) bool {
	switch {
	case from.IsOpen() && from < PhaseEvaluation:
		return to == from+1
	case from == PhaseEvaluation:
		return to == PhaseTreatment || to == PhaseStudy
	}
	return false
}

// skippedPhases returns the phases a forward move from one open phase to a
// later one jumps over.
func skippedPhases(from, to Phase) []Phase {
	if !from.IsOpen() || !to.IsOpen() || to <= from+1 {
		return nil
	}
	var s []Phase
	for p := from + 1; p < to; p++ {
		s = append(s, p)
	}
	return s
}

func joinPhases(ps []Phase) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.String()
	}
	return strings.Join(names, ", ")
}

// PhaseChange is one step in a case's history of phases: who moved it, when,
// from where to where. The opening of a case is the change from the zero
// Phase to intake; closing, reopening and withdrawal are changes too.
type PhaseChange struct {
	From, To Phase
	At       time.Time
	By       relationship.PartyID
}

// PhaseChanged records a move from one phase to the next by
// [Case.MoveTo]. From repeats the phase the case was in, so that the record
// reads on its own and a replay can check it.
type PhaseChanged struct {
	From Phase `json:"from"`
	To   Phase `json:"to"`
}

// EventType implements [relationship.Event].
func (PhaseChanged) EventType() string { return "casework.phase-changed.v1" }

// MoveTo moves the case to the next phase of the process, as the assigned
// worker judges it ready. Only the moves the process allows are possible
// (see [Phase]); anything else is a [*PhaseError] naming both phases. The
// phase asked for must also be ready:
//
//   - diagnosis needs evidence recorded and the client assessed as eligible;
//   - treatment needs a diagnosis, a goal the client has agreed to (or, where
//     the case does not require plan consent, any goal) and, where it does,
//     the client's consent to the plan in force;
//   - returning from evaluation to treatment needs that consent still in force.
//
// A case that is not ready gets a [*ReadinessError] or a [*ConsentError].
// Closing and reopening have their own methods: [Case.Close],
// [Case.Withdraw], [Case.Reopen].
func (c *Case) MoveTo(actor relationship.PartyID, to Phase) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, PhaseChanged{From: c.st.phase, To: to})
}

func (PhaseChanged) act() relationship.Act { return ActChangePhase }

func (e PhaseChanged) check() error {
	if err := phases.Check(e.From); err != nil {
		return &InputError{Field: "from", Err: err}
	}
	if err := phases.Check(e.To); err != nil {
		return &InputError{Field: "to", Err: err}
	}
	return nil
}

func (e PhaseChanged) validate(t *txn) error {
	if e.From != t.s.phase {
		return &PhaseError{From: t.s.phase, To: e.To}
	}
	if !canMove(e.From, e.To) {
		return &PhaseError{From: e.From, To: e.To}
	}
	return t.ready(e.From, e.To)
}

func (e PhaseChanged) apply(t *txn) { t.s.enter(e.To) }

// ready checks that the case has done what the phase it moves to needs.
func (t *txn) ready(from, to Phase) error {
	s := t.s
	switch to {
	case PhaseDiagnosis:
		if len(s.evidence) == 0 {
			return &ReadinessError{To: to, Missing: "no evidence has been recorded"}
		}
		if s.assessment == nil || !s.assessment.Eligible {
			return &ReadinessError{To: to, Missing: "the client has not been assessed as eligible"}
		}
	case PhaseTreatment:
		if from == PhaseDiagnosis {
			if err := s.planReady(); err != nil {
				return err
			}
		}
		return s.planConsented(t.at)
	}
	return nil
}

// planReady checks that a diagnosis and a plan exist.
func (s *state) planReady() error {
	if s.diagnosis == nil {
		return &ReadinessError{To: PhaseTreatment, Missing: "no diagnosis has been made"}
	}
	for _, g := range s.goals {
		switch g.state {
		case GoalStateAgreed, GoalStateActive:
			return nil
		case GoalStateProposed:
			if !s.planConsent {
				return nil
			}
		}
	}
	if s.planConsent {
		return &ReadinessError{To: PhaseTreatment, Missing: "no goal has been agreed with the client"}
	}
	return &ReadinessError{To: PhaseTreatment, Missing: "the plan has no goal"}
}

// planConsented checks the client's consent to the plan, where the case
// requires it.
func (s *state) planConsented(at time.Time) error {
	if !s.planConsent {
		return nil
	}
	return s.consentInForce(Scope{Purpose: ConsentToPlan}, at)
}

// enter moves the case into phase p.
func (s *state) enter(p Phase) { s.phase = p }

// Phase returns the phase the case is in.
func (c *Case) Phase() Phase {
	if c == nil {
		return 0
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.phase
}

// PhaseHistory yields every change of phase in order, from the opening of
// the case. It reads the record, of which it is a snapshot; like
// [Case.Record], it yields nothing if the entries kept in the journal
// cannot be read.
func (c *Case) PhaseHistory() iter.Seq[PhaseChange] {
	if c == nil {
		return func(func(PhaseChange) bool) {}
	}
	return func(yield func(PhaseChange) bool) {
		var from Phase
		rs, err := c.records()
		if err != nil {
			return
		}
		for _, r := range rs {
			to := phaseAfter(r.ev, from)
			if to == from {
				continue
			}
			if !yield(PhaseChange{From: from, To: to, At: r.at, By: r.actor}) {
				return
			}
			from = to
		}
	}
}

// phaseAfter returns the phase a case is in after an event, given the
// phase it was in before.
func phaseAfter(ev change, from Phase) Phase {
	switch ev := ev.(type) {
	case CaseOpened, CaseReopened:
		return PhaseIntake
	case PhaseChanged:
		return ev.To
	case CaseClosed, CaseWithdrawn:
		return PhaseClosed
	}
	return from
}
