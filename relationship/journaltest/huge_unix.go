//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package journaltest

import (
	"syscall"
	"testing"
)

// hugeData returns n zero bytes that cost no memory until they are read: a
// private, read-only mapping of no file, which the test unmaps when it
// ends. A journal must refuse data this large by its length, without
// touching it.
func hugeData(t *testing.T, n int) []byte {
	t.Helper()
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("cannot map %d bytes: %v", n, err)
	}
	t.Cleanup(func() { _ = syscall.Munmap(b) })
	return b
}
