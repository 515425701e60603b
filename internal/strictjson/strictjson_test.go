package strictjson_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/strictjson"
)

// level is an enumeration with text methods, as the library's enums are.
type level uint8

func (l level) MarshalText() ([]byte, error) {
	switch l {
	case 1:
		return []byte("low"), nil
	case 2:
		return []byte("high"), nil
	}
	return nil, fmt.Errorf("bad level %d", l)
}

func (l *level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 1
	case "high":
		*l = 2
	default:
		return fmt.Errorf("unknown level %q", b)
	}
	return nil
}

// custom has its own UnmarshalJSON, which keeps the bytes it is given and
// refuses the string "bad".
type custom struct{ Raw string }

func (c *custom) UnmarshalJSON(b []byte) error {
	if string(b) == `"bad"` {
		return errors.New("bad custom")
	}
	c.Raw = string(b)
	return nil
}

// ptrText has a pointer-receiver MarshalText, which encoding/json calls
// only on addressable values.
type ptrText string

func (p *ptrText) MarshalText() ([]byte, error) { return []byte("<" + string(*p) + ">"), nil }

// valueMarshaler has a value-receiver MarshalJSON whose output
// encoding/json compacts and escapes.
type valueMarshaler struct{ N int }

func (v valueMarshaler) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`{ "n" : %d, "html": "<&>\u2028" }`, v.N)), nil
}

type inner struct {
	A string    `json:"a"`
	B int       `json:"b"`
	T time.Time `json:"t"`
	L []level   `json:"l"`
}

// shapes holds every field shape the library's events use, and some that
// fall back to encoding/json.
type shapes struct {
	S     string              `json:"s"`
	B     bool                `json:"b"`
	I     int                 `json:"i"`
	I8    int8                `json:"i8"`
	I16   int16               `json:"i16"`
	I32   int32               `json:"i32"`
	I64   int64               `json:"i64"`
	U     uint                `json:"u"`
	U8    uint8               `json:"u8"`
	U16   uint16              `json:"u16"`
	U32   uint32              `json:"u32"`
	U64   uint64              `json:"u64"`
	F32   float32             `json:"f32"`
	F64   float64             `json:"f64"`
	T     time.Time           `json:"t"`
	ID    uuid.UUID           `json:"id"`
	L     level               `json:"l"`
	LS    []level             `json:"ls"`
	LM    map[level]int       `json:"lm"`
	C     custom              `json:"c"`
	CP    *custom             `json:"cp"`
	In    inner               `json:"in"`
	InP   *inner              `json:"inp"`
	Ins   []inner             `json:"ins"`
	Strs  []string            `json:"strs"`
	M     map[string]string   `json:"m"`
	MI    map[int8]string     `json:"mi"`
	MU    map[uint16]inner    `json:"mu"`
	PS    *string             `json:"ps"`
	PPI   **int               `json:"ppi"`
	PT    *time.Time          `json:"pt"`
	Any   any                 `json:"any"`
	Arr   [2]int              `json:"arr"`
	Bytes []byte              `json:"bytes"`
	Num   json.Number         `json:"num"`
	IP    net.IP              `json:"ip"`
	Deep  [][]map[string]bool `json:"deep"`
	Raw   json.RawMessage     `json:"raw"`
	PTx   ptrText             `json:"pt2"`
	PTs   []ptrText           `json:"pts"`
	VM    valueMarshaler      `json:"vm"`
	OE    string              `json:"oe,omitempty"`
	OI    int                 `json:"oi,omitempty"`
	OF    float64             `json:"of,omitempty"`
	OS    []int               `json:"os,omitempty"`
	OP    *int                `json:"op,omitempty"`
	OM    map[string]int      `json:"om,omitempty"`
	HTML  string              `json:"<h&>"`
	Plain string
	//lint:ignore SA5008 a field named "-", as encoding/json allows
	Dash string `json:"-,"`
	Skip string `json:"-"`
	//lint:ignore SA5008 an invalid tag name: the field is called Odd
	Odd   string `json:"o\\dd"`
	Sigma string `json:"σς"`
	hid   int    // unexported: no key decodes into it
}

// embedded falls back to encoding/json as a whole.
type embedded struct {
	inner
	X int `json:"x"`
}

// quoted falls back to encoding/json as a whole.
type quoted struct {
	N int `json:"n,string"`
}

// tree is recursive.
type tree struct {
	V    int     `json:"v"`
	Kids []tree  `json:"kids"`
	Next *tree   `json:"next"`
	Tags []level `json:"tags"`
}

// reference is the strict encoding/json decoding that strictjson must match.
func reference(data []byte, v any) error {
	if len(data) == 0 {
		return errors.New("empty")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

// targets are the types the differential tests decode into.
var targets = []func() any{
	func() any { return new(shapes) },
	func() any { return new(inner) },
	func() any { return new(embedded) },
	func() any { return new(quoted) },
	func() any { return new(tree) },
	func() any { return new(map[string]inner) },
	func() any { return new([]*inner) },
	func() any { return new(level) },
	func() any { return new(string) },
	func() any { return new(float32) },
}

// differential decodes data with both decoders into each target, fresh and
// then again into the value already decoded, and reports a difference.
func differential(t *testing.T, data []byte) {
	t.Helper()
	for _, mk := range targets {
		differentialInto(t, mk, data)
	}
}

func differentialInto(t *testing.T, mk func() any, data []byte) {
	t.Helper()
	got, want := mk(), mk()
	for pass := 1; pass <= 2; pass++ {
		gotErr := strictjson.Unmarshal(data, got)
		wantErr := reference(data, want)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%T pass %d, input %q:\nstrictjson: %v\nencoding/json: %v", got, pass, data, gotErr, wantErr)
		}
		if gotErr != nil {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%T pass %d, input %q:\nstrictjson:    %#v\nencoding/json: %#v", got, pass, data, got, want)
		}
		marshalDifferential(t, got)
		marshalDifferential(t, reflect.ValueOf(got).Elem().Interface())
	}
}

// marshalDifferential checks that AppendMarshal writes what json.Marshal
// writes, or fails where it fails.
func marshalDifferential(t *testing.T, v any) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	got, gotErr := strictjson.AppendMarshal([]byte("prefix"), v)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("marshal %#v:\nstrictjson: %v\nencoding/json: %v", v, gotErr, wantErr)
	}
	if gotErr == nil && string(got) != "prefix"+string(want) {
		t.Fatalf("marshal %#v:\nstrictjson:    %s\nencoding/json: %s", v, got, want)
	}
}

// seeds are inputs for the differential test and the fuzz target's corpus.
var seeds = []string{
	``, ` `, `null`, `{}`, `[]`, `"x"`, `1`, `true`,
	`{"s":"hello","b":true,"i":-42,"i8":-128,"i16":32767,"i32":-5,"i64":9223372036854775807}`,
	`{"u":1,"u8":255,"u16":65535,"u32":4294967295,"u64":18446744073709551615}`,
	`{"i8":128}`, `{"u8":256}`, `{"u":-0}`, `{"i":-0}`, `{"i":1.0}`, `{"i":1e2}`, `{"i":12345678901234567890}`,
	`{"f32":3.4e38}`, `{"f32":3.5e38}`, `{"f64":1e400}`, `{"f64":-1e-400}`, `{"f32":1.5}`, `{"f64":-0.0}`,
	`{"t":"2026-01-05T09:00:00Z"}`, `{"t":"2026-01-05T09:00:00+02:00"}`, `{"t":null}`, `{"t":"bad"}`, `{"t":5}`,
	`{"id":"01890a5d-ac96-774b-bcce-b302099a8057"}`, `{"id":"{01890a5d-ac96-774b-bcce-b302099a8057}"}`, `{"id":null}`, `{"id":1}`,
	`{"l":"low"}`, `{"l":"mid"}`, `{"l":null}`, `{"l":1}`, `{"l":{}}`, `{"l":"\u006cow"}`,
	`{"ls":["low","high"]}`, `{"ls":[]}`, `{"ls":null}`, `{"ls":["low"],"ls":["high","low","high"],"ls":["low"]}`,
	`{"lm":{"low":1,"high":2}}`, `{"lm":{"mid":1}}`, `{"lm":null}`,
	`{"c":"bad"}`, `{"c":{"any":[1,2,{"x":null}]}}`, `{"c":null}`, `{"cp":null}`, `{"cp":"ok"}`, `{"cp":"bad"}`,
	`{"in":{"a":"x","b":1,"t":"2026-01-05T09:00:00Z","l":["low"]}}`, `{"in":{"a":"x"},"in":{"b":2}}`,
	`{"inp":{"a":"y"}}`, `{"inp":null}`, `{"inp":{"a":"y"},"inp":{"b":3}}`, `{"inp":{"a":"y"},"inp":null,"inp":{"b":3}}`,
	`{"ins":[{"a":"1"},{"b":2}]}`, `{"ins":[{"a":"1"},{"a":"2"}],"ins":[{"b":9}],"ins":[{},{}]}`,
	`{"strs":["a","b\n","\ud83d\ude00","\ud800","\udc00\ud800"]}`, `{"strs":null}`, `{"strs":"x"}`,
	`{"m":{"a":"1","b":"2"}}`, `{"m":{"a":"1"},"m":{"b":"2"}}`, `{"m":{}}`, `{"m":null}`,
	`{"mi":{"1":"a","-128":"b"}}`, `{"mi":{"128":"a"}}`, `{"mi":{"+1":"a"}}`, `{"mi":{"01":"a"}}`, `{"mi":{"x":"a"}}`,
	`{"mu":{"1":{"a":"x"},"65535":{}}}`, `{"mu":{"65536":{}}}`, `{"mu":{"-1":{}}}`,
	`{"ps":"p"}`, `{"ps":null}`, `{"ppi":5}`, `{"ppi":null}`, `{"pt":"2026-01-05T09:00:00Z"}`, `{"pt":null}`,
	`{"any":{"a":[1,"x",null,true]}}`, `{"arr":[1,2,3]}`, `{"arr":[1]}`, `{"bytes":"aGVsbG8="}`, `{"bytes":[1,2]}`, `{"bytes":"!"}`,
	`{"num":12.5}`, `{"num":"12.5"}`, `{"num":"x"}`, `{"ip":"127.0.0.1"}`, `{"ip":null}`, `{"ip":"x"}`,
	`{"deep":[[{"a":true}],[]]}`, `{"raw":{"x":[1,2]}}`, `{"raw":null}`,
	`{"Plain":"p"}`, `{"plain":"p"}`, `{"PLAIN":"p"}`, `{"-":"d"}`, `{"Skip":"s"}`, `{"hid":1}`, `{"Odd":"o"}`, `{"ΣΣ":"s"}`, `{"σς":"s"}`,
	`{"S":"upper"}`, `{"\u0073":"escaped key"}`, `{"s\u017f":"x"}`, `{"unknown":1}`,
	`{"s":"a"}  `, `{"s":"a"}]`, `{"s":"a"}}`, `{"s":"a"}x`, `{"s":"a"} {`, `{"s":"a"},`,
	`{"s":"a",}`, `{"s" "a"}`, `{"s":"a"`, `{"s":}`, `{,}`, `{"s":"\x01"}`, `{"s":"\q"}`, `{"s":"\u12"}`, "{\"s\":\"\xff\xfe\"}",
	`{"s":nul}`, `{"s":nulll}`, `{"b":tru}`, `{"b":true }`, `{"i":-}`, `{"i":01}`, `{"i":1.}`, `{"i":1e}`, `{"f64":.5}`,
	`{"v":1,"kids":[{"v":2,"kids":[{"v":3}]}],"next":{"v":4,"next":{"v":5}},"tags":["high"]}`,
	`{"x":1,"a":"embedded"}`, `{"n":"12"}`, `{"n":12}`,
	`{"pt2":"a","pts":["b","c"],"vm":{"N":3},"oe":"","oi":0,"of":-0,"os":[],"op":0,"om":{},"<h&>":"<&>"}`,
	`{"f64":1e-7,"f32":1e-7}`, `{"f64":1e21,"f32":1e21}`, `{"f64":123456789e-20}`, `{"s":"\u2028\u2029\u0000<>&\u00e9\ud83d\ude00"}`,
	`{"low":{"a":"1"}}`, `[{"a":"1"},null,{"b":2}]`,
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	`{"deep":` + strings.Repeat("[", 9998) + strings.Repeat("]", 9998) + `}`,
	`{"deep":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,
	`{"any":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
}

func TestDifferential(t *testing.T) {
	assert.Zero(t, shapes{}.hid)
	for _, s := range seeds {
		differential(t, []byte(s))
	}
}

// FuzzUnmarshal decodes its input, after the first byte, into the target
// that the first byte chooses, with strictjson and with encoding/json, and
// encodes what decoded with both encoders: the results must agree.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range seeds {
		if len(s) < 1000 {
			for i := range targets {
				f.Add(append([]byte{byte(i)}, s...))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 0 {
			differentialInto(t, targets[int(data[0])%len(targets)], data[1:])
		}
	})
}

func TestStringsShareOneAllocation(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	var v inner
	data := []byte(`{"a":"first","b":1,"a":"second"}`)
	allocs := testing.AllocsPerRun(100, func() {
		v = inner{}
		require.NoError(t, strictjson.Unmarshal(data, &v))
	})
	assert.Equal(t, "second", v.A, "a repeated key decodes again: the last one wins")
	assert.LessOrEqual(t, allocs, 1.0, "the strings of one value come from one allocation")
}

func TestTextGetsInputBytes(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	var v struct {
		L level `json:"l"`
		N int   `json:"n"`
	}
	data := []byte(`{"l":"high","n":7}`)
	allocs := testing.AllocsPerRun(100, func() {
		require.NoError(t, strictjson.Unmarshal(data, &v))
	})
	assert.Equal(t, level(2), v.L)
	assert.Zero(t, allocs)
}

func TestRawFields(t *testing.T) {
	type envelope struct {
		Type  strictjson.RawString `json:"type"`
		Event strictjson.RawValue  `json:"event"`
	}
	tests := []struct {
		name, in   string
		typ, event string
		wantErr    bool
	}{
		{"plain", `{"type":"note","event":{"a": [1, 2]}}`, "note", `{"a": [1, 2]}`, false},
		{"escaped type", `{"type":"n\u006fte","event":null}`, "note", "null", false},
		{"null type keeps the last", `{"type":"a","type":null,"event":1}`, "a", "1", false},
		{"last event wins", `{"event":{"x":1},"event":"y","type":"t"}`, "t", `"y"`, false},
		{"type must be a string", `{"type":1}`, "", "", true},
		{"event must be valid", `{"event":{"x":}}`, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e envelope
			err := strictjson.Unmarshal([]byte(tt.in), &e)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.typ, string(e.Type))
			assert.Equal(t, tt.event, string(e.Event))
		})
	}
}

func TestPlanFallback(t *testing.T) {
	tests := []struct {
		name     string
		typ      reflect.Type
		fallback bool
	}{
		{"struct", reflect.TypeFor[inner](), false},
		{"recursive", reflect.TypeFor[tree](), false},
		{"embedded field", reflect.TypeFor[embedded](), true},
		{"string option", reflect.TypeFor[quoted](), true},
		{"interface", reflect.TypeFor[any](), true},
		{"array", reflect.TypeFor[[2]int](), true},
		{"bytes", reflect.TypeFor[[]byte](), true},
		{"text unmarshaler array", reflect.TypeFor[uuid.UUID](), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.fallback, strictjson.PlanOf(tt.typ).Fallback())
		})
	}
}

func TestValid(t *testing.T) {
	for _, s := range []string{`{}`, ` [1, "a", null] `, `{"a":1}]`, `1`} {
		assert.True(t, strictjson.Valid([]byte(s), 0), s)
	}
	for _, s := range []string{``, `{`, `{"a":1} x`, `[1,]`, `tru`} {
		assert.False(t, strictjson.Valid([]byte(s), 0), s)
	}
	deep := []byte(strings.Repeat("[", 9999) + strings.Repeat("]", 9999))
	assert.True(t, strictjson.Valid(deep, 1))
	assert.False(t, strictjson.Valid(deep, 2), "the depth of the enclosing document counts")
}

type note struct {
	Writer int    `json:"writer"`
	N      int    `json:"n"`
	Text   string `json:"text"`
}

var noteJSON = []byte(`{"writer":3,"n":12,"text":"note 12 from writer 3"}`)

func BenchmarkUnmarshalNote(b *testing.B) {
	b.Run("strictjson", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var n note
			if err := strictjson.Unmarshal(noteJSON, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var n note
			if err := reference(noteJSON, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cyclic points to itself.
type cyclic struct {
	Next *cyclic `json:"next"`
	Name string  `json:"name"`
}

func TestMarshalDifferential(t *testing.T) {
	loop := &cyclic{Name: "loop"}
	loop.Next = loop
	deep := &cyclic{}
	for range 1100 {
		deep = &cyclic{Next: deep}
	}
	n := 7
	bad := level(9)
	values := []any{
		nil, "plain", 3.5, float32(0.1), math.NaN(), math.Inf(-1), math.Copysign(0, -1), 1e-7, 1e21, 1e20, float32(1e21), 5e-324,
		level(1), &bad, []level{1, 2}, []level{3},
		shapes{S: "\x00\x1f\"\\<>&\u2028\u2029\xff\xfe é", F64: 123.456, F32: 1e-7, LS: []level{1},
			LM: map[level]int{1: 1, 2: 2}, MI: map[int8]string{-3: "a", 10: "b", 2: "c"},
			PTx: "direct", PTs: []ptrText{"in a slice"}, VM: valueMarshaler{N: 2}, OP: &n,
			T: time.Date(2026, 1, 5, 9, 0, 0, 5, time.FixedZone("", -3*3600-1800))},
		shapes{T: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)},
		shapes{T: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 25*3600))},
		shapes{F64: math.Inf(1)},
		shapes{LS: []level{7}},
		&shapes{PTx: "addressable"},
		map[string]any{"b": 1, "a": []any{"x", nil}},
		map[level]string{1: "low"},
		loop, deep,
		inner{A: "a", L: []level{1, 2}},
		tree{V: 1, Kids: []tree{{V: 2}}, Next: &tree{V: 3}},
		embedded{X: 1},
		quoted{N: 5},
		struct {
			Ch chan int `json:"ch"`
		}{},
	}
	for i, v := range values {
		t.Run(fmt.Sprint(i), func(t *testing.T) { marshalDifferential(t, v) })
	}
}

func TestMarshalAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	v := any(note{Writer: 3, N: 12, Text: "note 12 from writer 3 <ok>"})
	buf := make([]byte, 0, 256)
	allocs := testing.AllocsPerRun(100, func() {
		var err error
		if buf, err = strictjson.AppendMarshal(buf[:0], v); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
	want, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(buf))
}

func BenchmarkMarshalNote(b *testing.B) {
	v := any(note{Writer: 3, N: 12, Text: "note 12 from writer 3"})
	b.Run("strictjson", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 256)
		for i := 0; i < b.N; i++ {
			buf, _ = strictjson.AppendMarshal(buf[:0], v)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}
