package groupwork

import (
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/relationship"
)

// TherapeuticFactor is one of the therapeutic factors Irvin Yalom found in
// groups (The Theory and Practice of Group Psychotherapy, 1970): what it is
// about being in a group that helps. A group note is tagged with the factors
// it shows, so that a worker can see, across a season, which of them the
// group draws on.
//
// The zero TherapeuticFactor is unspecified and never valid. The constants
// are in Yalom's order, never reordered; their text forms are stable.
type TherapeuticFactor uint8

// Yalom's eleven therapeutic factors.
const (
	// InstillationOfHope is seeing others improve, and believing one can.
	InstillationOfHope TherapeuticFactor = iota + 1
	// Universality is learning that one is not alone with a problem.
	Universality
	// ImpartingInformation is advice and teaching, from the worker or members.
	ImpartingInformation
	// Altruism is the lift of being useful to someone else.
	Altruism
	// CorrectiveRecapitulation is reliving family patterns in the group, and
	// this time ending them differently.
	CorrectiveRecapitulation
	// SocialisingTechniques is learning social skills.
	SocialisingTechniques
	// ImitativeBehaviour is learning by watching the worker and other members.
	ImitativeBehaviour
	// InterpersonalLearning is learning, from the group's feedback, how one
	// comes across.
	InterpersonalLearning
	// Cohesiveness is belonging: being accepted by the group.
	Cohesiveness
	// Catharsis is the relief of saying what one feels.
	Catharsis
	// ExistentialFactors is facing, with others, responsibility, loss and
	// what life does not promise.
	ExistentialFactors
)

var factors = enum.New[TherapeuticFactor]("therapeutic factor", "unspecified",
	"instillation-of-hope", "universality", "imparting-information", "altruism",
	"corrective-recapitulation", "socialising-techniques", "imitative-behaviour",
	"interpersonal-learning", "cohesiveness", "catharsis", "existential-factors")

// TherapeuticFactors yields every valid factor in Yalom's order.
func TherapeuticFactors() iter.Seq[TherapeuticFactor] { return factors.Values() }

// ParseTherapeuticFactor returns the factor named s, such as
// "universality". Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseTherapeuticFactor(s string) (TherapeuticFactor, error) { return factors.ParseText(s) }

// IsValid reports whether f is one of the named factors.
func (f TherapeuticFactor) IsValid() bool { return factors.Valid(f) }

// String returns the factor's name, such as "instillation-of-hope".
func (f TherapeuticFactor) String() string { return factors.String(f) }

// MarshalText returns the factor's name. An invalid factor is an error.
func (f TherapeuticFactor) MarshalText() ([]byte, error) { return factors.Text(f) }

// UnmarshalText sets f to the factor named by b. On error f is unchanged.
func (f *TherapeuticFactor) UnmarshalText(b []byte) error { return factors.Unmarshal(b, f) }

// Tag labels a group note: a [MutualAidProcess] or a [TherapeuticFactor].
// No other type implements it.
type Tag interface {
	String() string
	tag()
}

func (MutualAidProcess) tag()  {}
func (TherapeuticFactor) tag() {}

// Note is a group note: the facilitator's process record of what happened
// in the group, in words, tagged with the mutual-aid processes and
// therapeutic factors it shows. It is an immutable value.
type Note struct {
	id        uuid.UUID
	meeting   uuid.UUID
	author    relationship.PartyID
	at        time.Time
	text      string
	processes []MutualAidProcess
	factors   []TherapeuticFactor
}

// ID returns the note's identifier.
func (n Note) ID() uuid.UUID { return n.id }

// Meeting returns the meeting the note is about, or the zero UUID.
func (n Note) Meeting() uuid.UUID { return n.meeting }

// Author returns who wrote the note.
func (n Note) Author() relationship.PartyID { return n.author }

// Time returns when the note was written, in UTC.
func (n Note) Time() time.Time { return n.at }

// Text returns the note.
func (n Note) Text() string { return n.text }

// Processes yields the mutual-aid processes the note shows.
func (n Note) Processes() iter.Seq[MutualAidProcess] { return slices.Values(n.processes) }

// Factors yields the therapeutic factors the note shows.
func (n Note) Factors() iter.Seq[TherapeuticFactor] { return slices.Values(n.factors) }

// RecordNote writes a group note about a meeting (or, with the zero UUID,
// about the group in general), tagged with the processes and factors it
// shows, and returns its identifier. Nil tags are ignored.
//
// Only the facilitator writes group notes. Errors:
// [*relationship.PartyError], [*relationship.PermissionError],
// [*StateError] wrapping [ErrEnded], [*NotFoundError] wrapping [ErrUnknownMeeting],
// [*InputError] wrapping [ErrBlank] for a blank text, a [*relationship.TextError] for an invalid
// tag and an [*InputError] wrapping [ErrRepeated] for a repeated one.
func (g *Group) RecordNote(actor relationship.PartyID, meeting uuid.UUID, text string, tags ...Tag) (uuid.UUID, error) {
	if g == nil {
		return uuid.Nil, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := NoteRecorded{Note: g.src.NewID(), Meeting: meeting, Text: strings.TrimSpace(text)}
	for _, t := range tags {
		switch t := t.(type) {
		case MutualAidProcess:
			ev.Processes = append(ev.Processes, t)
		case TherapeuticFactor:
			ev.Factors = append(ev.Factors, t)
		}
	}
	return idOr(ev.Note, g.commit(actor, ev))
}

func (e NoteRecorded) check(s *state, _ *step) error {
	if e.Meeting != uuid.Nil {
		if _, err := s.meeting(e.Meeting); err != nil {
			return err
		}
	}
	if strings.TrimSpace(e.Text) == "" {
		return blank("text")
	}
	for _, p := range e.Processes {
		if err := processes.Check(p); err != nil {
			return err
		}
	}
	for _, f := range e.Factors {
		if err := factors.Check(f); err != nil {
			return err
		}
	}
	if err := unique("tag", e.Processes); err != nil {
		return err
	}
	if err := unique("tag", e.Factors); err != nil {
		return err
	}
	return s.fresh(e.Note)
}

func (e NoteRecorded) apply(s *state, st *step) {
	s.claim(e.Note)
	s.notes = append(s.notes, Note{
		id: e.Note, meeting: e.Meeting, author: st.actor, at: st.at, text: strings.TrimSpace(e.Text),
		processes: clip(e.Processes), factors: clip(e.Factors),
	})
}

// Notes yields every group note, oldest first.
func (g *Group) Notes() iter.Seq[Note] {
	if g == nil {
		return func(func(Note) bool) {}
	}
	return func(yield func(Note) bool) {
		g.mu.RLock()
		ns := g.st.notes[:len(g.st.notes):len(g.st.notes)]
		g.mu.RUnlock()
		for _, n := range ns {
			if !yield(n) {
				return
			}
		}
	}
}
