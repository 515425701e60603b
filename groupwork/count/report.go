package count

import (
	"fmt"
	"strconv"
	"strings"
)

// The Report methods render a result as plain text, one line per fact, for
// minutes, tests and teaching. names gives the options' names by number;
// it may be nil or short, and options without a name print as "option 3".
// The String methods are Report(nil).

// optionName returns the function that names option o.
func optionName(names []string) func(int) string {
	return func(o int) string {
		if o >= 0 && o < len(names) && names[o] != "" {
			return names[o]
		}
		return "option " + strconv.Itoa(o)
	}
}

// joinNames joins the names of opts with commas.
func joinNames(opts []int, name func(int) string) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = name(o)
	}
	return strings.Join(parts, ", ")
}

func describe(res Resolution, winner int, tied []int, name func(int) string) string {
	switch res {
	case Chosen:
		return "winner: " + name(winner)
	case Tied:
		return "unbroken tie between " + joinNames(tied, name)
	case NoPreference:
		return "no votes"
	}
	return res.String()
}

// counted writes "name count" pairs for the options in opts.
func counted[T amount](opts []int, counts []T, name func(int) string, show func(T) string) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		parts[i] = name(o) + " " + show(counts[o])
	}
	return strings.Join(parts, ", ")
}

// changes writes the non-zero entries of transfers as signed "name +n".
func changes[T amount](transfers []T, name func(int) string, show func(T) string) string {
	var parts []string
	for o, t := range transfers {
		switch {
		case t > 0:
			parts = append(parts, name(o)+" +"+show(t))
		case t < 0:
			parts = append(parts, name(o)+" -"+show(-t))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }

// fewest says why an option went out when no tie was involved: the line
// above it explains a tie.
func fewest(t *TieBreak) string {
	if t == nil {
		return " (fewest votes)"
	}
	return ""
}

func valueString(v Value) string { return v.String() }

// Report renders the count.
func (r CountResult) Report(names []string) string {
	name := optionName(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%d ballots, %d blank\n", r.Ballots, r.Blank)
	fmt.Fprintf(&b, "counts: %s\n", counted(allOptions(len(r.Counts)), r.Counts, name, itoa))
	if r.TieBreak != nil {
		fmt.Fprintf(&b, "%s\n", r.TieBreak.describe(name))
	}
	fmt.Fprintf(&b, "%s\n", describe(r.Resolution, r.Winner, r.Tied, name))
	return b.String()
}

// String returns Report(nil).
func (r CountResult) String() string { return r.Report(nil) }

// Report renders every round of the runoff.
func (r RunoffResult) Report(names []string) string {
	name := optionName(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%d ballots\n", r.Ballots)
	for i := range r.Rounds {
		round := &r.Rounds[i]
		fmt.Fprintf(&b, "round %d: %s; exhausted %d\n", round.Number,
			counted(round.Continuing, round.Counts, name, itoa), round.Exhausted)
		if round.TieBreak != nil {
			fmt.Fprintf(&b, "  %s\n", round.TieBreak.describe(name))
		}
		if round.Eliminated != nil {
			fmt.Fprintf(&b, "  eliminated %s%s; transfers: %s; newly exhausted %d\n",
				joinNames(round.Eliminated, name), fewest(round.TieBreak),
				changes(round.Transfers, name, itoa), round.ToExhausted)
		}
	}
	fmt.Fprintf(&b, "%s\n", describe(r.Resolution, r.Winner, r.Tied, name))
	return b.String()
}

// String returns Report(nil).
func (r RunoffResult) String() string { return r.Report(nil) }

// Report renders the pairwise and strongest-path matrices and the winner.
func (r SchulzeResult) Report(names []string) string {
	name := optionName(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%d ballots\n", r.Ballots)
	matrix := func(title string, m [][]int) {
		fmt.Fprintf(&b, "%s:\n", title)
		for x, row := range m {
			cells := make([]string, len(row))
			for y, v := range row {
				cells[y] = strconv.Itoa(v)
				if x == y {
					cells[y] = "-"
				}
			}
			fmt.Fprintf(&b, "  %s: %s\n", name(x), strings.Join(cells, " "))
		}
	}
	matrix("pairwise (row over column)", r.Pairwise)
	matrix("strongest paths", r.Strongest)
	if r.CondorcetWinner >= 0 {
		fmt.Fprintf(&b, "condorcet winner: %s\n", name(r.CondorcetWinner))
	} else {
		fmt.Fprintf(&b, "no condorcet winner\n")
	}
	fmt.Fprintf(&b, "potential winners: %s\n", joinNames(r.Potential, name))
	if r.TieBreak != nil {
		fmt.Fprintf(&b, "%s\n", r.TieBreak.describe(name))
	}
	fmt.Fprintf(&b, "%s\n", describe(r.Resolution, r.Winner, r.Tied, name))
	return b.String()
}

// String returns Report(nil).
func (r SchulzeResult) String() string { return r.Report(nil) }

// Report renders every round of the count.
func (r STVResult) Report(names []string) string {
	name := optionName(names)
	var b strings.Builder
	meek := r.Method == MeekSTV
	if meek {
		fmt.Fprintf(&b, "Meek STV (keep values to 9 places, tolerance %s): %d ballots, %d blank; %d seats\n", MeekTolerance, r.Ballots, r.Blank, r.Seats)
	} else {
		fmt.Fprintf(&b, "%d ballots, %d blank; %d seats; quota %s\n", r.Ballots, r.Blank, r.Seats, r.Quota)
	}
	for i := range r.Rounds {
		round := &r.Rounds[i]
		if meek {
			fmt.Fprintf(&b, "round %d: quota %s; %s; exhausted %s\n", round.Number, round.Quota,
				counted(allOptions(len(round.Totals)), round.Totals, name, valueString), round.Exhausted)
			fmt.Fprintf(&b, "  iterations %d; surplus %s; keep values: %s\n", round.Iterations, round.Surplus, keepValues(round.KeepValues, name))
		} else {
			fmt.Fprintf(&b, "round %d: %s; exhausted %s; lost %s\n", round.Number,
				counted(allOptions(len(round.Totals)), round.Totals, name, valueString), round.Exhausted, round.Lost)
		}
		if len(round.Elected) > 0 {
			fmt.Fprintf(&b, "  elected %s\n", joinNames(round.Elected, name))
		}
		if len(round.Deemed) > 0 {
			fmt.Fprintf(&b, "  elected without quota %s\n", joinNames(round.Deemed, name))
		}
		if round.TieBreak != nil {
			fmt.Fprintf(&b, "  %s\n", round.TieBreak.describe(name))
		}
		switch {
		case meek && round.Action == TransferSurplus:
			fmt.Fprintf(&b, "  surplus of %s passes on; transfers: %s; exhausted +%s\n",
				joinNames(round.From, name), changes(round.Transfers, name, valueString), round.ToExhausted)
		case meek && round.Action == Exclude:
			fmt.Fprintf(&b, "  exclude %s%s; transfers: %s; exhausted +%s\n",
				joinNames(round.From, name), fewest(round.TieBreak),
				changes(round.Transfers, name, valueString), round.ToExhausted)
		case round.Action == TransferSurplus:
			fmt.Fprintf(&b, "  transfer surplus of %s: %s of %s; transfers: %s; exhausted +%s; lost +%s\n",
				name(round.From[0]), round.Surplus, round.Total,
				changes(round.Transfers, name, valueString), round.ToExhausted, round.ToLost)
		case round.Action == Exclude:
			fmt.Fprintf(&b, "  exclude %s%s; transfers: %s; exhausted +%s; lost +%s\n",
				joinNames(round.From, name), fewest(round.TieBreak),
				changes(round.Transfers, name, valueString), round.ToExhausted, round.ToLost)
		}
	}
	switch r.Resolution {
	case Chosen:
		fmt.Fprintf(&b, "elected: %s\n", joinNames(r.Elected, name))
	case Tied:
		fmt.Fprintf(&b, "elected before the tie: %s; unbroken tie between %s\n", joinNames(r.Elected, name), joinNames(r.Tied, name))
	default:
		fmt.Fprintf(&b, "%s\n", describe(r.Resolution, -1, nil, name))
	}
	return b.String()
}

// String returns Report(nil).
func (r STVResult) String() string { return r.Report(nil) }

// keepValues lists the keep values other than 1 (elected options) and 0
// (excluded ones), or "all 1".
func keepValues(keep []Value, name func(int) string) string {
	var parts []string
	for o, k := range keep {
		if k != Unit && k != 0 {
			parts = append(parts, name(o)+" "+k.String())
		}
	}
	if len(parts) == 0 {
		return "none below 1"
	}
	return strings.Join(parts, ", ")
}
