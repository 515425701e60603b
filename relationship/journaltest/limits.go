package journaltest

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// entryOfSize returns the entry with sequence seq whose JSON is exactly
// size bytes: a note whose text is as many x's as it takes. An x encodes as
// one byte, which the test checks on a small entry rather than by encoding
// a large one again.
func entryOfSize(t *testing.T, seq uint64, size int) relationship.Entry {
	t.Helper()
	empty, err := TextEntry(1, 0, seq, "").MarshalJSON()
	require.NoError(t, err)
	require.Greater(t, size, len(empty)+10)
	ten, err := TextEntry(1, 0, seq, "xxxxxxxxxx").MarshalJSON()
	require.NoError(t, err)
	require.Len(t, ten, len(empty)+10)
	return TextEntry(1, 0, seq, strings.Repeat("x", size-len(empty)))
}

// requireTooLarge checks that err reports something too large, as a
// relationship.EntryError.
func requireTooLarge(t *testing.T, err error) {
	t.Helper()
	require.ErrorIs(t, err, relationship.ErrTooLarge)
	var ee *relationship.EntryError
	assert.ErrorAs(t, err, &ee)
}

// testEntryTooLarge appends an entry of exactly MaxEntrySize bytes, which
// is stored, and one a byte larger, which is refused, at an expected
// version or at any version, alone or beside another stream.
func testEntryTooLarge(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	largest := entryOfSize(t, 1, relationship.MaxEntrySize)
	require.NoError(t, j.Append(ctx, to("big", 0, largest)), "the largest entry")
	tooLarge := entryOfSize(t, 2, relationship.MaxEntrySize+1)
	tests := []struct {
		name    string
		appends []relationship.Append
	}{
		{"alone", []relationship.Append{to("big", 1, tooLarge)}},
		{"beside another stream", []relationship.Append{to("small", 0, Entries(1, 0, 1)...), to("big", 1, tooLarge)}},
		{"at any version", []relationship.Append{to("big", relationship.AnyVersion, tooLarge)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireTooLarge(t, j.Append(ctx, tt.appends...))
			assert.Equal(t, uint64(1), version(t, j, "big"))
			assert.Zero(t, version(t, j, "small"), "nothing of the append is stored")
		})
	}
	got := ReadAll(t, j, "big", 1)
	require.Len(t, got, 1)
	assert.Equal(t, largest, got[0], "the largest entry reads back")
}

// testAppendTooLarge appends five entries, each within MaxEntrySize, that
// together pass MaxAppendSize: refused, with nothing stored, whether they
// go to one stream or to two, neither of which passes the limit alone.
func testAppendTooLarge(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	const each = 13 << 20 // five of them are more than MaxAppendSize, three are not
	text := strings.Repeat("y", each)
	entries := make([]relationship.Entry, 5)
	for i := range entries {
		entries[i] = TextEntry(1, i, uint64(i)+1, text)
	}
	requireTooLarge(t, j.Append(ctx, to("a", 0, entries...)))
	b := []relationship.Entry{TextEntry(1, 3, 1, text), TextEntry(1, 4, 2, text)}
	requireTooLarge(t, j.Append(ctx, to("a", 0, entries[:3]...), to("b", relationship.AnyVersion, b...)))
	assert.Empty(t, Contents(t, j), "nothing is stored")
}
