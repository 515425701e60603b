package groupwork

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// The benchmarks of history at scale (the San Francisco walk): a group of
// scaleMembers members who join, then vote in three ranked-choice
// proposals, which close: about four entries per member. Set
// HELPING_SCALE_MEMBERS=197242 for the size of San Francisco's 2011
// mayoral election, or smaller for a quick look:
//
//	HELPING_SCALE_MEMBERS=197242 go test ./groupwork -run '^$' \
//	    -bench 'GroupVote|GroupSave|GroupLoad' -benchtime 1x -benchmem
func scaleMembers() int {
	if n, err := strconv.Atoi(os.Getenv("HELPING_SCALE_MEMBERS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

var scaleOptions = []string{"Lee", "Avalos", "Herrera", "Yee", "Chiu", "Dufty", "Adachi", "Ting", "Baum", "Hall"}

// scaleBallot is member k's ballot in proposal p: three of the ten
// options, ranked, deterministically.
func scaleBallot(k, p int) Ballot {
	n := len(scaleOptions)
	a := (k*7 + p) % n
	return Ballot{Options: []int{a, (a + 1 + k%3) % n, (a + 5) % n}}
}

// scaleGroup forms a group and lets members join it.
func scaleGroup(tb testing.TB, members int) (*Group, []relationship.PartyID) {
	tb.Helper()
	g, err := NewGroup(worker, clubSpec(), &Options{Sources: benchSources()})
	if err != nil {
		tb.Fatal(err)
	}
	ids := make([]relationship.PartyID, members)
	next := relationship.SequentialIDs(9)
	for i := range ids {
		ids[i] = relationship.PartyID(next())
		if err := g.Join(ids[i], "member", Profile{}); err != nil {
			tb.Fatal(err)
		}
	}
	return g, ids
}

// scalePropose opens proposal p, a ranked choice among the ten options.
func scalePropose(tb testing.TB, g *Group, by relationship.PartyID, p int) uuid.UUID {
	tb.Helper()
	id, err := g.Propose(by, ProposalSpec{Title: fmt.Sprintf("question %d", p), Options: scaleOptions,
		Rule: RuleInstantRunoff, Review: t0.AddDate(1, 0, 0)})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// BenchmarkGroupVote casts votes through Group.Vote in a ranked-choice
// proposal of a group of scaleMembers members: the whole path of a vote.
// "floor" is the least any recorded change costs (a lock, a boxed event,
// an append), measured in the same run: read vote against it.
func BenchmarkGroupVote(b *testing.B) {
	b.Run("floor", func(b *testing.B) {
		var (
			mu   sync.Mutex
			recs []struct {
				at time.Time
				ev relationship.Event
			}
		)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			mu.Lock()
			recs = append(recs, struct {
				at time.Time
				ev relationship.Event
			}{t0, VoteCast{Ballot: &Ballot{Options: scaleBallot(i, 0).Options}}})
			mu.Unlock()
		}
		b.ReportMetric(float64(len(recs)), "records")
	})
	b.Run("vote", func(b *testing.B) {
		g, ids := scaleGroup(b, scaleMembers())
		prop := scalePropose(b, g, ids[0], 0)
		ballots := make([]Ballot, len(ids))
		for k := range ballots {
			ballots[k] = scaleBallot(k, 0)
		}
		b.ReportAllocs()
		b.ResetTimer()
		defer cpuPerOp(b)()
		for i := 0; i < b.N; i++ {
			k := i % len(ids)
			if err := g.Vote(ids[k], prop, ballots[k]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// dirSize returns the bytes the files under dir take.
func dirSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkGroupSave saves votes to a file journal in the batches Save
// makes of them, 10,000 votes at a time, and reports the time and the
// bytes on disk per entry (B/entry). "append" is the journal alone
// appending the same entries, in the same run.
func BenchmarkGroupSave(b *testing.B) {
	const batch = 10_000
	ctx := context.Background()
	for _, path := range []string{"save", "append"} {
		b.Run(path, func(b *testing.B) {
			g, ids := scaleGroup(b, batch)
			prop := scalePropose(b, g, ids[0], 0)
			dir := b.TempDir()
			j, err := journal.Open(dir, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer j.Close()
			if err := g.Save(ctx, j); err != nil {
				b.Fatal(err)
			}
			before := dirSize(b, dir)
			stream := StreamName(g.ID())
			b.ReportAllocs()
			b.ResetTimer()
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				v := g.Version()
				for k := range ids {
					if err := g.Vote(ids[k], prop, scaleBallot(k, i+1)); err != nil {
						b.Fatal(err)
					}
				}
				var es []relationship.Entry
				if path == "append" {
					for e := range g.Record() {
						if e.Seq() > v {
							es = append(es, e)
						}
					}
				}
				b.StartTimer()
				start := time.Now()
				if path == "save" {
					err = g.Save(ctx, j)
				} else {
					err = j.Append(ctx, relationship.Append{Stream: stream, Expected: v, Entries: es})
				}
				elapsed += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if path == "append" {
					b.StopTimer()
					// The group's own record stays unsaved; mark it as
					// the journal now holds it by loading it afresh.
					if g, err = Load(ctx, j, g.ID(), &Options{Sources: benchSources()}); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
			}
			b.StopTimer()
			entries := float64(b.N * batch)
			b.ReportMetric(float64(elapsed.Nanoseconds())/entries, "ns/entry")
			b.ReportMetric(float64(dirSize(b, dir)-before)/entries, "B/entry")
		})
	}
}

// scaleRecord is the San Francisco walk saved once to a file journal:
// scaleMembers joins, three ranked-choice proposals voted by everyone and
// closed.
var scaleRecord struct {
	once    sync.Once
	dir     string
	id      uuid.UUID
	version uint64
	err     error
}

func savedScaleRecord(b *testing.B) (dir string, id uuid.UUID, version uint64) {
	b.Helper()
	r := &scaleRecord
	r.once.Do(func() {
		ctx := context.Background()
		g, ids := scaleGroup(b, scaleMembers())
		for p := range 3 {
			prop := scalePropose(b, g, ids[p], p)
			for k := range ids {
				if err := g.Vote(ids[k], prop, scaleBallot(k, p)); err != nil {
					r.err = err
					return
				}
			}
			if _, err := g.CloseProposal(ids[p], prop); err != nil {
				r.err = err
				return
			}
		}
		if r.dir, r.err = os.MkdirTemp("", "helping-scale-"); r.err != nil {
			return
		}
		j, err := journal.Open(r.dir, nil)
		if err != nil {
			r.err = err
			return
		}
		defer j.Close()
		r.id, r.version, r.err = g.ID(), g.Version(), g.Save(ctx, j)
	})
	if r.err != nil {
		b.Fatal(r.err)
	}
	return r.dir, r.id, r.version
}

// BenchmarkGroupLoad loads the San Francisco walk (about four entries per
// member) from a file journal: "replay" from its first entry, "snapshot"
// from a snapshot taken a thousand entries before its end. It reports the
// time per entry of the record and the heap the loaded group holds per
// entry (B/entry-held): a group holds its state, not its history.
func BenchmarkGroupLoad(b *testing.B) {
	ctx := context.Background()
	src, id, version := savedScaleRecord(b)
	for _, from := range []string{"replay", "snapshot"} {
		b.Run(from, func(b *testing.B) {
			dir := b.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				b.Fatal(err)
			}
			j, err := journal.Open(dir, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer j.Close()
			if from == "snapshot" {
				// A source of identifiers the record has not used.
				later := &relationship.Sources{Clock: relationship.StepClock(t0.AddDate(0, 1, 0), time.Second), IDs: relationship.SequentialIDs(77)}
				g, err := Load(ctx, j, id, &Options{Sources: later})
				if err != nil {
					b.Fatal(err)
				}
				ids := make([]relationship.PartyID, 0, 1000)
				for m := range g.Members() {
					if ids = append(ids, m.ID()); len(ids) == cap(ids) {
						break
					}
				}
				if err := g.SaveSnapshot(ctx, j); err != nil {
					b.Fatal(err)
				}
				prop := scalePropose(b, g, ids[0], 3)
				for k, m := range ids[:999] {
					if err := g.Vote(m, prop, scaleBallot(k, 3)); err != nil {
						b.Fatal(err)
					}
				}
				if err := g.Save(ctx, j); err != nil {
					b.Fatal(err)
				}
				version = g.Version()
			}
			var held *Group
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			base := ms.HeapAlloc
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				held = nil
				if held, err = Load(ctx, j, id, &Options{Sources: benchSources()}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(version), "ns/entry")
			runtime.GC()
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(int64(ms.HeapAlloc)-int64(base))/float64(version), "B/entry-held")
			runtime.KeepAlive(held)
		})
	}
}
