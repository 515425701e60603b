package casework

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// EvidenceKind is the kind of evidence in Richmond's social study. Social
// Diagnosis (1917) borrowed the distinction from the law of evidence, to
// teach workers to weigh what they were told.
//
// The zero EvidenceKind is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type EvidenceKind uint8

// The kinds of evidence.
const (
	// EvidenceReal is what the worker observed directly: the state of the
	// home, a rent book, a doctor's certificate.
	EvidenceReal EvidenceKind = iota + 1
	// EvidenceTestimonial is what a person said: the client, a relative, an
	// employer, a neighbour. When the speaker did not witness it themselves
	// it is hearsay, and the item says so.
	EvidenceTestimonial
	// EvidenceCircumstantial is an inference from facts: arrears that
	// suggest the wages stopped in March.
	EvidenceCircumstantial
)

var evidenceKinds = enum.New[EvidenceKind]("evidence kind", "unspecified", "real", "testimonial", "circumstantial")

// EvidenceKinds yields every valid evidence kind in order.
func EvidenceKinds() iter.Seq[EvidenceKind] { return evidenceKinds.Values() }

// ParseEvidenceKind returns the evidence kind named s, such as
// "testimonial". Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseEvidenceKind(s string) (EvidenceKind, error) { return evidenceKinds.ParseText(s) }

// IsValid reports whether k is one of the named kinds.
func (k EvidenceKind) IsValid() bool { return evidenceKinds.Valid(k) }

// String returns the kind's name.
func (k EvidenceKind) String() string { return evidenceKinds.String(k) }

// MarshalText returns the kind's name. An invalid kind is an error.
func (k EvidenceKind) MarshalText() ([]byte, error) { return evidenceKinds.Text(k) }

// UnmarshalText sets k to the kind named by b. On error k is unchanged.
func (k *EvidenceKind) UnmarshalText(b []byte) error { return evidenceKinds.Unmarshal(b, k) }

// Circumstance is a fact about a client's situation that evidence may show.
// There are two families. Misfortunes (unemployment, sickness, widowhood,
// ...) are what happens to people; judgements of character (drink,
// idleness, begging, ...) are what the charity organisation societies
// looked for to sort the "worthy" poor from the "unworthy". The package
// names both because the [WorthinessPolicy] needs both: see
// [Circumstance.IsCharacter].
//
// The zero Circumstance is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type Circumstance uint8

// The circumstances.
const (
	// Unemployment: no work, or not enough.
	Unemployment Circumstance = iota + 1
	// Sickness of the breadwinner or another member of the household.
	Sickness
	// Disability: an injury or condition that keeps someone from work.
	Disability
	// Widowhood: the death of a spouse.
	Widowhood
	// Desertion: a spouse who has left the household.
	Desertion
	// OldAge: too old for the work that is to be had.
	OldAge
	// LowWages: work that does not pay enough to live on.
	LowWages
	// LargeFamily: more children than the wages can feed.
	LargeFamily
	// Drink: a judgement of character, the first thing the visitors asked
	// the neighbours about.
	Drink
	// Idleness: a judgement of character, "unwilling to work", often made of
	// people who could find none.
	Idleness
	// Begging: a judgement of character; the societies fought street
	// begging and "indiscriminate" alms.
	Begging
	// Improvidence: a judgement of character, "failure to save", made of
	// families who had never earned enough to.
	Improvidence
	// PriorRelief: having had relief before, which the societies feared
	// made people "pauperised", dependent on charity.
	PriorRelief
	// RelativesAbleToHelp: relatives who, in the worker's judgement, ought
	// to support the family instead of the charity.
	RelativesAbleToHelp
)

var circumstances = enum.New[Circumstance]("circumstance", "unspecified",
	"unemployment", "sickness", "disability", "widowhood", "desertion", "old-age", "low-wages", "large-family",
	"drink", "idleness", "begging", "improvidence", "prior-relief", "relatives-able-to-help")

// Circumstances yields every valid circumstance in order.
func Circumstances() iter.Seq[Circumstance] { return circumstances.Values() }

// ParseCircumstance returns the circumstance named s, such as "old-age".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseCircumstance(s string) (Circumstance, error) { return circumstances.ParseText(s) }

// IsValid reports whether c is one of the named circumstances.
func (c Circumstance) IsValid() bool { return circumstances.Valid(c) }

// IsCharacter reports whether c is a judgement of the client's character
// (drink, idleness, begging, improvidence, prior relief, relatives able to
// help) rather than a misfortune.
func (c Circumstance) IsCharacter() bool { return c >= Drink && c.IsValid() }

// String returns the circumstance's name.
func (c Circumstance) String() string { return circumstances.String(c) }

// MarshalText returns the circumstance's name. An invalid value is an error.
func (c Circumstance) MarshalText() ([]byte, error) { return circumstances.Text(c) }

// UnmarshalText sets c to the circumstance named by b. On error c is
// unchanged.
func (c *Circumstance) UnmarshalText(b []byte) error { return circumstances.Unmarshal(b, c) }

// Evidence is one item of the social study, for [Case.RecordEvidence]: its
// kind, who or what it came from, what it says, whether it is hearsay, and
// the circumstances it shows, if any.
type Evidence struct {
	Kind    EvidenceKind
	Source  string // "Mrs. Brennan, landlady", "visit to the home"
	Summary string // what the evidence says
	// Hearsay marks testimony of what the speaker did not witness. Only
	// testimonial evidence can be hearsay.
	Hearsay bool
	Shows   []Circumstance
}

// EvidenceItem is an item of evidence as the case holds it: the evidence,
// with its identifier, when it was recorded and by whom. It is a copy.
type EvidenceItem struct {
	ID uuid.UUID
	Evidence
	Recorded time.Time
	By       relationship.PartyID
}

func (e EvidenceItem) clone() EvidenceItem {
	e.Shows = slices.Clone(e.Shows)
	return e
}

// EvidenceRecorded records an item of evidence added to the social study.
type EvidenceRecorded struct {
	Evidence uuid.UUID      `json:"evidence"`
	Kind     EvidenceKind   `json:"kind"`
	Source   string         `json:"source"`
	Summary  string         `json:"summary"`
	Hearsay  bool           `json:"hearsay"`
	Shows    []Circumstance `json:"shows"`
}

// EventType implements [relationship.Event].
func (EvidenceRecorded) EventType() string { return "casework.evidence-recorded.v1" }

// RecordEvidence adds an item of evidence to the social study and returns
// its identifier. Only the assigned worker records evidence, and only during
// study. The kind must be valid, the source and summary not empty, the
// circumstances valid and not repeated, and only testimonial evidence may be
// hearsay; otherwise a [*InputError].
func (c *Case) RecordEvidence(actor relationship.PartyID, e Evidence) (uuid.UUID, error) {
	if c == nil {
		return uuid.Nil, relationship.Nil("case")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := EvidenceRecorded{Evidence: c.src.NewID(), Kind: e.Kind, Source: strings.TrimSpace(e.Source),
		Summary: strings.TrimSpace(e.Summary), Hearsay: e.Hearsay, Shows: slices.Clone(e.Shows)}
	if err := c.do(actor, ev); err != nil {
		return uuid.Nil, err
	}
	return ev.Evidence, nil
}

func (EvidenceRecorded) act() relationship.Act { return ActRecordEvidence }

func (e EvidenceRecorded) check() error {
	errs := []error{requireID("evidence", e.Evidence), requireText("source", e.Source), requireText("summary", e.Summary)}
	if err := evidenceKinds.Check(e.Kind); err != nil {
		errs = append(errs, &InputError{Field: "kind", Err: err})
	}
	if e.Hearsay && e.Kind != EvidenceTestimonial {
		errs = append(errs, &InputError{Field: "hearsay", Value: e.Kind.String(), Err: relationship.ErrInvalidValue})
	}
	for i, c := range e.Shows {
		field := fmt.Sprintf("shows[%d]", i)
		if err := circumstances.Check(c); err != nil {
			errs = append(errs, &InputError{Field: field, Err: err})
		} else if slices.Contains(e.Shows[:i], c) {
			errs = append(errs, &InputError{Field: field, Value: c.String(), Err: ErrDuplicateID})
		}
	}
	return errors.Join(errs...)
}

func (e EvidenceRecorded) validate(t *txn) error {
	if err := t.inPhase(ActRecordEvidence, PhaseStudy); err != nil {
		return err
	}
	return t.s.fresh("evidence", e.Evidence)
}

func (e EvidenceRecorded) apply(t *txn) {
	t.s.issue(e.Evidence, itemEvidence, len(t.s.evidence))
	t.s.evidence = append(t.s.evidence, EvidenceItem{
		ID:       e.Evidence,
		Evidence: Evidence{e.Kind, e.Source, e.Summary, e.Hearsay, slices.Clone(e.Shows)},
		Recorded: t.at,
		By:       t.actor.ID(),
	})
}

// Evidence yields the items of the social study in the order they were
// recorded. It is a snapshot.
func (c *Case) Evidence() iter.Seq[EvidenceItem] {
	if c == nil {
		return func(func(EvidenceItem) bool) {}
	}
	return func(yield func(EvidenceItem) bool) {
		for e := range snapshot(c, func(s *state) []EvidenceItem { return s.evidence }) {
			if !yield(e.clone()) {
				return
			}
		}
	}
}
