// Package statecodec writes down the state of an agency, a case or a group
// as it stands, and reads it back, for snapshots: a load that starts from a
// recent snapshot replays only the entries after it.
//
// A snapshot is a cache, not a record. The record (the entries of a
// stream, as stable documented JSON) is what is kept for ten years; a
// snapshot only spares the work of replaying it. So the encoding is
// whatever is fastest and simplest to keep exact: the Go values of the
// state, every field, exported or not, walked by reflection, in a compact
// binary form. Its header carries a fingerprint of the Go types encoded
// (their kinds, names and fields, recursively): when the program's state
// types change, old snapshots no longer match, Unmarshal refuses them with
// ErrFormat, and the caller replays the record in full. A CRC-32C of
// everything before it ends the data, so a damaged snapshot is refused
// the same way before anything is decoded. Nothing is ever
// read into a type it was not written from.
//
// The values must be plain data: booleans, numbers, strings, arrays,
// slices, maps, structs and pointers to them, [time.Time]. Mutexes and
// atomics (types of package sync and sync/atomic) are written as nothing
// and read back as zero values. Interfaces, functions, channels, complex
// numbers and unsafe pointers are refused, as is a pointer reached twice
// (the snapshot would not restore the sharing). Nil and empty slices and
// maps are told apart, so a value read back is deeply equal to the value
// written ([reflect.DeepEqual]).
package statecodec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"math"
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// ErrFormat means the data is not a snapshot of the given types: written
// by another version of the program, or damaged.
var ErrFormat = errors.New("statecodec: not a snapshot of these types")

// ErrUnsupported means a value holds something the codec does not write: an
// interface, a function, a channel, a complex number, a pointer reached
// twice.
var ErrUnsupported = errors.New("statecodec: unsupported value")

const magic = "HSTATE1\x00"

var timeType = reflect.TypeFor[time.Time]()

// Marshal encodes the values that vs point to. Each must be a non-nil
// pointer.
func Marshal(vs ...any) ([]byte, error) {
	types, err := pointees(vs)
	if err != nil {
		return nil, err
	}
	e := &encoder{b: make([]byte, 0, 4096), seen: map[unsafe.Pointer]bool{}}
	e.b = append(e.b, magic...)
	e.b = binary.LittleEndian.AppendUint64(e.b, Fingerprint(types...))
	for _, v := range vs {
		if err := e.value(reflect.ValueOf(v).Elem()); err != nil {
			return nil, err
		}
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, castagnoli))
	return e.b, nil
}

// castagnoli is the CRC-32C table of the checksum that ends every
// snapshot, so that damage is found before anything is decoded.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Unmarshal decodes data, written by Marshal from values of the same types,
// into the values that vs point to. It decodes into fresh values first and
// stores them only when everything has decoded: on error the values are
// unchanged. Data written from other types, or damaged, is an error
// wrapping ErrFormat.
func Unmarshal(data []byte, vs ...any) error {
	types, err := pointees(vs)
	if err != nil {
		return err
	}
	if len(data) < len(magic)+8+4 || string(data[:len(magic)]) != magic {
		return fmt.Errorf("%w: no snapshot header", ErrFormat)
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return fmt.Errorf("%w: checksum does not match: damaged", ErrFormat)
	}
	if got, want := binary.LittleEndian.Uint64(data[len(magic):]), Fingerprint(types...); got != want {
		return fmt.Errorf("%w: written from other types (fingerprint %016x, these are %016x)", ErrFormat, got, want)
	}
	d := &decoder{b: body[len(magic)+8:]}
	fresh := make([]reflect.Value, len(vs))
	for i, t := range types {
		fresh[i] = reflect.New(t).Elem()
		if err := d.value(fresh[i]); err != nil {
			return err
		}
	}
	if len(d.b) != 0 {
		return fmt.Errorf("%w: %d bytes after the values", ErrFormat, len(d.b))
	}
	for i, v := range vs {
		dst := reflect.ValueOf(v).Elem()
		// Copied word by word, as the values may hold mutexes that a plain
		// assignment would copy too: the fresh ones are unlocked zeros.
		reflect.NewAt(types[i], unsafe.Pointer(dst.UnsafeAddr())).Elem().Set(fresh[i])
	}
	return nil
}

// pointees returns the types vs point to.
func pointees(vs []any) ([]reflect.Type, error) {
	types := make([]reflect.Type, len(vs))
	for i, v := range vs {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Pointer || rv.IsNil() {
			return nil, fmt.Errorf("%w: argument %d is not a non-nil pointer", ErrUnsupported, i)
		}
		types[i] = rv.Type().Elem()
	}
	return types, nil
}

// Fingerprint returns a hash of the structure of the types: their kinds,
// their names and packages, and recursively their elements and fields
// (names, tags and types). It changes whenever a state type changes in a
// way that matters to the encoding.
func Fingerprint(types ...reflect.Type) uint64 {
	h := fnv.New64a()
	seen := map[reflect.Type]int{}
	for _, t := range types {
		describe(h, t, seen)
	}
	return h.Sum64()
}

type writer interface{ Write([]byte) (int, error) }

func describe(w writer, t reflect.Type, seen map[reflect.Type]int) {
	if n, ok := seen[t]; ok {
		fmt.Fprintf(w, "@%d;", n)
		return
	}
	seen[t] = len(seen)
	fmt.Fprintf(w, "%s:%s.%s[", t.Kind(), t.PkgPath(), t.Name())
	switch {
	case t == timeType, skipped(t):
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(w, "%s,", f.Name)
			describe(w, f.Type, seen)
		}
	case t.Kind() == reflect.Array:
		fmt.Fprintf(w, "%d,", t.Len())
		describe(w, t.Elem(), seen)
	case t.Kind() == reflect.Slice, t.Kind() == reflect.Pointer:
		describe(w, t.Elem(), seen)
	case t.Kind() == reflect.Map:
		describe(w, t.Key(), seen)
		describe(w, t.Elem(), seen)
	}
	w.Write([]byte("];"))
}

// skipped reports whether values of t are written as nothing: the
// synchronisation types, whose zero value is the right one to start with.
func skipped(t reflect.Type) bool {
	switch t.PkgPath() {
	case "sync", "sync/atomic":
		return true
	}
	return false
}

type encoder struct {
	b    []byte
	seen map[unsafe.Pointer]bool
}

func (e *encoder) uvarint(n uint64) { e.b = binary.AppendUvarint(e.b, n) }

func (e *encoder) value(v reflect.Value) error {
	t := v.Type()
	if t == timeType {
		tm := *(*time.Time)(unsafe.Pointer(v.UnsafeAddr()))
		b, err := tm.MarshalBinary()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnsupported, err)
		}
		e.uvarint(uint64(len(b)))
		e.b = append(e.b, b...)
		return nil
	}
	if skipped(t) {
		return nil
	}
	switch t.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.b = append(e.b, 1)
		} else {
			e.b = append(e.b, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.b = binary.AppendVarint(e.b, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.uvarint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
	case reflect.String:
		s := v.String()
		e.uvarint(uint64(len(s)))
		e.b = append(e.b, s...)
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			e.b = append(e.b, unsafe.Slice((*byte)(unsafe.Pointer(v.UnsafeAddr())), t.Len())...)
			return nil
		}
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return nil
		}
		e.b = append(e.b, 1)
		e.uvarint(uint64(v.Len()))
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return nil
		}
		e.b = append(e.b, 1)
		e.uvarint(uint64(v.Len()))
		k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		for it := v.MapRange(); it.Next(); {
			k.SetIterKey(it)
			x.SetIterValue(it)
			if err := e.value(k); err != nil {
				return err
			}
			if err := e.value(x); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.b = append(e.b, 0)
			return nil
		}
		p := v.UnsafePointer()
		if e.seen[p] {
			return fmt.Errorf("%w: a %s is reached twice", ErrUnsupported, t)
		}
		e.seen[p] = true
		e.b = append(e.b, 1)
		return e.value(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if err := e.value(field(v, i)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w: %s", ErrUnsupported, t)
	}
	return nil
}

// field returns field i of the addressable struct v, readable and settable
// even if it is not exported.
func field(v reflect.Value, i int) reflect.Value {
	f := v.Field(i)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

type decoder struct {
	b       []byte
	scratch []byte // where a time is written back, to compare with what was read
}

func (d *decoder) short() error { return fmt.Errorf("%w: data ends too soon", ErrFormat) }

func (d *decoder) uvarint() (uint64, error) {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		return 0, d.short()
	}
	d.b = d.b[k:]
	return n, nil
}

// length reads a length and checks that at least min bytes per element
// could follow.
func (d *decoder) length(min int) (int, error) {
	n, err := d.uvarint()
	if err != nil {
		return 0, err
	}
	if n > uint64(len(d.b)) || min > 0 && n > uint64(len(d.b)/min) {
		return 0, fmt.Errorf("%w: a length of %d is longer than the data", ErrFormat, n)
	}
	return int(n), nil
}

func (d *decoder) byte1() (byte, error) {
	if len(d.b) == 0 {
		return 0, d.short()
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c, nil
}

func (d *decoder) flag() (bool, error) {
	c, err := d.byte1()
	if err == nil && c > 1 {
		err = fmt.Errorf("%w: a flag of %d", ErrFormat, c)
	}
	return c == 1, err
}

// minSize is the fewest bytes a value of t takes, to bound lengths read.
func minSize(t reflect.Type) int {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return 8
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return max(t.Len(), 0)
		}
	}
	if skipped(t) {
		return 0
	}
	if t.Kind() == reflect.Struct {
		return 0
	}
	return 1
}

var sizes sync.Map // reflect.Type -> int

func elemSize(t reflect.Type) int {
	if n, ok := sizes.Load(t); ok {
		return n.(int)
	}
	n := minSize(t)
	sizes.Store(t, n)
	return n
}

func (d *decoder) value(v reflect.Value) error {
	t := v.Type()
	if t == timeType {
		n, err := d.length(1)
		if err != nil {
			return err
		}
		var tm time.Time
		if err := tm.UnmarshalBinary(d.b[:n]); err != nil {
			return fmt.Errorf("%w: %v", ErrFormat, err)
		}
		// UnmarshalBinary takes nanoseconds beyond a second as they come,
		// and such a time does not write back the same: only the form
		// MarshalBinary writes is a time.
		again, err := tm.AppendBinary(d.scratch[:0])
		d.scratch = again[:0]
		if err != nil || !bytes.Equal(again, d.b[:n]) {
			return fmt.Errorf("%w: a time not as MarshalBinary writes it", ErrFormat)
		}
		d.b = d.b[n:]
		*(*time.Time)(unsafe.Pointer(v.UnsafeAddr())) = tm
		return nil
	}
	if skipped(t) {
		return nil
	}
	switch t.Kind() {
	case reflect.Bool:
		b, err := d.flag()
		v.SetBool(b)
		return err
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, k := binary.Varint(d.b)
		if k <= 0 {
			return d.short()
		}
		d.b = d.b[k:]
		if v.OverflowInt(n) {
			return fmt.Errorf("%w: %d overflows %s", ErrFormat, n, t)
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, err := d.uvarint()
		if err != nil {
			return err
		}
		if v.OverflowUint(n) {
			return fmt.Errorf("%w: %d overflows %s", ErrFormat, n, t)
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		if len(d.b) < 8 {
			return d.short()
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(d.b)))
		d.b = d.b[8:]
	case reflect.String:
		n, err := d.length(1)
		if err != nil {
			return err
		}
		v.SetString(string(d.b[:n]))
		d.b = d.b[n:]
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			if len(d.b) < t.Len() {
				return d.short()
			}
			copy(unsafe.Slice((*byte)(unsafe.Pointer(v.UnsafeAddr())), t.Len()), d.b)
			d.b = d.b[t.Len():]
			return nil
		}
		for i := range v.Len() {
			if err := d.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		ok, err := d.flag()
		if err != nil || !ok {
			return err
		}
		n, err := d.length(elemSize(t.Elem()))
		if err != nil {
			return err
		}
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			if err := d.value(s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Map:
		ok, err := d.flag()
		if err != nil || !ok {
			return err
		}
		n, err := d.length(elemSize(t.Key()) + elemSize(t.Elem()))
		if err != nil {
			return err
		}
		m := reflect.MakeMapWithSize(t, n)
		// One key and one element, reused: SetMapIndex copies them in.
		k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		for range n {
			k.SetZero()
			x.SetZero()
			if err := d.value(k); err != nil {
				return err
			}
			if err := d.value(x); err != nil {
				return err
			}
			m.SetMapIndex(k, x)
		}
		if m.Len() != n {
			return fmt.Errorf("%w: a map with a key twice", ErrFormat)
		}
		v.Set(m)
	case reflect.Pointer:
		ok, err := d.flag()
		if err != nil || !ok {
			return err
		}
		p := reflect.New(t.Elem())
		if err := d.value(p.Elem()); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if err := d.value(field(v, i)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w: %s", ErrUnsupported, t)
	}
	return nil
}
