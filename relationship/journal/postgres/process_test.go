package postgres_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// The writer processes of TestProcesses: the test binary runs itself with
// these variables set, and TestWriterProcess does the writing.
const (
	envTenant  = "HELPING_TEST_WRITER_TENANT"
	envProcess = "HELPING_TEST_WRITER_PROCESS"
	envNotes   = "HELPING_TEST_WRITER_NOTES"
)

// Shape of the test: processes × writers goroutines, each appending notes
// to one of the shared streams at the version it last read.
const (
	processes         = 4
	writersPerProcess = 16
	sharedStreams     = 8
)

// writerReport is what a writer process tells the test: the attempts that
// were stored and those refused with a version conflict, each attempt
// named by the N of the note it wrote.
type writerReport struct {
	Stored    []int `json:"stored"`
	Conflicts []int `json:"conflicts"`
}

// TestProcesses runs 64 writers in 4 processes, each with a connection
// pool of its own, appending to 8 overlapping streams, each note at the
// version the writer last read and again after a conflict: no note is
// lost or stored twice, every attempt that was not stored was told so
// with an error wrapping ErrVersionConflict, and every stream runs
// 1, 2, 3, ... Set HELPING_POSTGRES_STRESS=1 for 10,000 notes instead of
// 2,000.
func TestProcesses(t *testing.T) {
	url := serverURL(t)
	total := 2000
	if os.Getenv("HELPING_POSTGRES_STRESS") == "1" {
		total = 10000
	}
	perProcess := total / processes
	tenant := newTenant(t)
	var wg sync.WaitGroup
	reports := make([]writerReport, processes)
	errs := make([]error, processes)
	for p := range processes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestWriterProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), envTenant+"="+tenant, envProcess+"="+strconv.Itoa(p),
				envNotes+"="+strconv.Itoa(perProcess), "HELPING_POSTGRES_URL="+url)
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				errs[p] = fmt.Errorf("process %d: %w", p, err)
				return
			}
			errs[p] = json.Unmarshal(reportIn(out), &reports[p])
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}

	j := open(t, tenant, nil)
	stored := map[[2]int]bool{}
	for s := range sharedStreams {
		entries := journaltest.ReadAll(t, j, fmt.Sprintf("shared-%d", s), 1)
		for i, e := range entries {
			require.Equal(t, uint64(i+1), e.Seq())
			n := e.Event().(journaltest.Note)
			key := [2]int{n.Writer, n.N}
			require.False(t, stored[key], "note %v stored twice", key)
			stored[key] = true
		}
	}
	conflicts := 0
	reported := 0
	for p, r := range reports {
		for _, n := range r.Stored {
			assert.True(t, stored[[2]int{p, n}], "process %d: attempt %d was stored", p, n)
			reported++
		}
		for _, n := range r.Conflicts {
			assert.False(t, stored[[2]int{p, n}], "process %d: attempt %d was refused, and is not there", p, n)
		}
		conflicts += len(r.Conflicts)
	}
	assert.Equal(t, total, len(stored), "every note once")
	assert.Equal(t, total, reported, "every stored note reported as stored")
	t.Logf("%d notes stored by %d writers in %d processes; %d conflicts told", total, processes*writersPerProcess, processes, conflicts)
	assert.Positive(t, conflicts, "the writers did overlap")
}

// reportMark begins the line on which a writer process reports.
const reportMark = "writer-report: "

// reportIn returns the report in a writer process's output.
func reportIn(out []byte) []byte {
	for _, line := range bytes.Split(out, []byte("\n")) {
		if r, ok := bytes.CutPrefix(line, []byte(reportMark)); ok {
			return r
		}
	}
	return nil
}

// TestWriterProcess is a writer process of TestProcesses; run alone, it
// does nothing.
func TestWriterProcess(t *testing.T) {
	tenant := os.Getenv(envTenant)
	if tenant == "" {
		t.Skip("a writer process of TestProcesses, not a test of its own")
	}
	p, err := strconv.Atoi(os.Getenv(envProcess))
	require.NoError(t, err)
	notes, err := strconv.Atoi(os.Getenv(envNotes))
	require.NoError(t, err)
	j := open(t, tenant, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var report writerReport
	var attempt int
	next := func() int { // the next attempt's number, unique in the process
		mu.Lock()
		defer mu.Unlock()
		attempt++
		return attempt
	}
	var wg sync.WaitGroup
	failed := make(chan error, writersPerProcess)
	for w := range writersPerProcess {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < notes; i += writersPerProcess {
				stream := fmt.Sprintf("shared-%d", (i+p)%sharedStreams)
				for {
					v, err := j.Version(ctx, stream)
					if err != nil {
						failed <- err
						return
					}
					n := next()
					err = j.Append(ctx, to(stream, v, journaltest.NoteEntry(p, n, v+1)))
					mu.Lock()
					if err == nil {
						report.Stored = append(report.Stored, n)
					} else if errors.Is(err, relationship.ErrVersionConflict) {
						report.Conflicts = append(report.Conflicts, n)
					}
					mu.Unlock()
					if err == nil {
						break
					}
					if !errors.Is(err, relationship.ErrVersionConflict) {
						failed <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(failed)
	for err := range failed {
		require.NoError(t, err)
	}
	out, err := json.Marshal(report)
	require.NoError(t, err)
	fmt.Printf("\n%s%s\n", reportMark, out)
}
