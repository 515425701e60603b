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
		p, ok := l.index[id]
		var g, r int32 = -1, -1
		if ok {
			g, r = l.parties[p].asGiver.head, l.parties[p].asRecvr.head
		}
		l.mu.Unlock()
		// Merge the party's two chains by position.
		l.walk(func() (int32, bool) {
			if g < 0 && r < 0 {
				return -1, false
			}
			if r < 0 || (g >= 0 && g < r) {
				cur := g
				g = l.links[cur].nextGiven
				return cur, true
			}
			cur := r
			r = l.links[cur].nextReceived
			return cur, true
		}, yield)
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
		cur := int32(-1)
		if l.index != nil {
			cur = l.kinds[k].head
		}
		l.mu.Unlock()
		l.walk(func() (int32, bool) {
			if cur < 0 {
				return -1, false
			}
			n := cur
			cur = l.links[n].nextOfKind
			return n, true
		}, yield)
	}
}

// walk follows a chain of exchange positions given by next, which is called
// with the read lock held, and yields the exchanges in batches with the lock
// released, so that the loop body may record into the ledger.
func (l *Ledger) walk(next func() (int32, bool), yield func(Exchange) bool) {
	const batch = 32
	var buf [batch]Exchange
	for {
		l.mu.Lock()
		n := 0
		for n < batch {
			i, ok := next()
			if !ok {
				break
			}
			buf[n] = l.exchanges[i]
			n++
		}
		l.mu.Unlock()
		for _, e := range buf[:n] {
			if !yield(e) {
				return
			}
		}
		if n < batch {
			return
		}
	}
}
