package sitefeed

import (
	"bytes"
	"html"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
	"github.com/sitefeed/sitefeed/internal/itemenc"
)

// atomDoc is gorilla/feeds' AtomFeed with several links, a generator and
// xml:lang.
type atomDoc struct {
	feeds.AtomFeed
	Lang      string           `xml:"xml:lang,attr,omitempty"`
	Links     []feeds.AtomLink `xml:"link"`
	Generator atomGenerator    `xml:"generator"`
}

type atomGenerator struct {
	URI  string `xml:"uri,attr"`
	Name string `xml:",chardata"`
}

func atomDate(t time.Time) string { return t.Format(time.RFC3339) }

// feedAuthor is the author an Atom feed names: the site author, or, when the
// site names none, the site itself, so that every entry has an author.
func feedAuthor(site *Site) Author {
	if site.Author.Name != "" || site.Author.Email != "" {
		return site.Author
	}
	name := site.Title
	if name == "" {
		if u, err := url.Parse(site.URL); err == nil {
			name = u.Host
		}
	}
	return Author{Name: name, URL: site.URL}
}

func atomPerson(a Author) feeds.AtomAuthor {
	name := firstOf(a.Name, a.Email, a.URL)
	return feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: name, Uri: a.URL, Email: a.Email}}
}

func (f *Feed) atomFrame() (head, tail []byte, err error) {
	site := f.Site
	doc := atomDoc{Lang: site.Language}
	doc.Xmlns = nsAtom
	doc.Title = f.Title
	doc.Id = f.FeedURL(Atom)
	doc.Updated = atomDate(f.Updated)
	doc.Icon = f.siteURL(site.Icon)
	doc.Logo = f.siteURL(site.Logo)
	doc.Rights = site.Copyright
	doc.Subtitle = f.Description
	a := atomPerson(feedAuthor(site))
	doc.Author = &a
	doc.Links = []feeds.AtomLink{
		{Href: f.FeedURL(Atom), Rel: "self", Type: Atom.MediaType()},
		{Href: f.Link, Rel: "alternate", Type: "text/html"},
	}
	doc.Generator = atomGenerator{URI: generatorURI, Name: generatorName}
	return splitXML(doc, "\n</feed>")
}

func encodeAtomEntry(buf *bytes.Buffer, enc itemenc.Encoder, site *Site, p *Post) error {
	var e itemenc.AtomEntry
	e.Title = p.Title
	e.Id = p.ID
	e.Updated = atomDate(updatedOf(p))
	e.Published = atomDate(p.Published)
	e.Lang = p.Language
	e.Links = []feeds.AtomLink{{Href: p.URL, Rel: "alternate", Type: "text/html"}}
	if h := p.Hero; h != nil {
		l := feeds.AtomLink{Href: h.URL, Rel: "enclosure", Type: h.Type}
		if h.Length > 0 {
			l.Length = strconv.FormatInt(h.Length, 10)
		}
		e.Links = append(e.Links, l)
	}
	if p.Summary != "" {
		e.Summary = &feeds.AtomSummary{Content: html.EscapeString(p.Summary), Type: "html"}
	}
	for _, t := range p.Tags {
		e.Categories = append(e.Categories, itemenc.AtomCategory{Term: t, Label: t})
	}
	if authors := authorsOf(site, p); len(authors) > 0 && !sameAuthors(authors, []Author{feedAuthor(site)}) {
		for _, a := range authors {
			e.Authors = append(e.Authors, atomPerson(a))
		}
	}
	if p.HTML != "" {
		e.Content = &feeds.AtomContent{Content: p.HTML, Type: "html"}
	}
	return enc.Atom(buf, &e)
}
