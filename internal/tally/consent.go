package tally

import "fmt"

// Response is one participant's answer in a consent round. The zero value
// is not a response and is rejected.
//
// Consent comes from sociocracy (Gerard Endenburg's sociocratic circle
// method, 1970s; Ted Rau and Jerry Koch-Gonzalez, "Many Voices One Song",
// 2018). It asks a different question from consensus: not "do you support
// this?" but "do you have an objection?" — a reasoned argument that the
// proposal would harm the group's ability to reach its aim. A proposal that
// is "good enough for now, safe enough to try" passes.
type Response uint8

// The responses. Values are never reordered.
const (
	_ Response = iota
	// Consents: the participant has no objection.
	Consents
	// Objects: the participant raised an objection that still stands.
	Objects
	// Resolved: the participant objected, and the group integrated the
	// objection by amending the proposal; it no longer stands.
	Resolved
	// Withdrawn: the participant objected and then withdrew the objection
	// (for example after hearing it would not harm the aim); it no longer
	// stands.
	Withdrawn
)

var responseNames = [...]string{"invalid response", "consents", "objects", "objection resolved", "objection withdrawn"}

// String returns the response in plain words.
func (r Response) String() string {
	if int(r) < len(responseNames) {
		return responseNames[r]
	}
	return fmt.Sprintf("response(%d)", uint8(r))
}

// ConsentResult is the outcome of a consent round: the counts of each
// response and who still objects (indices into the caller's slice).
type ConsentResult struct {
	Passed                                    bool
	Participants                              int
	Consenting, Standing, Resolved, Withdrawn int
	// Objectors lists the participants whose objection still stands.
	Objectors []int
}

// String explains the result in one line.
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
func Consent(responses []Response) (ConsentResult, error) { return ConsentOf(responses) }

// ConsentOf is [Consent] over responses of any type whose values are those
// of [Response], so that a caller with its own response type counts its
// slice in place, without a converted copy.
func ConsentOf[R ~uint8](responses []R) (ConsentResult, error) {
	r := ConsentResult{Participants: len(responses)}
	for i, x := range responses {
		switch Response(x) {
		case Consents:
			r.Consenting++
		case Objects:
			r.Standing++
			r.Objectors = append(r.Objectors, i)
		case Resolved:
			r.Resolved++
		case Withdrawn:
			r.Withdrawn++
		default:
			return ConsentResult{}, &VoteError{Kind: "response", Index: i, Value: uint8(x)}
		}
	}
	r.Passed = r.Participants > 0 && r.Standing == 0
	return r, nil
}
