//go:build linux

package journal

import (
	"os"
	"syscall"
)

// fingerprintOf returns what identifies the contents of a file as they
// were when the index checkpoint was written: its device and inode, its
// size, and its modification and change times. Every write to a file moves
// its change time, which no program can set back, and a file replaced by
// another has another inode or another change time.
func fingerprintOf(info os.FileInfo) fingerprint {
	fp := fingerprint{size: info.Size(), mtime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		fp.dev, fp.ino = uint64(st.Dev), uint64(st.Ino)
		fp.ctime = int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec)
	}
	return fp
}
