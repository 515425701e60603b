package casework_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
)

// A family comes to the society twice, in the winter of 1895 and again the
// next winter. Their two cases are kept under one key, the family's own;
// when they ask to be forgotten, destroying that key erases what both
// cases say about them, and each case records the erasure. The phases
// and the measures stay.
func ExampleForgetClient() {
	ctx := context.Background()
	ring := keyring.NewMemory()
	j := casework.NewSealedJournal(journal.NewMemory(), ring)
	a := society()
	var cases []*casework.Case
	for i, winter := range []int{1895, 1896} {
		opts := &casework.Options{Sources: &relationship.Sources{
			Clock: relationship.StepClock(time.Date(winter, 1, 7, 9, 0, 0, 0, time.UTC), time.Hour),
			IDs:   relationship.SequentialIDs(uint64(winter)),
		}}
		c, err := casework.NewCase(agent.ID(), a, casework.Application{Name: "The Kowalski family", Client: family, Worker: agent}, opts)
		check(err)
		_, err = c.WriteNote(agent.ID(), fmt.Sprintf("visit %d: no coal, the children kept home", i+1))
		check(err)
		check(c.Withdraw(family.ID(), "the mill reopened"))
		check(c.Save(ctx, j))
		cases = append(cases, c)
	}

	err := casework.ForgetClient(ctx, j, family.ID(), agent.ID())
	fmt.Println("the agent alone:", errors.Is(err, relationship.ErrNotPermitted))
	check(casework.ForgetClient(ctx, j, family.ID(), family.ID()))
	_, err = ring.Key(ctx, casework.ClientKeySubject(family.ID()))
	fmt.Println("the family's key destroyed:", errors.Is(err, keyring.ErrKeyDestroyed))
	for _, c := range cases {
		back, err := casework.Load(ctx, j, c.ID(), nil)
		check(err)
		fmt.Println(back.Client().Name(), "-", back.Phase(), "-", back.Version(), "entries")
		for e, err := range j.Read(ctx, casework.PrivacyStreamName(c.ID()), 0) {
			check(err)
			fmt.Println("  recorded:", e.Act(), "as", e.Event().(casework.CaseErased).Role)
		}
	}
	// Output:
	// the agent alone: true
	// the family's key destroyed: true
	// [erased] - closed - 3 entries
	//   recorded: forget client as client
	// [erased] - closed - 3 entries
	//   recorded: forget client as client
}
