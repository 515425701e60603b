package relationship

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Party is someone who takes part in a helping relationship, in one [Role].
// A Party is a small immutable value; copy it freely.
//
// The zero Party is invalid: [NewParty] is the only way to make a valid one.
type Party struct {
	id   PartyID
	name string
	role Role
}

// NewParty returns a party with the given identity, name and role. The
// identifier must not be zero, the name must not be blank, and the role must
// be valid; otherwise the error wraps [ErrZeroID], [ErrBlank] or
// [ErrInvalidValue]. A name a record cannot keep (see [CheckText]) is a
// [*FieldError].
func NewParty(id PartyID, name string, role Role) (Party, error) {
	name = strings.TrimSpace(name)
	switch {
	case id.IsZero():
		// The name is not quoted: a client's name is confidential, and
		// errors end up in logs.
		return Party{}, fmt.Errorf("relationship: new party with a zero identifier: %w", ErrZeroID)
	case name == "":
		return Party{}, fmt.Errorf("relationship: new party %s: %w", id, ErrBlank)
	}
	if err := CheckText("party name", name); err != nil {
		return Party{}, err
	}
	if err := roles.Check(role); err != nil {
		return Party{}, fmt.Errorf("relationship: new party %s: %w", id, err)
	}
	return Party{id: id, name: name, role: role}, nil
}

// MustParty is like [NewParty] but panics on error. It is meant for literals
// in tests and examples only.
func MustParty(id PartyID, name string, role Role) Party {
	p, err := NewParty(id, name, role)
	if err != nil {
		panic(err)
	}
	return p
}

// ID returns the party's identifier.
func (p Party) ID() PartyID { return p.id }

// Name returns the party's name.
func (p Party) Name() string { return p.name }

// Role returns the party's role.
func (p Party) Role() Role { return p.role }

// IsValid reports whether p was made by [NewParty].
func (p Party) IsValid() bool { return !p.id.IsZero() }

// String returns the name and role, such as "Mary Richmond (worker)".
func (p Party) String() string {
	if !p.IsValid() {
		return "invalid party"
	}
	return p.name + " (" + p.role.String() + ")"
}

// LogValue implements [slog.LogValuer]. The name of someone who came for
// help in confidence (a client, or a member of a group) is redacted; other
// roles log their name. Every party logs its identifier and role.
func (p Party) LogValue() slog.Value {
	name := p.name
	if p.role.confidential() {
		name = "[redacted]"
	}
	return slog.GroupValue(
		slog.String("id", p.id.String()),
		slog.String("name", name),
		slog.String("role", p.role.String()),
	)
}

type partyJSON struct {
	ID   PartyID `json:"id"`
	Name string  `json:"name"`
	Role Role    `json:"role"`
}

// MarshalJSON encodes the party as {"id": ..., "name": ..., "role": ...}.
func (p Party) MarshalJSON() ([]byte, error) {
	if !p.IsValid() {
		return nil, fmt.Errorf("relationship: marshal party: %w", ErrZeroID)
	}
	return json.Marshal(partyJSON{p.id, p.name, p.role})
}

// UnmarshalJSON decodes a party and validates it as [NewParty] does. On
// error p is unchanged.
func (p *Party) UnmarshalJSON(b []byte) error {
	var j partyJSON
	if err := decodeJSON("party", b, &j); err != nil {
		return err
	}
	q, err := NewParty(j.ID, j.Name, j.Role)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// decodeJSON decodes b into v. A document that is not JSON, or JSON of the
// wrong shape, is a [*FieldError] for what that unwraps to
// [ErrInvalidValue] and says where the document goes wrong, never what it
// says; other errors, from the decoders of v's fields, pass unchanged.
func decodeJSON(what string, b []byte, v any) error {
	err := json.Unmarshal(b, v)
	var (
		syntax *json.SyntaxError
		shape  *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syntax):
		return &FieldError{Field: what, Err: ErrInvalidValue,
			Reason: fmt.Sprintf("malformed JSON at byte %d", syntax.Offset)}
	case errors.As(err, &shape):
		return &FieldError{Field: what, Err: ErrInvalidValue,
			Reason: fmt.Sprintf("JSON %s where %s belongs", shape.Value, shape.Type)}
	}
	return err
}
