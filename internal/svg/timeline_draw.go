package svg

import "math"

// Marker symbols, in the order kinds take them.
const (
	symbolCircle = iota
	symbolSquare
	symbolDiamond
	symbolTriangleUp
	symbolTriangleDown
	symbolCount
)

// render draws the laid-out timeline: title, phases, events, axis, legend.
func (l timelineLayout) render(tl Timeline) *Document {
	legendTop := l.bounds.bottom() + 16
	legend := layoutLegend(l.legendEntries(), point{0, legendTop}, timelineWidth)
	content := l.bounds.union(legend.bounds)
	title, titleBox := titleBlock(oneLine(tl.Title), content.X, content.Y, math.Max(content.W, minTitle))
	view := content.union(titleBox).grow(margin)
	d := NewDocument(Canvas{Title: oneLine(tl.Title), Desc: tl.summary(l.first, l.last), View: view})
	writeTitle(d, title)
	l.writeGrid(d)
	l.writeSpans(d)
	l.writeMarkers(d)
	l.writeAxis(d)
	legend.write(d)
	return d
}

// writeGrid draws faint vertical lines at the ticks, behind everything.
func (l timelineLayout) writeGrid(d *Document) {
	d.Start("g", Str("class", "grid"), Str("stroke", gridInk), Num("stroke-width", 1))
	for _, t := range l.ticks {
		d.Leaf("line", Num("x1", t.x), Num("y1", l.gridTop), Num("x2", t.x), Num("y2", l.axisY))
	}
	d.End()
}

// writeSpans draws the leader lines of labels lifted above the lanes, under
// the bars they may cross, then the phase bars and their labels.
func (l timelineLayout) writeSpans(d *Document) {
	d.Start("g", Str("class", "leaders"), Num("stroke-width", 1))
	for _, s := range l.spans {
		if !s.inside {
			d.Leaf("line", Num("x1", s.leader[0].x), Num("y1", s.leader[0].y), Num("x2", s.leader[1].x),
				Num("y2", s.leader[1].y), Str("stroke", seriesColour(s.class)))
		}
	}
	d.End()
	d.Start("g", Str("class", "spans"))
	for _, s := range l.spans {
		colour := seriesColour(s.class)
		d.Start("g", Str("class", cssClass("span span-", l.classes[s.class])))
		d.Title(oneLine(s.span.Label) + ": " + formatWhen(s.span.Start.In(l.scale.loc)) + " – " + formatWhen(s.span.End.In(l.scale.loc)))
		d.Leaf("rect", Num("x", s.rect.X), Num("y", s.rect.Y), Num("width", s.rect.W), Num("height", s.rect.H),
			Str("fill", tint(colour, 0.3)), Str("stroke", colour), Num("stroke-width", 1.5), Num("rx", 3))
		s.label.write(d, ink)
		d.End()
	}
	d.End()
}

// writeMarkers draws the event guides, symbols and labels.
func (l timelineLayout) writeMarkers(d *Document) {
	d.Start("g", Str("class", "markers"))
	for _, m := range l.markers {
		d.Leaf("line", Num("x1", m.at.x), Num("y1", m.stemTop), Num("x2", m.at.x), Num("y2", m.at.y-symbolHalf),
			Str("stroke", mutedInk), Num("stroke-width", 1), Str("stroke-dasharray", "2 2"))
	}
	for _, m := range l.markers {
		d.Start("g", Str("class", cssClass("marker marker-", l.kinds[m.kind])))
		tip := oneLine(m.marker.Kind) + ", " + formatWhen(m.marker.At.In(l.scale.loc))
		if lb := oneLine(m.marker.Label); lb != "" {
			tip += ": " + lb
		}
		d.Title(tip)
		writeSymbol(d, m.kind, m.at, symbolHalf)
		if m.label.text != "" {
			m.label.write(d, ink)
		}
		d.End()
	}
	d.End()
}

// writeSymbol draws the symbol of the kind-th marker kind centred on c.
func writeSymbol(d *Document, kind int, c point, half float64) {
	style := []Attr{Str("fill", seriesColour(kind)), Str("stroke", ink), Num("stroke-width", 1)}
	if kind%symbolCount == symbolCircle {
		d.Leaf("circle", append([]Attr{Str("class", "symbol"), Num("cx", c.x), Num("cy", c.y), Num("r", half)}, style...)...)
		return
	}
	var p Path
	switch kind % symbolCount {
	case symbolSquare:
		s := half * 0.85
		p.MoveTo(c.x-s, c.y-s).LineTo(c.x+s, c.y-s).LineTo(c.x+s, c.y+s).LineTo(c.x-s, c.y+s)
	case symbolDiamond:
		p.MoveTo(c.x, c.y-half).LineTo(c.x+half, c.y).LineTo(c.x, c.y+half).LineTo(c.x-half, c.y)
	case symbolTriangleUp:
		p.MoveTo(c.x, c.y-half).LineTo(c.x+half, c.y+half*0.8).LineTo(c.x-half, c.y+half*0.8)
	case symbolTriangleDown:
		p.MoveTo(c.x, c.y+half).LineTo(c.x+half, c.y-half*0.8).LineTo(c.x-half, c.y-half*0.8)
	}
	p.Close()
	d.Leaf("path", append([]Attr{Str("class", "symbol"), p.D()}, style...)...)
}

// writeAxis draws the time axis with its ticks and labels.
func (l timelineLayout) writeAxis(d *Document) {
	d.Start("g", Str("class", "axis"))
	d.Leaf("line", Num("x1", 0), Num("y1", l.axisY), Num("x2", timelineWidth), Num("y2", l.axisY),
		Str("stroke", ink), Num("stroke-width", 1))
	for _, t := range l.ticks {
		d.Leaf("line", Num("x1", t.x), Num("y1", l.axisY), Num("x2", t.x), Num("y2", l.axisY+tickLength),
			Str("stroke", ink), Num("stroke-width", 1))
	}
	for _, lb := range l.tickLabels() {
		lb.write(d, ink)
	}
	d.End()
}

// legendEntries explains the phase colours and the event symbols.
func (l timelineLayout) legendEntries() []legendEntry {
	var entries []legendEntry
	if len(l.classes) > 0 {
		entries = append(entries, legendEntry{text: "Phases"})
		for i, c := range l.classes {
			entries = append(entries, legendEntry{c, spanSwatch(i)})
		}
	}
	if len(l.kinds) > 0 {
		entries = append(entries, legendEntry{text: "Events"})
		for i, k := range l.kinds {
			entries = append(entries, legendEntry{k, symbolSwatch(i)})
		}
	}
	return entries
}

// spanSwatch draws a small bar in the i-th class colour.
func spanSwatch(i int) func(*Document, Rect) {
	return func(d *Document, box Rect) {
		colour := seriesColour(i)
		d.Leaf("rect", Num("x", box.X+2), Num("y", box.Y+1), Num("width", box.W-4), Num("height", box.H-2),
			Str("fill", tint(colour, 0.3)), Str("stroke", colour), Num("stroke-width", 1.5), Num("rx", 3))
	}
}

// symbolSwatch draws the symbol of the i-th marker kind.
func symbolSwatch(i int) func(*Document, Rect) {
	return func(d *Document, box Rect) {
		writeSymbol(d, i, point{box.X + box.W/2, box.Y + box.H/2}, symbolHalf)
	}
}
