package relationship_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// people makes the parties of the examples with deterministic identifiers.
func people(names ...string) []relationship.PartyID {
	next := relationship.SequentialIDs(1889)
	ids := make([]relationship.PartyID, len(names))
	for i := range names {
		ids[i] = relationship.PartyID(next())
	}
	return ids
}

// give records that giver helped receiver with support of the given kind.
func give(l *relationship.Ledger, giver, receiver relationship.PartyID, kind relationship.SupportKind, what string) {
	s, err := relationship.NewSupport(kind, what)
	if err != nil {
		panic(err)
	}
	e, err := relationship.NewExchange(ids(), giver, receiver, s, clock())
	if err != nil {
		panic(err)
	}
	if err := l.Record(e); err != nil {
		panic(err)
	}
}

var (
	ids   = relationship.SequentialIDs(1)
	clock = relationship.StepClock(time.Date(1890, 1, 6, 9, 0, 0, 0, time.UTC), time.Hour)
)

// A casework ledger and a group-work ledger side by side: the same measures
// tell the two traditions apart.
func Example() {
	p := people("worker", "client", "Ada", "Ben", "Cora")
	worker, client, ada, ben, cora := p[0], p[1], p[2], p[3], p[4]

	var casework relationship.Ledger
	give(&casework, worker, client, relationship.Informational, "where to find work")
	give(&casework, worker, client, relationship.Emotional, "listened")
	give(&casework, worker, client, relationship.Informational, "budgeting")

	var group relationship.Ledger
	give(&group, ada, ben, relationship.Companionship, "walked to the club together")
	give(&group, ben, ada, relationship.Informational, "how to write to the landlord")
	give(&group, cora, ada, relationship.Emotional, "listened")
	give(&group, ada, cora, relationship.Appraisal, "you spoke up well")
	give(&group, ben, cora, relationship.Companionship, "sang together")

	for _, l := range []struct {
		name string
		m    relationship.Metrics
	}{{"casework", casework.Metrics()}, {"group work", group.Metrics()}} {
		fmt.Printf("%-10s reciprocity %.2f  density %.2f  concentration %.2f\n",
			l.name, l.m.Reciprocity, l.m.Density, l.m.Concentration)
	}
	// Output:
	// casework   reciprocity 0.00  density 0.50  concentration 1.00
	// group work reciprocity 0.67  density 0.83  concentration 0.20
}

func ExampleLedger_Record() {
	p := people("worker", "client")
	var l relationship.Ledger
	coal, _ := relationship.NewMaterial("coal", 2, "hundredweight")
	e, _ := relationship.NewExchange(ids(), p[0], p[1], coal, clock())
	fmt.Println(l.Record(e), l.Len())

	// Help is always between two parties: a self-exchange is refused and
	// nothing is recorded.
	_, err := relationship.NewExchange(ids(), p[0], p[0], coal, clock())
	fmt.Println(errors.Is(err, relationship.ErrSelfExchange), l.Len())
	// Output:
	// <nil> 1
	// true 1
}

// Reciprocity asks of every helping tie whether it is returned.
func ExampleLedger_Reciprocity() {
	p := people("Ada", "Ben", "Cora")
	var l relationship.Ledger
	give(&l, p[0], p[1], relationship.Emotional, "") // Ada helps Ben...
	give(&l, p[1], p[0], relationship.Emotional, "") // ...and Ben returns it.
	give(&l, p[0], p[2], relationship.Emotional, "") // Ada helps Cora, not returned.
	fmt.Printf("%.2f\n", l.Reciprocity())
	// Output: 0.50
}

// Weighted reciprocity counts exchanges, not ties: a tie returned once for
// every three times given is mostly one-way.
func ExampleLedger_WeightedReciprocity() {
	p := people("worker", "client")
	var l relationship.Ledger
	for range 3 {
		give(&l, p[0], p[1], relationship.Informational, "advice")
	}
	give(&l, p[1], p[0], relationship.Appraisal, "thanks: it worked")
	fmt.Printf("reciprocity %.2f, weighted %.2f\n", l.Reciprocity(), l.WeightedReciprocity())
	// Output: reciprocity 1.00, weighted 0.50
}

// Density is the share of possible helping ties that exist.
func ExampleLedger_Density() {
	p := people("Ada", "Ben", "Cora")
	var l relationship.Ledger
	give(&l, p[0], p[1], relationship.Companionship, "")
	give(&l, p[1], p[2], relationship.Companionship, "")
	give(&l, p[2], p[0], relationship.Companionship, "")
	fmt.Printf("%.2f\n", l.Density()) // 3 of the 6 possible ties
	// Output: 0.50
}

// Concentration is 1 when one party does all the giving, and 0 when all
// give equally.
func ExampleLedger_Concentration() {
	p := people("worker", "mother", "father")
	var l relationship.Ledger
	give(&l, p[0], p[1], relationship.Material, "rent")
	give(&l, p[0], p[2], relationship.Informational, "a job at the mill")
	fmt.Printf("%.2f\n", l.Concentration())

	// Now the family gives as much as the worker: each parent twice.
	give(&l, p[1], p[0], relationship.Appraisal, "you were fair to us")
	give(&l, p[1], p[2], relationship.Emotional, "")
	give(&l, p[2], p[1], relationship.Companionship, "")
	give(&l, p[2], p[0], relationship.Informational, "the landlord's plans")
	fmt.Printf("%.2f\n", l.Concentration())
	// Output:
	// 1.00
	// 0.00
}

// Balance is given minus received: positive for a net giver.
func ExampleLedger_Party() {
	p := people("worker", "client")
	var l relationship.Ledger
	give(&l, p[0], p[1], relationship.Emotional, "")
	give(&l, p[0], p[1], relationship.Material, "")
	s, _ := l.Party(p[1])
	fmt.Printf("received %v, balance %d\n", s.Received, s.Balance())
	// Output: received 2 (emotional 1, material 1), balance -2
}

// A rights table makes power a rule: the client, not the worker, consents.
func ExampleRights_Check() {
	rights := relationship.MustRights(
		relationship.Rule{Act: "consent-to-plan", Kind: relationship.ConsentAct,
			Roles: relationship.RolesOf(relationship.RoleClient), Why: "self-determination"},
	)
	p := people("worker", "client")
	worker := relationship.MustParty(p[0], "Mary Richmond", relationship.RoleWorker)
	client := relationship.MustParty(p[1], "Anna Kowalski", relationship.RoleClient)
	fmt.Println(rights.Check(client, "consent-to-plan"))
	err := rights.Check(worker, "consent-to-plan")
	fmt.Println(errors.Is(err, relationship.ErrNotPermitted))
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// relationship: worker Mary Richmond may not consent to plan
}

// Injected sources make identifiers and times the same on every run.
func ExampleSources() {
	src := &relationship.Sources{
		Clock: relationship.StepClock(time.Date(1889, 9, 18, 9, 0, 0, 0, time.UTC), 24*time.Hour),
		IDs:   relationship.SequentialIDs(1),
	}
	fmt.Println(src.Now().Format(time.DateOnly), src.NewID())
	fmt.Println(src.Now().Format(time.DateOnly), src.NewID())
	// Output:
	// 1889-09-18 00000000-0001-7000-8000-000000000001
	// 1889-09-19 00000000-0001-7000-8000-000000000002
}

// A party is an identity, a name and a role. A client's name is redacted
// when the party is logged or printed with a fmt verb; String shows it to
// whoever is entitled to see it.
func ExampleNewParty() {
	p := people("client")
	client, err := relationship.NewParty(p[0], "Anna Kowalski", relationship.RoleClient)
	fmt.Println(client.String(), err)
	fmt.Printf("%v\n", client)

	_, err = relationship.NewParty(p[0], "  ", relationship.RoleClient)
	fmt.Println(errors.Is(err, relationship.ErrBlank))
	// Output:
	// Anna Kowalski (client) <nil>
	// relationship.Party{id=00000000-0761-7000-8000-000000000001 name=[redacted] role=client}
	// true
}

// Material support carries a quantity; other kinds are described in words.
func ExampleNewMaterial() {
	coal, err := relationship.NewMaterial("coal", 2, "hundredweight")
	fmt.Println(coal.String(), err)

	_, err = relationship.NewMaterial("coal", -1, "hundredweight")
	fmt.Println(errors.Is(err, relationship.ErrInvalidQuantity))

	talk, _ := relationship.NewSupport(relationship.Emotional, "listened to her worries")
	fmt.Println(talk.String())
	fmt.Println(talk) // a fmt verb redacts the description
	// Output:
	// material: 2 hundredweight (coal) <nil>
	// true
	// emotional: listened to her worries
	// emotional: [redacted]
}

// An exchange records one act of help. Help to oneself is refused with an
// error that carries the exchange as offered.
func ExampleNewExchange() {
	p := people("visitor", "family")
	advice, _ := relationship.NewSupport(relationship.Informational, "where the mill is hiring")
	at := time.Date(1894, 11, 5, 10, 0, 0, 0, time.UTC)
	e, err := relationship.NewExchange(ids(), p[0], p[1], advice, at)
	fmt.Println(e.Support().String(), e.Time().Format(time.DateOnly), err)

	_, err = relationship.NewExchange(ids(), p[0], p[0], advice, at)
	var ee *relationship.ExchangeError
	fmt.Println(errors.As(err, &ee), errors.Is(err, relationship.ErrSelfExchange))
	// Output:
	// informational: where the mill is hiring 1894-11-05 <nil>
	// true true
}

// The iterators walk the ledger without copying it: all exchanges, or only
// those of one party or one kind.
func ExampleLedger_ByParty() {
	p := people("Ada", "Ben", "Cora")
	var l relationship.Ledger
	give(&l, p[0], p[1], relationship.Companionship, "walked to the club")
	give(&l, p[1], p[2], relationship.Informational, "the night-school timetable")
	give(&l, p[2], p[0], relationship.Emotional, "listened")
	for e := range l.ByParty(p[0]) {
		fmt.Println(e.Support().String())
	}
	for e := range l.ByKind(relationship.Informational) {
		fmt.Println(e.Support().Description())
	}
	// Output:
	// companionship: walked to the club
	// emotional: listened
	// the night-school timetable
}
