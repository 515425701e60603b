package groupwork

import (
	"context"
	"io"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// TestConcurrentUse runs eight goroutines that change and read one group
// at once; run it with -race. Afterwards the group still replays to
// itself.
func TestConcurrentUse(t *testing.T) {
	f := newFixture(t, clubSpec(), 10)
	g := f.g
	m := f.meeting(t)
	j := journal.NewMemory()
	ctx := context.Background()
	english := MustNeed(relationship.Informational, "english")
	newcomers := people(20)[10:]
	secretVote, err := g.Propose(f.members[0], ProposalSpec{Title: "the outing", Options: []string{"lake", "dunes"},
		Rule: RuleInstantRunoff, Secret: true, Review: t0.AddDate(1, 0, 0)})
	require.NoError(t, err)

	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				giver, receiver := f.members[(w+i)%10], f.members[(w+i+1)%10]
				_, err := g.GiveAid(giver, Aid{To: receiver, Support: support(relationship.Companionship, ""), Process: MutualSupport, Meeting: m})
				assert.NoError(t, err)
				switch i % 6 {
				case 0:
					assert.NoError(t, g.RecordAttendance(f.fac, m, giver, Present))
				case 1:
					_ = g.WhoCanHelp(english)
					_ = g.Ledger().Metrics()
					assert.NoError(t, g.Vote(giver, secretVote, Ballot{Options: []int{i % 2}}))
					_, err := g.Decision(secretVote)
					assert.ErrorIs(t, err, ErrResultsHidden, "a secret vote shows no running count")
				case 2:
					for e := range g.Record() {
						_ = e.Seq()
					}
					for mb := range g.Members() {
						_ = mb.Name()
					}
				case 3:
					_, _ = g.Meeting(m)
					_ = g.String()
					assert.NoError(t, g.WriteSociogramDOT(io.Discard, nil), "the sociogram is drawn from one moment")
					for p := range g.Proposals() {
						_ = p.String()
					}
				case 4:
					assert.NoError(t, g.Save(ctx, j))
				case 5:
					nc := newcomers[w]
					if i%12 == 5 {
						assert.NoError(t, g.Join(nc, "Newcomer", Profile{Strengths: []Strength{MustStrength(relationship.Informational, "english")}}))
					} else {
						assert.NoError(t, g.Leave(nc, LeftOther, ""))
					}
				}
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 400, g.Ledger().Len())
	_, err = g.CloseProposal(f.members[0], secretVote)
	require.NoError(t, err)
	require.NoError(t, g.Save(ctx, j))
	loaded, err := Load(ctx, j, g.ID(), nil)
	require.NoError(t, err)
	assertSameGroup(t, g, loaded)
}
