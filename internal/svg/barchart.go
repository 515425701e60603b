package svg

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// BarChart compares a few series (such as "casework" and "group work") on a
// few measures in [0, 1] (such as reciprocity, density, concentration of
// giving, concentration of acts) as grouped bars: one group per measure,
// one bar per series, each bar labelled with its value. Fill it from plain
// data and call [BarChart.WriteSVG]. The zero value is not drawable: it
// needs a title, categories and series.
//
// Category labels wrap onto at most three lines under their group; each
// group is made wide enough for the longest word of its label, so labels
// never overlap and are never turned.
type BarChart struct {
	// Title heads the picture and names it for screen readers. Required.
	Title string
	// Description is read by screen readers (<desc>); empty means a
	// sentence listing every value.
	Description string
	// Categories names the measures, one group of bars each, in order.
	// At least one is required, and none may be empty.
	Categories []string
	// Series are the things compared, one bar in every group each, coloured
	// in order from the Okabe–Ito palette. At least one is required, and at
	// most seven, the colours that stay apart on white.
	Series []Series
}

// Series is one bar per category of a [BarChart].
type Series struct {
	// Name is shown in the legend, such as "group work". Required and
	// unique within the chart.
	Name string
	// Values holds one value per category, in the same order, each in
	// [0, 1].
	Values []float64
}

// WriteSVG draws the chart as an SVG document and writes it to w. Bad input
// returns the errors of [BarChart.Validate] and writes nothing.
func (c BarChart) WriteSVG(w io.Writer) error {
	if err := c.Validate(); err != nil {
		return err
	}
	_, err := c.layout().render(c).WriteTo(w)
	return err
}

// Validate reports every problem that stops the chart being drawn, each an
// [*InputError] wrapping [ErrMissing], [ErrDuplicate],
// [ErrMismatchedLength], [ErrNotFinite] or [ErrOutOfRange]; several are
// joined with [errors.Join].
func (c BarChart) Validate() error {
	p := &problems{picture: "bar chart"}
	if strings.TrimSpace(c.Title) == "" {
		p.add("Title", c.Title, ErrMissing, "a title is required")
	}
	if len(c.Categories) == 0 {
		p.add("Categories", 0, ErrMissing, "at least one category is required")
	}
	for i, cat := range c.Categories {
		if strings.TrimSpace(cat) == "" {
			p.add(fmt.Sprintf("Categories[%d]", i), cat, ErrMissing, "a category needs a name")
		}
	}
	if len(c.Series) == 0 {
		p.add("Series", 0, ErrMissing, "at least one series is required")
	}
	if len(c.Series) > len(series) {
		p.add("Series", len(c.Series), ErrOutOfRange, fmt.Sprintf("at most %d series can be told apart by colour", len(series)))
	}
	names := map[string]bool{}
	for i, s := range c.Series {
		f := fmt.Sprintf("Series[%d]", i)
		name := oneLine(s.Name)
		switch {
		case name == "":
			p.add(f+".Name", s.Name, ErrMissing, "a series needs a name")
		case names[name]:
			p.add(f+".Name", s.Name, ErrDuplicate, "another series has this name")
		}
		names[name] = true
		c.validateValues(p, f, s.Values)
	}
	return p.err()
}

// validateValues checks the values of one series.
func (c BarChart) validateValues(p *problems, field string, values []float64) {
	if len(values) != len(c.Categories) {
		p.add(field+".Values", len(values), ErrMismatchedLength,
			fmt.Sprintf("there are %d values for %d categories", len(values), len(c.Categories)))
	}
	for j, v := range values {
		switch {
		case !finite(v):
			p.add(fmt.Sprintf("%s.Values[%d]", field, j), v, ErrNotFinite, "a value must be a finite number")
		case v < 0 || v > 1:
			p.add(fmt.Sprintf("%s.Values[%d]", field, j), v, ErrOutOfRange, "a value must lie in [0, 1]")
		}
	}
}

// summary lists every value for screen readers.
func (c BarChart) summary() string {
	if c.Description != "" {
		return c.Description
	}
	parts := make([]string, len(c.Categories))
	for i, cat := range c.Categories {
		vals := make([]string, len(c.Series))
		for j, s := range c.Series {
			vals[j] = oneLine(s.Name) + " " + formatValue(s.Values[i])
		}
		parts[i] = oneLine(cat) + ": " + strings.Join(vals, ", ")
	}
	return "Values from 0 to 1. " + strings.Join(parts, "; ") + "."
}

// formatValue writes a value with two decimals, as the bars' labels do.
func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
