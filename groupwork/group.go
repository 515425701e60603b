package groupwork

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Group is a work group in the settlement-house tradition: members who help
// one another, a [Facilitator] (the group worker) who is not a member, the
// meetings where they do their programme activities, the stages they pass
// through, the concerns they take up and the ledger of the help they
// exchange.
//
// Every method that changes a group takes the acting party first and checks
// the group's [Rights] before anything else; a failed call changes nothing.
// Every change is an entry of the group's record, and [Replay] rebuilds an
// identical group from it. A Group is safe for concurrent use, and every
// sequence it returns is a snapshot that may be ranged over while the group
// changes.
//
// The zero Group is not usable: make one with [NewGroup], [Replay] or
// [Load]. A nil *Group answers every method without a panic: zero values,
// empty sequences, and errors wrapping [relationship.ErrNil].
type Group struct {
	mu     sync.RWMutex
	st     state
	ledger *relationship.Ledger
	src    *relationship.Sources
	rules  groupRules           // the group's rules, for the engine
	eng    *relationship.Engine // keeps the record; runs every change through the rules

	// box holds the sealed ballots of open secret and hidden votes, by
	// proposal and voter slot, with their receipts' secrets. It is not
	// part of the state: see [Group.Propose] for why, and for what a
	// loaded group does without it. Guarded by mu.
	box map[uuid.UUID]map[int32]sealedVote
	// secrets seal the box's ballots into the record, with a keyring.
	// Guarded by mu.
	secrets secrets
}

var _ relationship.Relationship = (*Group)(nil)

func newGroup(opts *Options) *Group {
	g := &Group{src: opts.sources(), ledger: relationship.NewLedger(nil), secrets: secrets{ring: opts.keyring()}}
	g.rules.g = g
	cfg := relationship.EngineConfig{Rules: &g.rules, Lock: &g.mu, Sources: g.src}
	if opts != nil {
		cfg.SnapshotEvery, cfg.Logger = opts.SnapshotEvery, opts.Logger
	}
	g.eng, _ = relationship.NewEngine(cfg) // rules given
	return g
}

// NewGroup forms a group: the facilitator, the agency's group worker,
// declares its name, purposes, model and membership rules, and becomes the
// group's first party. The group begins in [Preaffiliation] with no members;
// people then [Group.Join] it themselves.
//
// Errors: [*relationship.PartyError] for an invalid party,
// [*relationship.PermissionError] when the party's role is not
// facilitator, and for a bad spec every problem at once, joined, each a
// [*InputError] wrapping [ErrInvalidSpec].
func NewGroup(facilitator relationship.Party, spec Spec, opts *Options) (*Group, error) {
	if !facilitator.IsValid() {
		return nil, &relationship.PartyError{Party: facilitator.ID()}
	}
	if err := rights.Check(facilitator, ActFormGroup); err != nil {
		return nil, err
	}
	g := newGroup(opts)
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := GroupFormed{
		Group: g.src.NewID(), Name: strings.TrimSpace(spec.Name), Purposes: clip(spec.Purposes),
		Model: spec.Model, Settings: spec.Settings, Facilitator: facilitator.Name(),
	}
	if err := g.commit(facilitator.ID(), ev); err != nil {
		return nil, err
	}
	return g, nil
}

func (e GroupFormed) check(s *state, st *step) error {
	spec := Spec{Name: e.Name, Purposes: e.Purposes, Model: e.Model, Settings: e.Settings}
	if err := spec.validate(); err != nil {
		return err
	}
	return s.fresh(e.Group)
}

func (e GroupFormed) apply(s *state, st *step) {
	p, _ := relationship.NewParty(st.actor, e.Facilitator, relationship.RoleFacilitator) // checked
	*s = state{
		id: e.Group, name: strings.TrimSpace(e.Name), purposes: clip(e.Purposes), model: e.Model,
		settings: e.Settings, formed: st.at, facilitator: p, stage: Preaffiliation,
		index:    map[relationship.PartyID]int32{},
		match:    newMatchIndex(),
		meetingX: map[uuid.UUID]int32{}, itemX: map[uuid.UUID]int32{},
		concernX: map[uuid.UUID]int32{}, mednX: map[uuid.UUID]int32{},
		proposalX: map[uuid.UUID]int32{}, proxyX: map[uuid.UUID]int32{},
		ids: idSet{asc: []uuid.UUID{e.Group}},
	}
}

// EndGroup ends the group, giving the reason (the season is over, the goals
// are met). The group must be in [Separation]: its ending has been prepared
// with the members, reviewed and celebrated. Every current member's
// membership ends with [LeftGroupEnded]. After the group has ended nothing
// more can happen in it.
//
// Only the facilitator ends a group. Errors: [*relationship.PartyError],
// [*relationship.PermissionError], [*StateError] wrapping [ErrEnded], [*StateError] wrapping
// [ErrNotSeparated], and [*InputError] wrapping [ErrBlank] for a blank reason.
func (g *Group) EndGroup(actor relationship.PartyID, reason string) error {
	if g == nil {
		return relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.commit(actor, GroupEnded{Reason: strings.TrimSpace(reason)})
}

func (e GroupEnded) check(s *state, _ *step) error {
	if s.stage != Separation {
		return &StateError{Item: "group", ID: s.id, From: s.stage, Err: ErrNotSeparated}
	}
	if strings.TrimSpace(e.Reason) == "" {
		return blank("reason")
	}
	return nil
}

func (e GroupEnded) apply(s *state, st *step) {
	for i := range s.members {
		if s.members[i].current {
			s.leave(int32(i), st.at, LeftGroupEnded, "")
		}
	}
	s.ended, s.endReason = st.at, strings.TrimSpace(e.Reason)
}

// clip returns a copy of xs, or nil when xs is empty, so that a value read
// back from JSON (where an empty list is omitted) equals the one written.
func clip[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return slices.Clone(xs)
}

// ID returns the group's identifier, which also names its record stream
// (see [StreamName]).
func (g *Group) ID() uuid.UUID {
	if g == nil {
		return uuid.Nil
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.id
}

// Name returns the group's name.
func (g *Group) Name() string {
	if g == nil {
		return ""
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.name
}

// Method returns [relationship.GroupWork].
func (g *Group) Method() relationship.Method { return relationship.GroupWork }

// Purposes yields what the group is for, in the order declared.
func (g *Group) Purposes() iter.Seq[relationship.Purpose] {
	if g == nil {
		return func(func(relationship.Purpose) bool) {}
	}
	return func(yield func(relationship.Purpose) bool) {
		g.mu.RLock()
		ps := g.st.purposes
		g.mu.RUnlock()
		for _, p := range ps {
			if !yield(p) {
				return
			}
		}
	}
}

// Model returns the Papell and Rothman model the group follows.
func (g *Group) Model() Model {
	if g == nil {
		return 0
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.model
}

// Settings returns the group's standing rules: membership, capacity, and
// who votes and how.
func (g *Group) Settings() Settings {
	if g == nil {
		return Settings{}
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.settings
}

// Formed returns when the group was formed, in UTC.
func (g *Group) Formed() time.Time {
	if g == nil {
		return time.Time{}
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.formed
}

// Started returns when the group held its first meeting (the first
// attendance recorded), and false if it has not started. A closed group
// takes no new members once it has started.
func (g *Group) Started() (time.Time, bool) {
	if g == nil {
		return time.Time{}, false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.started, !g.st.started.IsZero()
}

// Ended returns when the group ended and why, and false if it has not.
func (g *Group) Ended() (at time.Time, reason string, ok bool) {
	if g == nil {
		return time.Time{}, "", false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.st.ended, g.st.endReason, g.st.isEnded()
}

// Parties yields everyone who has taken part, with their roles: the
// facilitator first, then each member (current or former) in the order they
// first joined.
func (g *Group) Parties() iter.Seq[relationship.Party] {
	if g == nil {
		return func(func(relationship.Party) bool) {}
	}
	return func(yield func(relationship.Party) bool) {
		g.mu.RLock()
		ps := make([]relationship.Party, 0, len(g.st.members)+1)
		ps = append(ps, g.st.facilitator)
		for i := range g.st.members {
			ps = append(ps, g.st.members[i].party)
		}
		g.mu.RUnlock()
		for _, p := range ps {
			if !yield(p) {
				return
			}
		}
	}
}

// Ledger returns a read-only view of the help exchanged in the group: every
// [Group.GiveAid], between members and with the facilitator. Each
// exchange's context is the name of the [MutualAidProcess] it shows.
func (g *Group) Ledger() relationship.LedgerView {
	if g == nil {
		return relationship.LedgerView{}
	}
	return g.ledger.View()
}

// Rights returns the rights table of group work (see [Rights]).
func (g *Group) Rights() *relationship.Rights { return rights }

// Record yields every entry of the group's record, in order. It sees the
// entries made before the loop began; the group is not locked while the
// loop body runs.
func (g *Group) Record() iter.Seq[relationship.Entry] {
	if g == nil {
		return func(func(relationship.Entry) bool) {}
	}
	return g.eng.Record()
}

// Version returns the number of entries in the group's record, saved or
// not: the version its stream will be at once it is saved.
func (g *Group) Version() uint64 {
	if g == nil {
		return 0
	}
	return g.eng.Version()
}

// String returns a one-line summary, such as
// "Hull House Girls' Club (social-goals, 7 members, intimacy)".
func (g *Group) String() string {
	if g == nil {
		return ""
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	state := g.st.stage.String()
	if g.st.isEnded() {
		state = "ended"
	}
	return fmt.Sprintf("%s (%s, %d members, %s)", g.st.name, g.st.model, g.st.current, state)
}
