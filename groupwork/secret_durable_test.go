package groupwork

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
	"github.com/helpingwork/helping/relationship/keyringtest"
)

// groupWrites are the exported methods of *Group that change it, save it
// or vote: everything else is a read, and observeEverything calls it.
var groupWrites = []string{
	"ChooseActivity", "CloseConcern", "CloseProposal", "ConveneMeeting", "EndGroup", "GiveAid", "GrantProxy",
	"Join", "Leave", "OpenMediation", "Propose", "RaiseConcern", "RecordActivity", "RecordAttendance", "RecordNote",
	"RecordStage", "RevokeProxy", "Save", "SaveSnapshot", "SettleMediation", "TakeAction", "UpdateProfile", "Vote",
	"VoteByProxy", "VoteByProxyWithReceipt", "VoteWithReceipt", "WithdrawProposal",
}

// observeEverything calls every read method of the group, with the
// proposal and each voter where a method takes one, and returns what they
// show as text. A sealed ballot in the record shows as its length: its
// bytes are AES-GCM under a fresh random nonce, which differ on every
// run whatever they seal, so what an observer can compare is the length.
func observeEverything(t *testing.T, g *Group, p uuid.UUID, voters []relationship.PartyID) string {
	t.Helper()
	var b strings.Builder
	gv := reflect.ValueOf(g)
	gt := gv.Type()
	for i := range gt.NumMethod() {
		m := gt.Method(i)
		if slices.Contains(groupWrites, m.Name) {
			continue
		}
		fmt.Fprintf(&b, "%s:", m.Name)
		switch m.Name {
		case "Record":
			for e := range g.Record() {
				j, err := masked(e).MarshalJSON()
				require.NoError(t, err)
				fmt.Fprintf(&b, " %s", j)
			}
		case "Format":
			fmt.Fprintf(&b, " %v %+v %#v %s", g, g, g, g)
		case "WriteSociogramDOT", "WriteSociogramSVG":
			var buf bytes.Buffer
			res := gv.Method(i).Call([]reflect.Value{reflect.ValueOf(&buf), reflect.Zero(m.Type.In(2))})
			fmt.Fprintf(&b, " %s %v", buf.String(), res[0].Interface())
		case "WhoCanHelp":
			fmt.Fprintf(&b, " %v", g.WhoCanHelp(Need{}))
		case "Proposal":
			prop, ok := g.Proposal(p)
			fmt.Fprintf(&b, " %v %v %s %#v", ok, prop, prop, slices.Collect(prop.Casts()))
			for _, v := range voters {
				bal, err := prop.Ballot(v)
				fmt.Fprintf(&b, " %#v %v %v", bal, err, prop.Voted(v))
			}
		default:
			for _, args := range argsFor(m.Type, p, voters) {
				for _, r := range gv.Method(i).Call(args) {
					fmt.Fprintf(&b, " %s", render(r))
				}
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// argsFor returns the argument lists to call a read method with: none,
// the proposal's identifier, or each voter.
func argsFor(mt reflect.Type, p uuid.UUID, voters []relationship.PartyID) [][]reflect.Value {
	switch {
	case mt.NumIn() == 1:
		return [][]reflect.Value{nil}
	case mt.NumIn() == 2 && mt.In(1) == reflect.TypeFor[uuid.UUID]():
		return [][]reflect.Value{{reflect.ValueOf(p)}}
	case mt.NumIn() == 2 && mt.In(1) == reflect.TypeFor[relationship.PartyID]():
		var out [][]reflect.Value
		for _, v := range voters {
			out = append(out, []reflect.Value{reflect.ValueOf(v)})
		}
		return out
	case mt.NumIn() == 3 && mt.In(1) == reflect.TypeFor[uuid.UUID]() && mt.In(2) == reflect.TypeFor[relationship.PartyID]():
		var out [][]reflect.Value
		for _, v := range voters {
			out = append(out, []reflect.Value{reflect.ValueOf(p), reflect.ValueOf(v)})
		}
		return out
	}
	panic(fmt.Sprintf("observeEverything does not know how to call a read method of type %s", mt))
}

// render prints a result, collecting what an iterator yields and
// printing a Decision's ballots, tally and outcome field by field.
func render(v reflect.Value) string {
	if v.Kind() == reflect.Func && v.Type().NumIn() == 1 && v.Type().In(0).Kind() == reflect.Func {
		var parts []string
		yield := reflect.MakeFunc(v.Type().In(0), func(args []reflect.Value) []reflect.Value {
			for _, a := range args {
				parts = append(parts, render(a))
			}
			return []reflect.Value{reflect.ValueOf(true)}
		})
		v.Call([]reflect.Value{yield})
		return "[" + strings.Join(parts, " ") + "]"
	}
	if d, ok := v.Interface().(Decision); ok {
		j, _ := json.Marshal(d)
		return string(j)
	}
	if sv, ok := v.Interface().(slog.Value); ok {
		return sv.Resolve().String()
	}
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return "&" + render(v.Elem())
	}
	if lv, ok := v.Interface().(relationship.LedgerView); ok {
		return fmt.Sprintf("%v %d", lv.Metrics(), lv.Len())
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// masked returns the entry with the sealed ballot of a vote replaced by
// zeros of its length.
func masked(e relationship.Entry) relationship.Entry {
	v, ok := e.Event().(VoteCast)
	if !ok || v.Sealed == nil {
		return e
	}
	v.Sealed = make([]byte, len(v.Sealed))
	m, err := relationship.NewEntry(e.Seq(), e.Time(), e.Actor(), e.Act(), v)
	if err != nil {
		panic(err)
	}
	return m
}

func TestObserveEverythingCallsEveryRead(t *testing.T) {
	f, p := secretVote(t, 2)
	out := observeEverything(t, f.g, p, f.members)
	gt := reflect.TypeFor[*Group]()
	reads := 0
	for i := range gt.NumMethod() {
		if name := gt.Method(i).Name; !slices.Contains(groupWrites, name) {
			reads++
			assert.Contains(t, out, name+":", "read method %s observed", name)
		}
	}
	assert.Greater(t, reads, 35, "the reads of a group")
}

// durableVote forms a club of n members with a keyring and raises a
// secret plurality vote among three options.
func durableVote(t *testing.T, n int, ring keyring.Keyring) (*fixture, uuid.UUID) {
	t.Helper()
	f, p := secretVote(t, n)
	f.g.secrets.ring = ring
	return f, p
}

// TestDurableSecretBallotIndistinguishable is TestSecretBallotIndistinguishable
// for a group that seals its ballots into the record, with 20 voters at
// distinct times, polling every read method after every step: two worlds
// that differ only in how one member votes, changes their vote or whether
// they vote before leaving look the same to everything the group
// returns. 0 voters linkable.
func TestDurableSecretBallotIndistinguishable(t *testing.T) {
	const n = 20
	run := func(who, choice, changeTo int, leave bool) []string {
		f, p := durableVote(t, n, keyring.NewMemory())
		var obs []string
		step := func(err error) {
			require.NoError(t, err)
			obs = append(obs, observeEverything(t, f.g, p, f.members))
		}
		for i, m := range f.members {
			c := (i + 1) % 3
			if i == who {
				c = choice
			}
			step(f.g.Vote(m, p, Ballot{Options: []int{c}}))
		}
		if changeTo >= 0 {
			step(f.g.Vote(f.members[who], p, Ballot{Options: []int{changeTo}}))
		}
		if leave {
			step(f.g.Leave(f.members[who], LeftMoved, ""))
		}
		return obs
	}
	linked := map[string]int{}
	for _, who := range []int{0, 7, 19} {
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
			for k := range a {
				if a[k] != b[k] {
					linked[c.name]++
					t.Logf("member %d, %s, step %d differs:\n%s", who, c.name, k, lineDiff(a[k], b[k]))
					break
				}
			}
		}
	}
	assert.Empty(t, linked, "voters whose choice changes what the group shows, by kind of step")
}

// TestDurableSecretBallotAcrossRestarts runs a secret vote of 20 members
// the way a web application does: each vote loads the group from a file
// journal opened afresh, with a file keyring opened afresh, votes, saves
// and closes both. No one votes again, and the close counts every ballot
// exactly. Once the close is saved, the proposal's key is destroyed, and
// the journal's and keyring's directories together hold nothing that
// links a voter to a choice: no plaintext of any sealed ballot or receipt
// secret, every sealed ballot of the same length, none opening under any
// key left in the keyring, and a closing entry that names no voter.
func TestDurableSecretBallotAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	jdir, kdir := filepath.Join(t.TempDir(), "journal"), filepath.Join(t.TempDir(), "keys")
	open := func() (*journal.File, *keyring.File) {
		j, err := journal.Open(jdir, nil)
		require.NoError(t, err)
		ring, err := keyring.OpenFile(kdir)
		require.NoError(t, err)
		return j, ring
	}
	const n = 20
	f, p := durableVote(t, n, nil)
	j, _ := open()
	require.NoError(t, f.g.Save(ctx, j))
	require.NoError(t, j.Close())
	id := f.g.ID()

	choices := make([]int, n)
	want := make([]int, 3)
	receipts := make([]Receipt, n)
	for i, m := range f.members {
		choices[i] = (i*7 + i/3) % 3
		want[choices[i]]++
		j, ring := open()
		g, err := Load(ctx, j, id, &Options{Keyring: ring})
		require.NoError(t, err)
		receipts[i], err = g.VoteWithReceipt(m, p, Ballot{Options: []int{choices[i]}})
		require.NoError(t, err)
		require.NoError(t, g.Save(ctx, j))
		require.NoError(t, j.Close())
	}

	j, ring := open()
	g, err := Load(ctx, j, id, &Options{Keyring: ring})
	require.NoError(t, err)
	prop, _ := g.Proposal(p)
	for c := range prop.Casts() {
		assert.Zero(t, c.Changes, "no one voted again")
	}
	d, err := g.CloseProposal(f.members[0], p)
	require.NoError(t, err, "every ballot was in the record")
	require.NotNil(t, d.Count)
	assert.Equal(t, want, d.Count.Counts, "the tally is exact")
	for i, r := range receipts {
		assert.NoError(t, VerifyReceipt(r, d), "receipt %d", i)
	}
	_, err = ring.Key(ctx, ProposalKeySubject(p))
	require.NoError(t, err, "the key lives until the close is saved")
	require.NoError(t, g.Save(ctx, j))
	_, err = ring.Key(ctx, ProposalKeySubject(p))
	require.ErrorIs(t, err, keyring.ErrKeyDestroyed, "the save of the close destroyed the key")
	require.NoError(t, j.Close())

	var forms []string
	for _, r := range receipts {
		forms = append(forms, string(encodeSealed(r.Ballot, r.Secret, 3)), string(r.Secret), hex.EncodeToString(r.Secret),
			base64.StdEncoding.EncodeToString(r.Secret), base64.RawStdEncoding.EncodeToString(r.Secret))
	}
	assert.Empty(t, keyringtest.Recoverable(t, forms, jdir, kdir), "a sealed ballot or receipt secret in the directories")

	j, ring = open()
	defer j.Close()
	var keys []keyring.Key
	entries, err := os.ReadDir(kdir)
	require.NoError(t, err)
	for _, e := range entries {
		if subject, ok := strings.CutSuffix(e.Name(), ".key"); ok {
			k, err := ring.Key(ctx, subject)
			require.NoError(t, err)
			keys = append(keys, k)
		}
	}
	sizes := map[int]int{}
	opened := 0
	var closing []byte
	for e, err := range j.Read(ctx, StreamName(id), 1) {
		require.NoError(t, err)
		switch ev := e.Event().(type) {
		case VoteCast:
			require.NotNil(t, ev.Sealed)
			sizes[len(ev.Sealed)]++
			voter, _ := g.st.index[e.Actor()]
			c := g.st.proposals[0].casts[voter]
			for _, k := range keys {
				if _, err := k.Open(ev.Sealed, ballotAAD(id, p, e.Actor(), c.period, 0)); err == nil {
					opened++
				}
			}
		case ProposalClosed:
			closing, err = json.Marshal(ev)
			require.NoError(t, err)
		}
	}
	assert.Len(t, sizes, 1, "every sealed ballot has the same length")
	assert.Zero(t, opened, "sealed ballots that open with a key left in the keyring")
	require.NotNil(t, closing)
	for _, m := range f.members {
		assert.NotContains(t, string(closing), m.String(), "the closing entry names a voter")
	}
}

// TestSealedBallotsSurviveSnapshots takes a snapshot while a secret vote
// is open: a group loaded from it still opens every ballot.
func TestSealedBallotsSurviveSnapshots(t *testing.T) {
	ctx := context.Background()
	ring := keyring.NewMemory()
	f, p := durableVote(t, 4, ring)
	for i, m := range f.members {
		require.NoError(t, f.g.Vote(m, p, Ballot{Options: []int{i % 2}}))
	}
	j := journal.NewMemory()
	require.NoError(t, f.g.SaveSnapshot(ctx, j))
	g, err := Load(ctx, j, f.g.ID(), &Options{Keyring: ring})
	require.NoError(t, err)
	d, err := g.CloseProposal(f.members[0], p)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 2, 0}, d.Count.Counts)
	checkReplayEqual(t, g)
}

// TestDurableSecretBallotKeyLifecycle follows the proposal's key: made at
// the first vote, kept while the close is not saved, destroyed when it
// is; a withdrawal destroys it too; and a group without a keyring keeps
// today's behaviour, asking voters to vote again after a load.
func TestDurableSecretBallotKeyLifecycle(t *testing.T) {
	ctx := context.Background()
	t.Run("close", func(t *testing.T) {
		ring := keyring.NewMemory()
		f, p := durableVote(t, 3, ring)
		_, err := ring.Key(ctx, ProposalKeySubject(p))
		assert.ErrorIs(t, err, keyring.ErrNoKey, "no key before the first vote")
		require.ErrorAs(t, f.g.Vote(stranger, p, Ballot{Options: []int{0}}), new(*relationship.PartyError))
		_, err = ring.Key(ctx, ProposalKeySubject(p))
		assert.ErrorIs(t, err, keyring.ErrNoKey, "a refused vote makes no key")
		for _, m := range f.members {
			require.NoError(t, f.g.Vote(m, p, Ballot{Options: []int{1}}))
		}
		_, err = f.g.CloseProposal(f.members[0], p)
		require.NoError(t, err)
		_, err = ring.Key(ctx, ProposalKeySubject(p))
		assert.NoError(t, err, "the close is not saved yet: a crash now must not lose the ballots")
		require.NoError(t, f.g.Save(ctx, journal.NewMemory()))
		_, err = ring.Key(ctx, ProposalKeySubject(p))
		assert.ErrorIs(t, err, keyring.ErrKeyDestroyed)
	})
	t.Run("withdraw", func(t *testing.T) {
		ring := keyring.NewMemory()
		f, p := durableVote(t, 2, ring)
		require.NoError(t, f.g.Vote(f.members[1], p, Ballot{Options: []int{1}}))
		j := journal.NewMemory()
		require.NoError(t, f.g.Save(ctx, j))
		g, err := Load(ctx, j, f.g.ID(), &Options{Keyring: ring})
		require.NoError(t, err)
		require.NoError(t, g.WithdrawProposal(f.members[0], p, "we decide at the meeting"))
		require.NoError(t, g.Save(ctx, j))
		_, err = ring.Key(ctx, ProposalKeySubject(p))
		assert.ErrorIs(t, err, keyring.ErrKeyDestroyed)
		for e := range g.Record() {
			if v, ok := e.Event().(VoteCast); ok {
				assert.Len(t, v.Sealed, keyring.Overhead+sealedSize(3), "the record keeps the sealed ballot, now unreadable")
			}
		}
	})
	t.Run("loaded after the close was saved but the key not destroyed", func(t *testing.T) {
		ring := keyring.NewMemory()
		f, p := durableVote(t, 2, ring)
		require.NoError(t, f.g.Vote(f.members[0], p, Ballot{Options: []int{1}}))
		_, err := f.g.CloseProposal(f.members[0], p)
		require.NoError(t, err)
		j := journal.NewMemory()
		f.g.secrets.ring = nil // the process dies between the save and the destruction
		require.NoError(t, f.g.Save(ctx, j))
		_, err = ring.Key(ctx, ProposalKeySubject(p))
		require.NoError(t, err)
		_, err = Load(ctx, j, f.g.ID(), &Options{Keyring: ring})
		require.NoError(t, err)
		_, err = ring.Key(ctx, ProposalKeySubject(p))
		assert.ErrorIs(t, err, keyring.ErrKeyDestroyed, "the load finishes the destruction")
	})
	t.Run("no keyring", func(t *testing.T) {
		f, p := secretVote(t, 2)
		require.NoError(t, f.g.Vote(f.members[0], p, Ballot{Options: []int{1}}))
		for e := range f.g.Record() {
			if v, ok := e.Event().(VoteCast); ok {
				assert.Nil(t, v.Sealed, "without a keyring nothing of the ballot is recorded")
			}
		}
		j := journal.NewMemory()
		require.NoError(t, f.g.Save(ctx, j))
		g, err := Load(ctx, j, f.g.ID(), nil)
		require.NoError(t, err)
		_, err = g.CloseProposal(f.members[0], p)
		assert.ErrorIs(t, err, ErrBallotsMissing)
	})
	t.Run("loaded without the keyring", func(t *testing.T) {
		ring := keyring.NewMemory()
		f, p := durableVote(t, 2, ring)
		require.NoError(t, f.g.Vote(f.members[0], p, Ballot{Options: []int{1}}))
		j := journal.NewMemory()
		require.NoError(t, f.g.Save(ctx, j))
		g, err := Load(ctx, j, f.g.ID(), nil)
		require.NoError(t, err)
		_, err = g.CloseProposal(f.members[0], p)
		assert.ErrorIs(t, err, ErrBallotsMissing, "the ballots are sealed and this copy holds no key")
	})
	t.Run("key destroyed while the vote is open", func(t *testing.T) {
		ring := keyring.NewMemory()
		f, p := durableVote(t, 2, ring)
		require.NoError(t, f.g.Vote(f.members[0], p, Ballot{Options: []int{1}}))
		j := journal.NewMemory()
		require.NoError(t, f.g.Save(ctx, j))
		require.NoError(t, ring.Destroy(ctx, ProposalKeySubject(p)))
		g, err := Load(ctx, j, f.g.ID(), &Options{Keyring: ring})
		require.NoError(t, err)
		before := freezeAll(t, g)
		_, err = g.CloseProposal(stranger, p)
		assert.ErrorAs(t, err, new(*relationship.PartyError), "who may close is said first")
		_, err = g.CloseProposal(f.members[0], p)
		assert.ErrorIs(t, err, keyring.ErrKeyDestroyed)
		assertUnchanged(t, before.frozen, g)
	})
}

// TestSealedBallotsInTheRecordAreChecked replays records whose sealed
// ballots were tampered with: a sealed ballot in an open vote, one of
// another size, one moved to another voter, and closing commitments out
// of order or malformed.
func TestSealedBallotsInTheRecordAreChecked(t *testing.T) {
	ring := keyring.NewMemory()
	f, p := durableVote(t, 3, ring)
	for i, m := range f.members {
		require.NoError(t, f.g.Vote(m, p, Ballot{Options: []int{i % 2}}))
	}
	rec := slices.Collect(f.g.Record())
	replace := func(rec []relationship.Entry, i int, ev relationship.Event) []relationship.Entry {
		out := slices.Clone(rec)
		e, err := relationship.NewEntry(rec[i].Seq(), rec[i].Time(), rec[i].Actor(), rec[i].Act(), ev)
		require.NoError(t, err)
		out[i] = e
		return out
	}
	var votes []int
	for i, e := range rec {
		if _, ok := e.Event().(VoteCast); ok {
			votes = append(votes, i)
		}
	}
	require.Len(t, votes, 3)
	first := rec[votes[0]].Event().(VoteCast)

	short := first
	short.Sealed = first.Sealed[1:]
	_, err := Replay(slices.Values(replace(rec, votes[0], short)), nil)
	assert.ErrorIs(t, err, relationship.ErrInvalidEntry, "a sealed ballot of another size")

	swapped := slices.Clone(rec)
	a, b := rec[votes[0]].Event().(VoteCast), rec[votes[1]].Event().(VoteCast)
	a.Sealed, b.Sealed = b.Sealed, a.Sealed
	swapped = replace(replace(swapped, votes[0], a), votes[1], b)
	g, err := Replay(slices.Values(swapped), &Options{Keyring: ring})
	require.NoError(t, err, "a sealed ballot is opened at the close")
	_, err = g.CloseProposal(f.members[0], p)
	assert.ErrorIs(t, err, keyring.ErrDecrypt, "a sealed ballot moved to another voter does not open")

	d, err := f.g.CloseProposal(f.members[0], p)
	require.NoError(t, err)
	require.Len(t, d.Commitments, 3)
	rec = slices.Collect(f.g.Record())
	last := len(rec) - 1
	closed := rec[last].Event().(ProposalClosed)
	for name, mutate := range map[string]func(*ProposalClosed){
		"malformed":            func(c *ProposalClosed) { c.Commitments[0] = strings.ToUpper(c.Commitments[0]) },
		"too few":              func(c *ProposalClosed) { c.Commitments = c.Commitments[1:] },
		"ballots out of order": func(c *ProposalClosed) { c.Ballots[1], c.Ballots[2] = c.Ballots[2], c.Ballots[1] },
		"commitments of equal ballots out of order": func(c *ProposalClosed) {
			c.Commitments[0], c.Commitments[1] = c.Commitments[1], c.Commitments[0]
		},
	} {
		c := closed
		c.Commitments, c.Ballots = slices.Clone(closed.Commitments), slices.Clone(closed.Ballots)
		mutate(&c)
		_, err := Replay(slices.Values(replace(rec, last, c)), nil)
		assert.ErrorIs(t, err, ErrOutcomeMismatch, name)
	}
	open := Ballot{Vote: count.Yes}
	fo := newFixture(t, clubSpec(), 1)
	q, err := fo.g.Propose(fo.members[0], ProposalSpec{Title: "that we meet on Fridays", Rule: RuleSimpleMajority, Review: t0.AddDate(1, 0, 0)})
	require.NoError(t, err)
	require.NoError(t, fo.g.Vote(fo.members[0], q, open))
	orec := slices.Collect(fo.g.Record())
	ov := orec[len(orec)-1].Event().(VoteCast)
	ov.Sealed = make([]byte, keyring.Overhead)
	_, err = Replay(slices.Values(replace(orec, len(orec)-1, ov)), nil)
	assert.ErrorIs(t, err, relationship.ErrInvalidEntry, "a sealed ballot in an open vote")
}

// TestDecodeSealedRefuses checks the decoder of sealed ballots on every
// way the bytes can be wrong.
func TestDecodeSealedRefuses(t *testing.T) {
	sp := &ProposalSpec{Rule: RulePlurality, Options: []string{"a", "b"}}
	secret := bytes.Repeat([]byte{7}, secretSize)
	good := encodeSealed(Ballot{Options: []int{1}}, secret, 2)
	v, err := decodeSealed(good, sp)
	require.NoError(t, err)
	assert.Equal(t, Ballot{Options: []int{1}}, v.ballot)
	assert.Equal(t, secret, v.secret)
	for name, mutate := range map[string]func([]byte) []byte{
		"short":        func(b []byte) []byte { return b[1:] },
		"format":       func(b []byte) []byte { b[0] = 9; return b },
		"too many":     func(b []byte) []byte { b[7] = 3; return b },
		"bad option":   func(b []byte) []byte { b[11] = 5; return b },
		"wrong kind":   func(b []byte) []byte { b[1] = 1; return b },
		"repeated one": func(b []byte) []byte { b[7] = 2; b[15] = 1; return b },
	} {
		_, err := decodeSealed(mutate(slices.Clone(good)), sp)
		assert.ErrorIs(t, err, relationship.ErrInvalidEntry, name)
	}
}

// lineDiff returns the lines of a and b that differ.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			out = append(out, "- "+al[i], "+ "+bl[i])
		}
	}
	return strings.Join(out, "\n")
}

// TestDurableHiddenVote: a hidden (not secret) vote is sealed the same
// way, and its close, in a group loaded mid-vote, reveals each member's
// ballot with their name.
func TestDurableHiddenVote(t *testing.T) {
	ctx := context.Background()
	ring := keyring.NewMemory()
	f := newFixture(t, clubSpec(), 3)
	f.g.secrets.ring = ring
	p, err := f.g.Propose(f.members[0], ProposalSpec{Title: "that we meet on Fridays", Rule: RuleSimpleMajority,
		Hidden: true, Review: t0.AddDate(1, 0, 0)})
	require.NoError(t, err)
	votes := []count.Vote{count.Yes, count.No, count.Yes}
	for i, m := range f.members {
		rc, err := f.g.VoteWithReceipt(m, p, Ballot{Vote: votes[i]})
		require.ErrorIs(t, err, ErrNotSecret, "a hidden vote names its voters at the close: no receipt")
		assert.True(t, rc.IsZero())
		require.NoError(t, f.g.Vote(m, p, Ballot{Vote: votes[i]}))
	}
	j := journal.NewMemory()
	require.NoError(t, f.g.Save(ctx, j))
	g, err := Load(ctx, j, f.g.ID(), &Options{Keyring: ring})
	require.NoError(t, err)
	d, err := g.CloseProposal(f.members[0], p)
	require.NoError(t, err)
	assert.Equal(t, f.members, d.Voters)
	for i := range votes {
		assert.Equal(t, Ballot{Vote: votes[i]}, d.Ballots[i])
	}
	assert.Nil(t, d.Commitments)
	require.NoError(t, g.Save(ctx, j))
	_, err = ring.Key(ctx, ProposalKeySubject(p))
	assert.ErrorIs(t, err, keyring.ErrKeyDestroyed)
}

// BenchmarkSecretVote measures a secret vote cast in memory only and
// sealed into the record with a keyring (in memory, so that what is
// measured is the sealing, not a disk).
func BenchmarkSecretVote(b *testing.B) {
	for _, c := range []struct {
		name string
		ring keyring.Keyring
	}{{"box-only", nil}, {"sealed", keyring.NewMemory()}} {
		b.Run(c.name, func(b *testing.B) {
			f := newFixture(b, clubSpec(), 100)
			f.g.secrets.ring = c.ring
			p, err := f.g.Propose(f.members[0], ProposalSpec{Title: "Which summer camp?", Options: []string{"lake", "dunes", "farm", "river"},
				Rule: RuleInstantRunoff, Secret: true, Review: t0.AddDate(100, 0, 0)})
			require.NoError(b, err)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := f.g.VoteWithReceipt(f.members[i%100], p, Ballot{Options: []int{i % 4, (i + 1) % 4}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
