package tally

import (
	"errors"
	"fmt"
)

// Sentinel errors. Callers branch on them with [errors.Is]; the typed errors
// below wrap them and carry the offending values for [errors.As].
//
// Every function of the package validates all of its input before it counts
// anything: on error it returns the zero result and nothing partial. Ballots
// are checked in the caller's order and the first bad one is reported; a
// million-ballot election with one bad ballot gets one error, not a million.
var (
	// ErrNoOptions means a count was asked for with no options (n < 1): there
	// is nothing to decide between.
	ErrNoOptions = errors.New("tally: no options")
	// ErrTooManyOptions means a count was asked for with more than
	// [MaxOptions] options.
	ErrTooManyOptions = errors.New("tally: too many options")
	// ErrOptionOutOfRange means a ballot (or the tie-break priority list)
	// named an option that does not exist: options are numbered 0..n-1.
	ErrOptionOutOfRange = errors.New("tally: option out of range")
	// ErrDuplicateOption means a ballot ranked or approved the same option
	// twice (or the tie-break priority list named it twice).
	ErrDuplicateOption = errors.New("tally: option listed twice")
	// ErrFraction means a supermajority fraction outside (1/2, 1], or one
	// with a denominator that is not positive.
	ErrFraction = errors.New("tally: fraction outside (1/2, 1]")
	// ErrUnknownVote means a vote, stance or response value that the rule
	// does not define (such as the zero value).
	ErrUnknownVote = errors.New("tally: unknown vote value")
	// ErrEligible means a negative number of eligible voters, or more
	// votes than eligible voters.
	ErrEligible = errors.New("tally: invalid number of eligible voters")
	// ErrSeats means a multi-winner count for fewer than one seat or for
	// more seats than options.
	ErrSeats = errors.New("tally: invalid number of seats")
)

// MaxOptions is the largest number of options a count accepts. Memory grows
// with the number of options (as n² for [Schulze]), never with the number of
// ballots; the limit keeps a mistaken n from asking for gigabytes. Real
// elections and group decisions have far fewer options.
const MaxOptions = 1024

// OptionCountError reports a number of options outside 1..[MaxOptions]. It
// unwraps to [ErrNoOptions] or [ErrTooManyOptions].
type OptionCountError struct {
	N int // the number of options given
}

func (e *OptionCountError) Error() string {
	if e.N < 1 {
		return fmt.Sprintf("tally: no options: n = %d, need at least 1", e.N)
	}
	return fmt.Sprintf("tally: too many options: n = %d, at most %d", e.N, MaxOptions)
}

// Unwrap returns [ErrNoOptions] or [ErrTooManyOptions].
func (e *OptionCountError) Unwrap() error {
	if e.N < 1 {
		return ErrNoOptions
	}
	return ErrTooManyOptions
}

// OptionError reports an option number outside 0..N-1. It unwraps to
// [ErrOptionOutOfRange].
type OptionError struct {
	Ballot   int // index of the ballot in the caller's slice; -1 for the tie-break priority list
	Position int // index of the option within the ballot (or within the priority list)
	Option   int // the offending option number
	N        int // the number of options, so valid options are 0..N-1
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("tally: option %d out of range 0..%d in %s at position %d",
		e.Option, e.N-1, where(e.Ballot), e.Position)
}

// Unwrap returns [ErrOptionOutOfRange].
func (e *OptionError) Unwrap() error { return ErrOptionOutOfRange }

// DuplicateError reports an option listed twice on one ballot (or in the
// tie-break priority list). It unwraps to [ErrDuplicateOption].
type DuplicateError struct {
	Ballot int // index of the ballot in the caller's slice; -1 for the tie-break priority list
	Option int // the option listed twice
	First  int // position of its first listing
	Second int // position of its second listing
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("tally: option %d listed twice in %s, at positions %d and %d",
		e.Option, where(e.Ballot), e.First, e.Second)
}

// Unwrap returns [ErrDuplicateOption].
func (e *DuplicateError) Unwrap() error { return ErrDuplicateOption }

// FractionError reports a supermajority fraction that is not in (1/2, 1]. It
// unwraps to [ErrFraction].
type FractionError struct {
	Num, Den int
}

func (e *FractionError) Error() string {
	return fmt.Sprintf("tally: fraction %d/%d outside (1/2, 1]", e.Num, e.Den)
}

// Unwrap returns [ErrFraction].
func (e *FractionError) Unwrap() error { return ErrFraction }

// VoteError reports a vote, stance or response value that the rule does not
// define. It unwraps to [ErrUnknownVote].
type VoteError struct {
	Kind  string // "vote", "stance" or "response"
	Index int    // index of the value in the caller's slice
	Value uint8  // the offending value
}

func (e *VoteError) Error() string {
	return fmt.Sprintf("tally: unknown %s value %d at index %d", e.Kind, e.Value, e.Index)
}

// Unwrap returns [ErrUnknownVote].
func (e *VoteError) Unwrap() error { return ErrUnknownVote }

// EligibleError reports a number of eligible voters that is negative or
// smaller than the number of votes given. It unwraps to [ErrEligible].
type EligibleError struct {
	Eligible int // the number of eligible voters given
	Votes    int // the number of votes given
}

func (e *EligibleError) Error() string {
	return fmt.Sprintf("tally: %d eligible voters cannot cast %d votes", e.Eligible, e.Votes)
}

// Unwrap returns [ErrEligible].
func (e *EligibleError) Unwrap() error { return ErrEligible }

// SeatsError reports a number of seats outside 1..N. It unwraps to
// [ErrSeats].
type SeatsError struct {
	Seats int // the number of seats asked for
	N     int // the number of options
}

func (e *SeatsError) Error() string {
	return fmt.Sprintf("tally: %d seats out of range 1..%d", e.Seats, e.N)
}

// Unwrap returns [ErrSeats].
func (e *SeatsError) Unwrap() error { return ErrSeats }

func where(ballot int) string {
	if ballot < 0 {
		return "tie-break priority"
	}
	return fmt.Sprintf("ballot %d", ballot)
}

// checkN reports whether n is a usable number of options.
func checkN(n int) error {
	if n < 1 || n > MaxOptions {
		return &OptionCountError{N: n}
	}
	return nil
}
