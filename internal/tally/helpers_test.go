package tally

// Shared fixtures of the tests.

// Options of the Tennessee capital example.
const (
	memphis = iota
	nashville
	chattanooga
	knoxville
)

var tennesseeNames = []string{"Memphis", "Nashville", "Chattanooga", "Knoxville"}

// tennessee returns the classic example as 100 ballots: 42% Memphis >
// Nashville > Chattanooga > Knoxville (the voters near Memphis), 26%
// Nashville > Chattanooga > Knoxville > Memphis, 15% Chattanooga >
// Knoxville > Nashville > Memphis, 17% Knoxville > Chattanooga > Nashville >
// Memphis. Each voter ranks the cities by distance from home.
func tennessee() [][]int {
	return concat(
		repeat(42, memphis, nashville, chattanooga, knoxville),
		repeat(26, nashville, chattanooga, knoxville, memphis),
		repeat(15, chattanooga, knoxville, nashville, memphis),
		repeat(17, knoxville, chattanooga, nashville, memphis),
	)
}

// repeat returns k ballots that share one ranking.
func repeat(k int, ranking ...int) [][]int {
	out := make([][]int, k)
	for i := range out {
		out[i] = ranking
	}
	return out
}

func concat(groups ...[][]int) [][]int {
	var out [][]int
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// deepCopy copies ballots, so a test can check that a count left the
// caller's ballots as they were.
func deepCopy(ballots [][]int) [][]int {
	out := make([][]int, len(ballots))
	for i, b := range ballots {
		if b != nil {
			out[i] = append([]int{}, b...)
		}
	}
	return out
}

// v builds a Value from whole votes and billionths.
func v(whole int64, nano int64) Value { return Value(whole)*Unit + Value(nano) }
