package casework

import (
	"encoding/json"
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// alien is an event no casework record may hold.
type alien struct{}

func (alien) EventType() string { return "casework-test.alien.v1" }

// forge returns the entries of f's record with entry i (counting from 0)
// replaced by the one mk makes, or appended when i is past the end.
func forge(t *testing.T, f *fixture, i int, mk func(seq uint64, at time.Time) (relationship.Entry, error)) []relationship.Entry {
	t.Helper()
	es := collect(f.c.Record())
	e, err := mk(uint64(i+1), epoch.Add(1000*time.Hour))
	require.NoError(t, err)
	if i < len(es) {
		es[i] = e
		return es
	}
	return append(es, e)
}

func entry(actor relationship.PartyID, act relationship.Act, ev relationship.Event) func(uint64, time.Time) (relationship.Entry, error) {
	return func(seq uint64, at time.Time) (relationship.Entry, error) {
		return relationship.NewEntry(seq, at, actor, act, ev)
	}
}

func TestReplayRejectsForgedRecords(t *testing.T) {
	f := newFixture(t)
	f.toStudy()
	f.id(f.c.WriteNote(idWorker, "the home is clean"))
	end := int(f.c.Version())
	opening := collect(f.c.Record())[0].Event().(CaseOpened)
	twins := opening
	twins.Worker = MustWorker(idClient, "Anna Kowalski", testSupervisor, 0)
	tests := []struct {
		name    string
		entries []relationship.Entry
		want    error
	}{
		{"empty", nil, relationship.ErrInvalidEntry},
		{"not opened", forge(t, f, 0, entry(idWorker, ActChangePhase, PhaseChanged{PhaseIntake, PhaseStudy})), relationship.ErrInvalidEntry},
		{"opened twice", forge(t, f, end, entry(idWorker, ActOpenCase, opening)), relationship.ErrInvalidEntry},
		{"opened by the client", forge(t, f, 0, entry(idClient, ActOpenCase, opening)), relationship.ErrNotPermitted},
		{"opened by a stranger", forge(t, f, 0, entry(idStranger, ActOpenCase, opening)), relationship.ErrNotParty},
		{"one party in two roles", forge(t, f, 0, entry(idWorker, ActOpenCase, twins)), ErrDuplicateID},
		{"gap in sequence", append(collect(f.c.Record())[:1], collect(f.c.Record())[2:]...), relationship.ErrInvalidEntry},
		{"zero entry", append(collect(f.c.Record()), relationship.Entry{}), relationship.ErrInvalidEntry},
		{"act does not match", forge(t, f, end, entry(idWorker, ActDiagnose, PhaseChanged{PhaseStudy, PhaseDiagnosis})), relationship.ErrInvalidEntry},
		{"alien event", forge(t, f, end, entry(idWorker, "invade", alien{})), relationship.ErrUnknownEvent},
		{"stranger acts", forge(t, f, end, entry(idStranger, ActWriteNote, NoteWritten{uuid.New(), "x"})), relationship.ErrNotParty},
		{"client consents for herself, worker for her", forge(t, f, end,
			entry(idWorker, ActGiveConsent, ConsentGiven{Consent: uuid.New(), Scope: PlanScope()})), relationship.ErrNotPermitted},
		{"phase skipped", forge(t, f, end, entry(idWorker, ActChangePhase, PhaseChanged{PhaseStudy, PhaseTreatment})), ErrPhase},
		{"phase misquoted", forge(t, f, end, entry(idWorker, ActChangePhase, PhaseChanged{PhaseIntake, PhaseStudy})), ErrPhase},
		{"empty note", forge(t, f, end, entry(idWorker, ActWriteNote, NoteWritten{uuid.New(), " "})), ErrBlank},
		{"invalid enum", forge(t, f, end, entry(idWorker, ActRecordEvidence, EvidenceRecorded{Evidence: uuid.New(),
			Kind: 9, Source: "s", Summary: "x"})), relationship.ErrInvalidValue},
		{"identifier reused", forge(t, f, end, entry(idWorker, ActWriteNote, NoteWritten{opening.Case, "x"})), nil},
		{"evidence in the wrong phase", forge(t, f, 1, entry(idWorker, ActRecordEvidence, EvidenceRecorded{Evidence: uuid.New(),
			Kind: EvidenceReal, Source: "s", Summary: "x"})), ErrPhase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Replay(slices.Values(tt.entries), nil)
			require.Error(t, err)
			assert.Nil(t, c)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
		})
	}
}

func TestReplayRejectsReusedIdentifiers(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "first"))
	es := forge(t, f, int(f.c.Version()), entry(idWorker, ActWriteNote, NoteWritten{n, "second"}))
	_, err := Replay(slices.Values(es), nil)
	assert.ErrorIs(t, err, ErrDuplicateID)
}

func TestLoadBindsToTheAgency(t *testing.T) {
	f := newFixture(t)
	f.toTreatment()
	p := f.id(f.c.ProposeProvision(idWorker, "coal", 2, "heat"))
	f.ok(f.c.AuthoriseProvision(idWorker, p))
	j := journal.NewMemory()
	require.NoError(t, f.c.Save(bg, j), "saving the case saves the agency's side of its changes")
	assert.Zero(t, f.a.Unsaved(), "the draw on the pool went with the provision")
	require.NoError(t, f.a.Save(bg, j), "the roster was saved too")

	a, err := LoadAgency(bg, j, idAgency, nil)
	require.NoError(t, err)
	assert.Equal(t, collect(f.a.Pool()), collect(a.Pool()), "the pool is as it stood, with no case loaded")
	assert.Equal(t, []uuid.UUID{f.c.ID()}, collect(a.Caseload(idWorker)))
	c, err := Load(bg, j, f.c.ID(), &Options{Agency: a})
	require.NoError(t, err)
	assert.Same(t, a, c.Agency())
	got, ok := a.Case(c.ID())
	assert.True(t, ok)
	assert.Same(t, c, got)
	assert.Equal(t, collect(f.a.Pool()), collect(a.Pool()), "binding draws nothing again")

	other := MustAgency(AgencySpec{ID: idStranger, Name: "Associated Charities"}, nil)
	unaware := testAgency(t, nil)
	tests := []struct {
		name   string
		agency *Agency
		want   error
	}{
		{"the same agency twice", a, ErrCaseExists},
		{"another agency", other, ErrWrongAgency},
		{"a copy of the agency that does not know the case", unaware, ErrWrongAgency},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pool, cases := collect(tt.agency.Pool()), collect(tt.agency.Cases())
			_, err := Load(bg, j, f.c.ID(), &Options{Agency: tt.agency})
			var be *BindError
			require.ErrorAs(t, err, &be)
			assert.ErrorIs(t, err, tt.want)
			assert.Equal(t, pool, collect(tt.agency.Pool()), "pool unchanged")
			assert.Equal(t, cases, collect(tt.agency.Cases()), "cases unchanged")
		})
	}
}

// TestReplayRebuildsTheCase is the property test: random sequences of
// operations, valid and invalid, by random actors. Every failed operation
// leaves state, record, ledger and pool unchanged; replaying the record,
// directly or after a round trip through JSON, rebuilds an equal case; and
// binding it to a fresh agency rebuilds the agency's pool.
func TestReplayRebuildsTheCase(t *testing.T) {
	succeeded := map[relationship.Act]int{}
	for seed := uint64(1); seed <= 200; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			f := newFixture(t)
			r := &randomCase{f: f, rng: rand.New(rand.NewPCG(seed, 42)), shadow: replayed(t, f.c)}
			for range 150 {
				r.step(t, succeeded)
			}
			replayed(t, r.f.c)
			a, err := ReplayAgency(slices.Values(jsonRoundTrip(t, r.f.a.Record())), nil)
			require.NoError(t, err)
			assert.Equal(t, collect(r.f.a.Pool()), collect(a.Pool()), "the agency's record rebuilds its pool")
			assert.Equal(t, collect(r.f.a.Cases()), collect(a.Cases()), "and its caseloads")
			c, err := Replay(slices.Values(jsonRoundTrip(t, r.f.c.Record())), &Options{Agency: a})
			require.NoError(t, err)
			assertSameCase(t, r.f.c, c)
		})
	}
	t.Logf("successful operations: %v", succeeded)
	for rule := range Rights().All() {
		if rule.Act != ActOpenCase {
			assert.Positivef(t, succeeded[rule.Act], "the random operations never managed to %s", rule.Act)
		}
	}
}

func jsonRoundTrip(t *testing.T, record iter.Seq[relationship.Entry]) []relationship.Entry {
	t.Helper()
	var out []relationship.Entry
	for e := range record {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		var back relationship.Entry
		require.NoError(t, json.Unmarshal(b, &back))
		out = append(out, back)
	}
	return out
}

// randomCase drives a case with random operations.
type randomCase struct {
	f      *fixture
	rng    *rand.Rand
	shadow *Case // a detached replay of f.c, kept up to date entry by entry
}

var randomActors = []relationship.PartyID{idWorker, idWorker, idWorker, idClient, idClient, idSupervisor,
	idWorker2, idSuper2, idAgency, idStranger}

func (r *randomCase) actor() relationship.PartyID {
	// Mostly the party who holds the case now.
	if r.rng.IntN(3) > 0 {
		switch w := r.f.c.Worker(); r.rng.IntN(3) {
		case 0:
			return w.ID()
		case 1:
			return w.Supervisor().ID()
		}
	}
	return randomActors[r.rng.IntN(len(randomActors))]
}

// item returns the identifier of a random item of the kind, or a new one.
func (r *randomCase) item(kind itemKind) uuid.UUID {
	var ids []uuid.UUID
	r.f.c.mu.RLock()
	for id, it := range r.f.c.st.items {
		if it.kind == kind {
			ids = append(ids, id)
		}
	}
	r.f.c.mu.RUnlock()
	if len(ids) == 0 || r.rng.IntN(10) == 0 {
		return uuid.New()
	}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	return ids[r.rng.IntN(len(ids))]
}

func (r *randomCase) scope() Scope {
	return []Scope{PlanScope(), DisclosureScope("Dr. Grey"), ReferralScope(legalAid), {Purpose: ConsentToPlan, To: "x"}}[r.rng.IntN(4)]
}

func (r *randomCase) text() string { return []string{"", "a visit", "rent", "  "}[r.rng.IntN(4)] }

func (r *randomCase) ops() []func(a relationship.PartyID) (relationship.Act, error) {
	c, rng := r.f.c, r.rng
	return []func(a relationship.PartyID) (relationship.Act, error){
		func(a relationship.PartyID) (relationship.Act, error) {
			to := c.Phase() + 1
			if rng.IntN(3) == 0 {
				to = Phase(rng.IntN(8))
			}
			return ActChangePhase, c.MoveTo(a, to)
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			_, err := c.AssessEligibility(a)
			return ActAssessEligibility, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			kind := EvidenceKind(rng.IntN(4))
			_, err := c.RecordEvidence(a, Evidence{Kind: kind, Source: "a neighbour", Summary: r.text(),
				Hearsay: rng.IntN(3) == 0, Shows: []Circumstance{Circumstance(rng.IntN(16))}})
			return ActRecordEvidence, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActDiagnose, c.Diagnose(a, Diagnosis{Difficulties: []string{r.text()}})
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			_, err := c.ProposeGoal(a, r.text())
			return ActProposeGoal, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActAgreeGoal, c.AgreeGoal(a, r.item(itemGoal))
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActActivateGoal, c.ActivateGoal(a, r.item(itemGoal))
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActAchieveGoal, c.AchieveGoal(a, r.item(itemGoal), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActAbandonGoal, c.AbandonGoal(a, r.item(itemGoal), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			var expires time.Time
			if rng.IntN(2) == 0 {
				expires = epoch.Add(time.Duration(rng.IntN(200)) * time.Hour)
			}
			_, err := c.GiveConsent(a, r.scope(), expires)
			return ActGiveConsent, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			_, err := c.RefuseConsent(a, r.scope())
			return ActRefuseConsent, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActRevokeConsent, c.RevokeConsent(a, r.item(itemConsent))
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActOverrideRefusal, c.OverrideRefusal(a, r.item(itemConsent), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			_, err := c.Counsel(a, relationship.SupportKind(rng.IntN(7)), r.text())
			return ActCounsel, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			res := []Resource{"coal", "rent", "bread"}[rng.IntN(3)]
			_, err := c.ProposeProvision(a, res, int64(rng.IntN(700))-1, r.text())
			return ActProposeProvision, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActApproveProvision, c.ApproveProvision(a, r.item(itemProvision))
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActDeclineProvision, c.DeclineProvision(a, r.item(itemProvision), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActAuthoriseProvision, c.AuthoriseProvision(a, r.item(itemProvision))
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActWithdrawProvision, c.WithdrawProvision(a, r.item(itemProvision), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			_, err := c.WriteNote(a, r.text())
			return ActWriteNote, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			_, err := c.ReadNote(bg, accessLog, a, r.item(itemNote))
			return ActReadNote, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActDiscloseNote, c.DiscloseNote(bg, accessLog, a, r.item(itemNote), []string{"Dr. Grey", "the police"}[rng.IntN(2)])
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			to := []Worker{testWorker, testWorker2}[rng.IntN(2)]
			return ActTransferCase, c.Transfer(a, to, r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			_, err := c.Refer(a, []string{legalAid, "the Dispensary"}[rng.IntN(2)], r.text())
			return ActRefer, err
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActUpdateReferral, c.UpdateReferral(a, r.item(itemReferral), ReferralState(rng.IntN(7)), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActRevokeReferral, c.RevokeReferral(a, r.item(itemReferral), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActCloseCase, c.Close(a, TerminationReason(rng.IntN(11)), r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActWithdraw, c.Withdraw(a, r.text())
		},
		func(a relationship.PartyID) (relationship.Act, error) {
			return ActReopenCase, c.Reopen(a, r.text())
		},
	}
}

// step performs one random operation; if it fails, it checks that nothing
// changed.
func (r *randomCase) step(t *testing.T, succeeded map[relationship.Act]int) {
	ops := r.ops()
	// Moving on is the most common step; closing, withdrawing and reopening
	// end or restart the story, so they are rarer.
	var op func(relationship.PartyID) (relationship.Act, error)
	switch n := r.rng.IntN(100); {
	case n < 45:
		op = r.guided()
	case n < 55:
		op = ops[0]
	case n < 57:
		op = ops[len(ops)-3+r.rng.IntN(3)]
	default:
		op = ops[1+r.rng.IntN(len(ops)-4)]
	}
	c := r.f.c
	version, exchanges, pool := c.Version(), c.Ledger().Len(), collect(r.f.a.Pool())
	actor := r.actor()
	act, err := op(actor)
	if err == nil {
		succeeded[act]++
		rec, from := collect(c.Record()), r.shadow.Version()
		r.shadow.mu.Lock()
		defer r.shadow.mu.Unlock()
		for _, e := range rec[from:] {
			require.NoError(t, r.shadow.eng.Replay(e))
		}
		return
	}
	assert.Equal(t, version, c.Version(), "%s failed but the record changed: %v", act, err)
	assert.Equal(t, exchanges, c.Ledger().Len(), "%s failed but the ledger changed: %v", act, err)
	assert.Equal(t, pool, collect(r.f.a.Pool()), "%s failed but the pool changed: %v", act, err)
	c.mu.RLock()
	defer c.mu.RUnlock()
	require.Equal(t, r.shadow.st, c.st, "%s failed but the state changed: %v", act, err)
}

// guided returns the step the case needs next on the way through the
// process, by the party who would take it, so that random runs reach
// treatment and beyond. It ignores the actor it is given.
func (r *randomCase) guided() func(relationship.PartyID) (relationship.Act, error) {
	c, rng := r.f.c, r.rng
	w := c.Worker()
	worker, super := w.ID(), w.Supervisor().ID()
	c.mu.RLock()
	s := &c.st
	phase, evidence, assessed := s.phase, len(s.evidence), s.assessment != nil && s.assessment.Eligible
	diagnosed, consented := s.diagnosis != nil, s.consentInForce(PlanScope(), epoch.Add(100000*time.Hour)) == nil
	goals := map[GoalState][]uuid.UUID{}
	for _, g := range s.goals {
		goals[g.state] = append(goals[g.state], g.id)
	}
	provisions := map[ProvisionState][]uuid.UUID{}
	for _, p := range s.provisions {
		provisions[p.state] = append(provisions[p.state], p.id)
	}
	c.mu.RUnlock()
	pick := func(ids []uuid.UUID) uuid.UUID { return ids[rng.IntN(len(ids))] }
	move := func(to Phase) func(relationship.PartyID) (relationship.Act, error) {
		return func(relationship.PartyID) (relationship.Act, error) { return ActChangePhase, c.MoveTo(worker, to) }
	}
	switch {
	case phase == PhaseIntake:
		return move(PhaseStudy)
	case phase == PhaseStudy && evidence == 0:
		return func(relationship.PartyID) (relationship.Act, error) {
			_, err := c.RecordEvidence(worker, Evidence{Kind: EvidenceReal, Source: "visit", Summary: "no fire"})
			return ActRecordEvidence, err
		}
	case phase == PhaseStudy && !assessed:
		return func(relationship.PartyID) (relationship.Act, error) {
			_, err := c.AssessEligibility(worker)
			return ActAssessEligibility, err
		}
	case phase == PhaseStudy:
		return move(PhaseDiagnosis)
	case phase == PhaseDiagnosis && !diagnosed:
		return func(relationship.PartyID) (relationship.Act, error) {
			return ActDiagnose, c.Diagnose(worker, Diagnosis{Difficulties: []string{"no work"}})
		}
	case phase == PhaseDiagnosis && len(goals[GoalStateProposed]) > 0 && rng.IntN(2) == 0:
		return func(relationship.PartyID) (relationship.Act, error) {
			return ActAgreeGoal, c.AgreeGoal(idClient, pick(goals[GoalStateProposed]))
		}
	case phase == PhaseDiagnosis && len(goals[GoalStateAgreed]) == 0:
		return func(relationship.PartyID) (relationship.Act, error) {
			_, err := c.ProposeGoal(worker, "work by spring")
			return ActProposeGoal, err
		}
	case phase == PhaseDiagnosis && !consented:
		return func(relationship.PartyID) (relationship.Act, error) {
			_, err := c.GiveConsent(idClient, PlanScope(), time.Time{})
			return ActGiveConsent, err
		}
	case phase == PhaseDiagnosis:
		return move(PhaseTreatment)
	case phase == PhaseTreatment:
		return []func(relationship.PartyID) (relationship.Act, error){
			func(relationship.PartyID) (relationship.Act, error) {
				_, err := c.ProposeProvision(worker, []Resource{"coal", "rent"}[rng.IntN(2)], int64(1+rng.IntN(600)), "relief")
				return ActProposeProvision, err
			},
			func(relationship.PartyID) (relationship.Act, error) {
				if len(provisions[ProvisionStateProposed]) == 0 {
					return ActApproveProvision, ErrNotFound
				}
				return ActApproveProvision, c.ApproveProvision(super, pick(provisions[ProvisionStateProposed]))
			},
			func(relationship.PartyID) (relationship.Act, error) {
				ids := append(provisions[ProvisionStateApproved], provisions[ProvisionStateProposed]...)
				if len(ids) == 0 {
					return ActAuthoriseProvision, ErrNotFound
				}
				return ActAuthoriseProvision, c.AuthoriseProvision(worker, pick(ids))
			},
			func(relationship.PartyID) (relationship.Act, error) {
				if len(goals[GoalStateAgreed]) == 0 {
					return ActActivateGoal, ErrNotFound
				}
				return ActActivateGoal, c.ActivateGoal(worker, pick(goals[GoalStateAgreed]))
			},
			func(relationship.PartyID) (relationship.Act, error) {
				scope := []Scope{ReferralScope(legalAid), DisclosureScope("Dr. Grey")}[rng.IntN(2)]
				_, err := c.GiveConsent(idClient, scope, time.Time{})
				return ActGiveConsent, err
			},
			func(relationship.PartyID) (relationship.Act, error) {
				return ActDiscloseNote, c.DiscloseNote(bg, accessLog, worker, r.item(itemNote), "Dr. Grey")
			},
			func(relationship.PartyID) (relationship.Act, error) {
				return ActUpdateReferral, c.UpdateReferral(worker, r.item(itemReferral), ReferralStateAccepted, "")
			},
			move(PhaseEvaluation),
		}[rng.IntN(8)]
	case phase == PhaseEvaluation && len(goals[GoalStateActive]) > 0:
		return func(relationship.PartyID) (relationship.Act, error) {
			return ActAchieveGoal, c.AchieveGoal(worker, pick(goals[GoalStateActive]), "done")
		}
	case phase == PhaseEvaluation:
		return []func(relationship.PartyID) (relationship.Act, error){move(PhaseTreatment), move(PhaseStudy),
			func(relationship.PartyID) (relationship.Act, error) {
				return ActCloseCase, c.Close(worker, ReasonGoalsAchieved, "done")
			}}[rng.IntN(3)]
	}
	return func(relationship.PartyID) (relationship.Act, error) { return ActReopenCase, c.Reopen(worker, "back") }
}
