package casework

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// toTreatmentBy takes a case through study, diagnosis and an agreed plan to
// treatment, by its worker and its client.
func toTreatmentBy(t testing.TB, c *Case, worker, client relationship.PartyID) {
	t.Helper()
	require.NoError(t, c.MoveTo(worker, PhaseStudy))
	_, err := c.RecordEvidence(worker, Evidence{Kind: EvidenceReal, Source: "visit", Summary: "no fire",
		Shows: []Circumstance{Unemployment}})
	require.NoError(t, err)
	_, err = c.AssessEligibility(worker)
	require.NoError(t, err)
	require.NoError(t, c.MoveTo(worker, PhaseDiagnosis))
	require.NoError(t, c.Diagnose(worker, Diagnosis{Difficulties: []string{"no income"}}))
	g, err := c.ProposeGoal(worker, "through the winter")
	require.NoError(t, err)
	require.NoError(t, c.AgreeGoal(client, g))
	_, err = c.GiveConsent(client, PlanScope(), time.Time{})
	require.NoError(t, err)
	require.NoError(t, c.MoveTo(worker, PhaseTreatment))
}

// family returns the n-th test client, a family of their own.
func family(n int) Client {
	id := relationship.MustParsePartyID(fmt.Sprintf("018f0000-0000-7000-8000-%012x", 0x1000+n))
	return MustClient(id, fmt.Sprintf("Family %d", n), Intake{PresentingProblem: "no coal", Needs: []string{"coal"}})
}

// drawnByCases totals the coal the cases' authorised provisions drew.
func drawnByCases(t testing.TB, ctx context.Context, j relationship.Journal, a *Agency) (total int64, provisions int) {
	t.Helper()
	for cs := range a.Cases() {
		c, err := Load(ctx, j, cs.ID, &Options{Agency: a})
		require.NoError(t, err)
		for p := range c.Provisions() {
			if p.State() == ProvisionStateAuthorised {
				n, _ := p.Quantity()
				total += n
				provisions++
			}
		}
	}
	return total, provisions
}

// stockDrawn counts the agency's own entries that drew on its pool.
func stockDrawn(a *Agency) (total int64, draws int) {
	for e := range a.Record() {
		if d, ok := e.Event().(StockDrawn); ok {
			total += d.Quantity
			draws++
		}
	}
	return total, draws
}

// TestTwoCopiesRaceForTheLastUnit loads two copies of one agency, as two
// servers would, each with a case of its own, and lets them race for the
// last hundredweight of coal, a thousand times: each round one provision
// is saved and the other is told of the conflict, the pool never goes
// below zero, and the provisions the cases record are exactly what the
// pool gave.
func TestTwoCopiesRaceForTheLastUnit(t *testing.T) {
	rounds := 1000
	if raceEnabled {
		rounds = 150
	}
	ctx := context.Background()
	j := journal.NewMemory()
	a := staffed(t, AgencySpec{ID: idAgency, Name: "Charity Organization Society",
		Stock: []Stock{{Resource: "coal", Unit: "hundredweight", ApprovalAbove: 5}}}, testWorker, testWorker2)
	var ids [2]uuid.UUID
	for i, w := range []Worker{testWorker, testWorker2} {
		c := mustOpenBy(t, a, w, family(i))
		toTreatmentBy(t, c, w.ID(), family(i).ID())
		ids[i] = c.ID()
		require.NoError(t, c.Save(ctx, j))
	}
	require.NoError(t, a.Save(ctx, j))

	workers := [2]relationship.PartyID{idWorker, idWorker2}
	for round := range rounds {
		supply, err := LoadAgency(ctx, j, idAgency, nil)
		require.NoError(t, err)
		require.NoError(t, supply.Receive(idAgency, "coal", 1))
		require.NoError(t, supply.Save(ctx, j))

		var wg sync.WaitGroup
		var loaded sync.WaitGroup // both copies give before either saves
		loaded.Add(2)
		var won, lost atomic.Int32
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				copyOf, err := LoadAgency(ctx, j, idAgency, nil)
				assert.NoError(t, err)
				c, err := Load(ctx, j, ids[i], &Options{Agency: copyOf})
				assert.NoError(t, err)
				p, err := c.ProposeProvision(workers[i], "coal", 1, "the last of the coal")
				assert.NoError(t, err)
				assert.NoError(t, c.AuthoriseProvision(workers[i], p), "each copy sees one hundredweight left")
				loaded.Done()
				loaded.Wait()
				switch err := c.Save(ctx, j); {
				case err == nil:
					won.Add(1)
				case errors.Is(err, relationship.ErrVersionConflict):
					lost.Add(1)
				default:
					t.Errorf("round %d: %v", round, err)
				}
			}()
		}
		wg.Wait()
		require.Equal(t, int32(1), won.Load(), "round %d: exactly one provision is saved", round)
		require.Equal(t, int32(1), lost.Load(), "round %d: the other is told", round)
	}
	final, err := LoadAgency(ctx, j, idAgency, nil)
	require.NoError(t, err)
	left, _ := final.Available("coal")
	assert.Zero(t, left, "the pool is empty, never negative")
	total, provisions := drawnByCases(t, ctx, j, final)
	assert.Equal(t, int64(rounds), total, "the cases gave exactly what the pool received")
	assert.Equal(t, rounds, provisions)
	drawn, draws := stockDrawn(final)
	assert.Equal(t, int64(rounds), drawn)
	assert.Equal(t, rounds, draws)
}

// mustOpenBy opens a case for a client with a worker, by that worker.
func mustOpenBy(t testing.TB, a *Agency, w Worker, c Client) *Case {
	t.Helper()
	cs, err := NewCase(w.ID(), a, Application{Client: c, Worker: w}, nil)
	require.NoError(t, err)
	return cs
}

// TestProvisionsSurviveKill runs a child process that gives coal from
// three cases at once and saves each provision with its draw on the pool,
// in a file journal; the parent kills it with SIGKILL at a random moment,
// 50 times. After every kill the journal is opened again (with its
// recovery), the agency and its cases are loaded, and the pool and the
// cases agree: every hundredweight the pool lost is in an authorised
// provision of a case, and every authorised provision is in the pool's
// record.
func TestProvisionsSurviveKill(t *testing.T) {
	if dir := os.Getenv("CASEWORK_KILL_CHILD"); dir != "" {
		provisionChild(t, dir)
		return
	}
	rounds := 50
	if testing.Short() || raceEnabled {
		rounds = 10
	}
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	dir := t.TempDir()
	ctx := context.Background()
	for round := range rounds {
		killChildAfter(t, dir, time.Duration(rng.IntN(60))*time.Millisecond)
		j, err := journal.Open(dir, nil)
		require.NoError(t, err, "round %d", round)
		a, err := LoadAgency(ctx, j, idAgency, nil)
		require.NoError(t, err, "round %d", round)
		left, _ := a.Available("coal")
		total, provisions := drawnByCases(t, ctx, j, a)
		drawn, draws := stockDrawn(a)
		assert.Equal(t, childCoal-left, total, "round %d: the pool lost what the cases gave", round)
		assert.Equal(t, drawn, total, "round %d", round)
		assert.Equal(t, draws, provisions, "round %d", round)
		require.NoError(t, j.Close())
		if round == rounds-1 {
			t.Logf("%d provisions saved across %d kills, %d hundredweight given", provisions, rounds, total)
		}
	}
}

// childCoal is what the child's agency starts with: more than 50 rounds
// can give.
const childCoal = 1 << 30

// killChildAfter starts the child on dir, waits until it is giving coal,
// lets it run for the given time and kills it.
func killChildAfter(t *testing.T, dir string, after time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestProvisionsSurviveKill$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CASEWORK_KILL_CHILD="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	ready, done := make(chan struct{}), make(chan struct{})
	var printed strings.Builder // what the child printed; ours once done is closed
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			printed.WriteString(sc.Text() + "\n")
			if sc.Text() == "giving" {
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-done:
		_ = cmd.Wait()
		t.Fatalf("the child ended before it began giving:\n%s%s", printed.String(), stderr.String())
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("the child never began giving: %s", stderr.String())
	}
	time.Sleep(after)
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	<-done
	require.NotContains(t, printed.String(), "FAIL", "the child failed before it was killed")
}

// provisionChild is the child's side: it opens the journal, founds the
// agency and opens three cases the first time, and then gives coal from
// all three cases at once until it is killed.
func provisionChild(t *testing.T, dir string) {
	ctx := context.Background()
	j, err := journal.Open(dir, nil)
	require.NoError(t, err)
	a, err := LoadAgency(ctx, j, idAgency, nil)
	if errors.Is(err, relationship.ErrNoRecord) {
		a = staffed(t, AgencySpec{ID: idAgency, Name: "Charity Organization Society",
			Stock: []Stock{{Resource: "coal", Unit: "hundredweight", Quantity: childCoal, ApprovalAbove: 5}}},
			testWorker, testWorker2)
		require.NoError(t, a.AppointWorker(idAgency, MustWorker(idStranger, "Jane Addams", testSupervisor, 0)))
		for i, w := range []Worker{testWorker, testWorker2, MustWorker(idStranger, "Jane Addams", testSupervisor, 0)} {
			c := mustOpenBy(t, a, w, family(i))
			toTreatmentBy(t, c, w.ID(), family(i).ID())
			require.NoError(t, c.Save(ctx, j))
		}
		require.NoError(t, a.Save(ctx, j))
		a, err = LoadAgency(ctx, j, idAgency, nil) // as every later run does
	}
	require.NoError(t, err)
	var cases []*Case
	for cs := range a.Cases() {
		c, err := Load(ctx, j, cs.ID, &Options{Agency: a})
		require.NoError(t, err)
		cases = append(cases, c)
	}
	fmt.Println("giving")
	var wg sync.WaitGroup
	for _, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := c.Worker().ID()
			for n := 1; ; n++ {
				p, err := c.ProposeProvision(w, "coal", int64(1+n%5), "heat")
				require.NoError(t, err)
				require.NoError(t, c.AuthoriseProvision(w, p))
				require.NoError(t, c.Save(ctx, j))
			}
		}()
	}
	wg.Wait()
}

// TestReadsNeverConflict reads notes a thousand times from two copies of
// one case, loaded from a file journal as two servers would, while one of
// them goes on writing notes and saving: no read conflicts with anything,
// every save succeeds, and the access log holds exactly one entry for
// every text that was returned.
func TestReadsNeverConflict(t *testing.T) {
	reads := 1000
	if raceEnabled {
		reads = 300
	}
	ctx := context.Background()
	j, err := journal.Open(t.TempDir(), &journal.FileOptions{UnsafeNoSync: true})
	require.NoError(t, err)
	defer j.Close()
	f := newFixture(t)
	var notes []uuid.UUID
	for i := range 10 {
		notes = append(notes, f.id(f.c.WriteNote(idWorker, fmt.Sprintf("visit %d", i))))
	}
	require.NoError(t, f.c.Save(ctx, j))
	writer, err := Load(ctx, j, f.c.ID(), nil)
	require.NoError(t, err)
	reader, err := Load(ctx, j, f.c.ID(), nil)
	require.NoError(t, err)

	var returned, saves atomic.Int32
	var wg sync.WaitGroup
	for g, c := range []*Case{writer, reader} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 1))
			readers := []relationship.PartyID{idWorker, idSupervisor, idClient}
			for i := range reads / 2 {
				note, err := c.ReadNote(ctx, j, readers[rng.IntN(3)], notes[rng.IntN(len(notes))])
				if assert.NoError(t, err) && note.Text() != "" {
					returned.Add(1)
				}
				if c == writer && i%20 == 0 {
					_, err := c.WriteNote(idWorker, "a later visit")
					assert.NoError(t, err)
					assert.NoError(t, c.Save(ctx, j), "reads never make a save conflict")
					saves.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	logged := 0
	for a, err := range AccessLog(ctx, j, f.c.ID()) {
		require.NoError(t, err)
		assert.Equal(t, AccessRead, a.Kind)
		logged++
	}
	assert.Equal(t, int(returned.Load()), logged, "one entry in the log for every text returned")
	assert.Equal(t, reads, logged)
	v, err := j.Version(ctx, StreamName(f.c.ID()))
	require.NoError(t, err)
	assert.Equal(t, writer.Version(), v, "the writer's saves all landed")
	assert.Positive(t, saves.Load())
}
