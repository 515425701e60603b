package groupwork

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// election is a random proposal and the ballots the members cast on it.
type election struct {
	spec    ProposalSpec
	members int
	ballots []Ballot // ballots[i] is member i's; a zero Ballot of a question rule means no vote
}

// randomSpec returns a valid spec for a random rule, secret, hidden, both
// or neither, with a random quorum and tie-break priority.
func randomSpec(r *rand.Rand) ProposalSpec {
	rule := Rule(1 + r.IntN(rules.Len()))
	sp := ProposalSpec{Title: "a random question", Rule: rule, Review: review, Secret: r.IntN(2) == 0, Hidden: r.IntN(2) == 0}
	if rule.ChoosesOptions() {
		n := 2 + r.IntN(4)
		for i := range n {
			sp.Options = append(sp.Options, fmt.Sprintf("option %d", i))
		}
		sp.Priority = r.Perm(n)[:r.IntN(n+1)]
	}
	switch rule {
	case RuleSupermajority:
		sp.Fraction = []count.Fraction{count.TwoThirds, count.ThreeQuarters, count.Unanimity, {Num: 3, Den: 5}}[r.IntN(4)]
	case RuleSTV:
		sp.Seats = 1 + r.IntN(len(sp.Options))
	}
	sp.Quorum = []Quorum{{}, {Count: 2}, {Fraction: count.Fraction{Num: 1, Den: 2}}}[r.IntN(3)]
	return sp
}

// randomBallot returns a valid ballot under the rule over n options.
func randomBallot(r *rand.Rand, rule Rule, n int) Ballot {
	switch rule.kind() {
	case kindVote:
		return Ballot{Vote: count.Vote(1 + r.IntN(3))}
	case kindStance:
		return Ballot{Stance: count.Stance(1 + r.IntN(4))}
	case kindResponse:
		return Ballot{Response: count.Response(1 + r.IntN(4))}
	}
	return Ballot{Options: clip(r.Perm(n)[:r.IntN(n+1)])}
}

func randomElection(r *rand.Rand) election {
	e := election{spec: randomSpec(r), members: 2 + r.IntN(7)}
	for range e.members {
		e.ballots = append(e.ballots, randomBallot(r, e.spec.Rule, len(e.spec.Options)))
	}
	return e
}

// hold plays the election in a fresh group, the members voting in the
// given order, and closes it.
func (e election) hold(t *testing.T, order []int) (*deciding, Decision) {
	t.Helper()
	d := newDeciding(t, e.members, Settings{})
	id := d.propose(t, e.spec)
	for _, i := range order {
		require.NoError(t, d.g.Vote(d.members[i], id, e.ballots[i]))
	}
	dec, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	return d, dec
}

// TestClosedDecisionsReplay holds random elections under every rule, open,
// secret and hidden, and rebuilds each group from its record, directly and
// through JSON: the recounted decision is identical to the one the live
// group reached, and so is the group.
func TestClosedDecisionsReplay(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	for k := range 60 {
		e := randomElection(r)
		t.Run(fmt.Sprintf("%d-%s", k, e.spec.Rule), func(t *testing.T) {
			d, dec := e.hold(t, r.Perm(e.members))
			for _, entries := range [][]relationship.Entry{slices.Collect(d.g.Record()), throughJSON(t, d.g)} {
				again, err := Replay(slices.Values(entries), nil)
				require.NoError(t, err)
				assertSameGroup(t, d.g, again)
				recounted, err := again.Decision(dec.Proposal)
				require.NoError(t, err)
				assert.Equal(t, dec, recounted)
			}
		})
	}
}

func throughJSON(t *testing.T, g *Group) []relationship.Entry {
	t.Helper()
	b, err := json.Marshal(slices.Collect(g.Record()))
	require.NoError(t, err)
	var back []relationship.Entry
	require.NoError(t, json.Unmarshal(b, &back))
	return back
}

// TestDecisionIgnoresCastOrder holds each random election twice, the
// members voting in two different orders: the decisions are identical,
// ballots, tallies and voters included.
func TestDecisionIgnoresCastOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 2026))
	for k := range 60 {
		e := randomElection(r)
		t.Run(fmt.Sprintf("%d-%s", k, e.spec.Rule), func(t *testing.T) {
			_, a := e.hold(t, r.Perm(e.members))
			_, b := e.hold(t, r.Perm(e.members))
			// The receipts' commitments hang on secrets drawn at random
			// as each member votes: by design they differ.
			if e.spec.Secret {
				assert.Len(t, a.Commitments, len(a.Ballots))
				assert.Len(t, b.Commitments, len(b.Ballots))
			}
			a.Commitments, b.Commitments = nil, nil
			assert.Equal(t, a, b)
		})
	}
}

// closedRecord returns the record of a group of three that held a vote
// under spec with the ballots, and the position of its closing entry.
func closedRecord(t *testing.T, spec ProposalSpec, ballots ...Ballot) ([]relationship.Entry, int) {
	d := newDeciding(t, len(ballots), Settings{})
	id := d.propose(t, spec)
	d.vote(t, id, ballots...)
	_, err := d.g.CloseProposal(d.members[0], id)
	require.NoError(t, err)
	rec := slices.Collect(d.g.Record())
	return rec, len(rec) - 1
}

// forgeAt returns rec with the event of entry i replaced.
func forgeAt(t *testing.T, rec []relationship.Entry, i int, ev relationship.Event) []relationship.Entry {
	out := slices.Clone(rec)
	e := rec[i]
	f, err := relationship.NewEntry(e.Seq(), e.Time(), e.Actor(), e.Act(), ev)
	require.NoError(t, err)
	out[i] = f
	return out
}

func TestReplayRefusesForgedDecisions(t *testing.T) {
	secretSpec := secret(choice(RuleInstantRunoff, "lake", "dunes", "museum"))
	secretRec, closeAt := closedRecord(t, secretSpec, ranked([]int{0}, []int{1, 0}, []int{1})...)
	closed := secretRec[closeAt].Event().(ProposalClosed)
	hiddenRec, hiddenAt := closedRecord(t, hidden(motion("m")), Ballot{Vote: count.Yes}, Ballot{Vote: count.No}, Ballot{Vote: count.Yes})
	hiddenClosed := hiddenRec[hiddenAt].Event().(ProposalClosed)
	openRec, openAt := closedRecord(t, motion("m"), Ballot{Vote: count.Yes}, Ballot{Vote: count.No})

	change := func(f func(c *ProposalClosed)) ProposalClosed {
		c := closed
		c.Ballots = slices.Clone(closed.Ballots)
		c.Winners = slices.Clone(closed.Winners)
		f(&c)
		return c
	}
	firstVote := slices.IndexFunc(secretRec, func(e relationship.Entry) bool { _, ok := e.Event().(VoteCast); return ok })
	vote := secretRec[firstVote].Event().(VoteCast)
	tests := []struct {
		name    string
		entries []relationship.Entry
		want    error
	}{
		{"a different winner", forgeAt(t, secretRec, closeAt, change(func(c *ProposalClosed) { c.Winners = []int{2} })), ErrOutcomeMismatch},
		{"a different resolution", forgeAt(t, secretRec, closeAt, change(func(c *ProposalClosed) { c.Resolution = count.Tied })), ErrOutcomeMismatch},
		{"a quorum said reached", forgeAt(t, openRec, openAt, func() ProposalClosed {
			c := openRec[openAt].Event().(ProposalClosed)
			c.Participants = 5
			return c
		}()), ErrOutcomeMismatch},
		{"secret ballots out of order", forgeAt(t, secretRec, closeAt, change(func(c *ProposalClosed) { slices.Reverse(c.Ballots) })), ErrOutcomeMismatch},
		{"a secret ballot too few", forgeAt(t, secretRec, closeAt, change(func(c *ProposalClosed) { c.Ballots = c.Ballots[1:] })), ErrOutcomeMismatch},
		{"a secret ballot naming no option", forgeAt(t, secretRec, closeAt, change(func(c *ProposalClosed) { c.Ballots[2] = Ballot{Options: []int{7}} })), count.ErrOptionOutOfRange},
		{"ballots in an open vote's close", forgeAt(t, openRec, openAt, func() ProposalClosed {
			c := openRec[openAt].Event().(ProposalClosed)
			c.Ballots = []Ballot{{Vote: count.Yes}, {Vote: count.Yes}}
			return c
		}()), ErrOutcomeMismatch},
		{"a hidden vote revealed under other names", forgeAt(t, hiddenRec, hiddenAt, func() ProposalClosed {
			c := hiddenClosed
			c.Votes = slices.Clone(c.Votes)
			c.Votes[0].Voter, c.Votes[1].Voter = c.Votes[1].Voter, c.Votes[0].Voter
			return c
		}()), ErrOutcomeMismatch},
		{"a secret ballot in the record", forgeAt(t, secretRec, firstVote, VoteCast{Proposal: vote.Proposal, Ballot: &Ballot{Options: []int{0}}}), relationship.ErrInvalidEntry},
		{"a vote said to replace nothing", forgeAt(t, secretRec, firstVote, VoteCast{Proposal: vote.Proposal, Replaces: true}), relationship.ErrInvalidEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Replay(slices.Values(tt.entries), nil)
			assert.Nil(t, g)
			var re *relationship.EntryError
			require.ErrorAs(t, err, &re)
			assert.ErrorIs(t, err, tt.want)
		})
	}
	var oe *RecordError
	_, err := Replay(slices.Values(forgeAt(t, secretRec, closeAt, change(func(c *ProposalClosed) { c.Winners = []int{2} }))), nil)
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, RecordError{ID: closed.Proposal, Field: "winners", Recorded: "[2]", Counted: "[1]", Err: ErrOutcomeMismatch}, *oe)
}
