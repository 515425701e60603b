package svg

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func renderTimeline(t *testing.T, tl Timeline) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, tl.WriteSVG(&buf))
	return buf.Bytes()
}

func TestTimelineGolden(t *testing.T) {
	golden(t, "timeline-short.svg", renderTimeline(t, shortTimeline()))
	golden(t, "timeline-long.svg", renderTimeline(t, longTimeline()))
}

func TestTimelineGeometry(t *testing.T) {
	at := time.Date(2024, 5, 6, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		tl   Timeline
	}{
		{"short", shortTimeline()},
		{"long", longTimeline()},
		{"crowded 5", crowdedTimeline(5)},
		{"crowded 30", crowdedTimeline(30)},
		{"crowded 80", crowdedTimeline(80)},
		{"one marker", Timeline{Title: "T", Markers: []Marker{{At: at, Kind: "referral"}}}},
		{"one instant span", Timeline{Title: "T", Spans: []Span{{Label: "closed", Start: at, End: at}}}},
		{"same moment", Timeline{Title: "T", Markers: []Marker{
			{At: at, Kind: "a", Label: "first"}, {At: at, Kind: "b", Label: "second"}, {At: at, Kind: "a", Label: "third"},
		}}},
		{"hours", Timeline{Title: "An afternoon", Markers: []Marker{
			{At: at, Kind: "call", Label: "called"}, {At: at.Add(3 * time.Hour), Kind: "visit", Label: "visited"},
		}}},
		{"decades", Timeline{Title: "A family over decades", Spans: []Span{
			{Label: "first case", Start: at.AddDate(-40, 0, 0), End: at.AddDate(-38, 0, 0)},
			{Label: "second case", Start: at.AddDate(-5, 0, 0), End: at},
		}}},
		{"overlapping spans", Timeline{Title: "T", Spans: []Span{
			{Label: "treatment", Start: day(0), End: day(60)},
			{Label: "referral to the visiting nurse", Start: day(10), End: day(20)},
			{Label: "second referral", Start: day(15), End: day(30)},
			{Label: "a very long phase name that cannot fit anywhere near its bar", Start: day(61), End: day(62)},
		}}},
		{"many kinds", Timeline{Title: "T", Markers: kindsMarkers(12)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := checkPicture(t, renderTimeline(t, tt.tl))
			assert.NotEmpty(t, d.texts)
		})
	}
}

// kindsMarkers returns n markers of n kinds, a day apart.
func kindsMarkers(n int) []Marker {
	var ms []Marker
	for i := range n {
		ms = append(ms, Marker{At: day(i), Kind: fmt.Sprintf("kind %d", i), Label: strings.Repeat("x", i)})
	}
	return ms
}

func TestTimelineRowsKeepEveryMarker(t *testing.T) {
	tl := crowdedTimeline(30)
	l := tl.layout()
	require.Len(t, l.markers, 30)
	rows := map[float64]bool{}
	for _, m := range l.markers {
		rows[m.at.y] = true
		assert.InDelta(t, l.scale.x(m.marker.At), m.at.x, 1e-9, "a symbol stays at its time")
	}
	assert.Greater(t, len(rows), 1, "crowded markers are staggered onto rows")
}

func TestTimelineContent(t *testing.T) {
	doc := string(renderTimeline(t, shortTimeline()))
	for _, want := range []string{
		`class="span span-active-work"`,
		"<title>treatment: 18 Jan 2024 – 10 Feb 2024</title>",
		"<title>consent revoked, 31 Jan 2024: disclosure to landlord</title>",
		">Events</text>",
		`<desc id="svg-desc">A timeline from 4 Jan 2024 to 16 Feb 2024: 6 phases and 6 events.</desc>`,
	} {
		assert.True(t, strings.Contains(doc, want), "the SVG has %s", want)
	}
}

func TestTimelineLocation(t *testing.T) {
	tl := Timeline{Title: "T", Markers: []Marker{{At: time.Date(2024, 3, 1, 23, 0, 0, 0, time.UTC), Kind: "visit"}}}
	assert.Contains(t, string(renderTimeline(t, tl)), "visit, 1 Mar 2024 23:00")
	tl.Location = time.FixedZone("UTC+2", 2*60*60)
	assert.Contains(t, string(renderTimeline(t, tl)), "visit, 2 Mar 2024 01:00", "tooltips use the axis time zone")
}

func TestTimelineErrors(t *testing.T) {
	base := func() Timeline {
		return Timeline{Title: "T", Spans: []Span{{Label: "intake", Start: day(1), End: day(2)}},
			Markers: []Marker{{At: day(1), Kind: "provision"}}}
	}
	tests := []struct {
		name   string
		change func(*Timeline)
		want   error
		field  string
	}{
		{"empty title", func(tl *Timeline) { tl.Title = "" }, ErrMissing, "Title"},
		{"nothing to draw", func(tl *Timeline) { tl.Spans, tl.Markers = nil, nil }, ErrMissing, "Spans"},
		{"span ends before it starts", func(tl *Timeline) { tl.Spans[0].End = day(0) }, ErrReversedSpan, "Spans[0].End"},
		{"span without start", func(tl *Timeline) { tl.Spans[0].Start = time.Time{} }, ErrMissing, "Spans[0].Start"},
		{"span without end", func(tl *Timeline) { tl.Spans[0].End = time.Time{} }, ErrMissing, "Spans[0].End"},
		{"span without label", func(tl *Timeline) { tl.Spans[0].Label = "\n" }, ErrMissing, "Spans[0].Label"},
		{"marker without time", func(tl *Timeline) { tl.Markers[0].At = time.Time{} }, ErrMissing, "Markers[0].At"},
		{"marker without kind", func(tl *Timeline) { tl.Markers[0].Kind = "" }, ErrMissing, "Markers[0].Kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := base()
			tt.change(&tl)
			var buf bytes.Buffer
			err := tl.WriteSVG(&buf)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tt.field, ie.Field)
			assert.Equal(t, "timeline", ie.Picture)
			assert.True(t, strings.HasPrefix(err.Error(), "svg: timeline: "+tt.field), err.Error())
			assert.Zero(t, buf.Len(), "nothing is written on error")
		})
	}
}

// randomTimeline returns spans and markers of random times, lengths and
// labels over a range from hours to decades.
func randomTimeline(seed uint64) Timeline {
	g := lcg(seed)
	start := time.Date(1890+g.next(130), time.Month(1+g.next(12)), 1+g.next(28), g.next(24), 0, 0, 0, time.UTC)
	scale := []time.Duration{time.Hour, 24 * time.Hour, 30 * 24 * time.Hour, 365 * 24 * time.Hour}[g.next(4)]
	at := func() time.Time { return start.Add(time.Duration(g.next(40)) * scale / 4) }
	words := []string{"coal", "food voucher", "consent to disclose to the landlord", "MMMM", "ok", "日本語のラベル"}
	tl := Timeline{Title: fmt.Sprintf("Random case %d", seed)}
	for range g.next(8) {
		a, b := at(), at()
		if b.Before(a) {
			a, b = b, a
		}
		tl.Spans = append(tl.Spans, Span{Label: words[g.next(len(words))], Start: a, End: b})
	}
	for range 1 + g.next(50) {
		tl.Markers = append(tl.Markers, Marker{At: at(), Kind: words[g.next(3)], Label: words[g.next(len(words))]})
	}
	return tl
}

func TestTimelineRandom(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkPicture(t, renderTimeline(t, randomTimeline(seed)))
		})
	}
}

func TestTimelineMillennia(t *testing.T) {
	tl := Timeline{Title: "Long ago", Markers: []Marker{
		{At: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC), Kind: "first"},
		{At: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Kind: "last"},
	}}
	l := tl.layout()
	require.GreaterOrEqual(t, len(l.ticks), 2)
	assert.True(t, spaced(l.ticks))
	checkPicture(t, renderTimeline(t, tl))
}
