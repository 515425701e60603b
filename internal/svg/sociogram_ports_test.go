package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// drawnTie is a tie read back from a rendered sociogram: its line, as
// cubic curves (a quadratic one has p1 == p2), and its arrowhead, from the
// marker's size.
type drawnTie struct {
	title string
	width float64
	line  []cubic
	head  []point // tip, then the two corners of the base
}

// at returns the point of the line at parameter t in [0, 1], each curve
// taking an equal part.
func (d drawnTie) at(t float64) point {
	i := min(len(d.line)-1, int(t*float64(len(d.line))))
	return d.line[i].at(t*float64(len(d.line)) - float64(i))
}

// drawnNode is a node's circle read back from a rendered sociogram.
type drawnNode struct {
	c      point
	r      float64
	stroke float64
}

// outer returns the distance from the centre to the outside of the stroke.
func (n drawnNode) outer() float64 { return n.r + n.stroke/2 }

// parseTies reads the ties and nodes of a rendered sociogram. An arrowhead
// is placed as SVG places a marker with orient="auto": its reference
// point (refX, refY) on the end of the path, turned to the direction in
// which the path ends.
func parseTies(t *testing.T, doc []byte) ([]drawnTie, []drawnNode) {
	t.Helper()
	type marker struct{ length, half, refX, refY float64 }
	markers := map[string]marker{}
	var ties []drawnTie
	var nodes []drawnNode
	var groups []string
	inTie := false
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			a := attrMap(tok)
			switch tok.Name.Local {
			case "marker":
				v := nums(t, a["viewBox"])
				markers["url(#"+a["id"]+")"] = marker{v[2], v[3] / 2, num(t, a["refX"]), num(t, a["refY"])}
			case "path":
				if strings.HasPrefix(a["class"], "tie ") {
					m, ok := markers[a["marker-end"]]
					require.True(t, ok, "the tie's marker %s is defined before it", a["marker-end"])
					line := parseLine(t, a["d"])
					c := line[len(line)-1]
					require.Zero(t, m.refX, "the marker's base is on the line's end")
					require.InDelta(t, m.half, m.refY, 0.01, "the marker is centred on the line")
					dir := c.p3.sub(c.p2).unit()
					side := dir.normal().scale(m.half)
					ties = append(ties, drawnTie{width: num(t, a["stroke-width"]), line: line,
						head: []point{c.p3.add(dir.scale(m.length)), c.p3.add(side), c.p3.sub(side)}})
					inTie = true
				}
			case "circle":
				if len(groups) > 0 && strings.HasPrefix(groups[len(groups)-1], "node ") {
					nodes = append(nodes, drawnNode{point{num(t, a["cx"]), num(t, a["cy"])}, num(t, a["r"]), num(t, a["stroke-width"])})
				}
			}
			groups = append(groups, a["class"])
		case xml.CharData:
			if inTie && len(ties) > 0 {
				ties[len(ties)-1].title += strings.TrimSpace(string(tok))
			}
		case xml.EndElement:
			if tok.Name.Local == "path" {
				inTie = false
			}
			groups = groups[:len(groups)-1]
		}
	}
	return ties, nodes
}

// parseLine reads a path of absolute commands, "M x y" then Q and C
// curves, as cubic curves.
func parseLine(t *testing.T, d string) []cubic {
	t.Helper()
	f := strings.Fields(d)
	require.True(t, len(f) >= 2 && f[0][0] == 'M', "path %q", d)
	at := func(i int) point { return point{num(t, strings.TrimLeft(f[i], "MQC")), num(t, f[i+1])} }
	var out []cubic
	last := at(0)
	for i := 2; i < len(f); {
		switch f[i][0] {
		case 'Q':
			require.Less(t, i+3, len(f), "path %q", d)
			c := cubic{last, at(i), at(i), at(i + 2)}
			out, last, i = append(out, c), c.p3, i+4
		case 'C':
			require.Less(t, i+5, len(f), "path %q", d)
			c := cubic{last, at(i), at(i + 2), at(i + 4)}
			out, last, i = append(out, c), c.p3, i+6
		default:
			require.Fail(t, "unexpected path command", "path %q", d)
		}
	}
	require.NotEmpty(t, out, "path %q", d)
	return out
}

// nearest returns the index of the node whose centre is nearest to p.
func nearest(nodes []drawnNode, p point) int {
	best := 0
	for i, n := range nodes {
		if n.c.dist(p) < nodes[best].c.dist(p) {
			best = i
		}
	}
	return best
}

// checkTies asserts what lets a reader follow every tie: no two arrowheads
// overlap; no arrowhead overlaps a node (its receiver included), a text or
// the edge of the picture; no line runs over another tie's arrowhead; and
// no line passes over a node other than its giver and its receiver. Boxes
// around the marks skip the pairs that are far apart.
func checkTies(t *testing.T, doc []byte) {
	t.Helper()
	d := parseDrawn(t, doc)
	ties, nodes := parseTies(t, doc)
	lines, lineBoxes, headBoxes := make([][]point, len(ties)), make([]Rect, len(ties)), make([]Rect, len(ties))
	for i, a := range ties {
		for s := 0; s <= 64; s++ {
			lines[i] = append(lines[i], a.at(float64(s)/64))
		}
		lineBoxes[i], headBoxes[i] = boxOf(lines[i]).grow(a.width), boxOf(a.head)
	}
	for i, a := range ties {
		for j, b := range ties {
			if j > i && headBoxes[i].overlaps(headBoxes[j], 0) && polygonsOverlap(a.head, b.head) {
				assert.Fail(t, "arrowheads overlap", "the arrowheads of %q and %q overlap", a.title, b.title)
			}
			if j != i && headBoxes[i].overlaps(lineBoxes[j], 0) {
				if gap := polylineGap(lines[j], a.head); gap <= b.width/2 {
					assert.Fail(t, "a line runs over an arrowhead", "the line of %q runs over the arrowhead of %q: %.2f from it", b.title, a.title, gap)
				}
			}
		}
		for _, n := range nodes {
			if gap := distToPolygon(n.c, a.head); gap < n.outer() {
				assert.Fail(t, "an arrowhead covers a node", "the arrowhead of %q covers the node at %v: %.2f from its centre", a.title, n.c, gap)
			}
		}
		for _, tx := range d.texts {
			if headBoxes[i].overlaps(boxOf(tx.corners[:]), 0) && polygonsOverlap(a.head, tx.corners[:]) {
				assert.Fail(t, "an arrowhead covers a text", "the arrowhead of %q covers the text %q", a.title, tx.text)
			}
		}
		for _, p := range a.head {
			assert.True(t, p.x >= d.view.X && p.x <= d.view.right() && p.y >= d.view.Y && p.y <= d.view.bottom(),
				"the arrowhead of %q leaves the viewBox", a.title)
		}
		from, to := nearest(nodes, a.line[0].p0), nearest(nodes, a.head[0])
		for k, n := range nodes {
			if k == from || k == to || !lineBoxes[i].near(n.c, n.outer()) {
				continue
			}
			gap := math.Inf(1)
			for _, p := range lines[i] {
				gap = math.Min(gap, p.dist(n.c))
			}
			assert.GreaterOrEqual(t, gap, n.outer()+a.width/2, "the line of %q passes over the node at %v", a.title, n.c)
		}
	}
}

// polylineGap returns the least distance from the points of a line to a
// convex polygon.
func polylineGap(line, poly []point) float64 {
	gap := math.Inf(1)
	for _, p := range line {
		gap = math.Min(gap, distToPolygon(p, poly))
	}
	return gap
}

// TestSociogramTies checks the ties of groups drawn from the examples and
// of dense groups; TestSociogramGeometry and TestSociogramRandom check those
// of the sample groups and of random groups of up to 40.
func TestSociogramTies(t *testing.T) {
	tests := []struct {
		name string
		s    Sociogram
	}{
		{"settlement house", settlementClub()},
		{"halsted club", halstedClub()},
		{"mothers' club", mothersClub()},
		{"everyone helps everyone", Sociogram{Title: "Dense", Nodes: nodes(9, 1), Edges: ring(9, 8)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkTies(t, renderSociogram(t, tt.s))
		})
	}
}

func TestParseTies(t *testing.T) {
	doc := renderSociogram(t, Sociogram{Title: "Two", Nodes: []Node{{ID: "a"}, {ID: "b"}}, Edges: []Edge{{From: "a", To: "b", Weight: 1}}})
	ties, nodes := parseTies(t, doc)
	require.Len(t, ties, 1)
	require.Len(t, nodes, 2)
	tip := ties[0].head[0]
	b := nodes[nearest(nodes, tip)]
	assert.InDelta(t, b.r+tipGap, tip.dist(b.c), 0.05, "the tip is just outside the receiver's outline")
	assert.InDelta(t, arrowLength(ties[0].width), tip.dist(ties[0].line[len(ties[0].line)-1].p3), 0.05)
	assert.InDelta(t, 2*arrowHalfWidth(ties[0].width), ties[0].head[1].dist(ties[0].head[2]), 0.05)
	assert.Equal(t, "a → b: 1 exchange", ties[0].title)
	assert.Less(t, math.Abs(ties[0].line[0].p0.dist(nodes[0].c)-(nodes[0].r+tipGap)), 0.05, "the line starts just outside the giver")
}

func TestSpread(t *testing.T) {
	tests := []struct {
		name       string
		want, hold []float64
		gaps       []float64
		lo, hi     float64
		expect     []float64
	}{
		{"room to spare", []float64{10, 50, 90}, []float64{1, 1, 1}, []float64{20, 20}, 0, 180, []float64{10, 50, 90}},
		{"two too close part evenly", []float64{40, 50}, []float64{1, 1}, []float64{30}, 0, 180, []float64{30, 60}},
		{"the stronger hold moves less", []float64{40, 50}, []float64{3, 1}, []float64{30}, 0, 180, []float64{35, 65}},
		{"a crowd parts about its middle", []float64{89, 90, 91}, []float64{1, 1, 1}, []float64{20, 20}, 0, 180, []float64{70, 90, 110}},
		{"pushed off the end of the arc", []float64{0, 5}, []float64{1, 1}, []float64{30}, 0, 180, []float64{0, 30}},
		{"exactly filling the arc", []float64{50, 60, 70}, []float64{1, 1, 1}, []float64{45, 45}, 0, 90, []float64{0, 45, 90}},
		{"one end", []float64{200}, []float64{1}, nil, 0, 180, []float64{180}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spread(tt.want, tt.hold, tt.gaps, tt.lo, tt.hi)
			require.Len(t, got, len(tt.expect))
			for i := range got {
				assert.InDelta(t, tt.expect[i], got[i], 1e-9, "position %d of %v", i, got)
			}
		})
	}
}

// TestSpreadKeepsItsPromises checks, for random crowds, that the ends keep
// their order and gaps inside the arc, and that none moves when none need.
func TestSpreadKeepsItsPromises(t *testing.T) {
	g := lcg(3)
	for run := range 500 {
		n := 1 + g.next(12)
		want, hold, gaps := make([]float64, n), make([]float64, n), make([]float64, n-1)
		at, need := float64(g.next(40)), 0.0
		for i := range want {
			want[i], hold[i] = at, float64(1+g.next(4))
			at += float64(g.next(30))
			if i < n-1 {
				gaps[i] = float64(1 + g.next(20))
				need += gaps[i]
			}
		}
		lo, hi := 0.0, math.Max(need, 200)
		got := spread(want, hold, gaps, lo, hi)
		free := true
		for i := range got {
			assert.GreaterOrEqual(t, got[i], lo-1e-9, "run %d", run)
			assert.LessOrEqual(t, got[i], hi+1e-9, "run %d", run)
			if i > 0 {
				assert.GreaterOrEqual(t, got[i]-got[i-1], gaps[i-1]-1e-9, "run %d: gap %d", run, i)
				free = free && want[i]-want[i-1] >= gaps[i-1]
			}
			free = free && want[i] <= hi
		}
		if free {
			assert.InDeltaSlice(t, want, got, 1e-9, "run %d: nothing needed to move", run)
		}
	}
}
