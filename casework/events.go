package casework

import (
	"fmt"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/internal/strictjson"
	"github.com/helpingwork/helping/relationship"
)

// The events of a case's record. Each is a plain struct with exported,
// JSON-tagged fields and a stable, versioned type name such as
// "casework.provision-authorised.v1"; a change to an event's fields will get
// a new name, and the old one will stay readable. Decoding an event checks
// its fields as the case would (valid enumeration text, no zero identifiers,
// no empty required text): a malformed event is an error, never a
// half-valid value.
func init() {
	eventtype.Register[CaseOpened]()
	eventtype.Register[EligibilityAssessed]()
	eventtype.Register[PhaseChanged]()
	eventtype.Register[EvidenceRecorded]()
	eventtype.Register[DiagnosisMade]()
	eventtype.Register[GoalProposed]()
	eventtype.Register[GoalAgreed]()
	eventtype.Register[GoalActivated]()
	eventtype.Register[GoalAchieved]()
	eventtype.Register[GoalAbandoned]()
	eventtype.Register[ConsentGiven]()
	eventtype.Register[ConsentRefused]()
	eventtype.Register[ConsentRevoked]()
	eventtype.Register[RefusalOverridden]()
	eventtype.Register[Counselled]()
	eventtype.Register[ProvisionProposed]()
	eventtype.Register[ProvisionApproved]()
	eventtype.Register[ProvisionDeclined]()
	eventtype.Register[ProvisionAuthorised]()
	eventtype.Register[ProvisionWithdrawn]()
	eventtype.Register[NoteWritten]()
	eventtype.Register[NoteRead]()
	eventtype.Register[NoteAccessed]()
	eventtype.Register[NoteDisclosed]()
	eventtype.Register[CaseTransferred]()
	eventtype.Register[ReferralMade]()
	eventtype.Register[ReferralUpdated]()
	eventtype.Register[ReferralRevoked]()
	eventtype.Register[CaseClosed]()
	eventtype.Register[CaseWithdrawn]()
	eventtype.Register[CaseReopened]()
}

// decodeEvent decodes b strictly into the plain twin P of an event type E
// (the same fields, without E's methods), converts it, checks the event's
// fields and only then stores it in dst.
func decodeEvent[E change, P any](b []byte, dst *E, conv func(P) E) error {
	var p P
	if err := strictJSON(b, &p); err != nil {
		return err
	}
	e := conv(p)
	if err := e.check(); err != nil {
		return err
	}
	*dst = e
	return nil
}

// strictJSON decodes one JSON value, rejecting unknown fields and trailing
// data. Malformed JSON is an error wrapping [relationship.ErrInvalidValue]
// and the decoder's own error.
func strictJSON(b []byte, v any) error {
	// strictjson accepts and refuses exactly what encoding/json does with
	// unknown fields disallowed and no trailing data, from a plan compiled
	// once per type, without reflection per field.
	if err := strictjson.Unmarshal(b, v); err != nil {
		return fmt.Errorf("casework: %w: %w", relationship.ErrInvalidValue, err)
	}
	return nil
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *CaseOpened) UnmarshalJSON(b []byte) error {
	type plain CaseOpened
	return decodeEvent(b, e, func(p plain) CaseOpened { return CaseOpened(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *EligibilityAssessed) UnmarshalJSON(b []byte) error {
	type plain EligibilityAssessed
	return decodeEvent(b, e, func(p plain) EligibilityAssessed { return EligibilityAssessed(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *PhaseChanged) UnmarshalJSON(b []byte) error {
	type plain PhaseChanged
	return decodeEvent(b, e, func(p plain) PhaseChanged { return PhaseChanged(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *EvidenceRecorded) UnmarshalJSON(b []byte) error {
	type plain EvidenceRecorded
	return decodeEvent(b, e, func(p plain) EvidenceRecorded { return EvidenceRecorded(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *DiagnosisMade) UnmarshalJSON(b []byte) error {
	type plain DiagnosisMade
	return decodeEvent(b, e, func(p plain) DiagnosisMade { return DiagnosisMade(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *GoalProposed) UnmarshalJSON(b []byte) error {
	type plain GoalProposed
	return decodeEvent(b, e, func(p plain) GoalProposed { return GoalProposed(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *GoalAgreed) UnmarshalJSON(b []byte) error {
	type plain GoalAgreed
	return decodeEvent(b, e, func(p plain) GoalAgreed { return GoalAgreed(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *GoalActivated) UnmarshalJSON(b []byte) error {
	type plain GoalActivated
	return decodeEvent(b, e, func(p plain) GoalActivated { return GoalActivated(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *GoalAchieved) UnmarshalJSON(b []byte) error {
	type plain GoalAchieved
	return decodeEvent(b, e, func(p plain) GoalAchieved { return GoalAchieved(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *GoalAbandoned) UnmarshalJSON(b []byte) error {
	type plain GoalAbandoned
	return decodeEvent(b, e, func(p plain) GoalAbandoned { return GoalAbandoned(p) })
}

// UnmarshalJSON decodes the event and checks its fields. The expiry is
// kept in UTC.
func (e *ConsentGiven) UnmarshalJSON(b []byte) error {
	type plain ConsentGiven
	return decodeEvent(b, e, func(p plain) ConsentGiven {
		p.Expires = p.Expires.UTC()
		return ConsentGiven(p)
	})
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ConsentRefused) UnmarshalJSON(b []byte) error {
	type plain ConsentRefused
	return decodeEvent(b, e, func(p plain) ConsentRefused { return ConsentRefused(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ConsentRevoked) UnmarshalJSON(b []byte) error {
	type plain ConsentRevoked
	return decodeEvent(b, e, func(p plain) ConsentRevoked { return ConsentRevoked(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *RefusalOverridden) UnmarshalJSON(b []byte) error {
	type plain RefusalOverridden
	return decodeEvent(b, e, func(p plain) RefusalOverridden { return RefusalOverridden(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *Counselled) UnmarshalJSON(b []byte) error {
	type plain Counselled
	return decodeEvent(b, e, func(p plain) Counselled { return Counselled(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ProvisionProposed) UnmarshalJSON(b []byte) error {
	type plain ProvisionProposed
	return decodeEvent(b, e, func(p plain) ProvisionProposed { return ProvisionProposed(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ProvisionApproved) UnmarshalJSON(b []byte) error {
	type plain ProvisionApproved
	return decodeEvent(b, e, func(p plain) ProvisionApproved { return ProvisionApproved(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ProvisionDeclined) UnmarshalJSON(b []byte) error {
	type plain ProvisionDeclined
	return decodeEvent(b, e, func(p plain) ProvisionDeclined { return ProvisionDeclined(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ProvisionAuthorised) UnmarshalJSON(b []byte) error {
	type plain ProvisionAuthorised
	return decodeEvent(b, e, func(p plain) ProvisionAuthorised { return ProvisionAuthorised(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ProvisionWithdrawn) UnmarshalJSON(b []byte) error {
	type plain ProvisionWithdrawn
	return decodeEvent(b, e, func(p plain) ProvisionWithdrawn { return ProvisionWithdrawn(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *NoteWritten) UnmarshalJSON(b []byte) error {
	type plain NoteWritten
	return decodeEvent(b, e, func(p plain) NoteWritten { return NoteWritten(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *NoteRead) UnmarshalJSON(b []byte) error {
	type plain NoteRead
	return decodeEvent(b, e, func(p plain) NoteRead { return NoteRead(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *NoteDisclosed) UnmarshalJSON(b []byte) error {
	type plain NoteDisclosed
	return decodeEvent(b, e, func(p plain) NoteDisclosed { return NoteDisclosed(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *CaseTransferred) UnmarshalJSON(b []byte) error {
	type plain CaseTransferred
	return decodeEvent(b, e, func(p plain) CaseTransferred { return CaseTransferred(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ReferralMade) UnmarshalJSON(b []byte) error {
	type plain ReferralMade
	return decodeEvent(b, e, func(p plain) ReferralMade { return ReferralMade(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ReferralUpdated) UnmarshalJSON(b []byte) error {
	type plain ReferralUpdated
	return decodeEvent(b, e, func(p plain) ReferralUpdated { return ReferralUpdated(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *ReferralRevoked) UnmarshalJSON(b []byte) error {
	type plain ReferralRevoked
	return decodeEvent(b, e, func(p plain) ReferralRevoked { return ReferralRevoked(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *CaseClosed) UnmarshalJSON(b []byte) error {
	type plain CaseClosed
	return decodeEvent(b, e, func(p plain) CaseClosed { return CaseClosed(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *CaseWithdrawn) UnmarshalJSON(b []byte) error {
	type plain CaseWithdrawn
	return decodeEvent(b, e, func(p plain) CaseWithdrawn { return CaseWithdrawn(p) })
}

// UnmarshalJSON decodes the event and checks its fields.
func (e *CaseReopened) UnmarshalJSON(b []byte) error {
	type plain CaseReopened
	return decodeEvent(b, e, func(p plain) CaseReopened { return CaseReopened(p) })
}
