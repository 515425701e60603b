//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package journal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// flockAvailable says whether the lock is an flock(2), which removing the
// LOCK file does not release.
const flockAvailable = false

// dirLock is the journal's lock: the LOCK file, created by lockDir.
type dirLock struct {
	file *os.File
}

// lockDir takes the journal's lock where flock(2) is not available: it
// creates the LOCK file exclusively and removes it on Close. A crash leaves
// the file behind; the error then says to remove it by hand once no other
// program uses the journal. On these systems, unlike those with flock(2),
// removing the file while a journal is open defeats the lock.
func lockDir(dir string) (*dirLock, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%w: %s exists in %s (if no program has the journal open, a crash left it: remove it)", ErrLocked, lockName, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("journal: create lock file: %w", err)
	}
	if _, err := f.WriteString(strconv.Itoa(os.Getpid()) + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("journal: write lock file: %w", err)
	}
	return &dirLock{file: f}, nil
}

// unlockDir releases the lock taken by lockDir.
func unlockDir(l *dirLock) error {
	f := l.file
	err := f.Close()
	if rerr := os.Remove(f.Name()); err == nil {
		err = rerr
	}
	return err
}

// syncDir does nothing on these systems, which offer no portable way to
// sync a directory: a newly created segment is durable once the system
// writes the directory back on its own.
func syncDir(string) error { return nil }
