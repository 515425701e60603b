package groupwork

import (
	"errors"
	"fmt"
	"strings"
	"time"

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

// ProposalError reports one problem with a [ProposalSpec]. [Group.Propose]
// reports every problem at once, joined with [errors.Join]. It unwraps to
// [ErrInvalidProposal] and, where there is one, to the cause: a
// [*count.FractionError], [*count.RangeError], [*count.RangeError], [*count.BallotError],
// [*QuorumError], [*NotFoundError], [*DateError], [*relationship.TextError].
type ProposalError struct {
	Field  string // "title", "options", "rule", "fraction", "seats", "priority", "quorum", "meeting", "closes" or "review"
	Reason string
	Cause  error // the underlying error, or nil
}

func (e *ProposalError) Error() string {
	return fmt.Sprintf("groupwork: invalid proposal %s: %s", e.Field, e.Reason)
}

// Unwrap returns [ErrInvalidProposal] and the cause, if any.
func (e *ProposalError) Unwrap() []error {
	if e.Cause == nil {
		return []error{ErrInvalidProposal}
	}
	return []error{ErrInvalidProposal, e.Cause}
}

// QuorumError reports an inconsistent [Quorum]. It unwraps to
// [ErrInvalidQuorum].
type QuorumError struct {
	Quorum Quorum
	Reason string
}

func (e *QuorumError) Error() string {
	return fmt.Sprintf("groupwork: invalid quorum %+v: %s", e.Quorum, e.Reason)
}

// Unwrap returns [ErrInvalidQuorum].
func (e *QuorumError) Unwrap() error { return ErrInvalidQuorum }

// WrongBallotError reports a ballot that does not fit its proposal's rule.
// It unwraps to [ErrWrongBallot].
type WrongBallotError struct {
	Rule   Rule
	Ballot int // the ballot's index in its list, or [count.LoneBallot]
}

func (e *WrongBallotError) Error() string {
	return fmt.Sprintf("groupwork: %s under %s must carry %s, and nothing else",
		ballotName(e.Ballot), e.Rule, e.Rule.kind().wants())
}

// Unwrap returns [ErrWrongBallot].
func (e *WrongBallotError) Unwrap() error { return ErrWrongBallot }

func ballotName(i int) string {
	if i == count.LoneBallot {
		return "the ballot"
	}
	return fmt.Sprintf("ballot %d", i)
}

// VotingClosedError reports an act on a proposal whose voting is over. It
// unwraps to [ErrVotingClosed].
type VotingClosedError struct {
	Proposal uuid.UUID
	Since    time.Time // when voting ended
	Why      string    // "closed", "withdrawn" or "its closing time passed"
}

func (e *VotingClosedError) Error() string {
	return fmt.Sprintf("groupwork: voting on proposal %s is over: %s at %s",
		e.Proposal, e.Why, e.Since.Format(time.RFC3339))
}

// Unwrap returns [ErrVotingClosed].
func (e *VotingClosedError) Unwrap() error { return ErrVotingClosed }

// TooEarlyError reports a proposal closed before its declared closing
// time. It unwraps to [ErrTooEarly].
type TooEarlyError struct {
	Proposal uuid.UUID
	Closes   time.Time
}

func (e *TooEarlyError) Error() string {
	return fmt.Sprintf("groupwork: proposal %s stays open for votes until %s",
		e.Proposal, e.Closes.Format(time.RFC3339))
}

// Unwrap returns [ErrTooEarly].
func (e *TooEarlyError) Unwrap() error { return ErrTooEarly }

// ProposerError reports an act that only the proposer may perform. It
// unwraps to [ErrNotProposer] and [relationship.ErrNotPermitted].
type ProposerError struct {
	Proposal uuid.UUID
	Actor    relationship.PartyID
	Act      relationship.Act
}

func (e *ProposerError) Error() string {
	return fmt.Sprintf("groupwork: only the member who raised proposal %s may %s it", e.Proposal, e.Act)
}

// Unwrap returns [ErrNotProposer] and [relationship.ErrNotPermitted].
func (e *ProposerError) Unwrap() []error {
	return []error{ErrNotProposer, relationship.ErrNotPermitted}
}

// EligibilityError reports a party who may not vote on a proposal, and
// why. It unwraps to [ErrNotEligible] and, for the facilitator, also to
// [relationship.ErrNotPermitted]: where the group's settings do not let
// the worker vote, voting is not the worker's act.
type EligibilityError struct {
	Proposal    uuid.UUID
	Voter       relationship.PartyID
	Facilitator bool // the party is the group's facilitator
	Reason      string
}

func (e *EligibilityError) Error() string {
	return fmt.Sprintf("groupwork: %s may not vote on proposal %s: %s", e.Voter, e.Proposal, e.Reason)
}

// Unwrap returns [ErrNotEligible], and [relationship.ErrNotPermitted] for
// the facilitator.
func (e *EligibilityError) Unwrap() []error {
	if e.Facilitator {
		return []error{ErrNotEligible, relationship.ErrNotPermitted}
	}
	return []error{ErrNotEligible}
}

// ProxyError reports a proxy refused: granted, revoked or used against the
// rules. Err is the sentinel that names the problem: [ErrProxyLimit],
// [ErrProxyStanding], [ErrProxyUsed], [ErrSelfProxy], [ErrNotGrantor],
// [ErrNoMandate] or [ErrAlreadyVoted].
type ProxyError struct {
	Proxy    uuid.UUID // the proxy, or the zero UUID for one being granted
	Proposal uuid.UUID
	Grantor  relationship.PartyID // the member whose vote it carries
	Holder   relationship.PartyID // the member who holds it, or would
	Limit    int                  // the group's limit per holder, for ErrProxyLimit
	Err      error
}

func (e *ProxyError) Error() string {
	msg := "no reason" // a zero ProxyError
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "groupwork: ")
	}
	if errors.Is(e.Err, ErrProxyLimit) {
		msg = fmt.Sprintf("%s (%d per holder)", msg, e.Limit)
	}
	return fmt.Sprintf("groupwork: proxy of %s to %s on proposal %s: %s", e.Grantor, e.Holder, e.Proposal, msg)
}

// Unwrap returns the sentinel.
func (e *ProxyError) Unwrap() error { return e.Err }

// HiddenError reports a question about an open proposal that hides its
// results until it closes. It unwraps to [ErrResultsHidden].
type HiddenError struct {
	Proposal uuid.UUID
}

func (e *HiddenError) Error() string {
	return fmt.Sprintf("groupwork: proposal %s hides its results until the vote closes", e.Proposal)
}

// Unwrap returns [ErrResultsHidden].
func (e *HiddenError) Unwrap() error { return ErrResultsHidden }

// SecretError reports a question about how a member voted in a secret
// ballot. It unwraps to [ErrSecretBallot].
type SecretError struct {
	Proposal uuid.UUID
	Voter    relationship.PartyID
}

func (e *SecretError) Error() string {
	return fmt.Sprintf("groupwork: proposal %s is a secret ballot: how %s voted is not kept", e.Proposal, e.Voter)
}

// Unwrap returns [ErrSecretBallot].
func (e *SecretError) Unwrap() error { return ErrSecretBallot }

// NoBallotError reports a member who cast no ballot on a proposal. It
// unwraps to [ErrNoBallot].
type NoBallotError struct {
	Proposal uuid.UUID
	Voter    relationship.PartyID
}

func (e *NoBallotError) Error() string {
	return fmt.Sprintf("groupwork: %s cast no ballot on proposal %s", e.Voter, e.Proposal)
}

// Unwrap returns [ErrNoBallot].
func (e *NoBallotError) Unwrap() error { return ErrNoBallot }

// WithdrawnError reports a question about the decision of a withdrawn
// proposal. It unwraps to [ErrWithdrawn].
type WithdrawnError struct {
	Proposal uuid.UUID
	Reason   string // the proposer's reason
}

func (e *WithdrawnError) Error() string {
	return fmt.Sprintf("groupwork: proposal %s was withdrawn (%s): nothing was decided", e.Proposal, e.Reason)
}

// Unwrap returns [ErrWithdrawn].
func (e *WithdrawnError) Unwrap() error { return ErrWithdrawn }

// MissingBallotsError reports sealed ballots missing from the group's
// ballot box (see [ErrBallotsMissing]). Voters lists, in the order they
// first joined the group, the voters whose ballots must be cast again. It
// unwraps to [ErrBallotsMissing].
type MissingBallotsError struct {
	Proposal uuid.UUID
	Voters   []relationship.PartyID
}

func (e *MissingBallotsError) Error() string {
	return fmt.Sprintf("groupwork: proposal %s: %d sealed ballots are missing (the group was loaded while the vote was open); those voters must vote again",
		e.Proposal, len(e.Voters))
}

// Unwrap returns [ErrBallotsMissing].
func (e *MissingBallotsError) Unwrap() error { return ErrBallotsMissing }

// OutcomeError reports a closed proposal, in a record, whose ballots do
// not recount to the outcome the record states, or whose anonymised
// ballots are not what the record's votes allow. It unwraps to
// [ErrOutcomeMismatch].
type OutcomeError struct {
	Proposal uuid.UUID
	Field    string // what differs: "ballots", "order", "voters", "resolution", "winners", ...
	Recorded string
	Counted  string
}

func (e *OutcomeError) Error() string {
	return fmt.Sprintf("groupwork: proposal %s: the record says %s %s, the count gives %s",
		e.Proposal, e.Field, e.Recorded, e.Counted)
}

// Unwrap returns [ErrOutcomeMismatch].
func (e *OutcomeError) Unwrap() error { return ErrOutcomeMismatch }
