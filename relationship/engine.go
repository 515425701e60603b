package relationship

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Rules are what a package supplies to an [Engine] for one kind of
// relationship: an agency, a case, a group, or a kind of your own. They
// hold the relationship's state and know its events: who may act, what
// each event requires, and what it changes. The engine owns everything
// else (the order of the checks, the record, saving, loading, replaying),
// as database/sql owns pooling and transactions while a driver supplies
// only its wire protocol.
//
// The engine calls Stream, Rights, Act and Begins from any goroutine; the
// other methods only while the relationship is locked for writing.
type Rules interface {
	// Stream returns the name of the journal stream that holds the
	// record, such as "case-0190…". It is asked once the first entry has
	// been applied.
	Stream() string
	// Rights returns the table of which role may perform which act.
	Rights() *Rights
	// Act returns the act that produces ev, and false when ev is not one
	// of these rules' events.
	Act(ev Event) (Act, bool)
	// Begins reports whether ev is the event that begins a record, such
	// as a case's opening: the first entry must be one, and no later
	// entry may be.
	Begins(ev Event) bool
	// Actor returns the party who makes the change, as the relationship
	// knows them now, or why they may not act at all (typically a
	// [*PartyError]). For the event that begins a record, or by which a
	// newcomer joins, the event itself says who the actor is.
	Actor(c *Change) (Party, error)
	// Validate checks the event's own fields, without the state: texts,
	// identifiers, ranges.
	Validate(ev Event) error
	// Check checks the change against the state as it is: the phase, the
	// guards, the items it names. It changes nothing in the state, but
	// may prepare what Apply needs.
	Check(c *Change) error
	// Apply changes the state. It cannot fail: Check has established
	// everything it relies on.
	Apply(c *Change)
}

// Change is one change on its way through an [Engine], as [Rules] see it.
type Change struct {
	// Entry is the entry the change is recorded as: its sequence number,
	// time, actor, act and event.
	Entry Entry
	// Actor is the party who acts, as [Rules.Actor] found them.
	Actor Party
	// Replay says that the entry comes from a stored record rather than
	// from a call made now.
	Replay bool
	// Input is what a call made now passes beside its event, which the
	// record does not hold (a sealed ballot, say). It is nil on replay.
	Input any
}

// Engine keeps the record of one relationship and runs every change to it
// through one pipeline, live or replayed:
//
//  1. the entry is made: the next sequence number, the time from the
//     engine's [Sources] (never earlier than the entry before), the actor,
//     the act that produces the event;
//  2. the actor is found ([Rules.Actor]);
//  3. the rights table is consulted ([Rights.Check]);
//  4. the event's own fields are checked ([Rules.Validate]);
//  5. the event is checked against the state ([Rules.Check]);
//  6. the entry is encoded, so that nothing is accepted that could not be
//     saved: text that is not UTF-8 and entries over [MaxEntrySize] are
//     refused here;
//  7. the state is changed ([Rules.Apply]) and the entry joins the record.
//
// A change that fails at any step changes nothing. Replaying an entry runs
// the same steps, after checking that the entry follows the one before:
// its sequence number runs on, its time does not run backwards, its act
// produces its event. So a record that was forged or damaged is an error,
// never an invalid relationship.
//
// [Engine.Save] appends the entries not yet saved to a [Journal], in as
// many appends as [MaxAppendSize] requires, each at the version the stream
// was left at; [Engine.Load] replays a stream. Changes that span two
// records, such as a provision drawn from an agency's pool for a case, are
// made with [Engine.DoWith]: their two entries are saved together, in one
// atomic append, whichever of the two relationships is saved.
//
// The package casework builds agencies and cases on it, and groupwork
// builds groups; a program can build a relationship of its own kind the
// same way: register its events ([RegisterEvent]), write its [Rules], and
// hold an Engine under a lock.
//
// The methods of a nil or zero Engine do nothing and return an error
// wrapping [ErrNil] (or zero, or nothing): a relationship that is a zero
// value, not made by its constructor, answers every call without a panic.
//
// Locking: the relationship owns a [sync.RWMutex] and gives it to
// [NewEngine]. Do, DoWith, Check and Replay expect the caller to hold it
// for writing; Version, Unsaved, Record, Save and Load take it themselves,
// so the caller must not hold it then.
type Engine struct {
	rules Rules
	src   *Sources
	mu    *sync.RWMutex
	order *saveOrder

	// The record: entries 1..base are in journal only; base+1..Version
	// are held in recs. Entries saved+1..Version are not saved yet, and
	// pend holds what they carry. base <= saved <= Version.
	recs    chunks[record]
	base    uint64
	saved   uint64
	pend    chunks[pending]
	journal Journal // where the entries not held in memory are
	loading bool    // Load is replaying: entries are counted, not held

	last        time.Time // the time of the last entry
	snapshotted uint64    // the version of the latest snapshot written or read
	every       uint64    // write a snapshot every this many entries; 0 for never
	logger      *slog.Logger
	change      Change // reused by Do and Replay, under the write lock
	arena       []byte // where the encodings of new entries go (see encode)
}

// record is one entry of the record, kept compactly: its sequence number
// is its position and its act follows from its event.
type record struct {
	at    time.Time
	actor PartyID
	ev    Event
}

// pending is what an entry carries until it is saved.
type pending struct {
	raw  []byte // the entry's JSON
	tick uint64 // its place in the order of its save order
	tie  *tie   // the entry of another record it must be saved with
}

// tie binds the entries of one change made across two records.
type tie struct {
	x, y       *Engine
	xSeq, ySeq uint64
}

// saveOrder orders the saves of engines whose changes may be tied: it
// serialises their saves and numbers their entries in the order they
// were made.
type saveOrder struct {
	mu   sync.Mutex
	tick atomic.Uint64
}

// EngineConfig configures [NewEngine].
type EngineConfig struct {
	// Rules are the relationship's rules. Required.
	Rules Rules
	// Lock is the relationship's lock, which Save and Load take. Nil means
	// a lock of the engine's own, for a relationship that locks nothing
	// itself.
	Lock *sync.RWMutex
	// Sources supplies the time of each change. Nil means the clock.
	Sources *Sources
	// SaveWith is an engine whose record this one may make changes with
	// ([Engine.DoWith]): the two are saved in one order. Nil means none.
	SaveWith *Engine
	// SnapshotEvery makes Save write a snapshot of the state (see
	// [Snapshotter]) once the record has grown this many entries past the
	// latest snapshot. Zero means only when asked ([Engine.SaveSnapshot]).
	SnapshotEvery uint64
	// Logger receives what the engine has to report and no call returns:
	// a snapshot that could not be used, or written. Nil means nothing is
	// logged. Reports name streams, versions and types, never content.
	Logger *slog.Logger
}

// Snapshotter is what [Rules] implement when their state can be written
// down, so that a load can start from a recent state rather than from the
// first entry ([Journal.SaveSnapshot]). A snapshot is a cache: the record
// stays the truth, and a snapshot that cannot be read is passed over.
type Snapshotter interface {
	// SnapshotType names the encoding and its version, such as
	// "casework.case-snapshot.v1".
	SnapshotType() string
	// MarshalSnapshot encodes the state as it stands. The relationship
	// is locked, for reading at least.
	MarshalSnapshot() ([]byte, error)
	// UnmarshalSnapshot replaces the state of an empty relationship with
	// the one data encodes, or returns why it cannot, changing nothing.
	// The relationship is locked for writing.
	UnmarshalSnapshot(data []byte) error
}

// errNoEngine is what the methods of a nil *Engine return: the
// relationship that should hold it is a zero value, not made by its
// constructor.
var errNoEngine = &FieldError{Field: "engine", Reason: "nil: the relationship was not made by its constructor", Err: ErrNil}

// unusable reports whether x is nil or a zero Engine, not made by
// [NewEngine]: it has no rules.
func (x *Engine) unusable() bool { return x == nil || x.rules == nil }

// NewEngine returns an engine with an empty record. A config without
// rules is a [*FieldError] wrapping [ErrNil].
func NewEngine(cfg EngineConfig) (*Engine, error) {
	if cfg.Rules == nil {
		return nil, Nil("rules")
	}
	x := &Engine{rules: cfg.Rules, src: cfg.Sources, mu: cfg.Lock, every: cfg.SnapshotEvery, logger: cfg.Logger}
	if x.mu == nil {
		x.mu = new(sync.RWMutex)
	}
	if cfg.SaveWith != nil && cfg.SaveWith.order != nil {
		x.order = cfg.SaveWith.order
	} else {
		x.order = new(saveOrder)
	}
	return x, nil
}

// Do makes a change now: actor performs the act that produces ev, at the
// time the engine's sources give (or the time of the last entry, if the
// clock has gone back). in is what the call passes beside the event, for
// [Change.Input]. The change runs through every step of the pipeline; on
// error nothing has changed. The caller holds the lock for writing.
func (x *Engine) Do(actor PartyID, ev Event, in any) error {
	if x.unusable() {
		return errNoEngine
	}
	at, err := x.now()
	if err != nil {
		return err
	}
	c := &x.change
	if err := x.prepare(c, actor, ev, in, at); err != nil {
		return err
	}
	x.commit(c, nil, x.order.tick.Add(1))
	return nil
}

// DoWith makes one change across two records: actor performs the act
// producing ev in x's record, and the act producing yev in y's record,
// at one time. Both changes run through every step of their pipelines
// before either is applied, so both are made or neither is. Their entries
// are tied: a Save of either engine saves both, in one atomic append. y
// must share x's save order ([EngineConfig.SaveWith]). The caller holds
// both relationships' locks for writing.
func (x *Engine) DoWith(actor PartyID, ev Event, in any, y *Engine, yev Event) error {
	if x.unusable() || y.unusable() {
		return errNoEngine
	}
	if y.order != x.order || y == x {
		return &FieldError{Field: "engine", Reason: "not saved with this one", Err: ErrInvalidValue}
	}
	at, err := x.now()
	if err != nil {
		return err
	}
	if y.last.After(at) {
		at = y.last
	}
	var cx, cy Change
	if err := x.prepare(&cx, actor, ev, in, at); err != nil {
		return err
	}
	if err := y.prepare(&cy, actor, yev, nil, at); err != nil {
		return err
	}
	t := &tie{x: x, y: y, xSeq: x.version() + 1, ySeq: y.version() + 1}
	tick := x.order.tick.Add(1)
	x.commit(&cx, t, tick)
	y.commit(&cy, t, tick)
	return nil
}

// Check runs a change through every step of the pipeline but the last: it
// is checked and encoded, but not applied, and does not join the record.
// It returns the entry the change would make, numbered 1. It is how an act
// that changes nothing is recorded elsewhere: a read of a confidential note
// is checked against the case, then appended to the case's access log at
// [AnyVersion]. The caller holds the lock for writing: rules may prepare
// in Check what Apply would need.
func (x *Engine) Check(actor PartyID, ev Event, in any) (Entry, error) {
	if x.unusable() {
		return Entry{}, errNoEngine
	}
	at, err := x.now()
	if err != nil {
		return Entry{}, err
	}
	var c Change
	if err := x.prepare(&c, actor, ev, in, at); err != nil {
		return Entry{}, err
	}
	return c.Entry.WithSeq(1), nil
}

// now returns the time for a change made now: the clock's, or the time of
// the last entry if the clock is behind it. A clock that gives a time no
// record can hold is an error, however it compares.
func (x *Engine) now() (time.Time, error) {
	at := x.src.Now()
	if err := CheckTime("clock", at); err != nil {
		return time.Time{}, err
	}
	at = at.UTC().Round(0)
	if at.Before(x.last) {
		return x.last, nil
	}
	return at, nil
}

// prepare makes the entry for a change made now and runs it through the
// pipeline up to and including its encoding.
func (x *Engine) prepare(c *Change, actor PartyID, ev Event, in any, at time.Time) error {
	if ev == nil {
		return Nil("event")
	}
	act, ok := x.rules.Act(ev)
	if !ok {
		return &EntryError{Seq: x.version() + 1, Err: ErrUnknownEvent,
			Reason: fmt.Sprintf("event type %q is not an event of this record", ev.EventType())}
	}
	if actor.IsZero() {
		return &PartyError{Party: actor}
	}
	e, err := NewEntry(x.version()+1, at, actor, act, ev)
	if err != nil {
		return err
	}
	*c = Change{Entry: e, Input: in}
	if err := x.run(c); err != nil {
		return err
	}
	raw, err := x.encode(&e)
	if err != nil {
		return err
	}
	if len(raw) > MaxEntrySize {
		return &EntryError{Seq: e.seq, Err: ErrTooLarge,
			Reason: fmt.Sprintf("encoded entry of %d bytes is larger than %d", len(raw), MaxEntrySize)}
	}
	c.Entry.raw = raw
	return nil
}

// arenaSize is the size of the blocks that hold the encodings of unsaved
// entries: one allocation for many entries, not several for each.
const arenaSize = 64 << 10

// encode returns e's JSON, written into the engine's arena when it fits.
// The caller holds the lock for writing.
func (x *Engine) encode(e *Entry) ([]byte, error) {
	if cap(x.arena)-len(x.arena) < arenaSize/16 {
		x.arena = make([]byte, 0, arenaSize)
	}
	start := len(x.arena)
	b, err := e.AppendJSON(x.arena)
	if err != nil {
		return nil, err
	}
	if &b[:cap(b)][cap(b)-1] != &x.arena[:cap(x.arena)][cap(x.arena)-1] {
		// Too large for what was left of the arena: the encoding gets a
		// block of its own, and the arena stays as it was.
		return bytes.Clone(b[start:]), nil
	}
	x.arena = b
	return b[start:len(b):len(b)], nil
}

// run takes a change through the checks of the pipeline: the record's
// beginning, the actor, the rights table, the event's fields, the state.
func (x *Engine) run(c *Change) error {
	e := &c.Entry
	begins := x.rules.Begins(e.event)
	switch {
	case e.seq == 1 && !begins:
		return &EntryError{Seq: 1, Err: ErrInvalidEntry,
			Reason: fmt.Sprintf("a record cannot begin with %s", e.event.EventType())}
	case e.seq > 1 && begins:
		return &EntryError{Seq: e.seq, Err: ErrInvalidEntry,
			Reason: fmt.Sprintf("%s begins a record, and this one has begun", e.event.EventType())}
	}
	p, err := x.rules.Actor(c)
	if err != nil {
		return err
	}
	if err := x.rules.Rights().Check(p, e.act); err != nil {
		return err
	}
	c.Actor = p
	if err := x.rules.Validate(e.event); err != nil {
		return err
	}
	return x.rules.Check(c)
}

// commit applies a change that has passed the pipeline and adds it to the
// record, unsaved.
func (x *Engine) commit(c *Change, t *tie, tick uint64) {
	x.rules.Apply(c)
	x.last = c.Entry.at
	if x.loading {
		// Loading: the entry is in the journal, where Record reads it.
		x.base++
		x.saved++
	} else {
		// Kept in blocks, where a slice would copy a long record over
		// and over as it grew.
		x.recs.push(record{at: c.Entry.at, actor: c.Entry.actor, ev: c.Entry.event})
		x.pend.push(pending{raw: c.Entry.raw, tick: tick, tie: t})
	}
	c.Entry = Entry{} // let the event and its encoding go
}

// version returns the number of entries in the record. The caller holds
// the lock.
func (x *Engine) version() uint64 { return x.base + uint64(x.recs.len()) }

// Replay runs one entry of a stored record through the pipeline, after
// checking that it follows the entries before it: the next sequence
// number, a time no earlier than the last, an event of these rules, the
// act that produces it. The entry joins the record as not yet saved. An
// entry that fails is an [*EntryError] wrapping [ErrInvalidEntry] (or
// [ErrUnknownEvent]) and the cause, such as a [*PermissionError]; nothing
// has changed. The caller holds the lock for writing.
func (x *Engine) Replay(e Entry) error {
	if x.unusable() {
		return errNoEngine
	}
	seq := x.version() + 1
	bad := func(reason string, cause error) error {
		return &EntryError{Seq: seq, Reason: reason, Err: ErrInvalidEntry, Cause: cause}
	}
	switch {
	case !e.IsValid():
		return bad("zero entry", nil)
	case e.seq != seq:
		return bad(fmt.Sprintf("entry %d where entry %d should follow", e.seq, seq), nil)
	case e.at.Before(x.last):
		return bad(fmt.Sprintf("time %s runs backwards from %s", e.at.Format(time.RFC3339Nano), x.last.Format(time.RFC3339Nano)), nil)
	}
	act, ok := x.rules.Act(e.event)
	switch {
	case !ok:
		return &EntryError{Seq: seq, Err: ErrUnknownEvent,
			Reason: fmt.Sprintf("event type %q is not an event of this record", e.event.EventType())}
	case act != e.act:
		return bad(fmt.Sprintf("act %q does not produce %s", e.act, e.event.EventType()), nil)
	}
	c := &x.change
	*c = Change{Entry: e, Replay: true}
	c.Entry.raw = nil
	if err := x.run(c); err != nil {
		c.Entry = Entry{}
		return bad(err.Error(), err)
	}
	x.commit(c, nil, x.order.tick.Add(1))
	return nil
}

// Version returns the number of entries in the record, saved or not.
func (x *Engine) Version() uint64 {
	if x.unusable() {
		return 0
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.version()
}

// Unsaved returns the number of entries of the record not yet saved.
func (x *Engine) Unsaved() int {
	if x.unusable() {
		return 0
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	return int(x.version() - x.saved)
}

// Record yields every entry of the record, in order. It sees the entries
// made before the loop began; the relationship is not locked while the
// loop body runs. A relationship holds its state, not its history: the
// entries a load replays are not held in memory, nor, past the first
// 16,384, those made since and saved. They are read back from the journal
// the relationship was loaded from or saved to, which must still be open.
// An error reading them ends the sequence early: [Engine.Entries] reports
// it.
func (x *Engine) Record() iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		for e, err := range x.Entries(context.Background()) {
			if err != nil || !yield(e) {
				return
			}
		}
	}
}

// Entries is [Engine.Record] with the errors of reading the journal: an
// error ends the sequence, yielded with a zero Entry.
func (x *Engine) Entries(ctx context.Context) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		if x.unusable() {
			return
		}
		x.mu.RLock()
		base, recs, j := x.base, x.recs, x.journal
		stream := ""
		if base > 0 {
			stream = x.rules.Stream()
		}
		x.mu.RUnlock()
		if base > 0 {
			n := uint64(0)
			for e, err := range j.Read(ctx, stream, 1) {
				if err == nil && e.Seq() != n+1 {
					err = &EntryError{Seq: n + 1, Reason: "the journal does not hold the record this relationship was loaded from", Err: ErrInvalidEntry}
				}
				if !yield(e, err) || err != nil {
					return
				}
				if n++; n == base {
					break
				}
			}
			if n < base {
				yield(Entry{}, &EntryError{Seq: n + 1, Reason: "the journal holds fewer entries than this relationship was loaded from", Err: ErrNoRecord})
				return
			}
		}
		for i := range recs.len() {
			if !yield(x.entryAt(&recs, base, i), nil) {
				return
			}
		}
	}
}

// entryAt returns record i of recs, the entry numbered base+i+1, as an
// entry.
func (x *Engine) entryAt(recs *chunks[record], base uint64, i int) Entry {
	r := recs.at(i)
	act, _ := x.rules.Act(r.ev) // every record passed Act on its way in
	return Entry{seq: base + uint64(i) + 1, at: r.at, actor: r.actor, act: act, event: r.ev}
}

// Load replays the record kept in stream of j into this engine, which must
// be empty, and marks every entry saved. If the journal keeps a snapshot of
// the stream that the rules can read ([Snapshotter]), the state starts
// from it and only the entries after it are replayed; a snapshot that
// cannot be read (of another type, or damaged) is passed over, logged, and
// the record replayed in full: a snapshot never changes what loads. The
// entries are not held in memory afterwards (see [Engine.Record]).
//
// A stream that holds nothing is an error wrapping [ErrNoRecord]; an entry
// that does not replay, one the journal cannot read, or a done context, is
// an error that says which.
func (x *Engine) Load(ctx context.Context, j Journal, stream string) error {
	if x.unusable() {
		return errNoEngine
	}
	if j == nil {
		return Nil("journal")
	}
	if ctx == nil {
		return Nil("context")
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.version() > 0 {
		return &FieldError{Field: "engine", Reason: "already holds a record", Err: ErrInvalidValue}
	}
	x.journal, x.loading = j, true
	defer func() { x.loading = false }()
	from, err := x.restore(ctx, j, stream)
	if err == nil {
		for e, rerr := range j.Read(ctx, stream, from+1) {
			if rerr == nil {
				rerr = x.Replay(e)
			}
			if rerr != nil {
				err = rerr
				break
			}
		}
	}
	if err == nil && x.version() == 0 {
		err = ErrNoRecord
	}
	if err != nil {
		return fmt.Errorf("relationship: load %s: %w", stream, err)
	}
	x.pend = chunks[pending]{}
	return nil
}

// restore starts the state from the journal's snapshot of stream, if there
// is one the rules can read, and returns the version it stands at: 0 if
// the record must be replayed from its first entry. x.mu is held.
func (x *Engine) restore(ctx context.Context, j Journal, stream string) (uint64, error) {
	sn, ok := x.rules.(Snapshotter)
	if !ok {
		return 0, nil
	}
	s, found, err := j.LoadSnapshot(ctx, stream)
	switch {
	case ctx.Err() != nil:
		return 0, ctx.Err()
	case err != nil:
		x.report("snapshot unreadable; replaying the record in full", stream, s, err)
		return 0, nil
	case !found:
		return 0, nil
	case s.Type != sn.SnapshotType():
		x.report("snapshot of another type; replaying the record in full", stream, s, nil)
		return 0, nil
	}
	// The entry the snapshot follows gives the time the next must not
	// precede, and shows the stream holds it.
	var last Entry
	for e, err := range j.Read(ctx, stream, s.Version) {
		if err != nil {
			return 0, err
		}
		last = e
		break
	}
	if !last.IsValid() || last.seq != s.Version {
		x.report("snapshot of a version the stream does not hold; replaying the record in full", stream, s, nil)
		return 0, nil
	}
	if err := sn.UnmarshalSnapshot(s.Data); err != nil {
		x.report("snapshot not used; replaying the record in full", stream, s, err)
		return 0, nil
	}
	x.base, x.saved, x.snapshotted, x.last = s.Version, s.Version, s.Version, last.at
	return s.Version, nil
}

// report logs what the engine cannot return: a snapshot passed over or
// not written.
func (x *Engine) report(msg, stream string, s Snapshot, err error) {
	if x.logger == nil {
		return
	}
	attrs := []any{slog.String("stream", stream), slog.Uint64("version", s.Version), slog.String("type", s.Type)}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	x.logger.Warn("relationship: "+msg, attrs...)
}

// SaveSnapshot saves the record (see [Engine.Save]) and then a snapshot of
// the state as it stands after its last entry, so that later loads start
// from there. Rules that do not implement [Snapshotter] are an error
// wrapping [ErrInvalidValue].
func (x *Engine) SaveSnapshot(ctx context.Context, j Journal) error {
	if x.unusable() {
		return errNoEngine
	}
	if _, ok := x.rules.(Snapshotter); !ok {
		return &FieldError{Field: "rules", Reason: "cannot write their state down", Err: ErrInvalidValue}
	}
	for range 3 {
		if err := x.Save(ctx, j); err != nil {
			return err
		}
		x.order.mu.Lock()
		err := x.snapshot(ctx, j)
		x.order.mu.Unlock()
		if !errors.Is(err, errChanged) {
			return err
		}
	}
	return fmt.Errorf("relationship: snapshot %s: %w", x.rules.Stream(), errChanged)
}

// errChanged means the record grew between a save and its snapshot.
var errChanged = errors.New("the record changed while its snapshot was taken; try again")

// snapshot writes a snapshot of the state, which must be saved entirely.
// The caller holds the save order's lock.
func (x *Engine) snapshot(ctx context.Context, j Journal) error {
	sn := x.rules.(Snapshotter)
	x.mu.RLock()
	v := x.version()
	if v != x.saved {
		x.mu.RUnlock()
		return errChanged
	}
	data, err := sn.MarshalSnapshot()
	x.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("relationship: snapshot %s: %w", x.rules.Stream(), err)
	}
	s := Snapshot{Version: v, Type: sn.SnapshotType(), Data: data}
	if err := j.SaveSnapshot(ctx, x.rules.Stream(), s); err != nil {
		return fmt.Errorf("relationship: snapshot %s: %w", x.rules.Stream(), err)
	}
	x.mu.Lock()
	x.snapshotted = max(x.snapshotted, v)
	x.mu.Unlock()
	return nil
}

// snapshotDue writes a snapshot if the policy asks for one now; a failure
// is reported, not returned: the save it follows succeeded. The caller
// holds the save order's lock.
func (x *Engine) snapshotDue(ctx context.Context, j Journal) {
	if _, ok := x.rules.(Snapshotter); !ok || x.every == 0 {
		return
	}
	x.mu.RLock()
	due := x.saved == x.version() && x.saved-x.snapshotted >= x.every
	x.mu.RUnlock()
	if !due {
		return
	}
	if err := x.snapshot(ctx, j); err != nil {
		x.report("snapshot not written", x.rules.Stream(), Snapshot{Version: x.saved}, err)
	}
}

// Save appends to j the entries of the record not yet saved, each stream
// at the version this engine left it at, together with the entries of
// other records that changes made with [Engine.DoWith] tied to them (and,
// in turn, what those are tied to). When the entries are more than one
// append may carry ([MaxAppendSize]) they go in several appends, each
// atomic; tied entries always go in the same one.
//
// When another writer has appended to one of the streams in the meantime
// (another copy of the relationship, loaded from the same record, on this
// server or another), the append fails with an error wrapping
// [ErrVersionConflict] and what it carried is not marked saved: load the
// relationship again, and make the change again. Saving with nothing to
// save does nothing. Saves of engines that share a save order run one at
// a time.
func (x *Engine) Save(ctx context.Context, j Journal) error {
	if x.unusable() {
		return errNoEngine
	}
	if j == nil {
		return Nil("journal")
	}
	if ctx == nil {
		return Nil("context")
	}
	x.order.mu.Lock()
	defer x.order.mu.Unlock()
	plan, err := x.plan()
	if err == nil && len(plan.items) > 0 {
		err = ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("relationship: save %s: %w", x.rules.Stream(), err)
	}
	touched := slices.Collect(maps.Keys(plan.from))
	for len(plan.items) > 0 {
		n, appends := plan.next()
		if err := j.Append(ctx, appends...); err != nil {
			return fmt.Errorf("relationship: save %s: %w", x.rules.Stream(), err)
		}
		plan.done(n, j)
	}
	for _, e := range touched {
		e.snapshotDue(ctx, j)
	}
	return nil
}

// appendLimit is the most one append of a Save carries: MaxAppendSize,
// lowered by tests to see a record saved in several appends.
var appendLimit = MaxAppendSize

// savePlan is what one Save appends: the unsaved entries of each engine
// involved, in the order they were made.
type savePlan struct {
	items []saveItem
	from  map[*Engine]uint64 // the version each engine's stream is at before the next append
}

// saveItem is one entry to save.
type saveItem struct {
	x     *Engine
	entry Entry
	tick  uint64
}

// plan gathers what a save of x must append: every unsaved entry of x, and
// for each tie among them, the other engine's unsaved entries up to the
// tied one, and so on. The caller holds the save order's lock, so no
// engine's saved count changes meanwhile; entries made meanwhile are left
// for the next save. Entries that came from a replay rather than a change
// made now are encoded here.
func (x *Engine) plan() (*savePlan, error) {
	p := &savePlan{from: map[*Engine]uint64{}}
	upto := map[*Engine]uint64{}
	var queue []*Engine
	want := func(e *Engine, n uint64) {
		if n > upto[e] {
			upto[e] = n
			queue = append(queue, e)
		}
	}
	x.mu.RLock()
	want(x, x.version())
	x.mu.RUnlock()
	scanned := map[*Engine]uint64{}
	for len(queue) > 0 {
		e := queue[0]
		queue = queue[1:]
		e.mu.RLock()
		start, end := max(scanned[e], e.saved), upto[e]
		var ties []*tie
		for v := start + 1; v <= end; v++ {
			if t := e.pend.at(int(v - e.saved - 1)).tie; t != nil {
				ties = append(ties, t)
			}
		}
		e.mu.RUnlock()
		scanned[e] = end
		for _, t := range ties {
			want(t.x, t.xSeq)
			want(t.y, t.ySeq)
		}
	}
	for e, end := range upto {
		e.mu.RLock()
		p.from[e] = e.saved
		for v := e.saved + 1; v <= end; v++ {
			en := e.entryAt(&e.recs, e.base, int(v-e.base-1))
			pd := e.pend.at(int(v - e.saved - 1))
			en.raw = pd.raw
			p.items = append(p.items, saveItem{x: e, entry: en, tick: pd.tick})
		}
		e.mu.RUnlock()
	}
	for i := range p.items {
		it := &p.items[i]
		if it.entry.raw == nil {
			raw, err := it.entry.AppendJSON(nil)
			if err != nil {
				return nil, err
			}
			it.entry.raw = raw
		}
	}
	slices.SortStableFunc(p.items, func(a, b saveItem) int { return cmp.Compare(a.tick, b.tick) })
	return p, nil
}

// next returns the appends of the next chunk of the plan, and how many
// items it covers: whole ticks (a tie's two entries share one), as many as
// fit in MaxAppendSize, and always at least one.
func (p *savePlan) next() (int, []Append) {
	size, n := 0, 0
	for n < len(p.items) {
		k := n + 1
		group := len(p.items[n].entry.raw)
		for k < len(p.items) && p.items[k].tick == p.items[n].tick {
			group += len(p.items[k].entry.raw)
			k++
		}
		if n > 0 && size+group > appendLimit {
			break
		}
		size += group
		n = k
	}
	var appends []Append
	at := map[*Engine]int{}
	for _, it := range p.items[:n] {
		i, ok := at[it.x]
		if !ok {
			i = len(appends)
			at[it.x] = i
			appends = append(appends, Append{Stream: it.x.rules.Stream(), Expected: p.from[it.x]})
		}
		appends[i].Entries = append(appends[i].Entries, it.entry)
	}
	return n, appends
}

// holdSaved is how many saved entries a relationship made in this process
// keeps in memory: beyond it, they leave memory, and Record reads them
// back from the journal.
const holdSaved = 1 << 14

// done marks the first n items of the plan saved in j. Saved entries
// beyond holdSaved leave memory: the journal holds them now, and Record
// reads them there.
func (p *savePlan) done(n int, j Journal) {
	count := map[*Engine]uint64{}
	for _, it := range p.items[:n] {
		count[it.x]++
	}
	for e, k := range count {
		e.mu.Lock()
		e.saved += k
		e.pend.drop(int(k))
		if (e.journal == nil && e.base == 0 || e.journal == j) && e.saved-e.base > holdSaved {
			e.journal = j
			drop := int(e.saved - e.base)
			e.recs.drop(drop)
			e.base = e.saved
		}
		e.mu.Unlock()
		p.from[e] += k
	}
	p.items = p.items[n:]
}
