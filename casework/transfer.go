package casework

import (
	"errors"
	"strings"

	"github.com/helpingwork/helping/relationship"
)

// CaseTransferred records the reassignment of a case from one worker to
// another. From repeats the worker who held it, so that the record reads on
// its own and a replay can check it.
type CaseTransferred struct {
	From   relationship.PartyID `json:"from"`
	To     Worker               `json:"to"`
	Reason string               `json:"reason"`
}

// EventType implements [relationship.Event].
func (CaseTransferred) EventType() string { return "casework.case-transferred.v1" }

// Transfer reassigns an open case to another worker, for a reason. Only the
// supervisor of the worker who holds the case transfers it. The new worker,
// and their supervisor if the case has not had them before, join the
// parties; the previous worker stays a party but loses every power over the
// case, their access to its notes included. The case moves between the two
// workers' caseloads, and a new worker whose caseload is full is a
// [*CaseloadError]. A case without its agency cannot be transferred
// ([ErrDetached]).
func (c *Case) Transfer(actor relationship.PartyID, to Worker, reason string) error {
	if c == nil {
		return relationship.Nil("case")
	}
	return c.doWith(actor, func(s *state) (change, agencyEvent, error) {
		to, err := c.agency.st.rosterWorker("to", to)
		if err != nil {
			return nil, nil, err
		}
		return CaseTransferred{From: s.worker.id, To: to, Reason: strings.TrimSpace(reason)},
			CaseAssigned{Case: s.id, Client: s.client.ID(), Worker: to.ID()}, nil
	})
}

func (CaseTransferred) act() relationship.Act { return ActTransferCase }

func (e CaseTransferred) check() error {
	errs := []error{requireParty("from", e.From), requireText("reason", e.Reason)}
	if !e.To.IsValid() {
		errs = append(errs, &InputError{Field: "to", Err: relationship.ErrZeroID})
	}
	return errors.Join(errs...)
}

func (e CaseTransferred) validate(t *txn) error {
	s := t.s
	if err := t.open(ActTransferCase); err != nil {
		return err
	}
	if e.From != s.worker.id {
		return &InputError{Field: "from", Value: e.From.String(), Err: ErrNotAssigned}
	}
	if e.To.ID() == s.worker.id {
		return &InputError{Field: "to", Value: e.To.ID().String(), Err: ErrDuplicateID}
	}
	if err := s.admissible("to", e.To.Party()); err != nil {
		return err
	}
	return s.admissible("to supervisor", e.To.Supervisor().Party())
}

func (e CaseTransferred) apply(t *txn) {
	s := t.s
	s.join(e.To.Party())
	s.join(e.To.Supervisor().Party())
	s.worker = e.To
}
