package casework

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// agencyState is everything an agency knows, as plain data: an agency
// rebuilt from its record has a state equal to the original's. Only apply
// methods of agency events change it.
type agencyState struct {
	id         relationship.PartyID
	name       string
	policy     string // the name of the eligibility policy
	concurrent bool   // a client may hold several open cases

	stock  []Stock // in declared order; Quantity is what is left
	staff  []staffState
	staffX map[relationship.PartyID]int

	cases    map[uuid.UUID]caseInfo
	order    []uuid.UUID                          // every case, in the order opened
	caseload map[relationship.PartyID][]uuid.UUID // open cases per worker
	openBy   map[relationship.PartyID]int         // open cases per client
}

// staffState is one person on the roster.
type staffState struct {
	id         relationship.PartyID
	name       string
	role       relationship.Role
	supervisor relationship.PartyID
	max        int
	active     bool
}

func (m *staffState) public() StaffMember {
	return StaffMember{ID: m.id, Name: m.name, Role: m.role, Supervisor: m.supervisor, MaxCaseload: m.max, Active: m.active}
}

func (m *staffState) party() relationship.Party { return party(m.id, m.name, m.role) }

// caseInfo is what the agency knows of one of its cases.
type caseInfo struct {
	client, worker relationship.PartyID
	open           bool
}

func (ci caseInfo) summary(id uuid.UUID) CaseSummary {
	return CaseSummary{ID: id, Client: ci.client, Worker: ci.worker, Open: ci.open}
}

func (s *agencyState) find(r Resource) int {
	return slices.IndexFunc(s.stock, func(st Stock) bool { return st.Resource == r })
}

// member returns the roster entry of id, or nil.
func (s *agencyState) member(id relationship.PartyID) *staffState {
	if i, ok := s.staffX[id]; ok {
		return &s.staff[i]
	}
	return nil
}

// worker returns a roster worker as a Worker value.
func (s *agencyState) worker(m *staffState) Worker {
	sup := s.member(m.supervisor)
	return Worker{id: m.id, name: m.name, supervisor: Supervisor{id: sup.id, name: sup.name}, maxCaseload: m.max}
}

// activeAs returns the current staff member id in one of the roles, or a
// [*InputError] wrapping [ErrNotStaff].
func (s *agencyState) activeAs(field string, id relationship.PartyID, roles ...relationship.Role) (*staffState, error) {
	m := s.member(id)
	if m == nil || !m.active || !slices.Contains(roles, m.role) {
		return nil, &InputError{Field: field, Value: id.String(), Err: ErrNotStaff}
	}
	return m, nil
}

// The events of an agency's record.

// AgencyFounded is the first entry of an agency's record: its identity,
// its policies and the stock it starts with.
type AgencyFounded struct {
	Agency          relationship.PartyID `json:"agency"`
	Name            string               `json:"name"`
	Policy          string               `json:"policy"`
	ConcurrentCases bool                 `json:"concurrent_cases"`
	Stock           []Stock              `json:"stock"`
}

// StaffAppointed records a worker or a supervisor joining the agency's
// roster, or returning to it.
type StaffAppointed struct {
	Staff       relationship.PartyID `json:"staff"`
	Name        string               `json:"name"`
	Role        relationship.Role    `json:"role"`
	Supervisor  relationship.PartyID `json:"supervisor"`   // a worker's supervisor
	MaxCaseload int                  `json:"max_caseload"` // a worker's limit, 0 for none
}

// AppointmentEnded records a member of staff leaving the roster.
type AppointmentEnded struct {
	Staff  relationship.PartyID `json:"staff"`
	Reason string               `json:"reason"`
}

// StockReceived records resources added to the pool: a donation, a
// delivery.
type StockReceived struct {
	Resource Resource `json:"resource"`
	Quantity int64    `json:"quantity"`
}

// ResourceTermsSet records a resource added to the pool's terms, or its
// approval threshold changed. Cases already open keep the terms they were
// opened under.
type ResourceTermsSet struct {
	Terms ResourceTerms `json:"terms"`
}

// CaseloadLimitSet records a worker's new limit of open cases.
type CaseloadLimitSet struct {
	Worker relationship.PartyID `json:"worker"`
	Max    int                  `json:"max"`
}

// PolicySet records the agency's eligibility policy, and whether a client
// may hold several open cases, from now on.
type PolicySet struct {
	Policy          string `json:"policy"`
	ConcurrentCases bool   `json:"concurrent_cases"`
}

// CaseAssigned records that a case came to a worker's caseload: opened,
// transferred to them, or reopened. It is made together with the case's
// own entry.
type CaseAssigned struct {
	Case   uuid.UUID            `json:"case"`
	Client relationship.PartyID `json:"client"`
	Worker relationship.PartyID `json:"worker"`
}

// CaseReleased records that a case left its worker's caseload: closed or
// withdrawn. It is made together with the case's own entry.
type CaseReleased struct {
	Case uuid.UUID `json:"case"`
}

// StockDrawn records resources leaving the pool for a case's provision. It
// is made together with the case's [ProvisionAuthorised].
type StockDrawn struct {
	Case      uuid.UUID `json:"case"`
	Provision uuid.UUID `json:"provision"`
	Resource  Resource  `json:"resource"`
	Quantity  int64     `json:"quantity"`
}

// EventType implements [relationship.Event].
func (AgencyFounded) EventType() string { return "casework.agency-founded.v1" }

// EventType implements [relationship.Event].
func (StaffAppointed) EventType() string { return "casework.staff-appointed.v1" }

// EventType implements [relationship.Event].
func (AppointmentEnded) EventType() string { return "casework.appointment-ended.v1" }

// EventType implements [relationship.Event].
func (StockReceived) EventType() string { return "casework.stock-received.v1" }

// EventType implements [relationship.Event].
func (ResourceTermsSet) EventType() string { return "casework.resource-terms-set.v1" }

// EventType implements [relationship.Event].
func (CaseloadLimitSet) EventType() string { return "casework.caseload-limit-set.v1" }

// EventType implements [relationship.Event].
func (PolicySet) EventType() string { return "casework.policy-set.v1" }

// EventType implements [relationship.Event].
func (CaseAssigned) EventType() string { return "casework.case-assigned.v1" }

// EventType implements [relationship.Event].
func (CaseReleased) EventType() string { return "casework.case-released.v1" }

// EventType implements [relationship.Event].
func (StockDrawn) EventType() string { return "casework.stock-drawn.v1" }

func init() {
	relationship.RegisterEvent[AgencyFounded]()
	relationship.RegisterEvent[StaffAppointed]()
	relationship.RegisterEvent[AppointmentEnded]()
	relationship.RegisterEvent[StockReceived]()
	relationship.RegisterEvent[ResourceTermsSet]()
	relationship.RegisterEvent[CaseloadLimitSet]()
	relationship.RegisterEvent[PolicySet]()
	relationship.RegisterEvent[CaseAssigned]()
	relationship.RegisterEvent[CaseReleased]()
	relationship.RegisterEvent[StockDrawn]()
}

// agencyEvent is an event of an agency's record.
type agencyEvent interface {
	relationship.Event
	act() relationship.Act
	check() error                                          // the event's own fields
	validate(r *agencyRules, c *relationship.Change) error // against the state
	apply(s *agencyState, c *relationship.Change)
}

// agencyRules are an agency's [relationship.Rules].
type agencyRules struct{ a *Agency }

var _ relationship.Rules = (*agencyRules)(nil)

func (r *agencyRules) Stream() string               { return AgencyStreamName(r.a.st.id) }
func (r *agencyRules) Rights() *relationship.Rights { return agencyRights }

func (r *agencyRules) Act(ev relationship.Event) (relationship.Act, bool) {
	e, ok := ev.(agencyEvent)
	if !ok {
		return "", false
	}
	return e.act(), true
}

func (r *agencyRules) Begins(ev relationship.Event) bool {
	_, ok := ev.(AgencyFounded)
	return ok
}

// Actor finds who acts on the agency: the agency itself (its board or
// director, in its own name), a current member of its staff, or, for the
// release of a case the client withdraws from, that case's client.
func (r *agencyRules) Actor(c *relationship.Change) (relationship.Party, error) {
	s, id := &r.a.st, c.Entry.Actor()
	switch ev := c.Entry.Event().(type) {
	case AgencyFounded:
		if id != ev.Agency {
			return relationship.Party{}, &relationship.PartyError{Party: id}
		}
		return party(id, ev.Name, relationship.RoleAgency), nil
	case CaseReleased:
		if ci, ok := s.cases[ev.Case]; ok && ci.client == id {
			return party(id, "client", relationship.RoleClient), nil
		}
	}
	if id == s.id {
		return party(s.id, s.name, relationship.RoleAgency), nil
	}
	if m := s.member(id); m != nil && m.active {
		return m.party(), nil
	}
	if act := c.Entry.Act(); act == ActAssignCase || act == ActReleaseCase || act == ActDrawStock {
		// A party to one of the agency's cases who is not on its roster
		// now: a worker never appointed, or gone.
		return relationship.Party{}, &relationship.PermissionError{Actor: id, Act: act, Err: ErrNotStaff,
			Rule: "only staff on the agency's roster act in its cases"}
	}
	return relationship.Party{}, &relationship.PartyError{Party: id}
}

// rosterWorker returns the worker as the roster has them, when the roster
// has them as a current worker under the same name and supervisor; a
// worker the roster knows otherwise is a [*InputError] wrapping
// [ErrNotStaff]. A worker the roster does not know is returned as given:
// the agency's own check refuses them, after the case's.
func (s *agencyState) rosterWorker(field string, w Worker) (Worker, error) {
	m := s.member(w.id)
	if m == nil || !m.active || m.role != relationship.RoleWorker {
		return w, nil
	}
	roster := s.worker(m)
	if roster.name != w.name || roster.supervisor != w.supervisor {
		return Worker{}, &InputError{Field: field, Value: w.id.String(), Err: ErrNotStaff}
	}
	return roster, nil
}

func (r *agencyRules) Validate(ev relationship.Event) error {
	if err := ev.(agencyEvent).check(); err != nil {
		return err
	}
	return relationship.CheckTextsIn(ev)
}

func (r *agencyRules) Check(c *relationship.Change) error {
	return c.Entry.Event().(agencyEvent).validate(r, c)
}

func (r *agencyRules) Apply(c *relationship.Change) {
	c.Entry.Event().(agencyEvent).apply(&r.a.st, c)
}

// AgencyFounded

func (AgencyFounded) act() relationship.Act { return ActFoundAgency }

func (e AgencyFounded) check() error {
	errs := []error{requireParty("agency id", e.Agency), requireText("agency name", e.Name), requireText("policy", e.Policy)}
	seen := make(map[Resource]bool, len(e.Stock))
	for i, st := range e.Stock {
		field := fmt.Sprintf("stock[%d]", i)
		errs = append(errs, ResourceTerms{st.Resource, st.Unit, st.ApprovalAbove}.check(field))
		if st.Quantity < 0 || st.Quantity > maxQuantity {
			errs = append(errs, &InputError{Field: field + " quantity", Value: fmt.Sprint(st.Quantity), Err: relationship.ErrInvalidQuantity})
		}
		if seen[st.Resource] {
			errs = append(errs, &InputError{Field: field, Value: string(st.Resource), Err: ErrDuplicateID})
		}
		seen[st.Resource] = true
	}
	return errors.Join(errs...)
}

func (e AgencyFounded) validate(r *agencyRules, _ *relationship.Change) error {
	return r.policyKnown(e.Policy)
}

// policyKnown checks that this copy of the agency can apply the policy
// named.
func (r *agencyRules) policyKnown(name string) error {
	if _, ok := r.a.policies[name]; !ok {
		return &InputError{Field: "policy", Value: name, Err: ErrUnknownPolicy}
	}
	return nil
}

func (e AgencyFounded) apply(s *agencyState, _ *relationship.Change) {
	*s = agencyState{
		id: e.Agency, name: e.Name, policy: e.Policy, concurrent: e.ConcurrentCases,
		stock: slices.Clone(e.Stock), staffX: map[relationship.PartyID]int{},
		cases: map[uuid.UUID]caseInfo{}, caseload: map[relationship.PartyID][]uuid.UUID{},
		openBy: map[relationship.PartyID]int{},
	}
}

// StaffAppointed

func (StaffAppointed) act() relationship.Act { return ActAppointStaff }

func (e StaffAppointed) check() error {
	errs := []error{requireParty("staff id", e.Staff), requireText("staff name", e.Name)}
	switch e.Role {
	case relationship.RoleWorker:
		errs = append(errs, requireParty("supervisor id", e.Supervisor))
		if e.Supervisor == e.Staff && !e.Staff.IsZero() {
			errs = append(errs, &InputError{Field: "supervisor id", Value: e.Staff.String(), Err: ErrDuplicateID})
		}
		if e.MaxCaseload < 0 {
			errs = append(errs, &InputError{Field: "max caseload", Value: fmt.Sprint(e.MaxCaseload), Err: relationship.ErrInvalidValue})
		}
	case relationship.RoleSupervisor:
		if !e.Supervisor.IsZero() || e.MaxCaseload != 0 {
			errs = append(errs, &InputError{Field: "supervisor", Err: relationship.ErrInvalidValue})
		}
	default:
		errs = append(errs, &InputError{Field: "role", Value: e.Role.String(), Err: relationship.ErrInvalidValue})
	}
	return errors.Join(errs...)
}

func (e StaffAppointed) validate(r *agencyRules, _ *relationship.Change) error {
	s := &r.a.st
	if e.Staff == s.id {
		return &InputError{Field: "staff id", Value: e.Staff.String(), Err: ErrDuplicateID}
	}
	if m := s.member(e.Staff); m != nil && (m.active || m.role != e.Role) {
		return &InputError{Field: "staff id", Value: e.Staff.String(), Err: ErrDuplicateID}
	}
	if e.Role == relationship.RoleWorker {
		_, err := s.activeAs("supervisor id", e.Supervisor, relationship.RoleSupervisor)
		return err
	}
	return nil
}

func (e StaffAppointed) apply(s *agencyState, _ *relationship.Change) {
	m := staffState{id: e.Staff, name: e.Name, role: e.Role, supervisor: e.Supervisor, max: e.MaxCaseload, active: true}
	if i, ok := s.staffX[e.Staff]; ok {
		s.staff[i] = m
		return
	}
	s.staffX[e.Staff] = len(s.staff)
	s.staff = append(s.staff, m)
}

// AppointmentEnded

func (AppointmentEnded) act() relationship.Act { return ActEndAppointment }

func (e AppointmentEnded) check() error {
	return errors.Join(requireParty("staff id", e.Staff), requireText("reason", e.Reason))
}

func (e AppointmentEnded) validate(r *agencyRules, _ *relationship.Change) error {
	s := &r.a.st
	m, err := s.activeAs("staff id", e.Staff, relationship.RoleWorker, relationship.RoleSupervisor)
	if err != nil {
		return err
	}
	if len(s.caseload[m.id]) > 0 {
		return &InputError{Field: "staff id", Value: m.id.String(), Err: ErrStaffBusy}
	}
	for i := range s.staff {
		if w := &s.staff[i]; w.active && w.supervisor == m.id {
			return &InputError{Field: "staff id", Value: m.id.String(), Err: ErrStaffBusy}
		}
	}
	return nil
}

func (e AppointmentEnded) apply(s *agencyState, _ *relationship.Change) {
	s.member(e.Staff).active = false
}

// StockReceived

func (StockReceived) act() relationship.Act { return ActReceiveStock }

func (e StockReceived) check() error { return checkQuantity(e.Resource, e.Quantity) }

// checkQuantity checks a resource name and a positive quantity.
func checkQuantity(r Resource, q int64) error {
	var errs []error
	if !r.IsValid() {
		errs = append(errs, &InputError{Field: "resource", Value: string(r), Err: ErrUnknownResource})
	}
	if q <= 0 || q > maxQuantity {
		errs = append(errs, &InputError{Field: "quantity", Value: fmt.Sprint(q), Err: relationship.ErrInvalidQuantity})
	}
	return errors.Join(errs...)
}

func (e StockReceived) validate(r *agencyRules, _ *relationship.Change) error {
	s := &r.a.st
	i := s.find(e.Resource)
	switch {
	case i < 0:
		return &InputError{Field: "resource", Value: string(e.Resource), Err: ErrUnknownResource}
	case s.stock[i].Quantity > maxQuantity-e.Quantity:
		return &InputError{Field: "quantity", Value: fmt.Sprint(e.Quantity), Err: relationship.ErrInvalidQuantity}
	}
	return nil
}

func (e StockReceived) apply(s *agencyState, _ *relationship.Change) {
	s.stock[s.find(e.Resource)].Quantity += e.Quantity
}

// ResourceTermsSet

func (ResourceTermsSet) act() relationship.Act { return ActSetResourceTerms }

func (e ResourceTermsSet) check() error { return e.Terms.check("terms") }

func (e ResourceTermsSet) validate(r *agencyRules, _ *relationship.Change) error {
	s := &r.a.st
	if i := s.find(e.Terms.Resource); i >= 0 && s.stock[i].Unit != e.Terms.Unit {
		return &InputError{Field: "terms unit", Value: e.Terms.Unit, Err: relationship.ErrInvalidValue}
	}
	return nil
}

func (e ResourceTermsSet) apply(s *agencyState, _ *relationship.Change) {
	if i := s.find(e.Terms.Resource); i >= 0 {
		s.stock[i].ApprovalAbove = e.Terms.ApprovalAbove
		return
	}
	s.stock = append(s.stock, Stock{Resource: e.Terms.Resource, Unit: e.Terms.Unit, ApprovalAbove: e.Terms.ApprovalAbove})
}

// CaseloadLimitSet

func (CaseloadLimitSet) act() relationship.Act { return ActSetCaseloadLimit }

func (e CaseloadLimitSet) check() error {
	if e.Max < 0 {
		return &InputError{Field: "max caseload", Value: fmt.Sprint(e.Max), Err: relationship.ErrInvalidValue}
	}
	return requireParty("worker id", e.Worker)
}

func (e CaseloadLimitSet) validate(r *agencyRules, c *relationship.Change) error {
	m, err := r.a.st.activeAs("worker id", e.Worker, relationship.RoleWorker)
	if err != nil {
		return err
	}
	if c.Actor.Role() == relationship.RoleSupervisor && m.supervisor != c.Actor.ID() {
		return relationship.Refuse(c.Actor, ActSetCaseloadLimit,
			"a supervisor sets the caseload only of the workers they supervise", ErrNotAssigned)
	}
	return nil
}

func (e CaseloadLimitSet) apply(s *agencyState, _ *relationship.Change) {
	s.member(e.Worker).max = e.Max
}

// PolicySet

func (PolicySet) act() relationship.Act { return ActSetPolicy }

func (e PolicySet) check() error { return requireText("policy", e.Policy) }

func (e PolicySet) validate(r *agencyRules, _ *relationship.Change) error {
	return r.policyKnown(e.Policy)
}

func (e PolicySet) apply(s *agencyState, _ *relationship.Change) {
	s.policy, s.concurrent = e.Policy, e.ConcurrentCases
}

// CaseAssigned

func (CaseAssigned) act() relationship.Act { return ActAssignCase }

func (e CaseAssigned) check() error {
	return errors.Join(requireID("case", e.Case), requireParty("client", e.Client), requireParty("worker", e.Worker))
}

func (e CaseAssigned) validate(r *agencyRules, _ *relationship.Change) error {
	s := &r.a.st
	m, err := s.activeAs("worker", e.Worker, relationship.RoleWorker)
	if err != nil {
		return err
	}
	ci, known := s.cases[e.Case]
	switch {
	case known && ci.client != e.Client:
		return &InputError{Field: "client", Value: e.Client.String(), Err: ErrWrongAgency}
	case known && ci.open && ci.worker == e.Worker:
		return &InputError{Field: "worker", Value: e.Worker.String(), Err: ErrDuplicateID}
	}
	if m.max > 0 && len(s.caseload[m.id]) >= m.max {
		return &CaseloadError{Worker: m.id, Max: m.max}
	}
	if !s.concurrent && s.openBy[e.Client] > 0 && !(known && ci.open) {
		return &InputError{Field: "client", Value: e.Client.String(), Err: ErrSecondCase}
	}
	return nil
}

func (e CaseAssigned) apply(s *agencyState, _ *relationship.Change) {
	ci, known := s.cases[e.Case]
	switch {
	case !known:
		s.order = append(s.order, e.Case)
		s.openBy[e.Client]++
	case ci.open:
		s.release(ci.worker, e.Case)
	default:
		s.openBy[e.Client]++
	}
	s.cases[e.Case] = caseInfo{client: e.Client, worker: e.Worker, open: true}
	s.caseload[e.Worker] = append(s.caseload[e.Worker], e.Case)
}

// release removes a case from a worker's caseload.
func (s *agencyState) release(worker relationship.PartyID, id uuid.UUID) {
	ids := slices.DeleteFunc(s.caseload[worker], func(x uuid.UUID) bool { return x == id })
	if len(ids) == 0 {
		delete(s.caseload, worker)
		return
	}
	s.caseload[worker] = ids
}

// CaseReleased

func (CaseReleased) act() relationship.Act { return ActReleaseCase }

func (e CaseReleased) check() error { return requireID("case", e.Case) }

func (e CaseReleased) validate(r *agencyRules, _ *relationship.Change) error {
	if ci, ok := r.a.st.cases[e.Case]; !ok || !ci.open {
		return &NotFoundError{Item: "open case", ID: e.Case}
	}
	return nil
}

func (e CaseReleased) apply(s *agencyState, _ *relationship.Change) {
	ci := s.cases[e.Case]
	s.release(ci.worker, e.Case)
	if s.openBy[ci.client]--; s.openBy[ci.client] == 0 {
		delete(s.openBy, ci.client)
	}
	ci.open = false
	s.cases[e.Case] = ci
}

// StockDrawn

func (StockDrawn) act() relationship.Act { return ActDrawStock }

func (e StockDrawn) check() error {
	return errors.Join(requireID("case", e.Case), requireID("provision", e.Provision), checkQuantity(e.Resource, e.Quantity))
}

func (e StockDrawn) validate(r *agencyRules, c *relationship.Change) error {
	s := &r.a.st
	ci, ok := s.cases[e.Case]
	switch {
	case !ok || !ci.open:
		return &NotFoundError{Item: "open case", ID: e.Case}
	case ci.worker != c.Actor.ID():
		return relationship.Refuse(c.Actor, ActDrawStock,
			"only the worker assigned to the case draws on the pool for it", ErrNotAssigned)
	}
	i := s.find(e.Resource)
	if i < 0 {
		return &InputError{Field: "resource", Value: string(e.Resource), Err: ErrUnknownResource}
	}
	if st := s.stock[i]; st.Quantity < e.Quantity {
		return &ResourceError{Resource: e.Resource, Unit: st.Unit, Requested: e.Quantity, Available: st.Quantity}
	}
	return nil
}

func (e StockDrawn) apply(s *agencyState, _ *relationship.Change) {
	s.stock[s.find(e.Resource)].Quantity -= e.Quantity
}

// The calls that change an agency.

// AppointSupervisor puts a supervisor on the agency's roster, or back on
// it. Only the agency appoints (in its own name: actor is the agency's
// identifier). A supervisor already on the roster, or someone who served
// in another role, is a [*InputError] wrapping [ErrDuplicateID].
func (a *Agency) AppointSupervisor(actor relationship.PartyID, s Supervisor) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	return a.do(actor, StaffAppointed{Staff: s.id, Name: s.name, Role: relationship.RoleSupervisor})
}

// AppointWorker puts a worker on the agency's roster, or back on it, under
// their supervisor, who must be on the roster already ([*InputError]
// wrapping [ErrNotStaff] otherwise), with their caseload limit. Only the
// agency appoints.
func (a *Agency) AppointWorker(actor relationship.PartyID, w Worker) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if m := a.st.member(w.supervisor.id); m != nil && m.name != w.supervisor.name {
		return &InputError{Field: "supervisor name", Err: ErrNotStaff}
	}
	return a.eng.Do(actor, StaffAppointed{Staff: w.id, Name: w.name, Role: relationship.RoleWorker,
		Supervisor: w.supervisor.id, MaxCaseload: w.maxCaseload}, nil)
}

// EndAppointment takes a member of staff off the roster, for a reason. Only
// the agency does. A worker who still carries open cases, or a supervisor
// who still supervises a current worker, cannot leave until their work has
// been passed on ([*InputError] wrapping [ErrStaffBusy]): no case is left
// without a worker, no worker without a supervisor. Former staff keep
// their place in the records of the cases they worked on.
func (a *Agency) EndAppointment(actor, staff relationship.PartyID, reason string) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	return a.do(actor, AppointmentEnded{Staff: staff, Reason: strings.TrimSpace(reason)})
}

// Receive adds quantity units of resource r to the pool: a donation, a
// delivery. The agency or one of its supervisors records it. The resource
// must be one the agency holds ([*InputError] wrapping
// [ErrUnknownResource]; see [Agency.SetResourceTerms]) and the quantity
// positive ([*InputError] wrapping [relationship.ErrInvalidQuantity]).
func (a *Agency) Receive(actor relationship.PartyID, r Resource, quantity int64) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	return a.do(actor, StockReceived{Resource: r, Quantity: quantity})
}

// SetResourceTerms adds a resource to the pool, empty, or changes the
// approval threshold of one it holds (its unit cannot change). Only the
// agency does. Cases already open keep the terms they were opened under.
func (a *Agency) SetResourceTerms(actor relationship.PartyID, t ResourceTerms) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	t.Unit = strings.TrimSpace(t.Unit)
	return a.do(actor, ResourceTermsSet{Terms: t})
}

// SetCaseloadLimit sets the most open cases a worker may carry (0 for no
// limit). The agency does, or the worker's own supervisor. A lower limit
// than the worker carries now takes no case away; it stops new ones.
func (a *Agency) SetCaseloadLimit(actor, worker relationship.PartyID, max int) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	return a.do(actor, CaseloadLimitSet{Worker: worker, Max: max})
}

// SetPolicy changes the agency's eligibility policy, and whether a client
// may hold more than one open case. Only the agency does. A nil policy is
// [NeedsPolicy].
func (a *Agency) SetPolicy(actor relationship.PartyID, p EligibilityPolicy, concurrentCases bool) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	if p == nil {
		p = NeedsPolicy{}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.policies == nil { // a zero Agency, which the engine refuses below
		a.policies = map[string]EligibilityPolicy{}
	}
	old, had := a.policies[p.Name()]
	a.policies[p.Name()] = p
	if err := a.eng.Do(actor, PolicySet{Policy: p.Name(), ConcurrentCases: concurrentCases}, nil); err != nil {
		if had {
			a.policies[p.Name()] = old
		} else {
			delete(a.policies, p.Name())
		}
		return err
	}
	return nil
}

// do makes a change to the agency alone.
func (a *Agency) do(actor relationship.PartyID, ev agencyEvent) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.eng.Do(actor, ev, nil)
}
