package casework

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/svg"
	"github.com/helpingwork/helping/relationship"
)

// TimelineOptions tune the picture drawn by [Case.WriteTimelineSVG]. A nil
// *TimelineOptions means the defaults.
type TimelineOptions struct {
	// ShowClientName adds the client's name to the title. Off by default:
	// the picture is meant to be shown (in a team meeting, a report, a
	// lesson), and Biestek's principle of confidentiality says the client's
	// name travels no further than it must. A case opened without a name
	// of its own is named after the client, and shows that name anyway.
	// See [Case.WriteTimelineSVG].
	ShowClientName bool
	// Now ends the phase that an open case is in. Zero means the time of the
	// latest entry of the record. It is ignored for a closed case, and a
	// time before the current phase began draws that phase as an instant.
	Now time.Time
	// Location is the time zone of the axis and of the dates in the
	// picture; nil means UTC.
	Location *time.Location
	// ProvisionLabel writes the label of a provision's marker from its
	// resource, quantity and unit, such as "rent: $18.00" for 1800 units of
	// "cent". Nil means the resource, the quantity and the unit as the
	// agency declared it: "coal: 3 hundredweight".
	ProvisionLabel func(r Resource, quantity int64, unit string) string
}

func (o *TimelineOptions) showClientName() bool { return o != nil && o.ShowClientName }

func (o *TimelineOptions) now() time.Time {
	if o == nil {
		return time.Time{}
	}
	return o.Now
}

func (o *TimelineOptions) provisionLabel() func(Resource, int64, string) string {
	if o == nil || o.ProvisionLabel == nil {
		return func(r Resource, n int64, unit string) string { return fmt.Sprintf("%s: %d %s", r, n, unit) }
	}
	return o.ProvisionLabel
}

func (o *TimelineOptions) location() *time.Location {
	if o == nil || o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// The kinds of event a timeline marks, as its legend names them.
const (
	markProvision = "provision given"
	markGiven     = "consent given"
	markRefused   = "consent refused"
	markRevoked   = "consent revoked"
	markOverride  = "refusal overridden"
	markReferral  = "referral"
	markTransfer  = "transferred"
	markClosed    = "closed"
	markReopened  = "reopened"
)

// markOrder is the order of the kinds in the legend: help given, then the
// client's decisions and the override of one, then the case's course.
var markOrder = []string{markProvision, markGiven, markRefused, markRevoked, markOverride,
	markReferral, markTransfer, markClosed, markReopened}

// WriteTimelineSVG draws the case over time as an SVG picture and writes it
// to w. The phases are labelled bars, one for every stay in a phase, so that
// a return from evaluation to treatment or to study, and a case closed and
// reopened, show as the process ran. Below them, markers show the events
// that matter to the client: each provision given, with its resource and
// quantity; each consent given, refused or revoked, and each refusal a
// supervisor overrode, with its scope; each referral made and what became
// of it; transfers between workers; closure, with its reason; reopening.
// A legend explains the colours and symbols; every mark carries its date
// in a tooltip.
//
// The picture is drawn from the record, like everything the case knows,
// and ends at the latest entry (or at [TimelineOptions.Now] for an open
// case). It holds no note, no evidence and no household detail. Its title
// names the case by [Case.Name], as the rest of the package does: that is
// the case's own name, or the client's name if the case was opened without
// one (see [Application.Name]). The client's name is added only when
// [TimelineOptions.ShowClientName] asks for it.
//
// The picture is made whole in memory before any of it is written. The
// zero Case, which has no record, is an error wrapping
// [relationship.ErrInvalidEntry]; an error from w is returned wrapped.
func (c *Case) WriteTimelineSVG(w io.Writer, opts *TimelineOptions) error {
	if c == nil {
		return relationship.Nil("case")
	}
	if w == nil {
		return relationship.Nil("writer")
	}
	if c.Version() == 0 {
		return entryError(1, "empty record: no timeline to draw")
	}
	rs, err := c.records()
	if err != nil {
		return fmt.Errorf("casework: timeline: %w", err)
	}
	if err := c.timeline(rs, opts).WriteSVG(w); err != nil {
		return fmt.Errorf("casework: timeline: %w", err)
	}
	return nil
}

// timeline builds the plain picture of the case from its record, for the
// SVG writer.
func (c *Case) timeline(rs []record, opts *TimelineOptions) svg.Timeline {
	c.mu.RLock()
	name, client := c.st.name, c.st.client.Name()
	c.mu.RUnlock()
	b := &timelineBuilder{
		loc:        opts.location(),
		quantity:   opts.provisionLabel(),
		units:      map[Resource]string{},
		provisions: map[uuid.UUID]ProvisionProposed{},
		scopes:     map[uuid.UUID]Scope{},
		referrals:  map[uuid.UUID]string{},
	}
	for _, r := range rs {
		b.add(r)
	}
	b.finish(rs, opts.now())
	// Kinds take their symbols and their place in the legend in the order
	// they first appear; the picture places markers by time whatever their
	// order here.
	slices.SortStableFunc(b.markers, func(x, y svg.Marker) int {
		return slices.Index(markOrder, x.Kind) - slices.Index(markOrder, y.Kind)
	})
	title := name + ": the case over time"
	if opts.showClientName() && client != name {
		title = name + " (client: " + client + "): the case over time"
	}
	return svg.Timeline{
		Title:       title,
		Description: b.describe(name),
		Spans:       b.spans,
		Markers:     b.markers,
		Location:    b.loc,
	}
}

// timelineBuilder reads a record, entry by entry, into spans and markers.
type timelineBuilder struct {
	loc        *time.Location
	quantity   func(Resource, int64, string) string
	spans      []svg.Span
	markers    []svg.Marker
	phase      Phase               // the phase the case is in
	since      time.Time           // when it entered that phase
	phases     []string            // the phases visited, in order
	units      map[Resource]string // of the agency's resources
	provisions map[uuid.UUID]ProvisionProposed
	scopes     map[uuid.UUID]Scope  // of every consent decision
	referrals  map[uuid.UUID]string // the agency of every referral
	counts     struct{ provisions, consents, overrides, referrals int }
	closure    string // the reason of the last closure, while closed
}

// add reads one record: a change of phase, a marker, or what later markers
// need to know.
func (b *timelineBuilder) add(r record) {
	if to := phaseAfter(r.ev, b.phase); to != b.phase {
		b.enter(to, r.at)
	}
	mark := func(kind, label string) {
		b.markers = append(b.markers, svg.Marker{At: r.at, Kind: kind, Label: label})
	}
	switch ev := r.ev.(type) {
	case CaseOpened:
		for _, t := range ev.Resources {
			b.units[t.Resource] = t.Unit
		}
	case ProvisionProposed:
		b.provisions[ev.Provision] = ev
	case ProvisionAuthorised:
		p := b.provisions[ev.Provision]
		b.counts.provisions++
		mark(markProvision, b.quantity(p.Resource, p.Quantity, b.units[p.Resource]))
	case ConsentGiven:
		b.scopes[ev.Consent] = ev.Scope
		b.counts.consents++
		mark(markGiven, ev.Scope.String())
	case ConsentRefused:
		b.scopes[ev.Consent] = ev.Scope
		b.counts.consents++
		mark(markRefused, ev.Scope.String())
	case ConsentRevoked:
		b.counts.consents++
		mark(markRevoked, b.scopes[ev.Consent].String())
	case RefusalOverridden:
		b.counts.overrides++
		mark(markOverride, b.scopes[ev.Consent].String())
	default:
		b.addMore(r, mark)
	}
}

// addMore reads the records add leaves: referrals, transfers, closure and
// reopening.
func (b *timelineBuilder) addMore(r record, mark func(kind, label string)) {
	switch ev := r.ev.(type) {
	case ReferralMade:
		b.referrals[ev.Referral] = ev.To
		b.counts.referrals++
		mark(markReferral, "to "+ev.To)
	case ReferralUpdated:
		mark(markReferral, ev.State.String()+" by "+b.referrals[ev.Referral])
	case ReferralRevoked:
		mark(markReferral, "revoked: "+b.referrals[ev.Referral])
	case CaseTransferred:
		mark(markTransfer, "to "+ev.To.Name())
	case CaseClosed:
		b.closure = words(ev.Reason.String())
		mark(markClosed, b.closure)
	case CaseWithdrawn:
		b.closure = words(ReasonClientWithdrew.String())
		mark(markClosed, b.closure)
	case CaseReopened:
		mark(markReopened, ev.Reason)
	}
}

// enter ends the span of the phase the case was in, if any, and starts the
// next.
func (b *timelineBuilder) enter(to Phase, at time.Time) {
	if b.phase.IsValid() {
		b.span(at)
	}
	b.phase, b.since = to, at
	b.phases = append(b.phases, to.String())
}

// span adds the span of the current phase, ending at end. A closed phase
// is drawn only when it lasted: the closure marker shows the moment.
func (b *timelineBuilder) span(end time.Time) {
	if end.Before(b.since) {
		end = b.since
	}
	if b.phase == PhaseClosed && !end.After(b.since) {
		return
	}
	b.spans = append(b.spans, svg.Span{Label: b.phase.String(), Start: b.since, End: end, Class: b.phase.String()})
}

// finish ends the last phase: an open case at now (or at its latest entry),
// a closed one at its latest entry.
func (b *timelineBuilder) finish(rs []record, now time.Time) {
	if len(rs) == 0 {
		return
	}
	end := rs[len(rs)-1].at
	if b.phase.IsOpen() && !now.IsZero() {
		end = now
	}
	b.span(end)
}

// describe summarises the picture in words, for screen readers.
func (b *timelineBuilder) describe(name string) string {
	var first, last time.Time
	for _, s := range b.spans {
		first, last = minTime(first, s.Start), maxTime(last, s.End)
	}
	for _, m := range b.markers {
		first, last = minTime(first, m.At), maxTime(last, m.At)
	}
	end := "still open, in " + b.phase.String()
	if b.phase == PhaseClosed {
		end = "closed (" + b.closure + ")"
	}
	const day = "2 Jan 2006"
	var events []string
	for _, n := range []struct {
		n         int
		one, many string
	}{
		{b.counts.provisions, "provision given", "provisions given"},
		{b.counts.consents, "consent decision of the client", "consent decisions of the client"},
		{b.counts.overrides, "refusal overridden", "refusals overridden"},
		{b.counts.referrals, "referral", "referrals"},
	} {
		if n.n > 0 {
			events = append(events, count(n.n, n.one, n.many))
		}
	}
	if len(events) == 0 {
		events = append(events, "no provision, consent or referral")
	}
	return fmt.Sprintf("%s, from %s to %s. Phases: %s. %s; %s.", name,
		first.In(b.loc).Format(day), last.In(b.loc).Format(day), strings.Join(b.phases, ", "),
		strings.Join(events, ", "), end)
}

// words turns the text of an enum, such as "goals-achieved", into words.
func words(s string) string { return strings.ReplaceAll(s, "-", " ") }

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func minTime(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
