package groupwork

import (
	"iter"

	"github.com/helpingwork/helping/internal/enum"
	"github.com/helpingwork/helping/internal/tally"
)

// VoteValue is an amount of votes in fixed point: [VoteUnit] is one whole
// vote, so a VoteValue carries nine decimal places exactly. The single
// transferable vote moves parts of ballots; counting them in scaled
// integers rather than in floating point makes every count exact,
// reproducible on every machine, and easy to check by hand.
type VoteValue int64

// VoteUnit is the VoteValue of one whole ballot.
const VoteUnit VoteValue = 1_000_000_000

// String returns the value in decimal with the trailing zeros of the
// fraction removed: "12", "0.5", "3.333333333".
func (v VoteValue) String() string { return tally.Value(v).String() }

// STVAction is what a single transferable vote count does after a round.
//
// The zero STVAction is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type STVAction uint8

// The actions.
const (
	// STVCountEnds: nothing follows; the count is over (every seat filled,
	// a tie the policy cannot break, or no votes).
	STVCountEnds STVAction = iota + 1
	// STVTransferSurplus: an elected option's votes above the quota pass
	// on to the next choices on its ballots.
	STVTransferSurplus
	// STVExclude: the option(s) with the fewest votes are excluded and
	// their ballots pass on at their current value.
	STVExclude
)

var stvActions = enum.New[STVAction]("stv action", "unspecified", "count-ends", "transfer-surplus", "exclude")

// STVActions yields every valid action in order.
func STVActions() iter.Seq[STVAction] { return stvActions.Values() }

// ParseSTVAction returns the action named s, such as "exclude". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseSTVAction(s string) (STVAction, error) { return stvActions.ParseText(s) }

// IsValid reports whether a is one of the named actions.
func (a STVAction) IsValid() bool { return stvActions.Valid(a) }

// String returns the action's name, such as "transfer-surplus".
func (a STVAction) String() string { return stvActions.String(a) }

// MarshalText returns the action's name. An invalid action is an error.
func (a STVAction) MarshalText() ([]byte, error) { return stvActions.Text(a) }

// UnmarshalText sets a to the action named by b. On error a is unchanged.
func (a *STVAction) UnmarshalText(b []byte) error { return stvActions.Unmarshal(b, a) }

// STVRound is one count (a "stage") of a single transferable vote and what
// was decided on it.
type STVRound struct {
	// Number is the round's number, from 1.
	Number int
	// Totals holds, per option, the value of the ballots it holds. An
	// elected option whose surplus has been transferred keeps exactly the
	// quota; an excluded option holds 0.
	Totals []VoteValue
	// Exhausted is the value of the ballots that rank no continuing option.
	Exhausted VoteValue
	// Lost is the value lost so far by rounding transfers down to the
	// ninth decimal place; it is never negative and stays tiny.
	Lost VoteValue
	// Elected lists the options that reached the quota at this count,
	// highest total first.
	Elected []int
	// Deemed lists the options elected without reaching the quota because
	// only as many options were left as seats to fill, highest total first.
	Deemed []int
	// Action is what follows this count.
	Action STVAction
	// From lists the option whose surplus is transferred, or the option(s)
	// excluded; nil when the count ends.
	From []int
	// Surplus and Total give the transfer fraction of a surplus transfer:
	// every ballot the option holds passes on at Surplus/Total of its value.
	Surplus, Total VoteValue
	// TieBreak records how a tie (for exclusion, or between equal
	// surpluses) was handled, if there was one.
	TieBreak *TieBreak
	// Transfers holds, per option, the change in its total caused by the
	// Action (negative for the option it came from); nil in the last round.
	Transfers []VoteValue
	// ToExhausted and ToLost are the value the Action sent to exhausted
	// ballots and lost to rounding.
	ToExhausted, ToLost VoteValue
}

// STVResult is the full record of a single transferable vote: the quota,
// and every round with its totals, who was elected or excluded, and where
// each surplus and each excluded option's ballots went.
type STVResult struct {
	// Resolution is [Chosen] when every seat was filled, [Tied] when a tie
	// the policy could not break stopped the count, or [NoPreference].
	Resolution Resolution
	// Seats is the number of seats to fill.
	Seats int
	// Elected lists the elected options in the order of their election
	// (all the seats when Resolution is Chosen; those elected before the
	// count stopped when it is Tied).
	Elected []int
	// Tied lists, ascending, the options the tie-break policy could not
	// separate when Resolution is Tied.
	Tied []int
	// Ballots is the number of ballots read; Blank of them ranked nothing
	// and are not counted (they do not enter the quota).
	Ballots, Blank int
	// Quota is the Droop quota: floor(valid ballots / (seats + 1)) + 1, the
	// smallest whole number of votes that no more options than there are
	// seats can all reach.
	Quota VoteValue
	// Rounds records every count, in order.
	Rounds []STVRound
}

// STV elects seats options by the single transferable vote, with the Droop
// quota and the weighted inclusive Gregory method of transferring
// surpluses, as in the Scottish local government rules (The Scottish Local
// Government Elections Order 2007, SSI 2007/42, Schedule 1).
//
// The count, in plain words:
//
//  1. The quota is floor(V/(seats+1)) + 1, where V is the number of
//     non-empty ballots (the Droop quota). Every ballot starts at value 1
//     with its first choice.
//  2. After each count, every continuing option at or above the quota is
//     elected. If the seats are filled, the count ends; if only as many
//     continuing options are left as seats to fill, they are all elected.
//  3. Otherwise, if an elected option holds more than the quota, its
//     surplus is transferred, the largest first: every ballot it holds
//     passes to its next continuing choice at surplus/total of its value.
//     The option keeps the quota.
//  4. Otherwise the continuing option with the fewest votes is excluded,
//     and all its ballots pass on at their current values.
//  5. Ballots skip options that are excluded or already elected. A ballot
//     with no continuing choice left is exhausted.
//
// Values are exact fixed-point numbers with nine decimal places
// ([VoteValue]); each ballot's new value is rounded down, and what rounding
// loses is recorded in [STVRound.Lost], as a hand count records its "loss
// by fractions". Differences from the Scottish rules, declared: nine
// decimal places rather than five, and an excluded option's ballots move in
// one step rather than in parcels by value.
//
// Ties follow the policy of [TieBreak]: options tied at zero votes are
// excluded together when enough options remain for the seats; otherwise the
// most recent earlier round that separates the tied options decides, then
// [CountOptions.Priority]; otherwise the count stops as [Tied].
//
// Why groups use it: when a group elects several people (a committee, the
// delegates to a federation), the single transferable vote gives every
// sizeable part of the group a seat in proportion to its size, instead of
// letting the largest faction take every seat.
//
// The ballots are read once per round and never copied or regrouped, so
// memory does not grow with their number. Errors: those of [Plurality],
// and a [*SeatsError] for seats outside 1..n.
func STV(n, seats int, ballots [][]int, opts *CountOptions) (STVResult, error) {
	r, err := tally.STV(n, seats, ballots, opts.tally())
	if err != nil {
		return STVResult{}, fromTallyError(err, n)
	}
	out := STVResult{Resolution: fromOutcome(r.Outcome), Seats: r.Seats, Elected: r.Elected, Tied: r.Tied,
		Ballots: r.Ballots, Blank: r.Blank, Quota: VoteValue(r.Quota), Rounds: make([]STVRound, len(r.Rounds))}
	for i, x := range r.Rounds {
		out.Rounds[i] = STVRound{
			Number: x.Number, Totals: fromValues(x.Totals), Exhausted: VoteValue(x.Exhausted), Lost: VoteValue(x.Lost),
			Elected: x.Elected, Deemed: x.Deemed, Action: STVAction(x.Action), From: x.From,
			Surplus: VoteValue(x.Surplus), Total: VoteValue(x.Total), TieBreak: fromTieBreak(x.TieBreak),
			Transfers: fromValues(x.Transfers), ToExhausted: VoteValue(x.ToExhausted), ToLost: VoteValue(x.ToLost),
		}
	}
	return out, nil
}

func fromValues(vs []tally.Value) []VoteValue {
	if vs == nil {
		return nil
	}
	out := make([]VoteValue, len(vs))
	for i, v := range vs {
		out[i] = VoteValue(v)
	}
	return out
}

func toValues(vs []VoteValue) []tally.Value {
	if vs == nil {
		return nil
	}
	out := make([]tally.Value, len(vs))
	for i, v := range vs {
		out[i] = tally.Value(v)
	}
	return out
}

func (r STVResult) toTally() tally.STVResult {
	out := tally.STVResult{Outcome: r.Resolution.toOutcome(), Seats: r.Seats, Elected: r.Elected, Tied: r.Tied,
		Ballots: r.Ballots, Blank: r.Blank, Quota: tally.Value(r.Quota), Rounds: make([]tally.STVRound, len(r.Rounds))}
	for i, x := range r.Rounds {
		out.Rounds[i] = tally.STVRound{
			Number: x.Number, Totals: toValues(x.Totals), Exhausted: tally.Value(x.Exhausted), Lost: tally.Value(x.Lost),
			Elected: x.Elected, Deemed: x.Deemed, Action: tally.Action(x.Action), From: x.From,
			Surplus: tally.Value(x.Surplus), Total: tally.Value(x.Total), TieBreak: x.TieBreak.toTally(),
			Transfers: toValues(x.Transfers), ToExhausted: tally.Value(x.ToExhausted), ToLost: tally.Value(x.ToLost),
		}
	}
	return out
}

// Report renders every round of the count as text: the quota, each
// round's totals, who was elected, each surplus transfer or exclusion with
// its transfers, and the elected. names is as for [CountResult.Report].
func (r STVResult) Report(names []string) string { return r.toTally().Report(names) }

// String returns Report(nil).
func (r STVResult) String() string { return r.Report(nil) }
