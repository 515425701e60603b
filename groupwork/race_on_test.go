//go:build race

package groupwork

// raceEnabled reports whether the tests run under the race detector, which
// makes each operation several times slower. The long property tests then
// run fewer iterations of the same checks (see [TestRandomWalksReplay]); a
// plain go test runs them in full.
const raceEnabled = true
