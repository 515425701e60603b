package tally

import "github.com/helpingwork/helping/internal/tally/tallytest"

// Shared fixtures of the tests, from tallytest.
const (
	memphis     = tallytest.Memphis
	nashville   = tallytest.Nashville
	chattanooga = tallytest.Chattanooga
	knoxville   = tallytest.Knoxville
)

var (
	tennesseeNames = tallytest.Cities
	tennessee      = tallytest.Tennessee
	repeat         = tallytest.Repeat
	concat         = tallytest.Concat
	deepCopy       = tallytest.DeepCopy
)

// v builds a Value from whole votes and billionths.
func v(whole int64, nano int64) Value { return Value(whole)*Unit + Value(nano) }
