package sitefeed

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitefeed/sitefeed/internal/htmlclean"
	"github.com/sitefeed/sitefeed/internal/mdlimit"
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

// finishHTML sanitises content with the house policy and makes every URL
// in it absolute against base (the post's URL).
func finishHTML(content string, base *url.URL) string {
	return finishHTMLBytes([]byte(content), base)
}

// finishHTMLBytes is finishHTML for content in a byte slice.
func finishHTMLBytes(content []byte, base *url.URL) string {
	return htmlclean.Default().Finish(content, base)
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

// renderMarkdown renders body, the Markdown of p, into buf with md, once
// it is within the limits of package mdlimit (see ErrTooComplex).
func renderMarkdown(md goldmark.Markdown, p *Post, body []byte, buf *bytes.Buffer) error {
	if e := mdlimit.Check(body); e != nil {
		line := e.Line
		if p.bodyLine > 0 {
			line += p.bodyLine - 1
		}
		return &PostError{Path: p.errPath(), Line: line, Err: fmt.Errorf("%w: %s", ErrTooComplex, e.Msg)}
	}
	if err := md.Convert(body, markdownWriter{buf}); err != nil {
		return &PostError{Path: p.errPath(), Err: fmt.Errorf("markdown: %w", err)}
	}
	return nil
}

// markdownWriter lets goldmark render straight into a bytes.Buffer: a
// writer that is not a util.BufWriter gets a bufio.Writer of its own (4 KiB,
// and a copy) for every document.
type markdownWriter struct{ *bytes.Buffer }

func (markdownWriter) Buffered() int { return 0 }
func (markdownWriter) Flush() error  { return nil }
