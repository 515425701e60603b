package count

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlurality(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		ballots [][]int
		opts    *Options
		counts  []int
		blank   int
		want    decision
		method  TieMethod
	}{
		{
			name: "tennessee picks memphis", n: 4, ballots: tennessee(),
			counts: []int{42, 26, 15, 17}, want: decided(memphis),
		},
		{
			name: "single marks and blanks", n: 3,
			ballots: [][]int{{0}, {1}, {}, {1}, nil, {2, 0}},
			counts:  []int{1, 2, 1}, blank: 2, want: decided(1),
		},
		{
			name: "tie without priority", n: 3, ballots: [][]int{{0}, {2}, {1, 0}, {2}, {0}},
			counts: []int{2, 1, 2}, want: tiedDecision([]int{0, 2}), method: TieUnbroken,
		},
		{
			name: "tie broken by priority", n: 3, ballots: [][]int{{0}, {2}, {1, 0}, {2}, {0}},
			opts:   &Options{Priority: []int{1, 2, 0}},
			counts: []int{2, 1, 2}, want: decided(2), method: TieByPriority,
		},
		{
			name: "unlisted options rank below listed ones", n: 3, ballots: [][]int{{0}, {1}, {2}},
			opts:   &Options{Priority: []int{1}},
			counts: []int{1, 1, 1}, want: decided(1), method: TieByPriority,
		},
		{
			name: "two unlisted options stay tied", n: 3, ballots: [][]int{{0}, {1}},
			opts:   &Options{Priority: []int{2}},
			counts: []int{1, 1, 0}, want: tiedDecision([]int{0, 1}), method: TieUnbroken,
		},
		{
			name: "only blank ballots", n: 2, ballots: [][]int{{}, {}},
			counts: []int{0, 0}, blank: 2, want: noVotes(),
		},
		{
			name: "no ballots", n: 2, counts: []int{0, 0}, want: noVotes(),
		},
		{
			name: "one option", n: 1, ballots: [][]int{{0}}, counts: []int{1}, want: decided(0),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := deepCopy(tc.ballots)
			r, err := Plurality(tc.n, tc.ballots, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.counts, r.Counts)
			assert.Equal(t, len(tc.ballots), r.Ballots)
			assert.Equal(t, tc.blank, r.Blank)
			assert.Equal(t, tc.want, decision{r.Resolution, r.Winner, r.Tied})
			if tc.method == 0 {
				assert.Nil(t, r.TieBreak)
			} else {
				require.NotNil(t, r.TieBreak)
				assert.Equal(t, tc.method, r.TieBreak.Method)
			}
			assert.Equal(t, before, deepCopy(tc.ballots), "ballots modified")
		})
	}
}

func TestApproval(t *testing.T) {
	// The Tennessee example under approval, hand-worked: each voter approves
	// the cities within reach of home. Memphis voters approve only Memphis;
	// Nashville voters approve Nashville and Chattanooga; Chattanooga and
	// Knoxville voters approve Chattanooga and Knoxville.
	tn := concat(
		repeat(42, memphis),
		repeat(26, nashville, chattanooga),
		repeat(15, chattanooga, knoxville),
		repeat(17, knoxville, chattanooga),
	)
	tests := []struct {
		name    string
		n       int
		ballots [][]int
		opts    *Options
		counts  []int
		blank   int
		want    decision
	}{
		{"tennessee approves chattanooga", 4, tn, nil, []int{42, 26, 58, 32}, 0, decided(chattanooga)},
		{"order on a ballot does not matter", 3, [][]int{{2, 0}, {0, 2}, {1}}, nil, []int{2, 1, 2}, 0, tiedDecision([]int{0, 2})},
		{"priority breaks the tie", 3, [][]int{{2, 0}, {0, 2}, {1}}, &Options{Priority: []int{2, 0, 1}}, []int{2, 1, 2}, 0, decided(2)},
		{"approving everything and nothing", 3, [][]int{{0, 1, 2}, {}, {1}}, nil, []int{1, 2, 1}, 1, decided(1)},
		{"nobody approves anything", 3, [][]int{{}, nil}, nil, []int{0, 0, 0}, 2, noVotes()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Approval(tc.n, tc.ballots, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.counts, r.Counts)
			assert.Equal(t, tc.blank, r.Blank)
			assert.Equal(t, tc.want, decision{r.Resolution, r.Winner, r.Tied})
		})
	}
}

func TestCountResultReport(t *testing.T) {
	r, err := Plurality(4, tennessee(), nil)
	require.NoError(t, err)
	assert.Equal(t, "100 ballots, 0 blank\n"+
		"counts: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17\n"+
		"winner: Memphis\n", r.Report(tennesseeNames))
	r, err = Plurality(2, [][]int{{0}, {1}}, &Options{Priority: []int{1, 0}})
	require.NoError(t, err)
	assert.Equal(t, "2 ballots, 0 blank\n"+
		"counts: option 0 1, option 1 1\n"+
		"tie between option 0, option 1, by the declared priority: option 1\n"+
		"winner: option 1\n", r.String())
}
