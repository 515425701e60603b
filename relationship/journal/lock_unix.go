//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// flockAvailable says whether the lock is an flock(2), which removing the
// LOCK file does not release.
const flockAvailable = true

// dirLock is the journal's lock: the directory and the LOCK file, each
// open and locked.
type dirLock struct {
	dir, file *os.File
}

// lockDir takes the journal's lock: an exclusive flock(2) on the journal's
// directory itself, which every Open must lock and no one can delete while
// the journal is in it, and one on the LOCK file, which versions of this
// package before format version 3 lock. The kernel drops them when the
// files are closed or the process ends, so a crash never leaves a stale
// lock. flock locks belong to the open file, so a second Open in the same
// process is refused as well.
func lockDir(dir string) (*dirLock, error) {
	d, err := flockPath(dir, dir, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	f, err := flockPath(dir, filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE)
	if err != nil {
		d.Close()
		return nil, err
	}
	return &dirLock{dir: d, file: f}, nil
}

// flockPath opens path with flag and takes an exclusive flock on it.
func flockPath(dir, path string, flag int) (*os.File, error) {
	f, err := os.OpenFile(path, flag, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal: open %s to lock it: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s holds a lock on %s", ErrLocked, dir, filepath.Base(path))
		}
		return nil, fmt.Errorf("journal: lock %s: %w", path, err)
	}
	return f, nil
}

// unlockDir releases the lock taken by lockDir.
func unlockDir(l *dirLock) error {
	return errors.Join(l.file.Close(), l.dir.Close())
}

// syncDir makes the directory's entries durable: a file created or renamed
// in it survives a crash only once its directory is synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
