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
	// every segment names its journal and records where the segment
	// before it was sealed, and with a key every frame carries a MAC.
	formatVersion = 3
	// formatVersion2 is the second version, which this package still
	// reads: the frames of one append may belong to several streams.
	formatVersion2 = 2
	// formatVersion1 is the first version, which this package still
	// reads: the frames of one append belong to one stream. It never
	// writes into a segment of this version.
	formatVersion1 = 1
	// segmentHeaderSize is the size of a segment header of versions 1
	// and 2: magic (8 bytes), version (4), segment number (8), CRC-32C of
	// the 20 bytes before it (4). No header is shorter.
	segmentHeaderSize = 24
	// segmentHeaderSize3 is the size of a segment header of version 3:
	// magic (8 bytes), version (4), segment number (8), the journal's
	// identity (16), flags (4), the size at which the segment before it
	// was sealed (8), an HMAC-SHA256 of the 48 bytes before it, or zeros
	// in a segment without MACs (32), CRC-32C of the 80 bytes before it
	// (4).
	segmentHeaderSize3 = 84
	// segmentKeyed is the flag of a version 3 header whose frames and
	// header carry MACs.
	segmentKeyed = 1
	// macSize is the size of a MAC: HMAC-SHA256. In a keyed segment it
	// follows the payload of every frame, and the frame's CRC-32C covers
	// it.
	macSize = 32
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

// appendSegmentHeader appends the header of segment num in format
// version 2, which tests use to make journals of the old format.
func appendSegmentHeader(b []byte, num uint64) []byte {
	return appendSegmentHeaderVersion(b, num, formatVersion2)
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

// segmentHeader is a decoded segment header.
type segmentHeader struct {
	version uint32
	size    int64    // of the header: where the first frame begins
	id      [16]byte // the journal's identity (version 3)
	keyed   bool     // frames and header carry MACs (version 3)
	prevEnd int64    // where the segment before was sealed (version 3)
	mac     []byte   // the header's MAC, if keyed
}

// appendSegmentHeader3 appends the header of segment num in format
// version 3, for the journal id; prevEnd is the size at which the segment
// before it was sealed (0 for the first); a non-nil mac makes the segment
// keyed.
func appendSegmentHeader3(b []byte, num uint64, id [16]byte, prevEnd int64, mac *macKey) []byte {
	start := len(b)
	b = append(b, segmentMagic...)
	b = binary.LittleEndian.AppendUint32(b, formatVersion)
	b = binary.LittleEndian.AppendUint64(b, num)
	b = append(b, id[:]...)
	var flags uint32
	if mac != nil {
		flags = segmentKeyed
	}
	b = binary.LittleEndian.AppendUint32(b, flags)
	b = binary.LittleEndian.AppendUint64(b, uint64(prevEnd))
	if mac != nil {
		b = mac.headerMAC(b, b[start:])
	} else {
		b = append(b, make([]byte, macSize)...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
}

// checkSegmentHeader checks the header of segment num, which b begins
// with, and decodes it. A header that is intact but of another format is
// an error wrapping ErrFormat; a damaged one is described by the returned
// reason. It does not check the header's MAC (see checkChain).
func checkSegmentHeader(b []byte, num uint64) (h segmentHeader, reason string, err error) {
	if len(b) < segmentHeaderSize {
		return h, fmt.Sprintf("segment header is %d bytes, not %d", len(b), segmentHeaderSize), nil
	}
	le := binary.LittleEndian
	if string(b[:8]) == segmentMagic && le.Uint32(b[8:12]) == formatVersion {
		if len(b) < segmentHeaderSize3 {
			return h, fmt.Sprintf("segment header is %d bytes, not %d", len(b), segmentHeaderSize3), nil
		}
		if crc32.Checksum(b[:80], castagnoli) != le.Uint32(b[80:84]) {
			return h, "segment header checksum mismatch", nil
		}
		if got := le.Uint64(b[12:20]); got != num {
			return h, fmt.Sprintf("segment header names segment %d", got), nil
		}
		flags := le.Uint32(b[36:40])
		if flags&^segmentKeyed != 0 {
			return h, "", fmt.Errorf("%w: segment flags %#x", ErrFormat, flags)
		}
		h = segmentHeader{version: formatVersion, size: segmentHeaderSize3, keyed: flags&segmentKeyed != 0, prevEnd: int64(le.Uint64(b[40:48]))}
		copy(h.id[:], b[20:36])
		if h.keyed {
			h.mac = b[48:80]
		}
		return h, "", nil
	}
	if crc32.Checksum(b[:20], castagnoli) != le.Uint32(b[20:24]) {
		return h, "segment header checksum mismatch", nil
	}
	if string(b[:8]) != segmentMagic {
		return h, "", fmt.Errorf("%w: not a journal segment (magic %q)", ErrFormat, b[:8])
	}
	version := le.Uint32(b[8:12])
	if version != formatVersion2 && version != formatVersion1 {
		return h, "", fmt.Errorf("%w: format version %d (this package reads versions %d to %d)", ErrFormat, version, formatVersion1, formatVersion)
	}
	if got := le.Uint64(b[12:20]); got != num {
		return h, fmt.Sprintf("segment header names segment %d", got), nil
	}
	return segmentHeader{version: version, size: segmentHeaderSize}, "", nil
}

// frame is one decoded frame. stream and payload point into the bytes it
// was decoded from.
type frame struct {
	seq     uint64
	commit  uint32 // where the write that carried the frame began
	last    bool   // the last frame of its append
	stream  []byte
	payload []byte
	mac     []byte // the MAC of a frame of a keyed segment
	size    int    // of the whole frame
}

// seed returns the CRC-32C of segment number num, with which every frame
// checksum of that segment begins, in versions 1 and 2: a frame copied
// into another segment does not check.
func seed(num uint64) uint32 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], num)
	return crc32.Checksum(b[:], castagnoli)
}

// seed3 returns the checksum seed of segment num of journal id, in version
// 3: a frame copied from another segment, or from another journal's, does
// not check.
func seed3(id [16]byte, num uint64) uint32 {
	return crc32.Update(seed(num), castagnoli, id[:])
}

// appendFrame appends the frame of one entry to b: entry seq of stream,
// carried by the write that began at offset commit of the segment whose
// checksum seed is given; last marks the last frame of an append. The
// caller checks the lengths against relationship.MaxStreamName and
// relationship.MaxEntrySize.
func appendFrame(b []byte, seed uint32, stream string, seq uint64, commit uint32, last bool, payload []byte) []byte {
	return appendFrameMAC(b, seed, stream, seq, commit, last, payload, nil, 0, 0)
}

// appendFrameMAC is appendFrame for a keyed segment: the frame, which
// begins at offset off of segment num, carries a MAC made with m, which
// binds it to its place. With a nil m it is appendFrame.
func appendFrameMAC(b []byte, seed uint32, stream string, seq uint64, commit uint32, last bool, payload []byte, m *macKey, num uint64, off int64) []byte {
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
	if m != nil {
		b = m.frameMAC(b, num, off, b[start+4:])
	}
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
// returns the size of the whole frame, with a MAC of tag bytes after its
// payload, or why the header is impossible. b must hold at least
// frameHeaderSize bytes.
func frameSize(b []byte, tag int) (int, *frameError) {
	if n := plausibleFrame(b, tag); n > 0 {
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
	return frameHeaderSize + int(name) + int(size) + tag, nil
}

// plausibleFrame returns the size of the frame whose header begins b, with
// a MAC of tag bytes, or 0 if the header is impossible; frameSize says
// why. b must hold at least frameHeaderSize bytes.
func plausibleFrame(b []byte, tag int) int {
	size := binary.LittleEndian.Uint32(b[4:8])
	name := binary.LittleEndian.Uint16(b[8:10])
	if size == 0 || size > relationship.MaxEntrySize || name == 0 || name > relationship.MaxStreamName || b[10]&^flagLast != 0 || b[11] != 0 {
		return 0
	}
	return frameHeaderSize + int(name) + int(size) + tag
}

// decodeFrame decodes the frame at the start of b, with a MAC of tag bytes
// after its payload, checking its lengths and its checksum. The caller
// checks the MAC (see macKey.checkFrame).
func decodeFrame(b []byte, seed uint32, tag int) (frame, *frameError) {
	if len(b) < frameHeaderSize {
		return frame{}, &frameError{reason: fmt.Sprintf("incomplete frame header: %d of %d bytes", len(b), frameHeaderSize), torn: true}
	}
	size, ferr := frameSize(b, tag)
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
		payload: b[name : size-tag],
		mac:     b[size-tag : size],
		size:    size,
	}, nil
}
