package journaltest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// testMultiStream appends to two streams at once, as a provision drawn
// from an agency's pool for a case does: both are stored, and the feed
// holds them together, in the order the append gave them.
func testMultiStream(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	agency, caseA := Entries(1, 0, 2), Entries(2, 0, 1)
	require.NoError(t, j.Append(ctx, to("agency", 0, agency...), to("case-a", 0, caseA...)))
	more := Entries(3, 1, 2)
	require.NoError(t, j.Append(ctx, to("case-a", 1, more...), to("agency", 2, Entries(4, 2, 1)...)))

	assert.Equal(t, map[string][]relationship.Entry{
		"agency": append(agency, Entries(4, 2, 1)...),
		"case-a": append(caseA, more...),
	}, Contents(t, j))
	var got []string
	for _, fe := range ReadFeed(t, j, 0) {
		got = append(got, fmt.Sprintf("%s#%d", fe.Stream, fe.Entry.Seq()))
	}
	assert.Equal(t, []string{"agency#1", "agency#2", "case-a#1", "case-a#2", "case-a#3", "agency#3"}, got)
}

// testMultiStreamConflict makes one stream of a multi-stream append be
// elsewhere, first, in the middle or last: the whole append fails, naming
// that stream, and stores nothing.
func testMultiStreamConflict(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("a", 0, Entries(1, 0, 1)...), to("b", 0, Entries(1, 0, 2)...), to("c", 0, Entries(1, 0, 3)...)))
	before, feed := Contents(t, j), ReadFeed(t, j, 0)
	tests := []struct {
		name    string
		appends []relationship.Append
		stream  string
		actual  uint64
	}{
		{"first", []relationship.Append{to("a", 0, Entries(2, 0, 1)...), to("b", 2, Entries(2, 2, 1)...), to("c", 3, Entries(2, 3, 1)...)}, "a", 1},
		{"middle", []relationship.Append{to("a", 1, Entries(2, 1, 1)...), to("b", 5, Entries(2, 5, 1)...), to("c", 3, Entries(2, 3, 1)...)}, "b", 2},
		{"last", []relationship.Append{to("a", 1, Entries(2, 1, 1)...), to("b", 2, Entries(2, 2, 1)...), to("c", 0, Entries(2, 0, 1)...)}, "c", 3},
		{"a new stream beside", []relationship.Append{to("new", 0, Entries(2, 0, 1)...), to("a", 0, Entries(2, 0, 1)...)}, "a", 1},
		{"the first of two elsewhere", []relationship.Append{to("a", 7, Entries(2, 7, 1)...), to("b", 7, Entries(2, 7, 1)...)}, "a", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := j.Append(ctx, tt.appends...)
			require.ErrorIs(t, err, relationship.ErrVersionConflict)
			var vc *relationship.VersionConflictError
			require.ErrorAs(t, err, &vc)
			assert.Equal(t, tt.stream, vc.Stream, "the error names the first stream that was elsewhere")
			assert.Equal(t, tt.actual, vc.Actual)
			assert.Equal(t, before, Contents(t, j), "nothing is stored")
			assert.Equal(t, feed, ReadFeed(t, j, 0), "nothing joins the feed")
			assert.Zero(t, version(t, j, "new"))
		})
	}
}

// testMultiStreamInvalid refuses multi-stream appends with a bad part
// anywhere: nothing of the good parts is stored.
func testMultiStreamInvalid(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	tests := []struct {
		name    string
		appends []relationship.Append
	}{
		{"a stream named twice", []relationship.Append{to("a", 0, Entries(1, 0, 1)...), to("b", 0, Entries(1, 0, 1)...), to("a", 1, Entries(1, 1, 1)...)}},
		{"a stream named twice, once empty", []relationship.Append{to("a", 0, Entries(1, 0, 1)...), to("a", 0)}},
		{"a stream named twice at any version", []relationship.Append{to("a", relationship.AnyVersion, Entries(1, 0, 1)...), to("a", relationship.AnyVersion, Entries(1, 0, 1)...)}},
		{"a zero entry in the second", []relationship.Append{to("a", 0, Entries(1, 0, 1)...), to("b", 0, relationship.Entry{})}},
		{"a gap in the second", []relationship.Append{to("a", 0, Entries(1, 0, 1)...), to("b", 0, Entries(1, 1, 1)...)}},
		{"an empty name in the second", []relationship.Append{to("a", 0, Entries(1, 0, 1)...), to("", 0, Entries(1, 0, 1)...)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := j.Append(ctx, tt.appends...)
			require.ErrorIs(t, err, relationship.ErrInvalidEntry)
			var ee *relationship.EntryError
			assert.ErrorAs(t, err, &ee)
			assert.Empty(t, Contents(t, j), "nothing is stored")
			assert.Empty(t, ReadFeed(t, j, 0))
		})
	}
}

// testEmptyParts uses a part with no entries as a guard: it checks a
// stream's version and adds nothing, while the other parts append.
func testEmptyParts(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("agency", 0, Entries(1, 0, 2)...)))
	require.NoError(t, j.Append(ctx, to("agency", 2), to("case-a", 0, Entries(2, 0, 1)...)), "the guard holds")
	err := j.Append(ctx, to("agency", 1), to("case-a", 1, Entries(2, 1, 1)...))
	var vc *relationship.VersionConflictError
	require.ErrorAs(t, err, &vc, "the guard fails")
	assert.Equal(t, "agency", vc.Stream)
	assert.Equal(t, uint64(2), vc.Actual)
	require.NoError(t, j.Append(ctx, to("agency", 2), to("case-b", 0)), "only guards: a check that adds nothing")
	require.ErrorIs(t, j.Append(ctx, to("agency", 2), to("case-b", 1)), relationship.ErrVersionConflict)
	require.NoError(t, j.Append(ctx, to("case-c", relationship.AnyVersion)), "nothing at any version")
	assert.Equal(t, map[string][]relationship.Entry{
		"agency": Entries(1, 0, 2),
		"case-a": Entries(2, 0, 1),
	}, Contents(t, j), "empty parts add no streams")
	assert.Len(t, ReadFeed(t, j, 0), 3)
}

// sameNote checks that got holds the note of want, numbered seq.
func sameNote(t *testing.T, want relationship.Entry, seq uint64, got relationship.Entry) {
	t.Helper()
	assert.Equal(t, seq, got.Seq())
	assert.Equal(t, want.Event(), got.Event(), "entry %d", seq)
	assert.Equal(t, want.Actor(), got.Actor(), "entry %d", seq)
	assert.Equal(t, want.Time(), got.Time(), "entry %d", seq)
	assert.Equal(t, want.Act(), got.Act(), "entry %d", seq)
}

// testAnyVersion appends at AnyVersion, the way reads of a case's notes are
// logged: the journal numbers the entries after the stream's last,
// whatever numbers they carry.
func testAnyVersion(t *testing.T, j relationship.Journal) {
	ctx := context.Background()
	first := Entries(1, 6, 2) // numbered 7 and 8: the journal ignores that
	require.NoError(t, j.Append(ctx, to("log", relationship.AnyVersion, first...)))
	second := NoteEntry(2, 0, 1) // numbered 1: stored as 3
	require.NoError(t, j.Append(ctx, to("case-a", 0, Entries(3, 0, 1)...), to("log", relationship.AnyVersion, second)))
	third := Entries(4, 3, 1) // numbered right: stored as it is
	require.NoError(t, j.Append(ctx, to("log", relationship.AnyVersion, third...)))
	require.NoError(t, j.Append(ctx, to("log", 4, Entries(5, 4, 1)...)), "an expected version after appends at any version")

	got := ReadAll(t, j, "log", 1)
	require.Len(t, got, 5)
	for i, want := range []relationship.Entry{first[0], first[1], second, third[0], Entries(5, 4, 1)[0]} {
		sameNote(t, want, uint64(i+1), got[i])
	}
	assert.Equal(t, uint64(5), version(t, j, "log"))
	for _, fe := range ReadFeed(t, j, 0) {
		if fe.Stream == "log" {
			assert.Equal(t, got[fe.Entry.Seq()-1], fe.Entry, "the feed holds the entries as numbered")
		}
	}
}

// testAnyVersionConcurrent has 8 writers append at AnyVersion to one log at
// once, half of them beside an append to a stream of their own: none
// conflicts, and the log holds every entry, numbered 1 to n, each writer's
// in its order.
func testAnyVersionConcurrent(t *testing.T, j relationship.Journal) {
	const writers, perWriter = 8, 25
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				appends := []relationship.Append{to("log", relationship.AnyVersion, NoteEntry(w, i, 1))}
				if w%2 == 1 {
					appends = append(appends, to(fmt.Sprintf("own-%d", w), uint64(i), NoteEntry(w, i, uint64(i)+1)))
				}
				if err := j.Append(ctx, appends...); err != nil {
					errs <- fmt.Errorf("writer %d, note %d: %w", w, i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err, "appends at any version never conflict")
	}
	got := ReadAll(t, j, "log", 1)
	require.Len(t, got, writers*perWriter)
	next := map[int]int{}
	for i, e := range got {
		assert.Equal(t, uint64(i+1), e.Seq(), "numbered 1 to n")
		n := e.Event().(Note)
		assert.Equal(t, next[n.Writer], n.N, "writer %d's notes in order", n.Writer)
		next[n.Writer] = n.N + 1
	}
	for w := range writers {
		assert.Equal(t, perWriter, next[w], "every note of writer %d", w)
		if w%2 == 1 {
			assert.Equal(t, uint64(perWriter), version(t, j, fmt.Sprintf("own-%d", w)))
		}
	}
}

// testLastUnitRace has two writers race, round after round, to append to
// overlapping streams at the same expected version of the shared one: the
// agency and case A, the agency and case B. Exactly one wins each round,
// and nothing of the loser's append is written.
func testLastUnitRace(t *testing.T, j relationship.Journal) {
	rounds := 1000
	if testing.Short() {
		rounds = 200
	}
	ctx := context.Background()
	cases := [2]string{"case-a", "case-b"}
	var have [2]uint64 // each case's version
	for r := range rounds {
		start := make(chan struct{})
		var errs [2]error
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[w] = j.Append(ctx,
					to("agency", uint64(r), NoteEntry(w, r, uint64(r)+1)),
					to(cases[w], have[w], NoteEntry(w, r, have[w]+1)))
			}()
		}
		close(start)
		wg.Wait()
		won := -1
		for w, err := range errs {
			if err == nil {
				require.Equal(t, -1, won, "round %d: both won", r)
				won = w
				continue
			}
			var vc *relationship.VersionConflictError
			require.ErrorAs(t, err, &vc, "round %d", r)
			assert.Equal(t, "agency", vc.Stream, "round %d", r)
		}
		require.NotEqual(t, -1, won, "round %d: both lost", r)
		have[won]++
	}

	got := Contents(t, j)
	require.Len(t, got["agency"], rounds)
	require.Equal(t, rounds, len(got["case-a"])+len(got["case-b"]), "every win wrote its case, no loss did")
	var at [2]int
	for r, e := range got["agency"] {
		n := e.Event().(Note)
		require.Equal(t, r, n.N, "agency entry %d", r+1)
		c := got[cases[n.Writer]]
		require.Less(t, at[n.Writer], len(c), "round %d has its case entry", r)
		assert.Equal(t, n, c[at[n.Writer]].Event(), "round %d: the agency and the case agree", r)
		at[n.Writer]++
	}
}
