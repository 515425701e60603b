package relationship

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Exchange is one act of help: a giver gave a receiver some [Support] at a
// time, in a context (the case, the group, the meeting). Exchanges are the
// shared unit of casework and group work; what differs is who gives to whom,
// and the [Ledger] measures exactly that.
//
// Exchange is an immutable value. The zero Exchange is invalid; make one with
// [NewExchange].
type Exchange struct {
	id       uuid.UUID
	giver    PartyID
	receiver PartyID
	support  Support
	at       time.Time
	context  string
}

// NewExchange returns an exchange identified by id in which giver gave
// receiver the support at the given time. It fails, with an [*ExchangeError]
// wrapping the sentinel, when an identifier is zero ([ErrZeroID]), when giver
// and receiver are the same party ([ErrSelfExchange]), when the support is
// the zero value ([ErrInvalidValue]), or when the time is zero
// ([ErrZeroTime]) or in a year a record cannot write, outside 0 to 9999
// in UTC ([ErrInvalidValue], as [NewEntry] refuses it).
func NewExchange(id uuid.UUID, giver, receiver PartyID, support Support, at time.Time) (Exchange, error) {
	e := Exchange{id: id, giver: giver, receiver: receiver, support: support, at: at}
	if err := e.check(); err != nil {
		return Exchange{}, err
	}
	return e, nil
}

// check returns the reason e is invalid, or nil.
func (e Exchange) check() error {
	var err error
	text := CheckText("context", e.context)
	switch {
	case e.id == uuid.Nil, e.giver.IsZero(), e.receiver.IsZero():
		err = ErrZeroID
	case e.giver == e.receiver:
		err = ErrSelfExchange
	case !e.support.kind.IsValid():
		err = ErrInvalidValue
	case e.at.IsZero():
		err = ErrZeroTime
	case CheckTime("time", e.at) != nil:
		err = ErrInvalidValue
	case text != nil:
		err = text
	default:
		return nil
	}
	return &ExchangeError{Exchange: e, Err: err}
}

// In returns a copy of e labelled with a context, such as the case or group
// it belongs to, or "meeting 3". A context that [CheckText] refuses makes
// the copy invalid: [Ledger.Record] refuses it with that error.
func (e Exchange) In(context string) Exchange {
	e.context = context
	return e
}

// ID returns the exchange's identifier.
func (e Exchange) ID() uuid.UUID { return e.id }

// Giver returns the party who gave the help.
func (e Exchange) Giver() PartyID { return e.giver }

// Receiver returns the party who received the help.
func (e Exchange) Receiver() PartyID { return e.receiver }

// Support returns what was given.
func (e Exchange) Support() Support { return e.support }

// Time returns when the help was given.
func (e Exchange) Time() time.Time { return e.at }

// Context returns the label set by [Exchange.In], or "".
func (e Exchange) Context() string { return e.context }

// IsValid reports whether e was made by [NewExchange].
func (e Exchange) IsValid() bool { return e.check() == nil }

type exchangeJSON struct {
	ID       uuid.UUID `json:"id"`
	Giver    PartyID   `json:"giver"`
	Receiver PartyID   `json:"receiver"`
	Support  Support   `json:"support"`
	Time     time.Time `json:"time"`
	Context  string    `json:"context,omitempty"`
}

// MarshalJSON encodes the exchange with its fields named id, giver,
// receiver, support, time and context.
func (e Exchange) MarshalJSON() ([]byte, error) {
	return json.Marshal(exchangeJSON{e.id, e.giver, e.receiver, e.support, e.at, e.context})
}

// UnmarshalJSON decodes an exchange and validates it as [NewExchange] does.
// On error e is unchanged.
func (e *Exchange) UnmarshalJSON(b []byte) error {
	var j exchangeJSON
	if err := decodeJSON("exchange", b, &j); err != nil {
		return err
	}
	x, err := NewExchange(j.ID, j.Giver, j.Receiver, j.Support, j.Time)
	if err != nil {
		return err
	}
	*e = x.In(j.Context)
	return nil
}

// Equal reports whether e and o record the same exchange: the same
// identifier, parties, support, instant and context. Times are compared
// with [time.Time.Equal], so the same instant in two time zones is equal.
func (e Exchange) Equal(o Exchange) bool {
	return e.id == o.id && e.giver == o.giver && e.receiver == o.receiver &&
		e.support == o.support && e.at.Equal(o.at) && e.context == o.context
}
