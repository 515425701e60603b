package count

import "github.com/helpingwork/helping/groupwork/internal/counttest"

// Shared fixtures of the tests, from counttest.
const (
	memphis     = counttest.Memphis
	nashville   = counttest.Nashville
	chattanooga = counttest.Chattanooga
	knoxville   = counttest.Knoxville
)

var (
	tennesseeNames = counttest.Cities
	tennessee      = counttest.Tennessee
	repeat         = counttest.Repeat
	concat         = counttest.Concat
	deepCopy       = counttest.DeepCopy
)

// v builds a Value from whole votes and billionths.
func v(whole int64, nano int64) Value { return Value(whole)*Unit + Value(nano) }
