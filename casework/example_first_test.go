package casework_test

import (
	"errors"
	"fmt"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
)

// A first case, with nothing but the package: a society appoints a
// supervisor and a worker, the worker opens a family's case and listens to
// the mother's account of the winter. The help goes one way; and the client
// cannot open a case for herself, since the agency decides whom it takes on.
func Example_firstCase() {
	src := &relationship.Sources{} // the system clock and time-ordered ids
	richmond := casework.MustSupervisor(src.NewPartyID(), "Mary E. Richmond")
	whitman := casework.MustWorker(src.NewPartyID(), "Miss Alice Whitman", richmond, 0)
	doyle := casework.MustClient(src.NewPartyID(), "Margaret Doyle",
		casework.Intake{PresentingProblem: "no wages for five weeks; no coal"})
	society := casework.MustAgency(casework.AgencySpec{
		ID: src.NewPartyID(), Name: "Charity Organization Society of Baltimore"}, nil)
	if err := errors.Join(society.AppointSupervisor(society.ID(), richmond),
		society.AppointWorker(society.ID(), whitman)); err != nil {
		panic(err)
	}

	app := casework.Application{Client: doyle, Worker: whitman}
	c, err := casework.NewCase(whitman.ID(), society, app, nil)
	if err != nil {
		panic(err)
	}
	if _, err := c.Counsel(whitman.ID(), relationship.Emotional,
		"heard Mrs. Doyle's account of the winter"); err != nil {
		panic(err)
	}
	m := c.Ledger().Metrics()
	fmt.Printf("%s: %s, help given %d time(s), reciprocity %.0f\n",
		c.Name(), c.Phase(), m.Exchanges, m.Reciprocity)

	_, err = casework.NewCase(doyle.ID(), society, app, nil)
	fmt.Println("may the client open her own case?", !errors.Is(err, relationship.ErrNotPermitted))
	// Output:
	// Margaret Doyle: intake, help given 1 time(s), reciprocity 0
	// may the client open her own case? false
}
