package projection

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/relationship"
)

// OpenProposals is the read model of the proposals still open in each
// group, with their closing times: what members have yet to decide, and
// what must be closed when its time comes. In group work the group decides
// for itself; a facilitator who lets a proposal lapse unnoticed has
// decided for it.
//
// It follows the groups' records: a [groupwork.ProposalRaised] opens a
// proposal; a [groupwork.ProposalClosed] or [groupwork.ProposalWithdrawn]
// ends it, and a [groupwork.GroupEnded] ends every proposal of the group,
// since nothing more can happen in a group that has ended. Make one with
// [NewOpenProposals]; use it through a [Projection].
type OpenProposals struct {
	open map[uuid.UUID]Proposal
}

// Proposal is an open proposal, as [OpenProposals] keeps it.
type Proposal struct {
	Group    uuid.UUID `json:"group"`
	Proposal uuid.UUID `json:"proposal"`
	Title    string    `json:"title"`
	Closes   time.Time `json:"closes"` // the zero time when none was declared
}

// NewOpenProposals returns an empty read model of open proposals.
func NewOpenProposals() *OpenProposals {
	return &OpenProposals{open: map[uuid.UUID]Proposal{}}
}

// groupOf returns the group whose stream is named stream, and false for a
// stream that is not a group's.
func groupOf(stream string) (uuid.UUID, bool) {
	rest, ok := strings.CutPrefix(stream, "group-")
	if !ok {
		return uuid.Nil, false
	}
	id, err := uuid.Parse(rest)
	return id, err == nil && groupwork.StreamName(id) == stream
}

// Apply implements [Model].
func (o *OpenProposals) Apply(fe relationship.FeedEntry) error {
	group, ok := groupOf(fe.Stream)
	if !ok {
		return nil
	}
	switch ev := fe.Entry.Event().(type) {
	case groupwork.ProposalRaised:
		o.open[ev.Proposal] = Proposal{Group: group, Proposal: ev.Proposal, Title: ev.Title, Closes: ev.Closes.UTC()}
	case groupwork.ProposalClosed:
		delete(o.open, ev.Proposal)
	case groupwork.ProposalWithdrawn:
		delete(o.open, ev.Proposal)
	case groupwork.GroupEnded:
		for id, p := range o.open {
			if p.Group == group {
				delete(o.open, id)
			}
		}
	}
	return nil
}

// Open returns the open proposals of group, those closing soonest first,
// those with no closing time last (then by proposal): a copy.
func (o *OpenProposals) Open(group uuid.UUID) []Proposal {
	var out []Proposal
	for _, p := range o.open {
		if p.Group == group {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, compareProposals)
	return out
}

// ClosingBefore returns the open proposals of every group whose closing
// time is before t, soonest first: those due to be closed.
func (o *OpenProposals) ClosingBefore(t time.Time) []Proposal {
	var out []Proposal
	for _, p := range o.open {
		if !p.Closes.IsZero() && p.Closes.Before(t) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, compareProposals)
	return out
}

func compareProposals(a, b Proposal) int {
	switch {
	case a.Closes.IsZero() != b.Closes.IsZero():
		if a.Closes.IsZero() {
			return 1
		}
		return -1
	case !a.Closes.Equal(b.Closes):
		return a.Closes.Compare(b.Closes)
	}
	return compareUUID(a.Proposal, b.Proposal)
}

// MarshalBinary implements [Model]: the open proposals as JSON, sorted.
func (o *OpenProposals) MarshalBinary() ([]byte, error) {
	return marshalSorted(o.open, compareProposals)
}

// UnmarshalBinary implements [Model]. On error o is unchanged.
func (o *OpenProposals) UnmarshalBinary(b []byte) error {
	open, err := unmarshalKeyed(b, func(p Proposal) uuid.UUID { return p.Proposal })
	if err != nil {
		return fmt.Errorf("projection: open proposals: %w", err)
	}
	o.open = open
	return nil
}
