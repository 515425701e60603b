package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork"
)

var update = flag.Bool("update", false, "rewrite the golden file")

// TestDemo runs the program as CI does, without arguments, and compares
// its output with the golden file.
func TestDemo(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, nil, "", false))
	path := filepath.Join("testdata", "demo.golden.txt")
	if *update {
		require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), out.String())
}

// TestRecountFiles recounts an exported decision from a file, notices one
// whose tally was altered, and counts a ballot file as text and as JSON.
func TestRecountFiles(t *testing.T) {
	dir := t.TempDir()
	exported, err := clubDecision()
	require.NoError(t, err)
	good := filepath.Join(dir, "decision.json")
	require.NoError(t, os.WriteFile(good, exported, 0o644))
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{good}, "", false))
	assert.Contains(t, out.String(), "the recount agrees")

	var d groupwork.Decision
	require.NoError(t, json.Unmarshal(exported, &d))
	d.Runoff.Rounds[0].Counts[0]++
	altered, err := json.Marshal(d)
	require.NoError(t, err)
	bad := filepath.Join(dir, "altered.json")
	require.NoError(t, os.WriteFile(bad, altered, 0o644))
	assert.ErrorIs(t, run(&bytes.Buffer{}, []string{bad}, "", false), errDisagrees)

	blt := filepath.Join(dir, "committee.blt")
	require.NoError(t, os.WriteFile(blt, []byte("3 2\n4 1 2 0\n3 2 3 0\n2 3 0\n0\n\"Ann\"\n\"Bo\"\n\"Cy\"\n\"Committee\"\n"), 0o644))
	out.Reset()
	require.NoError(t, run(&out, []string{blt}, "", false))
	assert.Contains(t, out.String(), "Committee (stv)")
	assert.Contains(t, out.String(), "elected: Ann, Bo")
	out.Reset()
	require.NoError(t, run(&out, []string{blt}, "meek", false))
	assert.Contains(t, out.String(), "Meek STV")
	assert.Contains(t, out.String(), "keep values: Ann 0.75")
	assert.Contains(t, out.String(), "elected: Ann, Bo")
	out.Reset()
	require.NoError(t, run(&out, []string{blt}, "plurality", true))
	assert.True(t, json.Valid(out.Bytes()))
	assert.Error(t, run(&bytes.Buffer{}, []string{blt}, "consensus", false))
}
