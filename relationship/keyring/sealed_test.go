package keyring_test

import (
	"bytes"
	"context"
	"encoding/json"
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
