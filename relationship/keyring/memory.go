package keyring

import (
	"context"
	"sync"
)

// Memory is a keyring held in memory, for tests and for programs whose
// record is in memory too. Destroying a key drops the only reference to
// its cipher; the garbage collector frees it. The zero Memory is not
// usable: make one with [NewMemory].
type Memory struct {
	mu        sync.Mutex
	keys      map[string]Key
	destroyed map[string]bool
}

var _ Keyring = (*Memory)(nil)

// NewMemory returns an empty keyring in memory.
func NewMemory() *Memory {
	return &Memory{keys: map[string]Key{}, destroyed: map[string]bool{}}
}

// Create implements [Keyring.Create].
func (m *Memory) Create(ctx context.Context, subject string) (Key, error) {
	if err := ctx.Err(); err != nil {
		return Key{}, err
	}
	if err := CheckSubject(subject); err != nil {
		return Key{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.destroyed[subject]:
		return Key{}, &KeyError{Op: "create", Subject: subject, Err: ErrKeyDestroyed}
	case m.keys[subject].IsValid():
		return Key{}, &KeyError{Op: "create", Subject: subject, Err: ErrKeyExists}
	}
	k, material, err := newKey(subject)
	clear(material)
	if err != nil {
		return Key{}, err
	}
	m.keys[subject] = k
	return k, nil
}

// Key implements [Keyring.Key].
func (m *Memory) Key(ctx context.Context, subject string) (Key, error) {
	if err := ctx.Err(); err != nil {
		return Key{}, err
	}
	if err := CheckSubject(subject); err != nil {
		return Key{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.destroyed[subject] {
		return Key{}, &KeyError{Op: "key", Subject: subject, Err: ErrKeyDestroyed}
	}
	k, ok := m.keys[subject]
	if !ok {
		return Key{}, &KeyError{Op: "key", Subject: subject, Err: ErrNoKey}
	}
	return k, nil
}

// Destroy implements [Keyring.Destroy].
func (m *Memory) Destroy(ctx context.Context, subject string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckSubject(subject); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.destroyed[subject] {
		return nil
	}
	if _, ok := m.keys[subject]; !ok {
		return &KeyError{Op: "destroy", Subject: subject, Err: ErrNoKey}
	}
	delete(m.keys, subject)
	m.destroyed[subject] = true
	return nil
}
