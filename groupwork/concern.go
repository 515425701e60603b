package groupwork

import (
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// ConcernScope is how far a concern reaches. C. Wright Mills distinguished
// private troubles from public issues (The Sociological Imagination, 1959);
// the settlement workers lived the move from one to the other, when a
// family's sick child became a campaign for clean milk. A group where
// members find their troubles shared is where that move begins.
//
// The zero ConcernScope is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type ConcernScope uint8

// The scopes of a concern, from the nearest to the widest.
const (
	ScopePersonal      ConcernScope = iota + 1 // a member's own trouble, brought to the group
	ScopeGroup                                 // the life of the group itself: its rules, its quarrels, its room
	ScopeNeighbourhood                         // the street, the block, the local school or park
	ScopeSociety                               // a public issue: a law, wages, housing, the city's policy
)

var scopes = enum.New[ConcernScope]("concern scope", "unspecified", "personal", "group", "neighbourhood", "society")

// ConcernScopes yields every valid scope in order.
func ConcernScopes() iter.Seq[ConcernScope] { return scopes.Values() }

// ParseConcernScope returns the scope named s, such as "neighbourhood".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseConcernScope(s string) (ConcernScope, error) { return scopes.ParseText(s) }

// IsValid reports whether c is one of the named scopes.
func (c ConcernScope) IsValid() bool { return scopes.Valid(c) }

// String returns the scope's name, such as "society".
func (c ConcernScope) String() string { return scopes.String(c) }

// MarshalText returns the scope's name. An invalid scope is an error.
func (c ConcernScope) MarshalText() ([]byte, error) { return scopes.Text(c) }

// UnmarshalText sets c to the scope named by b. On error c is unchanged.
func (c *ConcernScope) UnmarshalText(b []byte) error { return scopes.Unmarshal(b, c) }

// ActionKind is a kind of action a group takes on a concern, from talking
// it through to the settlement reformers' repertoire of social action.
//
// The zero ActionKind is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type ActionKind uint8

// The kinds of action.
const (
	ActionDiscussion     ActionKind = iota + 1 // the group talks the concern through
	ActionInquiry                              // members find out the facts: a survey, a visit, a count
	ActionLetter                               // a letter to an official, a newspaper, a landlord
	ActionPetition                             // a petition, signed by members and neighbours
	ActionDeputation                           // members go in person to those who can decide
	ActionPublicMeeting                        // a meeting open to the neighbourhood
	ActionCampaign                             // a sustained campaign, with allies
	ActionServiceProject                       // the members meet the need themselves
	ActionReferral                             // the concern is taken to an agency that can meet it
)

var actionKinds = enum.New[ActionKind]("action kind", "unspecified",
	"discussion", "inquiry", "letter", "petition", "deputation", "public-meeting", "campaign",
	"service-project", "referral")

// ActionKinds yields every valid kind of action in order.
func ActionKinds() iter.Seq[ActionKind] { return actionKinds.Values() }

// ParseActionKind returns the kind named s, such as "petition". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseActionKind(s string) (ActionKind, error) { return actionKinds.ParseText(s) }

// IsValid reports whether k is one of the named kinds.
func (k ActionKind) IsValid() bool { return actionKinds.Valid(k) }

// String returns the kind's name, such as "deputation".
func (k ActionKind) String() string { return actionKinds.String(k) }

// MarshalText returns the kind's name. An invalid kind is an error.
func (k ActionKind) MarshalText() ([]byte, error) { return actionKinds.Text(k) }

// UnmarshalText sets k to the kind named by b. On error k is unchanged.
func (k *ActionKind) UnmarshalText(b []byte) error { return actionKinds.Unmarshal(b, k) }

// Outcome is how a concern was settled.
//
// The zero Outcome is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Outcome uint8

// The outcomes of a concern.
const (
	OutcomeResolved       Outcome = iota + 1 // what the members sought came about
	OutcomePartlyResolved                    // some of it did
	OutcomeUnresolved                        // the group stops, and nothing changed
	OutcomeWithdrawn                         // the members no longer pursue it
	OutcomeReferred                          // another body has taken it up
)

var outcomes = enum.New[Outcome]("outcome", "unspecified",
	"resolved", "partly-resolved", "unresolved", "withdrawn", "referred")

// Outcomes yields every valid outcome in order.
func Outcomes() iter.Seq[Outcome] { return outcomes.Values() }

// ParseOutcome returns the outcome named s, such as "partly-resolved".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseOutcome(s string) (Outcome, error) { return outcomes.ParseText(s) }

// IsValid reports whether o is one of the named outcomes.
func (o Outcome) IsValid() bool { return outcomes.Valid(o) }

// String returns the outcome's name, such as "resolved".
func (o Outcome) String() string { return outcomes.String(o) }

// MarshalText returns the outcome's name. An invalid outcome is an error.
func (o Outcome) MarshalText() ([]byte, error) { return outcomes.Text(o) }

// UnmarshalText sets o to the outcome named by b. On error o is unchanged.
func (o *Outcome) UnmarshalText(b []byte) error { return outcomes.Unmarshal(b, o) }

// Action is one action taken on a concern. It is a plain record.
type Action struct {
	Kind        ActionKind
	Description string
	By          relationship.PartyID // the member who took it
	At          time.Time            // in UTC
}

// Concern is a snapshot of a shared concern: raised by a member, taken up
// by the group through its actions, and settled with an outcome. Changing
// the group does not change a snapshot.
type Concern struct {
	id       uuid.UUID
	scope    ConcernScope
	text     string
	raisedBy relationship.PartyID
	raisedAt time.Time
	actions  []Action
	outcome  Outcome
	summary  string
	closedBy relationship.PartyID
	closedAt time.Time
}

// ID returns the concern's identifier.
func (c Concern) ID() uuid.UUID { return c.id }

// Scope returns how far the concern reaches.
func (c Concern) Scope() ConcernScope { return c.scope }

// Text returns the concern, in the words of the member who raised it.
func (c Concern) Text() string { return c.text }

// RaisedBy returns the member who raised the concern, and when.
func (c Concern) RaisedBy() (relationship.PartyID, time.Time) { return c.raisedBy, c.raisedAt }

// Actions yields the actions taken on the concern, oldest first.
func (c Concern) Actions() iter.Seq[Action] { return slices.Values(c.actions) }

// IsClosed reports whether the concern has been settled.
func (c Concern) IsClosed() bool { return c.outcome != 0 }

// Outcome returns how the concern was settled, or zero while it is open.
func (c Concern) Outcome() Outcome { return c.outcome }

// Summary returns the summary given when the concern was settled, or "".
func (c Concern) Summary() string { return c.summary }

// ClosedBy returns the member who settled the concern and when, or zero
// values while it is open.
func (c Concern) ClosedBy() (relationship.PartyID, time.Time) { return c.closedBy, c.closedAt }

// RaiseConcern brings a concern to the group and returns its identifier.
// Members set the group's agenda: what troubles them, from a private
// trouble to a public issue.
//
// Only members raise concerns. Errors: [*relationship.PartyError],
// [*relationship.PermissionError] for the facilitator, [*StateError] wrapping [ErrEnded], a
// [*relationship.TextError] for an invalid scope, and [*InputError] wrapping [ErrBlank] for a
// blank text.
func (g *Group) RaiseConcern(actor relationship.PartyID, scope ConcernScope, text string) (uuid.UUID, error) {
	if g == nil {
		return uuid.Nil, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := ConcernRaised{Concern: g.src.NewID(), Scope: scope, Text: strings.TrimSpace(text)}
	return idOr(ev.Concern, g.commit(actor, ev))
}

func (e ConcernRaised) check(s *state, _ *step) error {
	if err := scopes.Check(e.Scope); err != nil {
		return err
	}
	if strings.TrimSpace(e.Text) == "" {
		return blank("text")
	}
	return s.fresh(e.Concern)
}

func (e ConcernRaised) apply(s *state, st *step) {
	s.claim(e.Concern)
	s.concernX[e.Concern] = int32(len(s.concerns))
	s.concerns = append(s.concerns, Concern{
		id: e.Concern, scope: e.Scope, text: strings.TrimSpace(e.Text), raisedBy: st.actor, raisedAt: st.at,
	})
}

// openConcern returns the position of an open concern.
func (s *state) openConcern(id uuid.UUID) (int32, error) {
	i, ok := s.concernX[id]
	if !ok {
		return -1, &NotFoundError{ID: id, Err: ErrUnknownConcern}
	}
	if s.concerns[i].outcome != 0 {
		return -1, done("concern", id)
	}
	return i, nil
}

// TakeAction records an action the actor took on an open concern, on the
// group's behalf: a letter written, a petition carried, a deputation led.
//
// Only members act on concerns. Errors: [*relationship.PartyError],
// [*relationship.PermissionError] for the facilitator, [*StateError] wrapping [ErrEnded],
// [*NotFoundError] wrapping [ErrUnknownConcern], [*StateError] wrapping [ErrAlreadyDone] for a closed
// concern, a [*relationship.TextError] for an invalid kind, and
// [*InputError] wrapping [ErrBlank] for a blank description.
func (g *Group) TakeAction(actor relationship.PartyID, concern uuid.UUID, kind ActionKind, description string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, ActionTaken{Concern: concern, Action: kind, Description: strings.TrimSpace(description)})
}

func (e ActionTaken) check(s *state, st *step) error {
	i, err := s.openConcern(e.Concern)
	if err != nil {
		return err
	}
	if err := actionKinds.Check(e.Action); err != nil {
		return err
	}
	if strings.TrimSpace(e.Description) == "" {
		return blank("description")
	}
	st.target = i
	return nil
}

func (e ActionTaken) apply(s *state, st *step) {
	c := &s.concerns[st.target]
	c.actions = append(c.actions, Action{Kind: e.Action, Description: strings.TrimSpace(e.Description), By: st.actor, At: st.at})
}

// CloseConcern settles an open concern with an outcome and a summary (which
// may be empty). Whether a concern is settled is the members' decision: the
// facilitator cannot close a concern of theirs.
//
// Only members close concerns. Errors: [*relationship.PartyError],
// [*relationship.PermissionError] for the facilitator, [*StateError] wrapping [ErrEnded],
// [*NotFoundError] wrapping [ErrUnknownConcern], [*StateError] wrapping [ErrAlreadyDone] for a closed
// concern, and a [*relationship.TextError] for an invalid outcome.
func (g *Group) CloseConcern(actor relationship.PartyID, concern uuid.UUID, outcome Outcome, summary string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, ConcernClosed{Concern: concern, Outcome: outcome, Summary: strings.TrimSpace(summary)})
}

func (e ConcernClosed) check(s *state, st *step) error {
	i, err := s.openConcern(e.Concern)
	if err != nil {
		return err
	}
	st.target = i
	return outcomes.Check(e.Outcome)
}

func (e ConcernClosed) apply(s *state, st *step) {
	c := &s.concerns[st.target]
	c.outcome, c.summary, c.closedBy, c.closedAt = e.Outcome, strings.TrimSpace(e.Summary), st.actor, st.at
}

// Concern returns a snapshot of the concern with the given identifier, and
// false if the group has none.
func (g *Group) Concern(id uuid.UUID) (Concern, bool) {
	if g == nil {
		return Concern{}, false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.concernX[id]
	if !ok {
		return Concern{}, false
	}
	return g.st.concerns[i].snapshot(), true
}

// Concerns yields a snapshot of every concern, in the order raised.
func (g *Group) Concerns() iter.Seq[Concern] {
	if g == nil {
		return func(func(Concern) bool) {}
	}
	return func(yield func(Concern) bool) {
		g.mu.RLock()
		cs := make([]Concern, len(g.st.concerns))
		for i := range g.st.concerns {
			cs[i] = g.st.concerns[i].snapshot()
		}
		g.mu.RUnlock()
		for _, c := range cs {
			if !yield(c) {
				return
			}
		}
	}
}

// snapshot returns a copy whose actions later actions do not reach.
func (c Concern) snapshot() Concern {
	c.actions = c.actions[:len(c.actions):len(c.actions)]
	return c
}
