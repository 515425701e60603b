package main

import (
	"errors"
	"strings"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// refusal is what a person sees when the library refuses an act: its own
// error, and, when the refusal is about power, the roles its rights table
// gives the act and the principle behind the rule.
type refusal struct {
	Act   string // the act tried
	Error string // the library's error, as it wrote it
	Who   string // the roles that may perform the act, if the refusal is about power
	Why   string // the tradition's rule, in the rights table's words
	Rule  string // a rule beyond the table that the library applied
	Power bool   // whether the act was refused for want of the right
}

// explain turns an error from an act into a refusal. The words are the
// library's: the classroom adds none of its own beyond the headings.
func explain(a act, err error) refusal {
	r := refusal{Act: string(a.name), Error: err.Error()}
	rights := casework.Rights()
	if a.where == "club" {
		rights = groupwork.Rights()
	}
	r.Power = errors.Is(err, relationship.ErrNotPermitted) || errors.Is(err, relationship.ErrNotParty)
	if rule, ok := rights.Rule(a.name); ok && r.Power {
		var roles []string
		for role := range rule.Roles.All() {
			roles = append(roles, role.String())
		}
		r.Who = strings.Join(roles, ", ")
		r.Why = rule.Why
	}
	var ge *relationship.PermissionError
	if errors.As(err, &ge) {
		r.Rule = ge.Rule
	}
	return r
}
