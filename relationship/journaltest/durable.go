package journaltest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func testEmptyReopens(t *testing.T, open func() relationship.Journal) {
	require.NoError(t, open().Close())
	j := open()
	assert.Empty(t, Contents(t, j))
	assert.Zero(t, version(t, j, "s"))
	assert.Empty(t, ReadFeed(t, j, 0))
}

func testSurvivesReopen(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	j := open()
	want := map[string][]relationship.Entry{
		"case-a":  Entries(1, 0, 3),
		"group-b": Entries(2, 0, 1),
		"case-c":  Entries(3, 0, 7),
	}
	for name, entries := range want {
		require.NoError(t, j.Append(ctx, to(name, 0, entries...)))
	}
	require.NoError(t, j.Close())

	j = open()
	assert.Equal(t, want, Contents(t, j))
	for name, entries := range want {
		assert.Equal(t, uint64(len(entries)), version(t, j, name), name)
	}
	assert.Equal(t, want["case-c"][4:], ReadAll(t, j, "case-c", 5), "reading from the middle")
}

func testContinuesAfterReopen(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	j := open()
	first := Entries(1, 0, 2)
	require.NoError(t, j.Append(ctx, to("s", 0, first...)))
	require.NoError(t, j.Close())

	j = open()
	err := j.Append(ctx, to("s", 0, Entries(1, 0, 1)...))
	var vc *relationship.VersionConflictError
	require.ErrorAs(t, err, &vc, "the version survives the reopen")
	assert.Equal(t, uint64(2), vc.Actual)
	more := Entries(1, 2, 3)
	require.NoError(t, j.Append(ctx, to("s", 2, more...)))
	require.NoError(t, j.Close())

	j = open()
	assert.Equal(t, append(first, more...), ReadAll(t, j, "s", 1))
}

func testManyReopens(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	var want []relationship.Entry
	for round := range 6 {
		j := open()
		require.Equal(t, want, ReadAll(t, j, "s", 1), "round %d", round)
		batch := Entries(round, uint64(len(want)), round+1)
		require.NoError(t, j.Append(ctx, to("s", uint64(len(want)), batch...)))
		want = append(want, batch...)
		require.NoError(t, j.Close())
	}
	assert.Equal(t, want, ReadAll(t, open(), "s", 1))
}

// testConcurrentWritersSurvive has 8 writers append at once, four to a
// shared stream with retries on conflict and four to streams of their own,
// then reopens the journal: nothing may be lost or duplicated.
func testConcurrentWritersSurvive(t *testing.T, open func() relationship.Journal) {
	const writers, perWriter = 8, 20
	ctx := context.Background()
	j := open()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "shared"
			if w%2 == 1 {
				name = fmt.Sprintf("own-%d", w)
			}
			for i := 0; i < perWriter; {
				v, err := j.Version(ctx, name)
				if err == nil {
					err = j.Append(ctx, to(name, v, NoteEntry(w, i, v+1)))
				}
				switch {
				case err == nil:
					i++
				case !errors.Is(err, relationship.ErrVersionConflict):
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	before := Contents(t, j)
	require.NoError(t, j.Close())

	after := Contents(t, open())
	assert.Equal(t, before, after, "the reopened journal holds what was acknowledged")
	seen := map[[2]int]bool{}
	for name, entries := range after {
		for i, e := range entries {
			assert.Equal(t, uint64(i+1), e.Seq(), "%s has no gaps", name)
			n := e.Event().(Note)
			assert.False(t, seen[[2]int{n.Writer, n.N}], "note %d of writer %d twice", n.N, n.Writer)
			seen[[2]int{n.Writer, n.N}] = true
		}
	}
	assert.Len(t, seen, writers*perWriter, "no note lost")
	assert.Len(t, after["shared"], writers/2*perWriter)
}

// testMultiStreamSurvives makes appends to several streams, and at any
// version, reopens, and goes on: the record, and the numbering at any
// version, carry on from where they stopped.
func testMultiStreamSurvives(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	j := open()
	want := feedAppends(t, j)
	before := Contents(t, j)
	require.NoError(t, j.Close())

	j = open()
	assert.Equal(t, before, Contents(t, j))
	var got []string
	for _, fe := range ReadFeed(t, j, 0) {
		got = append(got, feedKey(fe))
	}
	assert.Equal(t, want, got, "appends to several streams are whole after a reopen")
	require.NoError(t, j.Append(ctx, to("log-a", relationship.AnyVersion, NoteEntry(9, 0, 1)), to("agency", 3, Entries(9, 3, 1)...)))
	require.NoError(t, j.Close())

	j = open()
	log := ReadAll(t, j, "log-a", 1)
	require.Len(t, log, 3)
	sameNote(t, NoteEntry(9, 0, 1), 3, log[2])
	assert.Equal(t, uint64(4), version(t, j, "agency"))
}

// testFeedSurvivesReopen reads the feed, reopens, and reads it again: the
// same entries at the same positions. Appends after the reopen come after
// the last position, so a follower resumes where it stopped.
func testFeedSurvivesReopen(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	j := open()
	feedAppends(t, j)
	before := ReadFeed(t, j, 0)
	require.NoError(t, j.Close())

	j = open()
	assert.Equal(t, before, ReadFeed(t, j, 0), "the same entries at the same positions")
	last := before[len(before)-1].Position
	require.NoError(t, j.Append(ctx, to("case-z", 0, Entries(7, 0, 2)...)))
	more := ReadFeed(t, j, last)
	require.Len(t, more, 2)
	checkPositions(t, append(before, more...))
	require.NoError(t, j.Close())

	j = open()
	assert.Equal(t, append(before, more...), ReadFeed(t, j, 0))
	assert.NoError(t, j.Wait(ctx, last), "a follower that stopped at the old end is behind")
}

// testSnapshotsSurvive saves snapshots, replaces one, and reopens: the
// latest of each is kept, and the rules go on from it.
func testSnapshotsSurvive(t *testing.T, open func() relationship.Journal) {
	ctx := context.Background()
	j := open()
	require.NoError(t, j.Append(ctx, to("case-a", 0, Entries(1, 0, 4)...), to("group-b", 0, Entries(2, 0, 2)...)))
	require.NoError(t, j.SaveSnapshot(ctx, "case-a", snap(2, "case at 2")))
	require.NoError(t, j.SaveSnapshot(ctx, "case-a", snap(4, "case at 4")))
	require.NoError(t, j.SaveSnapshot(ctx, "group-b", snap(1, "group at 1")))
	require.NoError(t, j.Close())

	j = open()
	got, ok := loadSnapshot(t, j, "case-a")
	require.True(t, ok)
	assert.Equal(t, snap(4, "case at 4"), got)
	got, ok = loadSnapshot(t, j, "group-b")
	require.True(t, ok)
	assert.Equal(t, snap(1, "group at 1"), got)
	_, ok = loadSnapshot(t, j, "nobody")
	assert.False(t, ok)
	require.ErrorIs(t, j.SaveSnapshot(ctx, "case-a", snap(3, "older")), relationship.ErrInvalidEntry, "the version kept survives the reopen")
	require.NoError(t, j.SaveSnapshot(ctx, "group-b", snap(2, "group at 2")))
	require.NoError(t, j.Close())

	j = open()
	got, _ = loadSnapshot(t, j, "group-b")
	assert.Equal(t, snap(2, "group at 2"), got)
}
