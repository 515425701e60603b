package svg

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Timeline geometry, in user units (CSS pixels).
const (
	timelineWidth   = 760.0 // width of the time axis
	laneHeight      = 28.0
	laneGap         = 6.0
	spanLabelSize   = 12.0
	spanLabelMax    = 16 * spanLabelSize
	markerLabelSize = 11.0
	markerLabelMax  = 14 * markerLabelSize
	symbolHalf      = 6.0  // half the size of a marker symbol
	rowHeight       = 20.0 // height of a row of labels
	rowPad          = 8.0  // least room between two items on a row
	minPad          = 12 * time.Hour
)

// placedSpan is a span at its place.
type placedSpan struct {
	span   Span
	class  int
	rect   Rect
	label  label
	inside bool     // the label sits inside the bar
	leader [2]point // from an outside label to its bar
}

// placedMarker is a marker at its place.
type placedMarker struct {
	marker  Marker
	kind    int
	at      point   // centre of the symbol
	stemTop float64 // where its guide line starts
	label   label   // empty text for a marker without a label
}

// timelineLayout is the laid-out timeline; the axis starts at x = 0 and the
// first lane at y = 0.
type timelineLayout struct {
	first, last time.Time
	scale       timeScale
	spans       []placedSpan
	markers     []placedMarker
	classes     []string
	kinds       []string
	ticks       []tick
	axisY       float64
	gridTop     float64
	bounds      Rect
}

// layout places everything. The input must be valid.
func (tl Timeline) layout() timelineLayout {
	l := timelineLayout{}
	l.scale = tl.scale(&l)
	lanesBottom := l.placeSpans(tl.Spans)
	markersTop := lanesBottom + 12
	l.gridTop = math.Min(0, lanesBottom)
	markersBottom := l.placeMarkers(tl.Markers, markersTop, lanesBottom)
	l.axisY = markersBottom + 10
	l.ticks = l.scale.ticks()
	l.bounds = l.measure()
	return l
}

// scale finds the range of the input, pads it and maps it onto the axis.
func (tl Timeline) scale(l *timelineLayout) timeScale {
	var times []time.Time
	for _, s := range tl.Spans {
		times = append(times, s.Start, s.End)
	}
	for _, m := range tl.Markers {
		times = append(times, m.At)
	}
	l.first = slices.MinFunc(times, time.Time.Compare).In(tl.location())
	l.last = slices.MaxFunc(times, time.Time.Compare).In(tl.location())
	pad := math.Max(0.02*(seconds(l.last)-seconds(l.first)), minPad.Seconds())
	return timeScale{t0: seconds(l.first) - pad, t1: seconds(l.last) + pad, w: timelineWidth, loc: tl.location()}
}

// placeSpans puts the spans into lanes, the first lane where each fits,
// then places their labels, and returns the bottom of the last lane.
func (l *timelineLayout) placeSpans(spans []Span) float64 {
	var lanes [][]Rect
	bottom := 0.0
	for _, s := range spans {
		x0 := l.scale.x(s.Start)
		r := Rect{x0, 0, math.Max(l.scale.x(s.End)-x0, 2), laneHeight}
		lane := freeRow(lanes, r, 0)
		if lane == len(lanes) {
			lanes = append(lanes, nil)
		}
		r.Y = float64(lane) * (laneHeight + laneGap)
		lanes[lane] = append(lanes[lane], r)
		bottom = math.Max(bottom, r.bottom())
		l.spans = append(l.spans, placedSpan{span: s, class: l.classOf(s), rect: r})
	}
	var rows [][]Rect
	for i := range l.spans {
		p := &l.spans[i]
		lane := int(math.Round(p.rect.Y / (laneHeight + laneGap)))
		var side bool
		p.label, p.inside = spanLabel(p.span, p.rect)
		if !p.inside {
			p.label, side = besideBar(p.label.text, p.rect, lanes[lane])
		}
		switch {
		case side:
			lanes[lane] = append(lanes[lane], p.label.box())
		case !p.inside:
			rows = l.liftLabel(p, rows)
		}
	}
	return bottom
}

// classOf returns the colour index of a span's class.
func (l *timelineLayout) classOf(s Span) int {
	name := oneLine(s.Class)
	if name == "" {
		name = oneLine(s.Label)
	}
	if i := slices.Index(l.classes, name); i >= 0 {
		return i
	}
	l.classes = append(l.classes, name)
	return len(l.classes) - 1
}

// spanLabel centres the label in the bar and reports whether it fits there.
func spanLabel(s Span, r Rect) (label, bool) {
	text, _ := truncate(oneLine(s.Label), spanLabelSize, spanLabelMax)
	lb := centred(text, r.X+r.W/2, r.Y+r.H/2, spanLabelSize, "middle")
	return lb, textWidth(text, spanLabelSize)+8 <= r.W
}

// besideBar places a label that does not fit inside its bar beside it in
// the same lane, on the right or else on the left, where it meets no other
// bar or label of the lane and stays over the axis. It reports whether it
// found room.
func besideBar(text string, r Rect, lane []Rect) (label, bool) {
	cy := r.Y + r.H/2
	for _, lb := range []label{
		centred(text, r.right()+4, cy, spanLabelSize, "start"),
		centred(text, r.X-4, cy, spanLabelSize, "end"),
	} {
		box := lb.box()
		if box.X < 0 || box.right() > timelineWidth {
			continue
		}
		if freeRow([][]Rect{lane}, box, 4) == 0 {
			return lb, true
		}
	}
	return label{text: text}, false
}

// liftLabel moves a span's label to the first row above the lanes where it
// collides with no other, keeping it over the axis where it can, and draws
// a leader line down to the bar.
func (l *timelineLayout) liftLabel(p *placedSpan, rows [][]Rect) [][]Rect {
	w := textWidth(p.label.text, spanLabelSize)
	mid := p.rect.X + p.rect.W/2
	x := math.Max(0, math.Min(mid-w/2, timelineWidth-w))
	box := Rect{x, 0, w, 1}
	row := freeRow(rows, box, rowPad)
	if row == len(rows) {
		rows = append(rows, nil)
	}
	rows[row] = append(rows[row], box)
	cy := -10 - float64(row)*rowHeight - rowHeight/2
	p.label = centred(p.label.text, x+w/2, cy, spanLabelSize, "middle")
	foot := math.Max(x+2, math.Min(mid, x+w-2))
	p.leader = [2]point{{foot, p.label.box().bottom() + 1}, {mid, p.rect.Y}}
	return rows
}

// freeRow returns the first row in which box, grown by pad on each side,
// meets none of the boxes already there (comparing only x), or len(rows)
// when every row is taken.
func freeRow(rows [][]Rect, box Rect, pad float64) int {
	for i, row := range rows {
		free := true
		for _, b := range row {
			if box.X-pad < b.right() && b.X-pad < box.right() {
				free = false
				break
			}
		}
		if free {
			return i
		}
	}
	return len(rows)
}

// placeMarkers puts the markers, in time order, on rows from top, each on
// the first row where its symbol and label collide with nothing, and
// returns the bottom of the last row.
func (l *timelineLayout) placeMarkers(markers []Marker, top, stemTop float64) float64 {
	for _, m := range markers {
		if k := oneLine(m.Kind); !slices.Contains(l.kinds, k) {
			l.kinds = append(l.kinds, k)
		}
	}
	sorted := slices.Clone(markers)
	slices.SortStableFunc(sorted, func(a, b Marker) int { return a.At.Compare(b.At) })
	var rows [][]Rect
	for _, m := range sorted {
		x := l.scale.x(m.At)
		lb, span := markerLabel(m, x)
		row := freeRow(rows, span, rowPad)
		if row == len(rows) {
			rows = append(rows, nil)
		}
		rows[row] = append(rows[row], span)
		cy := top + float64(row)*rowHeight + rowHeight/2
		lb.at.y += cy
		l.markers = append(l.markers, placedMarker{
			marker: m, kind: slices.Index(l.kinds, oneLine(m.Kind)),
			at: point{x, cy}, stemTop: stemTop, label: lb,
		})
	}
	return top + float64(len(rows))*rowHeight
}

// markerLabel places a marker's label beside its symbol at x, on the right
// unless that would run past the end of the axis, and returns it (centred
// on y = 0) with the horizontal extent of symbol and label together.
func markerLabel(m Marker, x float64) (label, Rect) {
	text, _ := truncate(oneLine(m.Label), markerLabelSize, markerLabelMax)
	w := textWidth(text, markerLabelSize)
	if text == "" {
		return label{}, Rect{x - symbolHalf, 0, 2 * symbolHalf, 1}
	}
	if x+symbolHalf+4+w <= timelineWidth {
		return centred(text, x+symbolHalf+4, 0, markerLabelSize, "start"),
			Rect{x - symbolHalf, 0, 2*symbolHalf + 4 + w, 1}
	}
	return centred(text, x-symbolHalf-4, 0, markerLabelSize, "end"),
		Rect{x - symbolHalf - 4 - w, 0, 2*symbolHalf + 4 + w, 1}
}

// tickLabels returns the labels of the axis ticks.
func (l timelineLayout) tickLabels() []label {
	var out []label
	first := l.axisY + tickLength + 3 + ascent*tickSize
	for _, t := range l.ticks {
		out = append(out, label{text: t.label, at: point{t.x, first}, anchor: "middle", size: tickSize})
		if t.second != "" {
			out = append(out, label{text: t.second, at: point{t.x, first + 1.25*tickSize}, anchor: "middle", size: tickSize})
		}
	}
	return out
}

// measure returns the box around everything but the title and legend.
func (l timelineLayout) measure() Rect {
	r := Rect{0, l.gridTop, timelineWidth, l.axisY - l.gridTop}
	for _, s := range l.spans {
		r = r.union(s.rect).union(s.label.box())
	}
	for _, m := range l.markers {
		r = r.union(circleRect(m.at, symbolHalf))
		if m.label.text != "" {
			r = r.union(m.label.box())
		}
	}
	for _, t := range l.tickLabels() {
		r = r.union(t.box())
	}
	return r
}

// cssClass turns a class name into a CSS class token.
func cssClass(prefix, name string) string {
	return prefix + strings.Join(strings.Fields(name), "-")
}
