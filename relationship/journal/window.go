package journal

import (
	"errors"
	"io"
	"os"
	"sync"
)

// windowSize is how much a window reads at once.
const windowSize = 64 << 10

// window reads a file through a buffer, so that reading frames in order
// costs one system call per window, not per frame.
type window struct {
	f     *os.File
	buf   []byte
	start int64 // the offset of buf[0] in the file
	n     int   // bytes of buf read from the file
}

var windows = sync.Pool{New: func() any { return &window{buf: make([]byte, windowSize)} }}

func getWindow() *window { return windows.Get().(*window) }

func putWindow(w *window) {
	w.reset(nil)
	if cap(w.buf) <= 4*windowSize {
		windows.Put(w)
	}
}

// reset points the window at another file.
func (w *window) reset(f *os.File) {
	w.f, w.start, w.n = f, 0, 0
}

// at returns the n bytes at off, or fewer if the file ends first. The bytes
// are valid until the next call.
func (w *window) at(off int64, n int) ([]byte, error) {
	if off >= w.start && off+int64(n) <= w.start+int64(w.n) {
		return w.buf[off-w.start:][:n], nil
	}
	size := max(windowSize, n)
	if cap(w.buf) < size {
		w.buf = make([]byte, size)
	}
	w.buf = w.buf[:size]
	k, err := w.f.ReadAt(w.buf, off)
	if err != nil && !errors.Is(err, io.EOF) {
		w.n = 0
		return nil, err
	}
	w.start, w.n = off, k
	return w.buf[:min(n, k)], nil
}
