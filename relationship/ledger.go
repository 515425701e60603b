package relationship

import (
	"sync"
)

// Ledger is the append-only account of the help exchanged in a relationship.
// It answers the questions a social worker or researcher asks of a helping
// network: who gives, who receives, whether help flows both ways, how much of
// it one party holds.
//
// The ledger keeps its aggregates up to date as each exchange is recorded, so
// that no query rescans the exchanges: totals per party and [SupportKind],
// flow per ordered pair (a dyad), degrees, and the counts behind
// [Ledger.Reciprocity] and [Ledger.Density]. Only [Ledger.Concentration] sorts,
// and it sorts the parties, not the exchanges.
//
// The zero Ledger is empty and ready to use; [NewLedger] takes a capacity
// hint. A Ledger is safe for concurrent use. It must not be copied after first
// use.
type Ledger struct {
	mu        sync.Mutex
	exchanges []Exchange
	links     []links           // parallel to exchanges
	index     map[PartyID]int32 // party -> position in parties
	parties   []partyStats      // in order of first appearance
	pairIndex map[uint64]int32  // giver<<32 | receiver (party positions) -> position in pairs
	pairs     []pairStats
	kinds     [NumSupportKinds + 1]chain // per kind, the chain of its exchanges
	inOrder   bool                       // times are non-decreasing in recording order
	mutual    int                        // unordered pairs with help both ways
	connected int                        // unordered pairs with help in at least one way
	matched   int                        // Σ over ordered pairs of min(w(i,j), w(j,i))

	concentration      float64 // cached; valid when concentrationValid
	concentrationValid bool
	scratch            []int // reused by Concentration
}

// LedgerOptions tunes a new [Ledger]. A nil *LedgerOptions means the defaults.
type LedgerOptions struct {
	// Exchanges is the number of exchanges to make room for up front, so that
	// recording them allocates nothing more.
	Exchanges int
	// Parties is the number of parties to make room for up front.
	Parties int
	// Pairs is the number of ordered pairs (one side of a dyad each) to make
	// room for. Zero means four per party: helping networks are sparse, most
	// people helping a few others.
	Pairs int
}

// NewLedger returns an empty ledger, with room for the exchanges and parties
// the options announce.
func NewLedger(opts *LedgerOptions) *Ledger {
	l := &Ledger{}
	if opts != nil {
		l.init(max(opts.Exchanges, 0), max(opts.Parties, 0), max(opts.Pairs, 0))
	}
	return l
}

// links threads an exchange onto the chains of its giver, its receiver and
// its kind, so that the iterators by party and by kind skip the others.
type links struct {
	nextGiven, nextReceived, nextOfKind int32
}

// chain is the first and last exchange of a linked chain, or -1.
type chain struct{ head, tail int32 }

var emptyChain = chain{-1, -1}

type partyStats struct {
	id               PartyID
	given, received  Flow
	out, in          int32 // number of distinct receivers, givers
	asGiver, asRecvr chain
}

// pairStats counts the exchanges on one ordered pair: one side of a dyad.
type pairStats struct {
	count   int
	reverse int32 // position of the reverse pair, or -1
}

func (l *Ledger) init(exchanges, parties, pairs int) {
	l.exchanges = make([]Exchange, 0, exchanges)
	l.links = make([]links, 0, exchanges)
	l.index = make(map[PartyID]int32, parties)
	l.parties = make([]partyStats, 0, parties)
	if pairs == 0 {
		pairs = 4 * parties
	}
	l.pairIndex = make(map[uint64]int32, pairs)
	l.pairs = make([]pairStats, 0, pairs)
	l.kinds = [NumSupportKinds + 1]chain{}
	for k := range l.kinds {
		l.kinds[k] = emptyChain
	}
	l.inOrder = true
}

// Record appends an exchange to the ledger and updates every aggregate. An
// invalid exchange (the zero Exchange, for one) is refused with an
// [*ExchangeError] and nothing is recorded. The ledger does not check that
// exchange identifiers are unique; the case or group that owns it does.
func (l *Ledger) Record(e Exchange) error {
	if err := e.check(); err != nil {
		return err
	}
	l.mu.Lock()
	l.record(&e)
	l.mu.Unlock()
	return nil
}

func (l *Ledger) record(e *Exchange) {
	if l.index == nil {
		l.init(0, 0, 0)
	}
	n := int32(len(l.exchanges))
	if n > 0 && e.at.Before(l.exchanges[n-1].at) {
		l.inOrder = false
	}
	g := l.party(e.giver)
	r := l.party(e.receiver)
	k := e.support.kind

	l.count(l.pair(g, r))
	l.parties[g].given.add(k)
	l.parties[r].received.add(k)

	l.exchanges = append(l.exchanges, *e)
	l.links = append(l.links, links{-1, -1, -1})
	if c := &l.parties[g].asGiver; c.tail < 0 {
		c.head, c.tail = n, n
	} else {
		l.links[c.tail].nextGiven, c.tail = n, n
	}
	if c := &l.parties[r].asRecvr; c.tail < 0 {
		c.head, c.tail = n, n
	} else {
		l.links[c.tail].nextReceived, c.tail = n, n
	}
	if c := &l.kinds[k]; c.tail < 0 {
		c.head, c.tail = n, n
	} else {
		l.links[c.tail].nextOfKind, c.tail = n, n
	}
	l.concentrationValid = false
}

// party returns the position of id, adding it if new.
func (l *Ledger) party(id PartyID) int32 {
	if i, ok := l.index[id]; ok {
		return i
	}
	i := int32(len(l.parties))
	l.index[id] = i
	l.parties = append(l.parties, partyStats{id: id, asGiver: emptyChain, asRecvr: emptyChain})
	return i
}

// pair returns the position of the ordered pair g -> r, adding it if new and
// updating degrees, density and reciprocity counts.
func (l *Ledger) pair(g, r int32) int32 {
	key := uint64(g)<<32 | uint64(uint32(r))
	if i, ok := l.pairIndex[key]; ok {
		return i
	}
	i := int32(len(l.pairs))
	l.pairIndex[key] = i
	rev, ok := l.pairIndex[uint64(r)<<32|uint64(uint32(g))]
	if ok {
		l.pairs[rev].reverse = i
		l.mutual++
	} else {
		rev = -1
		l.connected++
	}
	l.pairs = append(l.pairs, pairStats{reverse: rev})
	l.parties[g].out++
	l.parties[r].in++
	return i
}

// count counts one exchange on pair p and keeps the matched weight behind
// the weighted reciprocity: when the pair's count does not exceed its
// reverse's, the new exchange answers one in the other direction.
func (l *Ledger) count(p int32) {
	ps := &l.pairs[p]
	ps.count++
	if ps.reverse >= 0 && ps.count <= l.pairs[ps.reverse].count {
		l.matched += 2
	}
}

// Len returns the number of exchanges recorded.
func (l *Ledger) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.exchanges)
}

// Equal reports whether l and o hold the same exchanges in the same order.
// Every aggregate follows from the exchanges, so equal ledgers answer every
// query alike. It is how a case or group rebuilt from its record is checked
// against the original.
func (l *Ledger) Equal(o *Ledger) bool {
	if l == o {
		return true
	}
	a, b := l.snapshot(), o.snapshot()
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}
