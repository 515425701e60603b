package groupwork

import (
	"iter"

	"github.com/helpingwork/helping/internal/enum"
)

// Model is the group work model a group follows, after Catherine Papell and
// Beulah Rothman's "Social Group Work Models: Possession and Heritage"
// (1966). The model says what the group is for and what the worker does in
// it; it does not change the rights table, which keeps the settlement-house
// stance (members decide, the worker facilitates) in every model. What
// differs is how the worker uses the facilitation and record acts, and what
// the group's purposes and membership tend to be.
//
// The zero Model is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Model uint8

// The three models of Papell and Rothman.
const (
	// SocialGoals is the oldest model, from the settlement houses and the
	// youth organisations: groups for citizenship and social change, where
	// a wider social consciousness and responsibility grow out of doing
	// things together. The worker is an enabler and a role model of the
	// democratic citizen, working for the group's own decisions. Its groups
	// are usually open, and their purposes recreation, education and social
	// action.
	SocialGoals Model = iota + 1
	// Remedial is the model of treatment groups (Robert Vinter and the
	// Michigan school): the group is a means to change individual members'
	// behaviour. The worker is a change agent who assesses, sets goals with
	// each member and directs the programme toward them, so the worker's
	// record and facilitation acts weigh more here. Its groups are usually
	// small and closed, for therapy or rehabilitation.
	Remedial
	// Reciprocal is William Schwartz's model: the group is a system of
	// mutual aid, and the worker a mediator between the members and the
	// society (the agency, the school, the neighbourhood) they need and that
	// needs them. Neither the worker nor a predetermined goal directs the
	// group; the members' own shared concerns do. Its groups are open or
	// closed, for support and problem-solving.
	Reciprocal
)

var models = enum.New[Model]("group work model", "unspecified", "social-goals", "remedial", "reciprocal")

// Models yields every valid model in order.
func Models() iter.Seq[Model] { return models.Values() }

// ParseModel returns the model named s: "social-goals", "remedial" or
// "reciprocal". Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseModel(s string) (Model, error) { return models.ParseText(s) }

// IsValid reports whether m is one of the named models.
func (m Model) IsValid() bool { return models.Valid(m) }

// String returns the model's name, such as "social-goals".
func (m Model) String() string { return models.String(m) }

// MarshalText returns the model's name. An invalid model is an error.
func (m Model) MarshalText() ([]byte, error) { return models.Text(m) }

// UnmarshalText sets m to the model named by b. On error m is unchanged.
func (m *Model) UnmarshalText(b []byte) error { return models.Unmarshal(b, m) }

// Membership says whether a group takes new members once it has started.
//
// The zero Membership is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type Membership uint8

// The two kinds of membership.
const (
	// OpenMembership lets people join at any time until the group ends, as
	// the settlement clubs did: members come and go, and the group's
	// culture carries newcomers along.
	OpenMembership Membership = iota + 1
	// ClosedMembership fixes the members once the group has started (held
	// its first meeting): everyone passes through the stages of development
	// together, which treatment groups and time-limited groups rely on.
	ClosedMembership
)

var memberships = enum.New[Membership]("membership", "unspecified", "open", "closed")

// Memberships yields every valid membership kind in order.
func Memberships() iter.Seq[Membership] { return memberships.Values() }

// ParseMembership returns the membership kind named s: "open" or "closed".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseMembership(s string) (Membership, error) { return memberships.ParseText(s) }

// IsValid reports whether m is one of the named kinds.
func (m Membership) IsValid() bool { return memberships.Valid(m) }

// String returns the kind's name, "open" or "closed".
func (m Membership) String() string { return memberships.String(m) }

// MarshalText returns the kind's name. An invalid kind is an error.
func (m Membership) MarshalText() ([]byte, error) { return memberships.Text(m) }

// UnmarshalText sets m to the kind named by b. On error m is unchanged.
func (m *Membership) UnmarshalText(b []byte) error { return memberships.Unmarshal(b, m) }
