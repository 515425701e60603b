package inputtest

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

// Config says how to sweep one package.
type Config struct {
	// Dir is the package's directory; "." in its own tests.
	Dir string
	// Funcs maps the name of every exported function to the function.
	Funcs map[string]any
	// Types maps the name of every exported type with methods to the
	// type, as reflect.TypeFor[T](). A pointer to its zero value is tried
	// with every method.
	Types map[string]reflect.Type
	// NilReceivers names the types whose nil pointer is tried with every
	// method whose receiver is a pointer: those whose documentation says
	// a nil one answers without a panic.
	NilReceivers []string
	// Fixtures gives, by type name, makers of real values (such as a group
	// with members and a meeting) to call every method on. Each call gets a
	// fresh value.
	Fixtures map[string][]func(t *testing.T) any
	// Skip names the functions and methods ("Name" or "Type.Method") that
	// are not called, each with the reason.
	Skip map[string]string
	// Sentinels are the documented sentinels of the package and of the
	// packages it wraps errors from.
	Sentinels Sentinels
	// Names gives the name of each sentinel, by the name the source
	// declares; every exported Err variable must be there.
	Names map[string]error
	// Extra adds variants for parameters of a type, such as a zero
	// journal for a relationship.Journal.
	Extra map[reflect.Type][]Variant
	// Snapshot returns what a refused call on a fixture must leave as it
	// was; nil skips the check.
	Snapshot func(t *testing.T, v any) any
	// Accepted is called on a fixture after a call that returned no error,
	// to check that what was accepted survives a save and a load; nil skips
	// the check.
	Accepted func(t *testing.T, v any)
}

// Complete fails t for every exported function, type, method or sentinel
// of the package that cfg does not cover: a new one needs a row.
func Complete(t *testing.T, cfg Config) {
	api, err := Surface(cfg.Dir)
	if err != nil {
		t.Fatalf("parse %s: %v", cfg.Dir, err)
	}
	for _, f := range api.Funcs {
		if _, ok := cfg.Funcs[f]; !ok && cfg.Skip[f] == "" {
			t.Errorf("exported function %s has no row: add it to the input sweep", f)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(api.Methods)) {
		typ, ok := cfg.Types[name]
		if !ok {
			t.Errorf("exported type %s has methods but no row: add it to the input sweep", name)
			continue
		}
		for _, m := range api.Methods[name] {
			if _, ok := reflect.PointerTo(typ).MethodByName(m); !ok {
				t.Errorf("%s.%s: the sweep's type %v has no such method", name, m, typ)
			}
		}
	}
	for _, s := range api.Sentinels {
		if cfg.Names[s] == nil {
			t.Errorf("sentinel %s is not in the sweep's list", s)
		}
	}
}

// Sweep calls every function of cfg, and every method of every type of cfg
// on a nil pointer, a zero value and each fixture, with zero arguments and
// with each [Variants] of each argument in turn. It fails t for a panic,
// for an error that wraps no sentinel of cfg, for a refused call that
// changed its fixture, and for an accepted one that does not survive a
// round trip. It returns the number of calls made.
func Sweep(t *testing.T, cfg Config) int {
	api, err := Surface(cfg.Dir)
	if err != nil {
		t.Fatalf("parse %s: %v", cfg.Dir, err)
	}
	calls := 0
	for _, name := range api.Funcs {
		if cfg.Skip[name] != "" || cfg.Funcs[name] == nil {
			continue
		}
		fn := reflect.ValueOf(cfg.Funcs[name])
		lists, names := Args(fn.Type(), 0, cfg.Extra)
		for i, args := range lists {
			cfg.check(t, name+"/"+names[i], fn, args, nil, nil)
			calls++
		}
	}
	for _, tname := range slices.Sorted(maps.Keys(api.Methods)) {
		typ := cfg.Types[tname]
		if typ == nil {
			continue
		}
		for _, m := range api.Methods[tname] {
			key := tname + "." + m
			if cfg.Skip[key] != "" {
				continue
			}
			_, valueRecv := typ.MethodByName(m)
			recvs := []struct {
				name string
				make func(t *testing.T) any
			}{{"zero", func(*testing.T) any { return reflect.New(typ).Interface() }}}
			if !valueRecv && slices.Contains(cfg.NilReceivers, tname) {
				recvs = append(recvs, struct {
					name string
					make func(t *testing.T) any
				}{"nil", func(*testing.T) any { return reflect.Zero(reflect.PointerTo(typ)).Interface() }})
			}
			for i, f := range cfg.Fixtures[tname] {
				recvs = append(recvs, struct {
					name string
					make func(t *testing.T) any
				}{"fixture " + string(rune('0'+i)), f})
			}
			mt, _ := reflect.PointerTo(typ).MethodByName(m)
			lists, names := Args(mt.Type, 1, cfg.Extra)
			for _, r := range recvs {
				for i, args := range lists {
					v := r.make(t)
					name := key + "/" + r.name + "/" + names[i]
					fn := reflect.ValueOf(v).MethodByName(m)
					if r.name == "zero" || r.name == "nil" {
						cfg.check(t, name, fn, args, nil, nil)
					} else {
						cfg.check(t, name, fn, args, v, cfg.Snapshot)
					}
					calls++
				}
			}
		}
	}
	t.Logf("%d calls", calls)
	return calls
}

func (cfg *Config) check(t *testing.T, name string, fn reflect.Value, args []reflect.Value, v any, snap func(*testing.T, any) any) {
	t.Helper()
	var before any
	if v != nil && snap != nil {
		before = snap(t, v)
	}
	out, p := Call(fn, args)
	if p == nil {
		p = drain(out)
	}
	if p != nil {
		t.Errorf("%s: %v", name, p)
		return
	}
	errs := Errors(out)
	for _, err := range errs {
		if cfg.Sentinels.Match(err) == nil {
			t.Errorf("%s: error %q (%T) wraps no documented sentinel", name, err, err)
		}
	}
	if v == nil {
		return
	}
	if len(errs) > 0 && snap != nil {
		if after := snap(t, v); !reflect.DeepEqual(before, after) {
			t.Errorf("%s: refused (%v) but changed the value", name, errs[0])
		}
	}
	if len(errs) == 0 && cfg.Accepted != nil && hasError(fn.Type()) {
		cfg.Accepted(t, v)
	}
}

func hasError(ft reflect.Type) bool {
	for i := range ft.NumOut() {
		if ft.Out(i) == errorType {
			return true
		}
	}
	return false
}

// drain runs every iterator among out to its end, to catch a panic that
// waits for the loop.
func drain(out []reflect.Value) *Panic {
	for _, v := range out {
		t := v.Type()
		if v.Kind() != reflect.Func || v.IsNil() || t.NumIn() != 1 || t.NumOut() != 0 {
			continue
		}
		yt := t.In(0)
		if yt.Kind() != reflect.Func || yt.NumOut() != 1 || yt.Out(0).Kind() != reflect.Bool {
			continue
		}
		yield := reflect.MakeFunc(yt, func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(true)}
		})
		if _, p := Call(v, []reflect.Value{yield}); p != nil {
			return p
		}
	}
	return nil
}
