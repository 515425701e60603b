package casework

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/helpingwork/helping/relationship"
)

// Client is the person or family who comes to the agency for help. In the
// charity organisation societies the "client" was usually a family; the word
// itself was chosen over "applicant" or "case" to say that the person was a
// partner in the work, not an object of charity (Richmond, 1922).
//
// A client carries what the worker learns at intake: the household, the
// presenting problem (what brought them), their needs, and their strengths.
// Strengths are there on purpose: a case that records only deficits treats
// the client as a problem to be managed.
//
// A Client is an immutable value; accessors return copies. The zero Client
// is invalid: make one with [NewClient]. A client's name and details are
// confidential: [Client.LogValue] redacts them.
type Client struct {
	id        relationship.PartyID
	name      string
	household []HouseholdMember
	problem   string
	needs     []string
	strengths []string
}

// HouseholdMember is one person in a client's household.
type HouseholdMember struct {
	Name     string `json:"name"`
	Relation string `json:"relation"` // to the client: "self", "husband", "daughter", ...
	Age      int    `json:"age"`      // in years, 0 to 130
}

// Intake is what the worker learns about a client at intake, for
// [NewClient]: the household, the presenting problem, needs and strengths.
// (Each name in the module means one thing: groupwork's Profile is what a
// member says of their own strengths and needs, and relationship's Facts
// what [relationship.Compare] measures of a whole relationship.)
type Intake struct {
	Household         []HouseholdMember
	PresentingProblem string   // what brought the client, in their words or the worker's
	Needs             []string // what the client needs: "coal for the winter", "work"
	Strengths         []string // what the client has to build on: "keeps a clean home"
}

// NewClient returns the client with the given identity, name and profile.
// Text is trimmed of surrounding space. The identifier must not be zero; the
// name and presenting problem must not be empty, nor any need or strength;
// each household member needs a name and a relation and an age from 0 to
// 130. Every problem is reported at once, each a [*InputError].
func NewClient(id relationship.PartyID, name string, p Intake) (Client, error) {
	c := Client{
		id:        id,
		name:      strings.TrimSpace(name),
		household: trimHousehold(p.Household),
		problem:   strings.TrimSpace(p.PresentingProblem),
		needs:     trimAll(p.Needs),
		strengths: trimAll(p.Strengths),
	}
	if err := c.validate(); err != nil {
		return Client{}, err
	}
	return c, nil
}

// MustClient is like [NewClient] but panics on error. It is meant for
// literals in tests and examples only.
func MustClient(id relationship.PartyID, name string, p Intake) Client {
	c, err := NewClient(id, name, p)
	if err != nil {
		panic(err)
	}
	return c
}

func (c Client) validate() error {
	errs := []error{requireParty("client id", c.id), requireText("client name", c.name),
		requireText("presenting problem", c.problem)}
	for i, m := range c.household {
		errs = append(errs, requireText(fmt.Sprintf("household[%d] name", i), m.Name),
			requireText(fmt.Sprintf("household[%d] relation", i), m.Relation))
		if m.Age < 0 || m.Age > 130 {
			errs = append(errs, &InputError{Field: fmt.Sprintf("household[%d] age", i),
				Err: relationship.ErrInvalidValue})
		}
	}
	for i, n := range c.needs {
		errs = append(errs, requireText(fmt.Sprintf("needs[%d]", i), n))
	}
	for i, s := range c.strengths {
		errs = append(errs, requireText(fmt.Sprintf("strengths[%d]", i), s))
	}
	return errors.Join(errs...)
}

// ID returns the client's identifier.
func (c Client) ID() relationship.PartyID { return c.id }

// Name returns the client's name.
func (c Client) Name() string { return c.name }

// Household returns a copy of the client's household.
func (c Client) Household() []HouseholdMember { return slices.Clone(c.household) }

// PresentingProblem returns what brought the client to the agency.
func (c Client) PresentingProblem() string { return c.problem }

// Needs returns a copy of the client's needs.
func (c Client) Needs() []string { return slices.Clone(c.needs) }

// Strengths returns a copy of the client's strengths.
func (c Client) Strengths() []string { return slices.Clone(c.strengths) }

// IsValid reports whether c was made by [NewClient].
func (c Client) IsValid() bool { return !c.id.IsZero() }

// Party returns the client as a party to a case, in the client role.
func (c Client) Party() relationship.Party { return party(c.id, c.name, relationship.RoleClient) }

// LogValue implements [slog.LogValuer]. A client came for help in
// confidence: the log shows the identifier and the size of the household and
// the counts of needs and strengths, never a name or the problem.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", c.id.String()),
		slog.String("name", redacted),
		slog.Int("household", len(c.household)),
		slog.Int("needs", len(c.needs)),
		slog.Int("strengths", len(c.strengths)),
	)
}

// redacted stands in the logs for what confidentiality keeps out of them.
const redacted = "[redacted]"

type clientJSON struct {
	ID        relationship.PartyID `json:"id"`
	Name      string               `json:"name"`
	Household []HouseholdMember    `json:"household"`
	Problem   string               `json:"presenting_problem"`
	Needs     []string             `json:"needs"`
	Strengths []string             `json:"strengths"`
}

// MarshalJSON encodes the client with its fields named id, name, household,
// presenting_problem, needs and strengths. An invalid client is an error.
func (c Client) MarshalJSON() ([]byte, error) {
	if !c.IsValid() {
		return nil, &InputError{Field: "client id", Err: relationship.ErrZeroID}
	}
	return json.Marshal(clientJSON{c.id, c.name, c.household, c.problem, c.needs, c.strengths})
}

// UnmarshalJSON decodes a client and validates it as [NewClient] does. On
// error c is unchanged.
func (c *Client) UnmarshalJSON(b []byte) error {
	var j clientJSON
	if err := strictJSON(b, &j); err != nil {
		return err
	}
	v, err := NewClient(j.ID, j.Name, Intake{j.Household, j.Problem, j.Needs, j.Strengths})
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Supervisor oversees caseworkers. In the charity organisation societies the
// paid "agent" answered to a district committee and a general secretary;
// supervision became casework's own method of teaching and control. Here a
// supervisor approves provisions above the agency's threshold, may override a
// client's refusal with a recorded reason, reassigns cases, and may read the
// records of the workers they supervise.
//
// A Supervisor is an immutable value. The zero Supervisor is invalid: make
// one with [NewSupervisor].
type Supervisor struct {
	id   relationship.PartyID
	name string
}

// NewSupervisor returns the supervisor with the given identity and name.
// A zero identifier or an empty name is a [*InputError].
func NewSupervisor(id relationship.PartyID, name string) (Supervisor, error) {
	s := Supervisor{id: id, name: strings.TrimSpace(name)}
	if err := errors.Join(requireParty("supervisor id", s.id), requireText("supervisor name", s.name)); err != nil {
		return Supervisor{}, err
	}
	return s, nil
}

// MustSupervisor is like [NewSupervisor] but panics on error. It is meant
// for literals in tests and examples only.
func MustSupervisor(id relationship.PartyID, name string) Supervisor {
	s, err := NewSupervisor(id, name)
	if err != nil {
		panic(err)
	}
	return s
}

// ID returns the supervisor's identifier.
func (s Supervisor) ID() relationship.PartyID { return s.id }

// Name returns the supervisor's name.
func (s Supervisor) Name() string { return s.name }

// IsValid reports whether s was made by [NewSupervisor].
func (s Supervisor) IsValid() bool { return !s.id.IsZero() }

// Party returns the supervisor as a party to a case.
func (s Supervisor) Party() relationship.Party {
	return party(s.id, s.name, relationship.RoleSupervisor)
}

type supervisorJSON struct {
	ID   relationship.PartyID `json:"id"`
	Name string               `json:"name"`
}

// MarshalJSON encodes the supervisor as {"id": ..., "name": ...}.
func (s Supervisor) MarshalJSON() ([]byte, error) {
	if !s.IsValid() {
		return nil, &InputError{Field: "supervisor id", Err: relationship.ErrZeroID}
	}
	return json.Marshal(supervisorJSON{s.id, s.name})
}

// UnmarshalJSON decodes a supervisor and validates it as [NewSupervisor]
// does. On error s is unchanged.
func (s *Supervisor) UnmarshalJSON(b []byte) error {
	var j supervisorJSON
	if err := strictJSON(b, &j); err != nil {
		return err
	}
	v, err := NewSupervisor(j.ID, j.Name)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Worker is a caseworker: the agency's trained employee who holds the case,
// with its expertise and its resources. Each worker answers to one
// [Supervisor], and may carry at most a maximum number of open cases (their
// caseload; zero means no maximum), which the [Agency] enforces.
//
// A Worker is an immutable value. The zero Worker is invalid: make one with
// [NewWorker].
type Worker struct {
	id          relationship.PartyID
	name        string
	supervisor  Supervisor
	maxCaseload int
}

// NewWorker returns the worker with the given identity and name, supervised
// by supervisor, carrying at most maxCaseload open cases (0 for no maximum).
// A zero identifier, an empty name, an invalid supervisor, a worker who
// would supervise themselves or a negative maximum is a [*InputError].
func NewWorker(id relationship.PartyID, name string, supervisor Supervisor, maxCaseload int) (Worker, error) {
	w := Worker{id: id, name: strings.TrimSpace(name), supervisor: supervisor, maxCaseload: maxCaseload}
	errs := []error{requireParty("worker id", w.id), requireText("worker name", w.name),
		requireParty("supervisor id", supervisor.id)}
	if !id.IsZero() && id == supervisor.id {
		errs = append(errs, &InputError{Field: "supervisor id", Value: id.String(), Err: ErrDuplicateID})
	}
	if maxCaseload < 0 {
		errs = append(errs, &InputError{Field: "max caseload", Value: fmt.Sprint(maxCaseload), Err: relationship.ErrInvalidValue})
	}
	if err := errors.Join(errs...); err != nil {
		return Worker{}, err
	}
	return w, nil
}

// MustWorker is like [NewWorker] but panics on error. It is meant for
// literals in tests and examples only.
func MustWorker(id relationship.PartyID, name string, supervisor Supervisor, maxCaseload int) Worker {
	w, err := NewWorker(id, name, supervisor, maxCaseload)
	if err != nil {
		panic(err)
	}
	return w
}

// ID returns the worker's identifier.
func (w Worker) ID() relationship.PartyID { return w.id }

// Name returns the worker's name.
func (w Worker) Name() string { return w.name }

// Supervisor returns the worker's supervisor.
func (w Worker) Supervisor() Supervisor { return w.supervisor }

// MaxCaseload returns the most open cases the worker may carry, or 0 for no
// maximum.
func (w Worker) MaxCaseload() int { return w.maxCaseload }

// IsValid reports whether w was made by [NewWorker].
func (w Worker) IsValid() bool { return !w.id.IsZero() }

// Party returns the worker as a party to a case.
func (w Worker) Party() relationship.Party { return party(w.id, w.name, relationship.RoleWorker) }

type workerJSON struct {
	ID          relationship.PartyID `json:"id"`
	Name        string               `json:"name"`
	Supervisor  Supervisor           `json:"supervisor"`
	MaxCaseload int                  `json:"max_caseload"`
}

// MarshalJSON encodes the worker with its fields named id, name, supervisor
// and max_caseload. An invalid worker is an error.
func (w Worker) MarshalJSON() ([]byte, error) {
	if !w.IsValid() {
		return nil, &InputError{Field: "worker id", Err: relationship.ErrZeroID}
	}
	return json.Marshal(workerJSON{w.id, w.name, w.supervisor, w.maxCaseload})
}

// UnmarshalJSON decodes a worker and validates it as [NewWorker] does. On
// error w is unchanged.
func (w *Worker) UnmarshalJSON(b []byte) error {
	var j workerJSON
	if err := strictJSON(b, &j); err != nil {
		return err
	}
	v, err := NewWorker(j.ID, j.Name, j.Supervisor, j.MaxCaseload)
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// party makes a relationship party from values already validated.
func party(id relationship.PartyID, name string, role relationship.Role) relationship.Party {
	p, err := relationship.NewParty(id, name, role)
	if err != nil {
		return relationship.Party{}
	}
	return p
}

// trimAll returns the strings trimmed, or nil for none.
func trimAll(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.TrimSpace(x)
	}
	return out
}

func trimHousehold(ms []HouseholdMember) []HouseholdMember {
	if len(ms) == 0 {
		return nil
	}
	out := make([]HouseholdMember, len(ms))
	for i, m := range ms {
		out[i] = HouseholdMember{Name: strings.TrimSpace(m.Name), Relation: strings.TrimSpace(m.Relation), Age: m.Age}
	}
	return out
}
