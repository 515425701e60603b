package count

import (
	"math/bits"
	"strconv"
	"strings"
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
