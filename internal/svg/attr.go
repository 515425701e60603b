package svg

import (
	"math"
	"strconv"
	"strings"
)

// Attr is one attribute of an element. Build it with [Str], [Num], [Nums],
// [Rotate] or [Path.D]; the zero Attr has no name and is rejected by a
// [Document].
type Attr struct {
	name  string
	value string
	bad   string // why the value cannot be written, or ""
}

// Str returns the attribute name="value". The value is escaped when it is
// written.
func Str(name, value string) Attr { return Attr{name: name, value: value} }

// Num returns the attribute name="v", with v written by [FormatNumber]. A NaN
// or infinite v makes the document fail with [ErrMalformed].
func Num(name string, v float64) Attr { return Nums(name, v) }

// Nums returns the attribute name="v1 v2 ...", as used by viewBox and
// points. A NaN or infinite value makes the document fail with
// [ErrMalformed].
func Nums(name string, vs ...float64) Attr {
	var b strings.Builder
	for i, v := range vs {
		if !finite(v) {
			return Attr{name: name, bad: "non-finite number " + strconv.FormatFloat(v, 'g', -1, 64)}
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(FormatNumber(v))
	}
	return Attr{name: name, value: b.String()}
}

// Rotate returns a transform attribute that turns an element by deg degrees
// (clockwise on screen) about the point (cx, cy).
func Rotate(deg, cx, cy float64) Attr {
	a := Nums("transform", deg, cx, cy)
	if a.bad == "" {
		a.value = "rotate(" + a.value + ")"
	}
	return a
}

// FormatNumber writes v with at most two decimals and no trailing zeros, so
// that the same picture always gives the same bytes: 3 is "3", 2.5 is "2.5",
// 1/3 is "0.33" and -0.001 is "0". It does not check that v is finite.
func FormatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if strings.ContainsRune(s, '.') {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Path builds the d attribute of a <path> from absolute commands. The zero
// Path is empty and ready to use. A Path is not safe for concurrent use.
type Path struct {
	b   strings.Builder
	bad bool
}

// MoveTo starts a new subpath at (x, y).
func (p *Path) MoveTo(x, y float64) *Path { return p.cmd('M', x, y) }

// LineTo draws a straight line to (x, y).
func (p *Path) LineTo(x, y float64) *Path { return p.cmd('L', x, y) }

// QuadTo draws a quadratic Bézier curve through control point (cx, cy) to
// (x, y).
func (p *Path) QuadTo(cx, cy, x, y float64) *Path { return p.cmd('Q', cx, cy, x, y) }

// CubicTo draws a cubic Bézier curve through control points (c1x, c1y) and
// (c2x, c2y) to (x, y).
func (p *Path) CubicTo(c1x, c1y, c2x, c2y, x, y float64) *Path {
	return p.cmd('C', c1x, c1y, c2x, c2y, x, y)
}

// Close closes the current subpath.
func (p *Path) Close() *Path {
	p.sep()
	p.b.WriteByte('Z')
	return p
}

// D returns the path as a d attribute. A non-finite coordinate makes the
// document fail with [ErrMalformed].
func (p *Path) D() Attr {
	if p.bad {
		return Attr{name: "d", bad: "non-finite path coordinate"}
	}
	return Str("d", p.b.String())
}

// cmd appends one command letter and its coordinates.
func (p *Path) cmd(c byte, vs ...float64) *Path {
	p.sep()
	p.b.WriteByte(c)
	for i, v := range vs {
		if !finite(v) {
			p.bad = true
		}
		if i > 0 {
			p.b.WriteByte(' ')
		}
		p.b.WriteString(FormatNumber(v))
	}
	return p
}

// sep separates commands with a space.
func (p *Path) sep() {
	if p.b.Len() > 0 {
		p.b.WriteByte(' ')
	}
}
