package casework

import (
	"context"

	"github.com/helpingwork/helping/internal/statecodec"
	"github.com/helpingwork/helping/relationship"
)

// The snapshot types: the name of the encoding of a case's and an
// agency's state, and its version. A snapshot of another type is passed
// over and the record replayed in full (see [relationship.Snapshotter]).
const (
	caseSnapshotType   = "casework.case.v1"
	agencySnapshotType = "casework.agency.v1"
)

var (
	_ relationship.Snapshotter = (*caseRules)(nil)
	_ relationship.Snapshotter = (*agencyRules)(nil)
)

// SnapshotType implements [relationship.Snapshotter].
func (r *caseRules) SnapshotType() string { return caseSnapshotType }

// MarshalSnapshot implements [relationship.Snapshotter]: the case's state
// and its ledger of exchanges.
func (r *caseRules) MarshalSnapshot() ([]byte, error) {
	return statecodec.Marshal(&r.c.st, r.c.ledger)
}

// UnmarshalSnapshot implements [relationship.Snapshotter].
func (r *caseRules) UnmarshalSnapshot(data []byte) error {
	var st state
	ledger := new(relationship.Ledger)
	if err := statecodec.Unmarshal(data, &st, ledger); err != nil {
		return err
	}
	r.c.st, r.c.ledger = st, ledger
	return nil
}

// SnapshotType implements [relationship.Snapshotter].
func (r *agencyRules) SnapshotType() string { return agencySnapshotType }

// MarshalSnapshot implements [relationship.Snapshotter].
func (r *agencyRules) MarshalSnapshot() ([]byte, error) { return statecodec.Marshal(&r.a.st) }

// UnmarshalSnapshot implements [relationship.Snapshotter].
func (r *agencyRules) UnmarshalSnapshot(data []byte) error {
	var st agencyState
	if err := statecodec.Unmarshal(data, &st); err != nil {
		return err
	}
	if _, ok := r.a.policies[st.policy]; !ok {
		return &InputError{Field: "policy", Value: st.policy, Err: ErrUnknownPolicy}
	}
	r.a.st = st
	return nil
}

// SaveSnapshot saves the case (see [Case.Save]) and then a snapshot of its
// state, so that the next [Load] starts from it and replays only the
// entries after it. A snapshot is a cache: the record stays the truth, and
// a snapshot that a later version of the program cannot read is passed
// over. [Options.SnapshotEvery] takes snapshots as the record grows.
func (c *Case) SaveSnapshot(ctx context.Context, j relationship.Journal) error {
	if c == nil {
		return relationship.Nil("case")
	}
	return c.eng.SaveSnapshot(ctx, j)
}

// SaveSnapshot saves the agency (see [Agency.Save]) and then a snapshot of
// its state, so that the next [LoadAgency] starts from it. See
// [Case.SaveSnapshot].
func (a *Agency) SaveSnapshot(ctx context.Context, j relationship.Journal) error {
	if a == nil {
		return relationship.Nil("agency")
	}
	return a.eng.SaveSnapshot(ctx, j)
}
