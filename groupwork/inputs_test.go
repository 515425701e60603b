package groupwork

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/inputtest"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// The input sweep of groupwork: every exported function and method,
// called with nil, zero values, oversized and invalid text and far-off
// times, on a zero value and on a real group. No call panics, every
// refusal wraps a documented sentinel, a refused call changes nothing,
// and what a call accepts survives a save and a load.

var groupworkSentinels = map[string]error{
	"ErrAlreadyDone":      ErrAlreadyDone,
	"ErrAlreadyVoted":     ErrAlreadyVoted,
	"ErrBallotsMissing":   ErrBallotsMissing,
	"ErrBlank":            ErrBlank,
	"ErrClosedGroup":      ErrClosedGroup,
	"ErrDuplicateID":      ErrDuplicateID,
	"ErrDuplicateMember":  ErrDuplicateMember,
	"ErrEnded":            ErrEnded,
	"ErrFull":             ErrFull,
	"ErrInvalidArea":      ErrInvalidArea,
	"ErrInvalidProposal":  ErrInvalidProposal,
	"ErrInvalidQuorum":    ErrInvalidQuorum,
	"ErrInvalidReceipt":   ErrInvalidReceipt,
	"ErrInvalidSpec":      ErrInvalidSpec,
	"ErrMalformedEvent":   ErrMalformedEvent,
	"ErrNoBallot":         ErrNoBallot,
	"ErrNoMandate":        ErrNoMandate,
	"ErrNotCounted":       ErrNotCounted,
	"ErrNotEligible":      ErrNotEligible,
	"ErrNotGrantor":       ErrNotGrantor,
	"ErrNotMember":        ErrNotMember,
	"ErrNotProposer":      ErrNotProposer,
	"ErrNotSecret":        ErrNotSecret,
	"ErrNotSeparated":     ErrNotSeparated,
	"ErrOutcomeMismatch":  ErrOutcomeMismatch,
	"ErrProxyLimit":       ErrProxyLimit,
	"ErrProxyStanding":    ErrProxyStanding,
	"ErrProxyUsed":        ErrProxyUsed,
	"ErrRepeated":         ErrRepeated,
	"ErrResultsHidden":    ErrResultsHidden,
	"ErrSameStage":        ErrSameStage,
	"ErrSecretBallot":     ErrSecretBallot,
	"ErrSelfAid":          ErrSelfAid,
	"ErrSelfProxy":        ErrSelfProxy,
	"ErrTooEarly":         ErrTooEarly,
	"ErrUnknownActivity":  ErrUnknownActivity,
	"ErrUnknownConcern":   ErrUnknownConcern,
	"ErrUnknownMediation": ErrUnknownMediation,
	"ErrUnknownMeeting":   ErrUnknownMeeting,
	"ErrUnknownProposal":  ErrUnknownProposal,
	"ErrUnknownProxy":     ErrUnknownProxy,
	"ErrVotingClosed":     ErrVotingClosed,
	"ErrWithdrawn":        ErrWithdrawn,
	"ErrWrongBallot":      ErrWrongBallot,
}

func groupworkInputConfig() inputtest.Config {
	sentinels := slices.Clone(inputtest.Relationship)
	for _, e := range groupworkSentinels {
		sentinels = append(sentinels, e)
	}
	return inputtest.Config{
		Dir: ".",
		Funcs: map[string]any{
			"ActionKinds":            ActionKinds,
			"Activities":             Activities,
			"Attendances":            Attendances,
			"ConcernScopes":          ConcernScopes,
			"Fits":                   Fits,
			"ProposalKeySubject":     ProposalKeySubject,
			"LeaveReasons":           LeaveReasons,
			"Load":                   Load,
			"Memberships":            Memberships,
			"Models":                 Models,
			"MutualAidProcesses":     MutualAidProcesses,
			"NewGroup":               NewGroup,
			"NewNeed":                NewNeed,
			"NewStrength":            NewStrength,
			"Outcomes":               Outcomes,
			"ParseActionKind":        ParseActionKind,
			"ParseActivity":          ParseActivity,
			"ParseAttendance":        ParseAttendance,
			"ParseConcernScope":      ParseConcernScope,
			"ParseFit":               ParseFit,
			"ParseLeaveReason":       ParseLeaveReason,
			"ParseMembership":        ParseMembership,
			"ParseModel":             ParseModel,
			"ParseMutualAidProcess":  ParseMutualAidProcess,
			"ParseNeed":              ParseNeed,
			"ParseOutcome":           ParseOutcome,
			"ParseQuorum":            ParseQuorum,
			"ParseRule":              ParseRule,
			"ParseStage":             ParseStage,
			"ParseStrength":          ParseStrength,
			"ParseTherapeuticFactor": ParseTherapeuticFactor,
			"Replay":                 Replay,
			"Rights":                 Rights,
			"Rules":                  Rules,
			"Stages":                 Stages,
			"StreamName":             StreamName,
			"StreamKeySubject":       StreamKeySubject,
			"TherapeuticFactors":     TherapeuticFactors,
			"VerifyReceipt":          VerifyReceipt,
		},
		Types: map[string]reflect.Type{
			"ActionKind":         reflect.TypeFor[ActionKind](),
			"RevealedVote":       reflect.TypeFor[RevealedVote](),
			"ProposalSpec":       reflect.TypeFor[ProposalSpec](),
			"Profile":            reflect.TypeFor[Profile](),
			"Helper":             reflect.TypeFor[Helper](),
			"Demand":             reflect.TypeFor[Demand](),
			"Aid":                reflect.TypeFor[Aid](),
			"Action":             reflect.TypeFor[Action](),
			"ActionTaken":        reflect.TypeFor[ActionTaken](),
			"Activity":           reflect.TypeFor[Activity](),
			"ActivityChosen":     reflect.TypeFor[ActivityChosen](),
			"ActivityRecorded":   reflect.TypeFor[ActivityRecorded](),
			"AidGiven":           reflect.TypeFor[AidGiven](),
			"Attendance":         reflect.TypeFor[Attendance](),
			"AttendanceRecorded": reflect.TypeFor[AttendanceRecorded](),
			"Ballot":             reflect.TypeFor[Ballot](),
			"Concern":            reflect.TypeFor[Concern](),
			"ConcernClosed":      reflect.TypeFor[ConcernClosed](),
			"ConcernRaised":      reflect.TypeFor[ConcernRaised](),
			"ConcernScope":       reflect.TypeFor[ConcernScope](),
			"Decision":           reflect.TypeFor[Decision](),
			"Facilitator":        reflect.TypeFor[Facilitator](),
			"Fit":                reflect.TypeFor[Fit](),
			"Group":              reflect.TypeFor[Group](),
			"GroupEnded":         reflect.TypeFor[GroupEnded](),
			"GroupFormed":        reflect.TypeFor[GroupFormed](),
			"LeaveReason":        reflect.TypeFor[LeaveReason](),
			"Mediation":          reflect.TypeFor[Mediation](),
			"MediationOpened":    reflect.TypeFor[MediationOpened](),
			"MediationSettled":   reflect.TypeFor[MediationSettled](),
			"Meeting":            reflect.TypeFor[Meeting](),
			"MeetingConvened":    reflect.TypeFor[MeetingConvened](),
			"Member":             reflect.TypeFor[Member](),
			"MemberError":        reflect.TypeFor[MemberError](),
			"StateError":         reflect.TypeFor[StateError](),
			"InputError":         reflect.TypeFor[InputError](),
			"BallotError":        reflect.TypeFor[BallotError](),
			"RecordError":        reflect.TypeFor[RecordError](),
			"MemberJoined":       reflect.TypeFor[MemberJoined](),
			"MemberLeft":         reflect.TypeFor[MemberLeft](),
			"Membership":         reflect.TypeFor[Membership](),
			"Model":              reflect.TypeFor[Model](),
			"MutualAidProcess":   reflect.TypeFor[MutualAidProcess](),
			"Need":               reflect.TypeFor[Need](),
			"NotFoundError":      reflect.TypeFor[NotFoundError](),
			"Note":               reflect.TypeFor[Note](),
			"NoteRecorded":       reflect.TypeFor[NoteRecorded](),
			"Outcome":            reflect.TypeFor[Outcome](),
			"Period":             reflect.TypeFor[Period](),
			"ProfileUpdated":     reflect.TypeFor[ProfileUpdated](),
			"ProgrammeItem":      reflect.TypeFor[ProgrammeItem](),
			"Proposal":           reflect.TypeFor[Proposal](),
			"ProposalClosed":     reflect.TypeFor[ProposalClosed](),
			"ProposalRaised":     reflect.TypeFor[ProposalRaised](),
			"ProposalWithdrawn":  reflect.TypeFor[ProposalWithdrawn](),
			"ProxyError":         reflect.TypeFor[ProxyError](),
			"ProxyGranted":       reflect.TypeFor[ProxyGranted](),
			"ProxyRevoked":       reflect.TypeFor[ProxyRevoked](),
			"Quorum":             reflect.TypeFor[Quorum](),
			"QuorumCount":        reflect.TypeFor[QuorumCount](),
			"Rule":               reflect.TypeFor[Rule](),
			"Stage":              reflect.TypeFor[Stage](),
			"StageChange":        reflect.TypeFor[StageChange](),
			"StageRecorded":      reflect.TypeFor[StageRecorded](),
			"Strength":           reflect.TypeFor[Strength](),
			"TherapeuticFactor":  reflect.TypeFor[TherapeuticFactor](),
			"VoteCast":           reflect.TypeFor[VoteCast](),
			"Receipt":            reflect.TypeFor[Receipt](),
			"ReceiptError":       reflect.TypeFor[ReceiptError](),
		},
		NilReceivers: []string{"Group"},
		Skip: map[string]string{
			"MustNeed":     "panics by design: for literals in tests and examples",
			"MustStrength": "panics by design: for literals in tests and examples",
		},
		Names:     groupworkSentinels,
		Sentinels: sentinels,
		Extra: map[reflect.Type][]inputtest.Variant{
			reflect.TypeFor[context.Context](): {{Name: "background", Value: reflect.ValueOf(context.Background())}},
			reflect.TypeFor[relationship.Journal](): {
				{Name: "zero Memory", Value: reflect.ValueOf(relationship.Journal(&journal.Memory{}))},
				{Name: "zero File", Value: reflect.ValueOf(relationship.Journal(&journal.File{}))},
			},
			reflect.TypeFor[relationship.PartyID](): {
				{Name: "facilitator", Value: reflect.ValueOf(worker.ID())},
				{Name: "member", Value: reflect.ValueOf(people(1)[0])},
			},
		},
		Fixtures: map[string][]func(t *testing.T) any{
			"Group": {func(t *testing.T) any { return inputGroup(t).g }},
		},
		Snapshot: groupworkSnapshot,
		Accepted: groupworkRoundTrip,
	}
}

// inputGroup is a group with members, a meeting and a concern.
func inputGroup(t testing.TB) *fixture {
	f := newFixture(t, clubSpec(), 4)
	f.meeting(t)
	_, err := f.g.RaiseConcern(f.members[0], ScopePersonal, "the rent")
	require.NoError(t, err)
	return f
}

// groupworkSnapshot is what a refused call must leave as it was.
func groupworkSnapshot(t *testing.T, v any) any {
	if g, ok := v.(*Group); ok {
		return []any{g.Version(), g.Unsaved(), inputtest.Copy(&g.st), slices.Collect(g.Ledger().All()), inputtest.Copy(&g.box)}
	}
	return reflect.ValueOf(v).Elem().Interface()
}

// groupworkRoundTrip saves what was accepted and loads it back: it must
// come back equal.
func groupworkRoundTrip(t *testing.T, v any) {
	g, ok := v.(*Group)
	if !ok {
		return
	}
	ctx := context.Background()
	j := journal.NewMemory()
	require.NoError(t, g.Save(ctx, j))
	back, err := Load(ctx, j, g.ID(), nil)
	require.NoError(t, err)
	assert.Equal(t, g.st, back.st, "a group loads back as it was saved")
	assert.True(t, g.ledger.Equal(back.ledger), "its ledger too")
}

func TestInputSurfaceComplete(t *testing.T) {
	inputtest.Complete(t, groupworkInputConfig())
}

func TestInputSweep(t *testing.T) {
	assert.Greater(t, inputtest.Sweep(t, groupworkInputConfig()), 1000, "the sweep made its calls")
}
