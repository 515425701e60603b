package casework

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

var update = flag.Bool("update", false, "rewrite the golden files and the fuzz seed corpus")

const goldenEvents = "testdata/events.golden.json"

// everyEvent runs an agency and a case through a script that produces
// every casework event type that is written today at least once, and
// returns the entries of the case's record, then the agency's, then the
// case's access log.
func everyEvent(t testing.TB) []relationship.Entry {
	f := newFixture(t)
	c := f.c
	accessLog := journal.NewMemory()
	_, err := c.AssessEligibility(idWorker)
	f.ok(err)
	f.ok(c.MoveTo(idWorker, PhaseStudy))
	f.id(c.RecordEvidence(idWorker, Evidence{Kind: EvidenceTestimonial, Source: "Mrs. Brennan, landlady",
		Summary: "says the husband has been out of work since the mill closed", Hearsay: true,
		Shows: []Circumstance{Unemployment, LargeFamily}}))
	f.ok(c.MoveTo(idWorker, PhaseDiagnosis))
	f.ok(c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"no income"}, Causes: []string{"the mill closed"},
		Assets: []string{"a sister nearby"}, Liabilities: []string{"rent arrears"}}))
	g := f.id(c.ProposeGoal(idWorker, "Mr. Kowalski in work by spring"))
	f.ok(c.AgreeGoal(idClient, g))
	g2 := f.id(c.ProposeGoal(idClient, "Jan back at school"))
	f.ok(c.AbandonGoal(idClient, g2, "he is needed at home for now"))
	f.id(c.GiveConsent(idClient, PlanScope(), epoch.AddDate(0, 6, 0)))
	refusal := f.id(c.RefuseConsent(idClient, DisclosureScope("the school")))
	f.ok(c.OverrideRefusal(idSupervisor, refusal, "the boy has not been seen for a month"))
	f.ok(c.MoveTo(idWorker, PhaseTreatment))
	f.ok(c.ActivateGoal(idWorker, g))
	f.id(c.Counsel(idWorker, relationship.Informational, "the wood yard is hiring"))
	p := f.id(c.ProposeProvision(idWorker, "coal", 5, "heat for the month"))
	f.ok(c.ApproveProvision(idSupervisor, p))
	f.ok(c.AuthoriseProvision(idWorker, p))
	p = f.id(c.ProposeProvision(idWorker, "rent", 2400, "a month's rent"))
	f.ok(c.DeclineProvision(idSupervisor, p, "the sister can help with the rent"))
	p = f.id(c.ProposeProvision(idWorker, "coal", 1, "a cold night"))
	f.ok(c.WithdrawProvision(idWorker, p, "the sister brought coal"))
	n := f.id(c.WriteNote(idWorker, "Jan coughs at night; Mrs. K. fears consumption"))
	_, err = c.ReadNote(bg, accessLog, idClient, n)
	f.ok(err)
	doctor := f.id(c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
	f.ok(c.DiscloseNote(bg, accessLog, idWorker, n, "Dr. Grey"))
	f.ok(c.RevokeConsent(idClient, doctor))
	f.id(c.GiveConsent(idClient, ReferralScope(legalAid), time.Time{}))
	r := f.id(c.Refer(idWorker, legalAid, "wages owed by the mill"))
	f.ok(c.UpdateReferral(idWorker, r, ReferralStateAccepted, "an attorney will see them"))
	r = f.id(c.Refer(idWorker, legalAid, "a second matter"))
	f.ok(c.RevokeReferral(idSupervisor, r, "settled out of court"))
	f.ok(c.Transfer(idSupervisor, testWorker2, "Miss Richmond leaves for Baltimore"))
	f.ok(c.MoveTo(idWorker2, PhaseEvaluation))
	f.ok(c.AchieveGoal(idWorker2, g, "in work at the wood yard"))
	f.ok(c.Close(idWorker2, ReasonGoalsAchieved, "the family is self-supporting"))
	f.ok(c.Reopen(idSuper2, "the wood yard closed for the winter"))
	f.ok(c.Withdraw(idClient, "we will go to my sister in Scranton"))

	a := f.a
	f.ok(a.SetResourceTerms(idAgency, ResourceTerms{Resource: "bread", Unit: "loaf", ApprovalAbove: 6}))
	f.ok(a.Receive(idSupervisor, "bread", 40))
	f.ok(a.SetCaseloadLimit(idSuper2, idWorker2, 12))
	f.ok(a.SetPolicy(idAgency, WorthinessPolicy{}, false))
	f.ok(a.EndAppointment(idAgency, idWorker, "leaves for Baltimore"))

	out := collect(c.Record())
	out = append(out, collect(a.Record())...)
	for e, err := range accessLog.Read(bg, AccessStreamName(c.ID()), 1) {
		require.NoError(t, err)
		out = append(out, e)
	}
	return out
}

// legacyEvents are the event types that records written before the access
// log held, and that still replay: testdata/events-v1.golden.json keeps an
// example of each.
var legacyEvents = []string{NoteRead{}.EventType(), NoteDisclosed{}.EventType()}

// firstOfEachType returns the first entry of every event type in a
// record, in the order they first appear.
func firstOfEachType(record []relationship.Entry) []relationship.Entry {
	seen := map[string]bool{}
	var out []relationship.Entry
	for _, e := range record {
		if name := e.Event().EventType(); !seen[name] {
			seen[name] = true
			out = append(out, e)
		}
	}
	return out
}

func caseworkEventTypes() []string {
	var names []string
	for _, n := range eventtype.Names() {
		if strings.HasPrefix(n, "casework.") && !slices.Contains(legacyEvents, n) && !slices.Contains(privacyEvents, n) {
			names = append(names, n)
		}
	}
	return names
}

func TestGoldenEvents(t *testing.T) {
	entries := firstOfEachType(everyEvent(t))
	var names []string
	for _, e := range entries {
		names = append(names, e.Event().EventType())
	}
	assert.ElementsMatch(t, caseworkEventTypes(), names, "the script must produce every event type")
	assert.Len(t, names, 39)

	got, err := json.MarshalIndent(entries, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	if *update {
		require.NoError(t, os.WriteFile(goldenEvents, got, 0o644))
		writeFuzzSeeds(t, entries)
	}
	want, err := os.ReadFile(goldenEvents)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go test -update to accept a deliberate change; old event types must stay readable")

	var decoded []relationship.Entry
	require.NoError(t, json.Unmarshal(want, &decoded))
	assert.Equal(t, entries, decoded)
}

// TestLegacyEventsStillRead reads the event types a record no longer gets
// but may hold: they decode, encode back to the same JSON, and replay.
func TestLegacyEventsStillRead(t *testing.T) {
	b, err := os.ReadFile("testdata/events-v1.golden.json")
	require.NoError(t, err)
	var raw []json.RawMessage
	require.NoError(t, json.Unmarshal(b, &raw))
	var types []string
	for _, r := range raw {
		var e relationship.Entry
		require.NoError(t, json.Unmarshal(r, &e))
		back, err := json.Marshal(e)
		require.NoError(t, err)
		var want bytes.Buffer
		require.NoError(t, json.Compact(&want, r))
		assert.Equal(t, want.String(), string(back))
		types = append(types, e.Event().EventType())
	}
	assert.ElementsMatch(t, legacyEvents, types)

	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "Jan coughs at night"))
	f.id(f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
	es := collect(f.c.Record())
	at := es[len(es)-1].Time()
	read, err := relationship.NewEntry(uint64(len(es)+1), at, idClient, ActReadNote, NoteRead{Note: n})
	require.NoError(t, err)
	disclosed, err := relationship.NewEntry(uint64(len(es)+2), at, idWorker, ActDiscloseNote, NoteDisclosed{Note: n, To: "Dr. Grey"})
	require.NoError(t, err)
	c, err := Replay(slices.Values(append(es, read, disclosed)), nil)
	require.NoError(t, err)
	assert.Equal(t, f.c.Version()+2, c.Version())
	forbidden, err := relationship.NewEntry(uint64(len(es)+1), at, idStranger, ActReadNote, NoteRead{Note: n})
	require.NoError(t, err)
	_, err = Replay(slices.Values(append(es, forbidden)), nil)
	assert.ErrorIs(t, err, relationship.ErrNotParty, "old reads are checked as they were")
}

func writeFuzzSeeds(t *testing.T, entries []relationship.Entry) {
	dir := filepath.Join("testdata", "fuzz", "FuzzEventJSON")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, e := range entries {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		name := strings.TrimSuffix(strings.TrimPrefix(e.Event().EventType(), "casework."), ".v1")
		seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(seed), 0o644))
	}
}

func TestEveryEntryRoundTripsThroughJSON(t *testing.T) {
	for i, e := range everyEvent(t) {
		t.Run(fmt.Sprintf("%d-%s", i+1, e.Act()), func(t *testing.T) {
			b, err := json.Marshal(e)
			require.NoError(t, err)
			var back relationship.Entry
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, e, back)
			again, err := json.Marshal(back)
			require.NoError(t, err)
			assert.JSONEq(t, string(b), string(again))
		})
	}
}

// TestDecodingRejectsUnknownText breaks the enumeration text in encoded
// entries: decoding the event names the text in a relationship.TextError,
// and decoding the entry fails with an EntryError that keeps it as its cause.
func TestDecodingRejectsUnknownText(t *testing.T) {
	golden, err := os.ReadFile(goldenEvents)
	require.NoError(t, err)
	var raw []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(golden, &raw))
	byType := map[string]map[string]json.RawMessage{}
	for _, r := range raw {
		var name string
		require.NoError(t, json.Unmarshal(r["type"], &name))
		byType[name] = r
	}
	tests := []struct {
		event, from, to string
	}{
		{"casework.phase-changed.v1", `"to":"study"`, `"to":"limbo"`},
		{"casework.evidence-recorded.v1", `"kind":"testimonial"`, `"kind":"rumour"`},
		{"casework.evidence-recorded.v1", `"unemployment"`, `"poverty"`},
		{"casework.consent-given.v1", `"purpose":"plan"`, `"purpose":"everything"`},
		{"casework.counselled.v1", `"kind":"informational"`, `"kind":"cash"`},
		{"casework.referral-updated.v1", `"state":"accepted"`, `"state":"lost"`},
		{"casework.case-closed.v1", `"reason":"goals-achieved"`, `"reason":"bored"`},
		{"casework.case-opened.v1", `"purposes":["problem-solving"]`, `"purposes":["charity"]`},
	}
	for _, tt := range tests {
		t.Run(tt.event+"/"+tt.to, func(t *testing.T) {
			r, ok := byType[tt.event]
			require.True(t, ok)
			var compact bytes.Buffer
			require.NoError(t, json.Compact(&compact, r["event"]))
			ev := compact.String()
			require.Contains(t, ev, tt.from)
			broken := strings.Replace(ev, tt.from, tt.to, 1)

			ptr, _ := eventtype.New(tt.event)
			err := json.Unmarshal([]byte(broken), ptr)
			var te *relationship.TextError
			require.ErrorAs(t, err, &te)
			assert.ErrorIs(t, err, relationship.ErrUnknownText)

			entry := map[string]json.RawMessage{}
			for k, v := range r {
				entry[k] = v
			}
			entry["event"] = json.RawMessage(broken)
			b, err := json.Marshal(entry)
			require.NoError(t, err)
			var e relationship.Entry
			err = json.Unmarshal(b, &e)
			var ee *relationship.EntryError
			require.ErrorAs(t, err, &ee)
			assert.ErrorIs(t, err, relationship.ErrInvalidEntry)
			require.ErrorAs(t, err, &te, "the entry's error keeps its cause")
			assert.ErrorIs(t, err, relationship.ErrUnknownText)
			assert.NotEmpty(t, te.Text)
			assert.Contains(t, tt.to, `"`+te.Text+`"`, "the error names the text")
		})
	}
}

func TestDecodingRejectsMalformedEvents(t *testing.T) {
	tests := []struct {
		name string
		typ  string
		body string
		want error
	}{
		{"zero identifier", "casework.goal-agreed.v1", `{"goal":"00000000-0000-0000-0000-000000000000"}`, relationship.ErrZeroID},
		{"missing field", "casework.goal-agreed.v1", `{}`, relationship.ErrZeroID},
		{"empty reason", "casework.goal-abandoned.v1", `{"goal":"018f0000-0000-7000-8000-000000000001","reason":" "}`, ErrBlank},
		{"missing enum", "casework.phase-changed.v1", `{"from":"intake"}`, relationship.ErrInvalidValue},
		{"negative quantity", "casework.provision-proposed.v1",
			`{"provision":"018f0000-0000-7000-8000-000000000001","resource":"coal","quantity":-4,"purpose":"heat"}`, relationship.ErrInvalidQuantity},
		{"material counselling", "casework.counselled.v1",
			`{"exchange":"018f0000-0000-7000-8000-000000000001","kind":"material","description":"coal"}`, relationship.ErrInvalidValue},
		{"unknown field", "casework.goal-agreed.v1", `{"goal":"018f0000-0000-7000-8000-000000000001","by":"me"}`, nil},
		{"trailing data", "casework.goal-agreed.v1", `{"goal":"018f0000-0000-7000-8000-000000000001"} {}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ptr, ok := eventtype.New(tt.typ)
			require.True(t, ok)
			// Called directly, as Entry.UnmarshalJSON does, so that even
			// what encoding/json would catch first reaches the event.
			err := ptr.(json.Unmarshaler).UnmarshalJSON([]byte(tt.body))
			require.Error(t, err)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
		})
	}
	var e relationship.Entry
	err := json.Unmarshal([]byte(`{"seq":1,"time":"1895-01-07T09:00:00Z","actor":"018f0000-0000-7000-8000-00000000000c","act":"x","type":"casework.nonsense.v1","event":{}}`), &e)
	assert.ErrorIs(t, err, relationship.ErrUnknownEvent)
	err = json.Unmarshal([]byte(`{"seq":1,"time":"9999-12-31T23:59:59-01:00","actor":"018f0000-0000-7000-8000-00000000000c","act":"withdraw","type":"casework.case-withdrawn.v1","event":{"explanation":""}}`), &e)
	assert.ErrorIs(t, err, relationship.ErrInvalidEntry, "a time that could not be written back")
	assert.False(t, e.IsValid())
}
