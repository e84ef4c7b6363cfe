package sitefeed

import (
	"bytes"
	"math/rand/v2"
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

func (g itemGen) rssTexts() []rssText {
	var s []rssText
	for range g.r.IntN(4) {
		s = append(s, plainRSS(g.str()))
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

func (g itemGen) rss() *rssItem {
	it := &rssItem{Title: plainRSS(g.str()), Categories: g.rssTexts(), Creators: g.rssTexts()}
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
		it.Media = &mediaContent{URL: g.str(), Type: g.str(), Medium: g.str(), FileSize: g.size()}
		if g.maybe() {
			it.Media.Description = &mediaAlt{Type: g.str(), Text: g.str()}
		}
	}
	if g.maybe() {
		it.Thumbnail = &mediaThumbnail{URL: g.str()}
	}
	return it
}

func (g itemGen) atom() *atomEntry {
	e := &atomEntry{Lang: g.str()}
	e.Title, e.Updated, e.Id, e.Published = g.str(), g.str(), g.str(), g.str()
	if g.maybe() {
		e.Content = &feeds.AtomContent{Content: g.str(), Type: g.str()}
	}
	for range g.r.IntN(3) {
		e.Links = append(e.Links, feeds.AtomLink{Href: g.str(), Rel: g.str(), Type: g.str(), Length: g.str()})
	}
	if g.maybe() {
		e.Summary = &feeds.AtomSummary{Content: g.str(), Type: g.str()}
	}
	for range g.r.IntN(4) {
		e.Categories = append(e.Categories, atomCategory{Term: g.str(), Label: g.str()})
	}
	for range g.r.IntN(3) {
		e.Authors = append(e.Authors, feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: g.str(), Uri: g.str(), Email: g.str()}})
	}
	return e
}

func (g itemGen) json() *jsonItem {
	it := &jsonItem{Language: g.str()}
	it.Id, it.Url, it.Title, it.ContentHTML, it.ContentText, it.Summary, it.Image = g.str(), g.str(), g.str(), g.str(), g.str(), g.str(), g.str()
	it.PublishedDate, it.ModifiedDate = g.time(), g.time()
	it.Tags = g.strs()
	for range g.r.IntN(3) {
		it.Authors = append(it.Authors, &feeds.JSONAuthor{Name: g.str(), Url: g.str(), Avatar: g.str()})
	}
	for range g.r.IntN(3) {
		it.Attachments = append(it.Attachments, jsonAttachment{URL: g.str(), MIMEType: g.str(), Title: g.str(), Size: g.size()})
	}
	return it
}

// TestItemWritersMatchEncoders compares each writer with the standard
// encoder on generated items.
func TestItemWritersMatchEncoders(t *testing.T) {
	g := itemGen{r: rand.New(rand.NewPCG(5, 6)), samples: escapeSamples()}
	check := func(kind string, i int, ok bool, got *bytes.Buffer, encode func(*bytes.Buffer) error) {
		t.Helper()
		if !ok {
			t.Fatalf("%s %d: the writer declined", kind, i)
		}
		var want bytes.Buffer
		if err := encode(&want); err != nil {
			t.Fatalf("%s %d: %v", kind, i, err)
		}
		if got.String() != want.String() {
			t.Fatalf("%s %d:\n%s\nwant\n%s", kind, i, got, want.String())
		}
	}
	for i := range 3000 {
		var got bytes.Buffer
		it := g.rss()
		check("RSS", i, writeRSSItem(&got, it), &got, func(b *bytes.Buffer) error { return encodeXML(b, it, "    ") })

		got.Reset()
		e := g.atom()
		check("Atom", i, writeAtomEntry(&got, e), &got, func(b *bytes.Buffer) error { return encodeXML(b, e, "  ") })

		got.Reset()
		j := g.json()
		check("JSON", i, writeJSONItem(&got, j), &got, func(b *bytes.Buffer) error { return marshalJSON(b, j, "    ") })
	}
}

// TestItemWritersDecline checks that a writer given a field it does not
// write leaves the item to the encoder and writes nothing.
func TestItemWritersDecline(t *testing.T) {
	bad := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) // MarshalJSON fails
	rss := func(it feeds.RssItem) func(*bytes.Buffer) bool {
		return func(b *bytes.Buffer) bool { return writeRSSItem(b, &rssItem{RssItem: it}) }
	}
	atom := func(e feeds.AtomEntry) func(*bytes.Buffer) bool {
		return func(b *bytes.Buffer) bool { return writeAtomEntry(b, &atomEntry{AtomEntry: e}) }
	}
	json := func(it feeds.JSONItem) func(*bytes.Buffer) bool {
		return func(b *bytes.Buffer) bool { return writeJSONItem(b, &jsonItem{JSONItem: it}) }
	}
	for i, write := range []func(*bytes.Buffer) bool{
		rss(feeds.RssItem{Comments: "c"}),
		rss(feeds.RssItem{Source: "s"}),
		atom(feeds.AtomEntry{Xmlns: nsAtom}),
		atom(feeds.AtomEntry{Rights: "r"}),
		atom(feeds.AtomEntry{Source: "s"}),
		atom(feeds.AtomEntry{Contributor: &feeds.AtomContributor{}}),
		atom(feeds.AtomEntry{Author: &feeds.AtomAuthor{}}),
		json(feeds.JSONItem{ExternalUrl: "u"}),
		json(feeds.JSONItem{BannerImage: "b"}),
		json(feeds.JSONItem{Author: &feeds.JSONAuthor{}}),
		json(feeds.JSONItem{Authors: []*feeds.JSONAuthor{nil}}),
		json(feeds.JSONItem{PublishedDate: &bad}),
		json(feeds.JSONItem{ModifiedDate: &bad}),
	} {
		var buf bytes.Buffer
		if write(&buf) || buf.Len() > 0 {
			t.Errorf("case %d: written", i)
		}
	}
}
