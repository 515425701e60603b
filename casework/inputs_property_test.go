package casework

import (
	"context"
	"testing"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// anyText draws a text of any kind: printable, control characters, bytes
// that are not UTF-8, empty or blank.
func anyText(t *rapid.T, label string) string {
	return rapid.OneOf(
		rapid.String(),
		rapid.StringOf(rapid.RuneFrom(nil, unicode.Cc)),
		rapid.Map(rapid.SliceOf(rapid.Byte()), func(b []byte) string { return string(b) }),
		rapid.SampledFrom([]string{"", " ", "\t\n", "the rent"}),
	).Draw(t, label)
}

// Whatever a case and its agency accept, however the texts and times are
// made, they save, in as many saves as come, and load back equal; whatever
// they refuse, they refuse with a documented sentinel and without a change.
func TestInputPropertyCaseRoundTrip(t *testing.T) {
	sentinels := caseworkInputConfig().Sentinels
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		f := newFixture(t)
		f.toTreatment()
		c, a := f.c, f.a
		j := journal.NewMemory()
		var goals, provisions []uuid.UUID
		pick := func(rt *rapid.T, ids []uuid.UUID, label string) uuid.UUID {
			if len(ids) == 0 {
				return uuid.Nil
			}
			return rapid.SampledFrom(ids).Draw(rt, label)
		}
		actor := func(rt *rapid.T) relationship.PartyID {
			return rapid.SampledFrom([]relationship.PartyID{idWorker, idClient, idSupervisor}).Draw(rt, "actor")
		}
		ops := map[string]func(rt *rapid.T) error{
			"note": func(rt *rapid.T) error { _, err := c.WriteNote(actor(rt), anyText(rt, "note")); return err },
			"goal": func(rt *rapid.T) error {
				id, err := c.ProposeGoal(actor(rt), anyText(rt, "goal"))
				if err == nil {
					goals = append(goals, id)
				}
				return err
			},
			"agree":   func(rt *rapid.T) error { return c.AgreeGoal(actor(rt), pick(rt, goals, "goal")) },
			"abandon": func(rt *rapid.T) error { return c.AbandonGoal(actor(rt), pick(rt, goals, "goal"), anyText(rt, "why")) },
			"counsel": func(rt *rapid.T) error {
				_, err := c.Counsel(actor(rt), relationship.Emotional, anyText(rt, "counsel"))
				return err
			},
			"provide": func(rt *rapid.T) error {
				id, err := c.ProposeProvision(actor(rt), "coal", rapid.Int64Range(-1, 30).Draw(rt, "quantity"), anyText(rt, "purpose"))
				if err == nil {
					provisions = append(provisions, id)
				}
				return err
			},
			"authorise": func(rt *rapid.T) error { return c.AuthoriseProvision(actor(rt), pick(rt, provisions, "provision")) },
			"consent": func(rt *rapid.T) error {
				at := time.Unix(rapid.Int64Range(-70000000000, 300000000000).Draw(rt, "expires"), 0)
				_, err := c.GiveConsent(actor(rt), DisclosureScope(anyText(rt, "to")), at)
				return err
			},
			"refer": func(rt *rapid.T) error {
				_, err := c.Refer(actor(rt), anyText(rt, "to"), anyText(rt, "why"))
				return err
			},
			"receive": func(rt *rapid.T) error {
				return a.Receive(idAgency, Resource(anyText(rt, "resource")), rapid.Int64Range(-1, 10).Draw(rt, "quantity"))
			},
			"save": func(rt *rapid.T) error {
				if err := a.Save(ctx, j); err != nil {
					return err
				}
				return c.Save(ctx, j)
			},
		}
		names := []string{"note", "goal", "agree", "abandon", "counsel", "provide", "authorise", "consent", "refer", "receive", "save"}
		for range rapid.IntRange(1, 30).Draw(rt, "steps") {
			name := rapid.SampledFrom(names).Draw(rt, "op")
			before := []any{caseworkSnapshot(nil, c), caseworkSnapshot(nil, a)}
			if err := ops[name](rt); err != nil {
				require.NotNil(rt, sentinels.Match(err), "%s: %v wraps a documented sentinel", name, err)
				require.Equal(rt, before, []any{caseworkSnapshot(nil, c), caseworkSnapshot(nil, a)}, "%s refused, and nothing changed", name)
			}
		}
		require.NoError(rt, a.Save(ctx, j))
		require.NoError(rt, c.Save(ctx, j))
		back, err := LoadAgency(ctx, j, idAgency, nil)
		require.NoError(rt, err)
		require.Equal(rt, a.st, back.st, "the agency loads back as it was")
		loaded, err := Load(ctx, j, c.ID(), &Options{Agency: back})
		require.NoError(rt, err)
		require.Equal(rt, c.st, loaded.st, "the case loads back as it was")
		require.True(rt, c.ledger.Equal(loaded.ledger), "its ledger too")
	})
}
