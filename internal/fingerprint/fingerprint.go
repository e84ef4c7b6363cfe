// Package fingerprint hashes a Go value, every field of it, exported or
// not, so that two values that differ in any field have different hashes:
// settings can then be compared with those of an earlier run without a
// list of their fields to keep up to date.
//
// Maps are hashed in the order of their keys' hashes, pointers by what
// they point to (a pointer met again is hashed by its first place), a
// time.Time by its instant and location. A value whose behaviour its
// fields do not say (a function, a channel, an unsafe pointer) cannot be
// hashed, unless nil.
package fingerprint

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"time"
)

// Of returns the SHA-256 of v's encoding, or an error naming the first
// value that cannot be hashed.
func Of(v any) ([32]byte, error) {
	e := &encoder{seen: map[uintptr]int{}}
	if err := e.value(reflect.ValueOf(v), "v"); err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(e.buf.Bytes()), nil
}

type encoder struct {
	buf  bytes.Buffer
	seen map[uintptr]int // pointers hashed, by their place
}

func (e *encoder) uint(u uint64) { e.buf.Write(binary.AppendUvarint(nil, u)) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.buf.WriteString(s)
}

var timeType = reflect.TypeFor[time.Time]()

func (e *encoder) value(v reflect.Value, where string) error {
	if !v.IsValid() {
		e.buf.WriteByte(0)
		return nil
	}
	e.buf.WriteByte(byte(v.Kind()))
	if v.Type() == timeType && v.CanInterface() {
		t := v.Interface().(time.Time)
		e.uint(uint64(t.UnixNano()))
		e.str(t.Location().String())
		_, off := t.Zone()
		e.uint(uint64(int64(off)))
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.buf.WriteByte(1)
		} else {
			e.buf.WriteByte(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.uint(math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		e.uint(math.Float64bits(real(c)))
		e.uint(math.Float64bits(imag(c)))
	case reflect.String:
		e.str(v.String())
	case reflect.Array:
		for i := range v.Len() {
			if err := e.value(v.Index(i), fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			e.buf.WriteByte(0)
			return nil
		}
		e.buf.WriteByte(1)
		e.uint(uint64(v.Len()))
		for i := range v.Len() {
			if err := e.value(v.Index(i), fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		e.str(v.Type().String())
		for i := range v.NumField() {
			if err := e.value(v.Field(i), where+"."+v.Type().Field(i).Name); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			e.buf.WriteByte(0)
			return nil
		}
		if at, ok := e.seen[v.Pointer()]; ok {
			e.buf.WriteByte(2)
			e.uint(uint64(at))
			return nil
		}
		e.seen[v.Pointer()] = e.buf.Len()
		e.buf.WriteByte(1)
		return e.value(v.Elem(), where)
	case reflect.Interface:
		if v.IsNil() {
			e.buf.WriteByte(0)
			return nil
		}
		e.buf.WriteByte(1)
		e.str(v.Elem().Type().String())
		return e.value(v.Elem(), where)
	case reflect.Map:
		if v.IsNil() {
			e.buf.WriteByte(0)
			return nil
		}
		e.buf.WriteByte(1)
		type pair struct{ k, v []byte }
		var pairs []pair
		for it := v.MapRange(); it.Next(); {
			k, err := encode(it.Key(), where)
			if err != nil {
				return err
			}
			val, err := encode(it.Value(), where)
			if err != nil {
				return err
			}
			pairs = append(pairs, pair{k, val})
		}
		slices.SortFunc(pairs, func(a, b pair) int { return bytes.Compare(a.k, b.k) })
		e.uint(uint64(len(pairs)))
		for _, p := range pairs {
			e.str(string(p.k))
			e.str(string(p.v))
		}
	default: // Func, Chan, UnsafePointer
		if v.IsNil() {
			e.buf.WriteByte(0)
			return nil
		}
		return fmt.Errorf("%s: a %s cannot be hashed", where, v.Kind())
	}
	return nil
}

// encode encodes v alone, for a map's keys and values.
func encode(v reflect.Value, where string) ([]byte, error) {
	e := &encoder{seen: map[uintptr]int{}}
	err := e.value(v, where)
	return e.buf.Bytes(), err
}
