package sitefeed

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// What a person sees who opens a feed in a browser.
//
// Browsers show an XML document without a stylesheet as a tree of its
// source, and are dropping XSLT (Chromium puts a deprecation banner over
// a page it makes). CSS on XML still works: the RSS and Atom feeds name
// the stylesheet Paths.Style in an xml-stylesheet instruction, and carry
// one XHTML div before their items that says what a feed is, gives its
// address to copy, links to the index of every feed (Paths.Index) and lists
// the posts with links. The stylesheet hides every other element. Feed
// readers skip the div, an element of a namespace they do not read.

const nsXHTML = "http://www.w3.org/1999/xhtml"

// pageText is the text of the page in one language.
type pageText struct {
	lang      string
	feedIs    string // what a feed is, on a feed
	subscribe string // before the feed's address
	allFeeds  string // the link to the index of feeds
	posts     string // the heading of the list of posts
	feeds     string // the index's title, after the site's name
	indexIs   string // what the index is
	siteFeeds string // the heading of the site's feeds
	tagFeeds  string // the heading of the tags' feeds
	opml      string // the link to the OPML list
	tagged    string // a tag feed's description: fmt verbs for the tag
	taggedOn  string // and for the tag and the site's title
}

// tagDescription returns the description of the feed of tag on the site
// titled site (which may be "").
func (t *pageText) tagDescription(tag, site string) string {
	if site == "" {
		return fmt.Sprintf(t.tagged, tag)
	}
	return fmt.Sprintf(t.taggedOn, tag, site)
}

// pageTexts holds the languages the page speaks; pageTexts[0] is used for
// any other.
var pageTexts = []pageText{{
	lang:      "en",
	feedIs:    "This is a web feed: feed readers show the new posts of the sites you follow.",
	subscribe: "To follow this site, copy this address into your feed reader:",
	allFeeds:  "All feeds of this site",
	posts:     "Posts",
	feeds:     "Feeds",
	indexIs:   "Follow this site in a feed reader: copy the address of a feed into it. RSS, Atom and JSON Feed carry the same posts; most readers take any of them.",
	siteFeeds: "All posts",
	tagFeeds:  "By tag",
	opml:      "Every feed in one OPML list, for readers that import one",
	tagged:    "Posts tagged %s",
	taggedOn:  "Posts tagged %s on %s",
}, {
	lang:      "de",
	feedIs:    "Dies ist ein Web-Feed: Feedreader zeigen die neuen Beiträge der Websites, denen Sie folgen.",
	subscribe: "Um dieser Website zu folgen, kopieren Sie diese Adresse in Ihren Feedreader:",
	allFeeds:  "Alle Feeds dieser Website",
	posts:     "Beiträge",
	feeds:     "Feeds",
	indexIs:   "Folgen Sie dieser Website in einem Feedreader: Kopieren Sie die Adresse eines Feeds hinein. RSS, Atom und JSON Feed enthalten dieselben Beiträge; die meisten Feedreader lesen jedes davon.",
	siteFeeds: "Alle Beiträge",
	tagFeeds:  "Nach Schlagwort",
	opml:      "Alle Feeds in einer OPML-Liste, für Feedreader, die eine importieren",
	tagged:    "Beiträge mit dem Schlagwort %s",
	taggedOn:  "Beiträge mit dem Schlagwort %s auf %s",
}, {
	lang:      "es",
	feedIs:    "Esto es un feed web: los lectores de feeds muestran las nuevas entradas de los sitios que sigues.",
	subscribe: "Para seguir este sitio, copia esta dirección en tu lector de feeds:",
	allFeeds:  "Todos los feeds de este sitio",
	posts:     "Entradas",
	feeds:     "Feeds",
	indexIs:   "Sigue este sitio en un lector de feeds: copia en él la dirección de un feed. RSS, Atom y JSON Feed llevan las mismas entradas; la mayoría de los lectores acepta cualquiera.",
	siteFeeds: "Todas las entradas",
	tagFeeds:  "Por etiqueta",
	opml:      "Todos los feeds en una lista OPML, para los lectores que la importan",
	tagged:    "Entradas con la etiqueta %s",
	taggedOn:  "Entradas con la etiqueta %s en %s",
}, {
	lang:      "fr",
	feedIs:    "Ceci est un flux web : les lecteurs de flux affichent les nouveaux articles des sites que vous suivez.",
	subscribe: "Pour suivre ce site, copiez cette adresse dans votre lecteur de flux :",
	allFeeds:  "Tous les flux de ce site",
	posts:     "Articles",
	feeds:     "Flux",
	indexIs:   "Suivez ce site dans un lecteur de flux : copiez-y l’adresse d’un flux. RSS, Atom et JSON Feed portent les mêmes articles ; la plupart des lecteurs acceptent chacun d’eux.",
	siteFeeds: "Tous les articles",
	tagFeeds:  "Par étiquette",
	opml:      "Tous les flux dans une liste OPML, pour les lecteurs qui en importent une",
	tagged:    "Articles avec l’étiquette %s",
	taggedOn:  "Articles avec l’étiquette %s sur %s",
}}

// textFor returns the page text for a BCP 47 language tag: its primary
// language's, else English.
func textFor(lang string) *pageText {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	for i := range pageTexts {
		if pageTexts[i].lang == primary {
			return &pageTexts[i]
		}
	}
	return &pageTexts[0]
}

// feedStyle is the stylesheet (Paths.Style) the RSS and Atom feeds name.
// It shows the XHTML div and hides the rest of the feed.
const feedStyle = `/* How a browser shows the feeds beside this file (written by sitefeed). */
@namespace h url("http://www.w3.org/1999/xhtml");
rss, channel, feed { display: block; margin: 0; padding: 0; }
channel > *, feed > * { display: none; }
h|div.feed-page {
  display: block; max-width: 44rem; margin: 2rem auto; padding: 0 1rem;
  font: 17px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff;
}
h|h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; }
h|h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h|a { color: #0b57d0; }
h|p.about { margin: 1.5rem 0 .4rem; padding: .8rem 1rem; background: #eef4ff; border-radius: .4rem; }
h|code { display: block; padding: .5rem .7rem; border: 1px solid #c9d3e0; border-radius: .3rem; background: #f6f8fa; font-size: .95rem; overflow-wrap: anywhere; user-select: all; }
h|ul { padding-left: 1.2rem; }
h|li { margin: .35rem 0; }
h|time { color: #59636e; font-size: .9rem; margin-left: .5rem; white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  h|div.feed-page { color: #e6edf3; background: #0d1117; }
  :root { background: #0d1117; }
  h|a { color: #79b8ff; }
  h|p.about { background: #16233a; }
  h|code { background: #161b22; border-color: #30363d; }
  h|time { color: #9198a1; }
}
`

// An xnode is an element of the XHTML div; encoding/xml writes it.
type xnode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",attr"`
	Text    string     `xml:",chardata"`
	Kids    []*xnode
}

func el(name, text string, kids ...*xnode) *xnode {
	return &xnode{XMLName: xml.Name{Local: name}, Text: text, Kids: kids}
}

func (n *xnode) attr(name, value string) *xnode {
	n.Attrs = append(n.Attrs, xml.Attr{Name: xml.Name{Local: name}, Value: value})
	return n
}

// MarshalXML writes the node, its text, then its children.
func (n *xnode) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Name, start.Attr = n.XMLName, n.Attrs
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if n.Text != "" {
		if err := e.EncodeToken(xml.CharData(n.Text)); err != nil {
			return err
		}
	}
	for _, k := range n.Kids {
		if err := e.Encode(k); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// relativeTo returns the reference from the document at from (a path in
// the output directory) to the file at to.
func relativeTo(from, to string) string {
	dir := path.Dir(from)
	if dir == "." {
		return to
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + to
}

// besideFeed returns the absolute URL of rel, a path relative to the
// feed whose URL is feedURL. Readers resolve a relative link in a feed
// against the site's link rather than the feed's own URL, so the links of
// a feed's page are absolute.
func besideFeed(feedURL, rel string) string {
	u, err := url.Parse(feedURL)
	if err != nil || !u.IsAbs() {
		return rel
	}
	return u.ResolveReference(&url.URL{Path: rel}).String()
}

// styleInstruction returns the xml-stylesheet processing instruction of
// the feed's document in format, or "" when it has none.
func (f *Feed) styleInstruction(format Format) string {
	if f.style == "" || f.Path(format) == "" {
		return ""
	}
	var b strings.Builder
	xml.EscapeText(&b, []byte(relativeTo(f.Path(format), f.style))) // writes to a strings.Builder never fail
	return `<?xml-stylesheet type="text/css" href="` + b.String() + `"?>` + "\n"
}

// page returns the XHTML div of the feed's document in format, or nil
// when it has none.
func (f *Feed) page(format Format) *xnode {
	if f.style == "" || f.Path(format) == "" {
		return nil
	}
	t := textFor(f.Site.Language)
	div := el("div", "").attr("class", "feed-page").attr("lang", t.lang)
	div.XMLName.Space = nsXHTML
	div.Kids = append(div.Kids, el("h1", "", el("a", cleanText(f.Title)).attr("href", f.Link)))
	if d := cleanText(f.Description); d != "" {
		div.Kids = append(div.Kids, el("p", d))
	}
	div.Kids = append(div.Kids,
		el("p", t.feedIs+" "+t.subscribe).attr("class", "about"),
		el("code", f.FeedURL(format)))
	if f.index != "" {
		div.Kids = append(div.Kids, el("p", "", el("a", t.allFeeds).attr("href", besideFeed(f.FeedURL(format), relativeTo(f.Path(format), f.index)))))
	}
	if len(f.Items) > 0 {
		list := el("ul", "")
		if f.Site.Language != "" && f.Site.Language != t.lang {
			list.attr("lang", f.Site.Language)
		}
		for _, p := range f.Items {
			list.Kids = append(list.Kids, el("li", "",
				el("a", cleanText(p.Title)).attr("href", p.URL),
				el("time", p.Published.Format("2006-01-02")).attr("datetime", p.Published.Format("2006-01-02T15:04:05Z07:00"))))
		}
		div.Kids = append(div.Kids, el("h2", t.posts), list)
	}
	return div
}
