package relationship

import (
	"iter"

	"github.com/helpingwork/helping/internal/enum"
)

// Method is the social-work method a relationship follows.
//
// The zero Method is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Method uint8

// The two methods this library models.
const (
	// Casework is the charity-organisation tradition: one worker, one client
	// (or family), and a sharp difference in expertise, power and resources.
	// Mary Richmond gave it its method in Social Diagnosis (1917).
	Casework Method = iota + 1
	// GroupWork is the settlement-house tradition: members who help one
	// another, a group worker who facilitates, decisions taken together.
	GroupWork
)

var methods = enum.New[Method]("method", "unspecified", "casework", "group-work")

// Methods yields every valid method in order.
func Methods() iter.Seq[Method] { return methods.Values() }

// ParseMethod returns the method named s: "casework" or "group-work".
// Unknown text is an error wrapping [ErrUnknownText].
func ParseMethod(s string) (Method, error) { return methods.ParseText(s) }

// IsValid reports whether m is one of the named methods.
func (m Method) IsValid() bool { return methods.Valid(m) }

// String returns the method's name.
func (m Method) String() string { return methods.String(m) }

// MarshalText returns the method's name. An invalid method is an error.
func (m Method) MarshalText() ([]byte, error) { return methods.Text(m) }

// UnmarshalText sets m to the method named by b. On error m is unchanged.
func (m *Method) UnmarshalText(b []byte) error { return methods.Unmarshal(b, m) }

// Purpose is what a helping relationship is for. Casework is traditionally
// for problem-solving and rehabilitation; group work adds enjoyment and
// growth: recreation, socialisation, education, support, social action.
//
// The zero Purpose is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Purpose uint8

// The purposes of helping relationships.
const (
	// PurposeRecreation is enjoyment for its own sake: the settlement
	// houses' clubs, camps and games.
	PurposeRecreation Purpose = iota + 1
	// PurposeSocialisation is learning to live with others: taking turns,
	// belonging, citizenship.
	PurposeSocialisation
	// PurposeEducation is learning skills and knowledge: classes, English
	// for immigrants, crafts.
	PurposeEducation
	// PurposeSupport is carrying a burden together: people in the same boat.
	PurposeSupport
	// PurposeRehabilitation is restoring functioning after a loss, an
	// illness or an offence.
	PurposeRehabilitation
	// PurposeSocialAction is changing the conditions that make problems:
	// petitions, campaigns, the settlement reformers' politics.
	PurposeSocialAction
	// PurposeTherapy is treating personal difficulties through the group
	// (the remedial model).
	PurposeTherapy
	// PurposeProblemSolving is working through a defined problem with a
	// helper: Perlman's problem-solving model of casework.
	PurposeProblemSolving
)

var purposes = enum.New[Purpose]("purpose", "unspecified",
	"recreation", "socialisation", "education", "support", "rehabilitation",
	"social-action", "therapy", "problem-solving")

// Purposes yields every valid purpose in order.
func Purposes() iter.Seq[Purpose] { return purposes.Values() }

// ParsePurpose returns the purpose named s, such as "social-action". Unknown
// text is an error wrapping [ErrUnknownText].
func ParsePurpose(s string) (Purpose, error) { return purposes.ParseText(s) }

// IsValid reports whether p is one of the named purposes.
func (p Purpose) IsValid() bool { return purposes.Valid(p) }

// String returns the purpose's name.
func (p Purpose) String() string { return purposes.String(p) }

// MarshalText returns the purpose's name. An invalid purpose is an error.
func (p Purpose) MarshalText() ([]byte, error) { return purposes.Text(p) }

// UnmarshalText sets p to the purpose named by b. On error p is unchanged.
func (p *Purpose) UnmarshalText(b []byte) error { return purposes.Unmarshal(b, p) }
