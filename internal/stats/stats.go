// Package stats holds small numeric helpers shared by the library's metrics.
package stats

import (
	"slices"

	"golang.org/x/exp/constraints"
)

// Number is any integer or floating-point type.
type Number interface {
	constraints.Integer | constraints.Float
}

// Ratio returns num/den as a float64, and 0 when den is zero, so that a
// metric over an empty population reads as "nothing measured" rather than NaN.
func Ratio[N, D Number](num N, den D) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// Gini returns the normalised Gini coefficient of the non-negative values xs:
// 0 when every value is equal, 1 when a single value holds the whole total.
//
// The plain Gini coefficient of n values peaks at (n-1)/n; this one is divided
// by that peak so that "one holds everything" reads 1 whatever n is. Fewer than
// two values, or a zero total, give 0. xs is sorted in place; pass a copy when
// the order matters.
func Gini[T Number](xs []T) float64 {
	n := len(xs)
	if n < 2 {
		return 0
	}
	slices.Sort(xs)
	var total, weighted float64
	for i, x := range xs {
		total += float64(x)
		weighted += float64(i+1) * float64(x)
	}
	if total <= 0 {
		return 0
	}
	fn := float64(n)
	g := (2*weighted)/(fn*total) - (fn+1)/fn
	g *= fn / (fn - 1)
	return Clamp(g, 0, 1)
}

// Clamp returns x limited to [lo, hi].
func Clamp[T Number](x, lo, hi T) T {
	return max(lo, min(x, hi))
}
