package sitefeed

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DefaultMarkdown returns the Markdown renderer used when Options.Markdown
// is nil: goldmark with the GitHub-flavoured extensions (tables,
// strikethrough, autolinks, task lists), footnotes, heading IDs, and raw
// HTML passed through (the sanitiser then cleans it).
func DefaultMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	)
}

var (
	defaultMarkdownOnce sync.Once
	defaultMarkdown     goldmark.Markdown
)

func sharedMarkdown() goldmark.Markdown {
	defaultMarkdownOnce.Do(func() { defaultMarkdown = DefaultMarkdown() })
	return defaultMarkdown
}

var (
	policyOnce sync.Once
	policy     *bluemonday.Policy
)

// sanitizer is the HTML policy every post's content passes through: the
// bluemonday UGC policy, without its rel="nofollow", plus the elements and
// attributes blog posts use (figures, media, details, task-list
// checkboxes, srcset, class and id). Scripts, styles, forms, event handlers
// and javascript: URLs are removed.
func sanitizer() *bluemonday.Policy {
	policyOnce.Do(func() {
		p := bluemonday.UGCPolicy()
		p.RequireNoFollowOnLinks(false)
		p.AllowAttrs("class", "id", "role", "aria-label", "aria-hidden", "aria-describedby", "data-footnotes").Globally()
		p.AllowElements("figure", "figcaption", "picture", "mark", "kbd", "samp", "var", "section", "abbr", "details", "summary", "small", "cite", "time")
		p.AllowAttrs("srcset", "sizes", "loading", "decoding").OnElements("img")
		p.AllowAttrs("src", "srcset", "sizes", "media", "type").OnElements("source")
		p.AllowAttrs("src", "poster", "controls", "width", "height", "loop", "muted", "playsinline", "preload").OnElements("video")
		p.AllowAttrs("src", "controls", "loop", "muted", "preload").OnElements("audio")
		p.AllowAttrs("src", "kind", "srclang", "label", "default").OnElements("track")
		p.AllowElements("video", "audio", "source", "track")
		p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
		p.AllowAttrs("checked", "disabled").OnElements("input")
		p.AllowAttrs("datetime").OnElements("time")
		p.AllowAttrs("start", "reversed", "type").OnElements("ol")
		p.AllowAttrs("src", "width", "height", "title", "allow", "allowfullscreen", "loading").OnElements("iframe")
		p.AllowIFrames(bluemonday.SandboxAllowScripts, bluemonday.SandboxAllowSameOrigin, bluemonday.SandboxAllowPopups)
		p.AllowURLSchemes("http", "https", "mailto", "tel", "ftp", "xmpp", "irc", "ircs", "magnet", "geo")
		p.AllowDataURIImages()
		policy = p
	})
	return policy
}

// finishHTML sanitises content and makes every URL in it absolute against
// base (the post's URL).
func finishHTML(content string, base *url.URL) string {
	return finishHTMLBytes([]byte(content), base)
}

// finishHTMLBytes is finishHTML for content in a byte slice.
func finishHTMLBytes(content []byte, base *url.URL) string {
	clean := htmlBufs.get()
	defer htmlBufs.put(clean)
	clean.Grow(len(content) + len(content)/8)
	if !slowPaths && sanitizeFast(clean, content, base) {
		return clean.String()
	}
	clean.Reset()
	if sanitizer().SanitizeReaderToWriter(bytes.NewReader(content), clean) != nil {
		clean.Reset() // as SanitizeBytes does
	}
	return absolutize(clean.Bytes(), base)
}

// cleanHTML is cleanText for a post's HTML, which is long and seldom needs
// cleaning: valid UTF-8 holds no lone surrogate, so only C0 controls and
// U+FFFE and U+FFFF remain to look for, and those checks are quicker than
// cleanText's rune by rune.
func cleanHTML(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return cleanText(s)
		}
	}
	if !utf8.ValidString(s) || strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF") {
		return cleanText(s)
	}
	return s
}

// htmlBufs holds the buffers a post's HTML passes through.
var htmlBufs bufPool

// urlAttrs are the attributes holding one URL; srcset is handled apart.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "longdesc": true}

// absolutize rewrites href, src, poster, cite and each srcset candidate
// against base; the rest of the document is copied byte for byte.
func absolutize(doc []byte, base *url.URL) string {
	out := htmlBufs.get()
	defer htmlBufs.put(out)
	out.Grow(len(doc) + len(doc)/16)
	if !slowPaths && absolutizeTags(out, doc, base) {
		return out.String() // a copy of the exact size: the Set keeps every post's HTML
	}
	out.Reset()
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || !hasURLAttr(raw) {
			out.Write(raw)
			continue
		}
		out.WriteString(rewriteTag(z, raw, base))
	}
	return out.String()
}

// rewriteTag returns the tag z has just read (raw) with its URLs resolved.
func rewriteTag(z *html.Tokenizer, raw []byte, base *url.URL) string {
	tok := z.Token()
	if !resolveAttrs(tok.Attr, base) {
		return string(raw)
	}
	return tok.String()
}

// resolveAttrs resolves the URLs in href, src, poster, cite, longdesc and
// srcset attributes against base, in place, and reports whether any
// changed. Attributes in a namespace are left alone.
func resolveAttrs(attrs []html.Attribute, base *url.URL) bool {
	changed := false
	for i, a := range attrs {
		var v string
		switch {
		case a.Namespace != "":
			continue
		case urlAttrs[a.Key]:
			v = resolveRef(base, a.Val)
		case a.Key == "srcset":
			v = resolveSrcset(base, a.Val)
		default:
			continue
		}
		if v != a.Val {
			attrs[i].Val, changed = v, true
		}
	}
	return changed
}

// absolutizeTags is absolutize for the sanitiser's output, without running
// the tokenizer over all of it. bluemonday writes every token anew, escaping
// "<", ">" and quotes in text and attribute values, so each "<" starts a tag
// that ends at the next ">". Only tags with a URL attribute are tokenized,
// one at a time, which gives the same tokens as tokenizing the whole
// document as long as no element switches the tokenizer to raw text. On
// anything else (such an element, a stray ">", a comment) absolutizeTags
// returns false and the caller tokenizes the whole document.
func absolutizeTags(out *bytes.Buffer, doc []byte, base *url.URL) bool {
	for len(doc) > 0 {
		i := bytes.IndexByte(doc, '<')
		if i < 0 {
			i = len(doc)
		}
		if bytes.IndexByte(doc[:i], '>') >= 0 {
			return false
		}
		out.Write(doc[:i])
		doc = doc[i:]
		if len(doc) == 0 {
			break
		}
		j := bytes.IndexByte(doc, '>')
		if j < 0 {
			return false
		}
		tag := doc[:j+1]
		doc = doc[j+1:]
		if bytes.IndexByte(tag[1:], '<') >= 0 || bytes.IndexByte(tag, '\'') >= 0 || bytes.Count(tag, []byte{'"'})%2 != 0 {
			return false
		}
		name := tag[1:]
		end := len(name) > 0 && name[0] == '/'
		if end {
			name = name[1:]
		}
		n := 0
		for n < len(name) && ('a' <= name[n] && name[n] <= 'z' || n > 0 && '0' <= name[n] && name[n] <= '9') {
			n++
		}
		if n == 0 || rawTextElements[string(name[:n])] {
			return false
		}
		if end || !hasURLAttr(tag) {
			out.Write(tag)
			continue
		}
		if !rewriteTagTo(out, tag, n, base) {
			return false
		}
	}
	return true
}

// absolutizeTag writes one start tag in the sanitiser's form with its URLs
// resolved against base, as absolutize would write it within a document.
// It returns false when the tag is not in that form.
func absolutizeTag(out *bytes.Buffer, tag []byte, base *url.URL) bool {
	n := 0
	for n+1 < len(tag) && ('a' <= tag[n+1] && tag[n+1] <= 'z' || n > 0 && '0' <= tag[n+1] && tag[n+1] <= '9') {
		n++
	}
	if n == 0 || rawTextElements[string(tag[1:1+n])] || bytes.IndexByte(tag[1:], '<') >= 0 || bytes.IndexByte(tag, '>') != len(tag)-1 ||
		bytes.IndexByte(tag, '\'') >= 0 || bytes.Count(tag, []byte{'"'})%2 != 0 {
		return false
	}
	return rewriteTagTo(out, tag, n, base)
}

// rewriteTagTo writes tag, a start tag whose name is n bytes long, with its
// URLs resolved: rewriteCleanTag, else the tokenizer's reading of it.
func rewriteTagTo(out *bytes.Buffer, tag []byte, n int, base *url.URL) bool {
	if rewriteCleanTag(out, tag, n, base) {
		return true
	}
	z := html.NewTokenizer(bytes.NewReader(tag))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken || len(z.Raw()) != len(tag) {
		return false
	}
	out.WriteString(rewriteTag(z, tag, base))
	return true
}

// rewriteCleanTag is rewriteTag for a start tag in the form html.Token.String
// writes, <name key="value" ...> or .../>, whose name is n bytes long; it
// writes the tag to out and returns true, or returns false for any other form.
// Only the escapes html.Token.String writes may appear in values, so the
// tokenizer would read the same attributes.
func rewriteCleanTag(out *bytes.Buffer, tag []byte, n int, base *url.URL) bool {
	var buf [8]html.Attribute
	attrs := buf[:0]
	rest := tag[1+n:]
	self := false
	for {
		if len(rest) == 1 && rest[0] == '>' {
			break
		}
		if len(rest) == 2 && rest[0] == '/' && rest[1] == '>' {
			self = true
			break
		}
		if len(rest) < 5 || rest[0] != ' ' || rest[1] < 'a' || rest[1] > 'z' {
			return false
		}
		k := 2
		for k < len(rest) && ('a' <= rest[k] && rest[k] <= 'z' || '0' <= rest[k] && rest[k] <= '9' || rest[k] == '-') {
			k++
		}
		if k+1 >= len(rest) || rest[k] != '=' || rest[k+1] != '"' {
			return false
		}
		key := rest[1:k]
		rest = rest[k+2:]
		q := bytes.IndexByte(rest, '"')
		if q < 0 {
			return false
		}
		val, ok := unescapeAttr(rest[:q])
		if !ok {
			return false
		}
		attrs = append(attrs, html.Attribute{Key: string(key), Val: val})
		rest = rest[q+1:]
	}
	if !resolveAttrs(attrs, base) {
		out.Write(tag)
		return true
	}
	// As html.Token.String writes it.
	out.Write(tag[:1+n])
	for _, a := range attrs {
		out.WriteByte(' ')
		out.WriteString(a.Key)
		out.WriteString(`="`)
		out.WriteString(html.EscapeString(a.Val))
		out.WriteByte('"')
	}
	if self {
		out.WriteString("/>")
	} else {
		out.WriteByte('>')
	}
	return true
}

// attrEscapes are the escapes html.EscapeString writes.
var attrEscapes = []struct{ esc, char string }{
	{"&amp;", "&"}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#34;", `"`}, {"&#13;", "\r"},
}

// unescapeAttr undoes html.EscapeString. ok is false when v holds anything
// the tokenizer might read differently: another character reference, a
// raw carriage return, NUL or angle bracket.
func unescapeAttr(v []byte) (string, bool) {
	if bytes.ContainsAny(v, "\r\x00<>") {
		return "", false
	}
	if bytes.IndexByte(v, '&') < 0 {
		return string(v), true
	}
	var b strings.Builder
	for len(v) > 0 {
		i := bytes.IndexByte(v, '&')
		if i < 0 {
			b.Write(v)
			break
		}
		b.Write(v[:i])
		v = v[i:]
		found := false
		for _, e := range attrEscapes {
			if bytes.HasPrefix(v, []byte(e.esc)) {
				b.WriteString(e.char)
				v = v[len(e.esc):]
				found = true
				break
			}
		}
		if !found {
			return "", false
		}
	}
	return b.String(), true
}

// rawTextElements are those whose content html.Tokenizer reads as raw text.
var rawTextElements = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
}

// urlAttrMarks are what a tag holding a URL attribute contains (srcset
// included).
var urlAttrMarks = []string{"href=", "src", "poster=", "cite=", "longdesc="}

// hasURLAttrString is hasURLAttr for a tag in a string.
func hasURLAttrString(tag string) bool {
	for _, m := range urlAttrMarks {
		if strings.Contains(tag, m) {
			return true
		}
	}
	return false
}

func hasURLAttr(tag []byte) bool {
	for _, m := range urlAttrMarks {
		if bytes.Contains(tag, []byte(m)) {
			return true
		}
	}
	return false
}

// resolveRef makes ref absolute against base. Absolute URLs and those with a
// scheme (mailto:, data:) are returned as they are, and so is anything that
// does not parse.
func resolveRef(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	if ref[0] == '#' {
		b := *base
		b.Fragment, b.RawFragment = "", ""
		return b.String() + ref
	}
	if hasScheme(ref) {
		return ref // what url.Parse gives it: a scheme, or an error
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" {
		return ref
	}
	return base.ResolveReference(u).String()
}

// hasScheme reports whether ref starts as url.Parse reads a scheme, a
// letter then letters, digits, "+", "-" or "." up to a ":", or with the ":"
// url.Parse refuses.
func hasScheme(ref string) bool {
	for i := 0; i < len(ref); i++ {
		switch c := ref[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// resolveSrcset resolves each candidate of a srcset attribute and drops
// those whose scheme an image may not have. Candidates are split as the
// HTML standard says: a URL runs to the next white space (so it may hold
// commas, as image CDN and data: URLs do), and its descriptors run to the
// next comma.
func resolveSrcset(base *url.URL, set string) string {
	var parts []string
	for s := set; ; {
		s = strings.TrimLeft(s, " \t\n\r\f,")
		if s == "" {
			break
		}
		ref, desc := s, ""
		if i := strings.IndexAny(s, " \t\n\r\f"); i >= 0 {
			ref, s = s[:i], s[i:]
		} else {
			s = ""
		}
		if strings.HasSuffix(ref, ",") {
			ref = strings.TrimRight(ref, ",")
		} else {
			j, parens := 0, 0
			for ; j < len(s) && (s[j] != ',' || parens > 0); j++ {
				switch s[j] {
				case '(':
					parens++
				case ')':
					parens = max(parens-1, 0)
				}
			}
			desc, s = strings.Join(strings.Fields(s[:j]), " "), s[j:]
		}
		if u, err := url.Parse(ref); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "data") {
			continue
		}
		ref = resolveRef(base, ref)
		if desc != "" {
			ref += " " + desc
		}
		parts = append(parts, ref)
	}
	return strings.Join(parts, ", ")
}

// excerptLength is the most characters an automatic summary has.
const excerptLength = 280

// excerpt returns the plain text of the first paragraph of doc with text,
// cut at a word boundary to at most excerptLength characters (an ellipsis
// marks a cut).
func excerpt(doc string) string {
	z := html.NewTokenizer(strings.NewReader(doc))
	var b strings.Builder
	depth := 0
	skip := 0 // inside a footnote reference, <sup id="fnref:1">
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return cut(b.String())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch a := atom.Lookup(name); {
			case a == atom.P && tt == html.StartTagToken:
				depth++
			case a == atom.Br && depth > 0:
				b.WriteByte(' ')
			case a == atom.Sup && tt == html.StartTagToken && (skip > 0 || hasAttr && isFootnoteRef(z)):
				skip++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Sup:
				if skip > 0 {
					skip--
				}
			case atom.P:
				if depth > 0 {
					depth--
					if depth == 0 && strings.TrimSpace(b.String()) != "" {
						return cut(b.String())
					}
				}
			}
		case html.TextToken:
			if depth > 0 && skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// isFootnoteRef reports whether the tag z is on has the id goldmark gives
// footnote references.
func isFootnoteRef(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "id" && bytes.HasPrefix(val, []byte("fnref")) {
			return true
		}
		if !more {
			return false
		}
	}
}

func cut(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= excerptLength {
		return s
	}
	n, last := 0, 0
	for i, r := range s {
		if n == excerptLength-1 {
			if last == 0 {
				last = i
			}
			break
		}
		if unicode.IsSpace(r) {
			last = i
		}
		n++
	}
	return strings.TrimRightFunc(s[:last], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

// markdownWriter lets goldmark render straight into a bytes.Buffer: a
// writer that is not a util.BufWriter gets a bufio.Writer of its own (4 KiB,
// and a copy) for every document.
type markdownWriter struct{ *bytes.Buffer }

func (markdownWriter) Buffered() int { return 0 }
func (markdownWriter) Flush() error  { return nil }
