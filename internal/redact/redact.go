// Package redact keeps confidential content out of logs and fmt output.
//
// A client tells a worker things in confidence (Biestek's principle of
// confidentiality); a log line or a printed value must not repeat them.
// The types of this module that carry such content implement
// [slog.LogValuer] and [fmt.Formatter] with the two functions here, so that
// whatever handler or verb a program uses, it sees identifiers, kinds,
// counts and times, never text:
//
//   - [Value] walks a struct's fields: every string becomes
//     [Mark], identifiers and enumerations print as text, numbers, booleans
//     and times stay as they are, nested values that redact themselves are
//     asked to, and maps become their size.
//   - [Format] prints a [slog.LogValuer]'s value, with its type's name, for
//     every fmt verb, %#v included.
//
// Redacting every string is deliberate: a field is confidential unless a
// hand-written LogValue says otherwise.
package redact

import (
	"encoding"
	"fmt"
	"log/slog"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Mark stands in logs and printed values for what confidentiality keeps out
// of them.
const Mark = "[redacted]"

var (
	logValuer   = reflect.TypeFor[slog.LogValuer]()
	stringer    = reflect.TypeFor[fmt.Stringer]()
	textMarshal = reflect.TypeFor[encoding.TextMarshaler]()
	timeType    = reflect.TypeFor[time.Time]()
	durType     = reflect.TypeFor[time.Duration]()
)

// Value returns the redacted log value of v, which is usually a struct with
// exported fields (an event). A nil v is the empty value. Value never
// calls v's own LogValue, so a LogValue method may return Value(itself).
func Value(v any) slog.Value {
	if v == nil {
		return slog.Value{}
	}
	rv := reflect.ValueOf(v)
	cp := reflect.New(rv.Type()).Elem() // addressable, so unexported fields can be read
	cp.Set(rv)
	return walk(cp, 0)
}

// Nested returns v's own LogValue when it has one, and [Value] of v
// otherwise: the value of a field such as an entry's event.
func Nested(v any) slog.Value {
	if v == nil {
		return slog.Value{}
	}
	if lv, ok := v.(slog.LogValuer); ok {
		return lv.LogValue().Resolve()
	}
	return Value(v)
}

// maxDepth bounds the walk, so that a cyclic value cannot recurse forever.
const maxDepth = 8

func walk(rv reflect.Value, depth int) slog.Value {
	if depth > maxDepth {
		return slog.StringValue("…")
	}
	if !rv.IsValid() {
		return slog.Value{}
	}
	t := rv.Type()
	if !rv.CanInterface() && rv.CanAddr() {
		// An unexported field: read it through its address. Its strings
		// are still redacted; only identifiers, enumerations, numbers and
		// times show.
		rv = reflect.NewAt(t, unsafe.Pointer(rv.UnsafeAddr())).Elem()
	}
	if depth > 0 && t.Implements(logValuer) && rv.CanInterface() {
		if (t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface) && rv.IsNil() {
			return slog.Value{}
		}
		return rv.Interface().(slog.LogValuer).LogValue().Resolve()
	}
	switch t {
	case timeType:
		if !rv.CanInterface() {
			return slog.StringValue(Mark)
		}
		return slog.TimeValue(rv.Interface().(time.Time))
	case durType:
		return slog.DurationValue(time.Duration(rv.Int()))
	}
	switch t.Kind() {
	case reflect.String:
		if rv.Len() == 0 {
			return slog.StringValue("")
		}
		return slog.StringValue(Mark)
	case reflect.Bool:
		return slog.BoolValue(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Array:
		return scalar(rv)
	case reflect.Float32, reflect.Float64:
		return slog.Float64Value(rv.Float())
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return slog.Value{}
		}
		return walk(rv.Elem(), depth+1)
	case reflect.Struct:
		return structValue(rv, depth)
	case reflect.Slice:
		return sliceValue(rv, depth)
	case reflect.Map:
		return slog.GroupValue(slog.Int("len", rv.Len()))
	}
	return slog.StringValue(Mark)
}

// scalar logs a number, or an enumeration or identifier by its text (an
// enumeration's name, a UUID's hex form): text of a named non-string type is
// never free text.
func scalar(rv reflect.Value) slog.Value {
	t := rv.Type()
	if rv.CanInterface() {
		switch {
		case t.Implements(textMarshal):
			if b, err := rv.Interface().(encoding.TextMarshaler).MarshalText(); err == nil {
				return slog.StringValue(string(b))
			}
		case t.Implements(stringer):
			return slog.StringValue(rv.Interface().(fmt.Stringer).String())
		}
	}
	switch t.Kind() {
	case reflect.Array:
		return slog.StringValue(Mark)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return slog.Uint64Value(rv.Uint())
	}
	return slog.Int64Value(rv.Int())
}

func structValue(rv reflect.Value, depth int) slog.Value {
	t := rv.Type()
	attrs := make([]slog.Attr, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		switch f.Type.Kind() {
		case reflect.Func, reflect.Chan, reflect.UnsafePointer:
			continue
		}
		attrs = append(attrs, slog.Attr{Key: f.Name, Value: walk(rv.Field(i), depth+1)})
	}
	return slog.GroupValue(attrs...)
}

// maxItems bounds how many elements of a slice are logged.
const maxItems = 16

func sliceValue(rv reflect.Value, depth int) slog.Value {
	n := rv.Len()
	attrs := []slog.Attr{slog.Int("len", n)}
	for i := range min(n, maxItems) {
		attrs = append(attrs, slog.Attr{Key: strconv.Itoa(i), Value: walk(rv.Index(i), depth+1)})
	}
	return slog.GroupValue(attrs...)
}

// Format writes v for fmt, for every verb: its type's name and its log
// value, such as
//
//	casework.Note{id=… text=[redacted] length=12}
//
// %q quotes that text. Types that carry confidential content call it from their
// Format method, so that neither %v, %+v, %#v nor %s can print what their
// LogValue leaves out.
func Format(f fmt.State, verb rune, v slog.LogValuer) {
	if f == nil || v == nil {
		return // called by hand, with nowhere to write or nothing to write
	}
	var b strings.Builder
	b.WriteString(typeName(v))
	writeValue(&b, v.LogValue().Resolve(), 0)
	s := b.String()
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = f.Write([]byte(s))
}

// FormatString writes the summary s for fmt, for every verb (quoted for
// %q). A type whose String is already free of confidential content uses it
// so that %v and %#v print the same summary.
func FormatString(f fmt.State, verb rune, s string) {
	if f == nil {
		return
	}
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = f.Write([]byte(s))
}

func typeName(v any) string {
	t := reflect.TypeOf(v)
	if t == nil {
		return "<nil>"
	}
	return t.String()
}

func writeValue(b *strings.Builder, v slog.Value, depth int) {
	if v.Kind() != slog.KindGroup {
		if depth == 0 {
			b.WriteByte('(')
			defer b.WriteByte(')')
		}
		if v.Kind() == slog.KindTime {
			b.WriteString(v.Time().Format(time.RFC3339Nano))
			return
		}
		b.WriteString(v.String())
		return
	}
	b.WriteByte('{')
	for i, a := range v.Group() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.Key)
		b.WriteByte('=')
		writeValue(b, a.Value.Resolve(), depth+1)
	}
	b.WriteByte('}')
}
