package sitefeed

import (
	"html/template"
	"io"
)

// indexPage is the index of feeds (Paths.Index): the site's feeds and each
// tag's, each with its address to copy, and the OPML list.
var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
{{- range .Site.Docs}}
<link rel="alternate" type="{{.Type}}" title="{{.Label}}" href="{{.URL}}">
{{- end}}
<style>
body { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
a { color: #0b57d0; }
p.about { padding: .8rem 1rem; background: #eef4ff; border-radius: .4rem; }
ul { list-style: none; padding: 0; }
li { margin: .3rem 0; }
code { display: inline-block; padding: .1rem .4rem; border: 1px solid #c9d3e0; border-radius: .3rem; background: #f6f8fa; font-size: .9rem; overflow-wrap: anywhere; user-select: all; }
.format { display: inline-block; min-width: 5.5rem; }
@media (prefers-color-scheme: dark) {
  body { color: #e6edf3; background: #0d1117; }
  a { color: #79b8ff; }
  p.about { background: #16233a; }
  code { background: #161b22; border-color: #30363d; }
}
</style>
</head>
<body>
<h1><a href="{{.Site.Link}}">{{.SiteTitle}}</a></h1>
<p class="about">{{.Text.IndexIs}}</p>
<h2>{{.Text.SiteFeeds}}</h2>
<ul>
{{- range .Site.Docs}}
<li><a class="format" href="{{.URL}}">{{.Label}}</a> <code>{{.URL}}</code></li>
{{- end}}
</ul>
{{- if .Tags}}
<h2>{{.Text.TagFeeds}}</h2>
{{- range .Tags}}
<h3{{if $.PostsLang}} lang="{{$.PostsLang}}"{{end}}><a href="{{.Link}}">{{.Name}}</a></h3>
<ul>
{{- range .Docs}}
<li><a class="format" href="{{.URL}}">{{.Label}}</a> <code>{{.URL}}</code></li>
{{- end}}
</ul>
{{- end}}
{{- end}}
{{- if .OPML}}
<p><a href="{{.OPML}}">{{.Text.OPML}}</a></p>
{{- end}}
</body>
</html>
`))

type indexDoc struct {
	Label, Type, URL string
}

type indexFeed struct {
	Name, Link string
	Docs       []indexDoc
}

// WriteIndex writes the index of feeds (Paths.Index), an HTML page in the
// site's language (English when sitefeed does not speak it) that lists the
// site's feeds and each tag's with the address to copy into a feed reader,
// and links to the OPML list when Paths.OPML is set. The feeds link to it.
func (s *Set) WriteIndex(w io.Writer) error {
	t := textFor(s.Site.Language)
	feed := func(f *Feed) indexFeed {
		out := indexFeed{Name: cleanText(f.Tag), Link: f.Link}
		for _, format := range s.Formats {
			out.Docs = append(out.Docs, indexDoc{Label: formatLabel(format), Type: format.MediaType(), URL: f.FeedURL(format)})
		}
		return out
	}
	data := struct {
		Lang, Title, SiteTitle, PostsLang, OPML string
		Text                                    struct{ IndexIs, SiteFeeds, TagFeeds, OPML string }
		Site                                    indexFeed
		Tags                                    []indexFeed
	}{Lang: t.lang, SiteTitle: cleanText(s.Site.Title), Site: feed(s.All)}
	data.Title = t.feeds
	if data.SiteTitle != "" {
		data.Title = data.SiteTitle + " – " + t.feeds
	}
	if s.Site.Language != "" && s.Site.Language != t.lang {
		data.PostsLang = s.Site.Language
	}
	data.Text.IndexIs, data.Text.SiteFeeds, data.Text.TagFeeds, data.Text.OPML = t.indexIs, t.siteFeeds, t.tagFeeds, t.opml
	for _, f := range s.Tags {
		data.Tags = append(data.Tags, feed(f))
	}
	if s.paths.OPML != "" && s.paths.Index != "" {
		data.OPML = relativeTo(s.paths.Index, s.paths.OPML)
	}
	return indexPage.Execute(w, data)
}

// writeStyle writes the stylesheet (Paths.Style) the feeds name.
func writeStyle(w io.Writer) error {
	_, err := io.WriteString(w, feedStyle)
	return err
}

// An Extra is a file written beside the feeds: the OPML list, the
// stylesheet the feeds name, or the index of feeds.
type Extra struct {
	Path      string // slash-separated, relative to the output directory
	MediaType string // to serve it with, such as "text/css"
	write     func(io.Writer) error
}

// WriteTo writes the file to w.
func (e Extra) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := e.write(cw)
	return cw.n, err
}

// Extras returns the files written beside the feeds, those the set has:
// the OPML list (Paths.OPML), the stylesheet the RSS and Atom feeds name
// (Paths.Style) and the index of feeds (Paths.Index). WriteDir writes
// them and the Handler serves them; a program that writes the feeds with
// WriteFiles writes them with their WriteTo, so that the feeds' links to
// them work.
func (s *Set) Extras() []Extra {
	var out []Extra
	if s.paths.OPML != "" {
		out = append(out, Extra{s.paths.OPML, "text/x-opml", s.WriteOPML})
	}
	if s.paths.Style != "" {
		out = append(out, Extra{s.paths.Style, "text/css", writeStyle})
	}
	if s.paths.Index != "" {
		out = append(out, Extra{s.paths.Index, "text/html", s.WriteIndex})
	}
	return out
}

// ExtraFiles returns the paths of the Extras.
func (s *Set) ExtraFiles() []string {
	var names []string
	for _, e := range s.Extras() {
		names = append(names, e.Path)
	}
	return names
}
