package svg

import (
	"math"
	"slices"
)

// Ports: where the ties meet a node.
//
// Every tie leaves its giver and reaches its receiver along a radius of the
// node's circle, at an angle of its own, its port. An arrowhead points at
// the centre with its tip just outside the outline, so the arrowheads that
// arrive at one node stand around it like the spokes of a wheel, and the
// lines that leave it start between them. Ports are spread so that no two
// arrowheads touch and no line starts under an arrowhead, each as near as
// it can be to the direction its tie comes from; the side of the node where
// its label stands is kept free. A node that receives more arrowheads than
// fit on the side facing the other nodes has their tips moved out from the
// outline, where there is more room around it, until they fit.

// Port geometry, in user units.
const (
	tipGap      = 2.0   // between a node's outline and the arrow tips and line starts
	portPad     = 2.0   // between neighbouring ends at a node
	portGrow    = 24.0  // furthest that a crowded node's arrow tips move out
	labelArcMin = 15.0  // smallest angle, in degrees, kept free either side of the label's direction
	fanArc      = 210.0 // the widest arc, in degrees, over which ties from other nodes meet a node without doubling back
)

// portPlan says where the ties may meet one node.
type portPlan struct {
	rho    float64 // distance from the centre to the arrow tips
	lo, hi float64 // the arc, in degrees clockwise, where ends may sit; lo < hi < lo+360
	reach  float64 // distance from the centre within which the arrowheads lie
}

// allows reports whether direction deg lies in the plan's arc.
func (p portPlan) allows(deg float64) bool { return p.lo+norm(deg-p.lo) <= p.hi }

// arrowSpan returns the angle, in degrees, between the axis and the side
// of an arrowhead on a line of width w whose tip is rho from the centre it
// points at: its widest angle seen from the centre, at its base.
func arrowSpan(w, rho float64) float64 {
	return degrees(math.Atan2(arrowHalfWidth(w), rho+arrowLength(w)))
}

// lineSpan returns the half-angle, in degrees, that a line of width w
// takes seen from a centre rho away.
func lineSpan(w, rho float64) float64 { return degrees(math.Atan2(w/2, rho)) }

// padSpan returns the angle, in degrees, that portPad takes at the base of
// an arrowhead on a line of width w.
func padSpan(w, rho float64) float64 { return degrees(portPad / (rho + arrowLength(w))) }

// arrowHead returns the corners of the arrowhead on a line of width w that
// points at c from direction deg, its tip rho from c: tip, then the base.
func arrowHead(c point, deg, rho, w float64) []point {
	base := polar(c, rho+arrowLength(w), deg)
	side := polar(point{}, arrowHalfWidth(w), deg+90)
	return []point{polar(c, rho, deg), base.add(side), base.sub(side)}
}

// planFor returns where ties may meet the node when its label has the
// given corners, relative to the node's centre. The arc leaves out the
// label's side, from the node's angle round to the first directions on
// either hand where the largest arrowhead clears the label; the arrow tips
// move out from the outline until the arrowheads fit in the arc and in
// fanArc.
func (n socioNode) planFor(label []point) portPlan {
	w := n.outMax
	for _, x := range n.ins {
		w = math.Max(w, x)
	}
	var p portPlan
	for grow := 0.0; ; grow++ {
		p = portPlan{rho: n.r + tipGap + grow}
		clear := func(deg float64) bool { return apart(arrowHead(point{}, deg, p.rho, w), label, labelPad) }
		p.lo = n.angle + firstClear(func(d float64) bool { return clear(n.angle + d) })
		p.hi = n.angle + 360 - firstClear(func(d float64) bool { return clear(n.angle - d) })
		if grow >= portGrow || n.portNeed(p.rho) <= math.Min(p.hi-p.lo, fanArc) {
			break
		}
	}
	p.reach = n.r
	if len(n.ins) > 0 {
		p.reach = math.Hypot(p.rho+arrowLength(w), arrowHalfWidth(w))
	}
	return p
}

// firstClear returns the smallest whole number of degrees d, from
// labelArcMin up to 179, for which clear(d) holds, assuming that it holds
// for all larger d once it holds for one: it steps 4 degrees at a time,
// then back one at a time.
func firstClear(clear func(d float64) bool) float64 {
	const coarse = 4
	d := labelArcMin
	for d+coarse <= 179 && !clear(d) {
		d += coarse
	}
	for d > labelArcMin && clear(d-1) {
		d--
	}
	for d < 179 && !clear(d) {
		d++
	}
	return d
}

// portNeed returns the largest arc, in degrees, that the ends at the node
// can take with arrow tips rho from its centre, lines that leave the node
// packed as close as need be: each arrowhead with its padding and, on each
// side, at most one line.
func (n socioNode) portNeed(rho float64) float64 {
	var need float64
	for _, w := range n.ins {
		need += 2 * (arrowSpan(w, rho) + padSpan(w, rho) + lineSpan(n.outMax, rho))
	}
	return need
}

// tieEnd is one end of a tie at a node.
type tieEnd struct {
	edge int     // index in socioLayout.edges
	in   bool    // the arrowhead's end
	want float64 // the direction the tie comes from, in degrees
	span float64 // half the angle the end takes, in degrees
	pad  float64 // padding wanted beside it, in degrees
	hold float64 // how strongly it keeps to want
}

// Ends hold to the directions their ties come from: an arrowhead more
// than a line, since it shows where the tie goes, and the end of a short
// tie more than that of a long one, which has room to turn gently.
const (
	arrowHold = 3.0   // an arrowhead's hold, against a line's 1
	holdReach = 100.0 // the length of tie below which the hold grows
)

// holdOf returns the hold of an end of a tie whose backbone is q.
func holdOf(q quad, in bool) float64 {
	h := holdReach / math.Max(q.p0.dist(q.p2), holdReach/4)
	if in {
		h *= arrowHold
	}
	return h
}

// placePorts spreads the ends of the ties around every node, then draws
// every tie as a line from port to port that follows its backbone.
func (l *socioLayout) placePorts() {
	ends := make([][]tieEnd, len(l.nodes))
	for i, e := range l.edges {
		out, in := l.endOf(e, e.backbone, false), l.endOf(e, e.backbone, true)
		out.edge, in.edge = i, i
		ends[e.from] = append(ends[e.from], out)
		ends[e.to] = append(ends[e.to], in)
	}
	for i := range l.nodes {
		l.spreadEnds(l.nodes[i].plan, ends[i])
	}
	heads := make([][]point, len(l.edges))
	for i, e := range l.edges {
		heads[i] = l.arrowHeadOf(e)
	}
	for i := range l.edges {
		l.edges[i].curve = l.tieCurve(i, heads)
	}
}

// endOf returns the end of tie e, drawn along backbone q, at its receiver
// (in) or its giver, without its edge index. It wants the direction, from
// the node's centre, of the point where q crosses the circle through the
// bases of the arrowheads there: where the tie would meet the node, left
// to itself.
func (l *socioLayout) endOf(e socioEdge, q quad, in bool) tieEnd {
	n := l.nodes[e.from]
	if in {
		n = l.nodes[e.to]
	}
	t := q.leave(n.at, n.plan.rho+arrowLength(e.width), in)
	x := tieEnd{in: in, want: angleOf(q.at(t).sub(n.at)), hold: holdOf(q, in)}
	if in {
		x.span, x.pad = arrowSpan(e.width, n.plan.rho), padSpan(e.width, n.plan.rho)
	} else {
		x.span = lineSpan(e.width, n.plan.rho)
	}
	return x
}

// spreadEnds gives the ends at one node their ports: in the order of the
// directions they come from, apart by their spans and padding, inside the
// plan's arc, and as near to those directions as can be. Two lines that
// leave side by side are kept no further apart than their directions, so
// that the ties a node gives fan out from it as they would alone, and
// packed closer if the arc is short of room.
func (l *socioLayout) spreadEnds(p portPlan, ends []tieEnd) {
	if len(ends) == 0 {
		return
	}
	for i := range ends {
		ends[i].want = unwrap(ends[i].want, p.lo, p.hi)
	}
	slices.SortStableFunc(ends, func(a, b tieEnd) int {
		if c := cmpFloat(a.want, b.want); c != 0 {
			return c
		}
		return a.edge - b.edge
	})
	gaps := make([]float64, len(ends)-1)
	var packed, fixed float64
	for i := range gaps {
		a, b := ends[i], ends[i+1]
		gaps[i] = a.span + b.span
		if !a.in && !b.in {
			gaps[i] = math.Min(gaps[i], b.want-a.want)
			packed += gaps[i]
			continue
		}
		gaps[i] += math.Max(a.pad, b.pad)
		fixed += gaps[i]
	}
	room := p.hi - p.lo
	for i := range gaps {
		outs := !ends[i].in && !ends[i+1].in
		switch {
		case fixed > room && outs:
			gaps[i] = 0
		case fixed > room:
			gaps[i] *= room / fixed
		case outs && fixed+packed > room:
			gaps[i] *= (room - fixed) / packed
		}
	}
	want, hold := make([]float64, len(ends)), make([]float64, len(ends))
	for i, e := range ends {
		want[i], hold[i] = e.want, e.hold
	}
	for i, at := range spread(want, hold, gaps, p.lo, p.hi) {
		e := &l.edges[ends[i].edge]
		if ends[i].in {
			e.inPort = at
		} else {
			e.outPort = at
		}
	}
}

// unwrap returns direction deg as an angle in [lo, hi], moving a direction
// outside the arc to its nearer end.
func unwrap(deg, lo, hi float64) float64 {
	a := lo + norm(deg-lo)
	if a <= hi {
		return a
	}
	if a-hi < lo+360-a {
		return hi
	}
	return lo
}

// spread returns positions for points wanted at the sorted positions want:
// in the same order, each at least gaps[i] after the one before, all
// within [lo, hi], and as near to want as can be in the least-squares
// sense, each distance weighed by hold. With the gaps written as offsets,
// this is a weighted isotonic regression, solved exactly by pooling
// adjacent violators and clamping. The gaps must fit between lo and hi,
// and every hold must be positive.
func spread(want, hold, gaps []float64, lo, hi float64) []float64 {
	offset := make([]float64, len(want))
	for i := 1; i < len(want); i++ {
		offset[i] = offset[i-1] + gaps[i-1]
	}
	type block struct {
		sum, weight float64 // of the held positions less their offsets, and of the holds
		n           int
	}
	var blocks []block
	for i, w := range want {
		blocks = append(blocks, block{hold[i] * (w - offset[i]), hold[i], 1})
		for k := len(blocks) - 1; k > 0; k-- {
			a, b := blocks[k-1], blocks[k]
			if a.sum*b.weight <= b.sum*a.weight {
				break
			}
			blocks = append(blocks[:k-1], block{a.sum + b.sum, a.weight + b.weight, a.n + b.n})
		}
	}
	top := hi - offset[len(offset)-1]
	out := make([]float64, 0, len(want))
	for _, b := range blocks {
		v := math.Min(math.Max(b.sum/b.weight, lo), top)
		for range b.n {
			out = append(out, v+offset[len(out)])
		}
	}
	return out
}

// tiePath is the drawn line of a tie: two cubic curves joined smoothly.
type tiePath struct{ first, second cubic }

// points returns the points that define the path.
func (p tiePath) points() []point { return append(p.first.points(), p.second.points()...) }

// tieCurve returns the drawn line of a tie: from the giver's outline at
// its port, leaving along the radius, through the midpoint of the tie's
// backbone in the backbone's direction, to the base of the arrowhead at
// the receiver's port, arriving along the radius so that the arrowhead
// points at the receiver's centre. Where a port lies away from the
// direction the backbone takes, the line turns towards the backbone the
// sooner the further away it lies; and sooner or later, if it must, to pass
// clear of the other nodes and of the other ties' arrowheads, whose
// corners are heads.
func (l *socioLayout) tieCurve(k int, heads [][]point) tiePath {
	e := l.edges[k]
	a, b, q := l.nodes[e.from], l.nodes[e.to], e.backbone
	ua, ub := polar(point{}, 1, e.outPort), polar(point{}, 1, e.inPort)
	p0 := a.at.add(ua.scale(a.r + tipGap))
	p3 := b.at.add(ub.scale(b.plan.rho + arrowLength(e.width)))
	// Each half is a cubic curve whose arms are a third of its chord, as
	// for an arc of a circle that does not turn far.
	mid, tangent := q.at(0.5), q.p2.sub(q.p0).unit()
	arm := [2]float64{p0.dist(mid) / 3, p3.dist(mid) / 3}
	outer := arm
	for i, turn := range []float64{e.outPort - l.endOf(e, q, false).want, e.inPort - l.endOf(e, q, true).want} {
		outer[i] *= math.Max(0.3, math.Cos(normSigned(turn)*math.Pi/180))
	}
	near := l.headsNear(k, heads, []point{p0, p0.add(ua.scale(armScaleMax * arm[0])),
		mid.sub(tangent.scale(arm[0])), mid.add(tangent.scale(arm[1])), p3.add(ub.scale(armScaleMax * arm[1])), p3})
	var best tiePath
	bestGap := math.Inf(-1)
	for _, base := range [][2]float64{outer, arm} {
		for _, scale := range armScales {
			c := tiePath{
				cubic{p0, p0.add(ua.scale(scale[0] * base[0])), mid.sub(tangent.scale(arm[0])), mid},
				cubic{mid, mid.add(tangent.scale(arm[1])), p3.add(ub.scale(scale[1] * base[1])), p3},
			}
			gap := l.clearance(c, e, near)
			if gap >= curveClearance {
				return c
			}
			if gap > bestGap {
				best, bestGap = c, gap
			}
		}
	}
	return best
}

// headsNear returns the arrowheads, of ties other than tie k, that may
// come near a line of tie k drawn within the convex hull of pts.
func (l *socioLayout) headsNear(k int, heads [][]point, pts []point) [][]point {
	var near [][]point
	box := boxOf(pts)
	for j, head := range heads {
		w := l.edges[j].width
		d := arrowLength(w) + arrowHalfWidth(w) + l.edges[k].width/2 + curveClearance
		if j != k && box.near(head[0], d) && hullDist(head[0], pts) < d {
			near = append(near, head)
		}
	}
	return near
}

// armScaleMax is the largest of armScales.
const armScaleMax = 2.2

// armScales are the scales tried for the arms of a tie's line at its two
// ends, from the plainest curve to the most bent.
var armScales = func() [][2]float64 {
	ks := []float64{1, 0.7, 1.5, 0.45, armScaleMax, 0.25, 0.12}
	var out [][2]float64
	for sum := 0; sum <= 2*(len(ks)-1); sum++ {
		for i := max(0, sum-len(ks)+1); i <= min(sum, len(ks)-1); i++ {
			out = append(out, [2]float64{ks[i], ks[sum-i]})
		}
	}
	return out
}()

// clearance returns how far the line of tie e along c keeps from the
// outlines of the nodes other than its ends and from the arrowheads heads,
// less half its width, or curveClearance if it keeps further. It samples
// the line, so may overestimate by a little.
func (l *socioLayout) clearance(c tiePath, e socioEdge, heads [][]point) float64 {
	gap := curveClearance
	var buf [33]point
	for _, q := range []cubic{c.first, c.second} {
		hull := q.points()
		box := boxOf(hull)
		var pts []point
		sample := func() []point {
			if pts == nil {
				pts = buf[:]
				for s := range pts {
					pts[s] = q.at(float64(s) / 32)
				}
			}
			return pts
		}
		for i, n := range l.nodes {
			if d := n.r + e.width/2 + gap; i == e.from || i == e.to || !box.near(n.at, d) || hullDist(n.at, hull) >= d {
				continue
			}
			for _, p := range sample() {
				gap = math.Min(gap, p.dist(n.at)-n.r-e.width/2)
			}
		}
		for _, head := range heads {
			for _, p := range sample() {
				gap = math.Min(gap, hullDist(p, head)-e.width/2)
			}
		}
	}
	return gap
}

// arrowHeadOf returns the corners of a tie's arrowhead.
func (l *socioLayout) arrowHeadOf(e socioEdge) []point {
	b := l.nodes[e.to]
	return arrowHead(b.at, e.inPort, b.plan.rho, e.width)
}
