package relationship

// chunkLen is how many items one block of a [chunks] holds.
const chunkLen = 1024

// chunks is a sequence kept in blocks of chunkLen items: appending never
// copies what is held (a record of a million entries grows a block at a
// time, not by doubling and copying itself), and dropping items from the
// front lets whole blocks go. Items are never changed in place once
// pushed, so a copy of a chunks value is a view of the items it held then,
// which later pushes and drops on the original leave as they were. The
// zero value is empty and ready to use.
type chunks[T any] struct {
	blocks [][]T // every block has capacity chunkLen; all but the last are full
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
	if k := len(c.blocks); k == 0 || len(c.blocks[k-1]) == chunkLen {
		c.blocks = append(c.blocks, make([]T, 0, chunkLen))
	}
	last := &c.blocks[len(c.blocks)-1]
	*last = append(*last, v)
	c.n++
}

// drop drops the first k items, 0 <= k <= c.len(). Blocks wholly dropped
// are let go (once no view holds them); the items of a block partly
// dropped are kept until the rest of it is.
func (c *chunks[T]) drop(k int) {
	c.n -= k
	c.head += k
	full := c.head / chunkLen
	if c.n == 0 {
		*c = chunks[T]{}
		return
	}
	// Reslice rather than clear: a view may still hold the blocks array.
	c.blocks = c.blocks[full:]
	c.head -= full * chunkLen
}
