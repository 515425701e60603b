package groupwork_test

import (
	"errors"
	"fmt"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// A first club, with nothing but the package: a settlement worker forms a
// club, two girls from the block join, and they help one another. The help
// goes both ways, and no one does all the giving.
func Example_firstClub() {
	src := &relationship.Sources{} // the system clock and time-ordered ids
	lane := relationship.MustParty(src.NewPartyID(), "Ellen Lane", relationship.RoleFacilitator)
	g, err := groupwork.NewGroup(lane, groupwork.Spec{
		Name:     "Ewing Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation},
		Model:    groupwork.SocialGoals,
		Settings: groupwork.Settings{Membership: groupwork.OpenMembership, Capacity: 12},
	}, &groupwork.Options{Sources: src})
	if err != nil {
		panic(err)
	}
	rosa, hannah := src.NewPartyID(), src.NewPartyID()
	english, _ := relationship.NewSupport(relationship.Informational, "a letter in English")
	sewing, _ := relationship.NewSupport(relationship.Material, "mended a coat")
	if err := errors.Join(g.Join(rosa, "Rosa Bianchi", groupwork.Profile{}),
		g.Join(hannah, "Hannah Levin", groupwork.Profile{})); err != nil {
		panic(err)
	}
	if _, err := g.GiveAid(rosa, groupwork.Aid{To: hannah, Support: english,
		Process: groupwork.SharingData}); err != nil {
		panic(err)
	}
	if _, err := g.GiveAid(hannah, groupwork.Aid{To: rosa, Support: sewing,
		Process: groupwork.MutualSupport}); err != nil {
		panic(err)
	}
	for m := range g.Members() {
		fmt.Println("member:", m.Name())
	}
	fmt.Printf("reciprocity %.2f, concentration of giving %.2f\n",
		g.Ledger().Reciprocity(), g.Ledger().Concentration())
	// Output:
	// member: Rosa Bianchi
	// member: Hannah Levin
	// reciprocity 1.00, concentration of giving 0.00
}
