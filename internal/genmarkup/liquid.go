package genmarkup

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"strings"
)

// A liquidToken is one {% tag %} or {{ output }} of a Liquid template.
type liquidToken struct {
	start, end int    // offsets of "{%" and after "%}"
	output     bool   // {{ … }}
	name       string // the tag's name; "" for an output
	markup     string // the rest of the tag, or the output's expression
	trimLeft   bool   // {%- or {{-
	trimRight  bool   // -%} or -}}
}

// nextLiquid finds the next token at or after from, or returns ok false.
// A "{{" or "{%" that is never closed is not a token.
func nextLiquid(in []byte, from int) (tok liquidToken, ok bool) {
	for i := from; i < len(in)-1; i++ {
		i0 := bytes.IndexByte(in[i:], '{')
		if i0 < 0 || i+i0+1 >= len(in) {
			return tok, false
		}
		i += i0
		c := in[i+1]
		if c != '%' && c != '{' {
			continue
		}
		closing := "%}"
		if c == '{' {
			closing = "}}"
		}
		j := bytes.Index(in[i+2:], []byte(closing))
		if j < 0 {
			continue
		}
		inner := string(in[i+2 : i+2+j])
		tok = liquidToken{start: i, end: i + 2 + j + 2, output: c == '{'}
		if strings.HasPrefix(inner, "-") {
			tok.trimLeft, inner = true, inner[1:]
		}
		if strings.HasSuffix(inner, "-") {
			tok.trimRight, inner = true, inner[:len(inner)-1]
		}
		inner = strings.TrimSpace(inner)
		if tok.output {
			tok.markup = inner
		} else {
			tok.name, tok.markup, _ = strings.Cut(inner, " ")
			if k := strings.IndexAny(tok.name, "\t\n\r"); k >= 0 {
				tok.name, tok.markup = tok.name[:k], tok.name[k:]+" "+tok.markup
			}
			tok.markup = strings.TrimSpace(tok.markup)
		}
		return tok, true
	}
	return tok, false
}

// liquidBlocks are Liquid's control-flow blocks: sitefeed cannot evaluate
// them, so they are left out with their content.
var liquidBlocks = map[string]bool{"if": true, "unless": true, "case": true, "for": true, "tablerow": true, "capture": true}

// liquidRange renders the Liquid of in[from:to] into out (Jekyll renders
// Liquid before Markdown, in code blocks too).
func (t *transformer) liquidRange(out *bytes.Buffer, in []byte, from, to int) {
	i := from
	skipSpace := false
	open := map[string]int{} // unknown block tags whose end tag is to come
	for i < to {
		tok, ok := nextLiquid(in[:to], i)
		end := tok.start
		if !ok {
			end = to
		}
		text := trimmedLeft(in[i:end], skipSpace)
		if k := unclosed(text); k >= 0 {
			t.warn(end-len(text)+k, "Liquid %s is never closed: kept as text", text[k:k+2])
		}
		out.Write(text)
		if !ok {
			return
		}
		if tok.trimLeft {
			trimRightSpace(out)
		}
		i = tok.end
		if tok.output {
			s, ok := t.liquidOutput(tok)
			if ok {
				out.WriteString(s)
			}
			skipSpace = tok.trimRight
			continue
		}
		name := tok.name
		switch {
		case name == "raw":
			end, after, ok := t.findEnd(in[:to], i, "raw")
			if !ok {
				t.warn(tok.start, "Liquid tag {%% raw %%} is never closed: the rest kept as it is")
				out.Write(in[i:to])
				return
			}
			out.Write(in[i:end])
			i, tok = after.end, after
		case name == "comment":
			_, after, ok := t.findEnd(in[:to], i, "comment")
			if !ok {
				t.warn(tok.start, "Liquid tag {%% comment %%} is never closed: the rest left out")
				return
			}
			i, tok = after.end, after
		case strings.HasPrefix(name, "#"): // an inline comment
		case name == "highlight":
			end, after, ok := t.findEnd(in[:to], i, "highlight")
			if !ok {
				t.warn(tok.start, "Liquid tag {%% highlight %%} is never closed: the rest shown as code")
				end, after = to, liquidToken{end: to}
			}
			var code bytes.Buffer
			t.liquidRange(&code, in, i, end)
			writeCode(out, strings.ToLower(firstWord(tok.markup)), strings.Trim(code.String(), "\r\n"))
			i, tok = after.end, after
		case name == "post_url":
			target := strings.TrimPrefix(firstWord(tok.markup), "/")
			if target == "" {
				t.warn(tok.start, "Liquid tag {%% post_url %%} names no post: left out")
				i = textOnly(out, in, i)
				break
			}
			out.WriteString(relLink(t.o.Path, path.Join(t.o.Root, target+".md"), ""))
		case name == "link":
			target := strings.TrimPrefix(firstWord(tok.markup), "/")
			rest, isPost := strings.CutPrefix(target, "_posts/")
			if !isPost || !isSource(rest) {
				t.warn(tok.start, "Liquid tag {%% link %s %%} is not a link to a post: its link text kept", clip(target, 80))
				i = textOnly(out, in, i)
				break
			}
			out.WriteString(relLink(t.o.Path, path.Join(t.o.Root, rest), ""))
		case liquidBlocks[name]:
			_, after, ok := t.findEnd(in[:to], i, name)
			t.warn(tok.start, "Liquid tag {%% %s %%} left out with its content", name)
			if !ok {
				return
			}
			i, tok = after.end, after
		case strings.HasPrefix(name, "end") && open[name[3:]] > 0:
			open[name[3:]]--
		default:
			if name != "" && !strings.HasPrefix(name, "end") {
				if _, _, ok := t.findEnd(in[:to], i, name); ok {
					open[name]++
					t.warn(tok.start, "Liquid tag {%% %s %%} left out, its content kept", name)
					break
				}
			}
			t.warn(tok.start, "Liquid tag {%% %s %%} left out", clip(name, 40))
		}
		skipSpace = tok.trimRight
	}
}

// findEnd finds the {% endname %} that closes a block opened before from,
// counting the blocks of the same name opened inside it (but not in raw
// blocks, whose content is text). It returns where the end tag starts.
func (t *transformer) findEnd(in []byte, from int, name string) (int, liquidToken, bool) {
	depth := 0
	for i := from; ; {
		tok, ok := nextLiquid(in, i)
		if !ok {
			return 0, liquidToken{}, false
		}
		i = tok.end
		switch {
		case tok.output:
		case tok.name == "raw" && name != "raw":
			if _, after, ok := t.findEnd(in, i, "raw"); ok {
				i = after.end
			}
		case tok.name == name && name != "raw":
			depth++
		case tok.name == "end"+name:
			if depth == 0 {
				return tok.start, tok, true
			}
			depth--
		}
	}
}

// liquidOutput evaluates {{ expression }}: a string or site.url or
// site.baseurl, with the filters relative_url, absolute_url, prepend and
// append.
func (t *transformer) liquidOutput(tok liquidToken) (string, bool) {
	if tok.markup == "" {
		return "", true
	}
	parts := splitFilters(tok.markup)
	v, ok := t.liquidValue(parts[0])
	for _, f := range parts[1:] {
		if !ok {
			break
		}
		name, arg, _ := strings.Cut(f, ":")
		name, arg = strings.TrimSpace(name), strings.TrimSpace(arg)
		switch name {
		case "relative_url":
			v = t.relativeURL(v)
		case "absolute_url":
			v = t.absoluteURL(v)
		case "prepend", "append":
			var a string
			if a, ok = t.liquidValue(arg); ok {
				if name == "prepend" {
					v = a + v
				} else {
					v += a
				}
			}
		default:
			ok = false
		}
	}
	if !ok {
		t.warn(tok.start, "Liquid output {{ %s }} left out", clip(tok.markup, 80))
	}
	return v, ok
}

// splitFilters splits an output's markup on the "|" outside quotes.
func splitFilters(s string) []string {
	var parts []string
	quote := byte(0)
	last := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '|':
			parts = append(parts, strings.TrimSpace(s[last:i]))
			last = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[last:]))
}

// liquidValue evaluates a string literal, site.url or site.baseurl.
func (t *transformer) liquidValue(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	site, base := t.siteParts()
	switch s {
	case "site.url":
		return site, true
	case "site.baseurl":
		return base, true
	}
	return "", false
}

// siteParts splits SiteURL into Jekyll's url and baseurl.
func (t *transformer) siteParts() (site, base string) {
	u, err := url.Parse(t.o.SiteURL)
	if t.o.SiteURL == "" || err != nil || u.Host == "" {
		return "", ""
	}
	base = strings.TrimSuffix(u.EscapedPath(), "/")
	u.Path, u.RawPath, u.RawQuery, u.Fragment = "", "", "", ""
	return u.String(), base
}

// relativeURL is Jekyll's relative_url: the base path joined to a path,
// absolute URLs kept.
func (t *transformer) relativeURL(s string) string {
	if isAbsURL(s) {
		return s
	}
	_, base := t.siteParts()
	return leadingSlash(base) + leadingSlash(s)
}

// absoluteURL is Jekyll's absolute_url.
func (t *transformer) absoluteURL(s string) string {
	if isAbsURL(s) {
		return s
	}
	site, _ := t.siteParts()
	return site + t.relativeURL(s)
}

func isAbsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

func leadingSlash(s string) string {
	if s == "" || strings.HasPrefix(s, "/") {
		return s
	}
	return "/" + s
}

// isSource reports whether name is a Markdown source file.
func isSource(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdx":
		return true
	}
	return false
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[0], `"'`)
}

// writeCode writes a code block as HTML that Markdown passes through
// whole: a <pre> block ends only at its closing tag.
func writeCode(out *bytes.Buffer, lang, code string) {
	out.WriteString("<pre><code")
	if lang != "" {
		out.WriteString(` class="language-`)
		out.WriteString(html.EscapeString(strings.ReplaceAll(lang, "+", "-")))
		out.WriteString(`"`)
	}
	out.WriteString(">")
	out.WriteString(html.EscapeString(code))
	out.WriteString("\n</code></pre>")
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func trimRightSpace(out *bytes.Buffer) {
	b := out.Bytes()
	n := len(b)
	for n > 0 && isSpace(b[n-1]) {
		n--
	}
	out.Truncate(n)
}

func trimmedLeft(b []byte, trim bool) []byte {
	if !trim {
		return b
	}
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

// unclosed returns the offset of the first "{%" or "{{" in b, or -1.
func unclosed(b []byte) int {
	for i := 0; ; i++ {
		k := bytes.IndexByte(b[i:], '{')
		if k < 0 || i+k+1 >= len(b) {
			return -1
		}
		if i += k; b[i+1] == '%' || b[i+1] == '{' {
			return i
		}
	}
}
