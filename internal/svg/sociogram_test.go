package svg

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func renderSociogram(t *testing.T, s Sociogram) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, s.WriteSVG(&buf))
	return buf.Bytes()
}

func TestSociogramGolden(t *testing.T) {
	for _, n := range []int{2, 8, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			golden(t, fmt.Sprintf("sociogram-%d.svg", n), renderSociogram(t, sampleSociogram(n)))
		})
	}
}

func TestSociogramGeometry(t *testing.T) {
	for n := 1; n <= 40; n++ {
		t.Run(fmt.Sprintf("%d nodes", n), func(t *testing.T) {
			doc := renderSociogram(t, sampleSociogram(n))
			d := checkPicture(t, doc)
			assert.Len(t, d.circles, n+len(legendKinds(sampleSociogram(n))), "one circle per node and legend kind")
			checkTies(t, doc)
		})
	}
}

// legendKinds returns the node kinds the legend shows for s.
func legendKinds(s Sociogram) []string {
	kinds := []string{"member"}
	var fac, former bool
	for _, n := range s.Nodes {
		fac = fac || n.Kind == Facilitator
		former = former || n.Former
	}
	if fac {
		kinds = append(kinds, "facilitator")
	}
	if former {
		kinds = append(kinds, "former")
	}
	return kinds
}

func TestSociogramShapes(t *testing.T) {
	long := strings.Repeat("Maximilian ", 6)
	tests := []struct {
		name string
		s    Sociogram
	}{
		{"one node", Sociogram{Title: "Alone", Nodes: []Node{{ID: "a"}}}},
		{"no edges", Sociogram{Title: "Strangers", Nodes: nodes(6, 0)}},
		{"only facilitators", Sociogram{Title: "Staff", Nodes: []Node{{ID: "f", Kind: Facilitator}, {ID: "g", Kind: Facilitator}}}},
		{"three facilitators of 30", Sociogram{Title: "Big group", Nodes: nodes(30, 3), Edges: ring(30, 1)}},
		{"all long labels", Sociogram{Title: "Long names", Nodes: labelled(nodes(24, 1), long), Edges: ring(24, 3)}},
		{"wide characters", Sociogram{Title: "漢字の名前", Nodes: labelled(nodes(12, 0), "山田太郎山田太郎山田太郎"), Edges: ring(12, 2)}},
		{"all former", Sociogram{Title: "Closed group", Nodes: former(nodes(9, 1)), Edges: ring(9, 1)}},
		{"long title", Sociogram{Title: strings.Repeat("A very long title that must wrap ", 5), Nodes: nodes(3, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := renderSociogram(t, tt.s)
			checkPicture(t, doc)
			checkTies(t, doc)
		})
	}
}

// nodes returns n nodes, the first f of them facilitators.
func nodes(n, f int) []Node {
	out := make([]Node, n)
	for i := range out {
		out[i] = Node{ID: fmt.Sprintf("n%d", i), Label: sampleNames[i%len(sampleNames)]}
		if i < f {
			out[i].Kind = Facilitator
		}
	}
	return out
}

// labelled gives every node the label text.
func labelled(ns []Node, text string) []Node {
	for i := range ns {
		ns[i].Label = fmt.Sprint(text, i)
	}
	return ns
}

// former marks every node as former.
func former(ns []Node) []Node {
	for i := range ns {
		ns[i].Former = true
	}
	return ns
}

// ring returns edges from each of n nodes to the next k, so neighbours are
// tied both ways where k > 1.
func ring(n, k int) []Edge {
	var es []Edge
	for i := range n {
		for j := 1; j <= k; j++ {
			to := (i + j) % n
			if to != i {
				es = append(es, Edge{From: fmt.Sprintf("n%d", i), To: fmt.Sprintf("n%d", to), Weight: 1 + (i*j)%7})
			}
		}
	}
	for i := range n {
		if k > 1 {
			es = append(es, Edge{From: fmt.Sprintf("n%d", (i+1)%n), To: fmt.Sprintf("n%d", i), Weight: 2})
		}
	}
	return dedupe(es)
}

func dedupe(es []Edge) []Edge {
	seen := map[[2]string]bool{}
	var out []Edge
	for _, e := range es {
		if !seen[[2]string{e.From, e.To}] {
			seen[[2]string{e.From, e.To}] = true
			out = append(out, e)
		}
	}
	return out
}

func TestSociogramTooltips(t *testing.T) {
	s := sampleSociogram(12)
	doc := string(renderSociogram(t, s))
	for _, want := range []string{
		"<title>Bartholomew Fitzgerald-Montgomery (member): gave", // the full name survives truncation
		">Bartholomew Fitzg…</text>",                              // the drawn label is cut with an ellipsis
		">Gus &amp; Mo</text>",
		">Ida &lt;Ivy&gt;</text>",
		"(emotional ", // the breakdown is in the edge tooltip
		`class="node facilitator"`,
		`class="node member former"`,
	} {
		assert.True(t, strings.Contains(doc, want), "the SVG has %s", want)
	}
}

func TestSociogramDeterministic(t *testing.T) {
	s := sampleSociogram(40)
	first := renderSociogram(t, s)
	for range 3 {
		assert.Equal(t, first, renderSociogram(t, s))
	}
	shuffled := s
	shuffled.Edges = append([]Edge(nil), s.Edges...)
	for i, j := 0, len(shuffled.Edges)-1; i < j; i, j = i+1, j-1 {
		shuffled.Edges[i], shuffled.Edges[j] = shuffled.Edges[j], shuffled.Edges[i]
	}
	assert.Equal(t, first, renderSociogram(t, shuffled), "the order of edges does not matter")
}

func TestSociogramErrors(t *testing.T) {
	base := func() Sociogram {
		return Sociogram{Title: "T", Nodes: []Node{{ID: "a"}, {ID: "b"}}, Edges: []Edge{{From: "a", To: "b", Weight: 1}}}
	}
	tests := []struct {
		name   string
		change func(*Sociogram)
		want   error
		field  string
	}{
		{"empty title", func(s *Sociogram) { s.Title = " " }, ErrMissing, "Title"},
		{"no nodes", func(s *Sociogram) { s.Nodes, s.Edges = nil, nil }, ErrMissing, "Nodes"},
		{"empty ID", func(s *Sociogram) { s.Nodes = append(s.Nodes, Node{}) }, ErrMissing, "Nodes[2].ID"},
		{"duplicate ID", func(s *Sociogram) { s.Nodes = append(s.Nodes, Node{ID: "a"}) }, ErrDuplicate, "Nodes[2].ID"},
		{"bad kind", func(s *Sociogram) { s.Nodes[0].Kind = 9 }, ErrOutOfRange, "Nodes[0].Kind"},
		{"unknown giver", func(s *Sociogram) { s.Edges[0].From = "zed" }, ErrUnknownNode, "Edges[0].From"},
		{"unknown receiver", func(s *Sociogram) { s.Edges[0].To = "zed" }, ErrUnknownNode, "Edges[0].To"},
		{"self tie", func(s *Sociogram) { s.Edges[0].To = "a" }, ErrSelfTie, "Edges[0].To"},
		{"negative weight", func(s *Sociogram) { s.Edges[0].Weight = -3 }, ErrOutOfRange, "Edges[0].Weight"},
		{"zero weight", func(s *Sociogram) { s.Edges[0].Weight = 0 }, ErrOutOfRange, "Edges[0].Weight"},
		{"duplicate edge", func(s *Sociogram) { s.Edges = append(s.Edges, s.Edges[0]) }, ErrDuplicate, "Edges[1]"},
		{"negative count", func(s *Sociogram) { s.Edges[0].Breakdown = []Count{{"emotional", 2}, {"material", -1}} }, ErrOutOfRange, "Edges[0].Breakdown[1].N"},
		{"counts do not add up", func(s *Sociogram) { s.Edges[0].Breakdown = []Count{{"emotional", 2}} }, ErrOutOfRange, "Edges[0].Breakdown"},
		{"unlabelled count", func(s *Sociogram) { s.Edges[0].Breakdown = []Count{{"", 1}} }, ErrMissing, "Edges[0].Breakdown[0].Label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			tt.change(&s)
			var buf bytes.Buffer
			err := s.WriteSVG(&buf)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tt.field, ie.Field)
			assert.Equal(t, "sociogram", ie.Picture)
			assert.True(t, strings.HasPrefix(err.Error(), "svg: "), err.Error())
			assert.Zero(t, buf.Len(), "nothing is written on error")
			buf.Reset()
			assert.ErrorIs(t, s.WriteDOT(&buf), tt.want)
			assert.Zero(t, buf.Len(), "nothing is written on error")
		})
	}
}

func TestSociogramReportsEveryProblem(t *testing.T) {
	s := Sociogram{Nodes: []Node{{ID: "a"}}, Edges: []Edge{{From: "a", To: "x", Weight: -1}}}
	err := s.Validate()
	for _, want := range []error{ErrMissing, ErrUnknownNode, ErrOutOfRange} {
		assert.ErrorIs(t, err, want)
	}
	assert.Len(t, strings.Split(err.Error(), "\n"), 3)
	assert.False(t, errors.Is(err, ErrDuplicate))
}

func TestNodeKindString(t *testing.T) {
	assert.Equal(t, "member", Member.String())
	assert.Equal(t, "facilitator", Facilitator.String())
	assert.Equal(t, "NodeKind(7)", NodeKind(7).String())
}

// randomSociogram returns a group of n with labels of random length and
// script, up to three facilitators and random ties.
func randomSociogram(seed uint64, n int) Sociogram {
	g := lcg(seed)
	s := Sociogram{Title: fmt.Sprintf("Random group %d", seed)}
	words := []string{"Ana", "Wilhelmina", "MMMMWWWW", "李小龍", "Zoë", "o", "Bartholomew-Fitzgerald", "Jo Ng"}
	for i := range n {
		label := ""
		for range 1 + g.next(3) {
			label += words[g.next(len(words))] + " "
		}
		node := Node{ID: fmt.Sprint(i), Label: label, Former: g.next(6) == 0}
		if g.next(8) == 0 {
			node.Kind = Facilitator
		}
		s.Nodes = append(s.Nodes, node)
	}
	for range 3 * n {
		a, b := g.next(n), g.next(n)
		if a != b {
			s.Edges = append(s.Edges, Edge{From: fmt.Sprint(a), To: fmt.Sprint(b), Weight: 1 + g.next(20)})
		}
	}
	s.Edges = dedupe(s.Edges)
	return s
}

func TestSociogramRandom(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		n := 2 + int(seed*7)%39
		t.Run(fmt.Sprintf("seed %d, %d nodes", seed, n), func(t *testing.T) {
			doc := renderSociogram(t, randomSociogram(seed, n))
			checkPicture(t, doc)
			checkTies(t, doc)
		})
	}
}

func BenchmarkSociogram40(b *testing.B) {
	s := sampleSociogram(40)
	var buf bytes.Buffer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := s.WriteSVG(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
