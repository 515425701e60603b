package relationship

import (
	"iter"
	"strings"

	"github.com/helpingwork/helping/internal/enum"
)

// Role is the position a party holds in a helping relationship. The role,
// not the person, decides what a party may do: see [Rights].
//
// The zero Role is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Role uint8

// The roles of casework and of group work.
const (
	// RoleClient is the person helped in casework: the one who comes to the
	// agency with a problem. Richmond's clients were families in poverty;
	// today's are anyone who asks for, or is sent for, help.
	RoleClient Role = iota + 1
	// RoleWorker is the caseworker: trained, employed by the agency, holding
	// its expertise and its resources.
	RoleWorker
	// RoleSupervisor oversees workers: approves large provisions, may
	// override a refusal of consent with a recorded reason, reads the record.
	RoleSupervisor
	// RoleAgency is the organisation itself: the charity organisation
	// society, the settlement house, the public department.
	RoleAgency
	// RoleMember is a member of a group: not a client but a participant who
	// both gives and receives help, and decides with the others.
	RoleMember
	// RoleFacilitator is the group worker: present for the group, not a
	// member of it; enables, mediates, and does not decide for the group.
	RoleFacilitator
)

var roles = enum.New[Role]("role",
	"unspecified", "client", "worker", "supervisor", "agency", "member", "facilitator")

// Roles yields every valid role in order.
func Roles() iter.Seq[Role] { return roles.Values() }

// ParseRole returns the role named s, such as "worker". Unknown text is an
// error wrapping [ErrUnknownText].
func ParseRole(s string) (Role, error) { return roles.ParseText(s) }

// IsValid reports whether r is one of the named roles.
func (r Role) IsValid() bool { return roles.Valid(r) }

// String returns the role's name, such as "worker".
func (r Role) String() string { return roles.String(r) }

// MarshalText returns the role's name. An invalid role is an error.
func (r Role) MarshalText() ([]byte, error) { return roles.Text(r) }

// UnmarshalText sets r to the role named by b. On error r is unchanged.
func (r *Role) UnmarshalText(b []byte) error { return roles.Unmarshal(b, r) }

// RoleSet is a set of roles, as held by a [Rule]. The zero RoleSet is empty.
type RoleSet uint16

// RolesOf returns the set holding the given roles. Invalid roles are ignored.
func RolesOf(rs ...Role) RoleSet {
	var s RoleSet
	for _, r := range rs {
		if r.IsValid() {
			s |= 1 << r
		}
	}
	return s
}

// Has reports whether the set holds r.
func (s RoleSet) Has(r Role) bool { return r.IsValid() && s&(1<<r) != 0 }

// IsEmpty reports whether the set holds no role.
func (s RoleSet) IsEmpty() bool { return s == 0 }

// All yields the roles in the set in order.
func (s RoleSet) All() iter.Seq[Role] {
	return func(yield func(Role) bool) {
		for r := range roles.Values() {
			if s.Has(r) && !yield(r) {
				return
			}
		}
	}
}

// String returns the roles joined by "+", such as "worker+supervisor", or
// "none".
func (s RoleSet) String() string {
	var names []string
	for r := range s.All() {
		names = append(names, r.String())
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "+")
}
