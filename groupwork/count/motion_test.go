package count

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// makeVotes builds a slice of yes, no and abstain votes.
func makeVotes(yes, no, abstain int) []Vote {
	var out []Vote
	for range yes {
		out = append(out, Yes)
	}
	for range no {
		out = append(out, No)
	}
	for range abstain {
		out = append(out, Abstain)
	}
	return out
}

func TestSimpleMajority(t *testing.T) {
	tests := []struct {
		name         string
		yes, no, abs int
		needed       int
		passed       bool
	}{
		// Robert's Rules §44: more than half of the votes cast, abstentions excluded.
		{"abstentions do not count against", 3, 2, 10, 3, true},
		{"a tie fails", 5, 5, 0, 6, false},
		{"one vote more passes", 6, 5, 0, 6, true},
		{"no votes cast fails", 0, 0, 4, 1, false},
		{"nobody at all fails", 0, 0, 0, 1, false},
		{"unanimous", 7, 0, 0, 4, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := SimpleMajority(makeVotes(tc.yes, tc.no, tc.abs))
			require.NoError(t, err)
			assert.Equal(t, MajorityOfVotesCast, r.Rule)
			assert.Equal(t, tc.yes, r.Yes)
			assert.Equal(t, tc.no, r.No)
			assert.Equal(t, tc.abs, r.Abstain)
			assert.Equal(t, tc.yes+tc.no, r.Base)
			assert.Equal(t, tc.needed, r.Needed)
			assert.Equal(t, tc.passed, r.Passed)
		})
	}
}

func TestAbsoluteMajority(t *testing.T) {
	tests := []struct {
		name         string
		yes, no, abs int
		eligible     int
		needed       int
		passed       bool
	}{
		// Robert's Rules §44: a majority of the entire membership.
		{"majority of a thousand members is 501", 501, 10, 0, 1000, 501, true},
		{"500 of a thousand is not enough", 500, 0, 0, 1000, 501, false},
		{"absentees work like no votes", 4, 1, 0, 10, 6, false},
		{"abstentions work like no votes", 5, 0, 4, 9, 5, true},
		{"odd membership", 4, 0, 0, 7, 4, true},
		{"no eligible voters fails", 0, 0, 0, 0, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := AbsoluteMajority(makeVotes(tc.yes, tc.no, tc.abs), tc.eligible)
			require.NoError(t, err)
			assert.Equal(t, MajorityOfEligible, r.Rule)
			assert.Equal(t, tc.eligible, r.Eligible)
			assert.Equal(t, tc.eligible, r.Base)
			assert.Equal(t, tc.needed, r.Needed)
			assert.Equal(t, tc.passed, r.Passed)
		})
	}
}

func TestSupermajority(t *testing.T) {
	tests := []struct {
		name         string
		f            Fraction
		yes, no, abs int
		needed       int
		passed       bool
	}{
		// Robert's Rules §44: at least two thirds of the votes cast.
		{"two thirds of 30 is 20", TwoThirds, 20, 10, 3, 20, true},
		{"19 of 30 fails", TwoThirds, 19, 11, 0, 20, false},
		{"two thirds of 9 is 6", TwoThirds, 6, 3, 0, 6, true},
		{"two thirds of 10 is 7", TwoThirds, 6, 4, 0, 7, false},
		{"three quarters of 8 is 6", ThreeQuarters, 6, 2, 0, 6, true},
		{"unanimity ignores abstentions", Unanimity, 5, 0, 3, 5, true},
		{"unanimity fails on one no", Unanimity, 5, 1, 0, 6, false},
		{"nothing cast fails", TwoThirds, 0, 0, 5, 1, false},
		{"a fraction just above a half", Fraction{500001, 1000000}, 6, 4, 0, 6, true},
		{"a fraction just above a half still needs more than half", Fraction{500001, 1000000}, 5, 5, 0, 6, false},
		{"huge exact fraction", Fraction{999_999_999_999, 1_000_000_000_000}, 1_000, 0, 0, 1_000, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Supermajority(makeVotes(tc.yes, tc.no, tc.abs), tc.f)
			require.NoError(t, err)
			assert.Equal(t, FractionOfVotesCast, r.Rule)
			assert.Equal(t, tc.f, r.Fraction)
			assert.Equal(t, tc.yes+tc.no, r.Base)
			assert.Equal(t, tc.needed, r.Needed)
			assert.Equal(t, tc.passed, r.Passed)
		})
	}
}

func TestSupermajorityOfEligible(t *testing.T) {
	tests := []struct {
		name         string
		f            Fraction
		yes, no, abs int
		eligible     int
		needed       int
		passed       bool
	}{
		// Robert's Rules §44: two thirds of the entire membership.
		{"two thirds of 12 members", TwoThirds, 8, 0, 0, 12, 8, true},
		{"absentees count against", TwoThirds, 7, 0, 0, 12, 8, false},
		{"unanimity of the membership", Unanimity, 5, 0, 0, 6, 6, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := SupermajorityOfEligible(makeVotes(tc.yes, tc.no, tc.abs), tc.f, tc.eligible)
			require.NoError(t, err)
			assert.Equal(t, FractionOfEligible, r.Rule)
			assert.Equal(t, tc.needed, r.Needed)
			assert.Equal(t, tc.passed, r.Passed)
		})
	}
}

func TestMotionErrors(t *testing.T) {
	ok := makeVotes(2, 1, 0)
	tests := []struct {
		name     string
		call     func() (MotionResult, error)
		sentinel error
		check    func(t *testing.T, err error)
	}{
		{"a half is not a supermajority", func() (MotionResult, error) { return Supermajority(ok, Fraction{1, 2}) }, ErrFraction, fractionIs(1, 2)},
		{"zero", func() (MotionResult, error) { return Supermajority(ok, Fraction{0, 1}) }, ErrFraction, fractionIs(0, 1)},
		{"more than one", func() (MotionResult, error) { return Supermajority(ok, Fraction{3, 2}) }, ErrFraction, fractionIs(3, 2)},
		{"zero denominator", func() (MotionResult, error) { return Supermajority(ok, Fraction{1, 0}) }, ErrFraction, fractionIs(1, 0)},
		{"negative denominator", func() (MotionResult, error) { return Supermajority(ok, Fraction{-2, -3}) }, ErrFraction, fractionIs(-2, -3)},
		{"fraction of eligible", func() (MotionResult, error) { return SupermajorityOfEligible(ok, Fraction{2, 5}, 5) }, ErrFraction, fractionIs(2, 5)},
		{"zero vote value", func() (MotionResult, error) { return SimpleMajority([]Vote{Yes, 0}) }, ErrUnknownVote, voteIs("vote", 1, 0)},
		{"vote value past the end", func() (MotionResult, error) { return Supermajority([]Vote{Yes, No, 9}, TwoThirds) }, ErrUnknownVote, voteIs("vote", 2, 9)},
		{"more votes than eligible", func() (MotionResult, error) { return AbsoluteMajority(ok, 2) }, ErrEligible, eligibleIs(2, 3)},
		{"negative eligible", func() (MotionResult, error) { return SupermajorityOfEligible(nil, TwoThirds, -1) }, ErrEligible, eligibleIs(-1, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.call()
			require.ErrorIs(t, err, tc.sentinel)
			assert.Zero(t, r)
			assert.Regexp(t, `^count: `, err.Error())
			tc.check(t, err)
		})
	}
}

func fractionIs(num, den int) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		var fe *FractionError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, FractionError{Fraction: Fraction{num, den}, Use: "supermajority"}, *fe)
	}
}

func voteIs(kind string, index int, value uint8) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		var ve *VoteError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, VoteError{Kind: kind, Index: index, Value: value}, *ve)
	}
}

func eligibleIs(eligible, n int) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		var ee *RangeError
		require.ErrorAs(t, err, &ee)
		assert.Equal(t, RangeError{What: "eligible voters", Value: eligible, Min: n, Max: math.MaxInt, Err: ErrEligible}, *ee)
	}
}

func TestMotionResultString(t *testing.T) {
	r, err := Supermajority(makeVotes(8, 3, 1), TwoThirds)
	require.NoError(t, err)
	assert.Equal(t, "passed: 8 yes, 3 no, 1 abstaining; needed 8 yes, at least 2/3 of 11 votes cast", r.String())
	r, err = AbsoluteMajority(makeVotes(4, 1, 0), 10)
	require.NoError(t, err)
	assert.Equal(t, "failed: 4 yes, 1 no, 0 abstaining; needed 6 yes, more than half of 10 eligible voters", r.String())
	assert.True(t, errors.Is(&FractionError{}, ErrFraction))
}
