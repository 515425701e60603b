package groupwork

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// Sentinel errors of proposals, votes and proxies. The typed errors below
// wrap them and carry the offending values.
var (
	// ErrUnknownProposal means no proposal of the group has the identifier.
	ErrUnknownProposal = errors.New("groupwork: unknown proposal")
	// ErrUnknownProxy means no proxy of the group has the identifier.
	ErrUnknownProxy = errors.New("groupwork: unknown proxy")
	// ErrInvalidProposal means a proposal's specification is incomplete or
	// inconsistent: a blank title, options for a motion, no options for a
	// choice, a fraction for a rule that takes none, no review date.
	ErrInvalidProposal = errors.New("groupwork: invalid proposal")
	// ErrInvalidQuorum means a quorum that is inconsistent: a negative
	// count, both a count and a fraction, those present without a meeting.
	ErrInvalidQuorum = errors.New("groupwork: invalid quorum")
	// ErrWrongBallot means a ballot that does not fit the proposal's rule,
	// such as a ranking for a yes/no motion, or no vote at all.
	ErrWrongBallot = errors.New("groupwork: ballot does not fit the rule")
	// ErrVotingClosed means voting on the proposal is over: it was closed
	// or withdrawn, or its declared closing time has passed.
	ErrVotingClosed = errors.New("groupwork: voting is closed")
	// ErrTooEarly means a proposal was to be closed before its declared
	// closing time: members were promised until then to vote.
	ErrTooEarly = errors.New("groupwork: closing time not reached")
	// ErrNotProposer means an act only the member who raised the proposal
	// may perform: withdrawing it, or closing one with no closing time.
	ErrNotProposer = errors.New("groupwork: not the proposer")
	// ErrNotEligible means the party may not vote on the proposal: the
	// facilitator where the group's settings do not let the facilitator
	// vote, or a member absent from the meeting where the vote is taken.
	ErrNotEligible = errors.New("groupwork: not eligible to vote")
	// ErrAlreadyVoted means a member who has voted tried to give a proxy
	// for the same proposal.
	ErrAlreadyVoted = errors.New("groupwork: already voted")
	// ErrProxyLimit means the holder already holds as many proxies for the
	// proposal as the group's settings allow (none, by default).
	ErrProxyLimit = errors.New("groupwork: proxy limit reached")
	// ErrProxyStanding means the member has a proxy standing for the
	// proposal: they cannot grant a second, nor vote in person, until they
	// revoke it (or, once it is used, at all: their vote has been cast).
	ErrProxyStanding = errors.New("groupwork: a proxy is standing")
	// ErrProxyUsed means a proxy that has been used to vote: it can no
	// longer be revoked.
	ErrProxyUsed = errors.New("groupwork: proxy already used")
	// ErrSelfProxy means a member named themselves as their own proxy.
	ErrSelfProxy = errors.New("groupwork: proxy to oneself")
	// ErrNotGrantor means someone other than the member who granted a
	// proxy tried to revoke it.
	ErrNotGrantor = errors.New("groupwork: not the grantor of the proxy")
	// ErrNoMandate means a vote cast under a proxy that the actor does not
	// hold, that was revoked, or whose grantor or holder has left.
	ErrNoMandate = errors.New("groupwork: no standing mandate")
	// ErrResultsHidden means the proposal hides its results until it
	// closes, and it is still open.
	ErrResultsHidden = errors.New("groupwork: results hidden until the vote closes")
	// ErrSecretBallot means someone asked how a member voted in a secret
	// ballot: the group keeps that a member voted, not how.
	ErrSecretBallot = errors.New("groupwork: secret ballot")
	// ErrNoBallot means the member cast no ballot on the proposal.
	ErrNoBallot = errors.New("groupwork: no ballot")
	// ErrWithdrawn means the proposal was withdrawn: nothing was decided.
	ErrWithdrawn = errors.New("groupwork: proposal withdrawn")
	// ErrBallotsMissing means sealed ballots are missing from the group's
	// ballot box, because the group was saved and loaded (or replayed)
	// while a secret or hidden vote was open: the box is never written to
	// the record. The members concerned vote again, or the proposer
	// withdraws the proposal.
	ErrBallotsMissing = errors.New("groupwork: sealed ballots missing")
	// ErrOutcomeMismatch means a record whose closed proposal does not
	// recount to the outcome it records: a forged or corrupted record.
	ErrOutcomeMismatch = errors.New("groupwork: recorded outcome does not recount")
)

// BallotError reports a problem with a ballot. Err says which:
//   - [ErrWrongBallot]: the ballot does not fit the proposal's Rule
//     (Ballot is its index in its list, or [count.LoneBallot]);
//   - [ErrResultsHidden]: the proposal hides its results until it closes;
//   - [ErrSecretBallot]: how Voter voted in a secret ballot is not kept;
//   - [ErrNoBallot]: Voter cast no ballot on the proposal;
//   - [ErrBallotsMissing]: sealed ballots are missing from the ballot box;
//     Voters lists, in the order they first joined the group, those who
//     must vote again.
type BallotError struct {
	Proposal uuid.UUID
	Voter    relationship.PartyID   // for ErrSecretBallot and ErrNoBallot
	Voters   []relationship.PartyID // for ErrBallotsMissing
	Rule     Rule                   // for ErrWrongBallot
	Ballot   int                    // for ErrWrongBallot
	Err      error
}

func (e *BallotError) Error() string {
	switch e.Err {
	case ErrWrongBallot:
		return fmt.Sprintf("groupwork: %s under %s must carry %s, and nothing else",
			ballotName(e.Ballot), e.Rule, e.Rule.kind().wants())
	case ErrResultsHidden:
		return "groupwork: the proposal hides its results until the vote closes"
	case ErrSecretBallot:
		return "groupwork: the proposal is a secret ballot: that a member voted is kept, not how"
	case ErrNoBallot:
		return "groupwork: the member cast no ballot on the proposal"
	case ErrBallotsMissing:
		return fmt.Sprintf("groupwork: %d sealed ballots are missing (the group was loaded while the vote was open); those voters must vote again",
			len(e.Voters))
	}
	return "groupwork: ballot refused: " + trim(e.Err)
}

// Unwrap returns Err.
func (e *BallotError) Unwrap() error { return e.Err }

func ballotName(i int) string {
	if i == count.LoneBallot {
		return "the ballot"
	}
	return fmt.Sprintf("ballot %d", i)
}

// ProxyError reports a proxy refused: granted, revoked or used against the
// rules. Err is the sentinel that names the problem: [ErrProxyLimit],
// [ErrProxyStanding], [ErrProxyUsed], [ErrSelfProxy], [ErrNotGrantor],
// [ErrNoMandate] or [ErrAlreadyVoted]. The message names no one: Grantor
// and Holder say who, for programs.
type ProxyError struct {
	Proxy    uuid.UUID // the proxy, or the zero UUID for one being granted
	Proposal uuid.UUID
	Grantor  relationship.PartyID // the member whose vote it carries
	Holder   relationship.PartyID // the member who holds it, or would
	Limit    int                  // the group's limit per holder, for ErrProxyLimit
	Err      error
}

func (e *ProxyError) Error() string {
	msg := trim(e.Err)
	if errors.Is(e.Err, ErrProxyLimit) {
		msg = fmt.Sprintf("%s (%d per holder)", msg, e.Limit)
	}
	return "groupwork: proxy refused: " + msg
}

// Unwrap returns the sentinel.
func (e *ProxyError) Unwrap() error { return e.Err }
