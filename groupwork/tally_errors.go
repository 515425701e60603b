package groupwork

import (
	"errors"
	"fmt"

	"github.com/helpingwork/helping/internal/tally"
)

// Sentinel errors of counting. The tally functions ([Plurality],
// [InstantRunoff], [Supermajority], ...) and the votes of a [Proposal]
// return typed errors that wrap them; branch on them with [errors.Is].
// Every count checks all of its input before it counts anything, and on
// error returns the zero result: nothing partial, and never a panic.
var (
	// ErrNoOptions means a count or a proposal with no options (fewer than
	// one for a count, fewer than two for a proposal's choice): there is
	// nothing to decide between.
	ErrNoOptions = errors.New("groupwork: no options")
	// ErrTooManyOptions means more options than [MaxOptions].
	ErrTooManyOptions = errors.New("groupwork: too many options")
	// ErrOptionOutOfRange means a ballot, or a tie-break priority list,
	// named an option that does not exist: options are numbered 0..n-1.
	ErrOptionOutOfRange = errors.New("groupwork: option out of range")
	// ErrDuplicateOption means a ballot ranked or approved one option twice
	// (or a priority list named it twice).
	ErrDuplicateOption = errors.New("groupwork: option listed twice")
	// ErrFraction means a supermajority fraction outside (1/2, 1], or a
	// quorum fraction outside (0, 1], or one whose denominator is not
	// positive.
	ErrFraction = errors.New("groupwork: fraction out of range")
	// ErrUnknownVote means a vote, stance or response value that the rule
	// does not define, such as the zero value.
	ErrUnknownVote = errors.New("groupwork: unknown vote value")
	// ErrEligible means a negative number of eligible voters, or fewer
	// eligible voters than votes.
	ErrEligible = errors.New("groupwork: invalid number of eligible voters")
	// ErrSeats means a single transferable vote for fewer than one seat or
	// for more seats than options.
	ErrSeats = errors.New("groupwork: invalid number of seats")
)

// MaxOptions is the most options a count or a proposal accepts. A count's
// memory grows with the number of options (as its square for [Schulze]),
// never with the number of ballots; the limit keeps a mistaken number from
// asking for gigabytes.
const MaxOptions = 1024

// PriorityList is the ballot index a [*BallotError] carries when the
// offending list is the declared tie-break priority, not a ballot.
const PriorityList = -1

// CastBallot is the ballot index a [*BallotError] carries when the
// offending list is a ballot cast in a proposal with [Group.Vote].
const CastBallot = -2

// OptionCountError reports a number of options outside the range a count or
// a proposal accepts. It unwraps to [ErrNoOptions] or [ErrTooManyOptions].
type OptionCountError struct {
	N   int // the number of options given
	Min int // the fewest accepted: 1 for a count, 2 for a proposal's choice
}

func (e *OptionCountError) Error() string {
	if e.N < e.Min {
		return fmt.Sprintf("groupwork: %d options, need at least %d", e.N, e.Min)
	}
	return fmt.Sprintf("groupwork: %d options, at most %d", e.N, MaxOptions)
}

// Unwrap returns [ErrNoOptions] or [ErrTooManyOptions].
func (e *OptionCountError) Unwrap() error {
	if e.N < e.Min {
		return ErrNoOptions
	}
	return ErrTooManyOptions
}

// BallotError reports an option out of range, or listed twice, in a ballot
// or in the tie-break priority list. It unwraps to [ErrOptionOutOfRange] or
// [ErrDuplicateOption].
type BallotError struct {
	// Ballot is the index of the ballot in the caller's slice, or
	// [PriorityList], or [CastBallot].
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
	Err   error // the sentinel
}

func (e *BallotError) Error() string {
	if errors.Is(e.Err, ErrDuplicateOption) {
		return fmt.Sprintf("groupwork: option %d listed twice in %s, at positions %d and %d",
			e.Option, ballotName(e.Ballot), e.First, e.Position)
	}
	return fmt.Sprintf("groupwork: option %d out of range 0..%d in %s at position %d",
		e.Option, e.N-1, ballotName(e.Ballot), e.Position)
}

// Unwrap returns the sentinel.
func (e *BallotError) Unwrap() error { return e.Err }

func ballotName(i int) string {
	switch i {
	case PriorityList:
		return "the tie-break priority list"
	case CastBallot:
		return "the ballot"
	}
	return fmt.Sprintf("ballot %d", i)
}

// FractionError reports a fraction outside the range its use allows: (1/2,
// 1] for a supermajority, (0, 1] for a quorum. It unwraps to [ErrFraction].
type FractionError struct {
	Fraction Fraction
	Use      string // "supermajority" or "quorum"
}

func (e *FractionError) Error() string {
	if e.Use == "quorum" {
		return fmt.Sprintf("groupwork: quorum fraction %s outside (0, 1]", e.Fraction)
	}
	return fmt.Sprintf("groupwork: supermajority fraction %s outside (1/2, 1]", e.Fraction)
}

// Unwrap returns [ErrFraction].
func (e *FractionError) Unwrap() error { return ErrFraction }

// VoteValueError reports a vote, stance or response that the rule does not
// define. It unwraps to [ErrUnknownVote].
type VoteValueError struct {
	Kind  string // "vote", "stance" or "response"
	Index int    // index of the value in the caller's slice
	Value uint8  // the offending value
}

func (e *VoteValueError) Error() string {
	return fmt.Sprintf("groupwork: unknown %s value %d at index %d", e.Kind, e.Value, e.Index)
}

// Unwrap returns [ErrUnknownVote].
func (e *VoteValueError) Unwrap() error { return ErrUnknownVote }

// EligibleError reports a number of eligible voters that is negative or
// smaller than the number of votes. It unwraps to [ErrEligible].
type EligibleError struct {
	Eligible int // the number of eligible voters given
	Votes    int // the number of votes given
}

func (e *EligibleError) Error() string {
	return fmt.Sprintf("groupwork: %d eligible voters cannot cast %d votes", e.Eligible, e.Votes)
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
	return fmt.Sprintf("groupwork: %d seats out of range 1..%d", e.Seats, e.N)
}

// Unwrap returns [ErrSeats].
func (e *SeatsError) Unwrap() error { return ErrSeats }

// fromTallyError turns an error of the counting core into this package's
// typed error. Every error the core returns has a counterpart here. n is
// the number of options counted, or 0 for a motion.
func fromTallyError(err error, n int) error {
	var (
		count *tally.OptionCountError
		opt   *tally.OptionError
		dup   *tally.DuplicateError
		frac  *tally.FractionError
		vote  *tally.VoteError
		elig  *tally.EligibleError
		seats *tally.SeatsError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &count):
		return &OptionCountError{N: count.N, Min: 1}
	case errors.As(err, &opt):
		return &BallotError{Ballot: opt.Ballot, Position: opt.Position, Option: opt.Option, N: opt.N, First: -1, Err: ErrOptionOutOfRange}
	case errors.As(err, &dup):
		return &BallotError{Ballot: dup.Ballot, Position: dup.Second, Option: dup.Option, N: n, First: dup.First, Err: ErrDuplicateOption}
	case errors.As(err, &frac):
		return &FractionError{Fraction: Fraction{frac.Num, frac.Den}, Use: "supermajority"}
	case errors.As(err, &vote):
		return &VoteValueError{Kind: vote.Kind, Index: vote.Index, Value: vote.Value}
	case errors.As(err, &elig):
		return &EligibleError{Eligible: elig.Eligible, Votes: elig.Votes}
	case errors.As(err, &seats):
		return &SeatsError{Seats: seats.Seats, N: seats.N}
	}
	return fmt.Errorf("groupwork: %w", err)
}
