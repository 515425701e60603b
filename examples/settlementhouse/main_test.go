package main

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

const golden = "testdata/output.golden"

func TestOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	if *update {
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), out.String())
}

func TestOutputIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(&a))
	require.NoError(t, run(&b))
	assert.Equal(t, a.String(), b.String())
}

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRunReportsWriteErrors(t *testing.T) {
	assert.ErrorIs(t, run(failingWriter{}), os.ErrClosed)
}

func TestSeasonKeepsTheRules(t *testing.T) {
	s, err := playSeason()
	require.NoError(t, err)
	assert.Len(t, s.refusals, 1, "the worker could not settle the members' concern")
	_, _, ended := s.g.Ended()
	assert.True(t, ended)
	assert.Equal(t, "Bridget Walsh", s.helpers[0].Name, "the helper who had helped least comes first")
}
