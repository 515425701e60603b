package svg

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Timeline is a picture of a case over time: phases as labelled spans on a
// time axis, and events as markers with short labels. The package knows no
// phase or event names; the input says what they are. Fill it from plain
// data and call [Timeline.WriteSVG]. The zero value is not drawable: it
// needs a title and at least one span or marker.
//
// Spans are drawn as bars in lanes; spans that overlap in time take extra
// lanes. A span's label sits inside its bar when it fits and otherwise
// above the lanes, joined to the bar by a short line. Markers hang below
// the lanes on rows, each a symbol with its label beside it; a marker whose
// label would collide with another's moves down a row, so that no labels
// overlap. The axis below them shows date ticks at a step chosen from the
// range: hours, days, weeks, months or years.
type Timeline struct {
	// Title heads the picture and names it for screen readers. Required.
	Title string
	// Description is read by screen readers (<desc>); empty means a summary
	// generated from the input.
	Description string
	// Spans are the phases, such as intake, study, diagnosis, treatment,
	// evaluation and closed. A phase that recurs (a case reopened) is
	// simply another span.
	Spans []Span
	// Markers are the events, such as a provision, consent given or
	// revoked, or a referral.
	Markers []Marker
	// Location is the time zone of the axis and of the dates in tooltips;
	// nil means UTC.
	Location *time.Location
}

// Span is one phase of a [Timeline].
type Span struct {
	// Label names the phase, such as "treatment". Required.
	Label string
	// Start and End bound the phase. Both are required, and End may not be
	// before Start; a phase still open is drawn up to the End given (for
	// example, now).
	Start, End time.Time
	// Class groups spans that share a colour, such as "active" for the
	// working phases; it also becomes a CSS class "span-<class>". Empty
	// means the Label, so that spans of the same name match. Classes take
	// colours in the order they first appear.
	Class string
}

// Marker is one event of a [Timeline].
type Marker struct {
	// At is when the event happened. Required.
	At time.Time
	// Kind names the kind of event, such as "consent given"; markers of one
	// kind share a symbol and colour, explained in the legend. Kinds take
	// symbols in the order they first appear. Required.
	Kind string
	// Label is a short text beside the symbol, such as "food voucher";
	// longer than about fourteen ems it is cut with an ellipsis, the full
	// text kept in a tooltip. Optional.
	Label string
}

// WriteSVG draws the timeline as an SVG document and writes it to w. Bad
// input returns the errors of [Timeline.Validate] and writes nothing.
func (tl Timeline) WriteSVG(w io.Writer) error {
	if err := tl.Validate(); err != nil {
		return err
	}
	_, err := tl.layout().render(tl).WriteTo(w)
	return err
}

// Validate reports every problem that stops the timeline being drawn, each
// an [*InputError] wrapping [ErrMissing] or [ErrReversedSpan]; several are
// joined with [errors.Join].
func (tl Timeline) Validate() error {
	p := &problems{picture: "timeline"}
	if strings.TrimSpace(tl.Title) == "" {
		p.add("Title", tl.Title, ErrMissing, "a title is required")
	}
	if len(tl.Spans)+len(tl.Markers) == 0 {
		p.add("Spans", 0, ErrMissing, "at least one span or marker is required")
	}
	for i, s := range tl.Spans {
		f := fmt.Sprintf("Spans[%d]", i)
		if strings.TrimSpace(s.Label) == "" {
			p.add(f+".Label", s.Label, ErrMissing, "a span needs a label")
		}
		switch {
		case s.Start.IsZero():
			p.add(f+".Start", s.Start, ErrMissing, "the start is not set")
		case s.End.IsZero():
			p.add(f+".End", s.End, ErrMissing, "the end is not set")
		case s.End.Before(s.Start):
			p.add(f+".End", s.End, ErrReversedSpan, "the span ends before it starts at "+s.Start.String())
		}
	}
	for i, m := range tl.Markers {
		f := fmt.Sprintf("Markers[%d]", i)
		if m.At.IsZero() {
			p.add(f+".At", m.At, ErrMissing, "the time is not set")
		}
		if strings.TrimSpace(m.Kind) == "" {
			p.add(f+".Kind", m.Kind, ErrMissing, "a marker needs a kind")
		}
	}
	return p.err()
}

// location returns the time zone of the axis.
func (tl Timeline) location() *time.Location {
	if tl.Location == nil {
		return time.UTC
	}
	return tl.Location
}

// summary describes the timeline in one sentence for screen readers.
func (tl Timeline) summary(first, last time.Time) string {
	if tl.Description != "" {
		return tl.Description
	}
	return fmt.Sprintf("A timeline from %s to %s: %s and %s.",
		formatWhen(first), formatWhen(last),
		plural(len(tl.Spans), "phase", "phases"), plural(len(tl.Markers), "event", "events"))
}
