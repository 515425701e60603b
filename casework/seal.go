package casework

import (
	"strings"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/keyring"
)

// Sealing at rest. The events below carry what identifies or describes a
// client; each implements MapText (see keyring.Confidential), so that a
// journal wrapped by [NewSealedJournal] keeps those texts sealed under the
// client's key (or, wrapped by keyring.NewSealed with [KeySubject], under
// the case's key), and everything else (identifiers, phases, kinds, amounts,
// times) readable: a record without its key still replays and measures.
// Names of agencies and third parties (a referral's or a disclosure's
// recipient, a consent's scope) stay readable; a disclosure's recipient in
// the access log is sealed.

// KeySubject maps a case's stream and its access log to the subject whose
// key seals their confidential texts, "case-<id>"; other streams (an
// agency's) hold none. Pass it to keyring.NewSealed for one key per case.
// A journal made by [NewSealedJournal] seals new texts under the client's
// key instead ([ClientKeySubject]) and uses KeySubject to open the texts
// sealed one key per case before.
func KeySubject(stream string) (string, bool) {
	for _, prefix := range []string{"case-", "access-"} {
		if id, ok := strings.CutPrefix(stream, prefix); ok && id != "" {
			return "case-" + id, true
		}
	}
	return "", false
}

// ClientKeySubject returns the subject whose key, in a journal made by
// [NewSealedJournal], seals everything recorded about the client in every
// case of theirs: "client-<party id>".
func ClientKeySubject(client relationship.PartyID) string { return "client-" + client.String() }

// ClientAnchors returns the keyring.Anchors of a case record: a case's
// stream and its access log are sealed under the key of the client the
// case's first entry ([CaseOpened]) names, [ClientKeySubject]. The
// client's identifier stays readable in the sealed record, so the key is
// found without opening anything.
func ClientAnchors() keyring.Anchors {
	return keyring.Anchors{
		Anchor: func(stream string) (string, bool) {
			for _, prefix := range []string{"case-", "access-"} {
				if id, ok := strings.CutPrefix(stream, prefix); ok && id != "" {
					return "case-" + id, true
				}
			}
			return "", false
		},
		Subject: func(first relationship.Entry) (string, bool) {
			e, ok := first.Event().(CaseOpened)
			if !ok || e.Client.ID().IsZero() {
				return "", false
			}
			return ClientKeySubject(e.Client.ID()), true
		},
	}
}

// NewSealedJournal wraps inner so that the confidential texts of every
// case, and of its access log, are sealed under the key of the case's
// client in ring: one key per client, however many cases they have, so
// that [ForgetClient] erases everything about them by destroying it. Texts
// sealed one key per case ([KeySubject]) by a journal made with
// keyring.NewSealed still open, and [ForgetClient] destroys those keys
// too.
func NewSealedJournal(inner relationship.Journal, ring keyring.Keyring) *keyring.Sealed {
	return keyring.NewSealedAnchored(inner, ring, KeySubject, ClientAnchors())
}

// texts applies f to each text, keeping empty texts and a nil list as
// they are.
type texts struct {
	f   func(string) (string, error)
	err error
}

func (t *texts) one(s string) string {
	if t.err != nil || s == "" {
		return s
	}
	out, err := t.f(s)
	if err != nil {
		t.err = err
		return s
	}
	return out
}

func (t *texts) list(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = t.one(s)
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

// MapText implements keyring.Confidential: the case's name and everything
// about the client but the identifier.
func (e CaseOpened) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) CaseOpened {
		e.Name = t.one(e.Name)
		c := e.Client
		c.name, c.problem = t.one(c.name), t.one(c.problem)
		c.needs, c.strengths = t.list(c.needs), t.list(c.strengths)
		if c.household != nil {
			hh := make([]HouseholdMember, len(c.household))
			for i, m := range c.household {
				hh[i] = HouseholdMember{Name: t.one(m.Name), Relation: t.one(m.Relation), Age: m.Age}
			}
			c.household = hh
		}
		e.Client = c
		return e
	})
}

// MapText implements keyring.Confidential: the source and the summary.
func (e EvidenceRecorded) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) EvidenceRecorded {
		e.Source, e.Summary = t.one(e.Source), t.one(e.Summary)
		return e
	})
}

// MapText implements keyring.Confidential: every line of the diagnosis.
func (e DiagnosisMade) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) DiagnosisMade {
		e.Difficulties, e.Causes = t.list(e.Difficulties), t.list(e.Causes)
		e.Assets, e.Liabilities = t.list(e.Assets), t.list(e.Liabilities)
		return e
	})
}

// MapText implements keyring.Confidential: the reasons.
func (e EligibilityAssessed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) EligibilityAssessed { e.Reasons = t.list(e.Reasons); return e })
}

// MapText implements keyring.Confidential: the description.
func (e GoalProposed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) GoalProposed { e.Description = t.one(e.Description); return e })
}

// MapText implements keyring.Confidential: the note.
func (e GoalAchieved) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) GoalAchieved { e.Note = t.one(e.Note); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e GoalAbandoned) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) GoalAbandoned { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e RefusalOverridden) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) RefusalOverridden { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the description.
func (e Counselled) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) Counselled { e.Description = t.one(e.Description); return e })
}

// MapText implements keyring.Confidential: the purpose.
func (e ProvisionProposed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ProvisionProposed { e.Purpose = t.one(e.Purpose); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e ProvisionDeclined) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ProvisionDeclined { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e ProvisionWithdrawn) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ProvisionWithdrawn { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e ReferralMade) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ReferralMade { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the note.
func (e ReferralUpdated) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ReferralUpdated { e.Note = t.one(e.Note); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e ReferralRevoked) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) ReferralRevoked { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the explanation.
func (e CaseClosed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) CaseClosed { e.Explanation = t.one(e.Explanation); return e })
}

// MapText implements keyring.Confidential: the explanation.
func (e CaseWithdrawn) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) CaseWithdrawn { e.Explanation = t.one(e.Explanation); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e CaseReopened) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) CaseReopened { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the reason.
func (e CaseTransferred) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) CaseTransferred { e.Reason = t.one(e.Reason); return e })
}

// MapText implements keyring.Confidential: the note's text.
func (e NoteWritten) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) NoteWritten { e.Text = t.one(e.Text); return e })
}

// MapText implements keyring.Confidential: to whom a note was disclosed.
func (e NoteAccessed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) NoteAccessed { e.To = t.one(e.To); return e })
}

// MapText implements keyring.Confidential: to whom a note was disclosed.
func (e NoteDisclosed) MapText(f func(string) (string, error)) (relationship.Event, error) {
	return mapped(f, func(t *texts) NoteDisclosed { e.To = t.one(e.To); return e })
}
