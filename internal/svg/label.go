package svg

import "math"

// label is one line of text placed on the canvas: its baseline anchor point,
// how the text hangs from it, and an optional rotation about a pivot.
type label struct {
	text   string
	at     point   // anchor point on the baseline
	anchor string  // "start", "middle" or "end"
	size   float64 // font size
	rotate float64 // degrees clockwise about pivot
	pivot  point
	bold   bool
}

// box returns the unrotated rectangle the text occupies, by the package's
// text metrics.
func (l label) box() Rect {
	w := textWidth(l.text, l.size)
	if l.bold {
		w *= boldFactor
	}
	x := l.at.x
	switch l.anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	return Rect{x, l.at.y - ascent*l.size, w, textHeight(l.size)}
}

// boldFactor widens the estimate for bold text.
const boldFactor = 1.1

// corners returns the four corners of the text's box after rotation.
func (l label) corners() [4]point {
	b := l.box()
	cs := [4]point{{b.X, b.Y}, {b.right(), b.Y}, {b.right(), b.bottom()}, {b.X, b.bottom()}}
	if l.rotate == 0 {
		return cs
	}
	rad := l.rotate * math.Pi / 180
	sin, cos := math.Sin(rad), math.Cos(rad)
	for i, c := range cs {
		d := c.sub(l.pivot)
		cs[i] = point{l.pivot.x + d.x*cos - d.y*sin, l.pivot.y + d.x*sin + d.y*cos}
	}
	return cs
}

// bounds returns the axis-aligned box around the rotated text.
func (l label) bounds() Rect {
	cs := l.corners()
	var r Rect
	for i, c := range cs {
		if i == 0 {
			r = Rect{c.x, c.y, 0, 0}
			continue
		}
		r = r.union(Rect{c.x, c.y, 0, 0})
	}
	return r
}

// centred returns a label whose text is centred vertically on y.
func centred(text string, x, y, size float64, anchor string) label {
	return label{text: text, at: point{x, y + centreShift*size}, anchor: anchor, size: size}
}

// write draws the label as a <text> element. A halo (a white stroke painted
// under the glyphs) keeps it readable where it crosses lines.
func (l label) write(d *Document, fill string, extra ...Attr) {
	attrs := []Attr{Num("x", l.at.x), Num("y", l.at.y)}
	if l.anchor != "start" {
		attrs = append(attrs, Str("text-anchor", l.anchor))
	}
	attrs = append(attrs, Num("font-size", l.size))
	if l.bold {
		attrs = append(attrs, Str("font-weight", "bold"))
	}
	if l.rotate != 0 {
		attrs = append(attrs, Rotate(l.rotate, l.pivot.x, l.pivot.y))
	}
	attrs = append(attrs, Str("fill", fill), Str("stroke", paper), Num("stroke-width", 3),
		Str("stroke-linejoin", "round"), Str("paint-order", "stroke"))
	d.Text("text", l.text, append(attrs, extra...)...)
}

// Titles are bold, a little larger than other text, and wrap.
const (
	titleSize = 16.0
	titleLead = 1.3   // line height, in ems
	titleGap  = 18.0  // between the title and what it heads
	margin    = 16.0  // around the whole picture
	minTitle  = 360.0 // narrowest width a title wraps to
)

// titleBlock wraps the title to maxWidth and places its lines so that the
// last one ends titleGap above bottom, starting at x. It returns the lines
// and the box they take.
func titleBlock(title string, x, bottom, maxWidth float64) ([]label, Rect) {
	lines := wrap(title, titleSize, maxWidth/boldFactor)
	lead := titleLead * titleSize
	top := bottom - titleGap - float64(len(lines)-1)*lead - textHeight(titleSize)
	var out []label
	var box Rect
	for i, line := range lines {
		l := label{text: line, at: point{x, top + ascent*titleSize + float64(i)*lead},
			anchor: "start", size: titleSize, bold: true}
		out = append(out, l)
		box = box.union(l.box())
	}
	return out, box
}

// writeTitle draws the title lines in a group of class "title".
func writeTitle(d *Document, lines []label) {
	d.Start("g", Str("class", "title"))
	for _, l := range lines {
		l.write(d, ink)
	}
	d.End()
}
