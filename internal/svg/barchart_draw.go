package svg

import "math"

// render draws the laid-out chart: title, grid, bars with their values,
// category labels, axis, legend.
func (l barChartLayout) render(c BarChart) *Document {
	entries := make([]legendEntry, len(c.Series))
	for j, s := range c.Series {
		entries[j] = legendEntry{s.Name, barSwatch(j)}
	}
	legend := layoutLegend(entries, point{0, l.bounds.bottom() + 16}, math.Max(l.bounds.right(), minTitle))
	content := l.bounds.union(legend.bounds)
	title, titleBox := titleBlock(oneLine(c.Title), content.X, content.Y, math.Max(content.W, minTitle))
	view := content.union(titleBox).grow(margin)
	d := NewDocument(Canvas{Title: oneLine(c.Title), Desc: c.summary(), View: view})
	writeTitle(d, title)
	l.writeGrid(d)
	l.writeBars(d, c)
	l.writeCategories(d)
	legend.write(d)
	return d
}

// plotWidth returns the width of the plot.
func (l barChartLayout) plotWidth() float64 { return l.slot * float64(len(l.categories)) }

// writeGrid draws the value axis with its ticks and faint grid lines.
func (l barChartLayout) writeGrid(d *Document) {
	d.Start("g", Str("class", "axis"))
	for i, t := range l.yTicks {
		y := plotHeight * (1 - float64(i)/float64(len(l.yTicks)-1))
		d.Leaf("line", Num("x1", -4), Num("y1", y), Num("x2", l.plotWidth()), Num("y2", y),
			Str("stroke", gridInk), Num("stroke-width", 1))
		t.write(d, ink)
	}
	d.Leaf("line", Num("x1", 0), Num("y1", 0), Num("x2", 0), Num("y2", plotHeight), Str("stroke", ink), Num("stroke-width", 1))
	d.Leaf("line", Num("x1", 0), Num("y1", plotHeight), Num("x2", l.plotWidth()), Num("y2", plotHeight),
		Str("stroke", ink), Num("stroke-width", 1))
	d.End()
}

// writeBars draws the bars, each with a tooltip and its value above it.
func (l barChartLayout) writeBars(d *Document, c BarChart) {
	d.Start("g", Str("class", "bars"))
	for _, b := range l.bars {
		d.Start("g", Str("class", "bar-group"))
		d.Title(oneLine(c.Series[b.series].Name) + ", " + oneLine(c.Categories[b.cat]) + ": " + b.value.text)
		d.Leaf("rect", Str("class", "bar"), Num("x", b.rect.X), Num("y", b.rect.Y), Num("width", b.rect.W),
			Num("height", b.rect.H), Str("fill", seriesColour(b.series)), Str("stroke", ink), Num("stroke-width", 0.75))
		b.value.write(d, ink)
		d.End()
	}
	d.End()
}

// writeCategories draws the category labels under their groups.
func (l barChartLayout) writeCategories(d *Document) {
	d.Start("g", Str("class", "categories"))
	for i, lines := range l.categories {
		d.Start("g", Str("class", "category"))
		if l.fullCats[i] != "" {
			d.Title(l.fullCats[i])
		}
		for _, lb := range lines {
			lb.write(d, ink)
		}
		d.End()
	}
	d.End()
}

// barSwatch draws a small bar in the j-th series colour.
func barSwatch(j int) func(*Document, Rect) {
	return func(d *Document, box Rect) {
		d.Leaf("rect", Num("x", box.X+6), Num("y", box.Y), Num("width", box.W-12), Num("height", box.H),
			Str("fill", seriesColour(j)), Str("stroke", ink), Num("stroke-width", 0.75))
	}
}
