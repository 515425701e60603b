package groupwork

import "github.com/helpingwork/helping/relationship"

// The acts of group work. Each is a stable, lower-case name that the record
// stores with every entry; [Rights] says which role may perform it and what
// kind of act it is.
const (
	// ActFormGroup brings a group together: the agency's group worker
	// declares its name, purposes, model and membership.
	ActFormGroup relationship.Act = "form-group"
	// ActJoin makes a person a member, or a member again.
	ActJoin relationship.Act = "join"
	// ActLeave ends a member's membership.
	ActLeave relationship.Act = "leave"
	// ActUpdateProfile restates a member's own strengths and needs.
	ActUpdateProfile relationship.Act = "update-profile"
	// ActConveneMeeting calls the group together on a date.
	ActConveneMeeting relationship.Act = "convene-meeting"
	// ActRecordAttendance marks a member present, late, excused or absent.
	ActRecordAttendance relationship.Act = "record-attendance"
	// ActChooseActivity puts a programme activity on a meeting's programme.
	ActChooseActivity relationship.Act = "choose-activity"
	// ActRecordActivity records that a programme activity was done.
	ActRecordActivity relationship.Act = "record-activity"
	// ActRecordNote writes a group note: a process record of what happened.
	ActRecordNote relationship.Act = "record-note"
	// ActRecordStage records the group's stage of development.
	ActRecordStage relationship.Act = "record-stage"
	// ActGiveAid gives help to another party of the group.
	ActGiveAid relationship.Act = "give-aid"
	// ActRaiseConcern brings a shared concern to the group.
	ActRaiseConcern relationship.Act = "raise-concern"
	// ActTakeAction records an action taken on a concern.
	ActTakeAction relationship.Act = "take-action"
	// ActCloseConcern settles a concern with its outcome.
	ActCloseConcern relationship.Act = "close-concern"
	// ActOpenMediation begins a mediation between a demand and a need.
	ActOpenMediation relationship.Act = "open-mediation"
	// ActSettleMediation records the common ground and agreement found.
	ActSettleMediation relationship.Act = "settle-mediation"
	// ActEndGroup ends the group after its separation stage.
	ActEndGroup relationship.Act = "end-group"
	// ActPropose raises a proposal for the group to decide by a declared
	// rule.
	ActPropose relationship.Act = "propose"
	// ActVote casts a ballot on a proposal, one's own or a proxy's.
	ActVote relationship.Act = "vote"
	// ActGrantProxy gives another member a mandate to cast one's vote on a
	// proposal.
	ActGrantProxy relationship.Act = "grant-proxy"
	// ActRevokeProxy takes back an unused proxy.
	ActRevokeProxy relationship.Act = "revoke-proxy"
	// ActCloseProposal ends the vote on a proposal and records its outcome.
	ActCloseProposal relationship.Act = "close-proposal"
	// ActWithdrawProposal withdraws a proposal before it is decided.
	ActWithdrawProposal relationship.Act = "withdraw-proposal"
)

var (
	member      = relationship.RolesOf(relationship.RoleMember)
	facilitator = relationship.RolesOf(relationship.RoleFacilitator)
	everyone    = relationship.RolesOf(relationship.RoleMember, relationship.RoleFacilitator)
)

// rights is the table of group work. It spreads the acts across members and
// the facilitator so that power sits with the members: they join and leave
// of their own will, name their own strengths and needs, choose the
// programme, raise concerns, act on them and settle them. The facilitator
// convenes, records and mediates. The decision-kind acts belong to the
// members (settling a concern; proposing, voting, closing and withdrawing
// a proposal); the one the facilitator's role appears in, voting, is
// refused to the facilitator unless the group's own [Settings] let the
// worker vote, so that whether the worker takes part in a decision is
// itself the group's rule. Giving and revoking a proxy are consent acts: a
// member authorises another to act in their name, and only the member can.
// Acts are classified honestly for [relationship.Rights.Kind]: recording
// is a record act even when it is the worker's main work, and forming and
// ending the group change who takes part (membership), which is where the
// agency's power over a group lies.
var rights = relationship.MustRights(
	relationship.Rule{Act: ActFormGroup, Kind: relationship.MembershipAct, Roles: facilitator,
		Why: "the agency's group worker brings people together; who joins is then up to each person"},
	relationship.Rule{Act: ActJoin, Kind: relationship.MembershipAct, Roles: member,
		Why: "membership is voluntary: each person joins for themselves, no one is enrolled by another"},
	relationship.Rule{Act: ActLeave, Kind: relationship.MembershipAct, Roles: member,
		Why: "self-determination: a member may leave at any time, and no one may leave in a member's name"},
	relationship.Rule{Act: ActUpdateProfile, Kind: relationship.RecordAct, Roles: member,
		Why: "the strengths perspective: members name their own strengths and needs"},
	relationship.Rule{Act: ActConveneMeeting, Kind: relationship.FacilitationAct, Roles: facilitator,
		Why: "the worker's first task is to bring the group together (Schwartz)"},
	relationship.Rule{Act: ActRecordAttendance, Kind: relationship.RecordAct, Roles: facilitator,
		Why: "the worker keeps the register, the agency's account of who came"},
	relationship.Rule{Act: ActChooseActivity, Kind: relationship.ProgrammeAct, Roles: member,
		Why: "the programme belongs to the members: they choose what the group does"},
	relationship.Rule{Act: ActRecordActivity, Kind: relationship.RecordAct, Roles: everyone,
		Why: "the club's secretary or the worker writes down what was done"},
	relationship.Rule{Act: ActRecordNote, Kind: relationship.RecordAct, Roles: facilitator,
		Why: "process recording is the worker's professional record of the group"},
	relationship.Rule{Act: ActRecordStage, Kind: relationship.RecordAct, Roles: facilitator,
		Why: "the worker assesses the group's development to know how to help it"},
	relationship.Rule{Act: ActGiveAid, Kind: relationship.HelpAct, Roles: everyone,
		Why: "mutual aid: help flows many ways, and the worker gives and receives too"},
	relationship.Rule{Act: ActRaiseConcern, Kind: relationship.ProgrammeAct, Roles: member,
		Why: "the members set the group's agenda: their private troubles and public issues"},
	relationship.Rule{Act: ActTakeAction, Kind: relationship.ProgrammeAct, Roles: member,
		Why: "the members act on their concerns; the worker does not act in their name"},
	relationship.Rule{Act: ActCloseConcern, Kind: relationship.DecisionAct, Roles: member,
		Why: "the members decide when a concern of theirs is settled"},
	relationship.Rule{Act: ActOpenMediation, Kind: relationship.FacilitationAct, Roles: facilitator,
		Why: "the worker mediates between the demands of society and the needs of members (Schwartz)"},
	relationship.Rule{Act: ActSettleMediation, Kind: relationship.FacilitationAct, Roles: facilitator,
		Why: "the worker records the common ground found; the agreement is the parties' own"},
	relationship.Rule{Act: ActEndGroup, Kind: relationship.MembershipAct, Roles: facilitator,
		Why: "the worker closes the group the agency convened, only after separation has prepared it"},
	relationship.Rule{Act: ActPropose, Kind: relationship.DecisionAct, Roles: member,
		Why: "members put their own questions to the group; the worker lends a vision but does not propose for the group"},
	relationship.Rule{Act: ActVote, Kind: relationship.DecisionAct, Roles: everyone,
		Why: "members decide by vote, one vote each; the worker votes only where the group's settings say so"},
	relationship.Rule{Act: ActGrantProxy, Kind: relationship.ConsentAct, Roles: member,
		Why: "a member may authorise another member to cast their vote: a mandate only the member can give"},
	relationship.Rule{Act: ActRevokeProxy, Kind: relationship.ConsentAct, Roles: member,
		Why: "a mandate is the member's to take back, until it is used"},
	relationship.Rule{Act: ActCloseProposal, Kind: relationship.DecisionAct, Roles: member,
		Why: "members declare their own decision: the proposer, or any member once the declared closing time has passed"},
	relationship.Rule{Act: ActWithdrawProposal, Kind: relationship.DecisionAct, Roles: member,
		Why: "the member who raised a proposal may withdraw it before it is decided"},
)

// Rights returns the rights table of group work: which role may perform
// which act, what kind of act it is, and why. Every method that changes a
// group checks it first. The table is the same for every group and every
// [Model].
func Rights() *relationship.Rights { return rights }
