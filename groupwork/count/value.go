package count

import (
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/helpingwork/helping/relationship"
)

// Value is an amount of votes in fixed point: [Unit] is one whole vote, so
// a Value carries nine decimal places exactly. The single transferable vote
// moves parts of ballots; counting them in scaled integers rather than in
// floating point makes every count exact, reproducible on every machine, and
// easy to check by hand.
type Value int64

// Unit is the Value of one whole ballot.
const Unit Value = 1_000_000_000

// unitDigits is the number of decimal places of a Value.
const unitDigits = 9

// String returns the value in decimal with the trailing zeros of the
// fraction removed: "12", "0.5", "3.333333333", "-1.25".
func (v Value) String() string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	whole, frac := u/uint64(Unit), u%uint64(Unit)
	s := strconv.FormatUint(whole, 10)
	if frac != 0 {
		f := strconv.FormatUint(frac, 10)
		f = strings.Repeat("0", unitDigits-len(f)) + f
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// mulDiv returns floor(w*num/den) for 0 <= num <= den, den > 0 and w >= 0,
// exactly, with a 128-bit intermediate product.
func mulDiv(w, num, den Value) Value {
	hi, lo := bits.Mul64(uint64(w), uint64(num))
	q, _ := bits.Div64(hi, lo, uint64(den)) // hi < den because num <= den
	return Value(q)
}

// MarshalText returns the value as [Value.String] writes it, so that JSON
// carries a count exactly, as a decimal string such as "3.333333333".
func (v Value) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText sets v to the value written in b. On error v is unchanged.
func (v *Value) UnmarshalText(b []byte) error {
	p, err := ParseValue(string(b))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

// ParseValue returns the value written as a decimal with at most nine
// places, such as "12", "0.5" or "-1.25", the form [Value.String] writes.
// Other text, or a value too large for a Value, is a
// [*relationship.TextError] wrapping [relationship.ErrUnknownText].
func ParseValue(s string) (Value, error) {
	bad := &relationship.TextError{Type: "value", Text: s, Err: relationship.ErrUnknownText}
	neg := strings.HasPrefix(s, "-")
	whole, frac, dot := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if whole == "" || len(frac) > unitDigits || (dot && frac == "") || !digits(whole) || !digits(frac) {
		return 0, bad
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > math.MaxInt64/int64(Unit)-1 {
		return 0, bad
	}
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", unitDigits-len(frac)), 10, 64)
	}
	v := Value(w)*Unit + Value(f)
	if neg {
		v = -v
	}
	return v, nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
