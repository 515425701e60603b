package relationship

import (
	"encoding/binary"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// PartyID identifies a party: a client, a worker, a member, an agency. It is a
// UUID, by default time-ordered (version 7), so that identifiers sort in the
// order they were made.
//
// The zero PartyID identifies no one: every operation that needs a party
// rejects it with an error wrapping [ErrZeroID]. PartyID is comparable and
// can be used as a map key.
type PartyID uuid.UUID

// NewPartyID returns a new time-ordered (version 7) identifier.
func NewPartyID() PartyID { return PartyID(newV7()) }

// ParsePartyID parses the canonical UUID text form, such as
// "0192f5e0-7c1a-7000-8000-000000000001". Text that is not a UUID, or the
// all-zero UUID, is an error wrapping [ErrInvalidID].
func ParsePartyID(s string) (PartyID, error) {
	u, err := uuid.Parse(s)
	if err != nil {
		return PartyID{}, fmt.Errorf("%w %q: %v", ErrInvalidID, s, err)
	}
	if u == uuid.Nil {
		return PartyID{}, fmt.Errorf("%w %q: the zero identifier names no one", ErrInvalidID, s)
	}
	return PartyID(u), nil
}

// MustParsePartyID is like [ParsePartyID] but panics on bad text. It is meant
// for identifier literals in tests and examples only.
func MustParsePartyID(s string) PartyID {
	id, err := ParsePartyID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// IsZero reports whether id is the zero identifier.
func (id PartyID) IsZero() bool { return id == PartyID{} }

// String returns the canonical UUID text form.
func (id PartyID) String() string { return uuid.UUID(id).String() }

// UUID returns id as a [uuid.UUID].
func (id PartyID) UUID() uuid.UUID { return uuid.UUID(id) }

// Compare returns -1, 0 or +1 as id sorts before, equal to or after other.
// Version 7 identifiers sort in the order they were made.
func (id PartyID) Compare(other PartyID) int {
	for i := range id {
		switch {
		case id[i] < other[i]:
			return -1
		case id[i] > other[i]:
			return +1
		}
	}
	return 0
}

// MarshalText returns the canonical UUID text form. The zero PartyID
// marshals as empty text, as the zero [net/netip.Addr] does, so that an
// optional party in an event round-trips.
func (id PartyID) MarshalText() ([]byte, error) {
	if id.IsZero() {
		return []byte{}, nil
	}
	return uuid.UUID(id).MarshalText()
}

// UnmarshalText parses the canonical UUID text form, as [ParsePartyID] does,
// and empty text as the zero PartyID. On error id is unchanged.
func (id *PartyID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = PartyID{}
		return nil
	}
	p, err := parsePartyIDBytes(b)
	if err != nil {
		return err
	}
	*id = p
	return nil
}

// Sources supplies the time and the identifiers that a relationship stamps on
// what it records. In production the defaults serve; tests and example
// programs inject fixed sources so that they print the same output on every
// run.
//
// A nil *Sources, or a nil field, means the default: [time.Now] for the clock
// and time-ordered version 7 UUIDs for identifiers. The functions must be safe
// for concurrent use.
type Sources struct {
	// Clock returns the current time.
	Clock func() time.Time
	// IDs returns a new, unique identifier.
	IDs func() uuid.UUID
}

// Now returns the current time from the clock, or [time.Now].
func (s *Sources) Now() time.Time {
	if s == nil || s.Clock == nil {
		return time.Now()
	}
	return s.Clock()
}

// NewID returns a new identifier from the source, or a version 7 UUID.
func (s *Sources) NewID() uuid.UUID {
	if s == nil || s.IDs == nil {
		return newV7()
	}
	return s.IDs()
}

// NewPartyID returns a new party identifier from the source.
func (s *Sources) NewPartyID() PartyID { return PartyID(s.NewID()) }

// StepClock returns a deterministic clock for tests and examples: the first
// call returns start, and each later call returns step later than the one
// before. It is safe for concurrent use.
func StepClock(start time.Time, step time.Duration) func() time.Time {
	var n atomic.Int64
	return func() time.Time {
		return start.Add(time.Duration(n.Add(1)-1) * step)
	}
}

// SequentialIDs returns a deterministic identifier source for tests and
// examples. It yields valid version 7 UUIDs whose timestamp field is seed and
// whose random bits hold a counter, so successive identifiers differ, sort in
// the order they were made, and are the same on every run. Sources with
// different seeds below 2^48 never collide. It is safe for concurrent use.
func SequentialIDs(seed uint64) func() uuid.UUID {
	var n atomic.Uint64
	return func() uuid.UUID {
		var u uuid.UUID
		c := n.Add(1)
		binary.BigEndian.PutUint64(u[0:8], seed<<16)
		binary.BigEndian.PutUint64(u[8:16], c)
		u[6] = 0x70 | u[6]&0x0f // version 7
		u[8] = 0x80 | u[8]&0x3f // RFC 9562 variant
		return u
	}
}

// newV7 returns a version 7 UUID. It panics only if the operating system's
// random source fails, which is not something a program can recover from.
func newV7() uuid.UUID {
	return uuid.Must(uuid.NewV7())
}
