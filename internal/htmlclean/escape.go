package htmlclean

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// attrEscapes are the escapes html.EscapeString writes.
var attrEscapes = []struct{ esc, char string }{
	{"&amp;", "&"}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#34;", `"`}, {"&#13;", "\r"},
}

// attrUnescaper undoes attrEscapes.
var attrUnescaper = func() *strings.Replacer {
	var pairs []string
	for _, e := range attrEscapes {
		pairs = append(pairs, e.esc, e.char)
	}
	return strings.NewReplacer(pairs...)
}()

// escapeLen returns the length of the escape of attrEscapes s starts
// with, or 0.
func escapeLen(s []byte) int {
	for _, e := range attrEscapes {
		if bytes.HasPrefix(s, []byte(e.esc)) {
			return len(e.esc)
		}
	}
	return 0
}

// unescapeAttr undoes html.EscapeString. ok is false when v holds anything
// the tokenizer might read differently: another character reference, a
// raw carriage return, NUL or angle bracket.
func unescapeAttr(v []byte) (string, bool) {
	if bytes.ContainsAny(v, "\r\x00<>") {
		return "", false
	}
	amps := 0
	for rest := v; ; amps++ {
		i := bytes.IndexByte(rest, '&')
		if i < 0 {
			break
		}
		n := escapeLen(rest[i:])
		if n == 0 {
			return "", false
		}
		rest = rest[i+n:]
	}
	if amps == 0 {
		return string(v), true
	}
	return attrUnescaper.Replace(string(v)), true
}

// escapeHTMLText writes s escaped as html.EscapeString does, with the
// escapes unescapeAttr reads.
func escapeHTMLText(out *bytes.Buffer, s []byte) {
	for len(s) > 0 {
		i := bytes.IndexAny(s, "&'<>\"\r")
		if i < 0 {
			out.Write(s)
			return
		}
		out.Write(s[:i])
		for _, e := range attrEscapes {
			if e.char[0] == s[i] {
				out.WriteString(e.esc)
				break
			}
		}
		s = s[i+1:]
	}
}

// escapeReescaped writes text as html.Token.String writes a text token:
// unescaped, then escaped again. The references the Markdown renderer
// writes are turned into their new forms directly; text with any other
// goes through html.UnescapeString.
func escapeReescaped(out *bytes.Buffer, text []byte) {
	n := out.Len()
	for rest := text; len(rest) > 0; {
		i := bytes.IndexByte(rest, '&')
		if i < 0 {
			escapeHTMLText(out, rest)
			return
		}
		escapeHTMLText(out, rest[:i])
		rest = rest[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("&amp;")), bytes.HasPrefix(rest, []byte("&lt;")), bytes.HasPrefix(rest, []byte("&gt;")):
			j := bytes.IndexByte(rest, ';') + 1
			out.Write(rest[:j]) // as escaped again
			rest = rest[j:]
		case bytes.HasPrefix(rest, []byte("&quot;")):
			out.WriteString("&#34;")
			rest = rest[len("&quot;"):]
		default:
			out.Truncate(n)
			escapeHTMLText(out, []byte(html.UnescapeString(string(text))))
			return
		}
	}
}

// unquoteText returns the cleaned HTML doc with the quotes of its text
// written as themselves rather than as the &#34; and &#39; the serializers
// write: HTML text needs no escaped quotes, and readers that show a text
// excerpt of the HTML without decoding it (feed-extractor) would show the
// references. Quotes inside tags (attribute values) stay escaped. doc is
// serializer output, in which a "<" or ">" outside a tag is always escaped.
func unquoteText(doc []byte) string {
	if !bytes.Contains(doc, []byte("&#3")) {
		return string(doc)
	}
	var b strings.Builder
	b.Grow(len(doc))
	inTag := false
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		switch {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case c == '&' && !inTag && bytes.HasPrefix(doc[i:], []byte("&#34;")):
			b.WriteByte('"')
			i += len("&#34;") - 1
			continue
		case c == '&' && !inTag && bytes.HasPrefix(doc[i:], []byte("&#39;")):
			b.WriteByte('\'')
			i += len("&#39;") - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
