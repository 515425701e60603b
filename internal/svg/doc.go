// Package svg draws the library's pictures as SVG documents, from plain
// data: a sociogram of who helps whom in a group, a timeline of a case, and
// a bar chart comparing relationships. It sits at the bottom of the import
// graph and imports only the standard library; the groupwork, casework and
// relationship packages convert their live values into its input structs,
// which are plain data with every field documented.
//
// # The pictures
//
//   - [Sociogram] draws a group as a directed graph of support exchanges:
//     members on a circle in the order given, facilitators set apart in a
//     gap on the left with their own colour and outline, former members
//     muted. Line width grows with the number of exchanges; a mutual tie is
//     a pair of solid blue curves and a one-way tie a dashed vermillion
//     line, so that the one-way help of casework and the mutual aid of group
//     work look different at a glance. [Sociogram.WriteDOT] writes the same
//     graph for Graphviz.
//   - [Timeline] draws a case over time: phases as labelled spans, events as
//     symbols with short labels, and a date axis whose step (hours, days,
//     weeks, months or years) is chosen from the range.
//   - [BarChart] compares a few series on a few measures in [0, 1] as
//     grouped, labelled bars.
//
// Each picture validates its input first. Bad input returns an
// [*InputError] naming the field and the value, wrapping a sentinel such as
// [ErrUnknownNode] or [ErrOutOfRange]; every problem is reported at once,
// joined with [errors.Join]. On error nothing is written: a picture is
// rendered into memory and copied out only when it is whole.
//
// # Layout
//
// The package cannot measure fonts, so it estimates the width of a text
// generously: 0.6 em per character, 0.8 em per capital, 1 em for m, w, M,
// W, @, % and wide East Asian characters, with 0.8 em above the baseline
// and 0.25 em below it. Every layout decision uses that estimate:
//
//   - Sociogram labels sit outside the circle, beside their node on the side
//     away from the centre. The circle grows until no label overlaps
//     another label, a node or the arrowheads around a node; when that
//     would make it too large, labels are turned along the radius instead,
//     and the circle is sized so that neighbouring labels clear each
//     other. Long labels are cut with an ellipsis. The circle also leaves
//     room between neighbours for the arrowheads around each, more the
//     more ties a node receives.
//   - Every sociogram edge meets its nodes at ports of its own: its
//     arrowhead points at the receiver's centre from a place on the
//     outline kept for it, so that arrowheads arriving together stand side
//     by side like spokes rather than on one another, and lines leave the
//     giver between them. The side of a node where its label stands is kept free.
//     Edges are routed heaviest first, each bowed (towards the centre, or a
//     little outwards between near neighbours) so as to pass clear of other
//     nodes, their arrowheads and the labels, and not to run along an edge
//     routed before it.
//   - Timeline span labels sit inside their bar, else beside it in its
//     lane, else on rows above the lanes joined to it by a line. Marker
//     labels are placed in time order, each on the first row where it meets
//     no other.
//   - Bar chart category labels wrap onto at most three lines, and every
//     group is made wide enough for the longest word.
//
// The canvas is then sized to fit what was drawn, plus a margin.
//
// # Readability
//
// Every picture has a visible title and a <title> and <desc> for screen
// readers, a legend (a group of class "legend"), text dark on light with a
// white halo where it crosses lines, and marks coloured from the Okabe–Ito
// palette, which stays distinguishable with the common forms of colour
// blindness; marks that differ in meaning also differ in shape or dash.
// Text cut short keeps its full wording in a tooltip.
//
// # The writer
//
// [Document] writes one SVG document element by element, with attributes in
// the order given and numbers formatted by [FormatNumber], so that the same
// input always gives the same bytes. Text is escaped, and characters that
// XML cannot hold become U+FFFD. A misuse that would give malformed XML is
// kept as an error wrapping [ErrMalformed].
package svg
