package casework

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/inputtest"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// Rows of the input table that name what a call must give.

// The zero value of every error type of the package prints without a
// panic.
func TestInputZeroErrorsPrint(t *testing.T) {
	for _, err := range []error{&InputError{}, &BindError{}} {
		t.Run(fmt.Sprintf("%T", err), func(t *testing.T) {
			assert.NotPanics(t, func() { assert.NotEmpty(t, err.Error()) })
		})
	}
}

// A zero Agency, not made by NewAgency, refuses every change with
// ErrNil instead of panicking.
func TestInputZeroAgency(t *testing.T) {
	for name, call := range map[string]func(a *Agency) error{
		"SetPolicy":         func(a *Agency) error { return a.SetPolicy(idAgency, WorthinessPolicy{}, true) },
		"SetPolicy nil":     func(a *Agency) error { return a.SetPolicy(idAgency, nil, false) },
		"AppointWorker":     func(a *Agency) error { return a.AppointWorker(idAgency, testWorker) },
		"AppointSupervisor": func(a *Agency) error { return a.AppointSupervisor(idAgency, testSupervisor) },
		"Receive":           func(a *Agency) error { return a.Receive(idAgency, "coal", 1) },
		"SetCaseloadLimit":  func(a *Agency) error { return a.SetCaseloadLimit(idAgency, idWorker, 3) },
		"EndAppointment":    func(a *Agency) error { return a.EndAppointment(idAgency, idWorker, "moved away") },
	} {
		t.Run(name, func(t *testing.T) {
			a := &Agency{}
			var err error
			require.NotPanics(t, func() { err = call(a) })
			assert.ErrorIs(t, err, relationship.ErrNil)
			assert.Zero(t, a.Version())
		})
	}
}

// textCase is one text a row offers: the sentinel its refusal must wrap,
// or nil for a text that must be accepted.
type textCase struct {
	name string
	text string
	want error
}

// badTexts are the texts every row offers. Empty text is the row's own
// business: some fields may be empty.
var badTexts = []textCase{
	{"oversized", inputtest.Oversized, relationship.ErrTooLarge},
	{"invalid UTF-8", inputtest.Invalid, relationship.ErrInvalidText},
	{"control characters", inputtest.Control, nil},
	{"control characters at the maximum", strings.Repeat("\x01", relationship.MaxTextSize), nil},
}

// textRow is a call that takes a text, on a case in treatment with a goal,
// a note, a provision, a referral and a refusal.
type textRow struct {
	name  string
	empty error // what the empty text gives; nil if it is accepted
	setup func(f *rowFixture, s string)
	call  func(f *rowFixture, s string) error
}

// rowPhase is the phase a row's case must be in, if not treatment.
var rowPhase = map[string]Phase{
	"Case.RecordEvidence source":  PhaseStudy,
	"Case.RecordEvidence summary": PhaseStudy,
	"Case.Diagnose":               PhaseDiagnosis,
}

// rowControl is what control characters give in the rows that refuse
// them: a unit is a word or two, such as "hundredweight".
var rowControl = map[string]error{
	"Agency.SetResourceTerms unit": relationship.ErrInvalidValue,
}

type rowFixture struct {
	*fixture
	goal, note, provision, referral, refusal uuid.UUID
}

func newRowFixture(t *testing.T, phase Phase) *rowFixture {
	switch phase {
	case PhaseStudy:
		return &rowFixture{fixture: newFixture(t).toStudy()}
	case PhaseDiagnosis:
		return &rowFixture{fixture: newFixture(t).toDiagnosis()}
	}
	f := &rowFixture{fixture: inputCase(t)}
	f.goal = collect(f.c.Goals())[0].ID()
	f.note = collect(f.c.Notes())[0].ID
	f.provision = collect(f.c.Provisions())[0].ID()
	f.referral = collect(f.c.Referrals())[0].ID()
	f.refusal = f.id(f.c.RefuseConsent(idClient, DisclosureScope("the landlord")))
	return f
}

func caseTextRows() []textRow {
	ctx := context.Background()
	return []textRow{
		{"Case.WriteNote", ErrBlank, nil, func(f *rowFixture, s string) error { _, err := f.c.WriteNote(idWorker, s); return err }},
		{"Case.ProposeGoal", ErrBlank, nil, func(f *rowFixture, s string) error { _, err := f.c.ProposeGoal(idWorker, s); return err }},
		{"Case.AbandonGoal", ErrBlank, nil, func(f *rowFixture, s string) error { return f.c.AbandonGoal(idClient, f.goal, s) }},
		{"Case.AchieveGoal", nil, func(f *rowFixture, s string) { f.ok(f.c.ActivateGoal(idWorker, f.goal)) },
			func(f *rowFixture, s string) error { return f.c.AchieveGoal(idWorker, f.goal, s) }},
		{"Case.Close", ErrBlank, nil, func(f *rowFixture, s string) error { return f.c.Close(idWorker, ReasonMovedAway, s) }},
		{"Case.Withdraw", nil, nil, func(f *rowFixture, s string) error { return f.c.Withdraw(idClient, s) }},
		{"Case.Reopen", ErrBlank, func(f *rowFixture, s string) { f.ok(f.c.Close(idWorker, ReasonMovedAway, "done")) },
			func(f *rowFixture, s string) error { return f.c.Reopen(idWorker, s) }},
		{"Case.Counsel", ErrBlank, nil, func(f *rowFixture, s string) error {
			_, err := f.c.Counsel(idWorker, relationship.Emotional, s)
			return err
		}},
		{"Case.ProposeProvision purpose", ErrBlank, nil, func(f *rowFixture, s string) error {
			_, err := f.c.ProposeProvision(idWorker, "coal", 1, s)
			return err
		}},
		{"Case.DeclineProvision", ErrBlank, nil, func(f *rowFixture, s string) error {
			return f.c.DeclineProvision(idSupervisor, f.provision, s)
		}},
		{"Case.WithdrawProvision", ErrBlank, nil, func(f *rowFixture, s string) error {
			return f.c.WithdrawProvision(idWorker, f.provision, s)
		}},
		{"Case.RecordEvidence source", ErrBlank, nil, func(f *rowFixture, s string) error {
			_, err := f.c.RecordEvidence(idWorker, Evidence{Kind: EvidenceTestimonial, Source: s, Summary: "a neighbour's word"})
			return err
		}},
		{"Case.RecordEvidence summary", ErrBlank, nil, func(f *rowFixture, s string) error {
			_, err := f.c.RecordEvidence(idWorker, Evidence{Kind: EvidenceTestimonial, Source: "the landlord", Summary: s})
			return err
		}},
		{"Case.Diagnose", ErrBlank, nil, func(f *rowFixture, s string) error {
			return f.c.Diagnose(idWorker, Diagnosis{Difficulties: []string{"debt"}, Causes: []string{s}})
		}},
		{"Case.GiveConsent disclosure to", ErrBlank, nil, func(f *rowFixture, s string) error {
			_, err := f.c.GiveConsent(idClient, DisclosureScope(s), time.Time{})
			return err
		}},
		{"Case.RefuseConsent referral to", ErrBlank, nil, func(f *rowFixture, s string) error {
			_, err := f.c.RefuseConsent(idClient, ReferralScope(s))
			return err
		}},
		{"Case.OverrideRefusal", ErrBlank, nil, func(f *rowFixture, s string) error {
			return f.c.OverrideRefusal(idSupervisor, f.refusal, s)
		}},
		{"Case.Refer reason", ErrBlank, nil, func(f *rowFixture, s string) error {
			_, err := f.c.Refer(idWorker, "the dispensary", s)
			return err
		}},
		{"Case.RevokeReferral", ErrBlank, nil, func(f *rowFixture, s string) error {
			return f.c.RevokeReferral(idWorker, f.referral, s)
		}},
		{"Case.UpdateReferral", nil, nil, func(f *rowFixture, s string) error {
			return f.c.UpdateReferral(idWorker, f.referral, ReferralStateAccepted, s)
		}},
		{"Case.Transfer", ErrBlank, nil, func(f *rowFixture, s string) error { return f.c.Transfer(idSupervisor, testWorker2, s) }},
		{"Case.DiscloseNote to", ErrBlank, func(f *rowFixture, s string) {
			_, _ = f.c.GiveConsent(idClient, DisclosureScope(s), time.Time{}) // refused for the texts the disclosure must refuse too
		}, func(f *rowFixture, s string) error {
			return f.c.DiscloseNote(ctx, journal.NewMemory(), idWorker, f.note, s)
		}},
		{"Agency.EndAppointment", ErrBlank, nil, func(f *rowFixture, s string) error {
			return f.a.EndAppointment(idAgency, idWorker2, s)
		}},
		{"Agency.SetResourceTerms unit", ErrBlank, nil, func(f *rowFixture, s string) error {
			return f.a.SetResourceTerms(idAgency, ResourceTerms{Resource: "coal", Unit: s, ApprovalAbove: 2})
		}},
	}
}

// Every method of Case and Agency that takes text refuses text too long or
// not UTF-8 with ErrTooLarge or ErrInvalidText and changes nothing; any
// other text it accepts survives a save and a load.
func TestInputCaseTexts(t *testing.T) {
	for _, row := range caseTextRows() {
		for _, tc := range append([]textCase{{"empty", "", row.empty}}, badTexts...) {
			if strings.HasPrefix(tc.name, "control") && rowControl[row.name] != nil {
				tc.want = rowControl[row.name]
			}
			t.Run(row.name+"/"+tc.name, func(t *testing.T) {
				f := newRowFixture(t, rowPhase[row.name])
				if row.setup != nil {
					row.setup(f, tc.text)
				}
				before := []any{caseworkSnapshot(t, f.c), caseworkSnapshot(t, f.a)}
				var err error
				require.NotPanics(t, func() { err = row.call(f, tc.text) })
				if tc.want != nil {
					require.Error(t, err)
					assert.ErrorIs(t, err, tc.want)
					assert.Equal(t, before, []any{caseworkSnapshot(t, f.c), caseworkSnapshot(t, f.a)}, "refused, and nothing changed")
					if tc.text != "" {
						assert.NotContains(t, err.Error(), tc.text[:min(len(tc.text), 40)], "the error does not quote the text")
					}
					return
				}
				if tc.name == "empty" && row.empty == nil && err != nil {
					assert.NotNil(t, inputtest.Relationship.Match(err), "%v", err)
					return
				}
				require.NoError(t, err)
				caseworkRoundTrip(t, f.c) // with its agency
			})
		}
	}
}

// GiveConsent takes when the consent lapses: the zero time means never; a
// time in the past, or beyond the years a record can write, is refused
// with a documented sentinel and changes nothing; a time accepted survives
// a save and a load. ConsentAt answers for any time without a panic.
func TestInputConsentTimes(t *testing.T) {
	sentinels := caseworkInputConfig().Sentinels
	for _, tc := range []struct {
		name string
		at   time.Time
		ok   bool
	}{
		{"zero: never lapses", time.Time{}, true},
		{"year -1", inputtest.FarPast, false},
		{"before the case", epoch.Add(-time.Hour), false},
		{"year 10000", inputtest.FarFuture, false},
		{"far beyond", inputtest.Extreme, false},
		{"year 9999", time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newRowFixture(t, 0)
			before := caseworkSnapshot(t, f.c)
			var err error
			require.NotPanics(t, func() {
				_, err = f.c.GiveConsent(idClient, DisclosureScope("the school"), tc.at)
				f.c.ConsentAt(DisclosureScope("the school"), tc.at)
			})
			if tc.ok {
				require.NoError(t, err)
				caseworkRoundTrip(t, f.c)
				return
			}
			require.Error(t, err)
			assert.NotNil(t, sentinels.Match(err), "%v wraps a documented sentinel", err)
			assert.Equal(t, before, caseworkSnapshot(t, f.c), "refused, and nothing changed")
		})
	}
}

// A clock that has gone wrong (zero, or beyond the years a record can
// write) makes every change fail with a documented sentinel, never a
// panic, and the case stays as it was.
func TestInputCaseClock(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   time.Time
		want error
	}{
		{"zero", time.Time{}, relationship.ErrZeroTime},
		{"year -1", inputtest.FarPast, relationship.ErrInvalidValue},
		{"year 10000", inputtest.FarFuture, relationship.ErrInvalidValue},
		{"far beyond", inputtest.Extreme, relationship.ErrInvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now := epoch
			a := testAgency(t, nil)
			c, err := NewCase(idWorker, a, Application{Name: "The Kowalski family", Client: testClient, Worker: testWorker},
				&Options{Sources: &relationship.Sources{Clock: func() time.Time { return now }, IDs: relationship.SequentialIDs(1)}})
			require.NoError(t, err)
			now = tc.at
			before := []any{caseworkSnapshot(t, c), caseworkSnapshot(t, a)}
			for name, call := range map[string]func() error{
				"WriteNote":   func() error { _, err := c.WriteNote(idWorker, "a visit"); return err },
				"MoveTo":      func() error { return c.MoveTo(idWorker, PhaseStudy) },
				"GiveConsent": func() error { _, err := c.GiveConsent(idClient, PlanScope(), time.Time{}); return err },
				"Withdraw":    func() error { return c.Withdraw(idClient, "moving to her sister's") },
				"Counsel":     func() error { _, err := c.Counsel(idWorker, relationship.Emotional, "a talk"); return err },
			} {
				var err error
				require.NotPanics(t, func() { err = call() }, name)
				require.Error(t, err, name)
				assert.ErrorIs(t, err, tc.want, name)
			}
			assert.Equal(t, before, []any{caseworkSnapshot(t, c), caseworkSnapshot(t, a)}, "refused, and nothing changed")
		})
	}
}

// Every constructor of the package that takes text refuses text too long
// or not UTF-8 with ErrTooLarge or ErrInvalidText; any other text it
// accepts survives a save and a load of the agency or case it goes into.
func TestInputConstructorTexts(t *testing.T) {
	ctx := context.Background()
	rows := []struct {
		name  string
		empty error // what the empty text gives; nil if it is accepted
		make  func(t *testing.T, s string) error
	}{
		{"NewClient name", ErrBlank, func(t *testing.T, s string) error {
			_, err := NewClient(idClient, s, Intake{PresentingProblem: "rent"})
			return err
		}},
		{"NewClient household name", ErrBlank, func(t *testing.T, s string) error {
			_, err := NewClient(idClient, "Anna", Intake{PresentingProblem: "rent", Household: []HouseholdMember{{Name: s, Relation: "son", Age: 9}}})
			return err
		}},
		{"NewClient presenting problem", ErrBlank, func(t *testing.T, s string) error {
			_, err := NewClient(idClient, "Anna", Intake{PresentingProblem: s})
			return err
		}},
		{"NewClient need", ErrBlank, func(t *testing.T, s string) error {
			_, err := NewClient(idClient, "Anna", Intake{PresentingProblem: "rent", Needs: []string{s}})
			return err
		}},
		{"NewWorker name", ErrBlank, func(t *testing.T, s string) error {
			_, err := NewWorker(idWorker, s, testSupervisor, 0)
			return err
		}},
		{"NewSupervisor name", ErrBlank, func(t *testing.T, s string) error {
			_, err := NewSupervisor(idSupervisor, s)
			return err
		}},
		{"NewAgency name", ErrBlank, func(t *testing.T, s string) error {
			a, err := NewAgency(AgencySpec{ID: idAgency, Name: s}, nil)
			if err == nil {
				j := journal.NewMemory()
				require.NoError(t, a.Save(ctx, j))
				back, err := LoadAgency(ctx, j, idAgency, nil)
				require.NoError(t, err)
				assert.Equal(t, a.st, back.st)
			}
			return err
		}},
		{"Open with a client's texts", ErrBlank, func(t *testing.T, s string) error {
			client, err := NewClient(idClient, "Anna", Intake{PresentingProblem: s, Strengths: []string{"a sister nearby"}})
			if err != nil {
				return err
			}
			c, err := NewCase(idWorker, testAgency(t, nil), Application{Name: s, Client: client, Worker: testWorker}, testOptions())
			if err == nil {
				caseworkRoundTrip(t, c)
			}
			return err
		}},
	}
	for _, row := range rows {
		for _, tc := range append([]textCase{{"empty", "", row.empty}}, badTexts...) {
			t.Run(row.name+"/"+tc.name, func(t *testing.T) {
				var err error
				require.NotPanics(t, func() { err = row.make(t, tc.text) })
				switch {
				case tc.want != nil:
					assert.ErrorIs(t, err, tc.want)
				case tc.name == "empty" && row.empty == nil && err != nil:
					assert.NotNil(t, caseworkInputConfig().Sentinels.Match(err), "%v", err)
				case strings.HasPrefix(tc.name, "control") && err != nil:
					t.Errorf("control characters refused: %v", err)
				}
			})
		}
	}
}

// Every method of Case and Agency that takes a text has a row in
// TestInputCaseTexts: a new one fails here until it has.
func TestInputTextRowsComplete(t *testing.T) {
	rows := map[string]bool{}
	for _, row := range caseTextRows() {
		rows[strings.Fields(row.name)[0]] = true
	}
	found := 0
	for _, typ := range []reflect.Type{reflect.TypeFor[*Case](), reflect.TypeFor[*Agency]()} {
		for k := range typ.NumMethod() {
			m := typ.Method(k)
			for i := 1; i < m.Type.NumIn(); i++ {
				if m.Type.In(i).Kind() == reflect.String && m.Type.In(i) != reflect.TypeFor[Resource]() {
					name := typ.Elem().Name() + "." + m.Name
					assert.True(t, rows[name], "%s takes a text (argument %d) but has no row in TestInputCaseTexts", name, i)
					found++
				}
			}
		}
	}
	assert.GreaterOrEqual(t, found, 19, "the methods that take text were found")
}
