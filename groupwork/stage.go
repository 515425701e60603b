package groupwork

import (
	"iter"
	"strings"
	"time"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// Stage is a stage of group development in the Boston model of James
// Garland, Hubert Jones and Ralph Kolodny ("A Model for Stages of
// Development in Social Work Groups", 1965). The model follows the
// closeness members allow one another: first approach and avoidance, then a
// struggle over power, then intimacy, then a group able to hold differences,
// then the ending. Groups do not march through it: under stress, a new
// member or an ending in sight, a group returns to an earlier stage, and the
// model counts such a regression as normal, not as failure.
//
// The zero Stage is unspecified and never valid. The constants are in the
// model's order, never reordered; their text forms are stable.
type Stage uint8

// The five stages of the Boston model.
const (
	// Preaffiliation is approach and avoidance: members are ambivalent,
	// keep their distance, test whether the group is safe. Every group
	// begins here. The worker invites trust, allows distance and offers
	// structure.
	Preaffiliation Stage = iota + 1
	// PowerAndControl is the struggle over status, rules and the worker's
	// authority: who leads, who is in, what is allowed. The worker protects
	// members, clarifies the rules and helps the group take its own
	// decisions.
	PowerAndControl
	// Intimacy is closeness: members share more of themselves, the group
	// feels like a family (with sibling rivalry), and mutual aid grows. The
	// worker supports the closeness and the group's own programme.
	Intimacy
	// Differentiation is a mature group that accepts members as distinct
	// persons: roles are clear, differences are worked through, the group
	// governs itself. The worker helps it act on its own and in the world.
	Differentiation
	// Separation is the ending: members review what they did, may regress
	// or deny the end, and move on. The worker helps them evaluate,
	// celebrate and carry what they learnt elsewhere. A group ends only
	// from here (see [Group.EndGroup]).
	Separation
)

var stages = enum.New[Stage]("stage", "unspecified",
	"preaffiliation", "power-and-control", "intimacy", "differentiation", "separation")

// Stages yields every valid stage in the model's order.
func Stages() iter.Seq[Stage] { return stages.Values() }

// ParseStage returns the stage named s, such as "power-and-control". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseStage(s string) (Stage, error) { return stages.ParseText(s) }

// IsValid reports whether s is one of the named stages.
func (s Stage) IsValid() bool { return stages.Valid(s) }

// String returns the stage's name, such as "intimacy".
func (s Stage) String() string { return stages.String(s) }

// MarshalText returns the stage's name. An invalid stage is an error.
func (s Stage) MarshalText() ([]byte, error) { return stages.Text(s) }

// UnmarshalText sets s to the stage named by b. On error s is unchanged.
func (s *Stage) UnmarshalText(b []byte) error { return stages.Unmarshal(b, s) }

// StageChange is one recorded change of stage: the facilitator's judgement,
// with the evidence for it. It is a plain record; changing a copy changes
// nothing in the group.
type StageChange struct {
	From, To Stage
	At       time.Time // when the change was recorded, in UTC
	By       relationship.PartyID
	Evidence string // what the facilitator saw
}

// Regression reports whether the change goes back to an earlier stage, as
// groups do under stress, when a member joins or leaves, or as the end
// approaches.
func (c StageChange) Regression() bool { return c.To < c.From }

// RecordStage records the facilitator's judgement that the group has moved
// to stage to, with the evidence for it: what members said and did. Any
// stage may follow any other; a move back is a regression (see
// [StageChange.Regression]), which the Boston model expects.
//
// Only the facilitator records stages. Errors: [*relationship.PartyError],
// [*relationship.PermissionError], [*StateError] wrapping [ErrEnded], a
// [*relationship.TextError] for an invalid stage, [*StateError] wrapping
// [ErrSameStage] when the group is already in that stage, and [*InputError] wrapping [ErrBlank]
// when the evidence is blank.
func (g *Group) RecordStage(actor relationship.PartyID, to Stage, evidence string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, StageRecorded{Stage: to, Evidence: strings.TrimSpace(evidence)})
}

func (e StageRecorded) check(s *state, _ *step) error {
	if err := stages.Check(e.Stage); err != nil {
		return err
	}
	if e.Stage == s.stage {
		return &StateError{Item: "group", ID: s.id, From: s.stage, Err: ErrSameStage}
	}
	if strings.TrimSpace(e.Evidence) == "" {
		return blank("evidence")
	}
	return nil
}

func (e StageRecorded) apply(s *state, st *step) {
	s.stages = append(s.stages, StageChange{
		From: s.stage, To: e.Stage, At: st.at, By: st.actor, Evidence: strings.TrimSpace(e.Evidence),
	})
	s.stage = e.Stage
}

// Stage returns the group's current stage of development. A new group is in
// [Preaffiliation].
func (g *Group) Stage() Stage {
	if g == nil {
		return 0
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.stage
}

// StageChanges yields every recorded change of stage, oldest first.
func (g *Group) StageChanges() iter.Seq[StageChange] {
	if g == nil {
		return func(func(StageChange) bool) {}
	}
	g.mu.RLock()
	snap := g.st.stages[:len(g.st.stages):len(g.st.stages)]
	g.mu.RUnlock()
	return func(yield func(StageChange) bool) {
		for _, c := range snap {
			if !yield(c) {
				return
			}
		}
	}
}
