package relationship

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChunks pushes and drops across block boundaries and checks that
// every item is where it belongs, and that a view taken before keeps what
// it held.
func TestChunks(t *testing.T) {
	t.Run("views read while the original grows", func(t *testing.T) {
		var c chunks[int]
		done := make(chan struct{})
		views := make(chan chunks[int], 64)
		go func() {
			defer close(done)
			for v := range views {
				for i := range v.len() {
					if *v.at(i) != i {
						t.Errorf("view item %d reads %d", i, *v.at(i))
						return
					}
				}
			}
		}()
		for i := range 5 * chunkLen {
			c.push(i)
			if i%97 == 0 {
				views <- c
			}
		}
		close(views)
		<-done
	})
	for _, tc := range []struct {
		name       string
		push, drop int
	}{
		{"empty", 0, 0},
		{"within the first block", 3, 1},
		{"the first block grown", 100, 50},
		{"one block, none dropped", 10, 0},
		{"one block, some dropped", 10, 3},
		{"one block, all dropped", 10, 10},
		{"a full block dropped", 2*chunkLen + 5, chunkLen},
		{"blocks and a part dropped", 3*chunkLen + 7, 2*chunkLen + 9},
		{"all of several blocks dropped", 2 * chunkLen, 2 * chunkLen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c chunks[int]
			for i := range tc.push {
				c.push(i)
			}
			view := c
			c.drop(tc.drop)
			require.Equal(t, tc.push-tc.drop, c.len())
			for i := range c.len() {
				assert.Equal(t, tc.drop+i, *c.at(i))
			}
			for i := range 2*chunkLen + 1 {
				c.push(tc.push + i)
			}
			for i := range c.len() {
				require.Equal(t, tc.drop+i, *c.at(i))
			}
			require.Equal(t, tc.push, view.len())
			for i := range view.len() {
				require.Equal(t, i, *view.at(i))
			}
		})
	}
}
