package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// drawn is what the geometry checks need of a rendered SVG, read back from
// its bytes with encoding/xml.
type drawn struct {
	view      Rect
	rootTitle string
	legend    bool
	texts     []drawnText
	circles   []drawnCircle
	solids    []drawnShape // marks that text must not cover: bars, timeline symbols
	shapes    []drawnShape // every other mark, for the viewBox check
}

type drawnText struct {
	text    string
	corners [4]point
}

type drawnCircle struct {
	c point
	r float64
}

type drawnShape struct {
	class string
	box   Rect
}

// parseDrawn walks every token of the document, failing the test if it is
// not well-formed XML, and collects texts, circles and shapes. Content of
// <defs> (marker shapes in their own coordinates) is skipped.
func parseDrawn(t *testing.T, doc []byte) drawn {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var out drawn
	var stack []string
	var text *drawnText
	var textAttrs map[string]string
	inDefs := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG must be well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			attrs := attrMap(tok)
			name := tok.Name.Local
			if name == "defs" {
				inDefs++
			}
			if name == "svg" && len(stack) == 0 {
				out.view = parseView(t, attrs["viewBox"])
			}
			if name == "g" && strings.Contains(attrs["class"], "legend") && attrs["class"] != "legend-entry" {
				out.legend = true
			}
			if name == "title" && len(stack) == 1 {
				out.rootTitle = "pending"
			}
			if inDefs == 0 {
				out.collect(t, name, attrs)
			}
			if name == "text" {
				text, textAttrs = &drawnText{}, attrs
			}
			stack = append(stack, name)
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			if top == "text" && text != nil {
				text.text += string(tok)
			}
			if top == "title" && len(stack) == 2 && out.rootTitle == "pending" {
				out.rootTitle = string(tok)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			switch tok.Name.Local {
			case "defs":
				inDefs--
			case "text":
				text.corners = textCorners(t, text.text, textAttrs)
				out.texts = append(out.texts, *text)
				text = nil
			}
		}
	}
	require.Empty(t, stack, "every element is closed")
	return out
}

// collect records one mark.
func (d *drawn) collect(t *testing.T, name string, a map[string]string) {
	class := a["class"]
	switch name {
	case "circle":
		d.circles = append(d.circles, drawnCircle{point{num(t, a["cx"]), num(t, a["cy"])}, num(t, a["r"])})
	case "rect":
		s := drawnShape{class, Rect{num(t, a["x"]), num(t, a["y"]), num(t, a["width"]), num(t, a["height"])}}
		d.add(s)
	case "line":
		p, q := point{num(t, a["x1"]), num(t, a["y1"])}, point{num(t, a["x2"]), num(t, a["y2"])}
		d.add(drawnShape{class, Rect{p.x, p.y, 0, 0}.union(Rect{q.x, q.y, 0, 0})})
	case "path":
		d.add(drawnShape{class, pathBox(t, a["d"])})
	}
}

// add files a shape as solid or not by its class.
func (d *drawn) add(s drawnShape) {
	if strings.Contains(s.class, "bar") || strings.Contains(s.class, "symbol") {
		d.solids = append(d.solids, s)
		return
	}
	d.shapes = append(d.shapes, s)
}

func attrMap(e xml.StartElement) map[string]string {
	m := make(map[string]string, len(e.Attr))
	for _, a := range e.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, "number %q", s)
	return v
}

func nums(t *testing.T, s string) []float64 {
	t.Helper()
	var out []float64
	for _, f := range strings.Fields(strings.NewReplacer(",", " ").Replace(s)) {
		out = append(out, num(t, f))
	}
	return out
}

func parseView(t *testing.T, s string) Rect {
	v := nums(t, s)
	require.Len(t, v, 4, "viewBox")
	return Rect{v[0], v[1], v[2], v[3]}
}

// pathBox returns the box around the points of a path of absolute M, L, Q, C
// and Z commands; control points bound a Bézier curve.
func pathBox(t *testing.T, d string) Rect {
	t.Helper()
	var coords []float64
	for _, f := range strings.Fields(d) {
		f = strings.TrimLeft(f, "MLQCZ")
		if f != "" {
			coords = append(coords, num(t, f))
		}
	}
	require.True(t, len(coords)%2 == 0 && len(coords) > 0, "path %q", d)
	r := Rect{coords[0], coords[1], 0, 0}
	for i := 2; i < len(coords); i += 2 {
		r = r.union(Rect{coords[i], coords[i+1], 0, 0})
	}
	return r
}

// textCorners computes a text's box from its attributes with the package's
// documented metric: width from the characters (0.6 em each, 0.8 for
// capitals, 1 em for m, w and wide characters; bold 10% wider), ascent 0.8 em and
// descent 0.25 em about the baseline, then turned by any rotate(a cx cy).
func textCorners(t *testing.T, s string, a map[string]string) [4]point {
	t.Helper()
	size := num(t, a["font-size"])
	w := textWidth(s, size)
	if a["font-weight"] == "bold" {
		w *= 1.1
	}
	x, y := num(t, a["x"]), num(t, a["y"])
	switch a["text-anchor"] {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	top, bottom := y-0.8*size, y+0.25*size
	cs := [4]point{{x, top}, {x + w, top}, {x + w, bottom}, {x, bottom}}
	if tr := a["transform"]; tr != "" {
		require.True(t, strings.HasPrefix(tr, "rotate(") && strings.HasSuffix(tr, ")"), "transform %q", tr)
		r := nums(t, tr[len("rotate("):len(tr)-1])
		require.Len(t, r, 3)
		rad := r[0] * math.Pi / 180
		for i, c := range cs {
			dx, dy := c.x-r[1], c.y-r[2]
			cs[i] = point{r[1] + dx*math.Cos(rad) - dy*math.Sin(rad), r[2] + dx*math.Sin(rad) + dy*math.Cos(rad)}
		}
	}
	return cs
}

// wellFormed walks every token of doc with encoding/xml.
func wellFormed(t *testing.T, doc []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		require.NoError(t, err, "the SVG must be well-formed XML")
	}
}

// checkPicture asserts what every picture keeps: a root <title>, a legend
// group, no two texts overlapping, no text over a circle or a solid mark,
// and everything inside the viewBox.
func checkPicture(t *testing.T, doc []byte) drawn {
	t.Helper()
	d := parseDrawn(t, doc)
	assert.NotEmpty(t, d.rootTitle, "the root has a <title>")
	assert.NotEqual(t, "pending", d.rootTitle, "the root <title> has text")
	assert.True(t, d.legend, "there is a legend group")
	for i, a := range d.texts {
		for _, b := range d.texts[i+1:] {
			assert.False(t, polygonsOverlap(a.corners[:], b.corners[:]), "texts %q and %q overlap", a.text, b.text)
		}
		for _, c := range d.circles {
			assert.Greater(t, distToPolygon(c.c, a.corners[:]), c.r-1e-6, "text %q covers a circle at %v", a.text, c.c)
		}
		for _, s := range d.solids {
			assert.False(t, polygonsOverlap(a.corners[:], rectCorners(s.box)), "text %q covers a %s", a.text, s.class)
		}
	}
	d.checkInside(t)
	return d
}

// checkInside asserts that every mark lies inside the viewBox.
func (d drawn) checkInside(t *testing.T) {
	t.Helper()
	in := func(p point) bool {
		const eps = 0.01
		return p.x >= d.view.X-eps && p.x <= d.view.right()+eps && p.y >= d.view.Y-eps && p.y <= d.view.bottom()+eps
	}
	for _, tx := range d.texts {
		for _, c := range tx.corners {
			assert.True(t, in(c), "text %q leaves the viewBox %v at %v", tx.text, d.view, c)
		}
	}
	for _, c := range d.circles {
		for _, p := range rectCorners(circleRect(c.c, c.r)) {
			assert.True(t, in(p), "circle at %v leaves the viewBox", c.c)
		}
	}
	for _, s := range append(append([]drawnShape(nil), d.solids...), d.shapes...) {
		for _, p := range rectCorners(s.box) {
			assert.True(t, in(p), "%s %v leaves the viewBox %v", s.class, s.box, d.view)
		}
	}
}

func rectCorners(r Rect) []point {
	return []point{{r.X, r.Y}, {r.right(), r.Y}, {r.right(), r.bottom()}, {r.X, r.bottom()}}
}

// polygonsOverlap reports whether two convex polygons share area, by the
// separating axis theorem; polygons that only touch do not overlap.
func polygonsOverlap(a, b []point) bool {
	for _, poly := range [][]point{a, b} {
		for i := range poly {
			edge := poly[(i+1)%len(poly)].sub(poly[i])
			axis := edge.normal()
			if axis.length() == 0 {
				continue
			}
			amin, amax := project(a, axis)
			bmin, bmax := project(b, axis)
			if amax <= bmin+1e-6 || bmax <= amin+1e-6 {
				return false
			}
		}
	}
	return true
}

func project(poly []point, axis point) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range poly {
		v := p.x*axis.x + p.y*axis.y
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

// distToPolygon returns the distance from p to a convex polygon, zero
// inside it.
func distToPolygon(p point, poly []point) float64 {
	pos, neg := false, false
	best := math.Inf(1)
	for i := range poly {
		a, b := poly[i], poly[(i+1)%len(poly)]
		edge := b.sub(a)
		cross := edge.x*(p.y-a.y) - edge.y*(p.x-a.x)
		pos, neg = pos || cross > 0, neg || cross < 0
		t := math.Max(0, math.Min(1, ((p.x-a.x)*edge.x+(p.y-a.y)*edge.y)/(edge.x*edge.x+edge.y*edge.y)))
		best = math.Min(best, p.dist(a.add(edge.scale(t))))
	}
	if !(pos && neg) {
		return 0
	}
	return best
}

func TestPolygonHelpers(t *testing.T) {
	sq := rectCorners(Rect{0, 0, 10, 10})
	tests := []struct {
		name    string
		other   []point
		overlap bool
	}{
		{"apart", rectCorners(Rect{20, 0, 5, 5}), false},
		{"touching", rectCorners(Rect{10, 0, 5, 5}), false},
		{"crossing", rectCorners(Rect{5, 5, 10, 10}), true},
		{"inside", rectCorners(Rect{2, 2, 2, 2}), true},
		{"diamond apart", []point{{16, 5}, {21, 0}, {26, 5}, {21, 10}}, false},
		{"diamond crossing", []point{{8, 5}, {13, 0}, {18, 5}, {13, 10}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.overlap, polygonsOverlap(sq, tt.other))
		})
	}
	assert.Zero(t, distToPolygon(point{5, 5}, sq))
	assert.InDelta(t, 5, distToPolygon(point{15, 5}, sq), 1e-9)
	assert.InDelta(t, 5, distToPolygon(point{13, 14}, sq), 1e-9)
}
