package casework

import (
	"errors"
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Counselled records a counselling contact: support that the worker gave
// the client through the relationship itself, entered in the case's ledger
// as an exchange from worker to client.
type Counselled struct {
	Exchange    uuid.UUID                `json:"exchange"`
	Kind        relationship.SupportKind `json:"kind"`
	Description string                   `json:"description"`
}

// EventType implements [relationship.Event].
func (Counselled) EventType() string { return "casework.counselled.v1" }

// Counsel records a counselling contact in which the assigned worker gave
// the client support of the given kind, and returns the exchange's
// identifier. Counselling is the help casework gives through the relationship
// itself: listening and encouragement ([relationship.Emotional]), advice and
// facts ([relationship.Informational]), honest feedback
// ([relationship.Appraisal]). Material help is a provision, not counselling,
// so any other kind is a [*InputError]. Counselling may happen in any open
// phase; the description is required.
func (c *Case) Counsel(actor relationship.PartyID, kind relationship.SupportKind, description string) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := Counselled{Exchange: c.src.NewID(), Kind: kind, Description: strings.TrimSpace(description)}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Exchange, nil
}

func (Counselled) act() relationship.Act { return ActCounsel }

func (e Counselled) check() error {
	errs := []error{requireID("exchange", e.Exchange), requireText("description", e.Description)}
	switch e.Kind {
	case relationship.Emotional, relationship.Informational, relationship.Appraisal:
	default:
		errs = append(errs, &InputError{Field: "kind", Value: e.Kind.String(), Err: relationship.ErrInvalidValue})
	}
	return errors.Join(errs...)
}

func (e Counselled) validate(t *txn) error {
	if err := t.open(ActCounsel); err != nil {
		return err
	}
	support, err := relationship.NewSupport(e.Kind, e.Description)
	if err != nil {
		return err
	}
	return t.exchange("exchange", e.Exchange, support)
}

func (e Counselled) apply(t *txn) { t.record() }
