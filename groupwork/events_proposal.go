package groupwork

import (
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// The events of deciding together. A secret or hidden vote keeps its
// ballots out of the record until the proposal closes: a [VoteCast]
// records that a member voted, and the [ProposalClosed] that ends the vote
// carries the ballots (anonymised, for a secret ballot) with the outcome
// they give. See [Group.Propose].

// ProposalRaised records that the actor, a member, raised a proposal for
// the group to decide, with the rule that decides it. Act: [ActPropose].
type ProposalRaised struct {
	Proposal uuid.UUID       `json:"proposal"`
	Title    string          `json:"title"`
	Options  []string        `json:"options,omitempty"`
	Rule     Rule            `json:"rule"`
	Fraction *count.Fraction `json:"fraction,omitempty"` // a supermajority's fraction
	Seats    int             `json:"seats,omitempty"`    // the seats to fill by STV
	Priority []int           `json:"priority,omitempty"` // the declared tie-break order
	Quorum   *Quorum         `json:"quorum,omitempty"`
	Meeting  uuid.UUID       `json:"meeting"` // the zero UUID when no meeting is named
	Secret   bool            `json:"secret,omitempty"`
	Hidden   bool            `json:"hidden,omitempty"`
	Closes   time.Time       `json:"closes"` // the zero time when none is declared
	Review   time.Time       `json:"review"`
}

// VoteCast records that the actor voted on a proposal: for themselves, or,
// when Proxy is set, for the member who granted them that proxy. Ballot is
// the ballot of an open vote, and nil in a secret or hidden one, whose
// ballot waits in the group's sealed box until the proposal closes.
// Replaces says that the vote replaces one cast before by or for the same
// member: a changed vote is recorded. Act: [ActVote].
//
// Sealed is set in a secret or hidden vote cast by a group with a keyring
// ([Options.Keyring]): the ballot and its receipt's secret, sealed
// (AES-256-GCM) under the key of the proposal's [ProposalKeySubject], in a form
// of the same size for every ballot of the proposal, so that neither its
// bytes nor its length say how the member voted. The close destroys the
// key, after which no one can open it.
type VoteCast struct {
	Proposal uuid.UUID `json:"proposal"`
	Proxy    uuid.UUID `json:"proxy"` // the zero UUID for one's own vote
	Ballot   *Ballot   `json:"ballot,omitempty"`
	Sealed   []byte    `json:"sealed,omitempty"`
	Replaces bool      `json:"replaces,omitempty"`
}

// ProxyGranted records that the actor, a member, gave another member a
// mandate to cast their vote on one proposal. Act: [ActGrantProxy].
type ProxyGranted struct {
	Proxy    uuid.UUID            `json:"proxy"`
	Proposal uuid.UUID            `json:"proposal"`
	Holder   relationship.PartyID `json:"holder"`
}

// ProxyRevoked records that the actor revoked, before it was used, a proxy
// they had granted. Act: [ActRevokeProxy].
type ProxyRevoked struct {
	Proxy uuid.UUID `json:"proxy"`
}

// RevealedVote is one member's final ballot in a hidden, not secret, vote,
// revealed in the record when the proposal closes.
type RevealedVote struct {
	Voter  relationship.PartyID `json:"voter"`
	Ballot Ballot               `json:"ballot"`
}

// ProposalClosed records that the actor closed a proposal, and the outcome
// the counted ballots give. For a secret ballot, Ballots holds the counted
// ballots anonymised, in canonical order, and Commitments the commitment
// of each ballot's [Receipt] (Commitments[i] beside Ballots[i]; equal
// ballots ordered by their commitments); for a hidden one, Votes holds
// each counted voter's ballot, in the order the voters first joined the
// group; an open vote's ballots are already in the record. Replaying the
// record recounts them and checks that they give this outcome. Act:
// [ActCloseProposal].
type ProposalClosed struct {
	Proposal      uuid.UUID        `json:"proposal"`
	Ballots       []Ballot         `json:"ballots,omitempty"`
	Commitments   []string         `json:"commitments,omitempty"`
	Votes         []RevealedVote   `json:"votes,omitempty"`
	Resolution    count.Resolution `json:"resolution"`
	Winners       []int            `json:"winners,omitempty"`
	Participants  int              `json:"participants"`
	Eligible      int              `json:"eligible"`
	QuorumReached bool             `json:"quorum_reached"`
}

// ProposalWithdrawn records that the proposer withdrew a proposal before it
// closed: nothing was decided. Act: [ActWithdrawProposal].
type ProposalWithdrawn struct {
	Proposal uuid.UUID `json:"proposal"`
	Reason   string    `json:"reason"`
}

// EventType returns "groupwork.proposal-raised.v1".
func (ProposalRaised) EventType() string { return "groupwork.proposal-raised.v1" }

// EventType returns "groupwork.vote-cast.v1".
func (VoteCast) EventType() string { return "groupwork.vote-cast.v1" }

// EventType returns "groupwork.proxy-granted.v1".
func (ProxyGranted) EventType() string { return "groupwork.proxy-granted.v1" }

// EventType returns "groupwork.proxy-revoked.v1".
func (ProxyRevoked) EventType() string { return "groupwork.proxy-revoked.v1" }

// EventType returns "groupwork.proposal-closed.v1".
func (ProposalClosed) EventType() string { return "groupwork.proposal-closed.v1" }

// EventType returns "groupwork.proposal-withdrawn.v1".
func (ProposalWithdrawn) EventType() string { return "groupwork.proposal-withdrawn.v1" }

func (ProposalRaised) act() relationship.Act    { return ActPropose }
func (VoteCast) act() relationship.Act          { return ActVote }
func (ProxyGranted) act() relationship.Act      { return ActGrantProxy }
func (ProxyRevoked) act() relationship.Act      { return ActRevokeProxy }
func (ProposalClosed) act() relationship.Act    { return ActCloseProposal }
func (ProposalWithdrawn) act() relationship.Act { return ActWithdrawProposal }

// UnmarshalJSON decodes the event strictly and checks that it names the
// proposal and a rule. On error e is unchanged.
func (e *ProposalRaised) UnmarshalJSON(b []byte) error {
	type plain ProposalRaised
	return decodeEvent(b, e, func(p plain) ProposalRaised {
		p.Options, p.Priority = clip(p.Options), clip(p.Priority)
		return ProposalRaised(p)
	}, ProposalRaised.wellFormed)
}

func (e ProposalRaised) wellFormed() error {
	return mustCarry(e.EventType(), field{"proposal", e.Proposal != uuid.Nil}, field{"rule", e.Rule.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// proposal. On error e is unchanged.
func (e *VoteCast) UnmarshalJSON(b []byte) error {
	type plain VoteCast
	return decodeEvent(b, e, func(p plain) VoteCast {
		if p.Ballot != nil {
			c := p.Ballot.clone()
			p.Ballot = &c
		}
		p.Sealed = clip(p.Sealed)
		return VoteCast(p)
	}, VoteCast.wellFormed)
}

func (e VoteCast) wellFormed() error {
	return mustCarry(e.EventType(), field{"proposal", e.Proposal != uuid.Nil})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// proxy, the proposal and the holder. On error e is unchanged.
func (e *ProxyGranted) UnmarshalJSON(b []byte) error {
	type plain ProxyGranted
	return decodeEvent(b, e, func(p plain) ProxyGranted { return ProxyGranted(p) }, ProxyGranted.wellFormed)
}

func (e ProxyGranted) wellFormed() error {
	return mustCarry(e.EventType(), field{"proxy", e.Proxy != uuid.Nil},
		field{"proposal", e.Proposal != uuid.Nil}, field{"holder", !e.Holder.IsZero()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// proxy. On error e is unchanged.
func (e *ProxyRevoked) UnmarshalJSON(b []byte) error {
	type plain ProxyRevoked
	return decodeEvent(b, e, func(p plain) ProxyRevoked { return ProxyRevoked(p) }, ProxyRevoked.wellFormed)
}

func (e ProxyRevoked) wellFormed() error {
	return mustCarry(e.EventType(), field{"proxy", e.Proxy != uuid.Nil})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// proposal and the resolution. On error e is unchanged.
func (e *ProposalClosed) UnmarshalJSON(b []byte) error {
	type plain ProposalClosed
	return decodeEvent(b, e, func(p plain) ProposalClosed {
		p.Ballots, p.Votes, p.Winners = clip(p.Ballots), clip(p.Votes), clip(p.Winners)
		p.Commitments = clip(p.Commitments)
		for i := range p.Ballots {
			p.Ballots[i] = p.Ballots[i].clone()
		}
		for i := range p.Votes {
			p.Votes[i].Ballot = p.Votes[i].Ballot.clone()
		}
		return ProposalClosed(p)
	}, ProposalClosed.wellFormed)
}

func (e ProposalClosed) wellFormed() error {
	return mustCarry(e.EventType(), field{"proposal", e.Proposal != uuid.Nil}, field{"resolution", e.Resolution.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// proposal. On error e is unchanged.
func (e *ProposalWithdrawn) UnmarshalJSON(b []byte) error {
	type plain ProposalWithdrawn
	return decodeEvent(b, e, func(p plain) ProposalWithdrawn { return ProposalWithdrawn(p) }, ProposalWithdrawn.wellFormed)
}

func (e ProposalWithdrawn) wellFormed() error {
	return mustCarry(e.EventType(), field{"proposal", e.Proposal != uuid.Nil})
}
