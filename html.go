package sitefeed

import (
	"bytes"
	"io"
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
	return finishHTMLFrom(strings.NewReader(content), base)
}

// finishHTMLBytes is finishHTML for content in a byte slice.
func finishHTMLBytes(content []byte, base *url.URL) string {
	return finishHTMLFrom(bytes.NewReader(content), base)
}

func finishHTMLFrom(content io.Reader, base *url.URL) string {
	clean := htmlBufs.get()
	defer htmlBufs.put(clean)
	if sanitizer().SanitizeReaderToWriter(content, clean) != nil {
		clean.Reset() // as SanitizeBytes does
	}
	return absolutize(clean.Bytes(), base)
}

// htmlBufs holds the buffers a post's HTML passes through.
var htmlBufs bufPool

// urlAttrs are the attributes holding one URL; srcset is handled apart.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "longdesc": true}

// absolutize rewrites href, src, poster, cite and each srcset candidate
// against base; the rest of the document is copied byte for byte.
func absolutize(doc []byte, base *url.URL) string {
	var out strings.Builder
	out.Grow(len(doc) + len(doc)/16)
	if !slowPaths && absolutizeTags(&out, doc, base) {
		return out.String()
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
	changed := false
	for i, a := range tok.Attr {
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
			tok.Attr[i].Val, changed = v, true
		}
	}
	if !changed {
		return string(raw)
	}
	return tok.String()
}

// absolutizeTags is absolutize for the sanitiser's output, without running
// the tokenizer over all of it. bluemonday writes every token anew, escaping
// "<", ">" and quotes in text and attribute values, so each "<" starts a tag
// that ends at the next ">". Only tags with a URL attribute are tokenized,
// one at a time, which gives the same tokens as tokenizing the whole
// document as long as no element switches the tokenizer to raw text. On
// anything else (such an element, a stray ">", a comment) absolutizeTags
// returns false and the caller tokenizes the whole document.
func absolutizeTags(out *strings.Builder, doc []byte, base *url.URL) bool {
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
		z := html.NewTokenizer(bytes.NewReader(tag))
		if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken || len(z.Raw()) != len(tag) {
			return false
		}
		out.WriteString(rewriteTag(z, tag, base))
	}
	return true
}

// rawTextElements are those whose content html.Tokenizer reads as raw text.
var rawTextElements = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
}

func hasURLAttr(tag []byte) bool {
	return bytes.Contains(tag, []byte("href=")) || bytes.Contains(tag, []byte("src")) ||
		bytes.Contains(tag, []byte("poster=")) || bytes.Contains(tag, []byte("cite=")) || bytes.Contains(tag, []byte("longdesc="))
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
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" {
		return ref
	}
	return base.ResolveReference(u).String()
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
