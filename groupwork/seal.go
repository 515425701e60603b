package groupwork

import (
	"strings"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Sealing at rest. The events below carry what identifies or describes a
// member: each implements MapText (see keyring.Confidential), so that a
// journal wrapped by keyring.NewSealed with [StreamKeySubject] keeps those
// texts sealed under the group's key, and everything else (identifiers,
// kinds, roles, stages, attendance, times, counts, amounts, ballots)
// readable: a record without its key still replays, and its measures,
// memberships and decisions come out the same, with the texts read as
// keyring.ErasedText.
//
// Sealed: the group's name (it often says who the members are), a member's
// name and the note on leaving, a meeting's place, a programme item's
// description and the note on it, every note, a stage's evidence, the words
// of a mutual-aid exchange, a concern's text, actions and summary, a
// mediation's source, demand, need, common ground and agreement, and the
// free-text reasons for ending the group and withdrawing a proposal.
//
// Readable: the facilitator's name (the agency's worker, as casework keeps
// its workers'); a member's strengths and needs, which are coded topics
// ("informational:housing"), not free text, and which matching needs; and
// a proposal's title and options, which are the group's public business,
// put to every member on the ballot and kept in the minutes, and without
// which a decision kept after the key is forgotten would name no choice.
// Ballots need no sealing here: a secret ballot is already sealed under
// the proposal's own key ([ProposalKeySubject]).

// StreamKeySubject maps a group's stream ([StreamName]) to the subject
// whose key seals the confidential texts of that group: "group-" and the
// group's identifier. Pass it to keyring.NewSealed. Other streams hold
// none of a group's texts.
//
// There is one key per group, not per member: forgetting the subject
// (keyring.Sealed.Forget) erases the texts of the whole group, every
// member's name and every note alike; the group still loads and measures.
// A key per member, so that one member can be forgotten and the others
// kept, is not offered yet.
func StreamKeySubject(stream string) (string, bool) {
	id, ok := strings.CutPrefix(stream, "group-")
	if !ok {
		return "", false
	}
	u, err := uuid.Parse(id)
	if err != nil || u == uuid.Nil || StreamName(u) != stream {
		return "", false
	}
	return stream, true
}

// texts applies f to each non-empty text, remembering the first error.
type texts struct {
	f   func(string) (string, error)
	err error
}

func (t *texts) one(s string) string {
	if t.err != nil || s == "" {
		return s
	}
	if t.f == nil {
		t.err = &relationship.FieldError{Field: "f", Reason: "no function to map texts with", Err: relationship.ErrNil}
		return s
	}
	out, err := t.f(s)
	if err != nil {
		t.err = err
		return s
	}
	return out
}

// support maps the words of s, keeping its kind and quantity.
func (t *texts) support(s relationship.Support) relationship.Support {
	d := t.one(s.Description())
	if t.err != nil || d == s.Description() {
		return s
	}
	var (
		out relationship.Support
		err error
	)
	if amount, unit, ok := s.Quantity(); ok {
		out, err = relationship.NewMaterial(d, amount, unit)
	} else {
		out, err = relationship.NewSupport(s.Kind(), d)
	}
	if err != nil {
		t.err = err
		return s
	}
	return out
}

func mapped[E relationship.Event](f func(string) (string, error), do func(t *texts) E) (relationship.Event, error) {
	t := &texts{f: f}
	e := do(t)
	if t.err != nil {
		return nil, t.err
	}
	return e, nil
}

// MapText implements keyring.Confidential: the group's name.
func (e GroupFormed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) GroupFormed { e.Name = t.one(e.Name); return e })
}

// MapText implements keyring.Confidential: the member's name.
func (e MemberJoined) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) MemberJoined { e.Name = t.one(e.Name); return e })
}

// MapText implements keyring.Confidential: the note on leaving.
func (e MemberLeft) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) MemberLeft { e.Note = t.one(e.Note); return e })
}

// MapText implements keyring.Confidential: where the meeting is held.
func (e MeetingConvened) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) MeetingConvened { e.Place = t.one(e.Place); return e })
}

// MapText implements keyring.Confidential: the item's description.
func (e ActivityChosen) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ActivityChosen { e.Description = t.one(e.Description); return e })
}

// MapText implements keyring.Confidential: the note on the item.
func (e ActivityRecorded) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ActivityRecorded { e.Note = t.one(e.Note); return e })
}

// MapText implements keyring.Confidential: the note's text.
func (e NoteRecorded) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) NoteRecorded { e.Text = t.one(e.Text); return e })
}

// MapText implements keyring.Confidential: the evidence for the stage.
func (e StageRecorded) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) StageRecorded { e.Evidence = t.one(e.Evidence); return e })
}

// MapText implements keyring.Confidential: the support's description; its
// kind and quantity stay readable.
func (e AidGiven) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) AidGiven { e.Support = t.support(e.Support); return e })
}

// MapText implements keyring.Confidential: the concern's text.
func (e ConcernRaised) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ConcernRaised { e.Text = t.one(e.Text); return e })
}

// MapText implements keyring.Confidential: the action's description.
func (e ActionTaken) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ActionTaken { e.Description = t.one(e.Description); return e })
}

// MapText implements keyring.Confidential: the summary.
func (e ConcernClosed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ConcernClosed { e.Summary = t.one(e.Summary); return e })
}

// MapText implements keyring.Confidential: the demand's source, the demand
// and the need.
func (e MediationOpened) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) MediationOpened {
		e.Source, e.Demand, e.Need = t.one(e.Source), t.one(e.Demand), t.one(e.Need)
		return e
	})
}

// MapText implements keyring.Confidential: the common ground and the
// agreement.
func (e MediationSettled) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) MediationSettled {
		e.CommonGround, e.Agreement = t.one(e.CommonGround), t.one(e.Agreement)
		return e
	})
}

// MapText implements keyring.Confidential: the reason for ending.
func (e GroupEnded) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) GroupEnded { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the reason for withdrawing.
func (e ProposalWithdrawn) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ProposalWithdrawn { e.Reason = t.one(e.Reason); return e })
}
