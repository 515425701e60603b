package groupwork

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// Quorum is the least participation a [Proposal] needs for its result to
// bind the group. Robert's Rules define a quorum as the number of members
// who must be present for business to be valid, so that a few cannot
// decide for the many; a group that votes between meetings measures it by
// the members who take part in the vote instead. Here a member takes part
// by casting a ballot, of any content: an abstention, a stand-aside or a
// blank ballot counts toward the quorum, since the member was there and
// chose not to side.
//
// A quorum is a Count of voters, or a Fraction of a base: of all eligible
// voters (the current members, and the facilitator where the group's
// [Settings] let the facilitator vote), or, with OfPresent, of those
// present at the proposal's meeting. The zero Quorum asks for none.
//
// Its text form, used in the record, is "3", "1/2 of eligible" or
// "2/3 of present".
type Quorum struct {
	// Count, when positive, is the fewest voters who must take part.
	Count int
	// Fraction, when not zero, is the least share of the base that must
	// take part, in (0, 1]: at least ceil(Fraction × base) voters, and at
	// least one.
	Fraction count.Fraction
	// OfPresent measures Fraction against the members present (or late) at
	// the proposal's meeting, rather than all eligible voters. It needs a
	// Fraction, and a proposal that names a meeting.
	OfPresent bool
}

// IsZero reports whether q asks for no quorum.
func (q Quorum) IsZero() bool { return q == Quorum{} }

// String returns the text form of q, or "none" for the zero Quorum.
func (q Quorum) String() string {
	if q.IsZero() {
		return "none"
	}
	b, _ := q.MarshalText()
	return string(b)
}

// MarshalText returns "3", "1/2 of eligible", "2/3 of present", or "" for
// the zero Quorum.
func (q Quorum) MarshalText() ([]byte, error) {
	switch {
	case q.IsZero():
		return nil, nil
	case q.Count != 0:
		return []byte(strconv.Itoa(q.Count)), nil
	case q.OfPresent:
		return []byte(q.Fraction.String() + " of present"), nil
	}
	return []byte(q.Fraction.String() + " of eligible"), nil
}

// UnmarshalText sets q to the quorum written as by [Quorum.MarshalText].
// On error q is unchanged.
func (q *Quorum) UnmarshalText(b []byte) error {
	p, err := ParseQuorum(string(b))
	if err != nil {
		return err
	}
	*q = p
	return nil
}

// ParseQuorum returns the quorum written as "3", "1/2 of eligible" or
// "2/3 of present", or the zero Quorum for "". It checks the form only;
// [Group.Propose] checks the values. Text of another form is a
// [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseQuorum(s string) (Quorum, error) {
	bad := &relationship.TextError{Type: "quorum", Text: s, Err: relationship.ErrUnknownText}
	if s == "" {
		return Quorum{}, nil
	}
	frac, of, ok := strings.Cut(s, " of ")
	if !ok {
		n, err := strconv.Atoi(s)
		if err != nil {
			return Quorum{}, bad
		}
		return Quorum{Count: n}, nil
	}
	f, err := count.ParseFraction(frac)
	if err != nil || (of != "eligible" && of != "present") {
		return Quorum{}, bad
	}
	return Quorum{Fraction: f, OfPresent: of == "present"}, nil
}

// check returns an [*InputError] wrapping [ErrInvalidQuorum] or [*count.FractionError] for an inconsistent
// quorum. meeting says whether the proposal names a meeting.
func (q Quorum) check(meeting bool) error {
	switch {
	case q.Count < 0:
		return &InputError{Field: "quorum", Err: ErrInvalidQuorum, Reason: "a negative count"}
	case q.Count > 0 && !q.Fraction.IsZero():
		return &InputError{Field: "quorum", Err: ErrInvalidQuorum, Reason: "both a count and a fraction"}
	case q.Count > 0 && q.OfPresent:
		return &InputError{Field: "quorum", Err: ErrInvalidQuorum, Reason: "a count measured against those present"}
	case q.OfPresent && q.Fraction.IsZero():
		return &InputError{Field: "quorum", Err: ErrInvalidQuorum, Reason: "those present, but no fraction of them"}
	case q.OfPresent && !meeting:
		return &InputError{Field: "quorum", Err: ErrInvalidQuorum, Reason: "those present, but the proposal names no meeting"}
	case !q.Fraction.IsZero() && (q.Fraction.Den <= 0 || q.Fraction.Num <= 0 || q.Fraction.Num > q.Fraction.Den):
		return &count.FractionError{Fraction: q.Fraction, Use: "quorum"}
	}
	return nil
}

// QuorumCount is how a proposal's quorum was measured when it was counted.
type QuorumCount struct {
	// Quorum is the quorum the proposal declared.
	Quorum Quorum `json:"quorum"`
	// Base is what a fractional quorum was measured against: the eligible
	// voters, or those present at the meeting; 0 for a count or none.
	Base int `json:"base"`
	// Needed is the fewest voters the quorum asked for.
	Needed int `json:"needed"`
	// Participants is the number of voters who took part.
	Participants int `json:"participants"`
	// Reached reports whether Participants reached Needed.
	Reached bool `json:"reached"`
}

// String explains the count in one line, such as
// "quorum 1/2 of eligible (9): 4 took part, 5 needed; not reached".
func (c QuorumCount) String() string {
	if c.Quorum.IsZero() {
		return fmt.Sprintf("no quorum required; %d took part", c.Participants)
	}
	verdict := "reached"
	if !c.Reached {
		verdict = "not reached"
	}
	base := ""
	if !c.Quorum.Fraction.IsZero() {
		base = fmt.Sprintf(" (%d)", c.Base)
	}
	return fmt.Sprintf("quorum %s%s: %d took part, %d needed; %s", c.Quorum, base, c.Participants, c.Needed, verdict)
}

// measure measures the quorum against participants and base.
func (q Quorum) measure(participants, base int) QuorumCount {
	c := QuorumCount{Quorum: q, Participants: participants}
	switch {
	case q.Count > 0:
		c.Needed = q.Count
	case !q.Fraction.IsZero():
		c.Base = base
		c.Needed = max(1, q.Fraction.Needed(base))
	}
	c.Reached = participants >= c.Needed
	return c
}
