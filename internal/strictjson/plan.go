package strictjson

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode"
	"unsafe"
)

// kind says how a node decodes its value.
type kind uint8

const (
	kindFallback    kind = iota // encoding/json decodes the value
	kindString                  // a string kind without methods
	kindBool                    // a bool kind without methods
	kindInt                     // a signed integer kind; bits says its size
	kindUint                    // an unsigned integer kind; bits says its size
	kindFloat                   // a float kind; bits says its size
	kindStruct                  // a struct: fields, by name
	kindSlice                   // a slice of elem (not of bytes)
	kindMap                     // a map of elem, keys by keyKind
	kindPointer                 // an unnamed pointer to elem
	kindUnmarshaler             // *T implements json.Unmarshaler
	kindTime                    // time.Time, whose UnmarshalJSON is called directly
	kindText                    // *T implements encoding.TextUnmarshaler
	kindRawValue                // RawValue: the value's bytes
	kindRawString               // RawString: a string's contents
)

// keyKind says how a map node turns an object key into a map key.
type keyKind uint8

const (
	keyString keyKind = iota + 1
	keyInt
	keyUint
	keyText
)

// node is the plan for one Go type. Nodes are built once, under compileMu,
// and never change after the plan that holds them is published.
type node struct {
	kind kind
	typ  reflect.Type
	bits int // of integers and floats

	// kindText: textFn, if registered, replaces UnmarshalText; nullZeroes
	// says that null sets the value to its zero (slice, map, pointer and
	// interface kinds), as encoding/json does for them.
	textFn     func(p unsafe.Pointer, text []byte) error
	nullZeroes bool

	// kindStruct.
	fields []field
	folded map[string]int // folded name -> index of the first field with it

	// kindSlice, kindMap, kindPointer.
	elem *node

	// kindMap.
	key    keyKind
	keyFn  func(p unsafe.Pointer, text []byte) error // of a keyText with a registered decoder
	keyLen int                                       // bits of keyInt and keyUint
}

// field is one member of a struct node.
type field struct {
	name   string
	offset uintptr
	node   *node
}

// Plan is the compiled decoding plan for one Go type: what to do with each
// field, found once by reflection and reused for every value decoded. Plans
// are safe for concurrent use.
type Plan struct {
	root *node
}

// Type returns the Go type the plan decodes.
func (p *Plan) Type() reflect.Type { return p.root.typ }

// Fallback reports whether the plan hands the whole value to encoding/json,
// because the type has a shape this package does not decode itself
// (embedded fields, a ",string" option, an interface, an array, ...).
func (p *Plan) Fallback() bool { return p.root.kind == kindFallback }

var (
	plans     sync.Map // reflect.Type -> *Plan
	compileMu sync.Mutex
	compiled  = map[reflect.Type]*node{}
	textFns   = map[reflect.Type]func(unsafe.Pointer, []byte) error{}
)

// PlanOf returns the plan for t, compiling it the first time.
func PlanOf(t reflect.Type) *Plan {
	if p, ok := plans.Load(t); ok {
		return p.(*Plan)
	}
	compileMu.Lock()
	defer compileMu.Unlock()
	p, _ := plans.LoadOrStore(t, &Plan{root: compile(t)})
	return p.(*Plan)
}

// RegisterText installs fn as the decoder of JSON strings into values of
// type t, in place of its UnmarshalText method: fn receives a pointer to the
// value and the string's contents, and must accept and reject exactly what
// UnmarshalText does. It lets a package decode its identifiers without the
// allocation that a conversion to string inside UnmarshalText costs. It must
// be called from an init function, before any plan that uses t is compiled;
// it panics otherwise, or if *t does not implement encoding.TextUnmarshaler,
// or implements json.Unmarshaler too (which encoding/json would call).
func RegisterText(t reflect.Type, fn func(p unsafe.Pointer, text []byte) error) {
	compileMu.Lock()
	defer compileMu.Unlock()
	if !reflect.PointerTo(t).Implements(textUnmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		panic(fmt.Sprintf("strictjson: %s is not a text unmarshaler without UnmarshalJSON", t))
	}
	if _, done := compiled[t]; done {
		panic(fmt.Sprintf("strictjson: text decoder for %s registered after a plan used it", t))
	}
	textFns[t] = fn
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
	numberType          = reflect.TypeFor[json.Number]()
	rawValueType        = reflect.TypeFor[RawValue]()
	rawStringType       = reflect.TypeFor[RawString]()
)

// compile returns the node for t. Nodes enter the cache before their
// children are compiled, so recursive types end in a cycle of nodes.
func compile(t reflect.Type) *node {
	if n, ok := compiled[t]; ok {
		return n
	}
	n := &node{typ: t}
	compiled[t] = n
	switch {
	case t == rawValueType:
		n.kind = kindRawValue
	case t == rawStringType:
		n.kind = kindRawString
	case t == timeType:
		n.kind = kindTime
	case t.Kind() == reflect.Pointer:
		if t.Name() == "" {
			n.kind = kindPointer
			n.elem = compile(t.Elem())
		} // a named pointer type falls back
	case t.Name() != "" && reflect.PointerTo(t).Implements(unmarshalerType):
		n.kind = kindUnmarshaler
	case t.Name() != "" && reflect.PointerTo(t).Implements(textUnmarshalerType):
		n.kind = kindText
		n.textFn = textFns[t]
		switch t.Kind() {
		case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
			n.nullZeroes = true
		}
	default:
		compileKind(n, t)
	}
	return n
}

// compileKind fills in n for a type without decoding methods.
func compileKind(n *node, t reflect.Type) {
	switch t.Kind() {
	case reflect.String:
		if t != numberType {
			n.kind = kindString
		}
	case reflect.Bool:
		n.kind = kindBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n.kind, n.bits = kindInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n.kind, n.bits = kindUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		n.kind, n.bits = kindFloat, t.Bits()
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 { // bytes are base64 text
			n.kind = kindSlice
			n.elem = compile(t.Elem())
		}
	case reflect.Map:
		compileMap(n, t)
	case reflect.Struct:
		compileStruct(n, t)
	}
}

func compileMap(n *node, t reflect.Type) {
	kt := t.Key()
	switch {
	case reflect.PointerTo(kt).Implements(textUnmarshalerType):
		if reflect.PointerTo(kt).Implements(unmarshalerType) {
			return // encoding/json calls UnmarshalJSON on the quoted key
		}
		n.key, n.keyFn = keyText, textFns[kt]
	case kt.Kind() == reflect.String:
		n.key = keyString
	case kt.Kind() >= reflect.Int && kt.Kind() <= reflect.Int64:
		n.key, n.keyLen = keyInt, kt.Bits()
	case kt.Kind() >= reflect.Uint && kt.Kind() <= reflect.Uintptr:
		n.key, n.keyLen = keyUint, kt.Bits()
	default:
		return
	}
	n.kind = kindMap
	n.elem = compile(t.Elem())
}

// fieldInfo is a struct field as encoding/json sees it.
type fieldInfo struct {
	name      string
	index     int
	offset    uintptr
	typ       reflect.Type
	omitEmpty bool
	omitZero  bool
}

// structFields lists the fields encoding/json would decode into and encode
// from, in order. Shapes whose field list follows rules this package does
// not repeat (embedded fields, the ",string" option, two fields with one
// name) are reported as not ok.
func structFields(t reflect.Type) ([]fieldInfo, bool) {
	var fields []fieldInfo
	seen := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return nil, false
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !isValidTag(name) {
			name = ""
		}
		if hasOption(opts, "string") && quotable(sf.Type) {
			return nil, false
		}
		if name == "" {
			name = sf.Name
		}
		if seen[name] {
			return nil, false
		}
		seen[name] = true
		fields = append(fields, fieldInfo{name: name, index: i, offset: sf.Offset, typ: sf.Type,
			omitEmpty: hasOption(opts, "omitempty"), omitZero: hasOption(opts, "omitzero")})
	}
	return fields, true
}

// compileStruct makes n decode the fields of struct type t, or leaves it
// to fall back.
func compileStruct(n *node, t reflect.Type) {
	infos, ok := structFields(t)
	if !ok {
		return
	}
	n.kind = kindStruct
	n.fields = make([]field, len(infos))
	n.folded = make(map[string]int, len(infos))
	for i, fi := range infos {
		n.fields[i] = field{name: fi.name, offset: fi.offset, node: compile(fi.typ)}
		key := string(appendFoldedName(nil, []byte(fi.name)))
		if _, dup := n.folded[key]; !dup {
			n.folded[key] = i
		}
	}
}

// quotable reports whether the ",string" option applies to a field of type
// t, as encoding/json decides it.
func quotable(t reflect.Type) bool {
	if t.Name() == "" && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.String:
		return true
	}
	return false
}

func hasOption(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// isValidTag reports whether s may name a field, by encoding/json's rule.
func isValidTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// lookup returns the index of the field named key, trying the exact name
// first (from hint, where the next field usually is) and then the folded
// one, or -1.
func (n *node) lookup(key []byte, hint int) int {
	for i := hint; i < len(n.fields); i++ {
		if n.fields[i].name == string(key) {
			return i
		}
	}
	for i := 0; i < hint && i < len(n.fields); i++ {
		if n.fields[i].name == string(key) {
			return i
		}
	}
	var buf [64]byte
	if i, ok := n.folded[string(appendFoldedName(buf[:0], key))]; ok {
		return i
	}
	return -1
}
