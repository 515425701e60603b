package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/internal/prose"
)

const (
	day     = "2 Jan 2006"
	weekday = "Mon 2 Jan 2006"
)

// printer writes the account and keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) heading(title string) { p.f("\n%s\n%s\n", title, strings.Repeat("-", len(title))) }

// report writes the season's account.
func report(w io.Writer, s *season) error {
	p := &printer{w: w}
	sections := []func(*printer, *season){
		header, members, meetings, stages, notes, whoCanHelp, mutualAid, concern, decisions, mediation, refusals, ledger, ending,
	}
	for _, section := range sections {
		section(p, s)
	}
	return p.err
}

func header(p *printer, s *season) {
	g := s.g
	var purposes []string
	for pur := range g.Purposes() {
		purposes = append(purposes, prose.Words(pur.String()))
	}
	title := strings.ToUpper(g.Name()) + " - Hull House, Chicago, season 1910-11"
	p.f("%s\n%s\n", title, strings.Repeat("=", len(title)))
	p.f("Formed %s by %s, club leader and resident of the house.\n", g.Formed().Format(day), g.Facilitator().Name())
	p.f("Model: %s. Purposes: %s.\n", prose.Words(g.Model().String()), strings.Join(purposes, ", "))
	p.f("Membership: %s, up to %d members at once.\n", prose.Words(g.Settings().Membership.String()),
		g.Settings().Capacity)
	voters := "the members; the worker does not vote"
	if g.Settings().FacilitatorVotes {
		voters = "the members and the worker"
	}
	p.f("Decisions: by %s; a member may hold %d proxy.\n", voters, g.Settings().MaxProxies)
}

func members(p *printer, s *season) {
	p.heading("Members")
	for party := range s.g.Parties() {
		m, ok := s.g.Member(party.ID())
		if !ok {
			continue
		}
		for period := range m.Periods() {
			p.f("  %-16s joined %-11s", m.Name(), period.Joined.Format(day))
			if !period.Current() {
				p.f(" left %s (%s)", period.Left.Format(day), leaving(period))
			}
			p.f("\n")
		}
		p.f("  %16s offers %s; seeks %s\n", "", join(m.Strengths()), join(m.Needs()))
	}
}

// leaving says why a period of membership ended.
func leaving(p groupwork.Period) string {
	if p.Note == "" {
		return prose.Words(p.Reason.String())
	}
	return prose.Words(p.Reason.String()) + ": " + p.Note
}

// join lists the text of strengths or needs.
func join[T fmt.Stringer](seq func(func(T) bool)) string {
	var parts []string
	for v := range seq {
		parts = append(parts, prose.Words(v.String()))
	}
	if len(parts) == 0 {
		return "nothing named"
	}
	return strings.Join(parts, ", ")
}

func meetings(p *printer, s *season) {
	p.heading("Meetings")
	for m := range s.g.Meetings() {
		p.f("  %2d. %s, %s: %d present, %d late, %d excused, %d absent\n", m.Number(), m.Date().Format(weekday), m.Place(),
			m.Count(groupwork.Present), m.Count(groupwork.Late), m.Count(groupwork.Excused), m.Count(groupwork.Absent))
		for it := range m.Programme() {
			var purposes []string
			for pur := range it.Purposes() {
				purposes = append(purposes, prose.Words(pur.String()))
			}
			p.f("      %s: %s (chosen by %s; %s)\n", prose.Words(it.Activity().String()), it.Description(), s.names[it.ChosenBy()], strings.Join(purposes, ", "))
			if note := it.Note(); note != "" {
				p.f("        - %s\n", note)
			}
		}
	}
}

func stages(p *printer, s *season) {
	p.heading("Stages of development (Boston model)")
	for c := range s.g.StageChanges() {
		mark := ""
		if c.Regression() {
			mark = ", a regression"
		}
		p.f("  %-11s %s -> %s%s\n", c.At.Format(day), c.From, c.To, mark)
		p.f("              %s\n", c.Evidence)
	}
}

func notes(p *printer, s *season) {
	p.heading("Group notes")
	for n := range s.g.Notes() {
		var tags []string
		for pr := range n.Processes() {
			tags = append(tags, prose.Words(pr.String()))
		}
		for f := range n.Factors() {
			tags = append(tags, prose.Words(f.String()))
		}
		p.f("  %-11s  %s\n               [%s]\n", n.Time().Format(day), n.Text(), strings.Join(tags, ", "))
	}
}

func whoCanHelp(p *printer, s *season) {
	p.heading("Who can help Giulia with English? (asked when she joined)")
	p.f("  Best fit first; among equals, who has helped least, so the helping spreads.\n")
	for i, h := range s.helpers {
		p.f("  %d. %-16s %-7s fit: %s; had helped others %s\n", i+1, h.Name, h.Fit,
			prose.Words(fmt.Sprint(h.Strength)), times(h.Given))
	}
}

func times(n int) string {
	switch n {
	case 0:
		return "never"
	case 1:
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func mutualAid(p *printer, s *season) {
	p.heading(fmt.Sprintf("Mutual aid (%d exchanges)", s.g.Ledger().Len()))
	for x, proc := range s.g.MutualAid() {
		arrow := s.names[x.Giver()] + " -> " + s.names[x.Receiver()]
		p.f("  %-11s  %-20s %-13s  %s [%s]\n", x.Time().Format(day), arrow, x.Support().Kind(),
			x.Support().Description(), prose.Words(proc.String()))
	}
	var counts []string
	for proc, n := range s.g.AidByProcess() {
		counts = append(counts, fmt.Sprintf("%s %d", prose.Words(proc.String()), n))
	}
	p.f("  by process: %s\n", strings.Join(counts, ", "))
}

func concern(p *printer, s *season) {
	p.heading("A neighbourhood concern")
	c, ok := s.g.Concern(s.concern)
	if !ok {
		return
	}
	by, at := c.RaisedBy()
	p.f("  Raised by %s on %s (%s): %s\n", s.names[by], at.Format(day), prose.Words(c.Scope().String()), c.Text())
	for a := range c.Actions() {
		p.f("  - %-11s %-10s %s\n", a.At.Format(day), prose.Words(a.Kind.String()), a.Description)
	}
	closer, when := c.ClosedBy()
	p.f("  Settled by the members (%s, %s): %s - %s\n", s.names[closer], when.Format(day), prose.Words(c.Outcome().String()), c.Summary())
}

func decisions(p *printer, s *season) {
	p.heading("Deciding together")
	for _, id := range s.votes {
		prop, ok := s.g.Proposal(id)
		if !ok {
			continue
		}
		by, at := prop.RaisedBy()
		spec := prop.Spec()
		how := "open ballot"
		if spec.Secret {
			how = "secret ballot"
		}
		if spec.Meeting != uuid.Nil {
			how += ", voted at the meeting"
		}
		p.f("  %-11s proposed by %s: %s\n", at.Format(day), s.names[by], prop.Title())
		p.f("              rule: %s, %s\n", prose.Words(prop.Rule().String()), how)
		p.f("              voted: %s\n", s.voters(prop))
		d, err := s.g.Decision(id)
		if err != nil {
			p.f("              %v\n", err)
			continue
		}
		for _, line := range strings.Split(strings.TrimRight(d.Report(), "\n"), "\n")[1:] {
			p.f("              %s\n", line)
		}
	}
}

// voters lists who voted on a proposal, how where the ballot was open, and
// by whose hand where a proxy cast the vote.
func (s *season) voters(prop groupwork.Proposal) string {
	var parts []string
	for c := range prop.Casts() {
		part := s.names[c.Voter]
		if b, err := prop.Ballot(c.Voter); err == nil {
			part += " " + prose.Words(b.String())
		}
		if c.By != c.Voter {
			part += " (by " + s.names[c.By] + "'s proxy)"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ", ")
}

func mediation(p *printer, s *season) {
	p.heading("The worker's mediation (Schwartz)")
	m, ok := s.g.Mediation(s.med)
	if !ok {
		return
	}
	p.f("  Demand of %s: %s\n", m.Demand().Source, m.Demand().What)
	p.f("  Need of the members: %s\n", m.Need())
	p.f("  Common ground: %s\n", m.CommonGround())
	p.f("  Agreement (%s): %s\n", m.Settled().Format(day), m.Agreement())
}

func refusals(p *printer, s *season) {
	p.heading("What the club's rules did not allow")
	for _, r := range s.refusals {
		p.f("  %s\n", r)
	}
}

func ledger(p *printer, s *season) {
	v := s.g.Ledger()
	m := v.Metrics()
	p.heading("The ledger of mutual aid")
	p.f("  %d exchanges among %d parties, on %d helping ties\n", m.Exchanges, m.Parties, m.Pairs)
	p.f("  reciprocity   %.2f  (share of ties where help flows both ways)\n", m.Reciprocity)
	p.f("  weighted      %.2f  (share of help that was returned)\n", m.WeightedReciprocity)
	p.f("  density       %.2f  (share of possible ties that exist)\n", m.Density)
	p.f("  concentration %.2f  (0: everyone gives alike; 1: one gives all)\n", m.Concentration)
	p.f("  balance, given - received:\n")
	for sum := range v.Parties() {
		p.f("    %-10s %+3d  (gave %d, received %d)\n", s.names[sum.Party], sum.Balance(), sum.Given.Total(), sum.Received.Total())
	}
}

func ending(p *printer, s *season) {
	at, reason, ok := s.g.Ended()
	if !ok {
		return
	}
	p.f("\nThe club ended on %s: %s.\n", at.Format(day), reason)
	rebuilt, err := groupwork.Replay(s.g.Record(), nil)
	if err != nil {
		p.f("Its record of %d entries does not replay: %v\n", int(s.g.Version()), err)
		return
	}
	p.f("Its record holds %d entries; replayed, they rebuild %s, ended, with %d members and the same %d exchanges of aid.\n",
		int(s.g.Version()), rebuilt.Name(), countOf(rebuilt.Members()), rebuilt.Ledger().Len())
}

// countOf returns the number of values in seq.
func countOf[T any](seq func(func(T) bool)) int {
	n := 0
	for range seq {
		n++
	}
	return n
}
