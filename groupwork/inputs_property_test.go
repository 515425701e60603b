package groupwork

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

// Whatever a group accepts, however its texts and times are made, it
// saves, in as many saves as come, and loads back equal; whatever it
// refuses, it refuses with a documented sentinel and without a change.
func TestInputPropertyGroupRoundTrip(t *testing.T) {
	sentinels := groupworkInputConfig().Sentinels
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		g, err := NewGroup(worker, clubSpec(), testOptions(1))
		require.NoError(rt, err)
		j := journal.NewMemory()
		members := []relationship.PartyID{}
		var meetings, concerns []uuid.UUID
		next := relationship.SequentialIDs(99)
		member := func(rt *rapid.T) relationship.PartyID {
			if len(members) == 0 {
				return relationship.PartyID(next())
			}
			return rapid.SampledFrom(members).Draw(rt, "member")
		}
		ops := map[string]func(rt *rapid.T) error{
			"join": func(rt *rapid.T) error {
				id := relationship.PartyID(next())
				err := g.Join(id, anyText(rt, "name"), Profile{})
				if err == nil {
					members = append(members, id)
				}
				return err
			},
			"convene": func(rt *rapid.T) error {
				at := time.Unix(rapid.Int64Range(-70000000000, 300000000000).Draw(rt, "date"), 0)
				id, err := g.ConveneMeeting(worker.ID(), at, anyText(rt, "place"))
				if err == nil {
					meetings = append(meetings, id)
				}
				return err
			},
			"note": func(rt *rapid.T) error {
				if len(meetings) == 0 {
					return nil
				}
				_, err := g.RecordNote(worker.ID(), rapid.SampledFrom(meetings).Draw(rt, "meeting"), anyText(rt, "text"), SharingData)
				return err
			},
			"concern": func(rt *rapid.T) error {
				id, err := g.RaiseConcern(member(rt), ScopePersonal, anyText(rt, "concern"))
				if err == nil {
					concerns = append(concerns, id)
				}
				return err
			},
			"action": func(rt *rapid.T) error {
				if len(concerns) == 0 {
					return nil
				}
				return g.TakeAction(member(rt), rapid.SampledFrom(concerns).Draw(rt, "concern"), ActionDiscussion, anyText(rt, "action"))
			},
			"propose": func(rt *rapid.T) error {
				_, err := g.Propose(member(rt), ProposalSpec{Title: anyText(rt, "title"), Rule: RuleSimpleMajority, Review: review})
				return err
			},
			"leave": func(rt *rapid.T) error { return g.Leave(member(rt), LeftMoved, anyText(rt, "why")) },
			"save":  func(rt *rapid.T) error { return g.Save(ctx, j) },
		}
		names := []string{"join", "convene", "note", "concern", "action", "propose", "leave", "save"}
		for range rapid.IntRange(1, 30).Draw(rt, "steps") {
			name := rapid.SampledFrom(names).Draw(rt, "op")
			before := groupworkSnapshot(nil, g)
			if err := ops[name](rt); err != nil {
				require.NotNil(rt, sentinels.Match(err), "%s: %v wraps a documented sentinel", name, err)
				require.Equal(rt, before, groupworkSnapshot(nil, g), "%s refused, and nothing changed", name)
			}
		}
		require.NoError(rt, g.Save(ctx, j))
		back, err := Load(ctx, j, g.ID(), nil)
		require.NoError(rt, err)
		require.Equal(rt, g.st, back.st, "the group loads back as it was")
		require.True(rt, g.ledger.Equal(back.ledger), "its ledger too")
	})
}
