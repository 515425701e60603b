package groupwork

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// planted are distinctive strings put into every place a group can hold
// what a member said or named. None may be printed or logged.
var planted = []string{
	"Zenobiamember", "Leavingquill", "Notequill", "Concernquill", "Actionquill", "Summaryquill",
	"Demandquill", "Needquill", "Groundquill", "Agreementquill", "Stagequill", "Activityquill",
	"Recordedquill", "Aidquill", "Withdrawquill", "Titlequill", "Optionquill",
}

// confidentialGroup forms a group and takes it through every act that
// records a member's words, each with a planted string.
func confidentialGroup(t *testing.T) *Group {
	t.Helper()
	f := newFixture(t, clubSpec(), 3)
	g := func(err error) { t.Helper(); require.NoError(t, err) }
	m := f.members
	guest := people(4)[3]
	g(f.g.Join(guest, "Zenobiamember Lane", Profile{}))
	mt := f.meeting(t)
	_, err := f.g.RecordNote(f.fac, mt, "Notequill spoke of her mother")
	g(err)
	c, err := f.g.RaiseConcern(m[0], ScopeGroup, "Concernquill about the landlord")
	g(err)
	g(f.g.TakeAction(m[0], c, ActionLetter, "Actionquill to the alderman"))
	med, err := f.g.OpenMediation(f.fac, c, Demand{Source: "the settlement board", What: "Demandquill"}, "Needquill")
	g(err)
	g(f.g.SettleMediation(f.fac, med, "Groundquill", "Agreementquill"))
	g(f.g.CloseConcern(m[0], c, OutcomeResolved, "Summaryquill"))
	g(f.g.RecordStage(f.fac, PowerAndControl, "Stagequill arguments over the rules"))
	item, err := f.g.ChooseActivity(m[0], mt, Camping, "Activityquill by the lake")
	g(err)
	g(f.g.RecordActivity(f.fac, item, "Recordedquill"))
	help, err := relationship.NewSupport(relationship.Emotional, "Aidquill listened")
	g(err)
	_, err = f.g.GiveAid(m[0], Aid{To: m[1], Support: help, Process: SharingData, Meeting: mt})
	g(err)
	p, err := f.g.Propose(m[0], ProposalSpec{Title: "Titlequill", Options: []string{"Optionquill", "Other"}, Rule: RulePlurality, Review: t0.AddDate(1, 0, 0)})
	g(err)
	g(f.g.Vote(m[1], p, Ballot{Options: []int{0}}))
	g(f.g.WithdrawProposal(m[0], p, "Withdrawquill"))
	g(f.g.Leave(guest, LeftOther, "Leavingquill"))
	return f.g
}

func confidentialValues(t *testing.T) map[string]any {
	g := confidentialGroup(t)
	v := map[string]any{"*Group": g, "[]Entry": slices.Collect(g.Record())}
	add := func(prefix string, xs []any) {
		for i, x := range xs {
			v[fmt.Sprintf("%s#%d", prefix, i)] = x
		}
	}
	add("Member", toAny(slices.Collect(g.FormerMembers())))
	add("Note", toAny(slices.Collect(g.Notes())))
	add("Concern", toAny(slices.Collect(g.Concerns())))
	add("Mediation", toAny(slices.Collect(g.Mediations())))
	add("Meeting", toAny(slices.Collect(g.Meetings())))
	add("StageChange", toAny(slices.Collect(g.StageChanges())))
	add("Proposal", toAny(slices.Collect(g.Proposals())))
	for c := range g.Concerns() {
		add("Action", toAny(slices.Collect(c.Actions())))
	}
	for m := range g.FormerMembers() {
		add("Period", toAny(slices.Collect(m.Periods())))
		v["Party"] = m.Party()
	}
	for i, e := range slices.Collect(g.Record()) {
		v[fmt.Sprintf("Entry#%d", i+1)] = e
		v[fmt.Sprintf("%T#%d", e.Event(), i+1)] = e.Event()
	}
	for x := range g.MutualAid() {
		v["Exchange"] = x
		v["Support"] = x.Support()
	}
	return v
}

func toAny[T any](s []T) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

var printers = map[string]func(v any) string{
	"%v":   func(v any) string { return fmt.Sprintf("%v", v) },
	"%+v":  func(v any) string { return fmt.Sprintf("%+v", v) },
	"%#v":  func(v any) string { return fmt.Sprintf("%#v", v) },
	"%s":   func(v any) string { return fmt.Sprintf("%s", v) },
	"%q":   func(v any) string { return fmt.Sprintf("%q", v) },
	"text": func(v any) string { return logWith(slog.NewTextHandler, v) },
	"json": func(v any) string { return logWith(slog.NewJSONHandler, v) },
}

func logWith[H slog.Handler](h func(w io.Writer, o *slog.HandlerOptions) H, v any) string {
	var b bytes.Buffer
	slog.New(h(&b, nil)).Info("value", "v", v)
	return b.String()
}

// TestNothingConfidentialIsPrinted prints and logs every value of a group
// that carries a member's words or name, with every verb and both of
// slog's handlers: no planted string appears. A slice of entries is logged
// through relationship.LogValues (slog's JSON handler encodes slices with
// encoding/json, which writes the record).
func TestNothingConfidentialIsPrinted(t *testing.T) {
	values := confidentialValues(t)
	require.Greater(t, len(values), 30)
	values["LogValues([]Entry)"] = relationship.LogValues(values["[]Entry"].([]relationship.Entry))
	for name, v := range values {
		for how, print := range printers {
			if how == "json" && name == "[]Entry" {
				continue
			}
			t.Run(name+"/"+how, func(t *testing.T) {
				out := print(v)
				for _, s := range planted {
					assert.NotContains(t, out, s)
				}
			})
		}
	}
}
