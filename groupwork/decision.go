package groupwork

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// Decision is the outcome of a proposal with everything needed to explain
// it: the rule, who could vote, the quorum and whether it was reached, the
// ballots counted, the full tally (every round of a runoff, the matrices of
// Schulze, the quota and transfers of STV), the resolution and the date of
// review. A Decision is a copy: changing it changes nothing in the group.
//
// Exactly one of the tally fields is set, the one for the proposal's rule:
// Motion for the three motion rules, Consensus, Consent, Count for
// plurality and approval, Runoff, Schulze or STV. The tally is shown even
// when the quorum was not reached, for the record; the resolution is then
// [count.NoQuorum].
type Decision struct {
	Proposal uuid.UUID `json:"proposal"`
	Title    string    `json:"title"`
	Options  []string  `json:"options"` // the options' names; option i is ballot number i
	Rule     Rule      `json:"rule"`
	// Priority is the tie-break order the proposal declared (see
	// [ProposalSpec]), so that a recount breaks ties as the count did; nil
	// when none was declared.
	Priority []int `json:"priority,omitempty"`
	// Final is true for the decision of a closed proposal, and false for
	// the running count of an open one (see [Group.Decision]).
	Final bool `json:"final"`
	// Resolution is how the proposal came out.
	Resolution count.Resolution `json:"resolution"`
	// Winners lists the options chosen, when Resolution is [count.Chosen]: one
	// for the single-winner rules, the elected in order of election for
	// STV. Otherwise it is nil.
	Winners []int `json:"winners,omitempty"`
	// Eligible is the number of voters entitled to vote at the count: the
	// current members, and the facilitator where the settings let the
	// facilitator vote.
	Eligible int `json:"eligible"`
	// Quorum is how the quorum was measured.
	Quorum QuorumCount `json:"quorum"`
	// Ballots are the ballots counted, in the order counted: in the order
	// their voters first joined the group, or, for a secret ballot, in a
	// canonical order that says nothing of who cast them. The indices in
	// the tally (a consensus's Blockers, say) point into this list.
	Ballots []Ballot `json:"ballots"`
	// Commitments, for a secret ballot, publishes beside each of the
	// Ballots the commitment of its voter's [Receipt] (Commitments[i] is
	// that of Ballots[i]), so that each voter can check with
	// [VerifyReceipt] that their ballot was counted, and no one else can
	// tell whose ballot is whose. It is nil for other votes.
	Commitments []string `json:"commitments,omitempty"`
	// Voters lists who cast each of the Ballots (Voters[i] cast
	// Ballots[i]); it is nil for a secret ballot, and for a hidden vote
	// until it closes.
	Voters []relationship.PartyID `json:"voters,omitempty"`
	// ClosedBy and ClosedAt are the member who closed the proposal and
	// when; zero while it is open.
	ClosedBy relationship.PartyID `json:"closed_by,omitzero"`
	ClosedAt time.Time            `json:"closed_at,omitzero"`
	// Review is when the group will review the decision.
	Review time.Time `json:"review"`

	Motion    *count.MotionResult    `json:"motion,omitempty"`
	Consensus *count.ConsensusResult `json:"consensus,omitempty"`
	Consent   *count.ConsentResult   `json:"consent,omitempty"`
	Count     *count.CountResult     `json:"count,omitempty"`
	Runoff    *count.RunoffResult    `json:"runoff,omitempty"`
	Schulze   *count.SchulzeResult   `json:"schulze,omitempty"`
	STV       *count.STVResult       `json:"stv,omitempty"`
}

// Report renders the decision as text for the minutes: the title, the
// rule and the quorum, the full tally with the options by name, the
// resolution and the review date.
func (d Decision) Report() string {
	var b strings.Builder
	status := "final"
	if !d.Final {
		status = "running count, the vote is open"
	}
	fmt.Fprintf(&b, "%s (%s; %s)\n", d.Title, d.Rule, status)
	fmt.Fprintf(&b, "%d eligible; %s\n", d.Eligible, d.Quorum)
	b.WriteString(d.tallyReport())
	fmt.Fprintf(&b, "resolution: %s", d.Resolution)
	if len(d.Winners) > 0 {
		names := make([]string, len(d.Winners))
		for i, w := range d.Winners {
			names[i] = d.Options[w]
		}
		fmt.Fprintf(&b, ": %s", strings.Join(names, ", "))
	}
	fmt.Fprintf(&b, "\nreview: %s\n", d.Review.Format(time.DateOnly))
	return b.String()
}

func (d Decision) tallyReport() string {
	switch {
	case d.Motion != nil:
		return d.Motion.String() + "\n"
	case d.Consensus != nil:
		return d.Consensus.String() + "\n"
	case d.Consent != nil:
		return d.Consent.String() + "\n"
	case d.Count != nil:
		return d.Count.Report(d.Options)
	case d.Runoff != nil:
		return d.Runoff.Report(d.Options)
	case d.Schulze != nil:
		return d.Schulze.Report(d.Options)
	case d.STV != nil:
		return d.STV.Report(d.Options)
	}
	return ""
}

// decide counts ballots under the spec's rule, with the given number of
// eligible voters and base for a fractional quorum.
func decide(sp *ProposalSpec, ballots []Ballot, eligible, base int) (Decision, error) {
	d := Decision{Rule: sp.Rule, Eligible: eligible}
	var err error
	switch sp.Rule.kind() {
	case kindVote, kindStance, kindResponse:
		err = d.decideQuestion(sp, ballots)
	default:
		err = d.decideChoice(sp, ballots)
	}
	if err != nil {
		return Decision{}, err
	}
	d.Quorum = sp.Quorum.measure(len(ballots), base)
	if !d.Quorum.Reached {
		d.Resolution, d.Winners = count.NoQuorum, nil
	}
	return d, nil
}

// decideQuestion counts the ballots of a motion, a consensus or a consent
// round.
func (d *Decision) decideQuestion(sp *ProposalSpec, ballots []Ballot) error {
	switch sp.Rule {
	case RuleConsensus:
		ss := make([]count.Stance, len(ballots))
		for i, b := range ballots {
			ss[i] = b.Stance
		}
		r, err := count.Consensus(ss)
		d.Consensus, d.Resolution = &r, r.Resolution()
		return err
	case RuleConsent:
		rs := make([]count.Response, len(ballots))
		for i, b := range ballots {
			rs[i] = b.Response
		}
		r, err := count.Consent(rs)
		d.Consent, d.Resolution = &r, r.Resolution()
		return err
	}
	vs := make([]count.Vote, len(ballots))
	for i, b := range ballots {
		vs[i] = b.Vote
	}
	var r count.MotionResult
	var err error
	switch sp.Rule {
	case RuleAbsoluteMajority:
		r, err = count.AbsoluteMajority(vs, d.Eligible)
	case RuleSupermajority:
		r, err = count.Supermajority(vs, sp.Fraction)
	default:
		r, err = count.SimpleMajority(vs)
	}
	d.Motion, d.Resolution = &r, r.Resolution()
	return err
}

// decideChoice counts the ballots of a choice among options. The ranked
// lists are the ballots' own: the count reads them in place.
func (d *Decision) decideChoice(sp *ProposalSpec, ballots []Ballot) error {
	lists := make([][]int, len(ballots))
	for i := range ballots {
		lists[i] = ballots[i].Options
	}
	n, opts := len(sp.Options), &count.Options{Priority: sp.Priority}
	var err error
	switch sp.Rule {
	case RulePlurality, RuleApproval:
		rule := count.Plurality
		if sp.Rule == RuleApproval {
			rule = count.Approval
		}
		var r count.CountResult
		r, err = rule(n, lists, opts)
		d.Count, d.Resolution = &r, r.Resolution
		d.Winners = winner(r.Resolution, r.Winner)
	case RuleInstantRunoff:
		var r count.RunoffResult
		r, err = count.InstantRunoff(n, lists, opts)
		d.Runoff, d.Resolution, d.Winners = &r, r.Resolution, winner(r.Resolution, r.Winner)
	case RuleSchulze:
		var r count.SchulzeResult
		r, err = count.Schulze(n, lists, opts)
		d.Schulze, d.Resolution, d.Winners = &r, r.Resolution, winner(r.Resolution, r.Winner)
	case RuleSTV:
		var r count.STVResult
		r, err = count.STV(n, sp.Seats, lists, opts)
		d.STV, d.Resolution = &r, r.Resolution
		if r.Resolution == count.Chosen {
			d.Winners = slices.Clone(r.Elected)
		}
	}
	return err
}

func winner(r count.Resolution, w int) []int {
	if r != count.Chosen {
		return nil
	}
	return []int{w}
}

// eligible returns the number of voters entitled to vote now, and the
// base a fractional quorum of the proposal is measured against.
func (s *state) eligible(p *proposalState) (eligible, base int) {
	fac := 0
	if s.settings.FacilitatorVotes {
		fac = 1
	}
	eligible = s.current + fac
	if !p.spec.Quorum.OfPresent {
		return eligible, eligible
	}
	base = fac
	for slot, a := range s.meetings[p.meet].register {
		if a.Attended() && s.members[slot].current {
			base++
		}
	}
	return eligible, base
}

// counted returns, ascending, the slots of the voters whose votes count
// now: those still in the period of membership in which they voted.
func (s *state) counted(p *proposalState) []int32 {
	var out []int32
	for _, slot := range sortedVoters(p.casts) {
		if s.inPeriod(slot, p.casts[slot].period) {
			out = append(out, slot)
		}
	}
	return out
}

// Decision returns the decision of a proposal. For a closed proposal it is
// the final decision, recounted from the ballots recorded at the close.
// For an open one it is the running count of the votes that stand now
// (Final is false), unless the proposal hides its results until the close.
//
// A secret vote always hides its results until the close, Hidden or not:
// a running count of a secret vote is no secret, since whoever polls it
// after each vote sees which option the newest voter chose, and the record
// says who that was (and a vote changed, or a voter who leaves, shows the
// same way). While a secret vote is open, what the group shows about it is
// who has voted, never a count.
//
// Errors: [*NotFoundError] wrapping [ErrUnknownProposal]; [*BallotError] wrapping [ErrResultsHidden]
// while a hidden or secret vote is open; [*StateError] wrapping [ErrWithdrawn] for a withdrawn
// proposal.
func (g *Group) Decision(id uuid.UUID) (Decision, error) {
	if g == nil {
		return Decision{}, relationship.Nil("group")
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, err := g.st.proposal(id)
	if err != nil {
		return Decision{}, err
	}
	p := &g.st.proposals[i]
	switch {
	case p.status == proposalWithdrawn:
		return Decision{}, &StateError{Item: "proposal", ID: id, Err: ErrWithdrawn}
	case p.status == proposalClosed:
		return g.st.describe(p, p.final, true)
	case p.spec.sealed():
		return Decision{}, &BallotError{Proposal: id, Err: ErrResultsHidden}
	}
	count, _ := g.countNow(p) // an open vote that is not sealed has every ballot in the record
	return g.st.describe(p, count, false)
}

// countNow returns what would be counted if the proposal closed now, and
// the voters whose sealed ballots are missing from the box.
func (g *Group) countNow(p *proposalState) (*closedCount, []relationship.PartyID) {
	s := &g.st
	voters := s.counted(p)
	c := &closedCount{ballots: make([]Ballot, 0, len(voters)), voters: voters}
	c.eligible, c.base = s.eligible(p)
	var missing []relationship.PartyID
	if p.spec.Secret {
		c.commitments = make([]string, 0, len(voters))
	}
	for _, slot := range voters {
		b, ok := p.casts[slot].ballot, true
		if p.spec.sealed() {
			var v sealedVote
			v, ok = g.box[p.id][slot]
			b = v.ballot
			if ok && p.spec.Secret {
				c.commitments = append(c.commitments, commitment(v.secret, p.id, b))
			}
		}
		if !ok {
			missing = append(missing, s.partyAt(slot))
		}
		c.ballots = append(c.ballots, b)
	}
	if p.spec.Secret {
		c.voters = nil
		if len(missing) > 0 {
			c.commitments = nil
		}
		sortSecret(c.ballots, c.commitments)
	}
	return c, missing
}

// describe counts c for the proposal and returns the decision, as a copy.
func (s *state) describe(p *proposalState, c *closedCount, final bool) (Decision, error) {
	d, err := decide(&p.spec, c.ballots, c.eligible, c.base)
	if err != nil {
		return Decision{}, err
	}
	d.Proposal, d.Title, d.Options, d.Final, d.Review = p.id, p.spec.Title, clip(p.spec.Options), final, p.spec.Review
	d.Priority = clip(p.spec.Priority)
	if final {
		d.ClosedBy, d.ClosedAt = p.endedBy, p.endedAt
	}
	d.Ballots = make([]Ballot, len(c.ballots))
	for i, b := range c.ballots {
		d.Ballots[i] = b.clone()
	}
	d.Commitments = clip(c.commitments)
	if c.voters != nil {
		d.Voters = make([]relationship.PartyID, len(c.voters))
		for i, slot := range c.voters {
			d.Voters[i] = s.partyAt(slot)
		}
	}
	return d, nil
}
