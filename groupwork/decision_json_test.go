package groupwork

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
)

// TestDecisionJSON closes a secret ranked vote and exports the decision:
// it reads back equal, its tally is the count's own JSON, and it holds the
// ballots but not who cast them.
func TestDecisionJSON(t *testing.T) {
	for _, rule := range []Rule{RulePlurality, RuleInstantRunoff, RuleSchulze, RuleSTV} {
		t.Run(rule.String(), func(t *testing.T) {
			d := newDeciding(t, 100, Settings{})
			spec := choice(rule, cities...)
			if rule == RuleSTV {
				spec.Seats = 2
			}
			spec.Secret = true
			id := d.propose(t, spec)
			var ballots []Ballot
			for _, r := range tennessee() {
				ballots = append(ballots, Ballot{Options: r})
			}
			d.vote(t, id, ballots...)
			dec, err := d.g.CloseProposal(d.members[0], id)
			require.NoError(t, err)

			data, err := json.Marshal(dec)
			require.NoError(t, err)
			var back Decision
			require.NoError(t, json.Unmarshal(data, &back))
			assert.True(t, dec.ClosedAt.Equal(back.ClosedAt))
			assert.True(t, dec.Review.Equal(back.Review))
			back.ClosedAt, back.Review = dec.ClosedAt, dec.Review
			assert.Equal(t, dec, back, "read back equal")

			var fields map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(data, &fields))
			assert.NotContains(t, fields, "voters", "a secret ballot does not say who voted how")
			var tally any
			switch rule {
			case RulePlurality:
				tally = dec.Count
			case RuleInstantRunoff:
				tally = dec.Runoff
			case RuleSchulze:
				tally = dec.Schulze
			case RuleSTV:
				tally = dec.STV
			}
			own, err := json.Marshal(tally)
			require.NoError(t, err)
			key := map[Rule]string{RulePlurality: "count", RuleInstantRunoff: "runoff", RuleSchulze: "schulze", RuleSTV: "stv"}[rule]
			assert.JSONEq(t, string(own), string(fields[key]), "the tally as package count exports it")
			assert.Equal(t, `"`+count.Chosen.String()+`"`, string(fields["resolution"]))
		})
	}
}
