package groupwork

import (
	"context"

	"github.com/helpingwork/helping/internal/statecodec"
	"github.com/helpingwork/helping/relationship"
)

// groupSnapshotType names the encoding of a group's state and its
// version. A snapshot of another type is passed over and the record
// replayed in full (see [relationship.Snapshotter]).
const groupSnapshotType = "groupwork.group.v1"

var _ relationship.Snapshotter = (*groupRules)(nil)

// SnapshotType implements [relationship.Snapshotter].
func (r *groupRules) SnapshotType() string { return groupSnapshotType }

// MarshalSnapshot implements [relationship.Snapshotter]: the group's state
// and its ledger of mutual aid.
func (r *groupRules) MarshalSnapshot() ([]byte, error) {
	return statecodec.Marshal(&r.g.st, r.g.ledger)
}

// UnmarshalSnapshot implements [relationship.Snapshotter].
func (r *groupRules) UnmarshalSnapshot(data []byte) error {
	var st state
	ledger := new(relationship.Ledger)
	if err := statecodec.Unmarshal(data, &st, ledger); err != nil {
		return err
	}
	r.g.st, r.g.ledger = st, ledger
	return nil
}

// SaveSnapshot saves the group (see [Group.Save]) and then a snapshot of
// its state, so that the next [Load] starts from it and replays only the
// entries after it: a club that has met for decades loads in the time its
// last few meetings take. A snapshot is a cache: the record stays the
// truth, and a snapshot that a later version of the program cannot read is
// passed over, with the record replayed in full. [Options.SnapshotEvery]
// takes snapshots as the record grows.
func (g *Group) SaveSnapshot(ctx context.Context, j relationship.Journal) error {
	if g == nil {
		return relationship.Nil("group")
	}
	return g.eng.SaveSnapshot(ctx, j)
}
