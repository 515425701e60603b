package count

import (
	"fmt"
	"iter"

	"github.com/helpingwork/helping/internal/enum"
)

// Stance is one participant's position in a consensus decision.
//
// The four stances follow the practice of consensus decision-making as
// taught by C. T. Butler and Amy Rothstein, "On Conflict and Consensus"
// (1987), and by the Seeds for Change guides: a participant can support the
// proposal, let it go ahead without taking part, let it go ahead while
// saying it is a mistake, or stop it.
//
// The zero Stance is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Stance uint8

// The stances.
const (
	// Agree: "I support this proposal."
	Agree Stance = iota + 1
	// StandAside: "I cannot support this, but I will not stop the group; I
	// will not take part in carrying it out." A stand-aside is neutral in the
	// count but is recorded, and a facilitator notes how many there are.
	StandAside
	// Disagree: "I think this is a mistake, and I want that on the record,
	// but I do not block." See [Consensus] for how disagreements count.
	Disagree
	// Block: "This goes against the group's purpose or values; if it passes
	// I cannot stay." Any block stops the proposal.
	Block
)

var stances = enum.New[Stance]("stance", "unspecified", "agree", "stand-aside", "disagree", "block")

// Stances yields every valid stance in order.
func Stances() iter.Seq[Stance] { return stances.Values() }

// ParseStance returns the stance named s: "agree", "stand-aside",
// "disagree" or "block". Unknown text is a [*relationship.TextError]
// wrapping [relationship.ErrUnknownText].
func ParseStance(s string) (Stance, error) { return stances.ParseText(s) }

// IsValid reports whether s is one of the named stances.
func (s Stance) IsValid() bool { return stances.Valid(s) }

// String returns the stance's name, such as "stand-aside".
func (s Stance) String() string { return stances.String(s) }

// MarshalText returns the stance's name. An invalid stance is an error.
func (s Stance) MarshalText() ([]byte, error) { return stances.Text(s) }

// UnmarshalText sets s to the stance named by b. On error s is unchanged.
func (s *Stance) UnmarshalText(b []byte) error { return stances.Unmarshal(b, s) }

// ConsensusReason says why a consensus decision came out as it did.
//
// The zero ConsensusReason is unspecified and never valid. The constants
// are never reordered; their text forms are stable.
type ConsensusReason uint8

// The reasons.
const (
	// ConsensusReached: nobody blocked, and agreement outweighs
	// disagreement.
	ConsensusReached ConsensusReason = iota + 1
	// ConsensusBlocked: at least one participant blocked.
	ConsensusBlocked
	// ConsensusNoSupport: nobody agreed (everyone stood aside or
	// disagreed, or there were no participants).
	ConsensusNoSupport
	// ConsensusDivided: as many participants disagreed as agreed, or more.
	ConsensusDivided
)

var consensusReasons = enum.New[ConsensusReason]("consensus reason", "unspecified",
	"reached", "blocked", "no-support", "divided")

// consensusPhrases are the reasons in plain words, for reports.
var consensusPhrases = map[ConsensusReason]string{
	ConsensusReached: "consensus reached", ConsensusBlocked: "blocked",
	ConsensusNoSupport: "no support", ConsensusDivided: "divided",
}

// ConsensusReasons yields every valid reason in order.
func ConsensusReasons() iter.Seq[ConsensusReason] { return consensusReasons.Values() }

// ParseConsensusReason returns the reason named s, such as "blocked".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseConsensusReason(s string) (ConsensusReason, error) { return consensusReasons.ParseText(s) }

// IsValid reports whether r is one of the named reasons.
func (r ConsensusReason) IsValid() bool { return consensusReasons.Valid(r) }

// String returns the reason's name, such as "no-support".
func (r ConsensusReason) String() string { return consensusReasons.String(r) }

// MarshalText returns the reason's name. An invalid reason is an error.
func (r ConsensusReason) MarshalText() ([]byte, error) { return consensusReasons.Text(r) }

// UnmarshalText sets r to the reason named by b. On error r is unchanged.
func (r *ConsensusReason) UnmarshalText(b []byte) error { return consensusReasons.Unmarshal(b, r) }

// ConsensusResult is the outcome of a consensus round. Besides the counts it
// lists who stood aside, disagreed or blocked (as indices into the caller's
// slice), because in consensus practice those voices are the facilitator's
// next agenda: the group asks them what would change their minds.
type ConsensusResult struct {
	Passed bool            `json:"passed"`
	Reason ConsensusReason `json:"reason"`
	// Participants is the number of stances given.
	Participants  int   `json:"participants"`
	Agree         int   `json:"agree"`
	StandAside    int   `json:"stand_aside"`
	Disagree      int   `json:"disagree"`
	Block         int   `json:"block"`
	StandAsides   []int `json:"stand_asides,omitempty"`
	Disagreements []int `json:"disagreements,omitempty"`
	Blockers      []int `json:"blockers,omitempty"`
}

// Resolution returns [Passed] or [Failed].
func (c ConsensusResult) Resolution() Resolution { return passedOrFailed(c.Passed) }

// String explains the result in one line, such as
// "blocked: 5 agree, 1 stand aside, 0 disagree, 1 block".
func (c ConsensusResult) String() string {
	return fmt.Sprintf("%s: %d agree, %d stand aside, %d disagree, %d block",
		consensusPhrases[c.Reason], c.Agree, c.StandAside, c.Disagree, c.Block)
}

// Consensus decides a proposal by consensus. The rule, in order:
//
//  1. Any block stops the proposal ([ConsensusBlocked]).
//  2. Someone must agree: a proposal that nobody supports has not found
//     consensus, however quiet the room ([ConsensusNoSupport]).
//  3. A disagreement is dissent short of a block: the participant lets the
//     group go ahead and has the dissent recorded. One disagreement cannot
//     stop a proposal (that would make it a block by another name), but a
//     proposal that as many participants disagree with as agree with has
//     not found the broad agreement consensus seeks: it passes only when
//     agreements strictly outnumber disagreements (otherwise [ConsensusDivided]).
//  4. Stand-asides are neutral: they neither help nor stop the proposal.
//     Many stand-asides are a warning sign the result reports but does not
//     act on.
//
// Sources: Butler and Rothstein, "On Conflict and Consensus" (1987) for
// blocks and stand-asides; the Seeds for Change guide "Consensus Decision
// Making" for the advice on many stand-asides. The rule for disagreements is
// this package's, stated here so that a group can see what it is agreeing
// to; Loomio's proposals use the same four positions.
func Consensus(stances []Stance) (ConsensusResult, error) {
	r := ConsensusResult{Participants: len(stances)}
	for i, s := range stances {
		switch s {
		case Agree:
			r.Agree++
		case StandAside:
			r.StandAside++
			r.StandAsides = append(r.StandAsides, i)
		case Disagree:
			r.Disagree++
			r.Disagreements = append(r.Disagreements, i)
		case Block:
			r.Block++
			r.Blockers = append(r.Blockers, i)
		default:
			return ConsensusResult{}, &VoteError{Kind: "stance", Index: i, Value: uint8(s)}
		}
	}
	switch {
	case r.Block > 0:
		r.Reason = ConsensusBlocked
	case r.Agree == 0:
		r.Reason = ConsensusNoSupport
	case r.Disagree >= r.Agree:
		r.Reason = ConsensusDivided
	default:
		r.Reason, r.Passed = ConsensusReached, true
	}
	return r, nil
}
