package sitefeed

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
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
	HistoryNS string           `xml:"xmlns:fh,attr,omitempty"`
	Archive   *struct{}        `xml:"fh:archive"` // on archive pages (RFC 5005)
	Page      *xnode           // the page a browser shows (page.go)
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

// atomID is the Atom feed's id: its own URL, or, for a Feed made without
// Build, which has none, its Link (as gorilla/feeds does), which must then
// be an absolute URL.
func (f *Feed) atomID() (string, error) {
	if f.Head != nil {
		// An archive page is part of its head's feed (RFC 5005).
		return f.Head.atomID()
	}
	if u := f.FeedURL(Atom); u != "" {
		return u, nil
	}
	if link := cleanText(strings.TrimSpace(f.Link)); absoluteIRI(link) {
		return link, nil
	}
	return "", fmt.Errorf("atom feed %q has no id: Atom requires one, and a Feed made without Build has no URL of its own; set its Link to the absolute URL of its page", f.Title)
}

func (f *Feed) atomFrame() (head, tail []byte, err error) {
	site := f.Site
	doc := atomDoc{Lang: site.Language}
	doc.Xmlns = nsAtom
	doc.Title = f.Title
	if doc.Id, err = f.atomID(); err != nil {
		return nil, nil, err
	}
	doc.Updated = atomDate(f.Updated)
	doc.Icon = f.siteURL(site.Icon)
	doc.Logo = f.siteURL(site.Logo)
	doc.Rights = site.Copyright
	doc.Subtitle = f.Description
	a := atomPerson(feedAuthor(site))
	doc.Author = &a
	// The alternate link first: feed-extractor takes the first link as the
	// site's.
	doc.Links = append(doc.Links, feeds.AtomLink{Href: f.Link, Rel: "alternate", Type: "text/html"})
	if self := f.FeedURL(Atom); self != "" {
		doc.Links = append(doc.Links, feeds.AtomLink{Href: self, Rel: "self", Type: Atom.MediaType()})
	}
	for _, l := range f.archiveLinks(Atom) {
		doc.Links = append(doc.Links, feeds.AtomLink{Href: l.href, Rel: l.rel, Type: Atom.MediaType()})
	}
	if f.Head != nil {
		doc.HistoryNS, doc.Archive = nsHistory, &struct{}{}
	}
	doc.Generator = atomGenerator{URI: generatorURI, Name: generatorName}
	doc.Page = f.page(Atom)
	return splitXML(doc, "\n</feed>", f.styleInstruction(Atom))
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
		e.Summary = &feeds.AtomSummary{Content: htmlText(p.Summary), Type: "html"}
	}
	for _, t := range p.Tags {
		e.Categories = append(e.Categories, itemenc.AtomCategory{Term: t, Label: t})
	}
	// Every entry names its authors, though RFC 4287 lets it inherit the
	// feed's: rss-parser, feedsmith, Python feedparser and newsboat read
	// only the entry's.
	authors := authorsOf(site, p)
	if len(authors) == 0 {
		authors = []Author{feedAuthor(site)}
	}
	for _, a := range authors {
		e.Authors = append(e.Authors, atomPerson(a))
	}
	if p.HTML != "" {
		e.Content = &itemenc.AtomContent{Content: p.HTML, Type: "html"}
	}
	return enc.Atom(buf, &e)
}
