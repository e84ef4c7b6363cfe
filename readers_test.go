package sitefeed

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The choices below are made for feed readers, measured by the reader
// matrix (.ci/readers); doc.go lists the readers on each side.

// Every Atom entry and JSON Feed item names its authors, also when they are
// the feed's, since several readers do not inherit the feed's author.
func TestAuthorOnEveryEntry(t *testing.T) {
	site := Site{Title: "Ex", URL: "https://example.com/", Author: Author{Name: "Asha Raman", Email: "asha@example.com"}}
	set, err := Build(site, []*Post{{Title: "A", Published: testDate}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, el := range xmlElements(t, write(t, set.All, Atom)) {
		if el.path == "feed/entry/author/name" {
			names = append(names, el.text)
		}
	}
	if !slices.Equal(names, []string{"Asha Raman"}) {
		t.Errorf("Atom entry author names %q, want [Asha Raman]", names)
	}
	var doc struct {
		Authors []struct{ Name string }
		Items   []struct{ Authors []struct{ Name string } }
	}
	if err := json.Unmarshal(write(t, set.All, JSON), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != 1 || len(doc.Items[0].Authors) != 1 || doc.Items[0].Authors[0].Name != "Asha Raman" {
		t.Errorf("JSON item authors %+v, want Asha Raman", doc.Items)
	}
	if len(doc.Authors) != 1 {
		t.Errorf("JSON feed authors %+v, want the site author: every item is by the site author", doc.Authors)
	}
}

// A JSON feed with a post by someone else names no feed author, which
// Miniflux would add to that post's.
func TestJSONFeedAuthorOnlyWhenAllItemsAreTheSite(t *testing.T) {
	site := Site{Title: "Ex", URL: "https://example.com/", Author: Author{Name: "Asha Raman"}}
	set, err := Build(site, []*Post{
		{Title: "A", Published: testDate},
		{Title: "B", Published: testDate, Path: "b.md", Authors: []Author{{Name: "Meera Iyer"}}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(write(t, set.All, JSON), &doc); err != nil {
		t.Fatal(err)
	}
	if a, ok := doc["authors"]; ok {
		t.Errorf("feed authors %v, want none", a)
	}
}

// The Atom feed's alternate link comes before its self link: the first link
// is the site's for feed-extractor.
func TestAtomAlternateLinkFirst(t *testing.T) {
	set := buildPosts(t, nil, &Post{Title: "A", Published: testDate})
	var rels []string
	for _, el := range xmlElements(t, write(t, set.All, Atom)) {
		if el.path == "feed/link" {
			rels = append(rels, el.attrs["rel"])
		}
	}
	if !slices.Equal(rels, []string{"alternate", "self"}) {
		t.Errorf("feed link rels %q, want [alternate self]", rels)
	}
}

// The hero is an enclosure and a media:content, never a media:thumbnail,
// which Miniflux reads in place of the enclosure (losing its type and
// length).
func TestNoMediaThumbnail(t *testing.T) {
	set := buildPosts(t, nil, &Post{Title: "A", Published: testDate, Hero: &Image{URL: "https://example.com/h.jpg", Type: "image/jpeg", Length: 10}})
	out := write(t, set.All, RSS)
	if bytes.Contains(out, []byte("media:thumbnail")) {
		t.Errorf("RSS has a media:thumbnail:\n%s", out)
	}
	if !bytes.Contains(out, []byte(`<enclosure url="https://example.com/h.jpg" length="10" type="image/jpeg">`)) ||
		!bytes.Contains(out, []byte(`<media:content url="https://example.com/h.jpg" type="image/jpeg" medium="image" fileSize="10">`)) {
		t.Errorf("RSS lacks the enclosure or media:content:\n%s", out)
	}
}

// Atom content is a CDATA section (fast-xml-parser stops at 1000 entity
// references), split where the HTML holds "]]>", and reads back as the
// post's HTML.
func TestAtomContentCDATA(t *testing.T) {
	html := strings.Repeat("<p>a &amp; b</p>", 600) + "<pre><code>x]]&gt;y]]>z</code></pre>"
	set := buildPosts(t, nil, &Post{Title: "A", Published: testDate, HTML: html})
	out := write(t, set.All, Atom)
	if n := bytes.Count(out, []byte("&lt;")); n > 0 {
		t.Errorf("Atom content has %d escaped tags, want a CDATA section", n)
	}
	var got string
	for _, el := range xmlElements(t, out) {
		if el.path == "feed/entry/content" {
			got = el.text
		}
	}
	want := set.All.Items[0].HTML
	if got != want {
		t.Errorf("content reads back as\n%q\nwant\n%q", got[len(got)-60:], want[len(want)-60:])
	}
}

// Summaries escape "&", "<" and ">" only: readers that show a summary's
// HTML as text would show &#34; and &#39;.
func TestSummaryQuotesNotEscaped(t *testing.T) {
	set := buildPosts(t, nil, &Post{Title: "A", Published: testDate, Summary: `He said "it's <fine> & done"`})
	want := `He said "it's &lt;fine&gt; &amp; done"`
	for _, f := range []Format{RSS, Atom} {
		var got string
		for _, el := range xmlElements(t, write(t, set.All, f)) {
			if el.path == "rss/channel/item/description" || el.path == "feed/entry/summary" {
				got = el.text
			}
		}
		if got != want {
			t.Errorf("%s summary %q, want %q", f, got, want)
		}
	}
}
