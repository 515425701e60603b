package count_test

import (
	"fmt"

	"github.com/helpingwork/helping/groupwork/count"
)

// cities are the options of the Tennessee example: a state chooses its
// capital, and every voter ranks the four cities by their distance from
// home.
var cities = []string{"Memphis", "Nashville", "Chattanooga", "Knoxville"}

// tennessee returns the 100 ballots of the Tennessee example.
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
	r, err := count.Plurality(4, tennessee(), nil)
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
	r, err := count.InstantRunoff(4, tennessee(), nil)
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
	r, err := count.Schulze(4, tennessee(), nil)
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
	r, err := count.Approval(3, ballots, &count.Options{Priority: []int{1, 2, 0}})
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
	r, err := count.STV(5, 3, ballots, nil)
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

func votes(yes, no, abstain int) []count.Vote {
	var vs []count.Vote
	for _, n := range []struct {
		v     count.Vote
		count int
	}{{count.Yes, yes}, {count.No, no}, {count.Abstain, abstain}} {
		for range n.count {
			vs = append(vs, n.v)
		}
	}
	return vs
}

// Abstentions count for nothing under a simple majority.
func ExampleSimpleMajority() {
	r, _ := count.SimpleMajority(votes(5, 4, 3))
	fmt.Println(r)
	// Output:
	// passed: 5 yes, 4 no, 3 abstaining; needed 5 yes, more than half of 9 votes cast
}

// Under an absolute majority every member who does not vote yes counts
// against: five yes of twelve members is not enough.
func ExampleAbsoluteMajority() {
	r, _ := count.AbsoluteMajority(votes(5, 1, 2), 12)
	fmt.Println(r)
	// Output:
	// failed: 5 yes, 1 no, 2 abstaining; needed 7 yes, more than half of 12 eligible voters
}

// Two thirds of the votes cast, counted exactly: 8 of 12 is enough, 7 of 11
// is not.
func ExampleSupermajority() {
	for _, vs := range [][]count.Vote{votes(8, 4, 0), votes(7, 4, 1)} {
		r, _ := count.Supermajority(vs, count.TwoThirds)
		fmt.Println(r)
	}
	_, err := count.Supermajority(nil, count.Fraction{Num: 1, Den: 2})
	fmt.Println(err)
	// Output:
	// passed: 8 yes, 4 no, 0 abstaining; needed 8 yes, at least 2/3 of 12 votes cast
	// failed: 7 yes, 4 no, 1 abstaining; needed 8 yes, at least 2/3 of 11 votes cast
	// count: supermajority fraction 1/2 outside (1/2, 1]
}

// One block stops a consensus however many agree; the result says whose
// voice the group needs to hear next.
func ExampleConsensus() {
	r, _ := count.Consensus([]count.Stance{
		count.Agree, count.Agree, count.StandAside, count.Agree, count.Block,
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
	r, _ := count.Consent([]count.Response{
		count.Consents, count.Consents, count.ObjectionResolved, count.Consents,
	})
	fmt.Println(r)
	// Output:
	// consent: 4 participants, 0 standing objections (1 resolved, 0 withdrawn)
}

// Nine members elect two by Meek's method (the example "513" of the Droop
// counting package): five rank Castor then Pollux, one ranks Pollux, three
// rank Helen. Castor is elected at once; from then on Castor keeps 0.6 of
// every vote that reaches him, just enough for the quota, and passes 0.4 on
// to Pollux. Pollux ends 0.000000005 behind Helen and is excluded, and
// Helen, with Pollux's votes gone, reaches the smaller quota.
func ExampleSTV_meek() {
	ballots := [][]int{{0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {1}, {2}, {2}, {2}}
	r, err := count.STV(3, 2, ballots, &count.Options{STV: count.MeekSTV})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Report([]string{"Castor", "Pollux", "Helen"}))
	// Output:
	// Meek STV (keep values to 9 places, tolerance 0.000001): 9 ballots, 0 blank; 2 seats
	// round 1: quota 3.000000001; Castor 5, Pollux 1, Helen 3; exhausted 0
	//   iterations 1; surplus 1.999999999; keep values: none below 1
	//   elected Castor
	//   surplus of Castor passes on; transfers: Castor -1.999999995, Pollux +1.999999995; exhausted +0
	// round 2: quota 3.000000001; Castor 3.000000005, Pollux 2.999999995, Helen 3; exhausted 0
	//   iterations 2; surplus 0.000000004; keep values: Castor 0.600000001
	//   exclude Pollux (fewest votes); transfers: Pollux -2.999999995; exhausted +2.999999995
	// round 3: quota 2.000000002; Castor 3.000000005, Pollux 0, Helen 3; exhausted 2.999999995
	//   iterations 1; surplus 2.000000001; keep values: Castor 0.600000001
	//   elected Helen
	// elected: Castor, Helen
}
