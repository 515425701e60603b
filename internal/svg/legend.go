package svg

// Legend geometry: every entry is a swatch (a sample of the mark) followed by
// its text; headings are bold text alone on their row.
const (
	swatchW       = 36
	swatchH       = 16
	swatchGap     = 8
	legendRow     = 24
	legendSize    = 12
	legendSpacing = 24              // between entries on one row
	legendMaxText = 24 * legendSize // longest legend text before truncation
)

// legendEntry is one line of a legend. A nil swatch makes it a heading.
type legendEntry struct {
	text   string
	swatch func(d *Document, box Rect)
}

// placedEntry is a legend entry at its place.
type placedEntry struct {
	entry legendEntry
	full  string // the untruncated text, when truncated
	box   Rect   // the swatch box; zero width for a heading
	label label
}

// legendLayout is a legend laid out from a top-left origin.
type legendLayout struct {
	entries []placedEntry
	bounds  Rect
}

// layoutLegend places the entries in rows from origin, starting a new row
// when the next entry would pass maxWidth (so a maxWidth of zero stacks them
// in one column) and before and after every heading.
func layoutLegend(entries []legendEntry, origin point, maxWidth float64) legendLayout {
	var out legendLayout
	x, y := origin.x, origin.y
	for _, e := range entries {
		text, cut := truncate(oneLine(e.text), legendSize, legendMaxText)
		heading := e.swatch == nil
		w := textWidth(text, legendSize)
		if heading {
			w *= boldFactor
		} else {
			w += swatchW + swatchGap
		}
		if x > origin.x && (heading || x+w > origin.x+maxWidth) {
			x, y = origin.x, y+legendRow
		}
		p := placedEntry{entry: e}
		if cut {
			p.full = e.text
		}
		mid := y + legendRow/2
		tx := x
		if !heading {
			p.box = Rect{x, mid - swatchH/2, swatchW, swatchH}
			tx += swatchW + swatchGap
		}
		p.label = centred(text, tx, mid, legendSize, "start")
		p.label.bold = heading
		out.entries = append(out.entries, p)
		out.bounds = out.bounds.union(Rect{x, y, w, legendRow})
		x += w + legendSpacing
		if heading {
			x, y = origin.x, y+legendRow
		}
	}
	return out
}

// write draws the legend as a group of class "legend".
func (l legendLayout) write(d *Document) {
	d.Start("g", Str("class", "legend"), Str("aria-label", "Legend"))
	for _, p := range l.entries {
		d.Start("g", Str("class", "legend-entry"))
		if p.full != "" {
			d.Title(p.full)
		}
		if p.entry.swatch != nil {
			p.entry.swatch(d, p.box)
		}
		p.label.write(d, ink)
		d.End()
	}
	d.End()
}
