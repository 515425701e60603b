package relationship

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MaxTextSize is the longest text, in bytes, that any field of a record
// holds: a name, a note, a reason, a description. A megabyte is some five
// hundred pages of a case file; a text longer than that is refused when it
// is given, so that nothing a program was allowed to write can fail to be
// saved later.
const MaxTextSize = 1 << 20

// CheckText reports whether s can be kept in a record as it is: valid UTF-8
// and at most [MaxTextSize] bytes. Otherwise it returns a [*FieldError]
// naming field and wrapping [ErrInvalidText] or [ErrTooLarge]; the error
// says where the text goes wrong, never what it says.
//
// Every constructor and method of this module that takes text calls it;
// packages that define their own events call it for theirs.
func CheckText(field, s string) error {
	if len(s) > MaxTextSize {
		return &FieldError{Field: field, Err: ErrTooLarge,
			Reason: fmt.Sprintf("text of %d bytes is longer than %d", len(s), MaxTextSize)}
	}
	if !utf8.ValidString(s) {
		return &FieldError{Field: field, Err: ErrInvalidText,
			Reason: fmt.Sprintf("not valid UTF-8 at byte %d", invalidUTF8(s))}
	}
	return nil
}

// CheckTexts is [CheckText] for each text of a list, naming them
// field[0], field[1], ...; it returns the first problem.
func CheckTexts(field string, texts []string) error {
	for i, s := range texts {
		if err := CheckText(fmt.Sprintf("%s[%d]", field, i), s); err != nil {
			return err
		}
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte of s that does not begin
// a valid UTF-8 encoding.
func invalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return len(s)
}

// CheckTime reports whether t can stamp a record: not zero, and in a year
// from 0 to 9999 in UTC, the years RFC 3339 can write. Otherwise it returns
// a [*FieldError] naming field and wrapping [ErrZeroTime] or
// [ErrInvalidValue].
func CheckTime(field string, t time.Time) error {
	if t.IsZero() {
		return &FieldError{Field: field, Reason: "zero time", Err: ErrZeroTime}
	}
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return &FieldError{Field: field, Err: ErrInvalidValue,
			Reason: fmt.Sprintf("year %d is outside 0 to 9999", y)}
	}
	return nil
}

// CheckTextsIn runs [CheckText] on every text that v holds: its string
// fields and those of the structs, pointers, slices, arrays and maps it
// holds, exported or not, named by their path ("household[2].name"). It
// returns the first problem. An engine's [Rules.Validate] calls it on each
// event, so that a text no constructor checked still cannot enter a
// record.
func CheckTextsIn(v any) error {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	return checkValueTexts(textPaths(rv.Type()), rv, "")
}

// textPlan says where the texts of a type are, so that walking a value
// visits only what may hold text.
type textPlan struct {
	kind   reflect.Kind
	fields []textField // for structs
	elem   *textPlan   // for pointers, slices, arrays and map values
	key    bool        // for maps: the keys are strings
}

type textField struct {
	index int
	name  string
	plan  *textPlan
}

var textPlans sync.Map // reflect.Type -> *textPlan, nil for types with no text

// textPaths returns the plan for t, or nil if no value of t can hold text.
func textPaths(t reflect.Type) *textPlan {
	if p, ok := textPlans.Load(t); ok {
		return p.(*textPlan)
	}
	p := compileTextPlan(t, map[reflect.Type]bool{})
	textPlans.Store(t, p)
	return p
}

func compileTextPlan(t reflect.Type, seen map[reflect.Type]bool) *textPlan {
	if seen[t] {
		return nil // a type that holds itself: its inner occurrences are not walked
	}
	seen[t] = true
	defer delete(seen, t)
	switch t.Kind() {
	case reflect.String:
		return &textPlan{kind: reflect.String}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if e := compileTextPlan(t.Elem(), seen); e != nil {
			return &textPlan{kind: t.Kind(), elem: e}
		}
	case reflect.Map:
		e := compileTextPlan(t.Elem(), seen)
		key := t.Key().Kind() == reflect.String
		if e != nil || key {
			return &textPlan{kind: reflect.Map, elem: e, key: key}
		}
	case reflect.Struct:
		p := &textPlan{kind: reflect.Struct}
		for i := range t.NumField() {
			f := t.Field(i)
			if fp := compileTextPlan(f.Type, seen); fp != nil {
				p.fields = append(p.fields, textField{index: i, name: jsonName(f), plan: fp})
			}
		}
		if len(p.fields) > 0 {
			return p
		}
	}
	return nil
}

// jsonName returns the name a struct field goes by in the record.
func jsonName(f reflect.StructField) string {
	if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" && tag != "-" {
		return tag
	}
	return strings.ToLower(f.Name)
}

func checkValueTexts(p *textPlan, v reflect.Value, path string) error {
	if p == nil {
		return nil
	}
	switch p.kind {
	case reflect.String:
		return CheckText(path, v.String())
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return checkValueTexts(p.elem, v.Elem(), path)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := checkValueTexts(p.elem, v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if p.key {
				if err := CheckText(path+" key", it.Key().String()); err != nil {
					return err
				}
			}
			if err := checkValueTexts(p.elem, it.Value(), path+"[]"); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for _, f := range p.fields {
			name := f.name
			if path != "" {
				name = path + "." + name
			}
			if err := checkValueTexts(f.plan, v.Field(f.index), name); err != nil {
				return err
			}
		}
	}
	return nil
}
