package groupwork

import (
	"fmt"
	"io"
	"strings"

	"github.com/helpingwork/helping/internal/svg"
	"github.com/helpingwork/helping/relationship"
)

// SociogramOptions tune the picture drawn by [Group.WriteSociogramSVG] and
// [Group.WriteSociogramDOT]. A nil *SociogramOptions means the defaults.
type SociogramOptions struct {
	// Title heads the picture and names it for screen readers. Blank means
	// the group's name and what the picture shows: "Hull House Girls' Club:
	// who helps whom", or "who helped whom" once the group has ended.
	Title string
}

// title returns the picture's title for the state s.
func (o *SociogramOptions) title(s *state) string {
	if o != nil && strings.TrimSpace(o.Title) != "" {
		return o.Title
	}
	if s.isEnded() {
		return s.name + ": who helped whom"
	}
	return s.name + ": who helps whom"
}

// WriteSociogramSVG draws the group's sociogram, the picture of who helps
// whom that Jacob Moreno drew for groups in the 1930s, as an SVG document
// and writes it to w.
//
// Everyone who has taken part is a node, labelled with the name the group
// knows them by: the facilitator first, set apart on the left in a colour
// and outline of their own, then the members clockwise around a circle in
// the order they first joined. A member who left before the group ended is
// drawn muted, as a former member; those still in the group when it ended
// are drawn as members, since the ending did not part them from it. A
// member no one has helped and who has helped no one stands alone: in
// sociometry, an isolate.
//
// Every ordered pair of parties between whom help has passed is an arrow
// from giver to receiver, as wide as the number of exchanges in the
// group's ledger; its tooltip gives the number of each kind of support
// ("Rosa → Maria: 3 exchanges (emotional 1, informational 2)"). Help that
// flows both ways is drawn as a pair of solid curves, help that flows one
// way as a dashed line, so that mutual aid and one-way helping look
// different at a glance. A legend explains the marks; the title names the
// group and the picture ("Hull House Girls' Club: who helps whom") unless
// [SociogramOptions.Title] says otherwise, and a description for screen
// readers sums up the graph.
//
// The layout is deterministic: the same group always gives the same bytes.
// The picture is a snapshot of one moment, drawn whole in memory before any
// of it is written.
//
// Errors: [relationship.ErrNoRecord] for the zero Group, which has never been formed;
// an error from w, wrapped.
func (g *Group) WriteSociogramSVG(w io.Writer, opts *SociogramOptions) error {
	if g == nil {
		return relationship.Nil("group")
	}
	if w == nil {
		return relationship.Nil("writer")
	}
	s, err := g.sociogram(opts)
	if err != nil {
		return err
	}
	if err := s.WriteSVG(w); err != nil {
		return fmt.Errorf("groupwork: sociogram: %w", err)
	}
	return nil
}

// WriteSociogramDOT writes the group's sociogram, the same graph that
// [Group.WriteSociogramSVG] draws, in the DOT language of Graphviz, for
// those who prefer its layouts (a circular one suits a group: dot -Kcirco).
// Each node's identifier is the party's [relationship.PartyID] and its
// label the name the group knows them by; the facilitator is a box, former
// members are dashed, and each edge's pen width grows with the number of
// exchanges, with the kinds of support in its tooltip. Nodes come in the
// order of the SVG picture, edges in the order of their givers and then of
// their receivers.
//
// Errors: [relationship.ErrNoRecord] for the zero Group; an error from w, wrapped.
func (g *Group) WriteSociogramDOT(w io.Writer, opts *SociogramOptions) error {
	if g == nil {
		return relationship.Nil("group")
	}
	if w == nil {
		return relationship.Nil("writer")
	}
	s, err := g.sociogram(opts)
	if err != nil {
		return err
	}
	if err := s.WriteDOT(w); err != nil {
		return fmt.Errorf("groupwork: sociogram: %w", err)
	}
	return nil
}

// sociogram builds the plain picture of the group, for the SVG and DOT
// writers. The group's read lock is held while the ledger is walked, so the
// nodes and the edges describe the same moment: help enters the ledger only
// under the write lock.
func (g *Group) sociogram(opts *SociogramOptions) (svg.Sociogram, error) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if !g.st.formedYet() {
		return svg.Sociogram{}, fmt.Errorf("groupwork: the group was never formed, so there is no sociogram to draw: %w", relationship.ErrNoRecord)
	}
	s := svg.Sociogram{Title: opts.title(&g.st), Nodes: make([]svg.Node, 0, len(g.st.members)+1)}
	s.Nodes = append(s.Nodes, svg.Node{ID: g.st.facilitator.ID().String(), Label: g.st.facilitator.Name(), Kind: svg.Facilitator})
	for i := range g.st.members {
		m := &g.st.members[i]
		s.Nodes = append(s.Nodes, svg.Node{ID: m.party.ID().String(), Label: m.party.Name(), Former: m.former()})
	}
	s.Edges = sociogramEdges(g.ledger)
	return s, nil
}

// former reports whether the member left the group before it ended: one
// whose membership ended with the group is not a former member of it.
func (m *memberState) former() bool {
	if m.current || len(m.periods) == 0 {
		return false
	}
	return m.periods[len(m.periods)-1].Reason != LeftGroupEnded
}

// tie counts the exchanges from one party to another, by kind of support.
type tie struct {
	from, to relationship.PartyID
	byKind   [relationship.NumSupportKinds + 1]int // indexed by kind; 0 unused
	total    int
}

// sociogramEdges walks the ledger once and returns one edge per ordered
// pair that exchanged help, in the order of each pair's first exchange,
// with its weight split by kind of support in the order of the kinds.
func sociogramEdges(l *relationship.Ledger) []svg.Edge {
	var ties []*tie
	index := map[[2]relationship.PartyID]*tie{}
	for x := range l.All() {
		key := [2]relationship.PartyID{x.Giver(), x.Receiver()}
		t, ok := index[key]
		if !ok {
			t = &tie{from: key[0], to: key[1]}
			index[key] = t
			ties = append(ties, t)
		}
		t.byKind[x.Support().Kind()]++
		t.total++
	}
	edges := make([]svg.Edge, len(ties))
	for i, t := range ties {
		e := svg.Edge{From: t.from.String(), To: t.to.String(), Weight: t.total}
		for k := range relationship.SupportKinds() {
			if n := t.byKind[k]; n > 0 {
				e.Breakdown = append(e.Breakdown, svg.Count{Label: k.String(), N: n})
			}
		}
		edges[i] = e
	}
	return edges
}
