package count

import (
	"iter"

	"github.com/helpingwork/helping/internal/enum"
)

// Resolution is how a count, or a group's proposal, came out. A yes/no
// question (a motion, a consensus round, a consent round) is [Passed] or
// [Failed]; a choice among options ends with options [Chosen], [Tied] or
// with [NoPreference]; and a proposal whose quorum was not reached decides
// nothing at all ([NoQuorum]), whatever its ballots say. The counts of this
// package never return NoQuorum themselves: a quorum is measured by whoever
// knows who may vote (package groupwork, for a group).
//
// The zero Resolution is unspecified and never valid. The constants are
// never reordered; their text forms are stable.
type Resolution uint8

// The resolutions.
const (
	// Passed: the motion carried, consensus was reached, or no objection
	// stood against consent.
	Passed Resolution = iota + 1
	// Failed: the motion lost, consensus was not reached, or an objection
	// stood.
	Failed
	// Chosen: the rule chose its winner (or, for [STV], all its winners).
	Chosen
	// Tied: the declared tie-break policy could not separate the options
	// the result lists as tied, and the group settles the tie by a means it
	// declares: a new vote, or a lot drawn now and minuted. The count never
	// breaks a tie by chance itself.
	Tied
	// NoPreference: no ballot expressed any preference among the options
	// (there were none, or only blank ones), so there is nothing to choose
	// by.
	NoPreference
	// NoQuorum: too few eligible voters took part in a proposal for the
	// group to decide; the count is still shown, for the record.
	NoQuorum
)

var resolutions = enum.New[Resolution]("resolution", "unspecified",
	"passed", "failed", "chosen", "tied", "no-preference", "no-quorum")

// Resolutions yields every valid resolution in order.
func Resolutions() iter.Seq[Resolution] { return resolutions.Values() }

// ParseResolution returns the resolution named s, such as "no-quorum".
// Unknown text is a [*relationship.TextError] wrapping
// [relationship.ErrUnknownText].
func ParseResolution(s string) (Resolution, error) { return resolutions.ParseText(s) }

// IsValid reports whether r is one of the named resolutions.
func (r Resolution) IsValid() bool { return resolutions.Valid(r) }

// Decided reports whether the group decided something: a motion passed or
// failed, or options were chosen.
func (r Resolution) Decided() bool { return r == Passed || r == Failed || r == Chosen }

// String returns the resolution's name, such as "chosen".
func (r Resolution) String() string { return resolutions.String(r) }

// MarshalText returns the resolution's name. An invalid resolution is an
// error.
func (r Resolution) MarshalText() ([]byte, error) { return resolutions.Text(r) }

// UnmarshalText sets r to the resolution named by b. On error r is
// unchanged.
func (r *Resolution) UnmarshalText(b []byte) error { return resolutions.Unmarshal(b, r) }

func passedOrFailed(passed bool) Resolution {
	if passed {
		return Passed
	}
	return Failed
}
