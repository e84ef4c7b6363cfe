package linkcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

// A Feed is one feed file read by Collect.
type Feed struct {
	File  string // slash-separated, relative to the folder collected
	Items int    // entries in the feed; 0 for an OPML file
	Links []Link
	// Templates lists the template tags left as text in the items'
	// content.
	Templates []Template
}

// Collect reads every feed file in fsys: *.xml, *.rss and *.atom (RSS or
// Atom, told by their root element), *.json (JSON Feed) and *.opml. Other
// files are skipped. It returns the feeds sorted by name, or the first file
// that cannot be parsed as an error naming it.
func Collect(fsys fs.FS) ([]Feed, error) {
	var feeds []Feed
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := path.Ext(name)
		switch ext {
		case ".xml", ".rss", ".atom", ".json", ".opml":
		default:
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		f, err := parse(name, ext, data)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		feeds = append(feeds, *f)
		return nil
	})
	sort.Slice(feeds, func(i, j int) bool { return feeds[i].File < feeds[j].File })
	return feeds, err
}

// parse reads one feed file, whose format its extension and root say.
func parse(name, ext string, data []byte) (*Feed, error) {
	c := &collector{feed: &Feed{File: name}}
	switch {
	case ext == ".json":
		return c.feed, c.json(data)
	case ext == ".opml":
		return c.feed, c.opml(data)
	}
	switch gofeed.DetectFeedType(bytes.NewReader(data)) {
	case gofeed.FeedTypeRSS:
		return c.feed, c.rss(data)
	case gofeed.FeedTypeAtom:
		return c.feed, c.atom(data)
	}
	return nil, fmt.Errorf("neither RSS nor Atom")
}

// collector adds the URLs of one feed file to feed.
type collector struct {
	feed *Feed
}

// add records raw, resolved against base when it is relative.
func (c *collector) add(kind Kind, base, raw string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return
	}
	if b, err := url.Parse(base); err == nil && b.IsAbs() {
		if u, err := url.Parse(raw); err == nil {
			raw = b.ResolveReference(u).String()
		}
	}
	c.feed.Links = append(c.feed.Links, Link{File: c.feed.File, Kind: kind, URL: raw})
}

// html records the URLs in an HTML fragment.
func (c *collector) html(base, fragment string) {
	for _, u := range htmlURLs(fragment) {
		c.add(Content, base, u)
	}
}

// content records the URLs of an item's full content, and the template
// tags it shows as text. (Summaries are not searched for the latter: a
// plain-text summary may show a tag its content shows as code.)
func (c *collector) content(base, fragment string) {
	c.html(base, fragment)
	for _, t := range templateText(fragment) {
		c.feed.Templates = append(c.feed.Templates, Template{File: c.feed.File, Item: base, Text: t})
	}
}

// extensions records the url and href attributes of extension elements
// (atom:link in RSS, media:content, media:thumbnail…) at any depth.
func (c *collector) extensions(base string, exts ext.Extensions) {
	var walk func(e ext.Extension)
	walk = func(e ext.Extension) {
		for _, a := range []string{"href", "url", "src"} {
			if v := e.Attrs[a]; v != "" {
				kind := FeedLink
				if e.Name != "link" {
					kind = Image
				}
				c.add(kind, base, v)
			}
		}
		for _, children := range e.Children {
			for _, child := range children {
				walk(child)
			}
		}
	}
	for _, byName := range exts {
		for _, list := range byName {
			for _, e := range list {
				walk(e)
			}
		}
	}
}

func (c *collector) rss(data []byte) error {
	f, err := new(rss.Parser).Parse(bytes.NewReader(data))
	if err != nil {
		return err
	}
	home := f.Link
	c.add(FeedLink, "", f.Link)
	for _, l := range f.Links {
		if l != f.Link {
			c.add(FeedLink, home, l)
		}
	}
	if f.Image != nil {
		c.add(Image, home, f.Image.URL)
		c.add(FeedLink, home, f.Image.Link)
	}
	c.extensions(home, f.Extensions)
	for _, it := range f.Items {
		c.feed.Items++
		base := it.Link
		if base == "" {
			base = home
		}
		c.add(ItemLink, home, it.Link)
		for _, l := range it.Links {
			if l != it.Link {
				c.add(ItemLink, home, l)
			}
		}
		if it.GUID != nil && it.GUID.IsPermalink != "false" && it.GUID.Value != it.Link {
			c.add(ItemLink, home, it.GUID.Value)
		}
		for _, e := range it.Enclosures {
			c.add(Enclosure, base, e.URL)
		}
		if it.Enclosure != nil && len(it.Enclosures) == 0 {
			c.add(Enclosure, base, it.Enclosure.URL)
		}
		c.add(ItemLink, base, it.Comments)
		c.extensions(base, it.Extensions)
		if it.Content != "" {
			c.html(base, it.Description)
			c.content(base, it.Content)
		} else {
			c.content(base, it.Description)
		}
	}
	return nil
}

func (c *collector) atom(data []byte) error {
	f, err := new(atom.Parser).Parse(bytes.NewReader(data))
	if err != nil {
		return err
	}
	home := ""
	for _, l := range f.Links {
		if l.Rel == "" || l.Rel == "alternate" {
			home = l.Href
			break
		}
	}
	for _, l := range f.Links {
		c.add(FeedLink, home, l.Href)
	}
	c.add(Image, home, f.Icon)
	c.add(Image, home, f.Logo)
	for _, p := range append(f.Authors, f.Contributors...) {
		c.add(Author, home, p.URI)
	}
	c.extensions(home, f.Extensions)
	for _, e := range f.Entries {
		c.feed.Items++
		base := home
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				base = l.Href
				break
			}
		}
		for _, l := range e.Links {
			kind := ItemLink
			if l.Rel == "enclosure" {
				kind = Enclosure
			}
			c.add(kind, home, l.Href)
		}
		for _, p := range append(e.Authors, e.Contributors...) {
			c.add(Author, base, p.URI)
		}
		c.extensions(base, e.Extensions)
		c.html(base, e.Summary)
		if e.Content != nil {
			c.add(Content, base, e.Content.Src)
			c.content(base, e.Content.Value)
		}
	}
	return nil
}

func (c *collector) json(data []byte) error {
	f, err := new(json.Parser).Parse(bytes.NewReader(data))
	if err != nil {
		return err
	}
	home := f.HomePageURL
	c.add(FeedLink, "", f.HomePageURL)
	c.add(FeedLink, home, f.FeedURL)
	c.add(FeedLink, home, f.NextURL)
	c.add(Image, home, f.Icon)
	c.add(Image, home, f.Favicon)
	authors := func(base string, one *json.Author, more []*json.Author) {
		if one != nil {
			more = append(more, one)
		}
		for _, a := range more {
			c.add(Author, base, a.URL)
			c.add(Image, base, a.Avatar)
		}
	}
	authors(home, f.Author, f.Authors)
	for _, it := range f.Items {
		c.feed.Items++
		base := it.URL
		if base == "" {
			base = home
		}
		c.add(ItemLink, home, it.URL)
		c.add(ItemLink, home, it.ExternalURL)
		c.add(Image, base, it.Image)
		c.add(Image, base, it.BannerImage)
		if it.Attachments != nil {
			for _, a := range *it.Attachments {
				c.add(Enclosure, base, a.URL)
			}
		}
		authors(base, it.Author, it.Authors)
		c.content(base, it.ContentHTML)
	}
	return nil
}

// opmlDoc is the part of an OPML document that holds URLs.
type opmlDoc struct {
	XMLName xml.Name  `xml:"opml"`
	Body    []outline `xml:"body>outline"`
}

type outline struct {
	XMLURL   string    `xml:"xmlUrl,attr"`
	HTMLURL  string    `xml:"htmlUrl,attr"`
	Outlines []outline `xml:"outline"`
}

func (c *collector) opml(data []byte) error {
	var doc opmlDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		return err
	}
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			c.add(OPMLLink, "", o.XMLURL)
			c.add(OPMLLink, "", o.HTMLURL)
			walk(o.Outlines)
		}
	}
	walk(doc.Body)
	return nil
}
