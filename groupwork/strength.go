package groupwork

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/helpingwork/helping/relationship"
)

// maxAreaLen is the longest area, in characters.
const maxAreaLen = 40

// topic is what a strength offers or a need asks for: a kind of support,
// and optionally the area it is about. It is comparable, so the group's
// match index is keyed by it.
type topic struct {
	kind relationship.SupportKind
	area string
}

// Strength is something a member can offer the others: a kind of
// [relationship.SupportKind], and optionally the area it is about, such as
// informational help with "english", material help with "sewing",
// companionship in "football", or emotional support with no area at all (a
// good listener). Group work starts from strengths, not deficits: members
// name their own (see [Profile]), and [Group.WhoCanHelp] matches a
// [Need] to them.
//
// The text form is the kind, or the kind and area joined by a colon:
// "emotional", "informational:english", "material:sewing-machine". Strength
// is a small comparable value; the zero Strength is invalid.
type Strength struct{ t topic }

// Need is something a member asks of the others, in the same terms as a
// [Strength]: a kind of support and optionally an area, such as
// "informational:housing" or "companionship". Its text form is a
// strength's. The zero Need is invalid.
type Need struct{ t topic }

// NewStrength returns the strength of the given kind in an area. The area
// is normalised: trimmed, lower-cased, and runs of spaces, hyphens and
// underscores become one hyphen ("Sewing Machine" is "sewing-machine"). It
// may be empty, for a strength of the kind in general. An invalid kind is a
// [*relationship.TextError] wrapping [relationship.ErrInvalidValue]; an
// area with other characters than letters, digits and separators, or longer
// than 40 characters, is an [*InputError] wrapping [ErrInvalidArea].
func NewStrength(kind relationship.SupportKind, area string) (Strength, error) {
	t, err := newTopic(kind, area)
	return Strength{t}, err
}

// MustStrength is like [NewStrength] but panics on error. It is meant for
// literals in tests and examples only.
func MustStrength(kind relationship.SupportKind, area string) Strength {
	return must(NewStrength(kind, area))
}

// ParseStrength parses the text form of a strength, such as
// "informational:english". Errors are those of
// [relationship.ParseSupportKind] and [NewStrength].
func ParseStrength(s string) (Strength, error) {
	t, err := parseTopic(s)
	return Strength{t}, err
}

// Kind returns the kind of support the strength offers.
func (s Strength) Kind() relationship.SupportKind { return s.t.kind }

// Area returns the area the strength is about, or "" for the kind in general.
func (s Strength) Area() string { return s.t.area }

// IsValid reports whether s was made by [NewStrength] or parsed.
func (s Strength) IsValid() bool { return s.t.kind.IsValid() }

// String returns the text form, such as "informational:english".
func (s Strength) String() string { return s.t.String() }

// MarshalText returns the text form. The zero Strength is an error.
func (s Strength) MarshalText() ([]byte, error) { return s.t.marshal() }

// UnmarshalText parses the text form, as [ParseStrength] does. On error s is
// unchanged.
func (s *Strength) UnmarshalText(b []byte) error { return s.t.unmarshal(b) }

// Fits reports how well the strength fits a need, and false if it does not
// fit at all. See [Fit] for the three degrees.
func (s Strength) Fits(n Need) (Fit, bool) { return fitOf(s.t, n.t) }

// NewNeed returns the need for the given kind of support in an area,
// normalised and checked as [NewStrength] does.
func NewNeed(kind relationship.SupportKind, area string) (Need, error) {
	t, err := newTopic(kind, area)
	return Need{t}, err
}

// MustNeed is like [NewNeed] but panics on error. It is meant for literals
// in tests and examples only.
func MustNeed(kind relationship.SupportKind, area string) Need {
	return must(NewNeed(kind, area))
}

// ParseNeed parses the text form of a need, such as "material:coal".
func ParseNeed(s string) (Need, error) {
	t, err := parseTopic(s)
	return Need{t}, err
}

// Kind returns the kind of support needed.
func (n Need) Kind() relationship.SupportKind { return n.t.kind }

// Area returns the area of the need, or "" for any help of its kind.
func (n Need) Area() string { return n.t.area }

// IsValid reports whether n was made by [NewNeed] or parsed.
func (n Need) IsValid() bool { return n.t.kind.IsValid() }

// String returns the text form, such as "material:coal".
func (n Need) String() string { return n.t.String() }

// MarshalText returns the text form. The zero Need is an error.
func (n Need) MarshalText() ([]byte, error) { return n.t.marshal() }

// UnmarshalText parses the text form, as [ParseNeed] does. On error n is
// unchanged.
func (n *Need) UnmarshalText(b []byte) error { return n.t.unmarshal(b) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func newTopic(kind relationship.SupportKind, area string) (topic, error) {
	if !kind.IsValid() {
		return topic{}, &relationship.TextError{Type: "support kind", Text: kind.String(), Err: relationship.ErrInvalidValue}
	}
	a, err := normaliseArea(area)
	if err != nil {
		return topic{}, err
	}
	return topic{kind, a}, nil
}

func parseTopic(s string) (topic, error) {
	k, area, _ := strings.Cut(s, ":")
	kind, err := relationship.ParseSupportKind(strings.TrimSpace(k))
	if err != nil {
		return topic{}, err
	}
	return newTopic(kind, area)
}

// normaliseArea trims, lower-cases and hyphenates an area, or reports why it
// cannot.
func normaliseArea(area string) (string, error) {
	var b strings.Builder
	sep := false
	for _, r := range strings.TrimSpace(area) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-' || r == '_' || r == '\t':
			sep = true
		default:
			return "", areaError(area)
		}
	}
	if utf8.RuneCountInString(b.String()) > maxAreaLen {
		return "", areaError(area)
	}
	return b.String(), nil
}

func (t topic) String() string {
	if t.area == "" {
		return t.kind.String()
	}
	return t.kind.String() + ":" + t.area
}

func (t topic) marshal() ([]byte, error) {
	if _, err := t.kind.MarshalText(); err != nil {
		return nil, err
	}
	return []byte(t.String()), nil
}

func (t *topic) unmarshal(b []byte) error {
	p, err := parseTopic(string(b))
	if err != nil {
		return err
	}
	*t = p
	return nil
}

// areaError returns the [*InputError] of an area that is not a short
// lower-case phrase: it gives the text's length, never the text.
func areaError(area string) error {
	return &InputError{Field: "area", Err: ErrInvalidArea,
		Reason: fmt.Sprintf("a text of %d bytes: want up to %d letters, digits and hyphens", len(area), maxAreaLen)}
}
