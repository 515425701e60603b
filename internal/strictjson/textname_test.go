package strictjson_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/strictjson"
)

// shade and tone are enumerations with text methods; each registers a
// name function, shade's faithful to its MarshalText and tone's not.
type (
	shade uint8
	tone  uint8
)

var shadeNames = []string{"", "pale", "dark"}

func (s shade) MarshalText() ([]byte, error) {
	if s == 0 || int(s) >= len(shadeNames) {
		return nil, &json.UnsupportedValueError{Str: "shade"}
	}
	return []byte(shadeNames[s]), nil
}

func (t tone) MarshalText() ([]byte, error) { return (shade(t)).MarshalText() }

func init() {
	names := func(p unsafe.Pointer) (string, bool) {
		if v := *(*uint8)(p); v > 0 && int(v) < len(shadeNames) {
			return shadeNames[v], true
		}
		return "", false
	}
	strictjson.RegisterTextName(reflect.TypeFor[shade](), names)
	// tone's name function says "dark" where MarshalText says "pale".
	strictjson.RegisterTextName(reflect.TypeFor[tone](), func(p unsafe.Pointer) (string, bool) {
		if *(*uint8)(p) == 1 {
			return "dark", true
		}
		return names(p)
	})
}

// TestRegisterTextName checks that a name function writes what
// MarshalText would, without allocating, and that one that disagrees
// with MarshalText is not used.
func TestRegisterTextName(t *testing.T) {
	type paint struct {
		Shade shade `json:"shade"`
		Tone  tone  `json:"tone"`
	}
	for _, v := range []paint{{1, 1}, {2, 2}, {1, 2}} {
		got, err := strictjson.AppendMarshal(nil, v)
		require.NoError(t, err)
		want, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
	_, err := strictjson.AppendMarshal(nil, paint{Shade: 7, Tone: 1})
	assert.Error(t, err, "a value MarshalText refuses is still refused")
	if raceEnabled {
		return
	}
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		buf, _ = strictjson.AppendMarshal(buf[:0], any(shade(2)))
	})
	assert.LessOrEqual(t, allocs, 1.0, "only the boxing of the value, not the name")
}
