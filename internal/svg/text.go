package svg

import (
	"strings"
	"unicode"
)

// Text metrics. The package cannot measure fonts, so it estimates the width
// of a text from its characters, generously, so that the estimate is wider
// than most sans-serif fonts draw it:
//
//   - an ordinary character advances averageAdvance ems (0.6 × font size);
//   - an upper-case letter advances capitalAdvance ems (0.8);
//   - the widest Latin letters (m, w, M, W) and @ and % advance one em, as
//     does a wide East Asian character (Han, kana, Hangul, full-width
//     forms);
//   - a combining mark or a format character advances nothing.
//
// A line of text occupies ascent ems above its baseline and descent ems
// below it. Layout code and the geometry tests use the same estimate.
const (
	averageAdvance = 0.6
	capitalAdvance = 0.8
	wideAdvance    = 1.0
	ascent         = 0.8
	descent        = 0.25
	// centreShift is how far below the middle of a line its baseline lies,
	// so that text drawn at baseline y+centreShift×size is centred on y.
	centreShift = (ascent - descent) / 2
)

// ellipsis ends a truncated label.
const ellipsis = "…"

// runeAdvance returns the estimated advance of r in ems.
func runeAdvance(r rune) float64 {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case wide(r) || strings.ContainsRune("mwMW@%", r):
		return wideAdvance
	case unicode.IsUpper(r):
		return capitalAdvance
	}
	return averageAdvance
}

// wide reports whether r is drawn about one em wide.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0xFF01 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) ||
		(r >= 0x3000 && r <= 0x303F)
}

// textWidth returns the estimated width of s drawn at the given font size.
func textWidth(s string, size float64) float64 {
	var ems float64
	for _, r := range s {
		ems += runeAdvance(r)
	}
	return ems * size
}

// textHeight returns the height of one line of text at the given size.
func textHeight(size float64) float64 { return (ascent + descent) * size }

// oneLine collapses runs of white space, new lines included, into single
// spaces and trims the ends, so that a label draws as one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// truncate returns s, or the longest prefix of s that fits maxWidth with an
// ellipsis added, and whether it cut anything.
func truncate(s string, size, maxWidth float64) (string, bool) {
	if textWidth(s, size) <= maxWidth {
		return s, false
	}
	budget := maxWidth - textWidth(ellipsis, size)
	var used float64
	for i, r := range s {
		used += runeAdvance(r) * size
		if used > budget {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + ellipsis, true
		}
	}
	return s, false
}

// wrap breaks s into lines no wider than maxWidth, at spaces where it can
// and inside a word only when the word alone is too wide.
func wrap(s string, size, maxWidth float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		joined := word
		if line != "" {
			joined = line + " " + word
		}
		if textWidth(joined, size) <= maxWidth {
			line = joined
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		pieces := breakWord(word, size, maxWidth)
		lines = append(lines, pieces[:len(pieces)-1]...)
		line = pieces[len(pieces)-1]
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// breakWord cuts a word into pieces no wider than maxWidth; each piece holds
// at least one character.
func breakWord(word string, size, maxWidth float64) []string {
	var pieces []string
	start := 0
	var used float64
	for i, r := range word {
		adv := runeAdvance(r) * size
		if used+adv > maxWidth && i > start {
			pieces = append(pieces, word[start:i])
			start, used = i, 0
		}
		used += adv
	}
	return append(pieces, word[start:])
}

// limitLines keeps at most n lines, ending the last kept line with an
// ellipsis when lines were dropped, and reports whether it dropped any.
func limitLines(lines []string, n int, size, maxWidth float64) ([]string, bool) {
	if len(lines) <= n {
		return lines, false
	}
	kept := append([]string(nil), lines[:n]...)
	last, cut := truncate(kept[n-1], size, maxWidth-textWidth(ellipsis, size))
	if !cut {
		last += ellipsis
	}
	kept[n-1] = last
	return kept, true
}
