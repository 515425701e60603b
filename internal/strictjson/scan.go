package strictjson

import (
	"unicode/utf8"
)

// maxDepth is the deepest nesting of arrays and objects that encoding/json
// accepts; one level deeper is a syntax error there, and so it is here.
const maxDepth = 10000

// isSpace reports whether c is JSON white space.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// skipSpace moves d.pos past white space.
func (d *Decoder) skipSpace() {
	for d.pos < len(d.data) && isSpace(d.data[d.pos]) {
		d.pos++
	}
}

// peek returns the byte at d.pos, or an error at the end of the input.
func (d *Decoder) peek() (byte, error) {
	if d.pos >= len(d.data) {
		return 0, d.syntaxError("unexpected end of JSON input")
	}
	return d.data[d.pos], nil
}

// push enters an array or object, failing past the depth limit.
func (d *Decoder) push() error {
	d.depth++
	if d.depth > maxDepth {
		return d.syntaxError("exceeded max depth")
	}
	return nil
}

// str is a scanned JSON string: data[start:end] holds it with its quotes.
// clean means the contents need no unquoting: no escapes, valid UTF-8.
type str struct {
	start, end int
	clean      bool
}

// scanString scans the string starting at d.pos, which holds '"', and moves
// d.pos past it.
func (d *Decoder) scanString() (str, error) {
	s := str{start: d.pos, clean: true}
	high := false
	i := d.pos + 1
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			s.end = d.pos
			if s.clean && high && !utf8.Valid(d.data[s.start+1:i]) {
				s.clean = false
			}
			return s, nil
		case c == '\\':
			s.clean = false
			if i+1 >= len(d.data) {
				d.pos = i + 1
				return s, d.syntaxError("unexpected end of JSON input")
			}
			switch d.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(d.data) {
						d.pos = k
						return s, d.syntaxError("unexpected end of JSON input")
					}
					if !isHex(d.data[k]) {
						d.pos = k
						return s, d.syntaxError("invalid character in \\u hexadecimal character escape")
					}
				}
				i += 6
			default:
				d.pos = i + 1
				return s, d.syntaxError("invalid character in string escape code")
			}
		case c < 0x20:
			d.pos = i
			return s, d.syntaxError("invalid character in string literal")
		default:
			if c >= utf8.RuneSelf {
				high = true
			}
			i++
		}
	}
	d.pos = i
	return s, d.syntaxError("unexpected end of JSON input")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number is a scanned JSON number: data[start:end]. integer means it has no
// fraction and no exponent.
type number struct {
	start, end int
	integer    bool
}

// scanNumber scans the number starting at d.pos and moves d.pos past it.
func (d *Decoder) scanNumber() (number, error) {
	n := number{start: d.pos, integer: true}
	i := d.pos
	b := d.data
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i >= len(b):
		d.pos = i
		return n, d.syntaxError("unexpected end of JSON input")
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	default:
		d.pos = i
		return n, d.syntaxError("invalid character in numeric literal")
	}
	if i < len(b) && b[i] == '.' {
		n.integer = false
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			d.pos = i
			return n, d.syntaxError("invalid character after decimal point in numeric literal")
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		n.integer = false
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			d.pos = i
			return n, d.syntaxError("invalid character in exponent of numeric literal")
		}
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	}
	d.pos = i
	n.end = i
	return n, nil
}

// literal checks that the literal word (true, false or null) is at d.pos and
// moves past it.
func (d *Decoder) literal(word string) error {
	end := d.pos + len(word)
	if end > len(d.data) {
		if string(d.data[d.pos:]) == word[:len(d.data)-d.pos] {
			d.pos = len(d.data)
			return d.syntaxError("unexpected end of JSON input")
		}
		return d.syntaxError("invalid character in literal " + word)
	}
	if string(d.data[d.pos:end]) != word {
		return d.syntaxError("invalid character in literal " + word)
	}
	d.pos = end
	return nil
}

// skipValue validates the value at d.pos and moves past it, returning its
// bytes.
func (d *Decoder) skipValue() ([]byte, error) {
	start := d.pos
	if err := d.skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

func (d *Decoder) skip() error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	switch c {
	case '{':
		return d.skipObject()
	case '[':
		return d.skipArray()
	case '"':
		_, err := d.scanString()
		return err
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	default:
		if c == '-' || '0' <= c && c <= '9' {
			_, err := d.scanNumber()
			return err
		}
		return d.syntaxError("invalid character looking for beginning of value")
	}
}

// count returns the number of elements of the array at d.pos, or 0 if it
// is malformed (the decoding that follows reports why), and leaves the
// position where it was.
func (d *Decoder) count() int {
	pos, depth, key := d.pos, d.depth, d.key
	k := 0
	err := d.arrayBody(func() error { k++; return d.skip() })
	d.pos, d.depth, d.key = pos, depth, key
	if err != nil {
		return 0
	}
	return k
}

func (d *Decoder) skipObject() error {
	return d.objectBody(d.skip)
}

func (d *Decoder) skipArray() error {
	return d.arrayBody(d.skip)
}

// objectBody runs the shared syntax of an object at d.pos: for each member
// it scans the key into d.key and calls member with d.pos at the value,
// which member must consume.
func (d *Decoder) objectBody(member func() error) error {
	d.pos++ // '{'
	if err := d.push(); err != nil {
		return err
	}
	d.skipSpace()
	c, err := d.peek()
	if err != nil {
		return err
	}
	if c == '}' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		if c != '"' {
			return d.syntaxError("invalid character looking for beginning of object key string")
		}
		if d.key, err = d.scanString(); err != nil {
			return err
		}
		d.skipSpace()
		if c, err = d.peek(); err != nil {
			return err
		}
		if c != ':' {
			return d.syntaxError("invalid character after object key")
		}
		d.pos++
		d.skipSpace()
		if err := member(); err != nil {
			return err
		}
		d.skipSpace()
		if c, err = d.peek(); err != nil {
			return err
		}
		switch c {
		case ',':
			d.pos++
			d.skipSpace()
			if c, err = d.peek(); err != nil {
				return err
			}
		case '}':
			d.pos++
			d.depth--
			return nil
		default:
			return d.syntaxError("invalid character after object key:value pair")
		}
	}
}

// arrayBody runs the shared syntax of an array at d.pos, calling elem with
// d.pos at each element, which elem must consume.
func (d *Decoder) arrayBody(elem func() error) error {
	d.pos++ // '['
	if err := d.push(); err != nil {
		return err
	}
	d.skipSpace()
	c, err := d.peek()
	if err != nil {
		return err
	}
	if c == ']' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		d.skipSpace()
		if c, err = d.peek(); err != nil {
			return err
		}
		switch c {
		case ',':
			d.pos++
			d.skipSpace()
		case ']':
			d.pos++
			d.depth--
			return nil
		default:
			return d.syntaxError("invalid character after array element")
		}
	}
}
