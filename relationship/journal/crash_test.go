package journal

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// crashWriters is how many goroutines of the child append at once, each
// to the agency and to a case of its own.
const crashWriters = 3

// crashCase returns the stream of writer w's case.
func crashCase(w int) string { return fmt.Sprintf("case-%d", w) }

// crashEntry returns note n of writer w, numbered seq: its text varies in
// length, so that frames, and the writes that carry them, do too.
func crashEntry(w, n int, seq uint64) relationship.Entry {
	return journaltest.TextEntry(w, n, seq, strings.Repeat("x", (n*37+w*101)%1500))
}

// TestCrashMultiStreamAppends runs a child process, the test binary again,
// that appends to the journal from three goroutines at once, each append
// going to two streams: note n of writer w to the agency (at any version)
// and to case-w (at version n). The parent kills it with SIGKILL at a
// random moment, 50 times, and after each kill opens the journal, with
// its recovery, and checks that every append is there whole or not at
// all: the agency holds as many entries as the cases together, each
// writer's notes in order and the same as in its case, the feed has each
// append's two entries side by side, and nothing the child was told was
// written has gone.
func TestCrashMultiStreamAppends(t *testing.T) {
	if dir := os.Getenv("JOURNAL_CRASH_CHILD"); dir != "" {
		crashChild(dir)
		return
	}
	rounds := 50
	if testing.Short() {
		rounds = 10
	}
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	dir := t.TempDir()
	acked := make([]int, crashWriters) // how many notes of each writer the child was told are written
	repaired := 0
	for round := range rounds {
		runAndKill(t, dir, time.Duration(rng.Intn(40))*time.Millisecond, acked)
		repaired += checkCrashedJournal(t, dir, acked, round)
	}
	t.Logf("%d rounds, notes written per writer %v, %d opens repaired a torn tail", rounds, acked, repaired)
}

// runAndKill starts the child on dir, lets it append for the given time
// after it has opened the journal, kills it, and records in acked what it
// reported written.
func runAndKill(t *testing.T, dir string, after time.Duration, acked []int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMultiStreamAppends$", "-test.count=1")
	cmd.Env = append(os.Environ(), "JOURNAL_CRASH_CHILD="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	ready := make(chan struct{})
	done := make(chan struct{}) // closed when the child's output ends; acked is then ours

	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			var w, n int
			switch line := sc.Text(); {
			case line == "ready":
				close(ready)
			case strings.HasPrefix(line, "ack "):
				if _, err := fmt.Sscanf(line, "ack %d %d", &w, &n); err == nil && w < len(acked) {
					acked[w] = max(acked[w], n+1)
				}
			}
		}
	}()
	select {
	case <-ready:
	case <-done:
		_ = cmd.Wait()
		t.Fatalf("the child ended before it was ready: %s", stderr.String())
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the child did not open the journal in time: %s", stderr.String())
	}
	time.Sleep(after)
	require.NoError(t, cmd.Process.Kill()) // SIGKILL: no deferred function, no Close
	<-done
	_ = cmd.Wait()
	require.NotContains(t, stderr.String(), "crash child:", "the child failed before it was killed")
}

// crashChild is the child's side: it opens the journal and appends until
// it is killed, reporting each append that returned.
func crashChild(dir string) {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(2)
	}
	f, err := Open(dir, &FileOptions{SegmentSize: 256 << 10})
	if err != nil {
		fail(err)
	}
	fmt.Println("ready")
	ctx := context.Background()
	for w := range crashWriters {
		go func() {
			v, err := f.Version(ctx, crashCase(w))
			if err != nil {
				fail(err)
			}
			for n := int(v); ; n++ {
				err := f.Append(ctx,
					relationship.Append{Stream: "agency", Expected: relationship.AnyVersion, Entries: []relationship.Entry{crashEntry(w, n, 1)}},
					relationship.Append{Stream: crashCase(w), Expected: uint64(n), Entries: []relationship.Entry{crashEntry(w, n, uint64(n)+1)}})
				if err != nil {
					fail(err)
				}
				fmt.Printf("ack %d %d\n", w, n) // one write, shorter than a pipe's atomic size
			}
		}()
	}
	select {} // until killed
}

// checkCrashedJournal opens the journal a killed child left and checks that
// its appends are whole. It returns 1 if Open repaired a torn tail.
func checkCrashedJournal(t *testing.T, dir string, acked []int, round int) int {
	t.Helper()
	f, err := Open(dir, nil)
	require.NoError(t, err, "round %d", round)
	defer f.Close()
	got := journaltest.Contents(t, f)

	total := 0
	for w := range crashWriters {
		c := got[crashCase(w)]
		require.GreaterOrEqual(t, len(c), acked[w], "round %d: every note of writer %d that was acknowledged is there", round, w)
		for n, e := range c {
			require.Equal(t, crashEntry(w, n, uint64(n)+1), e, "round %d: %s entry %d", round, crashCase(w), n+1)
		}
		total += len(c)
	}
	agency := got["agency"]
	require.Len(t, agency, total, "round %d: the agency holds one entry for each case entry", round)
	next := make([]int, crashWriters)
	for i, e := range agency {
		note := e.Event().(journaltest.Note)
		require.Equal(t, crashEntry(note.Writer, next[note.Writer], 1).WithSeq(uint64(i)+1), e, "round %d: agency entry %d", round, i+1)
		next[note.Writer]++
	}
	for w := range crashWriters {
		require.Equal(t, len(got[crashCase(w)]), next[w], "round %d: the agency and case-%d agree", round, w)
	}

	feed := journaltest.ReadFeed(t, f, 0)
	require.Len(t, feed, 2*total)
	for i := 0; i < len(feed); i += 2 {
		a, c := feed[i], feed[i+1]
		require.Equal(t, uint64(i+1), a.Position)
		require.Equal(t, "agency", a.Stream, "round %d: position %d", round, a.Position)
		assert.Equal(t, a.Entry.Event(), c.Entry.Event(), "round %d: an append's entries are side by side in the feed", round)
	}
	if len(f.Recovered()) > 0 {
		return 1
	}
	return 0
}
