package groupwork

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/internal/strictjson"
	"github.com/helpingwork/helping/relationship"
)

// The events of a group's record. Each is a plain struct with exported,
// JSON-tagged fields whose EventType is a stable, versioned name; a change
// to an event's fields gets a new name, and the old one stays readable. The
// party who acted, the act and the time are those of the [relationship.Entry]
// that holds the event: a member-joined event does not repeat who joined,
// because the actor is the one who joined, and no one can join, leave or
// give aid in another's name.
//
// Decoding an event checks only its form: identifiers, enumerations and
// support that every event of its type must carry are present and valid,
// else a [*RecordError] wrapping [ErrMalformedEvent] or a [*relationship.TextError]. Whether the event
// could have happened is checked when the record is replayed (see [Replay]).

func init() {
	eventtype.Register[GroupFormed]()
	eventtype.Register[MemberJoined]()
	eventtype.Register[MemberLeft]()
	eventtype.Register[ProfileUpdated]()
	eventtype.Register[MeetingConvened]()
	eventtype.Register[AttendanceRecorded]()
	eventtype.Register[ActivityChosen]()
	eventtype.Register[ActivityRecorded]()
	eventtype.Register[NoteRecorded]()
	eventtype.Register[StageRecorded]()
	eventtype.Register[AidGiven]()
	eventtype.Register[ConcernRaised]()
	eventtype.Register[ActionTaken]()
	eventtype.Register[ConcernClosed]()
	eventtype.Register[MediationOpened]()
	eventtype.Register[MediationSettled]()
	eventtype.Register[GroupEnded]()
	eventtype.Register[ProposalRaised]()
	eventtype.Register[VoteCast]()
	eventtype.Register[ProxyGranted]()
	eventtype.Register[ProxyRevoked]()
	eventtype.Register[ProposalClosed]()
	eventtype.Register[ProposalWithdrawn]()
}

// GroupFormed is the first event of every group's record: the facilitator
// (the entry's actor) formed the group. Act: [ActFormGroup].
type GroupFormed struct {
	Group       uuid.UUID              `json:"group"`
	Name        string                 `json:"name"`
	Purposes    []relationship.Purpose `json:"purposes,omitempty"`
	Model       Model                  `json:"model"`
	Settings    Settings               `json:"settings"`
	Facilitator string                 `json:"facilitator"` // the facilitator's name
}

// MemberJoined records that the actor joined the group, or joined it again,
// with the strengths and needs they named. Act: [ActJoin].
type MemberJoined struct {
	Name      string     `json:"name"`
	Strengths []Strength `json:"strengths,omitempty"`
	Needs     []Need     `json:"needs,omitempty"`
}

// MemberLeft records that the actor left the group. Act: [ActLeave].
type MemberLeft struct {
	Reason LeaveReason `json:"reason"`
	Note   string      `json:"note,omitempty"`
}

// ProfileUpdated records that the actor restated their strengths and needs,
// replacing the ones named before. Act: [ActUpdateProfile].
type ProfileUpdated struct {
	Strengths []Strength `json:"strengths,omitempty"`
	Needs     []Need     `json:"needs,omitempty"`
}

// MeetingConvened records that the facilitator called a meeting for a date.
// Act: [ActConveneMeeting].
type MeetingConvened struct {
	Meeting uuid.UUID `json:"meeting"`
	Date    time.Time `json:"date"`
	Place   string    `json:"place,omitempty"`
}

// AttendanceRecorded records a member's attendance at a meeting. A later
// record for the same member and meeting corrects the earlier one. Act:
// [ActRecordAttendance].
type AttendanceRecorded struct {
	Meeting    uuid.UUID            `json:"meeting"`
	Member     relationship.PartyID `json:"member"`
	Attendance Attendance           `json:"attendance"`
}

// ActivityChosen records that the actor put a programme activity on a
// meeting's programme. Act: [ActChooseActivity].
type ActivityChosen struct {
	Item        uuid.UUID              `json:"item"`
	Meeting     uuid.UUID              `json:"meeting"`
	Activity    Activity               `json:"activity"`
	Description string                 `json:"description,omitempty"`
	Purposes    []relationship.Purpose `json:"purposes,omitempty"`
}

// ActivityRecorded records that a chosen activity was done. Act:
// [ActRecordActivity].
type ActivityRecorded struct {
	Item uuid.UUID `json:"item"`
	Note string    `json:"note,omitempty"`
}

// NoteRecorded records a group note, tagged with the mutual-aid processes
// and therapeutic factors it shows. Act: [ActRecordNote].
type NoteRecorded struct {
	Note      uuid.UUID           `json:"note"`
	Meeting   uuid.UUID           `json:"meeting"` // the zero UUID for a note about no one meeting
	Text      string              `json:"text"`
	Processes []MutualAidProcess  `json:"processes,omitempty"`
	Factors   []TherapeuticFactor `json:"factors,omitempty"`
}

// StageRecorded records the group's move to a stage of development, with
// the evidence for it. Act: [ActRecordStage].
type StageRecorded struct {
	Stage    Stage  `json:"stage"`
	Evidence string `json:"evidence"`
}

// AidGiven records that the actor gave support to a receiver, showing a
// mutual-aid process. Act: [ActGiveAid].
type AidGiven struct {
	Exchange uuid.UUID            `json:"exchange"`
	Receiver relationship.PartyID `json:"receiver"`
	Support  relationship.Support `json:"support"`
	Process  MutualAidProcess     `json:"process"`
	Meeting  uuid.UUID            `json:"meeting"` // the zero UUID for aid given outside a meeting
}

// ConcernRaised records that the actor raised a concern with the group. Act:
// [ActRaiseConcern].
type ConcernRaised struct {
	Concern uuid.UUID    `json:"concern"`
	Scope   ConcernScope `json:"scope"`
	Text    string       `json:"text"`
}

// ActionTaken records an action the actor took on a concern. Act:
// [ActTakeAction].
type ActionTaken struct {
	Concern     uuid.UUID  `json:"concern"`
	Action      ActionKind `json:"action"`
	Description string     `json:"description"`
}

// ConcernClosed records that the actor settled a concern with an outcome.
// Act: [ActCloseConcern].
type ConcernClosed struct {
	Concern uuid.UUID `json:"concern"`
	Outcome Outcome   `json:"outcome"`
	Summary string    `json:"summary,omitempty"`
}

// MediationOpened records that the facilitator began to mediate between a
// demand and a need. Act: [ActOpenMediation].
type MediationOpened struct {
	Mediation uuid.UUID `json:"mediation"`
	Concern   uuid.UUID `json:"concern"` // the zero UUID when no concern is linked
	Source    string    `json:"source"`  // whose demand: the agency, a school, the city
	Demand    string    `json:"demand"`
	Need      string    `json:"need"`
}

// MediationSettled records the common ground and the agreement a mediation
// reached. Act: [ActSettleMediation].
type MediationSettled struct {
	Mediation    uuid.UUID `json:"mediation"`
	CommonGround string    `json:"common_ground"`
	Agreement    string    `json:"agreement"`
}

// GroupEnded records that the group ended. It is the last event of a
// record. Act: [ActEndGroup].
type GroupEnded struct {
	Reason string `json:"reason"`
}

// EventType returns "groupwork.group-formed.v1".
func (GroupFormed) EventType() string { return "groupwork.group-formed.v1" }

// EventType returns "groupwork.member-joined.v1".
func (MemberJoined) EventType() string { return "groupwork.member-joined.v1" }

// EventType returns "groupwork.member-left.v1".
func (MemberLeft) EventType() string { return "groupwork.member-left.v1" }

// EventType returns "groupwork.profile-updated.v1".
func (ProfileUpdated) EventType() string { return "groupwork.profile-updated.v1" }

// EventType returns "groupwork.meeting-convened.v1".
func (MeetingConvened) EventType() string { return "groupwork.meeting-convened.v1" }

// EventType returns "groupwork.attendance-recorded.v1".
func (AttendanceRecorded) EventType() string { return "groupwork.attendance-recorded.v1" }

// EventType returns "groupwork.activity-chosen.v1".
func (ActivityChosen) EventType() string { return "groupwork.activity-chosen.v1" }

// EventType returns "groupwork.activity-recorded.v1".
func (ActivityRecorded) EventType() string { return "groupwork.activity-recorded.v1" }

// EventType returns "groupwork.note-recorded.v1".
func (NoteRecorded) EventType() string { return "groupwork.note-recorded.v1" }

// EventType returns "groupwork.stage-recorded.v1".
func (StageRecorded) EventType() string { return "groupwork.stage-recorded.v1" }

// EventType returns "groupwork.aid-given.v1".
func (AidGiven) EventType() string { return "groupwork.aid-given.v1" }

// EventType returns "groupwork.concern-raised.v1".
func (ConcernRaised) EventType() string { return "groupwork.concern-raised.v1" }

// EventType returns "groupwork.action-taken.v1".
func (ActionTaken) EventType() string { return "groupwork.action-taken.v1" }

// EventType returns "groupwork.concern-closed.v1".
func (ConcernClosed) EventType() string { return "groupwork.concern-closed.v1" }

// EventType returns "groupwork.mediation-opened.v1".
func (MediationOpened) EventType() string { return "groupwork.mediation-opened.v1" }

// EventType returns "groupwork.mediation-settled.v1".
func (MediationSettled) EventType() string { return "groupwork.mediation-settled.v1" }

// EventType returns "groupwork.group-ended.v1".
func (GroupEnded) EventType() string { return "groupwork.group-ended.v1" }

func (GroupFormed) act() relationship.Act        { return ActFormGroup }
func (MemberJoined) act() relationship.Act       { return ActJoin }
func (MemberLeft) act() relationship.Act         { return ActLeave }
func (ProfileUpdated) act() relationship.Act     { return ActUpdateProfile }
func (MeetingConvened) act() relationship.Act    { return ActConveneMeeting }
func (AttendanceRecorded) act() relationship.Act { return ActRecordAttendance }
func (ActivityChosen) act() relationship.Act     { return ActChooseActivity }
func (ActivityRecorded) act() relationship.Act   { return ActRecordActivity }
func (NoteRecorded) act() relationship.Act       { return ActRecordNote }
func (StageRecorded) act() relationship.Act      { return ActRecordStage }
func (AidGiven) act() relationship.Act           { return ActGiveAid }
func (ConcernRaised) act() relationship.Act      { return ActRaiseConcern }
func (ActionTaken) act() relationship.Act        { return ActTakeAction }
func (ConcernClosed) act() relationship.Act      { return ActCloseConcern }
func (MediationOpened) act() relationship.Act    { return ActOpenMediation }
func (MediationSettled) act() relationship.Act   { return ActSettleMediation }
func (GroupEnded) act() relationship.Act         { return ActEndGroup }

// decodeEvent decodes b strictly (no unknown fields, no trailing data) into
// a fresh value, checks the form of the result with wellFormed and only
// then stores it in dst, so that on error dst is unchanged.
func decodeEvent[P any, E any](b []byte, dst *E, conv func(P) E, wellFormed func(E) error) error {
	var p P
	// strictjson accepts and refuses exactly what encoding/json does with
	// unknown fields disallowed and no trailing data, from a plan compiled
	// once per type, without reflection per field.
	if err := strictjson.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("groupwork: %w: %w", relationship.ErrInvalidValue, err)
	}
	e := conv(p)
	if err := wellFormed(e); err != nil {
		return err
	}
	*dst = e
	return nil
}

// field is one field an event must carry, and whether it does.
type field struct {
	name string
	ok   bool
}

// mustCarry returns a [*RecordError] wrapping [ErrMalformedEvent] naming the first field of event type
// typ that is missing or zero.
func mustCarry(typ string, fields ...field) error {
	for _, f := range fields {
		if !f.ok {
			return &RecordError{Type: typ, Field: f.name, Err: ErrMalformedEvent}
		}
	}
	return nil
}
