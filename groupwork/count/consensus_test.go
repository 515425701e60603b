package count

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConsensus(t *testing.T) {
	const (
		a = Agree
		s = StandAside
		d = Disagree
		x = Block
	)
	tests := []struct {
		name        string
		stances     []Stance
		passed      bool
		reason      ConsensusReason
		standAsides []int
		disagree    []int
		blockers    []int
	}{
		{"everyone agrees", []Stance{a, a, a}, true, ConsensusReached, nil, nil, nil},
		{"stand-asides do not stop it", []Stance{a, s, s, a}, true, ConsensusReached, []int{1, 2}, nil, nil},
		{"one block stops it", []Stance{a, a, a, a, x}, false, ConsensusBlocked, nil, nil, []int{4}},
		{"a block stops it whatever else", []Stance{x, a, s, d, x}, false, ConsensusBlocked, []int{2}, []int{3}, []int{0, 4}},
		{"one disagreement is recorded, not a veto", []Stance{a, a, d}, true, ConsensusReached, nil, []int{2}, nil},
		{"as many disagree as agree", []Stance{a, d, s}, false, ConsensusDivided, []int{2}, []int{1}, nil},
		{"more disagree than agree", []Stance{a, d, d}, false, ConsensusDivided, nil, []int{1, 2}, nil},
		{"everyone stands aside", []Stance{s, s}, false, ConsensusNoSupport, []int{0, 1}, nil, nil},
		{"only disagreement", []Stance{d}, false, ConsensusNoSupport, nil, []int{0}, nil},
		{"nobody took part", nil, false, ConsensusNoSupport, nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Consensus(tc.stances)
			require.NoError(t, err)
			assert.Equal(t, tc.passed, r.Passed)
			assert.Equal(t, tc.reason, r.Reason)
			assert.Equal(t, len(tc.stances), r.Participants)
			assert.Equal(t, tc.standAsides, r.StandAsides)
			assert.Equal(t, tc.disagree, r.Disagreements)
			assert.Equal(t, tc.blockers, r.Blockers)
			assert.Equal(t, len(tc.standAsides), r.StandAside)
			assert.Equal(t, len(tc.disagree), r.Disagree)
			assert.Equal(t, len(tc.blockers), r.Block)
			assert.Equal(t, r.Participants, r.Agree+r.StandAside+r.Disagree+r.Block)
		})
	}
}

func TestConsensusErrors(t *testing.T) {
	for _, bad := range []Stance{0, 5, 255} {
		t.Run(bad.String(), func(t *testing.T) {
			r, err := Consensus([]Stance{Agree, bad})
			require.ErrorIs(t, err, ErrUnknownVote)
			assert.Zero(t, r)
			voteIs("stance", 1, uint8(bad))(t, err)
		})
	}
}

func TestConsent(t *testing.T) {
	const (
		c = Consents
		o = Objects
		r = ObjectionResolved
		w = ObjectionWithdrawn
	)
	tests := []struct {
		name      string
		responses []Response
		passed    bool
		standing  int
		objectors []int
	}{
		{"no objections", []Response{c, c, c}, true, 0, nil},
		{"a standing objection stops it", []Response{c, o, c}, false, 1, []int{1}},
		{"resolved and withdrawn objections do not", []Response{c, r, w, r}, true, 0, nil},
		{"mixed", []Response{o, r, o, w}, false, 2, []int{0, 2}},
		{"an empty round gives no consent", nil, false, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Consent(tc.responses)
			require.NoError(t, err)
			assert.Equal(t, tc.passed, res.Passed)
			assert.Equal(t, tc.standing, res.Standing)
			assert.Equal(t, tc.objectors, res.Objectors)
			assert.Equal(t, len(tc.responses), res.Consenting+res.Standing+res.Resolved+res.Withdrawn)
		})
	}
	t.Run("string", func(t *testing.T) {
		res, err := Consent([]Response{c, r, w, o})
		require.NoError(t, err)
		assert.Equal(t, "no consent: 4 participants, 1 standing objections (1 resolved, 1 withdrawn)", res.String())
	})
	t.Run("unknown response", func(t *testing.T) {
		res, err := Consent([]Response{c, 7})
		require.ErrorIs(t, err, ErrUnknownVote)
		assert.Zero(t, res)
		voteIs("response", 1, 7)(t, err)
	})
}
