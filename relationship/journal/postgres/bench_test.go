package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// The benchmarks compare the PostgreSQL journal with the file journal and
// with the plainest correct use of the same server, in the same run:
//
//	go test -run '^$' -bench . -benchmem ./relationship/journal/postgres/

// benchWriters are the numbers of concurrent writers the append benchmarks
// run with.
var benchWriters = []int{1, 64}

// benchURL returns the test server's URL with a pool big enough for 64
// writers.
func benchURL(b *testing.B) string {
	url := serverURL(b)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "pool_max_conns=72"
}

// runWriters makes b.N single-entry appends, shared among writers
// goroutines each appending to a stream of its own, with appendOne, and
// reports appends/s and the 99th percentile of an append's latency.
func runWriters(b *testing.B, writers int, appendOne func(ctx context.Context, w int, v uint64) error) {
	ctx := context.Background()
	var next atomic.Int64
	latencies := make([][]time.Duration, writers)
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var v uint64
			for next.Add(1) <= int64(b.N) {
				start := time.Now()
				if err := appendOne(ctx, w, v); err != nil {
					b.Error(err)
					return
				}
				latencies[w] = append(latencies[w], time.Since(start))
				v++
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	all := slices.Concat(latencies...)
	slices.Sort(all)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)*99/100])/float64(time.Millisecond), "p99-ms")
	}
}

// BenchmarkAppend measures single-entry appends to distinct streams
// through the PostgreSQL journal, at an expected version.
func BenchmarkAppend(b *testing.B) {
	for _, writers := range benchWriters {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			j := open(b, newTenant(b), nil)
			runWriters(b, writers, func(ctx context.Context, w int, v uint64) error {
				return j.Append(ctx, to(fmt.Sprintf("case-%d", w), v, journaltest.NoteEntry(w, int(v), v+1)))
			})
		})
	}
}

// BenchmarkAppendFile measures the same appends through the file journal,
// synced to the disk of this machine.
func BenchmarkAppendFile(b *testing.B) {
	for _, writers := range benchWriters {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			f, err := journal.Open(b.TempDir(), nil)
			require.NoError(b, err)
			defer f.Close()
			runWriters(b, writers, func(ctx context.Context, w int, v uint64) error {
				return f.Append(ctx, to(fmt.Sprintf("case-%d", w), v, journaltest.NoteEntry(w, int(v), v+1)))
			})
		})
	}
}

// BenchmarkAppendBaseline measures the plainest correct alternative on the
// same server: one INSERT of the entry's JSON per append, in a transaction
// of its own, into a table whose primary key (stream, version) refuses a
// second writer at the same version.
func BenchmarkAppendBaseline(b *testing.B) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, benchURL(b))
	require.NoError(b, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS helping_bench_baseline (stream text, version bigint, entry bytea NOT NULL, PRIMARY KEY (stream, version))`)
	require.NoError(b, err)
	defer pool.Exec(ctx, `DROP TABLE helping_bench_baseline`) //nolint:errcheck // the table is scratch
	for _, writers := range benchWriters {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			prefix := uuid.NewString()
			runWriters(b, writers, func(ctx context.Context, w int, v uint64) error {
				js, err := journaltest.NoteEntry(w, int(v), v+1).MarshalJSON()
				if err != nil {
					return err
				}
				return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
					_, err := tx.Exec(ctx, `INSERT INTO helping_bench_baseline (stream, version, entry) VALUES ($1, $2, $3)`,
						fmt.Sprintf("%s-case-%d", prefix, w), int64(v+1), js)
					return err
				})
			})
		})
	}
}

// BenchmarkAppendBatch measures one append of 100 entries to one stream.
func BenchmarkAppendBatch(b *testing.B) {
	ctx := context.Background()
	j := open(b, newTenant(b), nil)
	const n = 100
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := j.Append(ctx, to("case", uint64(i*n), journaltest.Entries(1, uint64(i*n), n)...)); err != nil {
			b.Fatal(err)
		}
	}
}

// fillFeed appends n entries, 500 to an append, to j.
func fillFeed(b *testing.B, j relationship.Journal, n int) {
	ctx := context.Background()
	for i := 0; i < n; i += 500 {
		require.NoError(b, j.Append(ctx, to("case", uint64(i), journaltest.Entries(1, uint64(i), 500)...)))
	}
}

// readFeed reads the whole feed of j b.N times and reports the time and
// allocations per entry.
func readFeed(b *testing.B, j relationship.Journal, n int) {
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		count := 0
		for _, err := range j.Feed(ctx, 0) {
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != n {
			b.Fatalf("read %d entries, not %d", count, n)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/entry")
}

const feedEntries = 10000

// BenchmarkFeed reads a feed of 10,000 entries from the PostgreSQL
// journal.
func BenchmarkFeed(b *testing.B) {
	j := open(b, newTenant(b), nil)
	fillFeed(b, j, feedEntries)
	readFeed(b, j, feedEntries)
}

// BenchmarkFeedFile reads the same feed from the file journal.
func BenchmarkFeedFile(b *testing.B) {
	f, err := journal.Open(b.TempDir(), &journal.FileOptions{UnsafeNoSync: true})
	require.NoError(b, err)
	defer f.Close()
	fillFeed(b, f, feedEntries)
	readFeed(b, f, feedEntries)
}

// BenchmarkLoad reads a stream of 10,000 entries through the journal,
// decoding each.
func BenchmarkLoad(b *testing.B) {
	j := open(b, newTenant(b), nil)
	fillFeed(b, j, feedEntries)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		count := 0
		for _, err := range j.Read(ctx, "case", 1) {
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != feedEntries {
			b.Fatalf("read %d entries, not %d", count, feedEntries)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*feedEntries), "ns/entry")
}

// BenchmarkLoadSelect is BenchmarkLoad's baseline: one SELECT of the same
// rows' JSON, in order, through pgx, without decoding it.
func BenchmarkLoadSelect(b *testing.B) {
	tenant := newTenant(b)
	j := open(b, tenant, nil)
	fillFeed(b, j, feedEntries)
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, serverURL(b))
	require.NoError(b, err)
	defer pool.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, err := pool.Query(ctx, `SELECT entry FROM helping.entries WHERE tenant = $1 AND stream = $2 ORDER BY seq`, tenant, []byte("case"))
		if err != nil {
			b.Fatal(err)
		}
		count := 0
		var js []byte
		for rows.Next() {
			if err := rows.Scan(&js); err != nil {
				b.Fatal(err)
			}
			count++
		}
		if rows.Err() != nil || count != feedEntries {
			b.Fatalf("read %d rows, not %d: %v", count, feedEntries, rows.Err())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*feedEntries), "ns/entry")
}

// BenchmarkFeedLag follows the feed while 64 writers append, as a
// projection does, and reports the 99th percentile of the lag: from the
// moment a writer's append returned (its commit acknowledged) to the
// moment the follower read the entry from the feed. An entry read before
// its writer's call returned counts as no lag.
func BenchmarkFeedLag(b *testing.B) {
	const writers = 64
	j := open(b, newTenant(b), nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var returned sync.Map // "stream/seq" -> time.Time
	var followed atomic.Int64
	seen := make(chan time.Duration, 1024)
	var lags []time.Duration
	done := make(chan struct{})
	go func() { // the follower
		defer close(done)
		var after uint64
		for {
			for fe, err := range j.Feed(ctx, after) {
				if err != nil {
					return
				}
				after = fe.Position
				at := time.Now()
				key := fmt.Sprintf("%s/%d", fe.Stream, fe.Entry.Seq())
				var lag time.Duration
				if t, ok := returned.LoadAndDelete(key); ok {
					lag = at.Sub(t.(time.Time))
				}
				seen <- lag
				followed.Add(1)
			}
			if err := j.Wait(ctx, after); err != nil {
				return
			}
		}
	}()
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for lag := range seen {
			lags = append(lags, lag)
		}
	}()
	runWriters(b, writers, func(ctx context.Context, w int, v uint64) error {
		stream := fmt.Sprintf("case-%d", w)
		err := j.Append(ctx, to(stream, v, journaltest.NoteEntry(w, int(v), v+1)))
		returned.Store(fmt.Sprintf("%s/%d", stream, v+1), time.Now())
		return err
	})
	// Let the follower read the last entries, then stop it.
	for deadline := time.Now().Add(30 * time.Second); followed.Load() < int64(b.N); {
		if time.Now().After(deadline) {
			b.Fatalf("the follower read %d of %d entries in 30 s", followed.Load(), b.N)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	close(seen)
	<-collected
	slices.Sort(lags)
	if len(lags) > 0 {
		b.ReportMetric(float64(lags[len(lags)*99/100])/float64(time.Millisecond), "lag-p99-ms")
		b.ReportMetric(float64(len(lags)), "entries-followed")
	}
}
