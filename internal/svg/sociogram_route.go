package svg

import (
	"iter"
	"math"
)

// Routing: the backbone of every tie.
//
// A tie's backbone is a quadratic curve from the centre of the giver to the
// centre of the receiver, bowed by some amount along the normal of its
// chord: towards the centre of the circle, or a little outwards between
// near neighbours. Ties are routed heaviest first, and each takes the bow
// of least cost, where a bow costs
//
//   - a great deal if the curve passes over another node or a label, or
//     meets one of its nodes on the side of its label;
//   - the length of line that runs through the arrowheads around another
//     node, twice over;
//   - for each degree by which it meets a node nearer to a tie already
//     routed there than their ports can be, a little;
//   - the length of line that runs along a tie already routed, near it and
//     at a shallow angle, outside the arrowheads of the nodes the two
//     share. Where one tie arrives at a shared node and the other leaves
//     it, their ports part them, so only what runs along beyond the point
//     where two straight lines would part that left the node in the
//     directions the two take there counts. Where both leave it or both
//     arrive, a fifth of the length counts, since ties that fan out from
//     one node must run together for a while;
//   - a little for each unit of bow, more outwards than inwards.
//
// The two ties of a mutual pair are routed together, a fixed distance
// apart, so both stay visible.

// Routing costs and distances, in user units.
const (
	curveClearance = 3.0   // clearance of a curve from other nodes
	sampleStep     = 8.0   // distance between the sample points of a curve
	tieGap         = 2.0   // clearance wanted between two ties
	shallow        = 0.85  // the cosine of the widest angle at which two ties run along each other
	fanReach       = 120.0 // the furthest beyond a shared node's arrowheads that ties may run together
	fanCost        = 0.2   // cost of each unit of line that runs along a tie from the same giver or to the same receiver
	crossCost      = 0.3   // cost of each unit of line that crosses another tie
	bowCost        = 0.1   // cost of each unit of inward bow
	outwardCost    = 0.25  // cost of each unit of outward bow
	zoneCost       = 2.0   // cost of each unit of line among another node's arrowheads
	portCost       = 0.5   // cost of each degree by which two ends at a node are too close
	blocked        = 1e4   // cost of crossing a node or a label
	bowTries       = 100   // the deepest bow tried is the circle's width, in this many steps
)

// tieGrid holds the sample points of the routed ties, bucketed in square
// cells, to find the ties near a point quickly.
type tieGrid struct {
	origin point
	cell   float64
	n      int
	cells  [][]tiePoint
}

// tiePoint is a sample point of a routed tie.
type tiePoint struct {
	at       point
	dir      point      // the unit tangent there
	half     float64    // half the line width
	from, to int        // the tie's giver and receiver
	ends     [2]float64 // the directions in which the tie meets them
}

// newTieGrid returns an empty grid over the square of half-width size
// about the origin, with cells large enough for the widest query.
func newTieGrid(size float64) *tieGrid {
	cell := edgeMaxWidth + tieGap + 2
	n := int(math.Ceil(2*size/cell)) + 1
	return &tieGrid{origin: point{-size, -size}, cell: cell, n: n, cells: make([][]tiePoint, n*n)}
}

// index returns the cell coordinates of p, clamped to the grid.
func (g *tieGrid) index(p point) (int, int) {
	clamp := func(v float64) int { return max(0, min(g.n-1, int(math.Floor(v/g.cell)))) }
	return clamp(p.x - g.origin.x), clamp(p.y - g.origin.y)
}

// add records a sample point.
func (g *tieGrid) add(tp tiePoint) {
	i, j := g.index(tp.at)
	g.cells[j*g.n+i] = append(g.cells[j*g.n+i], tp)
}

// along returns the cost, per unit of length, of a line of half-width half
// at p (outside the arrowheads of a and b), heading along the unit vector
// dir on a tie from a to b that meets them in directions ends, where it
// comes within tieGap of a routed tie. Where they run along each other at
// a shallow angle it is fanCost if they come from the same giver or go to
// the same receiver, and else 1; where they cross, crossCost. Ties that
// are parting from a node they share, or that fan out from it and cross,
// do not count.
func (g *tieGrid) along(p, dir point, half float64, a, b int, ends [2]float64, nodes []socioNode) float64 {
	var cost float64
	ci, cj := g.index(p)
	for j := max(0, cj-1); j <= min(g.n-1, cj+1); j++ {
		for i := max(0, ci-1); i <= min(g.n-1, ci+1); i++ {
			for _, tp := range g.cells[j*g.n+i] {
				near := half + tp.half + tieGap
				if p.dist2(tp.at) >= near*near {
					continue
				}
				along := math.Abs(dir.x*tp.dir.x+dir.y*tp.dir.y) >= shallow
				switch fan := tp.from == a || tp.to == b; {
				case fan && along:
					cost = math.Max(cost, fanCost)
				case fan || parting(p, nodes[a], tp.endAt(a), ends[0], near) || parting(p, nodes[b], tp.endAt(b), ends[1], near):
				case along:
					return 1
				default:
					cost = math.Max(cost, crossCost)
				}
			}
		}
	}
	return cost
}

// endAt returns the direction in which the tie of tp meets node n, or NaN
// if it does not.
func (tp tiePoint) endAt(n int) float64 {
	switch n {
	case tp.from:
		return tp.ends[0]
	case tp.to:
		return tp.ends[1]
	}
	return math.NaN()
}

// parting reports whether p is near enough to node n that two lines near
// apart, which meet n in directions x and y, may still be parting from it
// there: within n's arrowheads and as far again as two straight lines
// leaving n in those directions run together. A NaN direction means a
// line that does not meet n.
func parting(p point, n socioNode, x, y, near float64) bool {
	if math.IsNaN(x) {
		return false
	}
	apart := math.Abs(normSigned(x-y)) * math.Pi / 180
	d := n.plan.reach + math.Min(fanReach, near/math.Sin(math.Max(apart, 0.05)))
	return p.dist2(n.at) < d*d
}

// samples returns points along q about sampleStep apart, ends included,
// in buf's storage when it has room.
func samples(q quad, buf []point) []point {
	n := int(math.Ceil((q.p0.dist(q.p1) + q.p1.dist(q.p2)) / sampleStep))
	n = max(8, min(256, n))
	pts := buf[:0]
	for k := range n + 1 {
		pts = append(pts, q.at(float64(k)/float64(n)))
	}
	return pts
}

// router holds what routing consults: the grid of routed ties and the
// outline of every label.
type router struct {
	*socioLayout
	grid   *tieGrid
	labels [][]point
	boxes  []Rect
	ends   [][]tieEnd // at each node, the ends of the ties routed
	buf    *[]point   // room for the sample points of one curve
}

// routeEdges gives every tie its backbone, heaviest first.
func (l *socioLayout) routeEdges() {
	r := router{socioLayout: l, grid: newTieGrid(l.radius + 2*minCircle), ends: make([][]tieEnd, len(l.nodes)),
		buf: new([]point)}
	for _, n := range l.nodes {
		cs := n.label.corners()
		r.labels = append(r.labels, cs[:])
		r.boxes = append(r.boxes, n.label.bounds())
	}
	index := make(map[[2]int]int, len(l.edges))
	for i, e := range l.edges {
		index[[2]int{e.from, e.to}] = i
	}
	done := make([]bool, len(l.edges))
	for i := range l.edges {
		if done[i] {
			continue
		}
		routed := []int{i}
		if e := l.edges[i]; e.mutual {
			routed = append(routed, index[[2]int{e.to, e.from}])
		}
		r.routeTies(routed)
		for _, k := range routed {
			done[k] = true
			r.store(l.edges[k])
			e := l.edges[k]
			r.ends[e.from] = append(r.ends[e.from], l.endOf(e, e.backbone, false))
			r.ends[e.to] = append(r.ends[e.to], l.endOf(e, e.backbone, true))
		}
	}
}

// routeTies chooses the bow of one tie, or of the two ties of a mutual
// pair, which bow sep apart: the tie from the lower node index bows h and
// the other h+sep.
func (l router) routeTies(ties []int) {
	first := l.edges[ties[0]]
	a, b := l.nodes[first.from].at, l.nodes[first.to].at
	m, inward := l.chordFrame(first.from, first.to)
	chord := a.dist(b)
	var sep float64
	if len(ties) == 2 {
		sep = first.width + l.edges[ties[1]].width + 12 + 0.15*chord
	}
	backbone := func(e socioEdge, h float64) quad {
		if e.from > e.to {
			h += sep
		}
		return quad{l.nodes[e.from].at, m.add(inward.scale(h)), l.nodes[e.to].at}
	}
	best, bestCost := -sep/2, math.Inf(1)
	for try := range l.bowTries(chord, m.length()) {
		if try.cost >= bestCost {
			break
		}
		h := try.bow - sep/2
		cost := try.cost
		for _, k := range ties {
			e := l.edges[k]
			cost += l.curveCost(backbone(e, h), e, bestCost-cost)
		}
		if cost < bestCost {
			best, bestCost = h, cost
		}
	}
	for _, k := range ties {
		l.edges[k].backbone = backbone(l.edges[k], best)
	}
}

// chordFrame returns the midpoint of the chord between nodes a and b and
// the unit normal of the chord that points towards the centre of the
// circle (for a diameter, the normal on the left going from the lower
// index to the higher).
func (l *socioLayout) chordFrame(a, b int) (mid, inward point) {
	lo, hi := l.nodes[min(a, b)].at, l.nodes[max(a, b)].at
	mid = lo.lerp(hi, 0.5)
	if mid.length() < 1 {
		return mid, hi.sub(lo).unit().normal()
	}
	return mid, point{}.sub(mid).unit()
}

// bowTry is a bow to try and its own cost.
type bowTry struct{ bow, cost float64 }

// bowTries yields the bows to try for a chord whose midpoint is dist from
// the centre, cheapest first: none, then deeper and deeper inwards up to
// the circle's width, and outwards no further than the curve can go while
// keeping near the circle.
func (l *socioLayout) bowTries(chord, dist float64) iter.Seq[bowTry] {
	step := math.Max(4, 2*l.radius/bowTries)
	outward := math.Min(chord/2, 2*(l.radius-dist)+48)
	return func(yield func(bowTry) bool) {
		in, out := 0.0, step
		for in < 2*l.radius || out <= outward {
			var try bowTry
			if out > outward || in < 2*l.radius && in*bowCost <= out*outwardCost {
				try, in = bowTry{in, in * bowCost}, in+step
			} else {
				try, out = bowTry{-out, out * outwardCost}, out+step
			}
			if !yield(try) {
				return
			}
		}
	}
}

// curveCost returns the cost of drawing tie e along backbone q, or some
// cost at least limit once it is clear that the cost reaches limit.
func (l router) curveCost(q quad, e socioEdge, limit float64) float64 {
	out, in := l.endOf(e, q, false), l.endOf(e, q, true)
	cost := l.crowding(e.from, out) + l.crowding(e.to, in)
	if !l.nodes[e.from].plan.allows(out.want) {
		cost += blocked
	}
	if !l.nodes[e.to].plan.allows(in.want) {
		cost += blocked
	}
	pts := samples(q, *l.buf)
	*l.buf = pts
	hull := []point{q.p0, q.p1, q.p2}
	box := boxOf(hull)
	half := e.width / 2
	for i, n := range l.nodes {
		if cost >= limit {
			return cost
		}
		if i != e.from && i != e.to {
			cost += passCost(n, pts, hull, box, half)
		}
		if box.overlaps(l.boxes[i], half+labelPad) && !apart(hull, l.labels[i], half+labelPad) &&
			crosses(pts, l.labels[i], half+labelPad) {
			cost += blocked
		}
	}
	a, b := l.nodes[e.from], l.nodes[e.to]
	ends := [2]float64{out.want, in.want}
	for k := 1; k < len(pts) && cost < limit; k++ {
		p, step := pts[k-1].lerp(pts[k], 0.5), pts[k].sub(pts[k-1])
		if a.within(p) || b.within(p) {
			continue
		}
		cost += step.length() * l.grid.along(p, step.unit(), half, e.from, e.to, ends, l.nodes)
	}
	return cost
}

// crowding returns the cost of end x at node n: portCost for each degree
// by which it comes nearer to the end of a tie already routed there than
// their ports may be. Lines that leave the node together do not count.
func (l router) crowding(n int, x tieEnd) float64 {
	var cost float64
	for _, y := range l.ends[n] {
		if !x.in && !y.in {
			continue
		}
		apart := math.Abs(normSigned(x.want - y.want))
		cost += portCost * math.Max(0, x.span+y.span+math.Max(x.pad, y.pad)-apart)
	}
	return cost
}

// passCost returns the cost of a line of half-width half along the
// polyline pts, whose hull and bounding box are given, passing node n: blocked if it comes
// within curveClearance of the circle, zoneCost for each unit of length
// among its arrowheads.
func passCost(n socioNode, pts, hull []point, box Rect, half float64) float64 {
	hard := n.r + half + curveClearance
	zone := math.Max(hard, n.plan.reach+half+tieGap)
	if !box.near(n.at, zone) || hullDist(n.at, hull) >= zone {
		return 0
	}
	var cost float64
	for k := 1; k < len(pts); k++ {
		d := segDist2(n.at, pts[k-1], pts[k])
		if d < hard*hard {
			return blocked
		}
		if d < zone*zone {
			cost += zoneCost * pts[k-1].dist(pts[k])
		}
	}
	return cost
}

// crosses reports whether a line of half-width pad along the polyline pts
// comes into the convex polygon poly.
func crosses(pts, poly []point, pad float64) bool {
	for k := 1; k < len(pts); k++ {
		if !apart([]point{pts[k-1], pts[k]}, poly, pad) {
			return true
		}
	}
	return false
}

// within reports whether p lies among the node's arrowheads.
func (n socioNode) within(p point) bool { return p.dist2(n.at) < n.plan.reach*n.plan.reach }

// store records the routed tie's sample points in the grid, leaving out
// those among the arrowheads at its own ends.
func (l router) store(e socioEdge) {
	a, b := l.nodes[e.from], l.nodes[e.to]
	ends := [2]float64{l.endOf(e, e.backbone, false).want, l.endOf(e, e.backbone, true).want}
	pts := samples(e.backbone, nil)
	for k := 1; k < len(pts); k++ {
		p := pts[k-1].lerp(pts[k], 0.5)
		if !a.within(p) && !b.within(p) {
			l.grid.add(tiePoint{at: p, dir: pts[k].sub(pts[k-1]).unit(), half: e.width / 2, from: e.from, to: e.to, ends: ends})
		}
	}
}
