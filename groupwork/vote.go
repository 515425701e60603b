package groupwork

import (
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/keyring"
)

// Vote casts the actor's own ballot on an open proposal. The ballot must
// fit the proposal's rule (see [Ballot]). Voting again before the proposal
// closes replaces the earlier vote, and the record says that it did. In a
// secret or hidden vote the record keeps only that the actor voted; the
// ballot waits in the group's sealed box until the close, and, for a
// group with a keyring ([Options.Keyring]), sealed in the record under
// the proposal's key (see [Group.Propose]). In a secret vote,
// [Group.VoteWithReceipt] votes and returns the voter's [Receipt].
//
// Who may vote: any current member, and the facilitator only where the
// group's [Settings] say so; where the proposal names a meeting, only
// those present (or late) at it. A member who has given a proxy on the
// proposal votes in person only after revoking it.
//
// Errors: [*relationship.PartyError] for someone who is not a party (a
// former member, a stranger); [*relationship.PermissionError] wrapping [ErrNotEligible] for the facilitator
// (also wrapping [relationship.ErrNotPermitted]) or an absentee;
// [*StateError] wrapping [ErrEnded]; [*NotFoundError] wrapping [ErrUnknownProposal];
// [*StateError] wrapping [ErrVotingClosed] after the close, the withdrawal or the closing time;
// [*ProxyError] wrapping [ErrProxyStanding]; and for a bad ballot a
// [*BallotError] wrapping [ErrWrongBallot], [*count.VoteError] or [*count.BallotError]; for a
// group with a keyring, an error from it (wrapping a sentinel of package
// keyring, such as [keyring.ErrKeyDestroyed]) when the ballot cannot be
// sealed: nothing is cast.
func (g *Group) Vote(actor relationship.PartyID, proposal uuid.UUID, b Ballot) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	_, err := g.cast(actor, proposal, uuid.Nil, b)
	return err
}

// VoteByProxy casts, as the holder of a proxy, the ballot of the member who
// granted it. The vote is the grantor's, recorded as cast by the holder
// under the proxy; the holder may change it until the close, and the
// grantor may no longer revoke the proxy or vote in person. Where the
// proposal names a meeting, the holder must have been present at it; the
// grantor need not, which is what a proxy is for.
//
// Errors: those of [Group.Vote], [*NotFoundError] wrapping
// [ErrUnknownProxy], and [*ProxyError] wrapping [ErrNoMandate] when the
// actor does not hold the proxy, it was revoked, or its grantor or holder
// has left the group since it was granted.
func (g *Group) VoteByProxy(actor relationship.PartyID, proxy uuid.UUID, b Ballot) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var proposal uuid.UUID
	if i, ok := g.st.proxyX[proxy]; ok {
		proposal = g.st.proposals[g.st.proxies[i].proposal].id
	}
	_, err := g.cast(actor, proposal, proxy, b)
	return err
}

// cast builds the vote's event, commits it, and, when the vote is secret
// or hidden, puts the ballot in the box with a fresh receipt secret and,
// with a keyring, seals both into the event for the record. It returns
// the receipt of a secret vote. The caller holds the write lock.
func (g *Group) cast(actor relationship.PartyID, proposal, proxy uuid.UUID, b Ballot) (Receipt, error) {
	ev := VoteCast{Proposal: proposal, Proxy: proxy, Replaces: g.st.replaces(actor, proposal, proxy)}
	var sp *ProposalSpec
	if i, ok := g.st.proposalX[proposal]; ok {
		sp = &g.st.proposals[i].spec
		b = b.normal(sp.Rule)
	}
	if sp == nil || !sp.sealed() {
		ev.Ballot = &b
		return Receipt{}, g.commit(actor, ev)
	}
	secret, err := g.newSecret()
	if err != nil {
		return Receipt{}, err
	}
	v := sealedVote{ballot: b, secret: secret}
	if g.secrets.ring != nil {
		if err := g.sealVote(actor, &ev, v); err != nil {
			return Receipt{}, err
		}
	}
	if err := g.commitWith(actor, ev, input{sealed: &b}); err != nil {
		return Receipt{}, err
	}
	g.putBox(proposal, g.rules.step.target, v)
	if !sp.Secret {
		return Receipt{}, nil
	}
	return Receipt{Proposal: proposal, Ballot: b.clone(), Secret: slices.Clone(secret)}, nil
}

// replaces reports whether a vote the actor casts now, for themselves or
// under the proxy, would replace one that stands. Anything it cannot
// resolve is left to check, which reports it.
func (s *state) replaces(actor relationship.PartyID, proposal, proxy uuid.UUID) bool {
	i, ok := s.proposalX[proposal]
	if !ok {
		return false
	}
	voter := int32(-1)
	switch x, ok := s.proxyX[proxy]; {
	case ok:
		voter = s.proxies[x].grantor
	case actor != s.facilitator.ID():
		if voter, ok = s.index[actor]; !ok {
			return false
		}
	}
	c, ok := s.proposals[i].casts[voter]
	return ok && s.inPeriod(voter, c.period)
}

func (e VoteCast) check(s *state, st *step) error {
	if _, ok := s.proxyX[e.Proxy]; !ok && e.Proxy != uuid.Nil {
		return &NotFoundError{ID: e.Proxy, Err: ErrUnknownProxy}
	}
	i, err := s.openProposal(e.Proposal, st.at)
	if err != nil {
		return err
	}
	p := &s.proposals[i]
	voter, proxy, err := s.voter(e, i, st)
	if err != nil {
		return err
	}
	if err := s.present(p, st); err != nil {
		return err
	}
	c, had := p.casts[voter]
	if had = had && s.inPeriod(voter, c.period); e.Replaces != had {
		return &relationship.EntryError{Err: relationship.ErrInvalidEntry,
			Reason: "the vote's replaces flag does not match the votes that stand"}
	}
	if err := checkCastBallot(p, e.Ballot, st.in.sealed); err != nil {
		return err
	}
	if err := checkSealed(p, e.Sealed); err != nil {
		return err
	}
	st.prop, st.target, st.proxy = i, voter, proxy
	return nil
}

// voter returns the slot of the voter whose vote e casts (-1: the
// facilitator) and the proxy it is cast under (-1: none), or the error
// that says why the actor cannot cast it.
func (s *state) voter(e VoteCast, prop int32, st *step) (int32, int32, error) {
	p := &s.proposals[prop]
	if e.Proxy != uuid.Nil {
		return s.mandate(e.Proxy, prop, st)
	}
	if st.slot < 0 && !s.settings.FacilitatorVotes {
		return -1, -1, refuse(s, st, ActVote, "the group's settings do not let the facilitator vote", ErrNotEligible)
	}
	for _, x := range p.proxies {
		if px := &s.proxies[x]; px.grantor == st.slot && px.standing(s) {
			return -1, -1, &ProxyError{Proxy: px.id, Proposal: p.id, Grantor: st.actor,
				Holder: s.partyAt(px.holder), Err: ErrProxyStanding}
		}
	}
	return st.slot, -1, nil
}

// mandate returns the grantor's slot and the proxy's position when the
// actor holds a standing proxy on the proposal.
func (s *state) mandate(id uuid.UUID, prop int32, st *step) (int32, int32, error) {
	x, ok := s.proxyX[id]
	if !ok {
		return -1, -1, &NotFoundError{ID: id, Err: ErrUnknownProxy}
	}
	px := &s.proxies[x]
	if px.proposal != prop || px.holder != st.slot || !px.standing(s) {
		return -1, -1, &ProxyError{Proxy: id, Proposal: s.proposals[prop].id, Grantor: s.partyAt(px.grantor),
			Holder: st.actor, Err: ErrNoMandate}
	}
	return px.grantor, x, nil
}

// present returns a [*relationship.PermissionError] wrapping
// [ErrNotEligible] when the proposal names a meeting
// and the actor casting a vote was not there. The facilitator, who keeps
// the register, counts as present.
func (s *state) present(p *proposalState, st *step) error {
	if p.meet < 0 || st.slot < 0 || s.meetings[p.meet].register[st.slot].Attended() {
		return nil
	}
	return refuse(s, st, ActVote, "only those present at the meeting where the vote is taken may vote", ErrNotEligible)
}

// checkCastBallot checks the ballot of a vote: in the record for an open
// vote, beside it (sealed) for a secret or hidden one. A replayed secret
// vote has no ballot to check; its ballot is checked when the record's
// close reveals it.
func checkCastBallot(p *proposalState, inRecord, sealed *Ballot) error {
	if p.spec.sealed() != (inRecord == nil) {
		return &relationship.EntryError{Err: relationship.ErrInvalidEntry,
			Reason: "a vote's ballot is in the record exactly when the vote is neither secret nor hidden"}
	}
	b := inRecord
	if b == nil {
		b = sealed
	}
	if b == nil {
		return nil
	}
	return b.check(p.spec.Rule, len(p.spec.Options), count.LoneBallot)
}

// checkSealed checks a vote's sealed ballot, when it has one: only in a
// secret or hidden vote, and of the one size every sealed ballot of the
// proposal has. What it says is checked when the close opens it.
func checkSealed(p *proposalState, sealed []byte) error {
	switch {
	case sealed == nil:
		return nil
	case !p.spec.sealed():
		return &relationship.EntryError{Err: relationship.ErrInvalidEntry, Reason: "a sealed ballot in a vote that is neither secret nor hidden"}
	case len(sealed) != keyring.Overhead+sealedSize(len(p.spec.Options)):
		return &relationship.EntryError{Err: relationship.ErrInvalidEntry,
			Reason: fmt.Sprintf("a sealed ballot of %d bytes, where every ballot of the proposal seals to %d", len(sealed), keyring.Overhead+sealedSize(len(p.spec.Options)))}
	}
	return nil
}

func (e VoteCast) apply(s *state, st *step) {
	p := &s.proposals[st.prop]
	c := castState{by: st.actor, proxy: st.proxy, period: s.period(st.target), at: st.at, sealed: clip(e.Sealed)}
	if e.Ballot != nil {
		c.ballot = e.Ballot.clone()
	}
	if e.Replaces {
		c.changes = p.casts[st.target].changes + 1
	}
	p.casts[st.target] = c
	if st.proxy >= 0 {
		s.proxies[st.proxy].used = true
	}
}
