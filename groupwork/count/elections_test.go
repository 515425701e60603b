package count

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The real-election test counts public instant-runoff elections from ballot
// files in the simplified .blt format, read from the directory named by the
// environment variable HELPING_ELECTIONS. The files are public records but
// not part of this repository; without the variable the test is skipped.
//
// Reading the marks the way these jurisdictions count them (San Francisco
// and the Alameda County cities, Burlington, Aspen):
//
//   - A skipped rank ("-") is passed over: the ballot moves on to its next
//     marked rank.
//   - An overvote ("a=b", several options marked at one rank) exhausts the
//     ballot at that rank: the ranks before it count, nothing after it does.
//     The ballot is cut just before the overvote.
//   - A repeated ranking of the same option counts once: later marks for an
//     option already ranked are passed over.
//   - A ballot with a weight w counts w times.

// winners are the published winners of the elections in the data set.
var winners = map[string]string{
	"2006-Burlington-Mayor":         "Bob Kiss",
	"2009-Burlington-Mayor":         "Bob Kiss",
	"2009-Aspen-Mayor":              "Michael C. 'Mick' Ireland",
	"2010-Berkeley-City_Council-D1": "LINDA MAIO",
	"2010-Berkeley-City_Council-D4": "JESSE ARREGUIN",
	"2010-Berkeley-City_Council-D7": "KRISS WORTHINGTON",
	"2010-Berkeley-City_Council-D8": "GORDON WOZNIAK",
	"2010-Oakland-Mayor":            "JEAN QUAN",
	"2010-San_Leandro-Mayor":        "STEPHEN H. CASSIDY",
	"2011-San_Francisco-Mayor":      "ED LEE",
}

// bltElection is a parsed .blt file.
type bltElection struct {
	n, seats  int
	ballots   [][]int
	names     []string
	title     string
	overvoted int // ballots cut at an overvote
}

func TestRealElections(t *testing.T) {
	dir := os.Getenv("HELPING_ELECTIONS")
	if dir == "" {
		t.Skip("set HELPING_ELECTIONS to a directory of .blt ballot files to count real elections")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.blt"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no .blt files in HELPING_ELECTIONS")
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".blt")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			e, err := parseBLT(f)
			require.NoError(t, err)
			require.Equal(t, 1, e.seats, "instant runoff elects one")

			r, err := InstantRunoff(e.n, e.ballots, nil)
			require.NoError(t, err)
			t.Logf("%s: %d ballots (%d cut at an overvote)\n%s", e.title, len(e.ballots), e.overvoted, r.Report(e.names))
			for _, round := range r.Rounds {
				assert.Equal(t, len(e.ballots), round.Live()+round.Exhausted, "round %d", round.Number)
			}
			assert.Equal(t, refIRV(e.n, e.ballots, nil), r, "against the reference")
			require.Equal(t, Chosen, r.Resolution)
			want, known := winners[name]
			if !known {
				t.Logf("no published winner on file for %s; counted %s", name, e.names[r.Winner])
				return
			}
			assert.Equal(t, want, e.names[r.Winner])
		})
	}
}

// parseBLT reads a .blt file: comment lines start with '#'; the first line
// is "candidates seats"; each ballot line is "weight rank rank ... 0"; a
// line "0" ends the ballots; then one quoted name per candidate and the
// quoted title.
func parseBLT(r io.Reader) (*bltElection, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	next := func() (string, bool) {
		for sc.Scan() {
			line++
			s := strings.TrimSpace(sc.Text())
			if s != "" && !strings.HasPrefix(s, "#") {
				return s, true
			}
		}
		return "", false
	}
	head, ok := next()
	if !ok {
		return nil, fmt.Errorf("empty file")
	}
	e := &bltElection{}
	if _, err := fmt.Sscanf(head, "%d %d", &e.n, &e.seats); err != nil {
		return nil, fmt.Errorf("line %d: header %q: %v", line, head, err)
	}
	for {
		s, ok := next()
		if !ok {
			return nil, fmt.Errorf("no end of ballots")
		}
		if s == "0" {
			break
		}
		weight, ballot, cut, err := parseBallotLine(s, e.n)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		for range weight {
			e.ballots = append(e.ballots, ballot)
			if cut {
				e.overvoted++
			}
		}
	}
	for range e.n + 1 {
		s, ok := next()
		if !ok || len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
			return nil, fmt.Errorf("line %d: want a quoted name, got %q", line, s)
		}
		e.names = append(e.names, s[1:len(s)-1])
	}
	e.title, e.names = e.names[e.n], e.names[:e.n]
	return e, sc.Err()
}

// parseBallotLine reads "weight rank rank ... 0" with the rules above. cut
// reports a ballot cut at an overvote.
func parseBallotLine(s string, n int) (weight int, ballot []int, cut bool, err error) {
	fields := strings.Fields(s)
	if len(fields) < 2 || fields[len(fields)-1] != "0" {
		return 0, nil, false, fmt.Errorf("ballot %q does not end in 0", s)
	}
	weight, err = strconv.Atoi(fields[0])
	if err != nil || weight < 1 {
		return 0, nil, false, fmt.Errorf("bad weight in %q", s)
	}
	seen := make(map[int]bool)
	for _, f := range fields[1 : len(fields)-1] {
		switch {
		case f == "-":
			continue
		case strings.Contains(f, "="):
			return weight, ballot, true, nil
		}
		c, err := strconv.Atoi(f)
		if err != nil || c < 1 || c > n {
			return 0, nil, false, fmt.Errorf("bad rank %q in %q", f, s)
		}
		if !seen[c-1] {
			seen[c-1] = true
			ballot = append(ballot, c-1)
		}
	}
	return weight, ballot, false, nil
}

func TestParseBLT(t *testing.T) {
	const file = `# a comment
3 1
1 1 2 0
2 - 3 - 1 0
1 2 1=3 3 0
1 3 3 2 0
1 - - 0
0
"Ann"
"Bo"
"Cy"
"Test election"
`
	e, err := parseBLT(strings.NewReader(file))
	require.NoError(t, err)
	assert.Equal(t, &bltElection{
		n: 3, seats: 1,
		ballots:   [][]int{{0, 1}, {2, 0}, {2, 0}, {1}, {2, 1}, nil},
		names:     []string{"Ann", "Bo", "Cy"},
		title:     "Test election",
		overvoted: 1,
	}, e)

	for name, bad := range map[string]string{
		"no header":           "",
		"rank out of range":   "2 1\n1 3 0\n0\n\"a\"\n\"b\"\n\"t\"\n",
		"no terminating 0":    "2 1\n1 1 2\n0\n\"a\"\n\"b\"\n\"t\"\n",
		"unquoted name":       "2 1\n1 1 0\n0\na\n\"b\"\n\"t\"\n",
		"no end of ballots":   "2 1\n1 1 0\n",
		"weight is not whole": "2 1\nx 1 0\n0\n\"a\"\n\"b\"\n\"t\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parseBLT(strings.NewReader(bad))
			assert.Error(t, err)
		})
	}
}
