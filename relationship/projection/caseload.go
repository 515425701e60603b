package projection

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/relationship"
)

// Caseloads is the read model of every worker's open cases, across all the
// agencies of a journal: a supervisor's view of who carries what, without
// loading a single case. A caseload is the number of cases a worker holds
// open at once; agencies cap it because a worker with too many cases
// cannot know any of them well.
//
// It follows the agencies' records: a [casework.CaseAssigned] (on opening,
// transfer or reopening) puts the case on its worker's caseload, taking it
// off any other; a [casework.CaseReleased] (on closing or withdrawal)
// takes it off. Make one with [NewCaseloads]; use it through a
// [Projection].
type Caseloads struct {
	cases map[uuid.UUID]relationship.PartyID // each open case's worker
}

// NewCaseloads returns an empty read model of caseloads.
func NewCaseloads() *Caseloads {
	return &Caseloads{cases: map[uuid.UUID]relationship.PartyID{}}
}

// Apply implements [Model].
func (c *Caseloads) Apply(fe relationship.FeedEntry) error {
	switch ev := fe.Entry.Event().(type) {
	case casework.CaseAssigned:
		c.cases[ev.Case] = ev.Worker
	case casework.CaseReleased:
		delete(c.cases, ev.Case)
	}
	return nil
}

// Cases returns the open cases of worker, sorted: a copy.
func (c *Caseloads) Cases(worker relationship.PartyID) []uuid.UUID {
	var out []uuid.UUID
	for id, w := range c.cases {
		if w == worker {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, compareUUID)
	return out
}

// Caseload is one worker's number of open cases.
type Caseload struct {
	Worker relationship.PartyID
	Open   int
}

// Caseloads returns the caseload of every worker who holds an open case,
// sorted by worker.
func (c *Caseloads) Caseloads() []Caseload {
	n := map[relationship.PartyID]int{}
	for _, w := range c.cases {
		n[w]++
	}
	out := make([]Caseload, 0, len(n))
	for w, open := range n {
		out = append(out, Caseload{Worker: w, Open: open})
	}
	slices.SortFunc(out, func(a, b Caseload) int { return compareUUID(uuid.UUID(a.Worker), uuid.UUID(b.Worker)) })
	return out
}

// assignment is a case on a caseload, as a checkpoint keeps it.
type assignment struct {
	Case   uuid.UUID            `json:"case"`
	Worker relationship.PartyID `json:"worker"`
}

// MarshalBinary implements [Model]: the open cases as JSON, sorted.
func (c *Caseloads) MarshalBinary() ([]byte, error) {
	out := make([]assignment, 0, len(c.cases))
	for id, w := range c.cases {
		out = append(out, assignment{id, w})
	}
	slices.SortFunc(out, func(a, b assignment) int { return compareUUID(a.Case, b.Case) })
	return json.Marshal(out)
}

// UnmarshalBinary implements [Model]. On error c is unchanged.
func (c *Caseloads) UnmarshalBinary(b []byte) error {
	var in []assignment
	if err := json.Unmarshal(b, &in); err != nil {
		return fmt.Errorf("projection: caseloads: %w", err)
	}
	cases := make(map[uuid.UUID]relationship.PartyID, len(in))
	for _, a := range in {
		cases[a.Case] = a.Worker
	}
	c.cases = cases
	return nil
}

// marshalSorted writes the values of a model's map as a JSON array in the
// order cmp gives, so that equal models write equal checkpoints.
func marshalSorted[V any](m map[uuid.UUID]V, cmp func(a, b V) int) ([]byte, error) {
	out := slices.AppendSeq(make([]V, 0, len(m)), maps.Values(m))
	slices.SortFunc(out, cmp)
	return json.Marshal(out)
}

// unmarshalKeyed reads what marshalSorted wrote back into a map, keyed
// by key.
func unmarshalKeyed[V any](b []byte, key func(V) uuid.UUID) (map[uuid.UUID]V, error) {
	var in []V
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, err
	}
	m := make(map[uuid.UUID]V, len(in))
	for _, v := range in {
		m[key(v)] = v
	}
	return m, nil
}

// compareUUID orders identifiers by their bytes.
func compareUUID(a, b uuid.UUID) int {
	return slices.Compare(a[:], b[:])
}
