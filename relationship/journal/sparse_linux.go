package journal

import (
	"errors"
	"os"
	"syscall"
)

// Linux's fallocate(2) modes and lseek(2) whence, which package syscall
// does not name.
const (
	fallocKeepSize  = 0x01
	fallocPunchHole = 0x02
	seekData        = 3
)

// punchZeros gives back to the file system the blocks of a segment from
// off to end, which hold zeros the journal wrote ahead of its data: they
// become a hole, which reads as zeros, and the file keeps its size. Open
// then finds the end of the data without reading them (see dataFrom). It
// is only an economy: where the file system cannot punch holes, the zeros
// stay.
func punchZeros(f *os.File, off, end int64) {
	const block = 4096
	off = (off + block - 1) / block * block
	if end <= off {
		return
	}
	conn, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = conn.Control(func(fd uintptr) {
		_ = syscall.Fallocate(int(fd), fallocPunchHole|fallocKeepSize, off, end-off)
	})
}

// dataFrom returns the offset of the first byte at or after off that is
// not in a hole, as lseek(2) with SEEK_DATA finds it: every byte between
// off and it is zero. It returns off itself when it cannot tell.
func dataFrom(f *os.File, off int64) int64 {
	conn, err := f.SyscallConn()
	if err != nil {
		return off
	}
	q := off
	_ = conn.Control(func(fd uintptr) {
		n, err := syscall.Seek(int(fd), off, seekData)
		switch {
		case err == nil && n > off:
			q = n
		case errors.Is(err, syscall.ENXIO): // no data after off
			if st, serr := f.Stat(); serr == nil {
				q = max(off, st.Size())
			}
		}
	})
	return q
}
