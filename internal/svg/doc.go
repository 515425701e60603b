// Package svg draws the library's pictures as SVG documents, from plain
// data: a sociogram of who helps whom in a group, a timeline of a case, and
// a bar chart comparing two relationships. It sits at the bottom of the
// import graph and imports only the standard library; the domain packages
// convert their live values into its input structs.
//
// # The writer
//
// [Document] writes one SVG document element by element into memory, with
// attributes in the order given and numbers formatted by [FormatNumber], so
// that the same input always gives the same bytes. Text is escaped, and
// characters that XML cannot hold become U+FFFD. The root carries a <title>
// and a <desc> for screen readers and a generic font family. A misuse that
// would give malformed XML is kept as an error wrapping [ErrMalformed], and
// nothing reaches the destination until the whole document is well-formed.
//
// # The pictures
//
// [Sociogram] draws a group as a directed graph, members on a circle and
// facilitators set apart, and can also be written as Graphviz DOT. Each
// picture validates its input first: bad input returns an [*InputError]
// wrapping one of the sentinel errors, such as [ErrUnknownNode], and writes
// nothing.
//
// # Readability
//
// Every picture has a title, a legend (a group of class "legend"), text
// dark on light, marks coloured from the Okabe–Ito palette, which stays
// distinguishable with the common forms of colour blindness, and labels
// that overlap neither each other nor the marks. The package cannot measure
// fonts, so layout estimates the width of a text generously: 0.6 em per
// character, 0.8 em per capital, 1 em for m, w, M, W, @, % and wide East
// Asian characters, with 0.8 em above the baseline and 0.25 em below it. Long labels are cut with
// an ellipsis and keep their full text in a tooltip (<title>). The canvas is
// sized to fit what is drawn.
package svg
