package groupwork

import (
	"math/rand/v2"

	"github.com/helpingwork/helping/groupwork/internal/counttest"
)

// The Tennessee example, from counttest.
const (
	memphis     = counttest.Memphis
	nashville   = counttest.Nashville
	chattanooga = counttest.Chattanooga
	knoxville   = counttest.Knoxville
)

var (
	cities    = counttest.Cities
	tennessee = counttest.Tennessee
)

// benchBallots returns n random ranked ballots over five options, each
// ranking one to five; the same n always gives the same ballots.
func benchBallots(n int) [][]int {
	r := rand.New(rand.NewPCG(2026, uint64(n)))
	ballots := make([][]int, n)
	for i := range ballots {
		ballots[i] = r.Perm(5)[:1+r.IntN(5)]
	}
	return ballots
}
