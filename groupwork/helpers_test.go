package groupwork

import (
	"io"
	mrand "math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// t0 is when every test's clock starts.
var t0 = time.Date(1910, time.October, 4, 19, 0, 0, 0, time.UTC)

// testOptions returns deterministic sources: a clock that steps a minute
// per reading and identifiers seeded with seed.
func testOptions(seed uint64) *Options {
	return &Options{Sources: &relationship.Sources{
		Clock: relationship.StepClock(t0, time.Minute),
		IDs:   relationship.SequentialIDs(seed),
	}}
}

// testEntropy returns a deterministic stream of bytes for a group's
// receipt secrets, so that records with secret votes print the same on
// every run. Only tests use it: a group draws them from crypto/rand.
func testEntropy(seed uint64) io.Reader {
	var key [32]byte
	key[0] = byte(seed)
	return mrand.NewChaCha8(key)
}

// people returns n deterministic party identifiers, distinct from any the
// group draws.
func people(n int) []relationship.PartyID {
	next := relationship.SequentialIDs(7)
	ids := make([]relationship.PartyID, n)
	for i := range ids {
		ids[i] = relationship.PartyID(next())
	}
	return ids
}

var (
	worker   = relationship.MustParty(relationship.PartyID(uuid.MustParse("0192f5e0-7c1a-7000-8000-0000000000f1")), "Jane Addams", relationship.RoleFacilitator)
	stranger = relationship.PartyID(uuid.MustParse("0192f5e0-7c1a-7000-8000-0000000000ee"))
)

func clubSpec() Spec {
	return Spec{
		Name:     "Halsted Street Girls' Club",
		Purposes: []relationship.Purpose{relationship.PurposeRecreation, relationship.PurposeSocialAction},
		Model:    SocialGoals,
		Settings: Settings{Membership: OpenMembership},
	}
}

// fixture is a group with some members.
type fixture struct {
	g       *Group
	fac     relationship.PartyID
	members []relationship.PartyID
}

var names = []string{"Rosa", "Hannah", "Maria", "Sadie", "Anna", "Bridget", "Yetta", "Giulia", "Olga", "Nora"}

// newFixture forms a group with spec and n members who join with no
// strengths or needs.
func newFixture(t testing.TB, spec Spec, n int) *fixture {
	t.Helper()
	g, err := NewGroup(worker, spec, testOptions(1))
	require.NoError(t, err)
	g.secrets.entropy = testEntropy(1)
	f := &fixture{g: g, fac: worker.ID(), members: people(n)}
	for i, id := range f.members {
		require.NoError(t, g.Join(id, names[i%len(names)], Profile{}))
	}
	return f
}

// meeting convenes a meeting and returns its identifier.
func (f *fixture) meeting(t testing.TB) uuid.UUID {
	t.Helper()
	id, err := f.g.ConveneMeeting(f.fac, t0.AddDate(0, 0, 7), "the gymnasium")
	require.NoError(t, err)
	return id
}

func support(kind relationship.SupportKind, what string) relationship.Support {
	s, err := relationship.NewSupport(kind, what)
	if err != nil {
		panic(err)
	}
	return s
}

// frozen is what a group held at one moment, to check that a failed call
// changed nothing.
type frozen struct {
	record []relationship.Entry
	ledger int
	state  *Group // a group rebuilt from the record at that moment
}

func freeze(t testing.TB, g *Group) frozen {
	t.Helper()
	rec := slices.Collect(g.Record())
	r, err := Replay(slices.Values(rec), nil)
	require.NoError(t, err)
	return frozen{record: rec, ledger: g.Ledger().Len(), state: r}
}

// assertUnchanged checks that g holds what it held when frozen.
func assertUnchanged(t testing.TB, before frozen, g *Group) {
	t.Helper()
	assert.Equal(t, before.record, slices.Collect(g.Record()), "record changed")
	assert.Equal(t, before.ledger, g.Ledger().Len(), "ledger changed")
	assert.True(t, before.state.ledger.Equal(g.ledger), "ledger changed")
	g.mu.RLock()
	defer g.mu.RUnlock()
	assert.Equal(t, before.state.st, g.st, "state changed")
}

// assertSameGroup checks that two groups hold the same state, ledger and
// record.
func assertSameGroup(t testing.TB, want, got *Group) {
	t.Helper()
	assert.Equal(t, slices.Collect(want.Record()), slices.Collect(got.Record()), "record")
	want.mu.RLock()
	defer want.mu.RUnlock()
	got.mu.RLock()
	defer got.mu.RUnlock()
	assert.Equal(t, want.st, got.st, "state")
	assert.True(t, want.ledger.Equal(got.ledger), "ledger")
}
