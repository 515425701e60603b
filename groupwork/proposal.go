package groupwork

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// ProposalSpec is what a member declares when raising a [Proposal]: the
// question, the options if it is a choice, the rule that will decide it
// and its parameters, the quorum, whether the ballot is secret or the
// results hidden, and the dates. All of it is fixed when the proposal is
// raised, before anyone votes, and recorded: a group that chooses its rule
// after it sees the ballots has not chosen a rule.
type ProposalSpec struct {
	// Title is the question or motion, such as "That the club write to the
	// alderman". It must not be blank.
	Title string
	// Options are the names of the options of a choice: option i is the
	// number i on a ballot. A rule that chooses options
	// ([Rule.ChoosesOptions]) needs at least two, none blank or repeated;
	// the other rules put one question and take none.
	Options []string
	// Rule is the rule that decides the proposal.
	Rule Rule
	// Fraction is the share of the votes cast a [RuleSupermajority] asks
	// for, in (1/2, 1], such as [count.TwoThirds]. Other rules take none.
	Fraction count.Fraction
	// Seats is the number of options a [RuleSTV] chooses, 1..len(Options).
	// Other rules take none.
	Seats int
	// Priority is the declared tie-break order of the options, most
	// favoured first (see [count.Options.Priority] and [count.TieBreak]); it may
	// be partial or empty. Only a choice among options takes one.
	Priority []int
	// Quorum is the least participation the decision needs; the zero
	// Quorum asks for none.
	Quorum Quorum
	// Meeting, when not the zero UUID, is the meeting of the group at which
	// the vote is taken: only those present (or late) at it cast votes,
	// themselves or as proxies. The register is read when the vote is
	// cast; a later correction of it does not undo a vote.
	Meeting uuid.UUID
	// Secret makes the ballot secret: the record keeps that a member voted,
	// not how (see [Group.Propose]). A secret vote also hides its results
	// until it closes, as if Hidden were set: a running count would tell
	// whoever polls it after each vote how the newest voter chose.
	Secret bool
	// Hidden hides the results until the proposal closes: no one, the
	// proposer and the facilitator included, sees a count or a ballot
	// before then. A hidden vote that is not secret reveals each member's
	// ballot when it closes.
	Hidden bool
	// Closes, when not zero, is the declared closing time: votes are taken
	// until then, no one closes the proposal before it, and from then on
	// any member may. It must be after the proposal is raised.
	Closes time.Time
	// Review is when the group will look at the decision again: every
	// decision is good for a time, then reviewed, as sociocracy asks. It is
	// required, after the proposal is raised and not before Closes.
	Review time.Time
}

// event returns the event that raises a proposal with this spec.
func (sp ProposalSpec) event(id uuid.UUID) ProposalRaised {
	e := ProposalRaised{
		Proposal: id, Title: strings.TrimSpace(sp.Title), Options: clip(sp.Options), Rule: sp.Rule,
		Seats: sp.Seats, Priority: clip(sp.Priority), Meeting: sp.Meeting, Secret: sp.Secret, Hidden: sp.Hidden,
		Closes: sp.Closes.UTC(), Review: sp.Review.UTC(),
	}
	for i := range e.Options {
		e.Options[i] = strings.TrimSpace(e.Options[i])
	}
	if !sp.Fraction.IsZero() {
		f := sp.Fraction
		e.Fraction = &f
	}
	if !sp.Quorum.IsZero() {
		q := sp.Quorum
		e.Quorum = &q
	}
	return e
}

// spec returns the proposal's spec as the event records it.
func (e ProposalRaised) spec() ProposalSpec {
	sp := ProposalSpec{
		Title: strings.TrimSpace(e.Title), Options: clip(e.Options), Rule: e.Rule, Seats: e.Seats,
		Priority: clip(e.Priority), Meeting: e.Meeting, Secret: e.Secret, Hidden: e.Hidden,
		Closes: e.Closes.UTC(), Review: e.Review.UTC(),
	}
	for i := range sp.Options {
		sp.Options[i] = strings.TrimSpace(sp.Options[i])
	}
	if e.Fraction != nil {
		sp.Fraction = *e.Fraction
	}
	if e.Quorum != nil {
		sp.Quorum = *e.Quorum
	}
	return sp
}

// clone returns a copy of sp that shares nothing with it.
func (sp ProposalSpec) clone() ProposalSpec {
	sp.Options, sp.Priority = clip(sp.Options), clip(sp.Priority)
	return sp
}

// sealed reports whether the proposal's ballots wait in the sealed box
// until it closes: a secret or hidden vote.
func (sp *ProposalSpec) sealed() bool { return sp.Secret || sp.Hidden }

// validate returns every problem with the spec at once, joined, for a
// proposal raised at now in the group s.
func (sp ProposalSpec) validate(s *state, now time.Time) error {
	errs := sp.checkRule()
	if sp.Title == "" {
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "title", Reason: "blank", Cause: ErrBlank})
	}
	if err := sp.Quorum.check(sp.Meeting != uuid.Nil); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "quorum", Reason: err.Error(), Cause: err})
	}
	if sp.Meeting != uuid.Nil {
		if _, err := s.meeting(sp.Meeting); err != nil {
			errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "meeting", Reason: "no such meeting", Cause: err})
		}
	}
	return errors.Join(append(errs, sp.checkDates(now)...)...)
}

// checkRule returns the problems with the rule and the parameters it takes.
func (sp ProposalSpec) checkRule() []error {
	if err := rules.Check(sp.Rule); err != nil {
		return []error{&InputError{Err: ErrInvalidProposal, Field: "rule", Reason: "no such rule", Cause: err}}
	}
	var errs []error
	if sp.Rule.ChoosesOptions() {
		errs = append(errs, sp.checkOptions()...)
	} else if len(sp.Options) > 0 || len(sp.Priority) > 0 {
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "options", Reason: sp.Rule.String() + " puts one question and takes no options"})
	}
	switch {
	case sp.Rule == RuleSupermajority:
		if err := sp.Fraction.CheckSupermajority(); err != nil {
			errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "fraction", Reason: err.Error(), Cause: err})
		}
	case !sp.Fraction.IsZero():
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "fraction", Reason: "only a supermajority takes a fraction"})
	}
	switch n := len(sp.Options); {
	case sp.Rule == RuleSTV && (sp.Seats < 1 || sp.Seats > n):
		err := &count.RangeError{What: "seats", Value: sp.Seats, Min: 1, Max: n, Err: count.ErrSeats}
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "seats", Reason: err.Error(), Cause: err})
	case sp.Rule != RuleSTV && sp.Seats != 0:
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "seats", Reason: "only STV fills seats"})
	}
	return errs
}

// checkOptions returns the problems with the options of a choice and with
// the priority list.
func (sp ProposalSpec) checkOptions() []error {
	var errs []error
	n := len(sp.Options)
	if err := count.CheckOptions(n, 2); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "options", Reason: err.Error(), Cause: err})
	}
	for i, name := range sp.Options {
		switch {
		case name == "":
			errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "options", Reason: fmt.Sprintf("option %d has no name", i), Cause: ErrBlank})
		case slices.Index(sp.Options, name) < i:
			err := &InputError{Field: "option", Err: ErrRepeated,
				Reason: fmt.Sprintf("option %d repeats option %d: name each once", i, slices.Index(sp.Options, name))}
			errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "options", Reason: err.Reason, Cause: err})
		}
	}
	if err := checkList(count.PriorityList, sp.Priority, n); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "priority", Reason: err.Error(), Cause: err})
	}
	return errs
}

// checkDates returns the problems with the closing and review dates.
func (sp ProposalSpec) checkDates(now time.Time) []error {
	var errs []error
	if err := checkDate("closes", sp.Closes); err != nil {
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "closes", Reason: "a year a record cannot hold", Cause: err})
	} else if !sp.Closes.IsZero() && !sp.Closes.After(now) {
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "closes", Reason: "not after the proposal is raised"})
	}
	if err := checkDate("review", sp.Review); err != nil {
		return append(errs, &InputError{Err: ErrInvalidProposal, Field: "review", Reason: "a year a record cannot hold", Cause: err})
	}
	switch {
	case sp.Review.IsZero():
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "review", Reason: "no review date: every decision is reviewed in time", Cause: relationship.ErrZeroTime})
	case !sp.Review.After(now) || sp.Review.Before(sp.Closes):
		errs = append(errs, &InputError{Err: ErrInvalidProposal, Field: "review", Reason: "before the proposal is raised or closes"})
	}
	return errs
}

// proposalStatus is where a proposal stands.
type proposalStatus uint8

const (
	proposalOpen proposalStatus = iota
	proposalClosed
	proposalWithdrawn
)

// proposalState is what the group knows of a proposal.
type proposalState struct {
	id       uuid.UUID
	spec     ProposalSpec // owned: its slices are never changed or handed out
	meet     int32        // the meeting named, or -1
	raisedBy relationship.PartyID
	raisedAt time.Time
	casts    map[int32]castState // voter slot (-1: the facilitator) -> the vote that stands
	proxies  []int32             // the proxies granted on it, positions in state.proxies
	status   proposalStatus
	endedBy  relationship.PartyID
	endedAt  time.Time
	reason   string       // the proposer's reason for withdrawing
	final    *closedCount // what was counted at the close
}

// castState is the vote that stands for one voter.
type castState struct {
	ballot  Ballot               // the zero Ballot in a secret or hidden vote
	by      relationship.PartyID // who cast it: the voter, or the holder of their proxy
	proxy   int32                // the proxy it was cast under, or -1
	period  int                  // the voter's period of membership when it was cast
	at      time.Time
	changes int    // how many times the voter's vote was changed
	sealed  []byte // the ballot sealed in the record (see [VoteCast]), until the close; or nil
}

// closedCount is what a proposal counted when it closed. The eligible
// voters and the base of a quorum are kept as they were then: members who
// join or leave afterwards do not change a decision taken.
type closedCount struct {
	ballots []Ballot // in the order counted
	voters  []int32  // voters[i] cast ballots[i]; nil for a secret ballot
	// commitments[i] is the commitment of the receipt of ballots[i], for
	// a secret ballot; nil otherwise, and for a record from before
	// receipts.
	commitments []string
	eligible    int
	base        int // what a fractional quorum was measured against
}

// Propose raises a proposal for the group to decide, and returns its
// identifier. The member who raises it declares everything the decision
// will follow ([ProposalSpec]); nothing of it changes afterwards.
//
// Who does what, and why:
//
//   - Any member proposes; the facilitator does not. The settlement
//     tradition gives the group's decisions to its members, and a worker
//     who put questions to the group would set its agenda: the worker may
//     suggest, and a member then proposes.
//   - Every current member votes, once: a later vote replaces the earlier
//     one, and the record says that it did ([Group.Vote]). The facilitator
//     votes only where the group's [Settings] say so. Former members and
//     people outside the group cannot vote, and, where the proposal names
//     a meeting, neither can those absent from it, except through a proxy
//     held by someone present ([Group.GrantProxy]).
//   - A member who leaves before the vote closes takes their vote with
//     them: only the votes of members at the close are counted, so that no
//     one outside the group decides for it. A member who comes back votes
//     again.
//   - Closing declares the members' decision ([Group.CloseProposal]):
//     with a declared closing time, no one closes before it and any member
//     may after it; with none, the proposer closes. The facilitator never
//     closes a vote. The proposer may withdraw the proposal before it
//     closes ([Group.WithdrawProposal]).
//
// Secret ballots. The record is meant to be read: it shows who did what.
// A secret ballot must not show who voted how, yet the count must stay
// exact and a replay must reach the same outcome. So a secret vote's
// ballot never enters the record while the vote is open: the record keeps
// a [VoteCast] saying that the member voted (and whether the vote replaced
// an earlier one), and the ballot waits in a sealed box the group holds in
// memory. When the proposal closes, the [ProposalClosed] entry receives
// the counted ballots, anonymised and sorted into a canonical order that
// says nothing of who cast them or when, with the outcome they give.
// Replaying the record recounts those ballots and checks the outcome. A
// hidden vote (results hidden until the close) uses the same box, and at
// the close reveals each member's ballot with their name unless it is also
// secret.
//
// Saving and loading. Without a keyring, the sealed box is never written
// to the record or to a journal: that is what keeps the ballots secret. A
// group saved and loaded (or replayed) while a secret or hidden vote is
// open therefore knows who voted but not how. Its box for that proposal
// is empty, and closing it fails with a [*BallotError] wrapping
// [ErrBallotsMissing] that lists the voters whose ballots are gone. Each of them votes again (recorded,
// as any changed vote, as replacing the earlier one), after which the
// proposal closes as usual; or the proposer withdraws it and raises it
// again. Nothing is ever counted from a ballot the group does not hold.
// With a keyring ([Options.Keyring]) each ballot is also sealed into the
// record under a key of the proposal's own, the loaded group opens them
// at the close, and no one votes again; the key is destroyed once the
// close is saved. The package documentation sets out who can read what.
//
// Errors: [*relationship.PartyError], [*relationship.PermissionError] for
// the facilitator, [*StateError] wrapping [ErrEnded], and for a bad spec every problem at once,
// joined, each an [*InputError] wrapping [ErrInvalidProposal] and its
// cause.
func (g *Group) Propose(actor relationship.PartyID, spec ProposalSpec) (uuid.UUID, error) {
	if g == nil {
		return uuid.Nil, relationship.Nil("group")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	ev := spec.event(g.src.NewID())
	return idOr(ev.Proposal, g.commit(actor, ev))
}

func (e ProposalRaised) check(s *state, st *step) error {
	if err := e.spec().validate(s, st.at); err != nil {
		return err
	}
	return s.fresh(e.Proposal)
}

func (e ProposalRaised) apply(s *state, st *step) {
	s.claim(e.Proposal)
	sp := e.spec()
	meet := int32(-1)
	if sp.Meeting != uuid.Nil {
		meet = s.meetingX[sp.Meeting]
	}
	s.proposalX[e.Proposal] = int32(len(s.proposals))
	s.proposals = append(s.proposals, proposalState{
		id: e.Proposal, spec: sp, meet: meet, raisedBy: st.actor, raisedAt: st.at, casts: map[int32]castState{},
	})
}

// proposal returns the position of a proposal, or a [*NotFoundError].
func (s *state) proposal(id uuid.UUID) (int32, error) {
	if i, ok := s.proposalX[id]; ok {
		return i, nil
	}
	return -1, &NotFoundError{ID: id, Err: ErrUnknownProposal}
}

// openProposal returns the position of a proposal still taking votes at
// the time at, or the error that says why it is not.
func (s *state) openProposal(id uuid.UUID, at time.Time) (int32, error) {
	i, err := s.proposal(id)
	if err != nil {
		return -1, err
	}
	p := &s.proposals[i]
	switch {
	case p.status == proposalClosed:
		return -1, &StateError{Item: "proposal", ID: id, At: p.endedAt, Why: "closed", Err: ErrVotingClosed}
	case p.status == proposalWithdrawn:
		return -1, &StateError{Item: "proposal", ID: id, At: p.endedAt, Why: "withdrawn", Err: ErrVotingClosed}
	case !p.spec.Closes.IsZero() && !at.Before(p.spec.Closes):
		return -1, &StateError{Item: "proposal", ID: id, At: p.spec.Closes, Why: "its closing time passed", Err: ErrVotingClosed}
	}
	return i, nil
}

// inPeriod reports whether the member in slot is a current member in the
// same period of membership as period.
func (s *state) inPeriod(slot int32, period int) bool {
	if slot < 0 {
		return s.settings.FacilitatorVotes
	}
	m := &s.members[slot]
	return m.current && len(m.periods)-1 == period
}

// period returns the current period of membership of the voter in slot,
// and 0 for the facilitator.
func (s *state) period(slot int32) int {
	if slot < 0 {
		return 0
	}
	return len(s.members[slot].periods) - 1
}

// partyAt returns the identifier of the party in slot (-1: the
// facilitator).
func (s *state) partyAt(slot int32) relationship.PartyID {
	if slot < 0 {
		return s.facilitator.ID()
	}
	return s.members[slot].party.ID()
}

// Proposal is a snapshot of a proposal: what was declared when it was
// raised, who has voted, the proxies granted on it, and whether it is open,
// closed or withdrawn. Changing the group does not change a snapshot. Its
// [Group.Decision] is asked of the group.
type Proposal struct {
	id       uuid.UUID
	spec     ProposalSpec
	raisedBy relationship.PartyID
	raisedAt time.Time
	casts    []Cast
	ballots  map[relationship.PartyID]Ballot // the ballots a reader may see
	proxies  []Proxy
	status   proposalStatus
	endedBy  relationship.PartyID
	endedAt  time.Time
	reason   string
}

// Cast is one voter's standing vote on a proposal, without its content: who
// voted, who cast it (the voter, or the holder of their proxy), when, and
// how many times the vote was changed. It is a plain record.
type Cast struct {
	Voter   relationship.PartyID
	By      relationship.PartyID
	Proxy   uuid.UUID // the proxy it was cast under, or the zero UUID
	At      time.Time // when the standing vote was cast, in UTC
	Changes int
}

// ID returns the proposal's identifier.
func (p Proposal) ID() uuid.UUID { return p.id }

// Title returns the question or motion.
func (p Proposal) Title() string { return p.spec.Title }

// Rule returns the rule that decides the proposal.
func (p Proposal) Rule() Rule { return p.spec.Rule }

// Spec returns a copy of everything declared when the proposal was raised.
func (p Proposal) Spec() ProposalSpec { return p.spec.clone() }

// Options yields the names of the options, option 0 first.
func (p Proposal) Options() iter.Seq[string] { return slices.Values(p.spec.Options) }

// RaisedBy returns the member who raised the proposal, and when.
func (p Proposal) RaisedBy() (relationship.PartyID, time.Time) { return p.raisedBy, p.raisedAt }

// IsOpen reports whether the proposal has been neither closed nor
// withdrawn. An open proposal past its closing time takes no more votes
// and waits for a member to close it.
func (p Proposal) IsOpen() bool { return p.status == proposalOpen }

// IsClosed reports whether the proposal was closed and its outcome
// recorded.
func (p Proposal) IsClosed() bool { return p.status == proposalClosed }

// IsWithdrawn reports whether the proposer withdrew the proposal.
func (p Proposal) IsWithdrawn() bool { return p.status == proposalWithdrawn }

// Ended returns who closed or withdrew the proposal and when, or zero
// values while it is open.
func (p Proposal) Ended() (relationship.PartyID, time.Time) { return p.endedBy, p.endedAt }

// WithdrawnBecause returns the proposer's reason for withdrawing it, or "".
func (p Proposal) WithdrawnBecause() string { return p.reason }

// Casts yields the standing vote of every voter, in the order the voters
// first joined the group (the facilitator first). A secret ballot shows
// who voted and not how; so does this.
func (p Proposal) Casts() iter.Seq[Cast] { return slices.Values(p.casts) }

// Voted reports whether a vote by or for the voter stands.
func (p Proposal) Voted(voter relationship.PartyID) bool {
	return slices.ContainsFunc(p.casts, func(c Cast) bool { return c.Voter == voter })
}

// Ballot returns how the voter voted. Errors: a [*BallotError] wrapping [ErrSecretBallot] for a secret
// ballot, whatever its state; a [*BallotError] wrapping [ErrResultsHidden] while a hidden vote is open,
// and after its close for a ballot that was not counted (its voter had
// left); a [*BallotError] wrapping [ErrNoBallot] when no vote of theirs stands.
func (p Proposal) Ballot(voter relationship.PartyID) (Ballot, error) {
	switch {
	case p.spec.Secret:
		return Ballot{}, &BallotError{Proposal: p.id, Voter: voter, Err: ErrSecretBallot}
	case !p.Voted(voter):
		return Ballot{}, &BallotError{Proposal: p.id, Voter: voter, Err: ErrNoBallot}
	}
	b, ok := p.ballots[voter]
	if !ok {
		return Ballot{}, &BallotError{Proposal: p.id, Err: ErrResultsHidden}
	}
	return b.clone(), nil
}

// Proxies yields the proxies granted on the proposal, in the order granted.
func (p Proposal) Proxies() iter.Seq[Proxy] { return slices.Values(p.proxies) }

// String returns the title, the rule and the state, such as
// `"Summer outing" (instant-runoff, open, 5 votes)`.
func (p Proposal) String() string {
	state := "open"
	switch p.status {
	case proposalClosed:
		state = "closed"
	case proposalWithdrawn:
		state = "withdrawn"
	}
	return fmt.Sprintf("%q (%s, %s, %d votes)", p.spec.Title, p.spec.Rule, state, len(p.casts))
}

// snapshotProposal returns the proposal at position i as a value.
func (s *state) snapshotProposal(i int32) Proposal {
	ps := &s.proposals[i]
	p := Proposal{
		id: ps.id, spec: ps.spec, raisedBy: ps.raisedBy, raisedAt: ps.raisedAt, status: ps.status,
		endedBy: ps.endedBy, endedAt: ps.endedAt, reason: ps.reason, ballots: map[relationship.PartyID]Ballot{},
	}
	for _, slot := range sortedVoters(ps.casts) {
		c := ps.casts[slot]
		voter := s.partyAt(slot)
		cast := Cast{Voter: voter, By: c.by, At: c.at, Changes: c.changes}
		if c.proxy >= 0 {
			cast.Proxy = s.proxies[c.proxy].id
		}
		p.casts = append(p.casts, cast)
		if !ps.spec.sealed() {
			p.ballots[voter] = c.ballot
		}
	}
	if ps.final != nil && ps.final.voters != nil {
		for k, slot := range ps.final.voters {
			p.ballots[s.partyAt(slot)] = ps.final.ballots[k]
		}
	}
	for _, x := range ps.proxies {
		p.proxies = append(p.proxies, s.snapshotProxy(x))
	}
	return p
}

// sortedVoters returns the voters' slots in ascending order: the
// facilitator (-1) first, then members in the order they first joined.
func sortedVoters(casts map[int32]castState) []int32 {
	slots := make([]int32, 0, len(casts))
	for slot := range casts {
		slots = append(slots, slot)
	}
	slices.Sort(slots)
	return slots
}

// Proposal returns a snapshot of the proposal with the given identifier,
// and false if the group has none.
func (g *Group) Proposal(id uuid.UUID) (Proposal, bool) {
	if g == nil {
		return Proposal{}, false
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.st.proposalX[id]
	if !ok {
		return Proposal{}, false
	}
	return g.st.snapshotProposal(i), true
}

// Proposals yields a snapshot of every proposal, in the order raised.
func (g *Group) Proposals() iter.Seq[Proposal] {
	if g == nil {
		return func(func(Proposal) bool) {}
	}
	return func(yield func(Proposal) bool) {
		g.mu.RLock()
		ps := make([]Proposal, len(g.st.proposals))
		for i := range g.st.proposals {
			ps[i] = g.st.snapshotProposal(int32(i))
		}
		g.mu.RUnlock()
		for _, p := range ps {
			if !yield(p) {
				return
			}
		}
	}
}
