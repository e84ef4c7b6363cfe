package sitefeed

import (
	"bytes"
	"errors"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sitefeed/sitefeed/internal/genmarkup"
)

// ErrTemplateSyntax is the cause of each [Post.Warnings] entry for
// generator template syntax that sitefeed left out of a post (an unknown
// Liquid tag or Hugo shortcode, an MDX component).
var ErrTemplateSyntax = errors.New("template syntax left out")

// syntaxWarning is a warning of the genmarkup package: its text alone,
// with ErrTemplateSyntax in its chain.
type syntaxWarning struct{ text string }

func (w *syntaxWarning) Error() string { return w.text }
func (w *syntaxWarning) Unwrap() error { return ErrTemplateSyntax }

// markup is how the bodies of the posts read with one LoadOptions are
// written: shared by those posts, and kept by those loaded lazily.
type markup struct {
	syntax  genmarkup.Syntax
	siteURL string
	root    string // the folder LoadDir reads
}

// markupFor returns the markup of d's posts, or nil for plain Markdown.
func markupFor(d Dialect, siteURL string) *markup {
	switch d {
	case Jekyll:
		return &markup{syntax: genmarkup.Liquid, siteURL: siteURL}
	case Hugo:
		return &markup{syntax: genmarkup.Shortcodes}
	}
	return &markup{}
}

// isMDX reports whether a post file is MDX.
func isMDX(name string) bool { return strings.EqualFold(path.Ext(name), ".mdx") }

// transform renders the template syntax of the body of the post file name
// (a path in fsys, which may be nil), whose body starts on line; it
// returns body itself when there is nothing to render.
func (m *markup) transform(body []byte, name string, line int, fsys fs.FS) ([]byte, []*PostError) {
	if m == nil {
		return body, nil
	}
	probe := genmarkup.Options{Syntax: m.syntax, MDX: isMDX(name)}
	if !genmarkup.Needed(body, &probe) {
		return body, nil // without an allocation: probe does not escape
	}
	o := probe
	o.SiteURL, o.Path, o.Root, o.Line = m.siteURL, name, m.root, line
	if fsys != nil {
		o.Exists = func(n string) bool { return isFile(fsys, n) }
	}
	out, warns := genmarkup.Transform(body, &o)
	var errs []*PostError
	for _, w := range warns {
		errs = append(errs, &PostError{Path: name, Line: w.Line, Err: &syntaxWarning{w.Text}})
	}
	return out, errs
}

// summaryDivider returns the text that ends the summary of post p in its
// body, as its generator has it, or "": Hugo's <!--more--> (which wins
// over a summary in the front matter, as in Hugo), or Jekyll's
// excerpt_separator (the post's own, else the site's), when it is not the
// default blank line, for a post whose front matter gives no summary.
func summaryDivider(p *Post, body []byte, c parseConfig) string {
	var div string
	switch c.dialect {
	case Hugo:
		div = "<!--more-->"
	case Jekyll:
		div = c.excerptSeparator
		if s, ok := p.Params["excerpt_separator"].(string); ok {
			div = s
		}
		if div == "\n\n" || p.Summary != "" {
			div = ""
		}
	}
	if div == "" || !bytes.Contains(body, []byte(div)) {
		return ""
	}
	if c.dialect == Hugo {
		p.Summary = ""
	}
	return div
}

// autoSummary is the summary of a post whose front matter gives none: the
// text of what comes before its divider, when its body has one (see
// summaryDivider), else an excerpt of content, its HTML.
func autoSummary(md goldmark.Markdown, body []byte, divider, content string, base *url.URL) string {
	if divider != "" {
		if i := bytes.Index(body, []byte(divider)); i >= 0 {
			buf := htmlBufs.get()
			defer htmlBufs.put(buf)
			if md.Convert(body[:i], markdownWriter{buf}) == nil {
				if s := plainText(finishHTMLBytes(buf.Bytes(), base)); s != "" {
					return s
				}
			}
		}
	}
	return excerpt(content)
}

// plainText returns the text of doc, with a space between blocks and runs
// of white space made one space, without footnote references.
func plainText(doc string) string {
	z := html.NewTokenizer(strings.NewReader(doc))
	var b strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Sup {
				switch {
				case tt == html.EndTagToken && skip > 0:
					skip--
				case tt == html.StartTagToken && (skip > 0 || hasAttr && isFootnoteRef(z)):
					skip++
				}
			}
			if !inlineElement[a] {
				b.WriteByte(' ')
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// inlineElement are the elements whose text runs on with the text around.
var inlineElement = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Cite: true, atom.Code: true, atom.Del: true,
	atom.Em: true, atom.I: true, atom.Kbd: true, atom.Mark: true, atom.S: true, atom.Samp: true,
	atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.U: true, atom.Var: true,
}
