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
// the flow each way within every dyad (pair of parties), degrees, and the
// counts behind [Ledger.Reciprocity] and [Ledger.Density]. Only
// [Ledger.Concentration] sorts, and it sorts the parties, not the exchanges.
//
// The zero Ledger is empty and ready to use; [NewLedger] takes a capacity
// hint. A Ledger is safe for concurrent use. It must not be copied after first
// use.
type Ledger struct {
	mu         sync.Mutex
	exchanges  []Exchange
	links      []links           // parallel to exchanges; never changed once written
	index      map[PartyID]int32 // party -> position in parties
	parties    []partyStats      // in order of first appearance
	dyadIndex  map[uint64]int32  // dyadKey -> position in dyads
	dyads      []dyad
	ties       int                        // ordered pairs with at least one exchange
	lastOfKind [NumSupportKinds + 1]int32 // per kind, its latest exchange, or -1
	inOrder    bool                       // times are non-decreasing in recording order
	mutual     int                        // unordered pairs with help both ways
	connected  int                        // unordered pairs with help in at least one way
	matched    int                        // Σ over ordered pairs of min(w(i,j), w(j,i))

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
	// Pairs is the number of pairs of parties (dyads) joined by help to make
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

// links threads each exchange onto three chains that run backwards: to the
// previous exchange of its giver, of its receiver and of its kind (-1 at the
// start). A new exchange's links point only at older ones, so recording
// writes them once, in order, and never touches an older exchange; the
// iterators by party and by kind walk the chains back from the latest.
type links struct {
	prevGiven, prevReceived, prevOfKind int32
}

type partyStats struct {
	// What recording touches for the giver, then for the receiver, kept
	// together so that each side is one or two cache lines.
	given     Flow
	out       int32 // number of distinct receivers
	lastGiven int32 // latest exchange as giver, or -1
	received  Flow
	in        int32 // number of distinct givers
	lastRecvd int32 // latest exchange as receiver, or -1
	id        PartyID
}

// dyad counts the exchanges between two parties, in each direction: w[0]
// from the party first seen to the other, w[1] back. Both directions live
// in one place, so recording touches one dyad and reads the other direction
// without a second lookup.
type dyad struct {
	w [2]int
}

// dyadKey names the dyad of the parties at positions a and b, in either
// order, and says which of its two directions runs from a to b.
func dyadKey(a, b int32) (key uint64, dir int) {
	if b < a {
		return uint64(b)<<32 | uint64(uint32(a)), 1
	}
	return uint64(a)<<32 | uint64(uint32(b)), 0
}

func (l *Ledger) init(exchanges, parties, pairs int) {
	l.exchanges = make([]Exchange, 0, exchanges)
	l.links = make([]links, 0, exchanges)
	l.index = make(map[PartyID]int32, parties)
	l.parties = make([]partyStats, 0, parties)
	if pairs == 0 {
		pairs = 4 * parties
	}
	l.dyadIndex = make(map[uint64]int32, pairs)
	l.dyads = make([]dyad, 0, pairs)
	for k := range l.lastOfKind {
		l.lastOfKind[k] = -1
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

	l.count(g, r)
	l.parties[g].given.add(k)
	l.parties[r].received.add(k)

	l.exchanges = append(l.exchanges, *e)
	gs, rs := &l.parties[g], &l.parties[r]
	l.links = append(l.links, links{gs.lastGiven, rs.lastRecvd, l.lastOfKind[k]})
	gs.lastGiven, rs.lastRecvd, l.lastOfKind[k] = n, n, n
	l.concentrationValid = false
}

// party returns the position of id, adding it if new.
func (l *Ledger) party(id PartyID) int32 {
	if pos, ok := l.index[id]; ok {
		return pos
	}
	pos := int32(len(l.parties))
	l.index[id] = pos
	l.parties = append(l.parties, partyStats{id: id, lastGiven: -1, lastRecvd: -1})
	return pos
}

// count counts one exchange from party g to party r, and keeps up to date
// the counts behind the measures: degrees and ties when a direction gets its
// first exchange, connected and mutual dyads, and the matched weight behind
// the weighted reciprocity (an exchange that does not outnumber the other
// direction answers one in it).
func (l *Ledger) count(g, r int32) {
	key, dir := dyadKey(g, r)
	i, ok := l.dyadIndex[key]
	if !ok {
		i = int32(len(l.dyads))
		l.dyadIndex[key] = i
		l.dyads = append(l.dyads, dyad{})
		l.connected++
	}
	d := &l.dyads[i]
	d.w[dir]++
	back := d.w[1-dir]
	if d.w[dir] == 1 { // a new tie from g to r
		l.ties++
		l.parties[g].out++
		l.parties[r].in++
		if back > 0 {
			l.mutual++
		}
	}
	if d.w[dir] <= back {
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
// against the original. A nil ledger holds no exchanges: it equals an
// empty one.
func (l *Ledger) Equal(o *Ledger) bool {
	if l == o {
		return true
	}
	if l == nil || o == nil {
		return (l == nil || l.Len() == 0) && (o == nil || o.Len() == 0)
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
