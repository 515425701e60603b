package groupwork

import (
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// proxyState is what the group knows of a proxy.
type proxyState struct {
	id               uuid.UUID
	proposal         int32 // position in state.proposals
	grantor, holder  int32 // member slots
	gPeriod, hPeriod int   // their periods of membership when it was granted
	granted          time.Time
	revoked          bool
	used             bool
}

// standing reports whether the proxy still carries a mandate: it was not
// revoked, and both its grantor and its holder are members still, in the
// periods of membership in which it was granted.
func (px *proxyState) standing(s *state) bool {
	return !px.revoked && s.inPeriod(px.grantor, px.gPeriod) && s.inPeriod(px.holder, px.hPeriod)
}

// Proxy is a snapshot of a proxy: the mandate a member gave another member
// to cast their vote on one proposal. It is a plain record.
type Proxy struct {
	ID       uuid.UUID
	Proposal uuid.UUID
	Grantor  relationship.PartyID // the member whose vote it carries
	Holder   relationship.PartyID // the member who casts it
	Granted  time.Time            // in UTC
	Revoked  bool                 // the grantor took it back before it was used
	Used     bool                 // the holder has voted with it
	// Standing reports whether it still carries a mandate: not revoked,
	// and its grantor and holder both still members since it was granted.
	Standing bool
}

func (s *state) snapshotProxy(x int32) Proxy {
	px := &s.proxies[x]
	return Proxy{
		ID: px.id, Proposal: s.proposals[px.proposal].id, Grantor: s.partyAt(px.grantor), Holder: s.partyAt(px.holder),
		Granted: px.granted, Revoked: px.revoked, Used: px.used, Standing: px.standing(s),
	}
}

// GrantProxy gives holder, another current member, a mandate to cast the
// actor's vote on an open proposal, and returns the proxy's identifier.
// The grant is recorded: the mandate, its grantor and its holder are
// public, even in a secret ballot (the vote cast with it is not).
//
// The rules, and why:
//
//   - Proxy voting is allowed only where the group's [Settings] allow it,
//     and one holder holds at most [Settings.MaxProxies] standing proxies on
//     one proposal, so that votes are not gathered into a few hands.
//   - The facilitator neither grants nor holds a proxy: a worker who cast
//     members' votes would hold the power the members were meant to keep.
//   - A member grants one proxy on a proposal, and only before voting on
//     it; while the proxy stands, they do not vote in person.
//   - The grantor may revoke it ([Group.RevokeProxy]) until the holder has
//     used it; after that the vote is cast, and only the holder may change
//     it before the close.
//   - A proxy lapses when its grantor or its holder leaves the group.
//
// Errors: [*relationship.PartyError], [*relationship.PermissionError] for
// the facilitator, [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping
// [ErrUnknownProposal], [*StateError] wrapping [ErrVotingClosed], [*MemberError] wrapping
// [ErrNotMember] for a holder who is not a current member (the facilitator
// included), and [*ProxyError] wrapping [ErrSelfProxy], [ErrAlreadyVoted],
// [ErrProxyStanding] or [ErrProxyLimit].
func (g *Group) GrantProxy(actor relationship.PartyID, proposal uuid.UUID, holder relationship.PartyID) (uuid.UUID, error) {
	if g == nil {
		return uuid.Nil, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := ProxyGranted{Proxy: g.src.NewID(), Proposal: proposal, Holder: holder}
	return idOr(ev.Proxy, g.commit(actor, ev))
}

func (e ProxyGranted) check(s *state, st *step) error {
	i, err := s.openProposal(e.Proposal, st.at)
	if err != nil {
		return err
	}
	holder, err := s.currentMember(e.Holder)
	if err != nil {
		return err
	}
	refuse := func(sentinel error) error {
		return &ProxyError{Proposal: e.Proposal, Grantor: st.actor, Holder: e.Holder, Limit: s.settings.MaxProxies, Err: sentinel}
	}
	p := &s.proposals[i]
	if c, ok := p.casts[st.slot]; ok && s.inPeriod(st.slot, c.period) {
		return refuse(ErrAlreadyVoted)
	}
	held := 0
	for _, x := range p.proxies {
		px := &s.proxies[x]
		switch {
		case !px.standing(s):
		case px.grantor == st.slot:
			return refuse(ErrProxyStanding)
		case px.holder == holder:
			held++
		}
	}
	switch {
	case holder == st.slot:
		return refuse(ErrSelfProxy)
	case held >= s.settings.MaxProxies:
		return refuse(ErrProxyLimit)
	}
	st.prop, st.target = i, holder
	return s.fresh(e.Proxy)
}

func (e ProxyGranted) apply(s *state, st *step) {
	s.claim(e.Proxy)
	x := int32(len(s.proxies))
	s.proxyX[e.Proxy] = x
	s.proxies = append(s.proxies, proxyState{
		id: e.Proxy, proposal: st.prop, grantor: st.slot, holder: st.target,
		gPeriod: s.period(st.slot), hPeriod: s.period(st.target), granted: st.at,
	})
	p := &s.proposals[st.prop]
	p.proxies = append(p.proxies, x)
}

// RevokeProxy takes back a proxy the actor granted, before the holder has
// used it. The grantor may then vote in person, or grant another proxy.
//
// Errors: [*relationship.PartyError], [*relationship.PermissionError] for
// the facilitator, [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping
// [ErrUnknownProxy], [*StateError] wrapping [ErrVotingClosed], [*StateError] wrapping [ErrAlreadyDone] for a proxy already
// revoked, and [*ProxyError] wrapping [ErrNotGrantor] or [ErrProxyUsed].
func (g *Group) RevokeProxy(actor relationship.PartyID, proxy uuid.UUID) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, ProxyRevoked{Proxy: proxy})
}

func (e ProxyRevoked) check(s *state, st *step) error {
	x, ok := s.proxyX[e.Proxy]
	if !ok {
		return &NotFoundError{ID: e.Proxy, Err: ErrUnknownProxy}
	}
	px := &s.proxies[x]
	p := &s.proposals[px.proposal]
	if _, err := s.openProposal(p.id, st.at); err != nil {
		return err
	}
	refuse := func(sentinel error) error {
		return &ProxyError{Proxy: e.Proxy, Proposal: p.id, Grantor: s.partyAt(px.grantor), Holder: s.partyAt(px.holder), Err: sentinel}
	}
	switch {
	case px.grantor != st.slot || !s.inPeriod(px.grantor, px.gPeriod):
		return refuse(ErrNotGrantor)
	case px.revoked:
		return done("proxy", e.Proxy)
	case px.used:
		return refuse(ErrProxyUsed)
	}
	st.proxy = x
	return nil
}

func (e ProxyRevoked) apply(s *state, st *step) { s.proxies[st.proxy].revoked = true }
