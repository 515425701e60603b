package main

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// The story begins on Monday 7 January 1895, and each entry of the record
// takes two days of its calendar.
var (
	start = time.Date(1895, 1, 7, 9, 0, 0, 0, time.UTC)
	step  = 48 * time.Hour
)

// The people of the story. The names are invented.
var (
	secretary = casework.MustSupervisor(person(1), "Mrs. Louisa Carter")
	agent     = casework.MustWorker(person(2), "Miss Alice Whitman", secretary, 25)
	successor = casework.MustWorker(person(3), "Mr. Henry Lowe", secretary, 25)
	doyles    = casework.MustClient(person(4), "Margaret Doyle", casework.Intake{
		Household: []casework.HouseholdMember{
			{Name: "Margaret Doyle", Relation: "self", Age: 32},
			{Name: "Patrick Doyle", Relation: "husband", Age: 36},
			{Name: "Nora Doyle", Relation: "daughter", Age: 10},
			{Name: "Thomas Doyle", Relation: "son", Age: 7},
			{Name: "Kate Doyle", Relation: "daughter", Age: 1},
		},
		PresentingProblem: "Patrick hurt his back unloading at Locust Point in December; no wages for five weeks; " +
			"the rent three weeks behind; no coal",
		Needs:     []string{"coal", "food", "the rent", "a doctor for Patrick", "work when he is well"},
		Strengths: []string{"Margaret takes in sewing", "Nora minds the baby", "a brother in Pittsburgh", "a good name with the foreman"},
	})
	society = person(5)
)

// The society's stock at the start of the winter.
var stock = []casework.Stock{
	{Resource: "coal", Unit: "hundredweight", Quantity: 200, ApprovalAbove: 4},
	{Resource: "groceries", Unit: "order", Quantity: 120, ApprovalAbove: 2},
	{Resource: "rent", Unit: "cent", Quantity: 50000, ApprovalAbove: 500},
}

// The other parties the story names.
const (
	dispensary = "Baltimore Free Dispensary"
	doctor     = "Dr. Samuel Grant, Free Dispensary"
	// Maryland had no school attendance law until 1902, and then for
	// Baltimore City and two counties only (Laws of Maryland 1902, chapter
	// 269; State Board of Education, One Year of Compulsory School
	// Attendance in Maryland, 1917): in 1895 no truant officer could
	// require Nora at school, but her school's principal could ask after her.
	principal = "the principal of Nora's school"
)

func person(n int) relationship.PartyID {
	return relationship.MustParsePartyID(fmt.Sprintf("01890000-0000-7000-8000-%012d", n))
}

// newAgency founds the society, with its stock and its eligibility test,
// and puts the district secretary and her two agents on its roster.
func newAgency() (*casework.Agency, error) {
	a, err := casework.NewAgency(casework.AgencySpec{ID: society, Name: "Charity Organization Society of Baltimore",
		Policy: casework.WorthinessPolicy{}, Stock: stock},
		&casework.AgencyOptions{Sources: &relationship.Sources{Clock: relationship.StepClock(start.Add(-time.Hour), time.Minute)}})
	if err != nil {
		return nil, err
	}
	err = a.AppointSupervisor(society, secretary)
	for _, w := range []casework.Worker{agent, successor} {
		if err == nil {
			err = a.AppointWorker(society, w)
		}
	}
	return a, err
}

// story is the case as it unfolds. Each step records the first error, and
// the steps after it do nothing.
type story struct {
	agency *casework.Agency
	c      *casework.Case
	log    relationship.Journal // keeps the case's access log
	err    error
	goals  []uuid.UUID
}

func (s *story) do(f func() error) {
	if s.err == nil {
		s.err = f()
	}
}

func (s *story) with(f func() (uuid.UUID, error)) uuid.UUID {
	var id uuid.UUID
	s.do(func() (err error) { id, err = f(); return err })
	return id
}

// playCase runs the case from intake to closure.
func playCase() (*story, error) {
	a, err := newAgency()
	if err != nil {
		return nil, err
	}
	c, err := openCase(a)
	if err != nil {
		return nil, err
	}
	s := &story{agency: a, c: c, log: journal.NewMemory()}
	for _, chapter := range []func(){s.intake, s.study, s.diagnosis, s.treatment, s.referral, s.confidences, s.evaluation} {
		chapter()
	}
	return s, s.err
}

// openCase opens the family's case at the society, on the story's calendar
// and with its fixed sequence of identifiers.
func openCase(a *casework.Agency) (*casework.Case, error) {
	opts := &casework.Options{Sources: &relationship.Sources{
		Clock: relationship.StepClock(start, step),
		IDs:   relationship.SequentialIDs(1895),
	}}
	return casework.NewCase(agent.ID(), a, casework.Application{Name: "The Doyle family", Client: doyles, Worker: agent}, opts)
}

// intake: Mrs. Doyle tells her story, and the society's test, applied
// before any investigation, finds no claim.
func (s *story) intake() {
	c, w := s.c, agent.ID()
	s.with(func() (uuid.UUID, error) {
		return c.WriteNote(w, "Mrs. Doyle came to the office with the baby. Patrick hurt at the docks before Christmas; "+
			"she has pawned what she could. Anxious, but clear and truthful in her account.")
	})
	s.with(func() (uuid.UUID, error) {
		return c.Counsel(w, relationship.Emotional, "heard Mrs. Doyle's account of the winter")
	})
	s.do(func() error { _, err := c.AssessEligibility(w); return err })
	s.do(func() error { return c.MoveTo(w, casework.PhaseStudy) })
}

// study: the agent investigates, as the society required, and the test is
// applied again to what she found.
func (s *story) study() {
	c, w := s.c, agent.ID()
	for _, e := range []casework.Evidence{
		{Kind: casework.EvidenceReal, Source: "visit to 14 Thames Street", Summary: "two clean rooms; no fire; Patrick in bed, unable to stand",
			Shows: []casework.Circumstance{casework.Disability}},
		{Kind: casework.EvidenceTestimonial, Source: "Mr. Kerr, landlord", Summary: "the rent always paid until the accident",
			Shows: []casework.Circumstance{casework.Unemployment}},
		{Kind: casework.EvidenceTestimonial, Source: "Father Dolan, St. Patrick's", Summary: "a sober and steady family"},
		{Kind: casework.EvidenceCircumstantial, Source: "pawn tickets", Summary: "Sunday clothes and the clock pawned in December: savings gone"},
	} {
		s.with(func() (uuid.UUID, error) { return c.RecordEvidence(w, e) })
	}
	s.do(func() error { _, err := c.AssessEligibility(w); return err })
	s.do(func() error { return c.MoveTo(w, casework.PhaseDiagnosis) })
}

// diagnosis: the agent defines the problem, and a plan is agreed with the
// family.
func (s *story) diagnosis() {
	c, w, client := s.c, agent.ID(), doyles.ID()
	s.do(func() error {
		return c.Diagnose(w, casework.Diagnosis{
			Difficulties: []string{"no income while Patrick is laid up", "rent arrears", "no fuel in January"},
			Causes:       []string{"an injury at work", "no savings left"},
			Assets:       []string{"Margaret's sewing", "Patrick's good name with his foreman", "a brother in Pittsburgh"},
			Liabilities:  []string{"three young children", "three weeks' arrears"},
		})
	})
	for _, g := range []struct {
		by   relationship.PartyID
		goal string
	}{
		{w, "the rent paid up and the family warm through the winter"},
		{w, "Patrick back at work by spring"},
		{client, "Margaret to take in more sewing"},
	} {
		s.goals = append(s.goals, s.with(func() (uuid.UUID, error) { return c.ProposeGoal(g.by, g.goal) }))
	}
	for _, g := range s.goals {
		s.do(func() error { return c.AgreeGoal(client, g) })
	}
	s.with(func() (uuid.UUID, error) {
		return c.GiveConsent(client, casework.PlanScope(), time.Date(1895, 5, 1, 0, 0, 0, 0, time.UTC))
	})
	s.do(func() error { return c.MoveTo(w, casework.PhaseTreatment) })
}

// treatment: relief as part of the plan, within the agent's authority or
// with the district secretary's approval, and once refused.
func (s *story) treatment() {
	c, w, sup := s.c, agent.ID(), secretary.ID()
	for _, g := range s.goals {
		s.do(func() error { return c.ActivateGoal(w, g) })
	}
	give := func(r casework.Resource, n int64, why string, approve bool) {
		p := s.with(func() (uuid.UUID, error) { return c.ProposeProvision(w, r, n, why) })
		if approve {
			s.do(func() error { return c.ApproveProvision(sup, p) })
		}
		s.do(func() error { return c.AuthoriseProvision(w, p) })
	}
	give("coal", 3, "a fire for the cold weeks", false)
	give("groceries", 2, "two weeks of groceries", false)
	give("rent", 1800, "three weeks' arrears, paid to Mr. Kerr", true)
	p := s.with(func() (uuid.UUID, error) { return c.ProposeProvision(w, "coal", 6, "coal for the rest of the winter") })
	s.do(func() error {
		return c.DeclineProvision(sup, p, "write first to the brother in Pittsburgh; relatives before charity")
	})
	s.with(func() (uuid.UUID, error) {
		return c.Counsel(w, relationship.Informational, "the dispensary's hours, and light work at the docks when Patrick is able")
	})
}

// referral: Patrick is sent to the dispensary, with the family's consent.
func (s *story) referral() {
	c, w, client := s.c, agent.ID(), doyles.ID()
	s.with(func() (uuid.UUID, error) {
		return c.GiveConsent(client, casework.ReferralScope(dispensary), time.Time{})
	})
	r := s.with(func() (uuid.UUID, error) {
		return c.Refer(w, dispensary, "examination and treatment of Patrick's back")
	})
	s.do(func() error {
		return c.UpdateReferral(w, r, casework.ReferralStateAccepted, "Dr. Grant will see him on Tuesday")
	})
}

// confidences: what the family told the agent goes where they consent to,
// and once where they do not; the family reads their own record; the case
// passes to a new agent.
func (s *story) confidences() {
	c, w, sup, client := s.c, agent.ID(), secretary.ID(), doyles.ID()
	s.with(func() (uuid.UUID, error) { return c.GiveConsent(client, casework.DisclosureScope(doctor), time.Time{}) })
	injury := s.with(func() (uuid.UUID, error) {
		return c.WriteNote(w, "Patrick fell from a gangway on 14 December; no doctor seen; pain in the lower back.")
	})
	ctx := context.Background()
	s.do(func() error { return c.DiscloseNote(ctx, s.log, w, injury, doctor) })

	refusal := s.with(func() (uuid.UUID, error) { return c.RefuseConsent(client, casework.DisclosureScope(principal)) })
	nora := s.with(func() (uuid.UUID, error) {
		return c.WriteNote(w, "Nora, ten, has been kept home since Christmas to mind the baby while her mother sews.")
	})
	s.do(func() error {
		return c.OverrideRefusal(sup, refusal, "Nora should be at school, and the society works with her principal to get her back")
	})
	s.do(func() error { return c.DiscloseNote(ctx, s.log, w, nora, principal) })

	first := firstNote(c)
	s.do(func() error { _, err := c.ReadNote(ctx, s.log, client, first); return err })
	s.do(func() error {
		return c.Transfer(sup, successor, "Miss Whitman moves to the South Baltimore district")
	})
}

// evaluation: the new agent follows the case to its end.
func (s *story) evaluation() {
	c, w, client := s.c, successor.ID(), doyles.ID()
	r := firstReferral(c)
	s.do(func() error {
		return c.UpdateReferral(w, r, casework.ReferralStateCompleted, "treated; fit for light work")
	})
	s.with(func() (uuid.UUID, error) {
		return c.Counsel(w, relationship.Appraisal, "Patrick is fit for light work, and his foreman will take him back")
	})
	s.do(func() error {
		return c.AbandonGoal(client, s.goals[2], "Patrick is earning again, and the baby needs her")
	})
	s.do(func() error { return c.MoveTo(w, casework.PhaseEvaluation) })
	s.do(func() error { return c.AchieveGoal(w, s.goals[0], "rent paid to March; the brother sent coal") })
	s.do(func() error { return c.AchieveGoal(w, s.goals[1], "back at the docks on light work") })
	s.with(func() (uuid.UUID, error) {
		return c.WriteNote(w, "Closing summary: the family is managing; Nora back at school; Patrick working.")
	})
	s.do(func() error { return c.Close(w, casework.ReasonGoalsAchieved, "the family is self-supporting again") })
}

func firstNote(c *casework.Case) uuid.UUID {
	for n := range c.Notes() {
		return n.ID
	}
	return uuid.Nil
}

func firstReferral(c *casework.Case) uuid.UUID {
	for r := range c.Referrals() {
		return r.ID()
	}
	return uuid.Nil
}
