package casework

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/inputtest"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// The input sweep of casework: every exported function and method, called
// with nil, zero values, oversized and invalid text and far-off times, on a
// nil and a zero value and on a real agency and case. No call panics,
// every refusal wraps a documented sentinel, a refused call changes
// nothing, and what a call accepts survives a save and a load.

var caseworkSentinels = map[string]error{
	"ErrCaseOpen":              ErrCaseOpen,
	"ErrApprovalRequired":      ErrApprovalRequired,
	"ErrCaseClosed":            ErrCaseClosed,
	"ErrCaseExists":            ErrCaseExists,
	"ErrCaseloadFull":          ErrCaseloadFull,
	"ErrDetached":              ErrDetached,
	"ErrDuplicateID":           ErrDuplicateID,
	"ErrBlank":                 ErrBlank,
	"ErrInsufficientResources": ErrInsufficientResources,
	"ErrNoConsent":             ErrNoConsent,
	"ErrNotAssigned":           ErrNotAssigned,
	"ErrNotFound":              ErrNotFound,
	"ErrNotReady":              ErrNotReady,
	"ErrNotStaff":              ErrNotStaff,
	"ErrPhase":                 ErrPhase,
	"ErrSecondCase":            ErrSecondCase,
	"ErrSelfApproval":          ErrSelfApproval,
	"ErrStaffBusy":             ErrStaffBusy,
	"ErrState":                 ErrState,
	"ErrUnknownPolicy":         ErrUnknownPolicy,
	"ErrUnknownResource":       ErrUnknownResource,
	"ErrWrongAgency":           ErrWrongAgency,
}

func caseworkInputConfig() inputtest.Config {
	sentinels := slices.Clone(inputtest.Relationship)
	for _, e := range caseworkSentinels {
		sentinels = append(sentinels, e)
	}
	return inputtest.Config{
		Dir: ".",
		Funcs: map[string]any{
			"PrivacyStreamName":      PrivacyStreamName,
			"KeySubject":             KeySubject,
			"ClientKeySubject":       ClientKeySubject,
			"ClientAnchors":          ClientAnchors,
			"ForgetClient":           ForgetClient,
			"NewSealedJournal":       NewSealedJournal,
			"AccessKinds":            AccessKinds,
			"AccessLog":              AccessLog,
			"AccessStreamName":       AccessStreamName,
			"AccessesBy":             AccessesBy,
			"AgencyRights":           AgencyRights,
			"AgencyStreamName":       AgencyStreamName,
			"Circumstances":          Circumstances,
			"ConsentPurposes":        ConsentPurposes,
			"ConsentStates":          ConsentStates,
			"DisclosureScope":        DisclosureScope,
			"EvidenceKinds":          EvidenceKinds,
			"GoalStates":             GoalStates,
			"Load":                   Load,
			"LoadAgency":             LoadAgency,
			"NewAgency":              NewAgency,
			"NewClient":              NewClient,
			"NewSupervisor":          NewSupervisor,
			"NewWorker":              NewWorker,
			"NewCase":                NewCase,
			"ParseAccessKind":        ParseAccessKind,
			"ParseCircumstance":      ParseCircumstance,
			"ParseConsentPurpose":    ParseConsentPurpose,
			"ParseConsentState":      ParseConsentState,
			"ParseEvidenceKind":      ParseEvidenceKind,
			"ParseGoalState":         ParseGoalState,
			"ParsePhase":             ParsePhase,
			"ParseProvisionState":    ParseProvisionState,
			"ParseReferralState":     ParseReferralState,
			"ParseTerminationReason": ParseTerminationReason,
			"Phases":                 Phases,
			"PlanScope":              PlanScope,
			"ProvisionStates":        ProvisionStates,
			"ReferralScope":          ReferralScope,
			"ReferralStates":         ReferralStates,
			"Replay":                 Replay,
			"ReplayAgency":           ReplayAgency,
			"Rights":                 Rights,
			"StreamName":             StreamName,
			"TerminationReasons":     TerminationReasons,
		},
		Types: map[string]reflect.Type{
			"AccessKind":          reflect.TypeFor[AccessKind](),
			"RecordExported":      reflect.TypeFor[RecordExported](),
			"Intake":              reflect.TypeFor[Intake](),
			"HouseholdMember":     reflect.TypeFor[HouseholdMember](),
			"EvidenceItem":        reflect.TypeFor[EvidenceItem](),
			"Evidence":            reflect.TypeFor[Evidence](),
			"Eligibility":         reflect.TypeFor[Eligibility](),
			"Diagnosis":           reflect.TypeFor[Diagnosis](),
			"Closure":             reflect.TypeFor[Closure](),
			"CaseErased":          reflect.TypeFor[CaseErased](),
			"Assessment":          reflect.TypeFor[Assessment](),
			"Application":         reflect.TypeFor[Application](),
			"Applicant":           reflect.TypeFor[Applicant](),
			"Access":              reflect.TypeFor[Access](),
			"Agency":              reflect.TypeFor[Agency](),
			"AgencyFounded":       reflect.TypeFor[AgencyFounded](),
			"AppointmentEnded":    reflect.TypeFor[AppointmentEnded](),
			"ApprovalError":       reflect.TypeFor[ApprovalError](),
			"BindError":           reflect.TypeFor[BindError](),
			"Case":                reflect.TypeFor[Case](),
			"CaseAssigned":        reflect.TypeFor[CaseAssigned](),
			"CaseClosed":          reflect.TypeFor[CaseClosed](),
			"CaseOpened":          reflect.TypeFor[CaseOpened](),
			"CaseReleased":        reflect.TypeFor[CaseReleased](),
			"CaseReopened":        reflect.TypeFor[CaseReopened](),
			"CaseTransferred":     reflect.TypeFor[CaseTransferred](),
			"CaseWithdrawn":       reflect.TypeFor[CaseWithdrawn](),
			"CaseloadError":       reflect.TypeFor[CaseloadError](),
			"CaseloadLimitSet":    reflect.TypeFor[CaseloadLimitSet](),
			"Circumstance":        reflect.TypeFor[Circumstance](),
			"Client":              reflect.TypeFor[Client](),
			"Consent":             reflect.TypeFor[Consent](),
			"ConsentError":        reflect.TypeFor[ConsentError](),
			"ConsentGiven":        reflect.TypeFor[ConsentGiven](),
			"ConsentPurpose":      reflect.TypeFor[ConsentPurpose](),
			"ConsentRefused":      reflect.TypeFor[ConsentRefused](),
			"ConsentRevoked":      reflect.TypeFor[ConsentRevoked](),
			"ConsentState":        reflect.TypeFor[ConsentState](),
			"Counselled":          reflect.TypeFor[Counselled](),
			"DiagnosisMade":       reflect.TypeFor[DiagnosisMade](),
			"EligibilityAssessed": reflect.TypeFor[EligibilityAssessed](),
			"EvidenceKind":        reflect.TypeFor[EvidenceKind](),
			"EvidenceRecorded":    reflect.TypeFor[EvidenceRecorded](),
			"Goal":                reflect.TypeFor[Goal](),
			"GoalAbandoned":       reflect.TypeFor[GoalAbandoned](),
			"GoalAchieved":        reflect.TypeFor[GoalAchieved](),
			"GoalActivated":       reflect.TypeFor[GoalActivated](),
			"GoalAgreed":          reflect.TypeFor[GoalAgreed](),
			"GoalProposed":        reflect.TypeFor[GoalProposed](),
			"GoalState":           reflect.TypeFor[GoalState](),
			"InputError":          reflect.TypeFor[InputError](),
			"NeedsPolicy":         reflect.TypeFor[NeedsPolicy](),
			"NotFoundError":       reflect.TypeFor[NotFoundError](),
			"Note":                reflect.TypeFor[Note](),
			"NoteAccessed":        reflect.TypeFor[NoteAccessed](),
			"NoteDisclosed":       reflect.TypeFor[NoteDisclosed](),
			"NoteRead":            reflect.TypeFor[NoteRead](),
			"NoteWritten":         reflect.TypeFor[NoteWritten](),
			"Phase":               reflect.TypeFor[Phase](),
			"PhaseChanged":        reflect.TypeFor[PhaseChanged](),
			"PhaseError":          reflect.TypeFor[PhaseError](),
			"PolicySet":           reflect.TypeFor[PolicySet](),
			"Provision":           reflect.TypeFor[Provision](),
			"ProvisionApproved":   reflect.TypeFor[ProvisionApproved](),
			"ProvisionAuthorised": reflect.TypeFor[ProvisionAuthorised](),
			"ProvisionDeclined":   reflect.TypeFor[ProvisionDeclined](),
			"ProvisionProposed":   reflect.TypeFor[ProvisionProposed](),
			"ProvisionState":      reflect.TypeFor[ProvisionState](),
			"ProvisionWithdrawn":  reflect.TypeFor[ProvisionWithdrawn](),
			"ReadinessError":      reflect.TypeFor[ReadinessError](),
			"Referral":            reflect.TypeFor[Referral](),
			"ReferralMade":        reflect.TypeFor[ReferralMade](),
			"ReferralRevoked":     reflect.TypeFor[ReferralRevoked](),
			"ReferralState":       reflect.TypeFor[ReferralState](),
			"ReferralUpdated":     reflect.TypeFor[ReferralUpdated](),
			"RefusalOverridden":   reflect.TypeFor[RefusalOverridden](),
			"Resource":            reflect.TypeFor[Resource](),
			"ResourceError":       reflect.TypeFor[ResourceError](),
			"ResourceTermsSet":    reflect.TypeFor[ResourceTermsSet](),
			"Scope":               reflect.TypeFor[Scope](),
			"StaffAppointed":      reflect.TypeFor[StaffAppointed](),
			"StateError":          reflect.TypeFor[StateError](),
			"StockDrawn":          reflect.TypeFor[StockDrawn](),
			"StockReceived":       reflect.TypeFor[StockReceived](),
			"Supervisor":          reflect.TypeFor[Supervisor](),
			"TerminationReason":   reflect.TypeFor[TerminationReason](),
			"Worker":              reflect.TypeFor[Worker](),
			"WorthinessPolicy":    reflect.TypeFor[WorthinessPolicy](),
			"WrongPhaseError":     reflect.TypeFor[WrongPhaseError](),
		},
		NilReceivers: []string{"Case", "Agency"},
		Skip: map[string]string{
			"MustAgency":     "panics by design: for literals in tests and examples",
			"MustClient":     "panics by design: for literals in tests and examples",
			"MustSupervisor": "panics by design: for literals in tests and examples",
			"MustWorker":     "panics by design: for literals in tests and examples",
		},
		Names:     caseworkSentinels,
		Sentinels: sentinels,
		Extra: map[reflect.Type][]inputtest.Variant{
			reflect.TypeFor[context.Context](): {{Name: "background", Value: reflect.ValueOf(context.Background())}},
			reflect.TypeFor[relationship.Journal](): {
				{Name: "zero Memory", Value: reflect.ValueOf(relationship.Journal(&journal.Memory{}))},
				{Name: "zero File", Value: reflect.ValueOf(relationship.Journal(&journal.File{}))},
			},
			reflect.TypeFor[relationship.PartyID](): {
				{Name: "worker", Value: reflect.ValueOf(idWorker)},
				{Name: "client", Value: reflect.ValueOf(idClient)},
				{Name: "supervisor", Value: reflect.ValueOf(idSupervisor)},
			},
		},
		Fixtures: map[string][]func(t *testing.T) any{
			"Case":       {func(t *testing.T) any { return inputCase(t).c }},
			"Agency":     {func(t *testing.T) any { return inputCase(t).a }},
			"Client":     {func(t *testing.T) any { c := testClient; return &c }},
			"Worker":     {func(t *testing.T) any { w := testWorker; return &w }},
			"Supervisor": {func(t *testing.T) any { s := testSupervisor; return &s }},
		},
		Snapshot: caseworkSnapshot,
		Accepted: caseworkRoundTrip,
	}
}

// inputCase is a case in treatment with something of everything: a goal,
// a note, a consent, a provision and a referral.
func inputCase(t *testing.T) *fixture {
	f := newFixture(t)
	f.toTreatment()
	f.id(f.c.WriteNote(idWorker, "the family is managing"))
	f.id(f.c.ProposeProvision(idWorker, "coal", 1, "the winter"))
	f.id(f.c.GiveConsent(idClient, ReferralScope("the dispensary"), time.Time{}))
	f.id(f.c.Refer(idWorker, "the dispensary", "the son's cough"))
	return f
}

// caseworkSnapshot is what a refused call must leave as it was.
func caseworkSnapshot(t *testing.T, v any) any {
	switch x := v.(type) {
	case *Case:
		return []any{x.Version(), x.Unsaved(), inputtest.Copy(&x.st), slices.Collect(x.Ledger().All())}
	case *Agency:
		return []any{x.Version(), x.Unsaved(), inputtest.Copy(&x.st)}
	}
	return reflect.ValueOf(v).Elem().Interface()
}

// caseworkRoundTrip saves what was accepted and loads it back: it must
// come back equal.
func caseworkRoundTrip(t *testing.T, v any) {
	ctx := context.Background()
	switch x := v.(type) {
	case *Case:
		j := journal.NewMemory()
		if a := x.Agency(); a != nil {
			require.NoError(t, a.Save(ctx, j))
		}
		require.NoError(t, x.Save(ctx, j))
		a, err := LoadAgency(ctx, j, x.AgencyID(), nil)
		require.NoError(t, err)
		back, err := Load(ctx, j, x.ID(), &Options{Agency: a})
		require.NoError(t, err)
		assert.Equal(t, x.st, back.st, "a case loads back as it was saved")
		if x.Agency() != nil {
			assert.Equal(t, x.Agency().st, a.st, "its agency too")
		}
		assert.True(t, x.ledger.Equal(back.ledger), "its ledger too")
	case *Agency:
		j := journal.NewMemory()
		require.NoError(t, x.Save(ctx, j))
		back, err := LoadAgency(ctx, j, x.ID(), nil)
		require.NoError(t, err)
		assert.Equal(t, x.st, back.st, "an agency loads back as it was saved")
	}
}

func TestInputSurfaceComplete(t *testing.T) {
	inputtest.Complete(t, caseworkInputConfig())
}

func TestInputSweep(t *testing.T) {
	assert.Greater(t, inputtest.Sweep(t, caseworkInputConfig()), 1000, "the sweep made its calls")
}
