//go:build race

package casework

// raceEnabled reports whether the tests run under the race detector, which
// makes each operation several times slower: the long tests then run
// fewer rounds of the same checks.
const raceEnabled = true
