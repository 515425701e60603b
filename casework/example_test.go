package casework_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// The people of the examples: the Charity Organization Society of Baltimore
// in 1895, its General Secretary (Mary Richmond held the post from 1891),
// two of its agents, and a family who has come for help. The agents and the
// family are invented.
var (
	secretary = casework.MustSupervisor(person(1), "Mary E. Richmond")
	agent     = casework.MustWorker(person(2), "Miss Alice Whitman", secretary, 2)
	family    = casework.MustClient(person(3), "Anna Kowalski", casework.Intake{
		Household: []casework.HouseholdMember{
			{Name: "Anna Kowalski", Relation: "self", Age: 34}, {Name: "Jan", Relation: "son", Age: 9}},
		PresentingProblem: "husband out of work since the mill closed; rent two weeks behind",
		Needs:             []string{"coal for the winter", "rent"},
		Strengths:         []string{"keeps a clean home", "a sister nearby"},
	})
	societyID = person(4)
	colleague = casework.MustWorker(person(5), "Mr. Henry Lowe", secretary, 0)
)

// person returns the party identifier numbered n, the same on every run.
func person(n int) relationship.PartyID {
	return relationship.MustParsePartyID(fmt.Sprintf("01890000-0000-7000-8000-%012d", n))
}

// options returns deterministic time and identifiers: the clock starts on
// Monday 7 January 1895 and moves an hour with every act.
func options() *casework.Options {
	return &casework.Options{Sources: &relationship.Sources{
		Clock: relationship.StepClock(time.Date(1895, 1, 7, 9, 0, 0, 0, time.UTC), time.Hour),
		IDs:   relationship.SequentialIDs(1895),
	}}
}

// society returns the agency, with coal and rent money in its pool, and
// the secretary, the agent and her colleague on its roster.
func society() *casework.Agency {
	a := casework.MustAgency(casework.AgencySpec{ID: societyID, Name: "Charity Organization Society of Baltimore",
		Stock: []casework.Stock{
			{Resource: "coal", Unit: "hundredweight", Quantity: 40, ApprovalAbove: 2},
			{Resource: "rent", Unit: "cent", Quantity: 10000, ApprovalAbove: 500},
		}}, &casework.AgencyOptions{Sources: &relationship.Sources{Clock: relationship.StepClock(time.Date(1895, 1, 2, 9, 0, 0, 0, time.UTC), time.Minute)}})
	check(a.AppointSupervisor(societyID, secretary))
	check(a.AppointWorker(societyID, agent))
	check(a.AppointWorker(societyID, colleague))
	return a
}

// openCase opens the family's case, with the agent as its worker.
func openCase() (*casework.Agency, *casework.Case) {
	a := society()
	c, err := casework.NewCase(agent.ID(), a, casework.Application{Name: "The Kowalski family", Client: family, Worker: agent}, options())
	check(err)
	return a, c
}

// toTreatment studies the case, diagnoses it, agrees a plan with the client
// and begins treatment, with the plan's goal active.
func toTreatment(c *casework.Case) {
	w, client := agent.ID(), family.ID()
	check(c.MoveTo(w, casework.PhaseStudy))
	_, err := c.RecordEvidence(w, casework.Evidence{Kind: casework.EvidenceReal, Source: "visit to the home",
		Summary: "two rooms, no fire", Shows: []casework.Circumstance{casework.Unemployment}})
	check(err)
	_, err = c.AssessEligibility(w)
	check(err)
	check(c.MoveTo(w, casework.PhaseDiagnosis))
	check(c.Diagnose(w, casework.Diagnosis{Difficulties: []string{"no income"}, Assets: []string{"a sister nearby"}}))
	goal, err := c.ProposeGoal(w, "Mr. Kowalski in work by spring")
	check(err)
	check(c.AgreeGoal(client, goal))
	_, err = c.GiveConsent(client, casework.PlanScope(), time.Time{})
	check(err)
	check(c.MoveTo(w, casework.PhaseTreatment))
	check(c.ActivateGoal(w, goal))
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

// A case from application to closure: the family applies, the agent
// studies and diagnoses, the family agrees the plan, coal is given, the
// goal is reached and the case closes. The ledger shows which way help
// flowed.
func Example() {
	a, c := openCase()
	w := agent.ID()
	toTreatment(c)

	p, err := c.ProposeProvision(w, "coal", 2, "heat through January")
	check(err)
	check(c.AuthoriseProvision(w, p))
	_, err = c.Counsel(w, relationship.Informational, "the wood yard on Pratt Street is hiring")
	check(err)

	check(c.MoveTo(w, casework.PhaseEvaluation))
	goal := first(c.Goals())
	check(c.AchieveGoal(w, goal.ID(), "in work at the wood yard"))
	check(c.Close(w, casework.ReasonGoalsAchieved, "the family is self-supporting"))

	for ch := range c.PhaseHistory() {
		fmt.Printf("%s  %-10s -> %s\n", ch.At.Format("Jan 2 15:04"), ch.From, ch.To)
	}
	m := c.Ledger().Metrics()
	fmt.Printf("exchanges %d, reciprocity %.0f, concentration %.0f\n", m.Exchanges, m.Reciprocity, m.Concentration)
	left, _ := a.Available("coal")
	fmt.Println("coal left in the pool:", left)
	// Output:
	// Jan 7 09:00  unspecified -> intake
	// Jan 7 10:00  intake     -> study
	// Jan 7 13:00  study      -> diagnosis
	// Jan 7 18:00  diagnosis  -> treatment
	// Jan 7 23:00  treatment  -> evaluation
	// Jan 8 01:00  evaluation -> closed
	// exchanges 2, reciprocity 0, concentration 1
	// coal left in the pool: 38
}

// Opening a case brings four parties together, and puts the case in its
// worker's caseload. The client cannot open a case: the agency decides whom
// it takes on.
func ExampleNewCase() {
	a, c := openCase()
	fmt.Println(c.Name(), "-", c.Phase())
	for p := range c.Parties() {
		fmt.Printf("  %-45s %s\n", p.Name(), p.Role())
	}
	fmt.Println("open cases of the agent:", a.CaseloadSize(agent.ID()))

	_, err := casework.NewCase(family.ID(), a, casework.Application{Client: family, Worker: agent}, nil)
	fmt.Println(errors.Is(err, relationship.ErrNotPermitted))
	// Output:
	// The Kowalski family - intake
	//   Anna Kowalski                                 client
	//   Miss Alice Whitman                            worker
	//   Mary E. Richmond                              supervisor
	//   Charity Organization Society of Baltimore     agency
	// open cases of the agent: 1
	// true
}

// The process allows one step at a time, and each step must be ready.
func ExampleCase_MoveTo() {
	_, c := openCase()
	w := agent.ID()

	err := c.MoveTo(w, casework.PhaseTreatment)
	fmt.Println(err)
	check(c.MoveTo(w, casework.PhaseStudy))
	err = c.MoveTo(w, casework.PhaseDiagnosis)
	fmt.Println(err)
	fmt.Println(errors.Is(err, casework.ErrNotReady))
	// Output:
	// casework: cannot move from intake to treatment: that skips study, diagnosis
	// casework: not ready for diagnosis: no evidence has been recorded
	// true
}

// Above the agency's threshold, a provision needs the supervisor's approval
// before the worker may give it; the supervisor may not approve a provision
// of their own proposing.
func ExampleCase_AuthoriseProvision() {
	a, c := openCase()
	toTreatment(c)
	w, sup := agent.ID(), secretary.ID()

	p, err := c.ProposeProvision(w, "coal", 8, "a month of hard frost")
	check(err)
	err = c.AuthoriseProvision(w, p)
	fmt.Println(errors.Is(err, casework.ErrApprovalRequired))

	check(c.ApproveProvision(sup, p))
	check(c.AuthoriseProvision(w, p))
	prov, _ := c.Provision(p)
	q, unit := prov.Quantity()
	fmt.Println(prov.State(), q, unit)
	left, _ := a.Available("coal")
	fmt.Println("left in the pool:", left)
	for x := range c.Ledger().All() {
		fmt.Println(x.Support().String())
	}
	// Output:
	// true
	// authorised 8 hundredweight
	// left in the pool: 32
	// material: 8 hundredweight (a month of hard frost)
}

// Consent is the client's, scoped to one purpose, and may be taken back;
// without consent to the plan, treatment does not go on.
func ExampleCase_RevokeConsent() {
	_, c := openCase()
	toTreatment(c)
	w, client := agent.ID(), family.ID()
	check(c.MoveTo(w, casework.PhaseEvaluation))

	consent, inForce := c.ConsentAt(casework.PlanScope(), time.Date(1895, 2, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(consent.Scope(), consent.State(), inForce)
	check(c.RevokeConsent(client, consent.ID()))

	err := c.MoveTo(w, casework.PhaseTreatment)
	fmt.Println(err)
	_, err = c.GiveConsent(w, casework.PlanScope(), time.Time{})
	fmt.Println(errors.Is(err, relationship.ErrNotPermitted), "- no one consents for the client")
	// Output:
	// plan given true
	// casework: no consent in force for plan: revoked
	// true - no one consents for the client
}

// A supervisor may set a client's refusal aside, but only with a reason that
// stays in the record; the client's next decision governs again.
func ExampleCase_OverrideRefusal() {
	_, c := openCase()
	client, sup := family.ID(), secretary.ID()
	school := casework.DisclosureScope("Public School No. 9")

	refusal, err := c.RefuseConsent(client, school)
	check(err)
	err = c.OverrideRefusal(sup, refusal, "")
	fmt.Println(err)
	check(c.OverrideRefusal(sup, refusal, "Jan has not been seen at school for a month"))
	decision, ok := c.ConsentAt(school, time.Date(1895, 1, 8, 0, 0, 0, 0, time.UTC))
	fmt.Println(decision.State(), ok, "-", decision.OverrideReason())
	// Output:
	// casework: reason: blank text
	// overridden true - Jan has not been seen at school for a month
}

// A confidential note may be read by the assigned worker, that worker's
// supervisor and the client; every read is recorded, and a former worker
// loses access.
func ExampleCase_ReadNote() {
	_, c := openCase()
	w, sup, client := agent.ID(), secretary.ID(), family.ID()
	n, err := c.WriteNote(w, "Mrs. K. fears the landlord will put them out")
	check(err)

	j := journal.NewMemory() // keeps the case's access log
	ctx := context.Background()

	note, err := c.ReadNote(ctx, j, client, n)
	check(err)
	fmt.Println(note.Text())

	check(c.Transfer(sup, colleague, "Miss Richmond goes to Philadelphia"))
	_, err = c.ReadNote(ctx, j, w, n)
	fmt.Println(errors.Is(err, casework.ErrNotAssigned))

	for acc, err := range casework.AccessLog(ctx, j, c.ID()) {
		check(err)
		fmt.Println(acc.Kind, "by the", acc.Role, "at", acc.At.Format("15:04"))
	}
	// Output:
	// Mrs. K. fears the landlord will put them out
	// true
	// read by the client at 11:00
}

// A referral needs the client's consent to be referred to that agency.
func ExampleCase_Refer() {
	_, c := openCase()
	w, client := agent.ID(), family.ID()
	const legalAid = "Legal Aid Society"

	_, err := c.Refer(w, legalAid, "wages owed by the mill")
	fmt.Println(err)
	_, err = c.GiveConsent(client, casework.ReferralScope(legalAid), time.Time{})
	check(err)
	r, err := c.Refer(w, legalAid, "wages owed by the mill")
	check(err)
	check(c.UpdateReferral(w, r, casework.ReferralStateAccepted, "an attorney will see them on Thursday"))
	check(c.Close(w, casework.ReasonReferred, "the Legal Aid Society has the matter in hand"))

	ref, _ := c.Referral(r)
	cl, _ := c.Closure()
	fmt.Println(ref.To(), ref.State(), "-", cl.Reason)
	// Output:
	// casework: no consent in force for referral to Legal Aid Society: never given
	// Legal Aid Society accepted - referred
}

// The client may end the case at any time, and owes no reason.
func ExampleCase_Withdraw() {
	a, c := openCase()
	toTreatment(c)
	check(c.Withdraw(family.ID(), ""))
	cl, _ := c.Closure()
	fmt.Println(c.Phase(), cl.Reason)
	fmt.Println("open cases of the agent:", a.CaseloadSize(agent.ID()))
	// Output:
	// closed client-withdrew
	// open cases of the agent: 0
}

// A worker may carry a maximum number of open cases.
func ExampleAgency_Caseload() {
	a := society()
	opts := options()
	names := map[uuid.UUID]string{}
	for i, name := range []string{"Kowalski", "Brennan", "Russo"} {
		id := relationship.MustParsePartyID(fmt.Sprintf("01890000-0000-7000-8000-00000000010%d", i))
		client := casework.MustClient(id, "The "+name+" family", casework.Intake{PresentingProblem: "out of work"})
		c, err := casework.NewCase(agent.ID(), a, casework.Application{Client: client, Worker: agent}, opts)
		if err != nil {
			fmt.Println(err)
			continue
		}
		names[c.ID()] = c.Name()
	}
	for id := range a.Caseload(agent.ID()) {
		fmt.Println(names[id])
	}
	// Output:
	// casework: worker 01890000-0000-7000-8000-000000000002 already carries 2 open cases, the maximum
	// The Kowalski family
	// The Brennan family
}

// The same evidence, judged by need and by "worthiness": a neighbour's
// hearsay that the husband drinks is nothing to the first policy and a
// refusal by the second.
func ExampleWorthinessPolicy() {
	evidence := []casework.EvidenceItem{
		{Evidence: casework.Evidence{Kind: casework.EvidenceReal, Source: "the mill", Summary: "closed in November",
			Shows: []casework.Circumstance{casework.Unemployment}}},
		{Evidence: casework.Evidence{Kind: casework.EvidenceTestimonial, Source: "a neighbour", Summary: "says he drinks",
			Hearsay: true, Shows: []casework.Circumstance{casework.Drink}}},
	}
	applicant := casework.Applicant{Client: family, Evidence: evidence}
	for _, p := range []casework.EligibilityPolicy{casework.NeedsPolicy{}, casework.WorthinessPolicy{}} {
		d := p.Assess(applicant)
		fmt.Printf("%s: eligible %t: %s\n", p.Name(), d.Eligible, d.Reasons[0])
	}
	// Output:
	// needs: eligible true: needs stated: coal for the winter; rent
	// worthiness: eligible false: unworthy: drink (testimonial evidence from a neighbour, hearsay)
}

// A case saved to a journal and loaded again is the same case.
func ExampleLoad() {
	ctx := context.Background()
	j := journal.NewMemory() // in a real program, journal.Open("records", nil)
	a, c := openCase()
	toTreatment(c)
	p, err := c.ProposeProvision(agent.ID(), "coal", 2, "heat through January")
	check(err)
	check(c.AuthoriseProvision(agent.ID(), p))
	check(a.Save(ctx, j)) // the agency, and the case's entries tied to it
	check(c.Save(ctx, j)) // the rest of the case

	// The program restarts: it loads the agency first, with nothing but
	// the journal and the agency's identifier...
	a, err = casework.LoadAgency(ctx, j, societyID, nil)
	check(err)
	left, _ := a.Available("coal")
	fmt.Println("coal left:", left, "- open cases of the agent:", a.CaseloadSize(agent.ID()))

	// ...then each case when it is needed, bound to its agency.
	for id := range a.Caseload(agent.ID()) {
		loaded, err := casework.Load(ctx, j, id, &casework.Options{Agency: a})
		check(err)
		fmt.Println(loaded.Name(), loaded.Phase(), loaded.Version() == c.Version())
	}
	// Output:
	// coal left: 38 - open cases of the agent: 1
	// The Kowalski family treatment true
}

// The rights table says who may do what, and why.
func ExampleRights() {
	for act := range casework.Rights().Of(relationship.RoleClient) {
		rule, _ := casework.Rights().Rule(act)
		fmt.Printf("%-15s %-8s %s\n", string(act), rule.Kind, rule.Why)
	}
	// Output:
	// propose-goal    decision the plan is made with the client, who may put goals forward too
	// agree-goal      consent  self-determination: only the client agrees to a goal for their life
	// abandon-goal    decision self-determination: the client may give up a goal, as the worker may
	// give-consent    consent  self-determination: only the client consents; no one consents on their behalf
	// refuse-consent  consent  self-determination: only the client refuses
	// revoke-consent  consent  self-determination: consent given may be taken back
	// read-note       access   confidentiality: the assigned worker, that worker's supervisor, and the client, whose record it is
	// withdraw        consent  self-determination: the client may leave at any time, and owes no reason
}

// first returns the first value of a sequence.
func first[T any](seq func(func(T) bool)) T {
	var v T
	for x := range seq {
		return x
	}
	return v
}
