package tally

import (
	"fmt"
	"math/bits"
)

// Vote is one member's answer to a motion: a question put to the group to
// which the answer is yes or no. The zero value is not a vote and is
// rejected.
type Vote uint8

// The votes. Values are never reordered.
const (
	_ Vote = iota
	// Yes is a vote for the motion (Robert's Rules: "the affirmative").
	Yes
	// No is a vote against the motion ("the negative").
	No
	// Abstain records that the member was there and chose not to vote either
	// way. Robert's Rules treat an abstention as no vote at all: it counts
	// neither for nor against, except under rules measured against all
	// eligible voters, where every missing yes works like a no.
	Abstain
)

var voteNames = [...]string{"invalid vote", "yes", "no", "abstain"}

// String returns "yes", "no" or "abstain".
func (v Vote) String() string {
	if int(v) < len(voteNames) {
		return voteNames[v]
	}
	return fmt.Sprintf("vote(%d)", uint8(v))
}

// Fraction is an exact share, Num/Den, such as two-thirds. It stays a pair
// of integers so that no rounding can turn a failing vote into a passing one.
type Fraction struct {
	Num, Den int
}

// Common supermajorities.
var (
	TwoThirds     = Fraction{2, 3}
	ThreeQuarters = Fraction{3, 4}
	Unanimity     = Fraction{1, 1}
)

// String returns the fraction as "num/den".
func (f Fraction) String() string { return fmt.Sprintf("%d/%d", f.Num, f.Den) }

// checkSuper returns an error unless 1/2 < f <= 1 with a positive
// denominator.
func (f Fraction) checkSuper() error {
	if f.Den <= 0 || f.Num <= 0 || f.Num > f.Den || f.Num <= f.Den-f.Num {
		return &FractionError{Num: f.Num, Den: f.Den}
	}
	return nil
}

// MotionRule names the threshold a motion was measured against.
type MotionRule uint8

// The motion rules. Values are never reordered.
const (
	_ MotionRule = iota
	// MajorityOfVotesCast: more yes than no; abstentions do not count
	// ([SimpleMajority]).
	MajorityOfVotesCast
	// MajorityOfEligible: yes from more than half of all who may vote
	// ([AbsoluteMajority]).
	MajorityOfEligible
	// FractionOfVotesCast: yes from at least a fraction of the votes cast
	// ([Supermajority]).
	FractionOfVotesCast
	// FractionOfEligible: yes from at least a fraction of all who may vote
	// ([SupermajorityOfEligible]).
	FractionOfEligible
)

var motionRuleNames = [...]string{
	"invalid rule",
	"majority of the votes cast",
	"majority of the eligible voters",
	"fraction of the votes cast",
	"fraction of the eligible voters",
}

// String returns the rule in plain words.
func (r MotionRule) String() string {
	if int(r) < len(motionRuleNames) {
		return motionRuleNames[r]
	}
	return fmt.Sprintf("motionrule(%d)", uint8(r))
}

// MotionResult is the tally of a yes/no motion with everything needed to
// explain it: the counts, the number the threshold was measured against, and
// the fewest yes votes that would have passed it.
type MotionResult struct {
	Rule MotionRule
	// Fraction is the share required by the FractionOf rules; the majority
	// rules leave it zero (they need more than half, not a share).
	Fraction         Fraction
	Yes, No, Abstain int
	// Eligible is the number of eligible voters for the ...OfEligible rules,
	// and 0 for the rules measured against votes cast.
	Eligible int
	// Base is what the threshold is measured against: Yes+No (the votes
	// cast) or Eligible.
	Base int
	// Needed is the fewest yes votes that pass the motion against Base
	// (never less than 1: nothing passes without a yes).
	Needed int
	Passed bool
}

// String explains the result in one line, for example
// "passed: 8 yes, 3 no, 1 abstaining; needed 8 yes, at least 2/3 of 11 votes cast".
func (m MotionResult) String() string {
	verdict := "failed"
	if m.Passed {
		verdict = "passed"
	}
	var need string
	switch m.Rule {
	case MajorityOfVotesCast:
		need = fmt.Sprintf("more than half of %d votes cast", m.Base)
	case MajorityOfEligible:
		need = fmt.Sprintf("more than half of %d eligible voters", m.Base)
	case FractionOfVotesCast:
		need = fmt.Sprintf("at least %s of %d votes cast", m.Fraction, m.Base)
	case FractionOfEligible:
		need = fmt.Sprintf("at least %s of %d eligible voters", m.Fraction, m.Base)
	default:
		need = m.Rule.String()
	}
	return fmt.Sprintf("%s: %d yes, %d no, %d abstaining; needed %d yes, %s",
		verdict, m.Yes, m.No, m.Abstain, m.Needed, need)
}

// SimpleMajority passes a motion when more members vote yes than no.
// Abstentions and members who do not vote are not counted at all.
//
// Source: Robert's Rules of Order Newly Revised (12th ed., 2020), §44, on the
// bases for determining a voting result: "a majority vote ... means more
// than half of the votes cast by persons
// entitled to vote, excluding blanks or abstentions". A tie fails: the motion
// did not win more than half. With no votes cast, nothing passes.
//
// This is the everyday rule of a group: it lets a group act even when some
// members hold back, and it treats holding back as neither help nor harm.
func SimpleMajority(votes []Vote) (MotionResult, error) { return SimpleMajorityOf(votes) }

// SimpleMajorityOf is [SimpleMajority] over votes of any type whose values
// are those of [Vote], so that a caller with its own vote type counts its
// slice in place, without a converted copy.
func SimpleMajorityOf[V ~uint8](votes []V) (MotionResult, error) {
	yes, no, abstain, err := countVotes(votes)
	if err != nil {
		return MotionResult{}, err
	}
	base := yes + no
	return motion(MajorityOfVotesCast, Fraction{}, yes, no, abstain, 0, base, base/2+1), nil
}

// AbsoluteMajority passes a motion when more than half of all eligible
// voters vote yes, whether or not the others voted. Every eligible member
// who abstains or stays away counts, in effect, against the motion.
//
// Source: Robert's Rules, §44 ("a majority of the entire membership").
// Groups use it for decisions that bind every member, such as changing the
// group's own rules, so that a small meeting cannot decide for everyone.
//
// eligible is the number of members entitled to vote; it must be at least
// len(votes).
func AbsoluteMajority(votes []Vote, eligible int) (MotionResult, error) {
	return AbsoluteMajorityOf(votes, eligible)
}

// AbsoluteMajorityOf is [AbsoluteMajority] over votes of any type whose
// values are those of [Vote].
func AbsoluteMajorityOf[V ~uint8](votes []V, eligible int) (MotionResult, error) {
	yes, no, abstain, err := countVotes(votes)
	if err != nil {
		return MotionResult{}, err
	}
	if err := checkEligible(eligible, len(votes)); err != nil {
		return MotionResult{}, err
	}
	return motion(MajorityOfEligible, Fraction{}, yes, no, abstain, eligible, eligible, eligible/2+1), nil
}

// Supermajority passes a motion when at least the fraction f of the votes
// cast (yes plus no) are yes. f must lie in (1/2, 1]; a fraction of 1 asks
// for unanimity among those who vote.
//
// Source: Robert's Rules, §44 ("a two-thirds vote ... means at least
// two thirds of the votes cast"). A supermajority protects members from
// hasty change: Robert's Rules ask for two thirds wherever a motion limits
// members' rights, such as closing debate.
func Supermajority(votes []Vote, f Fraction) (MotionResult, error) { return SupermajorityOf(votes, f) }

// SupermajorityOf is [Supermajority] over votes of any type whose values
// are those of [Vote].
func SupermajorityOf[V ~uint8](votes []V, f Fraction) (MotionResult, error) {
	if err := f.checkSuper(); err != nil {
		return MotionResult{}, err
	}
	yes, no, abstain, err := countVotes(votes)
	if err != nil {
		return MotionResult{}, err
	}
	base := yes + no
	return motion(FractionOfVotesCast, f, yes, no, abstain, 0, base, atLeast(f, base)), nil
}

// SupermajorityOfEligible passes a motion when at least the fraction f of
// all eligible voters vote yes (Robert's Rules, §44: "two thirds of the
// entire membership"). f must lie in (1/2, 1]; eligible must be at least
// len(votes).
func SupermajorityOfEligible(votes []Vote, f Fraction, eligible int) (MotionResult, error) {
	if err := f.checkSuper(); err != nil {
		return MotionResult{}, err
	}
	yes, no, abstain, err := countVotes(votes)
	if err != nil {
		return MotionResult{}, err
	}
	if err := checkEligible(eligible, len(votes)); err != nil {
		return MotionResult{}, err
	}
	return motion(FractionOfEligible, f, yes, no, abstain, eligible, eligible, atLeast(f, eligible)), nil
}

func motion(rule MotionRule, f Fraction, yes, no, abstain, eligible, base, needed int) MotionResult {
	return MotionResult{
		Rule: rule, Fraction: f,
		Yes: yes, No: no, Abstain: abstain,
		Eligible: eligible, Base: base, Needed: needed,
		Passed: yes >= needed,
	}
}

// atLeast returns the fewest yes votes that make at least f of base: the
// ceiling of f*base, computed exactly, and never less than 1.
func atLeast(f Fraction, base int) int {
	// f.Num <= f.Den, so the quotient is at most base and hi < f.Den.
	hi, lo := bits.Mul64(uint64(f.Num), uint64(base))
	q, r := bits.Div64(hi, lo, uint64(f.Den))
	if r != 0 {
		q++
	}
	return max(1, int(q))
}

func countVotes[V ~uint8](votes []V) (yes, no, abstain int, err error) {
	for i, v := range votes {
		switch Vote(v) {
		case Yes:
			yes++
		case No:
			no++
		case Abstain:
			abstain++
		default:
			return 0, 0, 0, &VoteError{Kind: "vote", Index: i, Value: uint8(v)}
		}
	}
	return yes, no, abstain, nil
}

func checkEligible(eligible, votes int) error {
	if eligible < 0 || eligible < votes {
		return &EligibleError{Eligible: eligible, Votes: votes}
	}
	return nil
}
