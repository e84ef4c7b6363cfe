package loadcache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"time"
)

// ErrNotEncodable is the error of an Encoder given a value it cannot
// encode so that it decodes to an equal one: the caller keeps no entry.
var ErrNotEncodable = errors.New("loadcache: value cannot be encoded")

// An Encoder appends the parts of a post to Buf, in an order its Decoder
// reads them in. Slices and maps keep the difference between nil and
// empty, and times their location, so that what is decoded is
// reflect.DeepEqual to what was encoded.
type Encoder struct {
	Buf []byte
	// Loc is the location the posts' dates are read in: a time in it is
	// decoded in the Decoder's Loc.
	Loc *time.Location
	Err error // the first value that could not be encoded
}

// A Decoder reads what an Encoder wrote.
type Decoder struct {
	r   reader
	loc *time.Location
}

// NewDecoder returns a Decoder of data, whose times in the load location
// are given loc.
func NewDecoder(data []byte, loc *time.Location) *Decoder {
	return &Decoder{r: reader{b: data}, loc: loc}
}

// Err reports whether d read past the end, or stopped before it.
func (d *Decoder) Err() error {
	if d.r.bad || len(d.r.b) != 0 {
		return errors.New("loadcache: damaged post")
	}
	return nil
}

// Bad reports whether d has read past the end.
func (d *Decoder) Bad() bool { return d.r.bad }

// Fixed reads len(dst) bytes appended as they are.
func (d *Decoder) Fixed(dst []byte) { d.r.fixed(dst) }

// Int appends an integer.
func (e *Encoder) Int(v int64) { e.Buf = binary.AppendVarint(e.Buf, v) }

// Int reads an integer.
func (d *Decoder) Int() int64 { return d.r.varint() }

// Bool appends a boolean.
func (e *Encoder) Bool(v bool) {
	b := byte(0)
	if v {
		b = 1
	}
	e.Buf = append(e.Buf, b)
}

// Bool reads a boolean.
func (d *Decoder) Bool() bool {
	var b [1]byte
	d.r.fixed(b[:])
	return b[0] == 1
}

// String appends a string.
func (e *Encoder) String(s string) {
	e.Buf = binary.AppendUvarint(e.Buf, uint64(len(s)))
	e.Buf = append(e.Buf, s...)
}

// String reads a string.
func (d *Decoder) String() string { return string(d.r.bytes()) }

// Len appends the length of a slice or map, or that it is nil.
func (e *Encoder) Len(n int, isNil bool) {
	if isNil {
		e.Buf = append(e.Buf, 0)
		return
	}
	e.Buf = binary.AppendUvarint(e.Buf, uint64(n)+1)
}

// Len reads what Encoder.Len wrote.
func (d *Decoder) Len() (n int, isNil bool) {
	v := d.r.uvarint()
	if v == 0 {
		return 0, true
	}
	if v-1 > uint64(len(d.r.b)) { // every element takes a byte at least
		d.r.bad, d.r.b = true, nil
		return 0, true
	}
	return int(v - 1), false
}

// Bytes appends a byte slice.
func (e *Encoder) Bytes(b []byte) {
	e.Len(len(b), b == nil)
	e.Buf = append(e.Buf, b...)
}

// Bytes reads a byte slice, in memory of its own.
func (d *Decoder) Bytes() []byte {
	n, isNil := d.Len()
	if isNil {
		return nil
	}
	out := make([]byte, n)
	d.r.fixed(out)
	return out
}

// Strings appends a string slice.
func (e *Encoder) Strings(list []string) {
	e.Len(len(list), list == nil)
	for _, s := range list {
		e.String(s)
	}
}

// Strings reads a string slice.
func (d *Decoder) Strings() []string {
	n, isNil := d.Len()
	if isNil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.String()
	}
	return out
}

// The locations a time is encoded with.
const (
	zeroTime = iota
	utcTime
	localTime
	loadTime
	fixedTime
)

// Time appends a time: its instant and its location, which must be UTC,
// Local, e.Loc, or a fixed zone.
func (e *Encoder) Time(t time.Time) {
	if t == (time.Time{}) {
		e.Buf = append(e.Buf, zeroTime)
		return
	}
	if t != t.Round(-1) { // a monotonic clock reading is not kept
		e.fail(t)
		return
	}
	loc := t.Location()
	kind := byte(fixedTime)
	switch loc {
	case e.Loc:
		kind = loadTime
	case time.UTC:
		kind = utcTime
	case time.Local:
		kind = localTime
	}
	e.Buf = append(e.Buf, kind)
	e.Int(t.Unix())
	e.Int(int64(t.Nanosecond()))
	if kind == fixedTime {
		name, offset := t.Zone()
		if !reflect.DeepEqual(loc, time.FixedZone(name, offset)) {
			e.fail(t)
			return
		}
		e.String(name)
		e.Int(int64(offset))
	}
}

// Time reads a time.
func (d *Decoder) Time() time.Time {
	var kind [1]byte
	d.r.fixed(kind[:])
	if kind[0] == zeroTime {
		return time.Time{}
	}
	t := time.Unix(d.Int(), d.Int())
	switch kind[0] {
	case utcTime:
		return t.In(time.UTC)
	case localTime:
		return t.In(time.Local)
	case loadTime:
		return t.In(d.loc)
	case fixedTime:
		name := d.String()
		return t.In(time.FixedZone(name, int(d.Int())))
	}
	d.r.bad, d.r.b = true, nil
	return time.Time{}
}

func (e *Encoder) fail(v any) {
	if e.Err == nil {
		e.Err = fmt.Errorf("%w: %T", ErrNotEncodable, v)
	}
}

// The kinds of the values of a front matter.
const (
	nilValue = iota
	falseValue
	trueValue
	stringValue
	int64Value
	float64Value
	timeValue
	listValue
	mapValue
	intValue
	uint64Value
)

// Value appends a front matter value: nil, a bool, string, int, int64,
// uint64, float64 or time.Time, or a []any or map[string]any of them.
func (e *Encoder) Value(v any) {
	switch v := v.(type) {
	case nil:
		e.Buf = append(e.Buf, nilValue)
	case bool:
		if v {
			e.Buf = append(e.Buf, trueValue)
		} else {
			e.Buf = append(e.Buf, falseValue)
		}
	case string:
		e.Buf = append(e.Buf, stringValue)
		e.String(v)
	case int64:
		e.Buf = append(e.Buf, int64Value)
		e.Int(v)
	case int:
		e.Buf = append(e.Buf, intValue)
		e.Int(int64(v))
	case uint64:
		e.Buf = append(e.Buf, uint64Value)
		e.Buf = binary.AppendUvarint(e.Buf, v)
	case float64:
		e.Buf = append(e.Buf, float64Value)
		e.Buf = binary.BigEndian.AppendUint64(e.Buf, math.Float64bits(v))
	case time.Time:
		e.Buf = append(e.Buf, timeValue)
		e.Time(v)
	case []any:
		e.Buf = append(e.Buf, listValue)
		e.Len(len(v), v == nil)
		for _, x := range v {
			e.Value(x)
		}
	case map[string]any:
		e.Buf = append(e.Buf, mapValue)
		e.Map(v)
	default:
		e.fail(v)
	}
}

// Map appends a map[string]any, its keys in order.
func (e *Encoder) Map(m map[string]any) {
	e.Len(len(m), m == nil)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.String(k)
		e.Value(m[k])
	}
}

// Map reads a map[string]any.
func (d *Decoder) Map() map[string]any {
	n, isNil := d.Len()
	if isNil {
		return nil
	}
	m := make(map[string]any, n)
	for range n {
		k := d.String()
		m[k] = d.Value()
	}
	return m
}

// Value reads a front matter value.
func (d *Decoder) Value() any {
	var kind [1]byte
	d.r.fixed(kind[:])
	switch kind[0] {
	case nilValue:
		return nil
	case falseValue:
		return false
	case trueValue:
		return true
	case stringValue:
		return d.String()
	case int64Value:
		return d.Int()
	case intValue:
		return int(d.Int())
	case uint64Value:
		return d.r.uvarint()
	case float64Value:
		var b [8]byte
		d.r.fixed(b[:])
		return math.Float64frombits(binary.BigEndian.Uint64(b[:]))
	case timeValue:
		return d.Time()
	case listValue:
		n, isNil := d.Len()
		if isNil {
			return []any(nil)
		}
		out := make([]any, n)
		for i := range out {
			out[i] = d.Value()
		}
		return out
	case mapValue:
		return d.Map()
	}
	d.r.bad, d.r.b = true, nil
	return nil
}
