// Package keyringtest is a conformance suite for implementations of
// [keyring.Keyring], as testing/slogtest is for slog handlers: a keyring
// over a key-management service or a database table proves it behaves as
// the memory and file keyrings do by calling [Run] from its tests.
package keyringtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship/keyring"
)

// Run runs the conformance suite against keyrings made by open. Each
// subtest calls open once and expects an empty keyring.
func Run(t *testing.T, open func(t *testing.T) keyring.Keyring) {
	ctx := context.Background()
	t.Run("CreateThenKey", func(t *testing.T) {
		r := open(t)
		k, err := r.Create(ctx, "client-1")
		require.NoError(t, err)
		assert.Equal(t, "client-1", k.Subject())
		sealed, err := k.Seal([]byte("the rent is two weeks behind"), []byte("case-1/note"))
		require.NoError(t, err)
		again, err := r.Key(ctx, "client-1")
		require.NoError(t, err)
		plain, err := again.Open(sealed, []byte("case-1/note"))
		require.NoError(t, err)
		assert.Equal(t, "the rent is two weeks behind", string(plain))
	})
	t.Run("KeysDiffer", func(t *testing.T) {
		r := open(t)
		a, err := r.Create(ctx, "client-a")
		require.NoError(t, err)
		b, err := r.Create(ctx, "client-b")
		require.NoError(t, err)
		sealed, err := a.Seal([]byte("secret"), nil)
		require.NoError(t, err)
		_, err = b.Open(sealed, nil)
		assert.ErrorIs(t, err, keyring.ErrDecrypt, "one subject's key opens nothing of another's")
	})
	t.Run("CreateTwice", func(t *testing.T) {
		r := open(t)
		_, err := r.Create(ctx, "client-1")
		require.NoError(t, err)
		_, err = r.Create(ctx, "client-1")
		assertKeyError(t, err, "client-1", keyring.ErrKeyExists)
	})
	t.Run("Unknown", func(t *testing.T) {
		r := open(t)
		_, err := r.Key(ctx, "client-9")
		assertKeyError(t, err, "client-9", keyring.ErrNoKey)
		assertKeyError(t, r.Destroy(ctx, "client-9"), "client-9", keyring.ErrNoKey)
	})
	t.Run("Destroy", testDestroy(open))
	t.Run("InvalidSubject", func(t *testing.T) {
		r := open(t)
		for _, s := range []string{"", ".hidden", "a/b", "../up", "Anna Kowalski", "é", strings.Repeat("x", keyring.MaxSubject+1)} {
			_, err := r.Create(ctx, s)
			assert.ErrorIs(t, err, keyring.ErrInvalidSubject, "%q", s)
			_, err = r.Key(ctx, s)
			assert.ErrorIs(t, err, keyring.ErrInvalidSubject, "%q", s)
			assert.ErrorIs(t, r.Destroy(ctx, s), keyring.ErrInvalidSubject, "%q", s)
		}
	})
	t.Run("Cancelled", func(t *testing.T) {
		r := open(t)
		done, cancel := context.WithCancel(ctx)
		cancel()
		_, err := r.Create(done, "client-1")
		assert.ErrorIs(t, err, context.Canceled)
		_, err = r.Key(done, "client-1")
		assert.ErrorIs(t, err, context.Canceled)
		assert.ErrorIs(t, r.Destroy(done, "client-1"), context.Canceled)
		_, err = r.Key(ctx, "client-1")
		assert.ErrorIs(t, err, keyring.ErrNoKey, "a cancelled create made nothing")
	})
	t.Run("ConcurrentCreate", func(t *testing.T) {
		r := open(t)
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() { _, errs[i] = r.Create(ctx, "client-race") })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				assert.ErrorIs(t, err, keyring.ErrKeyExists)
			}
		}
		assert.Equal(t, 1, ok, "exactly one create wins")
	})
	t.Run("NeverPrinted", func(t *testing.T) {
		r := open(t)
		k, err := r.Create(ctx, "client-1")
		require.NoError(t, err)
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x"} {
			out := fmt.Sprintf(verb, k)
			assert.Contains(t, out, "client-1")
			assert.NotContains(t, out, "aead", "a key prints its subject, never its state")
		}
	})
}

func testDestroy(open func(t *testing.T) keyring.Keyring) func(t *testing.T) {
	return func(t *testing.T) {
		ctx := context.Background()
		r := open(t)
		k, err := r.Create(ctx, "client-1")
		require.NoError(t, err)
		sealed, err := k.Seal([]byte("secret"), nil)
		require.NoError(t, err)
		keep, err := r.Create(ctx, "client-2")
		require.NoError(t, err)
		require.NoError(t, r.Destroy(ctx, "client-1"))
		_, err = r.Key(ctx, "client-1")
		assertKeyError(t, err, "client-1", keyring.ErrKeyDestroyed)
		require.NoError(t, r.Destroy(ctx, "client-1"), "destroying twice does nothing")
		_, err = r.Create(ctx, "client-1")
		assertKeyError(t, err, "client-1", keyring.ErrKeyDestroyed)
		other, err := r.Key(ctx, "client-2")
		require.NoError(t, err, "other keys are untouched")
		s2, err := keep.Seal([]byte("x"), nil)
		require.NoError(t, err)
		_, err = other.Open(s2, nil)
		require.NoError(t, err)
		assert.False(t, bytes.Contains(sealed, []byte("secret")))
	}
}

func assertKeyError(t *testing.T, err error, subject string, sentinel error) {
	t.Helper()
	var ke *keyring.KeyError
	if assert.True(t, errors.As(err, &ke), "want *keyring.KeyError, got %v", err) {
		assert.Equal(t, subject, ke.Subject)
	}
	assert.ErrorIs(t, err, sentinel)
}
