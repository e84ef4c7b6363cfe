package frontmatter

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
)

func decodeJSON(raw []byte, first int) ([]Field, *Error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 {
		return nil, nil
	}
	// lineAt counts on from the last offset it was asked about, so that a
	// block of many keys takes time linear in its size.
	lastOff, lastLine := int64(0), first
	lineAt := func(off int64) int {
		off = min(max(off, 0), int64(len(raw)))
		if off < lastOff {
			lastOff, lastLine = 0, first
		}
		lastLine += bytes.Count(raw[lastOff:off], []byte("\n"))
		lastOff = off
		return lastLine
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	fail := func(err error) *Error {
		var serr *json.SyntaxError
		off := dec.InputOffset()
		if errors.As(err, &serr) {
			off = serr.Offset
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = errors.New("unexpected end of input")
		}
		return errorf(lineAt(off), "%w: json: %v", ErrSyntax, err)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, fail(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errorf(first, "%w: json: want an object of keys to values", ErrSyntax)
	}
	var fields []Field
	nodes := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		key, _ := tok.(string)
		line := lineAt(dec.InputOffset())
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fail(err)
		}
		val, lerr := jsonValue(v, 0, line, &nodes)
		if lerr != nil {
			return nil, lerr
		}
		fields = append(fields, Field{Key: key, Line: line, Value: val})
	}
	if _, err := dec.Token(); err != nil {
		return nil, fail(err)
	}
	return fields, nil
}

func jsonValue(v any, depth, line int, nodes *int) (any, *Error) {
	if *nodes++; *nodes > MaxValues {
		return nil, errorf(line, "%w: json: more than %d values", ErrSyntax, MaxValues)
	}
	if depth > MaxDepth {
		return nil, errorf(line, "%w: json: nested more than %d levels deep", ErrSyntax, MaxDepth)
	}
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i, nil
		}
		f, _ := v.Float64()
		return f, nil
	case []any:
		for i, e := range v {
			var err *Error
			if v[i], err = jsonValue(e, depth+1, line, nodes); err != nil {
				return nil, err
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var err *Error
			if v[k], err = jsonValue(v[k], depth+1, line, nodes); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}
