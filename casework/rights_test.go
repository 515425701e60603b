package casework

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// scenario brings a fixture to where an act can succeed for a permitted
// actor, and performs the act as actor.
type scenario struct {
	setup func(f *fixture) uuid.UUID
	do    func(f *fixture, actor relationship.PartyID, arg uuid.UUID) error
}

func noSetup(*fixture) uuid.UUID { return uuid.Nil }

// scenarios holds one scenario per act of the rights table.
var scenarios = map[relationship.Act]scenario{
	ActOpenCase: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		_, err := NewCase(actor, testAgency(f.t, nil), Application{Client: testClient, Worker: testWorker}, nil)
		return err
	}},
	ActAssessEligibility: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		_, err := f.c.AssessEligibility(actor)
		return err
	}},
	ActChangePhase: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		return f.c.MoveTo(actor, PhaseStudy)
	}},
	ActRecordEvidence: {func(f *fixture) uuid.UUID { f.toStudy(); return uuid.Nil },
		func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
			_, err := f.c.RecordEvidence(actor, Evidence{Kind: EvidenceTestimonial, Source: "landlady", Summary: "rent paid until the mill closed"})
			return err
		}},
	ActDiagnose: {func(f *fixture) uuid.UUID { f.toDiagnosis(); return uuid.Nil },
		func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
			return f.c.Diagnose(actor, Diagnosis{Difficulties: []string{"no income"}})
		}},
	ActProposeGoal: {func(f *fixture) uuid.UUID { f.toDiagnosis(); return uuid.Nil },
		func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
			_, err := f.c.ProposeGoal(actor, "rent paid up")
			return err
		}},
	ActAgreeGoal: {func(f *fixture) uuid.UUID {
		f.toDiagnosis()
		return f.id(f.c.ProposeGoal(idWorker, "rent paid up"))
	}, func(f *fixture, actor relationship.PartyID, g uuid.UUID) error { return f.c.AgreeGoal(actor, g) }},
	ActActivateGoal: {func(f *fixture) uuid.UUID { return f.toTreatment() },
		func(f *fixture, actor relationship.PartyID, g uuid.UUID) error { return f.c.ActivateGoal(actor, g) }},
	ActAchieveGoal: {func(f *fixture) uuid.UUID {
		g := f.toTreatment()
		f.ok(f.c.ActivateGoal(idWorker, g))
		return g
	}, func(f *fixture, actor relationship.PartyID, g uuid.UUID) error { return f.c.AchieveGoal(actor, g, "") }},
	ActAbandonGoal: {func(f *fixture) uuid.UUID {
		f.toDiagnosis()
		return f.id(f.c.ProposeGoal(idWorker, "rent paid up"))
	}, func(f *fixture, actor relationship.PartyID, g uuid.UUID) error {
		return f.c.AbandonGoal(actor, g, "no longer wanted")
	}},
	ActGiveConsent: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		_, err := f.c.GiveConsent(actor, PlanScope(), time.Time{})
		return err
	}},
	ActRefuseConsent: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		_, err := f.c.RefuseConsent(actor, DisclosureScope("the police"))
		return err
	}},
	ActRevokeConsent: {func(f *fixture) uuid.UUID {
		return f.id(f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
	}, func(f *fixture, actor relationship.PartyID, id uuid.UUID) error { return f.c.RevokeConsent(actor, id) }},
	ActOverrideRefusal: {func(f *fixture) uuid.UUID {
		return f.id(f.c.RefuseConsent(idClient, DisclosureScope("the school")))
	}, func(f *fixture, actor relationship.PartyID, id uuid.UUID) error {
		return f.c.OverrideRefusal(actor, id, "the boy has not been seen for a month")
	}},
	ActCounsel: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		_, err := f.c.Counsel(actor, relationship.Informational, "where to find the free dispensary")
		return err
	}},
	ActProposeProvision: {func(f *fixture) uuid.UUID { f.toTreatment(); return uuid.Nil },
		func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
			_, err := f.c.ProposeProvision(actor, "coal", 1, "heat")
			return err
		}},
	ActApproveProvision: {func(f *fixture) uuid.UUID {
		f.toTreatment()
		return f.id(f.c.ProposeProvision(idWorker, "coal", 5, "heat for the month"))
	}, func(f *fixture, actor relationship.PartyID, p uuid.UUID) error { return f.c.ApproveProvision(actor, p) }},
	ActDeclineProvision: {func(f *fixture) uuid.UUID {
		f.toTreatment()
		return f.id(f.c.ProposeProvision(idWorker, "coal", 5, "heat for the month"))
	}, func(f *fixture, actor relationship.PartyID, p uuid.UUID) error {
		return f.c.DeclineProvision(actor, p, "too much")
	}},
	ActAuthoriseProvision: {func(f *fixture) uuid.UUID {
		f.toTreatment()
		return f.id(f.c.ProposeProvision(idWorker, "coal", 1, "heat"))
	}, func(f *fixture, actor relationship.PartyID, p uuid.UUID) error {
		return f.c.AuthoriseProvision(actor, p)
	}},
	ActWithdrawProvision: {func(f *fixture) uuid.UUID {
		f.toTreatment()
		return f.id(f.c.ProposeProvision(idWorker, "coal", 1, "heat"))
	}, func(f *fixture, actor relationship.PartyID, p uuid.UUID) error {
		return f.c.WithdrawProvision(actor, p, "the sister brought coal")
	}},
	ActWriteNote: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		_, err := f.c.WriteNote(actor, "Mrs. K. anxious but composed")
		return err
	}},
	ActReadNote: {func(f *fixture) uuid.UUID { return f.id(f.c.WriteNote(idWorker, "Mrs. K. anxious")) },
		func(f *fixture, actor relationship.PartyID, n uuid.UUID) error {
			_, err := f.c.ReadNote(bg, accessLog, actor, n)
			return err
		}},
	ActDiscloseNote: {func(f *fixture) uuid.UUID {
		f.id(f.c.GiveConsent(idClient, DisclosureScope("Dr. Grey"), time.Time{}))
		return f.id(f.c.WriteNote(idWorker, "Jan coughs at night"))
	}, func(f *fixture, actor relationship.PartyID, n uuid.UUID) error {
		return f.c.DiscloseNote(bg, accessLog, actor, n, "Dr. Grey")
	}},
	ActTransferCase: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		return f.c.Transfer(actor, testWorker2, "Miss Richmond leaves for Baltimore")
	}},
	ActRefer: {func(f *fixture) uuid.UUID {
		return f.id(f.c.GiveConsent(idClient, ReferralScope("Legal Aid Society"), time.Time{}))
	}, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		_, err := f.c.Refer(actor, "Legal Aid Society", "wages owed by the mill")
		return err
	}},
	ActUpdateReferral: {referred, func(f *fixture, actor relationship.PartyID, r uuid.UUID) error {
		return f.c.UpdateReferral(actor, r, ReferralStateAccepted, "an attorney will see her")
	}},
	ActRevokeReferral: {referred, func(f *fixture, actor relationship.PartyID, r uuid.UUID) error {
		return f.c.RevokeReferral(actor, r, "the mill paid")
	}},
	ActCloseCase: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		return f.c.Close(actor, ReasonLostContact, "the family has left the address")
	}},
	ActWithdraw: {noSetup, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		return f.c.Withdraw(actor, "")
	}},
	ActReopenCase: {func(f *fixture) uuid.UUID {
		f.ok(f.c.Close(idWorker, ReasonLostContact, "the family has left the address"))
		return uuid.Nil
	}, func(f *fixture, actor relationship.PartyID, _ uuid.UUID) error {
		return f.c.Reopen(actor, "the family came back")
	}},
}

func referred(f *fixture) uuid.UUID {
	f.id(f.c.GiveConsent(idClient, ReferralScope("Legal Aid Society"), time.Time{}))
	return f.id(f.c.Refer(idWorker, "Legal Aid Society", "wages owed by the mill"))
}

// caseRoles are the roles a case's parties hold, with a party of each.
var caseRoles = map[relationship.Role]relationship.PartyID{
	relationship.RoleClient:     idClient,
	relationship.RoleWorker:     idWorker,
	relationship.RoleSupervisor: idSupervisor,
	relationship.RoleAgency:     idAgency,
}

// TestEveryActAgainstEveryRole performs every act of the rights table as a
// party of every role a case has: permitted roles succeed, the others get a
// PermissionError naming actor, role and act, and nothing changes. Roles no
// case has (member, facilitator) are permitted nothing.
func TestEveryActAgainstEveryRole(t *testing.T) {
	for rule := range Rights().All() {
		sc, ok := scenarios[rule.Act]
		require.Truef(t, ok, "no scenario for act %s", rule.Act)
		for role := range relationship.Roles() {
			t.Run(string(rule.Act)+"/"+role.String(), func(t *testing.T) {
				actor, inCase := caseRoles[role]
				if !inCase {
					assert.False(t, Rights().Permits(role, rule.Act))
					return
				}
				f := newFixture(t)
				arg := sc.setup(f)
				if Rights().Permits(role, rule.Act) {
					require.NoError(t, sc.do(f, actor, arg))
					return
				}
				err := f.unchanged(func() error { return sc.do(f, actor, arg) })
				var perm *relationship.PermissionError
				require.ErrorAs(t, err, &perm)
				assert.Equal(t, actor, perm.Actor)
				assert.Equal(t, role, perm.Role)
				assert.Equal(t, rule.Act, perm.Act)
				assert.NotContains(t, err.Error(), actor.String(), "the message names the role, not the identifier")
				assert.ErrorIs(t, err, relationship.ErrNotPermitted)
			})
		}
	}
	assert.Len(t, scenarios, len(collect(Rights().All())), "a scenario for an act the table lacks")
}

// TestStrangersCannotAct tries every act as someone who is no party.
func TestStrangersCannotAct(t *testing.T) {
	for rule := range Rights().All() {
		t.Run(string(rule.Act), func(t *testing.T) {
			f := newFixture(t)
			arg := scenarios[rule.Act].setup(f)
			err := f.unchanged(func() error { return scenarios[rule.Act].do(f, idStranger, arg) })
			var pe *relationship.PartyError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, idStranger, pe.Party)
			assert.ErrorIs(t, err, relationship.ErrNotParty)
		})
	}
}

// TestFormerStaffLoseTheirPowers transfers the case and tries every staff
// act as the former worker and former supervisor.
func TestFormerStaffLoseTheirPowers(t *testing.T) {
	for rule := range Rights().All() {
		if rule.Act == ActOpenCase {
			continue
		}
		for _, former := range []relationship.PartyID{idWorker, idSupervisor} {
			role := relationship.RoleWorker
			if former == idSupervisor {
				role = relationship.RoleSupervisor
			}
			if !Rights().Permits(role, rule.Act) {
				continue
			}
			t.Run(string(rule.Act)+"/former-"+role.String(), func(t *testing.T) {
				f := newFixture(t)
				arg := scenarios[rule.Act].setup(f)
				if f.c.Phase() == PhaseClosed {
					f.ok(f.c.Reopen(idWorker, "to transfer it"))
				}
				f.ok(f.c.Transfer(idSupervisor, testWorker2, "reorganisation of the district"))
				err := f.unchanged(func() error { return scenarios[rule.Act].do(f, former, arg) })
				var guard *relationship.PermissionError
				require.ErrorAs(t, err, &guard)
				assert.Equal(t, former, guard.Actor)
				assert.Equal(t, rule.Act, guard.Act)
				assert.ErrorIs(t, err, ErrNotAssigned)
				assert.ErrorIs(t, err, relationship.ErrNotPermitted)
			})
		}
	}
}

func TestRightsTableKindsAndReasons(t *testing.T) {
	for rule := range Rights().All() {
		t.Run(string(rule.Act), func(t *testing.T) {
			assert.True(t, rule.Act.IsValid())
			assert.True(t, rule.Kind.IsValid())
			assert.NotEmpty(t, rule.Why)
			assert.False(t, rule.Roles.Has(relationship.RoleAgency), "the agency acts through its staff")
		})
	}
	// The asymmetry of casework, read off the table: every decision and
	// provision act belongs to staff; every consent act to the client.
	for rule := range Rights().All() {
		switch rule.Kind {
		case relationship.ConsentAct:
			assert.Equal(t, relationship.RolesOf(relationship.RoleClient), rule.Roles, rule.Act)
		case relationship.ProvisionAct:
			assert.False(t, rule.Roles.Has(relationship.RoleClient), rule.Act)
		}
	}
}
