package svg

import "math"

// routeEdges gives every edge its curve. A one-way tie is a straight chord
// when the chord passes clear of the other nodes, and otherwise bows
// towards the centre just enough to clear them. The two edges of a mutual
// pair bow apart, one to each side, so both stay visible; near the rim both
// bow inwards, one deeper than the other. Each curve is then clipped to
// start at the giver's outline and to stop where the arrowhead begins.
func (l *socioLayout) routeEdges() {
	widths := make(map[[2]int]float64, len(l.edges))
	for _, e := range l.edges {
		widths[[2]int{e.from, e.to}] = e.width
	}
	for i := range l.edges {
		e := &l.edges[i]
		a, b := l.nodes[e.from], l.nodes[e.to]
		lo, hi := min(e.from, e.to), max(e.from, e.to)
		m := a.at.lerp(b.at, 0.5)
		inward := point{}.sub(m).unit()
		if m.length() < 1 {
			inward = l.nodes[hi].at.sub(l.nodes[lo].at).unit().normal()
		}
		bow := func(h float64) quad { return quad{a.at, m.add(inward.scale(h)), b.at} }
		var q quad
		if e.mutual {
			sep := e.width + widths[[2]int{e.to, e.from}] + 12 + 0.15*a.at.dist(b.at)
			h := l.pairBow(bow, sep, e.width, e.from, e.to)
			if e.from > e.to {
				h += sep
			}
			q = bow(h)
		} else {
			q = bow(l.singleBow(bow, e.width, e.from, e.to))
		}
		t0 := q.leave(a.at, a.r+2, false)
		t1 := q.leave(b.at, b.r+2+arrowLength(e.width), true)
		e.curve = q.sub(t0, t1)
	}
}

// bowTries is how many bows are tried for one curve, at most; each try
// bows a little deeper, from a symmetric pair (or a straight line) up to
// bows as deep as the circle is wide.
const bowTries = 100

// bowStep returns how much deeper each try bows a curve.
func (l *socioLayout) bowStep() float64 { return math.Max(4, 2*l.radius/bowTries) }

// singleBow returns the smallest inward bow, from none, at which the curve
// clears every node but its ends.
func (l *socioLayout) singleBow(bow func(float64) quad, w float64, a, b int) float64 {
	limit := l.radius * 2
	for h := 0.0; h < limit; h += l.bowStep() {
		if l.clears(bow(h), w, a, b) {
			return h
		}
	}
	return 0
}

// pairBow returns the bow h of the first curve of a mutual pair (the second
// bows h+sep), starting from a symmetric pair and moving inwards until both
// clear every node but their ends.
func (l *socioLayout) pairBow(bow func(float64) quad, sep, w float64, a, b int) float64 {
	limit := l.radius * 2
	for h := -sep / 2; h < limit; h += l.bowStep() {
		if l.clears(bow(h), w, a, b) && l.clears(bow(h+sep), w, a, b) {
			return h
		}
	}
	return -sep / 2
}

// clears reports whether the curve, drawn w wide, keeps curveClearance away
// from every node other than a and b.
func (l *socioLayout) clears(q quad, w float64, a, b int) bool {
	const samples = 32
	for i, n := range l.nodes {
		if i == a || i == b {
			continue
		}
		for k := 1; k < samples; k++ {
			if q.at(float64(k)/samples).dist(n.at) < n.r+w/2+curveClearance {
				return false
			}
		}
	}
	return true
}

// arrowID returns the ID of the arrowhead marker for a line of the given
// class and width.
func arrowID(mutual bool, w float64) string {
	class := "oneway"
	if mutual {
		class = "mutual"
	}
	id := "arrow-" + class + "-" + FormatNumber(w)
	out := []byte(id)
	for i, c := range out {
		if c == '.' {
			out[i] = '_'
		}
	}
	return string(out)
}

// tieColour returns the colour of a tie.
func tieColour(mutual bool) string {
	if mutual {
		return colourBlue
	}
	return colourVermillion
}

// tieDash returns the dash pattern of a one-way tie of width w, or "" for a
// mutual tie, which is solid.
func tieDash(mutual bool, w float64) string {
	if mutual {
		return ""
	}
	return FormatNumber(3*w+4) + " " + FormatNumber(2*w+3)
}

// writeArrow writes the <marker> for an arrowhead on a line of width w. The
// marker's base sits at the end of the line and its tip points on.
func writeArrow(d *Document, mutual bool, w float64) {
	length, half := arrowLength(w), arrowHalfWidth(w)
	d.Start("marker", Str("id", arrowID(mutual, w)), Nums("viewBox", 0, 0, length, 2*half),
		Num("refX", 0), Num("refY", half), Num("markerWidth", length), Num("markerHeight", 2*half),
		Str("markerUnits", "userSpaceOnUse"), Str("orient", "auto"))
	var p Path
	p.MoveTo(0, 0).LineTo(length, half).LineTo(0, 2*half).Close()
	d.Leaf("path", p.D(), Str("fill", tieColour(mutual)))
	d.End()
}

// round2 rounds to the two decimals that [FormatNumber] writes, so that
// widths that print the same share one marker.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
