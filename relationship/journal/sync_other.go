//go:build !linux

package journal

import "os"

// datasync flushes a file's data and metadata: fsync(2), or what
// [os.File.Sync] does on this system (F_FULLFSYNC on macOS).
func datasync(f *os.File) error {
	return f.Sync()
}
