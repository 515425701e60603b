package relationship

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"strings"

	"github.com/helpingwork/helping/internal/enum"
)

// SupportKind is the kind of help given in an exchange. There is no
// canonical list of kinds in the social-support literature; these five come
// from two sources. House (Work Stress and Social Support, 1981) named four:
// emotional, instrumental (here material), informational and appraisal
// support. Companionship, the support of simply belonging, comes from Wills
// (1985) and Cohen and Wills (1985), who call it social companionship.
//
// The zero SupportKind is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type SupportKind uint8

// The kinds of support.
const (
	// Emotional support is empathy, care, trust and listening: the
	// psychological help of being heard.
	Emotional SupportKind = iota + 1
	// Material support is tangible help: money, food, coal, a loan, a lift,
	// hands to move furniture. It is the only kind that carries a quantity.
	Material
	// Informational support is advice, suggestions and facts that help a
	// person deal with a problem.
	Informational
	// Appraisal support is feedback that helps a person evaluate themselves
	// or their situation: affirmation, honest comparison.
	Appraisal
	// Companionship is shared time and activity: belonging, doing things
	// together. It is the medium of group work.
	Companionship
)

// NumSupportKinds is the number of valid support kinds.
const NumSupportKinds = 5

var supportKinds = enum.New[SupportKind]("support kind",
	"unspecified", "emotional", "material", "informational", "appraisal", "companionship")

// SupportKinds yields every valid support kind in order.
func SupportKinds() iter.Seq[SupportKind] { return supportKinds.Values() }

// ParseSupportKind returns the support kind named s, such as "material".
// Unknown text is an error wrapping [ErrUnknownText].
func ParseSupportKind(s string) (SupportKind, error) { return supportKinds.ParseText(s) }

// IsValid reports whether k is one of the named kinds.
func (k SupportKind) IsValid() bool { return supportKinds.Valid(k) }

// String returns the kind's name, such as "emotional".
func (k SupportKind) String() string { return supportKinds.String(k) }

// MarshalText returns the kind's name. An invalid kind is an error.
func (k SupportKind) MarshalText() ([]byte, error) { return supportKinds.Text(k) }

// UnmarshalText sets k to the kind named by b. On error k is unchanged.
func (k *SupportKind) UnmarshalText(b []byte) error { return supportKinds.Unmarshal(b, k) }

// Support is what one party gives another: its kind, a description, and for
// material help an optional quantity with its unit ("2 hundredweight of
// coal", "1500 cents of rent"). Support is an immutable value.
//
// The zero Support is invalid; make one with [NewSupport] or [NewMaterial].
type Support struct {
	kind        SupportKind
	description string
	amount      float64
	unit        string
}

// NewSupport returns support of the given kind with a description, such as
// NewSupport(Emotional, "listened to her worries about the rent"). The
// description may be empty. An invalid kind is an error wrapping
// [ErrInvalidValue]; a description a record cannot keep (see [CheckText]) a
// [*FieldError].
func NewSupport(kind SupportKind, description string) (Support, error) {
	if err := supportKinds.Check(kind); err != nil {
		return Support{}, err
	}
	if err := CheckText("support description", description); err != nil {
		return Support{}, err
	}
	return Support{kind: kind, description: strings.TrimSpace(description)}, nil
}

// NewMaterial returns material support with a quantity, such as
// NewMaterial("coal", 2, "hundredweight"). A negative, infinite or NaN amount
// is an error wrapping [ErrInvalidQuantity]; a positive amount needs a unit.
func NewMaterial(description string, amount float64, unit string) (Support, error) {
	unit = strings.TrimSpace(unit)
	if amount < 0 || math.IsNaN(amount) || math.IsInf(amount, 0) || (amount > 0 && unit == "") {
		return Support{}, &QuantityError{Amount: amount, Unit: unit}
	}
	if err := CheckText("support description", description); err != nil {
		return Support{}, err
	}
	if err := CheckText("support unit", unit); err != nil {
		return Support{}, err
	}
	return Support{kind: Material, description: strings.TrimSpace(description), amount: amount, unit: unit}, nil
}

// Kind returns the kind of support.
func (s Support) Kind() SupportKind { return s.kind }

// Description returns what was given, in words.
func (s Support) Description() string { return s.description }

// Quantity returns the amount and unit of material support, and false when
// the support carries no quantity.
func (s Support) Quantity() (amount float64, unit string, ok bool) {
	return s.amount, s.unit, s.unit != ""
}

// IsValid reports whether s was made by [NewSupport] or [NewMaterial].
func (s Support) IsValid() bool { return s.kind.IsValid() }

// String returns the kind, the quantity if any and the description, such as
// "material: 2 hundredweight (coal)".
func (s Support) String() string {
	var b strings.Builder
	b.WriteString(s.kind.String())
	if amount, unit, ok := s.Quantity(); ok {
		fmt.Fprintf(&b, ": %g %s", amount, unit)
		if s.description != "" {
			fmt.Fprintf(&b, " (%s)", s.description)
		}
	} else if s.description != "" {
		b.WriteString(": " + s.description)
	}
	return b.String()
}

type supportJSON struct {
	Kind        SupportKind `json:"kind"`
	Description string      `json:"description,omitempty"`
	Amount      float64     `json:"amount,omitempty"`
	Unit        string      `json:"unit,omitempty"`
}

// MarshalJSON encodes the support as {"kind", "description", "amount", "unit"}.
func (s Support) MarshalJSON() ([]byte, error) {
	return json.Marshal(supportJSON{s.kind, s.description, s.amount, s.unit})
}

// UnmarshalJSON decodes support and validates it as [NewSupport] and
// [NewMaterial] do. On error s is unchanged.
func (s *Support) UnmarshalJSON(b []byte) error {
	var j supportJSON
	if err := decodeJSON("support", b, &j); err != nil {
		return err
	}
	var (
		v   Support
		err error
	)
	if j.Kind == Material && j.Unit != "" {
		v, err = NewMaterial(j.Description, j.Amount, j.Unit)
	} else if j.Amount != 0 || j.Unit != "" {
		err = &QuantityError{Amount: j.Amount, Unit: j.Unit}
	} else {
		v, err = NewSupport(j.Kind, j.Description)
	}
	if err != nil {
		return err
	}
	*s = v
	return nil
}
