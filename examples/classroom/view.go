package main

import (
	"bytes"
	"fmt"
	"html/template"
	"iter"
	"slices"
	"strings"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// page is what the play page shows one person.
type page struct {
	Me       person
	Code     string
	Ended    bool
	Roles    []roleChoice
	People   int
	Members  int
	Notice   string
	Refusal  *refusal
	Live     live
	Choices  choices
	Contrast *contrast
}

// roleChoice is one role on the role chooser.
type roleChoice struct {
	Value, Label, Help string
	TakenBy            string
}

// choices are the values the static forms offer, from the library's own
// enumerations.
type choices struct {
	Phases, EvidenceKinds, SupportKinds, Reasons []string
	Processes, Stages, Scopes, Rules, Marks      []string
	Votes, Stances, Responses                    []string
}

// live is the part of the page that follows the play: the records as they
// stand, their pictures, and the forms that act on their items.
type live struct {
	Me                       person
	CaseName, Phase          string
	CaseEntries, ClubEntries uint64
	Goals                    []item
	Provisions               []item
	Consents                 []item
	Pool                     []item
	Members                  []item
	Meetings                 []item
	Proposals                []proposalView
	Concerns                 []item
	Mediations               []item
	ClubStage                string
	Timeline, Sociogram, Cmp template.HTML
	CmpProblem               string
	Choices                  choices
}

// item is one thing of a record, as a list shows it.
type item struct {
	ID, Label, State, Detail string
	Open                     bool
}

// proposalView is a proposal: open, with the form its rule's ballot takes,
// or closed, with the library's report of the decision. While it is open no
// count is shown, whatever its settings.
type proposalView struct {
	ID, Title, Rule, Kind string
	Secret, Hidden, Open  bool
	Options               []string
	Ranks                 []int
	Voted                 bool
	Report                string
}

// contrast is the end of the session: the contrast computed from the
// records beside the historical one.
type contrast struct {
	Computed string
	Measures []relationship.Measure
	Problem  string
}

// names collects the String forms of an enumeration.
func names[T fmt.Stringer](seq iter.Seq[T]) []string {
	var out []string
	for v := range seq {
		out = append(out, v.String())
	}
	return out
}

func allChoices() choices {
	return choices{
		Phases:        names(casework.Phases()),
		EvidenceKinds: names(casework.EvidenceKinds()),
		SupportKinds:  names(relationship.SupportKinds()),
		Reasons:       names(casework.TerminationReasons()),
		Processes:     names(groupwork.MutualAidProcesses()),
		Stages:        names(groupwork.Stages()),
		Scopes:        names(groupwork.ConcernScopes()),
		Rules:         names(groupwork.Rules()),
		Marks:         names(groupwork.Attendances()),
		Votes:         names(count.Votes()),
		Stances:       names(count.Stances()),
		Responses:     names(count.Responses()),
	}
}

// snapshot reads the session's records for one person's page.
func (s *session) snapshot(me person) live {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := live{Me: me, CaseName: s.c.Name(), Phase: s.c.Phase().String(),
		CaseEntries: s.c.Version(), ClubEntries: s.g.Version(), ClubStage: s.g.Stage().String(), Choices: allChoices()}
	for g := range s.c.Goals() {
		l.Goals = append(l.Goals, item{ID: g.ID().String(), Label: g.Description(), State: g.State().String()})
	}
	for p := range s.c.Provisions() {
		n, unit := p.Quantity()
		detail := p.Purpose()
		if p.NeedsApproval() {
			detail += " (above the threshold: a supervisor must approve)"
		}
		l.Provisions = append(l.Provisions, item{ID: p.ID().String(), Label: fmt.Sprintf("%s: %d %s", p.Resource(), n, unit),
			State: p.State().String(), Detail: detail})
	}
	for c := range s.c.Consents() {
		l.Consents = append(l.Consents, item{ID: c.ID().String(), Label: c.Scope().String(), State: c.State().String()})
	}
	for st := range s.agency.Pool() {
		l.Pool = append(l.Pool, item{ID: string(st.Resource), Label: fmt.Sprintf("%s: %d %s", st.Resource, st.Quantity, st.Unit),
			Detail: fmt.Sprintf("a supervisor approves more than %d", st.ApprovalAbove)})
	}
	for m := range s.g.Members() {
		l.Members = append(l.Members, item{ID: m.ID().String(), Label: m.Name(), Detail: strings.Join(names(m.Strengths()), ", "),
			State: fmt.Sprintf("gave %d, received %d", m.Given(), m.Received())})
	}
	for m := range s.g.Meetings() {
		l.Meetings = append(l.Meetings, item{ID: m.ID().String(), Label: fmt.Sprintf("meeting %d, %s", m.Number(), m.Place())})
	}
	slices.Reverse(l.Meetings) // the latest first: that is the one most acts are about
	for p := range s.g.Proposals() {
		l.Proposals = append(l.Proposals, s.proposalView(p, me))
	}
	for c := range s.g.Concerns() {
		l.Concerns = append(l.Concerns, item{ID: c.ID().String(), Label: c.Text(), State: c.Scope().String(), Open: !c.IsClosed()})
	}
	for m := range s.g.Mediations() {
		d := m.Demand()
		l.Mediations = append(l.Mediations, item{ID: m.ID().String(), Label: fmt.Sprintf("%s asks: %s; the members need: %s", d.Source, d.What, m.Need()),
			Open: !m.IsSettled(), Detail: m.Agreement()})
	}
	l.Timeline, l.Sociogram, l.Cmp, l.CmpProblem = s.pictures()
	return l
}

// proposalView shows a proposal to one person.
func (s *session) proposalView(p groupwork.Proposal, me person) proposalView {
	spec := p.Spec()
	v := proposalView{ID: p.ID().String(), Title: p.Title(), Rule: p.Rule().String(), Secret: spec.Secret, Hidden: spec.Hidden,
		Open: p.IsOpen(), Options: spec.Options, Voted: !me.Party.IsZero() && p.Voted(me.Party)}
	switch r := p.Rule(); {
	case r.ChoosesOptions():
		v.Kind = "rank"
		for i := range spec.Options {
			v.Ranks = append(v.Ranks, i+1)
		}
	case r == groupwork.RuleConsensus:
		v.Kind = "stance"
	case r == groupwork.RuleConsent:
		v.Kind = "response"
	default:
		v.Kind = "vote"
	}
	switch {
	case p.IsClosed():
		if d, err := s.g.Decision(p.ID()); err == nil {
			v.Report = d.Report()
		} else {
			v.Report = err.Error()
		}
	case p.IsWithdrawn():
		v.Report = "withdrawn: " + p.WithdrawnBecause()
	}
	return v
}

// drawn are the pictures of the records at their versions: every page
// polls for them, and they change only when a record does.
type drawn struct {
	caseVersion, clubVersion uint64
	timeline, sociogram, cmp template.HTML
	problem                  string
}

// pictures returns the case's timeline, the club's sociogram and their
// comparison, drawn by the library's SVG writers when a record has changed
// since they were last drawn. The timeline of an open case ends at its
// latest entry. The caller holds s.mu.
func (s *session) pictures() (timeline, sociogram, cmp template.HTML, problem string) {
	d := s.drawn
	if d == nil || d.caseVersion != s.c.Version() || d.clubVersion != s.g.Version() {
		d = &drawn{caseVersion: s.c.Version(), clubVersion: s.g.Version()}
		d.timeline, d.sociogram, d.cmp, d.problem = s.draw()
		s.drawn = d
	}
	return d.timeline, d.sociogram, d.cmp, d.problem
}

// draw draws the three pictures. The caller holds s.mu.
func (s *session) draw() (timeline, sociogram, cmp template.HTML, problem string) {
	var b bytes.Buffer
	if err := s.c.WriteTimelineSVG(&b, nil); err == nil {
		timeline = trustedSVG(&b, "timeline")
	}
	b.Reset()
	if err := s.g.WriteSociogramSVG(&b, nil); err == nil {
		sociogram = trustedSVG(&b, "sociogram")
	}
	b.Reset()
	c, err := relationship.Compare(s.c, s.g)
	if err == nil {
		err = c.WriteSVG(&b)
	}
	if err != nil {
		return timeline, sociogram, "", err.Error()
	}
	return timeline, sociogram, trustedSVG(&b, "comparison"), ""
}

// trustedSVG marks the output of the library's SVG writers as safe to put
// in the page: they escape every text they draw (names, labels, titles),
// and the page's Content-Security-Policy runs no script from inside it.
// The XML declaration, if any, is dropped: it is not allowed inside HTML;
// and the picture's identifiers take a prefix, since three pictures share
// one page and an identifier must be unique in it.
func trustedSVG(b *bytes.Buffer, prefix string) template.HTML {
	s := b.String()
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	s = strings.NewReplacer(
		`id="`, `id="`+prefix+"-",
		`url(#`, `url(#`+prefix+"-",
		`aria-labelledby="svg-title svg-desc"`, `aria-labelledby="`+prefix+`-svg-title `+prefix+`-svg-desc"`,
	).Replace(s)
	return template.HTML(s) // the library's writer escapes all text
}

// contrastOf computes the contrast of the two records, in words.
func (s *session) contrastOf() *contrast {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := relationship.Compare(s.c, s.g)
	if err != nil {
		return &contrast{Problem: err.Error()}
	}
	var b strings.Builder
	if err := c.WriteText(&b); err != nil {
		return &contrast{Problem: err.Error()}
	}
	return &contrast{Computed: b.String(), Measures: c.Measures()}
}
