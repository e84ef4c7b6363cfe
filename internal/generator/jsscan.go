package generator

import (
	"io/fs"
	"strings"
	"unicode/utf8"
)

// This file holds a small scanner of JavaScript and TypeScript sources that
// finds literal values in object literals (site: 'https://…') and constant
// declarations (const SITE_TITLE = '…') without running anything.

// jsKind is the kind of a token or of a value.
type jsKind int

const (
	jsPunct    jsKind = iota // one character of punctuation
	jsIdent                  // an identifier or keyword
	jsString                 // a string literal, or a template without ${}
	jsTemplate               // a template literal with ${} substitutions
	jsNumber                 // a number
	jsObject                 // an object literal (values only)
	jsComputed               // anything else (values only)
)

// jsToken is one token of a script.
type jsToken struct {
	kind jsKind
	text string // the decoded string, or the source text
	line int
}

// jsValue is the value found for a key.
type jsValue struct {
	kind jsKind
	text string // for strings, numbers and true/false
	line int
	// for objects, the tokens between the braces: [from, to)
	from, to int
}

// jsScript is a tokenised script.
type jsScript struct {
	toks []jsToken
}

// readJS reads and tokenises the script name, and returns its source too.
func readJS(fsys fs.FS, name string) (*jsScript, []byte, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	return scanJS(string(b)), b, nil
}

// scanJS tokenises src. Comments are dropped; regular expression literals
// are not recognised, which only matters for a regexp holding a quote.
func scanJS(src string) *jsScript {
	s := &jsScript{}
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 4
		case c == '\'' || c == '"' || c == '`':
			tok, n := scanJSString(src[i:])
			tok.line = line
			line += strings.Count(src[i:i+n], "\n")
			s.toks = append(s.toks, tok)
			i += n
		case isIdentByte(c):
			j := i
			for j < len(src) && (isIdentByte(src[j]) || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			s.toks = append(s.toks, jsToken{jsIdent, src[i:j], line})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && (isIdentByte(src[j]) || src[j] >= '0' && src[j] <= '9' || src[j] == '.') {
				j++
			}
			s.toks = append(s.toks, jsToken{jsNumber, src[i:j], line})
			i = j
		default:
			_, n := utf8.DecodeRuneInString(src[i:])
			s.toks = append(s.toks, jsToken{jsPunct, src[i : i+n], line})
			i += n
		}
	}
	return s
}

// isIdentByte reports whether c may start an identifier.
func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// scanJSString reads the string literal at the start of src and returns it
// and its length in bytes. A template with ${} is a jsTemplate.
func scanJSString(src string) (jsToken, int) {
	quote := src[0]
	var b strings.Builder
	kind := jsString
	i := 1
	for i < len(src) && src[i] != quote {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src):
			i++
			switch src[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '\n':
			default:
				b.WriteByte(src[i])
			}
		case quote == '`' && c == '$' && i+1 < len(src) && src[i+1] == '{':
			kind = jsTemplate
			b.WriteByte(c)
		case c == '\n' && quote != '`':
			// An unterminated string: stop at the end of the line.
			return jsToken{kind: kind, text: b.String()}, i
		default:
			b.WriteByte(c)
		}
		i++
	}
	if i < len(src) {
		i++
	}
	return jsToken{kind: kind, text: b.String()}, i
}

// String shows a computed value in a warning: a template literal whole,
// else its first token followed by an ellipsis.
func (v jsValue) String() string {
	if v.kind == jsTemplate {
		return "`" + v.text + "`"
	}
	return v.text + "…"
}

// lookup finds the value of a property path such as "build", "format" in
// the whole script: the first key is the shallowest property of that name,
// each further key a property of the object before it. It returns false
// when the key is not written as "key: value" (a shorthand property or a
// spread is not seen).
func (s *jsScript) lookup(path ...string) (jsValue, bool) {
	from, to := 0, len(s.toks)
	var v jsValue
	for n, key := range path {
		i := s.shallowest(key, from, to)
		if i < 0 {
			return jsValue{}, false
		}
		v = s.value(i + 2)
		if n < len(path)-1 {
			if v.kind != jsObject {
				return jsValue{}, false
			}
			from, to = v.from, v.to
		}
	}
	return v, true
}

// lookupAll returns the values of every property named key, in order.
func (s *jsScript) lookupAll(key string) []jsValue {
	var vs []jsValue
	for i := 0; i+1 < len(s.toks); i++ {
		if s.isKey(i, key) {
			vs = append(vs, s.value(i+2))
		}
	}
	return vs
}

// constant finds "const name = value" (or let, var) and returns value.
func (s *jsScript) constant(name string) (jsValue, bool) {
	for i := 1; i+2 < len(s.toks); i++ {
		t := s.toks[i]
		decl := s.toks[i-1]
		if t.kind == jsIdent && t.text == name && decl.kind == jsIdent &&
			(decl.text == "const" || decl.text == "let" || decl.text == "var") &&
			s.toks[i+1].kind == jsPunct && s.toks[i+1].text == "=" {
			return s.value(i + 2), true
		}
	}
	return jsValue{}, false
}

// isKey reports whether token i is the key key of a "key: value" property.
func (s *jsScript) isKey(i int, key string) bool {
	t := s.toks[i]
	if (t.kind != jsIdent && t.kind != jsString) || t.text != key || i+1 >= len(s.toks) {
		return false
	}
	next := s.toks[i+1]
	if next.kind != jsPunct || next.text != ":" {
		return false
	}
	// Not the ?: of a conditional nor a TypeScript type annotation after a
	// parameter name: the token before a key opens an object or follows a
	// property.
	if i == 0 {
		return false
	}
	prev := s.toks[i-1]
	return prev.kind == jsPunct && (prev.text == "{" || prev.text == ",")
}

// shallowest returns the index of the key token of the least nested
// property named key in toks[from:to], or -1.
func (s *jsScript) shallowest(key string, from, to int) int {
	best, bestDepth := -1, 0
	depth := 0
	for i := from; i < to; i++ {
		t := s.toks[i]
		if t.kind == jsPunct {
			switch t.text {
			case "{", "(", "[":
				depth++
			case "}", ")", "]":
				depth--
			}
			continue
		}
		if s.isKey(i, key) && (best < 0 || depth < bestDepth) {
			best, bestDepth = i, depth
		}
	}
	return best
}

// value reads the value that starts at token i.
func (s *jsScript) value(i int) jsValue {
	if i >= len(s.toks) {
		return jsValue{kind: jsComputed}
	}
	t := s.toks[i]
	v := jsValue{kind: jsComputed, text: t.text, line: t.line}
	switch {
	case t.kind == jsTemplate && s.ends(i+1):
		v.kind = jsTemplate
	case t.kind == jsPunct && t.text == "{":
		end := s.closing(i)
		v.kind, v.from, v.to = jsObject, i+1, end
		return v
	case t.kind == jsString, t.kind == jsNumber,
		t.kind == jsIdent && (t.text == "true" || t.text == "false"):
		if s.ends(i + 1) {
			v.kind = t.kind
			if t.kind == jsIdent {
				v.kind = jsIdent
			}
		}
	}
	return v
}

// ends reports whether token i ends a value: a comma, a closing bracket, a
// semicolon, the end of the script, or a TypeScript "as const".
func (s *jsScript) ends(i int) bool {
	if i >= len(s.toks) {
		return true
	}
	t := s.toks[i]
	if t.kind == jsIdent && t.text == "as" {
		return true
	}
	return t.kind == jsPunct && strings.Contains(",;})]", t.text)
}

// closing returns the index of the bracket that closes the one at i, or
// len(toks).
func (s *jsScript) closing(i int) int {
	depth := 0
	for j := i; j < len(s.toks); j++ {
		t := s.toks[j]
		if t.kind != jsPunct {
			continue
		}
		switch t.text {
		case "{", "(", "[":
			depth++
		case "}", ")", "]":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(s.toks)
}
