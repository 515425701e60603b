package groupwork

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"log/slog"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// TestSnapshotAndTailEqualFullReplay is the law that makes snapshots safe:
// over random histories (the random walks of TestRandomWalksReplay, valid
// and invalid operations alike), a group loaded from a snapshot taken at
// a random point and the entries after it equals the group replayed from
// its whole record, and it goes on to save what it does next.
func TestSnapshotAndTailEqualFullReplay(t *testing.T) {
	seeds, steps := 30, 200
	switch {
	case testing.Short():
		seeds, steps = 5, 80
	case raceEnabled:
		seeds = 6
	}
	for seed := range seeds {
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(seed), 11))
			spec := clubSpec()
			spec.Settings = Settings{Membership: Membership(1 + r.IntN(2)), Capacity: r.IntN(8),
				FacilitatorVotes: r.IntN(2) == 0, MaxProxies: r.IntN(3)}
			g, err := NewGroup(worker, spec, testOptions(uint64(seed+1)))
			require.NoError(t, err)
			w := &walker{t: t, r: r, g: g, people: append(append([]relationship.PartyID{worker.ID()}, people(6)...), stranger)}
			j := journal.NewMemory()
			at := r.IntN(steps)
			for i := range steps {
				if i == at {
					require.NoError(t, g.SaveSnapshot(bg, j))
				}
				_, _ = w.step()
			}
			require.NoError(t, g.Save(bg, j))

			loaded, read := loadCounting(t, j, g, testOptions(uint64(seed+100)))
			full, err := Replay(g.Record(), nil)
			require.NoError(t, err)
			assertSameGroup(t, full, loaded)
			assertSameGroup(t, g, loaded)

			// The load read the entry the snapshot follows and those after
			// it, and the group goes on from where the record ends.
			s, found, err := j.LoadSnapshot(bg, StreamName(g.ID()))
			require.NoError(t, err)
			require.True(t, found)
			assert.Equal(t, int(loaded.Version()-s.Version)+1, read)
			_, err = loaded.RaiseConcern(worker.ID(), ScopeGroup, "after the snapshot")
			if err == nil {
				require.NoError(t, loaded.Save(bg, j))
				again, err := Load(bg, j, g.ID(), testOptions(uint64(seed+200)))
				require.NoError(t, err)
				assertSameGroup(t, loaded, again)
			}
		})
	}
}

var bg = context.Background()

// countingJournal counts the entries read through it.
type countingJournal struct {
	relationship.Journal
	read int
}

func (c *countingJournal) Read(ctx context.Context, stream string, from uint64) iter.Seq2[relationship.Entry, error] {
	return func(yield func(relationship.Entry, error) bool) {
		for e, err := range c.Journal.Read(ctx, stream, from) {
			c.read++
			if !yield(e, err) {
				return
			}
		}
	}
}

// loadCounting loads the group and returns how many entries the load read.
func loadCounting(t *testing.T, j relationship.Journal, g *Group, opts *Options) (*Group, int) {
	t.Helper()
	cj := &countingJournal{Journal: j}
	loaded, err := Load(bg, cj, g.ID(), opts)
	require.NoError(t, err)
	return loaded, cj.read
}

// TestUnreadableSnapshotsReplayInFull writes snapshots a program cannot
// use into the journal: one of another type (an older version of the
// program), one damaged, one claiming a version the stream does not hold.
// Each load replays the record in full, gives the same group, and says
// so in the log, naming the stream but nothing the record says.
func TestUnreadableSnapshotsReplayInFull(t *testing.T) {
	f := newFixture(t, clubSpec(), 4)
	g := f.g
	_, err := g.RaiseConcern(f.members[0], ScopeGroup, "the hall is cold")
	require.NoError(t, err)
	j := journal.NewMemory()
	require.NoError(t, g.SaveSnapshot(bg, j))
	good, found, err := j.LoadSnapshot(bg, StreamName(g.ID()))
	require.NoError(t, err)
	require.True(t, found)

	damaged := bytes.Clone(good.Data)
	damaged[len(damaged)/2] ^= 0xff
	for _, tc := range []struct {
		name string
		s    relationship.Snapshot
		logs string
	}{
		{"older type", relationship.Snapshot{Version: good.Version, Type: "groupwork.group.v0", Data: good.Data}, "another type"},
		{"damaged", relationship.Snapshot{Version: good.Version, Type: good.Type, Data: damaged}, "not used"},
		{"truncated", relationship.Snapshot{Version: good.Version, Type: good.Type, Data: good.Data[:len(good.Data)/3]}, "not used"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, j.SaveSnapshot(bg, StreamName(g.ID()), tc.s))
			var logged bytes.Buffer
			opts := testOptions(9)
			opts.Logger = slog.New(slog.NewJSONHandler(&logged, nil))
			loaded, read := loadCounting(t, j, g, opts)
			assertSameGroup(t, g, loaded)
			assert.GreaterOrEqual(t, read, int(g.Version()), "replayed in full")
			assert.Contains(t, logged.String(), tc.logs)
			assert.Contains(t, logged.String(), StreamName(g.ID()))
			assert.NotContains(t, logged.String(), "the hall is cold")
		})
	}
}

// TestSnapshotEvery checks the policy: Save writes a snapshot once the
// record has grown the given number of entries past the last one, and a
// load then replays no more than that.
func TestSnapshotEvery(t *testing.T) {
	opts := testOptions(3)
	opts.SnapshotEvery = 10
	g, err := NewGroup(worker, clubSpec(), opts)
	require.NoError(t, err)
	j := journal.NewMemory()
	ids := people(40)
	for i, id := range ids {
		require.NoError(t, g.Join(id, fmt.Sprintf("member %d", i), Profile{}))
		if i%3 == 2 {
			require.NoError(t, g.Save(bg, j))
		}
	}
	require.NoError(t, g.Save(bg, j))
	s, found, err := j.LoadSnapshot(bg, StreamName(g.ID()))
	require.NoError(t, err)
	require.True(t, found, "a snapshot was written")
	assert.GreaterOrEqual(t, s.Version+10, g.Version())
	loaded, read := loadCounting(t, j, g, nil)
	assertSameGroup(t, g, loaded)
	assert.LessOrEqual(t, read, 11)
}
