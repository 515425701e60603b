package count

import "math/bits"

// Ballots are plain slices of option numbers, so that any caller can build
// them without learning a type: a ranked ballot lists options most preferred
// first and may stop early (an empty ballot expresses no preference); an
// approval ballot lists the approved options in any order. Either way an
// option may appear at most once. The functions of this package read the
// caller's ballots and never modify, copy or keep them.

// smallN is the largest number of options whose sets fit in one machine word.
const smallN = 64

// validSmall reports whether b lists options of 0..n-1 (n <= smallN) at most
// once each. See validIn.
func validSmall(b []int, n uint) bool { return validIn(b, smallMask(n)) }

// smallMask returns the set of options 0..n-1, for n <= smallN.
func smallMask(n uint) uint64 { return ^uint64(0) >> (smallN - n) }

// validIn reports whether b lists options of the set valid at most once
// each. It is the hot path of every count, so it has no branch per option:
// it sets one bit per listed option and ORs the options together, so that
// any option outside 0..63 (negative ones included, as unsigned) shows in
// the high bits, and then compares. A repeated option sets a bit already
// set, so the ballot then has fewer bits than options.
func validIn(b []int, valid uint64) bool {
	var seen uint64
	var all uint
	for _, o := range b {
		seen |= 1 << (uint(o) & (smallN - 1))
		all |= uint(o)
	}
	return all < smallN && seen&^valid == 0 && bits.OnesCount64(seen) == len(b)
}

// stamps checks ballots over more than smallN options without clearing a
// set per ballot: seen[o] holds the number of the last check that met o.
type stamps struct {
	seen []uint64
	gen  uint64
}

func (s *stamps) valid(b []int) bool {
	s.gen++
	n := uint(len(s.seen))
	for _, o := range b {
		if uint(o) >= n || s.seen[o] == s.gen {
			return false
		}
		s.seen[o] = s.gen
	}
	return true
}

// checkRanking returns the error for ballot i (or the priority list when i
// is [PriorityList]) if it names an option outside 0..n-1 or one option twice.
// It is the slow path, run only on a ballot the fast check rejected.
func checkRanking(i int, b []int, n int) error {
	first := make(map[int]int, len(b))
	for p, o := range b {
		if o < 0 || o >= n {
			return &BallotError{Ballot: i, Position: p, Option: o, N: n, First: -1, Err: ErrOptionOutOfRange}
		}
		if q, ok := first[o]; ok {
			return &BallotError{Ballot: i, Position: p, Option: o, N: n, First: q, Err: ErrDuplicateOption}
		}
		first[o] = p
	}
	return nil
}

// checker validates ballots one by one, choosing the fastest method for n.
type checker struct {
	n  int
	st stamps
}

func newChecker(n int) *checker {
	c := &checker{n: n}
	if n > smallN {
		c.st.seen = make([]uint64, n)
	}
	return c
}

// check returns nil if ballot i is valid, and otherwise its error.
func (c *checker) check(i int, b []int) error {
	if c.n <= smallN {
		if validSmall(b, uint(c.n)) {
			return nil
		}
	} else if c.st.valid(b) {
		return nil
	}
	return checkRanking(i, b, c.n)
}
