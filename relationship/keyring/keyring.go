package keyring

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"fmt"
	"log/slog"
	"strings"

	"github.com/helpingwork/helping/internal/redact"
)

// Keyring keeps one secret key per subject (a client, a proposal), outside
// the record it protects. Implementations are safe for concurrent use.
//
// Each method checks ctx first and returns its error unwrapped when it is
// done.
type Keyring interface {
	// Create makes a new random key for subject and keeps it. Errors: a
	// [*KeyError] wrapping [ErrInvalidSubject], [ErrKeyExists] (the subject
	// has a key), or [ErrKeyDestroyed] (the subject's key was destroyed:
	// a subject erased once stays erased).
	Create(ctx context.Context, subject string) (Key, error)
	// Key returns the subject's key. Errors: a [*KeyError] wrapping
	// [ErrInvalidSubject], [ErrNoKey] (never created), or
	// [ErrKeyDestroyed] (destroyed: what it sealed is erased).
	Key(ctx context.Context, subject string) (Key, error)
	// Destroy destroys the subject's key, so that nothing sealed with it
	// can be opened again, and remembers that it did. Destroying a
	// destroyed key does nothing and returns nil. Errors: a [*KeyError]
	// wrapping [ErrInvalidSubject] or [ErrNoKey].
	Destroy(ctx context.Context, subject string) error
}

// KeySize is the size of a key in bytes: AES-256.
const KeySize = 32

// Key is one subject's secret key. It seals (encrypts and authenticates)
// with AES-256-GCM from the standard library, each seal under a fresh
// random nonce. A Key never prints or logs its material: [Key.LogValue]
// and [Key.Format] show the subject only.
//
// A Key is an immutable value, safe for concurrent use. The zero Key is
// invalid: it seals and opens nothing.
type Key struct {
	subject string
	aead    cipher.AEAD
}

// newKey returns a fresh random key for subject, from crypto/rand, and its
// material for a keyring to keep.
func newKey(subject string) (Key, []byte, error) {
	if err := CheckSubject(subject); err != nil {
		return Key{}, nil, err
	}
	material := make([]byte, KeySize)
	if _, err := rand.Read(material); err != nil {
		return Key{}, nil, &KeyError{Op: "create", Subject: subject, Err: err}
	}
	k, err := keyFrom(subject, material)
	return k, material, err
}

// keyFrom returns the key with the given material.
func keyFrom(subject string, material []byte) (Key, error) {
	if len(material) != KeySize {
		return Key{}, &KeyError{Op: "load", Subject: subject, Err: fmt.Errorf("%w: %d bytes, want %d", ErrCorrupt, len(material), KeySize)}
	}
	block, err := aes.NewCipher(material)
	if err != nil {
		return Key{}, &KeyError{Op: "load", Subject: subject, Err: err}
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return Key{}, &KeyError{Op: "load", Subject: subject, Err: err}
	}
	return Key{subject: subject, aead: aead}, nil
}

// Subject returns whose key it is.
func (k Key) Subject() string { return k.subject }

// IsValid reports whether k was made by a keyring.
func (k Key) IsValid() bool { return k.aead != nil }

// Overhead is how many bytes [Key.Seal] adds to a plaintext: the nonce
// and the authentication tag.
const Overhead = 1 + 12 + 16

// sealVersion is the first byte of every sealed value: the format.
const sealVersion = 1

// Seal encrypts and authenticates plaintext, bound to aad (associated data
// that is not secret but must match when opening, such as the stream and
// field the value belongs to), and returns the sealed bytes: a format
// byte, the nonce, the ciphertext and the tag. The zero Key is an error
// wrapping [ErrNoKey].
func (k Key) Seal(plaintext, aad []byte) ([]byte, error) {
	if !k.IsValid() {
		return nil, &KeyError{Op: "seal", Err: ErrNoKey}
	}
	out := make([]byte, 1, 1+len(plaintext)+k.aead.Overhead())
	out[0] = sealVersion
	return k.aead.Seal(out, nil, plaintext, aad), nil
}

// Open checks and decrypts what [Key.Seal] sealed with the same aad. Bytes
// sealed under another key or aad, or changed in any way, are a
// [*KeyError] wrapping [ErrDecrypt]; nothing of them is returned.
func (k Key) Open(sealed, aad []byte) ([]byte, error) {
	if !k.IsValid() {
		return nil, &KeyError{Op: "open", Err: ErrNoKey}
	}
	if len(sealed) < Overhead || sealed[0] != sealVersion {
		return nil, &KeyError{Op: "open", Subject: k.subject, Err: ErrDecrypt}
	}
	out, err := k.aead.Open(nil, nil, sealed[1:], aad)
	if err != nil {
		return nil, &KeyError{Op: "open", Subject: k.subject, Err: ErrDecrypt}
	}
	return out, nil
}

// LogValue implements [slog.LogValuer]: the subject, never the material.
func (k Key) LogValue() slog.Value {
	return slog.GroupValue(slog.String("subject", k.subject), slog.String("material", redact.Mark))
}

// Format implements [fmt.Formatter]: every verb prints the subject only.
func (k Key) Format(f fmt.State, verb rune) { redact.Format(f, verb, k) }

// MaxSubject is the longest subject a keyring accepts, in bytes.
const MaxSubject = 200

// CheckSubject reports whether subject can name a key: 1 to [MaxSubject]
// bytes of ASCII letters, digits, '-', '_' and '.', not starting with '.'.
// Subjects are identifiers such as "client-0192f5e0-7c1a-7000-8000-00000000000d",
// never names: a file keyring uses them as file names. A bad subject is a
// [*KeyError] wrapping [ErrInvalidSubject].
func CheckSubject(subject string) error {
	bad := subject == "" || len(subject) > MaxSubject || strings.HasPrefix(subject, ".")
	for _, r := range subject {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			bad = true
			break
		}
	}
	if bad {
		return &KeyError{Op: "check", Subject: subject, Err: ErrInvalidSubject}
	}
	return nil
}
