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

// deriv returns the derivative of the curve at t.
func (q quad) deriv(t float64) point {
	return q.p1.sub(q.p0).scale(2 * (1 - t)).add(q.p2.sub(q.p1).scale(2 * t))
}

// sub returns the part of the curve between parameters t0 and t1.
func (q quad) sub(t0, t1 float64) quad {
	a := q.at(t0)
	return quad{a, a.add(q.deriv(t0).scale((t1 - t0) / 2)), q.at(t1)}
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
		if q.at(mid).dist(c) < d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
