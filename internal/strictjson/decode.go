package strictjson

import (
	"bytes"
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"time"
	"unsafe"
)

// value decodes the value at d.pos into the value of n's type at p.
func (d *Decoder) value(n *node, p unsafe.Pointer) error {
	c, err := d.peek()
	if err != nil {
		return err
	}
	switch n.kind {
	case kindString:
		return d.stringValue(n, c, p)
	case kindBool:
		return d.boolValue(n, c, p)
	case kindInt, kindUint, kindFloat:
		return d.numberValue(n, c, p)
	case kindStruct:
		return d.structValue(n, c, p)
	case kindSlice:
		return d.sliceValue(n, c, p)
	case kindMap:
		return d.mapValue(n, c, p)
	case kindPointer:
		return d.pointerValue(n, c, p)
	case kindText:
		return d.textValue(n, c, p)
	case kindRawString:
		return d.rawStringValue(n, c, p)
	}
	raw, err := d.skipValue()
	if err != nil {
		return err
	}
	switch n.kind {
	case kindTime:
		return (*time.Time)(p).UnmarshalJSON(raw)
	case kindUnmarshaler:
		return reflect.NewAt(n.typ, p).Interface().(json.Unmarshaler).UnmarshalJSON(raw)
	case kindRawValue:
		*(*RawValue)(p) = raw
		return nil
	}
	return fallback(n.typ, raw, p)
}

// fallback decodes raw, one valid JSON value, with encoding/json.
func fallback(t reflect.Type, raw []byte, p unsafe.Pointer) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(reflect.NewAt(t, p).Interface())
}

// null consumes a null literal, reporting whether there was one.
func (d *Decoder) null(c byte) (bool, error) {
	if c != 'n' {
		return false, nil
	}
	return true, d.literal("null")
}

func (d *Decoder) stringValue(n *node, c byte, p unsafe.Pointer) error {
	if c != '"' {
		if isNull, err := d.null(c); isNull || err != nil {
			return err
		}
		return d.typeError(c, n.typ)
	}
	s, err := d.scanString()
	if err != nil {
		return err
	}
	d.setString((*string)(p), s)
	return nil
}

// setString stores the contents of s in *dst. Where dst will not move
// before Finish, the bytes join the entry's pending strings and the string
// is assigned by Finish, so that one allocation holds them all; elsewhere
// (in slices and maps) the string is allocated at once.
func (d *Decoder) setString(dst *string, s str) {
	raw := d.data[s.start+1 : s.end-1]
	if d.unstable > 0 {
		if s.clean {
			*dst = string(raw)
		} else {
			d.scratch = appendUnquoted(d.scratch[:0], raw)
			*dst = string(d.scratch)
		}
		return
	}
	off := len(d.strs)
	if s.clean {
		d.strs = append(d.strs, raw...)
	} else {
		d.strs = appendUnquoted(d.strs, raw)
	}
	d.fixups = append(d.fixups, fixup{dst: dst, off: off, end: len(d.strs)})
}

func (d *Decoder) boolValue(n *node, c byte, p unsafe.Pointer) error {
	switch c {
	case 't':
		if err := d.literal("true"); err != nil {
			return err
		}
		*(*bool)(p) = true
		return nil
	case 'f':
		if err := d.literal("false"); err != nil {
			return err
		}
		*(*bool)(p) = false
		return nil
	}
	if isNull, err := d.null(c); isNull || err != nil {
		return err
	}
	return d.typeError(c, n.typ)
}

func (d *Decoder) numberValue(n *node, c byte, p unsafe.Pointer) error {
	if c != '-' && (c < '0' || c > '9') {
		if isNull, err := d.null(c); isNull || err != nil {
			return err
		}
		return d.typeError(c, n.typ)
	}
	num, err := d.scanNumber()
	if err != nil {
		return err
	}
	tok := d.data[num.start:num.end]
	switch n.kind {
	case kindInt:
		v, ok := parseInt(tok, num.integer, n.bits)
		if !ok {
			return d.numberError(tok, n.typ)
		}
		switch n.bits {
		case 8:
			*(*int8)(p) = int8(v)
		case 16:
			*(*int16)(p) = int16(v)
		case 32:
			*(*int32)(p) = int32(v)
		default:
			*(*int64)(p) = v
		}
	case kindUint:
		v, ok := parseUint(tok, num.integer, n.bits)
		if !ok {
			return d.numberError(tok, n.typ)
		}
		switch n.bits {
		case 8:
			*(*uint8)(p) = uint8(v)
		case 16:
			*(*uint16)(p) = uint16(v)
		case 32:
			*(*uint32)(p) = uint32(v)
		default:
			*(*uint64)(p) = v
		}
	default:
		v, err := strconv.ParseFloat(string(tok), n.bits)
		if err != nil || n.bits == 32 && math.Abs(v) > math.MaxFloat32 && !math.IsInf(v, 0) {
			return d.numberError(tok, n.typ)
		}
		if n.bits == 32 {
			*(*float32)(p) = float32(v)
		} else {
			*(*float64)(p) = v
		}
	}
	return nil
}

// parseInt parses a JSON number token as strconv.ParseInt(tok, 10, 64)
// does, and checks that it fits in bits.
func parseInt(tok []byte, integer bool, bits int) (int64, bool) {
	if !integer {
		return 0, false
	}
	var v int64
	if digits := tok; len(digits) <= 19 {
		neg := digits[0] == '-'
		if neg {
			digits = digits[1:]
		}
		if len(digits) <= 18 {
			for _, c := range digits {
				v = v*10 + int64(c-'0')
			}
			if neg {
				v = -v
			}
			return v, fitsInt(v, bits)
		}
	}
	v, err := strconv.ParseInt(string(tok), 10, 64)
	return v, err == nil && fitsInt(v, bits)
}

func fitsInt(v int64, bits int) bool {
	if bits == 64 {
		return true
	}
	limit := int64(1) << (bits - 1)
	return -limit <= v && v < limit
}

// parseUint parses a JSON number token as strconv.ParseUint(tok, 10, 64)
// does (which refuses a sign), and checks that it fits in bits.
func parseUint(tok []byte, integer bool, bits int) (uint64, bool) {
	if !integer || tok[0] == '-' {
		return 0, false
	}
	var v uint64
	if len(tok) <= 19 {
		for _, c := range tok {
			v = v*10 + uint64(c-'0')
		}
	} else {
		var err error
		if v, err = strconv.ParseUint(string(tok), 10, 64); err != nil {
			return 0, false
		}
	}
	return v, bits == 64 || v < uint64(1)<<bits
}

func (d *Decoder) structValue(n *node, c byte, p unsafe.Pointer) error {
	if c != '{' {
		if isNull, err := d.null(c); isNull || err != nil {
			return err
		}
		return d.typeError(c, n.typ)
	}
	next := 0
	return d.objectBody(func() error {
		key := d.contents(d.key)
		i := n.lookup(key, next)
		if i < 0 {
			return d.unknownField(key, n.typ)
		}
		next = i + 1
		f := &n.fields[i]
		return d.value(f.node, unsafe.Add(p, f.offset))
	})
}

func (d *Decoder) sliceValue(n *node, c byte, p unsafe.Pointer) error {
	v := reflect.NewAt(n.typ, p).Elem()
	if c != '[' {
		if isNull, err := d.null(c); isNull || err != nil {
			if isNull {
				v.SetZero()
			}
			return err
		}
		return d.typeError(c, n.typ)
	}
	// Grow and reuse the slice exactly as encoding/json does, so that a
	// repeated key leaves the same elements behind. A slice with no room
	// yet holds nothing to leave behind: it gets room for every element at
	// once, rather than growing (and allocating) element by element.
	if v.Cap() == 0 {
		if k := d.count(); k > 0 {
			v.Grow(k)
		}
	}
	i := 0
	d.unstable++
	err := d.arrayBody(func() error {
		if i >= v.Cap() {
			v.Grow(1)
		}
		if i >= v.Len() {
			v.SetLen(i + 1)
		}
		i++
		return d.value(n.elem, v.Index(i-1).Addr().UnsafePointer())
	})
	d.unstable--
	if err != nil {
		return err
	}
	if i < v.Len() {
		v.SetLen(i)
	}
	if i == 0 {
		v.Set(reflect.MakeSlice(n.typ, 0, 0))
	}
	return nil
}

func (d *Decoder) mapValue(n *node, c byte, p unsafe.Pointer) error {
	v := reflect.NewAt(n.typ, p).Elem()
	if c != '{' {
		if isNull, err := d.null(c); isNull || err != nil {
			if isNull {
				v.SetZero()
			}
			return err
		}
		return d.typeError(c, n.typ)
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(n.typ))
	}
	var elem reflect.Value
	d.unstable++
	err := d.objectBody(func() error {
		key := d.key
		if !elem.IsValid() {
			elem = reflect.New(n.elem.typ).Elem()
		} else {
			elem.SetZero()
		}
		if err := d.value(n.elem, elem.Addr().UnsafePointer()); err != nil {
			return err
		}
		kv, err := d.mapKey(n, key)
		if err != nil {
			return err
		}
		v.SetMapIndex(kv, elem)
		return nil
	})
	d.unstable--
	return err
}

// mapKey converts an object key into a key of n's map type.
func (d *Decoder) mapKey(n *node, s str) (reflect.Value, error) {
	kt := n.typ.Key()
	text := d.contents(s)
	switch n.key {
	case keyText:
		kp := reflect.New(kt)
		var err error
		if n.keyFn != nil {
			err = n.keyFn(kp.UnsafePointer(), text)
		} else {
			err = kp.Interface().(encoding.TextUnmarshaler).UnmarshalText(text)
		}
		return kp.Elem(), err
	case keyString:
		kv := reflect.New(kt).Elem()
		kv.SetString(string(text))
		return kv, nil
	case keyInt:
		v, err := strconv.ParseInt(string(text), 10, 64)
		if err != nil || !fitsInt(v, n.keyLen) {
			return reflect.Value{}, d.keyError(text, kt)
		}
		kv := reflect.New(kt).Elem()
		kv.SetInt(v)
		return kv, nil
	default:
		v, err := strconv.ParseUint(string(text), 10, 64)
		if err != nil || n.keyLen < 64 && v >= uint64(1)<<n.keyLen {
			return reflect.Value{}, d.keyError(text, kt)
		}
		kv := reflect.New(kt).Elem()
		kv.SetUint(v)
		return kv, nil
	}
}

func (d *Decoder) pointerValue(n *node, c byte, p unsafe.Pointer) error {
	pp := (*unsafe.Pointer)(p)
	if isNull, err := d.null(c); isNull || err != nil {
		if isNull {
			*pp = nil
		}
		return err
	}
	if *pp == nil {
		*pp = reflect.New(n.elem.typ).UnsafePointer()
		return d.value(n.elem, *pp)
	}
	// The pointer was there before: its target may be shared, so strings
	// are assigned at once rather than by Finish.
	d.unstable++
	err := d.value(n.elem, *pp)
	d.unstable--
	return err
}

func (d *Decoder) textValue(n *node, c byte, p unsafe.Pointer) error {
	if c != '"' {
		if isNull, err := d.null(c); isNull || err != nil {
			if isNull && n.nullZeroes {
				reflect.NewAt(n.typ, p).Elem().SetZero()
			}
			return err
		}
		return d.typeError(c, n.typ)
	}
	s, err := d.scanString()
	if err != nil {
		return err
	}
	text := d.contents(s)
	if n.textFn != nil {
		return n.textFn(p, text)
	}
	return reflect.NewAt(n.typ, p).Interface().(encoding.TextUnmarshaler).UnmarshalText(text)
}

func (d *Decoder) rawStringValue(n *node, c byte, p unsafe.Pointer) error {
	if c != '"' {
		if isNull, err := d.null(c); isNull || err != nil {
			return err
		}
		return d.typeError(c, n.typ)
	}
	s, err := d.scanString()
	if err != nil {
		return err
	}
	text := d.contents(s)
	if !s.clean {
		text = bytes.Clone(text)
	}
	*(*RawString)(p) = text
	return nil
}
