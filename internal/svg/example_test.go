package svg_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/helpingwork/helping/internal/svg"
)

// A group of three where Ana and Ben help each other and the facilitator
// helps Ben, written for Graphviz.
func ExampleSociogram_WriteDOT() {
	s := svg.Sociogram{
		Title: "Tuesday club",
		Nodes: []svg.Node{
			{ID: "f", Label: "Jane", Kind: svg.Facilitator},
			{ID: "a", Label: "Ana"},
			{ID: "b", Label: "Ben"},
		},
		Edges: []svg.Edge{
			{From: "a", To: "b", Weight: 4, Breakdown: []svg.Count{{Label: "emotional", N: 3}, {Label: "material", N: 1}}},
			{From: "b", To: "a", Weight: 2},
			{From: "f", To: "b", Weight: 1},
		},
	}
	if err := s.WriteDOT(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// digraph "sociogram" {
	// 	graph [label="Tuesday club", labelloc="t", fontname="sans-serif", fontsize=16, charset="UTF-8"];
	// 	node [shape="ellipse", style="filled", fillcolor="#56B4E9", color="#1A1A1A", fontname="sans-serif", fontsize=12];
	// 	edge [arrowsize=0.8];
	// 	"f" [label="Jane", tooltip="Jane (facilitator): gave 1, received 0", shape="box", penwidth=3, style="rounded,filled", fillcolor="#E69F00"];
	// 	"a" [label="Ana", tooltip="Ana (member): gave 4, received 2"];
	// 	"b" [label="Ben", tooltip="Ben (member): gave 2, received 5"];
	// 	"f" -> "b" [penwidth=1.5, color="#D55E00", style="dashed", weight=1, tooltip="Jane → Ben: 1 exchange"];
	// 	"a" -> "b" [penwidth=6, color="#0072B2", style="solid", weight=4, tooltip="Ana → Ben: 4 exchanges (emotional 3, material 1); mutual"];
	// 	"b" -> "a" [penwidth=3, color="#0072B2", style="solid", weight=2, tooltip="Ben → Ana: 2 exchanges; mutual"];
	// }
}

// Drawing a sociogram: the SVG starts with its title and a description for
// screen readers.
func ExampleSociogram_WriteSVG() {
	s := svg.Sociogram{
		Title: "Tuesday club",
		Nodes: []svg.Node{{ID: "a", Label: "Ana"}, {ID: "b", Label: "Ben"}, {ID: "c", Label: "Cy", Former: true}},
		Edges: []svg.Edge{{From: "a", To: "b", Weight: 2}, {From: "b", To: "a", Weight: 1}, {From: "c", To: "a", Weight: 1}},
	}
	var b strings.Builder
	if err := s.WriteSVG(&b); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(b.String(), "\n")
	fmt.Println(strings.TrimSpace(lines[2]))
	fmt.Println(strings.TrimSpace(lines[3]))
	// Output:
	// <title id="svg-title">Tuesday club</title>
	// <desc id="svg-desc">3 people: 3 members (1 no longer in the group); 3 ties, 2 of them in mutual pairs; 4 exchanges in all.</desc>
}

// A case over time: phases, and events that are not part of any phase.
func ExampleTimeline_WriteSVG() {
	day := func(d int) time.Time { return time.Date(1905, 3, d, 0, 0, 0, 0, time.UTC) }
	tl := svg.Timeline{
		Title: "The Lindqvist case",
		Spans: []svg.Span{
			{Label: "intake", Start: day(1), End: day(3)},
			{Label: "study", Start: day(3), End: day(12)},
			{Label: "treatment", Start: day(12), End: day(30)},
		},
		Markers: []svg.Marker{
			{At: day(2), Kind: "consent given", Label: "home visits"},
			{At: day(14), Kind: "provision", Label: "coal"},
		},
	}
	var b strings.Builder
	if err := tl.WriteSVG(&b); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(b.String(), `<g class="legend"`))
	fmt.Println(strings.Contains(b.String(), "<title>provision, 14 Mar 1905: coal</title>"))
	// Output:
	// true
	// true
}

// Bad input is reported field by field, and nothing is written.
func ExampleBarChart_Validate() {
	c := svg.BarChart{
		Title:      "Casework and group work",
		Categories: []string{"reciprocity", "density"},
		Series: []svg.Series{
			{Name: "casework", Values: []float64{0.1, math.NaN()}},
			{Name: "group work", Values: []float64{0.6, 1.4}},
		},
	}
	err := c.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, svg.ErrNotFinite), errors.Is(err, svg.ErrOutOfRange))
	var ie *svg.InputError
	if errors.As(err, &ie) {
		fmt.Println(ie.Field)
	}
	// Output:
	// svg: bar chart: Series[0].Values[1] = NaN: a value must be a finite number
	// svg: bar chart: Series[1].Values[1] = 1.4: a value must lie in [0, 1]
	// true true
	// Series[0].Values[1]
}

// The writer on its own: elements, escaped text and fixed number format.
func ExampleDocument() {
	d := svg.NewDocument(svg.Canvas{Title: "A dot", View: svg.Rect{W: 20, H: 20}})
	d.Start("g", svg.Str("class", "dots"))
	d.Leaf("circle", svg.Num("cx", 10), svg.Num("cy", 10), svg.Num("r", 20.0/3))
	d.Text("text", "Ana & Ben", svg.Num("x", 1), svg.Num("y", 19))
	d.End()
	if _, err := d.WriteTo(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20" role="img" aria-labelledby="svg-title" font-family="sans-serif" font-size="12">
	//   <title id="svg-title">A dot</title>
	//   <g class="dots">
	//     <circle cx="10" cy="10" r="6.67"/>
	//     <text x="1" y="19">Ana &amp; Ben</text>
	//   </g>
	// </svg>
}
