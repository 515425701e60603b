package groupwork

import (
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"

	"github.com/helpingwork/helping/relationship"
)

// Every error of the package names people by role, never by identifier,
// and never quotes a text it was given; each matches its sentinel, and a
// refusal of power matches relationship.ErrNotPermitted beside it.
func TestErrorMessagesNameNoOneAndQuoteNothing(t *testing.T) {
	person := relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000051")
	prop := uuid.MustParse("00000000-0001-7000-8000-000000000002")
	const secret = "Rosa told us about her brother"
	tests := []struct {
		name  string
		err   error
		wants []error
	}{
		{"not a member", &MemberError{Member: person, Err: ErrNotMember}, []error{ErrNotMember, relationship.ErrNotPermitted}},
		{"already a member", &MemberError{Member: person, Err: ErrDuplicateMember}, []error{ErrDuplicateMember}},
		{"aid to oneself", &MemberError{Member: person, Err: ErrSelfAid}, []error{ErrSelfAid}},
		{"full", &MemberError{Capacity: 8, Err: ErrFull}, []error{ErrFull}},
		{"closed", &MemberError{Since: t0, Err: ErrClosedGroup}, []error{ErrClosedGroup}},
		{"ended", ended(prop, t0), []error{ErrEnded}},
		{"voting closed", &StateError{Item: "proposal", ID: prop, At: t0, Why: "closed", Err: ErrVotingClosed}, []error{ErrVotingClosed}},
		{"withdrawn", &StateError{Item: "proposal", ID: prop, Err: ErrWithdrawn}, []error{ErrWithdrawn}},
		{"secret", &BallotError{Proposal: prop, Voter: person, Err: ErrSecretBallot}, []error{ErrSecretBallot}},
		{"no ballot", &BallotError{Proposal: prop, Voter: person, Err: ErrNoBallot}, []error{ErrNoBallot}},
		{"missing ballots", &BallotError{Proposal: prop, Voters: []relationship.PartyID{person}, Err: ErrBallotsMissing}, []error{ErrBallotsMissing}},
		{"proxy", &ProxyError{Proposal: prop, Grantor: person, Holder: person, Err: ErrSelfProxy}, []error{ErrSelfProxy}},
		{"area", areaError(secret), []error{ErrInvalidArea}},
		{"repeated option", unique("option", []string{secret, secret}), []error{ErrRepeated}},
		{"not the proposer", &relationship.PermissionError{Actor: person, Role: relationship.RoleMember,
			Act: ActWithdrawProposal, Rule: "only the member who raised the proposal may do this", Err: ErrNotProposer},
			[]error{ErrNotProposer, relationship.ErrNotPermitted}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := tt.err.Error()
			assert.NotContains(t, msg, person.String(), "no person's identifier")
			assert.NotContains(t, msg, prop.String(), "no proposal's identifier")
			assert.NotContains(t, msg, secret, "no quoted text")
			for _, want := range tt.wants {
				assert.True(t, errors.Is(tt.err, want), "%v matches %v", tt.err, want)
			}
		})
	}
}
