package keyringtest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// Recoverable returns the planted strings that appear in the raw bytes of
// any file under the directories, in the order planted. It is the check
// that sealing works at rest: plant distinctive strings in a client's name
// and notes, save the record through a sealed journal, and expect none of
// them in the journal's directory; forget the client, and expect none in
// the journal's and keyring's directories together. A planted string may
// be any bytes (a key, a ballot's encoding), not only text.
func Recoverable(t testing.TB, planted []string, dirs ...string) []string {
	t.Helper()
	found := make([]bool, len(planted))
	for _, dir := range dirs {
		require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for i, s := range planted {
				found[i] = found[i] || bytes.Contains(b, []byte(s))
			}
			return nil
		}))
	}
	var out []string
	for i, s := range planted {
		if found[i] && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
