package main

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// clubActs are the acts of the settlement-house club. Each calls the group
// as the person who acts; the group checks its rights table and its rules.
var clubActs = []act{
	{name: groupwork.ActJoin, run: func(x *actContext) (string, error) {
		name := x.f.text("name", "your name in the club", maxName)
		var p groupwork.Profile
		for i := range 2 {
			area := x.f.text(fmt.Sprintf("strength%d", i), "a strength", 40)
			if area == "" || x.f.err != nil {
				continue
			}
			kind := enum(x.f, fmt.Sprintf("strength%dkind", i), relationship.ParseSupportKind)
			if x.f.err != nil {
				break
			}
			s, err := groupwork.NewStrength(kind, area)
			if err != nil {
				return "", err
			}
			p.Strengths = append(p.Strengths, s)
		}
		if x.f.err != nil {
			return "", x.f.err
		}
		return "Welcome to the club.", x.s.g.Join(x.who, name, p)
	}},
	{name: groupwork.ActGiveAid, run: func(x *actContext) (string, error) {
		to := x.f.party("to", "whom you help")
		kind := enum(x.f, "kind", relationship.ParseSupportKind)
		what := x.f.text("what", "what you gave", maxShort)
		process := enum(x.f, "process", groupwork.ParseMutualAidProcess)
		meeting := x.f.id("meeting", "a meeting", true)
		if x.f.err != nil {
			return "", x.f.err
		}
		sup, err := relationship.NewSupport(kind, what)
		if err != nil {
			return "", err
		}
		_, err = x.s.g.GiveAid(x.who, groupwork.Aid{To: to, Support: sup, Process: process, Meeting: meeting})
		return "The help is in the club's ledger.", err
	}},
	{name: groupwork.ActPropose, run: propose},
	{name: groupwork.ActVote, run: vote},
	{name: groupwork.ActCloseProposal, run: func(x *actContext) (string, error) {
		id := x.f.id("proposal", "a proposal", false)
		if x.f.err != nil {
			return "", x.f.err
		}
		d, err := x.s.g.CloseProposal(x.who, id)
		if err != nil {
			return "", err
		}
		return "The vote is closed: " + d.Resolution.String() + ".", nil
	}},
	{name: groupwork.ActConveneMeeting, run: func(x *actContext) (string, error) {
		place := x.f.text("place", "the place", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		_, err := x.s.g.ConveneMeeting(x.who, x.now, place)
		return "The meeting is convened.", err
	}},
	{name: groupwork.ActRecordAttendance, run: func(x *actContext) (string, error) {
		meeting := x.f.id("meeting", "a meeting", false)
		member := x.f.party("member", "a member")
		mark := enum(x.f, "attendance", groupwork.ParseAttendance)
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The register is marked.", x.s.g.RecordAttendance(x.who, meeting, member, mark)
	}},
	{name: groupwork.ActRecordStage, run: func(x *actContext) (string, error) {
		stage := enum(x.f, "stage", groupwork.ParseStage)
		evidence := x.f.text("evidence", "what shows it", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The club's stage is recorded.", x.s.g.RecordStage(x.who, stage, evidence)
	}},
	{name: groupwork.ActRaiseConcern, run: func(x *actContext) (string, error) {
		scope := enum(x.f, "scope", groupwork.ParseConcernScope)
		text := x.f.text("text", "the concern", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		_, err := x.s.g.RaiseConcern(x.who, scope, text)
		return "The concern is before the club.", err
	}},
	{name: groupwork.ActOpenMediation, run: func(x *actContext) (string, error) {
		concern := x.f.id("concern", "a concern", true)
		d := groupwork.Demand{Source: x.f.text("source", "who demands", maxShort), What: x.f.text("demand", "the demand", maxShort)}
		need := x.f.text("need", "the members' need", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		_, err := x.s.g.OpenMediation(x.who, concern, d, need)
		return "The mediation is open.", err
	}},
	{name: groupwork.ActSettleMediation, run: func(x *actContext) (string, error) {
		m := x.f.id("mediation", "a mediation", false)
		common := x.f.text("common", "the common ground", maxShort)
		agreement := x.f.text("agreement", "the agreement", maxShort)
		if x.f.err != nil {
			return "", x.f.err
		}
		return "The mediation is settled.", x.s.g.SettleMediation(x.who, m, common, agreement)
	}},
}

// propose raises a proposal under the rule the member chose.
func propose(x *actContext) (string, error) {
	spec := groupwork.ProposalSpec{
		Title:  x.f.text("title", "the question", maxShort),
		Rule:   enum(x.f, "rule", groupwork.ParseRule),
		Secret: x.f.flag("secret"),
		Hidden: x.f.flag("hidden"),
		Review: x.now.AddDate(0, 1, 0),
	}
	if x.f.err != nil {
		return "", x.f.err
	}
	if spec.Rule.ChoosesOptions() {
		spec.Options = x.f.lines("options", "the options", 80)
	}
	switch spec.Rule {
	case groupwork.RuleSupermajority:
		spec.Fraction = count.TwoThirds
	case groupwork.RuleSTV:
		spec.Seats = int(x.f.number("seats", "the seats", 1, maxLines))
	}
	if x.f.err != nil {
		return "", x.f.err
	}
	_, err := x.s.g.Propose(x.who, spec)
	return "The proposal is before the club.", err
}

// vote casts the member's ballot, in the form the proposal's rule takes: a
// vote on a motion, a stance in a consensus, a response in a consent
// round, or options ranked (or approved) in a choice.
func vote(x *actContext) (string, error) {
	id := x.f.id("proposal", "a proposal", false)
	if x.f.err != nil {
		return "", x.f.err
	}
	p, ok := x.s.g.Proposal(id)
	if !ok {
		// The group says what it does not know, in its own words.
		return "", x.s.g.Vote(x.who, id, groupwork.Ballot{})
	}
	var b groupwork.Ballot
	switch r := p.Rule(); {
	case r.ChoosesOptions():
		b.Options = ranking(x.f, id, len(p.Spec().Options))
	case r == groupwork.RuleConsensus:
		b.Stance = enum(x.f, "stance", count.ParseStance)
	case r == groupwork.RuleConsent:
		b.Response = enum(x.f, "response", count.ParseResponse)
	default:
		b.Vote = enum(x.f, "vote", count.ParseVote)
	}
	if x.f.err != nil {
		return "", x.f.err
	}
	return "Your ballot is cast.", x.s.g.Vote(x.who, id, b)
}

// ranking reads a ranked ballot: for each option i, the field rank-i holds
// the rank the member gave it (1 first), or nothing for an option left
// unranked. It returns the options, most preferred first.
func ranking(f *form, proposal uuid.UUID, n int) []int {
	type ranked struct{ option, rank int }
	var rs []ranked
	seen := map[int]bool{}
	for i := range n {
		v := f.v.Get("rank-" + strconv.Itoa(i))
		if v == "" {
			continue
		}
		r, err := strconv.Atoi(v)
		if err != nil || r < 1 || r > n {
			f.fail("a rank must be a number from 1 to %d", n)
			return nil
		}
		if seen[r] {
			f.fail("two options have rank %d: give each option its own rank", r)
			return nil
		}
		seen[r] = true
		rs = append(rs, ranked{i, r})
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a].rank < rs[b].rank })
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = r.option
	}
	return out
}
