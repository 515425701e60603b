package relationship_test

import (
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
)

// event is the only event type of the fake relationships below.
type event struct{ What string }

func (event) EventType() string { return "relationship-test.event.v1" }

// fake is a minimal Relationship built by hand, so that Compare can be
// checked without casework or groupwork.
type fake struct {
	name     string
	method   relationship.Method
	purposes []relationship.Purpose
	parties  []relationship.Party
	ledger   relationship.Ledger
	rights   *relationship.Rights
	record   []relationship.Entry
	ids      func() uuid.UUID
	at       time.Time
}

func (f *fake) ID() uuid.UUID                            { return uuid.Nil }
func (f *fake) Name() string                             { return f.name }
func (f *fake) Method() relationship.Method              { return f.method }
func (f *fake) Purposes() iter.Seq[relationship.Purpose] { return slices.Values(f.purposes) }
func (f *fake) Parties() iter.Seq[relationship.Party]    { return slices.Values(f.parties) }
func (f *fake) Ledger() relationship.LedgerView          { return f.ledger.View() }
func (f *fake) Rights() *relationship.Rights             { return f.rights }
func (f *fake) Record() iter.Seq[relationship.Entry]     { return slices.Values(f.record) }
func (f *fake) party(i int) relationship.PartyID         { return f.parties[i].ID() }
func (f *fake) tick() time.Time                          { f.at = f.at.Add(time.Hour); return f.at }

// act records that party i performed act; if help is given, it also goes to
// the ledger as an exchange to party to.
func (f *fake) act(t testing.TB, i int, act relationship.Act, to int, kind relationship.SupportKind) {
	t.Helper()
	e, err := relationship.NewEntry(uint64(len(f.record)+1), f.tick(), f.party(i), act, event{string(act)})
	require.NoError(t, err)
	f.record = append(f.record, e)
	if kind != 0 {
		s, err := relationship.NewSupport(kind, string(act))
		require.NoError(t, err)
		x, err := relationship.NewExchange(f.ids(), f.party(i), f.party(to), s, f.at)
		require.NoError(t, err)
		require.NoError(t, f.ledger.Record(x))
	}
}

var fakeRights = relationship.MustRights(
	relationship.Rule{Act: "diagnose", Kind: relationship.DecisionAct, Roles: relationship.RolesOf(relationship.RoleWorker)},
	relationship.Rule{Act: "provide", Kind: relationship.ProvisionAct, Roles: relationship.RolesOf(relationship.RoleWorker)},
	relationship.Rule{Act: "consent", Kind: relationship.ConsentAct, Roles: relationship.RolesOf(relationship.RoleClient)},
	relationship.Rule{Act: "vote", Kind: relationship.DecisionAct, Roles: relationship.RolesOf(relationship.RoleMember)},
	relationship.Rule{Act: "aid", Kind: relationship.HelpAct, Roles: relationship.RolesOf(relationship.RoleMember, relationship.RoleFacilitator)},
	relationship.Rule{Act: "sing", Kind: relationship.ProgrammeAct, Roles: relationship.RolesOf(relationship.RoleMember)},
	relationship.Rule{Act: "convene", Kind: relationship.FacilitationAct, Roles: relationship.RolesOf(relationship.RoleFacilitator)},
)

func newFake(name string, m relationship.Method, purposes []relationship.Purpose, roles ...relationship.Role) *fake {
	next := relationship.SequentialIDs(uint64(len(name)))
	f := &fake{name: name, method: m, purposes: purposes, rights: fakeRights, ids: next,
		at: time.Date(1895, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i, r := range roles {
		f.parties = append(f.parties, relationship.MustParty(relationship.PartyID(next()), string(rune('A'+i)), r))
	}
	return f
}

// caseAndGroup builds a casework case (worker 0, client 1) and a group
// (facilitator 0, members 1-3).
func caseAndGroup(t *testing.T) (*fake, *fake) {
	c := newFake("the Kowalskis", relationship.Casework, []relationship.Purpose{relationship.PurposeProblemSolving},
		relationship.RoleWorker, relationship.RoleClient)
	c.act(t, 0, "diagnose", 0, 0)
	c.act(t, 1, "consent", 0, 0)
	c.act(t, 0, "provide", 1, relationship.Material)
	c.act(t, 0, "provide", 1, relationship.Material)
	c.act(t, 0, "diagnose", 0, 0)

	g := newFake("girls' club", relationship.GroupWork, []relationship.Purpose{relationship.PurposeRecreation, relationship.PurposeSocialAction},
		relationship.RoleFacilitator, relationship.RoleMember, relationship.RoleMember, relationship.RoleMember)
	g.act(t, 0, "convene", 0, 0)
	g.act(t, 1, "sing", 0, 0)
	g.act(t, 2, "aid", 3, relationship.Companionship)
	g.act(t, 3, "aid", 2, relationship.Emotional)
	g.act(t, 1, "aid", 0, relationship.Appraisal)
	g.act(t, 0, "aid", 1, relationship.Informational)
	g.act(t, 1, "vote", 0, 0)
	g.act(t, 2, "vote", 0, 0)
	g.act(t, 3, "vote", 0, 0)
	return c, g
}

func TestCompare(t *testing.T) {
	c, g := caseAndGroup(t)
	cmp, err := relationship.Compare(c, g)
	require.NoError(t, err)

	assert.Equal(t, 1, cmp.A.Helped)
	assert.Equal(t, 1, cmp.A.Helpers)
	assert.Equal(t, 3, cmp.B.Helped)
	// Who was helped comes from the ledger, not the roles: the client
	// received and gave nothing back; in the group the three members and
	// the facilitator all received help, and all of them gave some too.
	assert.Equal(t, 1, cmp.A.Received)
	assert.Equal(t, 0, cmp.A.GaveAndReceived)
	assert.Equal(t, 4, cmp.B.Received)
	assert.Equal(t, 4, cmp.B.GaveAndReceived)
	assert.Equal(t, 4, cmp.A.HelperActs.Total())
	assert.Equal(t, 2, cmp.A.HelperActs.Of(relationship.DecisionAct))
	share, ok := cmp.A.DecisionShare()
	require.True(t, ok)
	assert.Equal(t, 1.0, share, "the worker took every decision")
	share, ok = cmp.B.DecisionShare()
	require.True(t, ok)
	assert.Equal(t, 0.0, share, "the members took every decision")
	assert.Equal(t, 2, cmp.A.Support.Of(relationship.Material))
	// Worker 4 acts of power (2 decisions, 2 provisions), client 1 (consent):
	// Gini of {4, 1} normalised = 0.6. In the group the facilitator's
	// convening and aid are not acts of power; the members' are {2, 1, 1}
	// and the facilitator's 0: Gini 0.5.
	assert.InDelta(t, 0.6, cmp.A.ActConcentration, 1e-12)

	want := []relationship.Row{
		{"who is helped", "1 received help, 0 of them also gave", "4 received help, 4 of them also gave",
			"parties who received help; of them, who also gave"},
		{"direction of help", "reciprocity 0.00 (0.00)", "reciprocity 1.00 (1.00)", "ledger reciprocity (weighted)"},
		{"power", "power acts 0.60, giving 1.00", "power acts 0.50, giving 0.00", "Gini of power acts (record), of giving"},
		{"decisions", "2, 100% by helpers", "3, 0% by helpers", "decision acts; share by helper roles"},
		{"medium", "2 provision, 0 programme; material 100%", "0 provision, 1 programme; emotional 25%", "provision vs programme acts; top support"},
		{"purpose", "problem solving", "recreation, social action", "declared purposes"},
		{"worker's role", "decision 2, provision 2", "help 1, facilitation 1", "helper roles' acts by kind"},
	}
	assert.Equal(t, want, cmp.Rows)
}

func TestCompareEmpty(t *testing.T) {
	a := newFake("", relationship.Casework, nil, relationship.RoleWorker)
	b := newFake("", relationship.GroupWork, nil)
	cmp, err := relationship.Compare(a, b)
	require.NoError(t, err)
	for _, r := range cmp.Rows {
		assert.NotEmpty(t, r.A, r.Dimension)
		assert.NotEmpty(t, r.B, r.Dimension)
	}
	assert.Contains(t, cmp.String(), "none recorded")
	assert.Contains(t, cmp.String(), "none declared")
	assert.Contains(t, strings.Join(strings.Fields(cmp.String()), " "), "no help recorded")
}

func TestComparisonText(t *testing.T) {
	c, g := caseAndGroup(t)
	cmp, err := relationship.Compare(c, g)
	require.NoError(t, err)

	text := cmp.String()
	table, measures, ok := strings.Cut(text, "\nmeasured by:\n")
	require.True(t, ok, "the measures follow the table")
	lines := strings.Split(strings.TrimRight(table, "\n"), "\n")
	require.Len(t, lines, 2+len(cmp.Rows), "no cell of this table needs wrapping")
	assert.True(t, strings.HasPrefix(lines[0], "dimension"))
	assert.Contains(t, lines[0], "casework: the Kowalskis")
	assert.Contains(t, lines[0], "group work: girls' club", "the method in plain words")
	col := strings.Index(lines[0], "casework")
	for _, l := range lines[2:] {
		assert.Equal(t, ' ', rune(l[col-1]), "columns are aligned: %q", l)
	}
	for _, r := range cmp.Rows {
		assert.Contains(t, measures, r.Dimension+"  ")
		assert.Contains(t, measures, r.Measure)
	}
	for l := range strings.Lines(text) {
		assert.LessOrEqual(t, len([]rune(strings.TrimSuffix(l, "\n"))), relationship.TextWidth, "%q", l)
	}

	var md strings.Builder
	require.NoError(t, cmp.WriteMarkdown(&md))
	mdLines := strings.Split(strings.TrimRight(md.String(), "\n"), "\n")
	require.Len(t, mdLines, 2+len(cmp.Rows))
	assert.Equal(t, "|---|---|---|---|", mdLines[1])
	for _, l := range mdLines {
		assert.Equal(t, 5, strings.Count(l, "|")-strings.Count(l, `\|`), "four cells: %q", l)
	}
}

func TestComparisonSVG(t *testing.T) {
	c, g := caseAndGroup(t)
	cmp, err := relationship.Compare(c, g)
	require.NoError(t, err)
	ms := cmp.Measures()
	require.Len(t, ms, 5)
	assert.Equal(t, 1.0, ms[4].A, "the worker took every decision")
	assert.Equal(t, 0.0, ms[4].B)

	var b strings.Builder
	require.NoError(t, cmp.WriteSVG(&b))
	svgText := b.String()
	checkXML(t, svgText)
	assert.Contains(t, svgText, "casework: the Kowalskis and group work: girls")
	for _, m := range ms {
		assert.Contains(t, svgText, strings.Split(m.Name, " ")[0])
	}
	golden(t, "comparison.svg", svgText)
}

func TestComparisonSVGSameNames(t *testing.T) {
	a := newFake("x", relationship.Casework, nil, relationship.RoleWorker)
	var b strings.Builder
	same, err := relationship.Compare(a, a)
	require.NoError(t, err)
	require.NoError(t, same.WriteSVG(&b), "two series may not share a name, so the second is renamed")
	assert.Contains(t, b.String(), "casework: x (2)")
}

func TestCompareRefusesNil(t *testing.T) {
	var nilCase *casework.Case
	for name, r := range map[string]relationship.Relationship{"nil": nil, "nil pointer": nilCase} {
		t.Run(name, func(t *testing.T) {
			_, err := relationship.Compare(r, r)
			assert.ErrorIs(t, err, relationship.ErrNil)
			_, err = relationship.FactsOf(r)
			assert.ErrorIs(t, err, relationship.ErrNil)
		})
	}
	var c relationship.Comparison
	assert.ErrorIs(t, c.WriteText(nil), relationship.ErrNil)
	assert.ErrorIs(t, c.WriteMarkdown(nil), relationship.ErrNil)
	assert.ErrorIs(t, c.WriteSVG(nil), relationship.ErrNil)
}

func TestComparisonTextWrapsWideCells(t *testing.T) {
	long := "the Charity Organization Society of Baltimore, Thames Street district office"
	a := newFake(long, relationship.Casework, nil, relationship.RoleWorker)
	b := newFake("the Ewing Street Girls' Club of Hull House, Chicago, season 1910-11",
		relationship.GroupWork, nil)
	cmp, err := relationship.Compare(a, b)
	require.NoError(t, err)
	text := cmp.String()
	for l := range strings.Lines(text) {
		assert.LessOrEqual(t, len([]rune(strings.TrimSuffix(l, "\n"))), relationship.TextWidth, "%q", l)
	}
	header, _, _ := strings.Cut(text, "\n---")
	from, to := strings.Index(text, "casework"), strings.Index(text, "group work")
	var cellA []string
	for l := range strings.Lines(header) {
		cellA = append(cellA, strings.Fields(l[from:min(len(l), to)])...)
	}
	assert.Equal(t, "casework: "+long, strings.Join(cellA, " "), "a wrapped cell keeps every word, in order")
}

func TestTiesPerParty(t *testing.T) {
	tests := []struct {
		name string
		m    relationship.Metrics
		want float64
	}{
		{"empty", relationship.Metrics{}, 0},
		{"a case: one tie, two parties", relationship.Metrics{Parties: 2, Pairs: 1}, 0.5},
		{"five members, each helps two", relationship.Metrics{Parties: 5, Pairs: 10}, 2},
		{"fifty members, each helps two", relationship.Metrics{Parties: 50, Pairs: 100}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, tt.m.TiesPerParty(), 1e-12)
		})
	}
}

// TestDensityFallsWithSizeTiesPerPartyDoesNot builds rings in which each
// party helps the next two, of growing size: the habit of helping is the
// same, the density falls, and the ties per party stay at 2.
func TestDensityFallsWithSizeTiesPerPartyDoesNot(t *testing.T) {
	src := &relationship.Sources{}
	prev := 1.0
	for _, n := range []int{5, 10, 20} {
		var l relationship.Ledger
		ids := make([]relationship.PartyID, n)
		for i := range ids {
			ids[i] = src.NewPartyID()
		}
		s, err := relationship.NewSupport(relationship.Emotional, "listened")
		require.NoError(t, err)
		for i := range ids {
			for _, j := range []int{(i + 1) % n, (i + 2) % n} {
				x, err := relationship.NewExchange(src.NewID(), ids[i], ids[j], s, src.Now())
				require.NoError(t, err)
				require.NoError(t, l.Record(x))
			}
		}
		m := l.Metrics()
		assert.InDelta(t, 2.0, m.TiesPerParty(), 1e-12, "n=%d", n)
		assert.InDelta(t, 2.0/float64(n-1), m.Density, 1e-12, "n=%d", n)
		assert.Less(t, m.Density, prev, "density falls as the ring grows (n=%d)", n)
		prev = m.Density
	}
}
