package svg

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Node styles.
const (
	nodeStroke       = 1.5
	facilitatorWidth = 3.0
	legendTieWidth   = 2.0 // the line width of the tie samples in the legend
)

// render draws the laid-out sociogram: title above, graph, legend on the
// right.
func (l socioLayout) render(s Sociogram) *Document {
	legend := layoutLegend(l.legendEntries(), point{l.bounds.right() + 40, l.bounds.Y}, 0)
	content := l.bounds.union(legend.bounds)
	title, titleBox := titleBlock(oneLine(s.Title), content.X, content.Y, math.Max(content.W, minTitle))
	view := content.union(titleBox).grow(margin)
	d := NewDocument(Canvas{Title: oneLine(s.Title), Desc: s.summary(), View: view})
	l.writeMarkers(d)
	writeTitle(d, title)
	l.writeEdges(d)
	l.writeNodes(d)
	legend.write(d)
	return d
}

// writeMarkers writes one arrowhead per tie class and line width used.
func (l socioLayout) writeMarkers(d *Document) {
	type spec struct {
		mutual bool
		width  float64
	}
	specs := []spec{{false, legendTieWidth}, {true, legendTieWidth}}
	for _, e := range l.edges {
		specs = append(specs, spec{e.mutual, e.width})
	}
	slices.SortFunc(specs, func(a, b spec) int {
		if a.mutual != b.mutual {
			if a.mutual {
				return 1
			}
			return -1
		}
		return cmpFloat(a.width, b.width)
	})
	d.Start("defs")
	for i, sp := range specs {
		if i == 0 || sp != specs[i-1] {
			writeArrow(d, sp.mutual, sp.width)
		}
	}
	d.End()
}

// writeEdges draws the ties, each with a tooltip.
func (l socioLayout) writeEdges(d *Document) {
	d.Start("g", Str("class", "ties"), Str("fill", "none"), Num("stroke-opacity", 0.85))
	for _, e := range l.edges {
		var p Path
		p.MoveTo(e.curve.first.p0.x, e.curve.first.p0.y)
		for _, c := range []cubic{e.curve.first, e.curve.second} {
			p.CubicTo(c.p1.x, c.p1.y, c.p2.x, c.p2.y, c.p3.x, c.p3.y)
		}
		class := "tie one-way"
		if e.mutual {
			class = "tie mutual"
		}
		attrs := []Attr{p.D(), Str("class", class), Str("stroke", tieColour(e.mutual)),
			Num("stroke-width", e.width)}
		if dash := tieDash(e.mutual, e.width); dash != "" {
			attrs = append(attrs, Str("stroke-dasharray", dash))
		}
		attrs = append(attrs, Str("marker-end", "url(#"+arrowID(e.mutual, e.width)+")"))
		d.Start("path", attrs...)
		d.Title(l.edgeTooltip(e))
		d.End()
	}
	d.End()
}

// edgeTooltip describes a tie: "Ana → Ben: 5 exchanges (emotional 3,
// material 2)".
func (l socioLayout) edgeTooltip(e socioEdge) string {
	text := fmt.Sprintf("%s → %s: %s", l.nodes[e.from].full, l.nodes[e.to].full,
		plural(e.edge.Weight, "exchange", "exchanges"))
	if len(e.edge.Breakdown) > 0 {
		parts := make([]string, len(e.edge.Breakdown))
		for i, c := range e.edge.Breakdown {
			parts[i] = fmt.Sprintf("%s %d", oneLine(c.Label), c.N)
		}
		text += " (" + strings.Join(parts, ", ") + ")"
	}
	if e.mutual {
		text += "; mutual"
	}
	return text
}

// nodeStyle returns the fill, outline colour, outline width and dash of a
// node's circle, and the colour of its label.
func nodeStyle(n Node) (fill, stroke string, width float64, dash, text string) {
	fill, stroke, width, text = colourSkyBlue, ink, nodeStroke, ink
	if n.Kind == Facilitator {
		fill, width = colourOrange, facilitatorWidth
	}
	if n.Former {
		fill, stroke, dash, text = mutedFill, mutedInk, "3 2", mutedInk
	}
	return fill, stroke, width, dash, text
}

// writeNodes draws the nodes and their labels, each with a tooltip.
func (l socioLayout) writeNodes(d *Document) {
	d.Start("g", Str("class", "nodes"))
	for _, n := range l.nodes {
		class := "node " + n.node.Kind.String()
		if n.node.Former {
			class += " former"
		}
		d.Start("g", Str("class", class))
		d.Title(nodeTooltip(n))
		writeNodeCircle(d, n.node, n.at, n.r)
		_, _, _, _, text := nodeStyle(n.node)
		n.label.write(d, text)
		d.End()
	}
	d.End()
}

// writeNodeCircle draws a node's circle of radius r at c.
func writeNodeCircle(d *Document, n Node, c point, r float64) {
	fill, stroke, width, dash, _ := nodeStyle(n)
	attrs := []Attr{Num("cx", c.x), Num("cy", c.y), Num("r", r), Str("fill", fill),
		Str("stroke", stroke), Num("stroke-width", width)}
	if dash != "" {
		attrs = append(attrs, Str("stroke-dasharray", dash))
	}
	d.Leaf("circle", attrs...)
}

// nodeTooltip describes a node: "Ana Lopez (member): gave 5, received 3".
func nodeTooltip(n socioNode) string {
	role := n.node.Kind.String()
	if n.node.Former {
		role = "former " + role
	}
	return fmt.Sprintf("%s (%s): gave %d, received %d", n.full, role, n.gave, n.received)
}

// legendEntries explains the node kinds present, the two kinds of tie and
// the line widths.
func (l socioLayout) legendEntries() []legendEntry {
	kinds := map[string]bool{}
	for _, n := range l.nodes {
		kinds[n.node.Kind.String()] = true
		if n.node.Former {
			kinds["former"] = true
		}
	}
	entries := []legendEntry{{text: "People"}, {text: "member", swatch: nodeSwatch(Node{})}}
	if kinds["facilitator"] {
		entries = append(entries, legendEntry{"facilitator", nodeSwatch(Node{Kind: Facilitator})})
	}
	if kinds["former"] {
		entries = append(entries, legendEntry{"former member", nodeSwatch(Node{Former: true})})
	}
	entries = append(entries,
		legendEntry{text: "Ties (arrow: giver → receiver)"},
		legendEntry{"mutual: help both ways", mutualSwatch},
		legendEntry{"one way", oneWaySwatch})
	if len(l.edges) == 0 {
		return entries
	}
	entries = append(entries, legendEntry{text: "Line width: exchanges"})
	for _, w := range sampleWeights(l.minWeight, l.maxWeight) {
		entries = append(entries, legendEntry{plural(w, "exchange", "exchanges"), widthSwatch(l.edgeWidth(w))})
	}
	return entries
}

// sampleWeights returns the lightest, a middle and the heaviest weight,
// without repeats.
func sampleWeights(lo, hi int) []int {
	out := []int{lo}
	if mid := (lo + hi) / 2; mid > lo && mid < hi {
		out = append(out, mid)
	}
	if hi > lo {
		out = append(out, hi)
	}
	return out
}

// nodeSwatch draws a small node of the given kind.
func nodeSwatch(n Node) func(*Document, Rect) {
	return func(d *Document, box Rect) {
		writeNodeCircle(d, n, point{box.X + box.W/2, box.Y + box.H/2}, 6.5)
	}
}

// mutualSwatch draws a pair of opposed curved arrows.
func mutualSwatch(d *Document, box Rect) {
	mid, end := box.Y+box.H/2, arrowLength(legendTieWidth)
	var a, b Path
	a.MoveTo(box.X+2, mid-1).QuadTo(box.X+box.W/2, mid-9, box.right()-end, mid-2)
	b.MoveTo(box.right()-2, mid+1).QuadTo(box.X+box.W/2, mid+9, box.X+end, mid+2)
	for _, p := range []*Path{&a, &b} {
		d.Leaf("path", p.D(), Str("fill", "none"), Str("stroke", colourBlue),
			Num("stroke-width", legendTieWidth), Str("marker-end", "url(#"+arrowID(true, legendTieWidth)+")"))
	}
}

// oneWaySwatch draws a dashed straight arrow.
func oneWaySwatch(d *Document, box Rect) {
	mid := box.Y + box.H/2
	d.Leaf("line", Num("x1", box.X+2), Num("y1", mid), Num("x2", box.right()-arrowLength(legendTieWidth)),
		Num("y2", mid), Str("stroke", colourVermillion), Num("stroke-width", legendTieWidth),
		Str("stroke-dasharray", tieDash(false, legendTieWidth)),
		Str("marker-end", "url(#"+arrowID(false, legendTieWidth)+")"))
}

// widthSwatch draws a plain line of width w.
func widthSwatch(w float64) func(*Document, Rect) {
	return func(d *Document, box Rect) {
		mid := box.Y + box.H/2
		d.Leaf("line", Num("x1", box.X+2), Num("y1", mid), Num("x2", box.right()-2), Num("y2", mid),
			Str("stroke", ink), Num("stroke-width", w))
	}
}
