package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship/journal"
)

var update = flag.Bool("update", false, "rewrite the golden file")

// TestOutput runs the program and compares what it prints with the golden
// file; go test -update rewrites the file after a deliberate change.
func TestOutput(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf, config{}))
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())
}

// TestRunIsDeterministic runs the program twice: the same output.
func TestRunIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(&a, config{}))
	require.NoError(t, run(&b, config{}))
	assert.Equal(t, a.String(), b.String())
}

// reportOnly is the output up to the section on saving, which is the same
// with a journal on disk as in memory.
func reportOnly(t *testing.T, out string) string {
	t.Helper()
	i := strings.Index(out, "\nSaved ")
	if j := strings.Index(out, "\nThe case kept on disk\n"); i < 0 || j >= 0 && j < i {
		i = j
	}
	require.GreaterOrEqual(t, i, 0, "no section on saving in:\n%s", out)
	return out[:i]
}

// TestJournalOnDisk runs the program with a journal in a new directory,
// then again on the same directory: the first run saves the case, the
// second finds it there; both load it back whole.
func TestJournalOnDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "records", "1895")
	var plain bytes.Buffer
	require.NoError(t, run(&plain, config{}))

	for i, first := range []string{
		"Saved the society's 10 entries and the case's 50 to the file journal in " + dir +
			`, streams "agency-01890000-0000-7000-8000-000000000005" and "case-00000000-0767-7000-8000-000000000001"; ` +
			"each save returned once its entries were synced to disk.",
		"The file journal in " + dir + " already held the society's 10 entries and the case's 50, from an earlier run: " +
			"nothing was appended.",
	} {
		var out bytes.Buffer
		require.NoError(t, run(&out, config{journalDir: dir}), "run %d", i+1)
		got := out.String()
		assert.Equal(t, reportOnly(t, plain.String()), reportOnly(t, got), "the report is the same")
		section := got[strings.Index(got, "\nThe case kept on disk\n"):]
		assert.Equal(t, "\nThe case kept on disk\n---------------------\n  "+wrap(first, 96, 2)+"\n"+
			"  Closed the journal, opened it afresh and loaded the society, then the case:\n"+
			"    version 50, phase closed (goals achieved, Sun 21 Apr 1895)\n"+
			"    the last 3 entries of its record:\n"+
			"     48  Wed 17 Apr 1895  Mr. Henry Lowe      recorded \"Patrick back at work by spring\" achieved:\n"+
			"                                              back at the docks on light work\n"+
			"     49  Fri 19 Apr 1895  Mr. Henry Lowe      wrote a confidential note (78 characters)\n"+
			"     50  Sun 21 Apr 1895  Mr. Henry Lowe      closed the case (goals achieved): the family is\n"+
			"                                              self-supporting again\n"+
			"    record equal to the original, entry for entry: true; same phase: true; same ledger: true;\n"+
			"    the pool as it stood: true\n", section)
	}
	segments, err := filepath.Glob(filepath.Join(dir, "*.seg"))
	require.NoError(t, err)
	assert.NotEmpty(t, segments, "the journal is on disk")
}

// TestJournalHoldingAnotherRecord refuses a directory whose journal holds
// another record under the case's stream (here, the case just opened),
// rather than show that record as the case.
func TestJournalHoldingAnotherRecord(t *testing.T) {
	dir := t.TempDir()
	a, err := newAgency()
	require.NoError(t, err)
	c, err := openCase(a)
	require.NoError(t, err)
	j, err := journal.Open(dir, nil)
	require.NoError(t, err)
	require.NoError(t, c.Save(context.Background(), j))
	require.NoError(t, j.Close())

	err = run(io.Discard, config{journalDir: dir})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "holds another record under case-00000000-0767-7000-8000-000000000001")
}

// TestJournalInAFile fails clearly when the directory is a file.
func TestJournalInAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "records")
	require.NoError(t, os.WriteFile(file, []byte("not a journal"), 0o644))
	assert.Error(t, run(io.Discard, config{journalDir: file}))
}

// TestTimelineFile draws the timeline to a file: an SVG document that
// names the case, marks what the family was given in the society's words,
// and keeps the family's name out of its title.
func TestTimelineFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "doyle.svg")
	var out bytes.Buffer
	require.NoError(t, run(&out, config{timelineFile: file}))
	assert.True(t, strings.HasSuffix(out.String(), "\nDrew the case over time in "+file+".\n"))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var doc struct {
		XMLName xml.Name
		Title   string `xml:"title"`
	}
	require.NoError(t, xml.Unmarshal(data, &doc))
	assert.Equal(t, "svg", doc.XMLName.Local)
	assert.Equal(t, "The Doyle family: the case over time", doc.Title)
	for _, label := range []string{"coal: 3 hundredweight", "groceries: 2 orders", "rent: $18.00"} {
		assert.Contains(t, string(data), label)
	}
	assert.NotContains(t, string(data), "Margaret")
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want config
		err  bool
	}{
		{"none", nil, config{}, false},
		{"journal", []string{"-journal", "records"}, config{journalDir: "records"}, false},
		{"timeline", []string{"-timeline", "doyle.svg"}, config{timelineFile: "doyle.svg"}, false},
		{"both", []string{"-journal=records", "-timeline=doyle.svg"}, config{journalDir: "records", timelineFile: "doyle.svg"}, false},
		{"postgres", []string{"-postgres", "postgres:///records"}, config{postgresURL: "postgres:///records"}, false},
		{"two places", []string{"-journal=records", "-postgres=postgres:///records"}, config{}, true},
		{"unknown flag", []string{"-out", "x"}, config{}, true},
		{"stray argument", []string{"records"}, config{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			got, err := parseFlags(tt.args, &stderr)
			if tt.err {
				assert.Error(t, err)
				assert.Contains(t, stderr.String(), "-journal DIR")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Empty(t, stderr.String())
		})
	}
}

// TestPostgres keeps the case in a real PostgreSQL server, as a program
// run with -postgres does, and loads it back whole. .ci/run starts a
// server and sets HELPING_POSTGRES_URL; elsewhere the test skips.
func TestPostgres(t *testing.T) {
	url := os.Getenv("HELPING_POSTGRES_URL")
	if url == "" {
		msg := "no PostgreSQL server: set HELPING_POSTGRES_URL (.ci/postgres start DIR prints it) to run this test"
		if os.Getenv("HELPING_REQUIRE_POSTGRES") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	for i := range 2 { // the second run finds the record there
		var out bytes.Buffer
		require.NoError(t, run(&out, config{postgresURL: url}), "run %d", i+1)
		got := strings.Join(strings.Fields(out.String()), " ") // as one line, whatever the wrapping
		for _, want := range []string{
			`PostgreSQL journal of tenant "charityorg"`,
			"record equal to the original, entry for entry: true; same phase: true; same ledger: true;",
			"the pool as it stood: true",
		} {
			assert.True(t, strings.Contains(got, want), "run %d says %q", i+1, want)
		}
		assert.False(t, strings.Contains(out.String(), url), "a connection string may hold a password")
	}
}
