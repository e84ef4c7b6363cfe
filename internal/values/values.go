// Package values turns the plain values that YAML, TOML and JSON documents
// decode to (front matter, the command's settings files) into text, for
// the fields of posts and settings and for error messages.
package values

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// Text formats a scalar: nil as "", a string as itself, a boolean, a
// number (int, int64, float64 or json.Number) as Go writes it, and a
// time in RFC 3339. ok is false for lists, mappings and anything else.
func Text(v any) (s string, ok bool) {
	switch v := v.(type) {
	case nil:
		return "", true
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case json.Number:
		return v.String(), true
	case time.Time:
		return v.Format(time.RFC3339Nano), true
	}
	return "", false
}

// Kind names the kind of v for an error message ("got a list"): nothing,
// text, a boolean or a number with its value, a date, a list, a mapping,
// or the Go type of anything else.
func Kind(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case string:
		return "text"
	case bool:
		s, _ := Text(v)
		return "a boolean (" + s + ")"
	case int, int64, float64, json.Number:
		s, _ := Text(v)
		return "a number (" + s + ")"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

// Clip cuts s to at most n bytes, at a character boundary, marking the
// cut with "…", so that an error message repeating a value of a file (a
// date, a key, a URL) stays readable however long the value is.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
