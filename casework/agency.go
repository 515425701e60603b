package casework

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Resource names a kind of concrete help an agency holds: "coal",
// "food-parcels", "rent". The text is lower-case words joined by hyphens.
type Resource string

var resourcePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// IsValid reports whether r is a well-formed resource name.
func (r Resource) IsValid() bool { return len(r) <= 64 && resourcePattern.MatchString(string(r)) }

// Stock is one resource in an agency's pool: how much of it there is, in
// which unit, and the largest provision a worker may give without a
// supervisor's approval.
type Stock struct {
	Resource Resource `json:"resource"`
	Unit     string   `json:"unit"`     // "hundredweight", "parcel", "cent"
	Quantity int64    `json:"quantity"` // how much the pool holds, in whole units
	// ApprovalAbove is the threshold: a provision of more than this many
	// units needs a supervisor's approval first. Zero, the default, means
	// every provision of the resource needs approval.
	ApprovalAbove int64 `json:"approval_above"`
}

// ResourceTerms are the terms on which a case may draw a resource: its unit
// and the approval threshold. A case records its agency's terms when it
// opens, so that the rules it was opened under replay the same way.
type ResourceTerms struct {
	Resource      Resource `json:"resource"`
	Unit          string   `json:"unit"`
	ApprovalAbove int64    `json:"approval_above"`
}

func (t ResourceTerms) check(field string) error {
	var errs []error
	if !t.Resource.IsValid() {
		errs = append(errs, &InputError{Field: field, Value: string(t.Resource), Err: ErrUnknownResource})
	}
	errs = append(errs, requireText(field+" unit", t.Unit))
	if t.ApprovalAbove < 0 || t.ApprovalAbove > maxQuantity {
		errs = append(errs, &InputError{Field: field + " approval threshold", Value: fmt.Sprint(t.ApprovalAbove),
			Err: relationship.ErrInvalidQuantity})
	}
	return errors.Join(errs...)
}

// maxQuantity bounds every quantity, so that sums never overflow and every
// quantity is exact as a float64 in the ledger.
const maxQuantity = 1 << 53

// Agency is the organisation that does casework: a charity organisation
// society, a family welfare association, a public department. It is a party
// to every case it opens, but acts in them only through its staff.
//
// An agency holds what its cases share: the roster of its staff (workers,
// each answering to a supervisor, with the most open cases they may carry),
// the pool of concrete resources its workers may give (coal, food, rent
// money) and the thresholds above which a supervisor must approve, its
// [EligibilityPolicy], and the open cases of each worker. The pool never
// goes negative, a worker's caseload never passes its limit, only staff on
// the roster act in its cases, and a client holds at most one open case at
// a time unless the agency's policy allows more.
//
// Like a case, an agency keeps a record: every change to it is an entry of
// its own stream ([AgencyStreamName]), made through the same record engine
// ([relationship.Engine]). A program that restarts loads its agency with
// [LoadAgency] and finds it exactly as it was (staff, pool, caseloads,
// policy), without loading a single case; cases load on demand, bound to
// it ([Load] with [Options.Agency]). A change that touches a case and the
// agency at once (opening, closing, transferring or reopening a case,
// giving a provision) is one change of both records: both are saved
// together, in one atomic append, whichever of the two is saved.
//
// An Agency is safe for concurrent use. The zero Agency is not usable:
// make one with [NewAgency], [LoadAgency] or [ReplayAgency]. A nil *Agency
// answers every method without a panic: zero values, empty sequences, and
// errors wrapping [relationship.ErrNil].
type Agency struct {
	mu    sync.RWMutex
	st    agencyState
	rules agencyRules
	eng   *relationship.Engine
	src   *relationship.Sources

	// policies are the eligibility policies this copy can name: the two
	// the package ships, those given in AgencyOptions, and any set since.
	policies map[string]EligibilityPolicy

	// cases are the cases loaded and bound to this copy of the agency.
	// Guarded by mu.
	cases map[uuid.UUID]*Case
}

// AgencySpec is what founding an agency declares ([NewAgency]).
type AgencySpec struct {
	// ID is the agency's identity as a party to its cases. Required.
	ID relationship.PartyID
	// Name is what the agency is called. Required.
	Name string
	// Policy decides whom the agency helps. Nil means [NeedsPolicy].
	Policy EligibilityPolicy
	// ConcurrentCases lets a client hold more than one open case at the
	// agency at a time. Off by default: a client has one worker, and
	// a second open case for the same family is a sign of duplicated
	// work, which the charity organisation societies were founded to end.
	ConcurrentCases bool
	// Stock is the pool the agency starts with.
	Stock []Stock
}

// AgencyOptions tune how an agency is made or loaded. A nil *AgencyOptions
// means the defaults.
type AgencyOptions struct {
	// Sources supplies the time the agency stamps on its record. Nil means
	// the clock.
	Sources *relationship.Sources
	// Policies are the eligibility policies, beyond [NeedsPolicy] and
	// [WorthinessPolicy], that the agency's record may name: a record that
	// names a policy the program does not supply does not load.
	Policies []EligibilityPolicy
	// SnapshotEvery makes Save write a snapshot of the agency's state once
	// its record has grown this many entries past the latest snapshot, so
	// that a load replays at most about that many entries (see
	// [Agency.SaveSnapshot]). Zero means snapshots only when asked for.
	SnapshotEvery uint64
	// Logger receives what a load or a save has to report but does not
	// return: a snapshot passed over (of an older version of the program,
	// or damaged) and the record replayed in full, or a snapshot that
	// could not be written. Nil means nothing is logged. It names streams,
	// versions and types, never what the record says.
	Logger *slog.Logger
}

func (o *AgencyOptions) sources() *relationship.Sources {
	if o == nil {
		return nil
	}
	return o.Sources
}

func newAgency(opts *AgencyOptions) *Agency {
	a := &Agency{src: opts.sources(), cases: map[uuid.UUID]*Case{},
		policies: map[string]EligibilityPolicy{NeedsPolicy{}.Name(): NeedsPolicy{}, WorthinessPolicy{}.Name(): WorthinessPolicy{}}}
	if opts != nil {
		for _, p := range opts.Policies {
			if p != nil {
				a.policies[p.Name()] = p
			}
		}
	}
	a.rules.a = a
	cfg := relationship.EngineConfig{Rules: &a.rules, Lock: &a.mu, Sources: a.src}
	if opts != nil {
		cfg.SnapshotEvery, cfg.Logger = opts.SnapshotEvery, opts.Logger
	}
	a.eng, _ = relationship.NewEngine(cfg) // rules given
	return a
}

// NewAgency founds an agency: the first entry of its record, made by the
// agency itself. Every problem with the spec is reported at once, each a
// [*InputError]: a zero identifier, an empty name, a malformed or repeated
// resource name, an empty unit, a negative quantity or threshold, a
// policy with no name. The agency then appoints its staff
// ([Agency.AppointSupervisor], [Agency.AppointWorker]) before it opens
// cases.
func NewAgency(spec AgencySpec, opts *AgencyOptions) (*Agency, error) {
	a := newAgency(opts)
	policy := spec.Policy
	if policy == nil {
		policy = NeedsPolicy{}
	}
	ev := AgencyFounded{Agency: spec.ID, Name: strings.TrimSpace(spec.Name), Policy: policy.Name(),
		ConcurrentCases: spec.ConcurrentCases, Stock: trimStock(spec.Stock)}
	if err := ev.check(); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.policies[policy.Name()] = policy
	if err := a.eng.Do(spec.ID, ev, nil); err != nil {
		return nil, err
	}
	return a, nil
}

// MustAgency is like [NewAgency] but panics on error. It is meant for
// literals in tests and examples only.
func MustAgency(spec AgencySpec, opts *AgencyOptions) *Agency {
	a, err := NewAgency(spec, opts)
	if err != nil {
		panic(err)
	}
	return a
}

// trimStock returns a copy of the stock with units trimmed, or nil.
func trimStock(stock []Stock) []Stock {
	if len(stock) == 0 {
		return nil
	}
	out := slices.Clone(stock)
	for i := range out {
		out[i].Unit = strings.TrimSpace(out[i].Unit)
	}
	return out
}

// AgencyStreamName returns the name of the journal stream that holds the
// record of the agency with the given identifier: "agency-" and the
// identifier.
func AgencyStreamName(id relationship.PartyID) string { return "agency-" + id.String() }

// LoadAgency reads the agency with the given identifier from the journal
// and rebuilds it, as [ReplayAgency] does, with every entry marked saved.
// Its cases are not loaded: load each when it is needed, with
// [Options.Agency] set to the agency.
//
// Errors: [relationship.ErrNoRecord] when the journal holds no record of
// the agency; [relationship.ErrNil] for a nil journal; the journal's own
// errors; a [*relationship.EntryError] for a record that does not replay,
// including one that names an eligibility policy that opts does not
// supply ([ErrUnknownPolicy]).
func LoadAgency(ctx context.Context, j relationship.Journal, id relationship.PartyID, opts *AgencyOptions) (*Agency, error) {
	a := newAgency(opts)
	if err := a.eng.Load(ctx, j, AgencyStreamName(id)); err != nil {
		return nil, fmt.Errorf("casework: load agency %s: %w", id, err)
	}
	if got := a.ID(); got != id {
		return nil, fmt.Errorf("casework: load agency %s: %w", id, entryError(1, "the stream founds agency "+got.String()))
	}
	return a, nil
}

// ReplayAgency rebuilds an agency from its record, checking every entry as
// the call that made it was checked. All its entries count as unsaved. A
// nil sequence is a [*relationship.FieldError] wrapping
// [relationship.ErrNil]; an empty one is [relationship.ErrNoRecord].
func ReplayAgency(entries iter.Seq[relationship.Entry], opts *AgencyOptions) (*Agency, error) {
	if entries == nil {
		return nil, relationship.Nil("entries")
	}
	a := newAgency(opts)
	a.mu.Lock()
	defer a.mu.Unlock()
	for e := range entries {
		if err := a.eng.Replay(e); err != nil {
			return nil, fmt.Errorf("casework: replay agency: %w", err)
		}
	}
	if a.st.id.IsZero() {
		return nil, relationship.ErrNoRecord
	}
	return a, nil
}

// Save appends the agency's entries not yet saved to the journal, with the
// entries of its cases that changes across the two tied to them, in
// atomic appends (see [relationship.Engine.Save]). A version conflict
// means another copy of the agency (or of one of those cases) was saved
// first: load again, and make the change again.
func (a *Agency) Save(ctx context.Context, j relationship.Journal) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	return a.eng.Save(ctx, j)
}

// Version returns the number of entries in the agency's record.
func (a *Agency) Version() uint64 {
	if a == nil {
		return 0
	}
	return a.eng.Version()
}

// Unsaved returns the number of entries of the agency's record not yet
// saved.
func (a *Agency) Unsaved() int {
	if a == nil {
		return 0
	}
	return a.eng.Unsaved()
}

// Record yields every entry of the agency's record, in order.
func (a *Agency) Record() iter.Seq[relationship.Entry] {
	if a == nil {
		return func(func(relationship.Entry) bool) {}
	}
	return a.eng.Record()
}

// ID returns the agency's identifier.
func (a *Agency) ID() relationship.PartyID {
	if a == nil {
		return relationship.PartyID{}
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.st.id
}

// Name returns the agency's name.
func (a *Agency) Name() string {
	if a == nil {
		return ""
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.st.name
}

// Policy returns the agency's eligibility policy.
func (a *Agency) Policy() EligibilityPolicy {
	if a == nil {
		return nil
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.policies[a.st.policy]
}

// ConcurrentCases reports whether a client may hold more than one open
// case at the agency at a time.
func (a *Agency) ConcurrentCases() bool {
	if a == nil {
		return false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.st.concurrent
}

// Party returns the agency as a party to its cases.
func (a *Agency) Party() relationship.Party {
	if a == nil {
		return relationship.Party{}
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return party(a.st.id, a.st.name, relationship.RoleAgency)
}

// Pool yields the agency's stock as it stands, in the order it was declared.
// It is a snapshot.
func (a *Agency) Pool() iter.Seq[Stock] {
	if a == nil {
		return func(func(Stock) bool) {}
	}
	a.mu.RLock()
	stock := slices.Clone(a.st.stock)
	a.mu.RUnlock()
	return slices.Values(stock)
}

// Available returns how much of resource r the pool holds, and false if the
// agency does not hold r at all.
func (a *Agency) Available(r Resource) (int64, bool) {
	if a == nil {
		return 0, false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	i := a.st.find(r)
	if i < 0 {
		return 0, false
	}
	return a.st.stock[i].Quantity, true
}

// Staff yields everyone on the agency's roster, in the order they were
// appointed, with those who have left. It is a snapshot.
func (a *Agency) Staff() iter.Seq[StaffMember] {
	if a == nil {
		return func(func(StaffMember) bool) {}
	}
	a.mu.RLock()
	staff := make([]StaffMember, len(a.st.staff))
	for i := range a.st.staff {
		staff[i] = a.st.staff[i].public()
	}
	a.mu.RUnlock()
	return slices.Values(staff)
}

// Worker returns the worker on the roster with the given identifier, as
// the roster has them now (their supervisor and caseload limit), and false
// if no current worker has it. It is the value to open cases with.
func (a *Agency) Worker(id relationship.PartyID) (Worker, bool) {
	if a == nil {
		return Worker{}, false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	m := a.st.member(id)
	if m == nil || !m.active || m.role != relationship.RoleWorker {
		return Worker{}, false
	}
	return a.st.worker(m), true
}

// Supervisor returns the supervisor on the roster with the given
// identifier, and false if no current supervisor has it.
func (a *Agency) Supervisor(id relationship.PartyID) (Supervisor, bool) {
	if a == nil {
		return Supervisor{}, false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	m := a.st.member(id)
	if m == nil || !m.active || m.role != relationship.RoleSupervisor {
		return Supervisor{}, false
	}
	return Supervisor{id: m.id, name: m.name}, true
}

// Caseload yields the identifiers of a worker's open cases, in the order
// they came to the worker. It is a snapshot, read from the agency's own
// record: no case is loaded.
func (a *Agency) Caseload(worker relationship.PartyID) iter.Seq[uuid.UUID] {
	if a == nil {
		return func(func(uuid.UUID) bool) {}
	}
	a.mu.RLock()
	ids := slices.Clone(a.st.caseload[worker])
	a.mu.RUnlock()
	return slices.Values(ids)
}

// CaseloadSize returns the number of open cases a worker carries.
func (a *Agency) CaseloadSize(worker relationship.PartyID) int {
	if a == nil {
		return 0
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	return len(a.st.caseload[worker])
}

// Cases yields what the agency knows of every case it has opened, open or
// closed, in the order they were opened. It is a snapshot, read from the
// agency's own record: no case is loaded.
func (a *Agency) Cases() iter.Seq[CaseSummary] {
	if a == nil {
		return func(func(CaseSummary) bool) {}
	}
	a.mu.RLock()
	out := make([]CaseSummary, len(a.st.order))
	for i, id := range a.st.order {
		out[i] = a.st.cases[id].summary(id)
	}
	a.mu.RUnlock()
	return slices.Values(out)
}

// Case returns the case with the given identifier if it is loaded and
// bound to this agency (see [Options.Agency]), and false otherwise.
func (a *Agency) Case(id uuid.UUID) (*Case, bool) {
	if a == nil {
		return nil, false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	c, ok := a.cases[id]
	return c, ok
}

// CaseSummary is what an agency's own record says of one of its cases.
type CaseSummary struct {
	ID     uuid.UUID
	Client relationship.PartyID
	Worker relationship.PartyID // the worker assigned now, or last
	Open   bool
}

// StaffMember is one person on an agency's roster.
type StaffMember struct {
	ID          relationship.PartyID
	Name        string
	Role        relationship.Role    // worker or supervisor
	Supervisor  relationship.PartyID // a worker's supervisor; zero for a supervisor
	MaxCaseload int                  // a worker's limit of open cases, 0 for none
	Active      bool                 // false once they have left
}

// terms returns the terms on which the agency's cases draw its resources.
func (s *agencyState) terms() []ResourceTerms {
	if len(s.stock) == 0 {
		return nil
	}
	ts := make([]ResourceTerms, len(s.stock))
	for i, st := range s.stock {
		ts[i] = ResourceTerms{st.Resource, st.Unit, st.ApprovalAbove}
	}
	return ts
}
