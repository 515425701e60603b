package tally

import "fmt"

// Stance is one participant's position in a consensus decision. The zero
// value is not a stance and is rejected.
//
// The four stances follow the practice of consensus decision-making as
// taught by C. T. Butler and Amy Rothstein, "On Conflict and Consensus"
// (1987), and by the Seeds for Change guides: a participant can support the
// proposal, let it go ahead without taking part, let it go ahead while
// saying it is a mistake, or stop it.
type Stance uint8

// The stances. Values are never reordered.
const (
	_ Stance = iota
	// Agree: "I support this proposal."
	Agree
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

var stanceNames = [...]string{"invalid stance", "agree", "stand aside", "disagree", "block"}

// String returns "agree", "stand aside", "disagree" or "block".
func (s Stance) String() string {
	if int(s) < len(stanceNames) {
		return stanceNames[s]
	}
	return fmt.Sprintf("stance(%d)", uint8(s))
}

// ConsensusReason says why a consensus decision came out as it did.
type ConsensusReason uint8

// The reasons. Values are never reordered.
const (
	_ ConsensusReason = iota
	// Reached: nobody blocked, and agreement outweighs disagreement.
	Reached
	// Blocked: at least one participant blocked.
	Blocked
	// NoSupport: nobody agreed (everyone stood aside or disagreed, or there
	// were no participants).
	NoSupport
	// Divided: as many participants disagreed as agreed, or more.
	Divided
)

var consensusReasonNames = [...]string{"invalid reason", "consensus reached", "blocked", "no support", "divided"}

// String returns the reason in plain words.
func (r ConsensusReason) String() string {
	if int(r) < len(consensusReasonNames) {
		return consensusReasonNames[r]
	}
	return fmt.Sprintf("consensusreason(%d)", uint8(r))
}

// ConsensusResult is the outcome of a consensus round. Besides the counts it
// lists who stood aside, disagreed or blocked (as indices into the caller's
// slice), because in consensus practice those voices are the facilitator's
// next agenda: the group asks them what would change their minds.
type ConsensusResult struct {
	Passed bool
	Reason ConsensusReason
	// Participants is the number of stances given.
	Participants                         int
	Agree, StandAside, Disagree, Block   int
	StandAsides, Disagreements, Blockers []int
}

// String explains the result in one line.
func (c ConsensusResult) String() string {
	return fmt.Sprintf("%s: %d agree, %d stand aside, %d disagree, %d block",
		c.Reason, c.Agree, c.StandAside, c.Disagree, c.Block)
}

// Consensus decides a proposal by consensus. The rule, in order:
//
//  1. Any block stops the proposal (Blocked).
//  2. Someone must agree: a proposal that nobody supports has not found
//     consensus, however quiet the room (NoSupport).
//  3. A disagreement is dissent short of a block: the participant lets the
//     group go ahead and has the dissent recorded. One disagreement cannot
//     stop a proposal (that would make it a block by another name), but a
//     proposal that as many participants disagree with as agree with has
//     not found the broad agreement consensus seeks: it passes only when
//     agreements strictly outnumber disagreements (otherwise Divided).
//  4. Stand-asides are neutral: they neither help nor stop the proposal.
//     Many stand-asides are a warning sign the result reports but does not
//     act on.
//
// Sources: Butler and Rothstein, "On Conflict and Consensus" (1987) for
// blocks and stand-asides; the Seeds for Change guide "Consensus Decision
// Making" for the advice on many stand-asides. The rule for disagreements is
// this package's, stated here so that a group can see what it is agreeing
// to; Loomio's proposals use the same four positions.
func Consensus(stances []Stance) (ConsensusResult, error) { return ConsensusOf(stances) }

// ConsensusOf is [Consensus] over stances of any type whose values are
// those of [Stance], so that a caller with its own stance type counts its
// slice in place, without a converted copy.
func ConsensusOf[S ~uint8](stances []S) (ConsensusResult, error) {
	r := ConsensusResult{Participants: len(stances)}
	for i, s := range stances {
		switch Stance(s) {
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
		r.Reason = Blocked
	case r.Agree == 0:
		r.Reason = NoSupport
	case r.Disagree >= r.Agree:
		r.Reason = Divided
	default:
		r.Reason, r.Passed = Reached, true
	}
	return r, nil
}
