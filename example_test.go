package helping_test

import (
	"fmt"

	"github.com/helpingwork/helping/relationship"
)

// A friendly visitor brings a family coal three times; three members of a
// mothers' club help one another. The ledger of each tells the two kinds of
// helping apart: in the case help flows one way and one party does all the
// giving; in the club every tie is returned and giving is shared.
func Example() {
	src := &relationship.Sources{} // the system clock and time-ordered ids
	give := func(l *relationship.Ledger, from, to relationship.PartyID,
		kind relationship.SupportKind, what string) {
		s, err := relationship.NewSupport(kind, what)
		if err != nil {
			panic(err)
		}
		x, err := relationship.NewExchange(src.NewID(), from, to, s, src.Now())
		if err != nil {
			panic(err)
		}
		if err := l.Record(x); err != nil {
			panic(err)
		}
	}

	var visit relationship.Ledger // the zero Ledger is ready to use
	visitor, family := src.NewPartyID(), src.NewPartyID()
	for range 3 {
		give(&visit, visitor, family, relationship.Material, "a hundredweight of coal")
	}

	var club relationship.Ledger
	ann, bea, cora := src.NewPartyID(), src.NewPartyID(), src.NewPartyID()
	give(&club, ann, bea, relationship.Companionship, "walked her home")
	give(&club, bea, ann, relationship.Informational, "how to write to the landlord")
	give(&club, bea, cora, relationship.Emotional, "listened")
	give(&club, cora, bea, relationship.Material, "lent a shawl")

	for _, l := range []struct {
		name   string
		ledger *relationship.Ledger
	}{{"the visitor and the family", &visit}, {"the mothers' club", &club}} {
		fmt.Printf("%-26s reciprocity %.2f, concentration of giving %.2f\n",
			l.name, l.ledger.Reciprocity(), l.ledger.Concentration())
	}
	// Output:
	// the visitor and the family reciprocity 0.00, concentration of giving 1.00
	// the mothers' club          reciprocity 1.00, concentration of giving 0.25
}
