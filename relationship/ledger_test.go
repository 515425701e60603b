package relationship_test

import (
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/helpingwork/helping/relationship"
)

var t0 = time.Date(1899, 1, 2, 9, 0, 0, 0, time.UTC)

// ledgerOf records one exchange per [giver, receiver] pair of party
// numbers, all emotional support, a minute apart.
func ledgerOf(t *testing.T, parties []relationship.PartyID, pairs ...[2]int) *relationship.Ledger {
	t.Helper()
	var l relationship.Ledger
	ids := relationship.SequentialIDs(100)
	for i, p := range pairs {
		e, err := relationship.NewExchange(ids(), parties[p[0]], parties[p[1]],
			mustSupport(relationship.Emotional, ""), t0.Add(time.Duration(i)*time.Minute))
		require.NoError(t, err)
		require.NoError(t, l.Record(e))
	}
	return &l
}

func partyIDs(n int) []relationship.PartyID {
	next := relationship.SequentialIDs(5)
	out := make([]relationship.PartyID, n)
	for i := range out {
		out[i] = relationship.PartyID(next())
	}
	return out
}

func TestLedgerMetricsHandWorked(t *testing.T) {
	p := partyIDs(4)
	tests := []struct {
		name                           string
		pairs                          [][2]int
		reciprocity, weighted, density float64
		concentration                  float64
	}{
		{"empty", nil, 0, 0, 0, 0},
		// Casework: the worker (0) helps the client (1) three times.
		{"one way", [][2]int{{0, 1}, {0, 1}, {0, 1}}, 0, 0, 0.5, 1},
		// Two parties who help each other once each.
		{"returned", [][2]int{{0, 1}, {1, 0}}, 1, 1, 1, 0},
		// 0 helps 1 three times, 1 helps 0 once: every tie is returned, but
		// only 2 of the 4 exchanges are matched.
		{"lopsided", [][2]int{{0, 1}, {0, 1}, {0, 1}, {1, 0}}, 1, 0.5, 1, 0.5},
		// A ring of four: four one-way ties, none returned; everyone gives once.
		{"ring", [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 0}}, 0, 0, 4.0 / 12, 0},
		// A star: 0 helps everyone, 1 answers.
		{"star", [][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 0}}, 1.0 / 3, 0.5, 4.0 / 12, (2*(1*0+2*0+3*1+4*3)/(4.0*4) - 5.0/4) * 4 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ledgerOf(t, p, tt.pairs...)
			const eps = 1e-12
			assert.InDelta(t, tt.reciprocity, l.Reciprocity(), eps, "reciprocity")
			assert.InDelta(t, tt.weighted, l.WeightedReciprocity(), eps, "weighted reciprocity")
			assert.InDelta(t, tt.density, l.Density(), eps, "density")
			assert.InDelta(t, tt.concentration, l.Concentration(), eps, "concentration")
			m := l.Metrics()
			assert.Equal(t, len(tt.pairs), m.Exchanges)
			assert.InDelta(t, tt.concentration, m.Concentration, eps)
		})
	}
}

func TestLedgerPartySummaries(t *testing.T) {
	p := partyIDs(3)
	l := ledgerOf(t, p, [2]int{0, 1}, [2]int{0, 1}, [2]int{1, 0}, [2]int{0, 2})
	s, ok := l.Party(p[0])
	require.True(t, ok)
	assert.Equal(t, 3, s.Given.Total())
	assert.Equal(t, 3, s.Given.Of(relationship.Emotional))
	assert.Equal(t, 0, s.Given.Of(relationship.Material))
	assert.Equal(t, 1, s.Received.Total())
	assert.Equal(t, 2, s.Balance())
	assert.Equal(t, 2, s.OutDegree)
	assert.Equal(t, 1, s.InDegree)
	assert.Equal(t, "3 (emotional 3)", s.Given.String())
	assert.Equal(t, 2, l.Between(p[0], p[1]))
	assert.Equal(t, 0, l.Between(p[2], p[0]))

	_, ok = l.Party(idThird)
	assert.False(t, ok, "a party with no exchanges is unknown to the ledger")

	var order []relationship.PartyID
	for s := range l.Parties() {
		order = append(order, s.Party)
	}
	assert.Equal(t, p, order, "parties in order of first appearance")
}

func TestLedgerRefusesInvalid(t *testing.T) {
	p := partyIDs(2)
	l := ledgerOf(t, p, [2]int{0, 1})
	before := l.Metrics()
	for name, e := range map[string]relationship.Exchange{"zero exchange": {}} {
		err := l.Record(e)
		require.ErrorIs(t, err, relationship.ErrZeroID, name)
	}
	assert.Equal(t, before, l.Metrics(), "a refused exchange changes nothing")
	assert.Equal(t, 1, l.Len())
}

func TestLedgerIterators(t *testing.T) {
	p := partyIDs(3)
	var l relationship.Ledger
	ids := relationship.SequentialIDs(200)
	coal, err := relationship.NewMaterial("coal", 1, "sack")
	require.NoError(t, err)
	// Recorded out of time order on purpose: a late entry of an earlier visit.
	rows := []struct {
		g, r int
		s    relationship.Support
		min  int
	}{
		{0, 1, coal, 10},
		{1, 2, mustSupport(relationship.Emotional, "talk"), 5},
		{2, 0, coal, 20},
		{0, 2, mustSupport(relationship.Informational, "advice"), 5},
	}
	var all []relationship.Exchange
	for _, row := range rows {
		e, err := relationship.NewExchange(ids(), p[row.g], p[row.r], row.s, t0.Add(time.Duration(row.min)*time.Minute))
		require.NoError(t, err)
		require.NoError(t, l.Record(e))
		all = append(all, e)
	}
	assert.Equal(t, all, slices.Collect(l.All()))
	assert.Equal(t, []relationship.Exchange{all[0], all[2]}, slices.Collect(l.ByKind(relationship.Material)))
	assert.Empty(t, slices.Collect(l.ByKind(relationship.Appraisal)))
	assert.Empty(t, slices.Collect(l.ByKind(0)))
	assert.Equal(t, []relationship.Exchange{all[0], all[2], all[3]}, slices.Collect(l.ByParty(p[0])))
	assert.Empty(t, slices.Collect(l.ByParty(idThird)))
	assert.Equal(t, []relationship.Exchange{all[1], all[3], all[0], all[2]}, slices.Collect(l.InTimeOrder()),
		"time order, ties in recording order")

	// Breaking out of a loop early is safe, and the loop body may record.
	for e := range l.ByParty(p[0]) {
		require.NoError(t, l.Record(e))
		break
	}
	assert.Equal(t, 5, l.Len())
}

func TestLedgerViewIsReadOnly(t *testing.T) {
	p := partyIDs(2)
	l := ledgerOf(t, p, [2]int{0, 1}, [2]int{1, 0})
	v := l.View()
	assert.Equal(t, l.Metrics(), v.Metrics())
	assert.Equal(t, 2, v.Len())
	assert.Equal(t, 1, v.Between(p[0], p[1]))
	assert.Equal(t, slices.Collect(l.All()), slices.Collect(v.All()))

	var zero relationship.LedgerView
	assert.Zero(t, zero.Len(), "the zero view is an empty ledger")
	assert.Zero(t, zero.Reciprocity())
}

func TestLedgerEqual(t *testing.T) {
	p := partyIDs(2)
	a := ledgerOf(t, p, [2]int{0, 1}, [2]int{1, 0})
	b := ledgerOf(t, p, [2]int{0, 1}, [2]int{1, 0})
	c := ledgerOf(t, p, [2]int{0, 1})
	assert.True(t, a.Equal(b))
	assert.True(t, a.Equal(a))
	assert.False(t, a.Equal(c))
}

// TestLedgerConcurrent records from 8 goroutines while others read.
func TestLedgerConcurrent(t *testing.T) {
	const writers, each = 8, 500
	p := partyIDs(10)
	l := relationship.NewLedger(nil)
	ids := relationship.SequentialIDs(300)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range each {
				e, err := relationship.NewExchange(ids(), p[w], p[(w+1+i%9)%10],
					mustSupport(relationship.Companionship, ""), t0.Add(time.Duration(i)*time.Second))
				if !assert.NoError(t, err) || !assert.NoError(t, l.Record(e)) {
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 50 {
				m := l.Metrics()
				assert.GreaterOrEqual(t, m.Density, 0.0)
				for range l.ByParty(p[w]) {
				}
				_ = l.Concentration()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, writers*each, l.Len())
	total := 0
	for s := range l.Parties() {
		total += s.Given.Total()
	}
	assert.Equal(t, writers*each, total)
}

// naive recomputes every aggregate from the raw exchanges.
type naive struct {
	given, received map[relationship.PartyID]map[relationship.SupportKind]int
	pairs           map[[2]relationship.PartyID]int
	order           []relationship.PartyID
}

func recompute(xs []relationship.Exchange) naive {
	n := naive{
		given:    map[relationship.PartyID]map[relationship.SupportKind]int{},
		received: map[relationship.PartyID]map[relationship.SupportKind]int{},
		pairs:    map[[2]relationship.PartyID]int{},
	}
	see := func(id relationship.PartyID) {
		if n.given[id] == nil {
			n.given[id] = map[relationship.SupportKind]int{}
			n.received[id] = map[relationship.SupportKind]int{}
			n.order = append(n.order, id)
		}
	}
	for _, e := range xs {
		see(e.Giver())
		see(e.Receiver())
		n.given[e.Giver()][e.Support().Kind()]++
		n.received[e.Receiver()][e.Support().Kind()]++
		n.pairs[[2]relationship.PartyID{e.Giver(), e.Receiver()}]++
	}
	return n
}

func (n naive) reciprocity() (plain, weighted float64) {
	var connected, mutual, matched, total int
	for k, w := range n.pairs {
		rev := n.pairs[[2]relationship.PartyID{k[1], k[0]}]
		matched += min(w, rev)
		total += w
		if k[0].Compare(k[1]) < 0 || rev == 0 {
			connected++
			if rev > 0 {
				mutual++
			}
		}
	}
	if connected > 0 {
		plain = float64(mutual) / float64(connected)
	}
	if total > 0 {
		weighted = float64(matched) / float64(total)
	}
	return plain, weighted
}

// gini is the textbook mean-absolute-difference form, normalised by its
// maximum (n-1)/n.
func (n naive) gini() float64 {
	var xs []float64
	var sum float64
	for _, id := range n.order {
		g := 0
		for _, c := range n.given[id] {
			g += c
		}
		xs = append(xs, float64(g))
		sum += float64(g)
	}
	k := float64(len(xs))
	if len(xs) < 2 || sum == 0 {
		return 0
	}
	var diff float64
	for _, a := range xs {
		for _, b := range xs {
			diff += math.Abs(a - b)
		}
	}
	return diff / (2 * k * sum) * k / (k - 1)
}

// TestLedgerProperties checks the laws of the ledger for any sequence of
// exchanges: totals given equal totals received; reciprocity, density and
// concentration lie in [0, 1]; every aggregate equals a naive recomputation
// from the raw exchanges; refused exchanges change nothing.
func TestLedgerProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parties := partyIDs(rapid.IntRange(1, 6).Draw(t, "parties"))
		ids := relationship.SequentialIDs(uint64(rapid.IntRange(1, 1000).Draw(t, "seed")))
		var l relationship.Ledger
		var accepted []relationship.Exchange
		steps := rapid.IntRange(0, 60).Draw(t, "steps")
		for i := range steps {
			g := rapid.IntRange(0, len(parties)-1).Draw(t, "giver")
			r := rapid.IntRange(0, len(parties)-1).Draw(t, "receiver")
			k := relationship.SupportKind(rapid.IntRange(1, relationship.NumSupportKinds).Draw(t, "kind"))
			at := t0.Add(time.Duration(rapid.IntRange(0, 100).Draw(t, "minute")) * time.Minute)
			e, err := relationship.NewExchange(ids(), parties[g], parties[r], mustSupport(k, ""), at)
			if g == r {
				if !assert.ErrorIs(t, err, relationship.ErrSelfExchange) {
					return
				}
				before := l.Metrics()
				if !assert.Error(t, l.Record(e)) || !assert.Equal(t, before, l.Metrics()) {
					return
				}
				continue
			}
			if !assert.NoError(t, err, "step %d", i) || !assert.NoError(t, l.Record(e)) {
				return
			}
			accepted = append(accepted, e)
		}
		checkAgainstNaive(t, &l, accepted)
	})
}

func checkAgainstNaive(t *rapid.T, l *relationship.Ledger, xs []relationship.Exchange) {
	n := recompute(xs)
	m := l.Metrics()
	assert.Equal(t, len(xs), m.Exchanges)
	assert.Equal(t, len(n.order), m.Parties)
	assert.Equal(t, len(n.pairs), m.Pairs)

	totalGiven, totalReceived := 0, 0
	for s := range l.Parties() {
		for k := range relationship.SupportKinds() {
			assert.Equal(t, n.given[s.Party][k], s.Given.Of(k))
			assert.Equal(t, n.received[s.Party][k], s.Received.Of(k))
		}
		totalGiven += s.Given.Total()
		totalReceived += s.Received.Total()
		out, in := 0, 0
		for k := range n.pairs {
			if k[0] == s.Party {
				out++
			}
			if k[1] == s.Party {
				in++
			}
		}
		assert.Equal(t, out, s.OutDegree)
		assert.Equal(t, in, s.InDegree)
	}
	assert.Equal(t, totalGiven, totalReceived, "every exchange is given once and received once")
	assert.Equal(t, len(xs), totalGiven)
	for k, w := range n.pairs {
		assert.Equal(t, w, l.Between(k[0], k[1]))
	}

	plain, weighted := n.reciprocity()
	const eps = 1e-9
	assert.InDelta(t, plain, m.Reciprocity, eps)
	assert.InDelta(t, weighted, m.WeightedReciprocity, eps)
	p := float64(len(n.order))
	wantDensity := 0.0
	if p > 1 {
		wantDensity = float64(len(n.pairs)) / (p * (p - 1))
	}
	assert.InDelta(t, wantDensity, m.Density, eps)
	assert.InDelta(t, n.gini(), m.Concentration, eps)
	for _, v := range []float64{m.Reciprocity, m.WeightedReciprocity, m.Density, m.Concentration} {
		assert.True(t, v >= 0 && v <= 1, "metric %v outside [0, 1]", v)
	}

	assert.Equal(t, xs, slices.Collect(l.All()))
	sorted := slices.Clone(xs)
	slices.SortStableFunc(sorted, func(a, b relationship.Exchange) int { return a.Time().Compare(b.Time()) })
	assert.Equal(t, sorted, slices.Collect(l.InTimeOrder()))
	for _, id := range n.order {
		var want []relationship.Exchange
		for _, e := range xs {
			if e.Giver() == id || e.Receiver() == id {
				want = append(want, e)
			}
		}
		assert.Equal(t, want, slices.Collect(l.ByParty(id)))
	}
	for k := range relationship.SupportKinds() {
		var want []relationship.Exchange
		for _, e := range xs {
			if e.Support().Kind() == k {
				want = append(want, e)
			}
		}
		assert.Equal(t, want, slices.Collect(l.ByKind(k)))
	}
}
