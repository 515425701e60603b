package groupwork

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// walker drives a group with random operations, valid and invalid.
type walker struct {
	t        *testing.T
	r        *rand.Rand
	g        *Group
	people   []relationship.PartyID // the facilitator, candidates, a stranger
	meetings []uuid.UUID
	items    []uuid.UUID
	concerns []uuid.UUID
	medns    []uuid.UUID
	props    []uuid.UUID
	proxies  []uuid.UUID
	failed   int
}

func (w *walker) person() relationship.PartyID { return w.people[w.r.IntN(len(w.people))] }

// fac is most often the facilitator: the one who may perform the
// facilitator's acts.
func (w *walker) fac() relationship.PartyID {
	if w.r.IntN(4) == 0 {
		return w.person()
	}
	return worker.ID()
}

// member is most often a current member.
func (w *walker) member() relationship.PartyID {
	var current []relationship.PartyID
	for m := range w.g.Members() {
		current = append(current, m.ID())
	}
	if len(current) == 0 || w.r.IntN(4) == 0 {
		return w.person()
	}
	return current[w.r.IntN(len(current))]
}

func (w *walker) pick(ids []uuid.UUID) uuid.UUID {
	if len(ids) == 0 || w.r.IntN(8) == 0 {
		return uuid.New() // unknown
	}
	return ids[w.r.IntN(len(ids))]
}

func (w *walker) text() string {
	return []string{"", "words", "more words", "a word", "the words"}[w.r.IntN(5)]
}

func (w *walker) profile() Profile {
	pool := []Strength{MustStrength(relationship.Emotional, ""), MustStrength(relationship.Informational, "english"),
		MustStrength(relationship.Material, "coal"), {}}
	var p Profile
	for range w.r.IntN(3) {
		p.Strengths = append(p.Strengths, pool[w.r.IntN(len(pool))])
	}
	if w.r.IntN(2) == 0 {
		p.Needs = []Need{MustNeed(relationship.Material, "coal")}
	}
	return p
}

func (w *walker) support() relationship.Support {
	if w.r.IntN(10) == 0 {
		return relationship.Support{}
	}
	return support(relationship.SupportKind(1+w.r.IntN(relationship.NumSupportKinds)), "help")
}

// step performs one random operation and returns its name and error.
func (w *walker) step() (string, error) {
	g, r := w.g, w.r
	var id uuid.UUID
	var err error
	switch op := r.IntN(21); op {
	case 0, 1, 2:
		return "join", g.Join(w.person(), w.text(), w.profile())
	case 3:
		return "leave", g.Leave(w.member(), LeaveReason(r.IntN(10)), w.text())
	case 4:
		return "update-profile", g.UpdateProfile(w.member(), w.profile())
	case 5:
		date := t0.Add(time.Duration(r.IntN(1000)) * time.Hour)
		if r.IntN(10) == 0 {
			date = time.Time{}
		}
		id, err = g.ConveneMeeting(w.fac(), date, w.text())
		w.meetings = appendID(w.meetings, id)
		return "convene", err
	case 6, 7:
		return "attendance", g.RecordAttendance(w.fac(), w.pick(w.meetings), w.member(), Attendance(r.IntN(6)))
	case 8:
		id, err = g.ChooseActivity(w.member(), w.pick(w.meetings), Activity(r.IntN(20)), w.text())
		w.items = appendID(w.items, id)
		return "choose", err
	case 9:
		return "record-activity", g.RecordActivity(w.member(), w.pick(w.items), w.text())
	case 10:
		_, err = g.RecordNote(w.fac(), w.pick(append(w.meetings, uuid.Nil)), w.text(), MutualAidProcess(r.IntN(12)), Cohesiveness)
		return "note", err
	case 11:
		return "stage", g.RecordStage(w.fac(), Stage(r.IntN(7)), w.text())
	case 12, 13:
		_, err = g.GiveAid(w.member(), Aid{To: w.member(), Support: w.support(), Process: MutualAidProcess(r.IntN(12)),
			Meeting: w.pick(append(w.meetings, uuid.Nil))})
		return "aid", err
	case 14:
		id, err = g.RaiseConcern(w.member(), ConcernScope(r.IntN(6)), w.text())
		w.concerns = appendID(w.concerns, id)
		return "concern", err
	case 15:
		if r.IntN(2) == 0 {
			return "action", g.TakeAction(w.member(), w.pick(w.concerns), ActionKind(r.IntN(11)), w.text())
		}
		return "close-concern", g.CloseConcern(w.member(), w.pick(w.concerns), Outcome(r.IntN(7)), w.text())
	case 17, 18, 19, 20:
		return w.decide()
	default:
		switch r.IntN(3) {
		case 0:
			id, err = g.OpenMediation(w.fac(), w.pick(append(w.concerns, uuid.Nil)), Demand{Source: w.text(), What: w.text()}, w.text())
			w.medns = appendID(w.medns, id)
			return "mediation", err
		case 1:
			return "settle", g.SettleMediation(w.fac(), w.pick(w.medns), w.text(), w.text())
		}
		return "end", g.EndGroup(w.fac(), w.text())
	}
}

// decide performs one random act of deciding together: raising a
// proposal (sometimes a bad one), voting (sometimes badly), granting,
// revoking or using a proxy, closing or withdrawing.
func (w *walker) decide() (string, error) {
	g, r := w.g, w.r
	var id uuid.UUID
	var err error
	switch r.IntN(8) {
	case 0:
		spec := randomSpec(r)
		switch r.IntN(6) {
		case 0:
			spec.Title = ""
		case 1:
			spec.Closes = t0.Add(time.Duration(r.IntN(600)) * time.Minute)
		case 2:
			spec.Meeting = w.pick(w.meetings)
		}
		id, err = g.Propose(w.member(), spec)
		w.props = appendID(w.props, id)
		return "propose", err
	case 1, 2, 3:
		return "vote", g.Vote(w.voter(), w.pick(w.props), w.ballot())
	case 4:
		id, err = g.GrantProxy(w.member(), w.pick(w.props), w.member())
		w.proxies = appendID(w.proxies, id)
		return "grant-proxy", err
	case 5:
		if r.IntN(2) == 0 {
			return "revoke-proxy", g.RevokeProxy(w.member(), w.pick(w.proxies))
		}
		return "vote-by-proxy", g.VoteByProxy(w.member(), w.pick(w.proxies), w.ballot())
	case 6:
		_, err = g.CloseProposal(w.member(), w.pick(w.props))
		return "close", err
	}
	return "withdraw", g.WithdrawProposal(w.member(), w.pick(w.props), w.text())
}

// voter is most often a member, sometimes the facilitator.
func (w *walker) voter() relationship.PartyID {
	if w.r.IntN(6) == 0 {
		return worker.ID()
	}
	return w.member()
}

// ballot is a random ballot for a random rule over three options: often
// fitting, sometimes not.
func (w *walker) ballot() Ballot {
	return randomBallot(w.r, Rule(1+w.r.IntN(rules.Len())), 2+w.r.IntN(3))
}

func appendID(ids []uuid.UUID, id uuid.UUID) []uuid.UUID {
	if id == uuid.Nil {
		return ids
	}
	return append(ids, id)
}

// TestRandomWalksReplay drives groups through random sequences of valid
// and invalid operations, with fixed seeds, and checks two laws: a failed
// operation leaves state, record and ledger as they were, and the record,
// replayed directly or after a round trip through JSON, rebuilds a group
// equal to the original.
//
// The plain run walks 40 seeds of 250 steps. Under the race detector, which
// has the concurrency tests to watch and makes every step several times
// slower, it walks 8 of the same seeds at full length, so that the walks
// still reach ended groups and closed votes; -short walks 5 short ones.
func TestRandomWalksReplay(t *testing.T) {
	seeds, steps := 40, 250
	switch {
	case testing.Short():
		seeds, steps = 5, 100
	case raceEnabled:
		seeds = 8
	}
	for seed := range seeds {
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			spec := clubSpec()
			r := rand.New(rand.NewPCG(uint64(seed), 2026))
			spec.Settings = Settings{Membership: Membership(1 + r.IntN(2)), Capacity: r.IntN(8),
				FacilitatorVotes: r.IntN(2) == 0, MaxProxies: r.IntN(3)}
			g, err := NewGroup(worker, spec, testOptions(uint64(seed+1)))
			require.NoError(t, err)
			w := &walker{t: t, r: r, g: g, people: append(append([]relationship.PartyID{worker.ID()}, people(6)...), stranger)}
			for range steps {
				recLen, ledgerLen := int(g.Version()), g.Ledger().Len()
				op, err := w.step()
				if err == nil {
					continue
				}
				w.failed++
				require.Equal(t, recLen, int(g.Version()), "%s failed (%v) but changed the record", op, err)
				require.Equal(t, ledgerLen, g.Ledger().Len(), "%s failed (%v) but changed the ledger", op, err)
				checkReplayEqual(t, g)
			}
			assert.Positive(t, w.failed, "the walk tried invalid operations")
			checkReplayEqual(t, g)
			checkJSONReplayEqual(t, g)
		})
	}
}

func checkReplayEqual(t *testing.T, g *Group) {
	t.Helper()
	r, err := Replay(g.Record(), nil)
	require.NoError(t, err)
	assertSameGroup(t, g, r)
}

func checkJSONReplayEqual(t *testing.T, g *Group) {
	t.Helper()
	b, err := json.Marshal(slices.Collect(g.Record()))
	require.NoError(t, err)
	var back []relationship.Entry
	require.NoError(t, json.Unmarshal(b, &back))
	r, err := Replay(slices.Values(back), nil)
	require.NoError(t, err)
	assertSameGroup(t, g, r)
}
