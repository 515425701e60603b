package count

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rule runs one ballot rule and returns its result as an any, so that the
// error tests can check every rule the same way.
type rule struct {
	name string
	run  func(n int, ballots [][]int, opts *Options) (any, error)
}

var ballotRules = []rule{
	{"plurality", func(n int, b [][]int, o *Options) (any, error) { return Plurality(n, b, o) }},
	{"approval", func(n int, b [][]int, o *Options) (any, error) { return Approval(n, b, o) }},
	{"instant runoff", func(n int, b [][]int, o *Options) (any, error) { return InstantRunoff(n, b, o) }},
	{"schulze", func(n int, b [][]int, o *Options) (any, error) { return Schulze(n, b, o) }},
	{"stv one seat", func(n int, b [][]int, o *Options) (any, error) { return STV(n, 1, b, o) }},
}

func TestBallotErrors(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		ballots  [][]int
		opts     *Options
		sentinel error
		want     error
	}{
		{"zero options", 0, nil, nil, ErrNoOptions, &RangeError{What: "options", Value: 0, Min: 1, Max: MaxOptions, Err: ErrNoOptions}},
		{"negative options", -3, [][]int{{0}}, nil, ErrNoOptions, &RangeError{What: "options", Value: -3, Min: 1, Max: MaxOptions, Err: ErrNoOptions}},
		{"too many options", MaxOptions + 1, [][]int{{0}}, nil, ErrTooManyOptions, &RangeError{What: "options", Value: MaxOptions + 1, Min: 1, Max: MaxOptions, Err: ErrTooManyOptions}},
		{"absurdly many options", 1 << 62, [][]int{{0}}, nil, ErrTooManyOptions, &RangeError{What: "options", Value: 1 << 62, Min: 1, Max: MaxOptions, Err: ErrTooManyOptions}},
		{"option past the end", 3, [][]int{{0, 1}, {2, 3}}, nil, ErrOptionOutOfRange,
			&BallotError{Ballot: 1, Position: 1, Option: 3, N: 3, First: -1, Err: ErrOptionOutOfRange}},
		{"negative option", 3, [][]int{{-1}}, nil, ErrOptionOutOfRange,
			&BallotError{Ballot: 0, Position: 0, Option: -1, N: 3, First: -1, Err: ErrOptionOutOfRange}},
		{"option ranked twice", 4, [][]int{{0}, {1}, {2, 0, 3, 0}}, nil, ErrDuplicateOption,
			&BallotError{Ballot: 2, Position: 3, Option: 0, N: 4, First: 1, Err: ErrDuplicateOption}},
		{"bad ballot at the end", 2, [][]int{{0}, {1}, {1, 1}}, nil, ErrDuplicateOption,
			&BallotError{Ballot: 2, Position: 1, Option: 1, N: 2, First: 0, Err: ErrDuplicateOption}},
		{"priority out of range", 3, [][]int{{0}}, &Options{Priority: []int{0, 7}}, ErrOptionOutOfRange,
			&BallotError{Ballot: -1, Position: 1, Option: 7, N: 3, First: -1, Err: ErrOptionOutOfRange}},
		{"priority twice", 3, [][]int{{0}}, &Options{Priority: []int{2, 2}}, ErrDuplicateOption,
			&BallotError{Ballot: -1, Position: 1, Option: 2, N: 3, First: 0, Err: ErrDuplicateOption}},
		{"wide election, option past the end", 70, [][]int{{69, 0}, {5, 70}}, nil, ErrOptionOutOfRange,
			&BallotError{Ballot: 1, Position: 1, Option: 70, N: 70, First: -1, Err: ErrOptionOutOfRange}},
		{"wide election, option ranked twice", 70, [][]int{{69, 0}, {65, 1, 65}}, nil, ErrDuplicateOption,
			&BallotError{Ballot: 1, Position: 2, Option: 65, N: 70, First: 0, Err: ErrDuplicateOption}},
	}
	for _, r := range ballotRules {
		for _, tc := range tests {
			t.Run(r.name+"/"+tc.name, func(t *testing.T) {
				res, err := r.run(tc.n, tc.ballots, tc.opts)
				require.ErrorIs(t, err, tc.sentinel)
				assert.Equal(t, tc.want, err)
				assert.Zero(t, res, "nothing partial on error")
				assert.Regexp(t, `^count: `, err.Error())
			})
		}
	}
}

func TestSeatsErrors(t *testing.T) {
	for _, seats := range []int{-1, 0, 4} {
		t.Run(fmt.Sprintf("%d seats of 3", seats), func(t *testing.T) {
			r, err := STV(3, seats, [][]int{{0}}, nil)
			require.ErrorIs(t, err, ErrSeats)
			assert.Equal(t, &RangeError{What: "seats", Value: seats, Min: 1, Max: 3, Err: ErrSeats}, err)
			assert.Zero(t, r)
		})
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{CheckOptions(0, 1), "count: 0 options, want 1..1024"},
		{&BallotError{Ballot: 4, Position: 1, Option: 9, N: 3, First: -1, Err: ErrOptionOutOfRange}, "count: option 9 out of range 0..2 in ballot 4 at position 1"},
		{&BallotError{Ballot: PriorityList, Position: 0, Option: 9, N: 3, First: -1, Err: ErrOptionOutOfRange}, "count: option 9 out of range 0..2 in the tie-break priority list at position 0"},
		{&BallotError{Ballot: 2, Position: 2, Option: 1, N: 3, First: 0, Err: ErrDuplicateOption}, "count: option 1 listed twice in ballot 2, at positions 0 and 2"},
		{&BallotError{Ballot: LoneBallot, Position: 2, Option: 1, N: 3, First: 0, Err: ErrDuplicateOption}, "count: option 1 listed twice in the ballot, at positions 0 and 2"},
		{&FractionError{Fraction: Fraction{1, 2}, Use: "supermajority"}, "count: supermajority fraction 1/2 outside (1/2, 1]"},
		{&FractionError{Fraction: Fraction{0, 2}, Use: "quorum"}, "count: quorum fraction 0/2 outside (0, 1]"},
		{&VoteError{Kind: "stance", Index: 3, Value: 0}, "count: unknown stance value 0 in ballot 3"},
		{&RangeError{What: "eligible voters", Value: 2, Min: 3, Max: math.MaxInt, Err: ErrEligible}, "count: 2 eligible voters, want at least 3"},
		{&RangeError{What: "seats", Value: 0, Min: 1, Max: 3, Err: ErrSeats}, "count: 0 seats, want 1..3"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.err.Error())
			assert.NotNil(t, errors.Unwrap(tc.err))
		})
	}
}

// TestSTVMethodError: an STV count asked for a method that does not exist
// is refused with the method named, whatever the ballots, and a method
// outside STV changes nothing for the other rules.
func TestSTVMethodError(t *testing.T) {
	for _, m := range []STVMethod{MeekSTV + 1, 255} {
		r, err := STV(3, 1, [][]int{{0}}, &Options{STV: m})
		require.ErrorIs(t, err, ErrSTVMethod)
		var re *RangeError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, &RangeError{What: "STV method", Value: int(m), Min: 1, Max: 2, Err: ErrSTVMethod}, re)
		assert.Contains(t, err.Error(), "STV method")
		assert.Zero(t, r)
	}
	for m := range STVMethods() {
		text, err := m.MarshalText()
		require.NoError(t, err)
		back, err := ParseSTVMethod(string(text))
		require.NoError(t, err)
		assert.Equal(t, m, back)
	}
	_, err := STVMethod(0).MarshalText()
	assert.Error(t, err)
	p, err := Plurality(2, [][]int{{0}}, &Options{STV: 9})
	require.NoError(t, err)
	assert.Equal(t, 0, p.Winner)
}
