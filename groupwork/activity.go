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

// Activity is a kind of programme activity: what a group does together. In
// group work the programme is the medium of help, not a pastime beside it:
// Grace Coyle and the settlement workers saw members learn to share, lead,
// decide and belong while they camped, sang, put on a play or ran a
// neighbourhood clean-up. [Activity.Purposes] gives what each kind typically
// serves.
//
// The zero Activity is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Activity uint8

// The programme activities.
const (
	Camping        Activity = iota + 1 // camping and overnight trips: living together away from home
	Singing                            // singing together, a chorus
	Discussion                         // talk on a topic the members chose
	Games                              // games, indoor or out
	ArtsAndCrafts                      // arts and crafts: making things by hand
	Drama                              // plays, role-play, pageants
	Sports                             // team sports and athletics
	Outing                             // a trip to a park, museum, the seaside
	Class                              // a class: English, citizenship, a trade
	ServiceProject                     // the group does something for others or the neighbourhood
	Dance                              // dancing and dance classes
	Music                              // playing instruments, a band
	Cooking                            // cooking and sharing a meal
	Storytelling                       // telling and reading stories
	Debate                             // a formal debate
	Celebration                        // a party, a festival, a farewell
	Gardening                          // a garden, window boxes, a vacant lot
)

var activities = enum.New[Activity]("activity", "unspecified",
	"camping", "singing", "discussion", "games", "arts-and-crafts", "drama", "sports", "outing",
	"class", "service-project", "dance", "music", "cooking", "storytelling", "debate", "celebration",
	"gardening")

// typical holds the purposes each activity typically serves, by activity.
var typical = [...][]relationship.Purpose{
	Camping:        {relationship.PurposeRecreation, relationship.PurposeSocialisation, relationship.PurposeEducation},
	Singing:        {relationship.PurposeRecreation, relationship.PurposeSocialisation},
	Discussion:     {relationship.PurposeEducation, relationship.PurposeSupport},
	Games:          {relationship.PurposeRecreation, relationship.PurposeSocialisation},
	ArtsAndCrafts:  {relationship.PurposeRecreation, relationship.PurposeEducation},
	Drama:          {relationship.PurposeRecreation, relationship.PurposeSocialisation, relationship.PurposeEducation},
	Sports:         {relationship.PurposeRecreation, relationship.PurposeSocialisation},
	Outing:         {relationship.PurposeRecreation, relationship.PurposeEducation},
	Class:          {relationship.PurposeEducation},
	ServiceProject: {relationship.PurposeSocialAction, relationship.PurposeSocialisation},
	Dance:          {relationship.PurposeRecreation, relationship.PurposeSocialisation},
	Music:          {relationship.PurposeRecreation, relationship.PurposeEducation},
	Cooking:        {relationship.PurposeEducation, relationship.PurposeSocialisation},
	Storytelling:   {relationship.PurposeRecreation, relationship.PurposeEducation},
	Debate:         {relationship.PurposeEducation, relationship.PurposeSocialAction},
	Celebration:    {relationship.PurposeRecreation, relationship.PurposeSocialisation},
	Gardening:      {relationship.PurposeRecreation, relationship.PurposeEducation},
}

// Activities yields every valid activity in order.
func Activities() iter.Seq[Activity] { return activities.Values() }

// ParseActivity returns the activity named s, such as "arts-and-crafts".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseActivity(s string) (Activity, error) { return activities.ParseText(s) }

// IsValid reports whether a is one of the named activities.
func (a Activity) IsValid() bool { return activities.Valid(a) }

// Purposes yields the purposes the activity typically serves: camping
// serves recreation, socialisation and education; a service project social
// action and socialisation. [Group.ChooseActivity] uses them when the
// members name none. An invalid activity yields nothing.
func (a Activity) Purposes() iter.Seq[relationship.Purpose] {
	if !a.IsValid() {
		return func(func(relationship.Purpose) bool) {}
	}
	return slices.Values(typical[a])
}

// String returns the activity's name, such as "service-project".
func (a Activity) String() string { return activities.String(a) }

// MarshalText returns the activity's name. An invalid activity is an error.
func (a Activity) MarshalText() ([]byte, error) { return activities.Text(a) }

// UnmarshalText sets a to the activity named by b. On error a is unchanged.
func (a *Activity) UnmarshalText(b []byte) error { return activities.Unmarshal(b, a) }

// ProgrammeItem is one activity on a meeting's programme: what kind, what
// exactly, the purposes it serves, who chose it and, once it was done, who
// recorded it and how it went. It is a snapshot; changing the group does
// not change it.
type ProgrammeItem struct {
	id          uuid.UUID
	meeting     uuid.UUID
	activity    Activity
	description string
	purposes    []relationship.Purpose
	chosenBy    relationship.PartyID
	chosenAt    time.Time
	doneBy      relationship.PartyID
	doneAt      time.Time
	note        string
}

// ID returns the item's identifier.
func (p ProgrammeItem) ID() uuid.UUID { return p.id }

// Meeting returns the identifier of the meeting the item is for.
func (p ProgrammeItem) Meeting() uuid.UUID { return p.meeting }

// Activity returns the kind of activity.
func (p ProgrammeItem) Activity() Activity { return p.activity }

// Description returns what exactly the activity is, such as "a trip to the
// Field Museum", or "".
func (p ProgrammeItem) Description() string { return p.description }

// Purposes yields the purposes the activity serves for the group.
func (p ProgrammeItem) Purposes() iter.Seq[relationship.Purpose] { return slices.Values(p.purposes) }

// ChosenBy returns the member who put the activity on the programme.
func (p ProgrammeItem) ChosenBy() relationship.PartyID { return p.chosenBy }

// Done reports whether the activity was recorded as done, by whom, and when.
func (p ProgrammeItem) Done() (by relationship.PartyID, at time.Time, ok bool) {
	return p.doneBy, p.doneAt, !p.doneAt.IsZero()
}

// Note returns what was recorded of how the activity went, or "".
func (p ProgrammeItem) Note() string { return p.note }

// ChooseActivity puts an activity on a meeting's programme and returns the
// new item's identifier. The members choose what the group does; with no
// purposes given, the activity's typical ones ([Activity.Purposes]) are
// recorded.
//
// Only members choose. Errors: [*relationship.PartyError],
// [*relationship.PermissionError] for the facilitator, [*StateError] wrapping [ErrEnded],
// [*NotFoundError] wrapping [ErrUnknownMeeting], a
// [*relationship.TextError] for an invalid activity or purpose, and a
// [*InputError] wrapping [ErrRepeated] for a repeated purpose.
func (g *Group) ChooseActivity(actor relationship.PartyID, meeting uuid.UUID, a Activity, description string, purposes ...relationship.Purpose) (uuid.UUID, error) {
	if g == nil {
		return uuid.Nil, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(purposes) == 0 {
		purposes = slices.Collect(a.Purposes())
	}
	ev := ActivityChosen{Item: g.src.NewID(), Meeting: meeting, Activity: a,
		Description: strings.TrimSpace(description), Purposes: clip(purposes)}
	return idOr(ev.Item, g.commit(actor, ev))
}

func (e ActivityChosen) check(s *state, st *step) error {
	m, err := s.meeting(e.Meeting)
	if err != nil {
		return err
	}
	if err := activities.Check(e.Activity); err != nil {
		return err
	}
	if err := validPurposes(e.Purposes); err != nil {
		return err
	}
	if err := unique("purpose", e.Purposes); err != nil {
		return err
	}
	st.meet = m
	return s.fresh(e.Item)
}

func (e ActivityChosen) apply(s *state, st *step) {
	s.claim(e.Item)
	i := int32(len(s.items))
	s.itemX[e.Item] = i
	s.items = append(s.items, ProgrammeItem{
		id: e.Item, meeting: e.Meeting, activity: e.Activity, description: strings.TrimSpace(e.Description),
		purposes: clip(e.Purposes), chosenBy: st.actor, chosenAt: st.at,
	})
	s.meetings[st.meet].items = append(s.meetings[st.meet].items, i)
}

// RecordActivity records that a programme item was done, with a note of how
// it went (which may be empty). An item is recorded once.
//
// Members (a club's secretary, say) and the facilitator record. Errors:
// [*relationship.PartyError], [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping
// [ErrUnknownActivity], and [*StateError] wrapping [ErrAlreadyDone] for an item already recorded.
func (g *Group) RecordActivity(actor relationship.PartyID, item uuid.UUID, note string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, ActivityRecorded{Item: item, Note: strings.TrimSpace(note)})
}

func (e ActivityRecorded) check(s *state, st *step) error {
	i, ok := s.itemX[e.Item]
	if !ok {
		return &NotFoundError{ID: e.Item, Err: ErrUnknownActivity}
	}
	if !s.items[i].doneAt.IsZero() {
		return done("programme item", e.Item)
	}
	st.target = i
	return nil
}

func (e ActivityRecorded) apply(s *state, st *step) {
	it := &s.items[st.target]
	it.doneBy, it.doneAt, it.note = st.actor, st.at, strings.TrimSpace(e.Note)
}

// ProgrammeItem returns the programme item with the given identifier, and
// false if the group has none.
func (g *Group) ProgrammeItem(id uuid.UUID) (ProgrammeItem, bool) {
	if g == nil {
		return ProgrammeItem{}, false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.itemX[id]
	if !ok {
		return ProgrammeItem{}, false
	}
	return g.st.items[i], true
}
