package count

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSTVFood is the example of the Wikipedia article "Single transferable
// vote": 20 voters choose 3 foods for a party. Quota floor(20/4)+1 = 6.
// Chocolate is elected with 12 and its surplus of 6 passes on at 6/12;
// Pears is excluded, which elects Oranges; Sweets is excluded and
// Strawberries, the last option left, takes the third seat.
func TestSTVFood(t *testing.T) {
	const (
		oranges = iota
		pears
		chocolate
		strawberries
		sweets
	)
	ballots := concat(
		repeat(4, oranges),
		repeat(2, pears, oranges),
		repeat(8, chocolate, strawberries),
		repeat(4, chocolate, sweets),
		repeat(1, strawberries),
		repeat(1, sweets),
	)
	r, err := STV(5, 3, ballots, nil)
	require.NoError(t, err)
	want := STVResult{Method: ScottishSTV,
		Resolution: Chosen, Seats: 3,
		Elected: []int{chocolate, oranges, strawberries},
		Ballots: 20, Quota: v(6, 0),
		Rounds: []STVRound{
			{
				Number: 1, Totals: []Value{v(4, 0), v(2, 0), v(12, 0), v(1, 0), v(1, 0)},
				Elected: []int{chocolate},
				Action:  TransferSurplus, From: []int{chocolate}, Surplus: v(6, 0), Total: v(12, 0),
				Transfers: []Value{0, 0, -v(6, 0), v(4, 0), v(2, 0)},
			},
			{
				Number: 2, Totals: []Value{v(4, 0), v(2, 0), v(6, 0), v(5, 0), v(3, 0)},
				Action: Exclude, From: []int{pears},
				Transfers: []Value{v(2, 0), -v(2, 0), 0, 0, 0},
			},
			{
				Number: 3, Totals: []Value{v(6, 0), 0, v(6, 0), v(5, 0), v(3, 0)},
				Elected: []int{oranges},
				Action:  Exclude, From: []int{sweets},
				Transfers: []Value{0, 0, 0, 0, -v(3, 0)}, ToExhausted: v(3, 0),
			},
			{
				Number: 4, Totals: []Value{v(6, 0), 0, v(6, 0), v(5, 0), 0}, Exhausted: v(3, 0),
				Deemed: []int{strawberries}, Action: CountEnds,
			},
		},
	}
	assert.Equal(t, want, r)
	assert.Equal(t, "20 ballots, 0 blank; 3 seats; quota 6\n"+
		"round 1: Oranges 4, Pears 2, Chocolate 12, Strawberries 1, Sweets 1; exhausted 0; lost 0\n"+
		"  elected Chocolate\n"+
		"  transfer surplus of Chocolate: 6 of 12; transfers: Chocolate -6, Strawberries +4, Sweets +2; exhausted +0; lost +0\n"+
		"round 2: Oranges 4, Pears 2, Chocolate 6, Strawberries 5, Sweets 3; exhausted 0; lost 0\n"+
		"  exclude Pears (fewest votes); transfers: Oranges +2, Pears -2; exhausted +0; lost +0\n"+
		"round 3: Oranges 6, Pears 0, Chocolate 6, Strawberries 5, Sweets 3; exhausted 0; lost 0\n"+
		"  elected Oranges\n"+
		"  exclude Sweets (fewest votes); transfers: Sweets -3; exhausted +3; lost +0\n"+
		"round 4: Oranges 6, Pears 0, Chocolate 6, Strawberries 5, Sweets 0; exhausted 3; lost 0\n"+
		"  elected without quota Strawberries\n"+
		"elected: Chocolate, Oranges, Strawberries\n",
		r.Report([]string{"Oranges", "Pears", "Chocolate", "Strawberries", "Sweets"}))
}

// TestSTVFractions is hand-worked so that transfer values do not divide
// evenly. 16 ballots, 2 seats, quota floor(16/3)+1 = 6. A is elected with 9;
// the surplus 3 passes at 3/9: each ballot is worth floor(10^9/3) = 333333333
// billionths, 7 of them to B and 2 to C; 3 billionths are lost to rounding.
// B is excluded and its ballots exhaust; D is excluded and C reaches the
// quota.
func TestSTVFractions(t *testing.T) {
	const (
		a = iota
		b
		c
		d
	)
	ballots := concat(repeat(7, a, b), repeat(2, a, c), repeat(4, c), repeat(3, d, c))
	r, err := STV(4, 2, ballots, nil)
	require.NoError(t, err)
	third := Value(333333333)
	want := STVResult{Method: ScottishSTV,
		Resolution: Chosen, Seats: 2, Elected: []int{a, c}, Ballots: 16, Quota: v(6, 0),
		Rounds: []STVRound{
			{
				Number: 1, Totals: []Value{v(9, 0), 0, v(4, 0), v(3, 0)}, Elected: []int{a},
				Action: TransferSurplus, From: []int{a}, Surplus: v(3, 0), Total: v(9, 0),
				Transfers: []Value{-v(3, 0), 7 * third, 2 * third, 0}, ToLost: 3,
			},
			{
				Number: 2, Totals: []Value{v(6, 0), 7 * third, v(4, 0) + 2*third, v(3, 0)}, Lost: 3,
				Action: Exclude, From: []int{b},
				Transfers: []Value{0, -7 * third, 0, 0}, ToExhausted: 7 * third,
			},
			{
				Number: 3, Totals: []Value{v(6, 0), 0, v(4, 0) + 2*third, v(3, 0)}, Exhausted: 7 * third, Lost: 3,
				Action: Exclude, From: []int{d},
				Transfers: []Value{0, 0, v(3, 0), -v(3, 0)},
			},
			{
				Number: 4, Totals: []Value{v(6, 0), 0, v(7, 0) + 2*third, 0}, Exhausted: 7 * third, Lost: 3,
				Elected: []int{c}, Action: CountEnds,
			},
		},
	}
	assert.Equal(t, want, r)
	assert.Equal(t, "2.333333331", r.Rounds[1].Totals[b].String())
}

// TestSTVTennessee elects two cities, hand-worked. Quota floor(100/3)+1 =
// 34. Memphis is elected with 42; its surplus of 8 passes to Nashville at
// 8/42, each ballot worth floor(8·10^9/42) = 190476190 billionths. Nashville
// ends a hair short of the quota, Chattanooga and then Knoxville are
// excluded, and Nashville takes the second seat.
func TestSTVTennessee(t *testing.T) {
	r, err := STV(4, 2, tennessee(), nil)
	require.NoError(t, err)
	assert.Equal(t, Chosen, r.Resolution)
	assert.Equal(t, []int{memphis, nashville}, r.Elected)
	require.Len(t, r.Rounds, 4)
	nash := v(26, 0) + 42*190476190
	assert.Equal(t, []Value{v(34, 0), nash, v(15, 0), v(17, 0)}, r.Rounds[1].Totals)
	assert.Equal(t, "33.99999998", nash.String())
	assert.Equal(t, Value(20), r.Rounds[1].Lost)
	assert.Equal(t, []int{chattanooga}, r.Rounds[1].From)
	assert.Equal(t, []int{knoxville}, r.Rounds[2].From)
	assert.Equal(t, []Value{v(34, 0), nash + v(32, 0), 0, 0}, r.Rounds[3].Totals)
	assert.Equal(t, []int{nashville}, r.Rounds[3].Elected)

	one, err := STV(4, 1, tennessee(), nil)
	require.NoError(t, err)
	assert.Equal(t, []int{knoxville}, one.Elected, "one seat: the same winner as instant runoff")
}

func TestSTV(t *testing.T) {
	const (
		a = iota
		b
		c
		d
	)
	tests := []struct {
		name    string
		n       int
		seats   int
		ballots [][]int
		opts    *Options
		outcome Resolution
		elected []int
		tied    []int
		ties    []TieMethod
	}{
		{
			name: "every option elected", n: 2, seats: 2, ballots: [][]int{{a}, {a, b}},
			outcome: Chosen, elected: []int{a, b},
		},
		{
			name: "blank ballots do not enter the quota", n: 3, seats: 1,
			ballots: concat(repeat(3, a), repeat(2, b), repeat(5, nil...)),
			outcome: Chosen, elected: []int{a},
		},
		{
			name: "only blank ballots", n: 3, seats: 1, ballots: [][]int{{}, {}},
			outcome: NoPreference,
		},
		{
			name: "options without votes are excluded together", n: 4, seats: 1,
			ballots: concat(repeat(2, a), repeat(2, b, a)),
			outcome: Chosen, elected: []int{a}, ties: []TieMethod{TieTogether, TieByPriority},
			opts: &Options{Priority: []int{a, b}},
		},
		{
			// Like San Francisco 2011 counted for three seats: two options tied
			// low, with too few votes to pass anyone or to lift anyone to the
			// quota, go out together instead of stopping the count.
			name: "low options tied above zero are excluded together", n: 6, seats: 2,
			ballots: concat(repeat(20, a), repeat(12, b), repeat(11, c), repeat(10, d), repeat(3, 4, d), repeat(3, 5, c)),
			outcome: Chosen, elected: []int{a, c}, ties: []TieMethod{TieTogether},
		},
		{
			name: "low options whose votes could lift another to the quota", n: 6, seats: 2,
			ballots: concat(repeat(23, a), repeat(17, b), repeat(11, c), repeat(10, d), repeat(3, 4, d), repeat(3, 5, c)),
			outcome: Tied, elected: []int{a}, tied: []int{4, 5}, ties: []TieMethod{TieUnbroken},
		},
		{
			name: "low options whose votes could lift another to the quota, by priority", n: 6, seats: 2,
			ballots: concat(repeat(23, a), repeat(17, b), repeat(11, c), repeat(10, d), repeat(3, 4, d), repeat(3, 5, c)),
			opts:    &Options{Priority: []int{a, b, c, d, 5, 4}},
			outcome: Chosen, elected: []int{a, b}, ties: []TieMethod{TieByPriority},
		},
		{
			name: "options without votes tie for the last seat", n: 4, seats: 3,
			ballots: concat(repeat(5, a), repeat(4, b)),
			outcome: Tied, elected: []int{a, b}, tied: []int{c, d}, ties: []TieMethod{TieUnbroken},
		},
		{
			name: "priority fills the last seat", n: 4, seats: 3,
			ballots: concat(repeat(5, a), repeat(4, b)), opts: &Options{Priority: []int{d, c}},
			outcome: Chosen, elected: []int{a, b, d}, ties: []TieMethod{TieByPriority},
		},
		{
			name: "equal surpluses without priority", n: 4, seats: 3,
			ballots: concat(repeat(5, a, c), repeat(5, b, c), repeat(1, c)),
			outcome: Tied, elected: []int{a, b}, tied: []int{a, b}, ties: []TieMethod{TieUnbroken},
		},
		{
			name: "equal surpluses ordered by priority", n: 4, seats: 3,
			ballots: concat(repeat(4, a, c), repeat(4, b, d), repeat(1, c), repeat(1, d)),
			opts:    &Options{Priority: []int{b}},
			outcome: Chosen, elected: []int{a, b, d}, ties: []TieMethod{TieByPriority, TieByEarlierRound},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := STV(tc.n, tc.seats, tc.ballots, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.outcome, r.Resolution)
			assert.Equal(t, tc.elected, r.Elected)
			assert.Equal(t, tc.tied, r.Tied)
			var ties []TieMethod
			for _, round := range r.Rounds {
				if round.TieBreak != nil {
					ties = append(ties, round.TieBreak.Method)
				}
			}
			assert.Equal(t, tc.ties, ties)
			last := r.Rounds[len(r.Rounds)-1]
			assert.Equal(t, CountEnds, last.Action)
			assert.Nil(t, last.Transfers)
			for _, round := range r.Rounds {
				assert.Equal(t, Value(r.Ballots-r.Blank)*Unit,
					sumOf(round.Totals)+round.Exhausted+round.Lost, "value is conserved in round %d", round.Number)
			}
		})
	}
}
