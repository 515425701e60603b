// Package counttest holds the ballots that the tests of the counting rules
// share: the published examples the rules are checked against, and small
// helpers for building ballot lists. It is for tests only.
package counttest

// The options of the Tennessee capital example: a state chooses its
// capital, and every voter ranks the four cities by their distance from
// home.
const (
	Memphis = iota
	Nashville
	Chattanooga
	Knoxville
)

// Cities names the options of the Tennessee example, in option order.
var Cities = []string{"Memphis", "Nashville", "Chattanooga", "Knoxville"}

// Tennessee returns the classic example as 100 ballots: 42% live near
// Memphis, 26% near Nashville, 15% near Chattanooga, 17% near Knoxville.
// Plurality elects Memphis, instant runoff Knoxville, and Condorcet
// (Schulze) Nashville.
func Tennessee() [][]int {
	return Concat(
		Repeat(42, Memphis, Nashville, Chattanooga, Knoxville),
		Repeat(26, Nashville, Chattanooga, Knoxville, Memphis),
		Repeat(15, Chattanooga, Knoxville, Nashville, Memphis),
		Repeat(17, Knoxville, Chattanooga, Nashville, Memphis),
	)
}

// Repeat returns k ballots that share one ranking.
func Repeat(k int, ranking ...int) [][]int {
	out := make([][]int, k)
	for i := range out {
		out[i] = ranking
	}
	return out
}

// Concat joins lists of ballots into one.
func Concat(groups ...[][]int) [][]int {
	var out [][]int
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// DeepCopy copies ballots, so that a test can check that a count left the
// caller's ballots as they were.
func DeepCopy(ballots [][]int) [][]int {
	out := make([][]int, len(ballots))
	for i, b := range ballots {
		if b != nil {
			out[i] = append([]int{}, b...)
		}
	}
	return out
}
