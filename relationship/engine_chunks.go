package relationship

// chunkLen is how many items one full block of a chunks value holds.
const chunkLen = 1024

// firstChunk is the size of the first block: a short record (a case of
// twenty entries) takes little room, and its block doubles up to chunkLen.
const firstChunk = 16

// chunks is a sequence kept in blocks: once the first has grown to
// chunkLen items, appending never copies what is held (a record of a
// million entries grows a block at a time, not by doubling and copying
// itself), and dropping items from the front lets whole blocks go.
//
// A copy of a chunks value is a view of the items it held then, which
// later pushes and drops on the original leave as they were, even read
// concurrently: an item, once pushed, is never written again, nor is
// anything a view reads (a push writes only past the view's items, and
// replaces, never rewrites, the list of blocks a view may hold). The zero
// value is empty and ready to use.
type chunks[T any] struct {
	blocks [][]T // each block's length is its size: firstChunk doubled up to chunkLen; all chunkLen once there are two
	head   int   // items dropped from the front of blocks[0]
	n      int   // items held
}

// len returns the number of items held.
func (c *chunks[T]) len() int { return c.n }

// at returns the item at position i, 0 <= i < c.len().
func (c *chunks[T]) at(i int) *T {
	i += c.head
	return &c.blocks[i/chunkLen][i%chunkLen]
}

// push appends v.
func (c *chunks[T]) push(v T) {
	pos := c.head + c.n
	switch {
	case len(c.blocks) == 0:
		c.blocks = [][]T{make([]T, firstChunk)}
	case len(c.blocks) == 1 && pos == len(c.blocks[0]) && pos < chunkLen:
		// The first block doubles, into a new list of blocks: a view
		// keeps the old block and the old list.
		b := make([]T, min(2*pos, chunkLen))
		copy(b, c.blocks[0])
		c.blocks = [][]T{b}
	case pos/chunkLen == len(c.blocks):
		c.blocks = append(c.blocks, make([]T, chunkLen))
	}
	c.blocks[pos/chunkLen][pos%chunkLen] = v
	c.n++
}

// drop drops the first k items, 0 <= k <= c.len(). Blocks wholly dropped
// are let go (once no view holds them); the items of a block partly
// dropped are kept until the rest of it is.
func (c *chunks[T]) drop(k int) {
	c.n -= k
	c.head += k
	if c.n == 0 {
		*c = chunks[T]{}
		return
	}
	full := c.head / chunkLen
	c.blocks = c.blocks[full:]
	c.head -= full * chunkLen
}
