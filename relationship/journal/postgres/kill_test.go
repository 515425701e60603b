package postgres_test

import (
	"bufio"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
	"github.com/helpingwork/helping/relationship/projection"
)

// The projector processes of TestProjectorKilled: the test binary runs
// itself with these variables set, and TestProjectorProcess follows.
const (
	envProjectorTenant     = "HELPING_TEST_PROJECTOR_TENANT"
	envProjectorCheckpoint = "HELPING_TEST_PROJECTOR_CHECKPOINT"
	followingMark          = "projector-following"
)

// TestProjectorKilled kills a projector process 20 times (SIGKILL, at a
// random moment while it follows the feed of a PostgreSQL journal and
// cases are being assigned and released), each time starting a new one
// from the checkpoint the last one left in a file: at the end the
// caseloads it resumed equal those rebuilt from scratch.
func TestProjectorKilled(t *testing.T) {
	url := serverURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	tenant := newTenant(t)
	j := open(t, tenant, nil)
	file := filepath.Join(t.TempDir(), "caseloads.checkpoint")
	r := rand.New(rand.NewPCG(12, 2026))
	workers := []uuid.UUID{uuid.New(), uuid.New(), uuid.New()}
	agency := casework.AgencyStreamName(relationship.PartyID(uuid.New()))
	var v uint64
	var assigned []uuid.UUID // cases assigned and not released
	step := func() {
		var ev relationship.Event
		if len(assigned) > 0 && r.IntN(3) == 0 {
			k := r.IntN(len(assigned))
			ev = casework.CaseReleased{Case: assigned[k]}
			assigned = append(assigned[:k], assigned[k+1:]...)
		} else {
			c := uuid.New()
			ev = casework.CaseAssigned{Case: c, Client: journaltest.Actor, Worker: relationship.PartyID(workers[r.IntN(len(workers))])}
			assigned = append(assigned, c)
		}
		e, err := relationship.NewEntry(v+1, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(v)*time.Minute), journaltest.Actor, "record", ev)
		require.NoError(t, err)
		require.NoError(t, j.Append(ctx, relationship.Append{Stream: agency, Expected: v, Entries: []relationship.Entry{e}}))
		v++
	}

	resumed := 0 // projectors that started from a checkpoint
	for kill := range 20 {
		for range 10 {
			step()
		}
		if _, err := os.Stat(file); err == nil {
			resumed++
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestProjectorProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), envProjectorTenant+"="+tenant, envProjectorCheckpoint+"="+file, "HELPING_POSTGRES_URL="+url)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		following := make(chan bool, 1)
		go func() {
			lines := bufio.NewScanner(out)
			for lines.Scan() {
				if lines.Text() == followingMark {
					following <- true
					break
				}
			}
			following <- false
		}()
		select {
		case ok := <-following:
			require.True(t, ok, "kill %d: the projector ended before it followed", kill)
		case <-ctx.Done():
			t.Fatalf("kill %d: the projector did not start", kill)
		}
		for range r.IntN(8) {
			step() // written while it follows
			time.Sleep(time.Duration(r.IntN(5)) * time.Millisecond)
		}
		time.Sleep(time.Duration(r.IntN(20_000)) * time.Microsecond)
		require.NoError(t, cmd.Process.Kill(), "kill %d", kill)
		var exit *exec.ExitError
		require.ErrorAs(t, cmd.Wait(), &exit, "kill %d: killed, not ended", kill)
	}
	assert.Positive(t, resumed, "projectors resumed from the checkpoint of one killed before")
	t.Logf("%d of 20 projectors resumed from a checkpoint; %d entries", resumed, v)

	got := restoreCaseloads(t, file)
	_, err := got.CatchUp(ctx, j)
	require.NoError(t, err)
	want, err := projection.New(projection.NewCaseloads())
	require.NoError(t, err)
	_, err = want.CatchUp(ctx, j)
	require.NoError(t, err)
	require.Equal(t, v, want.Position())
	assert.Equal(t, want.Position(), got.Position())
	assert.Equal(t, caseloadsBinary(t, want), caseloadsBinary(t, got), "resumed after 20 kills, as if rebuilt")
}

// TestProjectorProcess is a projector process of TestProjectorKilled: it
// follows the feed from the checkpoint in the file named, and saves each
// new checkpoint there, until it is killed. Run alone, it does nothing.
func TestProjectorProcess(t *testing.T) {
	tenant := os.Getenv(envProjectorTenant)
	if tenant == "" {
		t.Skip("a projector process of TestProjectorKilled, not a test of its own")
	}
	file := os.Getenv(envProjectorCheckpoint)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	j := open(t, tenant, nil)
	p := restoreCaseloads(t, file)
	os.Stdout.WriteString(followingMark + "\n")
	err := p.Follow(ctx, j, &projection.FollowOptions{Checkpoint: func(_ context.Context, cp []byte) error {
		return writeFileAtomic(file, cp)
	}})
	require.ErrorIs(t, err, context.DeadlineExceeded, "a projector follows until it is killed")
}

// restoreCaseloads returns the caseloads projection saved in file, or a
// new one if there is no file.
func restoreCaseloads(t *testing.T, file string) *projection.Projection[*projection.Caseloads] {
	t.Helper()
	cp, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		p, err := projection.New(projection.NewCaseloads())
		require.NoError(t, err)
		return p
	}
	require.NoError(t, err)
	p, err := projection.Restore(projection.NewCaseloads(), cp)
	require.NoError(t, err)
	return p
}

// writeFileAtomic replaces file with data: a process killed meanwhile
// leaves the old file or the new one, never half of one.
func writeFileAtomic(file string, data []byte) error {
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

// caseloadsBinary returns the saved form of p's model.
func caseloadsBinary(t *testing.T, p *projection.Projection[*projection.Caseloads]) string {
	t.Helper()
	var b []byte
	var err error
	p.View(func(m *projection.Caseloads) { b, err = m.MarshalBinary() })
	require.NoError(t, err)
	return string(b)
}
