package count

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The real-election test counts public instant-runoff elections from
// ballot files read with ReadBLT (whose documentation gives how skipped
// ranks, overvotes and repeated candidates are read), from the folder named
// by HELPING_ELECTIONS or beside the checkout (see dataDir). The files are
// public records but not part of this repository; without them the test is
// skipped. Each file also goes through WriteBLT and back unchanged.

// bltElection is a ballot file as the tests use it.
type bltElection struct {
	n, seats int
	ballots  [][]int
	names    []string
	title    string
	file     *Election
}

// parseBLT reads a ballot file with ReadBLT.
func parseBLT(r io.Reader) (*bltElection, error) {
	e, err := ReadBLT(r)
	if err != nil {
		return nil, err
	}
	return &bltElection{n: len(e.Names), seats: e.Seats, ballots: e.Ballots(), names: e.Names, title: e.Title, file: e}, nil
}

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

func TestRealElections(t *testing.T) {
	dir := dataDir(t, "HELPING_ELECTIONS", filepath.Join("..", "shared", "data", "elections"))
	files, err := filepath.Glob(filepath.Join(dir, "*.blt"))
	require.NoError(t, err)
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".blt")
		t.Run(name, func(t *testing.T) {
			e := readBLTFile(t, path)
			require.Equal(t, 1, e.seats, "instant runoff elects one")
			var out bytes.Buffer
			require.NoError(t, WriteBLT(&out, e.file))
			back, err := ReadBLT(&out)
			require.NoError(t, err)
			require.Equal(t, e.file, back, "written and read back")

			r, err := InstantRunoff(e.n, e.ballots, nil)
			require.NoError(t, err)
			t.Logf("%s: %d ballots\n%s", e.title, len(e.ballots), r.Report(e.names))
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
