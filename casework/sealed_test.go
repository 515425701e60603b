package casework

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/keyring"
)

// rawContains reports which of the strings appear in the raw bytes of any
// file under dir.
func rawContains(t *testing.T, dir string, strs []string) []string {
	t.Helper()
	var found []string
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range strs {
			if bytes.Contains(b, []byte(s)) && !slices.Contains(found, s) {
				found = append(found, s)
			}
		}
		return nil
	}))
	return found
}

// TestSealedAtRest saves a case full of planted strings through a sealed
// file journal: no planted string is in the journal's bytes; the case
// loads back equal; the journal alone still replays it with the same
// measures; and after its key is destroyed the case still loads, its texts
// read as erased, its measures unchanged, and nothing can be recovered
// from the journal and keyring directories together.
func TestSealedAtRest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fj, err := journal.Open(filepath.Join(dir, "journal"), nil)
	require.NoError(t, err)
	defer fj.Close()
	ring, err := keyring.OpenFile(filepath.Join(dir, "keys"))
	require.NoError(t, err)
	sj := keyring.NewSealed(fj, ring, KeySubject)

	c, _ := confidentialCase(t)
	note := slices.Collect(c.Notes())[0].ID
	require.NoError(t, c.Save(ctx, sj))
	require.NoError(t, c.Agency().Save(ctx, sj))
	read, err := c.ReadNote(ctx, sj, idWorker, note)
	require.NoError(t, err)
	assert.Equal(t, "Notequill fears the landlord", read.Text())

	assert.Empty(t, rawContains(t, filepath.Join(dir, "journal"), planted), "plaintext in the journal's bytes")
	assert.NotEmpty(t, rawContains(t, filepath.Join(dir, "journal"), []string{c.ID().String(), "treatment"}),
		"identifiers and phases stay readable")

	loaded, err := Load(ctx, sj, c.ID(), nil)
	require.NoError(t, err)
	assert.Equal(t, c.Client(), loaded.Client())
	assert.Equal(t, c.Phase(), loaded.Phase())
	assert.Equal(t, c.Ledger().Metrics(), loaded.Ledger().Metrics())

	// Without keys: the journal alone replays and measures.
	var entries []relationship.Entry
	for e, err := range fj.Read(ctx, StreamName(c.ID()), 0) {
		require.NoError(t, err)
		entries = append(entries, e)
	}
	bare, err := Replay(slices.Values(entries), nil)
	require.NoError(t, err)
	assert.Equal(t, c.Phase(), bare.Phase())
	assert.Equal(t, c.Ledger().Metrics(), bare.Ledger().Metrics())
	assert.Equal(t, slices.Collect(c.PhaseHistory()), slices.Collect(bare.PhaseHistory()))
	assert.Equal(t, c.Client().ID(), bare.Client().ID())

	// Erasure.
	subject, _ := KeySubject(StreamName(c.ID()))
	require.NoError(t, sj.Forget(ctx, subject))
	assert.ErrorIs(t, sj.Erased(ctx, StreamName(c.ID())), keyring.ErrKeyDestroyed)
	assert.Empty(t, rawContains(t, dir, planted), "plaintext in the journal and keyring together")
	erased, err := Load(ctx, sj, c.ID(), nil)
	require.NoError(t, err, "an erased case still loads")
	assert.Equal(t, keyring.ErasedText, erased.Client().Name())
	assert.Equal(t, keyring.ErasedText, erased.Client().PresentingProblem())
	assert.Equal(t, c.Phase(), erased.Phase())
	assert.Equal(t, c.Ledger().Metrics(), erased.Ledger().Metrics(), "every measure is unchanged")
	assert.Equal(t, slices.Collect(c.PhaseHistory()), slices.Collect(erased.PhaseHistory()))
	for g := range erased.Goals() {
		assert.Equal(t, keyring.ErasedText, g.Description())
	}
	text, err := erased.ReadNote(ctx, sj, idWorker, note)
	assert.Error(t, err, "an erased case's access log cannot be written")
	assert.Empty(t, text.Text())
	_, err = erased.WriteNote(idWorker, "a closing summary")
	require.NoError(t, err)
	assert.ErrorIs(t, erased.Save(ctx, sj), keyring.ErrKeyDestroyed, "an erased record is closed")
}
