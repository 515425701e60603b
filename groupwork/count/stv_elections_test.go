package count

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dataDir returns the folder of public ballot files named by the
// environment variable env or, failing that, the folder beside a checkout
// of this repository (rel, from the root of the checkout), and skips the
// test with a message when neither holds any .blt file. The files are
// public records but not part of this repository.
func dataDir(t testing.TB, env, rel string) string {
	t.Helper()
	dir := findDataDir(env, rel)
	if dir == "" {
		t.Skipf("no .blt ballot files found: set %s to a folder of them to count real elections", env)
	}
	return dir
}

// findDataDir is dataDir without the test: "" when no folder is found.
func findDataDir(env, rel string) string {
	dir := os.Getenv(env)
	if dir == "" {
		dir = filepath.Join("..", "..", rel)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.blt")); len(files) == 0 {
		return ""
	}
	return dir
}

// readBLTFile reads one ballot file with parseBLT.
func readBLTFile(t testing.TB, path string) *bltElection {
	t.Helper()
	e, err := readBLTPath(path)
	require.NoError(t, err)
	return e
}

func readBLTPath(path string) (*bltElection, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseBLT(f)
}

// TestSanFranciscoThreeSeats counts the San Francisco mayoral election of
// 2011 as if it elected three: the count used to stop in round 4 on a tie
// between two write-ins with 3 votes each, which cannot change the result.
func TestSanFranciscoThreeSeats(t *testing.T) {
	if testing.Short() {
		t.Skip("197,000 ballots are not short")
	}
	dir := dataDir(t, "HELPING_ELECTIONS", filepath.Join("..", "shared", "data", "elections"))
	path := filepath.Join(dir, "2011-San_Francisco-Mayor.blt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no %s", path)
	}
	e := readBLTFile(t, path)
	r, err := STV(e.n, 3, e.ballots, nil)
	require.NoError(t, err)
	require.Equal(t, Chosen, r.Resolution, "%s", r.Report(e.names))
	assert.Len(t, r.Elected, 3)
	assert.Equal(t, refSTV(e.n, 3, e.ballots, nil), r, "against the reference")
	together := 0
	for _, round := range r.Rounds {
		if round.TieBreak != nil && round.TieBreak.Method == TieTogether {
			together++
		}
	}
	assert.Positive(t, together, "some options were excluded together")
	names := make([]string, len(r.Elected))
	for i, o := range r.Elected {
		names[i] = e.names[o]
	}
	t.Logf("elected: %s", strings.Join(names, ", "))
}

// glasgow2007 lists councillors elected in wards of Glasgow in 2007, as
// the public record gives them (the wards' articles in Wikipedia, which
// cite the council's declarations; the article on the election of 2007
// for Greater Pollok and Baillieston; the BBC's report of May 2007 on the
// Green councillors for Partick West and Canal). A ward is listed only
// where the record was checked; the councillors of a fully checked ward
// are all listed.
var glasgow2007 = map[string][]string{
	// Fully checked.
	"Calton":                  {"George Redmond", "Ruth Simpson", "Alison E Thewliss"},
	"Drumchapel-Anniesland":   {"Paul Carey", "Bill Kidd", "Steven Purcell", "Jonathan Findlay"},
	"Garscadden-Scotsounhill": {"Liz Cameron", "Paul Rooney", "Jean McFadden", "Graeme Hendry"},
	// Partly checked.
	"Greater-Pollock": {"Alex Glass", "William O'Rourke", "Tommy Morrison"},
	"Baillieston":     {"John Mason"},
	"Partick-West":    {"Stuart Clay"},
	"Canal":           {"Kieran  Wild ", "Ellen   Hurcombe"},
}

// TestGlasgow2007 counts the 21 wards of the Glasgow City Council election
// of 3 May 2007 by the Scottish STV rules and compares the councillors
// elected with the public record.
func TestGlasgow2007(t *testing.T) {
	dir := dataDir(t, "HELPING_STV", filepath.Join("..", "shared", "data", "stv"))
	files, err := filepath.Glob(filepath.Join(dir, "glasgow-*.blt"))
	require.NoError(t, err)
	for _, path := range files {
		ward := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "glasgow-"), "-2007.blt")
		t.Run(ward, func(t *testing.T) {
			e := readBLTFile(t, path)
			r, err := STV(e.n, e.seats, e.ballots, nil)
			require.NoError(t, err)
			require.Equal(t, Chosen, r.Resolution, "%s", r.Report(e.names))
			got := make([]string, len(r.Elected))
			for i, o := range r.Elected {
				got[i] = e.names[o]
			}
			t.Logf("%s: %s", ward, strings.Join(got, "; "))
			assert.Equal(t, refSTV(e.n, e.seats, e.ballots, nil), r, "against the reference")
			for _, name := range glasgow2007[ward] {
				assert.Contains(t, got, name, "elected in 2007")
			}
		})
	}
}
