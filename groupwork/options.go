package groupwork

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/keyring"
)

// Options tunes how a [Group] is made, replayed or loaded. A nil *Options
// means the defaults.
type Options struct {
	// Sources supplies the time and the identifiers the group stamps on its
	// record: the time of each entry, and the identifiers of new meetings,
	// programme items, notes, concerns, mediations and exchanges. Nil means
	// the wall clock and time-ordered UUIDs; tests and examples pass
	// [relationship.StepClock] and [relationship.SequentialIDs] so that they
	// print the same output on every run.
	Sources *relationship.Sources
	// SnapshotEvery makes Save write a snapshot of the group's state once
	// its record has grown this many entries past the latest snapshot, so
	// that a load replays at most about that many entries (see
	// [Group.SaveSnapshot]). Zero means snapshots only when asked for.
	SnapshotEvery uint64
	// Logger receives what a load or a save has to report but does not
	// return: a snapshot passed over (of an older version of the program,
	// or damaged) and the record replayed in full, or a snapshot that
	// could not be written. Nil means nothing is logged. It names streams,
	// versions and types, never what the record says.
	Logger *slog.Logger
	// Keyring, when set, makes the sealed ballots of secret and hidden
	// votes durable: each is written to the record sealed under a key of
	// the proposal's own, kept in the keyring, so that a group saved and
	// loaded while the vote is open (a program restarted, a web
	// application that loads the group for each request) still counts
	// every ballot, and no one votes again. The close destroys the key
	// once its entry is saved (see [Group.Save]). The keyring must be the
	// same for every copy of the group, and kept apart from the journal.
	// Nil means the ballots wait in memory only, and a group loaded while
	// a secret vote is open asks its voters to vote again (a
	// [*BallotError] wrapping [ErrBallotsMissing]).
	Keyring keyring.Keyring
}

func (o *Options) keyring() keyring.Keyring {
	if o == nil {
		return nil
	}
	return o.Keyring
}

func (o *Options) sources() *relationship.Sources {
	if o == nil {
		return nil
	}
	return o.Sources
}

// Spec is what a facilitator declares when forming a group (see [NewGroup]).
// It is recorded in the group's first entry and does not change afterwards.
type Spec struct {
	// Name is what the group calls itself, such as "Hull House Girls' Club".
	// It must not be blank.
	Name string
	// Purposes are what the group is for: at least one, none repeated.
	// Group work adds recreation, socialisation, education, support and
	// social action to casework's problem-solving and rehabilitation.
	Purposes []relationship.Purpose
	// Model is the Papell and Rothman model the group follows.
	Model Model
	// Settings are the group's rules of membership and of voting.
	Settings Settings
}

// Settings are a group's standing rules: of membership, and of who votes
// and how. They are declared when the group is formed and recorded with
// it.
type Settings struct {
	// Membership is open (join any time) or closed (no one joins after the
	// first meeting is held).
	Membership Membership `json:"membership"`
	// Capacity is the most members the group may have at once; 0 means no
	// limit. Treatment groups keep to seven or eight, clubs may be larger.
	Capacity int `json:"capacity"`
	// FacilitatorVotes lets the facilitator vote on the group's proposals,
	// as one voter among the members. By default the worker does not vote:
	// in the settlement tradition the group's decisions are its members'.
	// A group that counts its worker as one of its own may say otherwise.
	FacilitatorVotes bool `json:"facilitator_votes,omitempty"`
	// MaxProxies is the most proxies one member may hold on one proposal.
	// The default, 0, allows no proxy voting at all, as Robert's Rules do
	// unless a group's own rules provide for it: a proxy lets a member who
	// cannot take part be heard, and a bound keeps votes from being
	// gathered into a few hands.
	MaxProxies int `json:"max_proxies,omitempty"`
}

// validate returns every problem with the spec at once, joined.
func (sp Spec) validate() error {
	var errs []error
	if strings.TrimSpace(sp.Name) == "" {
		errs = append(errs, &InputError{Err: ErrInvalidSpec, Field: "name", Reason: "blank", Cause: relationship.ErrBlank})
	}
	errs = append(errs, checkPurposes(sp.Purposes)...)
	if err := models.Check(sp.Model); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidSpec, Field: "model", Reason: "none of social-goals, remedial, reciprocal", Cause: err})
	}
	if err := memberships.Check(sp.Settings.Membership); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidSpec, Field: "membership", Reason: "neither open nor closed", Cause: err})
	}
	if sp.Settings.Capacity < 0 {
		errs = append(errs, &InputError{Err: ErrInvalidSpec, Field: "capacity", Reason: fmt.Sprintf("negative (%d)", sp.Settings.Capacity)})
	}
	if sp.Settings.MaxProxies < 0 {
		errs = append(errs, &InputError{Err: ErrInvalidSpec, Field: "max proxies", Reason: fmt.Sprintf("negative (%d)", sp.Settings.MaxProxies)})
	}
	return errors.Join(errs...)
}

// checkPurposes returns a problem for an empty list, for the first invalid
// purpose and for the first repeated one.
func checkPurposes(ps []relationship.Purpose) []error {
	if len(ps) == 0 {
		return []error{&InputError{Err: ErrInvalidSpec, Field: "purposes", Reason: "none given"}}
	}
	var errs []error
	if err := validPurposes(ps); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidSpec, Field: "purposes", Reason: "invalid purpose", Cause: err})
	}
	if err := unique("purpose", ps); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidSpec, Field: "purposes", Reason: "repeated purpose", Cause: err})
	}
	return errs
}

// validPurposes returns a [*relationship.TextError] for the first invalid
// purpose in ps, or nil.
func validPurposes(ps []relationship.Purpose) error {
	for _, p := range ps {
		if !p.IsValid() {
			return &relationship.TextError{Type: "purpose", Text: p.String(), Err: relationship.ErrInvalidValue}
		}
	}
	return nil
}
