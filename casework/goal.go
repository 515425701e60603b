package casework

import (
	"iter"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// GoalState is where a goal of the plan stands. A goal is proposed (by the
// worker or the client), agreed by the client, made active when treatment
// works on it, and ends achieved or abandoned. Any goal not yet ended may be
// abandoned.
//
// The zero GoalState is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type GoalState uint8

// The states of a goal.
const (
	// GoalStateProposed: put forward by the worker or the client.
	GoalStateProposed GoalState = iota + 1
	// GoalStateAgreed: the client has agreed to work towards it.
	GoalStateAgreed
	// GoalStateActive: treatment is working on it.
	GoalStateActive
	// GoalStateAchieved: reached; the goal has ended.
	GoalStateAchieved
	// GoalStateAbandoned: given up, with a reason; the goal has ended.
	GoalStateAbandoned
)

var goalStates = enum.New[GoalState]("goal state", "unspecified", "proposed", "agreed", "active", "achieved", "abandoned")

// GoalStates yields every valid goal state in order.
func GoalStates() iter.Seq[GoalState] { return goalStates.Values() }

// ParseGoalState returns the goal state named s, such as "agreed". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseGoalState(s string) (GoalState, error) { return goalStates.ParseText(s) }

// IsValid reports whether g is one of the named states.
func (g GoalState) IsValid() bool { return goalStates.Valid(g) }

// String returns the state's name.
func (g GoalState) String() string { return goalStates.String(g) }

// MarshalText returns the state's name. An invalid state is an error.
func (g GoalState) MarshalText() ([]byte, error) { return goalStates.Text(g) }

// UnmarshalText sets g to the state named by b. On error g is unchanged.
func (g *GoalState) UnmarshalText(b []byte) error { return goalStates.Unmarshal(b, g) }

// Goal is one goal of a case's plan: what the work is meant to achieve,
// stated so that the client and worker can tell when it has. Perlman's
// problem-solving model makes the goal a shared one: the client takes part
// in choosing it, and the package requires the client's agreement before
// work on it starts (unless the case was opened
// [Application.WithoutPlanConsent]).
//
// Goal is an immutable value: a copy of the goal as it stood when read.
type Goal struct {
	id          uuid.UUID
	description string
	state       GoalState
	proposedBy  relationship.PartyID
	proposed    time.Time
	changed     time.Time
	note        string
}

// ID returns the goal's identifier.
func (g Goal) ID() uuid.UUID { return g.id }

// Description returns what the goal is.
func (g Goal) Description() string { return g.description }

// State returns where the goal stands.
func (g Goal) State() GoalState { return g.state }

// ProposedBy returns who put the goal forward: the worker or the client.
func (g Goal) ProposedBy() relationship.PartyID { return g.proposedBy }

// Proposed returns when the goal was proposed.
func (g Goal) Proposed() time.Time { return g.proposed }

// Changed returns when the goal last changed state.
func (g Goal) Changed() time.Time { return g.changed }

// Note returns what was said when the goal was achieved, or why it was
// abandoned.
func (g Goal) Note() string { return g.note }

// GoalProposed records a goal put into the plan.
type GoalProposed struct {
	Goal        uuid.UUID `json:"goal"`
	Description string    `json:"description"`
}

// GoalAgreed records the client's agreement to a goal.
type GoalAgreed struct {
	Goal uuid.UUID `json:"goal"`
}

// GoalActivated records that treatment began to work on a goal.
type GoalActivated struct {
	Goal uuid.UUID `json:"goal"`
}

// GoalAchieved records a goal reached, with an optional note of how.
type GoalAchieved struct {
	Goal uuid.UUID `json:"goal"`
	Note string    `json:"note"`
}

// GoalAbandoned records a goal given up, and why.
type GoalAbandoned struct {
	Goal   uuid.UUID `json:"goal"`
	Reason string    `json:"reason"`
}

// EventType implements [relationship.Event].
func (GoalProposed) EventType() string { return "casework.goal-proposed.v1" }

// EventType implements [relationship.Event].
func (GoalAgreed) EventType() string { return "casework.goal-agreed.v1" }

// EventType implements [relationship.Event].
func (GoalActivated) EventType() string { return "casework.goal-activated.v1" }

// EventType implements [relationship.Event].
func (GoalAchieved) EventType() string { return "casework.goal-achieved.v1" }

// EventType implements [relationship.Event].
func (GoalAbandoned) EventType() string { return "casework.goal-abandoned.v1" }

// planPhases are the phases in which the plan may change.
var planPhases = []Phase{PhaseDiagnosis, PhaseTreatment, PhaseEvaluation}

// ProposeGoal puts a goal into the plan and returns its identifier. The
// assigned worker or the client may propose, during diagnosis, treatment or
// evaluation. An empty description is a [*InputError].
func (c *Case) ProposeGoal(actor relationship.PartyID, description string) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := GoalProposed{Goal: c.src.NewID(), Description: strings.TrimSpace(description)}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Goal, nil
}

// AgreeGoal is the client's agreement to a proposed goal. Only the client
// agrees, during diagnosis, treatment or evaluation.
func (c *Case) AgreeGoal(actor relationship.PartyID, goal uuid.UUID) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, GoalAgreed{Goal: goal})
}

// ActivateGoal starts work on an agreed goal, during treatment. Where the
// case requires plan consent, the consent must be in force ([*ConsentError]
// otherwise); where it does not, a goal the client has not agreed may be
// activated too. Only the assigned worker activates.
func (c *Case) ActivateGoal(actor relationship.PartyID, goal uuid.UUID) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, GoalActivated{Goal: goal})
}

// AchieveGoal records that an active goal was reached, during treatment or
// evaluation, with an optional note. Only the assigned worker decides it.
func (c *Case) AchieveGoal(actor relationship.PartyID, goal uuid.UUID, note string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, GoalAchieved{Goal: goal, Note: strings.TrimSpace(note)})
}

// AbandonGoal gives up a goal that has not ended, in any open phase. The
// assigned worker or the client may abandon a goal; the reason is required.
func (c *Case) AbandonGoal(actor relationship.PartyID, goal uuid.UUID, reason string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, GoalAbandoned{Goal: goal, Reason: strings.TrimSpace(reason)})
}

func (GoalProposed) act() relationship.Act  { return ActProposeGoal }
func (GoalAgreed) act() relationship.Act    { return ActAgreeGoal }
func (GoalActivated) act() relationship.Act { return ActActivateGoal }
func (GoalAchieved) act() relationship.Act  { return ActAchieveGoal }
func (GoalAbandoned) act() relationship.Act { return ActAbandonGoal }

func (e GoalProposed) check() error {
	if err := requireID("goal", e.Goal); err != nil {
		return err
	}
	return requireText("description", e.Description)
}
func (e GoalAgreed) check() error    { return requireID("goal", e.Goal) }
func (e GoalActivated) check() error { return requireID("goal", e.Goal) }
func (e GoalAchieved) check() error  { return requireID("goal", e.Goal) }
func (e GoalAbandoned) check() error {
	if err := requireID("goal", e.Goal); err != nil {
		return err
	}
	return requireText("reason", e.Reason)
}

func (e GoalProposed) validate(t *txn) error {
	if err := t.inPhase(ActProposeGoal, planPhases...); err != nil {
		return err
	}
	return t.s.fresh("goal", e.Goal)
}

func (e GoalProposed) apply(t *txn) {
	t.s.issue(e.Goal, itemGoal, len(t.s.goals))
	t.s.goals = append(t.s.goals, Goal{id: e.Goal, description: e.Description, state: GoalStateProposed,
		proposedBy: t.actor.ID(), proposed: t.at, changed: t.at})
}

func (e GoalAgreed) validate(t *txn) error {
	if err := t.inPhase(ActAgreeGoal, planPhases...); err != nil {
		return err
	}
	return t.s.goalStep(e.Goal, GoalStateAgreed, GoalStateProposed)
}

func (e GoalAgreed) apply(t *txn) { t.s.setGoal(e.Goal, GoalStateAgreed, t.at, "") }

func (e GoalActivated) validate(t *txn) error {
	if err := t.inPhase(ActActivateGoal, PhaseTreatment); err != nil {
		return err
	}
	from := []GoalState{GoalStateAgreed}
	if !t.s.planConsent {
		from = append(from, GoalStateProposed)
	}
	if err := t.s.goalStep(e.Goal, GoalStateActive, from...); err != nil {
		return err
	}
	return t.s.planConsented(t.at)
}

func (e GoalActivated) apply(t *txn) { t.s.setGoal(e.Goal, GoalStateActive, t.at, "") }

func (e GoalAchieved) validate(t *txn) error {
	if err := t.inPhase(ActAchieveGoal, PhaseTreatment, PhaseEvaluation); err != nil {
		return err
	}
	return t.s.goalStep(e.Goal, GoalStateAchieved, GoalStateActive)
}

func (e GoalAchieved) apply(t *txn) { t.s.setGoal(e.Goal, GoalStateAchieved, t.at, e.Note) }

func (e GoalAbandoned) validate(t *txn) error {
	if err := t.open(ActAbandonGoal); err != nil {
		return err
	}
	return t.s.goalStep(e.Goal, GoalStateAbandoned, GoalStateProposed, GoalStateAgreed, GoalStateActive)
}

func (e GoalAbandoned) apply(t *txn) { t.s.setGoal(e.Goal, GoalStateAbandoned, t.at, e.Reason) }

// goalStep checks that goal id exists and is in one of the states from.
func (s *state) goalStep(id uuid.UUID, to GoalState, from ...GoalState) error {
	i, err := s.find(itemGoal, id)
	if err != nil {
		return err
	}
	for _, f := range from {
		if s.goals[i].state == f {
			return nil
		}
	}
	return &StateError{Item: "goal", ID: id, From: s.goals[i].state.String(), To: to.String()}
}

func (s *state) setGoal(id uuid.UUID, to GoalState, at time.Time, note string) {
	g := &s.goals[s.items[id].index]
	g.state, g.changed = to, at
	if note != "" {
		g.note = note
	}
}

// Goals yields the goals of the plan in the order they were proposed. It is
// a snapshot.
func (c *Case) Goals() iter.Seq[Goal] {
	if c == nil {
		return func(func(Goal) bool) {}
	}
	return snapshot(c, func(s *state) []Goal { return s.goals })
}

// Goal returns the goal with the given identifier, and false if the plan has
// none.
func (c *Case) Goal(id uuid.UUID) (Goal, bool) {
	if c == nil {
		return Goal{}, false
	}
	return lookup(c, itemGoal, id, func(s *state) []Goal { return s.goals })
}
