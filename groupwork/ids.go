package groupwork

import (
	"bytes"
	"slices"

	"github.com/google/uuid"
)

// idSet holds the identifiers in use in a group, so that a new meeting,
// item, note, concern, mediation or exchange never takes one already used.
// Identifiers usually arrive in increasing order (time-ordered UUIDs, and
// the deterministic sources of tests), so the set keeps those in a sorted
// slice, where a new identifier larger than the last is known to be new at
// the cost of one comparison, and only the others in a map. Every
// identifier in the map is smaller than the last one in the slice.
type idSet struct {
	asc    []uuid.UUID
	others map[uuid.UUID]struct{}
}

// has reports whether id is in the set.
func (s *idSet) has(id uuid.UUID) bool {
	n := len(s.asc)
	if n == 0 || bytes.Compare(id[:], s.asc[n-1][:]) > 0 {
		return false
	}
	if _, found := slices.BinarySearchFunc(s.asc, id, compareID); found {
		return true
	}
	_, found := s.others[id]
	return found
}

// add puts id, which is not in the set, into it.
func (s *idSet) add(id uuid.UUID) {
	n := len(s.asc)
	if n == 0 || bytes.Compare(id[:], s.asc[n-1][:]) > 0 {
		s.asc = append(s.asc, id)
		return
	}
	if s.others == nil {
		s.others = map[uuid.UUID]struct{}{}
	}
	s.others[id] = struct{}{}
}

func compareID(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }
