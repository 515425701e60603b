//go:build !linux

package journal

import "os"

// fingerprintOf returns what identifies the contents of a file as they
// were when the index checkpoint was written: here, where the change time
// and the inode are not portably at hand, its size and modification time.
func fingerprintOf(info os.FileInfo) fingerprint {
	return fingerprint{size: info.Size(), mtime: info.ModTime().UnixNano()}
}
