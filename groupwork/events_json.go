package groupwork

import "github.com/google/uuid"

// UnmarshalJSON decodes the event strictly and checks that it names the
// group, its model and its membership. On error e is unchanged.
func (e *GroupFormed) UnmarshalJSON(b []byte) error {
	type plain GroupFormed
	return decodeEvent(b, e, func(p plain) GroupFormed {
		p.Purposes = clip(p.Purposes)
		return GroupFormed(p)
	}, GroupFormed.wellFormed)
}

func (e GroupFormed) wellFormed() error {
	return mustCarry(e.EventType(), field{"group", e.Group != uuid.Nil}, field{"model", e.Model.IsValid()},
		field{"settings.membership", e.Settings.Membership.IsValid()})
}

// UnmarshalJSON decodes the event strictly, with an empty list of
// strengths or needs read as none, so that the event encodes back to the
// same JSON. On error e is unchanged.
func (e *MemberJoined) UnmarshalJSON(b []byte) error {
	type plain MemberJoined
	return decodeEvent(b, e, func(p plain) MemberJoined {
		p.Strengths, p.Needs = clip(p.Strengths), clip(p.Needs)
		return MemberJoined(p)
	}, func(MemberJoined) error { return nil })
}

// UnmarshalJSON decodes the event strictly, with an empty list of
// strengths or needs read as none. On error e is unchanged.
func (e *ProfileUpdated) UnmarshalJSON(b []byte) error {
	type plain ProfileUpdated
	return decodeEvent(b, e, func(p plain) ProfileUpdated {
		p.Strengths, p.Needs = clip(p.Strengths), clip(p.Needs)
		return ProfileUpdated(p)
	}, func(ProfileUpdated) error { return nil })
}

// UnmarshalJSON decodes the event strictly and checks that it names a
// reason. On error e is unchanged.
func (e *MemberLeft) UnmarshalJSON(b []byte) error {
	type plain MemberLeft
	return decodeEvent(b, e, func(p plain) MemberLeft { return MemberLeft(p) }, MemberLeft.wellFormed)
}

func (e MemberLeft) wellFormed() error {
	return mustCarry(e.EventType(), field{"reason", e.Reason.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// meeting. On error e is unchanged.
func (e *MeetingConvened) UnmarshalJSON(b []byte) error {
	type plain MeetingConvened
	return decodeEvent(b, e, func(p plain) MeetingConvened { return MeetingConvened(p) }, MeetingConvened.wellFormed)
}

func (e MeetingConvened) wellFormed() error {
	return mustCarry(e.EventType(), field{"meeting", e.Meeting != uuid.Nil})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// meeting, the member and the attendance. On error e is unchanged.
func (e *AttendanceRecorded) UnmarshalJSON(b []byte) error {
	type plain AttendanceRecorded
	return decodeEvent(b, e, func(p plain) AttendanceRecorded { return AttendanceRecorded(p) }, AttendanceRecorded.wellFormed)
}

func (e AttendanceRecorded) wellFormed() error {
	return mustCarry(e.EventType(), field{"meeting", e.Meeting != uuid.Nil},
		field{"member", !e.Member.IsZero()}, field{"attendance", e.Attendance.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// item, the meeting and the activity. On error e is unchanged.
func (e *ActivityChosen) UnmarshalJSON(b []byte) error {
	type plain ActivityChosen
	return decodeEvent(b, e, func(p plain) ActivityChosen {
		p.Purposes = clip(p.Purposes)
		return ActivityChosen(p)
	}, ActivityChosen.wellFormed)
}

func (e ActivityChosen) wellFormed() error {
	return mustCarry(e.EventType(), field{"item", e.Item != uuid.Nil},
		field{"meeting", e.Meeting != uuid.Nil}, field{"activity", e.Activity.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// item. On error e is unchanged.
func (e *ActivityRecorded) UnmarshalJSON(b []byte) error {
	type plain ActivityRecorded
	return decodeEvent(b, e, func(p plain) ActivityRecorded { return ActivityRecorded(p) }, ActivityRecorded.wellFormed)
}

func (e ActivityRecorded) wellFormed() error {
	return mustCarry(e.EventType(), field{"item", e.Item != uuid.Nil})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// note. On error e is unchanged.
func (e *NoteRecorded) UnmarshalJSON(b []byte) error {
	type plain NoteRecorded
	return decodeEvent(b, e, func(p plain) NoteRecorded {
		p.Processes, p.Factors = clip(p.Processes), clip(p.Factors)
		return NoteRecorded(p)
	}, NoteRecorded.wellFormed)
}

func (e NoteRecorded) wellFormed() error {
	return mustCarry(e.EventType(), field{"note", e.Note != uuid.Nil})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// stage. On error e is unchanged.
func (e *StageRecorded) UnmarshalJSON(b []byte) error {
	type plain StageRecorded
	return decodeEvent(b, e, func(p plain) StageRecorded { return StageRecorded(p) }, StageRecorded.wellFormed)
}

func (e StageRecorded) wellFormed() error {
	return mustCarry(e.EventType(), field{"stage", e.Stage.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// exchange, the receiver, the support and the process. On error e is
// unchanged.
func (e *AidGiven) UnmarshalJSON(b []byte) error {
	type plain AidGiven
	return decodeEvent(b, e, func(p plain) AidGiven { return AidGiven(p) }, AidGiven.wellFormed)
}

func (e AidGiven) wellFormed() error {
	return mustCarry(e.EventType(), field{"exchange", e.Exchange != uuid.Nil},
		field{"receiver", !e.Receiver.IsZero()}, field{"support", e.Support.IsValid()},
		field{"process", e.Process.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// concern and its scope. On error e is unchanged.
func (e *ConcernRaised) UnmarshalJSON(b []byte) error {
	type plain ConcernRaised
	return decodeEvent(b, e, func(p plain) ConcernRaised { return ConcernRaised(p) }, ConcernRaised.wellFormed)
}

func (e ConcernRaised) wellFormed() error {
	return mustCarry(e.EventType(), field{"concern", e.Concern != uuid.Nil}, field{"scope", e.Scope.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// concern and the kind of action. On error e is unchanged.
func (e *ActionTaken) UnmarshalJSON(b []byte) error {
	type plain ActionTaken
	return decodeEvent(b, e, func(p plain) ActionTaken { return ActionTaken(p) }, ActionTaken.wellFormed)
}

func (e ActionTaken) wellFormed() error {
	return mustCarry(e.EventType(), field{"concern", e.Concern != uuid.Nil}, field{"action", e.Action.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// concern and the outcome. On error e is unchanged.
func (e *ConcernClosed) UnmarshalJSON(b []byte) error {
	type plain ConcernClosed
	return decodeEvent(b, e, func(p plain) ConcernClosed { return ConcernClosed(p) }, ConcernClosed.wellFormed)
}

func (e ConcernClosed) wellFormed() error {
	return mustCarry(e.EventType(), field{"concern", e.Concern != uuid.Nil}, field{"outcome", e.Outcome.IsValid()})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// mediation. On error e is unchanged.
func (e *MediationOpened) UnmarshalJSON(b []byte) error {
	type plain MediationOpened
	return decodeEvent(b, e, func(p plain) MediationOpened { return MediationOpened(p) }, MediationOpened.wellFormed)
}

func (e MediationOpened) wellFormed() error {
	return mustCarry(e.EventType(), field{"mediation", e.Mediation != uuid.Nil})
}

// UnmarshalJSON decodes the event strictly and checks that it names the
// mediation. On error e is unchanged.
func (e *MediationSettled) UnmarshalJSON(b []byte) error {
	type plain MediationSettled
	return decodeEvent(b, e, func(p plain) MediationSettled { return MediationSettled(p) }, MediationSettled.wellFormed)
}

func (e MediationSettled) wellFormed() error {
	return mustCarry(e.EventType(), field{"mediation", e.Mediation != uuid.Nil})
}
