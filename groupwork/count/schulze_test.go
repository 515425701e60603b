package count

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wikipediaSchulze is the 45-voter example of the Wikipedia article "Schulze
// method" (options A..E = 0..4), whose winner is E.
func wikipediaSchulze() [][]int {
	const (
		a = iota
		b
		c
		d
		e
	)
	return concat(
		repeat(5, a, c, b, e, d),
		repeat(5, a, d, e, c, b),
		repeat(8, b, e, d, a, c),
		repeat(3, c, a, b, e, d),
		repeat(7, c, a, e, b, d),
		repeat(2, c, b, a, d, e),
		repeat(7, d, c, e, b, a),
		repeat(8, e, b, a, d, c),
	)
}

func TestSchulzeWikipedia(t *testing.T) {
	r, err := Schulze(5, wikipediaSchulze(), nil)
	require.NoError(t, err)
	assert.Equal(t, [][]int{
		{0, 20, 26, 30, 22},
		{25, 0, 16, 33, 18},
		{19, 29, 0, 17, 24},
		{15, 12, 28, 0, 14},
		{23, 27, 21, 31, 0},
	}, r.Pairwise)
	assert.Equal(t, [][]int{
		{0, 28, 28, 30, 24},
		{25, 0, 28, 33, 24},
		{25, 29, 0, 29, 24},
		{25, 28, 28, 0, 24},
		{25, 28, 28, 31, 0},
	}, r.Strongest)
	assert.Equal(t, -1, r.CondorcetWinner, "the example has a cycle")
	assert.Equal(t, []int{4}, r.Potential)
	assert.Equal(t, decided(4), decision{r.Resolution, r.Winner, r.Tied})
	assert.Nil(t, r.TieBreak)
	// The Schulze ranking of the article: E > A > C > B > D.
	order := []int{4, 0, 2, 1, 3}
	for i, x := range order {
		for _, y := range order[i+1:] {
			assert.True(t, r.Beats(x, y), "%d beats %d", x, y)
			assert.False(t, r.Beats(y, x), "%d does not beat %d", y, x)
		}
	}
	assert.False(t, r.Beats(-1, 0))
	assert.False(t, r.Beats(0, 5))
}

func TestSchulzeTennessee(t *testing.T) {
	r, err := Schulze(4, tennessee(), nil)
	require.NoError(t, err)
	assert.Equal(t, [][]int{
		{0, 42, 42, 42},
		{58, 0, 68, 68},
		{58, 32, 0, 83},
		{58, 32, 17, 0},
	}, r.Pairwise)
	assert.Equal(t, nashville, r.CondorcetWinner)
	assert.Equal(t, decided(nashville), decision{r.Resolution, r.Winner, r.Tied})
	assert.Equal(t, "100 ballots\n"+
		"pairwise (row over column):\n"+
		"  Memphis: - 42 42 42\n"+
		"  Nashville: 58 - 68 68\n"+
		"  Chattanooga: 58 32 - 83\n"+
		"  Knoxville: 58 32 17 -\n"+
		"strongest paths:\n"+
		"  Memphis: - 0 0 0\n"+
		"  Nashville: 58 - 68 68\n"+
		"  Chattanooga: 58 0 - 83\n"+
		"  Knoxville: 58 0 0 -\n"+
		"condorcet winner: Nashville\n"+
		"potential winners: Nashville\n"+
		"winner: Nashville\n", r.Report(tennesseeNames))
}

func TestSchulze(t *testing.T) {
	const (
		a = iota
		b
		c
	)
	cycle := concat(repeat(1, a, b, c), repeat(1, b, c, a), repeat(1, c, a, b))
	tests := []struct {
		name      string
		n         int
		ballots   [][]int
		opts      *Options
		condorcet int
		potential []int
		want      decision
		method    TieMethod
	}{
		{"a perfect cycle is a tie", 3, cycle, nil, -1, []int{a, b, c}, tiedDecision([]int{a, b, c}), TieUnbroken},
		{"priority settles the cycle", 3, cycle, &Options{Priority: []int{c, a}}, -1, []int{a, b, c}, decided(c), TieByPriority},
		{
			// Hand-worked: 4 a>b>c, 3 b>c>a, 2 c>a>b. Pairwise a>b 6:3, b>c 7:2,
			// c>a 5:4. Strongest: a->b 6, a->c min(6,7)=6, b->a min(7,5)=5,
			// b->c 7, c->a 5, c->b min(5,6)=5. a beats b (6>5) and c (6>5).
			"a cycle resolved by path strengths", 3,
			concat(repeat(4, a, b, c), repeat(3, b, c, a), repeat(2, c, a, b)),
			nil, -1, []int{a}, decided(a), 0,
		},
		{
			// Truncated ballots: a ranked option is above every unranked one.
			"truncated ballots", 3, [][]int{{a}, {b}, {b}, {c, a}, {}},
			nil, -1, []int{a, b}, tiedDecision([]int{a, b}), TieUnbroken,
		},
		{"only empty ballots", 2, [][]int{{}, {}}, nil, -1, []int{a, b}, noVotes(), 0},
		{"one option", 1, [][]int{{a}}, nil, a, []int{a}, decided(a), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Schulze(tc.n, tc.ballots, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.condorcet, r.CondorcetWinner)
			assert.Equal(t, tc.potential, r.Potential)
			assert.Equal(t, tc.want, decision{r.Resolution, r.Winner, r.Tied})
			if tc.method == 0 {
				assert.Nil(t, r.TieBreak)
			} else {
				require.NotNil(t, r.TieBreak)
				assert.Equal(t, tc.method, r.TieBreak.Method)
			}
		})
	}
}

// TestSchulzeWide checks the counting path for more than 64 options against
// the same election spread over the first options of a wide ballot.
func TestSchulzeWide(t *testing.T) {
	narrow, err := Schulze(5, wikipediaSchulze(), nil)
	require.NoError(t, err)
	wide, err := Schulze(70, wikipediaSchulze(), nil)
	require.NoError(t, err)
	for x := range 5 {
		assert.Equal(t, narrow.Pairwise[x], wide.Pairwise[x][:5])
		for y := 5; y < 70; y++ {
			assert.Equal(t, 45, wide.Pairwise[x][y], "every ballot ranks %d above unranked %d", x, y)
			assert.Equal(t, 0, wide.Pairwise[y][x])
		}
	}
	assert.Equal(t, decided(4), decision{wide.Resolution, wide.Winner, wide.Tied})
}

// TestSchulzeCondorcetWinnerResolves checks that whenever the result names
// a Condorcet winner, the count elects it, even with nothing to beat.
func TestSchulzeCondorcetWinnerResolves(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		ballots [][]int
	}{
		{"one option, no ballots", 1, nil},
		{"one option, blank ballots", 1, [][]int{{}, {}}},
		{"one option, ranked", 1, [][]int{{0}, {}}},
		{"a clear winner", 3, [][]int{{2, 0}, {2}, {1, 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Schulze(tc.n, tc.ballots, nil)
			require.NoError(t, err)
			require.GreaterOrEqual(t, r.CondorcetWinner, 0)
			assert.Equal(t, Chosen, r.Resolution)
			assert.Equal(t, r.CondorcetWinner, r.Winner)
		})
	}
	r, err := Schulze(2, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, -1, r.CondorcetWinner, "two options, no ballots: nobody beats anybody")
	assert.Equal(t, NoPreference, r.Resolution)
}
