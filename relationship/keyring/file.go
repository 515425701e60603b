package keyring

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// File is a keyring in a directory of its own, kept apart from the journal
// it protects (so that a copy of the journal is not a copy of its keys).
// Each key is one file, <subject>.key, readable and writable by its owner
// only (mode 0600, in a directory of mode 0700), synced to disk before
// [File.Create] returns. [File.Destroy] first records the erasure in a file
// <subject>.erased, then overwrites the key file with zeros, syncs it and
// removes it.
//
// What overwriting can promise depends on the storage below: on a plain
// file system over a disk it replaces the key's bytes in place, but a
// copy-on-write file system, an SSD's wear levelling, a snapshot or a
// backup may keep old blocks. Where that matters, keep the directory on
// an encrypted volume whose key the agency controls, or implement
// [Keyring] over a key-management service.
//
// Several File values, in one process or several, may share a directory:
// creating a key is atomic (a hard link that fails if the key exists).
type File struct {
	dir string
	mu  sync.Mutex // orders this value's own operations
}

var _ Keyring = (*File)(nil)

// OpenFile opens the keyring in dir, creating the directory (mode 0700) if
// it does not exist. A path that exists and is not a directory is an
// error.
func OpenFile(dir string) (*File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("keyring: open %s: %w", dir, err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("keyring: open %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("keyring: open %s: not a directory", dir)
	}
	return &File{dir: dir}, nil
}

// Dir returns the keyring's directory.
func (k *File) Dir() string { return k.dir }

// A key file holds keyMagic, the key, and the CRC-32C of both.
var (
	keyMagic = []byte("HKY1")
	castag   = crc32.MakeTable(crc32.Castagnoli)
)

const keyFileSize = 4 + KeySize + 4

func (k *File) keyPath(subject string) string    { return filepath.Join(k.dir, subject+".key") }
func (k *File) erasedPath(subject string) string { return filepath.Join(k.dir, subject+".erased") }

func (k *File) erased(subject string) (bool, error) {
	_, err := os.Stat(k.erasedPath(subject))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Create implements [Keyring.Create].
func (k *File) Create(ctx context.Context, subject string) (Key, error) {
	if err := ctx.Err(); err != nil {
		return Key{}, err
	}
	if err := CheckSubject(subject); err != nil {
		return Key{}, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	fail := func(err error) (Key, error) { return Key{}, &KeyError{Op: "create", Subject: subject, Err: err} }
	if gone, err := k.erased(subject); err != nil || gone {
		if err == nil {
			err = ErrKeyDestroyed
		}
		return fail(err)
	}
	key, material, err := newKey(subject)
	if err != nil {
		return Key{}, err
	}
	buf := append(append(slicesClone(keyMagic), material...), make([]byte, 4)...)
	clear(material)
	putCRC(buf)
	defer clear(buf)
	if err := k.install(buf, k.keyPath(subject)); err != nil {
		if errors.Is(err, fs.ErrExist) {
			err = ErrKeyExists
		}
		return fail(err)
	}
	return key, nil
}

func slicesClone(b []byte) []byte { return append([]byte(nil), b...) }

func putCRC(buf []byte) {
	n := len(buf) - 4
	c := crc32.Checksum(buf[:n], castag)
	buf[n], buf[n+1], buf[n+2], buf[n+3] = byte(c>>24), byte(c>>16), byte(c>>8), byte(c)
}

// install writes data to a new file of mode 0600, syncs it, and links it at
// path, failing with an error wrapping fs.ErrExist if path exists; then it
// syncs the directory.
func (k *File) install(data []byte, path string) error {
	var suffix [8]byte
	_, _ = rand.Read(suffix[:])
	tmp := filepath.Join(k.dir, ".tmp-"+hex.EncodeToString(suffix[:]))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp, path); err != nil {
		return err
	}
	return k.syncDir()
}

func (k *File) syncDir() error {
	d, err := os.Open(k.dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// Key implements [Keyring.Key]. A key file that is not a key (the wrong
// size, magic or checksum) is a [*KeyError] wrapping [ErrCorrupt].
func (k *File) Key(ctx context.Context, subject string) (Key, error) {
	if err := ctx.Err(); err != nil {
		return Key{}, err
	}
	if err := CheckSubject(subject); err != nil {
		return Key{}, err
	}
	fail := func(err error) (Key, error) { return Key{}, &KeyError{Op: "key", Subject: subject, Err: err} }
	if gone, err := k.erased(subject); err != nil || gone {
		if err == nil {
			err = ErrKeyDestroyed
		}
		return fail(err)
	}
	buf, err := os.ReadFile(k.keyPath(subject))
	defer clear(buf)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail(ErrNoKey)
	case err != nil:
		return fail(err)
	case len(buf) != keyFileSize || !bytes.Equal(buf[:4], keyMagic):
		return fail(ErrCorrupt)
	}
	want := slicesClone(buf)
	putCRC(want)
	defer clear(want)
	if !bytes.Equal(want, buf) {
		return fail(ErrCorrupt)
	}
	return keyFrom(subject, buf[4:4+KeySize])
}

// Destroy implements [Keyring.Destroy]: it records the erasure, overwrites
// the key file with zeros, syncs it and removes it.
func (k *File) Destroy(ctx context.Context, subject string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckSubject(subject); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	fail := func(err error) error { return &KeyError{Op: "destroy", Subject: subject, Err: err} }
	gone, err := k.erased(subject)
	if err != nil {
		return fail(err)
	}
	path := k.keyPath(subject)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist) && gone:
		return nil // destroyed before
	case errors.Is(err, fs.ErrNotExist):
		return fail(ErrNoKey)
	case err != nil:
		return fail(err)
	}
	// A key file beside a record of its erasure is a destruction that
	// stopped half-way: finish it.
	defer f.Close()
	stamp := []byte(time.Now().UTC().Format(time.RFC3339Nano) + "\n")
	if err := k.install(stamp, k.erasedPath(subject)); err != nil && !errors.Is(err, fs.ErrExist) {
		return fail(err)
	}
	if _, err := f.WriteAt(make([]byte, keyFileSize), 0); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := os.Remove(path); err != nil {
		return fail(err)
	}
	if err := k.syncDir(); err != nil {
		return fail(err)
	}
	return nil
}
