package svg

import (
	"math"
	"strings"
)

// Bar chart geometry, in user units (CSS pixels).
const (
	plotHeight   = 220.0
	barWidth     = 34.0 // wide enough for a value label such as "0.75"
	barGap       = 4.0
	groupPad     = 24.0 // least room between groups
	valueSize    = 11.0
	categorySize = 12.0
	categoryMax  = 150.0 // widest a group grows for a long word
	categoryRows = 3
)

// barChartLayout is the laid-out chart; the plot's top-left corner (value
// 1) is the origin.
type barChartLayout struct {
	slot       float64 // width of one group
	bars       []placedBar
	categories [][]label
	fullCats   []string // the full text of a category cut short, or ""
	yTicks     []label
	bounds     Rect
}

// placedBar is one bar with its value label.
type placedBar struct {
	rect   Rect
	series int
	cat    int
	value  label
}

// layout places the bars, the labels and the axis. The input must be valid.
func (c BarChart) layout() barChartLayout {
	n := float64(len(c.Series))
	bars := n*barWidth + (n-1)*barGap
	longest := 0.0
	for _, cat := range c.Categories {
		for _, word := range strings.Fields(cat) {
			longest = math.Max(longest, textWidth(word, categorySize))
		}
	}
	l := barChartLayout{slot: math.Max(bars+groupPad, math.Min(longest, categoryMax)+12)}
	for i, cat := range c.Categories {
		x0 := float64(i)*l.slot + (l.slot-bars)/2
		for j, s := range c.Series {
			h := s.Values[i] * plotHeight
			r := Rect{x0 + float64(j)*(barWidth+barGap), plotHeight - h, barWidth, h}
			l.bars = append(l.bars, placedBar{rect: r, series: j, cat: i,
				value: label{text: formatValue(s.Values[i]), at: point{r.X + barWidth/2, r.Y - 4}, anchor: "middle", size: valueSize}})
		}
		l.placeCategory(i, cat)
	}
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		l.yTicks = append(l.yTicks, centred(FormatNumber(v), -8, plotHeight*(1-v), tickSize, "end"))
	}
	l.bounds = l.measure()
	return l
}

// placeCategory wraps a category label under its group.
func (l *barChartLayout) placeCategory(i int, cat string) {
	width := l.slot - 12
	lines, cut := limitLines(wrap(cat, categorySize, width), categoryRows, categorySize, width)
	full := ""
	if cut {
		full = oneLine(cat)
	}
	var labels []label
	for k, line := range lines {
		labels = append(labels, label{text: line, anchor: "middle", size: categorySize,
			at: point{float64(i)*l.slot + l.slot/2, plotHeight + 8 + ascent*categorySize + float64(k)*1.25*categorySize}})
	}
	l.categories = append(l.categories, labels)
	l.fullCats = append(l.fullCats, full)
}

// measure returns the box around the plot, the bars and every label.
func (l barChartLayout) measure() Rect {
	r := Rect{0, 0, l.slot * float64(len(l.categories)), plotHeight}
	for _, b := range l.bars {
		r = r.union(b.value.box())
	}
	for _, lines := range l.categories {
		for _, lb := range lines {
			r = r.union(lb.box())
		}
	}
	for _, t := range l.yTicks {
		r = r.union(t.box())
	}
	return r
}
