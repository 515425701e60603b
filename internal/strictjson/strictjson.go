// Package strictjson decodes JSON into Go values exactly as encoding/json
// does with DisallowUnknownFields and a check for trailing data, but from a
// plan compiled once per type, and without the allocations that make
// encoding/json slow to replay a long record.
//
// "Exactly" is the contract, and a differential fuzz test holds it: for
// every input and every type, [Unmarshal] and strict encoding/json either
// both fail or both succeed with equal values. The same rules therefore
// apply: object keys match field names exactly or else case-insensitively,
// unknown keys are errors, a repeated key decodes again into the same
// field, null leaves most values alone, json.Unmarshaler and
// encoding.TextUnmarshaler methods are called with the same bytes, and
// after the value only white space may follow, or a closing bracket or
// brace (which encoding/json's Decoder.More treats as the end).
//
// What is faster: fields are found by name without hashing; numbers,
// booleans and time.Time values are parsed in place; text unmarshalers get
// a slice of the input; and the strings of one decoded value are carved
// from a single allocation made by [Decoder.Finish]. Types whose shape this
// package does not handle itself (interfaces, arrays, byte slices, embedded
// fields, the ",string" option, named pointer types, json.Number) are
// handed to encoding/json, value by value, after the input was validated
// here.
package strictjson

import (
	"fmt"
	"reflect"
	"sync"
	"unsafe"
)

// RawValue is a field type that captures the bytes of any JSON value,
// including null, as json.RawMessage does, but without copying them: the
// slice points into the decoder's input and is valid only as long as it is.
type RawValue []byte

// RawString is a field type that captures the contents of a JSON string,
// decoded; it accepts exactly what a string field accepts (a string, or
// null, which leaves it alone). The slice points into the decoder's input
// when the string needed no decoding.
type RawString []byte

// Decoder holds the state of decoding: the input, the position, and the
// strings waiting for [Decoder.Finish]. Reuse one Decoder for many values
// to reuse its buffers. A Decoder is not safe for concurrent use.
type Decoder struct {
	data     []byte
	pos      int
	depth    int
	key      str    // the object key just scanned
	scratch  []byte // decoded keys and text, valid until the next use
	strs     []byte // the bytes of the pending strings
	fixups   []fixup
	unstable int // > 0 inside slices, maps and pre-existing pointers
}

// fixup is a string waiting for Finish: *dst = strs[off:end].
type fixup struct {
	dst      *string
	off, end int
}

// Decode decodes the JSON value in data into the value at ptr, whose type
// must be the plan's. depth is the nesting depth at which data sits in an
// enclosing document (0 for a document of its own), so that the nesting
// limit is counted as encoding/json counts it.
//
// Strings decoded into fields that stay where they are (not in slices or
// maps) are assigned by [Decoder.Finish], which must be called before they
// are read; call [Decoder.Reset] instead to drop them after an error.
func (d *Decoder) Decode(data []byte, depth int, plan *Plan, ptr unsafe.Pointer) error {
	d.data, d.pos, d.depth = data, 0, depth
	defer func() { d.data = nil }()
	d.skipSpace()
	if err := d.value(plan.root, ptr); err != nil {
		return err
	}
	return d.end()
}

// end checks what follows the top-level value: encoding/json's Decoder
// stops at the value, and Decoder.More accepts the end of input, ']' and
// '}' after white space as "no more".
func (d *Decoder) end() error {
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] != ']' && d.data[d.pos] != '}' {
		return d.syntaxError("trailing data after JSON value")
	}
	return nil
}

// Finish assigns the pending strings, all carved from one allocation.
func (d *Decoder) Finish() {
	if len(d.fixups) > 0 {
		arena := string(d.strs)
		for _, f := range d.fixups {
			*f.dst = arena[f.off:f.end]
		}
	}
	d.Reset()
}

// Reset drops the pending strings.
func (d *Decoder) Reset() {
	clear(d.fixups)
	d.fixups = d.fixups[:0]
	d.strs = d.strs[:0]
	d.unstable = 0
}

var decoders = sync.Pool{New: func() any { return new(Decoder) }}

// GetDecoder returns a Decoder from a pool shared by the callers of this
// package; give it back with [PutDecoder].
func GetDecoder() *Decoder { return decoders.Get().(*Decoder) }

// PutDecoder returns d to the pool. Its pending strings are dropped.
func PutDecoder(d *Decoder) {
	d.Reset()
	if cap(d.strs) > 64<<10 || cap(d.scratch) > 64<<10 {
		return // let a decoder that met a huge value go
	}
	decoders.Put(d)
}

// Unmarshal decodes data into the value v points to, as encoding/json's
// Decoder with DisallowUnknownFields decodes one value, followed by a check
// that Decoder.More reports no more. v must be a non-nil pointer.
func Unmarshal(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("json: Unmarshal(%T): not a non-nil pointer", v)
	}
	d := GetDecoder()
	defer PutDecoder(d)
	if err := d.Decode(data, 0, PlanOf(rv.Type().Elem()), rv.UnsafePointer()); err != nil {
		return err
	}
	d.Finish()
	return nil
}

// Valid reports whether data holds one syntactically valid JSON value,
// followed by nothing that [Decoder.Decode] would refuse. depth is as for
// Decode.
func Valid(data []byte, depth int) bool {
	d := Decoder{data: data, depth: depth}
	d.skipSpace()
	return d.skip() == nil && d.end() == nil
}

// Error is a JSON value that could not be decoded: bad syntax, a value of
// the wrong kind, an unknown field, a number out of range.
type Error struct {
	Offset int    // where in the input, in bytes
	Msg    string // what is wrong
}

// Error says what is wrong and where.
func (e *Error) Error() string {
	return fmt.Sprintf("json: %s (at byte %d)", e.Msg, e.Offset)
}

func (d *Decoder) syntaxError(msg string) error {
	return &Error{Offset: d.pos, Msg: msg}
}

func (d *Decoder) typeError(c byte, t reflect.Type) error {
	what := "number"
	switch c {
	case '"':
		what = "string"
	case '{':
		what = "object"
	case '[':
		what = "array"
	case 't', 'f':
		what = "bool"
	case 'n':
		what = "null"
	}
	return &Error{Offset: d.pos, Msg: fmt.Sprintf("cannot decode %s into Go value of type %s", what, t)}
}

func (d *Decoder) numberError(tok []byte, t reflect.Type) error {
	return &Error{Offset: d.pos, Msg: fmt.Sprintf("cannot decode number %s into Go value of type %s", tok, t)}
}

func (d *Decoder) keyError(key []byte, t reflect.Type) error {
	return &Error{Offset: d.pos, Msg: fmt.Sprintf("cannot decode object key %q into Go value of type %s", key, t)}
}

func (d *Decoder) unknownField(key []byte, t reflect.Type) error {
	return &Error{Offset: d.pos, Msg: fmt.Sprintf("unknown field %q in %s", key, t)}
}
