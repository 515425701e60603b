package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sanitise is what escaping promises to keep of s: every character XML can
// hold, and U+FFFD for the rest.
func sanitise(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzText checks that any text, as content and as an attribute value,
// gives well-formed XML that reads back as the sanitised text.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "Ana & Ben", `<"quoted">`, "tab\tnew\nline\rreturn", "\x00\x1f\xff", "李小龍 Zoë", "]]>", "\uFFFE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := NewDocument(Canvas{Title: "T", View: Rect{0, 0, 1, 1}})
		d.Text("text", s, Str("data-v", s))
		doc, err := d.Bytes()
		require.NoError(t, err)
		dec := xml.NewDecoder(bytes.NewReader(doc))
		var content, attr string
		inText := false
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
			switch tok := tok.(type) {
			case xml.StartElement:
				if tok.Name.Local == "text" {
					inText, attr = true, tok.Attr[0].Value
				}
			case xml.CharData:
				if inText {
					content += string(tok)
				}
			case xml.EndElement:
				inText = false
			}
		}
		want := sanitise(s)
		assert.Equal(t, want, attr, "attribute round trip")
		assert.Equal(t, strings.ReplaceAll(want, "\r", "\n"), strings.ReplaceAll(content, "\r", "\n"), "content round trip")
	})
}

// FuzzDOTQuote checks that a quoted DOT string reads back as itself, line
// breaks written as \n.
func FuzzDOTQuote(f *testing.F) {
	for _, s := range []string{"", `a"b`, `c\`, `\N \l`, "two\nlines", "李"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ReplaceAll(s, "\r", "")
		toks := lexDOT(t, dotQuote(s))
		require.Len(t, toks, 1)
		assert.True(t, toks[0].quoted)
		assert.Equal(t, s, toks[0].text)
	})
}
