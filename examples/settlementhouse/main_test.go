package main

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork"
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
	assert.Len(t, s.refusals, 2, "the worker could neither settle the members' concern nor vote on their outing")
	_, _, ended := s.g.Ended()
	assert.True(t, ended)
	assert.Equal(t, "Bridget Walsh", s.helpers[0].Name, "the helper who had helped least comes first")
}

func TestSeasonDecides(t *testing.T) {
	s, err := playSeason()
	require.NoError(t, err)
	require.Len(t, s.votes, 2)
	petition, err := s.g.Decision(s.votes[0])
	require.NoError(t, err)
	assert.Equal(t, groupwork.Passed, petition.Resolution, "the petition found consensus")
	outing, err := s.g.Decision(s.votes[1])
	require.NoError(t, err)
	assert.Equal(t, []int{2}, outing.Winners, "the runoff chose the picnic in Lincoln Park")
	assert.Nil(t, outing.Voters, "the outing was a secret ballot")
	replayed, err := groupwork.Replay(s.g.Record(), nil)
	require.NoError(t, err)
	again, err := replayed.Decision(s.votes[1])
	require.NoError(t, err)
	assert.Equal(t, outing, again, "the record recounts to the same decision")
}
