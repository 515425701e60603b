package count

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInstantRunoffTennessee(t *testing.T) {
	r, err := InstantRunoff(4, tennessee(), nil)
	require.NoError(t, err)
	want := RunoffResult{
		Resolution: Chosen, Winner: knoxville,
		Ballots: 100,
		Rounds: []RunoffRound{
			{
				Number: 1, Counts: []int{42, 26, 15, 17}, Continuing: []int{0, 1, 2, 3},
				Eliminated: []int{chattanooga}, Transfers: []int{0, 0, -15, 15},
			},
			{
				Number: 2, Counts: []int{42, 26, 0, 32}, Continuing: []int{0, 1, 3},
				Eliminated: []int{nashville}, Transfers: []int{0, -26, 0, 26},
			},
			{Number: 3, Counts: []int{42, 0, 0, 58}, Continuing: []int{0, 3}},
		},
	}
	assert.Equal(t, want, r)
	assert.Equal(t, "100 ballots\n"+
		"round 1: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17; exhausted 0\n"+
		"  eliminated Chattanooga (fewest votes); transfers: Chattanooga -15, Knoxville +15; newly exhausted 0\n"+
		"round 2: Memphis 42, Nashville 26, Knoxville 32; exhausted 0\n"+
		"  eliminated Nashville (fewest votes); transfers: Nashville -26, Knoxville +26; newly exhausted 0\n"+
		"round 3: Memphis 42, Knoxville 58; exhausted 0\n"+
		"winner: Knoxville\n", r.Report(tennesseeNames))
}

func TestInstantRunoff(t *testing.T) {
	const (
		a = iota
		b
		c
		d
		e
	)
	backwards := concat(repeat(7, a), repeat(4, b), repeat(3, c, b), repeat(1, d, c, a))
	priority := concat(repeat(2, a), repeat(2, b, a), repeat(3, c))
	together := concat(repeat(3, a), repeat(2, b), repeat(2, c, b))
	tests := []struct {
		name    string
		n       int
		ballots [][]int
		opts    *Options
		want    RunoffResult
	}{
		{
			name: "majority in the first round", n: 3,
			ballots: concat(repeat(3, a), repeat(1, b), repeat(1, c, b)),
			want: RunoffResult{Resolution: Chosen, Winner: a, Ballots: 5, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{3, 1, 1}, Continuing: []int{a, b, c}},
			}},
		},
		{
			name: "tie for fewest broken by the earlier round", n: 4, ballots: backwards,
			want: RunoffResult{Resolution: Chosen, Winner: a, Ballots: 15, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{7, 4, 3, 1}, Continuing: []int{a, b, c, d},
					Eliminated: []int{d}, Transfers: []int{0, 0, 1, -1}},
				{Number: 2, Counts: []int{7, 4, 4, 0}, Continuing: []int{a, b, c},
					Eliminated: []int{c}, Transfers: []int{1, 3, -4, 0},
					TieBreak: &TieBreak{Tied: []int{b, c}, Method: TieByEarlierRound, Round: 1, Chosen: []int{c}}},
				{Number: 3, Counts: []int{8, 7, 0, 0}, Continuing: []int{a, b}},
			}},
		},
		{
			name: "tie for fewest broken by priority", n: 3, ballots: priority,
			opts: &Options{Priority: []int{a, b, c}},
			want: RunoffResult{Resolution: Chosen, Winner: a, Ballots: 7, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{2, 2, 3}, Continuing: []int{a, b, c},
					Eliminated: []int{b}, Transfers: []int{2, -2, 0},
					TieBreak: &TieBreak{Tied: []int{a, b}, Method: TieByPriority, Chosen: []int{b}}},
				{Number: 2, Counts: []int{4, 0, 3}, Continuing: []int{a, c}},
			}},
		},
		{
			name: "the other priority elects another option", n: 3, ballots: priority,
			opts: &Options{Priority: []int{b, a}},
			want: RunoffResult{Resolution: Chosen, Winner: c, Ballots: 7, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{2, 2, 3}, Continuing: []int{a, b, c},
					Eliminated: []int{a}, Transfers: []int{-2, 0, 0}, ToExhausted: 2,
					TieBreak: &TieBreak{Tied: []int{a, b}, Method: TieByPriority, Chosen: []int{a}}},
				{Number: 2, Counts: []int{0, 2, 3}, Continuing: []int{b, c}, Exhausted: 2},
			}},
		},
		{
			name: "unbroken tie for fewest stops the count", n: 3, ballots: priority,
			want: RunoffResult{Resolution: Tied, Winner: -1, Tied: []int{a, b}, Ballots: 7, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{2, 2, 3}, Continuing: []int{a, b, c},
					TieBreak: &TieBreak{Tied: []int{a, b}, Method: TieUnbroken, Chosen: []int{a, b}}},
			}},
		},
		{
			name: "options without votes go together, then an unbroken tie", n: 5, ballots: together,
			want: RunoffResult{Resolution: Tied, Winner: -1, Tied: []int{b, c}, Ballots: 7, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{3, 2, 2, 0, 0}, Continuing: []int{a, b, c, d, e},
					Eliminated: []int{d, e}, Transfers: []int{0, 0, 0, 0, 0},
					TieBreak: &TieBreak{Tied: []int{d, e}, Method: TieTogether, Chosen: []int{d, e}}},
				{Number: 2, Counts: []int{3, 2, 2, 0, 0}, Continuing: []int{a, b, c},
					TieBreak: &TieBreak{Tied: []int{b, c}, Method: TieUnbroken, Chosen: []int{b, c}}},
			}},
		},
		{
			// d and e tie; with c they hold 11 votes, fewer than a's 20, so
			// none of the three can win and they go together.
			name: "a tie settled by eliminating the group that cannot win", n: 5,
			ballots: concat(repeat(3, d, a), repeat(3, e, b), repeat(5, c, a), repeat(20, a), repeat(25, b)),
			want: RunoffResult{Resolution: Chosen, Winner: b, Ballots: 56, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{20, 25, 5, 3, 3}, Continuing: []int{a, b, c, d, e},
					Eliminated: []int{c, d, e}, Transfers: []int{8, 3, -5, -3, -3},
					TieBreak: &TieBreak{Tied: []int{d, e}, Method: TieTogether, Chosen: []int{c, d, e}}},
				{Number: 2, Counts: []int{28, 28, 0, 0, 0}, Continuing: []int{a, b},
					Eliminated: []int{a}, Transfers: []int{-28, 0, 0, 0, 0}, ToExhausted: 28,
					TieBreak: &TieBreak{Tied: []int{a, b}, Method: TieByEarlierRound, Round: 1, Chosen: []int{a}}},
				{Number: 3, Counts: []int{0, 28, 0, 0, 0}, Continuing: []int{b}, Exhausted: 28},
			}},
		},
		{
			name: "exhausted ballots leave the majority", n: 3,
			ballots: concat(repeat(2, a), repeat(3, b), repeat(1, c), [][]int{{}}),
			want: RunoffResult{Resolution: Chosen, Winner: b, Ballots: 7, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{2, 3, 1}, Continuing: []int{a, b, c}, Exhausted: 1,
					Eliminated: []int{c}, Transfers: []int{0, 0, -1}, ToExhausted: 1},
				{Number: 2, Counts: []int{2, 3, 0}, Continuing: []int{a, b}, Exhausted: 2},
			}},
		},
		{
			name: "only empty ballots", n: 2, ballots: [][]int{{}, nil},
			want: RunoffResult{Resolution: NoPreference, Winner: -1, Ballots: 2, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{0, 0}, Continuing: []int{a, b}, Exhausted: 2},
			}},
		},
		{
			name: "one option", n: 1, ballots: [][]int{{0}, {}},
			want: RunoffResult{Resolution: Chosen, Winner: a, Ballots: 2, Rounds: []RunoffRound{
				{Number: 1, Counts: []int{1}, Continuing: []int{a}, Exhausted: 1},
			}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := InstantRunoff(tc.n, tc.ballots, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.want, r)
		})
	}
}
