package svg

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// sampleNames mixes short, long and non-ASCII names, and names that need
// escaping in XML and in DOT.
var sampleNames = []string{
	"Ana", "Bartholomew Fitzgerald-Montgomery", "Chen Wei", "Dolores", "Émile",
	`Fay "Red" O'Neil`, "Gus & Mo", "Hana", "Ida <Ivy>", "José Álvarez Rodríguez",
	"Kai", "Lena", "Malik", "Nora", "李小龍", "Piet", "Quinn", "Rosa", "Sven",
	"Tomasz Wiśniewski", "Uma", "Vera", "Wanjiru Kamau", "Xavier", "Yusuf",
	"Zoë", "Abdi", "Beatrix", "Cosmo", "Dara", "Elif", "Farid", "Greta",
	"Hugo", "Inès", "Jonas", "Kofi", "Lucía", "Mads", "Nils", "Olu", "Pia",
}

// lcg is a small deterministic pseudo-random sequence for test data.
type lcg uint64

func (g *lcg) next(n int) int {
	*g = *g*6364136223846793005 + 1442695040888963407
	return int((uint64(*g) >> 33) % uint64(n))
}

// sampleSociogram returns a group of n people: for three or more a
// facilitator first, for eight or more one former member, and about two
// ties per person, some of them mutual.
func sampleSociogram(n int) Sociogram {
	s := Sociogram{Title: fmt.Sprintf("Who helps whom: a group of %d", n)}
	for i := range n {
		node := Node{ID: fmt.Sprintf("p%02d", i), Label: sampleNames[i%len(sampleNames)]}
		if i == 0 && n >= 3 {
			node.Kind, node.Label = Facilitator, "Jane Addams"
		}
		if i == n-2 && n >= 8 {
			node.Former = true
		}
		s.Nodes = append(s.Nodes, node)
	}
	g := lcg(uint64(n))
	seen := map[[2]int]bool{}
	add := func(a, b, w int) {
		if a == b || seen[[2]int{a, b}] {
			return
		}
		seen[[2]int{a, b}] = true
		e := Edge{From: s.Nodes[a].ID, To: s.Nodes[b].ID, Weight: w}
		if w >= 2 {
			e.Breakdown = []Count{{"emotional", w / 2}, {"material", w - w/2}}
		}
		s.Edges = append(s.Edges, e)
	}
	if n == 2 {
		add(0, 1, 5)
		add(1, 0, 2)
		return s
	}
	for i := 1; i < n; i++ {
		add(i, 1+(i%(n-1)), 1+g.next(9))
		if g.next(3) == 0 {
			add(1+(i%(n-1)), i, 1+g.next(4))
		}
		add(0, i, 1+g.next(3)*g.next(3))
		if g.next(4) == 0 {
			add(i, 1+g.next(n-1), 1+g.next(12))
		}
	}
	return s
}

// day returns midnight UTC of a date in 2024, counted from 1 January.
func day(d int) time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

// shortTimeline is a case of about seven weeks.
func shortTimeline() Timeline {
	return Timeline{
		Title: "Case of the Lindqvist family",
		Spans: []Span{
			{Label: "intake", Start: day(3), End: day(5)},
			{Label: "study", Start: day(5), End: day(14)},
			{Label: "diagnosis", Start: day(14), End: day(17)},
			{Label: "treatment", Start: day(17), End: day(40), Class: "active work"},
			{Label: "evaluation", Start: day(40), End: day(46)},
			{Label: "closed", Start: day(46), End: day(46)},
		},
		Markers: []Marker{
			{At: day(3), Kind: "consent given", Label: "plan agreed"},
			{At: day(8), Kind: "provision", Label: "coal, 2 sacks"},
			{At: day(9), Kind: "provision", Label: "food voucher"},
			{At: day(18), Kind: "referral", Label: "to the dispensary"},
			{At: day(30), Kind: "consent revoked", Label: "disclosure to landlord"},
			{At: day(46), Kind: "closed", Label: "goals achieved"},
		},
	}
}

// longTimeline is a case of two and a half years, closed and reopened.
func longTimeline() Timeline {
	tl := Timeline{
		Title: "A long case: closed, reopened, and closed again after a referral to the visiting nurses",
		Spans: []Span{
			{Label: "intake", Start: day(10), End: day(20)},
			{Label: "study", Start: day(20), End: day(70)},
			{Label: "diagnosis", Start: day(70), End: day(85)},
			{Label: "treatment", Start: day(85), End: day(400)},
			{Label: "evaluation", Start: day(400), End: day(430)},
			{Label: "closed", Start: day(430), End: day(560)},
			{Label: "intake", Start: day(560), End: day(565), Class: "intake"},
			{Label: "treatment (reopened)", Start: day(565), End: day(850), Class: "treatment"},
			{Label: "follow-up visits by the nurse", Start: day(700), End: day(760), Class: "referral"},
			{Label: "closed", Start: day(850), End: day(900)},
		},
	}
	kinds := []string{"provision", "consent given", "referral", "consent revoked", "home visit", "review"}
	g := lcg(7)
	for i := range 28 {
		k := kinds[g.next(len(kinds))]
		tl.Markers = append(tl.Markers, Marker{At: day(10 + g.next(880)), Kind: k, Label: fmt.Sprintf("%s %d", k, i+1)})
	}
	return tl
}

// crowdedTimeline has many events in a few days.
func crowdedTimeline(n int) Timeline {
	tl := Timeline{Title: fmt.Sprintf("%d events in ten days", n), Spans: []Span{
		{Label: "treatment", Start: day(0), End: day(10)},
	}}
	for i := range n {
		tl.Markers = append(tl.Markers, Marker{
			At:    day(0).Add(time.Duration(i) * 10 * 24 * time.Hour / time.Duration(n)),
			Kind:  []string{"provision", "consent given", "referral"}[i%3],
			Label: fmt.Sprintf("event number %d", i+1),
		})
	}
	return tl
}

// sampleChart compares casework and group work on four measures.
func sampleChart() BarChart {
	return BarChart{
		Title:      "Casework and group work compared",
		Categories: []string{"reciprocity", "density", "concentration of giving", "concentration of acts"},
		Series: []Series{
			{Name: "casework", Values: []float64{0, 1, 1, 0.875}},
			{Name: "group work", Values: []float64{0.62, 0.41, 0.18, 0.25}},
		},
	}
}

// club returns a sociogram of named people, the first a facilitator, with
// ties written "giver>receiver" and the weight after a space, such as
// "Rosa>Maria 2"; people named in former have left.
func club(title string, people []string, former []string, ties ...string) Sociogram {
	s := Sociogram{Title: title}
	for i, p := range people {
		n := Node{ID: p, Former: slices.Contains(former, p)}
		if i == 0 {
			n.Kind = Facilitator
		}
		s.Nodes = append(s.Nodes, n)
	}
	for _, t := range ties {
		cut := strings.LastIndexByte(t, ' ')
		pair, weight := t[:cut], t[cut+1:]
		from, to, _ := strings.Cut(pair, ">")
		w, err := strconv.Atoi(weight)
		if err != nil {
			panic(t)
		}
		s.Edges = append(s.Edges, Edge{From: from, To: to, Weight: w})
	}
	return s
}

// settlementClub is the Ewing Street club of examples/settlementhouse: nine
// people, twenty ties of one or two exchanges, five of them arriving at one
// member.
func settlementClub() Sociogram {
	return club("Ewing Street Girls' Club, 1910-11: who helped whom",
		[]string{"Ellen Lane", "Rosa Bianchi", "Hannah Levin", "Maria Kowalska", "Bridget Walsh",
			"Sadie Cohen", "Anna Novak", "Giulia Russo", "Olga Petrova"},
		[]string{"Sadie Cohen"},
		"Rosa Bianchi>Maria Kowalska 2", "Ellen Lane>Bridget Walsh 1", "Rosa Bianchi>Hannah Levin 1",
		"Rosa Bianchi>Anna Novak 1", "Rosa Bianchi>Giulia Russo 1", "Hannah Levin>Ellen Lane 1",
		"Hannah Levin>Rosa Bianchi 1", "Hannah Levin>Olga Petrova 1", "Maria Kowalska>Sadie Cohen 1",
		"Maria Kowalska>Giulia Russo 1", "Bridget Walsh>Ellen Lane 1", "Bridget Walsh>Hannah Levin 1",
		"Bridget Walsh>Maria Kowalska 1", "Bridget Walsh>Giulia Russo 1", "Sadie Cohen>Hannah Levin 1",
		"Anna Novak>Sadie Cohen 1", "Anna Novak>Giulia Russo 1", "Giulia Russo>Olga Petrova 1",
		"Olga Petrova>Hannah Levin 1", "Olga Petrova>Giulia Russo 1")
}

// halstedClub is the club of the groupwork package's golden sociogram, whose
// heaviest tie runs between two neighbours of a third.
func halstedClub() Sociogram {
	return club("Halsted Street Girls' Club: who helps whom",
		[]string{"Jane Addams", "Rosa Bianchi", "Hannah Levin", "Maria Kowalska", "Sadie Cohen",
			"Anna Novak", "Bridget Walsh", "Giulia Russo"},
		[]string{"Sadie Cohen"},
		"Rosa Bianchi>Maria Kowalska 4", "Hannah Levin>Rosa Bianchi 2", "Sadie Cohen>Anna Novak 2",
		"Bridget Walsh>Maria Kowalska 2", "Jane Addams>Bridget Walsh 1", "Rosa Bianchi>Hannah Levin 1",
		"Hannah Levin>Jane Addams 1", "Maria Kowalska>Rosa Bianchi 1", "Maria Kowalska>Anna Novak 1",
		"Anna Novak>Sadie Cohen 1", "Bridget Walsh>Hannah Levin 1")
}

// mothersClub is the club of examples/compare: five members who all help
// each other once, most of them both ways, and a facilitator.
func mothersClub() Sociogram {
	return club("the mothers' club: who helped whom",
		[]string{"Mrs. Ruth Lane", "Katarzyna", "Bridget", "Rosa", "Hannah", "Ilse"}, nil,
		"Katarzyna>Bridget 1", "Katarzyna>Hannah 1", "Bridget>Katarzyna 1", "Bridget>Hannah 1",
		"Rosa>Mrs. Ruth Lane 1", "Rosa>Bridget 1", "Rosa>Hannah 1", "Rosa>Ilse 1",
		"Hannah>Katarzyna 1", "Hannah>Bridget 1", "Hannah>Rosa 1", "Hannah>Ilse 1",
		"Ilse>Bridget 1", "Ilse>Rosa 1")
}
