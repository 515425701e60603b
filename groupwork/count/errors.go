package count

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors. Callers branch on them with [errors.Is]; the few typed
// errors below wrap them and carry the offending values for [errors.As].
//
// Every function of the package validates all of its input before it counts
// anything: on error it returns the zero result and nothing partial. Ballots
// are checked in the caller's order and the first bad one is reported; a
// million-ballot election with one bad ballot gets one error, not a million.
var (
	// ErrNoOptions means a count was asked for with no options (n < 1), or
	// a caller that needs a real choice (a group's proposal) was given
	// fewer than two: there is nothing to decide between.
	ErrNoOptions = errors.New("count: no options")
	// ErrTooManyOptions means a count was asked for with more than
	// [MaxOptions] options.
	ErrTooManyOptions = errors.New("count: too many options")
	// ErrOptionOutOfRange means a ballot (or the tie-break priority list)
	// named an option that does not exist: options are numbered 0..n-1.
	ErrOptionOutOfRange = errors.New("count: option out of range")
	// ErrDuplicateOption means a ballot ranked or approved the same option
	// twice (or the tie-break priority list named it twice).
	ErrDuplicateOption = errors.New("count: option listed twice")
	// ErrFraction means a fraction outside the range its use allows: (1/2,
	// 1] for a supermajority, (0, 1] for a quorum, or a denominator that is
	// not positive.
	ErrFraction = errors.New("count: fraction out of range")
	// ErrUnknownVote means a vote, stance or response value that the rule
	// does not define (such as the zero value).
	ErrUnknownVote = errors.New("count: unknown vote value")
	// ErrEligible means a negative number of eligible voters, or more
	// votes than eligible voters.
	ErrEligible = errors.New("count: invalid number of eligible voters")
	// ErrSeats means a multi-winner count for fewer than one seat or for
	// more seats than options.
	ErrSeats = errors.New("count: invalid number of seats")
	// ErrSTVMethod means an [Options.STV] that names no [STVMethod].
	ErrSTVMethod = errors.New("count: unknown STV method")
)

// MaxOptions is the largest number of options a count accepts. Memory grows
// with the number of options (as n² for [Schulze]), never with the number of
// ballots; the limit keeps a mistaken n from asking for gigabytes. Real
// elections and group decisions have far fewer options.
const MaxOptions = 1024

// PriorityList is the ballot index a [*BallotError] carries when the
// offending list is the declared tie-break priority ([Options.Priority]),
// not a ballot.
const PriorityList = -1

// LoneBallot is the ballot index a [*BallotError] or [*VoteError] carries
// when the ballot was checked on its own, not as part of a list: a ballot
// cast in a group's proposal, say.
const LoneBallot = -2

// BallotError reports an option out of range, or listed twice, in a ballot
// or in the tie-break priority list. It unwraps to [ErrOptionOutOfRange] or
// [ErrDuplicateOption].
type BallotError struct {
	// Ballot is the index of the ballot in the caller's slice, or
	// [PriorityList], or [LoneBallot].
	Ballot int
	// Position is the index, within the list, of the offending option (of
	// its second listing, for a duplicate).
	Position int
	// Option is the offending option.
	Option int
	// N is the number of options, so valid options are 0..N-1.
	N int
	// First is the position of the first listing of a duplicate, or -1.
	First int
	// Err is [ErrOptionOutOfRange] or [ErrDuplicateOption].
	Err error
}

func (e *BallotError) Error() string {
	if e.Err == ErrDuplicateOption {
		return fmt.Sprintf("count: option %d listed twice in %s, at positions %d and %d",
			e.Option, where(e.Ballot), e.First, e.Position)
	}
	return fmt.Sprintf("count: option %d out of range 0..%d in %s at position %d",
		e.Option, e.N-1, where(e.Ballot), e.Position)
}

// Unwrap returns the sentinel.
func (e *BallotError) Unwrap() error { return e.Err }

// RangeError reports a number outside the range a count accepts: the
// number of options, of seats, or of eligible voters. It unwraps to
// [ErrNoOptions], [ErrTooManyOptions], [ErrSeats] or [ErrEligible].
type RangeError struct {
	// What names the number: "options", "seats" or "eligible voters".
	What string
	// Value is the number given.
	Value int
	// Min and Max bound the accepted values, both included; Max is
	// [math.MaxInt] when there is no upper bound.
	Min, Max int
	// Err is the sentinel.
	Err error
}

func (e *RangeError) Error() string {
	if e.Max == math.MaxInt {
		return fmt.Sprintf("count: %d %s, want at least %d", e.Value, e.What, e.Min)
	}
	return fmt.Sprintf("count: %d %s, want %d..%d", e.Value, e.What, e.Min, e.Max)
}

// Unwrap returns the sentinel.
func (e *RangeError) Unwrap() error { return e.Err }

// FractionError reports a fraction outside the range its use allows: (1/2,
// 1] for a supermajority, (0, 1] for a quorum. It unwraps to [ErrFraction].
type FractionError struct {
	Fraction Fraction
	Use      string // "supermajority" or "quorum"
}

func (e *FractionError) Error() string {
	if e.Use == "quorum" {
		return fmt.Sprintf("count: quorum fraction %s outside (0, 1]", e.Fraction)
	}
	return fmt.Sprintf("count: %s fraction %s outside (1/2, 1]", e.Use, e.Fraction)
}

// Unwrap returns [ErrFraction].
func (e *FractionError) Unwrap() error { return ErrFraction }

// VoteError reports a vote, stance or response value that the rule does not
// define. It unwraps to [ErrUnknownVote].
type VoteError struct {
	Kind  string // "vote", "stance" or "response"
	Index int    // index of the value in the caller's slice, or [LoneBallot]
	Value uint8  // the offending value
}

func (e *VoteError) Error() string {
	return fmt.Sprintf("count: unknown %s value %d in %s", e.Kind, e.Value, where(e.Index))
}

// Unwrap returns [ErrUnknownVote].
func (e *VoteError) Unwrap() error { return ErrUnknownVote }

func where(ballot int) string {
	switch ballot {
	case PriorityList:
		return "the tie-break priority list"
	case LoneBallot:
		return "the ballot"
	}
	return fmt.Sprintf("ballot %d", ballot)
}

// CheckOptions returns a [*RangeError] unless n is in min..[MaxOptions]. A
// count needs at least one option; a group choosing between options needs
// two.
func CheckOptions(n, min int) error {
	if n < min || n > MaxOptions {
		err := ErrNoOptions
		if n > MaxOptions {
			err = ErrTooManyOptions
		}
		return &RangeError{What: "options", Value: n, Min: min, Max: MaxOptions, Err: err}
	}
	return nil
}

// checkN reports whether n is a usable number of options.
func checkN(n int) error { return CheckOptions(n, 1) }

// CheckBallot returns a [*BallotError] for the first option of a ranked or
// approval ballot outside 0..n-1 or listed twice, naming the ballot by
// index (which may be [PriorityList] or [LoneBallot]); nil for a valid
// ballot.
func CheckBallot(index int, ballot []int, n int) error {
	return newChecker(n).check(index, ballot)
}
