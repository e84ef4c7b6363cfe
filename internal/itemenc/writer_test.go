package itemenc

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/feeds"
)

// itemGen makes items with every field the writers handle set, empty or
// left out at random, and text from escapeSamples.
type itemGen struct {
	r       *rand.Rand
	samples []string
}

func (g itemGen) str() string {
	if g.r.IntN(4) == 0 {
		return ""
	}
	return g.samples[g.r.IntN(len(g.samples))]
}

func (g itemGen) size() int64 {
	return []int64{0, 1, -1, 12345, 1 << 40}[g.r.IntN(5)]
}

func (g itemGen) maybe() bool { return g.r.IntN(2) == 0 }

func (g itemGen) strs() []string {
	var s []string
	for range g.r.IntN(4) {
		s = append(s, g.str())
	}
	if s == nil && g.maybe() {
		s = []string{}
	}
	return s
}

// rssText is text escaped as RSSText wants it.
func (g itemGen) rssText() RSSText {
	var b bytes.Buffer
	xmlEscape(&b, g.str())
	return RSSText{Text: b.String()}
}

func (g itemGen) rssTexts() []RSSText {
	var s []RSSText
	for range g.r.IntN(4) {
		s = append(s, g.rssText())
	}
	return s
}

func (g itemGen) time() *time.Time {
	if g.maybe() {
		return nil
	}
	zones := []*time.Location{time.UTC, time.FixedZone("", 5*3600+1800), time.FixedZone("", -7*3600)}
	t := time.Date(1990+g.r.IntN(60), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(3)*123456789, zones[g.r.IntN(len(zones))])
	return &t
}

func (g itemGen) rss() *RSSItem {
	it := &RSSItem{Title: g.rssText(), Categories: g.rssTexts(), Creators: g.rssTexts()}
	it.Link, it.Description, it.Author, it.PubDate = g.str(), g.str(), g.str(), g.str()
	if g.maybe() {
		it.Content = &feeds.RssContent{Content: g.str()}
	}
	if g.maybe() {
		it.Enclosure = &feeds.RssEnclosure{Url: g.str(), Length: g.str(), Type: g.str()}
	}
	if g.maybe() {
		it.Guid = &feeds.RssGuid{Id: g.str(), IsPermaLink: g.str()}
	}
	if g.maybe() {
		it.Media = &MediaContent{URL: g.str(), Type: g.str(), Medium: g.str(), FileSize: g.size()}
		if g.maybe() {
			it.Media.Description = &MediaAlt{Type: g.str(), Text: g.str()}
		}
	}
	return it
}

func (g itemGen) atom() *AtomEntry {
	e := &AtomEntry{Lang: g.str()}
	e.Title, e.Updated, e.Id, e.Published = g.str(), g.str(), g.str(), g.str()
	if g.maybe() {
		e.Content = &AtomContent{Content: g.str(), Type: g.str()}
	}
	for range g.r.IntN(3) {
		e.Links = append(e.Links, feeds.AtomLink{Href: g.str(), Rel: g.str(), Type: g.str(), Length: g.str()})
	}
	if g.maybe() {
		e.Summary = &feeds.AtomSummary{Content: g.str(), Type: g.str()}
	}
	for range g.r.IntN(4) {
		e.Categories = append(e.Categories, AtomCategory{Term: g.str(), Label: g.str()})
	}
	for range g.r.IntN(3) {
		e.Authors = append(e.Authors, feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: g.str(), Uri: g.str(), Email: g.str()}})
	}
	return e
}

func (g itemGen) json() *JSONItem {
	it := &JSONItem{Language: g.str()}
	it.Id, it.Url, it.Title, it.ContentHTML, it.ContentText, it.Summary, it.Image = g.str(), g.str(), g.str(), g.str(), g.str(), g.str(), g.str()
	it.PublishedDate, it.ModifiedDate = g.time(), g.time()
	it.Tags = g.strs()
	for range g.r.IntN(3) {
		it.Authors = append(it.Authors, &feeds.JSONAuthor{Name: g.str(), Url: g.str(), Avatar: g.str()})
	}
	for range g.r.IntN(3) {
		it.Attachments = append(it.Attachments, JSONAttachment{URL: g.str(), MIMEType: g.str(), Title: g.str(), Size: g.size()})
	}
	return it
}

// TestWritersMatchReference compares the Fast encoder with the Reference
// encoder on generated items.
func TestWritersMatchReference(t *testing.T) {
	t.Parallel()
	g := itemGen{r: rand.New(rand.NewPCG(5, 6)), samples: samples()}
	for i := range 3000 {
		rss, atom, json := g.rss(), g.atom(), g.json()
		for _, c := range []struct {
			kind   string
			write  func(*bytes.Buffer) bool
			encode func(*bytes.Buffer, Encoder) error
		}{
			{"RSS", func(b *bytes.Buffer) bool { return writeRSSItem(b, rss) }, func(b *bytes.Buffer, e Encoder) error { return e.RSS(b, rss) }},
			{"Atom", func(b *bytes.Buffer) bool { return writeAtomEntry(b, atom) }, func(b *bytes.Buffer, e Encoder) error { return e.Atom(b, atom) }},
			{"JSON", func(b *bytes.Buffer) bool { return writeJSONItem(b, json) }, func(b *bytes.Buffer, e Encoder) error { return e.JSON(b, json) }},
		} {
			var direct bytes.Buffer
			if !c.write(&direct) {
				t.Fatalf("%s %d: the writer declined", c.kind, i)
			}
			var fast, ref bytes.Buffer
			if err := c.encode(&fast, Fast); err != nil {
				t.Fatalf("%s %d: Fast: %v", c.kind, i, err)
			}
			if err := c.encode(&ref, Reference); err != nil {
				t.Fatalf("%s %d: Reference: %v", c.kind, i, err)
			}
			if fast.String() != ref.String() {
				t.Fatalf("%s %d:\n%s\nwant\n%s", c.kind, i, fast.String(), ref.String())
			}
			if !strings.HasSuffix(fast.String(), direct.String()) {
				t.Fatalf("%s %d: Fast did not use the writer", c.kind, i)
			}
		}
	}
}

// TestWritersDecline checks that a writer given what it does not write
// leaves the item to the Reference encoder and writes nothing.
func TestWritersDecline(t *testing.T) {
	t.Parallel()
	bad := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) // MarshalJSON fails
	json := func(it feeds.JSONItem) func(*bytes.Buffer) bool {
		return func(b *bytes.Buffer) bool { return writeJSONItem(b, &JSONItem{JSONItem: it}) }
	}
	for i, write := range []func(*bytes.Buffer) bool{
		json(feeds.JSONItem{Authors: []*feeds.JSONAuthor{nil}}),
		json(feeds.JSONItem{PublishedDate: &bad}),
		json(feeds.JSONItem{ModifiedDate: &bad}),
	} {
		var buf bytes.Buffer
		if write(&buf) || buf.Len() > 0 {
			t.Errorf("case %d: written", i)
		}
	}
	// The encoders fail on such items, as the standard encoder does.
	var buf bytes.Buffer
	if err := Fast.JSON(&buf, &JSONItem{JSONItem: feeds.JSONItem{PublishedDate: &bad}}); err == nil {
		t.Error("Fast.JSON: no error for a date past year 9999")
	}
}
