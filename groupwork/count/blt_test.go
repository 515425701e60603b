package count

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadBLT(t *testing.T) {
	const file = `# a comment
4 2
-4

3 1 3 0
1 2 - 1 0
2 3 1=2 2 0
1 3 3 2 0
1 4 1 0
1 - - 0
1 2 -=- 1 0
0
"Ann"
"Bo "
"Cy"
"Di"
"Committee election"
`
	e, err := ReadBLT(strings.NewReader(file))
	require.NoError(t, err)
	assert.Equal(t, &Election{
		Title: "Committee election", Names: []string{"Ann", "Bo ", "Cy", "Di"}, Seats: 2, Withdrawn: []int{3},
		Lines: []BallotLine{
			{3, []int{0, 2}},
			{1, []int{1, 0}}, // a skipped rank is passed over
			{2, []int{2}},    // an overvote ends the ballot
			{1, []int{2, 1}}, // a repeated candidate counts once
			{1, []int{0}},    // a withdrawn candidate is passed over
			{1, nil},         // a blank ballot
			{1, []int{1}},    // an overvote of blank marks ends the ballot too
		},
	}, e)
	assert.Equal(t, [][]int{{0, 2}, {0, 2}, {0, 2}, {1, 0}, {2}, {2}, {2, 1}, {0}, nil, {1}}, e.Ballots())
}

func TestReadBLTErrors(t *testing.T) {
	const names = "\"a\"\n\"b\"\n\"t\"\n"
	tests := []struct {
		name string
		file string
		line int
	}{
		{"empty file", "", 1},
		{"only comments", "# nothing\n\n", 3},
		{"header with one number", "2\n", 1},
		{"header not numbers", "two one\n", 1},
		{"no candidates", "0 1\n0\n\"t\"\n", 1},
		{"too many candidates", "2000 1\n", 1},
		{"no seats", "2 0\n", 1},
		{"more seats than candidates", "2 3\n", 1},
		{"withdrawn out of range", "2 1\n-3\n0\n" + names, 2},
		{"withdrawn twice", "2 1\n-1 -1\n0\n" + names, 2},
		{"withdrawn not a number", "2 1\n-x\n0\n" + names, 2},
		{"ballot without closing 0", "2 1\n1 1 2\n0\n" + names, 2},
		{"ballot with only a weight", "2 1\n1\n0\n" + names, 2},
		{"weight not a number", "2 1\nx 1 0\n0\n" + names, 2},
		{"weight zero", "2 1\n0 1 0\n0\n" + names, 2},
		{"weight too large", "2 1\n99999999999 1 0\n0\n" + names, 2},
		{"rank out of range", "2 1\n1 1 0\n1 3 0\n0\n" + names, 3},
		{"rank not a number", "2 1\n1 x 0\n0\n" + names, 2},
		{"overvote with a bad candidate", "2 1\n1 1=9 0\n0\n" + names, 2},
		{"no end of ballots", "2 1\n1 1 0\n", 3},
		{"missing names", "2 1\n1 1 0\n0\n\"a\"\n", 5},
		{"unquoted name", "2 1\n1 1 0\n0\na\n\"b\"\n\"t\"\n", 4},
		{"quote inside a name", "2 1\n0\n\"a\"b\"\n\"b\"\n\"t\"\n", 3},
		{"missing title", "2 1\n0\n\"a\"\n\"b\"\n", 5},
		{"text after the title", "2 1\n0\n" + names + "\"more\"\n", 6},
		{"a line too long", "2 1\n1 " + strings.Repeat("1 ", 1<<20) + "0\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := ReadBLT(strings.NewReader(tc.file))
			require.ErrorIs(t, err, ErrBLT)
			assert.Nil(t, e)
			var be *BLTError
			require.ErrorAs(t, err, &be)
			assert.Equal(t, tc.line, be.Line, "%v", err)
			assert.Contains(t, err.Error(), "line ")
		})
	}
}

func TestWriteBLTErrors(t *testing.T) {
	good := func() *Election {
		return &Election{Title: "t", Names: []string{"a", "b", "c"}, Seats: 1, Withdrawn: []int{2},
			Lines: []BallotLine{{2, []int{1, 0}}}}
	}
	tests := []struct {
		name   string
		change func(e *Election)
	}{
		{"no candidates", func(e *Election) { e.Names = nil }},
		{"no seats", func(e *Election) { e.Seats = 0 }},
		{"too many seats", func(e *Election) { e.Seats = 4 }},
		{"quote in a name", func(e *Election) { e.Names[1] = `b"` }},
		{"line break in the title", func(e *Election) { e.Title = "t\nu" }},
		{"withdrawn out of range", func(e *Election) { e.Withdrawn = []int{3} }},
		{"withdrawn out of order", func(e *Election) { e.Withdrawn = []int{2, 1} }},
		{"weight zero", func(e *Election) { e.Lines[0].Weight = 0 }},
		{"weight too large", func(e *Election) { e.Lines[0].Weight = MaxBLTWeight + 1 }},
		{"rank out of range", func(e *Election) { e.Lines[0].Ranking = []int{3} }},
		{"rank twice", func(e *Election) { e.Lines[0].Ranking = []int{1, 1} }},
		{"ranks a withdrawn candidate", func(e *Election) { e.Lines[0].Ranking = []int{2} }},
	}
	require.NoError(t, WriteBLT(&bytes.Buffer{}, good()))
	require.ErrorIs(t, WriteBLT(&bytes.Buffer{}, nil), ErrBLT)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := good()
			tc.change(e)
			var out bytes.Buffer
			err := WriteBLT(&out, e)
			require.ErrorIs(t, err, ErrBLT)
			assert.Zero(t, out.Len(), "nothing written")
		})
	}
}

// randomElection returns a random election that WriteBLT accepts.
func randomElection(r *rand.Rand) *Election {
	n := 1 + r.IntN(12)
	e := &Election{Title: "election " + string(rune('A'+r.IntN(26))), Seats: 1 + r.IntN(n)}
	for i := range n {
		e.Names = append(e.Names, strings.Repeat(" ", r.IntN(2))+"candidate "+string(rune('a'+i)))
	}
	for c := range n {
		if r.IntN(8) == 0 {
			e.Withdrawn = append(e.Withdrawn, c)
		}
	}
	for range r.IntN(40) {
		l := BallotLine{Weight: 1 + r.IntN(5)}
		for _, c := range r.Perm(n)[:r.IntN(n+1)] {
			if !contains(e.Withdrawn, c) {
				l.Ranking = append(l.Ranking, c)
			}
		}
		e.Lines = append(e.Lines, l)
	}
	return e
}

// TestBLTRoundTrip writes generated elections, reads them back equal, and
// writes them again byte for byte.
func TestBLTRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 5))
	for i := range 500 {
		e := randomElection(r)
		var first, second bytes.Buffer
		require.NoError(t, WriteBLT(&first, e))
		back, err := ReadBLT(bytes.NewReader(first.Bytes()))
		require.NoError(t, err, "election %d:\n%s", i, first.String())
		require.Equal(t, e, back, "election %d", i)
		require.NoError(t, WriteBLT(&second, back))
		require.Equal(t, first.String(), second.String())
	}
}

// FuzzReadBLT reads any input; whatever it accepts writes, reads back
// equal, and writes again byte for byte.
func FuzzReadBLT(f *testing.F) {
	f.Add("3 1\n1 1 2 0\n2 - 3 - 1 0\n1 2 1=3 3 0\n0\n\"a\"\n\"b\"\n\"c\"\n\"t\"\n")
	f.Add("4 2\n-4\n3 1 3 0\n0\n\"a\"\n\"b\"\n\"c\"\n\"d\"\n\"t\"\n")
	f.Add("# c\n1 1\n\n1 0\n0\n\"\"\n\"\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		e, err := ReadBLT(strings.NewReader(in))
		if err != nil {
			require.ErrorIs(t, err, ErrBLT)
			return
		}
		var first, second bytes.Buffer
		require.NoError(t, WriteBLT(&first, e))
		back, err := ReadBLT(bytes.NewReader(first.Bytes()))
		require.NoError(t, err)
		require.Equal(t, e, back)
		require.NoError(t, WriteBLT(&second, back))
		require.Equal(t, first.String(), second.String())
	})
}
