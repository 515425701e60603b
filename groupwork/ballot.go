package groupwork

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/helpingwork/helping/groupwork/count"
)

// Ballot is what one member casts in a [Proposal]. Which field it fills
// depends on the proposal's [Rule]; the others stay zero:
//
//   - the motion rules take a [count.Vote]: Ballot{Vote: count.Yes};
//   - consensus takes a [count.Stance]: Ballot{Stance: count.StandAside};
//   - consent takes a [count.Response]: Ballot{Response: count.Objects};
//   - the choice rules take Options, numbers of the proposal's options:
//     most preferred first for plurality, instant runoff, Schulze and STV
//     (Ballot{Options: []int{2, 0}} ranks option 2 first, then option 0,
//     and leaves the others unranked), or the options approved, in any
//     order, for approval. No option may be listed twice. An empty list
//     is a blank ballot: the member takes part and expresses no
//     preference.
//
// A Ballot is a plain value; the group keeps its own copy of the options.
type Ballot struct {
	Vote     count.Vote     `json:"vote,omitempty"`
	Stance   count.Stance   `json:"stance,omitempty"`
	Response count.Response `json:"response,omitempty"`
	Options  []int          `json:"options,omitempty"`
}

// String returns the ballot's content, such as "yes", "block" or "[2 0]".
func (b Ballot) String() string {
	switch {
	case b.Vote != 0:
		return b.Vote.String()
	case b.Stance != 0:
		return b.Stance.String()
	case b.Response != 0:
		return b.Response.String()
	}
	parts := make([]string, len(b.Options))
	for i, o := range b.Options {
		parts[i] = strconv.Itoa(o)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// clone returns a copy that shares nothing with b, with an empty list of
// options as nil, so that a ballot read back from JSON equals the one
// written.
func (b Ballot) clone() Ballot {
	b.Options = clip(b.Options)
	return b
}

// normal returns the ballot as the group stores it: cloned, and for
// approval, its options in ascending order, since their order means
// nothing.
func (b Ballot) normal(r Rule) Ballot {
	b = b.clone()
	if r.kind() == kindApproval {
		slices.Sort(b.Options)
	}
	return b
}

// check returns an error unless the ballot fits the rule and names only
// options 0..n-1, each once. index is where the ballot stands in its list,
// or [count.LoneBallot].
func (b Ballot) check(r Rule, n, index int) error {
	k := r.kind()
	lists := k == kindRanking || k == kindApproval
	switch {
	case k != kindVote && b.Vote != 0, k != kindStance && b.Stance != 0,
		k != kindResponse && b.Response != 0, !lists && len(b.Options) > 0:
		return &BallotError{Rule: r, Ballot: index, Err: ErrWrongBallot}
	}
	switch k {
	case kindVote:
		return checkValue(b.Vote.IsValid(), b.Vote == 0, "vote", uint8(b.Vote), r, index)
	case kindStance:
		return checkValue(b.Stance.IsValid(), b.Stance == 0, "stance", uint8(b.Stance), r, index)
	case kindResponse:
		return checkValue(b.Response.IsValid(), b.Response == 0, "response", uint8(b.Response), r, index)
	}
	return checkList(index, b.Options, n)
}

// checkValue returns the error for a missing or unknown value.
func checkValue(valid, missing bool, kind string, v uint8, r Rule, index int) error {
	switch {
	case valid:
		return nil
	case missing:
		return &BallotError{Rule: r, Ballot: index, Err: ErrWrongBallot}
	}
	return &count.VoteError{Kind: kind, Index: index, Value: v}
}

// checkList returns a [*count.BallotError] for the first option of list
// outside 0..n-1 or listed twice. index names the list in the error.
func checkList(index int, list []int, n int) error { return count.CheckBallot(index, list, n) }

// compareBallots orders ballots canonically: by vote, stance and response,
// then by their options, element by element, a shorter list first where
// one is a prefix of the other. The anonymised ballots of a secret vote are
// recorded in this order, which says nothing about who cast them or when.
func compareBallots(a, b Ballot) int {
	return cmp.Or(
		cmp.Compare(a.Vote, b.Vote),
		cmp.Compare(a.Stance, b.Stance),
		cmp.Compare(a.Response, b.Response),
		slices.Compare(a.Options, b.Options),
	)
}
