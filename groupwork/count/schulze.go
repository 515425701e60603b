package count

import "math/bits"

// SchulzeResult is the full record of a count by the Schulze method.
type SchulzeResult struct {
	// Resolution is [Chosen], [Tied] or [NoPreference].
	Resolution Resolution `json:"resolution"`
	// Winner is the winning option when Resolution is Chosen, otherwise -1.
	Winner int `json:"winner"`
	// Tied lists, ascending, the options the tie-break policy could not
	// separate when Resolution is Tied; otherwise it is nil.
	Tied []int `json:"tied,omitempty"`
	// Ballots is the number of ballots read.
	Ballots int `json:"ballots"`
	// Pairwise[x][y] is the number of ballots that rank x above y. A ballot
	// ranks every option it lists above every option it leaves out, and
	// says nothing between two options it leaves out. The diagonal is 0.
	Pairwise [][]int `json:"pairwise,omitempty"`
	// Strongest[x][y] is the strength of the strongest path from x to y:
	// the widest chain x > a > b > ... > y of pairwise defeats, where a
	// chain is as strong as its weakest link and a link x > y is as strong
	// as Pairwise[x][y] when x beats y (0 when it does not: "winning votes").
	Strongest [][]int `json:"strongest,omitempty"`
	// CondorcetWinner is the option that beats every other option one to
	// one (Pairwise[x][y] > Pairwise[y][x] for every y), or -1 when there
	// is none. When it exists, Schulze elects it.
	CondorcetWinner int `json:"condorcet_winner"`
	// Potential lists, ascending, the potential winners: the options x with
	// Strongest[x][y] >= Strongest[y][x] for every y. Schulze proved there is
	// always at least one.
	Potential []int `json:"potential,omitempty"`
	// TieBreak records how a choice among several potential winners was
	// made, if one was needed.
	TieBreak *TieBreak `json:"tie_break,omitempty"`
}

// Beats reports whether x is ranked above y by the Schulze method:
// Strongest[x][y] > Strongest[y][x]. Schulze (2011) proves the relation
// transitive, so it orders the options into a ranking with possible ties.
// It is false for options out of range.
func (r *SchulzeResult) Beats(x, y int) bool {
	n := len(r.Strongest)
	if x < 0 || y < 0 || x >= n || y >= n {
		return false
	}
	return r.Strongest[x][y] > r.Strongest[y][x]
}

// Schulze elects one option by the Schulze method, a Condorcet method: it
// looks at every pair of options and asks how many members prefer one to
// the other.
//
// If one option beats every other one to one, it is the Condorcet winner
// and wins. Preferences can be cyclic (A beats B, B beats C, C beats A);
// Schulze resolves cycles by the strength of the strongest path between
// options (see [SchulzeResult.Strongest]) and elects an option whose
// strongest path to every other option is at least as strong as the path
// back. Where several such potential winners remain, the declared
// [Options.Priority] picks the one listed first, in the spirit of Schulze's
// tie-breaking ranking of the candidates (which his paper draws at random
// from the ballots; here it is declared before the vote); otherwise the
// count reports the tie.
//
// Source: Markus Schulze, "A new monotonic, clone-independent, reversal
// symmetric, and Condorcet-consistent single-winner election method",
// Social Choice and Welfare 36 (2011) 267–303, with link strength measured
// in winning votes, as Schulze recommends.
//
// Why groups use it: it elects the option that the most members prefer to
// each alternative in turn, which suits a group looking for the choice with
// the broadest support rather than the most fervent. In the Tennessee
// example it elects Nashville, the compromise that a majority prefers to
// every other city.
//
// Counting costs a pass over the ballots with O(k·n) work for a ballot that
// ranks k of n options; finding the paths costs O(n³).
func Schulze(n int, ballots [][]int, opts *Options) (SchulzeResult, error) {
	if err := checkN(n); err != nil {
		return SchulzeResult{}, err
	}
	p, err := newPriority(n, opts)
	if err != nil {
		return SchulzeResult{}, err
	}
	d := make([]int, n*n)
	nonEmpty, err := pairwise(n, ballots, d)
	if err != nil {
		return SchulzeResult{}, err
	}
	s := strongestPaths(n, d)
	r := SchulzeResult{
		Ballots:         len(ballots),
		Pairwise:        rows(n, d),
		Strongest:       rows(n, s),
		CondorcetWinner: condorcetWinner(n, d),
		Potential:       potentialWinners(n, s),
	}
	switch {
	case r.CondorcetWinner >= 0:
		// A Condorcet winner is elected, as its doc says, even when it wins
		// only because there is nothing to beat (one option, no ballots).
		r.set(decided(r.CondorcetWinner))
	case nonEmpty == 0:
		r.set(noVotes())
	case len(r.Potential) == 1:
		r.set(decided(r.Potential[0]))
	default:
		r.TieBreak = breakTie[int](r.Potential, nil, p, false)
		r.set(fromTieBreak(r.TieBreak))
	}
	return r, nil
}

// pairwise validates the ballots and adds their preferences to the n×n
// matrix d (row-major). It returns the number of non-empty ballots.
func pairwise(n int, ballots [][]int, d []int) (nonEmpty int, err error) {
	if n > smallN {
		return pairwiseLarge(n, ballots, d)
	}
	un := uint(n)
	all := ^uint64(0) >> (smallN - n)
	for i, b := range ballots {
		if !validSmall(b, un) {
			return 0, checkRanking(i, b, n)
		}
		if len(b) > 0 {
			nonEmpty++
		}
		var seen uint64
		for _, a := range b {
			seen |= 1 << uint(a)
			row := d[a*n : a*n+n]
			// a is above every option not yet seen on this ballot.
			for m := all &^ seen; m != 0; m &= m - 1 {
				row[bits.TrailingZeros64(m)]++
			}
		}
	}
	return nonEmpty, nil
}

func pairwiseLarge(n int, ballots [][]int, d []int) (nonEmpty int, err error) {
	c := newChecker(n)
	seen := make([]uint64, n)
	for i, b := range ballots {
		if err := c.check(i, b); err != nil {
			return 0, err
		}
		if len(b) > 0 {
			nonEmpty++
		}
		stamp := uint64(i) + 1
		for _, a := range b {
			seen[a] = stamp
			row := d[a*n : a*n+n]
			for o, s := range seen {
				if s != stamp {
					row[o]++
				}
			}
		}
	}
	return nonEmpty, nil
}

// strongestPaths returns the strongest-path matrix of the pairwise matrix d
// by the Floyd–Warshall variant given in Schulze (2011).
func strongestPaths(n int, d []int) []int {
	p := make([]int, n*n)
	for x := range n {
		for y := range n {
			if x != y && d[x*n+y] > d[y*n+x] {
				p[x*n+y] = d[x*n+y]
			}
		}
	}
	for i := range n {
		for j := range n {
			pji := p[j*n+i]
			if j == i || pji == 0 {
				continue
			}
			for k := range n {
				if k == i || k == j {
					continue
				}
				if w := min(pji, p[i*n+k]); w > p[j*n+k] {
					p[j*n+k] = w
				}
			}
		}
	}
	return p
}

func condorcetWinner(n int, d []int) int {
	for x := range n {
		wins := true
		for y := range n {
			if y != x && d[x*n+y] <= d[y*n+x] {
				wins = false
				break
			}
		}
		if wins {
			return x
		}
	}
	return -1
}

func potentialWinners(n int, p []int) []int {
	var out []int
	for x := range n {
		ok := true
		for y := range n {
			if y != x && p[x*n+y] < p[y*n+x] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, x)
		}
	}
	return out
}

// rows returns the n×n row-major matrix m as a slice of rows sharing m.
func rows(n int, m []int) [][]int {
	out := make([][]int, n)
	for i := range out {
		out[i] = m[i*n : i*n+n : i*n+n]
	}
	return out
}

func (r *SchulzeResult) set(d decision) { r.Resolution, r.Winner, r.Tied = d.res, d.winner, d.tied }
