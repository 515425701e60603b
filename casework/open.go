package casework

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Application is what intake brings to the opening of a case: who applies,
// who will work with them, what the case is for, and one policy choice.
type Application struct {
	// Name names the case, such as "The Kowalski family". Empty means the
	// client's name.
	Name string
	// Client is the applicant.
	Client Client
	// Worker is the worker assigned to the case; their supervisor joins it
	// too.
	Worker Worker
	// Purposes declares what the case is for. Nil means problem-solving,
	// Perlman's name for casework's purpose.
	Purposes []relationship.Purpose
	// WithoutPlanConsent lets treatment begin without the client's consent
	// to the plan, and lets the worker start work on goals the client has
	// not agreed to. It is off by default, and should stay off: it exists
	// to model the historical practice in which the friendly visitor or
	// agent decided what was good for a family, and relief could hang on
	// the family accepting it. The record shows that the case was opened so.
	WithoutPlanConsent bool
}

// CaseOpened is the first entry of every case's record: the case's identity
// and purposes, its parties, and the terms of its agency (the resources it
// may draw and their approval thresholds) as they stood at the opening.
type CaseOpened struct {
	Case                uuid.UUID              `json:"case"`
	Name                string                 `json:"name"`
	Agency              relationship.PartyID   `json:"agency"`
	AgencyName          string                 `json:"agency_name"`
	Resources           []ResourceTerms        `json:"resources"`
	Client              Client                 `json:"client"`
	Worker              Worker                 `json:"worker"`
	Purposes            []relationship.Purpose `json:"purposes"`
	PlanConsentRequired bool                   `json:"plan_consent_required"`
}

// EventType implements [relationship.Event].
func (CaseOpened) EventType() string { return "casework.case-opened.v1" }

// LogValue implements [slog.LogValuer]: it logs the case and its parties'
// identifiers, never the client's name or details.
func (e CaseOpened) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("case", e.Case.String()),
		slog.String("agency", e.Agency.String()),
		slog.Any("client", e.Client),
		slog.String("worker", e.Worker.ID().String()),
	)
}

// NewCase opens a case at an agency: the actor, who must be the worker
// assigned in the application or that worker's supervisor, takes the
// applicant on. (Every package of the module makes its values with a New
// function, [NewAgency], NewCase, groupwork's NewGroup; in the words of the
// field a case is opened and a group formed.)
// The case begins in [PhaseIntake] and joins the worker's caseload; the
// agency's record shows it too, in the same change.
//
// The worker must be one of the agency's current workers, as its roster
// has them ([Agency.Worker]); a worker whose caseload is full is a
// [*CaseloadError]; a client who already holds an open case at the agency
// is a [*InputError] wrapping [ErrSecondCase], unless the agency's policy
// allows it.
//
// The case's name defaults to the client's name and its purposes to
// problem-solving. The client, the worker, the supervisor and the agency must
// be four different parties. Bad input is a [*InputError]; an actor who is
// not the worker or supervisor gets a [*relationship.PartyError], and a
// client who tries to open their own case a [*relationship.PermissionError].
// A nil agency is a [*relationship.FieldError] wrapping
// [relationship.ErrNil].
func NewCase(actor relationship.PartyID, agency *Agency, app Application, opts *Options) (*Case, error) {
	if agency == nil {
		return nil, relationship.Nil("agency")
	}
	c := newCase(opts, agency)
	id := c.src.NewID()
	err := c.doWith(actor, func(*state) (change, agencyEvent, error) {
		a := &agency.st
		w, err := a.rosterWorker("worker", app.Worker)
		if err != nil {
			return nil, nil, err
		}
		ev := CaseOpened{
			Case:                id,
			Name:                strings.TrimSpace(app.Name),
			Agency:              a.id,
			AgencyName:          a.name,
			Resources:           a.terms(),
			Client:              app.Client,
			Worker:              w,
			Purposes:            slices.Clone(app.Purposes),
			PlanConsentRequired: !app.WithoutPlanConsent,
		}
		if ev.Name == "" {
			ev.Name = app.Client.Name()
		}
		if len(ev.Purposes) == 0 {
			ev.Purposes = []relationship.Purpose{relationship.PurposeProblemSolving}
		}
		return ev, CaseAssigned{Case: id, Client: app.Client.ID(), Worker: w.ID()}, nil
	})
	if err != nil {
		return nil, err
	}
	agency.mu.Lock()
	agency.cases[id] = c
	agency.mu.Unlock()
	return c, nil
}

func (CaseOpened) act() relationship.Act { return ActOpenCase }

func (e CaseOpened) check() error {
	errs := []error{requireID("case", e.Case), requireText("name", e.Name),
		requireParty("agency", e.Agency), requireText("agency name", e.AgencyName)}
	seen := make(map[Resource]bool, len(e.Resources))
	for i, t := range e.Resources {
		errs = append(errs, t.check(fmt.Sprintf("resources[%d]", i)))
		if seen[t.Resource] {
			errs = append(errs, &InputError{Field: fmt.Sprintf("resources[%d]", i), Value: string(t.Resource), Err: ErrDuplicateID})
		}
		seen[t.Resource] = true
	}
	if !e.Client.IsValid() {
		errs = append(errs, &InputError{Field: "client", Err: relationship.ErrZeroID})
	}
	if !e.Worker.IsValid() {
		errs = append(errs, &InputError{Field: "worker", Err: relationship.ErrZeroID})
	}
	errs = append(errs, checkPurposes(e.Purposes), e.distinct())
	return errors.Join(errs...)
}

// distinct checks that the four parties are four.
func (e CaseOpened) distinct() error {
	ids := []relationship.PartyID{e.Client.ID(), e.Worker.ID(), e.Worker.Supervisor().ID(), e.Agency}
	fields := []string{"client", "worker", "supervisor", "agency"}
	for i := range ids {
		for j := range i {
			if !ids[i].IsZero() && ids[i] == ids[j] {
				return &InputError{Field: fields[i], Value: ids[i].String(), Err: ErrDuplicateID}
			}
		}
	}
	return nil
}

func checkPurposes(ps []relationship.Purpose) error {
	if len(ps) == 0 {
		return empty("purposes")
	}
	for i, p := range ps {
		if !p.IsValid() {
			return &InputError{Field: fmt.Sprintf("purposes[%d]", i), Value: p.String(), Err: relationship.ErrInvalidValue}
		}
		for _, q := range ps[:i] {
			if p == q {
				return &InputError{Field: fmt.Sprintf("purposes[%d]", i), Value: p.String(), Err: ErrDuplicateID}
			}
		}
	}
	return nil
}

// parties returns the parties the opening brings, in joining order.
func (e CaseOpened) parties() []relationship.Party {
	return []relationship.Party{
		e.Client.Party(),
		e.Worker.Party(),
		e.Worker.Supervisor().Party(),
		party(e.Agency, e.AgencyName, relationship.RoleAgency),
	}
}

// party returns the opening's party with the given identifier: the actor of
// an opening is one of the parties it brings.
func (e CaseOpened) party(id relationship.PartyID) (relationship.Party, error) {
	for _, p := range e.parties() {
		if p.ID() == id {
			return p, nil
		}
	}
	return relationship.Party{}, &relationship.PartyError{Party: id}
}

func (e CaseOpened) validate(t *txn) error { return nil }

func (e CaseOpened) apply(t *txn) {
	s := t.s
	*s = state{
		id: e.Case, name: e.Name, agency: e.Agency, agencyName: e.AgencyName,
		terms: slices.Clone(e.Resources), purposes: slices.Clone(e.Purposes), planConsent: e.PlanConsentRequired,
		client: e.Client,
		worker: e.Worker,
		items:  make(map[uuid.UUID]item),
	}
	for _, p := range e.parties() {
		s.join(p)
	}
	s.issue(e.Case, itemCase, 0)
	s.enter(PhaseIntake)
}
