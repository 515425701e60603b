package relationship_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// The pantry is the smallest relationship built on the engine: a food
// pantry's shelf, opened by a volunteer, stocked by volunteers, and drawn
// on by the people it serves. It shows what a program supplies to build a
// relationship of its own: events, a rights table and rules.

type shelfOpened struct {
	Shelf string `json:"shelf"`
	By    string `json:"by"` // the volunteer's name
}

type shelfStocked struct {
	Cans  int      `json:"cans"`
	Notes []string `json:"notes"`
}

type cansTaken struct {
	Cans int `json:"cans"`
}

func (shelfOpened) EventType() string  { return "pantry_test.shelf-opened.v1" }
func (shelfStocked) EventType() string { return "pantry_test.shelf-stocked.v1" }
func (cansTaken) EventType() string    { return "pantry_test.cans-taken.v1" }

func init() {
	relationship.RegisterEvent[shelfOpened]()
	relationship.RegisterEvent[shelfStocked]()
	relationship.RegisterEvent[cansTaken]()
}

var (
	volunteer = relationship.MustParsePartyID("01930000-0000-7000-8000-000000000001")
	visitor   = relationship.MustParsePartyID("01930000-0000-7000-8000-000000000002")
	stranger  = relationship.MustParsePartyID("01930000-0000-7000-8000-000000000003")
)

var pantryRights = relationship.MustRights(
	relationship.Rule{Act: "open-shelf", Kind: relationship.MembershipAct, Roles: relationship.RolesOf(relationship.RoleWorker), Why: "volunteers keep the shelf"},
	relationship.Rule{Act: "stock-shelf", Kind: relationship.ProvisionAct, Roles: relationship.RolesOf(relationship.RoleWorker), Why: "volunteers stock it"},
	relationship.Rule{Act: "take-cans", Kind: relationship.ProvisionAct, Roles: relationship.RolesOf(relationship.RoleClient, relationship.RoleWorker), Why: "the shelf is for those who need it, and volunteers move cans"},
)

// pantry is the shelf's state and rules.
type pantry struct {
	mu    sync.RWMutex
	name  string
	cans  int
	eng   *relationship.Engine
	calls []string // the order in which the engine called the rules
}

func newPantry(t testing.TB, clock func() time.Time, saveWith *relationship.Engine) *pantry {
	p := &pantry{}
	eng, err := relationship.NewEngine(relationship.EngineConfig{Rules: p, Lock: &p.mu,
		Sources: &relationship.Sources{Clock: clock}, SaveWith: saveWith})
	require.NoError(t, err)
	p.eng = eng
	return p
}

func (p *pantry) Stream() string               { return "shelf-" + p.name }
func (p *pantry) Rights() *relationship.Rights { return pantryRights }
func (p *pantry) Begins(ev relationship.Event) bool {
	_, ok := ev.(shelfOpened)
	return ok
}

func (p *pantry) Act(ev relationship.Event) (relationship.Act, bool) {
	switch ev.(type) {
	case shelfOpened:
		return "open-shelf", true
	case shelfStocked:
		return "stock-shelf", true
	case cansTaken:
		return "take-cans", true
	}
	return "", false
}

func (p *pantry) Actor(c *relationship.Change) (relationship.Party, error) {
	p.calls = append(p.calls, "actor")
	switch id := c.Entry.Actor(); id {
	case volunteer:
		return relationship.MustParty(id, "Jane", relationship.RoleWorker), nil
	case visitor:
		return relationship.MustParty(id, "Anna", relationship.RoleClient), nil
	}
	return relationship.Party{}, &relationship.PartyError{Party: c.Entry.Actor()}
}

func (p *pantry) Validate(ev relationship.Event) error {
	p.calls = append(p.calls, "validate")
	return relationship.CheckTextsIn(ev)
}

var errEmptyShelf = errors.New("pantry: not enough cans")

func (p *pantry) Check(c *relationship.Change) error {
	p.calls = append(p.calls, "check")
	if ev, ok := c.Entry.Event().(cansTaken); ok && ev.Cans > p.cans {
		return errEmptyShelf
	}
	return nil
}

func (p *pantry) Apply(c *relationship.Change) {
	p.calls = append(p.calls, "apply")
	switch ev := c.Entry.Event().(type) {
	case shelfOpened:
		p.name = ev.Shelf
	case shelfStocked:
		p.cans += ev.Cans
	case cansTaken:
		p.cans -= ev.Cans
	}
}

func (p *pantry) do(actor relationship.PartyID, ev relationship.Event) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = nil
	return p.eng.Do(actor, ev, nil)
}

// ticking returns a clock that starts on a winter morning and moves a
// minute a call.
func ticking() func() time.Time {
	return relationship.StepClock(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), time.Minute)
}

func openShelf(t testing.TB, name string) *pantry {
	p := newPantry(t, ticking(), nil)
	require.NoError(t, p.do(volunteer, shelfOpened{Shelf: name, By: "Jane"}))
	return p
}

func TestEngineRunsThePipelineInOrder(t *testing.T) {
	p := openShelf(t, "a")
	assert.Equal(t, []string{"actor", "validate", "check", "apply"}, p.calls)
	require.NoError(t, p.do(volunteer, shelfStocked{Cans: 3}))

	tests := []struct {
		name  string
		actor relationship.PartyID
		ev    relationship.Event
		want  error
		calls []string
	}{
		{"a stranger", stranger, cansTaken{Cans: 1}, relationship.ErrNotParty, []string{"actor"}},
		{"a role the rights table refuses", visitor, shelfStocked{Cans: 1}, relationship.ErrNotPermitted, []string{"actor"}},
		{"text no record keeps", volunteer, shelfStocked{Cans: 1, Notes: []string{"ok", "\xff"}}, relationship.ErrInvalidText, []string{"actor", "validate"}},
		{"a guard of the state", visitor, cansTaken{Cans: 4}, errEmptyShelf, []string{"actor", "validate", "check"}},
		{"a second beginning", volunteer, shelfOpened{Shelf: "b"}, relationship.ErrInvalidEntry, nil},
		{"an event of another relationship", volunteer, note{What: "x"}, relationship.ErrUnknownEvent, nil},
		{"no event", volunteer, nil, relationship.ErrNil, nil},
		{"no actor", relationship.PartyID{}, cansTaken{Cans: 1}, relationship.ErrNotParty, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			version, cans := p.eng.Version(), p.cans
			err := p.do(tt.actor, tt.ev)
			assert.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.calls, p.calls, "the steps taken, in order")
			assert.Equal(t, version, p.eng.Version(), "nothing recorded")
			assert.Equal(t, cans, p.cans, "nothing applied")
		})
	}
	var fe *relationship.FieldError
	err := p.do(volunteer, shelfStocked{Cans: 1, Notes: []string{strings.Repeat("x", relationship.MaxTextSize+1)}})
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "notes[0]", fe.Field)
	assert.ErrorIs(t, err, relationship.ErrTooLarge)
	assert.NotContains(t, err.Error(), "xxx", "an error never quotes a text")
}

// note is an event no pantry knows.
type note struct{ What string }

func (note) EventType() string { return "pantry_test.note.v1" }

func TestEngineRefusesWhatCouldNotBeSaved(t *testing.T) {
	p := openShelf(t, "a")
	// Each text is within MaxTextSize, but control characters take six
	// bytes each in JSON: together they would make an entry no journal
	// stores, and the engine refuses the change rather than accept it and
	// fail to save later.
	control := strings.Repeat("\x01", relationship.MaxTextSize)
	err := p.do(volunteer, shelfStocked{Cans: 1, Notes: []string{control, control, control}})
	assert.ErrorIs(t, err, relationship.ErrTooLarge)
	assert.Equal(t, uint64(1), p.eng.Version())
	require.NoError(t, p.do(volunteer, shelfStocked{Cans: 1, Notes: []string{control}}), "six megabytes fit")
	require.NoError(t, p.eng.Save(context.Background(), journal.NewMemory()))
}

func TestEngineClock(t *testing.T) {
	var now time.Time
	p := newPantry(t, func() time.Time { return now }, nil)
	now = time.Date(2026, 12, 2, 9, 0, 0, 0, time.FixedZone("EST", -5*3600))
	require.NoError(t, p.do(volunteer, shelfOpened{Shelf: "a"}))
	now = now.Add(-time.Hour)
	require.NoError(t, p.do(volunteer, shelfStocked{Cans: 1}), "a clock that went back")
	rec := slices.Collect(p.eng.Record())
	assert.Equal(t, rec[0].Time(), rec[1].Time(), "takes the time of the last entry")
	assert.Equal(t, time.UTC, rec[0].Time().Location())

	for _, bad := range []time.Time{{}, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		now = bad
		var fe *relationship.FieldError
		require.ErrorAs(t, p.do(volunteer, shelfStocked{Cans: 1}), &fe)
		assert.Equal(t, "clock", fe.Field)
	}
	assert.Equal(t, uint64(2), p.eng.Version())
}

func TestEngineReplayChecksTheOrder(t *testing.T) {
	p := openShelf(t, "a")
	require.NoError(t, p.do(volunteer, shelfStocked{Cans: 3}))
	require.NoError(t, p.do(visitor, cansTaken{Cans: 2}))
	rec := slices.Collect(p.eng.Record())
	at := rec[2].Time()
	entry := func(seq uint64, at time.Time, actor relationship.PartyID, act relationship.Act, ev relationship.Event) relationship.Entry {
		e, err := relationship.NewEntry(seq, at, actor, act, ev)
		require.NoError(t, err)
		return e
	}
	tests := []struct {
		name string
		tail relationship.Entry
		want error
	}{
		{"a sequence that skips", entry(5, at, visitor, "take-cans", cansTaken{Cans: 1}), relationship.ErrInvalidEntry},
		{"a time that runs backwards", entry(4, at.Add(-time.Second), visitor, "take-cans", cansTaken{Cans: 1}), relationship.ErrInvalidEntry},
		{"an act that does not produce the event", entry(4, at, visitor, "stock-shelf", cansTaken{Cans: 1}), relationship.ErrInvalidEntry},
		{"an event of another relationship", entry(4, at, visitor, "take-cans", note{}), relationship.ErrUnknownEvent},
		{"a guard", entry(4, at, visitor, "take-cans", cansTaken{Cans: 2}), errEmptyShelf},
		{"a refusal of power", entry(4, at, visitor, "stock-shelf", shelfStocked{Cans: 2}), relationship.ErrNotPermitted},
		{"a second beginning", entry(4, at, volunteer, "open-shelf", shelfOpened{Shelf: "b"}), relationship.ErrInvalidEntry},
		{"the zero entry", relationship.Entry{}, relationship.ErrInvalidEntry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newPantry(t, ticking(), nil)
			r.mu.Lock()
			defer r.mu.Unlock()
			for _, e := range rec {
				require.NoError(t, r.eng.Replay(e))
			}
			err := r.eng.Replay(tt.tail)
			var ee *relationship.EntryError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, uint64(4), ee.Seq)
			assert.ErrorIs(t, err, tt.want)
			assert.Equal(t, 1, r.cans, "nothing applied")
		})
	}
	first := newPantry(t, ticking(), nil)
	first.mu.Lock()
	assert.ErrorIs(t, first.eng.Replay(rec[1].WithSeq(1)), relationship.ErrInvalidEntry, "a record begins with its beginning")
	first.mu.Unlock()
}

func TestEngineSavesAndLoads(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	p := openShelf(t, "a")
	require.NoError(t, p.do(volunteer, shelfStocked{Cans: 5}))
	assert.Equal(t, 2, p.eng.Unsaved())
	require.NoError(t, p.eng.Save(ctx, j))
	assert.Zero(t, p.eng.Unsaved())
	require.NoError(t, p.eng.Save(ctx, j), "nothing to save")

	a, b := newPantry(t, ticking(), nil), newPantry(t, ticking(), nil)
	require.NoError(t, a.eng.Load(ctx, j, "shelf-a"))
	require.NoError(t, b.eng.Load(ctx, j, "shelf-a"))
	assert.Equal(t, 5, a.cans)
	assert.Equal(t, slices.Collect(p.eng.Record()), slices.Collect(a.eng.Record()))
	assert.ErrorIs(t, a.eng.Load(ctx, j, "shelf-a"), relationship.ErrInvalidValue, "an engine loads once")

	// Two copies of one shelf, on two servers, give out the last cans.
	require.NoError(t, a.do(visitor, cansTaken{Cans: 5}))
	require.NoError(t, b.do(visitor, cansTaken{Cans: 5}))
	require.NoError(t, a.eng.Save(ctx, j))
	err := b.eng.Save(ctx, j)
	var vc *relationship.VersionConflictError
	require.ErrorAs(t, err, &vc)
	assert.Equal(t, "shelf-a", vc.Stream)
	assert.Equal(t, 1, b.eng.Unsaved(), "the loser's change is not marked saved")

	c := newPantry(t, ticking(), nil)
	assert.ErrorIs(t, c.eng.Load(ctx, j, "shelf-z"), relationship.ErrNoRecord)
	assert.ErrorIs(t, c.eng.Load(ctx, nil, "shelf-a"), relationship.ErrNil)
	assert.ErrorIs(t, p.eng.Save(ctx, nil), relationship.ErrNil)
}

// countingJournal counts the appends made to a journal.
type countingJournal struct {
	relationship.Journal
	mu      sync.Mutex
	appends [][]relationship.Append
}

func (c *countingJournal) Append(ctx context.Context, appends ...relationship.Append) error {
	c.mu.Lock()
	c.appends = append(c.appends, appends)
	c.mu.Unlock()
	return c.Journal.Append(ctx, appends...)
}

func TestEngineTiesChangesAcrossRecords(t *testing.T) {
	ctx := context.Background()
	store := openShelf(t, "store")
	require.NoError(t, store.do(volunteer, shelfStocked{Cans: 10}))
	counter := newPantry(t, ticking(), store.eng)
	require.NoError(t, counter.do(volunteer, shelfOpened{Shelf: "counter"}))

	// Moving cans from the store to the counter is one change of both.
	move := func(n int) error {
		store.mu.Lock()
		counter.mu.Lock()
		defer store.mu.Unlock()
		defer counter.mu.Unlock()
		return counter.eng.DoWith(volunteer, shelfStocked{Cans: n}, nil, store.eng, cansTaken{Cans: n})
	}
	require.Error(t, move(11), "neither changes when one refuses")
	assert.Equal(t, 10, store.cans)
	assert.Zero(t, counter.cans)
	assert.Equal(t, uint64(1), counter.eng.Version())
	require.NoError(t, move(4))
	require.NoError(t, store.do(volunteer, shelfStocked{Cans: 1}), "after the tie")

	j := &countingJournal{Journal: journal.NewMemory()}
	require.NoError(t, counter.eng.Save(ctx, j))
	require.Len(t, j.appends, 1, "one atomic append")
	streams := map[string]int{}
	for _, a := range j.appends[0] {
		streams[a.Stream] = len(a.Entries)
	}
	assert.Equal(t, map[string]int{"shelf-counter": 2, "shelf-store": 3}, streams,
		"the counter's entries, and the store's up to the tied one")
	assert.Equal(t, 1, store.eng.Unsaved(), "the store's later entry waits for its own save")

	other := newPantry(t, ticking(), nil)
	assert.ErrorIs(t, other.eng.DoWith(volunteer, shelfStocked{Cans: 1}, nil, store.eng, cansTaken{Cans: 1}),
		relationship.ErrInvalidValue, "engines that do not share a save order cannot tie")
}

func TestEngineTiedSaveIsAtomic(t *testing.T) {
	ctx := context.Background()
	j := journal.NewMemory()
	store := openShelf(t, "store")
	require.NoError(t, store.do(volunteer, shelfStocked{Cans: 10}))
	require.NoError(t, store.eng.Save(ctx, j))
	// Another copy of the store takes a can meanwhile.
	copyOf := newPantry(t, ticking(), nil)
	require.NoError(t, copyOf.eng.Load(ctx, j, "shelf-store"))
	require.NoError(t, copyOf.do(visitor, cansTaken{Cans: 1}))
	require.NoError(t, copyOf.eng.Save(ctx, j))

	counter := newPantry(t, ticking(), store.eng)
	require.NoError(t, counter.do(volunteer, shelfOpened{Shelf: "counter"}))
	store.mu.Lock()
	counter.mu.Lock()
	require.NoError(t, counter.eng.DoWith(volunteer, shelfStocked{Cans: 2}, nil, store.eng, cansTaken{Cans: 2}))
	counter.mu.Unlock()
	store.mu.Unlock()
	err := counter.eng.Save(ctx, j)
	require.ErrorIs(t, err, relationship.ErrVersionConflict)
	v, err := j.Version(ctx, "shelf-counter")
	require.NoError(t, err)
	assert.Zero(t, v, "nothing of the counter was stored: the append was all or nothing")
	assert.Equal(t, 2, counter.eng.Unsaved())
}

func TestEngineSavesALargeRecordInSeveralAppends(t *testing.T) {
	restore := relationship.SetAppendLimit(1000)
	defer restore()
	ctx := context.Background()
	store := openShelf(t, "store")
	counter := newPantry(t, ticking(), store.eng)
	require.NoError(t, counter.do(volunteer, shelfOpened{Shelf: "counter"}))
	for i := range 60 {
		require.NoError(t, store.do(volunteer, shelfStocked{Cans: 2, Notes: []string{fmt.Sprint("delivery ", i)}}))
		store.mu.Lock()
		counter.mu.Lock()
		require.NoError(t, counter.eng.DoWith(volunteer, shelfStocked{Cans: 1}, nil, store.eng, cansTaken{Cans: 1}))
		counter.mu.Unlock()
		store.mu.Unlock()
	}
	j := &countingJournal{Journal: journal.NewMemory()}
	require.NoError(t, store.eng.Save(ctx, j))
	assert.Greater(t, len(j.appends), 10, "many small appends")
	for _, appends := range j.appends {
		var counterEntries, taken int
		size := 0
		for _, a := range appends {
			for _, e := range a.Entries {
				b, err := e.MarshalJSON()
				require.NoError(t, err)
				size += len(b)
				switch {
				case a.Stream == "shelf-counter" && e.Act() == "stock-shelf":
					counterEntries++
				case e.Act() == "take-cans":
					taken++
				}
			}
		}
		assert.LessOrEqual(t, size, 1000)
		assert.Equal(t, taken, counterEntries, "each tie's two entries travel together")
	}
	assert.Zero(t, store.eng.Unsaved())
	assert.Zero(t, counter.eng.Unsaved())
	loaded := newPantry(t, ticking(), nil)
	require.NoError(t, loaded.eng.Load(ctx, j, "shelf-store"))
	assert.Equal(t, 60, loaded.cans)
}

func TestEngineCheckRecordsNothing(t *testing.T) {
	p := openShelf(t, "a")
	require.NoError(t, p.do(volunteer, shelfStocked{Cans: 3}))
	p.mu.Lock()
	e, err := p.eng.Check(visitor, cansTaken{Cans: 2}, nil)
	p.mu.Unlock()
	require.NoError(t, err)
	assert.Equal(t, uint64(1), e.Seq())
	assert.Equal(t, 3, p.cans)
	assert.Equal(t, uint64(2), p.eng.Version())
	p.mu.Lock()
	_, err = p.eng.Check(visitor, cansTaken{Cans: 4}, nil)
	p.mu.Unlock()
	assert.ErrorIs(t, err, errEmptyShelf)
}

func TestNilEngine(t *testing.T) {
	var x *relationship.Engine
	ctx := context.Background()
	for name, err := range map[string]error{
		"Do":      x.Do(volunteer, shelfStocked{}, nil),
		"DoWith":  x.DoWith(volunteer, shelfStocked{}, nil, x, shelfStocked{}),
		"Replay":  x.Replay(relationship.Entry{}),
		"Save":    x.Save(ctx, journal.NewMemory()),
		"Load":    x.Load(ctx, journal.NewMemory(), "s"),
		"NewRule": func() error { _, err := relationship.NewEngine(relationship.EngineConfig{}); return err }(),
	} {
		assert.ErrorIs(t, err, relationship.ErrNil, name)
	}
	_, err := x.Check(volunteer, shelfStocked{}, nil)
	assert.ErrorIs(t, err, relationship.ErrNil)
	assert.Zero(t, x.Version())
	assert.Zero(t, x.Unsaved())
	assert.Empty(t, slices.Collect(iter.Seq[relationship.Entry](x.Record())))
}
