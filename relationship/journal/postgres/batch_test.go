package postgres_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal/postgres"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// TestSharedCommit holds one append's transaction open while three more
// queue behind it on the same Journal: the next transaction takes all
// three, judges each on its own, in order (the third runs on from the
// first), and stores the two that pass, while the one that conflicts
// fails alone. It does so whether the appends are all at expected
// versions (stored by one call of the database function helping.append)
// or one is at AnyVersion (numbered in the transaction).
func TestSharedCommit(t *testing.T) {
	for _, tt := range []struct {
		name    string
		log     bool // the third append also writes to the stream log at AnyVersion
		commits [][2]uint64
		feed    []string
	}{
		{"expected versions", false, [][2]uint64{{1, 1}, {2, 4}}, []string{"held", "case", "case", "case"}},
		{"with AnyVersion", true, [][2]uint64{{1, 1}, {2, 5}}, []string{"held", "case", "case", "case", "log"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var mu sync.Mutex
			var commits [][2]uint64
			holding, release := make(chan struct{}), make(chan struct{})
			opts := &postgres.Options{}
			first := true
			postgres.SetBeforeCommit(opts, func(from, to uint64) {
				mu.Lock()
				commits = append(commits, [2]uint64{from, to})
				hold := first
				first = false
				mu.Unlock()
				if hold {
					close(holding)
					<-release
				}
			})
			j := open(t, newTenant(t), opts)

			results := make([]chan error, 4)
			run := func(i int, appends ...relationship.Append) {
				results[i] = make(chan error, 1)
				go func() { results[i] <- j.Append(ctx, appends...) }()
			}
			run(0, to("held", 0, journaltest.Entries(0, 0, 1)...))
			<-holding
			run(1, to("case", 0, journaltest.Entries(1, 0, 2)...))
			time.Sleep(50 * time.Millisecond) // let each queue in turn
			run(2, to("case", 0, journaltest.Entries(2, 0, 1)...))
			time.Sleep(50 * time.Millisecond)
			third := []relationship.Append{to("case", 2, journaltest.Entries(3, 2, 1)...)}
			if tt.log {
				third = append(third, to("log", relationship.AnyVersion, journaltest.NoteEntry(3, 0, 7)))
			}
			run(3, third...)
			time.Sleep(50 * time.Millisecond)
			close(release)

			require.NoError(t, <-results[0])
			require.NoError(t, <-results[1])
			var vc *relationship.VersionConflictError
			require.ErrorAs(t, <-results[2], &vc, "the second append to case at version 0 loses")
			assert.Equal(t, relationship.VersionConflictError{Stream: "case", Expected: 0, Actual: 2}, *vc,
				"judged after the first, in the same transaction")
			require.NoError(t, <-results[3], "the third runs on from the first")

			assert.Equal(t, tt.commits, commits, "one transaction for the three queued appends")
			var got []string
			for _, fe := range journaltest.ReadFeed(t, j, 0) {
				got = append(got, fe.Stream)
			}
			assert.Equal(t, tt.feed, got)
			assert.Len(t, journaltest.ReadAll(t, j, "case", 1), 3)
			if tt.log {
				log := journaltest.ReadAll(t, j, "log", 1)
				require.Len(t, log, 1)
				assert.Equal(t, uint64(1), log[0].Seq(), "numbered by the journal")
			}
		})
	}
}
