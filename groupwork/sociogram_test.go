package groupwork

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

const (
	goldenSociogramSVG = "testdata/sociogram.golden.svg"
	goldenSociogramDOT = "testdata/sociogram.golden.dot"
)

// sociogramClub is a club in mid-season whose ledger shows every kind of
// tie: help returned and help that flows one way, ties of one and of
// several kinds, the worker helping and being helped, a member who left,
// and a newcomer no one has helped yet.
func sociogramClub(t testing.TB) *Group {
	t.Helper()
	g, err := NewGroup(worker, clubSpec(), testOptions(1))
	require.NoError(t, err)
	ids := people(8)
	who := map[string]relationship.PartyID{"Jane": worker.ID()}
	for i, name := range []string{"Rosa Bianchi", "Hannah Levin", "Maria Kowalska", "Sadie Cohen",
		"Anna Novak", "Bridget Walsh", "Giulia Russo"} {
		require.NoError(t, g.Join(ids[i], name, Profile{}))
		who[strings.Fields(name)[0]] = ids[i]
	}
	m, err := g.ConveneMeeting(worker.ID(), t0.AddDate(0, 0, 7), "the club room")
	require.NoError(t, err)
	give := func(from, to string, kind relationship.SupportKind, times int) {
		for range times {
			_, err := g.GiveAid(who[from], Aid{To: who[to], Support: support(kind, "help"), Process: MutualSupport, Meeting: m})
			require.NoError(t, err)
		}
	}
	give("Rosa", "Maria", relationship.Informational, 3)
	give("Rosa", "Maria", relationship.Emotional, 1)
	give("Maria", "Rosa", relationship.Emotional, 1)
	give("Hannah", "Rosa", relationship.Material, 2)
	give("Rosa", "Hannah", relationship.Informational, 1)
	give("Anna", "Sadie", relationship.Material, 1)
	give("Sadie", "Anna", relationship.Companionship, 2)
	give("Bridget", "Maria", relationship.Emotional, 2)
	give("Bridget", "Hannah", relationship.Appraisal, 1)
	give("Jane", "Bridget", relationship.Informational, 1)
	give("Hannah", "Jane", relationship.Material, 1)
	give("Maria", "Anna", relationship.Companionship, 1)
	require.NoError(t, g.Leave(who["Sadie"], LeftWorkOrSchool, "the evening shift"))
	return g
}

// svgElement is an element of a parsed SVG document.
type svgElement struct {
	XMLName  xml.Name
	Attrs    []xml.Attr   `xml:",any,attr"`
	Text     string       `xml:",chardata"`
	Children []svgElement `xml:",any"`
}

func (e svgElement) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// find returns every element below e, e included, for which keep is true.
func (e svgElement) find(keep func(svgElement) bool) []svgElement {
	var out []svgElement
	if keep(e) {
		out = append(out, e)
	}
	for _, c := range e.Children {
		out = append(out, c.find(keep)...)
	}
	return out
}

// child returns the text of e's first child element with the given name.
func (e svgElement) child(name string) string {
	for _, c := range e.Children {
		if c.XMLName.Local == name {
			return c.Text
		}
	}
	return ""
}

// texts returns the text of every <text> element below e.
func (e svgElement) texts() []string {
	var out []string
	for _, t := range e.find(func(c svgElement) bool { return c.XMLName.Local == "text" }) {
		out = append(out, t.Text)
	}
	return out
}

func parseSVG(t *testing.T, b []byte) svgElement {
	t.Helper()
	var root svgElement
	require.NoError(t, xml.Unmarshal(b, &root))
	require.Equal(t, "svg", root.XMLName.Local)
	return root
}

// golden compares got with the golden file at path, rewriting it first
// under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), string(got), "run go test -update if the change is intended, and look at the picture")
}

func TestSociogramGolden(t *testing.T) {
	g := sociogramClub(t)
	var s, d bytes.Buffer
	require.NoError(t, g.WriteSociogramSVG(&s, nil))
	require.NoError(t, g.WriteSociogramDOT(&d, nil))
	golden(t, goldenSociogramSVG, s.Bytes())
	golden(t, goldenSociogramDOT, d.Bytes())
}

// tieTitle reads an edge's tooltip: "Rosa Bianchi → Maria Kowalska: 4
// exchanges (informational 3, emotional 1); mutual".
var tieTitle = regexp.MustCompile(`^(.+) → (.+): (\d+) exchanges? \((.+)\)(; mutual)?$`)

// wantBreakdown returns the tooltip's breakdown of the exchanges from giver
// to receiver in the ledger, by kind in the order of the kinds.
func wantBreakdown(g *Group, giver, receiver relationship.PartyID) string {
	var byKind [relationship.NumSupportKinds + 1]int
	for x := range g.Ledger().All() {
		if x.Giver() == giver && x.Receiver() == receiver {
			byKind[x.Support().Kind()]++
		}
	}
	var parts []string
	for k := range relationship.SupportKinds() {
		if byKind[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, byKind[k]))
		}
	}
	return strings.Join(parts, ", ")
}

func TestSociogramSVGShowsTheGroup(t *testing.T) {
	g := sociogramClub(t)
	var b bytes.Buffer
	require.NoError(t, g.WriteSociogramSVG(&b, nil))
	root := parseSVG(t, b.Bytes())
	assert.Equal(t, g.Name()+": who helps whom", root.child("title"))

	// Every party is a node, in order, with its name and its class.
	nodes := root.find(func(e svgElement) bool {
		return e.XMLName.Local == "g" && strings.HasPrefix(e.attr("class"), "node ")
	})
	byName := map[string]relationship.PartyID{}
	var want []string
	for p := range g.Parties() {
		byName[p.Name()] = p.ID()
		want = append(want, p.Name())
	}
	require.Len(t, nodes, len(want))
	for i, n := range nodes {
		t.Run(want[i], func(t *testing.T) {
			id := byName[want[i]]
			class := "node member"
			switch m, _ := g.Member(id); {
			case id == worker.ID():
				class = "node facilitator"
			case !m.IsCurrent():
				class = "node member former"
			}
			assert.Equal(t, class, n.attr("class"))
			assert.Contains(t, n.texts(), want[i], "the label is the name the group knows")
			sum, _ := g.Ledger().Party(id)
			role := strings.TrimPrefix(class, "node ")
			if role == "member former" {
				role = "former member"
			}
			assert.Equal(t, fmt.Sprintf("%s (%s): gave %d, received %d", want[i], role, sum.Given.Total(), sum.Received.Total()), n.child("title"))
		})
	}

	// Every edge is an ordered pair of the ledger, with its weight and
	// kinds; every pair of the ledger is an edge.
	ties := root.find(func(e svgElement) bool {
		return e.XMLName.Local == "path" && strings.HasPrefix(e.attr("class"), "tie ")
	})
	total := 0
	seen := map[[2]relationship.PartyID]bool{}
	for _, tie := range ties {
		m := tieTitle.FindStringSubmatch(tie.child("title"))
		require.NotNil(t, m, "tie title %q", tie.child("title"))
		from, to := byName[m[1]], byName[m[2]]
		weight, err := strconv.Atoi(m[3])
		require.NoError(t, err)
		assert.Equal(t, g.Ledger().Between(from, to), weight, "%s → %s", m[1], m[2])
		assert.Equal(t, wantBreakdown(g, from, to), m[4], "%s → %s", m[1], m[2])
		mutual := g.Ledger().Between(to, from) > 0
		assert.Equal(t, mutual, m[5] != "", "%s → %s is mutual", m[1], m[2])
		assert.Equal(t, map[bool]string{true: "tie mutual", false: "tie one-way"}[mutual], tie.attr("class"))
		assert.False(t, seen[[2]relationship.PartyID{from, to}], "one edge per pair")
		seen[[2]relationship.PartyID{from, to}] = true
		total += weight
	}
	assert.Equal(t, g.Ledger().Len(), total, "every exchange is drawn")
	for x := range g.Ledger().All() {
		assert.True(t, seen[[2]relationship.PartyID{x.Giver(), x.Receiver()}], "the ledger's tie %s → %s is drawn", x.Giver(), x.Receiver())
	}

	legend := root.find(func(e svgElement) bool { return e.XMLName.Local == "g" && e.attr("class") == "legend" })
	require.Len(t, legend, 1)
	for _, entry := range []string{"member", "facilitator", "former member", "mutual: help both ways", "one way"} {
		assert.Contains(t, legend[0].texts(), entry)
	}
}

// dotNode reads a node line of the DOT output: its identifier and label.
var dotNode = regexp.MustCompile(`(?m)^\t"([0-9a-f-]{36})" \[label="([^"]*)"`)

// dotEdge reads an edge line of the DOT output: the ends and the weight.
var dotEdge = regexp.MustCompile(`(?m)^\t"([0-9a-f-]{36})" -> "([0-9a-f-]{36})" \[.*weight=(\d+),`)

func TestSociogramDOTShowsTheGroup(t *testing.T) {
	g := sociogramClub(t)
	var b bytes.Buffer
	require.NoError(t, g.WriteSociogramDOT(&b, &SociogramOptions{Title: "Who helps whom, October 1910"}))
	out := b.String()
	assert.True(t, strings.HasPrefix(out, "digraph "))
	assert.Contains(t, out, `label="Who helps whom, October 1910"`)

	var nodes []string
	for _, m := range dotNode.FindAllStringSubmatch(out, -1) {
		nodes = append(nodes, m[1]+" "+m[2])
	}
	var want []string
	for p := range g.Parties() {
		want = append(want, p.ID().String()+" "+p.Name())
	}
	assert.Equal(t, want, nodes, "every party, in order, labelled by name")

	edges := dotEdge.FindAllStringSubmatch(out, -1)
	total := 0
	for _, m := range edges {
		from, to := relationship.MustParsePartyID(m[1]), relationship.MustParsePartyID(m[2])
		weight, err := strconv.Atoi(m[3])
		require.NoError(t, err)
		assert.Equal(t, g.Ledger().Between(from, to), weight)
		total += weight
	}
	assert.Equal(t, g.Ledger().Len(), total, "every exchange is an edge's weight")
	assert.Regexp(t, `(?m)^\t"[^"]+" \[label="Sadie Cohen".*style="filled,dashed"`, out, "the former member is dashed")
	assert.Regexp(t, `(?m)^\t"[^"]+" \[label="Jane Addams".*shape="box"`, out, "the facilitator is a box")
}

func TestSociogramFormerMembers(t *testing.T) {
	tests := []struct {
		name   string
		act    func(t *testing.T, g *Group, members []relationship.PartyID)
		former []bool // by member, in join order
	}{
		{"all current", func(*testing.T, *Group, []relationship.PartyID) {}, []bool{false, false, false}},
		{"one left", func(t *testing.T, g *Group, ms []relationship.PartyID) {
			require.NoError(t, g.Leave(ms[1], LeftMoved, ""))
		}, []bool{false, true, false}},
		{"one left and came back", func(t *testing.T, g *Group, ms []relationship.PartyID) {
			require.NoError(t, g.Leave(ms[1], LeftMoved, ""))
			require.NoError(t, g.Join(ms[1], names[1], Profile{}))
		}, []bool{false, false, false}},
		{"the group ended after one left", func(t *testing.T, g *Group, ms []relationship.PartyID) {
			require.NoError(t, g.Leave(ms[2], LeftIllness, ""))
			require.NoError(t, g.RecordStage(worker.ID(), Separation, "farewells"))
			require.NoError(t, g.EndGroup(worker.ID(), "the season is over"))
		}, []bool{false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, clubSpec(), 3)
			tt.act(t, f.g, f.members)
			s, err := f.g.sociogram(nil)
			require.NoError(t, err)
			require.Len(t, s.Nodes, 4)
			assert.Equal(t, worker.ID().String(), s.Nodes[0].ID, "the facilitator comes first")
			var former []bool
			for i, n := range s.Nodes[1:] {
				assert.Equal(t, f.members[i].String(), n.ID, "members in join order")
				former = append(former, n.Former)
			}
			assert.Equal(t, tt.former, former)
		})
	}
}

func TestSociogramTitle(t *testing.T) {
	g := sociogramClub(t)
	tests := []struct {
		name string
		opts *SociogramOptions
		want string
	}{
		{"nil options", nil, "Halsted Street Girls' Club: who helps whom"},
		{"blank title", &SociogramOptions{Title: "  "}, "Halsted Street Girls' Club: who helps whom"},
		{"own title", &SociogramOptions{Title: "The club in its first month"}, "The club in its first month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, g.WriteSociogramSVG(&b, tt.opts))
			root := parseSVG(t, b.Bytes())
			assert.Equal(t, tt.want, root.child("title"))
			assert.Contains(t, root.texts(), tt.want, "the title is visible")
		})
	}
	t.Run("ended group", func(t *testing.T) {
		require.NoError(t, g.RecordStage(worker.ID(), Separation, "farewells"))
		require.NoError(t, g.EndGroup(worker.ID(), "the season is over"))
		var b bytes.Buffer
		require.NoError(t, g.WriteSociogramDOT(&b, nil))
		assert.Contains(t, b.String(), `label="Halsted Street Girls' Club: who helped whom"`)
	})
}

func TestSociogramOfANewGroup(t *testing.T) {
	g, err := NewGroup(worker, clubSpec(), testOptions(1))
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, g.WriteSociogramSVG(&b, nil))
	root := parseSVG(t, b.Bytes())
	assert.Contains(t, root.texts(), worker.Name(), "the facilitator alone")
	assert.Equal(t, "1 person: 0 members, 1 facilitator; 0 ties, 0 of them in mutual pairs; 0 exchanges in all.", root.child("desc"))
	b.Reset()
	require.NoError(t, g.WriteSociogramDOT(&b, nil))
	assert.Contains(t, b.String(), worker.ID().String())
}

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestSociogramErrors(t *testing.T) {
	g := sociogramClub(t)
	tests := []struct {
		name  string
		write func(g *Group) error
		want  error
	}{
		{"svg to a failing writer", func(g *Group) error { return g.WriteSociogramSVG(failingWriter{}, nil) }, os.ErrClosed},
		{"dot to a failing writer", func(g *Group) error { return g.WriteSociogramDOT(failingWriter{}, nil) }, os.ErrClosed},
		{"svg of the zero group", func(*Group) error { return new(Group).WriteSociogramSVG(new(bytes.Buffer), nil) }, relationship.ErrNoRecord},
		{"dot of the zero group", func(*Group) error { return new(Group).WriteSociogramDOT(new(bytes.Buffer), nil) }, relationship.ErrNoRecord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.write(g)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "groupwork: "), "%v", err)
		})
	}
	var b bytes.Buffer
	err := new(Group).WriteSociogramSVG(&b, nil)
	assert.True(t, errors.Is(err, relationship.ErrNoRecord))
	assert.Zero(t, b.Len(), "nothing written")
}

// TestSociogramIsDeterministic draws the same group twice, and a replay of
// it: the bytes are the same.
func TestSociogramIsDeterministic(t *testing.T) {
	g := sociogramClub(t)
	r, err := Replay(g.Record(), nil)
	require.NoError(t, err)
	for _, write := range []func(*Group, *bytes.Buffer) error{
		func(g *Group, b *bytes.Buffer) error { return g.WriteSociogramSVG(b, nil) },
		func(g *Group, b *bytes.Buffer) error { return g.WriteSociogramDOT(b, nil) },
	} {
		var a, b, c bytes.Buffer
		require.NoError(t, write(g, &a))
		require.NoError(t, write(g, &b))
		require.NoError(t, write(r, &c))
		assert.Equal(t, a.String(), b.String())
		assert.Equal(t, a.String(), c.String(), "a replayed group draws the same picture")
	}
}
