// Package inputtest is the machinery of the module's bad-input tests: it
// lists a package's exported functions and methods from its source, so that
// a test can fail when a new one appears without a row, and it calls
// functions by reflection with nil, zero, oversized, invalid and far-off
// arguments, turning a panic into a test failure.
//
// The rule these tests enforce comes from the design: bad input gets a
// clear error wrapping a documented sentinel, never a panic, and a refused
// call leaves its value exactly as it was.
package inputtest

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// API is the exported surface of a package as its source declares it.
type API struct {
	Funcs     []string            // exported functions, such as "NewGroup"
	Methods   map[string][]string // exported methods by exported type, such as "Group": {"Join", ...}
	Sentinels []string            // exported variables whose names begin with "Err"
}

// Surface parses the Go files of dir, tests left out, and returns what
// they export.
func Surface(dir string) (API, error) {
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return API{}, err
	}
	api := API{Methods: map[string][]string{}}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return API{}, err
		}
		for _, decl := range f.Decls {
			api.add(decl)
		}
	}
	// A declaration made once per platform, in files with build tags,
	// counts once.
	slices.Sort(api.Funcs)
	api.Funcs = slices.Compact(api.Funcs)
	slices.Sort(api.Sentinels)
	api.Sentinels = slices.Compact(api.Sentinels)
	for k, ms := range api.Methods {
		slices.Sort(ms)
		api.Methods[k] = slices.Compact(ms)
	}
	return api, nil
}

func (api *API) add(decl ast.Decl) {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if !d.Name.IsExported() {
			return
		}
		if d.Recv == nil {
			api.Funcs = append(api.Funcs, d.Name.Name)
			return
		}
		if recv := recvName(d.Recv.List[0].Type); ast.IsExported(recv) {
			api.Methods[recv] = append(api.Methods[recv], d.Name.Name)
		}
	case *ast.GenDecl:
		if d.Tok != token.VAR {
			return
		}
		for _, s := range d.Specs {
			for _, n := range s.(*ast.ValueSpec).Names {
				if n.IsExported() && strings.HasPrefix(n.Name, "Err") {
					api.Sentinels = append(api.Sentinels, n.Name)
				}
			}
		}
	}
}

func recvName(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// Panic is a panic caught by [Call]: its value and the stack it came from.
type Panic struct {
	Value any
	Stack string
}

// Error returns the panic's value and its stack, for a test's report.
func (p *Panic) Error() string { return fmt.Sprintf("panic: %v\n%s", p.Value, p.Stack) }

// Call calls fn with args and returns its results, or the panic it raised.
func Call(fn reflect.Value, args []reflect.Value) (out []reflect.Value, p *Panic) {
	defer func() {
		if v := recover(); v != nil {
			p = &Panic{Value: v, Stack: string(debug.Stack())}
		}
	}()
	if fn.Type().IsVariadic() {
		return fn.CallSlice(args), nil
	}
	return fn.Call(args), nil
}

// Do calls f and returns the panic it raised, if any.
func Do(f func()) (p *Panic) {
	defer func() {
		if v := recover(); v != nil {
			p = &Panic{Value: v, Stack: string(debug.Stack())}
		}
	}()
	f()
	return nil
}

var errorType = reflect.TypeFor[error]()

// Errors returns the non-nil errors among results.
func Errors(out []reflect.Value) []error {
	var errs []error
	for _, v := range out {
		if v.Type() == errorType && !v.IsNil() {
			errs = append(errs, v.Interface().(error))
		}
	}
	return errs
}

// Sentinels is a set of documented sentinel errors.
type Sentinels []error

// Match returns the first sentinel that err wraps, or nil.
func (s Sentinels) Match(err error) error {
	for _, e := range s {
		if errors.Is(err, e) {
			return e
		}
	}
	return nil
}

// Relationship is every sentinel of package relationship.
var Relationship = Sentinels{
	relationship.ErrNotPermitted, relationship.ErrNotParty, relationship.ErrZeroID,
	relationship.ErrInvalidID, relationship.ErrBlank, relationship.ErrUnknownText,
	relationship.ErrInvalidValue, relationship.ErrSelfExchange, relationship.ErrInvalidQuantity,
	relationship.ErrZeroTime, relationship.ErrVersionConflict, relationship.ErrInvalidEntry,
	relationship.ErrUnknownEvent, relationship.ErrInvalidRights, relationship.ErrClosed,
	relationship.ErrTooLarge, relationship.ErrInvalidText, relationship.ErrNoRecord,
	relationship.ErrNil,
}

// Texts a test offers where a function takes text: each with the sentinel
// a refusal of it must wrap, nil when the text must be accepted if nothing
// else is wrong.
var (
	Oversized = strings.Repeat("a", relationship.MaxTextSize+1)
	Invalid   = "caf\xe9"
	Control   = "line\x00\x01\x1b[31m\u2028\ttab\r\n"
)

// Variant is an argument to try in place of one parameter.
type Variant struct {
	Name  string
	Value reflect.Value
	Want  error // the sentinel a refusal must wrap, or nil for any documented one
}

// Far-off and zero times a test offers where a function takes a time.
var (
	FarPast   = time.Date(-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	FarFuture = time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC)
	Extreme   = time.Unix(math.MaxInt64/2, 0)
)

// Variants returns the bad arguments to try for a parameter of type t:
// oversized and invalid text for strings and lists of strings, zero and
// far-off times for times, NaN and infinities for floats, and the extra
// variants given for the type.
func Variants(t reflect.Type, extra map[reflect.Type][]Variant) []Variant {
	vs := slices.Clone(extra[t])
	switch {
	case t.Kind() == reflect.String:
		vs = append(vs,
			Variant{"oversized", reflect.ValueOf(Oversized).Convert(t), relationship.ErrTooLarge},
			Variant{"invalid UTF-8", reflect.ValueOf(Invalid).Convert(t), relationship.ErrInvalidText},
			Variant{"control characters", reflect.ValueOf(Control).Convert(t), nil})
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		for _, s := range []struct {
			name string
			text string
			want error
		}{{"oversized", Oversized, relationship.ErrTooLarge}, {"invalid UTF-8", Invalid, relationship.ErrInvalidText}} {
			v := reflect.MakeSlice(t, 1, 1)
			v.Index(0).Set(reflect.ValueOf(s.text).Convert(t.Elem()))
			vs = append(vs, Variant{s.name + " list", v, s.want})
		}
	case t == reflect.TypeFor[time.Time]():
		for _, tm := range []struct {
			name string
			t    time.Time
		}{{"far past", FarPast}, {"far future", FarFuture}, {"extreme", Extreme}} {
			vs = append(vs, Variant{tm.name, reflect.ValueOf(tm.t), nil})
		}
	case t.Kind() == reflect.Slice && t.Elem() == reflect.TypeFor[byte]():
		for _, b := range []string{"null", "{}", "[]", `"\xff"`, "{\"a\":", "\x00garbage"} {
			vs = append(vs, Variant{fmt.Sprintf("bytes %q", b), reflect.ValueOf([]byte(b)).Convert(t), nil})
		}
	case t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32:
		for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1} {
			vs = append(vs, Variant{fmt.Sprint(f), reflect.ValueOf(f).Convert(t), nil})
		}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		vs = append(vs, Variant{"minus one", reflect.ValueOf(-1).Convert(t), nil},
			Variant{"huge", reflect.ValueOf(int64(math.MaxInt32)).Convert(t), nil})
	}
	return vs
}

// Args returns the argument lists to try for a function of type ft whose
// first skip parameters are given elsewhere (a receiver): all zero values,
// then each parameter in turn replaced by each of its [Variants] with the
// others zero.
func Args(ft reflect.Type, skip int, extra map[reflect.Type][]Variant) (lists [][]reflect.Value, names []string) {
	zero := make([]reflect.Value, ft.NumIn()-skip)
	for i := range zero {
		zero[i] = reflect.Zero(ft.In(i + skip))
	}
	lists, names = append(lists, zero), append(names, "zero")
	for i := range zero {
		for _, v := range Variants(ft.In(i+skip), extra) {
			args := slices.Clone(zero)
			args[i] = v.Value
			lists = append(lists, args)
			names = append(names, fmt.Sprintf("arg %d %s", i+skip, v.Name))
		}
	}
	return lists, names
}
