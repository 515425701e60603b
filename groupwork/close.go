package groupwork

import (
	"crypto/sha256"
	"errors"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// CloseProposal ends the vote on an open proposal, counts the votes that
// stand under the proposal's rule, records the outcome, and returns the
// decision.
//
// Who closes, and when: with a declared closing time, no one closes before
// it (the members were promised until then to vote) and any member may
// after it; with none, the member who raised the proposal closes it, or,
// if they have left the group, any member. Closing declares the members'
// decision, so the facilitator does not close a vote: the worker may
// remind the group that its time has come.
//
// What is counted: the standing vote of every member still in the group,
// and the facilitator's where the settings let the facilitator vote; the
// votes of members who have left since voting are not counted. The quorum
// is measured on the number of ballots counted. For a secret ballot the
// record receives the counted ballots anonymised, in a canonical order;
// for a hidden vote, each voter's ballot, now revealed (see
// [Group.Propose]).
//
// Errors: [*relationship.PartyError], [*relationship.PermissionError] for
// the facilitator, [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping
// [ErrUnknownProposal], [*StateError] wrapping [ErrVotingClosed] for a proposal already closed
// or withdrawn, [*StateError] wrapping [ErrTooEarly] before the closing time,
// [*relationship.PermissionError] wrapping [ErrNotProposer] for a member other than the proposer closing a
// proposal with no closing time, and [*BallotError] wrapping [ErrBallotsMissing] when the group
// was loaded while the vote was open and some sealed ballots have not been
// cast again. For a group with a keyring, a sealed ballot that cannot be
// opened is an error from the keyring: wrapping
// [github.com/helpingwork/helping/relationship/keyring.ErrKeyDestroyed]
// when the proposal's key was destroyed before the close, or
// [github.com/helpingwork/helping/relationship/keyring.ErrDecrypt] for a
// sealed ballot altered or moved in the record; the proposer may then
// withdraw the proposal.
//
// A secret ballot's [Decision] publishes the commitments of the voters'
// receipts beside the ballots ([Decision.Commitments]). With a keyring,
// the proposal's key is destroyed once the close is saved ([Group.Save]).
func (g *Group) CloseProposal(actor relationship.PartyID, proposal uuid.UUID) (Decision, error) {
	if g == nil {
		return Decision{}, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := ProposalClosed{Proposal: proposal}
	var in input
	i, ok := g.st.proposalX[proposal]
	if ok && g.st.proposals[i].status == proposalOpen {
		p := &g.st.proposals[i]
		uerr := g.unseal(p)
		count, missing := g.countNow(p)
		in.missing = missing
		ev = closingEvent(&g.st, p, count)
		if uerr != nil {
			// Say first why the actor may not close now, if that is so.
			if _, err := g.eng.Check(actor, ev, in); err != nil && !errors.Is(err, ErrBallotsMissing) {
				return Decision{}, err
			}
			return Decision{}, uerr
		}
	}
	if err := g.commitWith(actor, ev, in); err != nil {
		return Decision{}, err
	}
	p := &g.st.proposals[i]
	return g.st.describe(p, p.final, true)
}

// closingEvent returns the event that closes the proposal on the count c:
// the ballots the record does not yet hold, and the outcome they give.
func closingEvent(s *state, p *proposalState, c *closedCount) ProposalClosed {
	ev := ProposalClosed{Proposal: p.id}
	switch {
	case p.spec.Secret:
		ev.Ballots, ev.Commitments = clip(c.ballots), clip(c.commitments)
	case p.spec.Hidden:
		for k, slot := range c.voters {
			ev.Votes = append(ev.Votes, RevealedVote{Voter: s.partyAt(slot), Ballot: c.ballots[k]})
		}
	}
	if d, err := decide(&p.spec, c.ballots, c.eligible, c.base); err == nil {
		ev.Resolution, ev.Winners, ev.Participants = d.Resolution, d.Winners, d.Quorum.Participants
		ev.Eligible, ev.QuorumReached = d.Eligible, d.Quorum.Reached
	}
	return ev
}

func (e ProposalClosed) check(s *state, st *step) error {
	i, err := s.proposal(e.Proposal)
	if err != nil {
		return err
	}
	p := &s.proposals[i]
	if err := s.mayClose(p, st); err != nil {
		return err
	}
	if len(st.in.missing) > 0 {
		return &BallotError{Proposal: p.id, Voters: st.in.missing, Err: ErrBallotsMissing}
	}
	c, err := e.count(s, p)
	if err != nil {
		return err
	}
	d, err := decide(&p.spec, c.ballots, c.eligible, c.base)
	if err != nil {
		return err
	}
	if err := e.agrees(d); err != nil {
		return err
	}
	st.prop, st.closing = i, c
	return nil
}

// mayClose returns an error unless the actor may close the proposal now.
func (s *state) mayClose(p *proposalState, st *step) error {
	switch {
	case p.status == proposalClosed:
		return &StateError{Item: "proposal", ID: p.id, At: p.endedAt, Why: "closed", Err: ErrVotingClosed}
	case p.status == proposalWithdrawn:
		return &StateError{Item: "proposal", ID: p.id, At: p.endedAt, Why: "withdrawn", Err: ErrVotingClosed}
	case !p.spec.Closes.IsZero() && st.at.Before(p.spec.Closes):
		return &StateError{Item: "proposal", ID: p.id, At: p.spec.Closes, Err: ErrTooEarly}
	case p.spec.Closes.IsZero() && st.actor != p.raisedBy && s.isCurrent(p.raisedBy):
		return refuse(s, st, ActCloseProposal, "only the member who raised the proposal may do this", ErrNotProposer)
	}
	return nil
}

// isCurrent reports whether id is a current member.
func (s *state) isCurrent(id relationship.PartyID) bool {
	i, ok := s.index[id]
	return ok && s.members[i].current
}

// count returns what the closing counts: the ballots of the voters whose
// votes stand, taken from the record's votes for an open vote and from the
// event for a secret or hidden one, each checked against the votes that
// stand and against the rule.
func (e ProposalClosed) count(s *state, p *proposalState) (*closedCount, error) {
	voters := s.counted(p)
	c := &closedCount{voters: voters}
	c.eligible, c.base = s.eligible(p)
	mismatch := func(field, recorded, counted string) error {
		return &RecordError{Err: ErrOutcomeMismatch, ID: p.id, Field: field, Recorded: recorded, Counted: counted}
	}
	switch {
	case p.spec.Secret && e.Votes == nil && len(e.Ballots) == len(voters) &&
		(e.Commitments == nil || len(e.Commitments) == len(e.Ballots)):
		c.voters = nil
		return c, e.secretBallots(c, p)
	case p.spec.Hidden && !p.spec.Secret && e.Ballots == nil && e.Commitments == nil && len(e.Votes) == len(voters):
		return c, e.revealedBallots(s, c, p)
	case !p.spec.sealed() && e.Ballots == nil && e.Votes == nil && e.Commitments == nil:
		for _, slot := range voters {
			c.ballots = append(c.ballots, p.casts[slot].ballot)
		}
		return c, nil
	}
	return nil, mismatch("ballots", strconv.Itoa(len(e.Ballots))+" anonymous, "+strconv.Itoa(len(e.Commitments))+" commitments and "+strconv.Itoa(len(e.Votes))+" named",
		strconv.Itoa(len(voters))+" votes standing in a "+secrecy(&p.spec)+" vote")
}

func secrecy(sp *ProposalSpec) string {
	switch {
	case sp.Secret:
		return "secret"
	case sp.Hidden:
		return "hidden"
	}
	return "open"
}

// secretBallots checks the anonymised ballots of a secret vote and their
// receipts' commitments, if the record has them: each ballot fits the
// rule, each commitment is an HMAC-SHA256 in lowercase hexadecimal, and
// they come in canonical order (by ballot, then by commitment).
func (e ProposalClosed) secretBallots(c *closedCount, p *proposalState) error {
	outOfOrder := func(k int) error {
		return &RecordError{Err: ErrOutcomeMismatch, ID: p.id, Field: "order", Recorded: "ballot " + strconv.Itoa(k) + " out of order", Counted: "a canonical order"}
	}
	for k, b := range e.Ballots {
		if err := b.check(p.spec.Rule, len(p.spec.Options), k); err != nil {
			return err
		}
		order := 0
		if k > 0 {
			order = compareBallots(e.Ballots[k-1], b)
		}
		if order > 0 {
			return outOfOrder(k)
		}
		if e.Commitments != nil {
			if !isCommitment(e.Commitments[k]) {
				return &RecordError{Err: ErrOutcomeMismatch, ID: p.id, Field: "commitments", Recorded: "commitment " + strconv.Itoa(k) + " not 64 lowercase hexadecimal digits",
					Counted: "an HMAC-SHA256"}
			}
			if k > 0 && order == 0 && e.Commitments[k-1] >= e.Commitments[k] {
				return outOfOrder(k)
			}
		}
		c.ballots = append(c.ballots, b.clone())
	}
	c.commitments = clip(e.Commitments)
	return nil
}

// isCommitment reports whether s is the lowercase hexadecimal form of an
// HMAC-SHA256.
func isCommitment(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// revealedBallots checks the revealed ballots of a hidden vote: one for
// each voter whose vote stands, in the order of c.voters, each fitting the
// rule.
func (e ProposalClosed) revealedBallots(s *state, c *closedCount, p *proposalState) error {
	for k, v := range e.Votes {
		slot, ok := int32(-1), v.Voter == s.facilitator.ID()
		if !ok {
			slot, ok = s.index[v.Voter]
		}
		if !ok || slot != c.voters[k] {
			return &RecordError{Err: ErrOutcomeMismatch, ID: p.id, Field: "voters", Recorded: v.Voter.String() + " at " + strconv.Itoa(k),
				Counted: s.partyAt(c.voters[k]).String()}
		}
		if err := v.Ballot.check(p.spec.Rule, len(p.spec.Options), k); err != nil {
			return err
		}
		c.ballots = append(c.ballots, v.Ballot.clone())
	}
	return nil
}

// agrees returns an [*RecordError] wrapping [ErrOutcomeMismatch] unless the event records the outcome
// the count gives.
func (e ProposalClosed) agrees(d Decision) error {
	fields := []struct {
		name              string
		recorded, counted string
	}{
		{"resolution", e.Resolution.String(), d.Resolution.String()},
		{"winners", ints(e.Winners), ints(d.Winners)},
		{"participants", strconv.Itoa(e.Participants), strconv.Itoa(d.Quorum.Participants)},
		{"eligible", strconv.Itoa(e.Eligible), strconv.Itoa(d.Eligible)},
		{"quorum reached", strconv.FormatBool(e.QuorumReached), strconv.FormatBool(d.Quorum.Reached)},
	}
	for _, f := range fields {
		if f.recorded != f.counted {
			return &RecordError{Err: ErrOutcomeMismatch, ID: e.Proposal, Field: f.name, Recorded: f.recorded, Counted: f.counted}
		}
	}
	return nil
}

func ints(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func (e ProposalClosed) apply(s *state, st *step) {
	p := &s.proposals[st.prop]
	p.status, p.endedBy, p.endedAt, p.final = proposalClosed, st.actor, st.at, st.closing
	p.dropSealed()
}

// dropSealed forgets the sealed ballots of a proposal that has ended: the
// close counted them, or the withdrawal discarded them, and their key is
// to be destroyed.
func (p *proposalState) dropSealed() {
	for slot, c := range p.casts {
		if c.sealed != nil {
			c.sealed = nil
			p.casts[slot] = c
		}
	}
}

// WithdrawProposal withdraws an open proposal before its closing time,
// giving the reason: nothing is decided, the votes cast stay in the record
// as cast (a secret or hidden vote's ballots are discarded unread), and
// the group may take the question up again. Only the member who raised
// the proposal withdraws it, as a mover withdraws a motion.
//
// Errors: [*relationship.PartyError], [*relationship.PermissionError] for
// the facilitator, [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping
// [ErrUnknownProposal], [*StateError] wrapping [ErrVotingClosed], [*relationship.PermissionError] wrapping [ErrNotProposer], and
// [*InputError] wrapping [ErrBlank] for a blank reason.
func (g *Group) WithdrawProposal(actor relationship.PartyID, proposal uuid.UUID, reason string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, ProposalWithdrawn{Proposal: proposal, Reason: strings.TrimSpace(reason)})
}

func (e ProposalWithdrawn) check(s *state, st *step) error {
	i, err := s.openProposal(e.Proposal, st.at)
	if err != nil {
		return err
	}
	if st.actor != s.proposals[i].raisedBy {
		return refuse(s, st, ActWithdrawProposal, "only the member who raised the proposal may do this", ErrNotProposer)
	}
	if strings.TrimSpace(e.Reason) == "" {
		return blank("reason")
	}
	st.prop = i
	return nil
}

func (e ProposalWithdrawn) apply(s *state, st *step) {
	p := &s.proposals[st.prop]
	p.status, p.endedBy, p.endedAt, p.reason = proposalWithdrawn, st.actor, st.at, strings.TrimSpace(e.Reason)
	p.dropSealed()
}
