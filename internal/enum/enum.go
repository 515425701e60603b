// Package enum holds the text tables behind the library's enumerations.
//
// Every enumeration in the library is a small unsigned integer type whose
// zero value means "unspecified" and is never valid. A [Table] gives each
// valid value a stable lower-case name, used by String, MarshalText,
// UnmarshalText and the Parse functions of the exported packages, so that the
// text forms stay the same when constants are added.
package enum

import (
	"errors"
	"fmt"
	"iter"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/helpingwork/helping/internal/strictjson"
)

// MakeError builds the error that a Table returns for a text that names no
// value (unknown is true) or for a value that has no name. The relationship
// package installs its exported TextError here when it initialises, so every
// enumeration of the library fails with the same typed error.
var MakeError = func(typ, text string, unknown bool) error {
	if unknown {
		return fmt.Errorf("unknown %s %q", typ, text)
	}
	return errors.New("invalid " + typ + " value " + text)
}

// Table maps the values of one enumeration to their stable names. names[0]
// is the name of the invalid zero value. A Table is immutable and safe for
// concurrent use.
type Table[T ~uint8] struct {
	typ   string
	names []string
	index map[string]T
}

// New returns the table for the enumeration called typ, whose value i is
// named names[i]. names[0] names the zero value, which is never valid.
func New[T ~uint8](typ string, names ...string) *Table[T] {
	t := &Table[T]{typ: typ, names: names, index: make(map[string]T, len(names))}
	for i, n := range names[1:] {
		t.index[n] = T(i + 1)
	}
	// Records write enumerations by name, entry after entry: let the
	// encoder find the name here, without MarshalText's allocation. It
	// uses this only where it gives what MarshalText does.
	strictjson.RegisterTextName(reflect.TypeFor[T](), func(p unsafe.Pointer) (string, bool) {
		if v := *(*T)(p); t.Valid(v) {
			return t.names[v], true
		}
		return "", false
	})
	return t
}

// Type returns the name of the enumeration, as used in error messages.
func (t *Table[T]) Type() string { return t.typ }

// Valid reports whether v is one of the enumeration's named, non-zero values.
func (t *Table[T]) Valid(v T) bool { return v > 0 && int(v) < len(t.names) }

// String returns the name of v, or "Type(n)" when v is out of range.
func (t *Table[T]) String(v T) string {
	if int(v) < len(t.names) {
		return t.names[v]
	}
	return t.typ + "(" + strconv.Itoa(int(v)) + ")"
}

// Parse returns the value named s. The name of the zero value does not parse.
func (t *Table[T]) Parse(s string) (T, bool) {
	v, ok := t.index[s]
	return v, ok
}

// Values yields every valid value in increasing order.
func (t *Table[T]) Values() iter.Seq[T] {
	return func(yield func(T) bool) {
		for i := 1; i < len(t.names); i++ {
			if !yield(T(i)) {
				return
			}
		}
	}
}

// Len returns the number of valid values.
func (t *Table[T]) Len() int { return len(t.names) - 1 }

// Text returns the name of v for MarshalText. An invalid value is an error.
func (t *Table[T]) Text(v T) ([]byte, error) {
	if !t.Valid(v) {
		return nil, MakeError(t.typ, t.String(v), false)
	}
	return []byte(t.names[v]), nil
}

// ParseText returns the value named s, or an error that names s.
func (t *Table[T]) ParseText(s string) (T, error) {
	v, ok := t.index[s]
	if !ok {
		return 0, MakeError(t.typ, s, true)
	}
	return v, nil
}

// Unmarshal sets *v to the value named b for UnmarshalText. On error *v is
// unchanged.
func (t *Table[T]) Unmarshal(b []byte, v *T) error {
	p, ok := t.index[string(b)] // no allocation: the compiler looks up b in place
	if !ok {
		return MakeError(t.typ, string(b), true)
	}
	*v = p
	return nil
}

// Check returns nil if v is valid, and otherwise the error for an invalid value.
func (t *Table[T]) Check(v T) error {
	if t.Valid(v) {
		return nil
	}
	return MakeError(t.typ, t.String(v), false)
}
