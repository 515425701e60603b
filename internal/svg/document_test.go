package svg

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {3, "3"}, {2.5, "2.5"}, {1.0 / 3, "0.33"}, {-0.001, "0"},
		{-2.345, "-2.35"}, {100.10, "100.1"}, {1e6, "1000000"}, {0.005, "0.01"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, FormatNumber(tt.in), "%v", tt.in)
	}
}

func TestDocumentEscapes(t *testing.T) {
	d := NewDocument(Canvas{Title: `Ann & "Bo" <3`, Desc: "tab\there", View: Rect{0, 0, 10, 10}})
	d.Text("text", "a < b & c > d \x00 \xff", Str("data-x", "q\"uote\nline\ttab"))
	b, err := d.Bytes()
	require.NoError(t, err)
	got := string(b)
	assert.Contains(t, got, `<title id="svg-title">Ann &amp; "Bo" &lt;3</title>`)
	assert.Contains(t, got, `data-x="q&quot;uote&#10;line&#9;tab"`)
	assert.Contains(t, got, ">a &lt; b &amp; c &gt; d \uFFFD \uFFFD</text>", "invalid characters become U+FFFD")
	wellFormed(t, b)
}

func TestDocumentOutput(t *testing.T) {
	d := NewDocument(Canvas{Title: "T", View: Rect{-5, 0, 20.5, 10}, Font: Serif, FontSize: 11})
	d.Start("g", Str("class", "a"))
	var p Path
	p.MoveTo(0, 0).LineTo(1.234, 2).QuadTo(3, 4, 5, 6).CubicTo(7, 8, 9, 10, 11, 12).Close()
	d.Leaf("path", p.D())
	d.Leaf("circle", Num("r", 2), Rotate(45, 1, 1))
	d.End()
	var buf bytes.Buffer
	_, err := d.WriteTo(&buf)
	require.NoError(t, err)
	assert.Equal(t, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="20.5" height="10" viewBox="-5 0 20.5 10" role="img" aria-labelledby="svg-title" font-family="serif" font-size="11">
  <title id="svg-title">T</title>
  <g class="a">
    <path d="M0 0 L1.23 2 Q3 4 5 6 C7 8 9 10 11 12 Z"/>
    <circle r="2" transform="rotate(45 1 1)"/>
  </g>
</svg>
`, buf.String())
	again, err := d.Bytes()
	require.NoError(t, err)
	assert.Equal(t, buf.String(), string(again), "Bytes may be called again")
}

func TestDocumentMisuse(t *testing.T) {
	view := Rect{0, 0, 10, 10}
	var bad Path
	bad.MoveTo(math.NaN(), 0)
	tests := []struct {
		name string
		use  func(d *Document)
	}{
		{"invalid element name", func(d *Document) { d.Leaf("1circle") }},
		{"invalid attribute name", func(d *Document) { d.Leaf("circle", Str("a b", "1")) }},
		{"empty attribute", func(d *Document) { d.Leaf("circle", Attr{}) }},
		{"duplicate attribute", func(d *Document) { d.Leaf("circle", Num("r", 1), Num("r", 2)) }},
		{"NaN number", func(d *Document) { d.Leaf("circle", Num("r", math.NaN())) }},
		{"infinite number", func(d *Document) { d.Leaf("circle", Nums("points", 1, math.Inf(1))) }},
		{"NaN rotation", func(d *Document) { d.Leaf("circle", Rotate(math.NaN(), 0, 0)) }},
		{"NaN path", func(d *Document) { d.Leaf("path", bad.D()) }},
		{"element left open", func(d *Document) { d.Start("g") }},
		{"end without start", func(d *Document) { d.End() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDocument(Canvas{Title: "T", View: view})
			tt.use(d)
			var buf bytes.Buffer
			_, err := d.WriteTo(&buf)
			assert.ErrorIs(t, err, ErrMalformed)
			var me *MarkupError
			assert.ErrorAs(t, err, &me)
			assert.Zero(t, buf.Len(), "nothing is written")
		})
	}
	for name, c := range map[string]Canvas{
		"no title": {View: view},
		"no area":  {Title: "T", View: Rect{0, 0, 0, 10}},
		"NaN view": {Title: "T", View: Rect{0, 0, math.NaN(), 10}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewDocument(c).Bytes()
			assert.ErrorIs(t, err, ErrMalformed)
		})
	}
}

func TestWrapAndTruncate(t *testing.T) {
	lines := wrap("the quick brown fox jumps over the lazy dog", 10, 60)
	for _, l := range lines {
		assert.LessOrEqual(t, textWidth(l, 10), 60.0, l)
	}
	assert.Equal(t, "the quick brown fox jumps over the lazy dog", joinLines(lines))
	assert.Equal(t, []string{"abcdefghij", "klmno"}, wrap("abcdefghijklmno", 10, 60), "a long word is broken")
	cut, ok := truncate("Bartholomew Fitzgerald", 10, 60)
	assert.True(t, ok)
	assert.Equal(t, "Bartholo…", cut)
	assert.LessOrEqual(t, textWidth(cut, 10), 60.0)
	same, ok := truncate("Ana", 10, 60)
	assert.False(t, ok)
	assert.Equal(t, "Ana", same)
	assert.Equal(t, 10.0, textWidth("日", 10), "wide characters take an em")
	assert.Equal(t, 6.0, textWidth("e\u0301", 10), "combining marks take nothing")
	assert.Equal(t, "a b c", oneLine("  a \n b\t c "))
}

func joinLines(lines []string) string {
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += " "
		}
		out += l
	}
	return out
}
