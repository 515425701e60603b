// Command ledger records a week of help in one neighbourhood and prints the
// ledger's measures as a table.
//
// A charity visitor calls on the Kowalski family three times; in the same
// week the mothers' club at the settlement house meets, and its members help
// one another. Both streams of help go into ledgers, and the same measures
// (reciprocity, density, concentration, balance) tell the two apart.
//
//	go run ./examples/ledger
package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/helpingwork/helping/relationship"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ledger:", err)
		os.Exit(1)
	}
}

// help is one line of the week's account: who gave what to whom.
type help struct {
	giver, receiver string
	kind            relationship.SupportKind
	what            string
	amount          float64
	unit            string
}

var visits = []help{
	{"Miss Hale (visitor)", "Anna Kowalski", relationship.Informational, "where the mill is hiring", 0, ""},
	{"Miss Hale (visitor)", "Anna Kowalski", relationship.Material, "coal", 2, "hundredweight"},
	{"Miss Hale (visitor)", "Anna Kowalski", relationship.Appraisal, "advice on thrift", 0, ""},
}

var club = []help{
	{"Rosa", "Bridget", relationship.Companionship, "walked to the club together", 0, ""},
	{"Bridget", "Rosa", relationship.Informational, "how to write to the landlord", 0, ""},
	{"Hannah", "Rosa", relationship.Material, "a loaf of bread", 1, "loaf"},
	{"Rosa", "Hannah", relationship.Emotional, "sat with her when the baby was ill", 0, ""},
	{"Bridget", "Hannah", relationship.Companionship, "sang together", 0, ""},
	{"Hannah", "Bridget", relationship.Appraisal, "you spoke up well at the meeting", 0, ""},
	{"Mrs Lane (club leader)", "Rosa", relationship.Informational, "the night-school timetable", 0, ""},
	{"Rosa", "Mrs Lane (club leader)", relationship.Appraisal, "the club is ours now", 0, ""},
}

// neighbourhood holds the parties by name, with deterministic identifiers.
type neighbourhood struct {
	src   *relationship.Sources
	ids   map[string]relationship.PartyID
	names map[relationship.PartyID]string
	order []string
}

func newNeighbourhood() *neighbourhood {
	return &neighbourhood{
		src: &relationship.Sources{
			Clock: relationship.StepClock(time.Date(1894, 11, 5, 9, 0, 0, 0, time.UTC), 3*time.Hour),
			IDs:   relationship.SequentialIDs(1894),
		},
		ids:   map[string]relationship.PartyID{},
		names: map[relationship.PartyID]string{},
	}
}

func (n *neighbourhood) id(name string) relationship.PartyID {
	if id, ok := n.ids[name]; ok {
		return id
	}
	id := n.src.NewPartyID()
	n.ids[name], n.names[id] = id, name
	n.order = append(n.order, name)
	return id
}

// record puts each line of help into a new ledger.
func (n *neighbourhood) record(lines []help) (*relationship.Ledger, error) {
	l := relationship.NewLedger(&relationship.LedgerOptions{Exchanges: len(lines)})
	for _, h := range lines {
		s, err := support(h)
		if err != nil {
			return nil, err
		}
		e, err := relationship.NewExchange(n.src.NewID(), n.id(h.giver), n.id(h.receiver), s, n.src.Now())
		if err != nil {
			return nil, err
		}
		if err := l.Record(e); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func support(h help) (relationship.Support, error) {
	if h.unit != "" {
		return relationship.NewMaterial(h.what, h.amount, h.unit)
	}
	return relationship.NewSupport(h.kind, h.what)
}

func run(w io.Writer) error {
	n := newNeighbourhood()
	for _, part := range []struct {
		title string
		lines []help
	}{
		{"Casework: the visitor and the Kowalski family", visits},
		{"Group work: the mothers' club", club},
	} {
		l, err := n.record(part.lines)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\n\n", part.title)
		if err := n.table(w, l); err != nil {
			return err
		}
	}
	return nil
}

// table prints one row per party and the ledger's measures.
func (n *neighbourhood) table(w io.Writer, l *relationship.Ledger) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  party\tgave\treceived\tbalance\thelped\thelped by")
	for s := range l.Parties() {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%+d\t%d\t%d\n", n.names[s.Party],
			s.Given.Total(), s.Received.Total(), s.Balance(), s.OutDegree, s.InDegree)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	m := l.Metrics()
	fmt.Fprintf(w, "\n  exchanges %d, parties %d, helping ties %d\n", m.Exchanges, m.Parties, m.Pairs)
	fmt.Fprintf(w, "  reciprocity    %.2f  share of ties where help flows both ways (%.2f counting exchanges)\n", m.Reciprocity, m.WeightedReciprocity)
	fmt.Fprintf(w, "  density        %.2f  share of possible ties that exist\n", m.Density)
	fmt.Fprintf(w, "  concentration  %.2f  of giving: 0 = all give equally, 1 = one gives everything\n\n", m.Concentration)
	return nil
}
