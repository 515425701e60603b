package relationship_test

import (
	"fmt"
	"os"
	"time"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// must stops an example on an error; the examples' inputs are literals.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

// sources gives the example the same times and identifiers on every run.
func sources() *relationship.Sources {
	return &relationship.Sources{
		Clock: relationship.StepClock(time.Date(1895, 1, 7, 9, 0, 0, 0, time.UTC), time.Hour),
		IDs:   relationship.SequentialIDs(1895),
	}
}

// smallCase is a charity-organisation case: the agent gives coal and
// advice, the family consents to the plan, and the agent decides the rest.
func smallCase() *casework.Case {
	ids := relationship.SequentialIDs(7)
	sup := casework.MustSupervisor(relationship.PartyID(ids()), "Mary Richmond")
	agent := casework.MustWorker(relationship.PartyID(ids()), "Alice Whitman", sup, 0)
	family := casework.MustClient(relationship.PartyID(ids()), "Anna Kowalski", casework.Intake{PresentingProblem: "no coal", Needs: []string{"coal"}})
	societyID := relationship.PartyID(ids())
	society := must(casework.NewAgency(casework.AgencySpec{ID: societyID, Name: "Charity Organization Society",
		Stock: []casework.Stock{{Resource: "coal", Unit: "hundredweight", Quantity: 10, ApprovalAbove: 5}}}, nil))
	check(society.AppointSupervisor(societyID, sup))
	check(society.AppointWorker(societyID, agent))
	c := must(casework.NewCase(agent.ID(), society, casework.Application{Name: "the Kowalskis", Client: family, Worker: agent},
		&casework.Options{Sources: sources()}))
	w := agent.ID()
	check(c.MoveTo(w, casework.PhaseStudy))
	must(c.RecordEvidence(w, casework.Evidence{Kind: casework.EvidenceReal, Source: "home visit", Summary: "no fire",
		Shows: []casework.Circumstance{casework.Unemployment}}))
	must(c.AssessEligibility(w))
	check(c.MoveTo(w, casework.PhaseDiagnosis))
	check(c.Diagnose(w, casework.Diagnosis{Difficulties: []string{"no income"}}))
	goal := must(c.ProposeGoal(w, "the family warm through January"))
	check(c.AgreeGoal(family.ID(), goal))
	must(c.GiveConsent(family.ID(), casework.PlanScope(), time.Time{}))
	check(c.MoveTo(w, casework.PhaseTreatment))
	check(c.ActivateGoal(w, goal))
	check(c.AuthoriseProvision(w, must(c.ProposeProvision(w, "coal", 2, "a fire"))))
	must(c.Counsel(w, relationship.Informational, "the wood yard is hiring"))
	return c
}

// smallGroup is a settlement-house club: three members help one another,
// and decide their outing by a vote.
func smallGroup() *groupwork.Group {
	ids := relationship.SequentialIDs(8)
	worker := relationship.MustParty(relationship.PartyID(ids()), "Jane Addams", relationship.RoleFacilitator)
	g := must(groupwork.NewGroup(worker, groupwork.Spec{
		Name:     "the girls' club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation, relationship.PurposeSocialAction},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership},
	}, &groupwork.Options{Sources: sources()}))
	var m []relationship.PartyID
	for _, name := range []string{"Rosa", "Hannah", "Maria"} {
		id := relationship.PartyID(ids())
		check(g.Join(id, name, groupwork.Profile{}))
		m = append(m, id)
	}
	give := func(from, to int, kind relationship.SupportKind, what string) {
		must(g.GiveAid(m[from], groupwork.Aid{To: m[to], Support: must(relationship.NewSupport(kind, what)), Process: groupwork.MutualSupport}))
	}
	give(0, 1, relationship.Informational, "an English lesson")
	give(1, 0, relationship.Material, "mended a coat")
	give(2, 0, relationship.Companionship, "walked home together")
	give(0, 2, relationship.Emotional, "listened")
	outing := must(g.Propose(m[1], groupwork.ProposalSpec{
		Title:   "the summer outing",
		Options: []string{"the lake", "the museum"},
		Rule:    groupwork.RulePlurality,
		Review:  time.Date(1895, 9, 1, 0, 0, 0, 0, time.UTC),
	}))
	for i, choice := range []int{0, 0, 1} {
		check(g.Vote(m[i], outing, groupwork.Ballot{Options: []int{choice}}))
	}
	must(g.CloseProposal(m[1], outing))
	return g
}

// Compare computes the contrast table of casework and group work from a
// live case and a live group.
func ExampleCompare() {
	cmp, err := relationship.Compare(smallCase(), smallGroup())
	check(err)
	for _, r := range cmp.Rows {
		fmt.Printf("%-17s | %-38s | %s\n", r.Dimension, r.A, r.B)
	}
	// Output:
	// who is helped     | 1 received help, 0 of them also gave   | 3 received help, 3 of them also gave
	// direction of help | reciprocity 0.00 (0.00)                | reciprocity 1.00 (1.00)
	// power             | power acts 0.89, giving 1.00           | power acts 0.33, giving 0.25
	// decisions         | 7, 100% by helpers                     | 5, 0% by helpers
	// medium            | 2 provision, 0 programme; material 50% | 0 provision, 0 programme; emotional 25%
	// purpose           | problem solving                        | recreation, social action
	// worker's role     | decision 7, provision 2, help 1        | membership 1
}

// A comparison prints as Markdown too, for a report or a lesson.
func ExampleComparison_WriteMarkdown() {
	cmp, err := relationship.Compare(smallCase(), smallGroup())
	check(err)
	check(cmp.WriteMarkdown(os.Stdout))
	// Output:
	// | dimension | casework: the Kowalskis | group work: the girls' club | measure |
	// |---|---|---|---|
	// | who is helped | 1 received help, 0 of them also gave | 3 received help, 3 of them also gave | parties who received help; of them, who also gave |
	// | direction of help | reciprocity 0.00 (0.00) | reciprocity 1.00 (1.00) | ledger reciprocity (weighted) |
	// | power | power acts 0.89, giving 1.00 | power acts 0.33, giving 0.25 | Gini of power acts (record), of giving |
	// | decisions | 7, 100% by helpers | 5, 0% by helpers | decision acts; share by helper roles |
	// | medium | 2 provision, 0 programme; material 50% | 0 provision, 0 programme; emotional 25% | provision vs programme acts; top support |
	// | purpose | problem solving | recreation, social action | declared purposes |
	// | worker's role | decision 7, provision 2, help 1 | membership 1 | helper roles' acts by kind |
}
