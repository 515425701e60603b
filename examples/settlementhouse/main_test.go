package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

const golden = "testdata/output.golden"

// picturesSection is what run adds to the account when it draws the
// sociogram.
const picturesSection = `
Pictures
--------
  sociogram.svg  who helped whom, as a picture
  sociogram.dot  the same graph for Graphviz (dot -Kcirco -Tsvg)
`

func TestOutput(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, ""))
	if *update {
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), out.String())
}

func TestOutputIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(&a, ""))
	require.NoError(t, run(&b, ""))
	assert.Equal(t, a.String(), b.String())
}

func TestSociogram(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pictures")
	var out bytes.Buffer
	require.NoError(t, run(&out, dir), "the directory is made if need be")
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want)+picturesSection, out.String(), "the account, then the pictures")

	s, err := playSeason()
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, "sociogram.svg"))
	require.NoError(t, err)
	var doc struct {
		Title string   `xml:"title"`
		Texts []string `xml:"g>g>text"`
	}
	require.NoError(t, xml.Unmarshal(b, &doc), "the SVG is well-formed XML")
	assert.Equal(t, sociogramTitle, doc.Title)
	for p := range s.g.Parties() {
		assert.Contains(t, doc.Texts, p.Name(), "everyone is drawn")
	}

	dot, err := os.ReadFile(filepath.Join(dir, "sociogram.dot"))
	require.NoError(t, err)
	var again bytes.Buffer
	require.NoError(t, s.g.WriteSociogramDOT(&again, &groupwork.SociogramOptions{Title: sociogramTitle}))
	assert.Equal(t, again.String(), string(dot))
	for p := range s.g.Parties() {
		assert.Contains(t, string(dot), `"`+p.ID().String()+`" [label="`+p.Name()+`"`)
	}
	total := 0
	for _, m := range dotWeight.FindAllStringSubmatch(string(dot), -1) {
		w, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		total += w
	}
	assert.Equal(t, s.g.Ledger().Len(), total, "the edges carry every exchange")
}

// dotWeight reads the weight of an edge of the DOT output.
var dotWeight = regexp.MustCompile(`(?m)^\t"[^"]+" -> "[^"]+" \[.*weight=(\d+),`)

func TestPicturesAreDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	require.NoError(t, run(io.Discard, a))
	require.NoError(t, run(io.Discard, b))
	for _, name := range []string{"sociogram.svg", "sociogram.dot"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, name))
		require.NoError(t, err)
		assert.Equal(t, string(x), string(y), name)
	}
}

func TestBadDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	err := run(io.Discard, filepath.Join(file, "pictures"))
	assert.Error(t, err, "a directory that cannot be made is reported, not ignored")
}

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestRunReportsWriteErrors(t *testing.T) {
	assert.ErrorIs(t, run(failingWriter{}, ""), os.ErrClosed)
	assert.ErrorIs(t, run(failingWriter{}, t.TempDir()), os.ErrClosed)
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
	assert.Equal(t, count.Passed, petition.Resolution, "the petition found consensus")
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
