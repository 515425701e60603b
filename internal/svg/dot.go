package svg

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteDOT writes the sociogram in the DOT language of Graphviz, for those
// who prefer its layouts (a circular one suits a group: dot -Kcirco). Node
// IDs are the IDs of the input; labels and tooltips are the full names.
// Members, facilitators and former members have their own styles, and an
// edge's penwidth grows with its weight as the line width does in
// [Sociogram.WriteSVG]. Bad input returns the errors of
// [Sociogram.Validate] and writes nothing.
func (s Sociogram) WriteDOT(w io.Writer) error {
	if err := s.Validate(); err != nil {
		return err
	}
	l := socioLayout{nodes: s.placeNodes()}
	l.weighEdges(s)
	slices.SortStableFunc(l.edges, func(a, b socioEdge) int {
		if a.from != b.from {
			return a.from - b.from
		}
		return a.to - b.to
	})
	var b strings.Builder
	b.WriteString("digraph \"sociogram\" {\n")
	fmt.Fprintf(&b, "\tgraph [label=%s, labelloc=\"t\", fontname=%s, fontsize=16, charset=\"UTF-8\"];\n",
		dotQuote(oneLine(s.Title)), dotQuote(string(SansSerif)))
	fmt.Fprintf(&b, "\tnode [shape=\"ellipse\", style=\"filled\", fillcolor=%s, color=%s, fontname=%s, fontsize=12];\n",
		dotQuote(colourSkyBlue), dotQuote(ink), dotQuote(string(SansSerif)))
	b.WriteString("\tedge [arrowsize=0.8];\n")
	for _, n := range l.nodes {
		fmt.Fprintf(&b, "\t%s [%s];\n", dotQuote(n.node.ID), dotNodeAttrs(n))
	}
	for _, e := range l.edges {
		fmt.Fprintf(&b, "\t%s -> %s [%s];\n", dotQuote(e.edge.From), dotQuote(e.edge.To), l.dotEdgeAttrs(e))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotNodeAttrs returns the attribute list of a node.
func dotNodeAttrs(n socioNode) string {
	attrs := []string{"label=" + dotQuote(n.full), "tooltip=" + dotQuote(nodeTooltip(n))}
	fill, stroke, _, _, text := nodeStyle(n.node)
	style := "filled"
	if n.node.Kind == Facilitator {
		attrs = append(attrs, `shape="box"`, "penwidth=3")
		style = "rounded,filled"
	}
	if n.node.Former {
		style += ",dashed"
		attrs = append(attrs, "color="+dotQuote(stroke), "fontcolor="+dotQuote(text))
	}
	if style != "filled" {
		attrs = append(attrs, "style="+dotQuote(style))
	}
	if fill != colourSkyBlue {
		attrs = append(attrs, "fillcolor="+dotQuote(fill))
	}
	return strings.Join(attrs, ", ")
}

// dotEdgeAttrs returns the attribute list of an edge.
func (l socioLayout) dotEdgeAttrs(e socioEdge) string {
	style := "solid"
	if !e.mutual {
		style = "dashed"
	}
	return fmt.Sprintf("penwidth=%s, color=%s, style=%s, weight=%d, tooltip=%s",
		FormatNumber(e.width), dotQuote(tieColour(e.mutual)), dotQuote(style), e.edge.Weight,
		dotQuote(l.edgeTooltip(e)))
}

// dotQuote returns s as a double-quoted DOT string. A double quote becomes
// \" and a backslash \\, so that Graphviz shows a label as written rather
// than reading escapes such as \N or \l in it; a line break becomes \n.
// Node IDs are quoted the same way: distinct IDs stay distinct.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return `"` + r.Replace(s) + `"`
}
