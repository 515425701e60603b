package casework

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// ProvisionState is where a provision stands: proposed, then (above the
// agency's threshold) approved or declined by a supervisor, then authorised
// (given); a provision not yet given may be withdrawn.
//
// The zero ProvisionState is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type ProvisionState uint8

// The states of a provision.
const (
	// ProvisionStateProposed: put forward, not yet given.
	ProvisionStateProposed ProvisionState = iota + 1
	// ProvisionStateApproved: approved by a supervisor, not yet given.
	ProvisionStateApproved
	// ProvisionStateDeclined: declined by a supervisor; it has ended.
	ProvisionStateDeclined
	// ProvisionStateAuthorised: given; the resources left the agency's pool
	// and the exchange is in the case's ledger.
	ProvisionStateAuthorised
	// ProvisionStateWithdrawn: cancelled before it was given; it has ended.
	ProvisionStateWithdrawn
)

var provisionStates = enum.New[ProvisionState]("provision state", "unspecified",
	"proposed", "approved", "declined", "authorised", "withdrawn")

// ProvisionStates yields every valid provision state in order.
func ProvisionStates() iter.Seq[ProvisionState] { return provisionStates.Values() }

// ParseProvisionState returns the state named s, such as "approved".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseProvisionState(s string) (ProvisionState, error) { return provisionStates.ParseText(s) }

// IsValid reports whether s is one of the named states.
func (s ProvisionState) IsValid() bool { return provisionStates.Valid(s) }

// String returns the state's name.
func (s ProvisionState) String() string { return provisionStates.String(s) }

// MarshalText returns the state's name. An invalid state is an error.
func (s ProvisionState) MarshalText() ([]byte, error) { return provisionStates.Text(s) }

// UnmarshalText sets s to the state named by b. On error s is unchanged.
func (s *ProvisionState) UnmarshalText(b []byte) error { return provisionStates.Unmarshal(b, s) }

// Provision is concrete help from the agency's pool: coal, food, rent. It
// is where casework's asymmetry is sharpest: the agency holds the
// resources, the worker decides (with a supervisor, above the agency's
// threshold) what the client receives, and the client receives. When a
// provision is authorised, the resources leave the pool and the case's
// ledger records a material exchange from the worker, giving on the
// agency's behalf, to the client.
//
// The charity organisation societies gave little relief themselves: they
// investigated and co-ordinated, and gave only as part of a plan. The
// package keeps that rule: provisions are proposed and given during
// treatment.
//
// Provision is an immutable value: a copy of the provision as it stood when
// read.
type Provision struct {
	id            uuid.UUID
	resource      Resource
	unit          string
	quantity      int64
	purpose       string
	needsApproval bool
	state         ProvisionState
	proposedBy    relationship.PartyID
	proposed      time.Time
	decidedBy     relationship.PartyID // approved, declined, authorised or withdrawn by
	decided       time.Time
	reason        string
	exchange      uuid.UUID
}

// ID returns the provision's identifier.
func (p Provision) ID() uuid.UUID { return p.id }

// Resource returns the resource provided.
func (p Provision) Resource() Resource { return p.resource }

// Quantity returns how much, and in which unit.
func (p Provision) Quantity() (int64, string) { return p.quantity, p.unit }

// Purpose returns what the provision is for.
func (p Provision) Purpose() string { return p.purpose }

// NeedsApproval reports whether the quantity is above the agency's
// threshold, so that a supervisor must approve it before it is given.
func (p Provision) NeedsApproval() bool { return p.needsApproval }

// State returns where the provision stands.
func (p Provision) State() ProvisionState { return p.state }

// ProposedBy returns who proposed the provision, and when.
func (p Provision) ProposedBy() (relationship.PartyID, time.Time) { return p.proposedBy, p.proposed }

// DecidedBy returns who last moved the provision on (approved, declined,
// authorised or withdrew it), and when; zero values if no one has.
func (p Provision) DecidedBy() (relationship.PartyID, time.Time) { return p.decidedBy, p.decided }

// Reason returns why the provision was declined or withdrawn, or "".
func (p Provision) Reason() string { return p.reason }

// Exchange returns the identifier of the ledger exchange that gave the
// provision, or uuid.Nil if it has not been given.
func (p Provision) Exchange() uuid.UUID { return p.exchange }

// ProvisionProposed records a provision put forward.
type ProvisionProposed struct {
	Provision uuid.UUID `json:"provision"`
	Resource  Resource  `json:"resource"`
	Quantity  int64     `json:"quantity"`
	Purpose   string    `json:"purpose"`
}

// ProvisionApproved records a supervisor's approval.
type ProvisionApproved struct {
	Provision uuid.UUID `json:"provision"`
}

// ProvisionDeclined records a supervisor's refusal, and why.
type ProvisionDeclined struct {
	Provision uuid.UUID `json:"provision"`
	Reason    string    `json:"reason"`
}

// ProvisionAuthorised records the provision given: the resources drawn from
// the pool and the exchange that carried them to the client.
type ProvisionAuthorised struct {
	Provision uuid.UUID `json:"provision"`
	Exchange  uuid.UUID `json:"exchange"`
}

// ProvisionWithdrawn records a provision cancelled before it was given.
type ProvisionWithdrawn struct {
	Provision uuid.UUID `json:"provision"`
	Reason    string    `json:"reason"`
}

// EventType implements [relationship.Event].
func (ProvisionProposed) EventType() string { return "casework.provision-proposed.v1" }

// EventType implements [relationship.Event].
func (ProvisionApproved) EventType() string { return "casework.provision-approved.v1" }

// EventType implements [relationship.Event].
func (ProvisionDeclined) EventType() string { return "casework.provision-declined.v1" }

// EventType implements [relationship.Event].
func (ProvisionAuthorised) EventType() string { return "casework.provision-authorised.v1" }

// EventType implements [relationship.Event].
func (ProvisionWithdrawn) EventType() string { return "casework.provision-withdrawn.v1" }

// ProposeProvision proposes to give the client quantity units of a
// resource, for a purpose, and returns the provision's identifier. The
// assigned worker or their supervisor proposes, during treatment. The
// resource must be one of the agency's ([*InputError] wrapping
// [ErrUnknownResource]), the quantity positive ([*InputError] wrapping
// [relationship.ErrInvalidQuantity]) and the purpose stated. A quantity above
// the agency's threshold for the resource will need a supervisor's approval.
func (c *Case) ProposeProvision(actor relationship.PartyID, r Resource, quantity int64, purpose string) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := ProvisionProposed{Provision: c.src.NewID(), Resource: r, Quantity: quantity, Purpose: strings.TrimSpace(purpose)}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Provision, nil
}

// ApproveProvision is the supervisor's approval of a proposed provision,
// during treatment. Only the supervisor of the assigned worker approves, and
// never their own proposal ([*relationship.PermissionError] wrapping [ErrSelfApproval]).
func (c *Case) ApproveProvision(actor relationship.PartyID, provision uuid.UUID) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, ProvisionApproved{Provision: provision})
}

// DeclineProvision is the supervisor's refusal of a proposed provision, with
// a reason, during treatment.
func (c *Case) DeclineProvision(actor relationship.PartyID, provision uuid.UUID, reason string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, ProvisionDeclined{Provision: provision, Reason: strings.TrimSpace(reason)})
}

// AuthoriseProvision gives a provision: the resources leave the agency's
// pool and pass, as a material exchange in the ledger, from the assigned
// worker to the client. Only the assigned worker authorises, during
// treatment, and where the case requires plan consent, only while it is in
// force ([*ConsentError]). A provision above the threshold must have been
// approved ([*ApprovalError]); the pool must hold enough ([*ResourceError]).
// A case without its agency cannot give ([ErrDetached]).
func (c *Case) AuthoriseProvision(actor relationship.PartyID, provision uuid.UUID) error {
	if c == nil {
		return relationship.Nil("case")
	}
	exchange := c.src.NewID()
	return c.doWith(actor, func(s *state) (change, agencyEvent, error) {
		draw := StockDrawn{Case: s.id, Provision: provision}
		if i, err := s.find(itemProvision, provision); err == nil {
			p := &s.provisions[i]
			draw.Resource, draw.Quantity = p.resource, p.quantity
		}
		return ProvisionAuthorised{Provision: provision, Exchange: exchange}, draw, nil
	})
}

// WithdrawProvision cancels a provision not yet given, with a reason. The
// assigned worker or their supervisor withdraws, in any phase.
func (c *Case) WithdrawProvision(actor relationship.PartyID, provision uuid.UUID, reason string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.do(actor, ProvisionWithdrawn{Provision: provision, Reason: strings.TrimSpace(reason)})
}

func (ProvisionProposed) act() relationship.Act   { return ActProposeProvision }
func (ProvisionApproved) act() relationship.Act   { return ActApproveProvision }
func (ProvisionDeclined) act() relationship.Act   { return ActDeclineProvision }
func (ProvisionAuthorised) act() relationship.Act { return ActAuthoriseProvision }
func (ProvisionWithdrawn) act() relationship.Act  { return ActWithdrawProvision }

func (e ProvisionProposed) check() error {
	errs := []error{requireID("provision", e.Provision), requireText("purpose", e.Purpose)}
	if !e.Resource.IsValid() {
		errs = append(errs, &InputError{Field: "resource", Value: string(e.Resource), Err: ErrUnknownResource})
	}
	if e.Quantity <= 0 || e.Quantity > maxQuantity {
		errs = append(errs, &InputError{Field: "quantity", Value: fmt.Sprint(e.Quantity), Err: relationship.ErrInvalidQuantity})
	}
	return errors.Join(errs...)
}
func (e ProvisionApproved) check() error { return requireID("provision", e.Provision) }
func (e ProvisionDeclined) check() error {
	return errors.Join(requireID("provision", e.Provision), requireText("reason", e.Reason))
}
func (e ProvisionAuthorised) check() error {
	return errors.Join(requireID("provision", e.Provision), requireID("exchange", e.Exchange))
}
func (e ProvisionWithdrawn) check() error {
	return errors.Join(requireID("provision", e.Provision), requireText("reason", e.Reason))
}

func (e ProvisionProposed) validate(t *txn) error {
	if err := t.inPhase(ActProposeProvision, PhaseTreatment); err != nil {
		return err
	}
	if _, ok := t.s.resource(e.Resource); !ok {
		return &InputError{Field: "resource", Value: string(e.Resource), Err: ErrUnknownResource}
	}
	return t.s.fresh("provision", e.Provision)
}

func (e ProvisionProposed) apply(t *txn) {
	terms, _ := t.s.resource(e.Resource)
	t.s.issue(e.Provision, itemProvision, len(t.s.provisions))
	t.s.provisions = append(t.s.provisions, Provision{
		id: e.Provision, resource: e.Resource, unit: terms.Unit, quantity: e.Quantity, purpose: e.Purpose,
		needsApproval: e.Quantity > terms.ApprovalAbove, state: ProvisionStateProposed,
		proposedBy: t.actor.ID(), proposed: t.at,
	})
}

func (e ProvisionApproved) validate(t *txn) error {
	if err := t.inPhase(ActApproveProvision, PhaseTreatment); err != nil {
		return err
	}
	if err := t.s.provisionStep(e.Provision, ProvisionStateApproved, ProvisionStateProposed); err != nil {
		return err
	}
	if p := t.s.provision(e.Provision); p.proposedBy == t.actor.ID() {
		return relationship.Refuse(t.actor, ActApproveProvision,
			"the proposer of a provision may not approve it", ErrSelfApproval)
	}
	return nil
}

func (e ProvisionApproved) apply(t *txn) {
	t.s.moveProvision(e.Provision, ProvisionStateApproved, t, "")
}

func (e ProvisionDeclined) validate(t *txn) error {
	if err := t.inPhase(ActDeclineProvision, PhaseTreatment); err != nil {
		return err
	}
	return t.s.provisionStep(e.Provision, ProvisionStateDeclined, ProvisionStateProposed)
}

func (e ProvisionDeclined) apply(t *txn) {
	t.s.moveProvision(e.Provision, ProvisionStateDeclined, t, e.Reason)
}

func (e ProvisionAuthorised) validate(t *txn) error {
	if err := t.inPhase(ActAuthoriseProvision, PhaseTreatment); err != nil {
		return err
	}
	err := t.s.provisionStep(e.Provision, ProvisionStateAuthorised, ProvisionStateProposed, ProvisionStateApproved)
	if err != nil {
		return err
	}
	p := t.s.provision(e.Provision)
	if p.needsApproval && p.state != ProvisionStateApproved {
		terms, _ := t.s.resource(p.resource)
		return &ApprovalError{Provision: p.id, Resource: p.resource, Quantity: p.quantity, Threshold: terms.ApprovalAbove}
	}
	if err := t.s.planConsented(t.at); err != nil {
		return err
	}
	support, err := relationship.NewMaterial(p.purpose, float64(p.quantity), p.unit)
	if err != nil {
		return err
	}
	return t.exchange("exchange", e.Exchange, support)
}

func (e ProvisionAuthorised) apply(t *txn) {
	p := t.s.moveProvision(e.Provision, ProvisionStateAuthorised, t, "")
	p.exchange = e.Exchange
	t.record()
}

func (e ProvisionWithdrawn) validate(t *txn) error {
	return t.s.provisionStep(e.Provision, ProvisionStateWithdrawn, ProvisionStateProposed, ProvisionStateApproved)
}

func (e ProvisionWithdrawn) apply(t *txn) {
	t.s.moveProvision(e.Provision, ProvisionStateWithdrawn, t, e.Reason)
}

func (s *state) provision(id uuid.UUID) *Provision { return &s.provisions[s.items[id].index] }

// provisionStep checks that provision id exists and is in one of the states
// from.
func (s *state) provisionStep(id uuid.UUID, to ProvisionState, from ...ProvisionState) error {
	i, err := s.find(itemProvision, id)
	if err != nil {
		return err
	}
	for _, f := range from {
		if s.provisions[i].state == f {
			return nil
		}
	}
	return &StateError{Item: "provision", ID: id, From: s.provisions[i].state.String(), To: to.String()}
}

func (s *state) moveProvision(id uuid.UUID, to ProvisionState, t *txn, reason string) *Provision {
	p := s.provision(id)
	p.state, p.decidedBy, p.decided, p.reason = to, t.actor.ID(), t.at, reason
	return p
}

// Provisions yields the case's provisions in the order they were proposed.
// It is a snapshot.
func (c *Case) Provisions() iter.Seq[Provision] {
	if c == nil {
		return func(func(Provision) bool) {}
	}
	return snapshot(c, func(s *state) []Provision { return s.provisions })
}

// Provision returns the provision with the given identifier.
func (c *Case) Provision(id uuid.UUID) (Provision, bool) {
	if c == nil {
		return Provision{}, false
	}
	return lookup(c, itemProvision, id, func(s *state) []Provision { return s.provisions })
}
