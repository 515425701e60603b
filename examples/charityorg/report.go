package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/internal/prose"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// report writes the case record and the power profile.
func report(w io.Writer, s *story) error {
	p := newPrinter(w, s.c)
	p.header()
	p.record()
	p.acts()
	p.flow()
	p.confidences(s.log)
	p.pool(s.agency)
	p.worthiness()
	return p.err
}

// printer writes to w and keeps the first error.
type printer struct {
	w     io.Writer
	c     *casework.Case
	names map[relationship.PartyID]relationship.Party
	err   error
}

// newPrinter returns a printer of case c, which knows the names of its
// parties.
func newPrinter(w io.Writer, c *casework.Case) *printer {
	p := &printer{w: w, c: c, names: map[relationship.PartyID]relationship.Party{}}
	for party := range c.Parties() {
		p.names[party.ID()] = party
	}
	return p
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) section(title string) {
	p.printf("\n%s\n%s\n", title, strings.Repeat("-", len(title)))
}

func (p *printer) header() {
	c := p.c
	title := fmt.Sprintf("THE CASE OF %s", strings.ToUpper(c.Name()))
	p.printf("%s\n%s\n", title, strings.Repeat("=", len(title)))
	p.printf("Charity Organization Society of Baltimore, Thames Street district office\n")
	p.section("Parties, in the order they joined")
	for party := range c.Parties() {
		p.printf("  %-45s %s\n", party.Name(), party.Role())
	}
	cl := c.Client()
	for _, f := range [][2]string{
		{"Household", household(cl)},
		{"Presenting problem", cl.PresentingProblem()},
		{"Needs", strings.Join(cl.Needs(), "; ")},
		{"Strengths", strings.Join(cl.Strengths(), "; ")},
	} {
		p.printf("\n  %-20s%s", f[0]+":", wrap(f[1], 72, 22))
	}
	p.printf("\n")
}

func household(c casework.Client) string {
	var ms []string
	for _, m := range c.Household() {
		ms = append(ms, fmt.Sprintf("%s (%s, %d)", m.Name, m.Relation, m.Age))
	}
	return strings.Join(ms, ", ")
}

// record writes every entry of the record as a line of the case file.
// Notes appear as notes, not as their text: the file is confidential.
func (p *printer) record() {
	p.section("The case record")
	for e := range p.c.Record() {
		p.entry("", e)
	}
}

// entry writes one entry of the record as a line of the case file, after
// indent.
func (p *printer) entry(indent string, e relationship.Entry) {
	who := p.names[e.Actor()]
	head := fmt.Sprintf("%s%3d  %s  %-19s ", indent, e.Seq(), e.Time().Format("Mon _2 Jan 2006"), who.Name())
	p.printf("%s%s\n", head, wrap(p.describe(e), prose.Width-len(head), len(head)))
}

// wrap breaks text into lines of at most width characters, indenting the
// continuation lines by indent.
func wrap(text string, width, indent int) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		if i > 0 && line+1+len(word) > width {
			b.WriteString("\n" + strings.Repeat(" ", indent))
			line = 0
		} else if i > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String()
}

// acts writes who performed which acts: counts by role and kind of act.
func (p *printer) acts() {
	p.section("Power: who did what (acts by role and kind)")
	kinds := []relationship.ActKind{relationship.DecisionAct, relationship.ConsentAct, relationship.ProvisionAct,
		relationship.HelpAct, relationship.RecordAct, relationship.AccessAct, relationship.MembershipAct}
	roles := []relationship.Role{relationship.RoleWorker, relationship.RoleSupervisor, relationship.RoleClient, relationship.RoleAgency}
	count := map[relationship.Role]map[relationship.ActKind]int{}
	for _, r := range roles {
		count[r] = map[relationship.ActKind]int{}
	}
	for e := range p.c.Record() {
		count[p.names[e.Actor()].Role()][casework.Rights().Kind(e.Act())]++
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "  role\t")
	for _, k := range kinds {
		fmt.Fprintf(tw, "%s\t", k)
	}
	fmt.Fprint(tw, "all\t\n")
	for _, r := range roles {
		fmt.Fprintf(tw, "  %s\t", r)
		total := 0
		for _, k := range kinds {
			fmt.Fprintf(tw, "%d\t", count[r][k])
			total += count[r][k]
		}
		fmt.Fprintf(tw, "%d\t\n", total)
	}
	if p.err == nil {
		p.err = tw.Flush()
	}
	staff := count[relationship.RoleWorker][relationship.DecisionAct] + count[relationship.RoleSupervisor][relationship.DecisionAct]
	p.printf("\n  Decisions: %d by staff, %d by the client. Provisions: %d by staff, %d by the client.\n",
		staff, count[relationship.RoleClient][relationship.DecisionAct],
		count[relationship.RoleWorker][relationship.ProvisionAct]+count[relationship.RoleSupervisor][relationship.ProvisionAct],
		count[relationship.RoleClient][relationship.ProvisionAct])
	p.printf("  Consent acts: %d, all the client's: the client's power is to agree, refuse and leave.\n",
		count[relationship.RoleClient][relationship.ConsentAct])
}

// flow writes which way support flowed, from the case's ledger.
func (p *printer) flow() {
	p.section("Which way support flowed")
	l := p.c.Ledger()
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  party\trole\tgave\treceived\tbalance\n")
	for s := range l.Parties() {
		party := p.names[s.Party]
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%+d\n", party.Name(), party.Role(), s.Given.Total(), s.Received.Total(), s.Balance())
	}
	if p.err == nil {
		p.err = tw.Flush()
	}
	toClient, fromClient := 0, 0
	for x := range l.All() {
		switch p.c.Client().ID() {
		case x.Receiver():
			toClient++
		case x.Giver():
			fromClient++
		}
	}
	client, _ := l.Party(p.c.Client().ID())
	p.printf("\n  The family received %s.\n", client.Received)
	p.printf("  %d of %d exchanges ran from the society's side to the family, %d the other way.\n",
		toClient, l.Len(), fromClient)
	m := l.Metrics()
	p.printf("  reciprocity %.2f          the share of helping ties on which help came back\n", m.Reciprocity)
	p.printf("  weighted reciprocity %.2f the share of help answered by help\n", m.WeightedReciprocity)
	p.printf("  density %.2f              the share of possible ties that carried help\n", m.Density)
	p.printf("  concentration %.2f        how unequally the giving was spread (1: one party gave it all)\n", m.Concentration)
}

// confidences writes who read the family's notes and where they went.
func (p *printer) confidences(log relationship.Journal) {
	p.section("Confidences: who saw the record")
	for a, err := range casework.AccessLog(context.Background(), log, p.c.ID()) {
		if err != nil {
			p.err = err
			return
		}
		head := fmt.Sprintf("  %s  ", a.At.Format("_2 Jan"))
		body := p.names[a.By].Name() + " read a note"
		if a.Kind == casework.AccessDisclosure {
			consent, _ := p.c.ConsentAt(casework.DisclosureScope(a.To), a.At)
			basis := "with the family's consent"
			if consent.State() == casework.ConsentStateOverridden {
				basis = "against the family's refusal, overridden by the district secretary"
			}
			body = fmt.Sprintf("%s disclosed a note to %s, %s", p.names[a.By].Name(), a.To, basis)
		}
		p.printf("%s%s\n", head, wrap(body, prose.Width-len(head), len(head)))
	}
}

// pool writes what the case drew from the society's stock.
func (p *printer) pool(a *casework.Agency) {
	p.section("The society's pool")
	for _, s := range stock {
		left, _ := a.Available(s.Resource)
		p.printf("  %-10s %-17s at the start, %-17s left; approval above %s\n", s.Resource,
			stockAmount(s.Quantity, s.Unit), stockAmount(left, s.Unit), stockAmount(s.ApprovalAbove, s.Unit))
	}
}

// worthiness shows what the society's test made of the family, and what
// one piece of gossip would have made of them.
func (p *printer) worthiness() {
	p.section("The worthiness test")
	evidence := collectEvidence(p.c)
	gossip := casework.EvidenceItem{Evidence: casework.Evidence{Kind: casework.EvidenceTestimonial,
		Source: "a neighbour", Summary: "says Patrick drinks", Hearsay: true,
		Shows: []casework.Circumstance{casework.Drink}}}
	for _, t := range []struct {
		label    string
		policy   casework.EligibilityPolicy
		evidence []casework.EvidenceItem
	}{
		{"the society's test, on the evidence gathered", casework.WorthinessPolicy{}, evidence},
		{"the same test, had a neighbour's gossip been taken", casework.WorthinessPolicy{}, append(evidence, gossip)},
		{"a test of need, with the gossip", casework.NeedsPolicy{}, append(evidence, gossip)},
	} {
		d := t.policy.Assess(casework.Applicant{Client: p.c.Client(), Evidence: t.evidence})
		verdict := "refused"
		if d.Eligible {
			verdict = "helped"
		}
		p.printf("  %s: %s\n    %s\n", t.label, verdict, wrap(d.Reasons[0], 90, 4))
	}
}

func collectEvidence(c *casework.Case) []casework.EvidenceItem {
	var out []casework.EvidenceItem
	for e := range c.Evidence() {
		out = append(out, e)
	}
	return out
}

// reload saves the society and the case to a journal in memory, loads the
// society back as a program that restarts would, then the case, and
// reports whether anything was lost.
func reload(ctx context.Context, w io.Writer, s *story) error {
	j := journal.NewMemory()
	defer j.Close()
	if err := s.agency.Save(ctx, j); err != nil {
		return err
	}
	if err := s.c.Save(ctx, j); err != nil {
		return err
	}
	a, err := casework.LoadAgency(ctx, j, society, nil)
	if err != nil {
		return err
	}
	loaded, err := casework.Load(ctx, j, s.c.ID(), &casework.Options{Agency: a})
	if err != nil {
		return err
	}
	same, err := sameRecord(s.c, loaded)
	if err != nil {
		return err
	}
	samePool := fmt.Sprint(collectPool(s.agency)) == fmt.Sprint(collectPool(a))
	_, err = fmt.Fprintf(w, "\nSaved the society's %d entries and the case's %d to a journal, and loaded them back,\n"+
		"the society first, as a program that restarts does:\n"+
		"  same record: %t; same phase: %t; same ledger: %t; the pool as it stood: %t\n",
		s.agency.Version(), s.c.Version(), same, loaded.Phase() == s.c.Phase(),
		loaded.Ledger().Metrics() == s.c.Ledger().Metrics(), samePool)
	return err
}

// sameRecord compares two records entry by entry, in their JSON form.
func sameRecord(a, b *casework.Case) (bool, error) {
	var ja, jb [][]byte
	for _, pair := range []struct {
		c   *casework.Case
		out *[][]byte
	}{{a, &ja}, {b, &jb}} {
		for e := range pair.c.Record() {
			data, err := json.Marshal(e)
			if err != nil {
				return false, err
			}
			*pair.out = append(*pair.out, data)
		}
	}
	if len(ja) != len(jb) {
		return false, nil
	}
	for i := range ja {
		if !bytes.Equal(ja[i], jb[i]) {
			return false, nil
		}
	}
	return true, nil
}

func collectPool(a *casework.Agency) []casework.Stock {
	var out []casework.Stock
	for s := range a.Pool() {
		out = append(out, s)
	}
	return out
}

// stockAmount says how much of a resource the pool holds, money as money:
// "$500.00", "40 hundredweight".
func stockAmount(n int64, unit string) string {
	if unit == "cent" {
		return fmt.Sprintf("$%d.%02d", n/100, n%100)
	}
	return fmt.Sprintf("%d %s", n, plural(unit, n))
}
