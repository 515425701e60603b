package strictjson

import (
	"encoding"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"
)

// encKind says how an encoder node writes its value.
type encKind uint8

const (
	encFallback encKind = iota // json.Marshal writes the value
	encString
	encBool
	encInt
	encUint
	encFloat
	encStruct
	encSlice
	encMap
	encPointer
	encText // the type's value receiver implements encoding.TextMarshaler
	encTime
)

// encNode is the encoding plan for one Go type.
type encNode struct {
	kind   encKind
	typ    reflect.Type
	bits   int // of floats
	fields []encField
	elem   *encNode                              // slices, maps, pointers
	key    keyKind                               // maps
	name   func(p unsafe.Pointer) (string, bool) // encText: the text, without MarshalText (see RegisterTextName)
}

// encField is one field of a struct encoder.
type encField struct {
	index     int
	prefix    string // the key and colon, as encoding/json writes them
	omitEmpty bool
	node      *encNode
}

var (
	encoders   sync.Map // reflect.Type -> *encNode, fully built
	encodeMu   sync.Mutex
	encCompile = map[reflect.Type]*encNode{}
	nameFns    = map[reflect.Type]func(unsafe.Pointer) (string, bool){}

	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// encoderOf returns the encoder for t, compiling it the first time.
func encoderOf(t reflect.Type) *encNode {
	if n, ok := encoders.Load(t); ok {
		return n.(*encNode)
	}
	encodeMu.Lock()
	defer encodeMu.Unlock()
	n := compileEnc(t)
	encoders.Store(t, n)
	return n
}

// compileEnc returns the encoder node for t, following the order in which
// encoding/json chooses an encoder. Types whose methods encoding/json
// would use only when the value is addressable fall back, as do
// json.Marshaler types, interfaces, arrays and byte slices.
func compileEnc(t reflect.Type) *encNode {
	if n, ok := encCompile[t]; ok {
		return n
	}
	n := &encNode{typ: t}
	encCompile[t] = n
	switch {
	case t == timeType:
		n.kind = encTime
	case t.Implements(marshalerType), t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshalerType):
	case t.Kind() == reflect.Interface:
	case t.Kind() != reflect.Pointer && t.Implements(textMarshalerType):
		n.kind = encText
		if fn := nameFns[t]; fn != nil && sameNames(t, fn) {
			n.name = fn
		}
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textMarshalerType):
	default:
		compileEncKind(n, t)
	}
	return n
}

// RegisterTextName installs fn as a way to write values of type t, a
// uint8 kind whose value receiver implements encoding.TextMarshaler (an
// enumeration), without the allocation MarshalText makes: fn returns the
// value's text, or false to leave the value to MarshalText. It is used
// only if, for every one of the type's 256 values, it gives exactly what
// MarshalText does (checked when the type is first encoded), so a type
// whose MarshalText says otherwise is written as before. Call it before
// the first encoding of a value of t; later calls are ignored.
func RegisterTextName(t reflect.Type, fn func(p unsafe.Pointer) (string, bool)) {
	encodeMu.Lock()
	defer encodeMu.Unlock()
	if t.Kind() == reflect.Uint8 && t.Implements(textMarshalerType) {
		nameFns[t] = fn
	}
}

// sameNames reports whether fn gives what MarshalText gives, or false
// where MarshalText fails, for every value of t, a uint8 kind.
func sameNames(t reflect.Type, fn func(unsafe.Pointer) (string, bool)) bool {
	v := reflect.New(t).Elem()
	for i := range 256 {
		v.SetUint(uint64(i))
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		name, ok := fn(v.Addr().UnsafePointer())
		if ok && (err != nil || name != string(text)) {
			return false
		}
	}
	return true
}

func compileEncKind(n *encNode, t reflect.Type) {
	switch t.Kind() {
	case reflect.String:
		if t != numberType {
			n.kind = encString
		}
	case reflect.Bool:
		n.kind = encBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n.kind = encInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n.kind = encUint
	case reflect.Float32, reflect.Float64:
		n.kind, n.bits = encFloat, t.Bits()
	case reflect.Pointer:
		n.kind, n.elem = encPointer, compileEnc(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 {
			n.kind, n.elem = encSlice, compileEnc(t.Elem())
		}
	case reflect.Map:
		kt := t.Key()
		switch {
		case kt.Kind() == reflect.String:
			n.key = keyString
		case kt.Kind() != reflect.Pointer && kt.Implements(textMarshalerType):
			n.key = keyText
		case kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Int64:
			n.key = keyInt
		case kt.Kind() >= reflect.Uint && kt.Kind() <= reflect.Uintptr:
			n.key = keyUint
		default:
			return
		}
		n.kind, n.elem = encMap, compileEnc(t.Elem())
	case reflect.Struct:
		infos, ok := structFields(t)
		if !ok {
			return
		}
		for _, fi := range infos {
			if fi.omitZero {
				return
			}
		}
		n.kind = encStruct
		for _, fi := range infos {
			prefix := appendHTMLEscape([]byte{'"'}, fi.name)
			n.fields = append(n.fields, encField{index: fi.index, prefix: string(append(prefix, '"', ':')),
				omitEmpty: fi.omitEmpty, node: compileEnc(fi.typ)})
		}
	}
}

// AppendMarshal appends the JSON encoding of v to dst, byte for byte what
// json.Marshal(v) returns, and fails where it fails. It is faster, and
// allocates nothing for the shapes the library's events have.
func AppendMarshal(dst []byte, v any) ([]byte, error) {
	if v == nil {
		return append(dst, "null"...), nil
	}
	t := reflect.TypeOf(v)
	n := encoderOf(t)
	if n.kind != encFallback {
		if out, err := encodeValue(dst, n, inPlace(v, t), false, 0); err == nil {
			return out, nil
		}
	}
	// What json.Marshal does, errors included, for what this package does
	// not write itself.
	js, err := json.Marshal(v)
	if err != nil {
		return dst, err
	}
	return append(dst, js...), nil
}

// inPlace returns an addressable view of the value in the interface v, to
// read fields without copying them out. A value larger than a pointer is
// held by the interface through a pointer to it, which is read in place;
// a smaller one is copied.
func inPlace(v any, t reflect.Type) reflect.Value {
	if t.Size() > unsafe.Sizeof(uintptr(0)) {
		type eface struct{ typ, data unsafe.Pointer }
		return reflect.NewAt(t, (*eface)(unsafe.Pointer(&v)).data).Elem()
	}
	c := reflect.New(t).Elem()
	c.Set(reflect.ValueOf(v))
	return c
}

// errFallBack makes AppendMarshal hand the whole value to json.Marshal,
// which reports the error exactly as it would.
var errFallBack = errors.New("json: fall back")

// maxDepthEncoded is how deep pointers, slices and maps may nest before
// the encoder lets json.Marshal decide: past this depth it looks for
// cycles, and reports them.
const maxDepthEncoded = 1000

// encodeValue appends v. addr says whether encoding/json would see v as
// addressable, which decides whether it calls pointer-receiver methods; v
// itself is always addressable here, so that it can be read without
// copying.
func encodeValue(b []byte, n *encNode, v reflect.Value, addr bool, depth int) ([]byte, error) {
	switch n.kind {
	case encString:
		return appendString(b, v.String()), nil
	case encBool:
		return strconv.AppendBool(b, v.Bool()), nil
	case encInt:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case encUint:
		return strconv.AppendUint(b, v.Uint(), 10), nil
	case encFloat:
		return appendFloat(b, v.Float(), n.bits)
	case encStruct:
		return encodeStruct(b, n, v, addr, depth)
	case encSlice:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		if depth > maxDepthEncoded {
			return b, errFallBack
		}
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = encodeValue(b, n.elem, v.Index(i), true, depth+1); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case encMap:
		return encodeMap(b, n, v, depth)
	case encPointer:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		if depth > maxDepthEncoded {
			return b, errFallBack
		}
		return encodeValue(b, n.elem, v.Elem(), true, depth+1)
	case encText:
		if n.name != nil {
			if name, ok := n.name(v.Addr().UnsafePointer()); ok {
				return appendString(b, name), nil
			}
		}
		text, err := v.Addr().Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return b, errFallBack
		}
		return appendString(b, text), nil
	case encTime:
		t := v.Addr().Interface().(*time.Time)
		if y := t.Year(); y < 0 || y > 9999 {
			return b, errFallBack
		}
		if _, off := t.Zone(); off <= -24*60*60 || off >= 24*60*60 {
			return b, errFallBack
		}
		b = append(b, '"')
		b = t.AppendFormat(b, time.RFC3339Nano)
		return append(b, '"'), nil
	}
	var x any
	if addr {
		x = v.Addr().Interface()
	} else {
		x = v.Interface()
	}
	js, err := json.Marshal(x)
	if err != nil {
		return b, err
	}
	return append(b, js...), nil
}

func encodeStruct(b []byte, n *encNode, v reflect.Value, addr bool, depth int) ([]byte, error) {
	b = append(b, '{')
	first := true
	for i := range n.fields {
		f := &n.fields[i]
		fv := v.Field(f.index)
		if f.omitEmpty && isEmptyValue(fv) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.prefix...)
		var err error
		if b, err = encodeValue(b, f.node, fv, addr, depth); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// encodeMap writes a map's entries sorted by their keys' text, as
// encoding/json does.
func encodeMap(b []byte, n *encNode, v reflect.Value, depth int) ([]byte, error) {
	if v.IsNil() {
		return append(b, "null"...), nil
	}
	if depth > maxDepthEncoded {
		return b, errFallBack
	}
	type entry struct {
		key string
		val reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		k := it.Key()
		var key string
		switch n.key {
		case keyString:
			key = k.String()
		case keyText:
			text, err := k.Interface().(encoding.TextMarshaler).MarshalText()
			if err != nil {
				return b, errFallBack
			}
			key = string(text)
		case keyInt:
			key = strconv.FormatInt(k.Int(), 10)
		default:
			key = strconv.FormatUint(k.Uint(), 10)
		}
		entries = append(entries, entry{key, it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	// Map values are not addressable: each is copied into one that is.
	tmp := reflect.New(n.elem.typ).Elem()
	b = append(b, '{')
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, e.key)
		b = append(b, ':')
		tmp.Set(e.val)
		var err error
		if b, err = encodeValue(b, n.elem, tmp, false, depth+1); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// appendFloat writes f as encoding/json does: like %g, but with the
// exponent cutoffs of ES6 and no padding of the exponent.
func appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, errFallBack
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// e-09 becomes e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

const hexDigits = "0123456789abcdef"

// htmlSafe says which ASCII bytes a JSON string holds as they are when
// HTML is escaped.
var htmlSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := byte(0x20); c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return safe
}()

// AppendString appends s as a JSON string, as encoding/json writes it:
// with <, > and & escaped, invalid UTF-8 replaced by \ufffd, and U+2028
// and U+2029 escaped.
func AppendString(b []byte, s string) []byte { return appendString(b, s) }

// appendString is AppendString for strings and byte slices.
func appendString[S []byte | string](b []byte, s S) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if htmlSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		n := min(len(s)-i, utf8.UTFMax)
		r, size := utf8.DecodeRuneInString(string(s[i : i+n]))
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendHTMLEscape appends name with <, >, &, U+2028 and U+2029 escaped,
// as encoding/json writes field names.
func appendHTMLEscape(b []byte, name string) []byte {
	start := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '<' || c == '>' || c == '&' {
			b = append(b, name[start:i]...)
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			start = i + 1
		}
		if c == 0xE2 && i+2 < len(name) && name[i+1] == 0x80 && name[i+2]&^1 == 0xA8 {
			b = append(b, name[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[name[i+2]&0xF])
			start = i + len("\u2029")
		}
	}
	return append(b, name[start:]...)
}
