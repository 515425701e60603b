package statecodec_test

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/statecodec"
)

type inner struct {
	when  time.Time
	tags  []string
	score float64
}

type state struct {
	mu      sync.Mutex
	id      uuid.UUID
	Name    string
	count   int32
	big     uint64
	ok      bool
	none    []int
	empty   []int
	items   []inner
	byID    map[uuid.UUID]int
	noMap   map[string]bool
	current *inner
	nothing *inner
	grid    [3]int8
	ratio   float32
}

func sample() *state {
	return &state{
		id: uuid.MustParse("01930000-0000-7000-8000-000000000001"), Name: "Hull House \u2028 club", count: -7, big: 1 << 63, ok: true,
		empty: []int{},
		items: []inner{{when: time.Date(1889, 9, 18, 12, 0, 0, 5, time.UTC), tags: []string{"a", ""}, score: -0.5}, {}},
		byID:  map[uuid.UUID]int{uuid.MustParse("01930000-0000-7000-8000-000000000002"): 3},
		noMap: nil, current: &inner{tags: nil, score: 2}, grid: [3]int8{-1, 0, 1}, ratio: 0.25,
	}
}

func TestRoundTrip(t *testing.T) {
	in := sample()
	other := map[string][]int{"x": {1}, "y": nil}
	data, err := statecodec.Marshal(in, &other)
	require.NoError(t, err)
	var out state
	var back map[string][]int
	require.NoError(t, statecodec.Unmarshal(data, &out, &back))
	in.mu, out.mu = sync.Mutex{}, sync.Mutex{}
	assert.Equal(t, in, &out)
	assert.Equal(t, other, back)
	assert.NotNil(t, out.empty, "an empty slice stays empty, not nil")
	assert.Nil(t, out.none)
	assert.Nil(t, out.nothing, "a nil pointer stays nil")
}

func TestAMutexIsWrittenAsNothing(t *testing.T) {
	in := sample()
	in.mu.Lock()
	data, err := statecodec.Marshal(in)
	require.NoError(t, err)
	var out state
	require.NoError(t, statecodec.Unmarshal(data, &out))
	assert.True(t, out.mu.TryLock(), "read back unlocked")
}

func TestOtherTypesAreRefused(t *testing.T) {
	data, err := statecodec.Marshal(sample())
	require.NoError(t, err)
	var other struct{ Name string }
	assert.ErrorIs(t, statecodec.Unmarshal(data, &other), statecodec.ErrFormat)
	var s state
	var extra int
	assert.ErrorIs(t, statecodec.Unmarshal(data, &s, &extra), statecodec.ErrFormat)
}

func TestDamageIsAnErrorNeverAPanic(t *testing.T) {
	data, err := statecodec.Marshal(sample())
	require.NoError(t, err)
	before := sample()
	for n := range len(data) {
		out := sample()
		err := statecodec.Unmarshal(data[:n], out)
		require.ErrorIs(t, err, statecodec.ErrFormat, "cut at %d", n)
		require.Equal(t, before, out, "unchanged after a failed read, cut at %d", n)
	}
	for i := range data {
		damaged := append([]byte(nil), data...)
		damaged[i] ^= 0xff
		out := sample()
		require.ErrorIs(t, statecodec.Unmarshal(damaged, out), statecodec.ErrFormat, "byte %d flipped", i)
		require.Equal(t, before, out, "unchanged after a failed read, byte %d flipped", i)
	}
	assert.ErrorIs(t, statecodec.Unmarshal(append(data, 0), new(state)), statecodec.ErrFormat, "trailing bytes")
}

func TestUnsupportedValues(t *testing.T) {
	shared := &inner{}
	tests := map[string]any{
		"an interface":          &struct{ x any }{x: 1},
		"a function":            &struct{ f func() }{},
		"a pointer twice":       &struct{ a, b *inner }{shared, shared},
		"not a pointer":         state{},
		"a nil pointer":         (*state)(nil),
		"a channel in a struct": &struct{ c chan int }{},
	}
	for name, v := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := statecodec.Marshal(v)
			assert.True(t, errors.Is(err, statecodec.ErrUnsupported), "%v", err)
		})
	}
}

func TestFingerprintFollowsTheTypes(t *testing.T) {
	type a struct{ X int }
	type b struct{ Y int }
	type c struct{ X int64 }
	fa, _ := statecodec.Marshal(&a{})
	fb, _ := statecodec.Marshal(&b{})
	fc, _ := statecodec.Marshal(&c{})
	assert.NotEqual(t, fa[8:16], fb[8:16], "a field renamed")
	assert.NotEqual(t, fa[8:16], fc[8:16], "a field's type changed")
}

func FuzzUnmarshal(f *testing.F) {
	data, err := statecodec.Marshal(sample())
	require.NoError(f, err)
	f.Add(data[:len(data)-4])
	f.Fuzz(func(t *testing.T, body []byte) {
		// The fuzzer writes the body; the test seals it with the right
		// checksum, so that what the decoder makes of it is what is tried.
		b := binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)))
		out := new(state)
		if err := statecodec.Unmarshal(b, out); err != nil {
			return
		}
		again, err := statecodec.Marshal(out)
		require.NoError(t, err)
		twice := new(state)
		require.NoError(t, statecodec.Unmarshal(again, twice))
		require.Equal(t, out, twice)
	})
}
