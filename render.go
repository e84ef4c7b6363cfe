package sitefeed

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sitefeed/sitefeed/internal/itemenc"
)

// A Format is a feed document format.
type Format int

// The formats sitefeed writes.
const (
	RSS  Format = iota + 1 // RSS 2.0
	Atom                   // Atom 1.0 (RFC 4287)
	JSON                   // JSON Feed 1.1
)

// String returns "rss", "atom" or "json".
func (f Format) String() string {
	switch f {
	case RSS:
		return "rss"
	case Atom:
		return "atom"
	case JSON:
		return "json"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// MediaType returns the media type of the format: "application/rss+xml",
// "application/atom+xml" or "application/feed+json".
func (f Format) MediaType() string {
	switch f {
	case RSS:
		return "application/rss+xml"
	case Atom:
		return "application/atom+xml"
	case JSON:
		return "application/feed+json"
	}
	return "application/octet-stream"
}

// ParseFormat reads a format name, in any case and with spaces around it
// trimmed: "rss" (also "rss2" and "xml"), "atom", or "json" (also
// "jsonfeed").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "rss", "rss2", "xml":
		return RSS, nil
	case "atom":
		return Atom, nil
	case "json", "jsonfeed":
		return JSON, nil
	}
	return 0, fmt.Errorf("unknown feed format %q (want rss, atom or json)", s)
}

// Generator names sitefeed in the feeds it writes.
const (
	generatorName = "sitefeed"
	generatorURI  = "https://pkg.go.dev/github.com/sitefeed/sitefeed"
)

// Write encodes f in the given format to w.
func (f *Feed) Write(w io.Writer, format Format) error {
	return f.write(w, format, itemenc.Fast)
}

// write is Write with the given item encoder.
func (f *Feed) write(w io.Writer, format Format, enc itemenc.Encoder) error {
	if format < RSS || format > JSON {
		return fmt.Errorf("unknown feed format %d", int(format))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	head, tail, err := f.frame(format)
	if err != nil {
		return err
	}
	bw.Write(head)
	var buf bytes.Buffer
	for i, p := range f.Items {
		buf.Reset()
		p, err := withContent(p)
		if err != nil {
			return err
		}
		if err := encodeItemWith(&buf, enc, format, f.Site, p); err != nil {
			return err
		}
		bw.Write(itemSep(format, i))
		bw.Write(buf.Bytes())
	}
	bw.Write(tailFor(format, len(f.Items), tail))
	return bw.Flush()
}

// frame returns the document around the items: everything before the first
// item and everything after the last.
func (f *Feed) frame(format Format) (head, tail []byte, err error) {
	switch format {
	case RSS:
		return f.rssFrame()
	case Atom:
		return f.atomFrame()
	default:
		return f.jsonFrame()
	}
}

// encodeItem writes one post as an item of the format. The bytes depend only
// on the post and the site, so that they can be shared by every feed the post
// is in.
func encodeItem(buf *bytes.Buffer, format Format, site *Site, p *Post) error {
	return encodeItemWith(buf, itemenc.Fast, format, site, p)
}

// encodeItemWith is encodeItem with the given item encoder.
func encodeItemWith(buf *bytes.Buffer, enc itemenc.Encoder, format Format, site *Site, p *Post) error {
	switch format {
	case RSS:
		return encodeRSSItem(buf, enc, site, p)
	case Atom:
		return encodeAtomEntry(buf, enc, site, p)
	default:
		return encodeJSONItem(buf, enc, site, p)
	}
}

// itemSep is what goes before item i.
func itemSep(format Format, i int) []byte {
	if format == JSON && i > 0 {
		return []byte(",\n")
	}
	return []byte("\n")
}

func tailFor(format Format, n int, tail []byte) []byte {
	if format == JSON && n == 0 {
		return []byte("]\n}\n") // an empty list on one line
	}
	return tail
}

// updatedOf is the date a post was last changed.
func updatedOf(p *Post) time.Time {
	if p.Updated.IsZero() {
		return p.Published
	}
	return p.Updated
}

// authorsOf is the post's authors, or the site author.
func authorsOf(site *Site, p *Post) []Author {
	if len(p.Authors) > 0 {
		return p.Authors
	}
	if site.Author != (Author{}) {
		return []Author{site.Author}
	}
	return nil
}

// htmlTextEscaper escapes plain text as HTML text: "&", "<" and ">" only.
// Quotes need no escape outside attributes, and readers that show the
// HTML of a summary as text (feed-extractor, rss-parser) would show
// html.EscapeString's &#34; and &#39; as they are.
var htmlTextEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// htmlText returns plain text s as HTML text.
func htmlText(s string) string { return htmlTextEscaper.Replace(s) }

func sameAuthors(a, b []Author) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// siteURL resolves an icon or logo reference against the site URL.
func (f *Feed) siteURL(ref string) string {
	if ref == "" {
		return ""
	}
	base := f.base
	if base == nil { // a Feed made without Build
		var err error
		if base, err = siteBase(f.Site.URL); err != nil {
			return ref
		}
	}
	u, err := (&builder{site: f.Site, base: base}).siteRef(ref)
	if err != nil {
		return ref
	}
	return cleanText(u.String())
}
