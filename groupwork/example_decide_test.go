package groupwork_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// The Tennessee example: a state chooses its capital, and every voter ranks
// the four cities by their distance from home.
var cities = []string{"Memphis", "Nashville", "Chattanooga", "Knoxville"}

func tennessee() [][]int {
	var ballots [][]int
	for _, group := range []struct {
		voters  int
		ranking []int
	}{
		{42, []int{0, 1, 2, 3}}, // near Memphis
		{26, []int{1, 2, 3, 0}}, // near Nashville
		{15, []int{2, 3, 1, 0}}, // near Chattanooga
		{17, []int{3, 2, 1, 0}}, // near Knoxville
	} {
		for range group.voters {
			ballots = append(ballots, group.ranking)
		}
	}
	return ballots
}

// Plurality counts first preferences only: Memphis wins with 42 of 100,
// although 58 voters rank it last.
func ExamplePlurality() {
	r, err := groupwork.Plurality(4, tennessee(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Report(cities))
	// Output:
	// 100 ballots, 0 blank
	// counts: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17
	// winner: Memphis
}

// The same ballots counted by instant runoff: Chattanooga and then
// Nashville go out, and their ballots carry Knoxville past Memphis.
func ExampleInstantRunoff() {
	r, err := groupwork.InstantRunoff(4, tennessee(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Report(cities))
	// Output:
	// 100 ballots
	// round 1: Memphis 42, Nashville 26, Chattanooga 15, Knoxville 17; exhausted 0
	//   eliminated Chattanooga (fewest votes); transfers: Chattanooga -15, Knoxville +15; newly exhausted 0
	// round 2: Memphis 42, Nashville 26, Knoxville 32; exhausted 0
	//   eliminated Nashville (fewest votes); transfers: Nashville -26, Knoxville +26; newly exhausted 0
	// round 3: Memphis 42, Knoxville 58; exhausted 0
	// winner: Knoxville
}

// The same ballots counted by the Schulze method: Nashville beats every
// other city one to one (row over column), so it is the Condorcet winner.
func ExampleSchulze() {
	r, err := groupwork.Schulze(4, tennessee(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Report(cities))
	// Output:
	// 100 ballots
	// pairwise (row over column):
	//   Memphis: - 42 42 42
	//   Nashville: 58 - 68 68
	//   Chattanooga: 58 32 - 83
	//   Knoxville: 58 32 17 -
	// strongest paths:
	//   Memphis: - 0 0 0
	//   Nashville: 58 - 68 68
	//   Chattanooga: 58 0 - 83
	//   Knoxville: 58 0 0 -
	// condorcet winner: Nashville
	// potential winners: Nashville
	// winner: Nashville
}

// Members approve every activity they could live with; the most widely
// acceptable wins, and a tie goes to the order the club drew by lot before
// the vote.
func ExampleApproval() {
	activities := []string{"a hike", "a picnic", "the museum"}
	ballots := [][]int{{0, 1}, {1}, {1, 2}, {2, 0}, {0}}
	r, err := groupwork.Approval(3, ballots, &groupwork.CountOptions{Priority: []int{1, 2, 0}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Report(activities))
	// Output:
	// 5 ballots, 0 blank
	// counts: a hike 3, a picnic 3, the museum 2
	// tie between a hike, a picnic, by the declared priority: a picnic
	// winner: a picnic
}

// Twenty members choose three foods for a party (the example of the
// Wikipedia article "Single transferable vote"). The quota is 6; Chocolate's
// surplus passes on at 6/12 of each ballot's value, Pears goes out, and
// Strawberries, the last left, takes the third seat.
func ExampleSTV() {
	foods := []string{"Oranges", "Pears", "Chocolate", "Strawberries", "Sweets"}
	var ballots [][]int
	for _, g := range []struct {
		voters  int
		ranking []int
	}{{4, []int{0}}, {2, []int{1, 0}}, {8, []int{2, 3}}, {4, []int{2, 4}}, {1, []int{3}}, {1, []int{4}}} {
		for range g.voters {
			ballots = append(ballots, g.ranking)
		}
	}
	r, err := groupwork.STV(5, 3, ballots, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Report(foods))
	// Output:
	// 20 ballots, 0 blank; 3 seats; quota 6
	// round 1: Oranges 4, Pears 2, Chocolate 12, Strawberries 1, Sweets 1; exhausted 0; lost 0
	//   elected Chocolate
	//   transfer surplus of Chocolate: 6 of 12; transfers: Chocolate -6, Strawberries +4, Sweets +2; exhausted +0; lost +0
	// round 2: Oranges 4, Pears 2, Chocolate 6, Strawberries 5, Sweets 3; exhausted 0; lost 0
	//   exclude Pears (fewest votes); transfers: Oranges +2, Pears -2; exhausted +0; lost +0
	// round 3: Oranges 6, Pears 0, Chocolate 6, Strawberries 5, Sweets 3; exhausted 0; lost 0
	//   elected Oranges
	//   exclude Sweets (fewest votes); transfers: Sweets -3; exhausted +3; lost +0
	// round 4: Oranges 6, Pears 0, Chocolate 6, Strawberries 5, Sweets 0; exhausted 3; lost 0
	//   elected without quota Strawberries
	// elected: Chocolate, Oranges, Strawberries
}

func votes(yes, no, abstain int) []groupwork.Vote {
	var vs []groupwork.Vote
	for _, n := range []struct {
		v     groupwork.Vote
		count int
	}{{groupwork.Yes, yes}, {groupwork.No, no}, {groupwork.Abstain, abstain}} {
		for range n.count {
			vs = append(vs, n.v)
		}
	}
	return vs
}

// Abstentions count for nothing under a simple majority.
func ExampleSimpleMajority() {
	r, _ := groupwork.SimpleMajority(votes(5, 4, 3))
	fmt.Println(r)
	// Output:
	// passed: 5 yes, 4 no, 3 abstaining; needed 5 yes, more than half of 9 votes cast
}

// Under an absolute majority every member who does not vote yes counts
// against: five yes of twelve members is not enough.
func ExampleAbsoluteMajority() {
	r, _ := groupwork.AbsoluteMajority(votes(5, 1, 2), 12)
	fmt.Println(r)
	// Output:
	// failed: 5 yes, 1 no, 2 abstaining; needed 7 yes, more than half of 12 eligible voters
}

// Two thirds of the votes cast, counted exactly: 8 of 12 is enough, 7 of 11
// is not.
func ExampleSupermajority() {
	for _, vs := range [][]groupwork.Vote{votes(8, 4, 0), votes(7, 4, 1)} {
		r, _ := groupwork.Supermajority(vs, groupwork.TwoThirds)
		fmt.Println(r)
	}
	_, err := groupwork.Supermajority(nil, groupwork.Fraction{Num: 1, Den: 2})
	fmt.Println(err)
	// Output:
	// passed: 8 yes, 4 no, 0 abstaining; needed 8 yes, at least 2/3 of 12 votes cast
	// failed: 7 yes, 4 no, 1 abstaining; needed 8 yes, at least 2/3 of 11 votes cast
	// groupwork: supermajority fraction 1/2 outside (1/2, 1]
}

// One block stops a consensus however many agree; the result says whose
// voice the group needs to hear next.
func ExampleConsensus() {
	r, _ := groupwork.Consensus([]groupwork.Stance{
		groupwork.Agree, groupwork.Agree, groupwork.StandAside, groupwork.Agree, groupwork.Block,
	})
	fmt.Println(r)
	fmt.Println("blocked by participant", r.Blockers, "; stood aside:", r.StandAsides)
	// Output:
	// blocked: 3 agree, 1 stand aside, 0 disagree, 1 block
	// blocked by participant [4] ; stood aside: [2]
}

// Consent asks whether an objection stands: one was resolved by amending
// the proposal, so it passes.
func ExampleConsent() {
	r, _ := groupwork.Consent([]groupwork.Response{
		groupwork.Consents, groupwork.Consents, groupwork.ObjectionResolved, groupwork.Consents,
	})
	fmt.Println(r)
	// Output:
	// consent: 4 participants, 0 standing objections (1 resolved, 0 withdrawn)
}

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
	// groupwork: proposal 00000000-0001-7000-8000-000000000002 is a secret ballot: how 0192f5e0-7c1a-7000-8000-000000000051 voted is not kept
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

	g.Vote(rosa, motion, groupwork.Ballot{Vote: groupwork.Yes})
	g.VoteByProxy(rosa, proxy, groupwork.Ballot{Vote: groupwork.Yes})
	g.Vote(m[1], motion, groupwork.Ballot{Vote: groupwork.No})
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
		Quorum: groupwork.Quorum{Fraction: groupwork.Fraction{Num: 1, Den: 2}},
		Review: time.Date(1911, time.March, 1, 0, 0, 0, 0, time.UTC),
	})
	g.Vote(m[0], id, groupwork.Ballot{Response: groupwork.Consents})
	g.Vote(m[1], id, groupwork.Ballot{Response: groupwork.Consents})
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
		Fraction: groupwork.TwoThirds, Hidden: true,
		Review: time.Date(1912, time.January, 1, 0, 0, 0, 0, time.UTC),
	})
	for i, v := range []groupwork.Vote{groupwork.Yes, groupwork.Yes, groupwork.No, groupwork.Yes} {
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
	// groupwork: proposal 00000000-0001-7000-8000-000000000002 hides its results until the vote closes
	// passed - passed: 3 yes, 1 no, 0 abstaining; needed 3 yes, at least 2/3 of 4 votes cast
	// Rosa yes
	// Hannah yes
	// Maria no
	// Sadie yes
}
