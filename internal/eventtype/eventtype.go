// Package eventtype is the registry of the record's event types.
//
// Every event a case or a group writes to its record has a stable, versioned
// type name such as "casework.case-opened.v1". The packages that define events
// register them here from an init function, so that an entry read back from a
// journal can be decoded into the right Go type. A name is registered once:
// registering it twice, or under a name the type does not report, is a
// programming error and panics at start-up.
//
// Registration also compiles the type's decoding plan (see
// internal/strictjson), so that replaying a long record decodes each event
// without reflection over its fields and with few allocations.
package eventtype

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"unsafe"

	"github.com/helpingwork/helping/internal/strictjson"
)

// Typed is what every event implements: it reports its registered name.
type Typed interface {
	EventType() string
}

// Type is a registered event type: its name, its Go type and how to decode
// it. A Type is immutable and safe for concurrent use.
type Type struct {
	name   string
	typ    reflect.Type
	decode func(d *strictjson.Decoder, data []byte, depth int) (any, error)
}

var (
	mu    sync.RWMutex
	types = map[string]*Type{}
)

// Register records that events of struct type T, whose EventType method
// reports their name, decode into values of T.
func Register[T Typed]() {
	var zero T
	t := reflect.TypeOf(zero)
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("eventtype: %s is not a struct type", t))
	}
	name := zero.EventType()
	plan := strictjson.PlanOf(t)
	mu.Lock()
	defer mu.Unlock()
	if old, dup := types[name]; dup {
		panic(fmt.Sprintf("eventtype: %q registered twice (%s and %s)", name, old.typ, t))
	}
	types[name] = &Type{name: name, typ: t, decode: decoder[T](plan)}
}

// eface is the layout of an empty interface value: a type word and a
// pointer to the value.
type eface struct {
	typ, data unsafe.Pointer
}

// decoder returns the function that decodes an event of type T and returns
// it as an interface value. Converting a T to an interface copies it into a
// new allocation; to spare that second allocation and copy, the decoder
// allocates the T and builds the interface value around it directly, as the
// runtime itself would for a value stored indirectly. Values no larger than
// a pointer may be stored directly in the interface word, so for them the
// decoder converts as usual (which costs nothing extra for them).
//
// A type with its own UnmarshalJSON method is handed data directly: the
// plan would only find the value's end and call the method with it, and
// data is that value already.
func decoder[T Typed](plan *strictjson.Plan) func(*strictjson.Decoder, []byte, int) (any, error) {
	box := boxer[T]()
	if _, ok := any(new(T)).(json.Unmarshaler); ok {
		return func(_ *strictjson.Decoder, data []byte, _ int) (any, error) {
			p := new(T)
			if err := any(p).(json.Unmarshaler).UnmarshalJSON(data); err != nil {
				return nil, err
			}
			return box(p), nil
		}
	}
	return func(d *strictjson.Decoder, data []byte, depth int) (any, error) {
		p := new(T)
		if err := d.Decode(data, depth, plan, unsafe.Pointer(p)); err != nil {
			return nil, err
		}
		return box(p), nil
	}
}

// boxer returns the function that turns a *T into the interface value
// holding the T: for a T larger than a pointer, built around the pointer
// itself rather than around a copy.
func boxer[T any]() func(*T) any {
	if unsafe.Sizeof(*new(T)) <= unsafe.Sizeof(uintptr(0)) {
		return func(p *T) any { return *p }
	}
	var probe any = *new(T)
	typ := (*eface)(unsafe.Pointer(&probe)).typ
	return func(p *T) any {
		var v any
		e := (*eface)(unsafe.Pointer(&v))
		e.typ, e.data = typ, unsafe.Pointer(p)
		return v
	}
}

// Lookup returns the type registered as name.
func Lookup(name []byte) (*Type, bool) {
	mu.RLock()
	t, ok := types[string(name)]
	mu.RUnlock()
	return t, ok
}

// Name returns the registered name.
func (t *Type) Name() string { return t.name }

// Decode decodes the JSON object in data, one valid JSON value (as a
// [strictjson.RawValue] captures it), which sits at the given nesting
// depth of its document, into a new value of the type, and returns it as an
// interface value holding a value of the type (not a pointer). Decoding
// follows strict encoding/json: unknown fields and trailing data are
// errors. The event's strings are assigned when the caller calls
// d.Finish, which it must do before the event is used.
func (t *Type) Decode(d *strictjson.Decoder, data []byte, depth int) (any, error) {
	return t.decode(d, data, depth)
}

// New returns a pointer to a new zero value of the type registered as name.
func New(name string) (any, bool) {
	mu.RLock()
	t, ok := types[name]
	mu.RUnlock()
	if !ok {
		return nil, false
	}
	return reflect.New(t.typ).Interface(), true
}

// Registered reports whether name is registered.
func Registered(name string) bool {
	mu.RLock()
	_, ok := types[name]
	mu.RUnlock()
	return ok
}

// Names returns every registered name, sorted.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	names := make([]string, 0, len(types))
	for n := range types {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
