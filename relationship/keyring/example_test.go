package keyring_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/helpingwork/helping/relationship/keyring"
)

// A file keyring keeps one key per subject in a directory of its own.
// Destroying a key erases what it sealed: the sealed bytes remain, and no
// one can open them.
func ExampleFile() {
	dir, _ := os.MkdirTemp("", "keys")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	ring, err := keyring.OpenFile(filepath.Join(dir, "keys"))
	if err != nil {
		fmt.Println(err)
		return
	}
	key, _ := ring.Create(ctx, "case-1")
	sealed, _ := key.Seal([]byte("Mrs. K. fears the landlord"), []byte("case-1/note-1"))
	again, _ := ring.Key(ctx, "case-1")
	plain, _ := again.Open(sealed, []byte("case-1/note-1"))
	fmt.Println(string(plain))
	fmt.Println(key) // a key prints its subject, never its material

	_ = ring.Destroy(ctx, "case-1")
	_, err = ring.Key(ctx, "case-1")
	fmt.Println(errors.Is(err, keyring.ErrKeyDestroyed), err)
	// Output:
	// Mrs. K. fears the landlord
	// keyring.Key{subject=case-1 material=[redacted]}
	// true keyring: key "case-1": key destroyed
}
