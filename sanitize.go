package sitefeed

import (
	"bytes"
	"io"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// sanitizeFast is sanitizeTokens, without the tokenizer when the document
// allows (sanitizeScan). On false, out may hold part of the document.
func sanitizeFast(out *bytes.Buffer, doc []byte, base *url.URL) bool {
	n := out.Len()
	if sanitizeScan(out, doc, base) {
		return true
	}
	out.Truncate(n)
	return sanitizeTokens(out, doc, base)
}

// sanitizeScan is sanitizeTokens for documents in the form Markdown renders
// to, read without the tokenizer: every "<" starts a tag written as
// <name key="value" ...>, </name> or <name />, in lower case with double
// quotes. The tokenizer cuts such a document into the same tokens; on
// anything else sanitizeScan returns false.
func sanitizeScan(out *bytes.Buffer, doc []byte, base *url.URL) bool {
	for len(doc) > 0 {
		i := bytes.IndexByte(doc, '<')
		if i < 0 {
			i = len(doc)
		}
		if i > 0 {
			text := doc[:i]
			switch {
			case !bytes.ContainsAny(text, "&>\"'\r\x00"):
				out.Write(text)
			case bytes.ContainsAny(text, "\r\x00"):
				return false // the tokenizer changes these
			default:
				escapeReescaped(out, text)
			}
			doc = doc[i:]
			continue
		}
		n := plainTagLen(doc)
		if n == 0 {
			return false
		}
		clean, ok := sanitizeTag(doc[:n])
		if !ok {
			return false
		}
		doc = doc[n:]
		if base == nil || clean[1] == '/' || !hasURLAttrString(clean) {
			out.WriteString(clean)
		} else if !absolutizeTag(out, []byte(clean), base) {
			return false
		}
	}
	return true
}

// plainTagLen returns the length of the tag doc starts with when it is
// written <name key="value" ...>, <name ... />, <name .../> or </name>, with
// names and keys in lower case; otherwise 0.
func plainTagLen(doc []byte) int {
	if len(doc) < 3 || doc[0] != '<' {
		return 0
	}
	i := 1
	end := len(doc) > 1 && doc[1] == '/'
	if end {
		i = 2
	}
	name := func() bool {
		start := i
		for i < len(doc) && ('a' <= doc[i] && doc[i] <= 'z' || i > start && ('0' <= doc[i] && doc[i] <= '9' || !end && doc[i] == '-')) {
			i++
		}
		return i > start
	}
	if !name() {
		return 0
	}
	if end {
		if i < len(doc) && doc[i] == '>' {
			return i + 1
		}
		return 0
	}
	for i < len(doc) {
		switch {
		case doc[i] == '>':
			return i + 1
		case doc[i] == '/' && i+1 < len(doc) && doc[i+1] == '>':
			return i + 2
		case doc[i] == ' ' && i+2 < len(doc) && doc[i+1] == '/' && doc[i+2] == '>':
			return i + 3
		case doc[i] != ' ':
			return 0
		}
		i++ // the space before a key
		if !name() || i+1 >= len(doc) || doc[i] != '=' || doc[i+1] != '"' {
			return 0
		}
		q := bytes.IndexByte(doc[i+2:], '"')
		if q < 0 {
			return 0
		}
		i += 2 + q + 1
	}
	return 0
}

// sanitizeTokens is the sanitizer for documents in which it keeps every
// element, which are what Markdown renders to. bluemonday writes each text
// token escaped anew (html.Token.String), drops comments and doctypes, and
// treats each tag on its own, unless an element it removes makes it skip
// what follows (its content, or its end tag). sanitizeTokens reads the same
// tokens, writes text and comments as bluemonday does, and gives each tag to
// bluemonday alone (remembering the result for short tags); it returns false
// as soon as a tag would be removed or is an element whose content is raw
// text, and the caller then sanitizes the whole document. With a base URL
// it also makes the URLs of each tag absolute, as absolutize would.
func sanitizeTokens(out *bytes.Buffer, doc []byte, base *url.URL) bool {
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return z.Err() == io.EOF
		case html.TextToken:
			raw := z.Raw()
			if !bytes.ContainsAny(raw, "&<>\"'\r\x00") {
				out.Write(raw)
			} else {
				escapeHTMLText(out, z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			clean, ok := sanitizeTag(z.Raw())
			if !ok {
				return false
			}
			if base == nil || clean[1] == '/' || !hasURLAttrString(clean) {
				out.WriteString(clean)
			} else if !absolutizeTag(out, []byte(clean), base) {
				return false
			}
		case html.CommentToken, html.DoctypeToken:
			// dropped, as the policy does
		default:
			return false
		}
	}
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

// Tags up to maxCachedTag bytes are sanitized once and remembered, at
// most maxCachedTags of them.
const (
	maxCachedTag  = 48
	maxCachedTags = 4096
)

var (
	tagCache      sync.Map // raw tag → *cleanTag
	tagCacheCount atomic.Int32
)

type cleanTag struct {
	clean string
	ok    bool
}

// sanitizeTag returns what the sanitizer policy makes of one tag read on
// its own, and false when that is not what it makes of the tag within a
// document: when it removes the tag (it then skips the element's end tag or
// content too) or the element's content is raw text.
func sanitizeTag(raw []byte) (string, bool) {
	if clean, ok := sanitizeCommonTag(raw); ok {
		return clean, true
	}
	if len(raw) <= maxCachedTag {
		if c, ok := tagCache.Load(string(raw)); ok {
			c := c.(*cleanTag)
			return c.clean, c.ok
		}
	}
	clean, ok := sanitizeTagAlone(raw)
	if len(raw) <= maxCachedTag && tagCacheCount.Load() < maxCachedTags {
		if _, loaded := tagCache.LoadOrStore(string(raw), &cleanTag{clean, ok}); !loaded {
			tagCacheCount.Add(1)
		}
	}
	return clean, ok
}

// sanitizeCommonTag is sanitizeTag for the tags Markdown writes most that
// are seldom alike, in the form the renderer writes them: a link
// (<a href="…">), a heading with an ID (<h2 id="…">) and an image
// (<img src="…" alt="…">). It does what the policy does with them: an ID is
// kept as it is, an href or src that parses as a relative URL or one with
// scheme http, https or mailto is replaced by its net/url form, and alt
// text is kept when it matches bluemonday.Paragraph. ok is false for any
// other tag or value.
func sanitizeCommonTag(raw []byte) (clean string, ok bool) {
	switch {
	case len(raw) > 11 && string(raw[:9]) == `<a href="` && string(raw[len(raw)-2:]) == `">`:
		u, ok := policyURL(raw[9 : len(raw)-2])
		if !ok {
			return "", false
		}
		return `<a href="` + html.EscapeString(u) + `">`, true
	case len(raw) > 10 && raw[0] == '<' && raw[1] == 'h' && '1' <= raw[2] && raw[2] <= '6' && string(raw[3:8]) == ` id="` && string(raw[len(raw)-2:]) == `">`:
		if bytes.ContainsAny(raw[8:len(raw)-2], "\"<>'&\r\x00") {
			return "", false
		}
		return string(raw), true
	case len(raw) > 19 && string(raw[:10]) == `<img src="` && string(raw[len(raw)-2:]) == `">`:
		v := raw[10 : len(raw)-2]
		i := bytes.Index(v, []byte(`" alt="`))
		if i < 0 {
			return "", false
		}
		src, alt := v[:i], v[i+len(`" alt="`):]
		// The pattern leaves out quotes, angle brackets, character
		// references and NUL; a carriage return the tokenizer would turn
		// into a newline.
		if bytes.IndexByte(alt, '\r') >= 0 || !imageAlt.Match(alt) {
			return "", false
		}
		u, ok := policyURL(src)
		if !ok {
			return "", false
		}
		return `<img src="` + html.EscapeString(u) + `" alt="` + html.EscapeString(string(alt)) + `">`, true
	}
	return "", false
}

// imageAlt is the pattern the policy (bluemonday's UGCPolicy) holds alt
// text to.
var imageAlt = bluemonday.Paragraph

// policyURL is what the policy writes for a link's or image's URL given as
// v, an attribute value in double quotes. ok is false when the value needs
// more than &amp; resolved, or is not one of the URLs described at
// sanitizeCommonTag.
func policyURL(v []byte) (string, bool) {
	if bytes.ContainsAny(v, "\"<>'\r\x00") || bytes.Count(v, []byte("&")) != bytes.Count(v, []byte("&amp;")) {
		return "", false
	}
	// As the tokenizer reads the value and the policy checks it.
	ref := strings.TrimSpace(strings.ReplaceAll(string(v), "&amp;", "&"))
	if strings.ContainsAny(ref, " \t\n") {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
		return "", false
	}
	s := u.String()
	return s, s != ""
}

func sanitizeTagAlone(raw []byte) (string, bool) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	tt := z.Next()
	if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken || len(z.Raw()) != len(raw) {
		return "", false
	}
	name, _ := z.TagName()
	if rawTextElements[string(name)] || skipContentElements[string(name)] {
		return "", false
	}
	var clean bytes.Buffer
	if sanitizer().SanitizeReaderToWriter(bytes.NewReader(raw), &clean) != nil || clean.Len() == 0 {
		return "", false
	}
	return clean.String(), true
}

// skipContentElements are those whose content bluemonday drops when it
// drops the element (its default list).
var skipContentElements = map[string]bool{
	"frame": true, "frameset": true, "iframe": true, "noembed": true, "noframes": true,
	"noscript": true, "nostyle": true, "object": true, "script": true, "style": true, "title": true,
}
