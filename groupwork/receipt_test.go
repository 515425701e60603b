package groupwork

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship/keyring"
)

// rankedVote forms a club of n members and raises a secret instant-runoff
// vote among four options.
func rankedVote(t *testing.T, n int) (*fixture, uuid.UUID) {
	t.Helper()
	f := newFixture(t, clubSpec(), n)
	p, err := f.g.Propose(f.members[0], ProposalSpec{Title: "Which summer camp?", Options: []string{"lake", "dunes", "farm", "river"},
		Rule: RuleInstantRunoff, Secret: true, Review: t0.AddDate(1, 0, 0)})
	require.NoError(t, err)
	return f, p
}

// TestReceiptsOfAThousandVoters holds a secret vote of 1,000 members, each
// of whom takes a receipt: after the close, every receipt verifies
// against the decision, as the group returns it and as exported in JSON.
// Then the same ballots, with the same receipt secrets, are cast in a
// second world by different voters (voter i's ballot and receipt go to
// another member): the published data (the anonymised ballots, their
// commitments and the outcome) is byte for byte the same, so it alone
// cannot link a receipt, or a ballot, to a voter.
func TestReceiptsOfAThousandVoters(t *testing.T) {
	const n = 1000
	r := rand.New(rand.NewPCG(13, 2026))
	ballots := make([]Ballot, n)
	for i := range ballots {
		perm := r.Perm(4)
		ballots[i] = Ballot{Options: perm[:1+r.IntN(4)]}
	}
	hold := func(voterOf func(k int) int) (*fixture, Decision, []Receipt, []int) {
		f, p := rankedVote(t, n)
		receipts := make([]Receipt, n)
		voters := make([]int, n)
		for k := range n {
			voters[k] = voterOf(k)
			var err error
			receipts[k], err = f.g.VoteWithReceipt(f.members[voters[k]], p, ballots[k])
			require.NoError(t, err)
		}
		d, err := f.g.CloseProposal(f.members[0], p)
		require.NoError(t, err)
		return f, d, receipts, voters
	}
	fa, a, receipts, _ := hold(func(k int) int { return k })
	require.Len(t, a.Commitments, n)
	exported, err := json.Marshal(a)
	require.NoError(t, err)
	var back Decision
	require.NoError(t, json.Unmarshal(exported, &back))
	verified := 0
	for k, rc := range receipts {
		if assert.NoError(t, VerifyReceipt(rc, a), "receipt %d", k) && assert.NoError(t, VerifyReceipt(rc, back), "receipt %d, exported", k) {
			verified++
		}
	}
	assert.Equal(t, n, verified, "receipts that verify")

	shift := r.IntN(n-1) + 1
	_, b, receiptsB, voters := hold(func(k int) int { return (k + shift) % n })
	assert.Equal(t, receipts, receiptsB, "the same ballots and receipt secrets, in the same order")
	moved := 0
	for k := range n {
		if voters[k] != k {
			moved++
		}
	}
	assert.Equal(t, n, moved, "in the second world every ballot and receipt is another voter's")
	published := func(d Decision) string {
		j, err := json.Marshal(struct {
			B []Ballot
			C []string
			R count.Resolution
			W []int
			T *count.RunoffResult
		}{d.Ballots, d.Commitments, d.Resolution, d.Winners, d.Runoff})
		require.NoError(t, err)
		return string(j)
	}
	assert.Equal(t, published(a), published(b), "the published data is the same whoever cast which ballot")
	assert.Nil(t, a.Voters, "the decision names no voter")
	pub := published(a)
	named := 0
	for _, m := range fa.members {
		if strings.Contains(pub, m.String()) {
			named++
		}
	}
	assert.Zero(t, named, "members named in the published ballots and commitments")
	assert.True(t, slices.IsSortedFunc(a.Ballots, compareBallots), "ballots in canonical order")
}

// TestReceiptsOfBallotsNotCounted checks the receipts that must not
// verify: the receipt of a vote later changed (the new one does), of a
// member who left before the close, a receipt altered in its secret, its
// ballot or its proposal, and any receipt before the close.
func TestReceiptsOfBallotsNotCounted(t *testing.T) {
	f, p := rankedVote(t, 4)
	m := f.members
	old, err := f.g.VoteWithReceipt(m[0], p, Ballot{Options: []int{0, 1}})
	require.NoError(t, err)
	changed, err := f.g.VoteWithReceipt(m[0], p, Ballot{Options: []int{1, 0}})
	require.NoError(t, err)
	assert.NotEqual(t, old.Secret, changed.Secret, "a changed vote gets a new receipt")
	leaver, err := f.g.VoteWithReceipt(m[1], p, Ballot{Options: []int{2}})
	require.NoError(t, err)
	require.NoError(t, f.g.Leave(m[1], LeftMoved, ""))
	same, err := f.g.VoteWithReceipt(m[2], p, Ballot{Options: []int{0, 1}})
	require.NoError(t, err)
	require.NoError(t, f.g.Vote(m[3], p, Ballot{Options: []int{3}}))

	open, ok := f.g.Proposal(p)
	require.True(t, ok)
	assert.True(t, open.IsOpen())
	d, cerr := f.g.CloseProposal(m[0], p)
	require.NoError(t, cerr)
	require.Len(t, d.Commitments, 3, "a ballot cast without a receipt is committed to as well")
	assert.NoError(t, VerifyReceipt(changed, d))
	assert.NoError(t, VerifyReceipt(same, d))

	flipped := same
	flipped.Secret = slices.Clone(same.Secret)
	flipped.Secret[0] ^= 1
	otherBallot := same
	otherBallot.Ballot = Ballot{Options: []int{3}}
	otherProposal := same
	otherProposal.Proposal = uuid.MustParse("0192f5e0-7c1a-7000-8000-0000000000aa")
	running := d
	running.Final = false
	for name, c := range map[string]struct {
		r    Receipt
		d    Decision
		want error
	}{
		"changed vote":      {old, d, ErrNotCounted},
		"left before close": {leaver, d, ErrNotCounted},
		"altered secret":    {flipped, d, ErrNotCounted},
		"altered ballot":    {otherBallot, d, ErrNotCounted},
		"another proposal":  {otherProposal, d, ErrNotCounted},
		"not final":         {same, running, ErrNotCounted},
		"no commitments":    {same, Decision{Proposal: p, Final: true, Ballots: d.Ballots}, ErrNotCounted},
		"zero receipt":      {Receipt{}, d, ErrInvalidReceipt},
		"short secret":      {Receipt{Proposal: p, Secret: []byte{1}}, d, ErrInvalidReceipt},
	} {
		t.Run(name, func(t *testing.T) {
			err := VerifyReceipt(c.r, c.d)
			require.ErrorIs(t, err, c.want)
			var re *ReceiptError
			require.ErrorAs(t, err, &re)
			assert.NotContains(t, err.Error(), fmt.Sprint(c.r.Ballot.Options), "the error keeps the ballot secret")
		})
	}
}

// TestReceiptOnlyInSecretVotes asks for a receipt in an open and a hidden
// vote: refused, with nothing cast.
func TestReceiptOnlyInSecretVotes(t *testing.T) {
	for _, hidden := range []bool{false, true} {
		f := newFixture(t, clubSpec(), 2)
		p, err := f.g.Propose(f.members[0], ProposalSpec{Title: "that we meet on Fridays", Rule: RuleSimpleMajority,
			Hidden: hidden, Review: t0.AddDate(1, 0, 0)})
		require.NoError(t, err)
		before := freezeAll(t, f.g)
		rc, err := f.g.VoteWithReceipt(f.members[1], p, Ballot{Vote: count.Yes})
		assert.ErrorIs(t, err, ErrNotSecret)
		assert.True(t, rc.IsZero())
		assertAllUnchanged(t, before, f.g)
		_, err = f.g.VoteWithReceipt(f.members[1], uuid.Nil, Ballot{Vote: count.Yes})
		assert.ErrorIs(t, err, ErrUnknownProposal)
	}
}

// TestReceiptByProxy: the holder of a proxy takes the grantor's receipt,
// which verifies after the close.
func TestReceiptByProxy(t *testing.T) {
	spec := clubSpec()
	spec.Settings.MaxProxies = 1
	f := newFixture(t, spec, 3)
	p, err := f.g.Propose(f.members[0], ProposalSpec{Title: "that we elect a treasurer", Rule: RuleSimpleMajority,
		Secret: true, Review: t0.AddDate(1, 0, 0)})
	require.NoError(t, err)
	proxy, err := f.g.GrantProxy(f.members[1], p, f.members[2])
	require.NoError(t, err)
	rc, err := f.g.VoteByProxyWithReceipt(f.members[2], proxy, Ballot{Vote: count.No})
	require.NoError(t, err)
	require.NoError(t, f.g.Vote(f.members[0], p, Ballot{Vote: count.Yes}))
	d, err := f.g.CloseProposal(f.members[0], p)
	require.NoError(t, err)
	assert.NoError(t, VerifyReceipt(rc, d))
	_, err = f.g.VoteByProxyWithReceipt(f.members[2], uuid.MustParse("0192f5e0-7c1a-7000-8000-0000000000ab"), Ballot{Vote: count.No})
	assert.ErrorIs(t, err, ErrUnknownProxy)
}

// TestReceiptKeepsItsSecrets prints and logs a receipt every way a
// program might: neither its ballot nor its secret shows.
func TestReceiptKeepsItsSecrets(t *testing.T) {
	rc := Receipt{Proposal: uuid.MustParse("0192f5e0-7c1a-7000-8000-0000000000aa"), Ballot: Ballot{Options: []int{3, 1}},
		Secret: bytes.Repeat([]byte{0xab}, secretSize)}
	var out bytes.Buffer
	slog.New(slog.NewJSONHandler(&out, nil)).Info("r", "receipt", rc)
	slog.New(slog.NewTextHandler(&out, nil)).Info("r", "receipt", rc)
	fmt.Fprintf(&out, "%v %+v %#v %s %q %x", rc, rc, rc, rc, rc, rc)
	text := out.String()
	assert.Contains(t, text, rc.Proposal.String())
	for _, secret := range []string{"[3 1]", "3 1", "abab", "q6ur"} {
		assert.NotContains(t, text, secret)
	}
	assert.Equal(t, "receipt for proposal 0192f5e0-7c1a-7000-8000-0000000000aa", rc.String())
}

// TestReceiptsWithKeyringSurviveALoad: with a keyring, the receipts'
// secrets are sealed with the ballots, so a group loaded mid-vote
// publishes the commitments of the receipts given before the load.
func TestReceiptsWithKeyringSurviveALoad(t *testing.T) {
	ring := keyring.NewMemory()
	f, p := rankedVote(t, 5)
	f.g.secrets.ring = ring
	var receipts []Receipt
	for i, m := range f.members {
		rc, err := f.g.VoteWithReceipt(m, p, Ballot{Options: []int{i % 4}})
		require.NoError(t, err)
		receipts = append(receipts, rc)
	}
	g, err := Replay(f.g.Record(), &Options{Keyring: ring})
	require.NoError(t, err)
	d, err := g.CloseProposal(f.members[0], p)
	require.NoError(t, err)
	for i, rc := range receipts {
		assert.NoError(t, VerifyReceipt(rc, d), "receipt %d", i)
	}
}
