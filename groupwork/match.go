package groupwork

import (
	"iter"
	"slices"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// Fit says how well a member's [Strength] fits a [Need]. Better fits have
// smaller values.
//
// The zero Fit is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Fit uint8

// The degrees of fit, best first.
const (
	// FitExact is the same kind of support in the same area ("informational:
	// english" for "informational:english"), or, for a need with no area,
	// any strength of its kind.
	FitExact Fit = iota + 1
	// FitGeneral is the same kind of support offered in general, with no
	// area: a good listener for a need of emotional support about grief.
	FitGeneral
	// FitRelated is another kind of support in the same area: someone who
	// can lend a sewing machine ("material:sewing") may also teach sewing
	// ("informational:sewing").
	FitRelated
)

var fits = enum.New[Fit]("fit", "unspecified", "exact", "general", "related")

// Fits yields every valid fit, best first.
func Fits() iter.Seq[Fit] { return fits.Values() }

// ParseFit returns the fit named s: "exact", "general" or "related".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseFit(s string) (Fit, error) { return fits.ParseText(s) }

// IsValid reports whether f is one of the named fits.
func (f Fit) IsValid() bool { return fits.Valid(f) }

// String returns the fit's name, such as "exact".
func (f Fit) String() string { return fits.String(f) }

// MarshalText returns the fit's name. An invalid fit is an error.
func (f Fit) MarshalText() ([]byte, error) { return fits.Text(f) }

// UnmarshalText sets f to the fit named by b. On error f is unchanged.
func (f *Fit) UnmarshalText(b []byte) error { return fits.Unmarshal(b, f) }

// fitOf returns how strength s fits need n.
func fitOf(s, n topic) (Fit, bool) {
	switch {
	case !s.kind.IsValid() || !n.kind.IsValid():
		return 0, false
	case s.kind == n.kind && (n.area == "" || s.area == n.area):
		return FitExact, true
	case s.kind == n.kind && s.area == "":
		return FitGeneral, true
	case n.area != "" && s.area == n.area:
		return FitRelated, true
	}
	return 0, false
}

// Helper is a member whose strengths fit a need, as [Group.WhoCanHelp]
// finds them. It is a plain record.
type Helper struct {
	Member   relationship.PartyID
	Name     string
	Strength Strength // the member's strength that fits best
	Fit      Fit
	Given    int // exchanges of aid the member has given in the group so far
}

// matchIndex finds current members by their strengths without scanning the
// members: for each exact strength, and for each kind of support, the slots
// of the members who hold it, in increasing order.
type matchIndex struct {
	exact  map[topic][]int32
	byKind [relationship.NumSupportKinds + 1][]int32
}

func newMatchIndex() matchIndex { return matchIndex{exact: map[topic][]int32{}} }

// add indexes a current member's strengths.
func (x *matchIndex) add(slot int32, strengths []Strength) {
	for i, s := range strengths {
		x.exact[s.t] = insertSlot(x.exact[s.t], slot)
		if firstOfKind(strengths, i) {
			x.byKind[s.t.kind] = insertSlot(x.byKind[s.t.kind], slot)
		}
	}
}

// remove forgets a member's strengths, when they leave or restate them.
func (x *matchIndex) remove(slot int32, strengths []Strength) {
	for i, s := range strengths {
		if rest := removeSlot(x.exact[s.t], slot); len(rest) > 0 {
			x.exact[s.t] = rest
		} else {
			delete(x.exact, s.t)
		}
		if firstOfKind(strengths, i) {
			x.byKind[s.t.kind] = removeSlot(x.byKind[s.t.kind], slot)
		}
	}
}

// firstOfKind reports whether strengths[i] is the first of its kind.
func firstOfKind(strengths []Strength, i int) bool {
	for _, s := range strengths[:i] {
		if s.t.kind == strengths[i].t.kind {
			return false
		}
	}
	return true
}

func insertSlot(xs []int32, slot int32) []int32 {
	i, found := slices.BinarySearch(xs, slot)
	if found {
		return xs
	}
	return slices.Insert(xs, i, slot)
}

func removeSlot(xs []int32, slot int32) []int32 {
	i, found := slices.BinarySearch(xs, slot)
	if !found {
		return xs
	}
	xs = slices.Delete(xs, i, i+1)
	if len(xs) == 0 {
		return nil
	}
	return xs
}

// WhoCanHelp returns the current members whose strengths fit the need,
// best first. The ranking is deterministic:
//
//  1. by [Fit]: exact fits, then general ones (the same kind of support
//     with no area), then related ones (the same area, another kind);
//  2. within a fit, those who have given least aid in the group so far
//     come first, so that the helping role spreads across the group rather
//     than wearing out its mainstays (Frank Riessman's "helper therapy
//     principle": helping helps the helper, so every member should get to);
//  3. then in the order they first joined the group.
//
// Each member appears once, with their best-fitting strength. The
// facilitator is not a member and is never listed; neither is anyone with
// no fitting strength. An invalid need fits no one. Matching uses the
// group's index of strengths, so its cost grows with the number of members
// who fit, not with the size of the group.
func (g *Group) WhoCanHelp(need Need) []Helper {
	if g == nil {
		return nil
	}
	if !need.IsValid() {
		return nil
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	s, n := &g.st, need.t
	if n.area == "" {
		return s.rank(nil, nil, FitExact, n, s.match.byKind[n.kind])
	}
	seen := make([]uint64, (len(s.members)+63)/64)
	out := s.rank(nil, seen, FitExact, n, s.match.exact[n])
	out = s.rank(out, seen, FitGeneral, n, s.match.exact[topic{kind: n.kind}])
	var related [relationship.NumSupportKinds][]int32
	for k := range relationship.SupportKinds() {
		if k != n.kind {
			related[k-1] = s.match.exact[topic{k, n.area}]
		}
	}
	return s.rank(out, seen, FitRelated, n, related[:]...)
}

// rank appends to out, best first, the members in lists whose slot is not
// yet marked in seen (a nil seen marks nothing), as helpers with the given
// fit to need n.
func (s *state) rank(out []Helper, seen []uint64, fit Fit, n topic, lists ...[]int32) []Helper {
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	if total == 0 {
		return out
	}
	keys := make([]uint64, 0, total)
	for _, l := range lists {
		for _, slot := range l {
			if seen != nil {
				w, bit := slot>>6, uint64(1)<<(slot&63)
				if seen[w]&bit != 0 {
					continue
				}
				seen[w] |= bit
			}
			keys = append(keys, uint64(s.members[slot].given)<<32|uint64(slot))
		}
	}
	slices.Sort(keys)
	out = slices.Grow(out, len(keys))
	for _, k := range keys {
		m := &s.members[int32(uint32(k))]
		out = append(out, Helper{Member: m.party.ID(), Name: m.party.Name(), Strength: m.fitting(n, fit), Fit: fit, Given: m.given})
	}
	return out
}

// fitting returns the member's first strength that fits n with the given fit.
func (m *memberState) fitting(n topic, fit Fit) Strength {
	for _, s := range m.strengths {
		if f, ok := fitOf(s.t, n); ok && f == fit {
			return s
		}
	}
	return Strength{}
}
