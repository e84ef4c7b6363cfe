package sitefeed

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/sitefeed/sitefeed/internal/itemenc"
)

// Namespaces of the RSS extensions sitefeed writes.
const (
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// rssDoc is gorilla/feeds' RssFeedXml with the namespaces of the atom:link,
// dc:creator and Media RSS elements added.
type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	ContentNS string     `xml:"xmlns:content,attr"`
	AtomNS    string     `xml:"xmlns:atom,attr"`
	DCNS      string     `xml:"xmlns:dc,attr"`
	MediaNS   string     `xml:"xmlns:media,attr"`
	HistoryNS string     `xml:"xmlns:fh,attr,omitempty"`
	Channel   rssChannel `xml:"channel"`
}

// rssChannel adds the self link gorilla/feeds lacks, and writes the plain
// text of the title, description, copyright and image title with plainRSS.
type rssChannel struct {
	Title itemenc.RSSText `xml:"title"`
	feeds.RssFeed
	Image       *rssImage        `xml:"image"`
	Description itemenc.RSSText  `xml:"description"`
	Copyright   *itemenc.RSSText `xml:"copyright"`
	AtomLinks   []rssAtomLink    `xml:"atom:link"`
	Archive     *struct{}        `xml:"fh:archive"` // on archive pages (RFC 5005)
	Page        *xnode           // the page a browser shows (page.go)
}

// rssImage is gorilla/feeds' RssImage with its title written with plainRSS.
type rssImage struct {
	feeds.RssImage
	Title itemenc.RSSText `xml:"title"`
}

type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

var rssTextEscaper = strings.NewReplacer("&amp;", "&#x26;", "&lt;", "&#x3C;")

// plainRSS escapes s as plain text in an RSS element, with hexadecimal
// character references for "&" and "<" (&#x26; and &#x3C;), as the RSS Best
// Practices Profile advises, so that no reader mistakes it for HTML.
func plainRSS(s string) itemenc.RSSText {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder never fail
	return itemenc.RSSText{Text: rssTextEscaper.Replace(b.String())}
}

func plainRSSList(s []string) []itemenc.RSSText {
	if len(s) == 0 {
		return nil
	}
	out := make([]itemenc.RSSText, len(s))
	for i, v := range s {
		out[i] = plainRSS(v)
	}
	return out
}

func rssDate(t time.Time) string { return t.Format(time.RFC1123Z) }

func (f *Feed) rssFrame() (head, tail []byte, err error) {
	site := f.Site
	ch := rssChannel{Title: plainRSS(f.Title), Description: plainRSS(firstOf(f.Description, f.Title))}
	ch.Link = f.Link
	ch.Language = site.Language
	if site.Copyright != "" {
		c := plainRSS(site.Copyright)
		ch.Copyright = &c
	}
	if a := site.Author; a.Email != "" {
		ch.ManagingEditor = rssPerson(a)
	}
	if len(f.Items) > 0 {
		// The newest item's date; a feed without items has none.
		ch.LastBuildDate = rssDate(f.Updated)
	}
	ch.Generator = generatorName + " (" + generatorURI + ")"
	ch.Docs = "https://www.rssboard.org/rss-specification"
	if img := f.siteURL(firstOf(site.Logo, site.Icon)); img != "" {
		ch.Image = &rssImage{RssImage: feeds.RssImage{Url: img, Link: ch.Link}, Title: plainRSS(f.Title)}
	}
	ch.AtomLinks = []rssAtomLink{{Href: f.FeedURL(RSS), Rel: "self", Type: RSS.MediaType()}}
	// RFC 5005 appendix B: the archive links as atom:link, and fh:archive.
	for _, l := range f.archiveLinks(RSS) {
		ch.AtomLinks = append(ch.AtomLinks, rssAtomLink{Href: l.href, Rel: l.rel, Type: RSS.MediaType()})
	}
	ch.Page = f.page(RSS)
	doc := rssDoc{Version: "2.0", ContentNS: nsContent, AtomNS: nsAtom, DCNS: nsDC, MediaNS: nsMedia, Channel: ch}
	if f.Head != nil {
		doc.HistoryNS, doc.Channel.Archive = nsHistory, &struct{}{}
	}
	return splitXML(doc, "\n  </channel>", f.styleInstruction(RSS))
}

// splitXML marshals an XML document without items and splits it where the
// items go. pi, when not "", is a processing instruction written after the
// XML declaration.
func splitXML(doc any, before, pi string) (head, tail []byte, err error) {
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	i := bytes.LastIndex(out, []byte(before))
	head = append([]byte(xmlHeader+pi), out[:i]...)
	tail = append(out[i:len(out):len(out)], '\n')
	return head, tail, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// rssPerson formats an author as RSS wants: "email (Name)".
func rssPerson(a Author) string {
	if a.Name == "" {
		return a.Email
	}
	return a.Email + " (" + a.Name + ")"
}

func encodeRSSItem(buf *bytes.Buffer, enc itemenc.Encoder, site *Site, p *Post) error {
	it := itemenc.RSSItem{Title: plainRSS(p.Title), Categories: plainRSSList(p.Tags)}
	it.Link = p.URL
	it.Description = htmlText(firstOf(p.Summary, p.Title))
	// Every author is a dc:creator with the name (else the e-mail), never
	// an <author>: readers show <author>'s "email (Name)" as it is
	// (rss-parser, SimplePie, Miniflux), and with both elements they show
	// the name twice (@rowanmanning/feed-parser) or both (SimplePie).
	for _, a := range authorsOf(site, p) {
		if name := firstOf(a.Name, a.Email); name != "" {
			it.Creators = append(it.Creators, plainRSS(name))
		}
	}
	it.Guid = &feeds.RssGuid{Id: p.ID, IsPermaLink: "false"}
	if p.ID == p.URL {
		it.Guid.IsPermaLink = "true"
	}
	it.PubDate = rssDate(p.Published)
	if h := p.Hero; h != nil {
		it.Enclosure = &feeds.RssEnclosure{Url: h.URL, Length: strconv.FormatInt(h.Length, 10), Type: h.Type}
		it.Media = &itemenc.MediaContent{URL: h.URL, Type: h.Type, Medium: "image", FileSize: h.Length}
		if h.Alt != "" {
			it.Media.Description = &itemenc.MediaAlt{Type: "plain", Text: h.Alt}
		}
	}
	if p.HTML != "" {
		it.Content = &feeds.RssContent{Content: p.HTML}
	}
	return enc.RSS(buf, &it)
}
