package journal

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// smallFileSystem mounts a tmpfs of 256 KiB in a temporary directory, and
// unmounts it when the test ends. It skips the test, saying why, where it
// cannot: mounting needs Linux and root.
func smallFileSystem(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("needs a 256 KiB file system: mounts a tmpfs, which only Linux has")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs a 256 KiB file system: mounting a tmpfs needs root (run the tests as root, as CI does)")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
		t.Skipf("needs a 256 KiB file system: mount tmpfs: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// TestAppendsOnAFullDisk appends to a journal on a 256 KiB file system
// until it is full: the zeros the journal writes ahead of its data do not
// fit from the start, yet appends succeed until the data itself does not
// fit; then they fail with an error wrapping ErrNoSpace and ENOSPC, and
// the journal is unchanged; once a file is deleted they succeed again,
// and everything acknowledged reads back after Open.
func TestAppendsOnAFullDisk(t *testing.T) {
	fs := smallFileSystem(t)
	ctx := context.Background()
	filler := filepath.Join(fs, "filler")
	require.NoError(t, os.WriteFile(filler, make([]byte, 64<<10), 0o600))
	dir := filepath.Join(fs, "journal")
	f, err := Open(dir, nil) // 1 MiB of zeros ahead of the data never fit
	require.NoError(t, err)

	var stored []relationship.Entry
	appendOne := func() error {
		e := journaltest.TextEntry(1, len(stored), uint64(len(stored)+1), strings.Repeat("x", 900))
		err := f.Append(ctx, to("case", uint64(len(stored)), e))
		if err == nil {
			stored = append(stored, e)
		}
		return err
	}
	for err = appendOne(); err == nil; err = appendOne() {
		require.Less(t, len(stored), 1000, "the file system never filled")
	}
	t.Logf("%d appends fit; then: %v", len(stored), err)
	assert.Greater(t, len(stored), 100, "appends succeed while their data fits")
	require.ErrorIs(t, err, ErrNoSpace)
	assert.ErrorIs(t, err, syscall.ENOSPC)
	assert.NotErrorIs(t, err, ErrBroken)
	assert.ErrorIs(t, appendOne(), ErrNoSpace, "still full")
	assert.Equal(t, stored, journaltest.ReadAll(t, f, "case", 1), "a refused append leaves nothing")

	require.NoError(t, os.Remove(filler))
	for range 10 {
		require.NoError(t, appendOne(), "appends succeed again once space is freed")
	}
	require.NoError(t, f.Close())

	f, err = Open(dir, nil)
	require.NoError(t, err)
	defer f.Close()
	assert.Empty(t, f.Recovered())
	assert.Equal(t, map[string][]relationship.Entry{"case": stored}, journaltest.Contents(t, f))
	var sizes int64
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range ents {
		info, err := e.Info()
		require.NoError(t, err)
		sizes += info.Size()
	}
	t.Logf("the journal holds %d entries in %d bytes", len(stored), sizes)
}
