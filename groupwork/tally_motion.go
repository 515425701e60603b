package groupwork

import (
	"iter"
	"strconv"
	"strings"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/internal/tally"
	"github.com/helpingwork/helping/relationship"
)

// Vote is one member's answer to a motion: a question put to the group to
// which the answer is yes or no.
//
// The zero Vote is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Vote uint8

// The votes.
const (
	// Yes is a vote for the motion (Robert's Rules: "the affirmative").
	Yes Vote = iota + 1
	// No is a vote against the motion ("the negative").
	No
	// Abstain records that the member took part and chose not to vote
	// either way. Robert's Rules treat an abstention as no vote at all: it
	// counts neither for nor against, except under rules measured against
	// all eligible voters, where every missing yes works like a no.
	Abstain
)

var votes = enum.New[Vote]("vote", "unspecified", "yes", "no", "abstain")

// Votes yields every valid vote in order.
func Votes() iter.Seq[Vote] { return votes.Values() }

// ParseVote returns the vote named s: "yes", "no" or "abstain". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseVote(s string) (Vote, error) { return votes.ParseText(s) }

// IsValid reports whether v is one of the named votes.
func (v Vote) IsValid() bool { return votes.Valid(v) }

// String returns "yes", "no" or "abstain".
func (v Vote) String() string { return votes.String(v) }

// MarshalText returns the vote's name. An invalid vote is an error.
func (v Vote) MarshalText() ([]byte, error) { return votes.Text(v) }

// UnmarshalText sets v to the vote named by b. On error v is unchanged.
func (v *Vote) UnmarshalText(b []byte) error { return votes.Unmarshal(b, v) }

// Fraction is an exact share, Num/Den, such as two thirds. It stays a pair
// of integers so that no rounding can turn a failing vote into a passing
// one. Its text form is "num/den". The zero Fraction is "no fraction".
type Fraction struct {
	Num, Den int
}

// Common supermajorities.
var (
	TwoThirds     = Fraction{2, 3}
	ThreeQuarters = Fraction{3, 4}
	Unanimity     = Fraction{1, 1}
)

// IsZero reports whether f is the zero Fraction.
func (f Fraction) IsZero() bool { return f == Fraction{} }

// String returns the fraction as "num/den".
func (f Fraction) String() string { return strconv.Itoa(f.Num) + "/" + strconv.Itoa(f.Den) }

// MarshalText returns the fraction as "num/den".
func (f Fraction) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText sets f to the fraction written as "num/den". On error f is
// unchanged.
func (f *Fraction) UnmarshalText(b []byte) error {
	p, err := ParseFraction(string(b))
	if err != nil {
		return err
	}
	*f = p
	return nil
}

// ParseFraction returns the fraction written as "num/den", such as "2/3".
// It checks only the form: each use of a fraction checks its own range.
// Text of another form is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseFraction(s string) (Fraction, error) {
	num, den, ok := strings.Cut(s, "/")
	n, errN := strconv.Atoi(num)
	d, errD := strconv.Atoi(den)
	if !ok || errN != nil || errD != nil {
		return Fraction{}, &relationship.TextError{Type: "fraction", Text: s, Err: relationship.ErrUnknownText}
	}
	return Fraction{n, d}, nil
}

// needed returns the fewest k with k >= f·base, exactly, for 0 <= f <= 1.
func (f Fraction) needed(base int) int {
	if f.Den <= 0 || base <= 0 {
		return 0
	}
	p := int64(f.Num) * int64(base)
	return int((p + int64(f.Den) - 1) / int64(f.Den))
}

// checkSuper returns a [*FractionError] unless 1/2 < f <= 1 with a positive
// denominator.
func (f Fraction) checkSuper() error {
	if f.Den <= 0 || f.Num <= 0 || f.Num > f.Den || f.Num <= f.Den-f.Num {
		return &FractionError{Fraction: f, Use: "supermajority"}
	}
	return nil
}

// MotionResult is the tally of a yes/no motion with everything needed to
// explain it: the counts, the number the threshold was measured against,
// and the fewest yes votes that would have passed it.
type MotionResult struct {
	// Rule is [RuleSimpleMajority], [RuleAbsoluteMajority] or
	// [RuleSupermajority].
	Rule Rule
	// Fraction is the share a supermajority required; the majority rules
	// leave it zero (they need more than half, not a share).
	Fraction         Fraction
	Yes, No, Abstain int
	// Eligible is the number of eligible voters for an absolute majority,
	// and 0 for the rules measured against the votes cast.
	Eligible int
	// Base is what the threshold is measured against: Yes+No (the votes
	// cast) or Eligible.
	Base int
	// Needed is the fewest yes votes that pass the motion against Base
	// (never less than 1: nothing passes without a yes).
	Needed int
	Passed bool
}

var motionRules = map[tally.MotionRule]Rule{
	tally.MajorityOfVotesCast: RuleSimpleMajority,
	tally.MajorityOfEligible:  RuleAbsoluteMajority,
	tally.FractionOfVotesCast: RuleSupermajority,
}

func fromMotionResult(m tally.MotionResult) MotionResult {
	return MotionResult{
		Rule: motionRules[m.Rule], Fraction: Fraction{m.Fraction.Num, m.Fraction.Den},
		Yes: m.Yes, No: m.No, Abstain: m.Abstain, Eligible: m.Eligible, Base: m.Base, Needed: m.Needed, Passed: m.Passed,
	}
}

// Resolution returns [Passed] or [Failed].
func (m MotionResult) Resolution() Resolution { return passedOrFailed(m.Passed) }

func passedOrFailed(passed bool) Resolution {
	if passed {
		return Passed
	}
	return Failed
}

// String explains the result in one line, for example
// "passed: 8 yes, 3 no, 1 abstaining; needed 8 yes, at least 2/3 of 11 votes cast".
func (m MotionResult) String() string {
	t := tally.MotionResult{
		Fraction: tally.Fraction{Num: m.Fraction.Num, Den: m.Fraction.Den},
		Yes:      m.Yes, No: m.No, Abstain: m.Abstain, Eligible: m.Eligible, Base: m.Base, Needed: m.Needed, Passed: m.Passed,
	}
	for tr, r := range motionRules {
		if r == m.Rule {
			t.Rule = tr
		}
	}
	return t.String()
}

// SimpleMajority passes a motion when more members vote yes than no.
// Abstentions and members who do not vote are not counted at all; a tie
// fails, and with no votes cast nothing passes.
//
// Source: Robert's Rules of Order Newly Revised (12th ed., 2020), §44: "a
// majority vote ... means more than half of the votes cast by persons
// entitled to vote, excluding blanks or abstentions". This is the everyday
// rule of a group: it lets the group act even when some members hold back,
// and treats holding back as neither help nor harm.
//
// Errors: [*VoteValueError] for a value other than [Yes], [No], [Abstain].
func SimpleMajority(votes []Vote) (MotionResult, error) {
	r, err := tally.SimpleMajorityOf(votes)
	if err != nil {
		return MotionResult{}, fromTallyError(err, 0)
	}
	return fromMotionResult(r), nil
}

// AbsoluteMajority passes a motion when more than half of all eligible
// voters vote yes, whether or not the others voted: every eligible member
// who abstains or stays away counts, in effect, against the motion.
//
// Source: Robert's Rules, §44 ("a majority of the entire membership").
// Groups use it for decisions that bind every member, such as changing the
// group's own rules, so that a small meeting cannot decide for everyone.
//
// eligible is the number of members entitled to vote; it must be at least
// len(votes). Errors: [*VoteValueError], and [*EligibleError] for a bad
// eligible.
func AbsoluteMajority(votes []Vote, eligible int) (MotionResult, error) {
	r, err := tally.AbsoluteMajorityOf(votes, eligible)
	if err != nil {
		return MotionResult{}, fromTallyError(err, 0)
	}
	return fromMotionResult(r), nil
}

// Supermajority passes a motion when at least the fraction f of the votes
// cast (yes plus no) are yes. f must lie in (1/2, 1]; a fraction of 1 asks
// for unanimity among those who vote.
//
// Source: Robert's Rules, §44 ("a two-thirds vote ... means at least two
// thirds of the votes cast"). A supermajority protects members from hasty
// change: Robert's Rules ask for two thirds wherever a motion limits
// members' rights, such as closing debate.
//
// Errors: [*FractionError] for f outside (1/2, 1], [*VoteValueError].
func Supermajority(votes []Vote, f Fraction) (MotionResult, error) {
	if err := f.checkSuper(); err != nil {
		return MotionResult{}, err
	}
	r, err := tally.SupermajorityOf(votes, tally.Fraction{Num: f.Num, Den: f.Den})
	if err != nil {
		return MotionResult{}, fromTallyError(err, 0)
	}
	return fromMotionResult(r), nil
}
