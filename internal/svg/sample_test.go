package svg

import "fmt"

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
