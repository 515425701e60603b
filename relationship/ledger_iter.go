package relationship

import (
	"iter"
	"slices"
)

// All yields every exchange in the order it was recorded. It sees the
// exchanges recorded before the loop began; the ledger is not locked while
// the loop body runs, so the body may record more.
func (l *Ledger) All() iter.Seq[Exchange] {
	return func(yield func(Exchange) bool) {
		for _, e := range l.snapshot() {
			if !yield(e) {
				return
			}
		}
	}
}

// snapshot returns the exchanges recorded so far. Recorded exchanges are
// never changed and later ones are written past the snapshot's end, so it
// may be read without the lock.
func (l *Ledger) snapshot() []Exchange {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.exchanges[:len(l.exchanges):len(l.exchanges)]
}

// InTimeOrder yields every exchange in order of time, exchanges with equal
// times in the order they were recorded. When exchanges were recorded in
// time order, as they usually are, it costs no more than [Ledger.All].
func (l *Ledger) InTimeOrder() iter.Seq[Exchange] {
	return func(yield func(Exchange) bool) {
		l.mu.Lock()
		xs, sorted := l.exchanges[:len(l.exchanges):len(l.exchanges)], l.inOrder
		l.mu.Unlock()
		if !sorted {
			xs = slices.Clone(xs)
			slices.SortStableFunc(xs, func(a, b Exchange) int { return a.at.Compare(b.at) })
		}
		for _, e := range xs {
			if !yield(e) {
				return
			}
		}
	}
}

// ByParty yields, in the order they were recorded, the exchanges in which
// the party gave or received. It visits only that party's exchanges.
func (l *Ledger) ByParty(id PartyID) iter.Seq[Exchange] {
	return func(yield func(Exchange) bool) {
		l.mu.Lock()
		xs, ls := l.exchanges[:len(l.exchanges):len(l.exchanges)], l.links[:len(l.links):len(l.links)]
		g, r := int32(-1), int32(-1)
		if p, ok := l.index[id]; ok {
			g, r = l.parties[p].lastGiven, l.parties[p].lastRecvd
		}
		l.mu.Unlock()
		// Walk the giver and receiver chains back together, latest first.
		var at []int32
		for g >= 0 || r >= 0 {
			if g > r {
				at, g = append(at, g), ls[g].prevGiven
			} else {
				at, r = append(at, r), ls[r].prevReceived
			}
		}
		yieldBackwards(xs, at, yield)
	}
}

// ByKind yields, in the order they were recorded, the exchanges of one kind
// of support. It visits only exchanges of that kind.
func (l *Ledger) ByKind(k SupportKind) iter.Seq[Exchange] {
	return func(yield func(Exchange) bool) {
		if !k.IsValid() {
			return
		}
		l.mu.Lock()
		xs, ls := l.exchanges[:len(l.exchanges):len(l.exchanges)], l.links[:len(l.links):len(l.links)]
		cur := int32(-1)
		if l.index != nil {
			cur = l.lastOfKind[k]
		}
		l.mu.Unlock()
		var at []int32
		for ; cur >= 0; cur = ls[cur].prevOfKind {
			at = append(at, cur)
		}
		yieldBackwards(xs, at, yield)
	}
}

// yieldBackwards yields xs[i] for the positions in at, last to first. The
// snapshot's exchanges and links never change once written, so no lock is
// held while the loop body runs, and the body may record more.
func yieldBackwards(xs []Exchange, at []int32, yield func(Exchange) bool) {
	for i := len(at) - 1; i >= 0; i-- {
		if !yield(xs[at[i]]) {
			return
		}
	}
}
