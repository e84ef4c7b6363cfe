package genmarkup

import (
	"bytes"
	"fmt"
	"strings"
)

// mdxFound is what the MDX pass left out of one file.
type mdxFound struct {
	first       int // offset of the first thing left out, -1 when none
	esm         int // import and export blocks
	components  []string
	expressions int
}

func (f *mdxFound) at(off int) {
	if f.first < 0 {
		f.first = off
	}
}

// mdx turns MDX into Markdown as MDX renders it, without running it:
// import and export blocks (from a line starting with import or export to
// the next blank line) are left out, JSX components (a capitalised tag or
// one with a dot, and fragments) are left out with their children kept,
// and {expressions} are left out. HTML elements and code stay. Removed
// text keeps its line breaks, so that lines stay where they were.
func (t *transformer) mdx(in []byte) []byte {
	t.src = in
	var out bytes.Buffer
	out.Grow(len(in))
	f := mdxFound{first: -1}
	depth := 0  // open components
	fence := "" // the fence of the code block the scan is in
	var seen []string
	for i := 0; i < len(in); {
		if i == 0 || in[i-1] == '\n' {
			eol := bytes.IndexByte(in[i:], '\n')
			if eol < 0 {
				eol = len(in)
			} else {
				eol += i
			}
			line := in[i:eol]
			trimmed := bytes.TrimLeft(line, " \t")
			if fence != "" {
				if bytes.HasPrefix(trimmed, []byte(fence)) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, fence[:1]))) == 0 {
					fence = ""
				}
				out.Write(in[i:min(eol+1, len(in))])
				i = eol + 1
				continue
			}
			if m := fenceOf(trimmed); m != "" && len(line)-len(trimmed) < 4+depth*4 {
				fence = m
				if depth > 0 {
					line = trimmed
				}
				out.Write(line)
				if eol < len(in) {
					out.WriteByte('\n')
				}
				i = eol + 1
				continue
			}
			if depth == 0 && (hasWord(line, "import") || hasWord(line, "export")) {
				f.at(i)
				f.esm++
				end := blankLineAfter(in, i)
				out.Write(bytes.Repeat([]byte("\n"), bytes.Count(in[i:end], []byte("\n"))))
				i = end
				continue
			}
			if n := len(line) - len(trimmed); depth > 0 && n > 0 {
				i += n // children are not indented code
				if i == eol {
					continue
				}
			}
		}
		switch c := in[i]; {
		case c == '\\' && i+1 < len(in):
			out.Write(in[i : i+2])
			i += 2
		case c == '`':
			n := runOf(in, i, '`')
			end := closingRun(in, i+n, n)
			if end < 0 {
				out.Write(in[i : i+n])
				i += n
				continue
			}
			out.Write(in[i:end])
			i = end
		case c == '<':
			name, end, kind := jsxTag(in, i)
			if kind == 0 {
				out.WriteByte(c)
				i++
				continue
			}
			f.at(i)
			keepNewlines(&out, in[i:end])
			switch kind {
			case jsxOpen:
				depth++
			case jsxClose:
				if depth > 0 {
					depth--
				}
			}
			if name != "" && !contains(seen, name) {
				seen = append(seen, name)
			}
			i = end
		case c == '{':
			end := balanced(in, i)
			if end < 0 {
				out.WriteByte(c)
				i++
				continue
			}
			f.at(i)
			f.expressions++
			keepNewlines(&out, in[i:end])
			i = end
		case c == '\n':
			out.WriteByte(c)
			i++
		default:
			// Copy up to what needs a look: the end of the line, or one
			// of the characters above.
			n := bytes.IndexAny(in[i+1:], "\n\\`<{")
			if n < 0 {
				n = len(in) - i - 1
			}
			out.Write(in[i : i+1+n])
			i += 1 + n
		}
	}
	f.components = seen
	if f.first >= 0 {
		t.warn(f.first, "MDX left out: %s", f.describe())
	}
	return out.Bytes()
}

func (f *mdxFound) describe() string {
	var parts []string
	if f.esm > 0 {
		parts = append(parts, plural(f.esm, "import/export block"))
	}
	if len(f.components) > 0 {
		names := make([]string, len(f.components))
		for i, n := range f.components {
			names[i] = "<" + clip(n, 40) + ">"
		}
		if len(names) > 5 {
			names = append(names[:5], "…")
		}
		parts = append(parts, "components "+strings.Join(names, " "))
	}
	if f.expressions > 0 {
		parts = append(parts, plural(f.expressions, "{expression}"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "}") {
		return fmt.Sprintf("%d %ss}", n, what[:len(what)-1])
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// hasWord reports whether line starts with word followed by a space or
// a brace (import {a} …, export const …).
func hasWord(line []byte, word string) bool {
	if !bytes.HasPrefix(line, []byte(word)) || len(line) == len(word) {
		return false
	}
	c := line[len(word)]
	return c == ' ' || c == '\t' || c == '{' || c == '*'
}

// blankLineAfter returns the offset of the first blank line after the
// line starting at i (an ESM block runs to it), or the end of in.
func blankLineAfter(in []byte, i int) int {
	for {
		eol := bytes.IndexByte(in[i:], '\n')
		if eol < 0 {
			return len(in)
		}
		i += eol + 1
		next := i
		for next < len(in) && (in[next] == ' ' || in[next] == '\t') {
			next++
		}
		if next >= len(in) || in[next] == '\n' {
			return i
		}
	}
}

// fenceOf returns the fence a line opens (``` or ~~~, at least three), or "".
func fenceOf(line []byte) string {
	if len(line) < 3 || (line[0] != '`' && line[0] != '~') {
		return ""
	}
	n := runOf(line, 0, line[0])
	if n < 3 {
		return ""
	}
	return string(line[:n])
}

func runOf(in []byte, i int, c byte) int {
	n := 0
	for i+n < len(in) && in[i+n] == c {
		n++
	}
	return n
}

// closingRun finds the end of the backtick run of exactly n backticks
// that closes a code span opened before from, within its paragraph.
func closingRun(in []byte, from, n int) int {
	for i := from; i < len(in); {
		if in[i] == '\n' && i+1 < len(in) && in[i+1] == '\n' {
			return -1
		}
		if in[i] != '`' {
			i++
			continue
		}
		m := runOf(in, i, '`')
		if m == n {
			return i + m
		}
		i += m
	}
	return -1
}

// Kinds of JSX tags.
const (
	jsxOpen = iota + 1
	jsxClose
	jsxSelfClosing
)

// jsxTag reads a JSX component tag at in[i] ("<"): <Name …>, </Name>,
// <Name … />, <a.b>, or a fragment <> </>. kind is 0 when in[i] starts
// no such tag (an HTML element, or text).
func jsxTag(in []byte, i int) (name string, end, kind int) {
	j := i + 1
	closing := j < len(in) && in[j] == '/'
	if closing {
		j++
	}
	n := j
	for n < len(in) && (isNameByte(in[n]) || in[n] == ':') {
		n++
	}
	name = string(in[j:n])
	switch {
	case name == "" && n < len(in) && in[n] == '>':
		kind = jsxOpen
		if closing {
			kind = jsxClose
		}
		return "", n + 1, kind
	case name == "" || !(name[0] >= 'A' && name[0] <= 'Z' || strings.Contains(name, ".")):
		return "", 0, 0
	}
	for k := n; k < len(in); k++ {
		switch in[k] {
		case '"', '\'':
			q := bytes.IndexByte(in[k+1:], in[k])
			if q < 0 {
				return "", 0, 0
			}
			k += q + 1
		case '{':
			e := balanced(in, k)
			if e < 0 {
				return "", 0, 0
			}
			k = e - 1
		case '/':
			if k+1 < len(in) && in[k+1] == '>' && !closing {
				return name, k + 2, jsxSelfClosing
			}
		case '>':
			if closing {
				return name, k + 1, jsxClose
			}
			return name, k + 1, jsxOpen
		case '<':
			return "", 0, 0
		}
	}
	return "", 0, 0
}

// balanced returns the offset after the "}" that closes the "{" at in[i],
// skipping strings, template literals and comments, or -1.
func balanced(in []byte, i int) int {
	depth := 0
	for k := i; k < len(in); k++ {
		switch c := in[k]; c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k + 1
			}
		case '"', '\'', '`':
			q := bytes.IndexByte(in[k+1:], c)
			if q < 0 {
				return -1
			}
			k += q + 1
		case '/':
			if k+1 < len(in) && in[k+1] == '*' {
				q := bytes.Index(in[k+2:], []byte("*/"))
				if q < 0 {
					return -1
				}
				k += q + 3
			}
		}
	}
	return -1
}

// keepNewlines writes the line breaks of removed text.
func keepNewlines(out *bytes.Buffer, removed []byte) {
	for range bytes.Count(removed, []byte("\n")) {
		out.WriteByte('\n')
	}
}
