package groupwork

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/tally"
	"github.com/helpingwork/helping/internal/tally/tallytest"
)

// The Tennessee example and the ballot helpers, from tallytest.
const (
	memphis     = tallytest.Memphis
	nashville   = tallytest.Nashville
	chattanooga = tallytest.Chattanooga
	knoxville   = tallytest.Knoxville
)

var (
	cities    = tallytest.Cities
	tennessee = tallytest.Tennessee
	repeat    = tallytest.Repeat
	concat    = tallytest.Concat
	deepCopy  = tallytest.DeepCopy
)

// TestConstantsMatchTheCountingCore checks the constants this package
// states as numbers, for its readers, against the core that counts.
func TestConstantsMatchTheCountingCore(t *testing.T) {
	assert.Equal(t, tally.MaxOptions, MaxOptions)
	assert.Equal(t, int64(tally.Unit), int64(VoteUnit))
	assert.Equal(t, "0.5", (VoteUnit / 2).String())
}

// TestTennessee counts the well-known example under the three rules that
// pick three different winners from the same ballots.
func TestTennessee(t *testing.T) {
	t.Run("plurality elects Memphis", func(t *testing.T) {
		r, err := Plurality(4, tennessee(), nil)
		require.NoError(t, err)
		assert.Equal(t, CountResult{Resolution: Chosen, Winner: memphis, Counts: []int{42, 26, 15, 17}, Ballots: 100}, r)
	})
	t.Run("instant runoff elects Knoxville", func(t *testing.T) {
		r, err := InstantRunoff(4, tennessee(), nil)
		require.NoError(t, err)
		assert.Equal(t, RunoffResult{
			Resolution: Chosen, Winner: knoxville, Ballots: 100,
			Rounds: []RunoffRound{
				{Number: 1, Counts: []int{42, 26, 15, 17}, Continuing: []int{0, 1, 2, 3},
					Eliminated: []int{chattanooga}, Transfers: []int{0, 0, -15, 15}},
				{Number: 2, Counts: []int{42, 26, 0, 32}, Continuing: []int{0, 1, 3},
					Eliminated: []int{nashville}, Transfers: []int{0, -26, 0, 26}},
				{Number: 3, Counts: []int{42, 0, 0, 58}, Continuing: []int{0, 3}},
			},
		}, r)
		assert.Equal(t, 58, r.Rounds[2].Live()-r.Rounds[2].Counts[memphis])
	})
	t.Run("schulze elects Nashville, the Condorcet winner", func(t *testing.T) {
		r, err := Schulze(4, tennessee(), nil)
		require.NoError(t, err)
		assert.Equal(t, [][]int{{0, 42, 42, 42}, {58, 0, 68, 68}, {58, 32, 0, 83}, {58, 32, 17, 0}}, r.Pairwise)
		assert.Equal(t, nashville, r.CondorcetWinner)
		assert.Equal(t, Chosen, r.Resolution)
		assert.Equal(t, nashville, r.Winner)
		assert.True(t, r.Beats(nashville, memphis))
		assert.False(t, r.Beats(memphis, nashville))
	})
	t.Run("approval chooses Chattanooga", func(t *testing.T) {
		// Each voter approves the cities within reach of home.
		ballots := concat(repeat(42, memphis), repeat(26, nashville, chattanooga),
			repeat(15, chattanooga, knoxville), repeat(17, knoxville, chattanooga))
		r, err := Approval(4, ballots, nil)
		require.NoError(t, err)
		assert.Equal(t, []int{42, 26, 58, 32}, r.Counts)
		assert.Equal(t, chattanooga, r.Winner)
	})
}

// TestSchulzeWikipedia is the 45-voter example of the Wikipedia article
// "Schulze method" (options A..E = 0..4): a cycle with no Condorcet
// winner, which the strongest paths resolve in favour of E.
func TestSchulzeWikipedia(t *testing.T) {
	const (
		a = iota
		b
		c
		d
		e
	)
	ballots := concat(
		repeat(5, a, c, b, e, d), repeat(5, a, d, e, c, b), repeat(8, b, e, d, a, c), repeat(3, c, a, b, e, d),
		repeat(7, c, a, e, b, d), repeat(2, c, b, a, d, e), repeat(7, d, c, e, b, a), repeat(8, e, b, a, d, c),
	)
	r, err := Schulze(5, ballots, nil)
	require.NoError(t, err)
	assert.Equal(t, [][]int{
		{0, 20, 26, 30, 22}, {25, 0, 16, 33, 18}, {19, 29, 0, 17, 24}, {15, 12, 28, 0, 14}, {23, 27, 21, 31, 0},
	}, r.Pairwise)
	assert.Equal(t, [][]int{
		{0, 28, 28, 30, 24}, {25, 0, 28, 33, 24}, {25, 29, 0, 29, 24}, {25, 28, 28, 0, 24}, {25, 28, 28, 31, 0},
	}, r.Strongest)
	assert.Equal(t, -1, r.CondorcetWinner)
	assert.Equal(t, []int{e}, r.Potential)
	assert.Equal(t, e, r.Winner)
}

// TestSTVFood is the example of the Wikipedia article "Single transferable
// vote": 20 voters choose 3 foods for a party, quota floor(20/4)+1 = 6.
func TestSTVFood(t *testing.T) {
	const (
		oranges = iota
		pears
		chocolate
		strawberries
		sweets
	)
	ballots := concat(repeat(4, oranges), repeat(2, pears, oranges), repeat(8, chocolate, strawberries),
		repeat(4, chocolate, sweets), repeat(1, strawberries), repeat(1, sweets))
	r, err := STV(5, 3, ballots, nil)
	require.NoError(t, err)
	assert.Equal(t, Chosen, r.Resolution)
	assert.Equal(t, []int{chocolate, oranges, strawberries}, r.Elected)
	assert.Equal(t, 6*VoteUnit, r.Quota)
	require.Len(t, r.Rounds, 4)
	first := r.Rounds[0]
	assert.Equal(t, STVTransferSurplus, first.Action)
	assert.Equal(t, []VoteValue{0, 0, -6 * VoteUnit, 4 * VoteUnit, 2 * VoteUnit}, first.Transfers)
	assert.Equal(t, "6", first.Surplus.String())
	assert.Equal(t, []int{pears}, r.Rounds[1].From)
	assert.Equal(t, STVExclude, r.Rounds[1].Action)
	assert.Equal(t, []int{strawberries}, r.Rounds[3].Deemed)
	assert.Contains(t, r.Report([]string{"Oranges", "Pears", "Chocolate", "Strawberries", "Sweets"}),
		"transfer surplus of Chocolate: 6 of 12; transfers: Chocolate -6, Strawberries +4, Sweets +2")
}

func TestMotions(t *testing.T) {
	v := func(yes, no, abstain int) []Vote {
		var out []Vote
		for range yes {
			out = append(out, Yes)
		}
		for range no {
			out = append(out, No)
		}
		for range abstain {
			out = append(out, Abstain)
		}
		return out
	}
	tests := []struct {
		name   string
		count  func() (MotionResult, error)
		passed bool
		needed int
	}{
		{"simple majority of votes cast", func() (MotionResult, error) { return SimpleMajority(v(5, 4, 9)) }, true, 5},
		{"a tie fails", func() (MotionResult, error) { return SimpleMajority(v(4, 4, 0)) }, false, 5},
		{"nothing passes without a vote", func() (MotionResult, error) { return SimpleMajority(nil) }, false, 1},
		{"absolute majority counts the absent", func() (MotionResult, error) { return AbsoluteMajority(v(5, 1, 0), 12) }, false, 7},
		{"absolute majority reached", func() (MotionResult, error) { return AbsoluteMajority(v(7, 0, 2), 12) }, true, 7},
		{"two thirds of votes cast", func() (MotionResult, error) { return Supermajority(v(8, 4, 3), TwoThirds) }, true, 8},
		{"just short of two thirds", func() (MotionResult, error) { return Supermajority(v(7, 4, 0), TwoThirds) }, false, 8},
		{"unanimity", func() (MotionResult, error) { return Supermajority(v(6, 1, 0), Unanimity) }, false, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.count()
			require.NoError(t, err)
			assert.Equal(t, tt.passed, r.Passed)
			assert.Equal(t, tt.needed, r.Needed)
			assert.Equal(t, passedOrFailed(tt.passed), r.Resolution())
		})
	}
	r, err := Supermajority(v(8, 3, 1), TwoThirds)
	require.NoError(t, err)
	assert.Equal(t, RuleSupermajority, r.Rule)
	assert.Equal(t, "passed: 8 yes, 3 no, 1 abstaining; needed 8 yes, at least 2/3 of 11 votes cast", r.String())
	r, err = AbsoluteMajority(v(4, 1, 0), 10)
	require.NoError(t, err)
	assert.Equal(t, RuleAbsoluteMajority, r.Rule)
	assert.Equal(t, "failed: 4 yes, 1 no, 0 abstaining; needed 6 yes, more than half of 10 eligible voters", r.String())
}

func TestConsensusAndConsent(t *testing.T) {
	tests := []struct {
		name    string
		stances []Stance
		reason  ConsensusReason
	}{
		{"agreement with a stand-aside", []Stance{Agree, Agree, StandAside}, ConsensusReached},
		{"one block stops it", []Stance{Agree, Agree, Agree, Agree, Block}, ConsensusBlocked},
		{"nobody agrees", []Stance{StandAside, Disagree}, ConsensusNoSupport},
		{"as many disagree as agree", []Stance{Agree, Disagree, StandAside}, ConsensusDivided},
		{"no one there", nil, ConsensusNoSupport},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Consensus(tt.stances)
			require.NoError(t, err)
			assert.Equal(t, tt.reason, r.Reason)
			assert.Equal(t, tt.reason == ConsensusReached, r.Passed)
		})
	}
	r, err := Consensus([]Stance{Agree, Block, StandAside, Disagree, Agree, Agree})
	require.NoError(t, err)
	assert.Equal(t, []int{1}, r.Blockers)
	assert.Equal(t, []int{2}, r.StandAsides)
	assert.Equal(t, []int{3}, r.Disagreements)
	assert.Equal(t, "blocked: 3 agree, 1 stand aside, 1 disagree, 1 block", r.String())

	c, err := Consent([]Response{Consents, ObjectionResolved, Objects, ObjectionWithdrawn})
	require.NoError(t, err)
	assert.False(t, c.Passed)
	assert.Equal(t, []int{2}, c.Objectors)
	c, err = Consent([]Response{Consents, ObjectionResolved})
	require.NoError(t, err)
	assert.True(t, c.Passed)
	assert.Equal(t, Passed, c.Resolution())
	assert.Equal(t, "consent: 2 participants, 0 standing objections (1 resolved, 0 withdrawn)", c.String())
	c, err = Consent(nil)
	require.NoError(t, err)
	assert.False(t, c.Passed, "consent is given by people, not by silence")
}

func TestTiesAreDeclaredNotDrawn(t *testing.T) {
	ballots := [][]int{{0, 2}, {1, 2}, {2, 0}, {0}, {1}}
	r, err := Plurality(3, ballots, nil)
	require.NoError(t, err)
	assert.Equal(t, Tied, r.Resolution)
	assert.Equal(t, []int{0, 1}, r.Tied)
	assert.Equal(t, -1, r.Winner)
	assert.Equal(t, TieUnbroken, r.TieBreak.Method)

	r, err = Plurality(3, ballots, &CountOptions{Priority: []int{1, 0}})
	require.NoError(t, err)
	assert.Equal(t, 1, r.Winner)
	assert.Equal(t, &TieBreak{Tied: []int{0, 1}, Method: TieByPriority, Chosen: []int{1}}, r.TieBreak)
	assert.Equal(t, "tie between option 0, option 1, by the declared priority: option 1", r.TieBreak.String())

	irv, err := InstantRunoff(3, [][]int{{0}, {0}, {1}, {1}, {2, 1}}, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, irv.Winner, "option 2 goes out with the fewest votes and its ballot elects option 1")

	none, err := InstantRunoff(3, [][]int{{}, nil}, nil)
	require.NoError(t, err)
	assert.Equal(t, NoPreference, none.Resolution)
	assert.Equal(t, 2, none.Rounds[0].Exhausted)
}

// TestTallyErrors feeds every rule bad input and checks the typed error,
// its sentinel, its values and its message.
func TestTallyErrors(t *testing.T) {
	tests := []struct {
		name     string
		count    func() error
		sentinel error
		check    func(t *testing.T, err error)
	}{
		{"zero options", func() error { _, err := Plurality(0, nil, nil); return err }, ErrNoOptions,
			func(t *testing.T, err error) {
				var e *OptionCountError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 0, e.N)
			}},
		{"too many options", func() error { _, err := Schulze(MaxOptions+1, nil, nil); return err }, ErrTooManyOptions, nil},
		{"an option that does not exist", func() error { _, err := InstantRunoff(3, [][]int{{0}, {2, 3}}, nil); return err }, ErrOptionOutOfRange,
			func(t *testing.T, err error) {
				var e *BallotError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, BallotError{Ballot: 1, Position: 1, Option: 3, N: 3, First: -1, Err: ErrOptionOutOfRange}, *e)
			}},
		{"a negative option", func() error { _, err := Approval(3, [][]int{{-1}}, nil); return err }, ErrOptionOutOfRange, nil},
		{"an option ranked twice", func() error { _, err := STV(3, 1, [][]int{{1, 0, 1}}, nil); return err }, ErrDuplicateOption,
			func(t *testing.T, err error) {
				var e *BallotError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, BallotError{Ballot: 0, Position: 2, Option: 1, N: 3, First: 0, Err: ErrDuplicateOption}, *e)
			}},
		{"a priority naming an unknown option", func() error {
			_, err := Plurality(2, nil, &CountOptions{Priority: []int{5}})
			return err
		}, ErrOptionOutOfRange, func(t *testing.T, err error) {
			var e *BallotError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, PriorityList, e.Ballot)
			assert.Contains(t, err.Error(), "tie-break priority list")
		}},
		{"a fraction of one half", func() error { _, err := Supermajority(nil, Fraction{1, 2}); return err }, ErrFraction,
			func(t *testing.T, err error) {
				var e *FractionError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, Fraction{1, 2}, e.Fraction)
			}},
		{"a fraction over one", func() error { _, err := Supermajority(nil, Fraction{4, 3}); return err }, ErrFraction, nil},
		{"a zero denominator", func() error { _, err := Supermajority(nil, Fraction{1, 0}); return err }, ErrFraction, nil},
		{"an unknown vote", func() error { _, err := SimpleMajority([]Vote{Yes, 7}); return err }, ErrUnknownVote,
			func(t *testing.T, err error) {
				var e *VoteValueError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, VoteValueError{Kind: "vote", Index: 1, Value: 7}, *e)
			}},
		{"a zero stance", func() error { _, err := Consensus([]Stance{0}); return err }, ErrUnknownVote, nil},
		{"an unknown response", func() error { _, err := Consent([]Response{9}); return err }, ErrUnknownVote, nil},
		{"more votes than voters", func() error { _, err := AbsoluteMajority([]Vote{Yes, Yes}, 1); return err }, ErrEligible,
			func(t *testing.T, err error) {
				var e *EligibleError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, EligibleError{Eligible: 1, Votes: 2}, *e)
			}},
		{"more seats than options", func() error { _, err := STV(2, 3, nil, nil); return err }, ErrSeats,
			func(t *testing.T, err error) {
				var e *SeatsError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, SeatsError{Seats: 3, N: 2}, *e)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.count()
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			assert.True(t, strings.HasPrefix(err.Error(), "groupwork: "), err.Error())
			if tt.check != nil {
				tt.check(t, err)
			}
		})
	}
}

// randomBallots returns count random ranked ballots over n options, each
// ranking 0 to n options.
func randomBallots(r *rand.Rand, n, count int) [][]int {
	ballots := make([][]int, count)
	for i := range ballots {
		ballots[i] = r.Perm(n)[:r.IntN(n+1)]
	}
	return ballots
}

// TestTallyIgnoresBallotOrder counts random elections, then the same
// ballots shuffled, under every ranked rule: the results are identical,
// rounds, matrices and transfers included. The ballots are left as they
// were.
func TestTallyIgnoresBallotOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 2026))
	for range 200 {
		n := 1 + r.IntN(6)
		ballots := randomBallots(r, n, r.IntN(40))
		shuffled := deepCopy(ballots)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		before := deepCopy(ballots)
		opts := &CountOptions{Priority: r.Perm(n)}
		seats := 1 + r.IntN(n)
		for name, count := range map[string]func([][]int) (any, error){
			"plurality": func(b [][]int) (any, error) { return Plurality(n, b, opts) },
			"approval":  func(b [][]int) (any, error) { return Approval(n, b, opts) },
			"runoff":    func(b [][]int) (any, error) { return InstantRunoff(n, b, opts) },
			"schulze":   func(b [][]int) (any, error) { return Schulze(n, b, opts) },
			"stv":       func(b [][]int) (any, error) { return STV(n, seats, b, opts) },
		} {
			a, err := count(ballots)
			require.NoError(t, err, name)
			b, err := count(shuffled)
			require.NoError(t, err, name)
			require.Equal(t, a, b, "%s over %v", name, ballots)
		}
		require.Equal(t, before, ballots, "ballots modified")
	}
}

// TestTallyNeverPanics feeds random, often bad, input to every rule: each
// either counts or returns one of the package's typed errors.
func TestTallyNeverPanics(t *testing.T) {
	sentinels := []error{ErrNoOptions, ErrTooManyOptions, ErrOptionOutOfRange, ErrDuplicateOption, ErrFraction,
		ErrUnknownVote, ErrEligible, ErrSeats}
	r := rand.New(rand.NewPCG(8, 2026))
	for range 2000 {
		n := r.IntN(6) - 1
		ballots := make([][]int, r.IntN(8))
		for i := range ballots {
			for range r.IntN(5) {
				ballots[i] = append(ballots[i], r.IntN(8)-1)
			}
		}
		votes := make([]Vote, r.IntN(6))
		for i := range votes {
			votes[i] = Vote(r.IntN(5))
		}
		opts := &CountOptions{Priority: []int{r.IntN(8) - 1}}
		errs := []error{
			second(Plurality(n, ballots, opts)), second(Approval(n, ballots, nil)), second(InstantRunoff(n, ballots, nil)),
			second(Schulze(n, ballots, opts)), second(STV(n, r.IntN(4), ballots, nil)),
			second(SimpleMajority(votes)), second(AbsoluteMajority(votes, r.IntN(8)-1)),
			second(Supermajority(votes, Fraction{r.IntN(5) - 1, r.IntN(5) - 1})),
			second(Consensus([]Stance{Stance(r.IntN(6))})), second(Consent([]Response{Response(r.IntN(6))})),
		}
		for _, err := range errs {
			if err != nil {
				assert.True(t, slices.ContainsFunc(sentinels, func(s error) bool { return errors.Is(err, s) }), "%v", err)
			}
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestMillionBallotsNoCopy counts a million ballots under every ranked rule
// and checks that no count allocates more than a few kilobytes: nothing
// like a second copy of the ballots (tens of megabytes) is ever made. Under
// the race detector it counts a hundred thousand, whose copy would still
// take megabytes.
func TestMillionBallotsNoCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("a million ballots is not short")
	}
	n := 1_000_000
	if raceEnabled {
		n = 100_000
	}
	ballots := benchBallots(n)
	for name, count := range map[string]func() error{
		"plurality": func() error { _, err := Plurality(benchOptions, ballots, nil); return err },
		"approval":  func() error { _, err := Approval(benchOptions, ballots, nil); return err },
		"runoff":    func() error { _, err := InstantRunoff(benchOptions, ballots, nil); return err },
		"schulze":   func() error { _, err := Schulze(benchOptions, ballots, nil); return err },
		"stv":       func() error { _, err := STV(benchOptions, 3, ballots, nil); return err },
	} {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			require.NoError(t, count())
			runtime.ReadMemStats(&after)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<10), "bytes allocated")
		})
	}
}

// TestRunoffAllocationsDoNotGrowWithBallots counts 10,000 ballots and the
// same ten times over: the instant runoff (and every other ranked rule)
// makes as many allocations for both.
func TestRunoffAllocationsDoNotGrowWithBallots(t *testing.T) {
	small := benchBallots(10_000)
	var large [][]int
	for range 10 {
		large = append(large, small...)
	}
	for name, count := range map[string]func([][]int) error{
		"runoff":  func(b [][]int) error { _, err := InstantRunoff(benchOptions, b, nil); return err },
		"schulze": func(b [][]int) error { _, err := Schulze(benchOptions, b, nil); return err },
		"stv":     func(b [][]int) error { _, err := STV(benchOptions, 3, b, nil); return err },
	} {
		t.Run(name, func(t *testing.T) {
			allocs := func(ballots [][]int) float64 {
				return testing.AllocsPerRun(3, func() { require.NoError(t, count(ballots)) })
			}
			assert.Equal(t, allocs(small), allocs(large))
		})
	}
}
