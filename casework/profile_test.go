package casework

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// TestProfileForCompare checks what relationship.Compare reads from a case
// whose course winds through every kind of act: every act of the record is
// classified; the staff take the decisions and make every provision; every
// consent act is the client's; help flows one way.
func TestProfileForCompare(t *testing.T) {
	c := winding(t)
	p, err := relationship.FactsOf(c)
	require.NoError(t, err)

	classified := 0
	for k := range relationship.ActKinds() {
		classified += p.Acts.Of(k)
	}
	require.Equal(t, int(c.Version()), p.Acts.Total())
	assert.Equal(t, p.Acts.Total(), classified, "every casework act has a kind")
	assert.Equal(t, p.Acts.Total(), p.HelperActs.Total()+p.HelpedActs.Total(), "every actor is a helper or the helped")

	clientActs := map[relationship.ActKind]int{}
	for e := range c.Record() {
		if e.Actor() == idClient {
			clientActs[Rights().Kind(e.Act())]++
		}
	}
	tests := []struct {
		kind           relationship.ActKind
		helper, helped int
	}{
		{relationship.ConsentAct, 0, clientActs[relationship.ConsentAct]},
		{relationship.ProvisionAct, p.Acts.Of(relationship.ProvisionAct), 0},
		{relationship.DecisionAct, p.Acts.Of(relationship.DecisionAct) - clientActs[relationship.DecisionAct], clientActs[relationship.DecisionAct]},
		{relationship.HelpAct, 0, 0},
		{relationship.ProgrammeAct, 0, 0},
		{relationship.FacilitationAct, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			assert.Equal(t, tt.helper, p.HelperActs.Of(tt.kind), "by staff")
			assert.Equal(t, tt.helped, p.HelpedActs.Of(tt.kind), "by the client")
		})
	}
	assert.Equal(t, 7, clientActs[relationship.ConsentAct], "agree to a goal, give (3), refuse, revoke, withdraw")
	share, ok := p.DecisionShare()
	require.True(t, ok)
	assert.Greater(t, share, 0.9, "the staff decide")
	assert.Equal(t, 1, p.Helped)
	assert.Zero(t, p.Ledger.Reciprocity)
}
