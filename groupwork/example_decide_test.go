package groupwork_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// decidingClub is a club of five whose settings allow one proxy per holder.
func decidingClub() (*groupwork.Group, []relationship.PartyID) {
	g, err := groupwork.NewGroup(jane, groupwork.Spec{
		Name:     "Halsted Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership, MaxProxies: 1},
	}, options())
	if err != nil {
		panic(err)
	}
	var ids []relationship.PartyID
	for i, name := range []string{"Rosa", "Hannah", "Maria", "Sadie", "Anna"} {
		id := relationship.MustParsePartyID(fmt.Sprintf("0192f5e0-7c1a-7000-8000-0000000000%d1", i+2))
		if err := g.Join(id, name, groupwork.Profile{}); err != nil {
			panic(err)
		}
		ids = append(ids, id)
	}
	return g, ids
}

// A secret ranked ballot: the record says who voted, not how; at the close
// it receives the ballots anonymised, in canonical order, with the outcome.
func ExampleGroup_Propose() {
	g, m := decidingClub()
	outing, err := g.Propose(m[0], groupwork.ProposalSpec{
		Title:   "Where shall we go in June?",
		Options: []string{"the lake", "the dunes", "the museum"},
		Rule:    groupwork.RuleInstantRunoff,
		Secret:  true,
		Review:  time.Date(1911, time.October, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, ranking := range [][]int{{2, 1}, {0, 1}, {1, 0}, {0}, {1, 2}} {
		if err := g.Vote(m[i], outing, groupwork.Ballot{Options: ranking}); err != nil {
			fmt.Println(err)
		}
	}
	p, _ := g.Proposal(outing)
	_, err = p.Ballot(m[3])
	fmt.Println(err)
	d, err := g.CloseProposal(m[0], outing)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.Report())
	fmt.Println("ballots in the record:", d.Ballots)
	// Output:
	// groupwork: the proposal is a secret ballot: that a member voted is kept, not how
	// Where shall we go in June? (instant-runoff; final)
	// 5 eligible; no quorum required; 5 took part
	// 5 ballots
	// round 1: the lake 2, the dunes 2, the museum 1; exhausted 0
	//   eliminated the museum (fewest votes); transfers: the dunes +1, the museum -1; newly exhausted 0
	// round 2: the lake 2, the dunes 3; exhausted 0
	// winner: the dunes
	// resolution: chosen: the dunes
	// review: 1911-10-01
	// ballots in the record: [[0] [0 1] [1 0] [1 2] [2 1]]
}

// Maria cannot come to the vote, so she gives Rosa a proxy. The record
// keeps the mandate and that Rosa cast Maria's vote under it.
func ExampleGroup_GrantProxy() {
	g, m := decidingClub()
	rosa, maria := m[0], m[2]
	motion, _ := g.Propose(m[1], groupwork.ProposalSpec{
		Title: "That the club write to the alderman about the lamps", Rule: groupwork.RuleSimpleMajority,
		Review: time.Date(1911, time.March, 1, 0, 0, 0, 0, time.UTC),
	})
	proxy, err := g.GrantProxy(maria, motion, rosa)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = g.GrantProxy(m[3], motion, rosa)
	fmt.Println(errors.Is(err, groupwork.ErrProxyLimit), "- Rosa holds as many proxies as the club allows")

	g.Vote(rosa, motion, groupwork.Ballot{Vote: count.Yes})
	g.VoteByProxy(rosa, proxy, groupwork.Ballot{Vote: count.Yes})
	g.Vote(m[1], motion, groupwork.Ballot{Vote: count.No})
	p, _ := g.Proposal(motion)
	for c := range p.Casts() {
		fmt.Printf("vote of %s cast by %s (proxy %v)\n", name(g, c.Voter), name(g, c.By), c.Proxy != [16]byte{})
	}
	d, _ := g.CloseProposal(m[1], motion)
	fmt.Println(d.Motion)
	// Output:
	// true - Rosa holds as many proxies as the club allows
	// vote of Rosa cast by Rosa (proxy false)
	// vote of Hannah cast by Hannah (proxy false)
	// vote of Maria cast by Rosa (proxy true)
	// passed: 2 yes, 1 no, 0 abstaining; needed 2 yes, more than half of 3 votes cast
}

func name(g *groupwork.Group, id relationship.PartyID) string {
	m, _ := g.Member(id)
	return m.Name()
}

// A consent round that needed half the members: two of five took part, so
// the group decided nothing, and the count is still shown for the record.
func ExampleGroup_CloseProposal() {
	g, m := decidingClub()
	id, _ := g.Propose(m[0], groupwork.ProposalSpec{
		Title: "That we meet on Fridays", Rule: groupwork.RuleConsent,
		Quorum: groupwork.Quorum{Fraction: count.Fraction{Num: 1, Den: 2}},
		Review: time.Date(1911, time.March, 1, 0, 0, 0, 0, time.UTC),
	})
	g.Vote(m[0], id, groupwork.Ballot{Response: count.Consents})
	g.Vote(m[1], id, groupwork.Ballot{Response: count.Consents})
	d, err := g.CloseProposal(m[0], id)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(d.Report())
	// Output:
	// That we meet on Fridays (consent; final)
	// 5 eligible; quorum 1/2 of eligible (5): 2 took part, 3 needed; not reached
	// consent: 2 participants, 0 standing objections (0 resolved, 0 withdrawn)
	// resolution: no-quorum
	// review: 1911-03-01
}

// A vote whose results are hidden until it closes: no one, the worker
// included, can follow the count; at the close each ballot is revealed
// with its voter.
func ExampleGroup_Decision() {
	g, m := decidingClub()
	id, _ := g.Propose(m[0], groupwork.ProposalSpec{
		Title: "That the club join the federation", Rule: groupwork.RuleSupermajority,
		Fraction: count.TwoThirds, Hidden: true,
		Review: time.Date(1912, time.January, 1, 0, 0, 0, 0, time.UTC),
	})
	for i, v := range []count.Vote{count.Yes, count.Yes, count.No, count.Yes} {
		g.Vote(m[i], id, groupwork.Ballot{Vote: v})
	}
	_, err := g.Decision(id)
	fmt.Println(err)
	d, _ := g.CloseProposal(m[0], id)
	fmt.Println(d.Resolution, "-", d.Motion)
	for i, voter := range d.Voters {
		fmt.Println(name(g, voter), d.Ballots[i])
	}
	// Output:
	// groupwork: the proposal hides its results until the vote closes
	// passed - passed: 3 yes, 1 no, 0 abstaining; needed 3 yes, at least 2/3 of 4 votes cast
	// Rosa yes
	// Hannah yes
	// Maria no
	// Sadie yes
}
