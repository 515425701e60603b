package stats

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGini(t *testing.T) {
	tests := []struct {
		name string
		xs   []int
		want float64
	}{
		{"empty", nil, 0},
		{"one", []int{5}, 0},
		{"all zero", []int{0, 0, 0}, 0},
		{"equal", []int{3, 3, 3, 3}, 0},
		{"one holds all", []int{0, 0, 7, 0}, 1},
		{"two of four hold all equally", []int{1, 0, 1, 0}, 2.0 / 3},
		{"unsorted input", []int{4, 1, 3, 2}, (2*(1.0*1+2*2+3*3+4*4)/(4*10) - 5.0/4) * 4 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, Gini(tt.xs), 1e-12)
		})
	}
	assert.InDelta(t, 1.0, Gini([]float64{0, 2.5}), 1e-12, "floats too")
}

func TestRatioAndClamp(t *testing.T) {
	assert.Equal(t, 0.0, Ratio(3, 0), "nothing measured reads 0, not NaN")
	assert.Equal(t, 0.75, Ratio(3, 4))
	assert.Equal(t, 0.5, Ratio(int32(1), 2.0))
	assert.Equal(t, 1.0, Clamp(1.2, 0, 1))
	assert.Equal(t, 0, Clamp(-3, 0, 10))
}
