package count

// rankTree merges the ranked ballots of a count by their common
// beginnings, as a clerk stacks identical ballots together: each node is
// one ranking prefix (an option after the prefix of its parent) with the
// number of ballots that begin with it. A round then counts the tree, not
// the ballots. In an instant runoff a ballot counts for the first
// continuing option on its path, so the recount visits only the nodes
// below eliminated options; a single transferable vote follows each path
// as it would follow each of its ballots, with the same value and the same
// rounding. Either way the cost of a round grows with the number of
// different rankings, not with the number of ballots. Real elections repeat
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
func (t *rankTree) insert(b []int) {
	at := t.root[b[0]]
	if at < 0 {
		at = t.add(b[0], -1)
		t.root[b[0]] = at
	}
	t.nodes[at].through++
	if t.n > denseN {
		for _, o := range b[1:] {
			at = t.child(at, o)
			t.nodes[at].through++
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
		t.nodes[at].through++
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
