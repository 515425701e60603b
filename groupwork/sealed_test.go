package groupwork

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
	"github.com/helpingwork/helping/relationship/keyringtest"
)

// sealPlanted are distinctive strings put into every text a sealed journal
// must seal: none may be found in the bytes at rest.
var sealPlanted = []string{
	"Quillgroupname", "Zenobiamember", "Ottiliemember", "Wilhelminamember", "Placequill",
	"Leavingquill", "Notequill", "Concernquill", "Actionquill", "Summaryquill", "Sourcequill",
	"Demandquill", "Needquill", "Groundquill", "Agreementquill", "Stagequill", "Activityquill",
	"Recordedquill", "Aidquill", "Withdrawquill", "Endingquill",
}

// sealedGroup forms a group whose every sealed text holds a planted
// string, with members who give and receive aid, a decided proposal, a
// withdrawn one, a concern, a mediation, and an end. It returns the group
// and the decided proposal.
func sealedGroup(t *testing.T) (*Group, uuid.UUID) {
	t.Helper()
	ok := func(err error) { t.Helper(); require.NoError(t, err) }
	spec := clubSpec()
	spec.Name = "Quillgroupname Circle"
	g, err := NewGroup(worker, spec, testOptions(3))
	ok(err)
	m := people(4)
	housing, err := NewNeed(relationship.Informational, "housing")
	ok(err)
	sewing, err := NewStrength(relationship.Material, "sewing")
	ok(err)
	ok(g.Join(m[0], "Zenobiamember Lane", Profile{Needs: []Need{housing}}))
	ok(g.Join(m[1], "Ottiliemember Kraus", Profile{Strengths: []Strength{sewing}}))
	ok(g.Join(m[2], "Wilhelminamember Roe", Profile{}))
	ok(g.Join(m[3], "Zenobiamember Guest", Profile{}))
	mt, err := g.ConveneMeeting(worker.ID(), t0.AddDate(0, 0, 7), "Placequill parish hall")
	ok(err)
	_, err = g.RecordNote(worker.ID(), mt, "Notequill spoke of her mother")
	ok(err)
	c, err := g.RaiseConcern(m[0], ScopeGroup, "Concernquill about the landlord")
	ok(err)
	ok(g.TakeAction(m[0], c, ActionLetter, "Actionquill to the alderman"))
	med, err := g.OpenMediation(worker.ID(), c, Demand{Source: "Sourcequill school", What: "Demandquill"}, "Needquill")
	ok(err)
	ok(g.SettleMediation(worker.ID(), med, "Groundquill", "Agreementquill"))
	ok(g.CloseConcern(m[0], c, OutcomeResolved, "Summaryquill"))
	ok(g.RecordStage(worker.ID(), PowerAndControl, "Stagequill arguments over the rules"))
	item, err := g.ChooseActivity(m[0], mt, Camping, "Activityquill by the lake")
	ok(err)
	ok(g.RecordActivity(worker.ID(), item, "Recordedquill"))
	cloth, err := relationship.NewMaterial("Aidquill cloth", 3, "yards")
	ok(err)
	_, err = g.GiveAid(m[1], Aid{To: m[0], Support: cloth, Process: SharingData, Meeting: mt})
	ok(err)
	_, err = g.GiveAid(m[0], Aid{To: m[2], Support: support(relationship.Emotional, "Aidquill listened"), Process: MutualSupport, Meeting: mt})
	ok(err)
	decided, err := g.Propose(m[0], ProposalSpec{Title: "Where to meet", Options: []string{"the hall", "the park"}, Rule: RulePlurality, Review: t0.AddDate(1, 0, 0)})
	ok(err)
	for i, choice := range []int{0, 0, 1, 0} {
		ok(g.Vote(m[i], decided, Ballot{Options: []int{choice}}))
	}
	_, err = g.CloseProposal(m[0], decided)
	ok(err)
	dropped, err := g.Propose(m[1], ProposalSpec{Title: "Dues", Options: []string{"yes", "no"}, Rule: RulePlurality, Review: t0.AddDate(1, 0, 0)})
	ok(err)
	ok(g.WithdrawProposal(m[1], dropped, "Withdrawquill"))
	ok(g.Leave(m[3], LeftOther, "Leavingquill"))
	ok(g.RecordStage(worker.ID(), Separation, "Stagequill goodbyes"))
	ok(g.EndGroup(worker.ID(), "Endingquill"))
	return g, decided
}

// measures is what a group measures and decides, which must not depend
// on whether its texts can be read.
type measures struct {
	Metrics  relationship.Metrics
	Size     int
	Members  int
	Given    []int
	Stage    Stage
	Decision Decision
	Ended    bool
}

func measure(t *testing.T, g *Group, decided uuid.UUID) measures {
	t.Helper()
	d, err := g.Decision(decided)
	require.NoError(t, err)
	m := measures{Metrics: g.Ledger().Metrics(), Size: g.Size(), Stage: g.Stage(), Decision: d}
	for mb := range g.Members() {
		m.Members++
		m.Given = append(m.Given, mb.Given(), mb.Received())
	}
	_, _, m.Ended = g.Ended()
	return m
}

// groupTexts returns every text of g that the group's key seals.
func groupTexts(g *Group) []string {
	out := []string{g.Name()}
	for m := range g.Members() {
		out = append(out, m.Name())
	}
	for mt := range g.Meetings() {
		out = append(out, mt.Place())
		for it := range mt.Programme() {
			out = append(out, it.Description(), it.Note())
		}
	}
	for sc := range g.StageChanges() {
		out = append(out, sc.Evidence)
	}
	for x := range g.Ledger().All() {
		out = append(out, x.Support().Description())
	}
	for n := range g.Notes() {
		out = append(out, n.Text())
	}
	for c := range g.Concerns() {
		out = append(out, c.Text(), c.Summary())
		for a := range c.Actions() {
			out = append(out, a.Description)
		}
	}
	for m := range g.Mediations() {
		out = append(out, m.Demand().Source, m.Demand().What, m.Need(), m.CommonGround(), m.Agreement())
	}
	_, reason, _ := g.Ended()
	return append(out, reason)
}

// TestGroupSealedAtRest saves a group full of planted strings, and a
// snapshot of it, through a sealed file journal with a file keyring: no planted string is in the
// journal's bytes; the group loads back equal; the journal alone still
// replays it with the same measures; and after its key is destroyed the
// group still loads, its texts read as erased, its measures unchanged,
// and nothing planted is in the journal and keyring directories.
func TestGroupSealedAtRest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fj, err := journal.Open(filepath.Join(dir, "journal"), nil)
	require.NoError(t, err)
	defer fj.Close()
	ring, err := keyring.OpenFile(filepath.Join(dir, "keys"))
	require.NoError(t, err)
	sj := keyring.NewSealed(fj, ring, StreamKeySubject)

	g, decided := sealedGroup(t)
	require.NoError(t, g.Save(ctx, sj))
	require.NoError(t, g.SaveSnapshot(ctx, sj), "a snapshot is sealed whole")
	want := measure(t, g, decided)

	assert.Empty(t, keyringtest.Recoverable(t, sealPlanted, filepath.Join(dir, "journal")), "plaintext in the journal's bytes")
	assert.Equal(t, []string{g.ID().String(), "Jane Addams", "Where to meet", "the park"},
		keyringtest.Recoverable(t, []string{g.ID().String(), "Jane Addams", "Where to meet", "the park"}, filepath.Join(dir, "journal")),
		"identifiers, the facilitator and the group's business stay readable")

	loaded, err := Load(ctx, sj, g.ID(), nil)
	require.NoError(t, err)
	assertSameGroup(t, g, loaded)
	assert.Equal(t, groupTexts(g), groupTexts(loaded))

	raw, err := Load(ctx, fj, g.ID(), nil)
	require.NoError(t, err, "the journal alone replays, its texts sealed")
	assert.Equal(t, want, measure(t, raw, decided))
	for _, s := range groupTexts(raw) {
		assert.True(t, s == "" || strings.HasPrefix(s, "sealed:"), "a text read without the key is sealed")
	}

	require.NoError(t, sj.Forget(ctx, "group-"+g.ID().String()))
	erased, err := Load(ctx, sj, g.ID(), nil)
	require.NoError(t, err, "a group whose key is forgotten still loads")
	assert.Equal(t, want, measure(t, erased, decided))
	for _, s := range groupTexts(erased) {
		assert.True(t, s == "" || keyring.IsErased(s), "text %q", s)
	}
	assert.Equal(t, keyring.ErasedText, erased.Name())
	for m := range erased.Members() {
		assert.Equal(t, keyring.ErasedText, m.Name())
		before, ok := g.Member(m.ID())
		require.True(t, ok)
		assert.Equal(t, slices.Collect(before.Needs()), slices.Collect(m.Needs()), "needs are coded, not sealed")
	}
	assert.Empty(t, keyringtest.Recoverable(t, sealPlanted, dir), "a planted string is recoverable at rest")
}

// readableTexts are the texts of groupwork's events that stay readable in
// a sealed journal, each for a reason given in seal.go.
var readableTexts = []string{
	"GroupFormed.Facilitator",    // the agency's worker
	"ProposalRaised.Title",       // the group's public business
	"ProposalRaised.Options",     // the group's public business
	"ProposalClosed.Commitments", // receipts' commitments: digests, not words
}

// noConfidentialText are groupwork's events that carry no text that
// identifies or describes a member, so that they need no MapText.
var noConfidentialText = []string{
	"AttendanceRecorded", "ProfileUpdated", "ProposalClosed", "ProposalRaised",
	"ProxyGranted", "ProxyRevoked", "VoteCast",
}

// TestEveryEventSealsItsTexts is a golden list: every registered groupwork
// event either implements keyring.Confidential and maps every text it
// carries but those listed readable, or is listed as carrying none, so a
// new event or a new text field cannot be forgotten.
func TestEveryEventSealsItsTexts(t *testing.T) {
	var seen []string
	for _, name := range eventtype.Names() {
		if !strings.HasPrefix(name, "groupwork.") {
			continue
		}
		ptr, ok := eventtype.New(name)
		require.True(t, ok)
		v := reflect.ValueOf(ptr).Elem()
		typ := v.Type().Name()
		seen = append(seen, typ)
		t.Run(typ, func(t *testing.T) {
			var texts []string // the fields holding words, filled in below
			for i := range v.NumField() {
				f, fv := v.Type().Field(i), v.Field(i)
				key := typ + "." + f.Name
				switch f.Type {
				case reflect.TypeFor[string]():
					fv.SetString("plain " + key)
				case reflect.TypeFor[[]string]():
					fv.Set(reflect.ValueOf([]string{"plain " + key}))
				case reflect.TypeFor[relationship.Support]():
					fv.Set(reflect.ValueOf(support(relationship.Emotional, "plain "+key)))
				default:
					continue
				}
				if !slices.Contains(readableTexts, key) {
					texts = append(texts, key)
				}
			}
			c, isConfidential := v.Interface().(keyring.Confidential)
			if slices.Contains(noConfidentialText, typ) {
				assert.False(t, isConfidential, "listed as carrying no confidential text")
				assert.Empty(t, texts, "carries texts that are neither sealed nor listed readable")
				return
			}
			require.True(t, isConfidential, "implements no MapText and is not listed as carrying no confidential text")
			require.NotEmpty(t, texts)
			out, err := c.MapText(func(s string) (string, error) { return "sealed " + s, nil })
			require.NoError(t, err)
			ov := reflect.ValueOf(out)
			for i := range ov.NumField() {
				f := ov.Type().Field(i)
				key := typ + "." + f.Name
				var s string
				switch x := ov.Field(i).Interface().(type) {
				case string:
					s = x
				case []string:
					s = strings.Join(x, "")
				case relationship.Support:
					s = x.Description()
				default:
					continue
				}
				if slices.Contains(readableTexts, key) {
					assert.Equal(t, "plain "+key, s, "a readable text was mapped")
				} else {
					assert.Equal(t, "sealed plain "+key, s, "a text was not mapped")
				}
			}
		})
	}
	for _, typ := range noConfidentialText {
		assert.Contains(t, seen, typ, "listed but not registered")
	}
}

// TestSealedTextsPassGuardsOnReplay replays a group's record with every
// sealed text read as erased, or still sealed, as a journal without the key
// gives it: every guard (a blank name, a blank reason, a blank text)
// accepts it, and the group measures and decides the same.
func TestSealedTextsPassGuardsOnReplay(t *testing.T) {
	g, decided := sealedGroup(t)
	want := measure(t, g, decided)
	for _, tc := range []struct {
		name, prefix string
		f            func(string) (string, error)
	}{
		{"erased", keyring.ErasedText, func(string) (string, error) { return keyring.ErasedText, nil }},
		{"sealed", "sealed:v1:", func(s string) (string, error) { return "sealed:v1:" + strings.Repeat("A", 4*len(s)+40), nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec []relationship.Entry
			for e := range g.Record() {
				if c, ok := e.Event().(keyring.Confidential); ok {
					ev, err := c.MapText(tc.f)
					require.NoError(t, err)
					e, err = relationship.NewEntry(e.Seq(), e.Time(), e.Actor(), e.Act(), ev)
					require.NoError(t, err)
				}
				rec = append(rec, e)
			}
			r, err := Replay(slices.Values(rec), nil)
			require.NoError(t, err)
			assert.Equal(t, want, measure(t, r, decided))
			for _, s := range groupTexts(r) {
				assert.True(t, s == "" || strings.HasPrefix(s, tc.prefix), "text %q", s)
			}
		})
	}
}

// TestMapTextRefuses: a nil function, or one that fails, is an error and
// no event; empty texts are left alone.
func TestMapTextRefuses(t *testing.T) {
	_, err := NoteRecorded{Note: uuid.New(), Text: "Notequill"}.MapText(nil)
	require.ErrorIs(t, err, relationship.ErrNil)
	assert.NotContains(t, err.Error(), "Notequill")
	boom := fmt.Errorf("no key")
	_, err = MediationOpened{Source: "a", Demand: "b", Need: "c"}.MapText(func(string) (string, error) { return "", boom })
	require.ErrorIs(t, err, boom)
	ev, err := MemberLeft{Reason: LeftOther}.MapText(nil)
	require.NoError(t, err)
	assert.Equal(t, MemberLeft{Reason: LeftOther}, ev)
	cloth, err := relationship.NewMaterial("cloth", 3, "yards")
	require.NoError(t, err)
	ev, err = AidGiven{Support: cloth}.MapText(func(s string) (string, error) { return "sealed " + s, nil })
	require.NoError(t, err)
	amount, unit, ok := ev.(AidGiven).Support.Quantity()
	assert.Equal(t, []any{3.0, "yards", true, relationship.Material, "sealed cloth"},
		[]any{amount, unit, ok, ev.(AidGiven).Support.Kind(), ev.(AidGiven).Support.Description()})
}

// StreamKeySubject names a key for a group's stream alone.
func TestStreamKeySubject(t *testing.T) {
	id := uuid.MustParse("0192f5e0-7c1a-7000-8000-000000000001")
	for _, tc := range []struct {
		stream string
		want   string
		ok     bool
	}{
		{StreamName(id), "group-" + id.String(), true},
		{"group-", "", false},
		{"group-" + uuid.Nil.String(), "", false},
		{"group-not-a-uuid", "", false},
		{"group-" + strings.ToUpper(id.String()), "", false},
		{"case-" + id.String(), "", false},
		{"", "", false},
	} {
		got, ok := StreamKeySubject(tc.stream)
		assert.Equal(t, tc.want, got, tc.stream)
		assert.Equal(t, tc.ok, ok, tc.stream)
	}
}
