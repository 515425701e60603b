package keyring

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors a caller can branch on with [errors.Is].
var (
	// ErrNoKey means the subject never had a key.
	ErrNoKey = errors.New("keyring: no key")
	// ErrKeyExists means the subject has a key already.
	ErrKeyExists = errors.New("keyring: key exists")
	// ErrKeyDestroyed means the subject's key was destroyed: what it sealed
	// is erased for good.
	ErrKeyDestroyed = errors.New("keyring: key destroyed")
	// ErrInvalidSubject means a subject cannot name a key (see
	// [CheckSubject]).
	ErrInvalidSubject = errors.New("keyring: invalid subject")
	// ErrDecrypt means sealed bytes did not open: another key, another
	// associated data, or bytes changed since they were sealed.
	ErrDecrypt = errors.New("keyring: sealed data does not open")
	// ErrCorrupt means the keyring's own storage holds something that is
	// not a key.
	ErrCorrupt = errors.New("keyring: corrupt key")
)

// KeyError records a failed keyring operation: which operation, on which
// subject, and why. It unwraps to one of the sentinels or to the cause
// from the storage below. Subjects are identifiers, never names, so the
// error may be logged.
type KeyError struct {
	Op      string // "create", "key", "destroy", "seal", "open", "check", "load"
	Subject string
	Err     error
}

func (e *KeyError) Error() string {
	return "keyring: " + e.Op + " " + strconv.Quote(e.Subject) + ": " + strings.TrimPrefix(e.Err.Error(), "keyring: ")
}

// Unwrap returns the cause.
func (e *KeyError) Unwrap() error { return e.Err }
