package count

import (
	"fmt"
	"iter"

	"github.com/helpingwork/helping/internal/enum"
)

// Response is one participant's answer in a consent round.
//
// Consent comes from sociocracy (Gerard Endenburg's sociocratic circle
// method, 1970s; Ted Rau and Jerry Koch-Gonzalez, "Many Voices One Song",
// 2018). It asks a different question from consensus: not "do you support
// this?" but "do you have an objection?" — a reasoned argument that the
// proposal would harm the group's ability to reach its aim. A proposal that
// is "good enough for now, safe enough to try" passes.
//
// The zero Response is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Response uint8

// The responses.
const (
	// Consents: the participant has no objection.
	Consents Response = iota + 1
	// Objects: the participant raised an objection that still stands.
	Objects
	// ObjectionResolved: the participant objected, and the group integrated
	// the objection by amending the proposal; it no longer stands.
	ObjectionResolved
	// ObjectionWithdrawn: the participant objected and then withdrew the
	// objection (for example after hearing it would not harm the aim); it
	// no longer stands.
	ObjectionWithdrawn
)

var responses = enum.New[Response]("response", "unspecified", "consents", "objects", "resolved", "withdrawn")

// Responses yields every valid response in order.
func Responses() iter.Seq[Response] { return responses.Values() }

// ParseResponse returns the response named s: "consents", "objects",
// "resolved" or "withdrawn". Unknown text is a [*relationship.TextError]
// wrapping [relationship.ErrUnknownText].
func ParseResponse(s string) (Response, error) { return responses.ParseText(s) }

// IsValid reports whether r is one of the named responses.
func (r Response) IsValid() bool { return responses.Valid(r) }

// String returns the response's name, such as "objects".
func (r Response) String() string { return responses.String(r) }

// MarshalText returns the response's name. An invalid response is an error.
func (r Response) MarshalText() ([]byte, error) { return responses.Text(r) }

// UnmarshalText sets r to the response named by b. On error r is unchanged.
func (r *Response) UnmarshalText(b []byte) error { return responses.Unmarshal(b, r) }

// ConsentResult is the outcome of a consent round: the counts of each
// response and who still objects (indices into the caller's slice).
type ConsentResult struct {
	Passed       bool `json:"passed"`
	Participants int  `json:"participants"`
	Consenting   int  `json:"consenting"`
	Standing     int  `json:"standing"`
	Resolved     int  `json:"resolved"`
	Withdrawn    int  `json:"withdrawn"`
	// Objectors lists the participants whose objection still stands.
	Objectors []int `json:"objectors,omitempty"`
}

// Resolution returns [Passed] or [Failed].
func (c ConsentResult) Resolution() Resolution { return passedOrFailed(c.Passed) }

// String explains the result in one line, such as
// "consent: 6 participants, 0 standing objections (1 resolved, 0 withdrawn)".
func (c ConsentResult) String() string {
	verdict := "no consent"
	if c.Passed {
		verdict = "consent"
	}
	return fmt.Sprintf("%s: %d participants, %d standing objections (%d resolved, %d withdrawn)",
		verdict, c.Participants, c.Standing, c.Resolved, c.Withdrawn)
}

// Consent decides a proposal by consent: it passes when at least one person
// took part and no objection stands. Resolved and withdrawn objections are
// counted and reported, because the record of how a proposal was improved
// is part of the decision, but they do not stop it. An empty round (nobody
// present) does not pass: consent is given by people, not by silence.
func Consent(responses []Response) (ConsentResult, error) {
	r := ConsentResult{Participants: len(responses)}
	for i, x := range responses {
		switch x {
		case Consents:
			r.Consenting++
		case Objects:
			r.Standing++
			r.Objectors = append(r.Objectors, i)
		case ObjectionResolved:
			r.Resolved++
		case ObjectionWithdrawn:
			r.Withdrawn++
		default:
			return ConsentResult{}, &VoteError{Kind: "response", Index: i, Value: uint8(x)}
		}
	}
	r.Passed = r.Participants > 0 && r.Standing == 0
	return r, nil
}
