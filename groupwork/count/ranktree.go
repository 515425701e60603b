package count

import (
	"math/bits"
	"slices"
)

// rankTree merges the ranked ballots of a count by their common
// beginnings, as a clerk stacks identical ballots together: each node is
// one ranking prefix (an option after the prefix of its parent) with the
// number of ballots that begin with it. A round then counts the tree, not
// the ballots. In an instant runoff a ballot counts for the first
// continuing option on its path, so the recount visits only the nodes
// below eliminated options; a single transferable vote follows each path
// as it would follow each of its ballots, with the same value and the same
// rounding. Either way the cost of a round grows with the number of
// different rankings, not with the number of ballots. An instant runoff
// builds its tree with fillShort, which tallies the short rankings in a
// flat table first; the single transferable vote with fill. Real elections repeat
// rankings a great deal (San Francisco's 197,000 ballots of 2011 rank at
// most three of 25 options); when the ballots are too varied the tree is
// abandoned, and the count falls back to piles (instant runoff) or to
// reading the ballots in every round (single transferable vote).
type rankTree struct {
	// root[o] is the node of the rankings that begin with o, or -1.
	root  []int32
	nodes []rankNode
	// dense holds, for at most denseN options, a table of n slots for each
	// node with nodes below it: slot o is the node of option o below it, or
	// -1. A ballot then finds each of its nodes without a search; wider
	// elections search the list of a node's children.
	dense []int32
	n     int
	limit int
}

// denseN is the largest number of options for which the tree keeps a
// table of children per node (4 bytes an option).
const denseN = 32

type rankNode struct {
	option  int32
	through int32 // ballots whose ranking begins with this node's path
	ends    int32 // of those, the ballots whose ranking ends here (see finish)
	child   int32 // first node below, or -1
	sibling int32 // next node with the same parent, or -1
	table   int32 // the first of this node's slots in dense, or -1
}

// newRankTree returns an empty tree for n options that may grow to limit
// nodes (and, for at most denseN options, 4*limit slots of tables).
func newRankTree(n, limit int) *rankTree {
	t := &rankTree{root: make([]int32, n), n: n, limit: limit, nodes: make([]rankNode, 0, min(limit, 256))}
	for o := range t.root {
		t.root[o] = -1
	}
	return t
}

// fill checks every ballot, counts the first preferences into counts and
// merges the ballots into the tree, all in one reading of the ballots. It
// returns the error of the first bad ballot, and false (with the tree
// left incomplete) when the ballots need more than limit nodes.
func (t *rankTree) fill(ballots [][]int, counts []int) (bool, error) {
	ok := true
	var check *checker
	mask := uint64(0)
	if t.n <= smallN {
		mask = smallMask(uint(t.n))
	} else {
		check = newChecker(t.n)
	}
	for i, b := range ballots {
		if check == nil {
			if !validIn(b, mask) {
				return false, checkRanking(i, b, t.n)
			}
		} else if err := check.check(i, b); err != nil {
			return false, err
		}
		if len(b) == 0 {
			continue
		}
		counts[b[0]]++
		if ok {
			t.insert(b)
			ok = !t.full()
		}
	}
	return ok, nil
}

// flatMax is the most slots of the table in which fillShort counts short
// rankings (4 bytes a slot).
const flatMax = 1 << 15

// flatShape returns the longest ranking k that a table of (n+1)^k slots
// can count, for n options (at most smallN) and the given ballots: the
// table is bounded by flatMax and by the number of ballots, so that a small
// election does not pay for clearing and reading a large table. It also
// returns the number of slots; k is 0 when not even one rank fits.
func flatShape(n, ballots int) (k, size int) {
	limit := min(flatMax, ballots)
	size = 1
	for k < n && size*(n+1) <= limit {
		size *= n + 1
		k++
	}
	return k, size
}

// fillShort is fill for an instant runoff over at most smallN options. As
// a clerk who tallies identical short ballots with marks on one sheet
// before stacking them, it counts every ranking of at most k options in
// one slot of a flat table: the ranking, read as a number in base n+1 (an
// option o is the digit o+1, and the ranking is padded with zeros to k
// digits), is the slot. Only longer rankings go into the tree one by one;
// the table's rankings then join the tree once each, with their number of
// ballots. A ballot thus costs one table increment instead of one tree
// lookup per rank. The tree holds the same rankings, with the same counts,
// as fill would build.
func (t *rankTree) fillShort(ballots [][]int, counts []int) (bool, error) {
	if t.n > smallN {
		return t.fill(ballots, counts)
	}
	k, size := flatShape(t.n, len(ballots))
	if k == 0 {
		return t.fill(ballots, counts)
	}
	table := make([]int32, size)
	ok, bad := t.tallyShort(ballots, counts, table, k)
	if bad >= 0 {
		return false, checkRanking(bad, ballots[bad], t.n)
	}
	return t.mergeTable(table, k, counts, ok), nil
}

// mergeTable adds the rankings that tallyShort counted in table to counts
// (their first preferences) and, while ok, to the tree; it returns whether
// the tree stays within its limit.
//
// In the order of the slots a ranking comes right before the rankings that
// extend it, and all rankings with the same beginning come together: the
// slots list the tree in preorder. So when the tree is still empty (no
// ranking was longer than the table holds), each node is made once, when
// its ranking first appears, below the node of the ranking's beginning,
// which is still on the path: no node is ever searched for. The nodes are
// counted first, to allocate them at once and to know beforehand whether
// they fit the limit.
func (t *rankTree) mergeTable(table []int32, k int, counts []int, ok bool) bool {
	r := newSlotReader(t.n, k)
	fresh := ok && len(t.nodes) == 0
	if fresh {
		need := walkTable(table, &r, nil, nil)
		if need > t.limit {
			fresh, ok = false, false
		} else {
			t.nodes = slices.Grow(t.nodes, need)
		}
	}
	if fresh {
		walkTable(table, &r, t, counts)
		return true
	}
	var digits [flatDigits]int
	for key := 1; key < len(table); key++ {
		w := table[key]
		if w == 0 {
			continue
		}
		l := r.read(key, &digits)
		for d := range l {
			digits[d]--
		}
		counts[digits[0]] += int(w)
		if ok {
			t.insertMany(digits[:l], w)
			ok = !t.full()
		}
	}
	return ok
}

// walkTable reads the rankings of the slots of table in order (see
// mergeTable) and returns the number of nodes they need in an empty tree.
// With a tree, it also makes those nodes in it, counts each ranking's
// ballots through its nodes, and adds the first preferences to counts.
func walkTable(table []int32, r *slotReader, t *rankTree, counts []int) int {
	var a, b [flatDigits]int
	cur, prev := &a, &b
	var path [flatDigits]int32 // path[d]: the node of the first d+1 digits of prev
	prevLen, nodes := 0, 0
	for key := 1; key < len(table); key++ {
		w := table[key]
		if w == 0 {
			continue
		}
		l := r.read(key, cur)
		depth := 0
		for depth < prevLen && cur[depth] == prev[depth] {
			depth++
		}
		nodes += l - depth
		if t != nil {
			for d := depth; d < l; d++ {
				o := cur[d] - 1
				if d == 0 {
					path[0] = t.add(o, -1)
					t.root[o] = path[0]
				} else {
					path[d] = t.add(o, path[d-1])
				}
			}
			for d := range l {
				t.nodes[path[d]].through += w
			}
			counts[cur[0]-1] += int(w)
		}
		cur, prev, prevLen = prev, cur, l
	}
	return nodes
}

// slotReader reads the ranking of a slot of the flat table: its digits in
// base n+1, most significant first, where 0 is no option and o+1 is option
// o. It divides by multiplying with a reciprocal, which is exact for the
// slots of a table of at most flatMax (2^15) slots: the error of the
// reciprocal, below 2^-32 a unit, times a slot number below 2^15 stays
// below 2^-17, less than the distance from any quotient's fraction to the
// next whole number (at least 1/place >= 2^-15).
type slotReader struct {
	k     int
	place [flatDigits]uint64 // the value of a unit of each digit
	recip [flatDigits]uint64 // 2^32/place, rounded up
}

func newSlotReader(n, k int) slotReader {
	r := slotReader{k: k}
	p := uint64(1)
	for d := k - 1; d >= 0; d-- {
		r.place[d] = p
		r.recip[d] = 1<<32/p + 1
		p *= uint64(n + 1)
	}
	return r
}

// read sets digits to the ranking of slot key and returns its length.
func (r *slotReader) read(key int, digits *[flatDigits]int) int {
	rest := uint64(key)
	l := 0
	for d := range r.k {
		q := rest * r.recip[d] >> 32
		if q == 0 {
			break
		}
		rest -= q * r.place[d]
		digits[d] = int(q)
		l++
	}
	return l
}

// flatDigits bounds the ranks of a table slot: (n+1)^k <= flatMax with
// n >= 1 gives k < 16.
const flatDigits = 16

// tallyShort is the reading of the ballots for fillShort, a function of
// its own so that the loop keeps its few values in registers. It checks
// every ballot, adds each ranking of at most k options to its slot of
// table, and merges the longer ones into the tree, counting their first
// preferences. It returns whether the tree is within its limit and the
// index of the first invalid ballot, or -1.
func (t *rankTree) tallyShort(ballots [][]int, counts []int, table []int32, k int) (ok bool, bad int) {
	valid := smallMask(uint(t.n))
	base := t.n + 1
	var pad [flatDigits + 1]int
	pad[k] = 1
	for l := k - 1; l >= 0; l-- {
		pad[l] = pad[l+1] * base
	}
	ok = true
	for i, b := range ballots {
		if len(b) > k {
			if !validIn(b, valid) {
				return false, i
			}
			counts[b[0]]++
			if ok {
				t.insert(b)
				ok = !t.full()
			}
			continue
		}
		var seen uint64
		var all uint
		key := 0
		for _, o := range b {
			seen |= 1 << (uint(o) & (smallN - 1))
			all |= uint(o)
			key = key*base + o + 1
		}
		if all >= smallN || seen&^valid != 0 || bits.OnesCount64(seen) != len(b) {
			return false, i
		}
		table[key*pad[len(b)]]++
	}
	return ok, -1
}

// finish sets every node's count of the ballots that end there, for the
// counts that need it (the single transferable vote's exhausted ballots).
func (t *rankTree) finish() {
	for i := range t.nodes {
		t.nodes[i].ends += t.nodes[i].through
		if c := t.nodes[i].child; c >= 0 {
			for ; c >= 0; c = t.nodes[c].sibling {
				t.nodes[i].ends -= t.nodes[c].through
			}
		}
	}
}

// stvTree checks the ballots of a single transferable vote and merges
// them into a finished tree; it returns the number of non-empty ballots,
// and a nil tree when the ballots are too varied for one node per
// rankTreeShare ballots.
func stvTree(n int, ballots [][]int) (*rankTree, int, error) {
	t := newRankTree(n, len(ballots)/rankTreeShare)
	counts := make([]int, n)
	ok, err := t.fill(ballots, counts)
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return nil, sumOf(counts), nil
	}
	t.finish()
	return t, sumOf(counts), nil
}

// insert adds one non-empty ballot to the tree.
func (t *rankTree) insert(b []int) { t.insertMany(b, 1) }

// insertMany adds w identical non-empty ballots to the tree.
func (t *rankTree) insertMany(b []int, w int32) {
	at := t.root[b[0]]
	if at < 0 {
		at = t.add(b[0], -1)
		t.root[b[0]] = at
	}
	t.nodes[at].through += w
	if t.n > denseN {
		for _, o := range b[1:] {
			at = t.child(at, o)
			t.nodes[at].through += w
		}
		return
	}
	for _, o := range b[1:] {
		tab := t.nodes[at].table
		if tab < 0 {
			tab = int32(len(t.dense))
			for range t.n {
				t.dense = append(t.dense, -1)
			}
			t.nodes[at].table = tab
		}
		next := t.dense[int(tab)+o]
		if next < 0 {
			next = t.add(o, at)
			t.dense[int(tab)+o] = next
		}
		at = next
		t.nodes[at].through += w
	}
}

// full reports whether the tree has outgrown its limit.
func (t *rankTree) full() bool {
	return len(t.nodes) > t.limit || len(t.dense) > 4*t.limit
}

// add appends a node for option o below parent (-1 for none).
func (t *rankTree) add(o int, parent int32) int32 {
	i := int32(len(t.nodes))
	t.nodes = append(t.nodes, rankNode{option: int32(o), child: -1, sibling: -1, table: -1})
	if parent >= 0 {
		t.nodes[i].sibling = t.nodes[parent].child
		t.nodes[parent].child = i
	}
	return i
}

// child returns the node for option o below parent, adding it if needed.
// A node found is moved to the front of its siblings, so that the rankings
// most ballots share are found first.
func (t *rankTree) child(parent int32, o int) int32 {
	prev := int32(-1)
	for c := t.nodes[parent].child; c >= 0; prev, c = c, t.nodes[c].sibling {
		if t.nodes[c].option == int32(o) {
			if prev >= 0 {
				t.nodes[prev].sibling = t.nodes[c].sibling
				t.nodes[c].sibling = t.nodes[parent].child
				t.nodes[parent].child = c
			}
			return c
		}
	}
	return t.add(o, parent)
}

// recount adds each ballot to the count of its first continuing option.
func (t *rankTree) recount(cont *continuing, counts []int) {
	for _, r := range t.root {
		if r >= 0 {
			t.visit(r, cont, counts)
		}
	}
}

func (t *rankTree) visit(i int32, cont *continuing, counts []int) {
	node := &t.nodes[i]
	if cont.has(int(node.option)) {
		counts[node.option] += int(node.through)
		return
	}
	for c := node.child; c >= 0; c = t.nodes[c].sibling {
		t.visit(c, cont, counts)
	}
}
