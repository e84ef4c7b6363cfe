package sitefeed

import (
	"bytes"
	"encoding/json"

	"github.com/gorilla/feeds"
	"github.com/sitefeed/sitefeed/internal/itemenc"
)

const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonDoc is gorilla/feeds' JSONFeed; the items are written apart, and the
// list is present even when empty.
type jsonDoc struct {
	feeds.JSONFeed
	Items []json.RawMessage `json:"items,omitempty"`
}

func jsonAuthor(a Author) *feeds.JSONAuthor {
	name := a.Name
	if name == "" && a.URL == "" {
		name = a.Email
	}
	return &feeds.JSONAuthor{Name: name, Url: a.URL}
}

func (f *Feed) jsonFrame() (head, tail []byte, err error) {
	site := f.Site
	var doc jsonDoc
	doc.Version = jsonFeedVersion
	doc.Title = f.Title
	doc.Language = site.Language
	doc.HomePageUrl = f.Link
	doc.FeedUrl = f.FeedURL(JSON)
	// JSON Feed has one link for paging, next_url, "the next n items":
	// from the head to the newest archive page, and on to older ones.
	doc.NextUrl = f.prevArchive(JSON)
	doc.Description = f.Description
	doc.Icon = f.siteURL(firstOf(site.Logo, site.Icon))
	doc.Favicon = f.siteURL(site.Icon)
	if a := site.Author; (a.Name != "" || a.URL != "" || a.Email != "") && f.allBySite() {
		doc.Authors = []*feeds.JSONAuthor{jsonAuthor(a)}
	}
	var buf bytes.Buffer
	if err := itemenc.EncodeJSON(&buf, doc, ""); err != nil {
		return nil, nil, err
	}
	out := bytes.TrimSuffix(buf.Bytes(), []byte("\n}"))
	head = append(out, ",\n  \"items\": ["...)
	return head, []byte("\n  ]\n}\n"), nil
}

func encodeJSONItem(buf *bytes.Buffer, enc itemenc.Encoder, site *Site, p *Post) error {
	var it itemenc.JSONItem
	it.Id = p.ID
	it.Url = p.URL
	it.Title = p.Title
	it.Summary = p.Summary
	if p.HTML == "" {
		it.ContentText = firstOf(p.Summary, p.Title)
	}
	pub := p.Published
	it.PublishedDate = &pub
	if !p.Updated.IsZero() {
		mod := p.Updated
		it.ModifiedDate = &mod
	}
	it.Tags = p.Tags
	it.Language = p.Language
	// Every item names its authors, though JSON Feed lets it inherit the
	// feed's: feedsmith reads only the item's.
	for _, a := range authorsOf(site, p) {
		it.Authors = append(it.Authors, jsonAuthor(a))
	}
	if h := p.Hero; h != nil {
		it.Image = h.URL
		it.Attachments = []itemenc.JSONAttachment{{URL: h.URL, MIMEType: h.Type, Title: h.Alt, Size: h.Length}}
	}
	it.ContentHTML = p.HTML
	return enc.JSON(buf, &it)
}

// allBySite reports whether every item's authors are the site author
// alone. Only then does the JSON feed name the site author too: Miniflux
// adds the feed's authors to every item's, which would credit the site
// author with the posts of others.
func (f *Feed) allBySite() bool {
	for _, p := range f.Items {
		if len(p.Authors) > 0 && !sameAuthors(p.Authors, []Author{f.Site.Author}) {
			return false
		}
	}
	return true
}
