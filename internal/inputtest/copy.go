package inputtest

import (
	"reflect"
	"unsafe"
)

// Copy returns a deep copy of *p, unexported fields included: what a test
// keeps of a value's state before a call, to compare with
// [reflect.DeepEqual] after it. Functions and channels are shared, not
// copied.
func Copy[T any](p *T) T {
	var out T
	copyValue(reflect.ValueOf(&out).Elem(), reflect.ValueOf(p).Elem())
	return out
}

// open returns v with its read-only flag cleared; v must be addressable.
func open(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// copyValue sets dst, which is settable, to a deep copy of src.
func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		n := reflect.New(src.Type().Elem())
		copyValue(n.Elem(), open2(src.Elem()))
		dst.Set(n)
	case reflect.Struct:
		if !src.CanAddr() {
			tmp := reflect.New(src.Type()).Elem()
			tmp.Set(src)
			src = tmp
		}
		for i := range src.NumField() {
			copyValue(open(dst.Field(i)), open(src.Field(i)))
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		n := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyValue(n.Index(i), open2(src.Index(i)))
		}
		dst.Set(n)
	case reflect.Array:
		for i := range src.Len() {
			copyValue(open(dst.Index(i)), open2(src.Index(i)))
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		n := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			copyValue(v, it.Value())
			n.SetMapIndex(it.Key(), v)
		}
		dst.Set(n)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		copyValue(v, src.Elem())
		dst.Set(v)
	default:
		dst.Set(src)
	}
}

// open2 is open for a value that may not be addressable: such a value is
// not read-only either, except when it came through an unexported field,
// which copyValue always opens first.
func open2(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return open(v)
	}
	return v
}
