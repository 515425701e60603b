package groupwork

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// TestProposalTennessee has a hundred members vote the Tennessee ballots
// under three declared rules: the same ballots, three winners.
func TestProposalTennessee(t *testing.T) {
	tests := []struct {
		rule   Rule
		winner int
	}{
		{RulePlurality, memphis},
		{RuleInstantRunoff, knoxville},
		{RuleSchulze, nashville},
	}
	d := newDeciding(t, 100, Settings{})
	for _, tt := range tests {
		t.Run(tt.rule.String(), func(t *testing.T) {
			spec := choice(tt.rule, cities...)
			spec.Title = "Where shall the capital be?"
			id := d.propose(t, spec)
			var ballots []Ballot
			for _, r := range tennessee() {
				ballots = append(ballots, Ballot{Options: r})
			}
			d.vote(t, id, ballots...)
			dec, err := d.g.CloseProposal(d.members[0], id)
			require.NoError(t, err)
			assert.Equal(t, count.Chosen, dec.Resolution)
			assert.Equal(t, []int{tt.winner}, dec.Winners)
			assert.Equal(t, 100, dec.Eligible)
			assert.True(t, dec.Final)
			assert.Len(t, dec.Voters, 100)
			assert.Contains(t, dec.Report(), "resolution: chosen: "+cities[tt.winner])
		})
	}
	p, ok := d.g.Proposal(slices.Collect(d.g.Proposals())[1].ID())
	require.True(t, ok)
	dec, err := d.g.Decision(p.ID())
	require.NoError(t, err)
	require.NotNil(t, dec.Runoff)
	assert.Len(t, dec.Runoff.Rounds, 3, "every round of the runoff is kept")
}

// TestEveryRuleThroughAProposal decides one proposal under every rule, end
// to end, with the tally the rule's function gives.
func TestEveryRuleThroughAProposal(t *testing.T) {
	tests := []struct {
		name    string
		spec    ProposalSpec
		ballots []Ballot
		want    count.Resolution
		winners []int
		tally   func(d Decision) bool
	}{
		{"simple majority", motion("that we meet weekly"), []Ballot{{Vote: count.Yes}, {Vote: count.Yes}, {Vote: count.No}, {Vote: count.Abstain}},
			count.Passed, nil, func(d Decision) bool { return d.Motion != nil && d.Motion.Yes == 2 }},
		{"absolute majority", ProposalSpec{Title: "that we change our rules", Rule: RuleAbsoluteMajority, Review: review},
			[]Ballot{{Vote: count.Yes}, {Vote: count.Yes}, {Vote: count.No}}, count.Failed, nil, func(d Decision) bool { return d.Motion.Eligible == 5 && d.Motion.Needed == 3 }},
		{"supermajority", ProposalSpec{Title: "that we close debate", Rule: RuleSupermajority, Fraction: count.TwoThirds, Review: review},
			[]Ballot{{Vote: count.Yes}, {Vote: count.Yes}, {Vote: count.No}, {Vote: count.Abstain}}, count.Passed, nil, func(d Decision) bool { return d.Motion.Fraction == count.TwoThirds }},
		{"consensus blocked", ProposalSpec{Title: "that we march", Rule: RuleConsensus, Review: review},
			[]Ballot{{Stance: count.Agree}, {Stance: count.Agree}, {Stance: count.Block}, {Stance: count.StandAside}}, count.Failed, nil,
			func(d Decision) bool {
				return d.Consensus.Reason == count.ConsensusBlocked && slices.Equal(d.Consensus.Blockers, []int{2})
			}},
		{"consent", ProposalSpec{Title: "that we try Saturdays", Rule: RuleConsent, Review: review},
			[]Ballot{{Response: count.Consents}, {Response: count.ObjectionResolved}}, count.Passed, nil, func(d Decision) bool { return d.Consent.Resolved == 1 }},
		{"plurality", choice(RulePlurality, "games", "songs", "stories"), ranked([]int{1}, []int{1, 0}, []int{2}),
			count.Chosen, []int{1}, func(d Decision) bool { return d.Count != nil }},
		{"approval", choice(RuleApproval, "games", "songs", "stories"), ranked([]int{2, 0}, []int{0}, []int{1, 0}),
			count.Chosen, []int{0}, func(d Decision) bool { return d.Count.Counts[0] == 3 }},
		{"instant runoff", choice(RuleInstantRunoff, "lake", "dunes", "museum"), ranked([]int{0}, []int{1, 2}, []int{2, 1}, []int{1}, []int{0}),
			count.Chosen, []int{1}, func(d Decision) bool { return len(d.Runoff.Rounds) == 2 }},
		{"schulze", choice(RuleSchulze, "lake", "dunes", "museum"), ranked([]int{0, 1, 2}, []int{1, 2, 0}, []int{2, 1, 0}),
			count.Chosen, []int{1}, func(d Decision) bool { return d.Schulze.CondorcetWinner == 1 }},
		{"stv", ProposalSpec{Title: "our two delegates", Options: []string{"Rosa", "Hannah", "Maria"}, Rule: RuleSTV, Seats: 2, Review: review},
			ranked([]int{0, 2}, []int{0, 2}, []int{0}, []int{2}, []int{1, 2}), count.Chosen, []int{0, 2},
			func(d Decision) bool { return d.STV.Quota == 2*count.Unit }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeciding(t, 5, Settings{})
			id := d.propose(t, tt.spec)
			d.vote(t, id, tt.ballots...)
			dec, err := d.g.CloseProposal(d.members[0], id)
			require.NoError(t, err)
			assert.Equal(t, tt.want, dec.Resolution)
			assert.Equal(t, tt.winners, dec.Winners)
			assert.True(t, tt.tally(dec), "the tally of %s", dec.Report())
			assert.Equal(t, tt.spec.Rule, dec.Rule)
			assert.Equal(t, review, dec.Review)
			assert.Equal(t, d.members[0], dec.ClosedBy)
		})
	}
}

func TestProposeRefuses(t *testing.T) {
	m := uuid.MustParse("0192f5e0-7c1a-7000-8000-00000000bad1")
	past := t0.Add(-time.Hour)
	tests := []struct {
		name  string
		spec  func(sp *ProposalSpec)
		cause error
	}{
		{"a blank title", func(sp *ProposalSpec) { sp.Title = "  " }, ErrBlank},
		{"no rule", func(sp *ProposalSpec) { sp.Rule = 0 }, relationship.ErrInvalidValue},
		{"options for a motion", func(sp *ProposalSpec) { sp.Rule = RuleSimpleMajority }, nil},
		{"one option", func(sp *ProposalSpec) { sp.Options = []string{"lake"} }, count.ErrNoOptions},
		{"a blank option", func(sp *ProposalSpec) { sp.Options = []string{"lake", " "} }, ErrBlank},
		{"an option twice", func(sp *ProposalSpec) { sp.Options = []string{"lake", "dunes", "lake"} }, ErrRepeated},
		{"a supermajority of one half", func(sp *ProposalSpec) {
			sp.Rule, sp.Options, sp.Fraction = RuleSupermajority, nil, count.Fraction{Num: 1, Den: 2}
		}, count.ErrFraction},
		{"a fraction for plurality", func(sp *ProposalSpec) { sp.Rule, sp.Fraction = RulePlurality, count.TwoThirds }, nil},
		{"no seats for count.STV", func(sp *ProposalSpec) { sp.Rule = RuleSTV }, count.ErrSeats},
		{"more seats than options", func(sp *ProposalSpec) { sp.Rule, sp.Seats = RuleSTV, 4 }, count.ErrSeats},
		{"seats for a runoff", func(sp *ProposalSpec) { sp.Seats = 2 }, nil},
		{"a priority listing an option twice", func(sp *ProposalSpec) { sp.Priority = []int{1, 1} }, count.ErrDuplicateOption},
		{"a priority naming no option", func(sp *ProposalSpec) { sp.Priority = []int{3} }, count.ErrOptionOutOfRange},
		{"a negative quorum", func(sp *ProposalSpec) { sp.Quorum = Quorum{Count: -1} }, ErrInvalidQuorum},
		{"a quorum fraction over one", func(sp *ProposalSpec) { sp.Quorum = Quorum{Fraction: count.Fraction{Num: 3, Den: 2}} }, count.ErrFraction},
		{"a quorum of those present without a meeting", func(sp *ProposalSpec) {
			sp.Quorum = Quorum{Fraction: count.Fraction{Num: 1, Den: 2}, OfPresent: true}
		}, ErrInvalidQuorum},
		{"a count and a fraction", func(sp *ProposalSpec) { sp.Quorum = Quorum{Count: 2, Fraction: count.Fraction{Num: 1, Den: 2}} }, ErrInvalidQuorum},
		{"an unknown meeting", func(sp *ProposalSpec) { sp.Meeting = m }, ErrUnknownMeeting},
		{"a closing time already past", func(sp *ProposalSpec) { sp.Closes = past }, nil},
		{"no review date", func(sp *ProposalSpec) { sp.Review = time.Time{} }, relationship.ErrZeroTime},
		{"a review before the close", func(sp *ProposalSpec) { sp.Closes, sp.Review = review.Add(time.Hour), review }, nil},
		{"a review date a record cannot hold", func(sp *ProposalSpec) {
			sp.Review = time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("", -2*3600))
		}, relationship.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeciding(t, 3, Settings{})
			spec := choice(RuleInstantRunoff, "lake", "dunes", "museum")
			tt.spec(&spec)
			before := freezeAll(t, d.g)
			id, err := d.g.Propose(d.members[0], spec)
			assert.Equal(t, uuid.Nil, id)
			var pe *InputError
			require.ErrorAs(t, err, &pe)
			assert.ErrorIs(t, err, ErrInvalidProposal)
			if tt.cause != nil {
				assert.ErrorIs(t, err, tt.cause)
			}
			assertAllUnchanged(t, before, d.g)
		})
	}
}

// TestProposeRefusesDatesARecordCannotHold refuses closing and review
// dates whose year, in UTC, lies outside 0 to 9999: the proposal could be
// raised, but its record never saved.
func TestProposeRefusesDatesARecordCannotHold(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		closes time.Time
		review time.Time
		fields []string
	}{
		{"closes", far, far.AddDate(1, 0, 0), []string{"closes", "review"}},
		{"review", time.Time{}, far, []string{"review"}},
		{"review in UTC", time.Time{}, time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("", -2*3600)), []string{"review"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeciding(t, 3, Settings{})
			spec := choice(RuleInstantRunoff, "lake", "dunes")
			spec.Closes, spec.Review = tt.closes, tt.review
			before := freezeAll(t, d.g)
			_, err := d.g.Propose(d.members[0], spec)
			var fields []string
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var de *InputError
				require.ErrorAs(t, e, &de)
				assert.ErrorIs(t, e, relationship.ErrInvalidValue)
				assert.ErrorIs(t, e, ErrInvalidProposal)
				fields = append(fields, de.Field)
			}
			assert.Equal(t, tt.fields, fields)
			assertAllUnchanged(t, before, d.g)
		})
	}
}

func TestProposeReportsEveryProblemAtOnce(t *testing.T) {
	d := newDeciding(t, 2, Settings{})
	_, err := d.g.Propose(d.members[0], ProposalSpec{Rule: RulePlurality, Options: []string{"only"}})
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var pe *InputError
		require.ErrorAs(t, e, &pe)
		fields = append(fields, pe.Field)
	}
	assert.ElementsMatch(t, []string{"title", "options", "review"}, fields)
}

func TestOnlyMembersPropose(t *testing.T) {
	d := newDeciding(t, 2, Settings{FacilitatorVotes: true})
	_, err := d.g.Propose(d.fac, motion("that the worker decides"))
	var pe *relationship.PermissionError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, ActPropose, pe.Act)
	_, err = d.g.Propose(stranger, motion("that strangers decide"))
	assert.ErrorIs(t, err, relationship.ErrNotParty)
}

func TestVoteRefuses(t *testing.T) {
	tests := []struct {
		name     string
		settings Settings
		spec     ProposalSpec
		prepare  func(t *testing.T, d *deciding, id uuid.UUID)
		voter    func(d *deciding) relationship.PartyID
		ballot   Ballot
		want     error
		as       any
	}{
		{"a ranking for a motion", Settings{}, motion("m"), nil, first, Ballot{Options: []int{0}}, ErrWrongBallot, new(*BallotError)},
		{"a motion with no vote", Settings{}, motion("m"), nil, first, Ballot{}, ErrWrongBallot, nil},
		{"a vote and a stance", Settings{}, motion("m"), nil, first, Ballot{Vote: count.Yes, Stance: count.Agree}, ErrWrongBallot, nil},
		{"an unknown vote", Settings{}, motion("m"), nil, first, Ballot{Vote: 9}, count.ErrUnknownVote, new(*count.VoteError)},
		{"a yes to a choice", Settings{}, choice(RulePlurality, "a", "b"), nil, first, Ballot{Vote: count.Yes}, ErrWrongBallot, nil},
		{"an option that does not exist", Settings{}, choice(RuleSchulze, "a", "b"), nil, first, Ballot{Options: []int{0, 2}}, count.ErrOptionOutOfRange, new(*count.BallotError)},
		{"an option ranked twice", Settings{}, choice(RuleSTV, "a", "b"), nil, first, Ballot{Options: []int{1, 1}}, count.ErrDuplicateOption, new(*count.BallotError)},
		{"an option approved twice, secretly", Settings{}, secret(choice(RuleApproval, "a", "b")), nil, first, Ballot{Options: []int{0, 0}}, count.ErrDuplicateOption, nil},
		{"an unknown stance", Settings{}, ProposalSpec{Title: "c", Rule: RuleConsensus, Review: review}, nil, first, Ballot{Stance: 7}, count.ErrUnknownVote, nil},
		{"the facilitator, not allowed to vote", Settings{}, motion("m"), nil, fac, Ballot{Vote: count.Yes}, relationship.ErrNotPermitted, new(*relationship.PermissionError)},
		{"a former member", Settings{}, motion("m"), func(t *testing.T, d *deciding, _ uuid.UUID) {
			require.NoError(t, d.g.Leave(d.members[2], LeftMoved, ""))
		}, third, Ballot{Vote: count.Yes}, relationship.ErrNotParty, new(*relationship.PartyError)},
		{"a stranger", Settings{}, motion("m"), nil, func(*deciding) relationship.PartyID { return stranger }, Ballot{Vote: count.Yes}, relationship.ErrNotParty, nil},
		{"an absentee where the vote is taken at a meeting", Settings{}, at(motion("m")), nil, third, Ballot{Vote: count.Yes}, ErrNotEligible, new(*relationship.PermissionError)},
		{"after the close", Settings{}, motion("m"), func(t *testing.T, d *deciding, id uuid.UUID) {
			_, err := d.g.CloseProposal(d.members[0], id)
			require.NoError(t, err)
		}, first, Ballot{Vote: count.Yes}, ErrVotingClosed, new(*StateError)},
		{"after the withdrawal", Settings{}, motion("m"), func(t *testing.T, d *deciding, id uuid.UUID) {
			require.NoError(t, d.g.WithdrawProposal(d.members[0], id, "too soon"))
		}, first, Ballot{Vote: count.Yes}, ErrVotingClosed, nil},
		{"after the closing time", Settings{}, closing(motion("m")), func(t *testing.T, d *deciding, _ uuid.UUID) {
			d.clock.jump(2 * time.Hour)
		}, first, Ballot{Vote: count.Yes}, ErrVotingClosed, nil},
		{"in person while a proxy stands", Settings{MaxProxies: 1}, motion("m"), func(t *testing.T, d *deciding, id uuid.UUID) {
			_, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
		}, first, Ballot{Vote: count.Yes}, ErrProxyStanding, new(*ProxyError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeciding(t, 3, tt.settings, 2)
			spec := tt.spec
			if spec.Meeting == markMeeting {
				spec.Meeting = d.meeting
			}
			if !spec.Closes.IsZero() {
				spec.Closes = d.clock.next().Add(time.Hour)
			}
			id := d.propose(t, spec)
			if tt.prepare != nil {
				tt.prepare(t, d, id)
			}
			before := freezeAll(t, d.g)
			err := d.g.Vote(tt.voter(d), id, tt.ballot)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			if tt.as != nil {
				assert.ErrorAs(t, err, tt.as)
			}
			assertAllUnchanged(t, before, d.g)
		})
	}
}

func first(d *deciding) relationship.PartyID { return d.members[0] }
func third(d *deciding) relationship.PartyID { return d.members[2] }
func fac(d *deciding) relationship.PartyID   { return d.fac }

// markMeeting stands for the test group's meeting in a spec written before
// the group exists.
var markMeeting = uuid.MustParse("0192f5e0-7c1a-7000-8000-00000000eeee")

func at(sp ProposalSpec) ProposalSpec      { sp.Meeting = markMeeting; return sp }
func secret(sp ProposalSpec) ProposalSpec  { sp.Secret = true; return sp }
func hidden(sp ProposalSpec) ProposalSpec  { sp.Hidden = true; return sp }
func closing(sp ProposalSpec) ProposalSpec { sp.Closes = t0; return sp }

func TestUnknownProposal(t *testing.T) {
	d := newDeciding(t, 2, Settings{MaxProxies: 1})
	unknown := uuid.MustParse("0192f5e0-7c1a-7000-8000-00000000dead")
	before := freezeAll(t, d.g)
	var nf *NotFoundError
	require.ErrorAs(t, d.g.Vote(d.members[0], unknown, Ballot{Vote: count.Yes}), &nf)
	assert.ErrorIs(t, nf, ErrUnknownProposal)
	_, err := d.g.GrantProxy(d.members[0], unknown, d.members[1])
	assert.ErrorIs(t, err, ErrUnknownProposal)
	_, err = d.g.CloseProposal(d.members[0], unknown)
	assert.ErrorIs(t, err, ErrUnknownProposal)
	assert.ErrorIs(t, d.g.WithdrawProposal(d.members[0], unknown, "why"), ErrUnknownProposal)
	_, err = d.g.Decision(unknown)
	assert.ErrorIs(t, err, ErrUnknownProposal)
	assert.ErrorIs(t, d.g.VoteByProxy(d.members[0], unknown, Ballot{Vote: count.Yes}), ErrUnknownProxy)
	assert.ErrorIs(t, d.g.RevokeProxy(d.members[0], unknown), ErrUnknownProxy)
	_, ok := d.g.Proposal(unknown)
	assert.False(t, ok)
	assertAllUnchanged(t, before, d.g)
}

func TestChangedVoteReplacesTheEarlierOne(t *testing.T) {
	d := newDeciding(t, 3, Settings{})
	id := d.propose(t, motion("that we meet on Fridays"))
	require.NoError(t, d.g.Vote(d.members[1], id, Ballot{Vote: count.No}))
	require.NoError(t, d.g.Vote(d.members[1], id, Ballot{Vote: count.Yes}))
	require.NoError(t, d.g.Vote(d.members[1], id, Ballot{Vote: count.Abstain}))
	p, _ := d.g.Proposal(id)
	casts := slices.Collect(p.Casts())
	require.Len(t, casts, 1)
	assert.Equal(t, 2, casts[0].Changes)
	b, err := p.Ballot(d.members[1])
	require.NoError(t, err)
	assert.Equal(t, Ballot{Vote: count.Abstain}, b)
	var replaces []bool
	for e := range d.g.Record() {
		if v, ok := e.Event().(VoteCast); ok {
			replaces = append(replaces, v.Replaces)
		}
	}
	assert.Equal(t, []bool{false, true, true}, replaces, "the record says which votes replaced another")
	dec, err := d.g.Decision(id)
	require.NoError(t, err)
	assert.False(t, dec.Final)
	assert.Equal(t, 1, dec.Motion.Abstain)
	assert.Equal(t, 1, dec.Quorum.Participants, "one vote per member")
}

func TestFacilitatorVotesOnlyWhereSettingsSay(t *testing.T) {
	d := newDeciding(t, 2, Settings{FacilitatorVotes: true})
	id := d.propose(t, motion("that the club buy a ball"))
	require.NoError(t, d.g.Vote(d.fac, id, Ballot{Vote: count.Yes}))
	require.NoError(t, d.g.Vote(d.members[0], id, Ballot{Vote: count.No}))
	dec, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	assert.Equal(t, 3, dec.Eligible)
	assert.Equal(t, []relationship.PartyID{d.fac, d.members[0]}, dec.Voters, "the facilitator first, then members in joining order")
	_, err = d.g.CloseProposal(d.fac, id)
	assert.ErrorIs(t, err, relationship.ErrNotPermitted, "the facilitator never closes a vote")

	other := newDeciding(t, 2, Settings{})
	id = other.propose(t, motion("that the club buy a ball"))
	err = other.g.Vote(other.fac, id, Ballot{Vote: count.Yes})
	var ee *relationship.PermissionError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, relationship.RoleFacilitator, ee.Role)
	assert.ErrorIs(t, err, ErrNotEligible)
	assert.ErrorIs(t, err, relationship.ErrNotPermitted)
}

func TestSecretBallot(t *testing.T) {
	d := newDeciding(t, 4, Settings{})
	id := d.propose(t, secret(choice(RuleInstantRunoff, "lake", "dunes", "museum")))
	d.vote(t, id, ranked([]int{1, 2}, []int{0, 2}, []int{0}, []int{0, 1})...)
	for e := range d.g.Record() {
		if v, ok := e.Event().(VoteCast); ok {
			assert.Nil(t, v.Ballot, "the record keeps that a member voted, not how")
			b, err := e.MarshalJSON()
			require.NoError(t, err)
			assert.NotContains(t, string(b), "options")
		}
	}
	p, _ := d.g.Proposal(id)
	assert.True(t, p.Voted(d.members[2]))
	_, err := p.Ballot(d.members[2])
	assert.ErrorIs(t, err, ErrSecretBallot)
	_, err = d.g.Decision(id)
	assert.ErrorIs(t, err, ErrResultsHidden, "a running count of a secret vote would link voters to choices")

	dec, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	assert.Nil(t, dec.Voters)
	assert.Equal(t, ranked([]int{0}, []int{0, 1}, []int{0, 2}, []int{1, 2}), dec.Ballots, "anonymised, in canonical order")
	assert.Equal(t, []int{0}, dec.Winners)
	rec := slices.Collect(d.g.Record())
	closed := rec[len(rec)-1].Event().(ProposalClosed)
	assert.Equal(t, dec.Ballots, closed.Ballots)
	assert.Nil(t, closed.Votes)
	_, err = p.Ballot(d.members[2])
	assert.ErrorIs(t, err, ErrSecretBallot, "a secret ballot stays secret after the close")
	assert.Empty(t, sealedBox(d.g), "the box is emptied at the close")
	checkReplayEqual(t, d.g)
}

func TestHiddenResults(t *testing.T) {
	d := newDeciding(t, 3, Settings{})
	id := d.propose(t, hidden(ProposalSpec{Title: "that we go camping", Rule: RuleConsensus, Review: review}))
	d.vote(t, id, Ballot{Stance: count.Agree}, Ballot{Stance: count.StandAside}, Ballot{Stance: count.Agree})
	_, err := d.g.Decision(id)
	var he *BallotError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, id, he.Proposal)
	p, _ := d.g.Proposal(id)
	_, err = p.Ballot(d.members[1])
	assert.ErrorIs(t, err, ErrResultsHidden)
	for e := range d.g.Record() {
		if v, ok := e.Event().(VoteCast); ok {
			assert.Nil(t, v.Ballot, "a hidden vote's ballots stay out of the record until the close")
		}
	}

	dec, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	assert.Equal(t, count.Passed, dec.Resolution)
	assert.Equal(t, d.members, dec.Voters, "a hidden vote that is not secret names its voters at the close")
	p, _ = d.g.Proposal(id)
	b, err := p.Ballot(d.members[1])
	require.NoError(t, err)
	assert.Equal(t, Ballot{Stance: count.StandAside}, b)
	rec := slices.Collect(d.g.Record())
	closed := rec[len(rec)-1].Event().(ProposalClosed)
	assert.Len(t, closed.Votes, 3)
	assert.Equal(t, d.members[1], closed.Votes[1].Voter)
	checkReplayEqual(t, d.g)
}

// TestReloadWhileSecretVoteOpen saves a group while a secret vote is open
// and loads it: the loaded group knows who voted but not how, refuses to
// count until the voters have voted again, and then reaches the outcome the
// original group reaches.
func TestReloadWhileSecretVoteOpen(t *testing.T) {
	ctx := context.Background()
	d := newDeciding(t, 3, Settings{})
	id := d.propose(t, secret(choice(RuleInstantRunoff, "lake", "dunes", "museum")))
	ballots := ranked([]int{1}, []int{0, 1}, []int{1, 2})
	d.vote(t, id, ballots...)
	j := journal.NewMemory()
	require.NoError(t, d.g.Save(ctx, j))

	loaded, err := Load(ctx, j, d.g.ID(), &Options{Sources: &relationship.Sources{Clock: d.clock.read, IDs: relationship.SequentialIDs(9)}})
	require.NoError(t, err)
	p, _ := loaded.Proposal(id)
	assert.True(t, p.Voted(d.members[1]), "the record keeps that they voted")

	_, err = loaded.Decision(id)
	assert.ErrorIs(t, err, ErrResultsHidden)
	var me *BallotError
	before := freezeAll(t, loaded)
	_, err = loaded.CloseProposal(d.members[0], id)
	require.ErrorAs(t, err, &me)
	assert.Equal(t, d.members, me.Voters)
	assert.ErrorIs(t, err, ErrBallotsMissing)
	assertAllUnchanged(t, before, loaded)

	require.NoError(t, loaded.Vote(d.members[0], id, ballots[0]))
	_, err = loaded.CloseProposal(d.members[0], id)
	require.ErrorAs(t, err, &me)
	assert.Equal(t, d.members[1:], me.Voters, "only those who have not voted again are missing")
	require.NoError(t, loaded.Vote(d.members[1], id, ballots[1]))
	require.NoError(t, loaded.Vote(d.members[2], id, ballots[2]))
	again, err := loaded.CloseProposal(d.members[0], id)
	require.NoError(t, err)

	original, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	assert.Equal(t, original.Resolution, again.Resolution)
	assert.Equal(t, original.Winners, again.Winners)
	assert.Equal(t, original.Ballots, again.Ballots)
	assert.Equal(t, original.Runoff, again.Runoff)
	p, _ = loaded.Proposal(id)
	for c := range p.Casts() {
		assert.Equal(t, 1, c.Changes, "a vote cast again after loading replaces the lost one")
	}
	checkReplayEqual(t, loaded)
}

func TestReloadWhileSecretVoteOpenThenWithdraw(t *testing.T) {
	ctx := context.Background()
	d := newDeciding(t, 2, Settings{})
	id := d.propose(t, secret(motion("that we elect a treasurer")))
	d.vote(t, id, Ballot{Vote: count.Yes}, Ballot{Vote: count.No})
	j := journal.NewMemory()
	require.NoError(t, d.g.Save(ctx, j))
	loaded, err := Load(ctx, j, d.g.ID(), nil)
	require.NoError(t, err)
	require.NoError(t, loaded.WithdrawProposal(d.members[0], id, "the ballots were lost; we vote again next week"))
	_, err = loaded.Decision(id)
	assert.ErrorIs(t, err, ErrWithdrawn)
}

func TestProxies(t *testing.T) {
	d := newDeciding(t, 4, Settings{MaxProxies: 1}, 1)
	id := d.propose(t, ProposalSpec{Title: "that we hold a dance", Rule: RuleSimpleMajority, Meeting: d.meeting, Review: review})
	absentee, holder := d.members[1], d.members[2]
	proxy, err := d.g.GrantProxy(absentee, id, holder)
	require.NoError(t, err)
	require.NoError(t, d.g.VoteByProxy(holder, proxy, Ballot{Vote: count.Yes}), "the grantor was absent; the holder was there")
	require.NoError(t, d.g.VoteByProxy(holder, proxy, Ballot{Vote: count.No}), "the holder may change the vote until the close")
	require.NoError(t, d.g.Vote(holder, id, Ballot{Vote: count.Yes}), "the holder votes for herself as well")

	p, _ := d.g.Proposal(id)
	assert.Equal(t, d.meeting, p.Spec().Meeting)
	casts := slices.Collect(p.Casts())
	require.Len(t, casts, 2)
	assert.Equal(t, Cast{Voter: absentee, By: holder, Proxy: proxy, At: casts[0].At, Changes: 1}, casts[0])
	px := slices.Collect(p.Proxies())
	require.Len(t, px, 1)
	assert.True(t, px[0].Used)
	assert.True(t, px[0].Standing)
	var byProxy VoteCast
	var actor relationship.PartyID
	for e := range d.g.Record() {
		if v, ok := e.Event().(VoteCast); ok && v.Proxy != uuid.Nil {
			byProxy, actor = v, e.Actor()
		}
	}
	assert.Equal(t, proxy, byProxy.Proxy, "the record says the vote was cast by proxy")
	assert.Equal(t, holder, actor)

	err = d.g.RevokeProxy(absentee, proxy)
	assert.ErrorIs(t, err, ErrProxyUsed)
	err = d.g.Vote(absentee, id, Ballot{Vote: count.Yes})
	assert.ErrorIs(t, err, ErrProxyStanding, "her vote has been cast by proxy")

	dec, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	assert.Equal(t, 1, dec.Motion.Yes)
	assert.Equal(t, 1, dec.Motion.No)
}

func TestProxyRefuses(t *testing.T) {
	tests := []struct {
		name     string
		settings Settings
		act      func(t *testing.T, d *deciding, id uuid.UUID) error
		want     error
	}{
		{"proxies not allowed", Settings{}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			_, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			return err
		}, ErrProxyLimit},
		{"more proxies than a holder may hold", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			_, err := d.g.GrantProxy(d.members[0], id, d.members[2])
			require.NoError(t, err)
			_, err = d.g.GrantProxy(d.members[1], id, d.members[2])
			return err
		}, ErrProxyLimit},
		{"a proxy to oneself", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			_, err := d.g.GrantProxy(d.members[0], id, d.members[0])
			return err
		}, ErrSelfProxy},
		{"a proxy after voting", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			require.NoError(t, d.g.Vote(d.members[0], id, Ballot{Vote: count.Yes}))
			_, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			return err
		}, ErrAlreadyVoted},
		{"a second proxy", Settings{MaxProxies: 2}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			_, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
			_, err = d.g.GrantProxy(d.members[0], id, d.members[2])
			return err
		}, ErrProxyStanding},
		{"the facilitator as holder", Settings{MaxProxies: 1, FacilitatorVotes: true}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			_, err := d.g.GrantProxy(d.members[0], id, d.fac)
			return err
		}, ErrNotMember},
		{"the facilitator granting", Settings{MaxProxies: 1, FacilitatorVotes: true}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			_, err := d.g.GrantProxy(d.fac, id, d.members[0])
			return err
		}, relationship.ErrNotPermitted},
		{"a revocation by someone else", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			px, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
			return d.g.RevokeProxy(d.members[1], px)
		}, ErrNotGrantor},
		{"a revocation twice", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			px, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
			require.NoError(t, d.g.RevokeProxy(d.members[0], px))
			return d.g.RevokeProxy(d.members[0], px)
		}, ErrAlreadyDone},
		{"a vote under someone else's proxy", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			px, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
			return d.g.VoteByProxy(d.members[2], px, Ballot{Vote: count.Yes})
		}, ErrNoMandate},
		{"a vote under a revoked proxy", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			px, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
			require.NoError(t, d.g.RevokeProxy(d.members[0], px))
			return d.g.VoteByProxy(d.members[1], px, Ballot{Vote: count.Yes})
		}, ErrNoMandate},
		{"a vote for a grantor who has left", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			px, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
			require.NoError(t, d.g.Leave(d.members[0], LeftMoved, ""))
			return d.g.VoteByProxy(d.members[1], px, Ballot{Vote: count.Yes})
		}, ErrNoMandate},
		{"a proxy whose holder left", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, id uuid.UUID) error {
			px, err := d.g.GrantProxy(d.members[0], id, d.members[1])
			require.NoError(t, err)
			require.NoError(t, d.g.Leave(d.members[1], LeftMoved, ""))
			require.NoError(t, d.g.Vote(d.members[0], id, Ballot{Vote: count.Yes}), "a lapsed proxy does not stand in her way")
			return d.g.VoteByProxy(d.members[1], px, Ballot{Vote: count.Yes})
		}, relationship.ErrNotParty},
		{"a vote by an absent holder", Settings{MaxProxies: 1}, func(t *testing.T, d *deciding, _ uuid.UUID) error {
			id, err := d.g.Propose(d.members[0], ProposalSpec{Title: "at the meeting", Rule: RuleSimpleMajority, Meeting: d.meeting, Review: review})
			require.NoError(t, err)
			px, err := d.g.GrantProxy(d.members[0], id, d.members[3])
			require.NoError(t, err)
			return d.g.VoteByProxy(d.members[3], px, Ballot{Vote: count.Yes})
		}, ErrNotEligible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeciding(t, 4, tt.settings, 3)
			id := d.propose(t, motion("that we hold a dance"))
			err := tt.act(t, d, id)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

func TestFailedProxyCallsChangeNothing(t *testing.T) {
	d := newDeciding(t, 3, Settings{MaxProxies: 1})
	id := d.propose(t, motion("that we hold a dance"))
	px, err := d.g.GrantProxy(d.members[0], id, d.members[1])
	require.NoError(t, err)
	before := freezeAll(t, d.g)
	_, err = d.g.GrantProxy(d.members[2], id, d.members[1])
	var pe *ProxyError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, ProxyError{Proposal: id, Grantor: d.members[2], Holder: d.members[1], Limit: 1, Err: ErrProxyLimit}, *pe)
	assert.Contains(t, err.Error(), "(1 per holder)")
	assert.Error(t, d.g.RevokeProxy(d.members[1], px))
	assert.Error(t, d.g.VoteByProxy(d.members[2], px, Ballot{Vote: count.Yes}))
	assert.Error(t, d.g.VoteByProxy(d.members[1], px, Ballot{Options: []int{1}}))
	assertAllUnchanged(t, before, d.g)
}

func TestQuorum(t *testing.T) {
	tests := []struct {
		name    string
		quorum  Quorum
		voters  int
		reached bool
		needed  int
		base    int
	}{
		{"no quorum asked", Quorum{}, 1, true, 0, 0},
		{"a count reached", Quorum{Count: 3}, 3, true, 3, 0},
		{"a count missed", Quorum{Count: 3}, 2, false, 3, 0},
		{"half the eligible", Quorum{Fraction: count.Fraction{Num: 1, Den: 2}}, 3, true, 3, 6},
		{"half the eligible missed", Quorum{Fraction: count.Fraction{Num: 1, Den: 2}}, 2, false, 3, 6},
		{"two thirds of those present", Quorum{Fraction: count.TwoThirds, OfPresent: true}, 3, true, 3, 4},
		{"two thirds of those present missed", Quorum{Fraction: count.TwoThirds, OfPresent: true}, 2, false, 3, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeciding(t, 6, Settings{}, 4, 5)
			spec := choice(RulePlurality, "lake", "dunes")
			spec.Quorum = tt.quorum
			spec.Meeting = d.meeting
			id := d.propose(t, spec)
			for i := range tt.voters {
				require.NoError(t, d.g.Vote(d.members[i], id, Ballot{Options: []int{1}}))
			}
			dec, err := d.g.CloseProposal(d.members[0], id)
			require.NoError(t, err)
			assert.Equal(t, QuorumCount{Quorum: tt.quorum, Base: tt.base, Needed: tt.needed, Participants: tt.voters, Reached: tt.reached}, dec.Quorum)
			if tt.reached {
				assert.Equal(t, count.Chosen, dec.Resolution)
				assert.Equal(t, []int{1}, dec.Winners)
			} else {
				assert.Equal(t, count.NoQuorum, dec.Resolution)
				assert.Nil(t, dec.Winners)
				require.NotNil(t, dec.Count, "the count is shown even without a quorum")
				assert.Equal(t, tt.voters, dec.Count.Counts[1])
			}
		})
	}
}

func TestQuorumText(t *testing.T) {
	for _, q := range []Quorum{{}, {Count: 4}, {Fraction: count.Fraction{Num: 1, Den: 2}}, {Fraction: count.TwoThirds, OfPresent: true}} {
		b, err := q.MarshalText()
		require.NoError(t, err)
		var back Quorum
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, q, back, "%q", b)
	}
	assert.Equal(t, "2/3 of present", Quorum{Fraction: count.TwoThirds, OfPresent: true}.String())
	assert.Equal(t, "none", Quorum{}.String())
	for _, bad := range []string{"many", "1/2 of everyone", "half of eligible", "1/x of present"} {
		_, err := ParseQuorum(bad)
		var te *relationship.TextError
		require.ErrorAs(t, err, &te, bad)
		assert.Equal(t, bad, te.Text)
	}
	_, err := count.ParseFraction("2:3")
	assert.ErrorIs(t, err, relationship.ErrUnknownText)
}

func TestClosingRules(t *testing.T) {
	t.Run("no one closes before the declared time, any member after", func(t *testing.T) {
		d := newDeciding(t, 3, Settings{})
		closes := d.clock.next().Add(time.Hour)
		id := d.propose(t, ProposalSpec{Title: "m", Rule: RuleSimpleMajority, Closes: closes, Review: review})
		before := freezeAll(t, d.g)
		_, err := d.g.CloseProposal(d.members[0], id)
		var te *StateError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, closes, te.At)
		assert.ErrorIs(t, err, ErrTooEarly)
		assertAllUnchanged(t, before, d.g)
		d.clock.jump(time.Hour)
		_, err = d.g.CloseProposal(d.members[2], id)
		require.NoError(t, err)
		_, err = d.g.CloseProposal(d.members[2], id)
		assert.ErrorIs(t, err, ErrVotingClosed, "closed once")
	})
	t.Run("with no declared time, the proposer closes", func(t *testing.T) {
		d := newDeciding(t, 3, Settings{})
		id := d.propose(t, motion("m"))
		_, err := d.g.CloseProposal(d.members[1], id)
		var pe *relationship.PermissionError
		require.ErrorAs(t, err, &pe)
		assert.ErrorIs(t, err, relationship.ErrNotPermitted)
		assert.Equal(t, ActCloseProposal, pe.Act)
		_, err = d.g.CloseProposal(d.fac, id)
		assert.ErrorIs(t, err, relationship.ErrNotPermitted)
		_, err = d.g.CloseProposal(d.members[0], id)
		require.NoError(t, err)
	})
	t.Run("a proposer who left leaves the close to any member", func(t *testing.T) {
		d := newDeciding(t, 3, Settings{})
		id := d.propose(t, motion("m"))
		require.NoError(t, d.g.Leave(d.members[0], LeftMoved, ""))
		dec, err := d.g.CloseProposal(d.members[1], id)
		require.NoError(t, err)
		assert.Equal(t, d.members[1], dec.ClosedBy)
	})
}

func TestWithdraw(t *testing.T) {
	d := newDeciding(t, 3, Settings{})
	id := d.propose(t, secret(motion("that we buy a piano")))
	d.vote(t, id, Ballot{Vote: count.Yes}, Ballot{Vote: count.No})
	before := freezeAll(t, d.g)
	var pe *relationship.PermissionError
	require.ErrorAs(t, d.g.WithdrawProposal(d.members[1], id, "no"), &pe)
	assert.Equal(t, ActWithdrawProposal, pe.Act)
	assert.ErrorIs(t, d.g.WithdrawProposal(d.members[0], id, " "), ErrBlank)
	assert.ErrorIs(t, d.g.WithdrawProposal(d.fac, id, "no"), relationship.ErrNotPermitted)
	assertAllUnchanged(t, before, d.g)
	require.NoError(t, d.g.WithdrawProposal(d.members[0], id, "the landlord will not have it"))
	assert.Empty(t, sealedBox(d.g), "the sealed ballots are discarded unread")
	p, _ := d.g.Proposal(id)
	assert.True(t, p.IsWithdrawn())
	assert.Equal(t, "the landlord will not have it", p.WithdrawnBecause())
	_, err := d.g.Decision(id)
	var we *StateError
	require.ErrorAs(t, err, &we)
	assert.ErrorIs(t, d.g.WithdrawProposal(d.members[0], id, "again"), ErrVotingClosed)
	_, err = d.g.CloseProposal(d.members[0], id)
	assert.ErrorIs(t, err, ErrVotingClosed)
}

func TestLeavingTakesTheVote(t *testing.T) {
	d := newDeciding(t, 3, Settings{})
	id := d.propose(t, motion("that we meet on Fridays"))
	d.vote(t, id, Ballot{Vote: count.Yes}, Ballot{Vote: count.Yes}, Ballot{Vote: count.No})
	require.NoError(t, d.g.Leave(d.members[1], LeftMoved, ""))
	dec, err := d.g.Decision(id)
	require.NoError(t, err)
	assert.Equal(t, 1, dec.Motion.Yes, "the member who left took her vote with her")
	assert.Equal(t, 2, dec.Eligible)

	require.NoError(t, d.g.Join(d.members[1], "Hannah", Profile{}))
	dec, err = d.g.Decision(id)
	require.NoError(t, err)
	assert.Equal(t, 1, dec.Motion.Yes, "a vote from an earlier membership does not count again")
	require.NoError(t, d.g.Vote(d.members[1], id, Ballot{Vote: count.Yes}))
	p, _ := d.g.Proposal(id)
	assert.Equal(t, 0, slices.Collect(p.Casts())[1].Changes, "her new vote replaces nothing that stood")
	dec, err = d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	assert.Equal(t, 2, dec.Motion.Yes)
	assert.Equal(t, count.Passed, dec.Resolution)
}

func TestDecisionReport(t *testing.T) {
	d := newDeciding(t, 3, Settings{})
	spec := choice(RuleInstantRunoff, "the lake", "the dunes")
	spec.Title = "Where shall we go?"
	spec.Quorum = Quorum{Count: 2}
	id := d.propose(t, spec)
	d.vote(t, id, ranked([]int{1}, []int{0, 1}, []int{1})...)
	dec, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	assert.Equal(t, "Where shall we go? (instant-runoff; final)\n"+
		"3 eligible; quorum 2: 3 took part, 2 needed; reached\n"+
		"3 ballots\n"+
		"round 1: the lake 1, the dunes 2; exhausted 0\n"+
		"winner: the dunes\n"+
		"resolution: chosen: the dunes\n"+
		"review: 1911-10-04\n", dec.Report())
}

func TestProposalSnapshotDoesNotChange(t *testing.T) {
	d := newDeciding(t, 2, Settings{})
	spec := choice(RulePlurality, "a", "b")
	id := d.propose(t, spec)
	spec.Options[0] = "changed by the caller"
	p, _ := d.g.Proposal(id)
	d.vote(t, id, Ballot{Options: []int{0}})
	assert.Empty(t, slices.Collect(p.Casts()))
	assert.Equal(t, []string{"a", "b"}, slices.Collect(p.Options()))
	sp := p.Spec()
	sp.Options[1] = "changed by the reader"
	again, _ := d.g.Proposal(id)
	assert.Equal(t, []string{"a", "b"}, slices.Collect(again.Options()))
	assert.Equal(t, `"a choice" (plurality, open, 1 votes)`, again.String())
	b, err := again.Ballot(d.members[0])
	require.NoError(t, err)
	b.Options[0] = 1
	dec, err := d.g.Decision(id)
	require.NoError(t, err)
	assert.Equal(t, []int{0}, dec.Winners, "a ballot handed out is a copy")
	_, err = again.Ballot(d.members[1])
	assert.ErrorIs(t, err, ErrNoBallot)
	assert.True(t, errors.Is(err, ErrNoBallot))
}
