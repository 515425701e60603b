package casework

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// planted are distinctive strings put into every place a case can hold
// what identifies or describes a client. None may be printed or logged.
var planted = []string{
	"Zenobiaclient", "Householdquill", "Relationquill", "Problemquill", "Needquill", "Strengthquill",
	"Evidencesourcequill", "Evidencesummaryquill", "Difficultyquill", "Causequill", "Assetquill",
	"Liabilityquill", "Goalquill", "Achievedquill", "Notequill", "Counselquill", "Purposequill",
	"Declinequill", "Referralreasonquill", "Closingquill", "Casenamequill",
}

// confidentialCase opens a case and takes it through every act that
// records client content, each with a planted string.
func confidentialCase(t *testing.T) (*Case, []Note) {
	t.Helper()
	client := MustClient(idClient, "Zenobiaclient Smith", Intake{
		Household:         []HouseholdMember{{Name: "Householdquill Smith", Relation: "Relationquill", Age: 9}},
		PresentingProblem: "Problemquill since spring",
		Needs:             []string{"Needquill"},
		Strengths:         []string{"Strengthquill"},
	})
	f := &fixture{t: t, a: testAgency(t, nil)}
	c, err := NewCase(idWorker, f.a, Application{Name: "Casenamequill family", Client: client, Worker: testWorker}, testOptions())
	require.NoError(t, err)
	f.c = c
	f.toStudy()
	f.id(c.RecordEvidence(idWorker, Evidence{Kind: EvidenceReal, Source: "Evidencesourcequill",
		Summary: "Evidencesummaryquill", Shows: []Circumstance{Unemployment}}))
	_, err = c.AssessEligibility(idWorker)
	f.ok(err)
	f.ok(c.MoveTo(idWorker, PhaseDiagnosis))
	f.ok(c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"Difficultyquill"}, Causes: []string{"Causequill"},
		Assets: []string{"Assetquill"}, Liabilities: []string{"Liabilityquill"}}))
	g := f.id(c.ProposeGoal(idWorker, "Goalquill by spring"))
	f.ok(c.AgreeGoal(idClient, g))
	f.id(c.GiveConsent(idClient, PlanScope(), time.Time{}))
	f.ok(c.MoveTo(idWorker, PhaseTreatment))
	f.ok(c.ActivateGoal(idWorker, g))
	f.ok(c.AchieveGoal(idWorker, g, "Achievedquill"))
	n := f.id(c.WriteNote(idWorker, "Notequill fears the landlord"))
	f.id(c.Counsel(idWorker, relationship.Emotional, "Counselquill"))
	p := f.id(c.ProposeProvision(idWorker, "coal", 5, "Purposequill"))
	f.ok(c.DeclineProvision(idSupervisor, p, "Declinequill"))
	f.id(c.GiveConsent(idClient, ReferralScope("Legal Aid Society"), time.Time{}))
	f.id(c.Refer(idWorker, "Legal Aid Society", "Referralreasonquill"))
	note, err := c.ReadNote(bg, accessLog, idWorker, n)
	require.NoError(t, err)
	f.ok(c.MoveTo(idWorker, PhaseEvaluation))
	f.ok(c.Close(idWorker, ReasonGoalsAchieved, "Closingquill"))
	return c, []Note{note}
}

// confidentialValues returns every value of the case's exported types
// that carries client content, named for the test.
func confidentialValues(t *testing.T) map[string]any {
	c, notes := confidentialCase(t)
	client := c.Client()
	v := map[string]any{
		"*Case": c, "Client": client, "Party": client.Party(), "[]Note": notes, "Note": notes[0],
		"HouseholdMember": client.Household()[0], "[]HouseholdMember": client.Household(),
		"Intake": Intake{Household: client.Household(), PresentingProblem: client.PresentingProblem(),
			Needs: client.Needs(), Strengths: client.Strengths()},
		"Application": Application{Name: c.Name(), Client: client, Worker: testWorker},
		"Applicant":   Applicant{Client: client, Evidence: slices.Collect(c.Evidence())},
		"[]Entry":     slices.Collect(c.Record()),
		"[]Goal":      slices.Collect(c.Goals()), "[]Provision": slices.Collect(c.Provisions()),
		"[]Referral": slices.Collect(c.Referrals()), "[]Consent": slices.Collect(c.Consents()),
		"[]EvidenceItem": slices.Collect(c.Evidence()),
	}
	v["Diagnosis"], _ = c.Diagnosis()
	v["Assessment"], _ = c.Assessment()
	v["Closure"], _ = c.Closure()
	for i, e := range slices.Collect(c.Record()) {
		v[fmt.Sprintf("Entry#%d", i+1)] = e
		v[fmt.Sprintf("%T#%d", e.Event(), i+1)] = e.Event()
	}
	for _, list := range []any{v["[]Goal"], v["[]Provision"], v["[]Referral"], v["[]EvidenceItem"]} {
		for i, x := range anySlice(list) {
			v[fmt.Sprintf("%T#%d", x, i)] = x
		}
	}
	return v
}

func anySlice(s any) []any {
	switch s := s.(type) {
	case []Goal:
		return toAny(s)
	case []Provision:
		return toAny(s)
	case []Referral:
		return toAny(s)
	case []EvidenceItem:
		return toAny(s)
	}
	return nil
}

func toAny[T any](s []T) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// printers are the ways a program shows a value to its operators.
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

// TestNothingConfidentialIsPrinted prints and logs every value that
// carries client content, with every verb and both of slog's handlers: no
// planted string appears. The JSON handler encodes a slice with
// encoding/json, so a slice of entries, household members or evidence
// (whose JSON is their record) is logged through relationship.LogValues, as the docs say.
func TestNothingConfidentialIsPrinted(t *testing.T) {
	values := confidentialValues(t)
	require.Greater(t, len(values), 40)
	values["LogValues([]Entry)"] = relationship.LogValues(values["[]Entry"].([]relationship.Entry))
	values["LogValues([]HouseholdMember)"] = relationship.LogValues(values["[]HouseholdMember"].([]HouseholdMember))
	values["LogValues([]EvidenceItem)"] = relationship.LogValues(values["[]EvidenceItem"].([]EvidenceItem))
	// Slices whose JSON is their record form: see the doc comment.
	jsonSlices := map[string]bool{"[]Entry": true, "[]HouseholdMember": true, "[]EvidenceItem": true}
	for name, v := range values {
		for how, print := range printers {
			if how == "json" && jsonSlices[name] {
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
	// The record still holds everything: redaction is of output, not data.
	var all strings.Builder
	for e := range values["*Case"].(*Case).Record() {
		b, err := e.MarshalJSON()
		require.NoError(t, err)
		all.Write(b)
	}
	assert.Contains(t, all.String(), "Notequill")
}
