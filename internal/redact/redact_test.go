package redact_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/redact"
)

const secret = "Zebulon-Quartermain"

type kind uint8

func (k kind) String() string { return "kind-" + fmt.Sprint(uint8(k)) }

type inner struct {
	Why  string
	note string
}

type event struct {
	ID      uuid.UUID
	Kind    kind
	At      time.Time
	Count   int
	Ok      bool
	Text    string
	Lines   []string
	Inner   inner
	Ptr     *inner
	Any     any
	Tags    map[string]string
	private string
	when    time.Time
}

func (e event) LogValue() slog.Value          { return redact.Value(e) }
func (e event) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }
func (e *event) String() string/* never called */ { return e.Text }

func planted() event {
	return event{
		ID: uuid.MustParse("01920000-0000-7000-8000-000000000001"), Kind: 2,
		At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Count: 7, Ok: true,
		Text: secret, Lines: []string{secret}, Inner: inner{secret, secret}, Ptr: &inner{secret, secret},
		Any: inner{secret, secret}, Tags: map[string]string{secret: secret}, private: secret,
		when: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func TestNothingLeaks(t *testing.T) {
	e := planted()
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x"} {
		outputs = append(outputs, fmt.Sprintf(verb, e), fmt.Sprintf(verb, []event{e}), fmt.Sprintf(verb, &e))
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("msg", "e", e, "p", &e, "s", []event{e})
	// slog resolves a LogValuer only where it is the attribute's value: the
	// JSON handler encodes a slice with encoding/json, which knows nothing
	// of LogValue. Types whose JSON is confidential log a slice by element.
	slog.New(slog.NewJSONHandler(&js, nil)).Info("msg", "e", e, "p", &e)
	outputs = append(outputs, text.String(), js.String())
	for _, out := range outputs {
		assert.NotContains(t, out, secret)
	}
}

func TestValueShowsWhatIsSafe(t *testing.T) {
	out := fmt.Sprint(planted())
	for _, want := range []string{"redact_test.event{", "ID=01920000-0000-7000-8000-000000000001", "Kind=kind-2",
		"At=2026-01-02T03:04:05Z", "Count=7", "Ok=true", "Text=" + redact.Mark, "Lines={len=1 0=" + redact.Mark + "}",
		"Tags={len=1}", "when=2026-01-02T03:04:05Z"} {
		assert.Contains(t, out, want)
	}
}

func TestNil(t *testing.T) {
	assert.Equal(t, slog.Value{}, redact.Value(nil))
	assert.Equal(t, slog.Value{}, redact.Nested(nil))
	require.NotPanics(t, func() { _ = fmt.Sprint(event{}) })
}

func TestNestedUsesLogValue(t *testing.T) {
	v := redact.Nested(planted())
	require.Equal(t, slog.KindGroup, v.Kind())
	assert.NotContains(t, v.String(), secret)
}

func TestFormatString(t *testing.T) {
	assert.Equal(t, `"a b"`, fmt.Sprintf("%q", summary("a b")))
	assert.Equal(t, "a b", fmt.Sprintf("%#v", summary("a b")))
}

type summary string

func (s summary) Format(f fmt.State, verb rune) { redact.FormatString(f, verb, string(s)) }
