package groupwork_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
)

// A club votes by secret ballot in a program that stops half-way through
// the vote. With a keyring, each ballot is sealed into the record under
// the proposal's own key, so the program that starts again loses nothing
// and no one votes again. Each member takes home a receipt; after the
// close, Sadie checks hers against the published decision. Her first
// receipt, from before she changed her vote, no longer checks. Once the
// close is saved, the proposal's key is gone: no one can open the sealed
// ballots again.
func ExampleVerifyReceipt() {
	ctx := context.Background()
	ring := keyring.NewMemory() // in production: keyring.OpenFile, in its own directory
	j := journal.NewMemory()
	opts := options()
	opts.Keyring = ring
	g, err := groupwork.NewGroup(jane, groupwork.Spec{
		Name:     "Halsted Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeSocialAction},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership},
	}, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	var m []relationship.PartyID
	for i, name := range []string{"Rosa", "Hannah", "Maria", "Sadie"} {
		id := relationship.MustParsePartyID(fmt.Sprintf("0192f5e0-7c1a-7000-8000-0000000000%d1", i+2))
		if err := g.Join(id, name, groupwork.Profile{}); err != nil {
			fmt.Println(err)
			return
		}
		m = append(m, id)
	}
	strike, err := g.Propose(m[0], groupwork.ProposalSpec{
		Title:  "that we join the garment workers' strike",
		Rule:   groupwork.RuleSimpleMajority,
		Secret: true,
		Review: time.Date(1911, time.March, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	first, _ := g.VoteWithReceipt(m[3], strike, groupwork.Ballot{Vote: count.No})
	sadie, _ := g.VoteWithReceipt(m[3], strike, groupwork.Ballot{Vote: count.Yes})
	_, _ = g.VoteWithReceipt(m[0], strike, groupwork.Ballot{Vote: count.Yes})
	if err := g.Save(ctx, j); err != nil {
		fmt.Println(err)
		return
	}

	// The program stops, and starts again.
	g, err = groupwork.Load(ctx, j, g.ID(), opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, _ = g.VoteWithReceipt(m[1], strike, groupwork.Ballot{Vote: count.No})
	d, err := g.CloseProposal(m[0], strike)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Resolution, "with", d.Motion.Yes, "yes and", d.Motion.No, "no")
	fmt.Println(len(d.Commitments), "commitments published beside", len(d.Ballots), "ballots")
	fmt.Println("Sadie's receipt:", groupwork.VerifyReceipt(sadie, d))
	fmt.Println("her first receipt:", errors.Is(groupwork.VerifyReceipt(first, d), groupwork.ErrNotCounted))
	fmt.Println(sadie) // a receipt prints its proposal, never its ballot

	if err := g.Save(ctx, j); err != nil {
		fmt.Println(err)
		return
	}
	_, err = ring.Key(ctx, groupwork.ProposalKeySubject(strike))
	fmt.Println("the proposal's key destroyed:", errors.Is(err, keyring.ErrKeyDestroyed))
	// Output:
	// passed with 2 yes and 1 no
	// 3 commitments published beside 3 ballots
	// Sadie's receipt: <nil>
	// her first receipt: true
	// groupwork.Receipt{proposal=00000000-0001-7000-8000-000000000002 ballot=[redacted] secret=[redacted]}
	// the proposal's key destroyed: true
}
