package journal

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/keyring"
)

// The identity file. The package documentation describes it for readers;
// the constants and functions here are its definition.
const (
	// identityName is the identity file in the journal's directory.
	identityName = "IDENTITY"
	// identityMagic opens the identity file.
	identityMagic = "HLPJID\x00\x00"
	// identityFormat is the version of the identity file's format.
	identityFormat = 1
	// macKeySize is the size of the journal's MAC key.
	macKeySize = 32
	// maxWrapped bounds the sealed MAC key an identity file may hold.
	maxWrapped = 1024
)

// identity is what the identity file holds: the journal's identity, fixed
// when the journal was created, and, once it is keyed, its MAC key sealed
// with the keyring key and the first segment whose frames carry MACs.
type identity struct {
	id        [16]byte
	keyedFrom uint64 // the first keyed segment, or 0 for a journal without a key
	wrapped   []byte // the MAC key, sealed with the keyring key
}

// macKey makes and checks the MACs of a keyed journal: HMAC-SHA256 under
// the journal's MAC key, each over a domain byte that says what is
// authenticated, so that no MAC of one kind passes for another.
type macKey struct {
	key  []byte
	pool sync.Pool // of hash.Hash
}

// The domains of the MACs.
const (
	macIdentity = 'I'
	macHeader   = 'H'
	macFrame    = 'F'
	macIndex    = 'X'
	macSnapshot = 'S'
)

func newMACKey(key []byte) *macKey {
	key = append([]byte(nil), key...)
	return &macKey{key: key, pool: sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}}
}

// stream returns a hash that makes the MAC of domain and what is written
// to it, for files too long to hold in memory at once.
func (m *macKey) stream(domain byte) hash.Hash {
	h := hmac.New(sha256.New, m.key)
	h.Write([]byte{domain})
	return h
}

// sum appends to dst the MAC of domain and the parts.
func (m *macKey) sum(dst []byte, domain byte, prefix []byte, data []byte) []byte {
	h := m.pool.Get().(hash.Hash)
	h.Reset()
	h.Write([]byte{domain})
	h.Write(prefix)
	h.Write(data)
	dst = h.Sum(dst)
	m.pool.Put(h)
	return dst
}

// headerMAC appends to dst the MAC of a segment header's first 48 bytes.
func (m *macKey) headerMAC(dst, hdr []byte) []byte {
	return m.sum(dst, macHeader, nil, hdr)
}

// frameMAC appends to dst the MAC of a frame at offset off of segment
// num, whose bytes after its checksum and before its MAC are data: the MAC
// binds the frame to its place, so that a frame copied elsewhere, even
// whole, does not check.
func (m *macKey) frameMAC(dst []byte, num uint64, off int64, data []byte) []byte {
	var place [16]byte
	binary.LittleEndian.PutUint64(place[:], num)
	binary.LittleEndian.PutUint64(place[8:], uint64(off))
	return m.sum(dst, macFrame, place[:], data)
}

// checkFrame reports whether the frame b, decoded as fr, at offset off of
// segment num carries its MAC.
func (m *macKey) checkFrame(num uint64, off int64, b []byte, fr frame) bool {
	var buf [macSize]byte
	return hmac.Equal(m.frameMAC(buf[:0], num, off, b[4:fr.size-macSize]), fr.mac)
}

// tampered returns the error for a frame whose checksum checks but whose
// MAC does not.
func tampered(seg *segment, off int64) error {
	return &CorruptError{Segment: seg.name, Offset: off,
		Reason: "frame MAC mismatch: the frame was changed and its checksum made to match",
		Err:    errors.Join(ErrTampered, relationship.ErrInvalidEntry)}
}

// wrapAAD is what the sealed MAC key is bound to: the journal it belongs to.
func wrapAAD(id [16]byte) []byte {
	return append([]byte("helping journal MAC key "), id[:]...)
}

// encode returns the identity file's bytes: magic (8), format (4),
// keyedFrom (8), identity (16), sealed key length (2), the sealed key, the
// MAC of all that (32; zeros without a key), CRC-32C of all before it (4).
func (id *identity) encode(m *macKey) []byte {
	le := binary.LittleEndian
	b := append([]byte(nil), identityMagic...)
	b = le.AppendUint32(b, identityFormat)
	b = le.AppendUint64(b, id.keyedFrom)
	b = append(b, id.id[:]...)
	b = le.AppendUint16(b, uint16(len(id.wrapped)))
	b = append(b, id.wrapped...)
	if m != nil {
		b = m.sum(b, macIdentity, nil, b)
	} else {
		b = append(b, make([]byte, macSize)...)
	}
	return le.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// identityError returns a *CorruptError about the identity file.
func identityError(reason string, err error) error {
	return &CorruptError{Segment: identityName, Reason: reason, Err: err}
}

// readIdentity reads the journal's identity file and, with a valid key,
// unseals the journal's MAC key and checks the file with it. It returns a
// nil identity if there is no file.
func readIdentity(dir string, key keyring.Key) (*identity, *macKey, error) {
	b, err := os.ReadFile(filepath.Join(dir, identityName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("journal: %w", err)
	}
	le := binary.LittleEndian
	const fixed = 8 + 4 + 8 + 16 + 2
	if len(b) < fixed+macSize+4 || crc32.Checksum(b[:len(b)-4], castagnoli) != le.Uint32(b[len(b)-4:]) {
		return nil, nil, identityError("identity file checksum mismatch", nil)
	}
	if string(b[:8]) != identityMagic || le.Uint32(b[8:12]) != identityFormat {
		return nil, nil, fmt.Errorf("%w: %s is not an identity file of format %d", ErrFormat, identityName, identityFormat)
	}
	id := &identity{keyedFrom: le.Uint64(b[12:20])}
	copy(id.id[:], b[20:36])
	n := int(le.Uint16(b[36:38]))
	if len(b) != fixed+n+macSize+4 || n > maxWrapped || (n == 0) != (id.keyedFrom == 0) {
		return nil, nil, identityError("identity file length disagrees with its contents", nil)
	}
	id.wrapped = b[fixed : fixed+n]
	if id.keyedFrom == 0 {
		return id, nil, nil
	}
	if !key.IsValid() {
		return nil, nil, &relationship.FieldError{Field: "journal.FileOptions.Key",
			Reason: "not set, but the journal is keyed: its frames carry MACs that only its key checks", Err: relationship.ErrInvalidValue}
	}
	raw, err := key.Open(id.wrapped, wrapAAD(id.id))
	if err != nil || len(raw) != macKeySize {
		return nil, nil, identityError("the journal's MAC key does not open with the key given: another key, or the file was changed", ErrTampered)
	}
	m := newMACKey(raw)
	mac := b[fixed+n : fixed+n+macSize]
	if !hmac.Equal(m.sum(nil, macIdentity, nil, b[:fixed+n]), mac) {
		return nil, nil, identityError("identity file MAC mismatch", ErrTampered)
	}
	return id, m, nil
}

// writeIdentity writes the identity file, replacing any, by way of a
// temporary file renamed over it, and syncs the directory.
func writeIdentity(dir string, id *identity, m *macKey, noSync bool) error {
	tmp := filepath.Join(dir, identityName+".tmp")
	file, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	_, err = file.Write(id.encode(m))
	if err == nil && !noSync {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, identityName))
	}
	if err == nil && !noSync {
		err = syncDir(dir)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("journal: write %s: %w", identityName, err)
	}
	return nil
}

// newIdentity returns a new identity, and, with a valid key, a new MAC key
// sealed with it, the journal keyed from segment keyedFrom.
func newIdentity(id *identity, key keyring.Key, keyedFrom uint64) (*identity, *macKey, error) {
	if id == nil {
		id = &identity{}
		if _, err := rand.Read(id.id[:]); err != nil {
			return nil, nil, fmt.Errorf("journal: identity: %w", err)
		}
	}
	if !key.IsValid() {
		return id, nil, nil
	}
	raw := make([]byte, macKeySize)
	if _, err := rand.Read(raw); err != nil {
		return nil, nil, fmt.Errorf("journal: MAC key: %w", err)
	}
	wrapped, err := key.Seal(raw, wrapAAD(id.id))
	if err != nil {
		return nil, nil, fmt.Errorf("journal: seal the MAC key: %w", err)
	}
	return &identity{id: id.id, keyedFrom: keyedFrom, wrapped: wrapped}, newMACKey(raw), nil
}

// chainLink is what checkChain learns of a segment.
type chainLink struct {
	hdr  segmentHeader
	torn bool // the last segment, whose header is torn: scan decides
}

// checkChain reads the header of every segment and checks that they make
// one journal: each names this journal (version 3), carries a MAC that
// checks if it is keyed (and every segment from the one the journal was
// keyed at is), no segment of an older version follows one of version 3,
// and each segment before one of version 3 is as long as that one records
// it was when it was sealed. id and m are what readIdentity returned.
func checkChain(dir string, nums []uint64, id *identity, m *macKey) ([]chainLink, error) {
	links := make([]chainLink, len(nums))
	var prevSize int64
	v3 := false
	buf := make([]byte, segmentHeaderSize3)
	for i, num := range nums {
		name := segmentName(num)
		b, size, err := readHeader(filepath.Join(dir, name), buf)
		if err != nil {
			return nil, err
		}
		h, reason, err := checkSegmentHeader(b, num)
		switch {
		case err != nil:
			return nil, fmt.Errorf("journal: %s: %w", name, err)
		case reason != "" && i == len(nums)-1:
			links[i].torn = true
			continue
		case reason != "":
			return nil, &CorruptError{Segment: name, Reason: reason}
		}
		links[i].hdr = h
		if err := checkLink(name, num, b, h, id, m, v3); err != nil {
			return nil, err
		}
		if h.version == formatVersion {
			v3 = true
			if err := checkSealed(nums, i, h, prevSize); err != nil {
				return nil, err
			}
		}
		prevSize = size
	}
	return links, nil
}

// readHeader reads the first len(buf) bytes of a segment, or fewer if it
// is shorter, and returns them with the segment's size.
func readHeader(path string, buf []byte) ([]byte, int64, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("journal: %w", err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return nil, 0, fmt.Errorf("journal: %w", err)
	}
	n, err := file.ReadAt(buf, 0)
	if n < len(buf) && err != nil && n < int(min(st.Size(), int64(len(buf)))) {
		return nil, 0, fmt.Errorf("journal: read %s: %w", filepath.Base(path), err)
	}
	return buf[:n], st.Size(), nil
}

// checkLink checks one segment's header h, decoded from b, against the
// journal's identity. v3 says whether a segment of version 3 came before
// it.
func checkLink(name string, num uint64, b []byte, h segmentHeader, id *identity, m *macKey, v3 bool) error {
	keyedJournal := id != nil && id.keyedFrom > 0
	if h.version != formatVersion {
		if v3 || keyedJournal && num >= id.keyedFrom {
			return &CorruptError{Segment: name, Reason: fmt.Sprintf("segment of format version %d where the journal writes version %d", h.version, formatVersion), Err: ErrTampered}
		}
		return nil
	}
	switch {
	case id == nil:
		return &CorruptError{Segment: identityName, Reason: fmt.Sprintf("missing, but %s names a journal", name), Err: ErrTampered}
	case h.id != id.id:
		return &CorruptError{Segment: name, Offset: 20, Reason: fmt.Sprintf("segment of another journal (%x, not %x)", h.id, id.id), Err: ErrForeign}
	case h.keyed && m == nil:
		return &CorruptError{Segment: name, Offset: 36, Reason: "segment with MACs in a journal without a key", Err: ErrTampered}
	case !h.keyed && keyedJournal && num >= id.keyedFrom:
		return &CorruptError{Segment: name, Offset: 36, Reason: fmt.Sprintf("segment without MACs where the journal has been keyed since segment %d", id.keyedFrom), Err: ErrTampered}
	case h.keyed && !hmac.Equal(m.headerMAC(nil, b[:48]), h.mac):
		return &CorruptError{Segment: name, Offset: 48, Reason: "segment header MAC mismatch", Err: ErrTampered}
	}
	return nil
}

// checkSealed checks that the segment before segment nums[i], of size
// prevSize, is as long as the header h of nums[i] records it was sealed.
func checkSealed(nums []uint64, i int, h segmentHeader, prevSize int64) error {
	if i == 0 {
		if h.prevEnd != 0 {
			return &CorruptError{Segment: segmentName(nums[0]), Offset: 40, Reason: "the first segment records a segment before it", Err: ErrTampered}
		}
		return nil
	}
	if h.prevEnd == prevSize {
		return nil
	}
	var err error
	if h.keyed {
		err = ErrTampered
	}
	prev := segmentName(nums[i-1])
	return &CorruptError{Segment: prev, Offset: min(prevSize, h.prevEnd),
		Reason: fmt.Sprintf("segment is %d bytes, but %s records it was sealed at %d", prevSize, segmentName(nums[i]), h.prevEnd), Err: err}
}
