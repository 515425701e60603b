// Package eventtype is the registry of the record's event types.
//
// Every event a case or a group writes to its record has a stable, versioned
// type name such as "casework.case-opened.v1". The packages that define events
// register them here from an init function, so that an entry read back from a
// journal can be decoded into the right Go type. A name is registered once:
// registering it twice, or under a name the type does not report, is a
// programming error and panics at start-up.
package eventtype

import (
	"fmt"
	"reflect"
	"sort"
	"sync"
)

// Typed is what every event implements: it reports its registered name.
type Typed interface {
	EventType() string
}

var (
	mu    sync.RWMutex
	types = map[string]reflect.Type{}
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
	mu.Lock()
	defer mu.Unlock()
	if old, dup := types[name]; dup {
		panic(fmt.Sprintf("eventtype: %q registered twice (%s and %s)", name, old, t))
	}
	types[name] = t
}

// New returns a pointer to a new zero value of the type registered as name.
func New(name string) (any, bool) {
	mu.RLock()
	t, ok := types[name]
	mu.RUnlock()
	if !ok {
		return nil, false
	}
	return reflect.New(t).Interface(), true
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
