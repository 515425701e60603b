package casework

import "github.com/helpingwork/helping/relationship"

// The acts of casework. Each is a stable name that the record stores with
// every entry; [Rights] says which role may perform it, what kind of act it
// is, and why.
const (
	// ActOpenCase opens a case: the agency takes an applicant on.
	ActOpenCase relationship.Act = "open-case"
	// ActAssessEligibility applies the agency's [EligibilityPolicy].
	ActAssessEligibility relationship.Act = "assess-eligibility"
	// ActChangePhase moves the case to another phase ([Case.MoveTo]).
	ActChangePhase relationship.Act = "change-phase"
	// ActRecordEvidence adds evidence to the social study.
	ActRecordEvidence relationship.Act = "record-evidence"
	// ActDiagnose states the social diagnosis.
	ActDiagnose relationship.Act = "diagnose"
	// ActProposeGoal puts a goal into the plan.
	ActProposeGoal relationship.Act = "propose-goal"
	// ActAgreeGoal is the client's agreement to a goal.
	ActAgreeGoal relationship.Act = "agree-goal"
	// ActActivateGoal starts work on an agreed goal.
	ActActivateGoal relationship.Act = "activate-goal"
	// ActAchieveGoal records that a goal was reached.
	ActAchieveGoal relationship.Act = "achieve-goal"
	// ActAbandonGoal gives a goal up.
	ActAbandonGoal relationship.Act = "abandon-goal"
	// ActGiveConsent is the client's consent for a purpose.
	ActGiveConsent relationship.Act = "give-consent"
	// ActRefuseConsent is the client's refusal for a purpose.
	ActRefuseConsent relationship.Act = "refuse-consent"
	// ActRevokeConsent withdraws a consent the client gave.
	ActRevokeConsent relationship.Act = "revoke-consent"
	// ActOverrideRefusal sets a client's refusal aside, with a reason.
	ActOverrideRefusal relationship.Act = "override-refusal"
	// ActCounsel is a counselling contact: emotional, informational or
	// appraisal support from the worker to the client.
	ActCounsel relationship.Act = "counsel"
	// ActProposeProvision proposes concrete help from the agency's pool.
	ActProposeProvision relationship.Act = "propose-provision"
	// ActApproveProvision approves a proposed provision.
	ActApproveProvision relationship.Act = "approve-provision"
	// ActDeclineProvision declines a proposed provision.
	ActDeclineProvision relationship.Act = "decline-provision"
	// ActAuthoriseProvision gives the help: the agency's resources pass to
	// the client.
	ActAuthoriseProvision relationship.Act = "authorise-provision"
	// ActWithdrawProvision cancels a provision not yet given.
	ActWithdrawProvision relationship.Act = "withdraw-provision"
	// ActWriteNote adds a confidential note to the case.
	ActWriteNote relationship.Act = "write-note"
	// ActReadNote reads a confidential note.
	ActReadNote relationship.Act = "read-note"
	// ActDiscloseNote passes a note to a third party.
	ActDiscloseNote relationship.Act = "disclose-note"
	// ActTransferCase reassigns the case to another worker.
	ActTransferCase relationship.Act = "transfer-case"
	// ActRefer refers the client to another agency.
	ActRefer relationship.Act = "refer"
	// ActUpdateReferral records the other agency's answer or the
	// referral's completion.
	ActUpdateReferral relationship.Act = "update-referral"
	// ActRevokeReferral calls a referral off.
	ActRevokeReferral relationship.Act = "revoke-referral"
	// ActCloseCase ends the case, with a reason.
	ActCloseCase relationship.Act = "close-case"
	// ActWithdraw is the client ending the case.
	ActWithdraw relationship.Act = "withdraw"
	// ActReopenCase opens a closed case again.
	ActReopenCase relationship.Act = "reopen-case"
)

// The acts of an agency's own record ([AgencyRights]).
const (
	// ActFoundAgency founds an agency: the first entry of its record.
	ActFoundAgency relationship.Act = "found-agency"
	// ActAppointStaff puts a worker or a supervisor on the roster.
	ActAppointStaff relationship.Act = "appoint-staff"
	// ActEndAppointment takes a member of staff off the roster.
	ActEndAppointment relationship.Act = "end-appointment"
	// ActReceiveStock adds resources to the pool.
	ActReceiveStock relationship.Act = "receive-stock"
	// ActSetResourceTerms adds a resource or changes its threshold.
	ActSetResourceTerms relationship.Act = "set-resource-terms"
	// ActSetCaseloadLimit sets a worker's limit of open cases.
	ActSetCaseloadLimit relationship.Act = "set-caseload-limit"
	// ActSetPolicy sets the eligibility policy and whether a client may
	// hold several open cases.
	ActSetPolicy relationship.Act = "set-policy"
	// ActAssignCase puts a case in a worker's caseload: when it opens, is
	// transferred or reopens.
	ActAssignCase relationship.Act = "assign-case"
	// ActReleaseCase takes a case out of its worker's caseload: when it
	// closes, or the client withdraws.
	ActReleaseCase relationship.Act = "release-case"
	// ActDrawStock takes resources from the pool for a provision.
	ActDrawStock relationship.Act = "draw-stock"
)

var (
	agencyRole = relationship.RolesOf(relationship.RoleAgency)
	client     = relationship.RolesOf(relationship.RoleClient)
	worker     = relationship.RolesOf(relationship.RoleWorker)
	supervisor = relationship.RolesOf(relationship.RoleSupervisor)
	staff      = relationship.RolesOf(relationship.RoleWorker, relationship.RoleSupervisor)
)

// rights is the casework rights table. Read it as the package's statement of
// where power lies in a case: the worker and supervisor decide, provide,
// record and manage membership; the client consents, refuses and withdraws,
// and may read their own record. The agency is a party to every case, but
// acts only through its staff.
var rights = relationship.MustRights(
	relationship.Rule{Act: ActOpenCase, Kind: relationship.MembershipAct, Roles: staff,
		Why: "the agency, through its staff, decides whom it takes on"},
	relationship.Rule{Act: ActAssessEligibility, Kind: relationship.DecisionAct, Roles: staff,
		Why: "eligibility is the agency's judgement, made by its policy"},
	relationship.Rule{Act: ActChangePhase, Kind: relationship.DecisionAct, Roles: worker,
		Why: "the worker, as expert, judges when the case is ready to move on"},
	relationship.Rule{Act: ActRecordEvidence, Kind: relationship.RecordAct, Roles: worker,
		Why: "the worker conducts the social study"},
	relationship.Rule{Act: ActDiagnose, Kind: relationship.DecisionAct, Roles: worker,
		Why: "the social diagnosis is the worker's professional judgement"},
	relationship.Rule{Act: ActProposeGoal, Kind: relationship.DecisionAct, Roles: relationship.RolesOf(relationship.RoleWorker, relationship.RoleClient),
		Why: "the plan is made with the client, who may put goals forward too"},
	relationship.Rule{Act: ActAgreeGoal, Kind: relationship.ConsentAct, Roles: client,
		Why: "self-determination: only the client agrees to a goal for their life"},
	relationship.Rule{Act: ActActivateGoal, Kind: relationship.DecisionAct, Roles: worker,
		Why: "the worker directs the treatment"},
	relationship.Rule{Act: ActAchieveGoal, Kind: relationship.DecisionAct, Roles: worker,
		Why: "the worker evaluates the outcome"},
	relationship.Rule{Act: ActAbandonGoal, Kind: relationship.DecisionAct, Roles: relationship.RolesOf(relationship.RoleWorker, relationship.RoleClient),
		Why: "self-determination: the client may give up a goal, as the worker may"},
	relationship.Rule{Act: ActGiveConsent, Kind: relationship.ConsentAct, Roles: client,
		Why: "self-determination: only the client consents; no one consents on their behalf"},
	relationship.Rule{Act: ActRefuseConsent, Kind: relationship.ConsentAct, Roles: client,
		Why: "self-determination: only the client refuses"},
	relationship.Rule{Act: ActRevokeConsent, Kind: relationship.ConsentAct, Roles: client,
		Why: "self-determination: consent given may be taken back"},
	relationship.Rule{Act: ActOverrideRefusal, Kind: relationship.DecisionAct, Roles: supervisor,
		Why: "only a supervisor may set a refusal aside, and only with a recorded reason"},
	relationship.Rule{Act: ActCounsel, Kind: relationship.HelpAct, Roles: worker,
		Why: "counselling is the worker's help through the relationship itself"},
	relationship.Rule{Act: ActProposeProvision, Kind: relationship.ProvisionAct, Roles: staff,
		Why: "staff propose the agency's resources for a plan"},
	relationship.Rule{Act: ActApproveProvision, Kind: relationship.ProvisionAct, Roles: supervisor,
		Why: "above the agency's threshold, a supervisor approves before the worker gives"},
	relationship.Rule{Act: ActDeclineProvision, Kind: relationship.ProvisionAct, Roles: supervisor,
		Why: "a supervisor may decline what a worker proposed"},
	relationship.Rule{Act: ActAuthoriseProvision, Kind: relationship.ProvisionAct, Roles: worker,
		Why: "the worker gives the agency's resources on the agency's behalf"},
	relationship.Rule{Act: ActWithdrawProvision, Kind: relationship.ProvisionAct, Roles: staff,
		Why: "staff may cancel a provision not yet given"},
	relationship.Rule{Act: ActWriteNote, Kind: relationship.RecordAct, Roles: staff,
		Why: "staff keep the case record"},
	relationship.Rule{Act: ActReadNote, Kind: relationship.AccessAct, Roles: relationship.RolesOf(relationship.RoleWorker, relationship.RoleSupervisor, relationship.RoleClient),
		Why: "confidentiality: the assigned worker, that worker's supervisor, and the client, whose record it is"},
	relationship.Rule{Act: ActDiscloseNote, Kind: relationship.AccessAct, Roles: staff,
		Why: "confidentiality: staff disclose, and only with the client's consent"},
	relationship.Rule{Act: ActTransferCase, Kind: relationship.MembershipAct, Roles: supervisor,
		Why: "the supervisor allocates the work of the agency"},
	relationship.Rule{Act: ActRefer, Kind: relationship.DecisionAct, Roles: worker,
		Why: "the worker refers, with the client's consent"},
	relationship.Rule{Act: ActUpdateReferral, Kind: relationship.RecordAct, Roles: worker,
		Why: "the worker records what the other agency answered"},
	relationship.Rule{Act: ActRevokeReferral, Kind: relationship.DecisionAct, Roles: staff,
		Why: "staff may call a referral off"},
	relationship.Rule{Act: ActCloseCase, Kind: relationship.DecisionAct, Roles: staff,
		Why: "the agency decides when its help ends, and must say why"},
	relationship.Rule{Act: ActWithdraw, Kind: relationship.ConsentAct, Roles: client,
		Why: "self-determination: the client may leave at any time, and owes no reason"},
	relationship.Rule{Act: ActReopenCase, Kind: relationship.MembershipAct, Roles: staff,
		Why: "the agency decides to take a former client on again"},
)

// agencyRights is the rights table of an agency's own record: the agency,
// in its own name, governs its roster, its resources and its policies;
// supervisors record what comes in and set their workers' caseloads; the
// changes a case makes to the agency are made by whoever made them in the
// case.
var agencyRights = relationship.MustRights(
	relationship.Rule{Act: ActFoundAgency, Kind: relationship.MembershipAct, Roles: agencyRole,
		Why: "an agency is founded by its own board, in its own name"},
	relationship.Rule{Act: ActAppointStaff, Kind: relationship.MembershipAct, Roles: agencyRole,
		Why: "the agency employs its staff, and answers for them"},
	relationship.Rule{Act: ActEndAppointment, Kind: relationship.MembershipAct, Roles: agencyRole,
		Why: "the agency ends its staff's appointments"},
	relationship.Rule{Act: ActReceiveStock, Kind: relationship.ProvisionAct, Roles: relationship.RolesOf(relationship.RoleAgency, relationship.RoleSupervisor),
		Why: "what the agency receives is recorded by the agency or a supervisor"},
	relationship.Rule{Act: ActSetResourceTerms, Kind: relationship.DecisionAct, Roles: agencyRole,
		Why: "the agency decides what it gives and what needs a supervisor's approval"},
	relationship.Rule{Act: ActSetCaseloadLimit, Kind: relationship.DecisionAct, Roles: relationship.RolesOf(relationship.RoleAgency, relationship.RoleSupervisor),
		Why: "the agency, or a worker's supervisor, decides how much work a worker carries"},
	relationship.Rule{Act: ActSetPolicy, Kind: relationship.DecisionAct, Roles: agencyRole,
		Why: "whom the agency helps is the agency's policy"},
	relationship.Rule{Act: ActAssignCase, Kind: relationship.MembershipAct, Roles: staff,
		Why: "staff open, transfer and reopen cases"},
	relationship.Rule{Act: ActReleaseCase, Kind: relationship.MembershipAct, Roles: relationship.RolesOf(relationship.RoleWorker, relationship.RoleSupervisor, relationship.RoleClient),
		Why: "staff close cases; the client may withdraw from theirs"},
	relationship.Rule{Act: ActDrawStock, Kind: relationship.ProvisionAct, Roles: worker,
		Why: "the worker gives the agency's resources on the agency's behalf"},
)

// AgencyRights returns the rights table of an agency's own record: who may
// change its roster, its pool, its policies, and the caseloads its cases
// change. The table is immutable.
func AgencyRights() *relationship.Rights { return agencyRights }

// Rights returns the casework rights table: for every act, the roles that
// may perform it, its kind, and the principle behind it. Every method that
// changes a [Case] checks it first. The table is immutable.
func Rights() *relationship.Rights { return rights }
