package main

import (
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/internal/prose"
	"github.com/helpingwork/helping/relationship"
)

// describe renders one entry of the record as a line of the case file.
func (p *printer) describe(e relationship.Entry) string {
	switch ev := e.Event().(type) {
	case casework.CaseOpened:
		return fmt.Sprintf("opened the case: %s", ev.Client.PresentingProblem())
	case casework.EligibilityAssessed:
		verdict := "not eligible"
		if ev.Eligible {
			verdict = "eligible"
		}
		return fmt.Sprintf("applied the %s test: %s (%s)", ev.Policy, verdict, strings.Join(ev.Reasons, "; "))
	case casework.PhaseChanged:
		return fmt.Sprintf("moved the case from %s to %s", ev.From, ev.To)
	case casework.EvidenceRecorded:
		return describeEvidence(ev)
	case casework.DiagnosisMade:
		return fmt.Sprintf("diagnosed: %s; causes: %s; assets: %s; liabilities: %s",
			strings.Join(ev.Difficulties, ", "), strings.Join(ev.Causes, ", "),
			strings.Join(ev.Assets, ", "), strings.Join(ev.Liabilities, ", "))
	case casework.GoalProposed:
		return fmt.Sprintf("proposed the goal %q", ev.Description)
	case casework.GoalAgreed:
		return fmt.Sprintf("agreed to the goal %q", p.goal(ev.Goal))
	case casework.GoalActivated:
		return fmt.Sprintf("began work on %q", p.goal(ev.Goal))
	case casework.GoalAchieved:
		return fmt.Sprintf("recorded %q achieved: %s", p.goal(ev.Goal), ev.Note)
	case casework.GoalAbandoned:
		return fmt.Sprintf("gave up the goal %q: %s", p.goal(ev.Goal), ev.Reason)
	}
	return p.describeMore(e)
}

func (p *printer) describeMore(e relationship.Entry) string {
	switch ev := e.Event().(type) {
	case casework.ConsentGiven:
		if ev.Expires.IsZero() {
			return fmt.Sprintf("consented to the %s", ev.Scope)
		}
		return fmt.Sprintf("consented to the %s until %s", ev.Scope, ev.Expires.Format("2 January 2006"))
	case casework.ConsentRefused:
		return fmt.Sprintf("refused consent to the %s", ev.Scope)
	case casework.ConsentRevoked:
		return "revoked a consent"
	case casework.RefusalOverridden:
		c, _ := p.c.Consent(ev.Consent)
		return fmt.Sprintf("OVERRODE the family's refusal of the %s: %s", c.Scope(), ev.Reason)
	case casework.Counselled:
		return fmt.Sprintf("counselled (%s support): %s", ev.Kind, ev.Description)
	case casework.ProvisionProposed:
		return fmt.Sprintf("proposed %s: %s", p.quantity(ev.Provision), ev.Purpose)
	case casework.ProvisionApproved:
		return fmt.Sprintf("approved %s, above the agent's limit", p.quantity(ev.Provision))
	case casework.ProvisionDeclined:
		return fmt.Sprintf("declined %s: %s", p.quantity(ev.Provision), ev.Reason)
	case casework.ProvisionAuthorised:
		return fmt.Sprintf("gave %s, on the society's behalf", p.quantity(ev.Provision))
	case casework.ProvisionWithdrawn:
		return fmt.Sprintf("withdrew %s: %s", p.quantity(ev.Provision), ev.Reason)
	}
	return p.describeRest(e)
}

func (p *printer) describeRest(e relationship.Entry) string {
	switch ev := e.Event().(type) {
	case casework.NoteWritten:
		return fmt.Sprintf("wrote a confidential note (%d characters)", len(ev.Text))
	case casework.NoteRead:
		return fmt.Sprintf("read the note of %s", p.noteDate(ev.Note))
	case casework.NoteDisclosed:
		return fmt.Sprintf("disclosed the note of %s to %s", p.noteDate(ev.Note), ev.To)
	case casework.CaseTransferred:
		return fmt.Sprintf("transferred the case to %s: %s", ev.To.Name(), ev.Reason)
	case casework.ReferralMade:
		return fmt.Sprintf("referred the family to the %s: %s", ev.To, ev.Reason)
	case casework.ReferralUpdated:
		r, _ := p.c.Referral(ev.Referral)
		return fmt.Sprintf("recorded the referral to the %s as %s: %s", r.To(), ev.State, ev.Note)
	case casework.ReferralRevoked:
		return fmt.Sprintf("called off a referral: %s", ev.Reason)
	case casework.CaseClosed:
		return fmt.Sprintf("closed the case (%s): %s", prose.Words(ev.Reason.String()), ev.Explanation)
	case casework.CaseWithdrawn:
		return "withdrew from the case"
	case casework.CaseReopened:
		return fmt.Sprintf("reopened the case: %s", ev.Reason)
	}
	return string(e.Act())
}

func describeEvidence(ev casework.EvidenceRecorded) string {
	s := fmt.Sprintf("recorded %s evidence from %s: %s", ev.Kind, ev.Source, ev.Summary)
	if ev.Hearsay {
		s += " (hearsay)"
	}
	if len(ev.Shows) > 0 {
		var shows []string
		for _, c := range ev.Shows {
			shows = append(shows, c.String())
		}
		s += " [shows " + strings.Join(shows, ", ") + "]"
	}
	return s
}

func (p *printer) goal(id uuid.UUID) string {
	g, _ := p.c.Goal(id)
	return g.Description()
}

func (p *printer) quantity(id uuid.UUID) string {
	prov, _ := p.c.Provision(id)
	n, unit := prov.Quantity()
	return amount(prov.Resource(), n, unit)
}

// amount says how much of a resource, in the society's words: "$18.00 for
// rent", "3 hundredweight of coal", "2 orders of groceries".
func amount(r casework.Resource, n int64, unit string) string {
	if unit == "cent" {
		return fmt.Sprintf("$%d.%02d for %s", n/100, n%100, r)
	}
	return fmt.Sprintf("%d %s of %s", n, plural(unit, n), r)
}

func plural(unit string, n int64) string {
	if n == 1 || strings.HasSuffix(unit, "weight") {
		return unit
	}
	return unit + "s"
}

func (p *printer) noteDate(id uuid.UUID) string {
	for n := range p.c.Notes() {
		if n.ID == id {
			return n.Written.Format("2 January")
		}
	}
	return "an unknown date"
}
