package keyring_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship/keyring"
	"github.com/helpingwork/helping/relationship/keyringtest"
)

func TestMemoryConforms(t *testing.T) {
	keyringtest.Run(t, func(*testing.T) keyring.Keyring { return keyring.NewMemory() })
}

func TestFileConforms(t *testing.T) {
	keyringtest.Run(t, func(t *testing.T) keyring.Keyring {
		k, err := keyring.OpenFile(filepath.Join(t.TempDir(), "keys"))
		require.NoError(t, err)
		return k
	})
}

// TestFileModes checks that only the owner can read the keyring.
func TestFileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	r, err := keyring.OpenFile(dir)
	require.NoError(t, err)
	_, err = r.Create(context.Background(), "client-1")
	require.NoError(t, err)
	fi, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o700), fi.Mode().Perm())
	fi, err = os.Stat(filepath.Join(dir, "client-1.key"))
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), fi.Mode().Perm())
}

// TestFileSurvivesReopen opens a keyring's directory again: keys and
// erasures are as they were.
func TestFileSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	r, err := keyring.OpenFile(dir)
	require.NoError(t, err)
	k, err := r.Create(ctx, "client-1")
	require.NoError(t, err)
	_, err = r.Create(ctx, "client-2")
	require.NoError(t, err)
	require.NoError(t, r.Destroy(ctx, "client-2"))
	sealed, err := k.Seal([]byte("note"), []byte("aad"))
	require.NoError(t, err)

	again, err := keyring.OpenFile(dir)
	require.NoError(t, err)
	k2, err := again.Key(ctx, "client-1")
	require.NoError(t, err)
	plain, err := k2.Open(sealed, []byte("aad"))
	require.NoError(t, err)
	assert.Equal(t, "note", string(plain))
	_, err = again.Key(ctx, "client-2")
	assert.ErrorIs(t, err, keyring.ErrKeyDestroyed)
}

// TestFileDestroyRemovesMaterial reads the key file's bytes before
// destroying it, then searches every file left in the directory for them.
func TestFileDestroyRemovesMaterial(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	r, err := keyring.OpenFile(dir)
	require.NoError(t, err)
	_, err = r.Create(ctx, "client-1")
	require.NoError(t, err)
	raw, err := os.ReadFile(filepath.Join(dir, "client-1.key"))
	require.NoError(t, err)
	material := raw[4 : 4+keyring.KeySize]
	require.NoError(t, r.Destroy(ctx, "client-1"))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		assert.False(t, bytes.Contains(b, material), "key material left in %s", e.Name())
		assert.NotEqual(t, "client-1.key", e.Name())
	}
	_, err = os.Stat(filepath.Join(dir, "client-1.erased"))
	assert.NoError(t, err, "the erasure is recorded")
}

// TestFileCorrupt refuses a key file whose bytes were changed.
func TestFileCorrupt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	r, err := keyring.OpenFile(dir)
	require.NoError(t, err)
	_, err = r.Create(ctx, "client-1")
	require.NoError(t, err)
	path := filepath.Join(dir, "client-1.key")
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, bad := range [][]byte{raw[:10], append([]byte("XXXX"), raw[4:]...), flip(raw, 9)} {
		require.NoError(t, os.WriteFile(path, bad, 0o600))
		_, err = r.Key(ctx, "client-1")
		assert.ErrorIs(t, err, keyring.ErrCorrupt)
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 1
	return c
}

// TestOpenFileNotADirectory refuses a path that is a file.
func TestOpenFileNotADirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, nil, 0o600))
	_, err := keyring.OpenFile(path)
	assert.Error(t, err)
}

// TestSealTampered changes one byte of sealed data: it does not open.
func TestSealTampered(t *testing.T) {
	k, err := keyring.NewMemory().Create(context.Background(), "client-1")
	require.NoError(t, err)
	sealed, err := k.Seal([]byte("note"), []byte("aad"))
	require.NoError(t, err)
	assert.Len(t, sealed, len("note")+keyring.Overhead)
	for i := range sealed {
		_, err := k.Open(flip(sealed, i), []byte("aad"))
		assert.ErrorIs(t, err, keyring.ErrDecrypt, "byte %d", i)
	}
	_, err = k.Open(sealed, []byte("other"))
	assert.ErrorIs(t, err, keyring.ErrDecrypt)
	_, err = k.Open(sealed[:5], nil)
	assert.ErrorIs(t, err, keyring.ErrDecrypt)
	_, err = keyring.Key{}.Seal(nil, nil)
	assert.ErrorIs(t, err, keyring.ErrNoKey)
	_, err = keyring.Key{}.Open(sealed, nil)
	assert.ErrorIs(t, err, keyring.ErrNoKey)
}
