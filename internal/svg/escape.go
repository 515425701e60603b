package svg

import (
	"strings"
	"unicode/utf8"
)

// escapeText writes s as XML character data. Characters that XML 1.0 cannot
// hold at all, even as references (most C0 controls, lone surrogates,
// U+FFFE, U+FFFF, invalid UTF-8), become U+FFFD, the replacement character.
func escapeText(b *strings.Builder, s string) { escape(b, s, false) }

// escapeAttr writes s as the value of a double-quoted attribute. Quotes are
// escaped, and tab, newline and carriage return are written as references
// so that attribute normalisation keeps them.
func escapeAttr(b *strings.Builder, s string) { escape(b, s, true) }

func escape(b *strings.Builder, s string, attr bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\t' && attr:
			b.WriteString("&#9;")
		case r == '\n' && attr:
			b.WriteString("&#10;")
		case r == '\r':
			b.WriteString("&#13;")
		case !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
}

// xmlChar reports whether r is a character XML 1.0 allows in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// validName reports whether s is usable as an element or attribute name: an
// ASCII XML name, optionally with one namespace prefix such as "xlink:href".
func validName(s string) bool {
	if s == "" || strings.Count(s, ":") > 1 || strings.HasPrefix(s, ":") || strings.HasSuffix(s, ":") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if i == 0 && !letter {
			return false
		}
		if !letter && !(c >= '0' && c <= '9') && c != '-' && c != '.' && c != ':' {
			return false
		}
	}
	return true
}
