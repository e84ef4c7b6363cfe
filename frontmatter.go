package sitefeed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// Limits that keep hostile front matter cheap to reject: the block is
// refused before it is decoded when it is larger than maxFrontMatterSize
// (so that the memory decoding takes is bounded), and decoding stops at
// maxFrontMatterNodes values and maxFrontMatterDepth levels, in every
// format.
const (
	maxFrontMatterSize  = 1 << 20 // bytes of the block
	maxFrontMatterNodes = 10000   // values after alias expansion
	maxFrontMatterDepth = 64      // nesting of lists, maps and dotted keys
)

// A field is one top-level front matter key with its value and the line of
// the file it is on.
type field struct {
	key   string // as written
	line  int    // 1-based line in the file
	value any    // nil, string, bool, int64, float64, time.Time, []any or map[string]any
}

// A block is a post file split into front matter and body.
type block struct {
	format   string // "yaml", "toml" or "json"
	fields   []field
	body     []byte
	bodyLine int // line of the file on which body starts
}

// splitPost separates the front matter block from the body and decodes it.
// data must already have its BOM removed and its line endings normalised.
func splitPost(data []byte) (*block, *lineError) {
	// Find the opening delimiter: the first line that is not blank.
	rest, line := data, 1
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		var l []byte
		if i < 0 {
			l = rest
		} else {
			l = rest[:i]
		}
		if len(bytes.TrimSpace(l)) > 0 {
			break
		}
		if i < 0 {
			rest = nil
			break
		}
		rest, line = rest[i+1:], line+1
	}
	open := string(firstLine(rest))
	kind := ""
	switch strings.TrimSpace(open) {
	case "---", "---yaml":
		kind = "yaml"
	case "+++", "---toml":
		kind = "toml"
	case ";;;", "---json":
		kind = "json"
	default:
		if strings.HasPrefix(strings.TrimSpace(open), "{") {
			kind = "json"
		}
	}
	if kind == "" {
		return nil, &lineError{line: 1, err: ErrNoFrontMatter}
	}

	// adrg/frontmatter finds the closing delimiter; its unmarshal hook keeps
	// the raw block so that it can be decoded with line information.
	var raw []byte
	found := false
	keep := func(data []byte, _ any) error { raw, found = data, true; return nil }
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", keep),
		frontmatter.NewFormat("---yaml", "---", keep),
		frontmatter.NewFormat("+++", "+++", keep),
		frontmatter.NewFormat("---toml", "---", keep),
		frontmatter.NewFormat(";;;", ";;;", keep),
		frontmatter.NewFormat("---json", "---", keep),
		{Start: "{", End: "}", Unmarshal: keep, UnmarshalDelims: true, RequiresNewLine: true},
	}
	// When the closing delimiter line is found here as adrg/frontmatter
	// finds it, the block and the body are cut out directly: adrg/frontmatter
	// would copy the whole file to give the same two slices.
	var body []byte
	if start, end := closingLine(rest, open, formats); end >= 0 && !slowPaths {
		raw, found = rest[len(firstLine(rest))+1:start], true
		body = rest[end:]
	} else {
		var err error
		if body, err = frontmatter.Parse(bytes.NewReader(data), nil, formats...); err != nil {
			return nil, &lineError{line: line, err: fmt.Errorf("%w: %v", ErrSyntax, err)}
		}
	}
	if !found {
		if kind == "json" && strings.TrimSpace(open) != "---json" && strings.TrimSpace(open) != ";;;" {
			return nil, &lineError{line: line, err: fmt.Errorf(`%w: a bare JSON object must open with a "{" line and close with a "}" line followed by an empty line`, ErrUnterminated)}
		}
		return nil, &lineError{line: line, err: fmt.Errorf("%w: %q on line %d is never closed", ErrUnterminated, strings.TrimSpace(open), line)}
	}
	if len(raw) > maxFrontMatterSize {
		return nil, &lineError{line: line, err: fmt.Errorf("%w: larger than %d KiB", ErrSyntax, maxFrontMatterSize>>10)}
	}
	b := &block{format: kind, body: body}
	b.bodyLine = 1 + bytes.Count(data[:len(data)-len(body)], []byte("\n"))
	// The block's first line is the line after the opening delimiter, except
	// for a bare JSON object, whose braces are part of it.
	first := line + 1
	if strings.HasPrefix(strings.TrimSpace(open), "{") {
		first = line
	}
	var lerr *lineError
	switch kind {
	case "yaml":
		b.fields, lerr = decodeYAML(raw, first)
	case "toml":
		b.fields, lerr = decodeTOML(raw, first)
	case "json":
		b.fields, lerr = decodeJSON(raw, first)
	}
	if lerr != nil {
		return nil, lerr
	}
	return b, nil
}

// closingLine returns where the line that closes the front matter opened
// by the first line of rest starts and ends (after its newline), as
// adrg/frontmatter finds it with formats: the first later line that is the
// format's closing delimiter once trimmed. It returns -1, -1 when there is
// none, and for a format whose closing line must also be followed by an
// empty one (a bare JSON object).
func closingLine(rest []byte, open string, formats []*frontmatter.Format) (start, end int) {
	closer := ""
	for _, f := range formats {
		if f.Start == strings.TrimSpace(open) {
			if f.RequiresNewLine {
				return -1, -1
			}
			closer = f.End
			break
		}
	}
	if closer == "" {
		return -1, -1
	}
	i := bytes.IndexByte(rest, '\n')
	for i >= 0 {
		j := bytes.IndexByte(rest[i+1:], '\n')
		lineEnd := len(rest)
		if j >= 0 {
			lineEnd = i + 1 + j + 1
		}
		if string(bytes.TrimSpace(rest[i+1:lineEnd])) == closer {
			return i + 1, lineEnd
		}
		if j < 0 {
			return -1, -1
		}
		i += 1 + j
	}
	return -1, -1
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// A lineError is a cause with a line of the file, not yet tied to a path.
type lineError struct {
	line int
	err  error
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlError turns a yaml.v3 error into one with a line of the file.
func yamlError(err error, first int) *lineError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	line := first
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		msg = strings.TrimPrefix(msg[:m[0]]+msg[m[1]:], ": ")
		if yamlParserProblem(msg) {
			n++ // yaml.v3 counts the lines of parser errors from 0
		}
		line = first + n - 1
		msg = yamlLine.ReplaceAllStringFunc(msg, func(s string) string {
			n, _ := strconv.Atoi(s[len("line "):])
			return "line " + strconv.Itoa(first+n-1)
		})
	}
	return &lineError{line: line, err: fmt.Errorf("%w: yaml: %s", ErrSyntax, clip(strings.TrimSpace(msg), 200))}
}

// yamlParserProblems start the messages of yaml.v3's parser errors (those
// of its scanner read differently), whose lines it reports counting from 0.
var yamlParserProblems = []string{
	"did not find expected <", "did not find expected node content",
	"did not find expected '-' indicator", "did not find expected key",
	"did not find expected ',' or ", "found undefined tag handle",
	"found duplicate %", "found incompatible YAML document",
}

func yamlParserProblem(msg string) bool {
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func decodeYAML(raw []byte, first int) ([]field, *lineError) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, yamlError(err, first)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // an empty block
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &lineError{line: first + root.Line - 1, err: fmt.Errorf("%w: yaml: want a mapping of keys to values", ErrSyntax)}
	}
	c := &yamlConv{first: first}
	var fields []field
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, &lineError{line: first + k.Line - 1, err: fmt.Errorf("%w: yaml: a key must be a plain value", ErrSyntax)}
		}
		if k.Tag == "!!merge" {
			return nil, &lineError{line: first + k.Line - 1, err: fmt.Errorf("%w: yaml: merge keys (<<) are not supported at the top level", ErrSyntax)}
		}
		val, err := c.value(v, 0)
		if err != nil {
			return nil, err
		}
		fields = append(fields, field{key: k.Value, line: first + k.Line - 1, value: val})
	}
	return fields, nil
}

// yamlConv turns yaml.v3 nodes into plain values, expanding aliases within
// a budget so that a "billion laughs" document is rejected quickly.
type yamlConv struct {
	first int
	nodes int
	alias int // line of the outermost alias being expanded; 0 outside one
}

func (c *yamlConv) value(n *yaml.Node, depth int) (any, *lineError) {
	c.nodes++
	if c.nodes > maxFrontMatterNodes {
		// Inside an alias, name the line that uses it, not the anchor's.
		line := n.Line
		if c.alias != 0 {
			line = c.alias
		}
		return nil, &lineError{line: c.first + line - 1, err: fmt.Errorf("%w: yaml: more than %d values (too many aliases?)", ErrSyntax, maxFrontMatterNodes)}
	}
	if depth > maxFrontMatterDepth {
		return nil, &lineError{line: c.first + n.Line - 1, err: fmt.Errorf("%w: yaml: nested more than %d levels deep", ErrSyntax, maxFrontMatterDepth)}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if c.alias == 0 {
			c.alias = n.Line
			defer func() { c.alias = 0 }()
		}
		return c.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := c.value(n.Content[i+1], depth+1)
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b, nil
			}
		case "!!int":
			var i int64
			if n.Decode(&i) == nil {
				return i, nil
			}
		case "!!float":
			var f float64
			if n.Decode(&f) == nil {
				return f, nil
			}
		}
		// Strings, timestamps (read later in the site's zone) and anything else.
		return n.Value, nil
	}
	return nil, nil
}

func decodeTOML(raw []byte, first int) ([]field, *lineError) {
	if lerr := tomlNesting(raw, first); lerr != nil {
		return nil, lerr
	}
	var m map[string]any
	md, err := toml.Decode(string(raw), &m)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, &lineError{line: first + perr.Position.Line - 1, err: fmt.Errorf("%w: toml: %s", ErrSyntax, clip(perr.Message, 200))}
		}
		return nil, &lineError{line: first, err: fmt.Errorf("%w: toml: %s", ErrSyntax, clip(err.Error(), 200))}
	}
	lines := tomlKeyLines(bytes.Split(raw, []byte("\n")))
	var fields []field
	seen := map[string]bool{}
	nodes := 0
	for _, k := range md.Keys() {
		// A dotted key (hero.src = ...) lists no key of its own for hero.
		name := k[0]
		if seen[name] {
			continue
		}
		seen[name] = true
		f := field{key: name, line: first + lines[name], value: tomlValue(m[name])}
		if msg := countValues(f.value, 0, &nodes); msg != "" {
			return nil, &lineError{line: f.line, err: fmt.Errorf("%w: toml: %s", ErrSyntax, msg)}
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// countValues adds v and the values in it to *n and says which limit, if
// any, they break.
func countValues(v any, depth int, n *int) string {
	*n++
	if *n > maxFrontMatterNodes {
		return fmt.Sprintf("more than %d values", maxFrontMatterNodes)
	}
	if depth > maxFrontMatterDepth {
		return fmt.Sprintf("nested more than %d levels deep", maxFrontMatterDepth)
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
// keys nest more than maxFrontMatterDepth levels, before it is decoded:
// BurntSushi/toml takes time quadratic in that depth, so that a few
// hundred kilobytes of brackets or dots would take minutes. Strings and
// comments are skipped; the count is rough, but never low.
func tomlNesting(raw []byte, first int) *lineError {
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
		if depth+dots > maxFrontMatterDepth {
			return &lineError{line: line, err: fmt.Errorf("%w: toml: nested more than %d levels deep", ErrSyntax, maxFrontMatterDepth)}
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

func decodeJSON(raw []byte, first int) ([]field, *lineError) {
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
	fail := func(err error) *lineError {
		var serr *json.SyntaxError
		off := dec.InputOffset()
		if errors.As(err, &serr) {
			off = serr.Offset
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			err = errors.New("unexpected end of input")
		}
		return &lineError{line: lineAt(off), err: fmt.Errorf("%w: json: %v", ErrSyntax, err)}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, fail(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, &lineError{line: first, err: fmt.Errorf("%w: json: want an object of keys to values", ErrSyntax)}
	}
	var fields []field
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
		fields = append(fields, field{key: key, line: line, value: val})
	}
	if _, err := dec.Token(); err != nil {
		return nil, fail(err)
	}
	return fields, nil
}

func jsonValue(v any, depth, line int, nodes *int) (any, *lineError) {
	if *nodes++; *nodes > maxFrontMatterNodes {
		return nil, &lineError{line: line, err: fmt.Errorf("%w: json: more than %d values", ErrSyntax, maxFrontMatterNodes)}
	}
	if depth > maxFrontMatterDepth {
		return nil, &lineError{line: line, err: fmt.Errorf("%w: json: nested more than %d levels deep", ErrSyntax, maxFrontMatterDepth)}
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
			var err *lineError
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
			var err *lineError
			if v[k], err = jsonValue(v[k], depth+1, line, nodes); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}
