package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal/postgres"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// TestLateCommit provokes the late commit that makes naive feeds skip: on
// one connection an append holds its transaction open after it has its
// position, while an append on another connection tries to commit. The
// second must not become visible before the first, so a follower that
// reads meanwhile sees neither, and afterwards both, in order.
func TestLateCommit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tenant := newTenant(t)
	holding, release := make(chan uint64, 1), make(chan struct{})
	slowOpts := &postgres.Options{}
	postgres.SetBeforeCommit(slowOpts, func(first, _ uint64) {
		holding <- first
		<-release
	})
	slow, fast, follower := open(t, tenant, slowOpts), open(t, tenant, nil), open(t, tenant, nil)

	require.NoError(t, fast.Append(ctx, to("case-0", 0, journaltest.Entries(0, 0, 1)...)))
	seen := journaltest.ReadFeed(t, follower, 0)
	require.Len(t, seen, 1)
	last := seen[0].Position

	slowDone := make(chan error, 1)
	go func() { slowDone <- slow.Append(ctx, to("case-1", 0, journaltest.Entries(1, 0, 1)...)) }()
	held := <-holding
	assert.Equal(t, last+1, held, "the slow append has the next position, and holds it open")

	fastDone := make(chan error, 1)
	go func() { fastDone <- fast.Append(ctx, to("case-2", 0, journaltest.Entries(2, 0, 1)...)) }()
	select {
	case err := <-fastDone:
		t.Fatalf("the later append committed (%v) while an earlier position was open", err)
	case <-time.After(300 * time.Millisecond):
	}
	assert.Empty(t, journaltest.ReadFeed(t, follower, last), "the follower sees nothing yet: nothing it could skip")
	wctx, wcancel := context.WithTimeout(ctx, 100*time.Millisecond)
	assert.ErrorIs(t, follower.Wait(wctx, last), context.DeadlineExceeded, "nothing committed to wait for")
	wcancel()

	close(release)
	require.NoError(t, <-slowDone)
	require.NoError(t, <-fastDone)
	require.NoError(t, follower.Wait(ctx, last))
	var got []string
	for _, fe := range journaltest.ReadFeed(t, follower, last) {
		got = append(got, fmt.Sprintf("%d:%s", fe.Position, fe.Stream))
	}
	assert.Equal(t, []string{fmt.Sprintf("%d:case-1", last+1), fmt.Sprintf("%d:case-2", last+2)}, got,
		"the late commit comes first, and no one skipped it")
}

// TestDelayedCommits has writers in separate connection pools (as separate
// processes would be) hold each append's transaction open for a random
// moment, while followers read and wait: every follower sees every entry
// once, in positions that run 1, 2, 3, ... 320 appends; with
// HELPING_POSTGRES_STRESS=1, 10,000.
func TestDelayedCommits(t *testing.T) {
	const writers, followers = 8, 3
	perWriter := 40
	if os.Getenv("HELPING_POSTGRES_STRESS") == "1" {
		perWriter = 1250
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	tenant := newTenant(t)
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		opts := &postgres.Options{}
		postgres.SetBeforeCommit(opts, func(uint64, uint64) {
			time.Sleep(time.Duration(rand.IntN(2000)) * time.Microsecond)
		})
		j := open(t, tenant, opts)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				appends := []relationship.Append{to(fmt.Sprintf("case-%d", w), uint64(i), journaltest.NoteEntry(w, i, uint64(i)+1))}
				if i%3 == 0 {
					appends = append(appends, to("log", relationship.AnyVersion, journaltest.NoteEntry(w, i, 1)))
				}
				if err := j.Append(ctx, appends...); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	total := writers * (perWriter + (perWriter+2)/3)
	results := make(chan []relationship.FeedEntry, followers)
	for range followers {
		f := open(t, tenant, nil)
		go func() {
			var seen []relationship.FeedEntry
			var pos uint64
			for len(seen) < total && ctx.Err() == nil {
				for fe, err := range f.Feed(ctx, pos) {
					if err != nil {
						break
					}
					seen = append(seen, fe)
					pos = fe.Position
				}
				if len(seen) < total {
					_ = f.Wait(ctx, pos)
				}
			}
			results <- seen
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for range followers {
		seen := <-results
		require.Len(t, seen, total, "every entry, once")
		for i, fe := range seen {
			require.Equal(t, uint64(i+1), fe.Position, "no position skipped or repeated")
		}
	}
}
