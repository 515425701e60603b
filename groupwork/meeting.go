package groupwork

import (
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// Attendance is how a member attended a meeting. The settlement clubs kept
// registers, and attendance is still the first thing a group worker
// records: it shows who belongs, who drifts, and who is present to decide.
//
// The zero Attendance is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type Attendance uint8

// The four marks of a register.
const (
	Present Attendance = iota + 1 // came on time
	Late                          // came, but after the start
	Excused                       // did not come, and sent word
	Absent                        // did not come, and sent no word
)

var attendances = enum.New[Attendance]("attendance", "unspecified", "present", "late", "excused", "absent")

// Attendances yields every valid attendance mark in order.
func Attendances() iter.Seq[Attendance] { return attendances.Values() }

// ParseAttendance returns the mark named s: "present", "late", "excused" or
// "absent". Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseAttendance(s string) (Attendance, error) { return attendances.ParseText(s) }

// IsValid reports whether a is one of the named marks.
func (a Attendance) IsValid() bool { return attendances.Valid(a) }

// Attended reports whether the member was there: present or late.
func (a Attendance) Attended() bool { return a == Present || a == Late }

// String returns the mark's name, such as "excused".
func (a Attendance) String() string { return attendances.String(a) }

// MarshalText returns the mark's name. An invalid mark is an error.
func (a Attendance) MarshalText() ([]byte, error) { return attendances.Text(a) }

// UnmarshalText sets a to the mark named by b. On error a is unchanged.
func (a *Attendance) UnmarshalText(b []byte) error { return attendances.Unmarshal(b, a) }

// meetingState is what the group knows of a meeting.
type meetingState struct {
	id       uuid.UUID
	number   int
	date     time.Time
	place    string
	register map[int32]Attendance // member slot -> mark
	items    []int32              // programme items, in the order chosen
	aid      int                  // exchanges of aid given at the meeting
}

// Mark is one line of a meeting's register. It is a plain record.
type Mark struct {
	Member     relationship.PartyID
	Attendance Attendance
}

// Meeting is a snapshot of one meeting of a group: its date and place, the
// register, and its programme. Changing the group does not change a
// snapshot.
type Meeting struct {
	id        uuid.UUID
	number    int
	date      time.Time
	place     string
	register  []Mark // in the order members first joined the group
	programme []ProgrammeItem
	aid       int
}

// ID returns the meeting's identifier.
func (m Meeting) ID() uuid.UUID { return m.id }

// Number returns the meeting's number in the group, counting from 1 in the
// order meetings were convened.
func (m Meeting) Number() int { return m.number }

// Date returns the date and time the meeting was called for, in UTC.
func (m Meeting) Date() time.Time { return m.date }

// Place returns where the meeting is held, or "".
func (m Meeting) Place() string { return m.place }

// Held reports whether any attendance has been recorded for the meeting.
func (m Meeting) Held() bool { return len(m.register) > 0 }

// Register yields the register: each member marked, in the order they first
// joined the group.
func (m Meeting) Register() iter.Seq[Mark] { return slices.Values(m.register) }

// Attendance returns a member's mark, and false if none was recorded.
func (m Meeting) Attendance(member relationship.PartyID) (Attendance, bool) {
	for _, r := range m.register {
		if r.Member == member {
			return r.Attendance, true
		}
	}
	return 0, false
}

// Present reports whether the member was there, present or late. A member
// with no mark was not.
func (m Meeting) Present(member relationship.PartyID) bool {
	a, _ := m.Attendance(member)
	return a.Attended()
}

// Count returns how many members have the mark a.
func (m Meeting) Count(a Attendance) int {
	n := 0
	for _, r := range m.register {
		if r.Attendance == a {
			n++
		}
	}
	return n
}

// Programme yields the activities chosen for the meeting, in the order
// they were chosen.
func (m Meeting) Programme() iter.Seq[ProgrammeItem] { return slices.Values(m.programme) }

// Aid returns how many exchanges of aid were given at the meeting.
func (m Meeting) Aid() int { return m.aid }

// snapshotMeeting returns the meeting at position i as a value.
func (s *state) snapshotMeeting(i int32) Meeting {
	ms := &s.meetings[i]
	m := Meeting{id: ms.id, number: ms.number, date: ms.date, place: ms.place, aid: ms.aid}
	slots := make([]int32, 0, len(ms.register))
	for slot := range ms.register {
		slots = append(slots, slot)
	}
	slices.Sort(slots)
	for _, slot := range slots {
		m.register = append(m.register, Mark{Member: s.members[slot].party.ID(), Attendance: ms.register[slot]})
	}
	for _, it := range ms.items {
		m.programme = append(m.programme, s.items[it])
	}
	return m
}

// ConveneMeeting calls the group together on a date, at a place (which may
// be empty), and returns the new meeting's identifier. Bringing the group
// together is the facilitator's first task.
//
// Only the facilitator convenes. Errors: [*relationship.PartyError],
// [*relationship.PermissionError], [*StateError] wrapping [ErrEnded], an [*InputError]
// wrapping [relationship.ErrZeroTime] for a zero date, and an [*InputError] wrapping [relationship.ErrInvalidValue]
// for a date whose year a record cannot hold.
func (g *Group) ConveneMeeting(actor relationship.PartyID, date time.Time, place string) (uuid.UUID, error) {
	if g == nil {
		return uuid.Nil, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := MeetingConvened{Meeting: g.src.NewID(), Date: date.UTC(), Place: strings.TrimSpace(place)}
	return idOr(ev.Meeting, g.commit(actor, ev))
}

// idOr returns id, or the zero UUID with err.
func idOr(id uuid.UUID, err error) (uuid.UUID, error) {
	if err != nil {
		return uuid.Nil, err
	}
	return id, nil
}

func (e MeetingConvened) check(s *state, _ *step) error {
	if e.Date.IsZero() {
		return &InputError{Field: "date", Reason: "blank", Err: relationship.ErrZeroTime}
	}
	if err := checkDate("date", e.Date); err != nil {
		return err
	}
	return s.fresh(e.Meeting)
}

func (e MeetingConvened) apply(s *state, _ *step) {
	s.claim(e.Meeting)
	s.meetingX[e.Meeting] = int32(len(s.meetings))
	s.meetings = append(s.meetings, meetingState{
		id: e.Meeting, number: len(s.meetings) + 1, date: e.Date.UTC(),
		place: strings.TrimSpace(e.Place), register: map[int32]Attendance{},
	})
}

// RecordAttendance marks a current member present, late, excused or absent
// at a meeting. Recording again for the same member corrects the mark. The
// first attendance recorded in a group starts it: from then on a closed
// group takes no new members.
//
// Only the facilitator keeps the register. Errors:
// [*relationship.PartyError], [*relationship.PermissionError],
// [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping [ErrUnknownMeeting],
// [*MemberError] wrapping [ErrNotMember] when the person is not a current
// member, and a [*relationship.TextError] for an invalid mark.
func (g *Group) RecordAttendance(actor relationship.PartyID, meeting uuid.UUID, member relationship.PartyID, a Attendance) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, AttendanceRecorded{Meeting: meeting, Member: member, Attendance: a})
}

func (e AttendanceRecorded) check(s *state, st *step) error {
	m, err := s.meeting(e.Meeting)
	if err != nil {
		return err
	}
	slot, err := s.currentMember(e.Member)
	if err != nil {
		return err
	}
	st.meet, st.target = m, slot
	return attendances.Check(e.Attendance)
}

func (e AttendanceRecorded) apply(s *state, st *step) {
	ms := &s.meetings[st.meet]
	ms.register[st.target] = e.Attendance
	if s.started.IsZero() {
		s.started = ms.date
	}
}

// Meeting returns a snapshot of the meeting with the given identifier, and
// false if the group has no such meeting.
func (g *Group) Meeting(id uuid.UUID) (Meeting, bool) {
	if g == nil {
		return Meeting{}, false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.meetingX[id]
	if !ok {
		return Meeting{}, false
	}
	return g.st.snapshotMeeting(i), true
}

// Meetings yields a snapshot of every meeting, in the order convened.
func (g *Group) Meetings() iter.Seq[Meeting] {
	if g == nil {
		return func(func(Meeting) bool) {}
	}
	return func(yield func(Meeting) bool) {
		g.mu.RLock()
		ms := make([]Meeting, len(g.st.meetings))
		for i := range g.st.meetings {
			ms[i] = g.st.snapshotMeeting(int32(i))
		}
		g.mu.RUnlock()
		for _, m := range ms {
			if !yield(m) {
				return
			}
		}
	}
}

// Attended reports whether a member was at a meeting, present or late: the
// question a rule that asks for presence (to vote, say) puts to the
// register.
func (g *Group) Attended(meeting uuid.UUID, member relationship.PartyID) bool {
	if g == nil {
		return false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.meetingX[meeting]
	if !ok {
		return false
	}
	slot, ok := g.st.index[member]
	return ok && g.st.meetings[i].register[slot].Attended()
}
