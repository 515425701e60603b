package journaltest

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// snapshotType is the Type of the snapshots the suite saves.
const snapshotType = "journaltest.snapshot.v1"

// snap returns a snapshot at version v holding data.
func snap(v uint64, data string) relationship.Snapshot {
	return relationship.Snapshot{Version: v, Type: snapshotType, Data: []byte(data)}
}

// loadSnapshot loads the snapshot of stream, failing the test on an error.
func loadSnapshot(t testing.TB, j relationship.Journal, stream string) (relationship.Snapshot, bool) {
	t.Helper()
	s, ok, err := j.LoadSnapshot(context.Background(), stream)
	require.NoError(t, err)
	return s, ok
}

func testSnapshotNone(t *testing.T, j relationship.Journal) {
	require.NoError(t, j.Append(context.Background(), to("s", 0, Entries(1, 0, 2)...)))
	for _, stream := range []string{"s", "nobody", ""} {
		s, ok := loadSnapshot(t, j, stream)
		assert.False(t, ok, "stream %q", stream)
		assert.Zero(t, s, "stream %q", stream)
	}
}

// testSnapshotSaveLoad saves snapshots of two streams and loads them back:
// each as saved, apart, and not changed by what the caller does to the
// bytes afterwards.
func testSnapshotSaveLoad(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("case-a", 0, Entries(1, 0, 3)...), to("group-b", 0, Entries(2, 0, 1)...)))
	a := snap(3, `{"phase":"treatment"}`)
	require.NoError(t, j.SaveSnapshot(ctx, "case-a", a))
	require.NoError(t, j.SaveSnapshot(ctx, "group-b", snap(1, "\x00binary\xff")))
	a.Data[0] = 'X' // the caller's bytes are the caller's

	got, ok := loadSnapshot(t, j, "case-a")
	require.True(t, ok)
	assert.Equal(t, snap(3, `{"phase":"treatment"}`), got)
	got.Data[0] = 'Y'
	again, _ := loadSnapshot(t, j, "case-a")
	assert.Equal(t, snap(3, `{"phase":"treatment"}`), again, "the loaded bytes are the caller's")

	got, ok = loadSnapshot(t, j, "group-b")
	require.True(t, ok)
	assert.Equal(t, snap(1, "\x00binary\xff"), got)

	require.NoError(t, j.Append(ctx, to("case-a", 3, Entries(1, 3, 2)...)))
	got, _ = loadSnapshot(t, j, "case-a")
	assert.Equal(t, uint64(3), got.Version, "appends leave the snapshot as it was")
	assert.Equal(t, Entries(1, 3, 2), ReadAll(t, j, "case-a", got.Version+1), "loading reads on from the snapshot")
}

// testSnapshotRules refuses snapshots that break the rules, and keeps the
// one saved before.
func testSnapshotRules(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("s", 0, Entries(1, 0, 3)...)))
	require.NoError(t, j.SaveSnapshot(ctx, "s", snap(2, "kept")))
	tests := []struct {
		name   string
		stream string
		s      relationship.Snapshot
		err    error
	}{
		{"version 0", "s", snap(0, "state"), relationship.ErrInvalidEntry},
		{"past the stream's version", "s", snap(4, "state"), relationship.ErrInvalidEntry},
		{"older than the one kept", "s", snap(1, "state"), relationship.ErrInvalidEntry},
		{"no type", "s", relationship.Snapshot{Version: 3, Data: []byte("state")}, relationship.ErrInvalidEntry},
		{"no data", "s", relationship.Snapshot{Version: 3, Type: snapshotType}, relationship.ErrInvalidEntry},
		{"empty data", "s", relationship.Snapshot{Version: 3, Type: snapshotType, Data: []byte{}}, relationship.ErrInvalidEntry},
		{"a stream with no entries", "nobody", snap(1, "state"), relationship.ErrInvalidEntry},
		{"an empty stream name", "", snap(1, "state"), relationship.ErrInvalidEntry},
		{"a stream name too long", strings.Repeat("s", relationship.MaxStreamName+1), snap(1, "state"), relationship.ErrInvalidEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := j.SaveSnapshot(ctx, tt.stream, tt.s)
			require.ErrorIs(t, err, tt.err)
			var ee *relationship.EntryError
			assert.ErrorAs(t, err, &ee)
			got, ok := loadSnapshot(t, j, "s")
			require.True(t, ok)
			assert.Equal(t, snap(2, "kept"), got, "the snapshot kept is unchanged")
		})
	}
	_, ok := loadSnapshot(t, j, "nobody")
	assert.False(t, ok)
}

// testSnapshotTooLarge saves a snapshot whose data is a byte larger than
// MaxSnapshotSize: refused.
func testSnapshotTooLarge(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("s", 0, Entries(1, 0, 1)...)))
	data := hugeData(t, relationship.MaxSnapshotSize+1)
	err := j.SaveSnapshot(ctx, "s", relationship.Snapshot{Version: 1, Type: snapshotType, Data: data})
	requireTooLarge(t, err)
	_, ok := loadSnapshot(t, j, "s")
	assert.False(t, ok)
}

// testSnapshotReplace replaces a snapshot with one of the same version and
// with a later one.
func testSnapshotReplace(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("s", 0, Entries(1, 0, 5)...)))
	steps := []relationship.Snapshot{
		snap(1, "first"),
		snap(1, "first, again"), // an equal version replaces it
		{Version: 4, Type: "journaltest.snapshot.v2", Data: []byte("later, and of another type")},
		snap(5, "last"),
	}
	for _, s := range steps {
		require.NoError(t, j.SaveSnapshot(ctx, "s", s))
		got, ok := loadSnapshot(t, j, "s")
		require.True(t, ok)
		assert.Equal(t, s, got)
	}
	require.ErrorIs(t, j.SaveSnapshot(ctx, "s", snap(4, "too old now")), relationship.ErrInvalidEntry)
}
