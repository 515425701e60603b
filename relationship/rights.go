package relationship

import (
	"errors"
	"fmt"
	"iter"

	"github.com/helpingwork/helping/internal/enum"
)

// Act names something a party may do in a relationship: "authorise
// provision", "vote", "convene meeting". Each package declares its acts as
// constants (casework.ActAuthoriseProvision, groupwork.ActVote, ...); the
// text is a stable lower-case, hyphenated name that the record stores.
type Act string

// IsValid reports whether a is a well-formed act name, such as
// "approve-provision": lower-case letters and digits in words joined by
// single hyphens, starting with a letter.
func (a Act) IsValid() bool {
	if a == "" || a[0] < 'a' || a[0] > 'z' || a[len(a)-1] == '-' {
		return false
	}
	for i := 1; i < len(a); i++ {
		switch c := a[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && a[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// String returns the act's name with spaces for hyphens, for messages:
// "approve provision".
func (a Act) String() string {
	b := []byte(a)
	for i, c := range b {
		if c == '-' {
			b[i] = ' '
		}
	}
	return string(b)
}

// ActKind says what an act does to the balance of power in a relationship.
// [Compare] counts the acts of each kind that each role actually performed,
// which is how "who decides" and "what the worker does" become numbers.
//
// The zero ActKind is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type ActKind uint8

// The kinds of act.
const (
	// DecisionAct settles what will happen: a diagnosis, a plan, closing a
	// case, a vote, a proposal's outcome.
	DecisionAct ActKind = iota + 1
	// ConsentAct gives, refuses or withdraws consent: the client's
	// self-determination.
	ConsentAct
	// ProvisionAct allocates concrete resources, or approves their allocation.
	ProvisionAct
	// HelpAct gives support directly: a counselling contact, mutual aid.
	HelpAct
	// ProgrammeAct plans or carries out a programme activity: the medium of
	// group work.
	ProgrammeAct
	// RecordAct documents: evidence, notes, attendance, a stage of development.
	RecordAct
	// AccessAct reads or discloses the confidential record.
	AccessAct
	// MembershipAct changes who takes part: opening or closing a case,
	// assigning a worker, joining or leaving a group.
	MembershipAct
	// FacilitationAct enables others to act: convening a meeting, mediating
	// between the group and the agency.
	FacilitationAct
)

// ExercisesPower reports whether acts of kind k shape what happens in a
// relationship: decisions, consents, provisions, the choice of programme,
// and changes of membership. Record, access, help and facilitation acts do
// not: documenting and enabling are services to the relationship, and help
// is measured by the ledger. [Compare] measures the concentration of power
// over the acts for which this is true, so that a group worker who keeps
// the register does not look as powerful as a caseworker who decides.
func (k ActKind) ExercisesPower() bool {
	switch k {
	case DecisionAct, ConsentAct, ProvisionAct, ProgrammeAct, MembershipAct:
		return true
	}
	return false
}

var actKinds = enum.New[ActKind]("act kind", "unspecified",
	"decision", "consent", "provision", "help", "programme", "record", "access", "membership", "facilitation")

// ActKinds yields every valid act kind in order.
func ActKinds() iter.Seq[ActKind] { return actKinds.Values() }

// ParseActKind returns the act kind named s, such as "decision". Unknown text
// is an error wrapping [ErrUnknownText].
func ParseActKind(s string) (ActKind, error) { return actKinds.ParseText(s) }

// IsValid reports whether k is one of the named kinds.
func (k ActKind) IsValid() bool { return actKinds.Valid(k) }

// String returns the kind's name, such as "decision".
func (k ActKind) String() string { return actKinds.String(k) }

// MarshalText returns the kind's name. An invalid kind is an error.
func (k ActKind) MarshalText() ([]byte, error) { return actKinds.Text(k) }

// UnmarshalText sets k to the kind named by b. On error k is unchanged.
func (k *ActKind) UnmarshalText(b []byte) error { return actKinds.Unmarshal(b, k) }

// Rule is one row of a rights table: an act, what kind of act it is, which
// roles may perform it, and why.
type Rule struct {
	Act   Act
	Kind  ActKind
	Roles RoleSet
	// Why gives the principle behind the rule, for the reader of the table:
	// "self-determination: only the client consents".
	Why string
}

// Rights is a rights table: which role may perform which act. Every
// operation that changes a case or a group checks it first, so power in the
// relationship is a rule the code enforces. A Rights is immutable and safe for
// concurrent use.
type Rights struct {
	rules []Rule
	index map[Act]int
}

// NewRights returns the table of the given rules. Every problem is reported
// at once, joined, each wrapping [ErrInvalidRights]: a malformed act name, an
// invalid kind, a duplicate act, a rule that no role may use.
func NewRights(rules ...Rule) (*Rights, error) {
	r := &Rights{rules: make([]Rule, 0, len(rules)), index: make(map[Act]int, len(rules))}
	var errs []error
	for _, rule := range rules {
		switch _, dup := r.index[rule.Act]; {
		case !rule.Act.IsValid():
			errs = append(errs, fmt.Errorf("%w: malformed act name %q", ErrInvalidRights, rule.Act))
		case !rule.Kind.IsValid():
			errs = append(errs, fmt.Errorf("%w: act %q has invalid kind %s", ErrInvalidRights, rule.Act, rule.Kind))
		case dup:
			errs = append(errs, fmt.Errorf("%w: act %q declared twice", ErrInvalidRights, rule.Act))
		case rule.Roles.IsEmpty():
			errs = append(errs, fmt.Errorf("%w: no role may %s", ErrInvalidRights, rule.Act))
		default:
			r.index[rule.Act] = len(r.rules)
			r.rules = append(r.rules, rule)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// MustRights is like [NewRights] but panics on error. It is meant for the
// package-level tables the library declares as literals.
func MustRights(rules ...Rule) *Rights {
	r, err := NewRights(rules...)
	if err != nil {
		panic(err)
	}
	return r
}

// Permits reports whether the role may perform the act. Acts the table does
// not list are permitted to no one.
func (r *Rights) Permits(role Role, act Act) bool {
	i, ok := r.index[act]
	return ok && r.rules[i].Roles.Has(role)
}

// Check returns nil if the actor's role may perform the act, and otherwise a
// [*PermissionError] naming the actor (by name only where it is not
// confidential), the role and the act.
func (r *Rights) Check(actor Party, act Act) error {
	if r.Permits(actor.role, act) {
		return nil
	}
	return &PermissionError{Actor: actor.id, Name: publicName(actor), Role: actor.role, Act: act}
}

// Rule returns the rule for an act, and false if the table does not list it.
func (r *Rights) Rule(act Act) (Rule, bool) {
	i, ok := r.index[act]
	if !ok {
		return Rule{}, false
	}
	return r.rules[i], true
}

// Kind returns the kind of an act, or the zero ActKind if the table does not
// list it.
func (r *Rights) Kind(act Act) ActKind {
	rule, _ := r.Rule(act)
	return rule.Kind
}

// All yields the rules in the order they were declared.
func (r *Rights) All() iter.Seq[Rule] {
	return func(yield func(Rule) bool) {
		for _, rule := range r.rules {
			if !yield(rule) {
				return
			}
		}
	}
}

// Of yields the acts a role may perform, in declaration order.
func (r *Rights) Of(role Role) iter.Seq[Act] {
	return func(yield func(Act) bool) {
		for _, rule := range r.rules {
			if rule.Roles.Has(role) && !yield(rule.Act) {
				return
			}
		}
	}
}
