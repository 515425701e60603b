package count

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// roundTrip marshals v, checks that it unmarshals into a value of the same
// type equal to v, and returns the indented JSON.
func roundTrip(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	back := reflect.New(reflect.TypeOf(v))
	require.NoError(t, json.Unmarshal(data, back.Interface()))
	require.Equal(t, v, back.Elem().Interface(), "read back equal")
	return append(data, '\n')
}

// TestJSONGolden renders the Tennessee example under every ballot rule,
// and small motions, consensus and consent rounds, as JSON: each reads
// back equal and matches its golden file in testdata/json.
func TestJSONGolden(t *testing.T) {
	ballots := tennessee()
	results := map[string]func() (any, error){
		"plurality":      func() (any, error) { return Plurality(4, ballots, nil) },
		"approval":       func() (any, error) { return Approval(4, [][]int{{0}, {1}, {2, 1}, {2}}, &Options{Priority: []int{2}}) },
		"instant-runoff": func() (any, error) { return InstantRunoff(4, ballots, nil) },
		"schulze":        func() (any, error) { return Schulze(4, ballots, nil) },
		"stv":            func() (any, error) { return STV(4, 2, ballots, nil) },
		"stv-meek":       func() (any, error) { return STV(4, 2, ballots, &Options{STV: MeekSTV}) },
		"simple-majority": func() (any, error) {
			return SimpleMajority([]Vote{Yes, Yes, No, Abstain})
		},
		"supermajority": func() (any, error) { return Supermajority([]Vote{Yes, Yes, No}, TwoThirds) },
		"consensus":     func() (any, error) { return Consensus([]Stance{Agree, StandAside, Block}) },
		"consent":       func() (any, error) { return Consent([]Response{Consents, ObjectionResolved}) },
	}
	for name, count := range results {
		t.Run(name, func(t *testing.T) {
			r, err := count()
			require.NoError(t, err)
			got := roundTrip(t, r)
			path := filepath.Join("testdata", "json", name+".golden.json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to write the golden file")
			assert.Equal(t, string(want), string(got))
		})
	}
}

// TestJSONRoundTrip counts random elections under every ballot rule, with
// ties and their breaks, and reads every result back equal from JSON.
func TestJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 2026))
	for range 300 {
		n := 1 + r.IntN(6)
		ballots := make([][]int, r.IntN(30))
		for i := range ballots {
			ballots[i] = r.Perm(n)[:r.IntN(n+1)]
		}
		opts := &Options{Priority: r.Perm(n)[:r.IntN(n+1)]}
		for _, c := range []func() (any, error){
			func() (any, error) { return Plurality(n, ballots, opts) },
			func() (any, error) { return Approval(n, ballots, opts) },
			func() (any, error) { return InstantRunoff(n, ballots, opts) },
			func() (any, error) { return Schulze(n, ballots, opts) },
			func() (any, error) { return STV(n, 1+r.IntN(n), ballots, opts) },
			func() (any, error) {
				return STV(n, 1+r.IntN(n), ballots, &Options{Priority: opts.Priority, STV: MeekSTV})
			},
		} {
			res, err := c()
			require.NoError(t, err)
			roundTrip(t, res)
		}
	}
}
