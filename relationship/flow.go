package relationship

import (
	"fmt"
	"iter"
	"strings"
)

// Flow counts exchanges by [SupportKind]: how much help, of which kinds,
// went one way. It is a small value; the zero Flow counts nothing.
type Flow struct {
	byKind [NumSupportKinds]int
	total  int
}

func (f *Flow) add(k SupportKind) {
	f.byKind[k-1]++
	f.total++
}

// Of returns the number of exchanges of kind k.
func (f Flow) Of(k SupportKind) int {
	if !k.IsValid() {
		return 0
	}
	return f.byKind[k-1]
}

// Total returns the number of exchanges of every kind.
func (f Flow) Total() int { return f.total }

// Kinds yields each kind with a non-zero count, in kind order.
func (f Flow) Kinds() iter.Seq2[SupportKind, int] {
	return func(yield func(SupportKind, int) bool) {
		for i, n := range f.byKind {
			if n > 0 && !yield(SupportKind(i+1), n) {
				return
			}
		}
	}
}

// String returns the counts by kind, such as "3 (emotional 2, material 1)".
func (f Flow) String() string {
	var parts []string
	for k, n := range f.Kinds() {
		parts = append(parts, fmt.Sprintf("%s %d", k, n))
	}
	if len(parts) == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%s)", f.total, strings.Join(parts, ", "))
}
