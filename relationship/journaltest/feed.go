package journaltest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// feedKey names an entry of the feed by its stream and sequence number.
func feedKey(fe relationship.FeedEntry) string {
	return fmt.Sprintf("%s#%d", fe.Stream, fe.Entry.Seq())
}

// checkPositions checks that positions increase along a feed.
func checkPositions(t *testing.T, feed []relationship.FeedEntry) {
	t.Helper()
	for i := 1; i < len(feed); i++ {
		assert.Greater(t, feed[i].Position, feed[i-1].Position, "positions increase: %s after %s", feedKey(feed[i]), feedKey(feed[i-1]))
	}
	if len(feed) > 0 {
		assert.Positive(t, feed[0].Position, "positions are after 0")
	}
}

// sameFeed checks that got is the part of a feed that want is, an empty
// one being as good as none.
func sameFeed(t *testing.T, want, got []relationship.FeedEntry, msg string, args ...any) {
	t.Helper()
	if len(want) == 0 {
		assert.Empty(t, got, append([]any{msg}, args...)...)
		return
	}
	assert.Equal(t, want, got, append([]any{msg}, args...)...)
}

// feedAppends makes appends of every kind: to one stream, to several, at
// an expected version and at any version. It returns the feed keys they
// add, in order.
func feedAppends(t *testing.T, j relationship.Journal) []string {
	ctx := context.Background()
	require.NoError(t, j.Append(ctx, to("case-a", 0, Entries(1, 0, 2)...)))
	require.NoError(t, j.Append(ctx, to("agency", 0, Entries(2, 0, 1)...), to("case-b", 0, Entries(2, 0, 2)...)))
	require.NoError(t, j.Append(ctx, to("log-a", relationship.AnyVersion, NoteEntry(3, 0, 9))))
	require.NoError(t, j.Append(ctx, to("case-a", 2, Entries(4, 2, 1)...), to("log-a", relationship.AnyVersion, NoteEntry(4, 0, 9)), to("agency", 1, Entries(4, 1, 2)...)))
	return []string{
		"case-a#1", "case-a#2",
		"agency#1", "case-b#1", "case-b#2",
		"log-a#1",
		"case-a#3", "log-a#2", "agency#2", "agency#3",
	}
}

// testFeedOrder reads the feed of appends of every kind: every entry once,
// positions increasing, the entries of one append together and in the
// order the append gave them, each as Read returns it.
func testFeedOrder(t *testing.T, j relationship.Journal) {
	want := feedAppends(t, j)
	feed := ReadFeed(t, j, 0)
	checkPositions(t, feed)
	var got []string
	for _, fe := range feed {
		got = append(got, feedKey(fe))
		entries := ReadAll(t, j, fe.Stream, fe.Entry.Seq())
		require.NotEmpty(t, entries, feedKey(fe))
		assert.Equal(t, entries[0], fe.Entry, "the feed and Read agree on %s", feedKey(fe))
	}
	assert.Equal(t, want, got)
}

// testFeedResume reads the feed on from every position in it: each time
// exactly the entries after that position.
func testFeedResume(t *testing.T, j relationship.Journal) {
	feedAppends(t, j)
	all := ReadFeed(t, j, 0)
	require.NotEmpty(t, all)
	for i, fe := range all {
		sameFeed(t, all[i+1:], ReadFeed(t, j, fe.Position), "after position %d", fe.Position)
		if i > 0 && fe.Position > all[i-1].Position+1 {
			sameFeed(t, all[i:], ReadFeed(t, j, fe.Position-1), "after a position between two")
		}
	}
	last := all[len(all)-1].Position
	assert.Empty(t, ReadFeed(t, j, last+1000), "after the end")

	require.NoError(t, j.Append(context.Background(), to("case-c", 0, Entries(5, 0, 2)...)))
	more := ReadFeed(t, j, last)
	require.Len(t, more, 2, "an append made later follows the last position")
	checkPositions(t, append(all, more...))
}

func testFeedStopEarly(t *testing.T, j relationship.Journal) {
	feedAppends(t, j)
	n := 0
	for _, err := range j.Feed(context.Background(), 0) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
	require.NoError(t, j.Append(context.Background(), to("case-d", 0, Entries(1, 0, 1)...)), "the journal works after a feed stopped early")
}

// testFeedFollower follows the feed, reading and waiting, while four
// writers append, each to the agency at any version and to a case of its
// own at its version, in one append: the follower sees every entry once,
// in positions that increase, and each append's two entries side by side.
func testFeedFollower(t *testing.T, j relationship.Journal) {
	const writers, perWriter = 4, 40
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := fmt.Sprintf("case-%d", w)
			for i := range perWriter {
				err := j.Append(ctx, to("agency", relationship.AnyVersion, NoteEntry(w, i, 1)), to(own, uint64(i), NoteEntry(w, i, uint64(i)+1)))
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}

	var seen []relationship.FeedEntry
	var pos uint64
	for len(seen) < 2*writers*perWriter {
		for fe, err := range j.Feed(ctx, pos) {
			require.NoError(t, err)
			require.Greater(t, fe.Position, pos, "positions increase")
			pos = fe.Position
			seen = append(seen, fe)
		}
		if len(seen) < 2*writers*perWriter {
			require.NoError(t, j.Wait(ctx, pos), "with %d of %d entries seen", len(seen), 2*writers*perWriter)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}

	assert.Equal(t, ReadFeed(t, j, 0), seen, "the follower saw the whole feed, each entry once")
	next := map[string]uint64{}
	for i := 0; i+1 < len(seen); i += 2 {
		a, c := seen[i], seen[i+1]
		require.Equal(t, "agency", a.Stream, "entry %d", i)
		n := a.Entry.Event().(Note)
		require.Equal(t, fmt.Sprintf("case-%d", n.Writer), c.Stream, "an append's entries come together")
		assert.Equal(t, n, c.Entry.Event(), "an append's entries come together")
		for _, fe := range []relationship.FeedEntry{a, c} {
			next[fe.Stream]++
			assert.Equal(t, next[fe.Stream], fe.Entry.Seq(), "%s runs on along the feed", fe.Stream)
		}
	}
}

// testWait waits on the feed: at once when it is behind, until the
// context's deadline when it is not.
func testWait(t *testing.T, j relationship.Journal) {
	short := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), 20*time.Millisecond)
	}
	ctx, cancel := short()
	assert.ErrorIs(t, j.Wait(ctx, 0), context.DeadlineExceeded, "an empty journal has nothing after 0")
	cancel()

	require.NoError(t, j.Append(context.Background(), to("s", 0, Entries(1, 0, 2)...)))
	feed := ReadFeed(t, j, 0)
	require.Len(t, feed, 2)
	for _, after := range []uint64{0, feed[0].Position} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		start := time.Now()
		assert.NoError(t, j.Wait(ctx, after), "after %d", after)
		assert.Less(t, time.Since(start), 10*time.Second, "after %d: at once", after)
		cancel()
	}
	ctx, cancel = short()
	assert.ErrorIs(t, j.Wait(ctx, feed[1].Position), context.DeadlineExceeded, "nothing after the last position")
	cancel()

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, j.Wait(ctx, feed[1].Position), context.Canceled)
}

// testWaitWakes starts waiters after the last position, then appends: the
// commit wakes them all.
func testWaitWakes(t *testing.T, j relationship.Journal) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, j.Append(ctx, to("s", 0, Entries(1, 0, 1)...)))
	last := ReadFeed(t, j, 0)[0].Position
	const waiters = 4
	results := make(chan error, waiters)
	for range waiters {
		go func() { results <- j.Wait(ctx, last) }()
	}
	time.Sleep(20 * time.Millisecond) // let them wait
	select {
	case err := <-results:
		t.Fatalf("Wait returned %v before a commit", err)
	default:
	}
	require.NoError(t, j.Append(ctx, to("t", relationship.AnyVersion, NoteEntry(2, 0, 1))))
	for range waiters {
		assert.NoError(t, <-results, "the commit wakes every waiter")
	}
}

// testWaitClose closes the journal under a waiting follower: the wait
// ends with ErrClosed.
func testWaitClose(t *testing.T, j relationship.Journal) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	result := make(chan error, 1)
	go func() { result <- j.Wait(ctx, 0) }()
	time.Sleep(20 * time.Millisecond) // let it wait
	require.NoError(t, j.Close())
	assert.ErrorIs(t, <-result, relationship.ErrClosed)
}

// follow reads the feed of j and waits on it until it has seen n entries or
// ctx is done, and returns what it saw.
func follow(ctx context.Context, j relationship.Journal, n int) ([]relationship.FeedEntry, error) {
	var seen []relationship.FeedEntry
	var pos uint64
	for len(seen) < n {
		for fe, err := range j.Feed(ctx, pos) {
			if err != nil {
				return seen, err
			}
			if fe.Position <= pos {
				return seen, fmt.Errorf("position %d after position %d", fe.Position, pos)
			}
			seen = append(seen, fe)
			pos = fe.Position
		}
		if len(seen) < n {
			if err := j.Wait(ctx, pos); err != nil {
				return seen, err
			}
		}
	}
	return seen, nil
}

// testFeedFollowers has several followers read the feed at once while
// writers append, some of them beside a shared log at any version and
// some with a pause between appends, so that commits and reads interleave
// in many ways: each follower sees exactly the feed as it stands at the
// end, every entry once, none skipped.
func testFeedFollowers(t *testing.T, j relationship.Journal) {
	const writers, perWriter, followers = 6, 30, 3
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	total := 0
	for w := range writers {
		total += perWriter
		if w%2 == 0 {
			total += perWriter
		}
	}
	type result struct {
		seen []relationship.FeedEntry
		err  error
	}
	results := make(chan result, followers)
	for range followers {
		go func() {
			seen, err := follow(ctx, j, total)
			results <- result{seen, err}
		}()
	}
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := fmt.Sprintf("case-%d", w)
			for i := range perWriter {
				appends := []relationship.Append{to(own, uint64(i), NoteEntry(w, i, uint64(i)+1))}
				if w%2 == 0 {
					appends = append(appends, to("log", relationship.AnyVersion, NoteEntry(w, i, 1)))
				}
				if err := j.Append(ctx, appends...); err != nil {
					errs <- err
					return
				}
				if w%3 == 0 {
					time.Sleep(time.Duration(i%4) * time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	want := ReadFeed(t, j, 0)
	require.Len(t, want, total)
	for range followers {
		r := <-results
		require.NoError(t, r.err)
		assert.Equal(t, want, r.seen, "a follower sees the whole feed, each entry once")
	}
}
