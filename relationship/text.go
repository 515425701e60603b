package relationship

import (
	"fmt"
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
