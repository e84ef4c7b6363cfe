package itemenc

import "github.com/gorilla/feeds"

// RSSItem is gorilla/feeds' RssItem with several categories, dc:creator for
// names, Media RSS for an image, and plain text written as RSSText.
type RSSItem struct {
	Title RSSText `xml:"title"`
	feeds.RssItem
	Categories []RSSText     `xml:"category"`
	Creators   []RSSText     `xml:"dc:creator"`
	Media      *MediaContent `xml:"media:content"`
}

// RSSText is text already escaped for an RSS element, written as it is.
type RSSText struct {
	Text string `xml:",innerxml"`
}

// MediaContent is a Media RSS media:content element.
type MediaContent struct {
	URL         string    `xml:"url,attr"`
	Type        string    `xml:"type,attr,omitempty"`
	Medium      string    `xml:"medium,attr"`
	FileSize    int64     `xml:"fileSize,attr,omitempty"`
	Description *MediaAlt `xml:"media:description"`
}

// MediaAlt is a Media RSS media:description element.
type MediaAlt struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// AtomEntry is gorilla/feeds' AtomEntry with xml:lang, content in a CDATA
// section, categories that have a term, and several authors.
type AtomEntry struct {
	feeds.AtomEntry
	Lang       string             `xml:"xml:lang,attr,omitempty"`
	Content    *AtomContent       `xml:"content"`
	Categories []AtomCategory     `xml:"category"`
	Authors    []feeds.AtomAuthor `xml:"author"`
}

// AtomContent is an Atom content element whose text is written as a CDATA
// section: a post's HTML escaped as text holds an entity reference for
// every tag, and fast-xml-parser (rss-to-json) stops reading a document
// that has more than 1000 of them.
type AtomContent struct {
	Type    string `xml:"type,attr"`
	Content string `xml:",cdata"`
}

// AtomCategory is an Atom category element.
type AtomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// JSONItem is gorilla/feeds' JSONItem with 64-bit attachment sizes and the
// item's language.
type JSONItem struct {
	feeds.JSONItem
	Language    string           `json:"language,omitempty"`
	Attachments []JSONAttachment `json:"attachments,omitempty"`
}

// JSONAttachment is a JSON Feed attachment.
type JSONAttachment struct {
	URL      string `json:"url"`
	MIMEType string `json:"mime_type"`
	Title    string `json:"title,omitempty"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}
