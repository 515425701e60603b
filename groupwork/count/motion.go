package count

import (
	"fmt"
	"iter"
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/helpingwork/helping/internal/enum"
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

// Needed returns the fewest k with k >= f·base, exactly, for 0 <= f <= 1:
// the number of voters a quorum of f of base asks for. It is 0 for the
// zero Fraction or a base of 0.
func (f Fraction) Needed(base int) int {
	if f.Den <= 0 || base <= 0 {
		return 0
	}
	p := int64(f.Num) * int64(base)
	return int((p + int64(f.Den) - 1) / int64(f.Den))
}

// CheckQuorum returns a [*FractionError] unless 0 < f <= 1 with a positive
// denominator: the fractions a quorum may ask for.
func (f Fraction) CheckQuorum() error {
	if f.Den <= 0 || f.Num <= 0 || f.Num > f.Den {
		return &FractionError{Fraction: f, Use: "quorum"}
	}
	return nil
}

// CheckSupermajority returns a [*FractionError] unless 1/2 < f <= 1 with a
// positive denominator: the fractions a supermajority may ask for.
func (f Fraction) CheckSupermajority() error {
	if f.Den <= 0 || f.Num <= 0 || f.Num > f.Den || f.Num <= f.Den-f.Num {
		return &FractionError{Fraction: f, Use: "supermajority"}
	}
	return nil
}

// MotionRule names the threshold a motion was measured against.
//
// The zero MotionRule is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type MotionRule uint8

// The motion rules.
const (
	// MajorityOfVotesCast: more yes than no; abstentions do not count
	// ([SimpleMajority]).
	MajorityOfVotesCast MotionRule = iota + 1
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

var motionRules = enum.New[MotionRule]("motion rule", "unspecified",
	"majority-of-votes-cast", "majority-of-eligible", "fraction-of-votes-cast", "fraction-of-eligible")

// MotionRules yields every valid motion rule in order.
func MotionRules() iter.Seq[MotionRule] { return motionRules.Values() }

// ParseMotionRule returns the rule named s, such as "majority-of-eligible".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseMotionRule(s string) (MotionRule, error) { return motionRules.ParseText(s) }

// IsValid reports whether r is one of the named rules.
func (r MotionRule) IsValid() bool { return motionRules.Valid(r) }

// String returns the rule's name, such as "majority-of-votes-cast".
func (r MotionRule) String() string { return motionRules.String(r) }

// MarshalText returns the rule's name. An invalid rule is an error.
func (r MotionRule) MarshalText() ([]byte, error) { return motionRules.Text(r) }

// UnmarshalText sets r to the rule named by b. On error r is unchanged.
func (r *MotionRule) UnmarshalText(b []byte) error { return motionRules.Unmarshal(b, r) }

// MotionResult is the tally of a yes/no motion with everything needed to
// explain it: the counts, the number the threshold was measured against, and
// the fewest yes votes that would have passed it.
type MotionResult struct {
	Rule MotionRule `json:"rule"`
	// Fraction is the share required by the FractionOf rules; the majority
	// rules leave it zero (they need more than half, not a share).
	Fraction Fraction `json:"fraction"`
	Yes      int      `json:"yes"`
	No       int      `json:"no"`
	Abstain  int      `json:"abstain"`
	// Eligible is the number of eligible voters for the ...OfEligible rules,
	// and 0 for the rules measured against votes cast.
	Eligible int `json:"eligible"`
	// Base is what the threshold is measured against: Yes+No (the votes
	// cast) or Eligible.
	Base int `json:"base"`
	// Needed is the fewest yes votes that pass the motion against Base
	// (never less than 1: nothing passes without a yes).
	Needed int  `json:"needed"`
	Passed bool `json:"passed"`
}

// Resolution returns [Passed] or [Failed].
func (m MotionResult) Resolution() Resolution { return passedOrFailed(m.Passed) }

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
		need = "rule " + m.Rule.String()
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
func SimpleMajority(votes []Vote) (MotionResult, error) {
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
func Supermajority(votes []Vote, f Fraction) (MotionResult, error) {
	if err := f.CheckSupermajority(); err != nil {
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
	if err := f.CheckSupermajority(); err != nil {
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

func countVotes(votes []Vote) (yes, no, abstain int, err error) {
	for i, v := range votes {
		switch v {
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
		return &RangeError{What: "eligible voters", Value: eligible, Min: votes, Max: math.MaxInt, Err: ErrEligible}
	}
	return nil
}
