package svg

import (
	"math"
	"slices"
)

// Sociogram geometry, in user units (CSS pixels).
const (
	memberRadius      = 9.0
	facilitatorRadius = 12.0
	nodeLabelSize     = 12.0
	nodeLabelGap      = 5.0                // between a node and its label
	nodeLabelMax      = 12 * nodeLabelSize // widest label before truncation
	minCircle         = 90.0               // smallest circle radius
	horizontalCap     = 300.0              // largest radius tried with level labels
	edgeMinWidth      = 1.25               // line width of the lightest tie
	edgeMaxWidth      = 7.0                // line width of the heaviest tie
	edgeCrowd         = 60                 // ties beyond which the heaviest is drawn thinner
	labelPad          = 2.0                // clearance kept around labels
)

// socioNode is a node at its place.
type socioNode struct {
	node     Node
	at       point
	angle    float64 // degrees clockwise from the positive x axis
	r        float64
	text     string // the label as drawn
	full     string // the whole label
	label    label
	gave     int
	received int
	ins      []float64   // the widths of the ties it receives
	outMax   float64     // the width of the widest tie it gives
	reach    float64     // the largest plan.reach its label may need
	plans    [2]portPlan // for a level label and a radial one
	plan     portPlan    // for the label as placed
}

// socioEdge is an edge with its route and its drawn curve.
type socioEdge struct {
	edge     Edge
	from, to int // node indices
	mutual   bool
	width    float64
	backbone quad    // from the giver's centre to the receiver's
	outPort  float64 // where the curve leaves the giver, in degrees
	inPort   float64 // where the arrowhead meets the receiver, in degrees
	curve    tiePath // from the giver's outline to the arrowhead's base
}

// socioLayout is the laid-out graph, centred on the origin.
type socioLayout struct {
	nodes     []socioNode
	edges     []socioEdge
	radius    float64
	radial    bool // labels turned along the radius
	maxWeight int
	minWeight int
	bounds    Rect // nodes and labels
}

// layout places the nodes, their labels and the edges. The input must be
// valid.
func (s Sociogram) layout() socioLayout {
	l := socioLayout{nodes: s.placeNodes()}
	l.weighEdges(s)
	l.planReach()
	base := math.Max(minCircle, l.spacingRadius())
	l.radial = true
	for r := base; r <= math.Max(base, horizontalCap); r *= 1.08 {
		if l.placeLevelLabels(r) {
			l.radius, l.radial = r, false
			break
		}
	}
	if l.radial {
		l.radius = math.Max(base, l.radialRadius())
		l.placeRadialLabels()
	}
	l.planPorts()
	l.routeEdges()
	l.placePorts()
	l.bounds = l.measure()
	return l
}

// placeNodes gives each node its label, radius and angle; positions follow
// once the radius is known.
func (s Sociogram) placeNodes() []socioNode {
	var members, facilitators []int
	for i, n := range s.Nodes {
		if n.Kind == Facilitator {
			facilitators = append(facilitators, i)
		} else {
			members = append(members, i)
		}
	}
	nodes := make([]socioNode, len(s.Nodes))
	for i, n := range s.Nodes {
		full := nodeLabel(n)
		text, _ := truncate(full, nodeLabelSize, nodeLabelMax)
		r := memberRadius
		if n.Kind == Facilitator {
			r = facilitatorRadius
		}
		nodes[i] = socioNode{node: n, r: r, text: text, full: full}
	}
	for i, a := range ringAngles(len(members), len(facilitators)) {
		if i < len(facilitators) {
			nodes[facilitators[i]].angle = a
		} else {
			nodes[members[i-len(facilitators)]].angle = a
		}
	}
	return nodes
}

// ringAngles returns the angles of f facilitators followed by n members.
// Without facilitators the members share the circle evenly, the first at
// the top (or, for one or two, at the left). With facilitators the circle
// has n+f+2g equal slots: the facilitators take the slots centred on the
// left, g empty slots on each side set them apart, and the members follow
// clockwise.
func ringAngles(n, f int) []float64 {
	angles := make([]float64, 0, n+f)
	if f == 0 {
		start := -90.0
		if n <= 2 {
			start = 180
		}
		for i := range n {
			angles = append(angles, start+float64(i)*360/float64(n))
		}
		return angles
	}
	g := 1
	if n > 12 {
		g = 2
	}
	step := 360 / float64(n+f+2*g)
	half := float64(f-1) / 2
	for j := range f {
		angles = append(angles, 180+(float64(j)-half)*step)
	}
	for i := range n {
		angles = append(angles, 180+(half+float64(g+1+i))*step)
	}
	return angles
}

// weighEdges records the weights, the mutual pairs and the line widths.
func (l *socioLayout) weighEdges(s Sociogram) {
	index := make(map[string]int, len(s.Nodes))
	for i, n := range s.Nodes {
		index[n.ID] = i
	}
	pairs := make(map[[2]int]bool, len(s.Edges))
	l.minWeight = math.MaxInt
	for _, e := range s.Edges {
		from, to := index[e.From], index[e.To]
		pairs[[2]int{from, to}] = true
		l.maxWeight = max(l.maxWeight, e.Weight)
		l.minWeight = min(l.minWeight, e.Weight)
		l.nodes[from].gave += e.Weight
		l.nodes[to].received += e.Weight
	}
	for _, e := range s.Edges {
		from, to := index[e.From], index[e.To]
		l.edges = append(l.edges, socioEdge{edge: e, from: from, to: to, mutual: pairs[[2]int{to, from}]})
	}
	for i := range l.edges {
		e := &l.edges[i]
		e.width = l.edgeWidth(e.edge.Weight)
		l.nodes[e.to].ins = append(l.nodes[e.to].ins, e.width)
		l.nodes[e.from].outMax = math.Max(l.nodes[e.from].outMax, e.width)
	}
	slices.SortStableFunc(l.edges, func(a, b socioEdge) int {
		if a.edge.Weight != b.edge.Weight {
			return b.edge.Weight - a.edge.Weight
		}
		if a.from != b.from {
			return a.from - b.from
		}
		return a.to - b.to
	})
}

// edgeWidth returns the line width of a tie: proportional to its number of
// exchanges, the heaviest tie of the graph drawn edgeMaxWidth wide (less in
// a crowded graph, so that heavy lines do not hide the rest), never wider
// than edgeWidthPerExchange per exchange (so a group whose ties are all
// light is drawn in light lines), and never thinner than edgeMinWidth.
func (l *socioLayout) edgeWidth(weight int) float64 {
	top := edgeMaxWidth
	if n := len(l.edges); n > edgeCrowd {
		top = math.Max(3, edgeMaxWidth*math.Sqrt(edgeCrowd/float64(n)))
	}
	w := math.Min(top*float64(weight)/float64(l.maxWeight), edgeWidthPerExchange*float64(weight))
	return round2(math.Max(edgeMinWidth, w))
}

// edgeWidthPerExchange is the most line width one exchange adds to a tie.
const edgeWidthPerExchange = 1.5

// arrowLength returns the length of the arrowhead on a line of width w.
func arrowLength(w float64) float64 { return 5 + 1.4*w }

// arrowHalfWidth returns half the width of the arrowhead on a line of width w.
func arrowHalfWidth(w float64) float64 { return 2.2 + 0.9*w }

// planReach plans the ports of every node for either way of placing its
// label, and records how far from its centre its arrowheads may reach.
func (l *socioLayout) planReach() {
	for i := range l.nodes {
		n := &l.nodes[i]
		level := levelLabel(n.text, point{}, n.r, n.angle).corners()
		radial := radialLabel(n.text, point{}, n.r, n.angle).corners()
		n.plans = [2]portPlan{n.planFor(level[:]), n.planFor(radial[:])}
		n.reach = math.Max(n.plans[0].reach, n.plans[1].reach)
	}
}

// planPorts chooses every node's port plan for its label as placed.
func (l *socioLayout) planPorts() {
	for i := range l.nodes {
		n := &l.nodes[i]
		n.plan = n.plans[0]
		if l.radial {
			n.plan = n.plans[1]
		}
	}
}

// spacingRadius returns the smallest radius at which neighbours on the
// circle stay apart: their arrowheads clear of each other, room between
// them for half the arrowheads that arrive at each, side by side, and room
// for an arrowhead and some line where an edge joins them. A node that
// receives many ties thus pushes its neighbours away, so that the ties
// come to it from directions further apart.
func (l *socioLayout) spacingRadius() float64 {
	order := l.ringOrder()
	if len(order) < 2 {
		return 0
	}
	arrow := make(map[[2]int]float64)
	for _, e := range l.edges {
		k := [2]int{min(e.from, e.to), max(e.from, e.to)}
		arrow[k] = math.Max(arrow[k], arrowLength(e.width)+4)
	}
	var r float64
	for i, a := range order {
		b := order[(i+1)%len(order)]
		na, nb := l.nodes[a], l.nodes[b]
		gap := math.Mod(nb.angle-na.angle+720, 360)
		if len(order) == 2 {
			gap = 180
		}
		need := math.Max(na.r+nb.r+24+arrow[[2]int{min(a, b), max(a, b)}],
			na.reach+nb.reach+2*portPad+(na.inRoom()+nb.inRoom())/2)
		r = math.Max(r, need/(2*math.Sin(gap*math.Pi/360)))
	}
	return r
}

// inRoom returns the width of the arrowheads the node receives, side by
// side with padding.
func (n socioNode) inRoom() float64 {
	var room float64
	for _, w := range n.ins {
		room += 2*arrowHalfWidth(w) + portPad
	}
	return room
}

// ringOrder returns the node indices sorted by angle.
func (l *socioLayout) ringOrder() []int {
	order := make([]int, len(l.nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmpFloat(norm(l.nodes[a].angle), norm(l.nodes[b].angle))
	})
	return order
}

// norm returns an angle in [0, 360).
func norm(deg float64) float64 { return math.Mod(math.Mod(deg, 360)+360, 360) }

// cmpFloat compares two floats.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// placeLevelLabels puts the nodes on a circle of radius r with level labels
// beside them, radially outwards, and reports whether no label overlaps
// another label, its own node, or another node with the arrowheads around
// it.
func (l *socioLayout) placeLevelLabels(r float64) bool {
	for i := range l.nodes {
		n := &l.nodes[i]
		n.at = polar(point{}, r, n.angle)
		n.label = levelLabel(n.text, n.at, n.r, n.angle)
	}
	for i, a := range l.nodes {
		box := a.label.box()
		for j, b := range l.nodes {
			if j > i && box.overlaps(b.label.box(), labelPad) {
				return false
			}
			reach := b.reach
			if j == i {
				reach = b.r
			}
			if box.hitsCircle(b.at, reach, labelPad) {
				return false
			}
		}
	}
	return true
}

// levelLabel places a level label beside a node of radius r at c, on the
// side facing away from the circle's centre, so that its box lies in the
// quarter-plane beyond the point at distance r+nodeLabelGap from c.
func levelLabel(text string, c point, r, angle float64) label {
	u := polar(point{}, 1, angle)
	p := c.add(u.scale(r + nodeLabelGap))
	h := textHeight(nodeLabelSize)
	x, anchor := c.x, "middle"
	switch {
	case u.x > 0.1:
		x, anchor = p.x, "start"
	case u.x < -0.1:
		x, anchor = p.x, "end"
	}
	top := p.y - h/2
	switch {
	case u.y > 0.3:
		top = p.y
	case u.y < -0.3:
		top = p.y - h
	}
	return label{text: text, at: point{x, top + ascent*nodeLabelSize}, anchor: anchor, size: nodeLabelSize}
}

// radialRadius returns the smallest radius at which labels turned along the
// radius clear their neighbours.
func (l *socioLayout) radialRadius() float64 {
	order := l.ringOrder()
	need := textHeight(nodeLabelSize) + 2*labelPad
	var r float64
	for i, a := range order {
		b := order[(i+1)%len(order)]
		gap := math.Mod(l.nodes[b].angle-l.nodes[a].angle+720, 360)
		if gap == 0 || gap >= 90 {
			continue
		}
		inner := need / math.Sin(gap*math.Pi/180)
		r = math.Max(r, inner-math.Min(l.nodes[a].r, l.nodes[b].r)-nodeLabelGap)
	}
	return r
}

// placeRadialLabels puts the nodes on the circle with labels turned along
// the radius, reading outwards on the right half and inwards-turned (so
// still left to right) on the left half.
func (l *socioLayout) placeRadialLabels() {
	for i := range l.nodes {
		n := &l.nodes[i]
		n.at = polar(point{}, l.radius, n.angle)
		n.label = radialLabel(n.text, n.at, n.r, n.angle)
	}
}

// radialLabel places a label turned along the radius beside a node of
// radius r at c.
func radialLabel(text string, c point, r, angle float64) label {
	a := polar(c, r+nodeLabelGap, angle)
	lb := label{text: text, at: point{a.x, a.y + centreShift*nodeLabelSize},
		anchor: "start", size: nodeLabelSize, rotate: angle, pivot: a}
	if math.Cos(angle*math.Pi/180) < -1e-9 {
		lb.anchor, lb.rotate = "end", angle-180
	}
	lb.rotate = normSigned(lb.rotate)
	return lb
}

// normSigned returns an angle in (-180, 180].
func normSigned(deg float64) float64 {
	d := norm(deg)
	if d > 180 {
		d -= 360
	}
	return d
}

// measure returns the box around the nodes, their labels, the curves with
// their control points, and the arrowheads.
func (l *socioLayout) measure() Rect {
	var r Rect
	for _, n := range l.nodes {
		r = r.union(circleRect(n.at, n.r)).union(n.label.bounds())
	}
	for _, e := range l.edges {
		for _, p := range append(e.curve.points(), l.arrowHeadOf(e)...) {
			r = r.union(Rect{p.x, p.y, 0, 0})
		}
	}
	return r
}
