package relationship

import (
	"iter"

	"github.com/google/uuid"
)

// Relationship is what a casework case and a work group have in common, and
// what [Compare] compares: a method, purposes, parties in roles, help that
// flows between them, a rights table that says who may do what, and a record
// of everything that happened.
//
// casework.Case and groupwork.Group implement it. Implementations must be safe
// for concurrent use, and every sequence must be a snapshot: safe to range
// over while the relationship changes.
type Relationship interface {
	// ID returns the relationship's identifier; it names its record stream.
	ID() uuid.UUID
	// Name returns a human name for the relationship, such as "The Kowalski
	// family" or "Hull House Girls' Club".
	Name() string
	// Method returns casework or group work.
	Method() Method
	// Purposes yields what the relationship is for.
	Purposes() iter.Seq[Purpose]
	// Parties yields everyone who has taken part, with their roles, in the
	// order they joined.
	Parties() iter.Seq[Party]
	// Ledger returns a read-only view of the help exchanged.
	Ledger() LedgerView
	// Rights returns the table of which role may perform which act.
	Rights() *Rights
	// Record yields every entry of the record, in order.
	Record() iter.Seq[Entry]
}

// LedgerView is a read-only view of a [Ledger]: every query, no Record. A
// relationship hands out a view so that help can only enter its ledger
// through the relationship's own rules. The zero LedgerView is an empty
// ledger.
type LedgerView struct{ l *Ledger }

// View returns a read-only view of the ledger.
func (l *Ledger) View() LedgerView { return LedgerView{l} }

func (v LedgerView) ledger() *Ledger {
	if v.l == nil {
		return &Ledger{}
	}
	return v.l
}

// Len is [Ledger.Len].
func (v LedgerView) Len() int { return v.ledger().Len() }

// Party is [Ledger.Party].
func (v LedgerView) Party(id PartyID) (PartySummary, bool) { return v.ledger().Party(id) }

// Parties is [Ledger.Parties].
func (v LedgerView) Parties() iter.Seq[PartySummary] { return v.ledger().Parties() }

// Between is [Ledger.Between].
func (v LedgerView) Between(giver, receiver PartyID) int { return v.ledger().Between(giver, receiver) }

// Reciprocity is [Ledger.Reciprocity].
func (v LedgerView) Reciprocity() float64 { return v.ledger().Reciprocity() }

// WeightedReciprocity is [Ledger.WeightedReciprocity].
func (v LedgerView) WeightedReciprocity() float64 { return v.ledger().WeightedReciprocity() }

// Density is [Ledger.Density].
func (v LedgerView) Density() float64 { return v.ledger().Density() }

// Concentration is [Ledger.Concentration].
func (v LedgerView) Concentration() float64 { return v.ledger().Concentration() }

// Metrics is [Ledger.Metrics].
func (v LedgerView) Metrics() Metrics { return v.ledger().Metrics() }

// All is [Ledger.All].
func (v LedgerView) All() iter.Seq[Exchange] { return v.ledger().All() }

// InTimeOrder is [Ledger.InTimeOrder].
func (v LedgerView) InTimeOrder() iter.Seq[Exchange] { return v.ledger().InTimeOrder() }

// ByParty is [Ledger.ByParty].
func (v LedgerView) ByParty(id PartyID) iter.Seq[Exchange] { return v.ledger().ByParty(id) }

// ByKind is [Ledger.ByKind].
func (v LedgerView) ByKind(k SupportKind) iter.Seq[Exchange] { return v.ledger().ByKind(k) }
