package journal

import (
	"hash/crc32"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRangeSums checks the CRC-32C of random ranges of a file, derived
// from running sums, against the CRC-32C of their bytes.
func TestRangeSums(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	data := make([]byte, 5000)
	rng.Read(data)
	path := filepath.Join(t.TempDir(), "data")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	file, err := os.Open(path)
	require.NoError(t, err)
	defer file.Close()
	const base = 7
	r, err := newRangeSums(file, base, int64(len(data)))
	require.NoError(t, err)
	for range 500 {
		a := base + rng.Intn(len(data)-base)
		b := a + rng.Intn(len(data)-a+1)
		seed := rng.Uint32()
		got, err := r.sum(seed, int64(a), int64(b))
		require.NoError(t, err)
		assert.Equal(t, crc32.Update(seed, castagnoli, data[a:b]), got, "range %d to %d", a, b)
	}
	assert.Equal(t, crc32.Checksum(data[:100], castagnoli), combineCRC(crc32.Checksum(data[:40], castagnoli), crc32.Checksum(data[40:100], castagnoli), 60))
}
