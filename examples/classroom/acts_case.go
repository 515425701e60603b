package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
)

// caseActs are the acts of the charity organisation's case. Each calls the
// case as the person who acts; the case checks its rights table and its
// rules, and a refusal is its own error.
var caseActs = []act{
	{name: casework.ActChangePhase, run: func(x *actContext) (string, error) {
		to := enum(x.f, "phase", casework.ParsePhase)
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The case moved to " + to.String() + ".", x.s.c.MoveTo(x.who, to)
	}},
	{name: casework.ActRecordEvidence, run: func(x *actContext) (string, error) {
		e := casework.Evidence{
			Kind:    enum(x.f, "kind", casework.ParseEvidenceKind),
			Source:  x.f.text("source", "the source", maxShort),
			Summary: x.f.text("summary", "what it says", maxText),
		}
		if x.f.err != nil {
			return "", x.f.err
		}
		_, err := x.s.c.RecordEvidence(x.who, e)
		return "The evidence is in the social study.", err
	}},
	{name: casework.ActAssessEligibility, run: func(x *actContext) (string, error) {
		a, err := x.s.c.AssessEligibility(x.who)
		if err != nil {
			return "", err
		}
		verdict := "not eligible"
		if a.Eligible {
			verdict = "eligible"
		}
		return fmt.Sprintf("The agency's %s policy finds the client %s: %s.", a.Policy, verdict, strings.Join(a.Reasons, "; ")), nil
	}},
	{name: casework.ActDiagnose, run: func(x *actContext) (string, error) {
		d := casework.Diagnosis{
			Difficulties: x.f.lines("difficulties", "the difficulties", maxShort),
			Causes:       x.f.lines("causes", "the causes", maxShort),
			Assets:       x.f.lines("assets", "the assets", maxShort),
			Liabilities:  x.f.lines("liabilities", "the liabilities", maxShort),
		}
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The social diagnosis is recorded.", x.s.c.Diagnose(x.who, d)
	}},
	{name: casework.ActProposeGoal, run: func(x *actContext) (string, error) {
		d := x.f.text("description", "the goal", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		_, err := x.s.c.ProposeGoal(x.who, d)
		return "The goal is proposed: the client may agree to it.", err
	}},
	{name: casework.ActAgreeGoal, run: goalAct(func(c *casework.Case, who relationship.PartyID, x *actContext) error {
		return c.AgreeGoal(who, x.f.id("goal", "a goal", false))
	}, "The goal is agreed.")},
	{name: casework.ActActivateGoal, run: goalAct(func(c *casework.Case, who relationship.PartyID, x *actContext) error {
		return c.ActivateGoal(who, x.f.id("goal", "a goal", false))
	}, "Work on the goal has begun.")},
	{name: casework.ActGiveConsent, run: func(x *actContext) (string, error) {
		_, err := x.s.c.GiveConsent(x.who, casework.PlanScope(), time.Time{})
		return "The client consents to the plan.", err
	}},
	{name: casework.ActRefuseConsent, run: func(x *actContext) (string, error) {
		_, err := x.s.c.RefuseConsent(x.who, casework.PlanScope())
		return "The client refuses the plan.", err
	}},
	{name: casework.ActRevokeConsent, run: func(x *actContext) (string, error) {
		id := x.f.id("consent", "a consent", false)
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The consent is revoked.", x.s.c.RevokeConsent(x.who, id)
	}},
	{name: casework.ActCounsel, run: func(x *actContext) (string, error) {
		kind := enum(x.f, "kind", relationship.ParseSupportKind)
		d := x.f.text("description", "what was said", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		_, err := x.s.c.Counsel(x.who, kind, d)
		return "The counselling contact is in the ledger.", err
	}},
	{name: casework.ActProposeProvision, run: func(x *actContext) (string, error) {
		r := casework.Resource(x.f.text("resource", "the resource", maxShort))
		n := x.f.number("quantity", "the quantity", 1, 1_000_000)
		purpose := x.f.text("purpose", "the purpose", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		_, err := x.s.c.ProposeProvision(x.who, r, n, purpose)
		return "The provision is proposed.", err
	}},
	{name: casework.ActApproveProvision, run: provisionAct(func(x *actContext) error {
		return x.s.c.ApproveProvision(x.who, x.f.id("provision", "a provision", false))
	}, "The provision is approved.")},
	{name: casework.ActDeclineProvision, run: provisionAct(func(x *actContext) error {
		return x.s.c.DeclineProvision(x.who, x.f.id("provision", "a provision", false), x.f.text("reason", "the reason", maxShort))
	}, "The provision is declined.")},
	{name: casework.ActAuthoriseProvision, run: provisionAct(func(x *actContext) error {
		return x.s.c.AuthoriseProvision(x.who, x.f.id("provision", "a provision", false))
	}, "The provision is given: the resources left the agency's pool.")},
	{name: casework.ActWithdraw, run: func(x *actContext) (string, error) {
		why := x.f.text("explanation", "the explanation", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The client has withdrawn: the case is closed.", x.s.c.Withdraw(x.who, why)
	}},
	{name: casework.ActCloseCase, run: func(x *actContext) (string, error) {
		reason := enum(x.f, "reason", casework.ParseTerminationReason)
		why := x.f.text("explanation", "the explanation", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The case is closed.", x.s.c.Close(x.who, reason, why)
	}},
}

// goalAct makes an act on one goal of the plan.
func goalAct(do func(*casework.Case, relationship.PartyID, *actContext) error, done string) func(*actContext) (string, error) {
	return func(x *actContext) (string, error) {
		if _, err := x.peek("goal"); err != nil {
			return "", err
		}
		err := do(x.s.c, x.who, x)
		if x.f.err != nil {
			return "", x.f.err
		}
		return done, err
	}
}

// provisionAct makes an act on one provision.
func provisionAct(do func(*actContext) error, done string) func(*actContext) (string, error) {
	return func(x *actContext) (string, error) {
		// Read the form first: a call with a zero identifier would be
		// refused for the wrong reason.
		if _, err := x.peek("provision"); err != nil {
			return "", err
		}
		err := do(x)
		if x.f.err != nil {
			return "", x.f.err
		}
		return done, err
	}
}

// peek checks that a form field names an identifier, without consuming it.
func (x *actContext) peek(field string) (string, error) {
	probe := &form{v: x.f.v}
	probe.id(field, "an item", false)
	return x.f.v.Get(field), probe.err
}
