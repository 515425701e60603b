package journal_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// benchAppend appends n entries an op to one stream of a new journal.
func benchAppend(b *testing.B, opts *journal.FileOptions, n int) {
	ctx := context.Background()
	f := openFile(b, b.TempDir(), opts)
	defer f.Close()
	entries := journaltest.Entries(1, 0, n*b.N)
	b.SetBytes(int64(n) * approxEntrySize(b, entries[0]))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := f.Append(ctx, to("case", uint64(i*n), entries[i*n:(i+1)*n]...)); err != nil {
			b.Fatal(err)
		}
	}
}

func approxEntrySize(b *testing.B, e relationship.Entry) int64 {
	data, err := e.MarshalJSON()
	require.NoError(b, err)
	return int64(len(data))
}

// BenchmarkJournalAppendNoSync measures an append without its sync: the
// cost of encoding, framing and writing. UnsafeNoSync is for this only.
func BenchmarkJournalAppendNoSync(b *testing.B) {
	benchAppend(b, &journal.FileOptions{UnsafeNoSync: true}, 1)
}

// BenchmarkJournalSync measures an append of one entry: one write, one sync.
func BenchmarkJournalSync(b *testing.B) {
	benchAppend(b, nil, 1)
}

// BenchmarkJournalAppendStreams measures one atomic append of an entry to
// each of two streams, as a provision drawn from an agency's pool for a
// case makes: one write and one sync, as for BenchmarkJournalSync, with
// twice the frames.
func BenchmarkJournalAppendStreams(b *testing.B) {
	ctx := context.Background()
	f := openFile(b, b.TempDir(), nil)
	defer f.Close()
	agency, cases := journaltest.Entries(1, 0, b.N), journaltest.Entries(2, 0, b.N)
	b.SetBytes(2 * approxEntrySize(b, agency[0]))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := f.Append(ctx, to("agency", uint64(i), agency[i]), to("case", uint64(i), cases[i]))
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJournalGroupCommit measures an append of 100 entries, which one
// sync commits. It reports its cost as a multiple of one single-entry
// append measured in the same run (x-sync).
func BenchmarkJournalGroupCommit(b *testing.B) {
	single := measureSingleAppend(b)
	benchAppend(b, nil, 100)
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perOp)/float64(single), "x-sync")
}

// measureSingleAppend returns the time of one single-entry append to a new
// journal: the median of rounds of 100, which a stall of the disk in one
// round does not move.
func measureSingleAppend(b *testing.B) time.Duration {
	ctx := context.Background()
	f := openFile(b, b.TempDir(), nil)
	defer f.Close()
	const rounds, n = 7, 100
	entries := journaltest.Entries(1, 0, rounds*n+20)
	for i := range 20 { // warm up: the first appends write the zeros ahead
		require.NoError(b, f.Append(ctx, to("case", uint64(i), entries[i])))
	}
	times := make([]time.Duration, rounds)
	for r := range times {
		start := time.Now()
		for i := 20 + r*n; i < 20+(r+1)*n; i++ {
			require.NoError(b, f.Append(ctx, to("case", uint64(i), entries[i])))
		}
		times[r] = time.Since(start) / n
	}
	slices.Sort(times)
	return times[rounds/2]
}

// BenchmarkJournalConcurrentAppends measures single-entry appends from 16
// goroutines at once, each to a stream of its own: group commit lets them
// share syncs, so an append costs less than BenchmarkJournalSync.
func BenchmarkJournalConcurrentAppends(b *testing.B) {
	ctx := context.Background()
	f := openFile(b, b.TempDir(), nil)
	defer f.Close()
	var writers atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		name := fmt.Sprintf("case-%d", writers.Add(1))
		var v uint64
		for pb.Next() {
			if err := f.Append(ctx, to(name, v, journaltest.NoteEntry(1, int(v), v+1))); err != nil {
				b.Error(err)
				return
			}
			v++
		}
	})
}

// BenchmarkJournalReplay reads back a stream of 20000 entries from a
// journal just opened, and reports the allocations and bytes per entry.
func BenchmarkJournalReplay(b *testing.B) {
	const n = 20000
	ctx := context.Background()
	dir := b.TempDir()
	f := openFile(b, dir, &journal.FileOptions{UnsafeNoSync: true})
	entries := journaltest.Entries(1, 0, n)
	for i := 0; i < n; i += 500 {
		require.NoError(b, f.Append(ctx, to("case", uint64(i), entries[i:i+500]...)))
		require.NoError(b, f.Append(ctx, to("other", uint64(i/500), journaltest.NoteEntry(2, i, uint64(i/500)+1))))
	}
	require.NoError(b, f.Close())
	f = openFile(b, dir, nil)
	defer f.Close()

	var before, after runtime.MemStats
	b.ReportAllocs()
	b.ResetTimer()
	runtime.ReadMemStats(&before)
	for i := 0; i < b.N; i++ {
		count := 0
		for e, err := range f.Read(ctx, "case", 1) {
			if err != nil {
				b.Fatal(err)
			}
			if e.Seq() != uint64(count+1) {
				b.Fatalf("entry %d where %d belongs", e.Seq(), count+1)
			}
			count++
		}
		if count != n {
			b.Fatalf("read %d entries, not %d", count, n)
		}
	}
	runtime.ReadMemStats(&after)
	b.StopTimer()
	entriesRead := float64(b.N) * n
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/entriesRead, "allocs/entry")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/entriesRead, "B/entry")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/entriesRead, "ns/entry")
}

// BenchmarkJournalOpen measures Open and Close of a journal of a given
// number of entries, in batches of 1000 to 100 streams, closed once before
// (which writes its index checkpoint). Open reads the checkpoint and
// verifies only what it does not cover, so its time should not grow with
// the number of entries: the target is /entries=1000000 within 1.5 times
// /entries=100000.
func BenchmarkJournalOpen(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			buildJournal(b, dir, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				f, err := journal.Open(dir, nil)
				if err != nil {
					b.Fatal(err)
				}
				if err := f.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkJournalOpenScan measures Open of a journal of 100,000 entries
// (about 20 MiB, one segment) whose index checkpoint is gone, as after a
// crash: Open reads and verifies every frame. It reports the time per
// frame (ns/entry), which should not depend on the frames' size or on the
// zeros after them.
func BenchmarkJournalOpenScan(b *testing.B) {
	const n = 100_000
	dir := b.TempDir()
	buildJournal(b, dir, n)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := os.Remove(filepath.Join(dir, "INDEX")); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		f, err := journal.Open(dir, &journal.FileOptions{UnsafeNoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
}

// buildJournal writes n entries to a new journal in dir, 1000 an append to
// 100 streams in turn, and closes it.
func buildJournal(b *testing.B, dir string, n int) {
	ctx := context.Background()
	f := openFile(b, dir, &journal.FileOptions{UnsafeNoSync: true})
	const batch, streams = 1000, 100
	versions := make([]uint64, streams)
	for i := 0; i < n; i += batch {
		s := (i / batch) % streams
		entries := journaltest.Entries(s, versions[s], batch)
		require.NoError(b, f.Append(ctx, to(fmt.Sprintf("case-%d", s), versions[s], entries...)))
		versions[s] += batch
	}
	require.NoError(b, f.Close())
}

// BenchmarkJournalBytesPerEntry appends small entries (a short note, as
// small as a vote or a join) to a stream named like an aggregate's, 100 an
// append as an aggregate's Save batches them, and reports the bytes the
// segments take on disk per entry (B/entry), of which the entry's JSON
// (json-B/entry); the rest is the frame (header and stream name). It is
// the baseline for a compact segment format.
func BenchmarkJournalBytesPerEntry(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	f := openFile(b, dir, &journal.FileOptions{UnsafeNoSync: true})
	const batch = 100
	stream := "group-0193b0c4-5a8e-7c1e-9f3a-2b6d8e4f1a07"
	n := max(b.N, batch)
	n -= n % batch
	entries := journaltest.Entries(1, 0, n)
	var json int64
	for _, e := range entries {
		json += approxEntrySize(b, e)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < n; i += batch {
		require.NoError(b, f.Append(ctx, to(stream, uint64(i), entries[i:i+batch]...)))
	}
	b.StopTimer()
	require.NoError(b, f.Close())
	ents, err := os.ReadDir(dir)
	require.NoError(b, err)
	var disk int64
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".seg") {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(b, err)
			disk += int64(len(bytes.TrimRight(data, "\x00"))) // zeros ahead of the data are not the record's
		}
	}
	b.ReportMetric(float64(disk)/float64(n), "B/entry")
	b.ReportMetric(float64(json)/float64(n), "json-B/entry")
}
