package journal

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"

	"github.com/helpingwork/helping/relationship"
)

// The file format. The package documentation describes it for readers; the
// constants and functions here are its definition.
const (
	// segmentMagic opens every segment file.
	segmentMagic = "HLPJRNL\x00"
	// formatVersion is the version of the format this package writes:
	// the frames of one append may belong to several streams.
	formatVersion = 2
	// formatVersion1 is the first version, which this package still
	// reads: the frames of one append belong to one stream. It never
	// writes into a segment of this version.
	formatVersion1 = 1
	// segmentHeaderSize is the size of a segment header: magic (8 bytes),
	// version (4), segment number (8), CRC-32C of the 20 bytes before it (4).
	segmentHeaderSize = 24
	// frameHeaderSize is the size of a frame header: CRC-32C (4 bytes),
	// payload length (4), stream name length (2), flags (1), reserved (1),
	// sequence number (8), commit offset (4).
	frameHeaderSize = 24
	// flagLast marks the last frame of an append: the appends of a journal
	// are atomic, and recovery keeps only whole ones.
	flagLast = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// segmentName returns the file name of segment num, such as "00000001.seg".
func segmentName(num uint64) string {
	return fmt.Sprintf("%08d.seg", num)
}

// parseSegmentName returns the number of the segment file called name, and
// whether name is the canonical name of a segment.
func parseSegmentName(name string) (uint64, bool) {
	digits, ok := strings.CutSuffix(name, ".seg")
	if !ok {
		return 0, false
	}
	num, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || num == 0 || segmentName(num) != name {
		return 0, false
	}
	return num, true
}

// appendSegmentHeader appends the header of segment num, in the format
// version this package writes.
func appendSegmentHeader(b []byte, num uint64) []byte {
	return appendSegmentHeaderVersion(b, num, formatVersion)
}

// appendSegmentHeaderVersion appends the header of segment num in format
// version v.
func appendSegmentHeaderVersion(b []byte, num uint64, v uint32) []byte {
	start := len(b)
	b = append(b, segmentMagic...)
	b = binary.LittleEndian.AppendUint32(b, v)
	b = binary.LittleEndian.AppendUint64(b, num)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
}

// checkSegmentHeader checks the header of segment num and returns its
// format version. A header that is intact but of another format is an
// error wrapping ErrFormat; a damaged one is described by the returned
// reason.
func checkSegmentHeader(b []byte, num uint64) (version uint32, reason string, err error) {
	if len(b) < segmentHeaderSize {
		return 0, fmt.Sprintf("segment header is %d bytes, not %d", len(b), segmentHeaderSize), nil
	}
	if crc32.Checksum(b[:20], castagnoli) != binary.LittleEndian.Uint32(b[20:24]) {
		return 0, "segment header checksum mismatch", nil
	}
	if string(b[:8]) != segmentMagic {
		return 0, "", fmt.Errorf("%w: not a journal segment (magic %q)", ErrFormat, b[:8])
	}
	version = binary.LittleEndian.Uint32(b[8:12])
	if version != formatVersion && version != formatVersion1 {
		return 0, "", fmt.Errorf("%w: format version %d (this package reads versions %d and %d)", ErrFormat, version, formatVersion1, formatVersion)
	}
	if got := binary.LittleEndian.Uint64(b[12:20]); got != num {
		return 0, fmt.Sprintf("segment header names segment %d", got), nil
	}
	return version, "", nil
}

// frame is one decoded frame. stream and payload point into the bytes it
// was decoded from.
type frame struct {
	seq     uint64
	commit  uint32 // where the write that carried the frame began
	last    bool   // the last frame of its append
	stream  []byte
	payload []byte
	size    int // of the whole frame
}

// seed returns the CRC-32C of segment number num, with which every frame
// checksum of that segment begins: a frame copied into another segment does
// not check.
func seed(num uint64) uint32 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], num)
	return crc32.Checksum(b[:], castagnoli)
}

// appendFrame appends the frame of one entry to b: entry seq of stream,
// carried by the write that began at offset commit of the segment whose
// checksum seed is given; last marks the last frame of an append. The
// caller checks the lengths against relationship.MaxStreamName and
// relationship.MaxEntrySize.
func appendFrame(b []byte, seed uint32, stream string, seq uint64, commit uint32, last bool, payload []byte) []byte {
	start := len(b)
	var flags byte
	if last {
		flags = flagLast
	}
	b = append(b, 0, 0, 0, 0) // the checksum, below
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(stream)))
	b = append(b, flags, 0)
	b = binary.LittleEndian.AppendUint64(b, seq)
	b = binary.LittleEndian.AppendUint32(b, commit)
	b = append(b, stream...)
	b = append(b, payload...)
	binary.LittleEndian.PutUint32(b[start:], crc32.Update(seed, castagnoli, b[start+4:]))
	return b
}

// frameError says why bytes are not a frame. torn means they may be the
// beginning of one that was cut short.
type frameError struct {
	reason string
	torn   bool
}

func (e *frameError) Error() string { return e.reason }

// frameSize reads the lengths in the frame header at the start of b and
// returns the size of the whole frame, or why the header is impossible.
// b must hold at least frameHeaderSize bytes.
func frameSize(b []byte) (int, *frameError) {
	if n := plausibleFrame(b); n > 0 {
		return n, nil
	}
	size := binary.LittleEndian.Uint32(b[4:8])
	name := binary.LittleEndian.Uint16(b[8:10])
	switch {
	case size == 0 || size > relationship.MaxEntrySize:
		return 0, &frameError{reason: fmt.Sprintf("bad payload length %d", size)}
	case name == 0 || name > relationship.MaxStreamName:
		return 0, &frameError{reason: fmt.Sprintf("bad stream name length %d", name)}
	case b[10]&^flagLast != 0 || b[11] != 0:
		return 0, &frameError{reason: fmt.Sprintf("bad flags %#x %#x", b[10], b[11])}
	}
	return frameHeaderSize + int(name) + int(size), nil
}

// plausibleFrame returns the size of the frame whose header begins b, or 0
// if the header is impossible; frameSize says why. b must hold at least
// frameHeaderSize bytes.
func plausibleFrame(b []byte) int {
	size := binary.LittleEndian.Uint32(b[4:8])
	name := binary.LittleEndian.Uint16(b[8:10])
	if size == 0 || size > relationship.MaxEntrySize || name == 0 || name > relationship.MaxStreamName || b[10]&^flagLast != 0 || b[11] != 0 {
		return 0
	}
	return frameHeaderSize + int(name) + int(size)
}

// decodeFrame decodes the frame at the start of b, checking its lengths and
// its checksum.
func decodeFrame(b []byte, seed uint32) (frame, *frameError) {
	if len(b) < frameHeaderSize {
		return frame{}, &frameError{reason: fmt.Sprintf("incomplete frame header: %d of %d bytes", len(b), frameHeaderSize), torn: true}
	}
	size, ferr := frameSize(b)
	if ferr != nil {
		return frame{}, ferr
	}
	if len(b) < size {
		return frame{}, &frameError{reason: fmt.Sprintf("incomplete frame: %d of %d bytes", len(b), size), torn: true}
	}
	if crc32.Update(seed, castagnoli, b[4:size]) != binary.LittleEndian.Uint32(b) {
		return frame{}, &frameError{reason: "checksum mismatch"}
	}
	name := frameHeaderSize + int(binary.LittleEndian.Uint16(b[8:10]))
	return frame{
		seq:     binary.LittleEndian.Uint64(b[12:20]),
		commit:  binary.LittleEndian.Uint32(b[20:24]),
		last:    b[10]&flagLast != 0,
		stream:  b[frameHeaderSize:name],
		payload: b[name:size],
		size:    size,
	}, nil
}
