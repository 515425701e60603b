package groupwork

import (
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// clock is a test clock that steps a minute at every reading and can jump,
// so that a test can pass a proposal's closing time.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) read() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Minute)
	return c.now
}

// jump moves the clock on by d.
func (c *clock) jump(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// at returns the time of the next reading.
func (c *clock) next() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now.Add(time.Minute)
}

// deciding is a group of members who decide things, with its own clock and
// a meeting at which everyone was present but those marked absent.
type deciding struct {
	*fixture
	clock   *clock
	meeting uuid.UUID
}

// newDeciding forms an open group with n members and the settings given,
// and holds a meeting with every member present except the absent (by
// index).
func newDeciding(t testing.TB, n int, settings Settings, absent ...int) *deciding {
	t.Helper()
	c := &clock{now: t0}
	spec := clubSpec()
	settings.Membership = OpenMembership
	spec.Settings = settings
	g, err := NewGroup(worker, spec, &Options{Sources: &relationship.Sources{Clock: c.read, IDs: relationship.SequentialIDs(1)}})
	require.NoError(t, err)
	d := &deciding{fixture: &fixture{g: g, fac: worker.ID(), members: people(n)}, clock: c}
	for i, id := range d.members {
		require.NoError(t, g.Join(id, names[i%len(names)], Profile{}))
	}
	d.meeting, err = g.ConveneMeeting(d.fac, t0.AddDate(0, 0, 7), "the club room")
	require.NoError(t, err)
	for i, id := range d.members {
		mark := Present
		for _, a := range absent {
			if a == i {
				mark = Absent
			}
		}
		require.NoError(t, g.RecordAttendance(d.fac, d.meeting, id, mark))
	}
	return d
}

// review is the review date the tests' proposals declare.
var review = t0.AddDate(1, 0, 0)

// choice returns the spec of a choice among names under the rule.
func choice(rule Rule, names ...string) ProposalSpec {
	sp := ProposalSpec{Title: "a choice", Options: names, Rule: rule, Review: review}
	if rule == RuleSTV {
		sp.Seats = 1
	}
	return sp
}

// propose raises the proposal as the first member, or fails the test.
func (d *deciding) propose(t testing.TB, spec ProposalSpec) uuid.UUID {
	t.Helper()
	id, err := d.g.Propose(d.members[0], spec)
	require.NoError(t, err)
	return id
}

// vote casts each member's ballot, in order, or fails the test.
func (d *deciding) vote(t testing.TB, id uuid.UUID, ballots ...Ballot) {
	t.Helper()
	for i, b := range ballots {
		require.NoError(t, d.g.Vote(d.members[i], id, b), "member %d", i)
	}
}

// ranked returns ranked ballots.
func ranked(rankings ...[]int) []Ballot {
	out := make([]Ballot, len(rankings))
	for i, r := range rankings {
		out[i] = Ballot{Options: r}
	}
	return out
}

// sealedBox returns a copy of the group's sealed box.
func sealedBox(g *Group) map[uuid.UUID]map[int32]sealedVote {
	g.mu.RLock()
	defer g.mu.RUnlock()
	out := map[uuid.UUID]map[int32]sealedVote{}
	for id, ballots := range g.box {
		out[id] = maps.Clone(ballots)
	}
	return out
}

// frozenAll is frozen with the sealed box.
type frozenAll struct {
	frozen
	box map[uuid.UUID]map[int32]sealedVote
}

func freezeAll(t testing.TB, g *Group) frozenAll {
	t.Helper()
	return frozenAll{frozen: freeze(t, g), box: sealedBox(g)}
}

// assertAllUnchanged checks that a failed call changed nothing: state,
// record, ledger, and the sealed box.
func assertAllUnchanged(t testing.TB, before frozenAll, g *Group) {
	t.Helper()
	assertUnchanged(t, before.frozen, g)
	assert.Equal(t, before.box, sealedBox(g), "sealed box changed")
}
