package strictjson

import (
	"unicode"
	"unicode/utf8"
)

// appendFoldedName appends a folded form of in to out, such that two names
// fold to the same bytes exactly when [bytes.EqualFold] holds between them:
// encoding/json matches object keys to struct fields this way when no field
// has the exact name.
func appendFoldedName(out, in []byte) []byte {
	for i := 0; i < len(in); {
		if c := in[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		out = utf8.AppendRune(out, foldRune(r))
		i += n
	}
	return out
}

// foldRune returns the smallest rune of the fold set that r belongs to.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}
