//go:build race

package strictjson_test

// raceEnabled says the race detector is on: it changes what allocates
// (sync.Pool drops items at random), so allocation counts are not checked.
const raceEnabled = true
