package groupwork

import (
	"errors"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// Profile is what a member says they bring and what they seek: their
// strengths and their needs. In group work members name their own; no one,
// the facilitator included, names them for a member (see [Group.Join] and
// [Group.UpdateProfile]). Neither list may repeat a value.
type Profile struct {
	Strengths []Strength
	Needs     []Need
}

// validate returns the first invalid or repeated strength or need.
func (p Profile) validate() error {
	for _, s := range p.Strengths {
		if !s.IsValid() {
			return &relationship.TextError{Type: "strength", Text: s.String(), Err: relationship.ErrInvalidValue}
		}
	}
	for _, n := range p.Needs {
		if !n.IsValid() {
			return &relationship.TextError{Type: "need", Text: n.String(), Err: relationship.ErrInvalidValue}
		}
	}
	if err := unique("strength", p.Strengths); err != nil {
		return err
	}
	return unique("need", p.Needs)
}

// LeaveReason is why a membership ended.
//
// The zero LeaveReason is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type LeaveReason uint8

// The reasons a membership ends.
const (
	LeftMoved        LeaveReason = iota + 1 // moved out of reach of the group
	LeftWorkOrSchool                        // work or school hours took the time
	LeftIllness                             // illness, the member's or a relative's
	LeftLostInterest                        // the group no longer meant enough
	LeftConflict                            // a conflict in the group was not worked through
	LeftGoalsMet                            // the member got what they came for
	LeftOther                               // another reason, given in the note
	// LeftGroupEnded ends every current membership when the group ends. A
	// member cannot give it as a reason to leave.
	LeftGroupEnded
)

var leaveReasons = enum.New[LeaveReason]("leave reason", "unspecified",
	"moved", "work-or-school", "illness", "lost-interest", "conflict", "goals-met", "other", "group-ended")

// LeaveReasons yields every valid reason in order.
func LeaveReasons() iter.Seq[LeaveReason] { return leaveReasons.Values() }

// ParseLeaveReason returns the reason named s, such as "moved". Unknown text
// is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseLeaveReason(s string) (LeaveReason, error) { return leaveReasons.ParseText(s) }

// IsValid reports whether r is one of the named reasons.
func (r LeaveReason) IsValid() bool { return leaveReasons.Valid(r) }

// String returns the reason's name, such as "goals-met".
func (r LeaveReason) String() string { return leaveReasons.String(r) }

// MarshalText returns the reason's name. An invalid reason is an error.
func (r LeaveReason) MarshalText() ([]byte, error) { return leaveReasons.Text(r) }

// UnmarshalText sets r to the reason named by b. On error r is unchanged.
func (r *LeaveReason) UnmarshalText(b []byte) error { return leaveReasons.Unmarshal(b, r) }

// Period is one spell of membership: when it began and, once it is over,
// when it ended and why. A member who leaves and comes back has two. It is a
// plain record.
type Period struct {
	Joined time.Time   // in UTC
	Left   time.Time   // in UTC; zero while the period lasts
	Reason LeaveReason // zero while the period lasts
	Note   string      // the member's own words on leaving, if any
}

// Current reports whether the period has not ended.
func (p Period) Current() bool { return p.Left.IsZero() }

// memberState is what the group knows of a member.
type memberState struct {
	party     relationship.Party
	strengths []Strength
	needs     []Need
	periods   []Period
	current   bool
	given     int // exchanges of aid given in the group
	received  int // exchanges of aid received in the group
}

// Member is a snapshot of a member of a group, current or former: their
// name, the strengths and needs they named, and their periods of
// membership. Changing the group does not change a snapshot.
type Member struct {
	m memberState
}

// ID returns the member's identifier.
func (m Member) ID() relationship.PartyID { return m.m.party.ID() }

// Name returns the member's name.
func (m Member) Name() string { return m.m.party.Name() }

// Party returns the member as a party of the group, in the member role.
func (m Member) Party() relationship.Party { return m.m.party }

// IsCurrent reports whether the person is a member now, rather than a
// former member.
func (m Member) IsCurrent() bool { return m.m.current }

// Strengths yields the strengths the member named, in their order.
func (m Member) Strengths() iter.Seq[Strength] { return slices.Values(m.m.strengths) }

// Needs yields the needs the member named, in their order.
func (m Member) Needs() iter.Seq[Need] { return slices.Values(m.m.needs) }

// Periods yields the member's periods of membership, oldest first.
func (m Member) Periods() iter.Seq[Period] { return slices.Values(m.m.periods) }

// Joined returns when the member first joined, or the zero time for the
// zero Member.
func (m Member) Joined() time.Time {
	if len(m.m.periods) == 0 {
		return time.Time{}
	}
	return m.m.periods[0].Joined
}

// Given returns how many exchanges of aid the member has given in the group.
func (m Member) Given() int { return m.m.given }

// Received returns how many exchanges of aid the member has received in the
// group.
func (m Member) Received() int { return m.m.received }

// String returns the member's name and "(former member)" if they left.
func (m Member) String() string {
	if !m.m.current {
		return m.Name() + " (former member)"
	}
	return m.Name()
}

// snapshot returns a member value that later changes to the group do not
// reach: the periods are copied, since leaving changes the last one in place.
func (ms *memberState) snapshot() Member {
	c := *ms
	c.periods = slices.Clone(ms.periods)
	return Member{c}
}

// Join makes the actor a member of the group under the given name, with the
// strengths and needs they name. Joining is always for oneself: the actor is
// the person who joins. A former member may join again, beginning a new
// [Period]; the facilitator cannot join, being the group's worker and not
// its member.
//
// Errors: [*relationship.PermissionError] when the facilitator tries,
// [*MemberError] wrapping [ErrDuplicateMember] for a current member,
// [*MemberError] wrapping [ErrClosedGroup] when the group's membership is closed and it has started,
// [*MemberError] wrapping [ErrFull] when it is full, [*StateError] wrapping [ErrEnded], [*InputError] wrapping
// [relationship.ErrBlank] for a blank name, a [*relationship.FieldError]
// for a name too long or not UTF-8, a [*relationship.TextError]
// for an invalid strength or need and an [*InputError] wrapping [ErrRepeated] for a repeated one.
func (g *Group) Join(actor relationship.PartyID, name string, profile Profile) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, MemberJoined{
		Name: strings.TrimSpace(name), Strengths: clip(profile.Strengths), Needs: clip(profile.Needs),
	})
}

// newcomer returns the party who joins by e: a member to be, or the
// facilitator, whom the rights table then refuses (the worker is present
// for the group, not a member of it).
func (e MemberJoined) newcomer(s *state, actor relationship.PartyID) (relationship.Party, error) {
	if actor == s.facilitator.ID() {
		return s.facilitator, nil
	}
	if i, ok := s.index[actor]; ok && s.members[i].current {
		return relationship.Party{}, &MemberError{Member: actor, Err: ErrDuplicateMember}
	}
	p, err := relationship.NewParty(actor, e.Name, relationship.RoleMember)
	if errors.Is(err, relationship.ErrBlank) {
		return relationship.Party{}, &InputError{Field: "name", Reason: "blank", Err: relationship.ErrBlank}
	}
	if err != nil {
		return relationship.Party{}, err // a name too long or not UTF-8
	}
	return p, nil
}

func (e MemberJoined) check(s *state, st *step) error {
	if err := s.room(); err != nil {
		return err
	}
	return Profile{e.Strengths, e.Needs}.validate()
}

// room returns an error if no one may join now: closed membership after
// the start, or a full group.
func (s *state) room() error {
	if s.settings.Membership == ClosedMembership && !s.started.IsZero() {
		return &MemberError{Since: s.started, Err: ErrClosedGroup}
	}
	if c := s.settings.Capacity; c > 0 && s.current >= c {
		return &MemberError{Capacity: c, Err: ErrFull}
	}
	return nil
}

func (e MemberJoined) apply(s *state, st *step) {
	p, _ := relationship.NewParty(st.actor, e.Name, relationship.RoleMember) // checked
	i, ok := s.index[st.actor]
	if !ok {
		i = int32(len(s.members))
		s.index[st.actor] = i
		s.members = append(s.members, memberState{})
	}
	m := &s.members[i]
	m.party, m.current = p, true
	m.strengths, m.needs = clip(e.Strengths), clip(e.Needs)
	m.periods = append(m.periods, Period{Joined: st.at})
	s.current++
	s.match.add(i, m.strengths)
}

// Leave ends the actor's membership, with a reason and, if they wish, a note
// in their own words. Only members leave, and only for themselves:
// self-determination means no one can be left out of a group in their name.
//
// Errors: [*relationship.PartyError] for someone who is not a current member
// or the facilitator, [*relationship.PermissionError] for the facilitator,
// [*StateError] wrapping [ErrEnded], and a [*relationship.TextError] for an invalid reason or
// for [LeftGroupEnded].
func (g *Group) Leave(actor relationship.PartyID, reason LeaveReason, note string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, MemberLeft{Reason: reason, Note: strings.TrimSpace(note)})
}

func (e MemberLeft) check(_ *state, _ *step) error {
	if e.Reason == LeftGroupEnded {
		return &relationship.TextError{Type: "leave reason", Text: e.Reason.String(), Err: relationship.ErrInvalidValue}
	}
	return leaveReasons.Check(e.Reason)
}

func (e MemberLeft) apply(s *state, st *step) {
	s.leave(st.slot, st.at, e.Reason, strings.TrimSpace(e.Note))
}

// leave ends the current period of the member in slot i.
func (s *state) leave(i int32, at time.Time, reason LeaveReason, note string) {
	m := &s.members[i]
	last := &m.periods[len(m.periods)-1]
	last.Left, last.Reason, last.Note = at, reason, note
	m.current = false
	s.current--
	s.match.remove(i, m.strengths)
}

// UpdateProfile replaces the actor's strengths and needs with the ones in
// profile. Members grow in a group and discover strengths; only they restate
// their own.
//
// Errors: [*relationship.PartyError], [*relationship.PermissionError] for
// the facilitator, [*StateError] wrapping [ErrEnded], and a [*relationship.TextError] or
// [*InputError] wrapping [ErrRepeated] for the profile.
func (g *Group) UpdateProfile(actor relationship.PartyID, profile Profile) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, ProfileUpdated{Strengths: clip(profile.Strengths), Needs: clip(profile.Needs)})
}

func (e ProfileUpdated) check(_ *state, _ *step) error {
	return Profile(e).validate()
}

func (e ProfileUpdated) apply(s *state, st *step) {
	m := &s.members[st.slot]
	s.match.remove(st.slot, m.strengths)
	m.strengths, m.needs = clip(e.Strengths), clip(e.Needs)
	s.match.add(st.slot, m.strengths)
}

// Member returns the member with the given identifier, current or former,
// and false if no such person has ever joined.
func (g *Group) Member(id relationship.PartyID) (Member, bool) {
	if g == nil {
		return Member{}, false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.index[id]
	if !ok {
		return Member{}, false
	}
	return g.st.members[i].snapshot(), true
}

// IsMember reports whether id is a current member.
func (g *Group) IsMember(id relationship.PartyID) bool {
	if g == nil {
		return false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.index[id]
	return ok && g.st.members[i].current
}

// Size returns the number of current members.
func (g *Group) Size() int {
	if g == nil {
		return 0
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.current
}

// Members yields the current members in the order they first joined.
func (g *Group) Members() iter.Seq[Member] {
	if g == nil {
		return func(func(Member) bool) {}
	}
	return g.members(true)
}

// FormerMembers yields those who were members and have left, in the order
// they first joined.
func (g *Group) FormerMembers() iter.Seq[Member] {
	if g == nil {
		return func(func(Member) bool) {}
	}
	return g.members(false)
}

func (g *Group) members(current bool) iter.Seq[Member] {
	return func(yield func(Member) bool) {
		g.mu.RLock()
		var ms []Member
		for i := range g.st.members {
			if g.st.members[i].current == current {
				ms = append(ms, g.st.members[i].snapshot())
			}
		}
		g.mu.RUnlock()
		for _, m := range ms {
			if !yield(m) {
				return
			}
		}
	}
}
