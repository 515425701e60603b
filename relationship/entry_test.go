package relationship_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// richEvent has a field of every shape the library's events use.
type richEvent struct {
	Client  relationship.PartyID       `json:"client"`
	Role    relationship.Role          `json:"role"`
	Kinds   []relationship.SupportKind `json:"kinds,omitempty"`
	Due     time.Time                  `json:"due"`
	Amount  float64                    `json:"amount"`
	Count   uint16                     `json:"count"`
	Urgent  bool                       `json:"urgent"`
	Tags    map[string]string          `json:"tags,omitempty"`
	Support *relationship.Support      `json:"support,omitempty"`
	Nested  struct {
		Note string `json:"note"`
	} `json:"nested"`
}

func (richEvent) EventType() string { return "relationship_test.rich.v1" }

// tinyEvent is no larger than a pointer, which an interface value may hold
// directly.
type tinyEvent struct {
	N int32 `json:"n"`
}

func (tinyEvent) EventType() string { return "relationship_test.tiny.v1" }

// oddEvent has a name that JSON must escape.
type oddEvent struct {
	Text string `json:"text"`
}

func (oddEvent) EventType() string { return "relationship_test.odd<&>\"v1\"" }

func init() {
	eventtype.Register[richEvent]()
	eventtype.Register[tinyEvent]()
	eventtype.Register[oddEvent]()
}

var entryActor = relationship.MustParsePartyID("01890a5d-ac96-774b-bcce-b302099a8057")

func mustEntry(t testing.TB, seq uint64, ev relationship.Event) relationship.Entry {
	t.Helper()
	e, err := relationship.NewEntry(seq, time.Date(2026, 1, 5, 9, 0, int(seq), 123, time.UTC), entryActor, "write-note", ev)
	require.NoError(t, err)
	return e
}

func sampleEntries(t testing.TB) []relationship.Entry {
	support, err := relationship.NewMaterial("coal", 2.5, "hundredweight")
	require.NoError(t, err)
	rich := richEvent{
		Client: relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000001"),
		Role:   relationship.RoleClient,
		Kinds:  []relationship.SupportKind{relationship.Emotional, relationship.Material},
		Due:    time.Date(1899, 3, 4, 10, 0, 0, 0, time.FixedZone("", 3600)),
		Amount: 1e21, Count: 7, Urgent: true,
		Tags:    map[string]string{"b": "<two>", "a": "one & \u2028"},
		Support: &support,
	}
	rich.Nested.Note = "nested \"quoted\" \\ text\n"
	return []relationship.Entry{
		journaltest.NoteEntry(1, 2, 3),
		mustEntry(t, 1, rich),
		mustEntry(t, 2, richEvent{Client: entryActor, Role: relationship.RoleWorker}),
		mustEntry(t, 3, tinyEvent{N: -5}),
		mustEntry(t, 4, oddEvent{Text: "\ufffd given as such, \\ufffd as text, and é"}),
	}
}

// TestEntryRefusesInvalidUTF8 encodes an event whose text is not UTF-8:
// encoding/json would replace the bad bytes, so the entry would not read
// back as written; MarshalJSON refuses it instead.
func TestEntryRefusesInvalidUTF8(t *testing.T) {
	e := mustEntry(t, 4, oddEvent{Text: "\xff invalid UTF-8 and é"})
	_, err := e.MarshalJSON()
	require.ErrorIs(t, err, relationship.ErrInvalidText)
	var ee *relationship.EntryError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, uint64(4), ee.Seq)
	b, err := e.AppendJSON([]byte("kept"))
	require.Error(t, err)
	assert.Equal(t, "kept", string(b), "the buffer comes back as it was")
}

// referenceEntryJSON is how entries were encoded with encoding/json alone:
// the stable form that MarshalJSON must keep byte for byte.
func referenceEntryJSON(e relationship.Entry) ([]byte, error) {
	ev, err := json.Marshal(e.Event())
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Seq   uint64               `json:"seq"`
		Time  time.Time            `json:"time"`
		Actor relationship.PartyID `json:"actor"`
		Act   relationship.Act     `json:"act"`
		Type  string               `json:"type"`
		Event json.RawMessage      `json:"event"`
	}{e.Seq(), e.Time(), e.Actor(), e.Act(), e.Event().EventType(), ev})
}

// referenceEntryDecode is how entries were decoded with encoding/json
// alone: what UnmarshalJSON must accept and refuse.
func referenceEntryDecode(b []byte) (relationship.Entry, error) {
	var j struct {
		Seq   uint64               `json:"seq"`
		Time  time.Time            `json:"time"`
		Actor relationship.PartyID `json:"actor"`
		Act   relationship.Act     `json:"act"`
		Type  string               `json:"type"`
		Event json.RawMessage      `json:"event"`
	}
	if err := strictDecode(b, &j); err != nil {
		return relationship.Entry{}, err
	}
	ptr, ok := eventtype.New(j.Type)
	if !ok {
		return relationship.Entry{}, relationship.ErrUnknownEvent
	}
	if err := strictDecode(j.Event, ptr); err != nil {
		return relationship.Entry{}, err
	}
	return relationship.NewEntry(j.Seq, j.Time, j.Actor, j.Act, reflect.ValueOf(ptr).Elem().Interface().(relationship.Event))
}

func strictDecode(b []byte, v any) error {
	if len(b) == 0 {
		return errors.New("empty JSON")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errors.New("trailing data")
	}
	return nil
}

func TestEntryJSONIsStable(t *testing.T) {
	for _, e := range sampleEntries(t) {
		t.Run(e.Event().EventType(), func(t *testing.T) {
			want, err := referenceEntryJSON(e)
			require.NoError(t, err)
			got, err := e.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))

			var back relationship.Entry
			require.NoError(t, back.UnmarshalJSON(got))
			again, err := back.MarshalJSON()
			require.NoError(t, err)
			var twice relationship.Entry
			require.NoError(t, twice.UnmarshalJSON(again))
			assert.Equal(t, back, twice, "a decoded entry survives encoding and decoding")
		})
	}
}

func TestEntryTimeRange(t *testing.T) {
	for _, at := range []time.Time{
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		// In range where it was written, out of range in UTC.
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.FixedZone("", -3600)),
		time.Date(0, 1, 1, 0, 30, 0, 0, time.FixedZone("", 3600)),
	} {
		_, err := relationship.NewEntry(1, at, entryActor, "write-note", tinyEvent{})
		require.ErrorIs(t, err, relationship.ErrInvalidEntry, "a year RFC 3339 cannot write: %s", at)
	}
	const head = `{"seq":1,"time":"9999-12-31T23:59:59-01:00","actor":"01890a5d-ac96-774b-bcce-b302099a8057","act":"write-note",`
	var e relationship.Entry
	require.ErrorIs(t, e.UnmarshalJSON([]byte(head+`"type":"relationship_test.tiny.v1","event":{}}`)), relationship.ErrInvalidEntry,
		"what cannot be written back is not read either")
}

func TestEntryMarshalRefuses(t *testing.T) {
	_, err := relationship.Entry{}.MarshalJSON()
	require.ErrorIs(t, err, relationship.ErrInvalidEntry)
}

func TestEntryUnmarshalErrors(t *testing.T) {
	const head = `{"seq":1,"time":"2026-01-05T09:00:00Z","actor":"01890a5d-ac96-774b-bcce-b302099a8057","act":"write-note",`
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"unknown type", head + `"type":"nobody.v1","event":{}}`, relationship.ErrUnknownEvent},
		{"unknown type wins over a missing event", head + `"type":"nobody.v1"}`, relationship.ErrUnknownEvent},
		{"missing event", head + `"type":"relationship_test.tiny.v1"}`, relationship.ErrInvalidEntry},
		{"unknown event field", head + `"type":"relationship_test.tiny.v1","event":{"m":1}}`, relationship.ErrInvalidEntry},
		{"unknown entry field", head + `"type":"relationship_test.tiny.v1","event":{},"extra":1}`, relationship.ErrInvalidEntry},
		{"trailing data", head + `"type":"relationship_test.tiny.v1","event":{}} {}`, relationship.ErrInvalidEntry},
		{"zero actor", strings.Replace(head, "01890a5d-ac96-774b-bcce-b302099a8057", "00000000-0000-0000-0000-000000000000", 1) + `"type":"relationship_test.tiny.v1","event":{}}`, relationship.ErrInvalidEntry},
		{"bad act", strings.Replace(head, "write-note", "Write Note", 1) + `"type":"relationship_test.tiny.v1","event":{}}`, relationship.ErrInvalidEntry},
		{"bad enum", head + `"type":"relationship_test.rich.v1","event":{"role":"king"}}`, relationship.ErrInvalidEntry},
		{"not JSON", `{"seq":`, relationship.ErrInvalidEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := journaltest.NoteEntry(1, 1, 1)
			before := e
			err := e.UnmarshalJSON([]byte(tt.in))
			require.ErrorIs(t, err, tt.want)
			var ee *relationship.EntryError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, before, e, "on error the entry is unchanged")
		})
	}
}

func TestEntryErrorKeepsItsCause(t *testing.T) {
	const in = `{"seq":1,"time":"2026-01-05T09:00:00Z","actor":"01890a5d-ac96-774b-bcce-b302099a8057",` +
		`"act":"write-note","type":"relationship_test.rich.v1","event":{"role":"king"}}`
	var e relationship.Entry
	err := e.UnmarshalJSON([]byte(in))
	require.ErrorIs(t, err, relationship.ErrInvalidEntry)
	require.ErrorIs(t, err, relationship.ErrUnknownText, "the enumeration's error shows through the entry's")
	var te *relationship.TextError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "king", te.Text)
}

func TestEntryUnmarshalAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	b, err := journaltest.NoteEntry(3, 12, 40).MarshalJSON()
	require.NoError(t, err)
	var e relationship.Entry
	allocs := testing.AllocsPerRun(200, func() {
		if err := e.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
	})
	assert.LessOrEqual(t, allocs, 2.0, "the event, and one block for the entry's strings")
	assert.Equal(t, journaltest.NoteEntry(3, 12, 40), e)
}

// entryDifferential checks UnmarshalJSON against the encoding/json
// reference on one input, and that what decodes encodes to its stable form
// and decodes again to the same entry.
func entryDifferential(t *testing.T, b []byte) {
	var got relationship.Entry
	gotErr := got.UnmarshalJSON(b)
	want, wantErr := referenceEntryDecode(b)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("input %q:\nUnmarshalJSON: %v\nencoding/json: %v", b, gotErr, wantErr)
	}
	if gotErr != nil {
		return
	}
	require.Equal(t, want, got, "input %q", b)
	enc, err := got.MarshalJSON()
	ref, refErr := referenceEntryJSON(got)
	if err != nil || refErr != nil {
		// An event decoded from null or from partial JSON may hold zero
		// enumerations, which do not encode; both encoders must agree.
		require.Error(t, err, "the reference refused: %v", refErr)
		require.Error(t, refErr, "MarshalJSON refused: %v", err)
		return
	}
	require.Equal(t, string(ref), string(enc))
	var back relationship.Entry
	if err := back.UnmarshalJSON(enc); err != nil {
		// Some values encode but do not decode (a zero PartyID, say);
		// then encoding/json must refuse them too.
		_, refErr := referenceEntryDecode(enc)
		require.Error(t, refErr, "UnmarshalJSON refused its own encoding %s: %v", enc, err)
		return
	}
	again, err := back.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, string(enc), string(again), "the stable form is a fixed point")
}

func entrySeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, e := range sampleEntries(t) {
		b, err := e.MarshalJSON()
		require.NoError(t, err)
		seeds = append(seeds, b)
	}
	for _, s := range []string{
		`{"seq":1,"time":"2026-01-05T09:00:00Z","actor":"01890a5d-ac96-774b-bcce-b302099a8057","act":"write-note","type":"journaltest.note.v1","event":null}`,
		`{"event":{"n":1},"type":"relationship_test.tiny.v1","seq":2,"time":"2026-01-05T09:00:00+01:00","actor":"{01890a5d-ac96-774b-bcce-b302099a8057}","act":"a"}`,
		`{"SEQ":1,"Time":"2026-01-05T09:00:00Z","ACTOR":"01890a5d-ac96-774b-bcce-b302099a8057","Act":"x","TYPE":"relationship_test.tiny.v1","Event":{"N":1}}`,
		`{"seq":1,"seq":2,"time":"2026-01-05T09:00:00Z","actor":"bad","actor":"01890a5d-ac96-774b-bcce-b302099a8057","act":"x","type":"relationship_test.tiny.v1","event":{}}`,
		`{"seq":1,"time":"2026-01-05T09:00:00Z","actor":"01890a5d-ac96-774b-bcce-b302099a8057","act":"x","type":"relationship_test.tiny.v1","event":{"n":1},"event":{"n":2}}]`,
		`{"seq":1,"time":"2026-01-05T09:00:00Z","actor":"01890a5d-ac96-774b-bcce-b302099a8057","act":"x","type":"relationship_test.t\u0069ny.v1","event":{"n":2147483648}}`,
		`{"seq":1,"time":null,"actor":null,"act":null,"type":null,"event":null}`,
		`{"seq":-1}`, `[]`, `null`, ``,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

func TestEntryDecodeMatchesEncodingJSON(t *testing.T) {
	for _, b := range entrySeeds(t) {
		entryDifferential(t, b)
	}
}

// FuzzEntryJSON checks the entry decoder against encoding/json: both accept
// or both refuse, accepted entries are equal, and they re-encode to the
// stable form and decode again to the same entry.
func FuzzEntryJSON(f *testing.F) {
	for _, b := range entrySeeds(f) {
		f.Add(b)
	}
	f.Fuzz(entryDifferential)
}

func BenchmarkEntryUnmarshalJSON(b *testing.B) {
	data, err := journaltest.NoteEntry(3, 12, 40).MarshalJSON()
	require.NoError(b, err)
	b.Run("strict", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var e relationship.Entry
			if err := e.UnmarshalJSON(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := referenceEntryDecode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEntryMarshalJSON(b *testing.B) {
	e := journaltest.NoteEntry(3, 12, 40)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := e.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleEntry_UnmarshalJSON() {
	data := []byte(`{"seq":1,"time":"2026-01-05T09:01:00Z","actor":"01890a5d-ac96-774b-bcce-b302099a8057",` +
		`"act":"write-note","type":"journaltest.note.v1","event":{"writer":1,"n":0,"text":"first visit"}}`)
	var e relationship.Entry
	if err := json.Unmarshal(data, &e); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e)
	fmt.Printf("%+v\n", e.Event())

	err := json.Unmarshal([]byte(`{"seq":2,"type":"casework.unknown.v9"}`), &e)
	fmt.Println(errors.Is(err, relationship.ErrUnknownEvent))
	// Output:
	// #1 2026-01-05T09:01:00Z 01890a5d-ac96-774b-bcce-b302099a8057: write note (journaltest.note.v1)
	// {Writer:1 N:0 Text:first visit}
	// true
}
