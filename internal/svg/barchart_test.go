package svg

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func renderChart(t *testing.T, c BarChart) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, c.WriteSVG(&buf))
	return buf.Bytes()
}

// longChart has long category labels and three series.
func longChart() BarChart {
	return BarChart{
		Title: "Three ways of helping, on measures with long names",
		Categories: []string{"a", "Incomprehensibilities of internationalisation",
			"concentration of giving among the members of the group over the whole year", "x"},
		Series: []Series{
			{Name: "casework", Values: []float64{0.1, 0.2, 0.3, 0.4}},
			{Name: "group work", Values: []float64{0.5, 0.6, 0.7, 0.8}},
			{Name: "a third series with a long name", Values: []float64{0.9, 1, 0, 0.05}},
		},
	}
}

func TestBarChartGolden(t *testing.T) {
	golden(t, "barchart.svg", renderChart(t, sampleChart()))
	golden(t, "barchart-long.svg", renderChart(t, longChart()))
}

// gridChart returns a chart of n series over m categories.
func gridChart(n, m int, category string) BarChart {
	c := BarChart{Title: fmt.Sprintf("%d by %d", n, m)}
	for i := range m {
		c.Categories = append(c.Categories, fmt.Sprintf("%s %d", category, i))
	}
	for j := range n {
		s := Series{Name: fmt.Sprintf("series %d", j)}
		for i := range m {
			s.Values = append(s.Values, float64((i*7+j*3)%11)/10)
		}
		c.Series = append(c.Series, s)
	}
	return c
}

func TestBarChartGeometry(t *testing.T) {
	tests := []struct {
		name string
		c    BarChart
	}{
		{"sample", sampleChart()},
		{"long", longChart()},
		{"one bar", gridChart(1, 1, "only")},
		{"seven series", gridChart(7, 3, "measure")},
		{"twelve categories", gridChart(2, 12, "measure")},
		{"wide characters", gridChart(2, 4, "相互扶助の密度と集中度")},
		{"one long word", gridChart(2, 3, strings.Repeat("w", 80))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := checkPicture(t, renderChart(t, tt.c))
			bars := 0
			for _, s := range d.solids {
				if s.class == "bar" {
					bars++
				}
			}
			assert.Equal(t, len(tt.c.Series)*len(tt.c.Categories), bars, "one bar per series and category")
		})
	}
}

func TestBarChartContent(t *testing.T) {
	doc := string(renderChart(t, sampleChart()))
	for _, want := range []string{
		">0.88</text>", // 0.875 rounds to two decimals
		"<title>group work, reciprocity: 0.62</title>",
		"Values from 0 to 1. reciprocity: casework 0.00, group work 0.62; density:",
		">concentration</text>",
		">of giving</text>",
	} {
		assert.True(t, strings.Contains(doc, want), "the SVG has %s", want)
	}
	long := string(renderChart(t, longChart()))
	assert.True(t, strings.Contains(long, "<title>concentration of giving among the members of the group over the whole year</title>"),
		"a category cut short keeps its full text in a tooltip")
}

func TestBarChartErrors(t *testing.T) {
	base := func() BarChart {
		return BarChart{Title: "T", Categories: []string{"a", "b"}, Series: []Series{{Name: "s", Values: []float64{0, 1}}}}
	}
	tests := []struct {
		name   string
		change func(*BarChart)
		want   error
		field  string
	}{
		{"empty title", func(c *BarChart) { c.Title = "" }, ErrMissing, "Title"},
		{"no categories", func(c *BarChart) { c.Categories, c.Series[0].Values = nil, nil }, ErrMissing, "Categories"},
		{"empty category", func(c *BarChart) { c.Categories[1] = " " }, ErrMissing, "Categories[1]"},
		{"no series", func(c *BarChart) { c.Series = nil }, ErrMissing, "Series"},
		{"unnamed series", func(c *BarChart) { c.Series[0].Name = "" }, ErrMissing, "Series[0].Name"},
		{"duplicate series", func(c *BarChart) { c.Series = append(c.Series, c.Series[0]) }, ErrDuplicate, "Series[1].Name"},
		{"too few values", func(c *BarChart) { c.Series[0].Values = []float64{0.5} }, ErrMismatchedLength, "Series[0].Values"},
		{"NaN", func(c *BarChart) { c.Series[0].Values[1] = math.NaN() }, ErrNotFinite, "Series[0].Values[1]"},
		{"infinity", func(c *BarChart) { c.Series[0].Values[0] = math.Inf(1) }, ErrNotFinite, "Series[0].Values[0]"},
		{"above one", func(c *BarChart) { c.Series[0].Values[0] = 1.01 }, ErrOutOfRange, "Series[0].Values[0]"},
		{"below zero", func(c *BarChart) { c.Series[0].Values[1] = -0.5 }, ErrOutOfRange, "Series[0].Values[1]"},
		{"too many series", func(c *BarChart) { *c = gridChart(8, 2, "m") }, ErrOutOfRange, "Series"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			tt.change(&c)
			var buf bytes.Buffer
			err := c.WriteSVG(&buf)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tt.field, ie.Field)
			assert.Equal(t, "bar chart", ie.Picture)
			assert.True(t, strings.HasPrefix(err.Error(), "svg: bar chart: "), err.Error())
			assert.Zero(t, buf.Len(), "nothing is written on error")
		})
	}
}
