package projection_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/projection"
)

var (
	epoch = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	actor = relationship.MustParsePartyID("01890a5d-ac96-774b-bcce-b302099a8057")
)

// ids returns n identifiers drawn from r: the same ones for the same seed.
func ids(r *rand.Rand, n int) []uuid.UUID {
	out := make([]uuid.UUID, n)
	for i := range out {
		var b [16]byte
		for k := range b {
			b[k] = byte(r.UintN(256))
		}
		out[i] = uuid.Must(uuid.FromBytes(b[:]))
	}
	return out
}

// world writes a random history of agencies, cases and groups into j:
// cases assigned, transferred and released; consents given, some with an
// expiry, and revoked; proposals raised, closed, withdrawn, and groups
// ended. The same seed writes the same history.
type world struct {
	r                                *rand.Rand
	j                                relationship.Journal
	versions                         map[string]uint64
	at                               time.Time
	agencies, cases, workers, groups []uuid.UUID
	consents, proposals              map[string][]uuid.UUID // by stream
}

func newWorld(t *testing.T, seed uint64, j relationship.Journal) *world {
	r := rand.New(rand.NewPCG(seed, 1))
	return &world{r: r, j: j, versions: map[string]uint64{}, at: epoch,
		agencies: ids(r, 2), cases: ids(r, 12), workers: ids(r, 4), groups: ids(r, 3),
		consents: map[string][]uuid.UUID{}, proposals: map[string][]uuid.UUID{}}
}

// append adds one entry holding ev to stream.
func (w *world) append(t *testing.T, stream string, act relationship.Act, ev relationship.Event) {
	t.Helper()
	w.at = w.at.Add(time.Hour)
	v := w.versions[stream]
	e, err := relationship.NewEntry(v+1, w.at, actor, act, ev)
	require.NoError(t, err)
	require.NoError(t, w.j.Append(context.Background(), relationship.Append{Stream: stream, Expected: v, Entries: []relationship.Entry{e}}))
	w.versions[stream] = v + 1
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// step writes one random event.
func (w *world) step(t *testing.T) {
	r := w.r
	agency := casework.AgencyStreamName(relationship.PartyID(pick(r, w.agencies)))
	c := pick(r, w.cases)
	cs := casework.StreamName(c)
	g := groupwork.StreamName(pick(r, w.groups))
	switch r.IntN(8) {
	case 0, 1:
		w.append(t, agency, "assign-case", casework.CaseAssigned{Case: c, Client: actor, Worker: relationship.PartyID(pick(r, w.workers))})
	case 2:
		w.append(t, agency, "release-case", casework.CaseReleased{Case: c})
	case 3:
		id := uuid.Must(uuid.NewRandomFromReader(r2reader{r}))
		var expires time.Time
		if r.IntN(4) > 0 {
			expires = epoch.Add(time.Duration(r.IntN(60*24)) * time.Hour)
		}
		w.append(t, cs, "give-consent", casework.ConsentGiven{Consent: id, Scope: casework.Scope{Purpose: casework.ConsentToDisclosure, To: "Dr Ames"}, Expires: expires})
		w.consents[cs] = append(w.consents[cs], id)
	case 4:
		if k := w.consents[cs]; len(k) > 0 {
			w.append(t, cs, "revoke-consent", casework.ConsentRevoked{Consent: pick(r, k)})
		}
	case 5:
		id := uuid.Must(uuid.NewRandomFromReader(r2reader{r}))
		var closes time.Time
		if r.IntN(3) > 0 {
			closes = epoch.Add(time.Duration(r.IntN(30*24)) * time.Hour)
		}
		w.append(t, g, "propose", groupwork.ProposalRaised{Proposal: id, Title: "a trip to the lake", Rule: groupwork.RuleSimpleMajority, Closes: closes})
		w.proposals[g] = append(w.proposals[g], id)
	case 6:
		if p := w.proposals[g]; len(p) > 0 {
			if r.IntN(2) == 0 {
				w.append(t, g, "close-proposal", groupwork.ProposalClosed{Proposal: pick(r, p), Resolution: count.Passed})
			} else {
				w.append(t, g, "withdraw-proposal", groupwork.ProposalWithdrawn{Proposal: pick(r, p), Reason: "changed our minds"})
			}
		}
	case 7:
		if r.IntN(10) == 0 {
			w.append(t, g, "end-group", groupwork.GroupEnded{Reason: "the season is over"})
		}
	}
}

// r2reader reads random bytes from a seeded generator.
type r2reader struct{ r *rand.Rand }

func (rr r2reader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(rr.r.UintN(256))
	}
	return len(p), nil
}

// models are the three read models, made fresh.
func models() []projection.Model {
	return []projection.Model{projection.NewCaseloads(), projection.NewExpiringConsents(), projection.NewOpenProposals()}
}

// rebuilt returns each model's checkpoint bytes after a catch-up from
// scratch.
func rebuilt(t *testing.T, j relationship.Journal) [][]byte {
	var out [][]byte
	for _, m := range models() {
		p, err := projection.New(m)
		require.NoError(t, err)
		_, err = p.CatchUp(context.Background(), j)
		require.NoError(t, err)
		b, err := m.MarshalBinary()
		require.NoError(t, err)
		out = append(out, b)
	}
	return out
}

// open returns the projection of m: new, or restored from checkpoint.
func open(t *testing.T, m projection.Model, checkpoint []byte) *projection.Projection[projection.Model] {
	t.Helper()
	var p *projection.Projection[projection.Model]
	var err error
	if checkpoint == nil {
		p, err = projection.New(m)
	} else {
		p, err = projection.Restore(m, checkpoint)
	}
	require.NoError(t, err)
	return p
}

// TestKilledAndResumed kills each projector 20 times part way (cancelling
// it as it follows the feed, at a random moment, while the history is
// still being written) and starts it again from its last checkpoint: at
// the end each read model equals the one rebuilt from scratch, for
// several histories.
func TestKilledAndResumed(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			j := journal.NewMemory()
			w := newWorld(t, seed, j)
			var checkpoints [3][]byte
			for kill := range 20 {
				for range 15 {
					w.step(t)
				}
				for i := range checkpoints {
					p := open(t, models()[i], checkpoints[i])
					ctx, cancel := context.WithCancel(context.Background())
					stopAfter := w.r.IntN(3)
					opts := &projection.FollowOptions{Checkpoint: func(_ context.Context, cp []byte) error {
						checkpoints[i] = cp
						if stopAfter--; stopAfter < 0 {
							cancel() // killed right after a checkpoint
						}
						return nil
					}}
					done := make(chan error, 1)
					go func() { done <- p.Follow(ctx, j, opts) }()
					for range w.r.IntN(4) {
						w.step(t) // written while the projector runs
					}
					time.Sleep(time.Duration(w.r.IntN(2000)) * time.Microsecond)
					cancel() // killed wherever it is
					require.ErrorIs(t, <-done, context.Canceled, "kill %d", kill)
				}
			}
			want := rebuilt(t, j)
			for i := range want {
				require.Greater(t, len(want[i]), 100, "model %d holds something to compare", i)
			}
			for i, m := range models() {
				p := open(t, m, checkpoints[i])
				_, err := p.CatchUp(context.Background(), j)
				require.NoError(t, err)
				got, err := m.MarshalBinary()
				require.NoError(t, err)
				assert.Equal(t, string(want[i]), string(got), "%T resumed 20 times equals the one rebuilt", m)
			}
		})
	}
}
