package groupwork

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// FuzzEventJSON decodes arbitrary bytes as a record entry. Decoding must
// never panic, and an entry that decodes must encode again and decode to an
// equal entry: what the library reads, it can write back unchanged. The
// seed corpus in testdata/fuzz/FuzzEventJSON holds one entry of every event
// type and some near misses; plain go test runs it. Among them,
// near-time-offset writes a time with an offset that lands before year 0
// in UTC: the entry must be refused as it is read, since it could not be
// written back.
func FuzzEventJSON(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e relationship.Entry
		if err := e.UnmarshalJSON(data); err != nil {
			return
		}
		b, err := e.MarshalJSON()
		if err != nil {
			t.Fatalf("decoded %s but cannot encode it: %v", data, err)
		}
		var back relationship.Entry
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatalf("cannot decode what was encoded: %v\nin:  %s\nout: %s", err, data, b)
		}
		if !reflect.DeepEqual(e, back) {
			t.Fatalf("round trip changed the entry\nin:  %s\nout: %s\nfirst:  %#v\nsecond: %#v", data, b, e, back)
		}
	})
}

// FuzzReplay replays arbitrary records: a JSON list of entries, seeded with
// short records of a small group (a whole season is too long a seed for the
// fuzzer to minimise). Whatever the record holds, Replay returns a group or
// an error and never panics, and a record it accepts replays again to an
// equal group. Its inputs are long, so fuzz it with a short
// -fuzzminimizetime (3s, say): by default the fuzzer spends up to a minute
// minimising each new input.
func FuzzReplay(f *testing.F) {
	fx := newFixture(f, clubSpec(), 2)
	m := fx.meeting(f)
	var outing uuid.UUID
	steps := []func() error{
		func() error { return fx.g.RecordAttendance(fx.fac, m, fx.members[0], Present) },
		func() error {
			_, err := fx.g.GiveAid(fx.members[0], Aid{To: fx.members[1], Support: support(relationship.Emotional, ""), Process: SameBoat, Meeting: m})
			return err
		},
		func() (err error) {
			outing, err = fx.g.Propose(fx.members[0], secret(choice(RuleInstantRunoff, "lake", "dunes")))
			return err
		},
		func() error { return fx.g.Vote(fx.members[0], outing, Ballot{Options: []int{1, 0}}) },
		func() error { return fx.g.Vote(fx.members[1], outing, Ballot{Options: []int{1}}) },
		func() error {
			_, err := fx.g.CloseProposal(fx.members[0], outing)
			return err
		},
		func() error { return fx.g.RecordStage(fx.fac, Separation, "farewells") },
		func() error { return fx.g.EndGroup(fx.fac, "done") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			f.Fatal(err)
		}
		b, err := json.Marshal(slices.Collect(fx.g.Record()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var entries []relationship.Entry
		if json.Unmarshal(data, &entries) != nil {
			return
		}
		g, err := Replay(slices.Values(entries), nil)
		if err != nil {
			return
		}
		again, err := Replay(g.Record(), nil)
		if err != nil {
			t.Fatalf("a record that replayed once does not replay again: %v", err)
		}
		assertSameGroup(t, g, again)
	})
}
