package projection

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
)

// ExpiringConsents is the read model of the consents that run out: for
// each case, the consents its client gave with an expiry and has not
// revoked. Informed consent is given for a purpose and, often, for a
// time; work that relies on it after it has expired relies on nothing, so
// an agency asks each week which consents expire soon, to ask the clients
// again in time ([ExpiringConsents.Within]).
//
// It follows the cases' records: a [casework.ConsentGiven] with an expiry
// adds a consent (one without an expiry never runs out, and is not kept);
// a [casework.ConsentRevoked] removes it. Make one with
// [NewExpiringConsents]; use it through a [Projection].
type ExpiringConsents struct {
	consents map[uuid.UUID]Consent
}

// Consent is a consent that expires, as [ExpiringConsents] keeps it.
type Consent struct {
	Case    uuid.UUID      `json:"case"`
	Consent uuid.UUID      `json:"consent"`
	Scope   casework.Scope `json:"scope"`
	Expires time.Time      `json:"expires"`
}

// NewExpiringConsents returns an empty read model of expiring consents.
func NewExpiringConsents() *ExpiringConsents {
	return &ExpiringConsents{consents: map[uuid.UUID]Consent{}}
}

// caseOf returns the case whose stream is named stream, and false for a
// stream that is not a case's.
func caseOf(stream string) (uuid.UUID, bool) {
	rest, ok := strings.CutPrefix(stream, "case-")
	if !ok {
		return uuid.Nil, false
	}
	id, err := uuid.Parse(rest)
	return id, err == nil && casework.StreamName(id) == stream
}

// Apply implements [Model].
func (c *ExpiringConsents) Apply(fe relationship.FeedEntry) error {
	switch ev := fe.Entry.Event().(type) {
	case casework.ConsentGiven:
		id, ok := caseOf(fe.Stream)
		if !ok {
			return nil
		}
		if ev.Expires.IsZero() {
			delete(c.consents, ev.Consent)
			return nil
		}
		c.consents[ev.Consent] = Consent{Case: id, Consent: ev.Consent, Scope: ev.Scope, Expires: ev.Expires.UTC()}
	case casework.ConsentRevoked:
		delete(c.consents, ev.Consent)
	}
	return nil
}

// Within returns the consents that expire at or after from and before to,
// soonest first (then by consent): a copy.
func (c *ExpiringConsents) Within(from, to time.Time) []Consent {
	var out []Consent
	for _, k := range c.consents {
		if !k.Expires.Before(from) && k.Expires.Before(to) {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, compareConsents)
	return out
}

func compareConsents(a, b Consent) int {
	if c := a.Expires.Compare(b.Expires); c != 0 {
		return c
	}
	return compareUUID(a.Consent, b.Consent)
}

// MarshalBinary implements [Model]: the consents as JSON, sorted.
func (c *ExpiringConsents) MarshalBinary() ([]byte, error) {
	return marshalSorted(c.consents, compareConsents)
}

// UnmarshalBinary implements [Model]. On error c is unchanged.
func (c *ExpiringConsents) UnmarshalBinary(b []byte) error {
	consents, err := unmarshalKeyed(b, func(k Consent) uuid.UUID { return k.Consent })
	if err != nil {
		return fmt.Errorf("projection: expiring consents: %w", err)
	}
	c.consents = consents
	return nil
}
