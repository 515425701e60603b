package count

import (
	"testing"

	"github.com/helpingwork/helping/relationship"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValueString(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{0, "0"},
		{Unit, "1"},
		{12 * Unit, "12"},
		{Unit / 2, "0.5"},
		{1, "0.000000001"},
		{10*Unit/3 + 0, "3.333333333"},
		{-5 * Unit / 4, "-1.25"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.v.String())
		})
	}
}

func TestReportsOfTies(t *testing.T) {
	t.Run("instant runoff", func(t *testing.T) {
		r, err := InstantRunoff(3, [][]int{{0}, {1}, {2, 0}, {2, 1}, {}}, nil)
		require.NoError(t, err)
		assert.Equal(t, "5 ballots\n"+
			"round 1: option 0 1, option 1 1, option 2 2; exhausted 1\n"+
			"  tie between option 0, option 1, unbroken: option 0, option 1 still tied\n"+
			"unbroken tie between option 0, option 1\n", r.String())
	})
	t.Run("instant runoff backwards", func(t *testing.T) {
		r, err := InstantRunoff(4, concat(repeat(7, 0), repeat(4, 1), repeat(3, 2, 1), repeat(1, 3, 2, 0)), nil)
		require.NoError(t, err)
		assert.Contains(t, r.String(), "  tie between option 1, option 2, by an earlier round (round 1): option 2\n")
	})
	t.Run("plurality without votes", func(t *testing.T) {
		r, err := Plurality(2, nil, nil)
		require.NoError(t, err)
		assert.Equal(t, "0 ballots, 0 blank\ncounts: option 0 0, option 1 0\nno votes\n", r.String())
	})
	t.Run("schulze cycle", func(t *testing.T) {
		r, err := Schulze(3, [][]int{{0, 1, 2}, {1, 2, 0}, {2, 0, 1}}, &Options{Priority: []int{2}})
		require.NoError(t, err)
		assert.Contains(t, r.String(), "no condorcet winner\npotential winners: option 0, option 1, option 2\n"+
			"tie between option 0, option 1, option 2, by the declared priority: option 2\nwinner: option 2\n")
	})
	t.Run("stv", func(t *testing.T) {
		r, err := STV(4, 3, concat(repeat(5, 0, 2), repeat(5, 1, 2), repeat(1, 2)), nil)
		require.NoError(t, err)
		assert.Equal(t, "11 ballots, 0 blank; 3 seats; quota 3\n"+
			"round 1: option 0 5, option 1 5, option 2 1, option 3 0; exhausted 0; lost 0\n"+
			"  elected option 0, option 1\n"+
			"  tie between option 0, option 1, unbroken: option 0, option 1 still tied\n"+
			"elected before the tie: option 0, option 1; unbroken tie between option 0, option 1\n", r.String())
	})
	t.Run("stv without votes", func(t *testing.T) {
		r, err := STV(2, 1, [][]int{{}}, nil)
		require.NoError(t, err)
		assert.Equal(t, "1 ballots, 1 blank; 1 seats; quota 1\n"+
			"round 1: option 0 0, option 1 0; exhausted 0; lost 0\nno votes\n", r.String())
	})
	t.Run("tie break", func(t *testing.T) {
		tb := &TieBreak{Tied: []int{1, 4}, Method: TieByPriority, Chosen: []int{4}}
		assert.Equal(t, "tie between option 1, option 4, by the declared priority: option 4", tb.String())
	})
	t.Run("consensus", func(t *testing.T) {
		r, err := Consensus([]Stance{Agree, Agree, StandAside, Disagree})
		require.NoError(t, err)
		assert.Equal(t, "consensus reached: 2 agree, 1 stand aside, 1 disagree, 0 block", r.String())
	})
	t.Run("consent", func(t *testing.T) {
		r, err := Consent([]Response{Consents, ObjectionResolved})
		require.NoError(t, err)
		assert.Equal(t, "consent: 2 participants, 0 standing objections (1 resolved, 0 withdrawn)", r.String())
	})
}

// TestWideElections runs the Tennessee example with 66 extra options that
// nobody ranks, so that the counts take their paths for more than 64
// options.
func TestWideElections(t *testing.T) {
	const n = 70
	irv, err := InstantRunoff(n, tennessee(), nil)
	require.NoError(t, err)
	assert.Equal(t, decided(knoxville), decision{irv.Resolution, irv.Winner, irv.Tied})
	require.Len(t, irv.Rounds, 4)
	first := irv.Rounds[0]
	require.NotNil(t, first.TieBreak)
	assert.Equal(t, TieTogether, first.TieBreak.Method)
	assert.Len(t, first.Eliminated, n-4)
	assert.Equal(t, []int{42, 26, 15, 17}, irv.Rounds[1].Counts[:4])
	assert.Equal(t, []int{42, 0, 0, 58}, irv.Rounds[3].Counts[:4])

	pl, err := Plurality(n, tennessee(), nil)
	require.NoError(t, err)
	assert.Equal(t, decided(memphis), decision{pl.Resolution, pl.Winner, pl.Tied})

	ap, err := Approval(n, [][]int{{69, 3}, {69}, {3, 68}}, nil)
	require.NoError(t, err)
	assert.Equal(t, tiedDecision([]int{3, 69}), decision{ap.Resolution, ap.Winner, ap.Tied})

	stv, err := STV(n, 2, tennessee(), nil)
	require.NoError(t, err)
	assert.Equal(t, []int{memphis, nashville}, stv.Elected)
}

func TestParseValue(t *testing.T) {
	for _, v := range []Value{0, 1, Unit, 12 * Unit, Unit / 2, -5 * Unit / 4, 3333333333, 1<<62 - 1, -(1<<62 - 1)} {
		t.Run(v.String(), func(t *testing.T) {
			text, err := v.MarshalText()
			require.NoError(t, err)
			var back Value
			require.NoError(t, back.UnmarshalText(text))
			assert.Equal(t, v, back)
		})
	}
	for _, bad := range []string{"", "-", ".5", "1.", "1.0000000001", "x", "1e3", "+1", "1.-5", "99999999999999999999"} {
		t.Run("bad "+bad, func(t *testing.T) {
			v := Value(7)
			require.ErrorIs(t, v.UnmarshalText([]byte(bad)), relationship.ErrUnknownText)
			assert.Equal(t, Value(7), v, "unchanged")
		})
	}
}
