package svg

import "math"

// point is a position or a vector in user units.
type point struct{ x, y float64 }

func (p point) add(q point) point             { return point{p.x + q.x, p.y + q.y} }
func (p point) sub(q point) point             { return point{p.x - q.x, p.y - q.y} }
func (p point) scale(k float64) point         { return point{p.x * k, p.y * k} }
func (p point) length() float64               { return math.Hypot(p.x, p.y) }
func (p point) dist(q point) float64          { return p.sub(q).length() }
func (p point) lerp(q point, t float64) point { return p.add(q.sub(p).scale(t)) }

// unit returns p scaled to length one, or the zero vector for a zero p.
func (p point) unit() point {
	l := p.length()
	if l == 0 {
		return point{}
	}
	return p.scale(1 / l)
}

// normal returns p turned a quarter turn anticlockwise on screen.
func (p point) normal() point { return point{p.y, -p.x} }

// polar returns the point at distance r from c in direction deg degrees,
// measured clockwise on screen from the positive x axis.
func polar(c point, r, deg float64) point {
	rad := deg * math.Pi / 180
	return point{c.x + r*math.Cos(rad), c.y + r*math.Sin(rad)}
}

// right returns the x coordinate of the rectangle's right edge.
func (r Rect) right() float64 { return r.X + r.W }

// bottom returns the y coordinate of the rectangle's bottom edge.
func (r Rect) bottom() float64 { return r.Y + r.H }

// overlaps reports whether r and s share area once each is grown by pad on
// every side; rectangles that only touch do not overlap.
func (r Rect) overlaps(s Rect, pad float64) bool {
	return r.X-pad < s.right() && s.X-pad < r.right() &&
		r.Y-pad < s.bottom() && s.Y-pad < r.bottom()
}

// hitsCircle reports whether r comes closer than pad to the disc of radius
// rad about c.
func (r Rect) hitsCircle(c point, rad, pad float64) bool {
	nx := math.Max(r.X, math.Min(c.x, r.right()))
	ny := math.Max(r.Y, math.Min(c.y, r.bottom()))
	return c.dist(point{nx, ny}) < rad+pad
}

// union returns the smallest rectangle holding r and s; a zero r counts as
// empty.
func (r Rect) union(s Rect) Rect {
	if r == (Rect{}) {
		return s
	}
	x0, y0 := math.Min(r.X, s.X), math.Min(r.Y, s.Y)
	x1, y1 := math.Max(r.right(), s.right()), math.Max(r.bottom(), s.bottom())
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// grow returns r with m added on every side.
func (r Rect) grow(m float64) Rect { return Rect{r.X - m, r.Y - m, r.W + 2*m, r.H + 2*m} }

// circleRect returns the bounding box of a circle.
func circleRect(c point, rad float64) Rect {
	return Rect{c.x - rad, c.y - rad, 2 * rad, 2 * rad}
}

// quad is a quadratic Bézier curve from p0 to p2 pulled towards p1.
type quad struct{ p0, p1, p2 point }

// at returns the point of the curve at parameter t in [0, 1].
func (q quad) at(t float64) point {
	a, b := q.p0.lerp(q.p1, t), q.p1.lerp(q.p2, t)
	return a.lerp(b, t)
}

// leave returns the parameter where the curve, walking from its start
// (fromEnd false) or from its end (fromEnd true), first lies at distance d
// from centre c. The curve must start (or end) inside that distance and
// leave it once; bisection finds the crossing.
func (q quad) leave(c point, d float64, fromEnd bool) float64 {
	lo, hi := 0.0, 0.5
	if fromEnd {
		lo, hi = 1.0, 0.5
	}
	for range 40 {
		mid := (lo + hi) / 2
		if q.at(mid).dist2(c) < d*d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// cubic is a cubic Bézier curve from p0 to p3 whose tangents at the ends
// point towards p1 and away from p2.
type cubic struct{ p0, p1, p2, p3 point }

// at returns the point of the curve at parameter t in [0, 1].
func (c cubic) at(t float64) point {
	a, b, d := c.p0.lerp(c.p1, t), c.p1.lerp(c.p2, t), c.p2.lerp(c.p3, t)
	return a.lerp(b, t).lerp(b.lerp(d, t), t)
}

// points returns the four points that define the curve.
func (c cubic) points() []point { return []point{c.p0, c.p1, c.p2, c.p3} }

// dist2 returns the square of the distance between p and q.
func (p point) dist2(q point) float64 {
	dx, dy := p.x-q.x, p.y-q.y
	return dx*dx + dy*dy
}

// segDist2 returns the square of the distance from p to the segment from a
// to b.
func segDist2(p, a, b point) float64 {
	ab := b.sub(a)
	l2 := ab.x*ab.x + ab.y*ab.y
	if l2 == 0 {
		return p.dist2(a)
	}
	t := math.Max(0, math.Min(1, ((p.x-a.x)*ab.x+(p.y-a.y)*ab.y)/l2))
	return p.dist2(a.add(ab.scale(t)))
}

// hullDist returns the distance from p to the convex hull of a few points
// (such as the control points of a Bézier curve, whose hull holds the
// curve): zero inside it, else the distance to the nearest segment between
// two of the points.
func hullDist(p point, pts []point) float64 {
	best := math.Inf(1)
	for i, a := range pts {
		for j := i + 1; j < len(pts); j++ {
			best = math.Min(best, segDist2(p, a, pts[j]))
			for _, c := range pts[j+1:] {
				if inTriangle(p, a, pts[j], c) {
					return 0
				}
			}
		}
	}
	return math.Sqrt(best)
}

// boxOf returns the smallest rectangle holding the points.
func boxOf(pts []point) Rect {
	r := Rect{pts[0].x, pts[0].y, 0, 0}
	for _, p := range pts[1:] {
		r = r.union(Rect{p.x, p.y, 0, 0})
	}
	return r
}

// near reports whether p lies within d of the rectangle.
func (r Rect) near(p point, d float64) bool {
	return p.x > r.X-d && p.x < r.right()+d && p.y > r.Y-d && p.y < r.bottom()+d
}

// inTriangle reports whether p lies in the triangle abc, edges included.
func inTriangle(p, a, b, c point) bool {
	side := func(u, v point) float64 { return (v.x-u.x)*(p.y-u.y) - (v.y-u.y)*(p.x-u.x) }
	d1, d2, d3 := side(a, b), side(b, c), side(c, a)
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}

// angleOf returns the direction of v in degrees, clockwise on screen from
// the positive x axis.
func angleOf(v point) float64 { return math.Atan2(v.y, v.x) * 180 / math.Pi }

// degrees converts radians to degrees.
func degrees(rad float64) float64 { return rad * 180 / math.Pi }

// apart reports whether the convex polygons a and b are at least pad apart
// along some edge normal of either: a sufficient test that they keep that
// distance.
func apart(a, b []point, pad float64) bool {
	for _, poly := range [][]point{a, b} {
		for i := range poly {
			axis := poly[(i+1)%len(poly)].sub(poly[i]).normal().unit()
			if axis == (point{}) {
				continue
			}
			alo, ahi := projectOn(a, axis)
			blo, bhi := projectOn(b, axis)
			if ahi+pad <= blo || bhi+pad <= alo {
				return true
			}
		}
	}
	return false
}

// projectOn returns the extent of the points along axis.
func projectOn(pts []point, axis point) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		v := p.x*axis.x + p.y*axis.y
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}
