package relationship_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// Rows of the input table that name the sentinel a refusal must wrap.

var inputTime = time.Date(1935, time.August, 14, 9, 0, 0, 0, time.UTC)

func stockedShelf(t *testing.T) *pantry {
	p := openShelf(t, "east")
	require.NoError(t, p.do(volunteer, shelfStocked{Cans: 3}))
	return p
}

func fixtureSupport(t *testing.T) relationship.Support {
	s, err := relationship.NewMaterial("tinned milk", 3, "tins")
	require.NoError(t, err)
	return s
}

func fixtureExchange(t *testing.T) relationship.Exchange {
	e, err := relationship.NewExchange(uuid.Must(uuid.NewV7()), volunteer, visitor, fixtureSupport(t), inputTime)
	require.NoError(t, err)
	return e.In("pantry")
}

func fixtureEntry(t *testing.T) relationship.Entry {
	e, err := relationship.NewEntry(1, inputTime, volunteer, "open-shelf", shelfOpened{Shelf: "east", By: "Jane"})
	require.NoError(t, err)
	return e
}

func fixtureLedger(t *testing.T) *relationship.Ledger {
	l := relationship.NewLedger(nil)
	require.NoError(t, l.Record(fixtureExchange(t)))
	return l
}

// A decoder given something that is not JSON, or JSON of the wrong shape,
// refuses it with ErrInvalidValue and leaves its value as it was.
func TestInputDecodersRefuseMalformedJSON(t *testing.T) {
	docs := map[string]string{
		"empty":        "",
		"truncated":    `{"id":`,
		"garbage":      "\x00garbage",
		"bad escape":   `"\xff"`,
		"array":        "[]",
		"wrong fields": `{"id":7,"name":[],"role":{}}`,
	}
	decoders := map[string]func(t *testing.T) (json.Unmarshaler, func() any){
		"Party": func(t *testing.T) (json.Unmarshaler, func() any) {
			p := relationship.MustParty(volunteer, "Jane", relationship.RoleWorker)
			return &p, func() any { return p }
		},
		"Support": func(t *testing.T) (json.Unmarshaler, func() any) {
			s := fixtureSupport(t)
			return &s, func() any { return s }
		},
		"Exchange": func(t *testing.T) (json.Unmarshaler, func() any) {
			e := fixtureExchange(t)
			return &e, func() any { return e }
		},
	}
	for name, decoder := range decoders {
		for doc, b := range docs {
			t.Run(name+"/"+doc, func(t *testing.T) {
				v, get := decoder(t)
				before := get()
				err := v.UnmarshalJSON([]byte(b))
				require.Error(t, err)
				assert.ErrorIs(t, err, relationship.ErrInvalidValue)
				assert.Equal(t, before, get(), "unchanged")
				assert.NotContains(t, err.Error(), "garbage", "the error does not quote the document")
			})
		}
	}
}

// Equal answers for a nil ledger on either side, which holds no exchanges.
func TestInputLedgerEqualNil(t *testing.T) {
	var none *relationship.Ledger
	tests := []struct {
		name string
		l, o *relationship.Ledger
		want bool
	}{
		{"nil and nil", none, none, true},
		{"empty and nil", relationship.NewLedger(nil), none, true},
		{"nil and empty", none, &relationship.Ledger{}, true},
		{"one exchange and nil", fixtureLedger(t), none, false},
		{"nil and one exchange", none, fixtureLedger(t), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.l.Equal(tt.o))
		})
	}
}

// The zero value of every error type of the package prints without a
// panic.
func TestInputZeroErrorsPrint(t *testing.T) {
	for _, err := range []error{
		&relationship.EntryError{}, &relationship.ExchangeError{}, &relationship.FieldError{},
		&relationship.PartyError{}, &relationship.PermissionError{}, &relationship.QuantityError{},
		&relationship.TextError{}, &relationship.VersionConflictError{},
	} {
		t.Run(fmt.Sprintf("%T", err), func(t *testing.T) {
			assert.NotPanics(t, func() { assert.NotEmpty(t, err.Error()) })
		})
	}
}

// A zero Engine, not made by NewEngine, answers every call like a nil one:
// an error wrapping ErrNil, zero or nothing, never a panic, even with a
// real context and journal.
func TestInputZeroEngine(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	other := stockedShelf(t).eng
	entry := fixtureEntry(t)
	for name, call := range map[string]func(x *relationship.Engine) error{
		"Do":           func(x *relationship.Engine) error { return x.Do(volunteer, shelfStocked{Cans: 1}, nil) },
		"DoWith":       func(x *relationship.Engine) error { return x.DoWith(volunteer, cansTaken{1}, nil, other, cansTaken{1}) },
		"Check":        func(x *relationship.Engine) error { _, err := x.Check(volunteer, cansTaken{1}, nil); return err },
		"Replay":       func(x *relationship.Engine) error { return x.Replay(entry) },
		"Load":         func(x *relationship.Engine) error { return x.Load(ctx, j, "shelf-east") },
		"Save":         func(x *relationship.Engine) error { return x.Save(ctx, j) },
		"SaveSnapshot": func(x *relationship.Engine) error { return x.SaveSnapshot(ctx, j) },
	} {
		for i, x := range []*relationship.Engine{nil, {}} {
			t.Run(name+"/"+[]string{"nil", "zero"}[i], func(t *testing.T) {
				require.NotPanics(t, func() { assert.ErrorIs(t, call(x), relationship.ErrNil) })
			})
		}
	}
	for _, x := range []*relationship.Engine{nil, {}} {
		require.NotPanics(t, func() {
			assert.Zero(t, x.Version())
			assert.Zero(t, x.Unsaved())
			for range x.Record() {
				t.Error("an engine with no record yields no entry")
			}
			for range x.Entries(ctx) {
				t.Error("an engine with no record yields no entry")
			}
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

// badTexts are the texts every row offers, with what each must give.
// Empty text is the row's own business: some fields may be empty.
var badTexts = []textCase{
	{"oversized", strings.Repeat("a", relationship.MaxTextSize+1), relationship.ErrTooLarge},
	{"invalid UTF-8", "caf\xe9", relationship.ErrInvalidText},
	{"control characters", "line\x00\x01\x1b[31m\u2028\ttab\r\n", nil},
	{"at the maximum", strings.Repeat("\x01", relationship.MaxTextSize), nil},
}

// Every constructor of the package that takes text refuses text too long
// or not UTF-8 with ErrTooLarge or ErrInvalidText, and keeps any other
// text exactly, through JSON and back.
func TestInputTexts(t *testing.T) {
	support := fixtureSupport(t)
	rows := []struct {
		name  string
		empty error // what the empty text gives: nil if it is accepted
		make  func(s string) (json.Marshaler, error)
	}{
		{"NewParty name", relationship.ErrBlank, func(s string) (json.Marshaler, error) {
			return relationship.NewParty(volunteer, s, relationship.RoleClient)
		}},
		{"NewSupport description", nil, func(s string) (json.Marshaler, error) {
			return relationship.NewSupport(relationship.Emotional, s)
		}},
		{"NewMaterial description", nil, func(s string) (json.Marshaler, error) {
			return relationship.NewMaterial(s, 2, "loaves")
		}},
		{"NewMaterial unit", relationship.ErrInvalidQuantity, func(s string) (json.Marshaler, error) {
			return relationship.NewMaterial("bread", 2, s)
		}},
		{"Ledger.Record exchange context", nil, func(s string) (json.Marshaler, error) {
			e, err := relationship.NewExchange(uuid.Must(uuid.NewV7()), volunteer, visitor, support, inputTime)
			if err != nil {
				return nil, err
			}
			e = e.In(s)
			return e, relationship.NewLedger(nil).Record(e)
		}},
	}
	for _, row := range rows {
		for _, tc := range append([]textCase{{"empty", "", row.empty}}, badTexts...) {
			t.Run(row.name+"/"+tc.name, func(t *testing.T) {
				var (
					v   json.Marshaler
					err error
				)
				require.NotPanics(t, func() { v, err = row.make(tc.text) })
				if tc.want != nil {
					require.ErrorIs(t, err, tc.want)
					return
				}
				require.NoError(t, err)
				b, err := v.MarshalJSON()
				require.NoError(t, err)
				back := reflect.New(reflect.TypeOf(v))
				require.NoError(t, json.Unmarshal(b, back.Interface()))
				assert.Equal(t, v, back.Elem().Interface(), "a round trip through JSON changes nothing")
			})
		}
	}
}

// Every constructor that takes a time refuses the zero time and years
// RFC 3339 cannot write, with ErrZeroTime or ErrInvalidValue.
func TestInputTimes(t *testing.T) {
	support := fixtureSupport(t)
	// NewEntry refuses every bad field of an entry with ErrInvalidEntry, as
	// it documents.
	entryRefusal := map[error]error{relationship.ErrZeroTime: relationship.ErrInvalidEntry,
		relationship.ErrInvalidValue: relationship.ErrInvalidEntry}
	rows := map[string]func(at time.Time) error{
		"NewExchange": func(at time.Time) error {
			_, err := relationship.NewExchange(uuid.Must(uuid.NewV7()), volunteer, visitor, support, at)
			return err
		},
		"NewEntry": func(at time.Time) error {
			_, err := relationship.NewEntry(1, at, volunteer, "open-shelf", shelfOpened{Shelf: "east"})
			return err
		},
		"CheckTime": func(at time.Time) error { return relationship.CheckTime("time", at) },
	}
	times := []struct {
		name string
		at   time.Time
		want error
	}{
		{"zero", time.Time{}, relationship.ErrZeroTime},
		{"year -1", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), relationship.ErrInvalidValue},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), relationship.ErrInvalidValue},
		{"year 9999 east of UTC", time.Date(10000, 1, 1, 0, 30, 0, 0, time.FixedZone("", 3600)), nil},
		{"far beyond", time.Unix(1<<62, 0), relationship.ErrInvalidValue},
		{"year 1", time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), nil},
		{"year 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), nil},
	}
	for name, row := range rows {
		for _, tc := range times {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				var err error
				require.NotPanics(t, func() { err = row(tc.at) })
				want := tc.want
				if name == "NewEntry" && want != nil {
					want = entryRefusal[want]
				}
				if want == nil {
					assert.NoError(t, err)
				} else {
					assert.ErrorIs(t, err, want)
				}
			})
		}
	}
}

// A parse error never quotes the text it could not parse, which may be
// confidential: it gives its length.
func TestInputParseErrorsClipTheText(t *testing.T) {
	long := strings.Repeat("é", relationship.MaxTextSize/2)
	for name, parse := range map[string]func(string) error{
		"ParseRole":        func(s string) error { _, err := relationship.ParseRole(s); return err },
		"ParseSupportKind": func(s string) error { _, err := relationship.ParseSupportKind(s); return err },
		"ParseMethod":      func(s string) error { _, err := relationship.ParseMethod(s); return err },
		"ParsePurpose":     func(s string) error { _, err := relationship.ParsePurpose(s); return err },
		"ParseActKind":     func(s string) error { _, err := relationship.ParseActKind(s); return err },
	} {
		t.Run(name, func(t *testing.T) {
			err := parse(long)
			require.ErrorIs(t, err, relationship.ErrUnknownText)
			assert.Less(t, len(err.Error()), 200, "the message is short")
			assert.True(t, utf8.ValidString(err.Error()), "and cuts no character in two")
			assert.NotContains(t, parse("helpr").Error(), "helpr", "not even a short text is echoed")
			assert.Contains(t, parse("helpr").Error(), "5 bytes", "its length is given")
		})
	}
}
