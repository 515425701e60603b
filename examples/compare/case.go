package main

import (
	"time"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
)

// The charity organisation society's side of the story: the agent, her
// district secretary, and the Novak family, who applied for relief in the
// hard winter of 1894.
var (
	secretary = casework.MustSupervisor(id(1), "Mrs. Ellen Brooks")
	agent     = casework.MustWorker(id(2), "Miss Clara Hale", secretary, 0)
	novak     = casework.MustClient(id(3), "Katarzyna Novak", casework.Intake{
		Household: []casework.HouseholdMember{
			{Name: "Katarzyna Novak", Relation: "self", Age: 31},
			{Name: "Jan Novak", Relation: "husband", Age: 35},
			{Name: "Marek Novak", Relation: "son", Age: 8},
		},
		PresentingProblem: "Jan laid off at the Pullman works; the rent two weeks behind; no coal",
		Needs:             []string{"coal", "the rent", "work"},
		Strengths:         []string{"Katarzyna sews", "a cousin in the stockyards"},
	})
)

// runCase takes the Novaks' case from application to closure. Every act is
// the agent's or her secretary's, except the family's consents.
func runCase(src *relationship.Sources) (*casework.Case, error) {
	society, err := casework.NewAgency(casework.AgencySpec{ID: id(4), Name: "Chicago Bureau of Charities", Stock: []casework.Stock{
		{Resource: "coal", Unit: "hundredweight", Quantity: 60, ApprovalAbove: 2},
		{Resource: "rent", Unit: "cent", Quantity: 50000, ApprovalAbove: 800},
	}}, &casework.AgencyOptions{Sources: src})
	if err == nil {
		err = society.AppointSupervisor(id(4), secretary)
	}
	if err == nil {
		err = society.AppointWorker(id(4), agent)
	}
	if err != nil {
		return nil, err
	}
	c, err := casework.NewCase(agent.ID(), society, casework.Application{Name: "the Novak family", Client: novak, Worker: agent},
		&casework.Options{Sources: src})
	if err != nil {
		return nil, err
	}
	s := &script{}
	w, fam, sup := agent.ID(), novak.ID(), secretary.ID()
	s.do(c.MoveTo(w, casework.PhaseStudy))
	s.id(c.RecordEvidence(w, casework.Evidence{Kind: casework.EvidenceReal, Source: "visit to Halsted Street",
		Summary: "one room, no fire, the boy kept home for want of shoes", Shows: []casework.Circumstance{casework.Unemployment}}))
	s.id(c.RecordEvidence(w, casework.Evidence{Kind: casework.EvidenceTestimonial, Source: "the foreman at Pullman",
		Summary: "a steady man, laid off with three hundred others", Shows: []casework.Circumstance{casework.Unemployment}}))
	s.assess(c.AssessEligibility(w))
	s.do(c.MoveTo(w, casework.PhaseDiagnosis))
	s.do(c.Diagnose(w, casework.Diagnosis{
		Difficulties: []string{"no wages since the works closed", "rent arrears"},
		Causes:       []string{"the depression of 1893"},
		Assets:       []string{"Katarzyna's sewing", "a cousin in work"},
		Liabilities:  []string{"a child kept from school"},
	}))
	work := s.id(c.ProposeGoal(w, "Jan in work by spring"))
	warm := s.id(c.ProposeGoal(w, "the family warm and housed through the winter"))
	s.do(c.AgreeGoal(fam, work))
	s.do(c.AgreeGoal(fam, warm))
	s.id(c.GiveConsent(fam, casework.PlanScope(), time.Time{}))
	s.do(c.MoveTo(w, casework.PhaseTreatment))
	s.do(c.ActivateGoal(w, warm))
	s.do(c.ActivateGoal(w, work))
	coal := s.id(c.ProposeProvision(w, "coal", 2, "a fire for the cold weeks"))
	s.do(c.AuthoriseProvision(w, coal))
	rent := s.id(c.ProposeProvision(w, "rent", 1400, "two weeks' arrears, paid to the landlord"))
	s.do(c.ApproveProvision(sup, rent))
	s.do(c.AuthoriseProvision(w, rent))
	s.id(c.Counsel(w, relationship.Informational, "the relief works on the lake front are taking men"))
	s.id(c.Counsel(w, relationship.Appraisal, "thrift: a penny savings stamp book"))
	s.do(c.MoveTo(w, casework.PhaseEvaluation))
	s.do(c.AchieveGoal(w, warm, "the winter passed; the rent is paid"))
	s.do(c.AchieveGoal(w, work, "Jan on the relief works"))
	s.do(c.Close(w, casework.ReasonGoalsAchieved, "the family is self-supporting"))
	return c, s.err
}
