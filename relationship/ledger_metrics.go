package relationship

import (
	"iter"

	"github.com/helpingwork/helping/internal/stats"
)

// PartySummary is what the ledger knows of one party: the help given and
// received, by kind, and with how many others.
type PartySummary struct {
	Party     PartyID
	Given     Flow // help this party gave
	Received  Flow // help this party received
	OutDegree int  // how many distinct parties this party helped
	InDegree  int  // how many distinct parties helped this party
}

// Balance returns exchanges given minus exchanges received: positive for a
// net giver (a casework agency, a group's mainstay), negative for a net
// receiver (a casework client).
func (s PartySummary) Balance() int { return s.Given.total - s.Received.total }

// Metrics gathers the ledger's network measures at one moment.
type Metrics struct {
	Exchanges           int     // exchanges recorded
	Parties             int     // parties who gave or received
	Pairs               int     // ordered pairs with at least one exchange
	Reciprocity         float64 // see [Ledger.Reciprocity]
	WeightedReciprocity float64 // see [Ledger.WeightedReciprocity]
	Density             float64 // see [Ledger.Density]
	Concentration       float64 // see [Ledger.Concentration]
}

// TiesPerParty returns the mean number of parties each party helped: the
// helping ties (Pairs) divided by the parties. Unlike [Ledger.Density], it
// does not fall as a relationship grows: in a group where each member helps
// two others it is 2 whether the group has five members or fifty, while the
// density falls from 1/2 to 1/24. Compare relationships of different sizes
// by it, and by density only when their sizes are alike. An empty ledger has
// 0 ties per party.
func (m Metrics) TiesPerParty() float64 {
	if m.Parties == 0 {
		return 0
	}
	return float64(m.Pairs) / float64(m.Parties)
}

// Party returns the summary of one party, and false if the party has not
// taken part in any exchange.
func (l *Ledger) Party(id PartyID) (PartySummary, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	i, ok := l.index[id]
	if !ok {
		return PartySummary{Party: id}, false
	}
	return l.summary(i), true
}

func (l *Ledger) summary(i int32) PartySummary {
	p := &l.parties[i]
	return PartySummary{
		Party: p.id, Given: p.given, Received: p.received,
		OutDegree: int(p.out), InDegree: int(p.in),
	}
}

// Parties yields the summary of every party, in the order each first
// appeared in the ledger. The summaries are taken under one read lock, so
// they describe a single moment.
func (l *Ledger) Parties() iter.Seq[PartySummary] {
	return func(yield func(PartySummary) bool) {
		l.mu.Lock()
		sums := make([]PartySummary, len(l.parties))
		for i := range l.parties {
			sums[i] = l.summary(int32(i))
		}
		l.mu.Unlock()
		for _, s := range sums {
			if !yield(s) {
				return
			}
		}
	}
}

// Between returns the number of exchanges in which giver helped receiver:
// the flow on one side of a dyad.
func (l *Ledger) Between(giver, receiver PartyID) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	g, ok1 := l.index[giver]
	r, ok2 := l.index[receiver]
	if !ok1 || !ok2 {
		return 0
	}
	key, dir := dyadKey(g, r)
	d, ok := l.dyadIndex[key]
	if !ok {
		return 0
	}
	return l.dyads[d].w[dir]
}

// Reciprocity returns the share of connected pairs in which help flows both
// ways: of the unordered pairs {a, b} where a helped b or b helped a, the
// fraction where both did. It is 0 for one-way help (the classic casework
// ledger) and 1 when every helping tie is returned (a mutual-aid group at its
// best). An empty ledger has reciprocity 0.
func (l *Ledger) Reciprocity() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reciprocity()
}

func (l *Ledger) reciprocity() float64 { return stats.Ratio(l.mutual, l.connected) }

// WeightedReciprocity weighs reciprocity by how much help flows: the share of
// all exchanges that are matched by help in the other direction,
// Σ min(w(a,b), w(b,a)) / Σ w(a,b) over ordered pairs, where w counts
// exchanges (Squartini et al., 2013). A pair where a helped b ten times and b
// helped a once counts as mostly one-way here, but as fully reciprocal in
// [Ledger.Reciprocity].
func (l *Ledger) WeightedReciprocity() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.weightedReciprocity()
}

func (l *Ledger) weightedReciprocity() float64 { return stats.Ratio(l.matched, len(l.exchanges)) }

// Density returns the share of possible helping ties that exist: ordered
// pairs with at least one exchange, divided by n(n-1) for the n parties in
// the ledger. A casework case of one worker and one client who only receives
// has density 1/2; a group where everyone has helped everyone has density 1.
//
// Density depends on size: the possible ties grow as n(n-1), but each
// person can keep up only so many, so a larger group has a lower density
// with the same habits of helping. A case of two parties and a club of ten
// are not comparable by density alone; [Metrics.TiesPerParty] is the
// companion that does not depend on size.
func (l *Ledger) Density() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.density()
}

func (l *Ledger) density() float64 {
	n := len(l.parties)
	return stats.Ratio(l.ties, n*(n-1))
}

// Concentration returns how concentrated the giving is: the Gini coefficient
// of the number of exchanges each party gave, normalised so that 0 means
// every party gave equally and 1 means one party gave everything. It is a
// measure of power over the flow of resources: in the casework tradition the
// agency and its worker give and the client receives, so it tends to 1; in
// group work help flows many ways and it falls toward 0. Parties who only
// received count as giving nothing. Fewer than two parties give 0.
//
// It sorts the parties' totals, so it costs O(p log p) for p parties, and the
// result is cached until the next exchange is recorded.
func (l *Ledger) Concentration() float64 {
	l.mu.Lock()
	if l.concentrationValid {
		c := l.concentration
		l.mu.Unlock()
		return c
	}
	l.mu.Unlock()

	l.mu.Lock()
	defer l.mu.Unlock()
	return l.concentrationLocked()
}

// concentrationLocked computes or returns the cached concentration. The
// caller holds the write lock.
func (l *Ledger) concentrationLocked() float64 {
	if !l.concentrationValid {
		xs := l.scratch[:0]
		for i := range l.parties {
			xs = append(xs, l.parties[i].given.total)
		}
		l.scratch = xs
		l.concentration = stats.Gini(xs)
		l.concentrationValid = true
	}
	return l.concentration
}

// Metrics returns every network measure of the ledger at one moment.
func (l *Ledger) Metrics() Metrics {
	l.mu.Lock()
	defer l.mu.Unlock()
	return Metrics{
		Exchanges:           len(l.exchanges),
		Parties:             len(l.parties),
		Pairs:               l.ties,
		Reciprocity:         l.reciprocity(),
		WeightedReciprocity: l.weightedReciprocity(),
		Density:             l.density(),
		Concentration:       l.concentrationLocked(),
	}
}
