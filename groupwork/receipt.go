package groupwork

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/redact"
	"github.com/helpingwork/helping/relationship"
)

// Receipt is what a voter in a secret ballot takes home: a way to check,
// once the vote has closed, that their ballot is among those counted,
// without anyone else learning from the published result how they voted.
//
// How it works. When the member votes ([Group.VoteWithReceipt]) the group
// draws a fresh random Secret (256 bits, from crypto/rand) and keeps it
// sealed with the ballot until the close. The close publishes, beside
// each anonymised ballot of the [Decision], a commitment: the
// HMAC-SHA256, keyed with that ballot's receipt secret, of the text
//
//	"helping/groupwork receipt v1\x00" + proposal identifier + "\x00" + ballot.String()
//
// written in lowercase hexadecimal ([Decision.Commitments]). The voter,
// holding the secret and their ballot, computes the same HMAC
// ([Receipt.Commitment]) and finds it in the published list, beside
// their ballot ([VerifyReceipt]). Anyone may do it with any HMAC tool; no
// cryptography of this module's own is involved.
//
// What a receipt proves: that a ballot with exactly this content was
// counted in this decision, and so that the group did not drop or alter
// it. Without the secret a commitment looks like random bytes: the
// published data does not tell whose ballot each is, nor link any
// commitment to a receipt anyone else holds. A changed vote gets a new
// receipt and the old one stops checking, since only the ballot that
// stands is counted; so does the receipt of a member who leaves before
// the close.
//
// What it does not prove or prevent: it does not show that other
// members' ballots were counted honestly (each voter checks their own),
// nor that no ballot was added for a member who did not vote (the record
// shows who voted: compare the number of ballots with it). And it does
// not stop a member from showing their receipt to someone else: a voter
// who wants to prove to a vote buyer or to someone who pressures them how
// they voted can do so with it. A receipt is the voter's to keep or to
// throw away; a group that fears vote buying should not ask members to
// show receipts, and the members should know that no one may demand one.
//
// A Receipt is confidential: it holds a ballot. Printing or logging it
// shows the proposal only ([Receipt.LogValue], [Receipt.Format]); its
// JSON form, for the voter to keep, holds everything.
type Receipt struct {
	Proposal uuid.UUID `json:"proposal"`
	Ballot   Ballot    `json:"ballot"`
	Secret   []byte    `json:"secret"` // 32 random bytes
}

// receiptLabel starts every message a receipt commits to.
const receiptLabel = "helping/groupwork receipt v1\x00"

// commitment returns the lowercase hexadecimal HMAC-SHA256 of the ballot
// on the proposal, keyed with secret.
func commitment(secret []byte, proposal uuid.UUID, b Ballot) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(receiptLabel + proposal.String() + "\x00" + b.String()))
	return hex.EncodeToString(mac.Sum(nil))
}

// Commitment returns what the close publishes for the receipt's ballot
// (see [Receipt]), or a [*ReceiptError] wrapping [ErrInvalidReceipt] for
// a receipt with no proposal or a secret that is not 32 bytes.
func (r Receipt) Commitment() (string, error) {
	switch {
	case r.Proposal == uuid.Nil:
		return "", &ReceiptError{Reason: "no proposal", Err: ErrInvalidReceipt}
	case len(r.Secret) != secretSize:
		return "", &ReceiptError{Proposal: r.Proposal, Reason: fmt.Sprintf("a secret of %d bytes, want %d", len(r.Secret), secretSize), Err: ErrInvalidReceipt}
	}
	return commitment(r.Secret, r.Proposal, r.Ballot.clone()), nil
}

// IsZero reports whether r is the zero Receipt: no receipt was given.
func (r Receipt) IsZero() bool {
	return r.Proposal == uuid.Nil && r.Secret == nil && compareBallots(r.Ballot, Ballot{}) == 0
}

// LogValue implements [slog.LogValuer]: the proposal, never the ballot or
// the secret.
func (r Receipt) LogValue() slog.Value {
	return slog.GroupValue(slog.String("proposal", r.Proposal.String()), slog.String("ballot", redact.Mark),
		slog.String("secret", redact.Mark))
}

// Format implements [fmt.Formatter]: every verb prints the proposal only.
func (r Receipt) Format(f fmt.State, verb rune) { redact.Format(f, verb, r) }

// String returns "receipt for proposal " and the proposal's identifier.
func (r Receipt) String() string { return "receipt for proposal " + r.Proposal.String() }

// VerifyReceipt checks a voter's receipt against the decision of the
// closed secret ballot it was given for (see [Receipt]): it returns nil
// when the decision holds, beside a ballot equal to the receipt's, the
// receipt's commitment. The decision may be one the group returned or one
// exported as JSON and read back.
//
// Errors, each a [*ReceiptError]: wrapping [ErrInvalidReceipt] for a
// malformed receipt; wrapping [ErrNotCounted] for a decision of another
// proposal, one not final, one with no commitments (an open or hidden
// vote, or one recorded before receipts), or one in which the receipt's
// commitment is not beside its ballot.
func VerifyReceipt(r Receipt, d Decision) error {
	want, err := r.Commitment()
	if err != nil {
		return err
	}
	notCounted := func(reason string) error {
		return &ReceiptError{Proposal: r.Proposal, Reason: reason, Err: ErrNotCounted}
	}
	switch {
	case d.Proposal != r.Proposal:
		return notCounted("the decision is of proposal " + d.Proposal.String())
	case !d.Final:
		return notCounted("the vote has not closed")
	case len(d.Commitments) == 0 || len(d.Commitments) != len(d.Ballots):
		return notCounted("the decision publishes no commitment for each ballot")
	}
	b := r.Ballot.normal(d.Rule)
	for i, c := range d.Commitments {
		if hmac.Equal([]byte(c), []byte(want)) && compareBallots(d.Ballots[i], b) == 0 {
			return nil
		}
	}
	return notCounted("no counted ballot carries its commitment")
}

// VoteWithReceipt casts the actor's own ballot in a secret vote, as
// [Group.Vote] does, and returns the voter's [Receipt]. Voting again
// gives a new receipt, and the earlier one no longer checks after the
// close. (A ballot cast with [Group.Vote] gets a commitment too, whose
// secret no one holds, so that the published list does not show who
// asked for a receipt.)
//
// Errors: those of [Group.Vote]; a [*ReceiptError] wrapping
// [ErrNotSecret], with nothing cast, for a proposal that is not a secret
// ballot; and an error from the group's keyring, when it has one, that
// could not seal the ballot.
func (g *Group) VoteWithReceipt(actor relationship.PartyID, proposal uuid.UUID, b Ballot) (Receipt, error) {
	if g == nil {
		return Receipt{}, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := g.secretOnly(proposal); err != nil {
		return Receipt{}, err
	}
	return g.cast(actor, proposal, uuid.Nil, b)
}

// VoteByProxyWithReceipt casts, as the holder of a proxy, the ballot of
// the member who granted it, as [Group.VoteByProxy] does, and returns the
// [Receipt], which the holder may hand to the grantor.
//
// Errors: those of [Group.VoteByProxy], and those of
// [Group.VoteWithReceipt].
func (g *Group) VoteByProxyWithReceipt(actor relationship.PartyID, proxy uuid.UUID, b Ballot) (Receipt, error) {
	if g == nil {
		return Receipt{}, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var proposal uuid.UUID
	if i, ok := g.st.proxyX[proxy]; ok {
		proposal = g.st.proposals[g.st.proxies[i].proposal].id
		if err := g.secretOnly(proposal); err != nil {
			return Receipt{}, err
		}
	}
	return g.cast(actor, proposal, proxy, b)
}

// secretOnly returns a [*ReceiptError] for a known proposal that is not a
// secret ballot; an unknown one is left to the vote's check.
func (g *Group) secretOnly(proposal uuid.UUID) error {
	if i, ok := g.st.proposalX[proposal]; ok && !g.st.proposals[i].spec.Secret {
		return &ReceiptError{Proposal: proposal, Reason: "the vote is not secret: its ballots are recorded with their voters", Err: ErrNotSecret}
	}
	return nil
}

// sortSecret orders the ballots of a secret vote and their commitments
// canonically: by ballot (see compareBallots), and among equal ballots by
// commitment, an order that says nothing of who cast them or when.
func sortSecret(ballots []Ballot, commitments []string) {
	idx := make([]int, len(ballots))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := compareBallots(ballots[a], ballots[b]); c != 0 {
			return c
		}
		if commitments == nil {
			return 0
		}
		switch {
		case commitments[a] < commitments[b]:
			return -1
		case commitments[a] > commitments[b]:
			return 1
		}
		return 0
	})
	bs := make([]Ballot, len(ballots))
	for k, i := range idx {
		bs[k] = ballots[i]
	}
	copy(ballots, bs)
	if commitments != nil {
		cs := make([]string, len(commitments))
		for k, i := range idx {
			cs[k] = commitments[i]
		}
		copy(commitments, cs)
	}
}
