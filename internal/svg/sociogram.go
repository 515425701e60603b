package svg

import (
	"fmt"
	"io"
	"strings"
)

// Sociogram is a picture of who helps whom in a group (Moreno's sociogram,
// drawn as a directed graph of support exchanges). Fill it from plain data
// and call [Sociogram.WriteSVG] or [Sociogram.WriteDOT]. The zero value is
// not drawable: it needs a title and at least one node.
//
// Members sit on a circle in the order of Nodes, clockwise; facilitators sit
// together on the left of the circle, apart from the members by an empty
// gap and drawn in their own colour and outline. Each edge is an arrow from
// giver to receiver whose width grows with the number of exchanges; a
// mutual tie (help both ways) is drawn as a pair of solid blue curves, a
// one-way tie as a dashed vermillion line, so that the one-way flow of
// casework and the reciprocity of group work look different at a glance.
type Sociogram struct {
	// Title heads the picture and names it for screen readers. Required.
	Title string
	// Description is read by screen readers (<desc>); empty means a summary
	// generated from the graph, such as "8 people: 7 members, 1
	// facilitator; 12 ties, 4 of them mutual; 31 exchanges in all."
	Description string
	// Nodes are the people, in the order they take around the circle.
	// At least one is required.
	Nodes []Node
	// Edges are the ties between them, one per ordered pair at most. Their
	// order does not matter: they are drawn thickest first.
	Edges []Edge
}

// Node is one person in a [Sociogram].
type Node struct {
	// ID identifies the node in Edges and is its ID in DOT output. Required
	// and unique.
	ID string
	// Label is the name shown beside the node; empty means the ID. White
	// space runs become single spaces; a label wider than about ten ems is
	// cut with an ellipsis, and the full label is kept in a tooltip.
	Label string
	// Kind says whether the person is a member or a facilitator; the zero
	// value is [Member].
	Kind NodeKind
	// Former marks someone who has left the group: drawn muted (grey,
	// dashed outline) and explained in the legend.
	Former bool
}

// NodeKind is the place of a person in the group.
type NodeKind uint8

// The node kinds. Member is the zero value, so a plain [Node] is a member.
const (
	// Member is a member of the group: one who gives and receives help.
	Member NodeKind = iota
	// Facilitator is the group worker, who enables the members' mutual aid
	// (Schwartz's mediating function) rather than being its centre.
	Facilitator
)

// String returns "member" or "facilitator".
func (k NodeKind) String() string {
	switch k {
	case Member:
		return "member"
	case Facilitator:
		return "facilitator"
	}
	return fmt.Sprintf("NodeKind(%d)", uint8(k))
}

// Edge is a directed tie: From gave help to To, Weight times.
type Edge struct {
	// From is the ID of the giver. Required.
	From string
	// To is the ID of the receiver; it must differ from From. Required.
	To string
	// Weight is the number of exchanges, at least one; it sets the width of
	// the line.
	Weight int
	// Breakdown optionally splits Weight by kind of help, such as
	// {"emotional", 3}, {"material", 2}; it is shown in the edge's tooltip
	// in the order given. When present, its counts must add up to Weight.
	Breakdown []Count
}

// Count is a number of exchanges of one kind.
type Count struct {
	Label string // the kind of help, such as "emotional". Required.
	N     int    // how many exchanges, zero or more
}

// WriteSVG draws the sociogram as an SVG document and writes it to w. Bad
// input returns the errors of [Sociogram.Validate] and writes nothing.
func (s Sociogram) WriteSVG(w io.Writer) error {
	if err := s.Validate(); err != nil {
		return err
	}
	_, err := s.layout().render(s).WriteTo(w)
	return err
}

// Validate reports every problem that stops the sociogram being drawn, each
// an [*InputError] wrapping [ErrMissing], [ErrDuplicate], [ErrUnknownNode],
// [ErrSelfTie] or [ErrOutOfRange]; several are joined with [errors.Join].
func (s Sociogram) Validate() error {
	p := &problems{picture: "sociogram"}
	if strings.TrimSpace(s.Title) == "" {
		p.add("Title", s.Title, ErrMissing, "a title is required")
	}
	if len(s.Nodes) == 0 {
		p.add("Nodes", len(s.Nodes), ErrMissing, "at least one node is required")
	}
	index := s.validateNodes(p)
	s.validateEdges(p, index)
	return p.err()
}

// validateNodes checks the nodes and returns the index of each ID.
func (s Sociogram) validateNodes(p *problems) map[string]int {
	index := make(map[string]int, len(s.Nodes))
	for i, n := range s.Nodes {
		field := fmt.Sprintf("Nodes[%d]", i)
		switch _, dup := index[n.ID]; {
		case strings.TrimSpace(n.ID) == "":
			p.add(field+".ID", n.ID, ErrMissing, "a node needs an ID")
		case dup:
			p.add(field+".ID", n.ID, ErrDuplicate, "another node has this ID")
		default:
			index[n.ID] = i
		}
		if n.Kind > Facilitator {
			p.add(field+".Kind", n.Kind, ErrOutOfRange, "not a node kind")
		}
	}
	return index
}

// validateEdges checks the edges against the node index.
func (s Sociogram) validateEdges(p *problems, index map[string]int) {
	seen := make(map[[2]string]bool, len(s.Edges))
	for i, e := range s.Edges {
		field := fmt.Sprintf("Edges[%d]", i)
		for _, end := range []struct{ name, id string }{{".From", e.From}, {".To", e.To}} {
			if _, ok := index[end.id]; !ok {
				p.add(field+end.name, end.id, ErrUnknownNode, "no node has this ID")
			}
		}
		if e.From == e.To {
			p.add(field+".To", e.To, ErrSelfTie, "giver and receiver are the same node")
		}
		if seen[[2]string{e.From, e.To}] {
			p.add(field, e.From+" -> "+e.To, ErrDuplicate, "another edge joins the same pair in the same direction")
		}
		seen[[2]string{e.From, e.To}] = true
		if e.Weight < 1 {
			p.add(field+".Weight", e.Weight, ErrOutOfRange, "the number of exchanges must be at least 1")
		}
		validateBreakdown(p, field, e)
	}
}

// validateBreakdown checks an edge's per-kind counts.
func validateBreakdown(p *problems, field string, e Edge) {
	if len(e.Breakdown) == 0 {
		return
	}
	sum := 0
	for j, c := range e.Breakdown {
		f := fmt.Sprintf("%s.Breakdown[%d]", field, j)
		if strings.TrimSpace(c.Label) == "" {
			p.add(f+".Label", c.Label, ErrMissing, "a count needs a label")
		}
		if c.N < 0 {
			p.add(f+".N", c.N, ErrOutOfRange, "a count cannot be negative")
		}
		sum += c.N
	}
	if sum != e.Weight {
		p.add(field+".Breakdown", sum, ErrOutOfRange, fmt.Sprintf("the counts add up to %d, not to the weight %d", sum, e.Weight))
	}
}

// nodeLabel returns the one-line label of a node.
func nodeLabel(n Node) string {
	if l := oneLine(n.Label); l != "" {
		return l
	}
	return oneLine(n.ID)
}

// summary describes the graph in one sentence for screen readers.
func (s Sociogram) summary() string {
	if s.Description != "" {
		return s.Description
	}
	var members, facilitators, former, mutual, exchanges int
	for _, n := range s.Nodes {
		switch {
		case n.Kind == Facilitator:
			facilitators++
		default:
			members++
		}
		if n.Former {
			former++
		}
	}
	pairs := make(map[[2]string]bool, len(s.Edges))
	for _, e := range s.Edges {
		pairs[[2]string{e.From, e.To}] = true
		exchanges += e.Weight
	}
	for _, e := range s.Edges {
		if pairs[[2]string{e.To, e.From}] {
			mutual++
		}
	}
	text := plural(len(s.Nodes), "person", "people") + ": " + plural(members, "member", "members")
	if facilitators > 0 {
		text += ", " + plural(facilitators, "facilitator", "facilitators")
	}
	if former > 0 {
		text += fmt.Sprintf(" (%d no longer in the group)", former)
	}
	return text + fmt.Sprintf("; %s, %d of them in mutual pairs; %s in all.",
		plural(len(s.Edges), "tie", "ties"), mutual, plural(exchanges, "exchange", "exchanges"))
}

// plural returns "1 tie" or "3 ties".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
