package tally

import (
	"errors"
	"fmt"
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
		{"zero options", 0, nil, nil, ErrNoOptions, &OptionCountError{N: 0}},
		{"negative options", -3, [][]int{{0}}, nil, ErrNoOptions, &OptionCountError{N: -3}},
		{"too many options", MaxOptions + 1, [][]int{{0}}, nil, ErrTooManyOptions, &OptionCountError{N: MaxOptions + 1}},
		{"absurdly many options", 1 << 62, [][]int{{0}}, nil, ErrTooManyOptions, &OptionCountError{N: 1 << 62}},
		{"option past the end", 3, [][]int{{0, 1}, {2, 3}}, nil, ErrOptionOutOfRange,
			&OptionError{Ballot: 1, Position: 1, Option: 3, N: 3}},
		{"negative option", 3, [][]int{{-1}}, nil, ErrOptionOutOfRange,
			&OptionError{Ballot: 0, Position: 0, Option: -1, N: 3}},
		{"option ranked twice", 4, [][]int{{0}, {1}, {2, 0, 3, 0}}, nil, ErrDuplicateOption,
			&DuplicateError{Ballot: 2, Option: 0, First: 1, Second: 3}},
		{"bad ballot at the end", 2, [][]int{{0}, {1}, {1, 1}}, nil, ErrDuplicateOption,
			&DuplicateError{Ballot: 2, Option: 1, First: 0, Second: 1}},
		{"priority out of range", 3, [][]int{{0}}, &Options{Priority: []int{0, 7}}, ErrOptionOutOfRange,
			&OptionError{Ballot: -1, Position: 1, Option: 7, N: 3}},
		{"priority twice", 3, [][]int{{0}}, &Options{Priority: []int{2, 2}}, ErrDuplicateOption,
			&DuplicateError{Ballot: -1, Option: 2, First: 0, Second: 1}},
		{"wide election, option past the end", 70, [][]int{{69, 0}, {5, 70}}, nil, ErrOptionOutOfRange,
			&OptionError{Ballot: 1, Position: 1, Option: 70, N: 70}},
		{"wide election, option ranked twice", 70, [][]int{{69, 0}, {65, 1, 65}}, nil, ErrDuplicateOption,
			&DuplicateError{Ballot: 1, Option: 65, First: 0, Second: 2}},
	}
	for _, r := range ballotRules {
		for _, tc := range tests {
			t.Run(r.name+"/"+tc.name, func(t *testing.T) {
				res, err := r.run(tc.n, tc.ballots, tc.opts)
				require.ErrorIs(t, err, tc.sentinel)
				assert.Equal(t, tc.want, err)
				assert.Zero(t, res, "nothing partial on error")
				assert.Regexp(t, `^tally: `, err.Error())
			})
		}
	}
}

func TestSeatsErrors(t *testing.T) {
	for _, seats := range []int{-1, 0, 4} {
		t.Run(fmt.Sprintf("%d seats of 3", seats), func(t *testing.T) {
			r, err := STV(3, seats, [][]int{{0}}, nil)
			require.ErrorIs(t, err, ErrSeats)
			assert.Equal(t, &SeatsError{Seats: seats, N: 3}, err)
			assert.Zero(t, r)
		})
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&OptionCountError{N: 0}, "tally: no options: n = 0, need at least 1"},
		{&OptionCountError{N: 5000}, "tally: too many options: n = 5000, at most 1024"},
		{&OptionError{Ballot: 4, Position: 1, Option: 9, N: 3}, "tally: option 9 out of range 0..2 in ballot 4 at position 1"},
		{&OptionError{Ballot: -1, Position: 0, Option: 9, N: 3}, "tally: option 9 out of range 0..2 in tie-break priority at position 0"},
		{&DuplicateError{Ballot: 2, Option: 1, First: 0, Second: 2}, "tally: option 1 listed twice in ballot 2, at positions 0 and 2"},
		{&FractionError{Num: 1, Den: 2}, "tally: fraction 1/2 outside (1/2, 1]"},
		{&VoteError{Kind: "stance", Index: 3, Value: 0}, "tally: unknown stance value 0 at index 3"},
		{&EligibleError{Eligible: 2, Votes: 3}, "tally: 2 eligible voters cannot cast 3 votes"},
		{&SeatsError{Seats: 0, N: 3}, "tally: 0 seats out of range 1..3"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.err.Error())
			assert.NotNil(t, errors.Unwrap(tc.err))
		})
	}
}
