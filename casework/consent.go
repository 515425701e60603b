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

// ConsentPurpose is what a client's consent is for. Consent in casework is
// never general: it is given for one purpose, and a worker who acts beyond
// it acts without consent.
//
// The zero ConsentPurpose is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type ConsentPurpose uint8

// The purposes of consent.
const (
	// ConsentToPlan is consent to the plan of treatment. By default
	// treatment cannot begin without it.
	ConsentToPlan ConsentPurpose = iota + 1
	// ConsentToDisclosure is consent to pass the client's confidential
	// record to one named party: a doctor, a school, a court.
	ConsentToDisclosure
	// ConsentToReferral is consent to be referred to one named agency.
	ConsentToReferral
)

var consentPurposes = enum.New[ConsentPurpose]("consent purpose", "unspecified", "plan", "disclosure", "referral")

// ConsentPurposes yields every valid consent purpose in order.
func ConsentPurposes() iter.Seq[ConsentPurpose] { return consentPurposes.Values() }

// ParseConsentPurpose returns the purpose named s, such as "disclosure".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseConsentPurpose(s string) (ConsentPurpose, error) { return consentPurposes.ParseText(s) }

// IsValid reports whether p is one of the named purposes.
func (p ConsentPurpose) IsValid() bool { return consentPurposes.Valid(p) }

// String returns the purpose's name.
func (p ConsentPurpose) String() string { return consentPurposes.String(p) }

// MarshalText returns the purpose's name. An invalid purpose is an error.
func (p ConsentPurpose) MarshalText() ([]byte, error) { return consentPurposes.Text(p) }

// UnmarshalText sets p to the purpose named by b. On error p is unchanged.
func (p *ConsentPurpose) UnmarshalText(b []byte) error { return consentPurposes.Unmarshal(b, p) }

// Scope is what one consent covers: a purpose and, for disclosure and
// referral, the one party or agency it names. Names are compared exactly,
// after trimming surrounding space: consent to disclose to "Dr. Grey" does
// not cover "the dispensary".
type Scope struct {
	Purpose ConsentPurpose `json:"purpose"`
	To      string         `json:"to"` // the named party or agency; empty for the plan
}

// PlanScope is the scope of consent to the plan.
func PlanScope() Scope { return Scope{Purpose: ConsentToPlan} }

// DisclosureScope is the scope of consent to disclose to a named party.
func DisclosureScope(to string) Scope {
	return Scope{Purpose: ConsentToDisclosure, To: strings.TrimSpace(to)}
}

// ReferralScope is the scope of consent to a referral to a named agency.
func ReferralScope(to string) Scope {
	return Scope{Purpose: ConsentToReferral, To: strings.TrimSpace(to)}
}

// String describes the scope, such as "disclosure to Dr. Grey".
func (s Scope) String() string {
	if s.To == "" {
		return s.Purpose.String()
	}
	return s.Purpose.String() + " to " + s.To
}

func (s Scope) check() error {
	if err := consentPurposes.Check(s.Purpose); err != nil {
		return &InputError{Field: "scope purpose", Err: err}
	}
	switch {
	case s.Purpose == ConsentToPlan && s.To != "":
		return &InputError{Field: "scope to", Err: relationship.ErrInvalidValue}
	case s.Purpose != ConsentToPlan && strings.TrimSpace(s.To) == "":
		return empty("scope to")
	}
	return nil
}

// ConsentState is where a consent decision stands.
//
// The zero ConsentState is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type ConsentState uint8

// The states of consent.
const (
	// ConsentStateGiven: the client consented; in force until revoked,
	// superseded or expired.
	ConsentStateGiven ConsentState = iota + 1
	// ConsentStateRefused: the client refused.
	ConsentStateRefused
	// ConsentStateRevoked: the client took back a consent they gave.
	ConsentStateRevoked
	// ConsentStateOverridden: a supervisor set the client's refusal aside,
	// with a recorded reason. The purpose is then treated as consented.
	ConsentStateOverridden
)

var consentStates = enum.New[ConsentState]("consent state", "unspecified", "given", "refused", "revoked", "overridden")

// ConsentStates yields every valid consent state in order.
func ConsentStates() iter.Seq[ConsentState] { return consentStates.Values() }

// ParseConsentState returns the state named s, such as "revoked". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseConsentState(s string) (ConsentState, error) { return consentStates.ParseText(s) }

// IsValid reports whether s is one of the named states.
func (s ConsentState) IsValid() bool { return consentStates.Valid(s) }

// String returns the state's name.
func (s ConsentState) String() string { return consentStates.String(s) }

// MarshalText returns the state's name. An invalid state is an error.
func (s ConsentState) MarshalText() ([]byte, error) { return consentStates.Text(s) }

// UnmarshalText sets s to the state named by b. On error s is unchanged.
func (s *ConsentState) UnmarshalText(b []byte) error { return consentStates.Unmarshal(b, s) }

// Consent is one decision of the client about one [Scope]: dated, possibly
// expiring, revocable. Biestek's principle of client self-determination
// made concrete: only the client gives, refuses or revokes consent; no one
// consents on the client's behalf; a supervisor may override a refusal, but
// only with a reason that stays in the record.
//
// For each scope, the client's latest decision governs: a consent given
// after a refusal replaces it, and a refusal after a consent withdraws it.
//
// Consent is an immutable value: a copy of the decision as it stood when
// read.
type Consent struct {
	id        uuid.UUID
	scope     Scope
	state     ConsentState
	decided   time.Time
	expires   time.Time
	changed   time.Time
	changedBy relationship.PartyID
	reason    string
}

// ID returns the consent's identifier.
func (c Consent) ID() uuid.UUID { return c.id }

// Scope returns what the consent covers.
func (c Consent) Scope() Scope { return c.scope }

// State returns where the decision stands.
func (c Consent) State() ConsentState { return c.state }

// Decided returns when the client gave or refused consent.
func (c Consent) Decided() time.Time { return c.decided }

// Expires returns when a given consent lapses, and false if it does not.
func (c Consent) Expires() (time.Time, bool) { return c.expires, !c.expires.IsZero() }

// Changed returns when the consent was revoked or the refusal overridden,
// and by whom; the time is zero if neither happened.
func (c Consent) Changed() (time.Time, relationship.PartyID) { return c.changed, c.changedBy }

// OverrideReason returns the reason a supervisor gave for overriding the
// refusal, or "".
func (c Consent) OverrideReason() string { return c.reason }

// InForceAt reports whether the decision, taken alone, permits its purpose
// at time t: given and not yet expired, or a refusal overridden. Whether it
// governs its scope is for [Case.ConsentAt] to say.
func (c Consent) InForceAt(t time.Time) bool {
	switch c.state {
	case ConsentStateGiven:
		return c.expires.IsZero() || t.Before(c.expires)
	case ConsentStateOverridden:
		return true
	}
	return false
}

// ConsentGiven records the client's consent for a scope, with its expiry
// (the zero time for none).
type ConsentGiven struct {
	Consent uuid.UUID `json:"consent"`
	Scope   Scope     `json:"scope"`
	Expires time.Time `json:"expires"`
}

// ConsentRefused records the client's refusal for a scope.
type ConsentRefused struct {
	Consent uuid.UUID `json:"consent"`
	Scope   Scope     `json:"scope"`
}

// ConsentRevoked records the client taking back a consent.
type ConsentRevoked struct {
	Consent uuid.UUID `json:"consent"`
}

// RefusalOverridden records a supervisor setting a refusal aside, and why.
type RefusalOverridden struct {
	Consent uuid.UUID `json:"consent"`
	Reason  string    `json:"reason"`
}

// EventType implements [relationship.Event].
func (ConsentGiven) EventType() string { return "casework.consent-given.v1" }

// EventType implements [relationship.Event].
func (ConsentRefused) EventType() string { return "casework.consent-refused.v1" }

// EventType implements [relationship.Event].
func (ConsentRevoked) EventType() string { return "casework.consent-revoked.v1" }

// EventType implements [relationship.Event].
func (RefusalOverridden) EventType() string { return "casework.refusal-overridden.v1" }

// GiveConsent records the client's consent for a scope and returns its
// identifier. Only the client consents. expires is when the consent lapses;
// the zero time means it does not, and a time not after now is a
// [*InputError]. A scope with an invalid purpose, a plan scope naming a
// party or a disclosure or referral scope naming none is a [*InputError].
func (c *Case) GiveConsent(actor relationship.PartyID, scope Scope, expires time.Time) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := ConsentGiven{Consent: c.src.NewID(), Scope: scope.trimmed(), Expires: expires.UTC()}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Consent, nil
}

// RefuseConsent records the client's refusal for a scope and returns its
// identifier. Only the client refuses. A refusal withdraws any consent
// given before for the scope, and calls off any referral it covered.
func (c *Case) RefuseConsent(actor relationship.PartyID, scope Scope) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := ConsentRefused{Consent: c.src.NewID(), Scope: scope.trimmed()}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Consent, nil
}

// RevokeConsent takes back a consent the client gave. Only the client
// revokes, at any time, even after the case has closed. Revoking consent to
// a referral calls off the referral if it is pending or accepted.
func (c *Case) RevokeConsent(actor relationship.PartyID, consent uuid.UUID) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, ConsentRevoked{Consent: consent})
}

// OverrideRefusal sets a client's refusal aside: the supervisor of the
// assigned worker decides that the purpose goes ahead without the client's
// consent, and must say why. Only the refusal that governs its scope (the
// client's latest decision on it) can be overridden. The client may change
// the outcome again by a new decision of their own.
func (c *Case) OverrideRefusal(actor relationship.PartyID, refusal uuid.UUID, reason string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, RefusalOverridden{Consent: refusal, Reason: strings.TrimSpace(reason)})
}

func (s Scope) trimmed() Scope { return Scope{s.Purpose, strings.TrimSpace(s.To)} }

func (ConsentGiven) act() relationship.Act      { return ActGiveConsent }
func (ConsentRefused) act() relationship.Act    { return ActRefuseConsent }
func (ConsentRevoked) act() relationship.Act    { return ActRevokeConsent }
func (RefusalOverridden) act() relationship.Act { return ActOverrideRefusal }

func (e ConsentGiven) check() error {
	return errors.Join(requireID("consent", e.Consent), e.Scope.check(), checkTime("expires", e.Expires))
}
func (e ConsentRefused) check() error {
	return errors.Join(requireID("consent", e.Consent), e.Scope.check())
}
func (e ConsentRevoked) check() error { return requireID("consent", e.Consent) }
func (e RefusalOverridden) check() error {
	return errors.Join(requireID("consent", e.Consent), requireText("reason", e.Reason))
}

func (e ConsentGiven) validate(t *txn) error {
	if !e.Expires.IsZero() && !e.Expires.After(t.at) {
		return &InputError{Field: "expires", Value: e.Expires.Format(time.RFC3339), Err: relationship.ErrInvalidValue}
	}
	return t.s.fresh("consent", e.Consent)
}

func (e ConsentGiven) apply(t *txn) {
	t.s.decide(Consent{id: e.Consent, scope: e.Scope, state: ConsentStateGiven, decided: t.at, expires: e.Expires})
}

func (e ConsentRefused) validate(t *txn) error { return t.s.fresh("consent", e.Consent) }

func (e ConsentRefused) apply(t *txn) {
	t.s.decide(Consent{id: e.Consent, scope: e.Scope, state: ConsentStateRefused, decided: t.at})
	t.s.consentChanged(e.Scope, t.at)
}

func (e ConsentRevoked) validate(t *txn) error {
	return t.s.consentStep(e.Consent, ConsentStateRevoked, ConsentStateGiven)
}

func (e ConsentRevoked) apply(t *txn) {
	c := t.s.changeConsent(e.Consent, ConsentStateRevoked, t.at, t.actor.ID(), "")
	t.s.consentChanged(c.scope, t.at)
}

func (e RefusalOverridden) validate(t *txn) error {
	if err := t.s.consentStep(e.Consent, ConsentStateOverridden, ConsentStateRefused); err != nil {
		return err
	}
	c := t.s.consents[t.s.items[e.Consent].index]
	if t.s.consents[t.s.latest(c.scope)].id != c.id {
		return &StateError{Item: "consent", ID: c.id, From: "superseded by a later decision", To: ConsentStateOverridden.String()}
	}
	return nil
}

func (e RefusalOverridden) apply(t *txn) {
	t.s.changeConsent(e.Consent, ConsentStateOverridden, t.at, t.actor.ID(), e.Reason)
}

// decide adds a decision, which becomes the one governing its scope.
func (s *state) decide(c Consent) {
	s.issue(c.id, itemConsent, len(s.consents))
	s.consents = append(s.consents, c)
}

// latest returns the index of the decision governing scope, the last made
// on it, or -1 if there is none.
func (s *state) latest(scope Scope) int {
	for i := len(s.consents) - 1; i >= 0; i-- {
		if s.consents[i].scope == scope {
			return i
		}
	}
	return -1
}

func (s *state) consentStep(id uuid.UUID, to ConsentState, from ConsentState) error {
	i, err := s.find(itemConsent, id)
	if err != nil {
		return err
	}
	if st := s.consents[i].state; st != from {
		return &StateError{Item: "consent", ID: id, From: st.String(), To: to.String()}
	}
	return nil
}

func (s *state) changeConsent(id uuid.UUID, to ConsentState, at time.Time, by relationship.PartyID, reason string) Consent {
	c := &s.consents[s.items[id].index]
	c.state, c.changed, c.changedBy, c.reason = to, at, by, reason
	return *c
}

// consentInForce checks that the decision governing scope permits it at t.
func (s *state) consentInForce(scope Scope, at time.Time) error {
	i := s.latest(scope)
	if i < 0 {
		return &ConsentError{Scope: scope, Reason: "never given"}
	}
	c := s.consents[i]
	if c.InForceAt(at) {
		return nil
	}
	reason := c.state.String()
	if c.state == ConsentStateGiven {
		reason = "expired " + c.expires.Format(time.RFC3339)
	}
	return &ConsentError{Scope: scope, Reason: reason}
}

// ConsentAt returns the client's decision governing scope (their latest on
// it), and whether it permits the purpose at time t. It returns false and a
// zero Consent if the client has never decided on the scope.
func (c *Case) ConsentAt(scope Scope, t time.Time) (Consent, bool) {
	if c == nil {
		return Consent{}, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	i := c.st.latest(scope.trimmed())
	if i < 0 {
		return Consent{}, false
	}
	d := c.st.consents[i]
	return d, d.InForceAt(t)
}

// Consents yields every consent decision in the order it was made. It is a
// snapshot.
func (c *Case) Consents() iter.Seq[Consent] {
	if c == nil {
		return func(func(Consent) bool) {}
	}
	return snapshot(c, func(s *state) []Consent { return s.consents })
}

// Consent returns the consent decision with the given identifier.
func (c *Case) Consent(id uuid.UUID) (Consent, bool) {
	if c == nil {
		return Consent{}, false
	}
	return lookup(c, itemConsent, id, func(s *state) []Consent { return s.consents })
}

// checkTime checks that a time, if set, can be written in a record: a year
// from 1 to 9999.
func checkTime(field string, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return &InputError{Field: field, Value: t.String(), Err: relationship.ErrInvalidValue}
	}
	return nil
}
