package journal

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/helpingwork/helping/relationship"
)

// The snapshot file format, version 1. The package documentation describes
// it for readers; the constants and functions here are its definition.
const (
	// snapshotDir is the directory, inside the journal's, that holds the
	// snapshots.
	snapshotDir = "snapshots"
	// snapshotMagic opens every snapshot file.
	snapshotMagic = "HLPSNAP\x00"
	// snapshotFormat is the version of the snapshot format this package
	// writes and reads.
	snapshotFormat = 1
	// snapshotHeaderSize is the size of a snapshot file's header: magic
	// (8 bytes), format version (4), stream name length (4), type length
	// (4), snapshot version (8), data length (8), CRC-32C of the 36 bytes
	// before it (4).
	snapshotHeaderSize = 40
	// snapshotTrailerSize is the size of the checksum that ends a
	// snapshot file.
	snapshotTrailerSize = 4
	// snapshotTemp ends the name of a snapshot file being written.
	snapshotTemp = ".tmp"
)

// snapshotName returns the name of the file that holds the snapshot of
// stream, in the snapshots directory: the SHA-256 of the stream's name, in
// lowercase hexadecimal, and ".snap". Stream names may hold any byte and
// be up to 1 KiB long; file names may not.
func snapshotName(stream string) string {
	sum := sha256.Sum256([]byte(stream))
	return hex.EncodeToString(sum[:]) + ".snap"
}

// snapshotHeader is the decoded header of a snapshot file.
type snapshotHeader struct {
	name, typ int // lengths of the stream name and the type
	version   uint64
	data      uint64 // length of the data
	crc       uint32 // the header's checksum, with which the trailer's begins
}

// appendSnapshotHeader appends the header of a snapshot of stream.
func appendSnapshotHeader(b []byte, stream string, s relationship.Snapshot) []byte {
	start := len(b)
	b = append(b, snapshotMagic...)
	b = binary.LittleEndian.AppendUint32(b, snapshotFormat)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(stream)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.Type)))
	b = binary.LittleEndian.AppendUint64(b, s.Version)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(s.Data)))
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
}

// decodeSnapshotHeader decodes and checks a snapshot file's header. A
// header that is intact but of another format is an error wrapping
// ErrFormat; a damaged one is described by the returned reason.
func decodeSnapshotHeader(b []byte) (h snapshotHeader, reason string, err error) {
	if len(b) < snapshotHeaderSize {
		return h, fmt.Sprintf("snapshot header is %d bytes, not %d", len(b), snapshotHeaderSize), nil
	}
	h.crc = crc32.Checksum(b[:36], castagnoli)
	if h.crc != binary.LittleEndian.Uint32(b[36:40]) {
		return h, "snapshot header checksum mismatch", nil
	}
	if string(b[:8]) != snapshotMagic {
		return h, "", fmt.Errorf("%w: not a journal snapshot (magic %q)", ErrFormat, b[:8])
	}
	if v := binary.LittleEndian.Uint32(b[8:12]); v != snapshotFormat {
		return h, "", fmt.Errorf("%w: snapshot format version %d (this package reads version %d)", ErrFormat, v, snapshotFormat)
	}
	name, typ := binary.LittleEndian.Uint32(b[12:16]), binary.LittleEndian.Uint32(b[16:20])
	h.version, h.data = binary.LittleEndian.Uint64(b[20:28]), binary.LittleEndian.Uint64(b[28:36])
	switch {
	case name == 0 || name > relationship.MaxStreamName:
		return h, fmt.Sprintf("bad stream name length %d", name), nil
	case typ == 0:
		return h, "no type", nil
	case h.data == 0 || h.data > relationship.MaxSnapshotSize:
		return h, fmt.Sprintf("bad data length %d", h.data), nil
	case h.version == 0:
		return h, "version 0", nil
	}
	h.name, h.typ = int(name), int(typ)
	return h, "", nil
}

// size returns the size of the whole file the header begins.
func (h snapshotHeader) size() int64 {
	return snapshotHeaderSize + int64(h.name) + int64(h.typ) + int64(h.data) + snapshotTrailerSize
}

// openSnapshots prepares the snapshots directory when Open finds one:
// files left by a save that a crash interrupted, before their rename, are
// removed. The directory itself is made by the first save.
func (f *File) openSnapshots() error {
	dir := filepath.Join(f.dir, snapshotDir)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), snapshotTemp) && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("journal: %w", err)
			}
		}
	}
	f.snapReady = true
	return nil
}

// SaveSnapshot implements [relationship.Journal.SaveSnapshot]. The snapshot
// is written to a new file in the directory "snapshots", synced, and
// renamed over the stream's snapshot file, and the directory synced: a
// crash leaves the old snapshot or the new one, never a mix. Snapshots of
// different streams are written at the same time; the renames take turns.
//
// The rule that a snapshot may not be older than the one kept is judged by
// the kept file's header. A file whose header is damaged, or of a format
// this package does not know, counts as none: any snapshot the stream's
// version allows replaces it. One whose header is intact but whose body is
// damaged still refuses an older snapshot, but never one at the stream's
// version, which is what a caller that fell back to replaying the record
// saves.
//
// Besides the errors of the interface: a Type longer than 4 GiB - 1 bytes
// is an error wrapping [relationship.ErrTooLarge], and the file system's
// errors.
func (f *File) SaveSnapshot(ctx context.Context, stream string, s relationship.Snapshot) error {
	if err := f.check(ctx); err != nil {
		return err
	}
	if err := CheckSnapshot(stream, s); err != nil {
		return err
	}
	if uint64(len(s.Type)) > math.MaxUint32 {
		return &relationship.EntryError{Seq: s.Version, Err: relationship.ErrTooLarge,
			Reason: fmt.Sprintf("snapshot of stream %q: a type of %d bytes is more than a snapshot file holds", stream, len(s.Type))}
	}
	f.snap.RLock()
	defer f.snap.RUnlock()
	if f.shut.Load() {
		return relationship.ErrClosed
	}
	if have := f.version(stream); s.Version > have {
		return snapshotRuleError(stream, s.Version, have, 0)
	}
	if err := f.makeSnapshotDir(); err != nil {
		return fmt.Errorf("journal: save snapshot: %w", err)
	}
	tmp, err := f.writeSnapshot(stream, s)
	if err != nil {
		return fmt.Errorf("journal: save snapshot: %w", err)
	}
	if err := f.replaceSnapshot(ctx, stream, s.Version, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// makeSnapshotDir creates the snapshots directory, durably, if it does not
// exist yet.
func (f *File) makeSnapshotDir() error {
	f.snapMu.Lock()
	defer f.snapMu.Unlock()
	if f.snapReady {
		return nil
	}
	if err := os.Mkdir(filepath.Join(f.dir, snapshotDir), 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	if err := f.sync(func() error { return syncDir(f.dir) }); err != nil {
		return err
	}
	f.snapReady = true
	return nil
}

// writeSnapshot writes the file of a snapshot under a temporary name, syncs
// it, and returns its path.
func (f *File) writeSnapshot(stream string, s relationship.Snapshot) (string, error) {
	file, err := os.CreateTemp(filepath.Join(f.dir, snapshotDir), snapshotName(stream)+".*"+snapshotTemp)
	if err != nil {
		return "", err
	}
	head, trailer := snapshotParts(stream, s)
	if f.mac != nil {
		trailer = appendSnapshotMAC(trailer, f.mac, head, s.Data, trailer)
	}
	_, err = file.Write(head)
	if err == nil {
		_, err = file.Write(s.Data) // written as it is: it may be a gigabyte
	}
	if err == nil {
		_, err = file.Write(trailer)
	}
	if err == nil {
		err = f.sync(file.Sync)
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file.Name())
		return "", err
	}
	return file.Name(), nil
}

// appendSnapshotMAC appends to dst the MAC a snapshot file of a keyed
// journal ends with: of the file's head, data and checksum.
func appendSnapshotMAC(dst []byte, m *macKey, head, data, crc []byte) []byte {
	h := m.stream(macSnapshot)
	h.Write(head)
	h.Write(data)
	h.Write(crc)
	return h.Sum(dst)
}

// snapshotParts returns what a snapshot file holds before the snapshot's
// data (the header, the stream name and the type) and after it (the
// checksum).
func snapshotParts(stream string, s relationship.Snapshot) (head, trailer []byte) {
	head = appendSnapshotHeader(make([]byte, 0, snapshotHeaderSize+len(stream)+len(s.Type)), stream, s)
	head = append(append(head, stream...), s.Type...)
	crc := crc32.Update(crc32.Checksum(head[:36], castagnoli), castagnoli, head[snapshotHeaderSize:])
	crc = crc32.Update(crc, castagnoli, s.Data)
	return head, binary.LittleEndian.AppendUint32(nil, crc)
}

// replaceSnapshot renames the file tmp over the snapshot of stream, unless
// the snapshot kept is of a later version, and syncs the directory.
func (f *File) replaceSnapshot(ctx context.Context, stream string, version uint64, tmp string) error {
	f.snapMu.Lock()
	defer f.snapMu.Unlock()
	if err := ctxErr(ctx); err != nil {
		return err
	}
	path := filepath.Join(f.dir, snapshotDir, snapshotName(stream))
	if kept := keptVersion(path, stream); version < kept {
		return snapshotRuleError(stream, version, version, kept)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("journal: save snapshot: %w", err)
	}
	if err := f.sync(func() error { return syncDir(filepath.Dir(path)) }); err != nil {
		return fmt.Errorf("journal: save snapshot: %w", err)
	}
	return nil
}

// keptVersion returns the version of the snapshot of stream kept in the
// file at path, or 0 if there is none that can be read.
func keptVersion(path, stream string) uint64 {
	file, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer file.Close()
	b := make([]byte, snapshotHeaderSize+len(stream))
	if _, err := io.ReadFull(file, b); err != nil {
		return 0
	}
	h, reason, err := decodeSnapshotHeader(b)
	if err != nil || reason != "" || string(b[snapshotHeaderSize:]) != stream {
		return 0
	}
	return h.version
}

// LoadSnapshot implements [relationship.Journal.LoadSnapshot]. The file is
// read whole and checked: a damaged one is an error wrapping [ErrCorrupt]
// (a [*CorruptError] whose Segment names the snapshot file), and one of a
// format this package does not know an error wrapping [ErrFormat]. A
// program that gets either can load the record from its first entry
// instead, and save a new snapshot, which replaces the bad one.
func (f *File) LoadSnapshot(ctx context.Context, stream string) (relationship.Snapshot, bool, error) {
	if err := f.check(ctx); err != nil {
		return relationship.Snapshot{}, false, err
	}
	f.snap.RLock()
	defer f.snap.RUnlock()
	if f.shut.Load() {
		return relationship.Snapshot{}, false, relationship.ErrClosed
	}
	if stream == "" || len(stream) > relationship.MaxStreamName {
		return relationship.Snapshot{}, false, nil // no such stream, no snapshot
	}
	name := snapshotDir + "/" + snapshotName(stream)
	extra := 0
	if f.mac != nil {
		extra = macSize
	}
	data, err := readSnapshot(filepath.Join(f.dir, filepath.FromSlash(name)), extra)
	if errors.Is(err, fs.ErrNotExist) {
		return relationship.Snapshot{}, false, nil
	}
	if err != nil {
		return relationship.Snapshot{}, false, fmt.Errorf("journal: load snapshot: %w", err)
	}
	if f.mac != nil {
		if err := checkSnapshotMAC(f.mac, data, name, stream); err != nil {
			return relationship.Snapshot{}, false, err
		}
		data = data[:len(data)-macSize]
	}
	s, reason, off, err := decodeSnapshot(data, stream)
	if err != nil {
		return relationship.Snapshot{}, false, fmt.Errorf("journal: %s: %w", name, err)
	}
	if reason == "" {
		if have := f.version(stream); s.Version > have {
			reason = fmt.Sprintf("snapshot at version %d of a stream that holds %d entries", s.Version, have)
		}
	}
	if reason != "" {
		return relationship.Snapshot{}, false, &CorruptError{Segment: name, Offset: off, Reason: reason}
	}
	return s, true, nil
}

// checkSnapshotMAC checks the MAC a snapshot file of stream in a keyed
// journal, its bytes b, ends with. A file damaged by accident is a
// *CorruptError that says how; one whose checksums check but whose MAC
// does not (or that has none) is one wrapping ErrTampered. Either costs
// only time: the record loads from its first entry instead.
func checkSnapshotMAC(m *macKey, b []byte, name, stream string) error {
	if len(b) >= snapshotHeaderSize+snapshotTrailerSize+macSize {
		body := b[:len(b)-macSize]
		end := len(body) - snapshotTrailerSize
		var mac [macSize]byte
		if hmac.Equal(appendSnapshotMAC(mac[:0], m, body[:end], nil, body[end:]), b[len(body):]) {
			return nil
		}
		if _, reason, off, err := decodeSnapshot(body, stream); err == nil && reason != "" {
			return &CorruptError{Segment: name, Offset: off, Reason: reason}
		}
	}
	return &CorruptError{Segment: name, Offset: int64(max(0, len(b)-macSize)), Reason: "snapshot MAC mismatch, or no MAC", Err: ErrTampered}
}

// readSnapshot reads the snapshot file at path: the whole file, unless its
// header is intact and says it is shorter, when it reads what the header
// says, extra bytes (a MAC), and one byte more, so that decodeSnapshot
// finds the file too long without reading a file of any size into memory.
func readSnapshot(path string, extra int) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	b := make([]byte, snapshotHeaderSize)
	n, err := io.ReadFull(file, b)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return b[:n], nil // shorter than a header: decodeSnapshot says so
	case err != nil:
		return nil, err
	}
	h, reason, herr := decodeSnapshotHeader(b)
	if herr != nil || reason != "" {
		return b, nil
	}
	b = append(b, make([]byte, h.size()+int64(extra)+1-snapshotHeaderSize)...)
	n, err = io.ReadFull(file, b[snapshotHeaderSize:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return b[:snapshotHeaderSize+n], nil
}

// decodeSnapshot decodes and checks the file of a snapshot of stream. It
// returns the snapshot, or why and where it is damaged, or an error
// wrapping ErrFormat.
func decodeSnapshot(b []byte, stream string) (s relationship.Snapshot, reason string, off int64, err error) {
	h, reason, err := decodeSnapshotHeader(b)
	if err != nil || reason != "" {
		return s, reason, 0, err
	}
	if int64(len(b)) != h.size() {
		return s, fmt.Sprintf("file is %d bytes, its header says %d", len(b), h.size()), 0, nil
	}
	end := len(b) - snapshotTrailerSize
	if crc32.Update(h.crc, castagnoli, b[snapshotHeaderSize:end]) != binary.LittleEndian.Uint32(b[end:]) {
		return s, "checksum mismatch", snapshotHeaderSize, nil
	}
	name := b[snapshotHeaderSize : snapshotHeaderSize+h.name]
	if string(name) != stream {
		return s, fmt.Sprintf("snapshot of stream %q, not %q", name, stream), snapshotHeaderSize, nil
	}
	typ := snapshotHeaderSize + h.name
	data := typ + h.typ
	return relationship.Snapshot{Version: h.version, Type: string(b[typ:data]), Data: b[data:end:end]}, "", 0, nil
}
