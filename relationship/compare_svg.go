package relationship

import (
	"fmt"
	"io"

	"github.com/helpingwork/helping/internal/svg"
)

// Measure is one number of a [Comparison], in [0, 1], with what it means.
type Measure struct {
	Name    string  // short, such as "reciprocity"
	Meaning string  // what 0 and 1 mean
	A, B    float64 // the value for each relationship
}

// Measures returns the comparison's numbers in [0, 1], the ones the chart
// draws: reciprocity, density, concentration of giving, concentration of acts
// and the share of decisions taken by helper roles (0 when none was recorded).
func (c Comparison) Measures() []Measure {
	decisions := func(p Facts) float64 { s, _ := p.DecisionShare(); return s }
	return []Measure{
		{"reciprocity", "share of helping ties returned", c.A.Ledger.Reciprocity, c.B.Ledger.Reciprocity},
		{"density", "share of possible ties; falls as a group grows", c.A.Ledger.Density, c.B.Ledger.Density},
		{"concentration of giving", "0 all give equally, 1 one gives all", c.A.Ledger.Concentration, c.B.Ledger.Concentration},
		{"concentration of power", "0 all exercise power equally, 1 one does all", c.A.ActConcentration, c.B.ActConcentration},
		{"decisions by helpers", "share of decision acts by worker or facilitator", decisions(c.A), decisions(c.B)},
	}
}

// WriteSVG draws the comparison's measures as a bar chart, one group of bars
// per measure and one bar per relationship, with a title and a legend. Nothing
// is written if the chart cannot be drawn.
func (c Comparison) WriteSVG(w io.Writer) error {
	if w == nil {
		return Nil("writer")
	}
	ms := c.Measures()
	chart := svg.BarChart{
		Title: fmt.Sprintf("%s and %s compared", label(c.A), label(c.B)),
		Series: []svg.Series{
			{Name: label(c.A), Values: make([]float64, len(ms))},
			{Name: label(c.B), Values: make([]float64, len(ms))},
		},
	}
	if chart.Series[0].Name == chart.Series[1].Name {
		chart.Series[1].Name += " (2)"
	}
	for i, m := range ms {
		chart.Categories = append(chart.Categories, m.Name)
		chart.Series[0].Values[i], chart.Series[1].Values[i] = m.A, m.B
	}
	if err := chart.WriteSVG(w); err != nil {
		return fmt.Errorf("relationship: comparison chart: %w", err)
	}
	return nil
}
