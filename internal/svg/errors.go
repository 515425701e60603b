package svg

import (
	"errors"
	"fmt"
)

// Sentinel errors. Callers branch on them with [errors.Is]; [InputError] and
// [MarkupError] wrap them and carry the offending values for [errors.As].
var (
	// ErrMissing means a required field is empty: a title, a node ID, a
	// series name, a time that was never set.
	ErrMissing = errors.New("svg: missing value")
	// ErrDuplicate means two nodes share an ID, two edges join the same
	// ordered pair, or two series share a name.
	ErrDuplicate = errors.New("svg: duplicate")
	// ErrUnknownNode means an edge names a node that is not in the picture.
	ErrUnknownNode = errors.New("svg: unknown node")
	// ErrSelfTie means an edge runs from a node to itself: help is always
	// between two people.
	ErrSelfTie = errors.New("svg: edge from a node to itself")
	// ErrOutOfRange means a number lies outside the range the picture can
	// draw: a weight below one, a count below zero, a value outside [0, 1],
	// an unknown node kind.
	ErrOutOfRange = errors.New("svg: value out of range")
	// ErrNotFinite means a number is NaN or infinite.
	ErrNotFinite = errors.New("svg: value not finite")
	// ErrReversedSpan means a timeline span ends before it starts.
	ErrReversedSpan = errors.New("svg: span ends before it starts")
	// ErrMismatchedLength means two lists that must be the same length are
	// not, such as a series' values and the chart's categories.
	ErrMismatchedLength = errors.New("svg: mismatched length")
	// ErrMalformed means a [Document] was used in a way that cannot give
	// well-formed XML: an invalid name, a non-finite number, an element left
	// open or closed twice.
	ErrMalformed = errors.New("svg: malformed document")
)

// InputError reports input that a picture cannot draw. It names the picture,
// the offending field as a Go-like path into the input (such as
// "Edges[3].To") and the offending value, and unwraps to one of the sentinel
// errors above.
type InputError struct {
	Picture string // "sociogram", "timeline" or "bar chart"
	Field   string // path of the offending field, such as "Series[1].Values[2]"
	Value   any    // the offending value
	Reason  string // what is wrong, in a few words
	Err     error  // the sentinel this error wraps
}

// Error returns the message, such as
// `svg: sociogram: Edges[3].To = "zed": no node has this ID`.
func (e *InputError) Error() string {
	v := e.Value
	if s, ok := v.(string); ok {
		v = fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("svg: %s: %s = %v: %s", e.Picture, e.Field, v, e.Reason)
}

// Unwrap returns the sentinel error.
func (e *InputError) Unwrap() error { return e.Err }

// MarkupError reports a misuse of a [Document] that would give malformed
// XML. It unwraps to [ErrMalformed].
type MarkupError struct {
	Element string // the element being written, if any
	Problem string // what was wrong, such as `invalid attribute name "1x"`
}

// Error returns the message, such as
// `svg: malformed document: <circle>: invalid attribute name "1x"`.
func (e *MarkupError) Error() string {
	if e.Element == "" {
		return "svg: malformed document: " + e.Problem
	}
	return fmt.Sprintf("svg: malformed document: <%s>: %s", e.Element, e.Problem)
}

// Unwrap returns [ErrMalformed].
func (e *MarkupError) Unwrap() error { return ErrMalformed }

// problems collects the input errors of one picture so that validation
// reports every problem at once.
type problems struct {
	picture string
	errs    []error
}

// add records one problem.
func (p *problems) add(field string, value any, sentinel error, reason string) {
	p.errs = append(p.errs, &InputError{
		Picture: p.picture, Field: field, Value: value, Reason: reason, Err: sentinel,
	})
}

// err returns nil, the single problem, or all of them joined.
func (p *problems) err() error {
	switch len(p.errs) {
	case 0:
		return nil
	case 1:
		return p.errs[0]
	}
	return errors.Join(p.errs...)
}
