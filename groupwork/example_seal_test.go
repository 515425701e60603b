package groupwork_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
)

// A group's record sealed at rest: the journal is wrapped so that names,
// notes and the words of every exchange are sealed under the group's own
// key. When the group's key is destroyed, the record still loads and
// counts the help given, but no one's name or words can be read again.
func ExampleStreamKeySubject() {
	ctx := context.Background()
	src := &relationship.Sources{}
	lane := relationship.MustParty(src.NewPartyID(), "Ellen Lane", relationship.RoleFacilitator)
	g, err := groupwork.NewGroup(lane, groupwork.Spec{
		Name:     "Ewing Street Mothers' Club",
		Purposes: []relationship.Purpose{relationship.PurposeSupport},
		Model:    groupwork.Reciprocal,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership},
	}, &groupwork.Options{Sources: src})
	if err != nil {
		panic(err)
	}
	rosa, hannah := src.NewPartyID(), src.NewPartyID()
	advice, _ := relationship.NewSupport(relationship.Informational, "where to find a doctor who speaks Italian")
	if err := errors.Join(g.Join(rosa, "Rosa Bianchi", groupwork.Profile{}),
		g.Join(hannah, "Hannah Levin", groupwork.Profile{})); err != nil {
		panic(err)
	}
	if _, err := g.GiveAid(hannah, groupwork.Aid{To: rosa, Support: advice, Process: groupwork.SharingData}); err != nil {
		panic(err)
	}

	ring := keyring.NewMemory()
	sealed := keyring.NewSealed(journal.NewMemory(), ring, groupwork.StreamKeySubject)
	if err := g.Save(ctx, sealed); err != nil {
		panic(err)
	}
	subject, _ := groupwork.StreamKeySubject(groupwork.StreamName(g.ID()))
	if err := sealed.Forget(ctx, subject); err != nil {
		panic(err)
	}
	forgotten, err := groupwork.Load(ctx, sealed, g.ID(), nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("members:", forgotten.Size())
	for m := range forgotten.Members() {
		fmt.Println(m.Name(), "gave", m.Given(), "received", m.Received())
	}
	fmt.Println("exchanges:", forgotten.Ledger().Len())
	// Output:
	// members: 2
	// [erased] gave 0 received 1
	// [erased] gave 1 received 0
	// exchanges: 1
}
