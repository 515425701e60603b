package casework

import (
	"errors"
	"fmt"
	"iter"
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
func (r Resource) IsValid() bool { return resourcePattern.MatchString(string(r)) }

// Stock is one resource in an agency's pool: how much of it there is, in
// which unit, and the largest provision a worker may give without a
// supervisor's approval.
type Stock struct {
	Resource Resource
	Unit     string // "hundredweight", "parcel", "cent"
	Quantity int64  // how much the pool holds, in whole units
	// ApprovalAbove is the threshold: a provision of more than this many
	// units needs a supervisor's approval first. Zero, the default, means
	// every provision of the resource needs approval.
	ApprovalAbove int64
}

// ResourceTerms are the terms on which a case may draw a resource: its unit
// and the approval threshold. A case records its agency's terms when it
// opens, so that the rules it was opened under replay the same way.
type ResourceTerms struct {
	Resource      Resource `json:"resource"`
	Unit          string   `json:"unit"`
	ApprovalAbove int64    `json:"approval_above"`
}

func (t ResourceTerms) check(i int) error {
	field := fmt.Sprintf("resources[%d]", i)
	var errs []error
	if !t.Resource.IsValid() {
		errs = append(errs, &InputError{Field: field, Value: string(t.Resource), Err: ErrUnknownResource})
	}
	errs = append(errs, requireText(field+" unit", t.Unit))
	if t.ApprovalAbove < 0 {
		errs = append(errs, &InputError{Field: field + " approval threshold", Value: fmt.Sprint(t.ApprovalAbove),
			Err: relationship.ErrInvalidQuantity})
	}
	return errors.Join(errs...)
}

// Agency is the organisation that does casework: a charity organisation
// society, a family welfare association, a public department. It is a party
// to every case it opens, but acts only through its staff.
//
// An agency holds what its cases share: the pool of concrete resources its
// workers may give (coal, food, rent money), the thresholds above which a
// supervisor must approve, the [EligibilityPolicy] that decides whom it
// helps, and the caseloads of its workers. The pool never goes negative: a
// provision larger than what is left fails with [ErrInsufficientResources].
//
// The cases of an agency record their own provisions; the agency keeps no
// record of its own. A program that restarts makes its agency again with the
// stock it began with, and loads each case with [Options.Agency] set: every
// provision the case made is drawn again, so the pool and the caseloads end
// where they stood. Stock received with [Agency.Receive] after the start is
// the program's to remember.
//
// An Agency is safe for concurrent use. The zero Agency is not ready: use
// [NewAgency].
type Agency struct {
	id     relationship.PartyID
	name   string
	policy EligibilityPolicy

	mu       sync.Mutex
	stock    []Stock // in declared order; Quantity is what is left
	cases    map[uuid.UUID]*Case
	order    []*Case                          // every case, in the order bound
	caseload map[relationship.PartyID][]*Case // open cases per worker
}

// NewAgency returns an agency with the given identity, name, eligibility
// policy (nil means [NeedsPolicy]) and stock. Every problem is reported at
// once: a zero identifier, an empty name, a malformed or repeated resource
// name, an empty unit, a negative quantity or threshold.
func NewAgency(id relationship.PartyID, name string, policy EligibilityPolicy, stock ...Stock) (*Agency, error) {
	a := &Agency{id: id, name: strings.TrimSpace(name), policy: policy,
		cases: make(map[uuid.UUID]*Case), caseload: make(map[relationship.PartyID][]*Case)}
	if a.policy == nil {
		a.policy = NeedsPolicy{}
	}
	errs := []error{requireParty("agency id", id), requireText("agency name", a.name)}
	seen := make(map[Resource]bool, len(stock))
	for i, s := range stock {
		s.Unit = strings.TrimSpace(s.Unit)
		errs = append(errs, ResourceTerms{s.Resource, s.Unit, s.ApprovalAbove}.check(i))
		if s.Quantity < 0 || s.Quantity > maxQuantity {
			errs = append(errs, &InputError{Field: fmt.Sprintf("resources[%d] quantity", i),
				Value: fmt.Sprint(s.Quantity), Err: relationship.ErrInvalidQuantity})
		}
		if seen[s.Resource] {
			errs = append(errs, &InputError{Field: fmt.Sprintf("resources[%d]", i), Value: string(s.Resource), Err: ErrDuplicateID})
		}
		seen[s.Resource] = true
		a.stock = append(a.stock, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return a, nil
}

// MustAgency is like [NewAgency] but panics on error. It is meant for
// literals in tests and examples only.
func MustAgency(id relationship.PartyID, name string, policy EligibilityPolicy, stock ...Stock) *Agency {
	a, err := NewAgency(id, name, policy, stock...)
	if err != nil {
		panic(err)
	}
	return a
}

// ID returns the agency's identifier.
func (a *Agency) ID() relationship.PartyID { return a.id }

// Name returns the agency's name.
func (a *Agency) Name() string { return a.name }

// Policy returns the agency's eligibility policy.
func (a *Agency) Policy() EligibilityPolicy { return a.policy }

// Party returns the agency as a party to its cases.
func (a *Agency) Party() relationship.Party { return party(a.id, a.name, relationship.RoleAgency) }

// Pool yields the agency's stock as it stands, in the order it was declared.
// It is a snapshot.
func (a *Agency) Pool() iter.Seq[Stock] {
	a.mu.Lock()
	stock := slices.Clone(a.stock)
	a.mu.Unlock()
	return slices.Values(stock)
}

// Available returns how much of resource r the pool holds, and false if the
// agency does not hold r at all.
func (a *Agency) Available(r Resource) (int64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.find(r)
	if i < 0 {
		return 0, false
	}
	return a.stock[i].Quantity, true
}

// Receive adds quantity units of resource r to the pool: a donation, a
// delivery. The resource must be one the agency was made with, and the
// quantity positive; otherwise a [*InputError] wrapping [ErrUnknownResource]
// or [relationship.ErrInvalidQuantity], and the pool is unchanged.
func (a *Agency) Receive(r Resource, quantity int64) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.find(r)
	switch {
	case i < 0:
		return &InputError{Field: "resource", Value: string(r), Err: ErrUnknownResource}
	case quantity <= 0 || a.stock[i].Quantity > maxQuantity-quantity:
		return &InputError{Field: "quantity", Value: fmt.Sprint(quantity), Err: relationship.ErrInvalidQuantity}
	}
	a.stock[i].Quantity += quantity
	return nil
}

// maxQuantity bounds every quantity, so that sums never overflow and every
// quantity is exact as a float64 in the ledger.
const maxQuantity = 1 << 53

// Caseload yields the open cases of a worker, in the order they came to the
// worker. It is a snapshot.
func (a *Agency) Caseload(worker relationship.PartyID) iter.Seq[*Case] {
	a.mu.Lock()
	cases := slices.Clone(a.caseload[worker])
	a.mu.Unlock()
	return slices.Values(cases)
}

// CaseloadSize returns the number of open cases a worker carries.
func (a *Agency) CaseloadSize(worker relationship.PartyID) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.caseload[worker])
}

// Cases yields every case bound to the agency, open or closed, in the order
// they were opened or bound. It is a snapshot.
func (a *Agency) Cases() iter.Seq[*Case] {
	a.mu.Lock()
	cases := slices.Clone(a.order)
	a.mu.Unlock()
	return slices.Values(cases)
}

// Case returns the case bound to the agency with the given identifier.
func (a *Agency) Case(id uuid.UUID) (*Case, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.cases[id]
	return c, ok
}

// terms returns the terms on which the agency's cases draw its resources.
func (a *Agency) terms() []ResourceTerms {
	if len(a.stock) == 0 {
		return nil
	}
	ts := make([]ResourceTerms, len(a.stock))
	for i, s := range a.stock {
		ts[i] = ResourceTerms{s.Resource, s.Unit, s.ApprovalAbove}
	}
	return ts
}

// The methods below need a.mu held.

func (a *Agency) find(r Resource) int {
	return slices.IndexFunc(a.stock, func(s Stock) bool { return s.Resource == r })
}

// canDraw checks that the pool holds quantity units of r.
func (a *Agency) canDraw(r Resource, quantity int64) error {
	i := a.find(r)
	if i < 0 {
		return &InputError{Field: "resource", Value: string(r), Err: ErrUnknownResource}
	}
	if s := a.stock[i]; s.Quantity < quantity {
		return &ResourceError{Resource: r, Unit: s.Unit, Requested: quantity, Available: s.Quantity}
	}
	return nil
}

// draw takes quantity units of r from the pool, after canDraw.
func (a *Agency) draw(r Resource, quantity int64) { a.stock[a.find(r)].Quantity -= quantity }

// canTake checks that worker w may take on one more open case.
func (a *Agency) canTake(w Worker) error {
	if w.maxCaseload > 0 && len(a.caseload[w.id]) >= w.maxCaseload {
		return &CaseloadError{Worker: w.id, Max: w.maxCaseload}
	}
	return nil
}

// take adds c to worker w's caseload, after canTake.
func (a *Agency) take(w relationship.PartyID, c *Case) {
	a.caseload[w] = append(a.caseload[w], c)
}

// release removes c from worker w's caseload.
func (a *Agency) release(w relationship.PartyID, c *Case) {
	cases := a.caseload[w]
	if i := slices.Index(cases, c); i >= 0 {
		cases = slices.Delete(cases, i, i+1)
	}
	if len(cases) == 0 {
		delete(a.caseload, w)
		return
	}
	a.caseload[w] = cases
}

// attach makes c one of the agency's cases.
func (a *Agency) attach(c *Case) {
	a.cases[c.st.id] = c
	a.order = append(a.order, c)
}
