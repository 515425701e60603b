// Package count counts the votes of a group: exact, fast, and explained.
//
// It is the counting behind the decisions of package groupwork (a
// [github.com/helpingwork/helping/groupwork.Decision] carries the results
// of this package), kept apart from groups, members and proposals so that
// every rule is a pure function over plain ballots that anyone can check
// by hand: an auditor, a member who wants to recount, a program that reads
// another election's ballots. Options are numbered 0..n-1; the caller
// keeps their names.
//
// # Why groups vote in different ways
//
// In the settlement-house tradition of group work, members decide together:
// the group worker facilitates, the members own the decision. But "decide
// together" has many forms, and the form shapes the group. A rule answers
// three questions: whose voice is needed (those present, or every member?),
// how much agreement is enough (more yes than no, two thirds, nobody
// opposed?), and what happens to a minority (outvoted, heard, or given a
// share?). This package offers the rules groups actually use:
//
//   - Motions with yes and no, measured by Robert's Rules of Order: a
//     [SimpleMajority] of the votes cast for everyday business, an
//     [AbsoluteMajority] of all members for decisions that bind everyone, a
//     [Supermajority] (two thirds, three quarters, unanimity) to protect
//     members against hasty change.
//   - [Consensus], where any member can block and the group looks for a
//     proposal everyone can live with: slow, but nobody is left behind, which
//     is why many self-help and activist groups use it.
//   - [Consent], from sociocracy, which asks not "do you agree?" but "is
//     there an objection that stands?": faster than consensus, and it turns
//     objections into improvements.
//   - Choices among several options: [Plurality] (most first choices),
//     [Approval] (most acceptable), [InstantRunoff] (a majority after
//     eliminations), [Schulze] (the option preferred to every other, one to
//     one).
//   - Electing several people: the single transferable vote ([STV]), which
//     gives each sizeable part of the group its share of the seats, counted
//     by the Scottish rules or by Meek's method ([STVMethod]).
//
// The same ballots can give different winners under different rules. In
// the classic Tennessee example (a state choosing its capital among Memphis,
// Nashville, Chattanooga and Knoxville), plurality picks Memphis, instant
// runoff picks Knoxville and Schulze picks Nashville. No rule is neutral; a
// group should choose its rule before it knows the question, and write it
// down.
//
// # Ballots
//
// A ranked ballot is a []int listing options most preferred first. It may
// rank fewer than n options, and an empty ballot is allowed: it abstains
// (plurality, approval), is exhausted from the start (instant runoff), says
// nothing about any pair (Schulze), or is blank and left out of the quota
// (STV). An approval ballot is a []int of approved options in any order.
// Motions, consensus and consent take one value per participant ([Vote],
// [Stance], [Response]).
//
// The functions read the caller's ballots and never modify, copy or keep
// them: a count over a million ballots holds no second copy of them, and
// rules with rounds either rescan the ballots once per round (single
// transferable vote) or, for the instant runoff, merge identical rankings
// once into a small tree that each round counts (or, for very varied
// ballots, sort them into piles of indices, 4 bytes a ballot, and move only
// the piles of the options eliminated).
//
// # Errors
//
// All input is validated before anything is counted, and on error the
// result is the zero value: nothing partial. A few typed errors carry the
// offending values ([BallotError], [RangeError], [FractionError],
// [VoteError]) and wrap sentinels ([ErrNoOptions], [ErrOptionOutOfRange],
// [ErrDuplicateOption], [ErrFraction], ...) for [errors.Is]. Nothing in
// the package panics on input.
//
// # Ties
//
// Ties are never broken at random at count time. The policy, the same for
// every rule and written out at [TieBreak], looks backwards through earlier
// rounds and then at a priority order the group declared before the vote
// ([Options.Priority], for example a lot drawn in public and minuted). When
// that cannot decide, the result says so: its Resolution is [Tied] and it lists
// the tied options, and the group settles the tie by a means it chooses.
//
// # Explanations
//
// Every result carries what is needed to explain it: the counts, each round
// of a runoff or transferable vote with the eliminations and transfers, the
// pairwise and strongest-path matrices of Schulze, the tie-breaks used. The
// Report methods render a result as text with the options' names.
//
// # Results as data
//
// Every result is also data: marshalled with [encoding/json], it carries
// what its Report says, and more, in a stable form that another program
// can check or recount from. Field names are lower case with underscores
// ("tie_break", "to_exhausted"); enumerations are their text forms
// ("chosen", "by-earlier-round", "transfer-surplus"); options are their
// numbers; amounts of the single transferable vote are exact decimal
// strings ("7.99999998", see [Value.MarshalText]); lists that are empty
// are left out. Every round of a runoff or transferable vote is there:
// the counts, the options continuing, the exhausted ballots, the options
// eliminated or excluded, the transfers to each option with their values,
// and each tie with the method that settled it and the round that did.
// Unmarshalled, the JSON gives back a result equal to the one written.
// Names and meanings never change; new fields may be added.
//
// # Ballot files
//
// [ReadBLT] and [WriteBLT] read and write ballots in the BLT format that
// counting programs exchange, so that a group's ballots can be recounted
// elsewhere and another election's ballots counted here.
//
// # Concurrency
//
// The functions keep no state between calls and are safe for concurrent use,
// provided the caller does not modify the ballots during a call.
package count
