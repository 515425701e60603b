package count

import (
	"os"
	"path/filepath"
	"slices"
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
// the public record gives them, spelled as the ballot files spell them. A
// ward is listed only where a source was read; the councillors of a fully
// checked ward are all listed. Sources: the table "Councillors" of each
// ward's article in the English Wikipedia ("Calton (ward)", "Craigton
// (ward)", now "Cardonald (ward)", and so on), which cite the council's
// declarations and A. Teale's Local Elections Archive Project; the article
// "2007 Glasgow City Council election" for Greater Pollok and Baillieston;
// the Swedish Wikipedia's translation of the article on Langside; the BBC's
// report of May 2007 on the Green councillors for Partick West and Canal.
// Where a source spells a name otherwise than the ballot file, the comment
// says so.
var glasgow2007 = map[string][]string{
	// Fully checked (13 of 21 wards).
	"Calton":                  {"George Redmond", "Ruth Simpson", "Alison E Thewliss"},
	"Drumchapel-Anniesland":   {"Paul Carey", "Bill Kidd", "Steven Purcell", "Jonathan Findlay"},
	"Garscadden-Scotsounhill": {"Liz Cameron", "Paul Rooney", "Jean McFadden", "Graeme Hendry"},
	// The article writes "John Matthew Kerr".
	"Craigton": {"Alistair Watson", "Matthew John Kerr", "Ruth Black", "Iris Gibson"},
	// The article writes "Khalil-ur Rahman Malik".
	"Pollokshields": {"David Meikle", "Irfan Rabbani", "Khalil Malik"},
	// The articles write "William O'Rouke".
	"Greater-Pollock":   {"Alex Glass", "William O'Rourke", "Tommy Morrison", "Patricia Duffy"},
	"Langside":          {"Archie Graham", "James Dornan", "Paul Coleshill"},
	"Linn":              {"David Ritchie", "Sadie Docherty", "John McKenzie", "Margot Clark"},
	"Newlands-Auldburn": {"Stephen Curran", "Jim McNally", "Colin Deans"},
	"Govan":             {"Stephen Dornan", "Shaukat Butt", "John Flanagan", "Allison Hunter"},
	"Shettleston":       {"Tom McKeown", "George Ryan", "Euan McLeod", "John F McLaughlin"},
	"Maryhill-Kelvin":   {"Mary Paris", "Robert Winter", "Mohammed Razaq", "Alex Dingwall"},
	"East-Centre":       {"Patricia Chalmers", "Frank Docherty", "Elaine McDougall", "Jennifer Dunn"},
	// Partly checked.
	"Baillieston":  {"John Mason"},
	"Partick-West": {"Stuart Clay"},
	"Canal":        {"Kieran  Wild ", "Ellen   Hurcombe"},
}

// glasgowFull is the number of wards of glasgow2007 whose councillors are
// all listed.
const glasgowFull = 13

// TestGlasgow2007 counts the 21 wards of the Glasgow City Council election
// of 3 May 2007 by the Scottish STV rules and compares the councillors
// elected with the public record.
func TestGlasgow2007(t *testing.T) {
	dir := dataDir(t, "HELPING_STV", filepath.Join("..", "shared", "data", "stv"))
	files, err := filepath.Glob(filepath.Join(dir, "glasgow-*.blt"))
	require.NoError(t, err)
	full := 0
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
			record := glasgow2007[ward]
			if len(record) == e.seats {
				assert.ElementsMatch(t, record, got, "the councillors elected in 2007")
				full++
			}
			for _, name := range record {
				assert.Contains(t, got, name, "elected in 2007")
			}
		})
	}
	assert.Equal(t, glasgowFull, full, "wards whose councillors all agree with the record")
}

// TestGlasgow2007Meek counts the same wards by Meek's method. Meek's rules
// were not the law in Scotland, so they need not elect the councillors the
// Scottish count elected; the test records where they differ: in 19 of the
// 21 wards the councillors are the same. In Craigton Meek elects Gordon
// Macdiarmid instead of Ruth Black, and in Pollokshields Ian A Ruffell
// instead of David Meikle. Every round keeps all the value of the ballots.
func TestGlasgow2007Meek(t *testing.T) {
	dir := dataDir(t, "HELPING_STV", filepath.Join("..", "shared", "data", "stv"))
	files, err := filepath.Glob(filepath.Join(dir, "glasgow-*.blt"))
	require.NoError(t, err)
	same := 0
	differ := map[string][2][]string{}
	for _, path := range files {
		ward := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "glasgow-"), "-2007.blt")
		e := readBLTFile(t, path)
		m, err := STV(e.n, e.seats, e.ballots, &Options{STV: MeekSTV})
		require.NoError(t, err)
		require.Equal(t, Chosen, m.Resolution, "%s: %s", ward, m.Report(e.names))
		require.Len(t, m.Elected, e.seats)
		for _, round := range m.Rounds {
			assert.Equal(t, Value(m.Ballots-m.Blank)*Unit, sumOf(round.Totals)+round.Exhausted, "%s round %d", ward, round.Number)
		}
		s, err := STV(e.n, e.seats, e.ballots, nil)
		require.NoError(t, err)
		names := func(opts []int) []string {
			out := make([]string, 0, len(opts))
			for _, o := range opts {
				if !slices.Contains(s.Elected, o) || !slices.Contains(m.Elected, o) {
					out = append(out, e.names[o])
				}
			}
			return out
		}
		if d := names(m.Elected); len(d) > 0 {
			differ[ward] = [2][]string{names(s.Elected), d}
			continue
		}
		same++
	}
	t.Logf("Meek and Scottish STV elect the same councillors in %d of %d wards; differ: %v", same, len(files), differ)
	assert.Equal(t, 19, same)
	assert.Equal(t, map[string][2][]string{
		"Craigton":      {{"Ruth Black"}, {"Gordon Macdiarmid"}},
		"Pollokshields": {{"David Meikle"}, {"Ian A Ruffell"}},
	}, differ, "Scottish, then Meek")
}
