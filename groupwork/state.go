package groupwork

import (
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// state is everything a group knows, except its ledger and its record. It is
// a plain value with no locks or caches, so that a test can compare a group
// rebuilt from its record with the original field by field. Only apply
// methods of events change it, and only after their check has passed.
type state struct {
	id          uuid.UUID
	name        string
	purposes    []relationship.Purpose
	model       Model
	settings    Settings
	formed      time.Time
	facilitator relationship.Party

	members []memberState                  // in order of first joining; a member's index is its slot
	index   map[relationship.PartyID]int32 // member -> slot
	current int                            // members not yet left
	match   matchIndex                     // strengths -> current members

	meetings []meetingState
	meetingX map[uuid.UUID]int32
	started  time.Time // when the first meeting was held; zero until then

	items    []ProgrammeItem
	itemX    map[uuid.UUID]int32
	notes    []Note
	stage    Stage
	stages   []StageChange
	concerns []Concern
	concernX map[uuid.UUID]int32
	medns    []Mediation
	mednX    map[uuid.UUID]int32

	proposals []proposalState
	proposalX map[uuid.UUID]int32
	proxies   []proxyState
	proxyX    map[uuid.UUID]int32

	byProcess [numProcesses]int // aid exchanges by mutual-aid process
	ids       idSet

	ended     time.Time // zero until the group ends
	endReason string
}

// formedYet reports whether the group has been formed: the first entry of
// every record forms it.
func (s *state) formedYet() bool { return s.id != uuid.Nil }

// isEnded reports whether the group has ended.
func (s *state) isEnded() bool { return !s.ended.IsZero() }

// fresh returns an error unless id is a new, non-zero identifier.
func (s *state) fresh(id uuid.UUID) error {
	if id == uuid.Nil {
		return relationship.ErrZeroID
	}
	if s.ids.has(id) {
		return &RecordError{ID: id, Err: ErrDuplicateID}
	}
	return nil
}

// claim marks id as used.
func (s *state) claim(id uuid.UUID) { s.ids.add(id) }

// actor returns the party acting and its member slot (-1 for the
// facilitator). Only the facilitator and current members can act; anyone
// else, former members included, is not a party to the group.
func (s *state) actor(id relationship.PartyID) (relationship.Party, int32, error) {
	if id == s.facilitator.ID() {
		return s.facilitator, -1, nil
	}
	if i, ok := s.index[id]; ok && s.members[i].current {
		return s.members[i].party, i, nil
	}
	return relationship.Party{}, -1, &relationship.PartyError{Party: id}
}

// currentMember returns the slot of a current member, or a [*MemberError]
// wrapping [ErrNotMember].
func (s *state) currentMember(id relationship.PartyID) (int32, error) {
	if i, ok := s.index[id]; ok && s.members[i].current {
		return i, nil
	}
	return -1, &MemberError{Member: id, Err: ErrNotMember}
}

// meeting returns the position of a meeting, or a [*NotFoundError].
func (s *state) meeting(id uuid.UUID) (int32, error) {
	if i, ok := s.meetingX[id]; ok {
		return i, nil
	}
	return -1, &NotFoundError{ID: id, Err: ErrUnknownMeeting}
}
