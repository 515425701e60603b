package svg

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// FontFamily is a generic CSS font family. Pictures name a generic family
// rather than a font, so that every viewer finds one it has.
type FontFamily string

// The generic font families.
const (
	SansSerif FontFamily = "sans-serif"
	Serif     FontFamily = "serif"
	Monospace FontFamily = "monospace"
)

// Rect is an axis-aligned rectangle: its top-left corner (X, Y), its width W
// and its height H, in user units (y grows downwards, as in SVG).
type Rect struct {
	X, Y, W, H float64
}

// Canvas describes the root <svg> element of a [Document].
type Canvas struct {
	// Title names the picture for screen readers and as a tooltip; it
	// becomes the first child, <title>. Required.
	Title string
	// Desc describes the picture in a sentence or two for screen readers; it
	// becomes <desc>. Optional.
	Desc string
	// View is the viewBox; the picture's width and height attributes are its
	// size, so one user unit is one CSS pixel.
	View Rect
	// Font is the font family of all text; empty means [SansSerif].
	Font FontFamily
	// FontSize is the default font size in user units; zero means 12.
	FontSize float64
}

// Document is one SVG document written into memory, element by element.
// Elements are written in the order of the calls and attributes in the
// order given, with numbers formatted by [FormatNumber], so the same calls
// always give the same bytes.
//
// The first misuse (an invalid name, a non-finite number, an [Document.End]
// with nothing open) is kept and returned by [Document.WriteTo]; later calls
// do nothing. Nothing reaches the destination writer unless the whole
// document is well-formed. A Document is not safe for concurrent use.
type Document struct {
	buf   strings.Builder
	open  []string
	err   error
	final []byte
}

// NewDocument starts a document: the XML declaration, the root <svg> with
// its viewBox, size, font and accessibility attributes (role="img" and
// aria-labelledby pointing at the title and description), then <title> and
// <desc>.
func NewDocument(c Canvas) *Document {
	d := &Document{}
	if strings.TrimSpace(c.Title) == "" {
		d.fail("svg", "empty title")
	}
	if !(c.View.W > 0 && c.View.H > 0) {
		d.fail("svg", "viewBox without area")
	}
	if c.Font == "" {
		c.Font = SansSerif
	}
	if c.FontSize == 0 {
		c.FontSize = 12
	}
	labelled := "svg-title"
	if c.Desc != "" {
		labelled += " svg-desc"
	}
	d.buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	d.Start("svg",
		Str("xmlns", "http://www.w3.org/2000/svg"),
		Num("width", c.View.W), Num("height", c.View.H),
		Nums("viewBox", c.View.X, c.View.Y, c.View.W, c.View.H),
		Str("role", "img"), Str("aria-labelledby", labelled),
		Str("font-family", string(c.Font)), Num("font-size", c.FontSize))
	d.Text("title", c.Title, Str("id", "svg-title"))
	if c.Desc != "" {
		d.Text("desc", c.Desc, Str("id", "svg-desc"))
	}
	return d
}

// Start opens an element; [Document.End] closes it.
func (d *Document) Start(name string, attrs ...Attr) {
	if d.tag(name, attrs) {
		d.buf.WriteString(">\n")
		d.open = append(d.open, name)
	}
}

// End closes the element most recently opened with [Document.Start].
func (d *Document) End() {
	if d.err != nil {
		return
	}
	if len(d.open) <= 1 {
		d.fail("", "End with no element open")
		return
	}
	name := d.open[len(d.open)-1]
	d.open = d.open[:len(d.open)-1]
	d.indent()
	d.buf.WriteString("</" + name + ">\n")
}

// Leaf writes an element with no content, such as <circle .../>.
func (d *Document) Leaf(name string, attrs ...Attr) {
	if d.tag(name, attrs) {
		d.buf.WriteString("/>\n")
	}
}

// Text writes an element whose only content is the escaped text, such as
// <text x="1" y="2">Ana &amp; Ben</text>.
func (d *Document) Text(name, text string, attrs ...Attr) {
	if d.tag(name, attrs) {
		d.buf.WriteByte('>')
		escapeText(&d.buf, text)
		d.buf.WriteString("</" + name + ">\n")
	}
}

// Title writes a <title> element: a tooltip for its parent element.
func (d *Document) Title(text string) { d.Text("title", text) }

// Err returns the first misuse of the document, or nil.
func (d *Document) Err() error { return d.err }

// Bytes closes the root element and returns the finished document, or the
// first misuse. It may be called more than once.
func (d *Document) Bytes() ([]byte, error) {
	if d.final != nil || d.err != nil {
		return d.final, d.err
	}
	if len(d.open) != 1 {
		d.fail(d.open[len(d.open)-1], "element left open")
		return nil, d.err
	}
	d.open = nil
	d.buf.WriteString("</svg>\n")
	d.final = []byte(d.buf.String())
	return d.final, nil
}

// WriteTo finishes the document as [Document.Bytes] does and writes it to w.
// On a misuse it writes nothing and returns the error.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	b, err := d.Bytes()
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(w, bytes.NewReader(b))
	return n, err
}

// tag writes "<name attrs" after checking the names and values, and reports
// whether it did.
func (d *Document) tag(name string, attrs []Attr) bool {
	if d.err != nil {
		return false
	}
	if !validName(name) {
		d.fail(name, "invalid element name")
		return false
	}
	if d.final != nil || (name != "svg" && len(d.open) == 0) {
		d.fail(name, "element outside the root")
		return false
	}
	for i, a := range attrs {
		for _, b := range attrs[:i] {
			if a.name == b.name {
				d.fail(name, fmt.Sprintf("duplicate attribute %q", a.name))
				return false
			}
		}
		if !validName(a.name) {
			d.fail(name, fmt.Sprintf("invalid attribute name %q", a.name))
			return false
		}
		if a.bad != "" {
			d.fail(name, fmt.Sprintf("attribute %s: %s", a.name, a.bad))
			return false
		}
	}
	d.indent()
	d.buf.WriteString("<" + name)
	for _, a := range attrs {
		d.buf.WriteString(" " + a.name + `="`)
		escapeAttr(&d.buf, a.value)
		d.buf.WriteByte('"')
	}
	return true
}

// indent writes two spaces per open element.
func (d *Document) indent() {
	for range d.open {
		d.buf.WriteString("  ")
	}
}

// fail keeps the first misuse.
func (d *Document) fail(element, problem string) {
	if d.err == nil {
		d.err = &MarkupError{Element: element, Problem: problem}
	}
}
