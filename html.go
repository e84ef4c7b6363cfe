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
	clean := sanitizer().SanitizeBytes([]byte(content))
	return absolutize(clean, base)
}

// urlAttrs are the attributes holding one URL; srcset is handled apart.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "longdesc": true}

// absolutize rewrites href, src, poster, cite and each srcset candidate
// against base; the rest of the document is copied byte for byte.
func absolutize(doc []byte, base *url.URL) string {
	var out strings.Builder
	out.Grow(len(doc) + len(doc)/16)
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
			out.Write(raw)
			continue
		}
		out.WriteString(tok.String())
	}
	return out.String()
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
// those whose scheme an image may not have.
func resolveSrcset(base *url.URL, set string) string {
	var parts []string
	for _, cand := range strings.Split(set, ",") {
		f := strings.Fields(cand)
		if len(f) == 0 {
			continue
		}
		if u, err := url.Parse(f[0]); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "data") {
			continue
		}
		f[0] = resolveRef(base, f[0])
		parts = append(parts, strings.Join(f, " "))
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
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return cut(b.String())
		case html.StartTagToken:
			name, _ := z.TagName()
			if atom.Lookup(name) == atom.P {
				depth++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if atom.Lookup(name) == atom.P && depth > 0 {
				depth--
				if depth == 0 && strings.TrimSpace(b.String()) != "" {
					return cut(b.String())
				}
			}
		case html.TextToken:
			if depth > 0 {
				b.Write(z.Text())
			}
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
