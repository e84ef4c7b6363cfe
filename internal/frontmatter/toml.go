package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/sitefeed/sitefeed/internal/values"
)

func decodeTOML(raw []byte, first int) ([]Field, *Error) {
	if lerr := tomlNesting(raw, first); lerr != nil {
		return nil, lerr
	}
	var m map[string]any
	md, err := toml.Decode(string(raw), &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, errorf(first+perr.Position.Line-1, "%w: toml: %s", ErrSyntax, values.Clip(perr.Message, 200))
		}
		return nil, errorf(first, "%w: toml: %s", ErrSyntax, values.Clip(err.Error(), 200))
	}
	lines := tomlKeyLines(bytes.Split(raw, []byte("\n")))
	var fields []Field
	seen := map[string]bool{}
	nodes := 0
	for _, k := range md.Keys() {
		// A dotted key (hero.src = ...) lists no key of its own for hero.
		name := k[0]
		if seen[name] {
			continue
		}
		seen[name] = true
		f := Field{Key: name, Line: first + lines[name], Value: tomlValue(m[name])}
		if msg := countValues(f.Value, 0, &nodes); msg != "" {
			return nil, errorf(f.Line, "%w: toml: %s", ErrSyntax, msg)
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// countValues adds v and the values in it to *n and says which limit, if
// any, they break.
func countValues(v any, depth int, n *int) string {
	*n++
	if *n > MaxValues {
		return fmt.Sprintf("more than %d values", MaxValues)
	}
	if depth > MaxDepth {
		return fmt.Sprintf("nested more than %d levels deep", MaxDepth)
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if msg := countValues(e, depth+1, n); msg != "" {
				return msg
			}
		}
	case map[string]any:
		for _, e := range v {
			if msg := countValues(e, depth+1, n); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// tomlNesting rejects a TOML block whose arrays, inline tables and dotted
// keys nest more than MaxDepth levels, before it is decoded:
// BurntSushi/toml takes time quadratic in that depth, so that a few
// hundred kilobytes of brackets or dots would take minutes. Strings and
// comments are skipped; the count is rough, but never low.
func tomlNesting(raw []byte, first int) *Error {
	depth, dots, line := 0, 0, first
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\n':
			line++
			dots = 0
		case '#':
			for i+1 < len(raw) && raw[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			if i+2 < len(raw) && raw[i+1] == c && raw[i+2] == c {
				// A multi-line string: up to the next three quotes.
				for i += 3; i < len(raw) && !(i+2 < len(raw) && raw[i] == c && raw[i+1] == c && raw[i+2] == c); i++ {
					if c == '"' && raw[i] == '\\' && i+1 < len(raw) {
						i++
					}
					if raw[i] == '\n' {
						line++
					}
				}
				i += 2
				break
			}
			for i++; i < len(raw) && raw[i] != c && raw[i] != '\n'; i++ {
				if c == '"' && raw[i] == '\\' && i+1 < len(raw) && raw[i+1] != '\n' {
					i++
				}
			}
			if i < len(raw) && raw[i] == '\n' {
				i-- // an unclosed string ends with its line
			}
		case '[', '{':
			depth++
			dots = 0
		case ']', '}':
			depth = max(depth-1, 0)
			dots = 0
		case '.':
			dots++
		case '=', ',':
			dots = 0
		}
		if depth+dots > MaxDepth {
			return errorf(line, "%w: toml: nested more than %d levels deep", ErrSyntax, MaxDepth)
		}
	}
	return nil
}

// tomlValue turns BurntSushi/toml values into the plain values decodeYAML
// produces. TOML local dates and times keep their zone-less form as strings,
// so that they are read in the site's time zone.
func tomlValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		switch v.Location().String() {
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05.999999999")
		case "date-local":
			return v.Format("2006-01-02")
		case "time-local":
			return v.Format("15:04:05.999999999")
		}
		return v
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = tomlValue(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = tomlValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = tomlValue(e)
		}
		return out
	}
	return v
}

// tomlKeyLines maps each top-level key of a TOML block to the 0-based line
// it is first on: key = value, a dotted key.sub = value, or a table [key]
// or [[key]]. It reads the block once, so that a block of many keys takes
// time linear in its size; a key it does not find is on line 0.
func tomlKeyLines(lines [][]byte) map[string]int {
	found := map[string]int{}
	for i, l := range lines {
		t := strings.TrimLeft(strings.TrimSpace(string(l)), "[")
		if t == "" {
			continue
		}
		var key, rest string
		switch t[0] {
		case '"':
			q, err := strconv.QuotedPrefix(t)
			if err != nil {
				continue
			}
			if key, err = strconv.Unquote(q); err != nil || strconv.Quote(key) != q {
				continue
			}
			rest = t[len(q):]
		case '\'':
			end := strings.IndexByte(t[1:], '\'')
			if end < 0 {
				continue
			}
			key, rest = t[1:1+end], t[2+end:]
		default:
			end := strings.IndexAny(t, " \t.=]")
			if end <= 0 {
				continue
			}
			key, rest = t[:end], t[end:]
		}
		if strings.HasPrefix(strings.TrimSpace(rest), "=") || strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "]") {
			if _, ok := found[key]; !ok {
				found[key] = i
			}
		}
	}
	return found
}
