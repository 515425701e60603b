// Package prose turns what the example programs print into text a student
// reads easily: lines no wider than a page, and the library's text forms of
// its values ("social-goals", "informational:english") as plain words.
package prose

import (
	"strings"
	"unicode/utf8"
)

// Width is the widest line the example programs print, in columns.
const Width = 100

// Wrap breaks each line of s that is wider than width at spaces, and
// indents the continuation lines under the line's last column: the text
// after the last run of two or more spaces that ends in the first two thirds
// of the width, or else the line's own indentation and two spaces more. A
// word wider than the room left is kept whole on a line of its own.
func Wrap(s string, width int) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\n")
		b.WriteString(wrapLine(line, width))
		if nl {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func wrapLine(line string, width int) string {
	if utf8.RuneCountInString(line) <= width {
		return line
	}
	indent := hangingIndent(line, width)
	var b strings.Builder
	col := 0
	start := true
	for _, w := range fieldsKeepingLead(line) {
		n := utf8.RuneCountInString(w.text)
		switch {
		case start:
			b.WriteString(w.lead + w.text)
			col = utf8.RuneCountInString(w.lead) + n
			start = false
		case col+len(w.lead)+n > width:
			b.WriteString("\n" + strings.Repeat(" ", indent) + w.text)
			col = indent + n
		default:
			b.WriteString(w.lead + w.text)
			col += len(w.lead) + n
		}
	}
	return b.String()
}

// hangingIndent is the column that continuation lines of line start at.
func hangingIndent(line string, width int) int {
	runes := []rune(line)
	lead := len(runes) - len([]rune(strings.TrimLeft(line, " ")))
	best := lead + 2
	for i := lead + 2; i < len(runes) && i < width*2/3; i++ {
		if runes[i] != ' ' && runes[i-1] == ' ' && runes[i-2] == ' ' {
			best = i
		}
	}
	return best
}

type word struct{ lead, text string }

// fieldsKeepingLead splits line into words, each with the spaces before it.
func fieldsKeepingLead(line string) []word {
	var ws []word
	for len(line) > 0 {
		text := strings.TrimLeft(line, " ")
		lead := line[:len(line)-len(text)]
		end := strings.IndexByte(text, ' ')
		if end < 0 {
			end = len(text)
		}
		ws = append(ws, word{lead, text[:end]})
		line = text[end:]
	}
	return ws
}

// Words returns the text form of a library value as plain words: hyphens
// become spaces ("social-goals" is "social goals"), and a kind before a
// colon goes after the rest in brackets ("informational:english" is
// "english (informational)").
func Words(token string) string {
	kind, rest, ok := strings.Cut(token, ":")
	if ok && kind != "" && rest != "" {
		return Words(rest) + " (" + Words(kind) + ")"
	}
	return strings.ReplaceAll(token, "-", " ")
}
