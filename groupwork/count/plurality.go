package count

// CountResult is the result of a single-round count (plurality or
// approval): how many marks each option got, and who won.
type CountResult struct {
	// Resolution is [Chosen], [Tied] or [NoPreference].
	Resolution Resolution `json:"resolution"`
	// Winner is the winning option when Resolution is Chosen, otherwise -1.
	Winner int `json:"winner"`
	// Tied lists, ascending, the options the tie-break policy could not
	// separate when Resolution is Tied; otherwise it is nil.
	Tied []int `json:"tied,omitempty"`
	// Counts holds, per option, its first preferences (plurality) or its
	// approvals (approval).
	Counts []int `json:"counts,omitempty"`
	// Ballots is the number of ballots read; Blank of them marked nothing.
	Ballots int `json:"ballots"`
	Blank   int `json:"blank"`
	// TieBreak records the tie for first place, if there was one.
	TieBreak *TieBreak `json:"tie_break,omitempty"`
}

// Plurality elects the option with the most first preferences ("first past
// the post"). It reads only the first option of each ballot, so a ballot
// that marks one option is a one-element ranking and the same ranked
// ballots can be counted under several rules; the rest of each ballot is
// still validated. Empty ballots are blank.
//
// Plurality is the simplest rule and the most familiar, and it is fine for
// two options. With more it can elect an option most members rank last: in
// the classic Tennessee example, Memphis wins with 42% although 58% put it
// last. That is why groups that want everyone's voice to count often choose
// a ranked rule ([InstantRunoff], [Schulze]). A tie for the most votes is
// broken by the declared priority (there are no earlier rounds), or
// reported.
func Plurality(n int, ballots [][]int, opts *Options) (CountResult, error) {
	if err := checkN(n); err != nil {
		return CountResult{}, err
	}
	p, err := newPriority(n, opts)
	if err != nil {
		return CountResult{}, err
	}
	counts := make([]int, n)
	blank, err := firstPreferences(n, ballots, counts)
	if err != nil {
		return CountResult{}, err
	}
	return singleRound(counts, len(ballots), blank, blank == len(ballots), p), nil
}

// Approval elects the option approved by the most voters. Each ballot lists,
// in any order, every option the voter can accept; an empty ballot approves
// nothing and is blank.
//
// Source: Steven Brams and Peter Fishburn, "Approval Voting" (1978, American
// Political Science Review; book 1983). Approval suits a group choosing
// among many acceptable activities: each member says which they could live
// with, and the most widely acceptable wins. Ties are handled as in
// [Plurality].
func Approval(n int, ballots [][]int, opts *Options) (CountResult, error) {
	if err := checkN(n); err != nil {
		return CountResult{}, err
	}
	p, err := newPriority(n, opts)
	if err != nil {
		return CountResult{}, err
	}
	counts := make([]int, n)
	c := newChecker(n)
	blank, marks := 0, 0
	for i, b := range ballots {
		if err := c.check(i, b); err != nil {
			return CountResult{}, err
		}
		if len(b) == 0 {
			blank++
		}
		for _, o := range b {
			counts[o]++
		}
		marks += len(b)
	}
	return singleRound(counts, len(ballots), blank, marks == 0, p), nil
}

// firstPreferences validates every ballot and adds its first option to
// counts. It returns the number of empty ballots.
func firstPreferences(n int, ballots [][]int, counts []int) (empty int, err error) {
	if n <= smallN {
		empty, bad := firstSmall(ballots, counts, smallMask(uint(n)))
		if bad >= 0 {
			return 0, checkRanking(bad, ballots[bad], n)
		}
		return empty, nil
	}
	c := newChecker(n)
	for i, b := range ballots {
		if err := c.check(i, b); err != nil {
			return 0, err
		}
		if len(b) == 0 {
			empty++
			continue
		}
		counts[b[0]]++
	}
	return empty, nil
}

// firstSmall is the loop of firstPreferences for at most smallN options,
// whose set is valid. It returns the number of empty ballots and the index
// of the first invalid ballot, or -1. It is a function of its own so that
// the loop keeps its few values in registers.
func firstSmall(ballots [][]int, counts []int, valid uint64) (empty, bad int) {
	for i, b := range ballots {
		if !validIn(b, valid) {
			return 0, i
		}
		if len(b) == 0 {
			empty++
			continue
		}
		counts[b[0]]++
	}
	return empty, -1
}

func singleRound(counts []int, ballots, blank int, none bool, p priority) CountResult {
	r := CountResult{Counts: counts, Ballots: ballots, Blank: blank}
	if none {
		r.set(noVotes())
		return r
	}
	top := extremes(allOptions(len(counts)), counts, false)
	if len(top) == 1 {
		r.set(decided(top[0]))
		return r
	}
	r.TieBreak = breakTie[int](top, nil, p, false)
	r.set(fromTieBreak(r.TieBreak))
	return r
}

// fromTieBreak turns the tie for first place into the decision.
func fromTieBreak(t *TieBreak) decision {
	if t.Method == TieUnbroken {
		return tiedDecision(t.Chosen)
	}
	return decided(t.Chosen[0])
}

func allOptions(n int) []int {
	all := make([]int, n)
	for o := range all {
		all[o] = o
	}
	return all
}

func (r *CountResult) set(d decision) { r.Resolution, r.Winner, r.Tied = d.res, d.winner, d.tied }
