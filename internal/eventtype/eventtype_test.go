package eventtype_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/internal/strictjson"
)

type wide struct {
	Name  string            `json:"name"`
	Tags  []string          `json:"tags"`
	Count int               `json:"count"`
	Attrs map[string]string `json:"attrs"`
}

func (wide) EventType() string { return "eventtype_test.wide.v1" }

// pointerShaped is a struct an interface value holds directly.
type pointerShaped struct {
	Inner *wide `json:"inner"`
}

func (pointerShaped) EventType() string { return "eventtype_test.pointer.v1" }

type small struct {
	N int32 `json:"n"`
}

func (small) EventType() string { return "eventtype_test.small.v1" }

type empty struct{}

func (empty) EventType() string { return "eventtype_test.empty.v1" }

type notStruct int

func (notStruct) EventType() string { return "eventtype_test.int.v1" }

func init() {
	eventtype.Register[wide]()
	eventtype.Register[pointerShaped]()
	eventtype.Register[small]()
	eventtype.Register[empty]()
}

func TestDecodeEveryShape(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"eventtype_test.wide.v1", `{"name":"a","tags":["x","y"],"count":3,"attrs":{"k":"v"}}`,
			wide{Name: "a", Tags: []string{"x", "y"}, Count: 3, Attrs: map[string]string{"k": "v"}}},
		{"eventtype_test.pointer.v1", `{"inner":{"name":"deep"}}`, pointerShaped{Inner: &wide{Name: "deep"}}},
		{"eventtype_test.pointer.v1", `{"inner":null}`, pointerShaped{}},
		{"eventtype_test.small.v1", `{"n":-7}`, small{N: -7}},
		{"eventtype_test.empty.v1", `{}`, empty{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ, ok := eventtype.Lookup([]byte(tt.name))
			require.True(t, ok)
			assert.Equal(t, tt.name, typ.Name())
			d := strictjson.GetDecoder()
			defer strictjson.PutDecoder(d)
			got, err := typ.Decode(d, []byte(tt.in), 0)
			require.NoError(t, err)
			d.Finish()
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.name, got.(eventtype.Typed).EventType())
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	typ, ok := eventtype.Lookup([]byte("eventtype_test.small.v1"))
	require.True(t, ok)
	d := strictjson.GetDecoder()
	defer strictjson.PutDecoder(d)
	for _, in := range []string{`{"m":1}`, `{"n":"x"}`, `{"n":1} 2`, ``} {
		_, err := typ.Decode(d, []byte(in), 0)
		assert.Error(t, err, in)
	}
}

func TestRegistry(t *testing.T) {
	assert.True(t, eventtype.Registered("eventtype_test.wide.v1"))
	assert.False(t, eventtype.Registered("eventtype_test.nobody.v1"))
	_, ok := eventtype.Lookup([]byte("eventtype_test.nobody.v1"))
	assert.False(t, ok)
	v, ok := eventtype.New("eventtype_test.small.v1")
	require.True(t, ok)
	assert.IsType(t, &small{}, v)
	assert.Subset(t, eventtype.Names(), []string{"eventtype_test.empty.v1", "eventtype_test.wide.v1"})
	assert.Panics(t, eventtype.Register[wide], "a name is registered once")
	assert.Panics(t, eventtype.Register[notStruct], "events are structs")
}
