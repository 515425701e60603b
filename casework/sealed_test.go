package casework

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
	"github.com/helpingwork/helping/relationship/keyringtest"
)

// sealedStores opens a file journal and a file keyring in their own
// directories under one temporary directory, which it returns, as a
// program that seals its records keeps them; the journal closes when the
// test ends.
func sealedStores(t *testing.T) (dir string, fj *journal.File, ring *keyring.File) {
	t.Helper()
	dir = t.TempDir()
	fj, err := journal.Open(filepath.Join(dir, "journal"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = fj.Close() })
	ring, err = keyring.OpenFile(filepath.Join(dir, "keys"))
	require.NoError(t, err)
	return dir, fj, ring
}

// TestSealedAtRest saves a case full of planted strings through a sealed
// file journal: no planted string is in the journal's bytes; the case
// loads back equal; the journal alone still replays it with the same
// measures; and after its key is destroyed the case still loads, its texts
// read as erased, its measures unchanged, and nothing can be recovered
// from the journal and keyring directories together.
func TestSealedAtRest(t *testing.T) {
	ctx := context.Background()
	dir, fj, ring := sealedStores(t)
	sj := keyring.NewSealed(fj, ring, KeySubject)

	c, _ := confidentialCase(t)
	note := slices.Collect(c.Notes())[0].ID
	require.NoError(t, c.Save(ctx, sj))
	require.NoError(t, c.Agency().Save(ctx, sj))
	read, err := c.ReadNote(ctx, sj, idWorker, note)
	require.NoError(t, err)
	assert.Equal(t, "Notequill fears the landlord", read.Text())

	assert.Empty(t, keyringtest.Recoverable(t, planted, filepath.Join(dir, "journal")), "plaintext in the journal's bytes")
	assert.NotEmpty(t, keyringtest.Recoverable(t, []string{c.ID().String(), "treatment"}, filepath.Join(dir, "journal")),
		"identifiers and phases stay readable")

	loaded, err := Load(ctx, sj, c.ID(), nil)
	require.NoError(t, err)
	assert.Equal(t, c.Client(), loaded.Client())
	assert.Equal(t, c.Phase(), loaded.Phase())
	assert.Equal(t, c.Ledger().Metrics(), loaded.Ledger().Metrics())

	// Without keys: the journal alone replays and measures.
	var entries []relationship.Entry
	for e, err := range fj.Read(ctx, StreamName(c.ID()), 0) {
		require.NoError(t, err)
		entries = append(entries, e)
	}
	bare, err := Replay(slices.Values(entries), nil)
	require.NoError(t, err)
	assert.Equal(t, c.Phase(), bare.Phase())
	assert.Equal(t, c.Ledger().Metrics(), bare.Ledger().Metrics())
	assert.Equal(t, slices.Collect(c.PhaseHistory()), slices.Collect(bare.PhaseHistory()))
	assert.Equal(t, c.Client().ID(), bare.Client().ID())

	// Erasure.
	subject, _ := KeySubject(StreamName(c.ID()))
	require.NoError(t, sj.Forget(ctx, subject))
	assert.ErrorIs(t, sj.Erased(ctx, StreamName(c.ID())), keyring.ErrKeyDestroyed)
	assert.Empty(t, keyringtest.Recoverable(t, planted, dir), "plaintext in the journal and keyring together")
	erased, err := Load(ctx, sj, c.ID(), nil)
	require.NoError(t, err, "an erased case still loads")
	assert.Equal(t, keyring.ErasedText, erased.Client().Name())
	assert.Equal(t, keyring.ErasedText, erased.Client().PresentingProblem())
	assert.Equal(t, c.Phase(), erased.Phase())
	assert.Equal(t, c.Ledger().Metrics(), erased.Ledger().Metrics(), "every measure is unchanged")
	assert.Equal(t, slices.Collect(c.PhaseHistory()), slices.Collect(erased.PhaseHistory()))
	for g := range erased.Goals() {
		assert.Equal(t, keyring.ErasedText, g.Description())
	}
	text, err := erased.ReadNote(ctx, sj, idWorker, note)
	assert.Error(t, err, "an erased case's access log cannot be written")
	assert.Empty(t, text.Text())
	_, err = erased.WriteNote(idWorker, "a closing summary")
	require.NoError(t, err)
	assert.ErrorIs(t, erased.Save(ctx, sj), keyring.ErrKeyDestroyed, "an erased record is closed")
}

// TestSubjectAccessAndForget exports a client's case to the client: the
// document holds every entry of the record and the access log and every
// planted string; then the client forgets the case, which only they or the
// supervisor may do, and only once it is closed; both acts are recorded.
func TestSubjectAccessAndForget(t *testing.T) {
	ctx := context.Background()
	dir, fj, ring := sealedStores(t)
	var err error
	sj := keyring.NewSealed(fj, ring, KeySubject)

	c, _ := confidentialCase(t)
	require.NoError(t, c.Save(ctx, sj))
	note := slices.Collect(c.Notes())[0].ID
	for _, who := range []relationship.PartyID{idWorker, idClient, idSupervisor} {
		_, err := c.ReadNote(ctx, sj, who, note)
		require.NoError(t, err)
	}

	var buf bytes.Buffer
	assert.ErrorIs(t, c.Export(ctx, sj, idWorker, &buf), relationship.ErrNotPermitted, "a worker alone does not hand over the record")
	assert.ErrorIs(t, c.Export(ctx, sj, idStranger, &buf), relationship.ErrNotPermitted)
	require.NoError(t, c.Export(ctx, sj, idClient, &buf))
	var doc SubjectAccess
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.Equal(t, SubjectAccessFormat, doc.Format)
	assert.Equal(t, c.Client(), doc.Client)
	require.Len(t, doc.Record, int(c.Version()), "every entry of the record")
	for i, e := range slices.Collect(c.Record()) {
		assert.Equal(t, e.Seq(), doc.Record[i].Seq())
		assert.Equal(t, e.Event(), doc.Record[i].Event())
	}
	var log []Access
	for a, err := range AccessLog(ctx, sj, c.ID()) {
		require.NoError(t, err)
		log = append(log, a)
	}
	require.Len(t, doc.AccessLog, len(log), "every read of the client's notes")
	for i, a := range log {
		assert.Equal(t, a.By, doc.AccessLog[i].Actor())
		assert.Equal(t, a.At, doc.AccessLog[i].Time())
	}
	for _, s := range planted {
		assert.Contains(t, buf.String(), s, "the client sees what is held about them")
	}

	open := newFixture(t)
	assert.ErrorIs(t, open.c.Forget(ctx, sj, idClient), ErrCaseOpen)
	assert.ErrorIs(t, c.Forget(ctx, sj, idWorker), relationship.ErrNotPermitted)
	_, err = ring.Key(ctx, "case-"+c.ID().String())
	require.NoError(t, err, "a refused forget changes nothing")
	require.NoError(t, c.Forget(ctx, sj, idClient))
	assert.ErrorIs(t, sj.Erased(ctx, StreamName(c.ID())), keyring.ErrKeyDestroyed)

	var kinds []string
	for e, err := range sj.Read(ctx, PrivacyStreamName(c.ID()), 0) {
		require.NoError(t, err)
		kinds = append(kinds, e.Event().EventType()+" by "+e.Actor().String())
	}
	assert.Equal(t, []string{
		"casework.record-exported.v1 by " + idClient.String(),
		"casework.case-erased.v1 by " + idClient.String(),
	}, kinds)
	assert.Empty(t, keyringtest.Recoverable(t, planted, dir))
}

// privacyEvents are the event types of a case's privacy stream, which the
// golden script of json_test.go does not produce (they need a sealed
// journal): TestGoldenPrivacyEvents keeps their form instead.
var privacyEvents = []string{CaseErased{}.EventType(), RecordExported{}.EventType()}

// TestGoldenPrivacyEvents checks the stored form of the privacy stream's
// events: testdata/privacy-events.golden.json, read back equal.
func TestGoldenPrivacyEvents(t *testing.T) {
	var entries []relationship.Entry
	for i, ev := range []relationship.Event{
		RecordExported{Case: caseID(t), Role: relationship.RoleClient},
		CaseErased{Case: caseID(t), Role: relationship.RoleSupervisor},
	} {
		act := ActExport
		if i == 1 {
			act = ActForget
		}
		e, err := relationship.NewEntry(uint64(i+1), epoch.Add(time.Duration(i)*time.Hour), idClient, act, ev)
		require.NoError(t, err)
		entries = append(entries, e)
	}
	got, err := json.MarshalIndent(entries, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	const golden = "testdata/privacy-events.golden.json"
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go test -update to accept a deliberate change")
	var decoded []relationship.Entry
	require.NoError(t, json.Unmarshal(want, &decoded))
	assert.Equal(t, entries, decoded)
	var names []string
	for _, e := range decoded {
		names = append(names, e.Event().EventType())
	}
	assert.ElementsMatch(t, privacyEvents, names)
}

func caseID(t *testing.T) uuid.UUID {
	t.Helper()
	return uuid.MustParse("018f0000-0000-7000-8000-0000000000c1")
}

// TestSealedTwentyCases plants 100 distinctive strings in the names,
// presenting problems, evidence, notes and reasons of 20 cases saved
// through a sealed file journal: none is in the journal's bytes; after
// each client forgets their case none can be recovered from the journal
// and keyring directories together, and every case loads with its phase
// and measures unchanged.
func TestSealedTwentyCases(t *testing.T) {
	ctx := context.Background()
	dir, fj, ring := sealedStores(t)
	sj := keyring.NewSealed(fj, ring, KeySubject)
	a := testAgency(t, nil)

	var strs []string
	plant := func(kind string, i int) string {
		s := fmt.Sprintf("Plant%s%02dquill", kind, i)
		strs = append(strs, s)
		return s
	}
	var cases []*Case
	for i := range 20 {
		client := MustClient(relationship.PartyID(uuid.Must(uuid.NewV7())), plant("name", i)+" Smith",
			Intake{PresentingProblem: plant("problem", i)})
		c, err := NewCase(idWorker, a, Application{Name: "family", Client: client, Worker: testWorker}, nil)
		require.NoError(t, err)
		require.NoError(t, c.MoveTo(idWorker, PhaseStudy))
		_, err = c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "a visit", Summary: plant("evidence", i)})
		require.NoError(t, err)
		_, err = c.WriteNote(idWorker, plant("note", i))
		require.NoError(t, err)
		_, err = c.Counsel(idWorker, relationship.Emotional, "listened")
		require.NoError(t, err)
		require.NoError(t, c.Withdraw(client.ID(), plant("reason", i)))
		require.NoError(t, c.Save(ctx, sj))
		cases = append(cases, c)
	}
	require.NoError(t, a.Save(ctx, sj))
	require.Len(t, strs, 100)
	assert.Empty(t, keyringtest.Recoverable(t, strs, filepath.Join(dir, "journal")), "plaintext in the journal's bytes")

	for _, c := range cases {
		require.NoError(t, c.Forget(ctx, sj, c.Client().ID()))
	}
	assert.Empty(t, keyringtest.Recoverable(t, strs, dir), "recoverable from the journal and keyring together")
	for _, c := range cases {
		back, err := Load(ctx, sj, c.ID(), nil)
		require.NoError(t, err)
		assert.Equal(t, keyring.ErasedText, back.Client().Name())
		assert.Equal(t, c.Phase(), back.Phase())
		assert.Equal(t, c.Ledger().Metrics(), back.Ledger().Metrics())
		assert.Equal(t, slices.Collect(c.PhaseHistory()), slices.Collect(back.PhaseHistory()))
		assert.Equal(t, c.Version(), back.Version())
	}
}

// TestForgetClient keeps two clients' three cases (one client came twice:
// their first case written by a journal of one key per case, as before
// client keys, their second by one of one key per client), with planted
// strings in names, problems, evidence, notes and reasons. Forgetting the
// first client destroys their key and their old case's key and records it
// on both cases: none of their strings can be recovered from the journal
// and keyring directories together, both cases load with every measure
// unchanged, and the other client's case still opens. Forgetting the
// other client's one case through Case.Forget erases them in turn.
func TestForgetClient(t *testing.T) {
	ctx := context.Background()
	dir, fj, ring := sealedStores(t)
	var err error
	a := testAgency(t, nil)

	planted := map[string][]string{}
	plant := func(who, kind string, n int) string {
		s := fmt.Sprintf("Plant%s%s%dquill", who, kind, n)
		planted[who] = append(planted[who], s)
		return s
	}
	clientA := MustClient(relationship.PartyID(uuid.Must(uuid.NewV7())), plant("A", "name", 0)+" Smith",
		Intake{PresentingProblem: plant("A", "problem", 0)})
	clientB := MustClient(relationship.PartyID(uuid.Must(uuid.NewV7())), plant("B", "name", 0)+" Jones",
		Intake{PresentingProblem: plant("B", "problem", 0)})
	open := func(j relationship.Journal, client Client, who string, n int) *Case {
		c, err := NewCase(idWorker, a, Application{Name: "family", Client: client, Worker: testWorker}, nil)
		require.NoError(t, err)
		require.NoError(t, c.MoveTo(idWorker, PhaseStudy))
		_, err = c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "a visit", Summary: plant(who, "evidence", n)})
		require.NoError(t, err)
		note, err := c.WriteNote(idWorker, plant(who, "note", n))
		require.NoError(t, err)
		_, err = c.Counsel(idWorker, relationship.Emotional, "listened")
		require.NoError(t, err)
		require.NoError(t, c.Save(ctx, j))
		_, err = c.ReadNote(ctx, j, idWorker, note)
		require.NoError(t, err)
		return c
	}
	withdraw := func(j relationship.Journal, c *Case, who string, n int) {
		require.NoError(t, c.Withdraw(c.Client().ID(), plant(who, "reason", n)))
		require.NoError(t, c.Save(ctx, j))
	}

	// Client A's first case, sealed one key per case (the old way).
	old := keyring.NewSealed(fj, ring, KeySubject)
	a1 := open(old, clientA, "A", 1)
	withdraw(old, a1, "A", 1)
	// From here on, one key per client.
	sj := NewSealedJournal(fj, ring)
	a2 := open(sj, clientA, "A", 2)
	b1 := open(sj, clientB, "B", 1)
	_, err = a1.ReadNote(ctx, sj, clientA.ID(), slices.Collect(a1.Notes())[0].ID)
	require.NoError(t, err, "the old case's notes open through the new journal")
	require.NoError(t, a.Save(ctx, sj))
	all := slices.Concat(planted["A"], planted["B"])
	assert.Empty(t, keyringtest.Recoverable(t, all, filepath.Join(dir, "journal")), "plaintext in the journal's bytes")

	_, err = ring.Key(ctx, "case-"+a1.ID().String())
	require.NoError(t, err, "the old case kept its own key")
	for _, c := range []*Case{a2, b1} {
		_, err = ring.Key(ctx, "case-"+c.ID().String())
		assert.ErrorIs(t, err, keyring.ErrNoKey, "a new case has no key of its own")
	}
	for _, cl := range []Client{clientA, clientB} {
		_, err = ring.Key(ctx, ClientKeySubject(cl.ID()))
		require.NoError(t, err)
	}
	subjects, err := sj.StreamSubjects(ctx, AccessStreamName(a1.ID()))
	require.NoError(t, err)
	assert.Equal(t, []string{ClientKeySubject(clientA.ID()), "case-" + a1.ID().String()}, subjects)

	// Refusals change nothing.
	for _, tc := range []struct {
		name   string
		client relationship.PartyID
		actor  relationship.PartyID
		want   error
	}{
		{"a case still open", clientA.ID(), clientA.ID(), ErrCaseOpen},
		{"the worker", clientA.ID(), idWorker, relationship.ErrNotPermitted},
		{"a stranger", clientA.ID(), idStranger, relationship.ErrNotPermitted},
		{"another client", clientA.ID(), clientB.ID(), relationship.ErrNotPermitted},
		{"no case of theirs", idStranger, idStranger, ErrNotFound},
		{"a zero client", relationship.PartyID{}, idSupervisor, relationship.ErrNil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorIs(t, ForgetClient(ctx, sj, tc.client, tc.actor), tc.want)
			for _, s := range []string{"case-" + a1.ID().String(), ClientKeySubject(clientA.ID())} {
				_, err := ring.Key(ctx, s)
				require.NoError(t, err, "a refused forget destroys nothing")
			}
		})
	}
	assert.ErrorIs(t, ForgetClient(ctx, nil, clientA.ID(), clientA.ID()), relationship.ErrNil)
	withdraw(sj, a2, "A", 2)
	withdraw(sj, b1, "B", 1)

	// Forget client A, as the client.
	require.NoError(t, ForgetClient(ctx, sj, clientA.ID(), clientA.ID()))
	assert.Empty(t, keyringtest.Recoverable(t, planted["A"], dir), "client A recoverable from the journal and keyring together")
	assert.Empty(t, keyringtest.Recoverable(t, planted["B"], filepath.Join(dir, "journal")))
	for _, j := range []*keyring.Sealed{sj, NewSealedJournal(fj, ring)} {
		for _, c := range []*Case{a1, a2} {
			back, err := Load(ctx, j, c.ID(), nil)
			require.NoError(t, err, "an erased case still loads")
			assert.Equal(t, keyring.ErasedText, back.Client().Name())
			assert.Equal(t, keyring.ErasedText, back.Client().PresentingProblem())
			assert.Equal(t, c.Client().ID(), back.Client().ID())
			assert.Equal(t, c.Phase(), back.Phase())
			assert.Equal(t, c.Ledger().Metrics(), back.Ledger().Metrics(), "every measure is unchanged")
			assert.Equal(t, slices.Collect(c.PhaseHistory()), slices.Collect(back.PhaseHistory()))
			assert.Equal(t, c.Version(), back.Version())
			for _, s := range []string{StreamName(c.ID()), AccessStreamName(c.ID())} {
				assert.ErrorIs(t, j.Erased(ctx, s), keyring.ErrKeyDestroyed)
			}
			var kinds []string
			for e, err := range j.Read(ctx, PrivacyStreamName(c.ID()), 0) {
				require.NoError(t, err)
				kinds = append(kinds, e.Event().EventType()+" by "+e.Actor().String()+" as "+e.Event().(CaseErased).Role.String())
			}
			assert.Equal(t, []string{"casework.case-erased.v1 by " + clientA.ID().String() + " as client"}, kinds)
		}
		back, err := Load(ctx, j, b1.ID(), nil)
		require.NoError(t, err)
		assert.Equal(t, b1.Client(), back.Client(), "the other client's case is untouched")
		require.NoError(t, j.Erased(ctx, StreamName(b1.ID())))
		note, err := back.ReadNote(ctx, j, idWorker, slices.Collect(b1.Notes())[0].ID)
		require.NoError(t, err)
		assert.Equal(t, "PlantBnote1quill", note.Text())
	}
	_, err = a2.WriteNote(idWorker, "a closing summary")
	require.NoError(t, err)
	assert.ErrorIs(t, a2.Save(ctx, sj), keyring.ErrKeyDestroyed, "an erased record is closed")
	again, err := NewCase(idWorker, a, Application{Name: "family", Client: clientA, Worker: testWorker}, nil)
	require.NoError(t, err)
	assert.ErrorIs(t, again.Save(ctx, sj), keyring.ErrKeyDestroyed, "a forgotten client stays forgotten")
	require.NoError(t, ForgetClient(ctx, sj, clientA.ID(), idSupervisor), "forgetting a forgotten client changes nothing else")

	// Client B's one case, through Case.Forget: under a client key it
	// forgets the client.
	assert.ErrorIs(t, b1.Forget(ctx, sj, idWorker), relationship.ErrNotPermitted)
	require.NoError(t, b1.Forget(ctx, sj, idSupervisor))
	_, err = ring.Key(ctx, ClientKeySubject(clientB.ID()))
	assert.ErrorIs(t, err, keyring.ErrKeyDestroyed)
	assert.Empty(t, keyringtest.Recoverable(t, all, dir), "nothing recoverable")
	var roles []string
	for e, err := range sj.Read(ctx, PrivacyStreamName(b1.ID()), 0) {
		require.NoError(t, err)
		roles = append(roles, e.Event().(CaseErased).Role.String())
	}
	assert.Equal(t, []string{"supervisor"}, roles)
}

// BenchmarkSealedLoad loads a sealed case: one key per case (the
// baseline), one key per client through a journal that has learnt the
// client from the case's first entry, and through a fresh journal per
// load, which reads that first entry once more.
func BenchmarkSealedLoad(b *testing.B) {
	ctx := context.Background()
	client := MustClient(idClient, "Benchquill Smith", Intake{PresentingProblem: "rent two weeks behind"})
	c, err := NewCase(idWorker, testAgency(b, nil), Application{Name: "family", Client: client, Worker: testWorker}, nil)
	require.NoError(b, err)
	require.NoError(b, c.MoveTo(idWorker, PhaseStudy))
	for i := range 20 {
		_, err = c.WriteNote(idWorker, fmt.Sprintf("visit %d: the landlord called again", i))
		require.NoError(b, err)
	}
	for _, bc := range []struct {
		name  string
		fresh bool
		wrap  func(relationship.Journal, keyring.Keyring) *keyring.Sealed
	}{
		{"per-case", false, func(j relationship.Journal, r keyring.Keyring) *keyring.Sealed {
			return keyring.NewSealed(j, r, KeySubject)
		}},
		{"per-client", false, NewSealedJournal},
		{"per-client-fresh", true, NewSealedJournal},
	} {
		b.Run(bc.name, func(b *testing.B) {
			inner, ring := journal.NewMemory(), keyring.NewMemory()
			sj := bc.wrap(inner, ring)
			cc, err := Replay(c.Record(), nil)
			require.NoError(b, err)
			require.NoError(b, cc.Save(ctx, sj))
			b.ReportAllocs()
			for b.Loop() {
				j := sj
				if bc.fresh {
					j = bc.wrap(inner, ring)
				}
				if _, err := Load(ctx, j, c.ID(), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
