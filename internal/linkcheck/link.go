package linkcheck

// Kind says where in a feed a URL was found.
type Kind string

// The kinds of URL that Collect finds.
const (
	ItemLink  Kind = "item link"   // RSS link and permalink guid, Atom entry link, JSON url and external_url
	Enclosure Kind = "enclosure"   // RSS enclosure, Atom link rel="enclosure", JSON attachment
	Image     Kind = "image"       // feed and item images, icons, logos, media extensions
	Content   Kind = "content"     // a URL inside an item's HTML content or summary
	FeedLink  Kind = "feed link"   // a feed's home page, self link and other feed-level links
	OPMLLink  Kind = "opml link"   // an outline's xmlUrl or htmlUrl
	Author    Kind = "author link" // an author's page or avatar
)

// A Link is one URL found in a feed file.
type Link struct {
	File string // the feed file, slash-separated, relative to the folder collected
	Kind Kind
	URL  string // as written, resolved against the item's or feed's link when relative
}

// A Template is a template tag found as text in an item's content: a tag
// of the generator that was not rendered, and that readers would see.
type Template struct {
	File string // the feed file
	Item string // the item's link
	Text string // the tag and the rest of its line, shortened
}
