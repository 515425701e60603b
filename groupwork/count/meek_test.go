package count

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// meekRound is what a published Meek count gives for one round: the
// quota, the total surplus, the exhausted value, and per option its votes
// and keep value, as decimal text. The reference prints a round that
// elects someone with the surplus from before the election: such rounds
// have surplus "", not compared.
type meekRound struct {
	number            int
	quota, surplus, x string
	votes, keep       []string
}

func values(t *testing.T, texts []string) []Value {
	t.Helper()
	out := make([]Value, len(texts))
	for i, s := range texts {
		v, err := ParseValue(s)
		require.NoError(t, err)
		out[i] = v
	}
	return out
}

func value(t *testing.T, s string) Value { return values(t, []string{s})[0] }

// checkMeekRounds compares each round of r with the published one.
func checkMeekRounds(t *testing.T, r STVResult, want []meekRound) {
	t.Helper()
	require.Len(t, r.Rounds, len(want))
	for i, w := range want {
		got := r.Rounds[i]
		assert.Equal(t, value(t, w.quota), got.Quota, "round %d (published %d): quota", i+1, w.number)
		if w.surplus != "" {
			assert.Equal(t, value(t, w.surplus), got.Surplus, "round %d (published %d): surplus", i+1, w.number)
		}
		assert.Equal(t, value(t, w.x), got.Exhausted, "round %d (published %d): exhausted", i+1, w.number)
		assert.Equal(t, values(t, w.votes), got.Totals, "round %d (published %d): votes", i+1, w.number)
		assert.Equal(t, values(t, w.keep), got.KeepValues, "round %d (published %d): keep values", i+1, w.number)
		assert.Equal(t, Value(r.Ballots-r.Blank)*Unit, sumOf(got.Totals)+got.Exhausted, "round %d: no value lost", i+1)
		assert.Zero(t, got.Lost)
	}
}

var meek = &Options{STV: MeekSTV}

// TestMeekGPUS2005 counts the election of the Green Party of the United
// States' steering committee of 24 July 2005 (94 ballots, 13 candidates,
// 4 seats), whose ballots the Droop STV package (public repository
// jklundell/droop, test/blt/SC.blt) publishes with its count by the
// Reference Meek Rule (test/ref/dump/SC-meek-prf-o6-fixed-p9-d9.txt).
// Every published figure of every round agrees to the ninth decimal place.
// The ballots stay outside the module, as the Glasgow wards do.
// The reference defeats the four candidates with no votes one per round,
// by lot; this count excludes them together in round 2 (they cannot
// change the result, and the published figures of the three rounds that
// follow are those of round 2 again), so its round 3 is the published
// round 6.
func TestMeekGPUS2005(t *testing.T) {
	dir := os.Getenv("HELPING_DROOP_BLT")
	if dir == "" {
		t.Skip("the ballots are not part of this module: set HELPING_DROOP_BLT to the test/blt folder of the Droop STV package (jklundell/droop) to check Meek's method against its published count of SC.blt")
	}
	e := readBLTFile(t, filepath.Join(dir, "SC.blt"))
	r, err := STV(e.n, e.seats, e.ballots, meek)
	require.NoError(t, err)
	t.Log(r.Report(e.names))
	assert.Equal(t, MeekSTV, r.Method)
	assert.Equal(t, Chosen, r.Resolution)
	// Rebecca Rotzler, Pat LaMarche, Steve Kramer, Kristen Olsen.
	assert.Equal(t, []int{6, 3, 12, 7}, r.Elected)
	checkMeekRounds(t, r, []meekRound{
		{1, "18.800000001", "", "0",
			[]string{"6", "3", "8", "22", "2", "0", "33", "1", "1", "0", "0", "0", "18"},
			[]string{"1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"}},
		{2, "18.800000001", "0.000000906", "0",
			[]string{"8.006073598", "3.232685848", "9.408174589", "18.800000609", "2.759954125", "0", "18.800000299", "13.000470959", "1.435843893", "0", "0", "0", "18.55679608"},
			[]string{"1", "1", "1", "0.837944884", "1", "1", "0.564156107", "1", "1", "1", "1", "1", "1"}},
		{6, "18.800000001", "0.000000906", "0",
			[]string{"8.006073598", "3.232685848", "9.408174589", "18.800000609", "2.759954125", "0", "18.800000299", "13.000470959", "1.435843893", "0", "0", "0", "18.55679608"},
			[]string{"1", "1", "1", "0.837944884", "1", "0", "0.564156107", "1", "1", "0", "0", "0", "1"}},
		{7, "18.800000001", "0.000000906", "0",
			[]string{"8.006073598", "3.232685848", "9.408174589", "18.800000609", "2.759954125", "0", "18.800000299", "14.436314852", "0", "0", "0", "0", "18.55679608"},
			[]string{"1", "1", "1", "0.837944884", "1", "0", "0.564156107", "1", "0", "0", "0", "0", "1"}},
		{8, "18.800000001", "", "0",
			[]string{"9.006073598", "3.394740964", "9.408174589", "19.16521377", "0", "0", "18.800000299", "14.506945584", "0", "0", "0", "0", "19.718851196"},
			[]string{"1", "1", "1", "0.837944884", "0", "0", "0.564156107", "1", "0", "0", "0", "0", "1"}},
		{9, "18.799133306", "0.000000455", "0.004333472",
			[]string{"9.42738145", "3.730149807", "9.774255128", "18.79913346", "0", "0", "18.799133416", "14.66647977", "0", "0", "0", "0", "18.799133497"},
			[]string{"1", "1", "1", "0.811568586", "0", "0", "0.56027386", "1", "0", "0", "0", "0", "0.947700149"}},
		{10, "18.789719295", "0.000000435", "0.051403528",
			[]string{"10.204118384", "0", "11.49864423", "18.789719457", "0", "0", "18.789719396", "15.876675538", "0", "0", "0", "0", "18.789719467"},
			[]string{"1", "0", "1", "0.761294327", "0", "0", "0.537679426", "1", "0", "0", "0", "0", "0.909783757"}},
		{11, "18.586296861", "2.104084073", "1.0685157",
			[]string{"0", "0", "16.482212783", "19.087429756", "0", "0", "19.073682122", "19.085721549", "0", "0", "0", "0", "19.20243809"},
			[]string{"0", "0", "1", "0.602321356", "0", "0", "0.491875685", "1", "0", "0", "0", "0", "0.667516215"}},
	})
	from := make([][]int, len(r.Rounds))
	for i, round := range r.Rounds {
		from[i] = round.From
	}
	assert.Equal(t, [][]int{{6, 3}, {5, 9, 10, 11}, {8}, {4}, {12}, {1}, {0}, nil}, from)
	assert.Equal(t, &TieBreak{Tied: []int{5, 9, 10, 11}, Method: TieTogether, Chosen: []int{5, 9, 10, 11}}, r.Rounds[1].TieBreak)
	assert.Equal(t, value(t, "18.586296861"), r.Quota)
}

// TestMeekCastorPollux is the Droop package's example 513 (test/blt/513.blt:
// 5 ballots Castor then Pollux, 1 Pollux, 3 Helen; 2 seats) with its
// published count by the Reference Meek Rule
// (test/ref/dump/513-meek-prf-o6-fixed-p9-d9.txt): Castor is elected on
// first choices, keeps 0.600000001 of each vote, and Pollux, 0.000000005
// short of Helen and further than the surplus of 0.000000004, is excluded.
// The reference then elects Helen as the last hopeful; this count first
// distributes again, and Helen reaches the quota.
func TestMeekCastorPollux(t *testing.T) {
	var ballots [][]int
	for range 5 {
		ballots = append(ballots, []int{0, 1})
	}
	ballots = append(ballots, []int{1})
	for range 3 {
		ballots = append(ballots, []int{2})
	}
	r, err := STV(3, 2, ballots, meek)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 2}, r.Elected)
	checkMeekRounds(t, r, []meekRound{
		{1, "3.000000001", "", "0", []string{"5", "1", "3"}, []string{"1", "1", "1"}},
		{2, "3.000000001", "0.000000004", "0", []string{"3.000000005", "2.999999995", "3"}, []string{"0.600000001", "1", "1"}},
		// Not in the reference: the distribution after Pollux's exclusion.
		{3, "2.000000002", "2.000000001", "2.999999995", []string{"3.000000005", "0", "3"}, []string{"0.600000001", "0", "1"}},
	})
	assert.Equal(t, []int{2}, r.Rounds[2].Elected)
	assert.Equal(t, []int{1}, r.Rounds[1].From)
	assert.Equal(t, Exclude, r.Rounds[1].Action)
}

// BenchmarkTallySTVMeek counts the benchmarks' random ballots by Meek's
// method, for comparison with BenchmarkTallySTV (the Scottish rules).
func BenchmarkTallySTVMeek(b *testing.B) {
	benchRule(b, func(ballots [][]int) error {
		_, err := STV(benchOptions, 3, ballots, meek)
		return err
	})
}

func init() {
	// Meek's method keeps nothing per ballot either: the memory tests of
	// bench_test.go check it with the other rules.
	counts = append(counts, struct {
		name      string
		count     func(ballots [][]int) error
		perBallot uint64
	}{"stv meek", func(b [][]int) error { _, err := STV(benchOptions, 3, b, meek); return err }, 0})
}
