package keyring_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
)

// shelfNote is a test relationship's confidential event.
type shelfNote struct {
	Shelf int    `json:"shelf"`
	Text  string `json:"text"`
}

func (shelfNote) EventType() string { return "keyringtest.shelf-note.v1" }

func (e shelfNote) MapText(f func(string) (string, error)) (relationship.Event, error) {
	t, err := f(e.Text)
	if err != nil {
		return nil, err
	}
	e.Text = t
	return e, nil
}

func init() { relationship.RegisterEvent[shelfNote]() }

var actor = relationship.MustParsePartyID("018f0000-0000-7000-8000-000000000001")

func entry(t *testing.T, seq uint64, text string) relationship.Entry {
	t.Helper()
	e, err := relationship.NewEntry(seq, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), actor, "write-note", shelfNote{Shelf: int(seq), Text: text})
	require.NoError(t, err)
	return e
}

func subjects(stream string) (string, bool) { return "s-" + stream, stream != "public" }

func readAll(t *testing.T, j relationship.Journal, stream string) []shelfNote {
	t.Helper()
	var out []shelfNote
	for e, err := range j.Read(context.Background(), stream, 0) {
		require.NoError(t, err)
		out = append(out, e.Event().(shelfNote))
	}
	return out
}

func TestSealedJournal(t *testing.T) {
	ctx := context.Background()
	inner := journal.NewMemory()
	ring := keyring.NewMemory()
	sj := keyring.NewSealed(inner, ring, subjects)
	require.NoError(t, inner.Append(ctx, relationship.Append{Stream: "old", Entries: []relationship.Entry{entry(t, 1, "written before sealing")}}))
	require.NoError(t, sj.Append(ctx,
		relationship.Append{Stream: "private", Entries: []relationship.Entry{entry(t, 1, "Secretquill one"), entry(t, 2, "Secretquill two")}},
		relationship.Append{Stream: "public", Entries: []relationship.Entry{entry(t, 1, "open text")}}))

	assert.Equal(t, []shelfNote{{1, "Secretquill one"}, {2, "Secretquill two"}}, readAll(t, sj, "private"))
	assert.Equal(t, []shelfNote{{1, "open text"}}, readAll(t, sj, "public"))
	assert.Equal(t, []shelfNote{{1, "written before sealing"}}, readAll(t, sj, "old"))
	for _, n := range readAll(t, inner, "private") {
		assert.NotContains(t, n.Text, "Secretquill", "the journal below holds sealed text")
	}
	assert.Equal(t, 2, readAll(t, inner, "private")[1].Shelf, "other fields stay readable")

	feed := map[string][]string{}
	for fe, err := range sj.Feed(ctx, 0) {
		require.NoError(t, err)
		feed[fe.Stream] = append(feed[fe.Stream], fe.Entry.Event().(shelfNote).Text)
	}
	assert.Equal(t, []string{"Secretquill one", "Secretquill two"}, feed["private"])

	require.NoError(t, sj.SaveSnapshot(ctx, "private", relationship.Snapshot{Version: 2, Type: "shelf", Data: []byte("Secretquill state")}))
	raw, ok, err := inner.LoadSnapshot(ctx, "private")
	require.NoError(t, err)
	require.True(t, ok)
	assert.False(t, bytes.Contains(raw.Data, []byte("Secretquill")))
	snap, ok, err := sj.LoadSnapshot(ctx, "private")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "Secretquill state", string(snap.Data))

	require.NoError(t, sj.Erased(ctx, "private"))
	require.NoError(t, sj.Forget(ctx, "s-private"))
	var ke *keyring.KeyError
	require.ErrorAs(t, sj.Erased(ctx, "private"), &ke)
	assert.Equal(t, "s-private", ke.Subject)
	assert.ErrorIs(t, ke, keyring.ErrKeyDestroyed)
	assert.Equal(t, []shelfNote{{1, keyring.ErasedText}, {2, keyring.ErasedText}}, readAll(t, sj, "private"))
	_, ok, err = sj.LoadSnapshot(ctx, "private")
	require.NoError(t, err)
	assert.False(t, ok, "an erased snapshot is not returned: the aggregate replays")
	err = sj.Append(ctx, relationship.Append{Stream: "private", Expected: 2, Entries: []relationship.Entry{entry(t, 3, "more")}})
	assert.ErrorIs(t, err, keyring.ErrKeyDestroyed)
}

// TestSealedTampered moves a sealed text to another entry: it does not
// open there, and the read says which stream.
func TestSealedTampered(t *testing.T) {
	ctx := context.Background()
	inner := journal.NewMemory()
	sj := keyring.NewSealed(inner, keyring.NewMemory(), subjects)
	require.NoError(t, sj.Append(ctx, relationship.Append{Stream: "a", Entries: []relationship.Entry{entry(t, 1, "Secretquill")}}))
	sealed := readAll(t, inner, "a")[0].Text
	b, _ := json.Marshal(sealed)
	require.NotContains(t, string(b), "Secretquill")
	require.NoError(t, inner.Append(ctx, relationship.Append{Stream: "b", Entries: []relationship.Entry{entry(t, 1, sealed)}}))
	for _, err := range sj.Read(ctx, "b", 0) {
		assert.ErrorIs(t, err, relationship.ErrInvalidEntry)
		assert.ErrorContains(t, err, "stream b")
	}
}

// TestSealedTooLong refuses, when saving, a text whose sealed form would
// not read back, and keeps one at the limit.
func TestSealedTooLong(t *testing.T) {
	ctx := context.Background()
	inner, err := journal.Open(t.TempDir(), nil)
	require.NoError(t, err)
	defer inner.Close()
	sj := keyring.NewSealed(inner, keyring.NewMemory(), subjects)
	require.LessOrEqual(t, keyring.SealedLen(keyring.MaxSealedText), relationship.MaxTextSize)
	require.Greater(t, keyring.SealedLen(keyring.MaxSealedText+1), relationship.MaxTextSize)
	err = sj.Append(ctx, relationship.Append{Stream: "a", Entries: []relationship.Entry{entry(t, 1, strings.Repeat("a", keyring.MaxSealedText+1))}})
	assert.ErrorIs(t, err, relationship.ErrTooLarge)
	var ee *relationship.EntryError
	assert.ErrorAs(t, err, &ee)
	v, err := inner.Version(ctx, "a")
	require.NoError(t, err)
	assert.Zero(t, v, "nothing was written")
	require.NoError(t, sj.Append(ctx, relationship.Append{Stream: "a", Entries: []relationship.Entry{entry(t, 1, strings.Repeat("a", keyring.MaxSealedText))}}))
	assert.Len(t, readAll(t, sj, "a")[0].Text, keyring.MaxSealedText, "a text at the limit reads back")
}

// shelves anchors "intake-<x>" at itself and "log-<x>" at "intake-<x>":
// both are sealed under the key of the shelf the intake's first entry
// names, so two intakes on one shelf share one key.
var shelves = keyring.Anchors{
	Anchor: func(stream string) (string, bool) {
		if x, ok := strings.CutPrefix(stream, "log-"); ok {
			return "intake-" + x, true
		}
		return stream, strings.HasPrefix(stream, "intake-")
	},
	Subject: func(first relationship.Entry) (string, bool) {
		n, ok := first.Event().(shelfNote)
		return "shelf-" + strconv.Itoa(n.Shelf), ok
	},
}

func shelfEntry(t *testing.T, seq uint64, shelf int, text string) relationship.Entry {
	t.Helper()
	e, err := relationship.NewEntry(seq, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), actor, "write-note", shelfNote{Shelf: shelf, Text: text})
	require.NoError(t, err)
	return e
}

// rawTexts returns the texts of stream as the journal below keeps them.
func rawTexts(t *testing.T, j relationship.Journal, stream string) []string {
	t.Helper()
	var out []string
	for _, n := range readAll(t, j, stream) {
		out = append(out, n.Text)
	}
	return out
}

// TestSealedAnchored seals new texts under the key the anchor's first
// entry names, keeps texts sealed the old way (under the stream's own
// subject) open, and erases a stream only when every key that sealed it is
// destroyed.
func TestSealedAnchored(t *testing.T) {
	ctx := context.Background()
	inner := journal.NewMemory()
	ring := keyring.NewMemory()

	// Written the old way: one key per stream.
	old := keyring.NewSealed(inner, ring, subjects)
	require.NoError(t, old.Append(ctx, relationship.Append{Stream: "intake-a", Entries: []relationship.Entry{shelfEntry(t, 1, 7, "Oldquill")}}))
	require.NoError(t, old.SaveSnapshot(ctx, "intake-a", relationship.Snapshot{Version: 1, Type: "shelf", Data: []byte("Oldquill state")}))

	sj := keyring.NewSealedAnchored(inner, ring, subjects, shelves)
	require.NoError(t, sj.Append(ctx,
		relationship.Append{Stream: "intake-a", Expected: 1, Entries: []relationship.Entry{shelfEntry(t, 2, 7, "Newquill a")}},
		relationship.Append{Stream: "log-a", Entries: []relationship.Entry{shelfEntry(t, 1, 0, "Logquill a")}}))
	// A second intake on shelf 7, its log written in the same append.
	require.NoError(t, sj.Append(ctx,
		relationship.Append{Stream: "log-b", Entries: []relationship.Entry{shelfEntry(t, 1, 0, "Logquill b")}},
		relationship.Append{Stream: "intake-b", Entries: []relationship.Entry{shelfEntry(t, 1, 7, "Newquill b")}}))
	// Another shelf's intake.
	require.NoError(t, sj.Append(ctx, relationship.Append{Stream: "intake-c", Entries: []relationship.Entry{shelfEntry(t, 1, 9, "Otherquill")}}))

	assert.Equal(t, []shelfNote{{7, "Oldquill"}, {7, "Newquill a"}}, readAll(t, sj, "intake-a"), "old and new texts open")
	assert.Equal(t, []shelfNote{{0, "Logquill b"}}, readAll(t, sj, "log-b"))
	raw := rawTexts(t, inner, "intake-a")
	assert.True(t, strings.HasPrefix(raw[0], "sealed:v1:"), "the old text is as it was written")
	assert.True(t, strings.HasPrefix(raw[1], "sealed:v2:"), "the new text is sealed under the shelf's key")
	for _, s := range []string{"intake-a", "log-a", "intake-b", "log-b", "intake-c"} {
		for _, text := range rawTexts(t, inner, s) {
			assert.NotContains(t, text, "quill")
		}
	}
	got, err := sj.StreamSubjects(ctx, "log-b")
	require.NoError(t, err)
	assert.Equal(t, []string{"shelf-7", "s-log-b"}, got)
	got, err = sj.StreamSubjects(ctx, "public")
	require.NoError(t, err)
	assert.Empty(t, got)

	snap, ok, err := sj.LoadSnapshot(ctx, "intake-a")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "Oldquill state", string(snap.Data), "a snapshot sealed the old way opens")
	require.NoError(t, sj.SaveSnapshot(ctx, "intake-b", relationship.Snapshot{Version: 1, Type: "shelf", Data: []byte("Newquill state")}))
	snap, ok, err = sj.LoadSnapshot(ctx, "intake-b")
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "Newquill state", string(snap.Data))
	// A fresh journal on the same record learns the anchors from the journal below.
	fresh := keyring.NewSealedAnchored(inner, ring, subjects, shelves)
	assert.Equal(t, []shelfNote{{0, "Logquill a"}}, readAll(t, fresh, "log-a"))

	// Destroying the shelf's key erases every new text on that shelf, in
	// every stream; the old text still needs its own key destroyed.
	require.NoError(t, sj.Forget(ctx, "shelf-7"))
	fresh = keyring.NewSealedAnchored(inner, ring, subjects, shelves)
	for _, j := range []*keyring.Sealed{sj, fresh} {
		assert.Equal(t, []shelfNote{{7, "Oldquill"}, {7, keyring.ErasedText}}, readAll(t, j, "intake-a"))
		assert.Equal(t, []shelfNote{{7, keyring.ErasedText}}, readAll(t, j, "intake-b"))
		assert.Equal(t, []shelfNote{{0, keyring.ErasedText}}, readAll(t, j, "log-a"))
		assert.Equal(t, []shelfNote{{9, "Otherquill"}}, readAll(t, j, "intake-c"), "another shelf is untouched")
		assert.ErrorIs(t, j.Erased(ctx, "log-b"), keyring.ErrKeyDestroyed)
		require.NoError(t, j.Erased(ctx, "intake-c"))
	}
	_, ok, err = sj.LoadSnapshot(ctx, "intake-b")
	require.NoError(t, err)
	assert.False(t, ok, "an erased snapshot is not returned")
	feed := map[string][]string{}
	for fe, err := range fresh.Feed(ctx, 0) {
		require.NoError(t, err)
		feed[fe.Stream] = append(feed[fe.Stream], fe.Entry.Event().(shelfNote).Text)
	}
	assert.Equal(t, []string{"Oldquill", keyring.ErasedText}, feed["intake-a"])
	err = sj.Append(ctx, relationship.Append{Stream: "log-a", Expected: 1, Entries: []relationship.Entry{shelfEntry(t, 2, 0, "more")}})
	assert.ErrorIs(t, err, keyring.ErrKeyDestroyed, "an erased record is closed")

	require.NoError(t, sj.Forget(ctx, "s-intake-a"))
	assert.Equal(t, []shelfNote{{7, keyring.ErasedText}, {7, keyring.ErasedText}}, readAll(t, sj, "intake-a"))
	_, ok, err = sj.LoadSnapshot(ctx, "intake-a")
	require.NoError(t, err)
	assert.False(t, ok)
}

// TestSealedAnchoredNil: nil subjects and empty anchors seal nothing; a
// nil journal's subjects are an error, not a panic.
func TestSealedAnchoredNil(t *testing.T) {
	ctx := context.Background()
	inner := journal.NewMemory()
	sj := keyring.NewSealedAnchored(inner, keyring.NewMemory(), nil, keyring.Anchors{})
	require.NoError(t, sj.Append(ctx, relationship.Append{Stream: "intake-a", Entries: []relationship.Entry{shelfEntry(t, 1, 7, "plain")}}))
	assert.Equal(t, []string{"plain"}, rawTexts(t, inner, "intake-a"))
	got, err := sj.StreamSubjects(ctx, "intake-a")
	require.NoError(t, err)
	assert.Empty(t, got)
	var none *keyring.Sealed
	_, err = none.StreamSubjects(ctx, "intake-a")
	assert.ErrorIs(t, err, relationship.ErrNil)
}
