package groupwork

import (
	"bytes"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
)

// secretVote forms a club of n members and raises a secret plurality vote
// among three options.
func secretVote(t *testing.T, n int) (*fixture, uuid.UUID) {
	t.Helper()
	f := newFixture(t, clubSpec(), n)
	p, err := f.g.Propose(f.members[0], ProposalSpec{Title: "Where shall we go?", Options: []string{"lake", "dunes", "museum"},
		Rule: RulePlurality, Secret: true, Review: t0.AddDate(1, 0, 0)})
	require.NoError(t, err)
	return f, p
}

// newestVoter returns who cast the group's newest vote, from its public
// record: the attacker's other half.
func newestVoter(g *Group) relationship.PartyID {
	var who relationship.PartyID
	for e := range g.Record() {
		if _, ok := e.Event().(VoteCast); ok {
			who = e.Actor()
		}
	}
	return who
}

// TestSecretBallotAttack is the attack of issue 13: after each vote, poll
// the running decision and diff its count against the one before; the
// option whose count rose is the newest voter's choice. It must link no
// one.
func TestSecretBallotAttack(t *testing.T) {
	f, p := secretVote(t, 7)
	choices := []int{0, 1, 2, 1, 0, 0, 2}
	prev := map[string]int{}
	linked := 0
	for i, m := range f.members {
		require.NoError(t, f.g.Vote(m, p, Ballot{Options: []int{choices[i]}}))
		d, err := f.g.Decision(p)
		if err != nil {
			continue // nothing to diff
		}
		now := map[string]int{}
		for _, b := range d.Ballots {
			now[fmt.Sprint(b.Options)]++
		}
		for k, c := range now {
			if c > prev[k] && k == fmt.Sprint([]int{choices[i]}) && newestVoter(f.g) == m {
				linked++
			}
		}
		prev = now
	}
	assert.Equal(t, 0, linked, "voters linked to their choices")
}

// observe returns everything the group's read methods show about the
// proposal and the group, as text: what anyone with access to the API (and
// the record, which a program may show) can see.
func observe(g *Group, p uuid.UUID, voters []relationship.PartyID) string {
	var b strings.Builder
	d, err := g.Decision(p)
	fmt.Fprintf(&b, "decision: %s %v\n", decisionText(d), err)
	prop, ok := g.Proposal(p)
	fmt.Fprintf(&b, "proposal: %v %s %v\n", ok, prop.String(), slices.Collect(prop.Casts()))
	for _, v := range voters {
		bal, err := prop.Ballot(v)
		fmt.Fprintf(&b, "ballot %s: %v %v %v\n", v, bal.String(), err, prop.Voted(v))
	}
	for x := range g.Proposals() {
		fmt.Fprintf(&b, "proposals: %s\n", x.String())
	}
	for m := range g.Members() {
		fmt.Fprintf(&b, "member: %s %d %d\n", m.ID(), m.Given(), m.Received())
	}
	for e := range g.Record() {
		j, err := e.MarshalJSON()
		fmt.Fprintf(&b, "entry: %s %v\n", j, err)
	}
	var log bytes.Buffer
	slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{ReplaceAttr: dropTime})).Info("g", "group", g, "proposal", prop)
	fmt.Fprintf(&b, "log: %s %s %d %v\n", log.String(), g.String(), g.Version(), g.Ledger().Metrics())
	return b.String()
}

func decisionText(d Decision) string {
	d.ClosedAt = time.Time{}
	return fmt.Sprintf("%#v", struct {
		B []Ballot
		V []relationship.PartyID
		R count.Resolution
		W []int
		Q QuorumCount
		C *count.CountResult
	}{d.Ballots, d.Voters, d.Resolution, d.Winners, d.Quorum, d.Count})
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// TestSecretBallotIndistinguishable runs the same secret vote in two worlds
// that differ only in how one member votes, changes their vote, or whether
// they vote at all before leaving, and compares everything the API shows
// after every step until the close. For every member and every kind of
// step the two worlds must look the same: no one can link a voter to a
// choice.
func TestSecretBallotIndistinguishable(t *testing.T) {
	const n = 7
	step := func(f *fixture, p uuid.UUID, obs *[]string, err error) {
		require.NoError(t, err)
		*obs = append(*obs, observe(f.g, p, f.members))
	}
	run := func(who, choice, changeTo int, leave bool) []string {
		f, p := secretVote(t, n)
		var obs []string
		for i, m := range f.members {
			c := (i + 1) % 3
			if i == who {
				c = choice
			}
			step(f, p, &obs, f.g.Vote(m, p, Ballot{Options: []int{c}}))
		}
		if changeTo >= 0 {
			step(f, p, &obs, f.g.Vote(f.members[who], p, Ballot{Options: []int{changeTo}}))
		}
		if leave {
			step(f, p, &obs, f.g.Leave(f.members[who], LeftMoved, ""))
		}
		return obs
	}
	linked := map[string]int{}
	for who := range n {
		for _, c := range []struct {
			name  string
			a, b  [2]int // first choice, changed choice (-1: none)
			leave bool
		}{
			{"vote", [2]int{0, -1}, [2]int{1, -1}, false},
			{"change", [2]int{0, 1}, [2]int{0, 2}, false},
			{"leave", [2]int{0, -1}, [2]int{2, -1}, true},
		} {
			a := run(who, c.a[0], c.a[1], c.leave)
			b := run(who, c.b[0], c.b[1], c.leave)
			require.Len(t, b, len(a))
			if !slices.Equal(a, b) {
				linked[c.name]++
			}
		}
	}
	assert.Empty(t, linked, "members whose choice changes what the API shows, by step")
}
