package groupwork

import (
	"iter"

	"github.com/helpingwork/helping/internal/enum"
)

// Rule is the democratic rule a [Proposal] is decided by, declared when it
// is raised, before anyone knows how the vote will go. Each rule is also a
// pure function of this package, which the proposal calls when it closes:
// the rule's constant names the function.
//
// Three rules put a yes/no motion: [RuleSimpleMajority],
// [RuleAbsoluteMajority] and [RuleSupermajority]; each ballot is a [count.Vote].
// Two look for a proposal everyone can live with: [RuleConsensus] (each
// ballot a [count.Stance]) and [RuleConsent] (each a [count.Response]). Five choose
// among named options: [RulePlurality], [RuleApproval],
// [RuleInstantRunoff], [RuleSchulze] and [RuleSTV]; each ballot lists
// options by number.
//
// The zero Rule is unspecified and never valid. The constants are never
// reordered; their text forms are stable.
type Rule uint8

// The rules.
const (
	// RuleSimpleMajority passes a motion with more yes than no votes
	// ([count.SimpleMajority]).
	RuleSimpleMajority Rule = iota + 1
	// RuleAbsoluteMajority passes a motion with yes votes from more than
	// half of all eligible voters ([count.AbsoluteMajority]).
	RuleAbsoluteMajority
	// RuleSupermajority passes a motion with yes votes from at least a
	// declared fraction of the votes cast ([count.Supermajority]).
	RuleSupermajority
	// RuleConsensus passes a proposal nobody blocks and more agree with
	// than disagree with ([count.Consensus]).
	RuleConsensus
	// RuleConsent passes a proposal to which no objection stands
	// ([count.Consent]).
	RuleConsent
	// RulePlurality chooses the option with the most first preferences
	// ([count.Plurality]).
	RulePlurality
	// RuleApproval chooses the option the most members approve
	// ([count.Approval]).
	RuleApproval
	// RuleInstantRunoff chooses by eliminating the weakest option until one
	// holds a majority of the ballots still counting ([count.InstantRunoff]).
	RuleInstantRunoff
	// RuleSchulze chooses the option preferred, one to one, over every
	// other, resolving cycles by strongest paths ([count.Schulze]).
	RuleSchulze
	// RuleSTV chooses a declared number of options in proportion to the
	// group's preferences ([count.STV]).
	RuleSTV
)

var rules = enum.New[Rule]("rule", "unspecified",
	"simple-majority", "absolute-majority", "supermajority", "consensus", "consent",
	"plurality", "approval", "instant-runoff", "schulze", "stv")

// Rules yields every valid rule in order.
func Rules() iter.Seq[Rule] { return rules.Values() }

// ParseRule returns the rule named s, such as "instant-runoff". Unknown
// text is a [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseRule(s string) (Rule, error) { return rules.ParseText(s) }

// IsValid reports whether r is one of the named rules.
func (r Rule) IsValid() bool { return rules.Valid(r) }

// String returns the rule's name, such as "schulze".
func (r Rule) String() string { return rules.String(r) }

// MarshalText returns the rule's name. An invalid rule is an error.
func (r Rule) MarshalText() ([]byte, error) { return rules.Text(r) }

// UnmarshalText sets r to the rule named by b. On error r is unchanged.
func (r *Rule) UnmarshalText(b []byte) error { return rules.Unmarshal(b, r) }

// ChoosesOptions reports whether the rule chooses among named options (so
// that its ballots list options by number), rather than putting one
// question to the group.
func (r Rule) ChoosesOptions() bool { return r >= RulePlurality && r.IsValid() }

// ballotKind is what a ballot under a rule must carry.
type ballotKind uint8

const (
	kindVote     ballotKind = iota + 1 // a Vote
	kindStance                         // a Stance
	kindResponse                       // a Response
	kindRanking                        // options, most preferred first
	kindApproval                       // options approved, in any order
)

// kind returns what the rule's ballots carry.
func (r Rule) kind() ballotKind {
	switch r {
	case RuleSimpleMajority, RuleAbsoluteMajority, RuleSupermajority:
		return kindVote
	case RuleConsensus:
		return kindStance
	case RuleConsent:
		return kindResponse
	case RuleApproval:
		return kindApproval
	}
	return kindRanking
}

// wants describes what a ballot under the rule carries, for messages.
func (k ballotKind) wants() string {
	switch k {
	case kindVote:
		return "a vote (yes, no or abstain)"
	case kindStance:
		return "a stance (agree, stand aside, disagree or block)"
	case kindResponse:
		return "a response (consents, objects, resolved or withdrawn)"
	case kindApproval:
		return "the options approved"
	}
	return "the options ranked, most preferred first"
}
