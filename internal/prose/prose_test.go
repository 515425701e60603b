package prose

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name, in, want string
		width          int
	}{
		{"short lines stay", "a short line\nanother\n", "a short line\nanother\n", 20},
		{"hangs under the last column",
			"  8 Nov  Maria -> Sadie  listened when Sadie spoke of the strike\n",
			"  8 Nov  Maria -> Sadie  listened when Sadie\n                         spoke of the strike\n", 45},
		{"no columns: indentation and two more",
			"  one two three four five six\n",
			"  one two three four\n    five six\n", 20},
		{"a long word keeps whole",
			"ab abcdefghijklmnopqrstuvwxyz\n",
			"ab\n  abcdefghijklmnopqrstuvwxyz\n", 10},
		{"no final newline", "one two three", "one two\n  three", 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.in, tt.width)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, strings.Fields(tt.in), strings.Fields(got), "no word lost or changed")
		})
	}
}

func TestWrapFitsWidth(t *testing.T) {
	in := strings.Repeat("  12 Jan 1895  Miss Whitman  recorded evidence from the visit to the home, ", 4)
	for line := range strings.Lines(Wrap(in, Width)) {
		assert.LessOrEqual(t, utf8.RuneCountInString(strings.TrimSuffix(line, "\n")), Width)
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"social-goals":          "social goals",
		"all-in-the-same-boat":  "all in the same boat",
		"informational:english": "english (informational)",
		"material:winter-coat":  "winter coat (material)",
		"plain":                 "plain",
		"":                      "",
		":odd":                  ":odd",
	} {
		assert.Equal(t, want, Words(in), in)
	}
}
