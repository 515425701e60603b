package journal

import (
	"os"
	"syscall"
)

// datasync flushes a file's data and the metadata needed to read it back
// (its size, its blocks), but not its times: fdatasync(2). Appends write
// into zeros the segment already holds, so this is all a sync needs.
func datasync(f *os.File) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	cerr := conn.Control(func(fd uintptr) {
		for {
			err = syscall.Fdatasync(int(fd))
			if err != syscall.EINTR {
				return
			}
		}
	})
	if cerr != nil {
		return cerr
	}
	return err
}
