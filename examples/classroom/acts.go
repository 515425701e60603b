package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/relationship"
)

// Text limits of the forms, in characters.
const (
	maxName  = 60
	maxShort = 120
	maxText  = 500
	maxLines = 10
)

// formError is a form the server could not read: a field too long, a
// number that is not one. It is the classroom's own, not the library's.
type formError struct{ msg string }

func (e *formError) Error() string { return "the form: " + e.msg }

// form reads the fields of one submitted act. The first problem it meets is
// kept in err, and later reads return zero values, so that an act reads as a
// list of fields.
type form struct {
	v   url.Values
	err error
}

func (f *form) fail(format string, args ...any) {
	if f.err == nil {
		f.err = &formError{fmt.Sprintf(format, args...)}
	}
}

// text returns a field, trimmed, at most max characters long.
func (f *form) text(name, label string, max int) string {
	s := strings.TrimSpace(f.v.Get(name))
	if !utf8.ValidString(s) {
		f.fail("%s is not valid text", label)
		return ""
	}
	if n := utf8.RuneCountInString(s); n > max {
		f.fail("%s is %d characters long; the most is %d", label, n, max)
		return ""
	}
	return s
}

// lines returns the non-blank lines of a field, at most maxLines of them,
// each at most max characters long.
func (f *form) lines(name, label string, max int) []string {
	var out []string
	for l := range strings.Lines(f.text(name, label, maxText)) {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if utf8.RuneCountInString(l) > max {
			f.fail("a line of %s is longer than %d characters", label, max)
			return nil
		}
		out = append(out, l)
	}
	if len(out) > maxLines {
		f.fail("%s has %d lines; the most is %d", label, len(out), maxLines)
		return nil
	}
	return out
}

// id returns a field that holds an identifier; empty is the zero UUID when
// optional.
func (f *form) id(name, label string, optional bool) uuid.UUID {
	s := strings.TrimSpace(f.v.Get(name))
	if s == "" && optional {
		return uuid.UUID{}
	}
	u, err := uuid.Parse(s)
	if err != nil {
		f.fail("choose %s", label)
	}
	return u
}

// party returns a field that holds a party's identifier.
func (f *form) party(name, label string) relationship.PartyID {
	p, err := relationship.ParsePartyID(strings.TrimSpace(f.v.Get(name)))
	if err != nil {
		f.fail("choose %s", label)
	}
	return p
}

// number returns a whole number between lo and hi.
func (f *form) number(name, label string, lo, hi int64) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(f.v.Get(name)), 10, 64)
	if err != nil || n < lo || n > hi {
		f.fail("%s must be a whole number from %d to %d", label, lo, hi)
		return 0
	}
	return n
}

// flag reports whether a checkbox was ticked.
func (f *form) flag(name string) bool { return f.v.Get(name) != "" }

// enum parses a field with one of the library's Parse functions, whose
// error names the text it did not know.
func enum[T any](f *form, name string, parse func(string) (T, error)) T {
	v, err := parse(strings.TrimSpace(f.v.Get(name)))
	if err != nil && f.err == nil {
		f.err = &formError{err.Error()}
	}
	return v
}

// act is one thing a person may try in the play. Its name is the library's
// name for the act, so that the rights table explains a refusal; run makes
// the call into the library as the person and returns what to say when it
// succeeded.
type act struct {
	name  relationship.Act
	where string // "case" or "club"
	run   func(x *actContext) (string, error)
}

// actContext is what an act runs with: the session's records, the person's
// party, the form, and the time.
type actContext struct {
	s   *session
	who relationship.PartyID
	f   *form
	now time.Time
}

// acts holds every act the classroom offers, by name.
var acts = map[string]act{}

func register(where string, list []act) {
	for _, a := range list {
		a.where = where
		acts[string(a.name)] = a
	}
}

func init() {
	register("case", caseActs)
	register("club", clubActs)
}
