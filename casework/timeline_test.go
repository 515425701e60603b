package casework

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

const goldenTimeline = "testdata/timeline.golden.svg"

// winding opens a case whose course winds: evaluation sends it back to
// treatment and then to study, it closes, is reopened, and the client
// withdraws. On the way the client gives, refuses and revokes consent, a
// supervisor overrides a refusal, two provisions are given and one is
// declined, the client is referred and the case changes hands. The clock
// moves a day with every act.
func winding(t testing.TB) *Case {
	a := testAgency(t, nil)
	c, err := NewCase(idWorker, a, Application{Name: "The Kowalski family", Client: testClient, Worker: testWorker},
		&Options{Sources: &relationship.Sources{
			Clock: relationship.StepClock(epoch, 24*time.Hour), IDs: relationship.SequentialIDs(1)}})
	require.NoError(t, err)
	f := &fixture{t: t, a: a, c: c}
	goal := f.toTreatment()
	f.ok(c.ActivateGoal(idWorker, goal))
	coal := f.id(c.ProposeProvision(idWorker, "coal", 2, "heat through January"))
	f.ok(c.AuthoriseProvision(idWorker, coal))
	rent := f.id(c.ProposeProvision(idWorker, "rent", 800, "two weeks' arrears"))
	f.ok(c.ApproveProvision(idSupervisor, rent))
	f.ok(c.AuthoriseProvision(idWorker, rent))
	more := f.id(c.ProposeProvision(idWorker, "coal", 6, "the rest of the winter"))
	f.ok(c.DeclineProvision(idSupervisor, more, "the sister can help"))
	f.ok(c.MoveTo(idWorker, PhaseEvaluation))
	f.ok(c.MoveTo(idWorker, PhaseTreatment))
	doctor := f.id(c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
	f.ok(c.RevokeConsent(idClient, doctor))
	school := f.id(c.RefuseConsent(idClient, DisclosureScope("the school")))
	f.ok(c.OverrideRefusal(idSupervisor, school, "Jan has not been at school for a month"))
	f.id(c.GiveConsent(idClient, ReferralScope("the dispensary"), time.Time{}))
	ref := f.id(c.Refer(idWorker, "the dispensary", "Jan's cough"))
	f.ok(c.UpdateReferral(idWorker, ref, ReferralStateAccepted, "Dr. Grey will see him"))
	f.ok(c.MoveTo(idWorker, PhaseEvaluation))
	f.ok(c.MoveTo(idWorker, PhaseStudy))
	f.ok(c.MoveTo(idWorker, PhaseDiagnosis))
	f.ok(c.MoveTo(idWorker, PhaseTreatment))
	f.ok(c.Transfer(idSupervisor, testWorker2, "Miss Richmond leaves the district"))
	f.ok(c.MoveTo(idWorker2, PhaseEvaluation))
	f.ok(c.AchieveGoal(idWorker2, goal, "in work at the box factory"))
	f.ok(c.Close(idWorker2, ReasonGoalsAchieved, "the family is self-supporting"))
	f.ok(c.UpdateReferral(idWorker2, ref, ReferralStateCompleted, "treated"))
	f.ok(c.Reopen(idWorker2, "the factory closed"))
	f.ok(c.Withdraw(idClient, ""))
	return c
}

// svgNode is an element of a parsed SVG document.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// find returns every element below n, n included, for which keep is true.
func (n svgNode) find(keep func(svgNode) bool) []svgNode {
	var out []svgNode
	if keep(n) {
		out = append(out, n)
	}
	for _, c := range n.Children {
		out = append(out, c.find(keep)...)
	}
	return out
}

// child returns the text of n's first child element with the given name.
func (n svgNode) child(name string) string {
	for _, c := range n.Children {
		if c.XMLName.Local == name {
			return c.Text
		}
	}
	return ""
}

// groups returns the groups of the given class.
func (n svgNode) groups(class string) []svgNode {
	return n.find(func(m svgNode) bool { return m.XMLName.Local == "g" && m.attr("class") == class })
}

func parseSVG(t *testing.T, b []byte) svgNode {
	t.Helper()
	var root svgNode
	require.NoError(t, xml.Unmarshal(b, &root))
	require.Equal(t, "svg", root.XMLName.Local)
	return root
}

func TestTimelineGolden(t *testing.T) {
	c := winding(t)
	var b bytes.Buffer
	require.NoError(t, c.WriteTimelineSVG(&b, nil))
	if *update {
		require.NoError(t, os.WriteFile(goldenTimeline, b.Bytes(), 0o644))
	}
	want, err := os.ReadFile(goldenTimeline)
	require.NoError(t, err)
	assert.Equal(t, string(want), b.String(), "run go test -update to accept a deliberate change")

	root := parseSVG(t, b.Bytes())
	assert.Equal(t, "The Kowalski family: the case over time", root.child("title"))
	assert.Contains(t, root.child("desc"), "Phases: intake, study, diagnosis, treatment, evaluation, treatment, "+
		"evaluation, study, diagnosis, treatment, evaluation, closed, intake, closed.")
	assert.NotContains(t, b.String(), testClient.Name(), "the client's name stays out of the picture")

	legend := root.groups("legend")
	require.Len(t, legend, 1)
	var entries []string
	for _, e := range legend[0].groups("legend-entry") {
		entries = append(entries, strings.TrimSpace(e.child("text")))
	}
	assert.Equal(t, []string{"Phases", "intake", "study", "diagnosis", "treatment", "evaluation", "closed",
		"Events", markProvision, markGiven, markRefused, markRevoked, markOverride,
		markReferral, markTransfer, markClosed, markReopened}, entries)

	var spans []string
	for _, g := range root.find(func(m svgNode) bool { return strings.HasPrefix(m.attr("class"), "span span-") }) {
		spans = append(spans, strings.TrimSpace(g.child("text")))
	}
	assert.Equal(t, []string{"intake", "study", "diagnosis", "treatment", "evaluation", "treatment", "evaluation",
		"study", "diagnosis", "treatment", "evaluation", "closed", "intake"}, spans,
		"every stay in a phase is a span; the final closure is a marker only")
}

// TestTimelineMarksEveryProvisionAndConsent checks the picture against the
// case: a marker for every provision given and for every consent decision
// and change, each with its date and label in its tooltip, and none for the
// provision that was declined.
func TestTimelineMarksEveryProvisionAndConsent(t *testing.T) {
	c := winding(t)
	var b bytes.Buffer
	require.NoError(t, c.WriteTimelineSVG(&b, nil))
	root := parseSVG(t, b.Bytes())
	got := map[string][]string{}
	for _, g := range root.find(func(m svgNode) bool { return strings.HasPrefix(m.attr("class"), "marker marker-") }) {
		kind := strings.ReplaceAll(strings.TrimPrefix(g.attr("class"), "marker marker-"), "-", " ")
		got[kind] = append(got[kind], g.child("title"))
	}

	want := map[string][]string{}
	tip := func(kind string, at time.Time, label string) {
		want[kind] = append(want[kind], fmt.Sprintf("%s, %s: %s", kind, at.Format("2 Jan 2006 15:04"), label))
	}
	for p := range c.Provisions() {
		if p.State() == ProvisionStateAuthorised {
			n, unit := p.Quantity()
			_, at := p.DecidedBy()
			tip(markProvision, at, fmt.Sprintf("%s: %d %s", p.Resource(), n, unit))
		}
	}
	for k := range c.Consents() {
		changed, _ := k.Changed()
		switch k.State() {
		case ConsentStateGiven:
			tip(markGiven, k.Decided(), k.Scope().String())
		case ConsentStateRevoked:
			tip(markGiven, k.Decided(), k.Scope().String())
			tip(markRevoked, changed, k.Scope().String())
		case ConsentStateRefused:
			tip(markRefused, k.Decided(), k.Scope().String())
		case ConsentStateOverridden:
			tip(markRefused, k.Decided(), k.Scope().String())
			tip(markOverride, changed, k.Scope().String())
		}
	}
	require.Len(t, want[markProvision], 2, "the declined provision is not marked")
	require.Len(t, want[markGiven], 3)
	for _, kind := range []string{markProvision, markGiven, markRefused, markRevoked, markOverride} {
		assert.ElementsMatch(t, want[kind], got[kind], kind)
	}
	assert.Len(t, got[markReferral], 3, "made, accepted, completed")
	assert.Len(t, got[markClosed], 2, "closed, then withdrawn after reopening")
	assert.Len(t, got[markReopened], 1)
	assert.Len(t, got[markTransfer], 1)
}

// TestTimelineSpans checks where the phases begin and end: an open case's
// current phase runs to its latest entry or to the time asked for; a closed
// case ends at closure unless the record goes on after it.
func TestTimelineSpans(t *testing.T) {
	hour := func(n int) time.Time { return epoch.Add(time.Duration(n) * time.Hour) }
	type span struct {
		label      string
		start, end time.Time
	}
	tests := []struct {
		name  string
		setup func(f *fixture)
		opts  *TimelineOptions
		want  []span
	}{
		{"a case just opened is an instant of intake", func(*fixture) {}, nil,
			[]span{{"intake", hour(0), hour(0)}}},
		{"the current phase runs to the latest entry", func(f *fixture) {
			f.toStudy()
			f.id(f.c.WriteNote(idWorker, "a visit"))
		}, nil, []span{{"intake", hour(0), hour(1)}, {"study", hour(1), hour(2)}}},
		{"or to the time asked for", func(f *fixture) { f.toStudy() }, &TimelineOptions{Now: hour(30)},
			[]span{{"intake", hour(0), hour(1)}, {"study", hour(1), hour(30)}}},
		{"a time before the phase began makes it an instant", func(f *fixture) { f.toStudy() }, &TimelineOptions{Now: hour(-5)},
			[]span{{"intake", hour(0), hour(1)}, {"study", hour(1), hour(1)}}},
		{"a closed case ends at closure", func(f *fixture) {
			f.ok(f.c.Close(idWorker, ReasonMovedAway, "to Pittsburgh"))
		}, &TimelineOptions{Now: hour(30)}, []span{{"intake", hour(0), hour(1)}}},
		{"unless the record goes on after it", func(f *fixture) {
			f.ok(f.c.Close(idWorker, ReasonMovedAway, "to Pittsburgh"))
			f.id(f.c.WriteNote(idWorker, "a letter from Pittsburgh"))
		}, nil, []span{{"intake", hour(0), hour(1)}, {"closed", hour(1), hour(2)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.setup(f)
			rs, err := f.c.records()
			require.NoError(t, err)
			tl := f.c.timeline(rs, tt.opts)
			var got []span
			for _, s := range tl.Spans {
				got = append(got, span{s.Label, s.Start, s.End})
			}
			assert.Equal(t, tt.want, got)
			require.NoError(t, f.c.WriteTimelineSVG(io.Discard, tt.opts))
		})
	}
}

func TestTimelineOptions(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	p := f.id(f.c.ProposeProvision(idWorker, "rent", 450, "a week's rent"))
	f.ok(f.c.AuthoriseProvision(idWorker, p))
	dollars := func(r Resource, n int64, unit string) string {
		return fmt.Sprintf("$%d.%02d %s", n/100, n%100, r)
	}
	tests := []struct {
		name  string
		opts  *TimelineOptions
		title string
		label string
		tip   string
	}{
		{"defaults", nil, "The Kowalski family: the case over time", "rent: 450 cent", "7 Jan 1895 20:00"},
		{"the client named", &TimelineOptions{ShowClientName: true},
			"The Kowalski family (client: Anna Kowalski): the case over time", "rent: 450 cent", "7 Jan 1895 20:00"},
		{"money as money", &TimelineOptions{ProvisionLabel: dollars},
			"The Kowalski family: the case over time", "$4.50 rent", "7 Jan 1895 20:00"},
		{"another time zone", &TimelineOptions{Location: time.FixedZone("EST", -5*3600)},
			"The Kowalski family: the case over time", "rent: 450 cent", "7 Jan 1895 15:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := f.c.records()
			require.NoError(t, err)
			tl := f.c.timeline(rs, tt.opts)
			assert.Equal(t, tt.title, tl.Title)
			require.NotEmpty(t, tl.Markers)
			assert.Equal(t, markProvision, tl.Markers[0].Kind, "provisions come first in the legend")
			assert.Equal(t, tt.label, tl.Markers[0].Label)
			var b bytes.Buffer
			require.NoError(t, f.c.WriteTimelineSVG(&b, tt.opts))
			root := parseSVG(t, b.Bytes())
			assert.Equal(t, tt.title, root.child("title"))
			assert.Contains(t, b.String(), "provision given, "+tt.tip+": "+tt.label)
		})
	}
}

func TestTimelineOfZeroCase(t *testing.T) {
	var c Case
	var b bytes.Buffer
	err := c.WriteTimelineSVG(&b, nil)
	assert.ErrorIs(t, err, relationship.ErrInvalidEntry)
	assert.Zero(t, b.Len(), "nothing written")
}

// failingWriter fails every write.
type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestTimelineWriteError(t *testing.T) {
	err := newFixture(t).c.WriteTimelineSVG(failingWriter{}, nil)
	assert.ErrorIs(t, err, errDiskFull)
}
