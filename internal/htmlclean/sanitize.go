package htmlclean

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// sanitizeFast is sanitizeTokens, without the tokenizer when the document
// allows (sanitizeScan). On false, out may hold part of the document.
func (c *Cleaner) sanitizeFast(out *bytes.Buffer, doc []byte, base *url.URL) bool {
	n := out.Len()
	if c.sanitizeScan(out, doc, base) {
		return true
	}
	out.Truncate(n)
	return c.sanitizeTokens(out, doc, base)
}

// sanitizeScan is sanitizeTokens for documents in the form Markdown renders
// to, read without the tokenizer: every "<" starts a tag written as
// <name key="value" ...>, </name> or <name />, in lower case with double
// quotes. The tokenizer cuts such a document into the same tokens; on
// anything else sanitizeScan returns false.
func (c *Cleaner) sanitizeScan(out *bytes.Buffer, doc []byte, base *url.URL) bool {
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
		clean, ok := c.sanitizeTag(doc[:n])
		if !ok {
			return false
		}
		doc = doc[n:]
		if !writeTag(out, clean, base) {
			return false
		}
	}
	return true
}

// writeTag writes clean, a tag as the policy writes it, with its URLs
// resolved against base when there is one.
func writeTag(out *bytes.Buffer, clean []byte, base *url.URL) bool {
	if base == nil || clean[1] == '/' || !hasURLAttr(clean) {
		out.Write(clean)
		return true
	}
	return absolutizeStartTag(out, clean, base)
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
// token escaped anew (html.Token.String), drops comments and doctypes
// unless the policy allows comments, and treats each tag on its own, unless
// an element it removes makes it skip what follows (its content, or its end
// tag). sanitizeTokens reads the same tokens, writes text and comments as
// bluemonday does, and gives each tag to the policy alone (remembering the
// result for short tags); it returns false as soon as a tag would be
// removed or is an element whose content is raw text, or on a comment the
// policy may keep, and the caller then sanitizes the whole document. With a
// base URL it also makes the URLs of each tag absolute, as
// absolutizeTokens would.
func (c *Cleaner) sanitizeTokens(out *bytes.Buffer, doc []byte, base *url.URL) bool {
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
			clean, ok := c.sanitizeTag(z.Raw())
			if !ok {
				return false
			}
			if !writeTag(out, clean, base) {
				return false
			}
		case html.CommentToken, html.DoctypeToken:
			if !c.dropsComments {
				return false
			}
		default:
			return false
		}
	}
}

// Tags up to maxCachedTag bytes are sanitized once and remembered, at
// most maxCachedTags of them.
const (
	maxCachedTag  = 48
	maxCachedTags = 4096
)

// A cleanTag is what the policy makes of a tag on its own; ok is false
// when that is not what it makes of the tag within a document.
type cleanTag struct {
	clean []byte
	ok    bool
}

// sanitizeTag returns what the policy makes of one tag read on its own,
// and false when that is not what it makes of the tag within a document:
// when it removes the tag (it then skips the element's end tag or content
// too) or the element's content is raw text.
func (c *Cleaner) sanitizeTag(raw []byte) ([]byte, bool) {
	if clean, class, ok := sanitizeCommonTag(raw); ok && c.commonAgrees(class, raw, clean) {
		return clean, true
	}
	if len(raw) <= maxCachedTag {
		if t, ok := c.tags.Load(string(raw)); ok {
			t := t.(*cleanTag)
			return t.clean, t.ok
		}
	}
	clean, ok := c.sanitizeTagAlone(raw)
	if len(raw) <= maxCachedTag && c.tagCount.Load() < maxCachedTags {
		if _, loaded := c.tags.LoadOrStore(string(raw), &cleanTag{clean, ok}); !loaded {
			c.tagCount.Add(1)
		}
	}
	return clean, ok
}

// sanitizeTagAlone is sanitizeTag without the shortcuts: it runs the
// policy on the tag. A tag the policy removes comes out empty, or as a
// space when the policy adds one for a removed tag.
func (c *Cleaner) sanitizeTagAlone(raw []byte) ([]byte, bool) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	tt := z.Next()
	if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken || len(z.Raw()) != len(raw) {
		return nil, false
	}
	if name, _ := z.TagName(); rawTextElements[string(name)] {
		return nil, false
	}
	var clean bytes.Buffer
	if c.policy.SanitizeReaderToWriter(bytes.NewReader(raw), &clean) != nil || clean.Len() == 0 || clean.Bytes()[0] != '<' {
		return nil, false
	}
	return clean.Bytes(), true
}

// The kinds of tag sanitizeCommonTag handles.
const (
	linkTag = iota
	headingTag
	imageTag
	footnoteTag
	commonKinds
)

// A tagClass is what the policy's answer for a tag of a kind that
// sanitizeCommonTag handles may depend on beyond what the check at New
// covers: the scheme and host of its URL.
type tagClass struct {
	kind         int
	scheme, host string
	form         string // of a footnoteTag: its element, or its link's other attributes
}

// sanitizeCommonTag is sanitizeTag for the tags Markdown writes most that
// are seldom alike, in the form the renderer writes them: a link
// (<a href="…">), a heading with an ID (<h2 id="…">), an image
// (<img src="…" alt="…">), and the tags of footnotes, each with its own
// number (<sup id="…">, <li id="…"> and <a href="…" class="…" role="…">).
// It does what the house policy does with them: an ID is kept as it is, an
// href or src that parses as a relative URL or one with scheme http, https
// or mailto is replaced by its net/url form, alt text is kept when it
// matches bluemonday.Paragraph, and a class and role of lower-case letters
// and hyphens are kept. ok is false for any other tag or value. Whether a
// Cleaner's policy agrees is for commonAgrees to say.
func sanitizeCommonTag(raw []byte) (clean []byte, class tagClass, ok bool) {
	switch {
	case len(raw) > 11 && string(raw[:9]) == `<a href="` && string(raw[len(raw)-2:]) == `">` && bytes.Contains(raw, []byte(`" class="`)):
		return sanitizeNoteLink(raw)
	case len(raw) > 10 && (string(raw[:9]) == `<sup id="` || string(raw[:8]) == `<li id="`) && string(raw[len(raw)-2:]) == `">`:
		elem, _, _ := bytes.Cut(raw[1:], []byte(" "))
		if !plainID(raw[len(elem)+6 : len(raw)-2]) {
			return nil, class, false
		}
		return raw, tagClass{kind: footnoteTag, form: string(elem)}, true
	case len(raw) > 11 && string(raw[:9]) == `<a href="` && string(raw[len(raw)-2:]) == `">`:
		u, ok := policyURL(raw[9 : len(raw)-2])
		if !ok {
			return nil, class, false
		}
		return []byte(`<a href="` + html.EscapeString(u.String()) + `">`), tagClass{kind: linkTag, scheme: u.Scheme, host: u.Host}, true
	case len(raw) > 10 && raw[0] == '<' && raw[1] == 'h' && '1' <= raw[2] && raw[2] <= '6' && string(raw[3:8]) == ` id="` && string(raw[len(raw)-2:]) == `">`:
		if !plainID(raw[8 : len(raw)-2]) {
			return nil, class, false
		}
		return raw, tagClass{kind: headingTag}, true
	case len(raw) > 19 && string(raw[:10]) == `<img src="` && string(raw[len(raw)-2:]) == `">`:
		v := raw[10 : len(raw)-2]
		i := bytes.Index(v, []byte(`" alt="`))
		if i < 0 {
			return nil, class, false
		}
		src, alt := v[:i], v[i+len(`" alt="`):]
		// The pattern leaves out quotes, angle brackets, character
		// references and NUL; a carriage return the tokenizer would turn
		// into a newline.
		if bytes.IndexByte(alt, '\r') >= 0 || !imageAlt.Match(alt) {
			return nil, class, false
		}
		u, ok := policyURL(src)
		if !ok {
			return nil, class, false
		}
		return []byte(`<img src="` + html.EscapeString(u.String()) + `" alt="` + html.EscapeString(string(alt)) + `">`), tagClass{kind: imageTag, scheme: u.Scheme, host: u.Host}, true
	}
	return nil, class, false
}

// plainID reports whether an ID in double quotes reads as itself: it
// holds no quote, angle bracket, character reference, carriage return or
// NUL.
func plainID(id []byte) bool {
	return !bytes.ContainsAny(id, "\"<>'&\r\x00")
}

// sanitizeNoteLink is sanitizeCommonTag for a footnote's link, as the
// renderer writes it: <a href="…" class="…" role="…">, the class and role
// of lower-case letters and hyphens. Its class is the scheme and host of
// its URL, and its class and role, so that the policy is asked about each
// of those once.
func sanitizeNoteLink(raw []byte) (clean []byte, class tagClass, ok bool) {
	v, attrs, _ := bytes.Cut(raw[len(`<a href="`):len(raw)-1], []byte(`"`))
	c, ok := bytes.CutPrefix(attrs, []byte(` class="`))
	if !ok {
		return nil, class, false
	}
	c, r, ok := bytes.Cut(c, []byte(`" role="`))
	if !ok || len(c) == 0 || len(r) < 2 || r[len(r)-1] != '"' || !plainWords(c) || !plainWords(r[:len(r)-1]) {
		return nil, class, false
	}
	u, ok := policyURL(v)
	if !ok {
		return nil, class, false
	}
	return []byte(`<a href="` + html.EscapeString(u.String()) + `"` + string(attrs) + `>`), tagClass{footnoteTag, u.Scheme, u.Host, string(attrs)}, true
}

// plainWords reports whether b is lower-case letters and hyphens.
func plainWords(b []byte) bool {
	for _, c := range b {
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

// imageAlt is the pattern the UGC policy holds alt text to.
var imageAlt = bluemonday.Paragraph

// policyURL is what the house policy makes of a link's or image's URL
// given as v, an attribute value in double quotes. ok is false when the
// value needs more than &amp; resolved, or is not one of the URLs described
// at sanitizeCommonTag.
func policyURL(v []byte) (*url.URL, bool) {
	if bytes.ContainsAny(v, "\"<>'\r\x00") || bytes.Count(v, []byte("&")) != bytes.Count(v, []byte("&amp;")) {
		return nil, false
	}
	// As the tokenizer reads the value and the policy checks it.
	ref := strings.TrimSpace(strings.ReplaceAll(string(v), "&amp;", "&"))
	if strings.ContainsAny(ref, " \t\n") {
		return nil, false
	}
	u, err := url.Parse(ref)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") || u.String() == "" {
		return nil, false
	}
	return u, true
}
