package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden file and the pictures in docs/")

// docsDir holds the copies of the pictures that the README shows.
var docsDir = filepath.Join("..", "..", "docs")

// TestDocsPictures keeps the README's pictures the same as the ones this
// program draws: after a change to a picture, run
// "go test ./examples/compare -run TestDocsPictures -update".
func TestDocsPictures(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, run(io.Discard, dir))
	for _, name := range []string{"comparison.svg", "case-timeline.svg", "club-sociogram.svg"} {
		t.Run(name, func(t *testing.T) {
			drawn, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err)
			kept := filepath.Join(docsDir, name)
			if *update {
				require.NoError(t, os.MkdirAll(docsDir, 0o755))
				require.NoError(t, os.WriteFile(kept, drawn, 0o644))
			}
			want, err := os.ReadFile(kept)
			require.NoError(t, err, "docs/%s is missing: run with -update", name)
			assert.Equal(t, string(want), string(drawn),
				"docs/%s is stale: run go test ./examples/compare -run TestDocsPictures -update", name)
		})
	}
}

func TestOutput(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".svg" {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		d := xml.NewDecoder(f)
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, "%s is well-formed XML", e.Name())
		}
		require.NoError(t, f.Close())
	}
}

func TestOutputIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(&a, t.TempDir()))
	require.NoError(t, run(&b, t.TempDir()))
	assert.Equal(t, a.String(), b.String())
}

func TestBadDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	err := run(io.Discard, filepath.Join(file, "pictures"))
	assert.Error(t, err, "a directory that cannot be made is reported, not ignored")
}
