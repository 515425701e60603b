package casework

import (
	"errors"
	"iter"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// ReferralState is where a referral stands. A referral is pending until the
// other agency answers; accepted or rejected then; an accepted referral is
// completed when the other agency has taken the client on. A referral not
// yet rejected or completed may be revoked.
//
// The zero ReferralState is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type ReferralState uint8

// The states of a referral.
const (
	// ReferralStatePending: sent, not yet answered.
	ReferralStatePending ReferralState = iota + 1
	// ReferralStateAccepted: the other agency will take the client.
	ReferralStateAccepted
	// ReferralStateRejected: the other agency will not; the referral has ended.
	ReferralStateRejected
	// ReferralStateCompleted: the client is with the other agency; the
	// referral has ended.
	ReferralStateCompleted
	// ReferralStateRevoked: called off, by staff or by the client's
	// withdrawal of consent; the referral has ended.
	ReferralStateRevoked
)

var referralStates = enum.New[ReferralState]("referral state", "unspecified",
	"pending", "accepted", "rejected", "completed", "revoked")

// ReferralStates yields every valid referral state in order.
func ReferralStates() iter.Seq[ReferralState] { return referralStates.Values() }

// ParseReferralState returns the state named s, such as "accepted". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseReferralState(s string) (ReferralState, error) { return referralStates.ParseText(s) }

// IsValid reports whether s is one of the named states.
func (s ReferralState) IsValid() bool { return referralStates.Valid(s) }

// String returns the state's name.
func (s ReferralState) String() string { return referralStates.String(s) }

// MarshalText returns the state's name. An invalid state is an error.
func (s ReferralState) MarshalText() ([]byte, error) { return referralStates.Text(s) }

// UnmarshalText sets s to the state named by b. On error s is unchanged.
func (s *ReferralState) UnmarshalText(b []byte) error { return referralStates.Unmarshal(b, s) }

// Referral sends the client to another agency for help this one does not
// give: a hospital, a legal aid society, a settlement house. Co-ordination
// between agencies was the charity organisation societies' founding idea
// (their registration bureaux were meant to stop families being helped twice
// or not at all). Here a referral needs the client's consent to be referred
// to that agency, and revoking that consent calls the referral off.
//
// Referral is an immutable value: a copy as it stood when read.
type Referral struct {
	id      uuid.UUID
	to      string
	reason  string
	state   ReferralState
	made    time.Time
	changed time.Time
	note    string
}

// ID returns the referral's identifier.
func (r Referral) ID() uuid.UUID { return r.id }

// To returns the agency referred to.
func (r Referral) To() string { return r.to }

// Reason returns why the client was referred.
func (r Referral) Reason() string { return r.reason }

// State returns where the referral stands.
func (r Referral) State() ReferralState { return r.state }

// Made returns when the referral was made.
func (r Referral) Made() time.Time { return r.made }

// Changed returns when the referral last changed state.
func (r Referral) Changed() time.Time { return r.changed }

// Note returns what was recorded with the latest change of state.
func (r Referral) Note() string { return r.note }

// ReferralMade records a referral sent to another agency.
type ReferralMade struct {
	Referral uuid.UUID `json:"referral"`
	To       string    `json:"to"`
	Reason   string    `json:"reason"`
}

// ReferralUpdated records the other agency's answer (accepted, rejected) or
// the referral's completion.
type ReferralUpdated struct {
	Referral uuid.UUID     `json:"referral"`
	State    ReferralState `json:"state"`
	Note     string        `json:"note"`
}

// ReferralRevoked records a referral called off by staff.
type ReferralRevoked struct {
	Referral uuid.UUID `json:"referral"`
	Reason   string    `json:"reason"`
}

// EventType implements [relationship.Event].
func (ReferralMade) EventType() string { return "casework.referral-made.v1" }

// EventType implements [relationship.Event].
func (ReferralUpdated) EventType() string { return "casework.referral-updated.v1" }

// EventType implements [relationship.Event].
func (ReferralRevoked) EventType() string { return "casework.referral-revoked.v1" }

// Refer refers the client to another agency, for a reason, and returns the
// referral's identifier. Only the assigned worker refers, in an open case,
// and only with the client's consent to a referral to that agency in force
// ([*ConsentError] otherwise).
func (c *Case) Refer(actor relationship.PartyID, to, reason string) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := ReferralMade{Referral: c.src.NewID(), To: strings.TrimSpace(to), Reason: strings.TrimSpace(reason)}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Referral, nil
}

// UpdateReferral records what became of a referral: accepted or rejected by
// the other agency, or completed. Only the assigned worker records it, in
// any phase (the answer may come after the case has closed). Moves the
// lifecycle does not allow are a [*StateError]; a state other than
// accepted, rejected or completed is a [*InputError].
func (c *Case) UpdateReferral(actor relationship.PartyID, referral uuid.UUID, to ReferralState, note string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, ReferralUpdated{Referral: referral, State: to, Note: strings.TrimSpace(note)})
}

// RevokeReferral calls off a referral that is pending or accepted, with a
// reason. The assigned worker or their supervisor revokes, in any phase.
func (c *Case) RevokeReferral(actor relationship.PartyID, referral uuid.UUID, reason string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, ReferralRevoked{Referral: referral, Reason: strings.TrimSpace(reason)})
}

func (ReferralMade) act() relationship.Act    { return ActRefer }
func (ReferralUpdated) act() relationship.Act { return ActUpdateReferral }
func (ReferralRevoked) act() relationship.Act { return ActRevokeReferral }

func (e ReferralMade) check() error {
	return errors.Join(requireID("referral", e.Referral), requireText("to", e.To), requireText("reason", e.Reason))
}

func (e ReferralUpdated) check() error {
	errs := []error{requireID("referral", e.Referral)}
	switch e.State {
	case ReferralStateAccepted, ReferralStateRejected, ReferralStateCompleted:
	default:
		errs = append(errs, &InputError{Field: "state", Value: e.State.String(), Err: relationship.ErrInvalidValue})
	}
	return errors.Join(errs...)
}

func (e ReferralRevoked) check() error {
	return errors.Join(requireID("referral", e.Referral), requireText("reason", e.Reason))
}

func (e ReferralMade) validate(t *txn) error {
	if err := t.open(ActRefer); err != nil {
		return err
	}
	if err := t.s.consentInForce(ReferralScope(e.To), t.at); err != nil {
		return err
	}
	return t.s.fresh("referral", e.Referral)
}

func (e ReferralMade) apply(t *txn) {
	t.s.issue(e.Referral, itemReferral, len(t.s.referrals))
	t.s.referrals = append(t.s.referrals, Referral{id: e.Referral, to: e.To, reason: e.Reason,
		state: ReferralStatePending, made: t.at, changed: t.at})
}

func (e ReferralUpdated) validate(t *txn) error {
	from := ReferralStatePending
	if e.State == ReferralStateCompleted {
		from = ReferralStateAccepted
	}
	return t.s.referralStep(e.Referral, e.State, from)
}

func (e ReferralUpdated) apply(t *txn) { t.s.moveReferral(e.Referral, e.State, t.at, e.Note) }

func (e ReferralRevoked) validate(t *txn) error {
	return t.s.referralStep(e.Referral, ReferralStateRevoked, ReferralStatePending, ReferralStateAccepted)
}

func (e ReferralRevoked) apply(t *txn) {
	t.s.moveReferral(e.Referral, ReferralStateRevoked, t.at, e.Reason)
}

func (s *state) referralStep(id uuid.UUID, to ReferralState, from ...ReferralState) error {
	i, err := s.find(itemReferral, id)
	if err != nil {
		return err
	}
	for _, f := range from {
		if s.referrals[i].state == f {
			return nil
		}
	}
	return &StateError{Item: "referral", ID: id, From: s.referrals[i].state.String(), To: to.String()}
}

func (s *state) moveReferral(id uuid.UUID, to ReferralState, at time.Time, note string) {
	r := &s.referrals[s.items[id].index]
	r.state, r.changed, r.note = to, at, note
}

// consentChanged calls off the live referrals a scope covered, when the
// client's latest decision no longer permits it.
func (s *state) consentChanged(scope Scope, at time.Time) {
	if scope.Purpose != ConsentToReferral || s.consentInForce(scope, at) == nil {
		return
	}
	for i := range s.referrals {
		r := &s.referrals[i]
		if r.to == scope.To && (r.state == ReferralStatePending || r.state == ReferralStateAccepted) {
			r.state, r.changed, r.note = ReferralStateRevoked, at, "the client withdrew consent"
		}
	}
}

// Referrals yields the case's referrals in the order they were made. It is a
// snapshot.
func (c *Case) Referrals() iter.Seq[Referral] {
	if c == nil {
		return func(func(Referral) bool) {}
	}
	return snapshot(c, func(s *state) []Referral { return s.referrals })
}

// Referral returns the referral with the given identifier.
func (c *Case) Referral(id uuid.UUID) (Referral, bool) {
	if c == nil {
		return Referral{}, false
	}
	return lookup(c, itemReferral, id, func(s *state) []Referral { return s.referrals })
}
