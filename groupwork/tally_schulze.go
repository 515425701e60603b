package groupwork

import "github.com/helpingwork/helping/internal/tally"

// SchulzeResult is the full record of a count by the Schulze method: the
// pairwise matrix of the ballots, the strongest paths found from it, and
// the winner they give.
type SchulzeResult struct {
	// Resolution is [Chosen], [Tied] or [NoPreference].
	Resolution Resolution
	// Winner is the winning option when Resolution is Chosen, otherwise -1.
	Winner int
	// Tied lists, ascending, the potential winners the declared priority
	// could not separate when Resolution is Tied; otherwise it is nil.
	Tied []int
	// Ballots is the number of ballots read.
	Ballots int
	// Pairwise[x][y] is the number of ballots that rank x above y. A ballot
	// ranks every option it lists above every option it leaves out, and
	// says nothing between two options it leaves out. The diagonal is 0.
	Pairwise [][]int
	// Strongest[x][y] is the strength of the strongest path from x to y:
	// the widest chain x > a > b > ... > y of pairwise defeats, where a
	// chain is as strong as its weakest link, and a link x > y is as strong
	// as Pairwise[x][y] when x beats y one to one (0 when it does not:
	// "winning votes").
	Strongest [][]int
	// CondorcetWinner is the option that beats every other option one to
	// one (Pairwise[x][y] > Pairwise[y][x] for every y), or -1 when there
	// is none. When it exists, Schulze elects it.
	CondorcetWinner int
	// Potential lists, ascending, the potential winners: the options x with
	// Strongest[x][y] >= Strongest[y][x] for every y. Schulze proved there
	// is always at least one.
	Potential []int
	// TieBreak records how a choice among several potential winners was
	// made, if one was needed.
	TieBreak *TieBreak
}

// Beats reports whether x is ranked above y by the Schulze method:
// Strongest[x][y] > Strongest[y][x]. Schulze proves the relation
// transitive, so it orders the options into a ranking with possible ties.
// It is false for options out of range.
func (r *SchulzeResult) Beats(x, y int) bool {
	t := tally.SchulzeResult{Strongest: r.Strongest}
	return t.Beats(x, y)
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
// [CountOptions.Priority] picks the one listed first; otherwise the count
// reports the tie.
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
// Counting costs one pass over the ballots, with O(k·n) work for a ballot
// that ranks k of n options; finding the paths costs O(n³). Errors are
// those of [Plurality].
func Schulze(n int, ballots [][]int, opts *CountOptions) (SchulzeResult, error) {
	r, err := tally.Schulze(n, ballots, opts.tally())
	if err != nil {
		return SchulzeResult{}, fromTallyError(err, n)
	}
	return SchulzeResult{
		Resolution: fromOutcome(r.Outcome), Winner: r.Winner, Tied: r.Tied, Ballots: r.Ballots,
		Pairwise: r.Pairwise, Strongest: r.Strongest, CondorcetWinner: r.CondorcetWinner,
		Potential: r.Potential, TieBreak: fromTieBreak(r.TieBreak),
	}, nil
}

func (r SchulzeResult) toTally() tally.SchulzeResult {
	return tally.SchulzeResult{
		Decision: decision(r.Resolution, r.Winner, r.Tied), Ballots: r.Ballots,
		Pairwise: r.Pairwise, Strongest: r.Strongest, CondorcetWinner: r.CondorcetWinner,
		Potential: r.Potential, TieBreak: r.TieBreak.toTally(),
	}
}

// Report renders the count as text: the pairwise matrix (each row's votes
// over each column), the strongest paths, the Condorcet winner if there is
// one, the potential winners and the winner. names is as for
// [CountResult.Report].
func (r SchulzeResult) Report(names []string) string { return r.toTally().Report(names) }

// String returns Report(nil).
func (r SchulzeResult) String() string { return r.Report(nil) }
