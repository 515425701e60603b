package groupwork

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/inputtest"
	"github.com/helpingwork/helping/relationship"
)

// Rows of the input table that name what a call must give.

// The iterators of a zero Group, not made by NewGroup, yield nothing
// instead of panicking.
func TestInputZeroGroupIterators(t *testing.T) {
	g := &Group{}
	assert.NotPanics(t, func() {
		for range g.MutualAid() {
			t.Error("a zero group has no mutual aid")
		}
		for range g.AidByProcess() {
			t.Error("a zero group has no mutual aid")
		}
	})
}

// The zero value of an error type of the package prints without a panic.
func TestInputZeroErrorsPrint(t *testing.T) {
	for _, err := range []error{&ProxyError{}, &MemberError{}, &StateError{}, &NotFoundError{}, &InputError{},
		&BallotError{}, &RecordError{}, &ReceiptError{}} {
		assert.NotPanics(t, func() { assert.NotEmpty(t, err.Error()) }, "%T", err)
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

// rowGroup is a group with members, a meeting, a programme item, a
// concern, a mediation and a proposal, for the rows to act on.
type rowGroup struct {
	*fixture
	meeting, item, concern, mediation, proposal uuid.UUID
}

func newRowGroup(t *testing.T) *rowGroup {
	f := &rowGroup{fixture: inputGroup(t)}
	var err error
	f.meeting = collect(f.g.Meetings())[0].ID()
	f.concern = collect(f.g.Concerns())[0].ID()
	f.item, err = f.g.ChooseActivity(f.members[0], f.meeting, Camping, "a weekend at the dunes")
	require.NoError(t, err)
	f.mediation, err = f.g.OpenMediation(f.fac, f.concern, Demand{Source: "the settlement board", What: "quiet after nine"}, "a place to meet late")
	require.NoError(t, err)
	f.proposal, err = f.g.Propose(f.members[0], ProposalSpec{Title: "a summer outing", Rule: RuleSimpleMajority, Review: review})
	require.NoError(t, err)
	return f
}

func collect[T any](seq func(func(T) bool)) []T {
	var out []T
	for x := range seq {
		out = append(out, x)
	}
	return out
}

// groupTextRows are the methods of Group that take text, each with what
// the empty text gives (nil: accepted, or refused with a documented
// sentinel).
func groupTextRows() []struct {
	name  string
	empty error
	call  func(f *rowGroup, s string) error
} {
	return []struct {
		name  string
		empty error
		call  func(f *rowGroup, s string) error
	}{
		{"Join name", relationship.ErrBlank, func(f *rowGroup, s string) error { return f.g.Join(people(9)[8], s, Profile{}) }},
		{"Leave note", nil, func(f *rowGroup, s string) error { return f.g.Leave(f.members[1], LeftMoved, s) }},
		{"ConveneMeeting place", nil, func(f *rowGroup, s string) error {
			_, err := f.g.ConveneMeeting(f.fac, t0.AddDate(0, 0, 14), s)
			return err
		}},
		{"ChooseActivity description", nil, func(f *rowGroup, s string) error {
			_, err := f.g.ChooseActivity(f.members[1], f.meeting, Camping, s)
			return err
		}},
		{"RecordActivity note", nil, func(f *rowGroup, s string) error { return f.g.RecordActivity(f.fac, f.item, s) }},
		{"RecordNote text", ErrBlank, func(f *rowGroup, s string) error {
			_, err := f.g.RecordNote(f.fac, f.meeting, s, SharingData)
			return err
		}},
		{"RecordStage evidence", ErrBlank, func(f *rowGroup, s string) error { return f.g.RecordStage(f.fac, PowerAndControl, s) }},
		{"RaiseConcern text", ErrBlank, func(f *rowGroup, s string) error {
			_, err := f.g.RaiseConcern(f.members[1], ScopePersonal, s)
			return err
		}},
		{"TakeAction description", ErrBlank, func(f *rowGroup, s string) error {
			return f.g.TakeAction(f.members[0], f.concern, ActionDiscussion, s)
		}},
		{"CloseConcern summary", nil, func(f *rowGroup, s string) error {
			return f.g.CloseConcern(f.members[0], f.concern, OutcomeResolved, s)
		}},
		{"OpenMediation source", ErrBlank, func(f *rowGroup, s string) error {
			_, err := f.g.OpenMediation(f.fac, f.concern, Demand{Source: s, What: "quiet"}, "a place")
			return err
		}},
		{"OpenMediation need", ErrBlank, func(f *rowGroup, s string) error {
			_, err := f.g.OpenMediation(f.fac, f.concern, Demand{Source: "the board", What: "quiet"}, s)
			return err
		}},
		{"SettleMediation common ground", ErrBlank, func(f *rowGroup, s string) error {
			return f.g.SettleMediation(f.fac, f.mediation, s, "the club meets till ten")
		}},
		{"SettleMediation agreement", ErrBlank, func(f *rowGroup, s string) error {
			return f.g.SettleMediation(f.fac, f.mediation, "both want the club to go on", s)
		}},
		{"Propose title", nil, func(f *rowGroup, s string) error {
			_, err := f.g.Propose(f.members[1], ProposalSpec{Title: s, Rule: RuleSimpleMajority, Review: review})
			return err
		}},
		{"Propose option", nil, func(f *rowGroup, s string) error {
			_, err := f.g.Propose(f.members[1], ProposalSpec{Title: "where to go", Options: []string{"the dunes", s}, Rule: RulePlurality, Review: review})
			return err
		}},
		{"WithdrawProposal reason", nil, func(f *rowGroup, s string) error {
			return f.g.WithdrawProposal(f.members[0], f.proposal, s)
		}},
		{"GiveAid support", nil, func(f *rowGroup, s string) error {
			sup, err := relationship.NewSupport(relationship.Informational, s)
			if err != nil {
				return err
			}
			_, err = f.g.GiveAid(f.members[0], Aid{To: f.members[1], Support: sup, Process: SharingData})
			return err
		}},
	}
}

// Every method of Group that takes text refuses text too long or not
// UTF-8 with ErrTooLarge or ErrInvalidText and changes nothing; any other
// text it accepts survives a save and a load.
func TestInputGroupTexts(t *testing.T) {
	sentinels := groupworkInputConfig().Sentinels
	for _, row := range groupTextRows() {
		for _, tc := range append([]textCase{{"empty", "", row.empty}}, badTexts...) {
			t.Run(row.name+"/"+tc.name, func(t *testing.T) {
				f := newRowGroup(t)
				before := groupworkSnapshot(t, f.g)
				var err error
				require.NotPanics(t, func() { err = row.call(f, tc.text) })
				if err != nil {
					assert.NotNil(t, sentinels.Match(err), "%v wraps a documented sentinel", err)
					assert.Equal(t, before, groupworkSnapshot(t, f.g), "refused, and nothing changed")
					if tc.text != "" {
						assert.NotContains(t, err.Error(), tc.text[:min(len(tc.text), 40)], "the error does not quote the text")
					}
				}
				switch {
				case tc.want != nil:
					assert.ErrorIs(t, err, tc.want)
				case tc.name == "empty" && err != nil:
				default:
					require.NoError(t, err)
					groupworkRoundTrip(t, f.g)
				}
			})
		}
	}
}

// farTimes are the times a row offers where a call takes one: each with
// the sentinel its refusal must wrap, or nil for a time to accept.
var farTimes = []struct {
	name string
	at   time.Time
	want error
}{
	{"zero", time.Time{}, relationship.ErrZeroTime},
	{"year -1", inputtest.FarPast, relationship.ErrInvalidValue},
	{"year 10000", inputtest.FarFuture, relationship.ErrInvalidValue},
	{"far beyond", inputtest.Extreme, relationship.ErrInvalidValue},
	{"year 9999", time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC), nil},
}

// Every method of Group that takes a time, and the group's clock, refuse
// the zero time and years RFC 3339 cannot write, and change nothing; a time
// accepted survives a save and a load.
func TestInputGroupTimes(t *testing.T) {
	rows := map[string]func(f *rowGroup, at time.Time) error{
		"ConveneMeeting date": func(f *rowGroup, at time.Time) error {
			_, err := f.g.ConveneMeeting(f.fac, at, "the gymnasium")
			return err
		},
		"Propose review": func(f *rowGroup, at time.Time) error {
			_, err := f.g.Propose(f.members[1], ProposalSpec{Title: "a dance", Rule: RuleSimpleMajority, Review: at})
			return err
		},
	}
	sentinels := groupworkInputConfig().Sentinels
	for name, row := range rows {
		for _, tc := range farTimes {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				f := newRowGroup(t)
				before := groupworkSnapshot(t, f.g)
				var err error
				require.NotPanics(t, func() { err = row(f, tc.at) })
				if tc.want == nil {
					require.NoError(t, err)
					groupworkRoundTrip(t, f.g)
					return
				}
				assert.NotNil(t, sentinels.Match(err), "%v wraps a documented sentinel", err)
				assert.ErrorIs(t, err, tc.want)
				assert.Equal(t, before, groupworkSnapshot(t, f.g), "refused, and nothing changed")
			})
		}
	}
}

// A clock that has gone wrong (zero, or beyond the years a record can
// write) makes every change fail with a documented sentinel, never a
// panic, and the group stays as it was.
func TestInputGroupClock(t *testing.T) {
	for _, tc := range farTimes[:4] {
		t.Run(tc.name, func(t *testing.T) {
			now := t0
			opts := &Options{Sources: &relationship.Sources{Clock: func() time.Time { return now },
				IDs: relationship.SequentialIDs(3)}}
			g, err := NewGroup(worker, clubSpec(), opts)
			require.NoError(t, err)
			member := people(1)[0]
			require.NoError(t, g.Join(member, "Rosa", Profile{}))
			now = tc.at
			before := groupworkSnapshot(t, g)
			for name, call := range map[string]func() error{
				"Join":  func() error { return g.Join(people(2)[1], "Hannah", Profile{}) },
				"Leave": func() error { return g.Leave(member, LeftMoved, "") },
				"ConveneMeeting": func() error {
					_, err := g.ConveneMeeting(worker.ID(), t0.AddDate(0, 0, 7), "the hall")
					return err
				},
				"RaiseConcern": func() error { _, err := g.RaiseConcern(member, ScopePersonal, "rent"); return err },
				"RecordStage":  func() error { return g.RecordStage(worker.ID(), PowerAndControl, "a quarrel over the rules") },
			} {
				var err error
				require.NotPanics(t, func() { err = call() }, name)
				require.Error(t, err, name)
				assert.ErrorIs(t, err, tc.want, name)
			}
			assert.Equal(t, before, groupworkSnapshot(t, g), "refused, and nothing changed")
		})
	}
}

// The constructors of the package that take text refuse text too long or
// not UTF-8 with a documented sentinel; a group's name it accepts survives
// a save and a load.
func TestInputConstructorTexts(t *testing.T) {
	sentinels := groupworkInputConfig().Sentinels
	rows := []struct {
		name    string
		control bool // whether control characters are accepted
		empty   bool // whether the empty text is accepted
		make    func(t *testing.T, s string) error
	}{
		{"NewGroup name", true, false, func(t *testing.T, s string) error {
			spec := clubSpec()
			spec.Name = s
			g, err := NewGroup(worker, spec, testOptions(1))
			if err == nil {
				groupworkRoundTrip(t, g)
			}
			return err
		}},
		{"NewGroup facilitator name", true, false, func(t *testing.T, s string) error {
			fac, err := relationship.NewParty(worker.ID(), s, relationship.RoleFacilitator)
			if err != nil {
				return err
			}
			_, err = NewGroup(fac, clubSpec(), testOptions(1))
			return err
		}},
		{"NewNeed area", false, true, func(t *testing.T, s string) error {
			_, err := NewNeed(relationship.Material, s)
			return err
		}},
		{"NewStrength area", false, true, func(t *testing.T, s string) error {
			_, err := NewStrength(relationship.Informational, s)
			return err
		}},
		{"ParseNeed", false, false, func(t *testing.T, s string) error { _, err := ParseNeed(s); return err }},
		{"ParseStrength", false, false, func(t *testing.T, s string) error { _, err := ParseStrength(s); return err }},
	}
	for _, row := range rows {
		for _, tc := range append([]textCase{{"empty", "", nil}}, badTexts...) {
			t.Run(row.name+"/"+tc.name, func(t *testing.T) {
				var err error
				require.NotPanics(t, func() { err = row.make(t, tc.text) })
				if err != nil {
					assert.NotNil(t, sentinels.Match(err), "%v wraps a documented sentinel", err)
					assert.Less(t, len(err.Error()), 500, "the error quotes at most the start of the text")
				}
				switch {
				case tc.want != nil:
					assert.Error(t, err)
				case tc.name == "empty" && row.empty:
					assert.NoError(t, err, "an empty area means the kind in general")
				case tc.name == "empty":
					assert.Error(t, err, "an empty name is refused")
				case row.control:
					assert.NoError(t, err)
				}
			})
		}
	}
}

// EndGroup takes its reason as every other text: refused too long or not
// UTF-8, with nothing changed; accepted otherwise, through a save and a
// load.
func TestInputEndGroupTexts(t *testing.T) {
	for _, tc := range append([]textCase{{"empty", "", ErrBlank}}, badTexts...) {
		t.Run(tc.name, func(t *testing.T) {
			f := newRowGroup(t)
			require.NoError(t, f.g.RecordStage(f.fac, Separation, "the members have said their goodbyes"))
			before := groupworkSnapshot(t, f.g)
			var err error
			require.NotPanics(t, func() { err = f.g.EndGroup(f.fac, tc.text) })
			if tc.want != nil {
				assert.ErrorIs(t, err, tc.want)
				assert.Equal(t, before, groupworkSnapshot(t, f.g), "refused, and nothing changed")
				return
			}
			require.NoError(t, err)
			groupworkRoundTrip(t, f.g)
		})
	}
}

// Every method of Group that takes a text has a row: a new one fails here
// until it has.
func TestInputTextRowsComplete(t *testing.T) {
	rows := map[string]bool{"EndGroup": true} // TestInputEndGroupTexts
	for _, row := range groupTextRows() {
		rows[strings.Fields(row.name)[0]] = true
	}
	typ := reflect.TypeFor[*Group]()
	found := 0
	for k := range typ.NumMethod() {
		m := typ.Method(k)
		for i := 1; i < m.Type.NumIn(); i++ {
			if m.Type.In(i).Kind() == reflect.String {
				assert.True(t, rows[m.Name], "Group.%s takes a text (argument %d) but has no row", m.Name, i)
				found++
			}
		}
	}
	assert.GreaterOrEqual(t, found, 14, "the methods that take text were found")
}
