//go:build !race

package journal

// raceEnabled says the race detector is on. It makes the fault loops, which
// run in one goroutine and so give it nothing to find, many times slower:
// they run fewer trials then.
const raceEnabled = false
