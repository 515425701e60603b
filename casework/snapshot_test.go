package casework

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// caseWalker drives an agency and one of its cases with random acts,
// valid and invalid, by random people: the worker, the client, the
// supervisor, another worker, a stranger.
type caseWalker struct {
	r     *rand.Rand
	a     *Agency
	c     *Case
	items []uuid.UUID // goals, consents, provisions, referrals the case issued
}

func (w *caseWalker) actor() relationship.PartyID {
	ids := []relationship.PartyID{idWorker, idWorker, idWorker, idClient, idClient, idSupervisor, idWorker2, idStranger}
	return ids[w.r.IntN(len(ids))]
}

func (w *caseWalker) item() uuid.UUID {
	if len(w.items) == 0 || w.r.IntN(8) == 0 {
		return uuid.New()
	}
	return w.items[w.r.IntN(len(w.items))]
}

func (w *caseWalker) keep(id uuid.UUID, err error) error {
	if err == nil && id != uuid.Nil {
		w.items = append(w.items, id)
	}
	return err
}

func (w *caseWalker) text() string {
	return []string{"", "rent", "coal for the winter", "a visit to the home", "work at the docks"}[w.r.IntN(5)]
}

// progress makes the act that takes the case on along its usual course,
// by the person whose act it is, so that walks reach treatment,
// provisions from the pool, closing and reopening.
func (w *caseWalker) progress() error {
	c, r := w.c, w.r
	idWorker := c.Worker().ID() // the worker assigned now
	switch c.Phase() {
	case PhaseIntake:
		return c.MoveTo(idWorker, PhaseStudy)
	case PhaseStudy:
		if r.IntN(2) == 0 {
			return w.keep(c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "visit", Summary: w.text(),
				Shows: []Circumstance{Unemployment}}))
		}
		if _, err := c.AssessEligibility(idWorker); err != nil {
			return err
		}
		return c.MoveTo(idWorker, PhaseDiagnosis)
	case PhaseDiagnosis:
		if _, ok := c.Diagnosis(); !ok {
			return c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"no income"}})
		}
		g, err := c.ProposeGoal(idWorker, "through the winter")
		if err := w.keep(g, err); err != nil {
			return err
		}
		if err := c.AgreeGoal(idClient, g); err != nil {
			return err
		}
		if err := w.keep(c.GiveConsent(idClient, PlanScope(), time.Time{})); err != nil {
			return err
		}
		return c.MoveTo(idWorker, PhaseTreatment)
	case PhaseTreatment:
		if r.IntN(4) == 0 {
			for g := range c.Goals() {
				_ = c.ActivateGoal(idWorker, g.ID())
				_ = c.AchieveGoal(idWorker, g.ID(), "done")
			}
			return c.MoveTo(idWorker, PhaseEvaluation)
		}
		p, err := c.ProposeProvision(idWorker, "coal", int64(1+r.IntN(4)), "for the winter")
		if err := w.keep(p, err); err != nil {
			return err
		}
		if r.IntN(2) == 0 {
			_ = c.ApproveProvision(idSupervisor, p)
		}
		return c.AuthoriseProvision(idWorker, p)
	case PhaseEvaluation:
		return c.Close(idWorker, ReasonGoalsAchieved, "the family is through the winter")
	}
	return c.Reopen(idWorker, "the mill closed again")
}

// step makes one random act and returns its error.
func (w *caseWalker) step() error {
	a, c, r := w.a, w.c, w.r
	if r.IntN(3) == 0 {
		return w.progress()
	}
	switch r.IntN(24) {
	case 0, 1, 2:
		return c.MoveTo(w.actor(), Phase(1+r.IntN(7)))
	case 3, 4:
		return w.keep(c.RecordEvidence(w.actor(), Evidence{Kind: EvidenceReal, Source: w.text(), Summary: w.text(),
			Shows: []Circumstance{Unemployment}}))
	case 5:
		_, err := c.AssessEligibility(w.actor())
		return err
	case 6:
		return c.Diagnose(w.actor(), Diagnosis{Difficulties: []string{w.text()}, Assets: []string{"a sister nearby"}})
	case 7:
		return w.keep(c.ProposeGoal(w.actor(), w.text()))
	case 8:
		return c.AgreeGoal(w.actor(), w.item())
	case 9:
		if r.IntN(2) == 0 {
			return c.ActivateGoal(w.actor(), w.item())
		}
		return c.AchieveGoal(w.actor(), w.item(), w.text())
	case 10:
		return w.keep(c.GiveConsent(w.actor(), PlanScope(), time.Time{}))
	case 11:
		if r.IntN(2) == 0 {
			return w.keep(c.RefuseConsent(w.actor(), DisclosureScope("the school")))
		}
		return c.RevokeConsent(w.actor(), w.item())
	case 12, 13:
		return w.keep(c.ProposeProvision(w.actor(), "coal", int64(1+r.IntN(4)), w.text()))
	case 14:
		return c.ApproveProvision(w.actor(), w.item())
	case 15:
		return c.AuthoriseProvision(w.actor(), w.item())
	case 16:
		return c.DeclineProvision(w.actor(), w.item(), w.text())
	case 17:
		return w.keep(c.Counsel(w.actor(), relationship.Emotional, w.text()))
	case 18:
		return w.keep(c.WriteNote(w.actor(), w.text()))
	case 19:
		return w.keep(c.Refer(w.actor(), "the dispensary", w.text()))
	case 20:
		if r.IntN(3) == 0 {
			return c.Transfer(w.actor(), testWorker2, w.text())
		}
		return c.Close(w.actor(), TerminationReason(1+r.IntN(6)), w.text())
	case 21:
		return c.Reopen(w.actor(), w.text())
	case 22:
		return a.Receive(idAgency, "coal", int64(r.IntN(5)))
	}
	return a.SetCaseloadLimit(idAgency, idWorker, r.IntN(4))
}

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

// TestSnapshotAndTailEqualFullReplay: over random histories of an agency
// and a case (valid and invalid acts, provisions that draw on the pool,
// transfers, closings and reopenings), loading the two from snapshots
// taken at random points plus the entries after them gives what a full
// replay of their records gives, and reads only those entries.
func TestSnapshotAndTailEqualFullReplay(t *testing.T) {
	seeds, steps := 30, 150
	if testing.Short() || raceEnabled {
		seeds = 6
	}
	for seed := range seeds {
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(seed), 1895))
			a := testAgency(t, nil)
			c, err := NewCase(idWorker, a, Application{Name: "The Kowalski family", Client: testClient, Worker: testWorker}, testOptions())
			require.NoError(t, err)
			w := &caseWalker{r: r, a: a, c: c}
			j := journal.NewMemory()
			atCase, atAgency := r.IntN(steps), r.IntN(steps)
			for i := range steps {
				if i == atCase {
					require.NoError(t, c.SaveSnapshot(bg, j))
				}
				if i == atAgency {
					require.NoError(t, a.SaveSnapshot(bg, j))
				}
				_ = w.step()
			}
			require.NoError(t, a.Save(bg, j))
			require.NoError(t, c.Save(bg, j))

			ja := &countingJournal{Journal: j}
			la, err := LoadAgency(bg, ja, idAgency, nil)
			require.NoError(t, err)
			agencyRead := ja.read // before Record reads the journal again
			fa, err := ReplayAgency(a.Record(), nil)
			require.NoError(t, err)
			assertSameAgency(t, fa, la)
			assertSameAgency(t, a, la)
			s, found, err := j.LoadSnapshot(bg, AgencyStreamName(idAgency))
			require.NoError(t, err)
			require.True(t, found)
			assert.Equal(t, int(la.Version()-s.Version)+1, agencyRead, "agency entries read")

			jc := &countingJournal{Journal: j}
			lc, err := Load(bg, jc, c.ID(), &Options{Agency: la})
			require.NoError(t, err)
			caseRead := jc.read
			assertSameCase(t, replayed(t, c), lc)
			s, found, err = j.LoadSnapshot(bg, StreamName(c.ID()))
			require.NoError(t, err)
			require.True(t, found)
			assert.Equal(t, int(lc.Version()-s.Version)+1, caseRead, "case entries read")

			// Both go on from where their records end.
			require.NoError(t, la.Receive(idAgency, "coal", 1))
			if _, err := lc.WriteNote(idWorker, "after the snapshot"); err == nil {
				require.NoError(t, lc.Save(bg, j))
			}
			require.NoError(t, la.Save(bg, j))
		})
	}
}

// assertSameAgency checks that two agencies hold the same state and
// record.
func assertSameAgency(t testing.TB, want, got *Agency) {
	t.Helper()
	assert.Equal(t, collect(want.Record()), collect(got.Record()), "record")
	want.mu.RLock()
	defer want.mu.RUnlock()
	got.mu.RLock()
	defer got.mu.RUnlock()
	assert.Equal(t, want.st, got.st, "state")
}

// TestUnreadableSnapshotsReplayInFull: a snapshot of another type (an
// older version of the program) or a damaged one is passed over, the
// record replayed in full, the same case and agency load, and the log
// says so without a word of what the record says.
func TestUnreadableSnapshotsReplayInFull(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	f.id(f.c.WriteNote(idWorker, "the husband drinks"))
	j := journal.NewMemory()
	require.NoError(t, f.a.SaveSnapshot(bg, j))
	require.NoError(t, f.c.SaveSnapshot(bg, j))
	for _, stream := range []string{AgencyStreamName(idAgency), StreamName(f.c.ID())} {
		good, found, err := j.LoadSnapshot(bg, stream)
		require.NoError(t, err)
		require.True(t, found)
		damaged := bytes.Clone(good.Data)
		damaged[len(damaged)-7] ^= 0x10
		for _, tc := range []struct {
			name string
			s    relationship.Snapshot
			logs string
		}{
			{"older type", relationship.Snapshot{Version: good.Version, Type: good.Type + "-old", Data: good.Data}, "another type"},
			{"damaged", relationship.Snapshot{Version: good.Version, Type: good.Type, Data: damaged}, "not used"},
			{"cut short", relationship.Snapshot{Version: good.Version, Type: good.Type, Data: good.Data[:10]}, "not used"},
		} {
			t.Run(stream[:4]+"/"+tc.name, func(t *testing.T) {
				require.NoError(t, j.SaveSnapshot(bg, stream, tc.s))
				var logged bytes.Buffer
				logger := slog.New(slog.NewTextHandler(&logged, nil))
				cj := &countingJournal{Journal: j}
				a, err := LoadAgency(bg, cj, idAgency, &AgencyOptions{Logger: logger})
				require.NoError(t, err)
				assertSameAgency(t, f.a, a)
				c, err := Load(bg, cj, f.c.ID(), &Options{Agency: a, Logger: logger})
				require.NoError(t, err)
				assertSameCase(t, f.c, c)
				assert.Contains(t, logged.String(), tc.logs)
				assert.Contains(t, logged.String(), stream)
				assert.NotContains(t, logged.String(), "drinks")
				assert.NotContains(t, logged.String(), "Kowalski")
				require.NoError(t, j.SaveSnapshot(bg, stream, good))
			})
		}
	}
}

// TestRecordReadsTheJournal: a loaded case holds its state, not its
// history, so what needs the entries before the load reads them from the
// journal, and says so when it cannot, instead of drawing or yielding a
// record with holes.
func TestRecordReadsTheJournal(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	j, err := journal.Open(t.TempDir(), nil)
	require.NoError(t, err)
	require.NoError(t, f.a.Save(bg, j))
	require.NoError(t, f.c.Save(bg, j))
	a, err := LoadAgency(bg, j, idAgency, nil)
	require.NoError(t, err)
	c, err := Load(bg, j, f.c.ID(), &Options{Agency: a})
	require.NoError(t, err)
	assertSameCase(t, f.c, c)
	require.NoError(t, c.WriteTimelineSVG(io.Discard, nil))

	require.NoError(t, j.Close())
	assert.ErrorIs(t, c.WriteTimelineSVG(io.Discard, nil), relationship.ErrClosed)
	var last error
	for _, err := range c.eng.Entries(bg) {
		last = err
	}
	assert.ErrorIs(t, last, relationship.ErrClosed)
	// The case made in this process keeps its saved entries: its record
	// does not depend on the journal staying open.
	assert.Len(t, entries(f.c), int(f.c.Version()))
	require.NoError(t, f.c.WriteTimelineSVG(io.Discard, nil))
}
