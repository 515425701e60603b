package casework

import (
	"iter"
	"log/slog"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Case is a casework relationship: one client (a person or a family), the
// worker assigned to them and that worker's supervisor, on behalf of an
// [Agency], moving through the phases of the casework process from intake to
// closure. It is the package's central type; the package documentation
// explains the practice it models.
//
// Every method that changes a case takes the acting party first, looks the
// actor up among the case's parties, checks the rights table ([Rights]) and
// the rules of casework, and only then records the change as an entry in the
// case's record. A call that fails changes nothing. The record is the case:
// [Replay] rebuilds an identical case from it, and [Case.Save] and [Load]
// keep it in a [relationship.Journal].
//
// Help given in the case enters its ledger ([Case.Ledger]): each provision
// is a material exchange, and each counselling contact an emotional,
// informational or appraisal one, always from the worker (on the agency's
// behalf) to the client. The ledger shows the asymmetry of casework in
// numbers: reciprocity 0, and a concentration of 1 while one worker gives
// (a little less when the case has passed between workers).
//
// A Case is safe for concurrent use. Its iterators are snapshots: the case
// is not locked while the loop body runs. Make one with [NewCase], [Replay] or
// [Load]; the zero Case is not usable. A nil *Case answers every method
// without a panic: zero values, empty sequences, and errors wrapping
// [relationship.ErrNil].
type Case struct {
	mu     sync.RWMutex
	src    *relationship.Sources
	agency *Agency // nil when replayed or loaded without it; fixed when the case is made
	ledger *relationship.Ledger
	st     state
	rules  caseRules            // the case's rules, for the engine
	eng    *relationship.Engine // keeps the record; runs every change through the rules
}

var _ relationship.Relationship = (*Case)(nil)

// Options tune how a case is made. A nil *Options means the defaults.
type Options struct {
	// Sources supplies the time and the identifiers the case stamps on what
	// it records. Nil means the clock and version 7 UUIDs; tests and
	// examples use [relationship.StepClock] and [relationship.SequentialIDs]
	// to print the same output every run. A case made by [Replay] or [Load]
	// must be given a source that does not repeat the identifiers its
	// record already holds: a repeat is refused with [ErrDuplicateID].
	Sources *relationship.Sources
	// Agency binds a case made by [Replay] or [Load] to the agency it
	// belongs to, as [LoadAgency] brought it back: the acts that change
	// the agency too (closing, withdrawing, reopening, transferring, giving
	// a provision) are then made in both records at once. Nil leaves the
	// case detached: everything it recorded is checked, and it may go on
	// with everything that concerns the case alone, but an act that needs
	// the agency fails with [ErrDetached]. [NewCase] takes its agency as an
	// argument and ignores this field.
	Agency *Agency
	// SnapshotEvery makes Save write a snapshot of the case's state once
	// its record has grown this many entries past the latest snapshot, so
	// that a load replays at most about that many entries (see
	// [Case.SaveSnapshot]). Zero means snapshots only when asked for.
	SnapshotEvery uint64
	// Logger receives what a load or a save has to report but does not
	// return: a snapshot passed over (of an older version of the program,
	// or damaged) and the record replayed in full, or a snapshot that
	// could not be written. Nil means nothing is logged. It names streams,
	// versions and types, never what the record says.
	Logger *slog.Logger
}

func (o *Options) sources() *relationship.Sources {
	if o == nil {
		return nil
	}
	return o.Sources
}

// engine returns the engine configuration the options ask for.
func (o *Options) engine(cfg relationship.EngineConfig) relationship.EngineConfig {
	if o != nil {
		cfg.SnapshotEvery, cfg.Logger = o.SnapshotEvery, o.Logger
	}
	return cfg
}

func (o *Options) agency() *Agency {
	if o == nil {
		return nil
	}
	return o.Agency
}

// newCase returns an empty case, bound to agency if it is not nil.
func newCase(opts *Options, agency *Agency) *Case {
	c := &Case{src: opts.sources(), agency: agency, ledger: relationship.NewLedger(nil)}
	c.rules.c = c
	cfg := opts.engine(relationship.EngineConfig{Rules: &c.rules, Lock: &c.mu, Sources: c.src})
	if agency != nil {
		cfg.SaveWith = agency.eng
	}
	c.eng, _ = relationship.NewEngine(cfg) // rules given
	return c
}

// ID returns the case's identifier; it names the case's record stream (see
// [StreamName]).
func (c *Case) ID() uuid.UUID {
	if c == nil {
		return uuid.Nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.id
}

// Name returns the case's name, such as "The Kowalski family".
func (c *Case) Name() string {
	if c == nil {
		return ""
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.name
}

// Method returns [relationship.Casework].
func (c *Case) Method() relationship.Method { return relationship.Casework }

// Purposes yields what the case is for, as declared when it opened: by
// default problem-solving, Perlman's name for the work of casework.
func (c *Case) Purposes() iter.Seq[relationship.Purpose] {
	if c == nil {
		return func(func(relationship.Purpose) bool) {}
	}
	return snapshot(c, func(s *state) []relationship.Purpose { return s.purposes })
}

// Parties yields everyone who has taken part in the case, with their roles,
// in the order they joined: the client, the first worker, that worker's
// supervisor and the agency, then any worker or supervisor who came with a
// transfer. Former workers stay in the list, without power over the case.
func (c *Case) Parties() iter.Seq[relationship.Party] {
	if c == nil {
		return func(func(relationship.Party) bool) {}
	}
	return snapshot(c, func(s *state) []relationship.Party { return s.parties })
}

// Ledger returns a read-only view of the help given in the case.
func (c *Case) Ledger() relationship.LedgerView {
	if c == nil {
		return relationship.LedgerView{}
	}
	return c.ledger.View()
}

// Rights returns the casework rights table, the same for every case: see
// [Rights].
func (c *Case) Rights() *relationship.Rights { return rights }

// Record yields every entry of the case's record, in order. It is a
// snapshot. The entries hold everything that happened, notes included: the
// record is the case file itself, and whoever holds it holds the client's
// confidences. The methods of Case are the controlled way in.
func (c *Case) Record() iter.Seq[relationship.Entry] {
	if c == nil {
		return func(func(relationship.Entry) bool) {}
	}
	return c.eng.Record()
}

// Version returns the number of entries in the case's record, saved or
// not.
func (c *Case) Version() uint64 {
	if c == nil {
		return 0
	}
	return c.eng.Version()
}

// Unsaved returns the number of entries of the record not yet saved.
func (c *Case) Unsaved() int {
	if c == nil {
		return 0
	}
	return c.eng.Unsaved()
}

// Client returns the case's client.
func (c *Case) Client() Client {
	if c == nil {
		return Client{}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.client
}

// Worker returns the worker assigned to the case now.
func (c *Case) Worker() Worker {
	if c == nil {
		return Worker{}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.worker
}

// Supervisor returns the supervisor of the worker assigned now.
func (c *Case) Supervisor() Supervisor {
	if c == nil {
		return Supervisor{}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.supervisor()
}

// AgencyID returns the identifier of the agency the case belongs to.
func (c *Case) AgencyID() relationship.PartyID {
	if c == nil {
		return relationship.PartyID{}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.agency
}

// Agency returns the agency the case is bound to, or nil for a case
// replayed or loaded without it (see [Options.Agency]).
func (c *Case) Agency() *Agency {
	if c == nil {
		return nil
	}
	return c.agency
}

// Terms yields the terms on which the case may draw each of its agency's
// resources, as they stood when the case opened.
func (c *Case) Terms() iter.Seq[ResourceTerms] {
	if c == nil {
		return func(func(ResourceTerms) bool) {}
	}
	return snapshot(c, func(s *state) []ResourceTerms { return s.terms })
}

// PlanConsentRequired reports whether treatment needs the client's consent
// to the plan: true unless the case was opened with
// [Application.WithoutPlanConsent].
func (c *Case) PlanConsentRequired() bool {
	if c == nil {
		return false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.st.planConsent
}

// IsOpen reports whether the case is open.
func (c *Case) IsOpen() bool {
	if c == nil {
		return false
	}
	return c.Phase().IsOpen()
}

// cloneStrings copies a slice of strings, keeping nil as nil.
func cloneStrings(xs []string) []string { return slices.Clone(xs) }
