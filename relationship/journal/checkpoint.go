package journal

import (
	"bufio"
	"crypto/hmac"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// The index checkpoint format, version 1. The package documentation
// describes it for readers; the constants and functions here are its
// definition.
const (
	// indexName is the index checkpoint file in the journal's directory.
	indexName = "INDEX"
	// indexMagic opens the index checkpoint.
	indexMagic = "HLPINDX\x00"
	// indexFormat is the version of the checkpoint format this package
	// writes and reads. A checkpoint of another version counts as none.
	indexFormat = 1
	// indexHeaderSize is the size of the checkpoint's header: magic (8
	// bytes), format version (4), reserved (4), directory length (8),
	// CRC-32C of the 24 bytes before it (4).
	indexHeaderSize = 28
	// indexSegmentSize is the size of a segment's record in the directory:
	// format version (4), covered end (8), device (8), inode (8), size
	// (8), modification time (8), change time (8).
	indexSegmentSize = 52
	// locSize is the size of a location: segment index, offset, size, 4
	// bytes each.
	locSize = 12
	// markEvery is how many feed positions apart the checkpoint marks
	// where a frame is: the feed walks frame by frame from the mark at or
	// before the position it starts from.
	markEvery = 1024
	// maxIndexDir bounds the directory Open reads at once.
	maxIndexDir = 1 << 30
)

// fingerprint identifies a segment file's contents as they were when the
// checkpoint was written; fingerprintOf makes one.
type fingerprint struct {
	dev, ino           uint64
	size, mtime, ctime int64
}

// checkpoint is the decoded directory of an index checkpoint: what Open
// needs to trust the segments it covers without reading them.
type checkpoint struct {
	segs []ckSegment
	// feed is the number of frames covered, feedBeforeLast those in
	// segments before the last one covered.
	feed, feedBeforeLast uint64
	marks                []loc // where frames 1, 1+markEvery, 1+2*markEvery... are, when writing
	marksOff             int64 // where the marks begin in the file
	streams              []ckStream
}

// ckSegment is a segment as the checkpoint covers it.
type ckSegment struct {
	version uint32
	end     int64 // frames up to here were verified
	fp      fingerprint
}

// ckStream is a stream as the checkpoint covers it.
type ckStream struct {
	name       string
	count      uint64 // its entries covered
	beforeLast uint64 // of them, those in segments before the last covered
	off        int64  // where its locations begin in the file
}

// ckArray is where the checkpoint keeps the locations of a stream's first
// entries. They are read, and checked, on the stream's first Read.
type ckArray struct {
	off int64  // in the index file
	n   uint64 // the locations stored, a checksum after them

	mu   sync.Mutex
	locs []loc // once loaded
}

// appendDir appends the checkpoint's directory, without its checksum.
func (c *checkpoint) appendDir(b []byte) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, uint32(len(c.segs)))
	for _, s := range c.segs {
		b = le.AppendUint32(b, s.version)
		b = le.AppendUint64(b, uint64(s.end))
		b = le.AppendUint64(b, s.fp.dev)
		b = le.AppendUint64(b, s.fp.ino)
		b = le.AppendUint64(b, uint64(s.fp.size))
		b = le.AppendUint64(b, uint64(s.fp.mtime))
		b = le.AppendUint64(b, uint64(s.fp.ctime))
	}
	b = le.AppendUint64(b, c.feed)
	b = le.AppendUint64(b, c.feedBeforeLast)
	b = le.AppendUint64(b, uint64(c.marksOff))
	b = le.AppendUint32(b, uint32(len(c.streams)))
	for _, s := range c.streams {
		b = le.AppendUint16(b, uint16(len(s.name)))
		b = append(b, s.name...)
		b = le.AppendUint64(b, s.count)
		b = le.AppendUint64(b, s.beforeLast)
		b = le.AppendUint64(b, uint64(s.off))
	}
	return b
}

func appendLoc(b []byte, l loc) []byte {
	b = binary.LittleEndian.AppendUint32(b, l.seg)
	b = binary.LittleEndian.AppendUint32(b, l.off)
	return binary.LittleEndian.AppendUint32(b, l.size)
}

func decodeLoc(b []byte) loc {
	le := binary.LittleEndian
	return loc{seg: le.Uint32(b), off: le.Uint32(b[4:]), size: le.Uint32(b[8:])}
}

// dirDecoder reads the fields of a directory, remembering the first
// shortfall.
type dirDecoder struct {
	b   []byte
	bad bool
}

func (d *dirDecoder) take(n int) []byte {
	if d.bad || len(d.b) < n {
		d.bad = true
		return make([]byte, n)
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *dirDecoder) u16() uint16 { return binary.LittleEndian.Uint16(d.take(2)) }
func (d *dirDecoder) u32() uint32 { return binary.LittleEndian.Uint32(d.take(4)) }
func (d *dirDecoder) u64() uint64 { return binary.LittleEndian.Uint64(d.take(8)) }

// decodeDir decodes a checkpoint's directory and checks that it is
// consistent in itself and with a file of the given size. It returns why
// not, if it is not.
func decodeDir(b []byte, fileSize int64) (*checkpoint, string) {
	d := &dirDecoder{b: b}
	c := &checkpoint{}
	nsegs := d.u32()
	if uint64(nsegs)*indexSegmentSize > uint64(len(b)) {
		return nil, "segment count beyond the directory"
	}
	for range nsegs {
		s := ckSegment{version: d.u32(), end: int64(d.u64())}
		s.fp = fingerprint{dev: d.u64(), ino: d.u64(), size: int64(d.u64()), mtime: int64(d.u64()), ctime: int64(d.u64())}
		if s.version != formatVersion && s.version != formatVersion2 && s.version != formatVersion1 {
			return nil, "segment of an unknown format version"
		}
		if s.end < segmentHeaderSize || s.end > s.fp.size || s.end > math.MaxUint32 {
			return nil, "segment end outside the segment"
		}
		c.segs = append(c.segs, s)
	}
	c.feed, c.feedBeforeLast = d.u64(), d.u64()
	c.marksOff = int64(d.u64())
	if c.feedBeforeLast > c.feed || c.feed > uint64(fileSize) || c.marksOff < indexHeaderSize ||
		c.marksOff > fileSize-int64(c.nmarks()*locSize)-4 {
		return nil, "feed counts disagree"
	}
	nstreams := d.u32()
	var total, before uint64
	for range nstreams {
		name := string(d.take(int(d.u16())))
		s := ckStream{name: name, count: d.u64(), beforeLast: d.u64(), off: int64(d.u64())}
		if d.bad || s.count == 0 || s.beforeLast > s.count || s.count > uint64(fileSize)/locSize ||
			s.off < indexHeaderSize || s.off > fileSize-int64(s.count*locSize)-4 {
			return nil, "stream record out of bounds"
		}
		total, before = total+s.count, before+s.beforeLast
		c.streams = append(c.streams, s)
	}
	switch {
	case d.bad || len(d.b) != 0:
		return nil, "directory length disagrees with its contents"
	case total != c.feed || before != c.feedBeforeLast:
		return nil, "stream counts disagree with the feed"
	case len(c.segs) == 0 && c.feed > 0:
		return nil, "frames in no segment"
	}
	return c, ""
}

// nmarks returns the number of marks the checkpoint keeps.
func (c *checkpoint) nmarks() uint64 { return (c.feed + markEvery - 1) / markEvery }

// covers reports whether l lies within the segments the checkpoint covers.
func (c *checkpoint) covers(l loc) bool {
	return int(l.seg) < len(c.segs) && l.off >= segmentHeaderSize && l.size >= frameHeaderSize &&
		int64(l.off)+int64(l.size) <= c.segs[l.seg].end
}

// readCheckpoint reads the index checkpoint of the journal, if there is one
// of this format whose header and directory check, and, in a keyed
// journal (m not nil), whose MAC checks, and returns it with the open
// file, which holds the streams' locations. Anything else (no file,
// damage, a read error, a checkpoint changed by someone without the key)
// is no checkpoint: Open then reads every segment, and checks every frame.
func readCheckpoint(dir string, m *macKey) (*checkpoint, *os.File) {
	file, err := os.Open(filepath.Join(dir, indexName))
	if err != nil {
		return nil, nil
	}
	c, ok := decodeCheckpoint(file)
	if ok && m != nil {
		ok = checkIndexMAC(file, m)
	}
	if !ok {
		file.Close()
		return nil, nil
	}
	return c, file
}

// checkIndexMAC reports whether the index file of a keyed journal ends
// with the MAC of everything before it. It reads the whole file: 12 bytes
// for each entry.
func checkIndexMAC(file *os.File, m *macKey) bool {
	st, err := file.Stat()
	if err != nil || st.Size() < indexHeaderSize+macSize {
		return false
	}
	h := m.stream(macIndex)
	if _, err := io.Copy(h, io.NewSectionReader(file, 0, st.Size()-macSize)); err != nil {
		return false
	}
	var mac [macSize]byte
	if _, err := file.ReadAt(mac[:], st.Size()-macSize); err != nil {
		return false
	}
	return hmac.Equal(h.Sum(nil), mac[:])
}

func decodeCheckpoint(file *os.File) (*checkpoint, bool) {
	st, err := file.Stat()
	if err != nil {
		return nil, false
	}
	var h [indexHeaderSize]byte
	if _, err := file.ReadAt(h[:], 0); err != nil {
		return nil, false
	}
	le := binary.LittleEndian
	if string(h[:8]) != indexMagic || le.Uint32(h[8:]) != indexFormat ||
		crc32.Checksum(h[:24], castagnoli) != le.Uint32(h[24:]) {
		return nil, false
	}
	n := le.Uint64(h[16:])
	if n > maxIndexDir || int64(n)+indexHeaderSize+4 > st.Size() {
		return nil, false
	}
	dir := make([]byte, n+4)
	if _, err := file.ReadAt(dir, indexHeaderSize); err != nil {
		return nil, false
	}
	if crc32.Checksum(dir[:n], castagnoli) != le.Uint32(dir[n:]) {
		return nil, false
	}
	c, why := decodeDir(dir[:n], st.Size())
	return c, why == ""
}

// readLocs reads and checks the locations a checkpoint keeps for a stream.
func (c *checkpoint) readLocs(file *os.File, a *ckArray) ([]loc, error) {
	b := make([]byte, a.n*locSize+4)
	if _, err := file.ReadAt(b, a.off); err != nil {
		return nil, err
	}
	body := b[:a.n*locSize]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(body):]) {
		return nil, errors.New("checksum mismatch")
	}
	locs := make([]loc, a.n)
	for i := range locs {
		locs[i] = decodeLoc(body[i*locSize:])
		if !c.covers(locs[i]) {
			return nil, errors.New("location outside the segments covered")
		}
	}
	return locs, nil
}

// writeIndex writes the checkpoint c, whose streams' locations locs yields
// in the order of c.streams, and its marks after them, to the index file
// of dir, and in a keyed journal (m not nil) the MAC of all that after
// them: to a temporary file first, synced, then renamed over the old one,
// and the directory synced.
func writeIndex(dir string, c *checkpoint, locs func(i int) ([]loc, error), m *macKey, noSync bool) (err error) {
	tmp := filepath.Join(dir, indexName+".tmp")
	file, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(tmp)
		}
	}()
	// The directory's size does not depend on the offsets it records.
	n := int64(len(c.appendDir(nil)))
	off := indexHeaderSize + n + 4
	for i := range c.streams {
		c.streams[i].off = off
		off += int64(c.streams[i].count)*locSize + 4
	}
	c.marksOff = off
	d := c.appendDir(nil)
	h := append([]byte(indexMagic), 0, 0, 0, 0, 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(h[8:], indexFormat)
	h = binary.LittleEndian.AppendUint64(h, uint64(len(d)))
	h = binary.LittleEndian.AppendUint32(h, crc32.Checksum(h, castagnoli))
	var out io.Writer = file
	var mac hash.Hash
	if m != nil {
		mac = m.stream(macIndex)
		out = io.MultiWriter(file, mac)
	}
	w := bufio.NewWriterSize(out, 1<<20)
	w.Write(h)
	w.Write(d)
	w.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(d, castagnoli)))
	var buf []byte
	for i := range len(c.streams) + 1 {
		ls, want := c.marks, c.nmarks()
		if i < len(c.streams) {
			var err error
			if ls, err = locs(i); err != nil {
				return err
			}
			want = c.streams[i].count
		}
		if uint64(len(ls)) != want {
			return fmt.Errorf("array %d: %d locations, not %d", i, len(ls), want)
		}
		crc := uint32(0)
		for chunk := range slices.Chunk(ls, 4096) {
			buf = buf[:0]
			for _, l := range chunk {
				buf = appendLoc(buf, l)
			}
			crc = crc32.Update(crc, castagnoli, buf)
			w.Write(buf)
		}
		w.Write(binary.LittleEndian.AppendUint32(nil, crc))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if mac != nil {
		_, err = file.Write(mac.Sum(nil))
	}
	if err != nil {
		return err
	}
	if !noSync {
		if err := file.Sync(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, filepath.Join(dir, indexName)); err != nil {
		return err
	}
	if noSync {
		return nil
	}
	return syncDir(dir)
}
