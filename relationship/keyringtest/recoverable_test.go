package keyringtest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship/keyringtest"
)

func TestRecoverable(t *testing.T) {
	journal, keys := t.TempDir(), t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(journal, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(journal, "sub", "00000001.seg"), []byte("..Anna Kowalski.."), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(keys, "client-1.key"), []byte{0, 0xff, 'k', 0}, 0o600))

	planted := []string{"owes the landlord", "Anna Kowalski", string([]byte{0xff, 'k'}), "Anna Kowalski"}
	assert.Equal(t, []string{"Anna Kowalski"}, keyringtest.Recoverable(t, planted, journal), "found once, in the order planted")
	assert.Equal(t, []string{"Anna Kowalski", string([]byte{0xff, 'k'})}, keyringtest.Recoverable(t, planted, journal, keys),
		"bytes that are not text are found too")
	assert.Empty(t, keyringtest.Recoverable(t, planted[:1], journal, keys))
	assert.Empty(t, keyringtest.Recoverable(t, nil, journal))
}
