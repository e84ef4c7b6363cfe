package sitefeed

import (
	"bytes"
	"encoding/json"
	"html"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"

	"github.com/sitefeed/sitefeed/internal/media"
)

// The tests in this file read every golden output back with a real feed
// parser, github.com/mmcdole/gofeed, and check that what a reader sees is
// what Build made: titles, links, ids, dates, categories, enclosures and
// authors. The expected values come from a fresh Build of the same archive
// (TestGolden proves the golden bytes equal that build); the hostile
// strings are also checked against literals in TestGoldenHostileText.

// goldenBuilds returns every case with its build, and the golden outputs
// keyed by path with the File that produced them.
func goldenBuilds(t *testing.T) []goldenBuild {
	t.Helper()
	var out []goldenBuild
	for _, c := range feedCases(t) {
		set := c.build(t, nil)
		files := map[string]File{}
		for _, f := range set.Files() {
			files[f.Path] = f
		}
		for _, name := range sortedNames(c.want) {
			if media.IsName(path.Base(name)) {
				continue // a media file, not a feed
			}
			f, ok := files[name]
			if !ok {
				t.Errorf("%s: want/%s: the build has no such file", c.file, name)
				continue
			}
			out = append(out, goldenBuild{c: c, set: set, file: f, data: c.want[name]})
		}
	}
	return out
}

type goldenBuild struct {
	c    *feedCase
	set  *Set
	file File
	data []byte
}

func (g goldenBuild) name() string { return g.c.name + "/" + g.file.Path }

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

func TestGoldenParsedByGofeed(t *testing.T) {
	for _, g := range goldenBuilds(t) {
		t.Run(g.name(), func(t *testing.T) {
			// The universal parser must detect the format and see the
			// same items in the same order.
			uf, err := gofeed.NewParser().Parse(bytes.NewReader(g.data))
			if err != nil {
				t.Fatalf("gofeed: %v", err)
			}
			wantType := map[Format]string{RSS: "rss", Atom: "atom", JSON: "json"}[g.file.Format]
			if uf.FeedType != wantType {
				t.Errorf("gofeed detected %q, want %q", uf.FeedType, wantType)
			}
			f := g.file.Feed
			if uf.Title != f.Title {
				t.Errorf("universal title = %q, want %q", uf.Title, f.Title)
			}
			if len(uf.Items) != len(f.Items) {
				t.Fatalf("universal parser saw %d items, want %d", len(uf.Items), len(f.Items))
			}
			for i, it := range uf.Items {
				p := f.Items[i]
				if it.Title != p.Title {
					t.Errorf("item %d: universal title = %q, want %q", i, it.Title, p.Title)
				}
				if it.Link != p.URL {
					t.Errorf("item %d: universal link = %q, want %q", i, it.Link, p.URL)
				}
				if it.GUID != p.ID {
					t.Errorf("item %d: universal guid = %q, want %q", i, it.GUID, p.ID)
				}
				if it.PublishedParsed == nil || !it.PublishedParsed.Equal(p.Published) {
					t.Errorf("item %d: universal published = %v, want %v", i, it.PublishedParsed, p.Published)
				}
				if !slices.Equal(it.Categories, p.Tags) {
					t.Errorf("item %d: universal categories = %q, want %q", i, it.Categories, p.Tags)
				}
				if p.Hero != nil {
					if len(it.Enclosures) != 1 || it.Enclosures[0].URL != p.Hero.URL || it.Enclosures[0].Type != p.Hero.Type {
						t.Errorf("item %d: universal enclosures = %+v, want %s (%s)", i, it.Enclosures, p.Hero.URL, p.Hero.Type)
					}
					// gofeed takes an item image from RSS media:content
					// and JSON image, not from Atom links.
					if g.file.Format != Atom && (it.Image == nil || it.Image.URL != p.Hero.URL) {
						t.Errorf("item %d: universal image = %+v, want %s", i, it.Image, p.Hero.URL)
					}
				}
				// Atom and JSON entries without authors inherit the feed's.
				if len(authorsOf(f.Site, p)) > 0 && len(it.Authors) == 0 && len(uf.Authors) == 0 {
					t.Errorf("item %d: the universal parser sees no author", i)
				}
			}
			switch g.file.Format {
			case RSS:
				checkRSS(t, f, g.data)
			case Atom:
				checkAtom(t, f, g.data)
			case JSON:
				checkJSON(t, f, g.data)
			}
		})
	}
}

func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, any(got), any(want))
	}
}

func sameTime(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: missing or unparsable, want %s", what, want.Format(time.RFC3339))
		return
	}
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", what, got.Format(time.RFC3339), want.Format(time.RFC3339))
	}
}

func checkRSS(t *testing.T, f *Feed, data []byte) {
	t.Helper()
	rf, err := (&rss.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed rss: %v", err)
	}
	equal(t, "version", rf.Version, "2.0")
	equal(t, "channel title", rf.Title, f.Title)
	equal(t, "channel link", rf.Link, f.Link)
	equal(t, "channel language", rf.Language, f.Site.Language)
	if len(f.Items) > 0 {
		sameTime(t, "lastBuildDate", rf.LastBuildDateParsed, f.Updated)
	} else if rf.LastBuildDate != "" {
		t.Errorf("lastBuildDate %q in a feed without items", rf.LastBuildDate)
	}
	self := ""
	links := map[string]string{}
	for _, l := range rf.Extensions["atom"]["link"] {
		if l.Attrs["rel"] == "self" {
			self = l.Attrs["href"]
		} else {
			links[l.Attrs["rel"]] = l.Attrs["href"]
		}
	}
	equal(t, "atom:link rel=self", self, f.FeedURL(RSS))
	checkArchiveLinks(t, f, RSS, links, len(rf.Extensions["fh"]["archive"]) > 0)
	if len(rf.Items) != len(f.Items) {
		t.Fatalf("%d items, want %d", len(rf.Items), len(f.Items))
	}
	for i, it := range rf.Items {
		p := f.Items[i]
		at := func(s string) string { return "item " + strconv.Itoa(i) + " " + s }
		equal(t, at("title"), it.Title, p.Title)
		equal(t, at("link"), it.Link, p.URL)
		equal(t, at("description"), html.UnescapeString(it.Description), firstOf(p.Summary, p.Title))
		equal(t, at("content:encoded"), it.Content, p.HTML)
		if it.GUID == nil {
			t.Errorf("%s: no guid", at(""))
		} else {
			equal(t, at("guid"), it.GUID.Value, p.ID)
			equal(t, at("guid isPermaLink"), it.GUID.IsPermalink, strconv.FormatBool(p.ID == p.URL))
		}
		sameTime(t, at("pubDate"), it.PubDateParsed, p.Published)
		var cats []string
		for _, c := range it.Categories {
			cats = append(cats, c.Value)
		}
		if !slices.Equal(cats, p.Tags) {
			t.Errorf("%s = %q, want one per tag %q", at("categories"), cats, p.Tags)
		}
		// Enclosure and Media RSS: never dropped, length 0 when unknown.
		if p.Hero == nil {
			if len(it.Enclosures) != 0 {
				t.Errorf("%s: enclosure without a hero", at(""))
			}
		} else if len(it.Enclosures) != 1 {
			t.Errorf("%s: %d enclosures, want 1", at(""), len(it.Enclosures))
		} else {
			e := it.Enclosures[0]
			equal(t, at("enclosure url"), e.URL, p.Hero.URL)
			equal(t, at("enclosure type"), e.Type, p.Hero.Type)
			equal(t, at("enclosure length"), e.Length, strconv.FormatInt(p.Hero.Length, 10))
			media := it.Extensions["media"]
			if len(media["content"]) != 1 || media["content"][0].Attrs["url"] != p.Hero.URL || media["content"][0].Attrs["type"] != p.Hero.Type {
				t.Errorf("%s: media:content = %+v, want url %s type %s", at(""), media["content"], p.Hero.URL, p.Hero.Type)
			}
			if len(media["thumbnail"]) != 0 {
				t.Errorf("%s: media:thumbnail = %+v, want none (Miniflux reads it in place of the enclosure)", at(""), media["thumbnail"])
			}
		}
		// Authors: one dc:creator per author, with the name (else the
		// e-mail); never <author>.
		authors := authorsOf(f.Site, p)
		var creators []string
		if it.DublinCoreExt != nil {
			creators = it.DublinCoreExt.Creator
		}
		var want []string
		for _, a := range authors {
			if name := firstOf(a.Name, a.Email); name != "" {
				want = append(want, name)
			}
		}
		if !slices.Equal(creators, want) || it.Author != "" {
			t.Errorf("%s: author %q, dc:creator %q; want dc:creator %q", at(""), it.Author, creators, want)
		}
	}
}

func checkAtom(t *testing.T, f *Feed, data []byte) {
	t.Helper()
	af, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed atom: %v", err)
	}
	equal(t, "title", af.Title, f.Title)
	equal(t, "subtitle", af.Subtitle, f.Description)
	// An archive page has its head's id: they are one feed.
	head := f
	if f.Head != nil {
		head = f.Head
	}
	equal(t, "id", af.ID, head.FeedURL(Atom))
	equal(t, "xml:lang", af.Language, f.Site.Language)
	sameTime(t, "updated", af.UpdatedParsed, f.Updated)
	if af.Generator == nil || af.Generator.Value == "" {
		t.Error("no generator")
	}
	links := map[string]string{}
	for _, l := range af.Links {
		links[l.Rel] = l.Href
	}
	equal(t, "link rel=self", links["self"], f.FeedURL(Atom))
	equal(t, "link rel=alternate", links["alternate"], f.Link)
	delete(links, "self")
	delete(links, "alternate")
	checkArchiveLinks(t, f, Atom, links, len(af.Extensions["fh"]["archive"]) > 0)
	// RFC 4287 4.1.1: an author on the feed, or on every entry; and every
	// author has a name.
	if len(af.Authors) == 0 {
		for i, e := range af.Entries {
			if len(e.Authors) == 0 {
				t.Errorf("entry %d: no author, and the feed has none", i)
			}
		}
	}
	for _, a := range af.Authors {
		if strings.TrimSpace(a.Name) == "" {
			t.Errorf("feed author %+v has no name", a)
		}
	}
	if len(af.Entries) != len(f.Items) {
		t.Fatalf("%d entries, want %d", len(af.Entries), len(f.Items))
	}
	for i, e := range af.Entries {
		p := f.Items[i]
		at := func(s string) string { return "entry " + strconv.Itoa(i) + " " + s }
		equal(t, at("title"), e.Title, p.Title)
		equal(t, at("id"), e.ID, p.ID)
		sameTime(t, at("published"), e.PublishedParsed, p.Published)
		sameTime(t, at("updated"), e.UpdatedParsed, updatedOf(p))
		if e.Content == nil {
			t.Errorf("%s: no content", at(""))
		} else {
			equal(t, at("content type"), e.Content.Type, "html")
			equal(t, at("content"), e.Content.Value, p.HTML)
		}
		equal(t, at("summary"), html.UnescapeString(e.Summary), p.Summary)
		var alternate, enclosures []*atom.Link
		for _, l := range e.Links {
			switch l.Rel {
			case "alternate":
				alternate = append(alternate, l)
			case "enclosure":
				enclosures = append(enclosures, l)
			}
		}
		if len(alternate) != 1 || alternate[0].Href != p.URL {
			t.Errorf("%s: alternate links %+v, want one to %s", at(""), alternate, p.URL)
		}
		if p.Hero == nil {
			if len(enclosures) != 0 {
				t.Errorf("%s: enclosure without a hero", at(""))
			}
		} else if len(enclosures) != 1 {
			t.Errorf("%s: %d enclosure links, want 1", at(""), len(enclosures))
		} else {
			l := enclosures[0]
			equal(t, at("enclosure href"), l.Href, p.Hero.URL)
			equal(t, at("enclosure type"), l.Type, p.Hero.Type)
			want := ""
			if p.Hero.Length > 0 {
				want = strconv.FormatInt(p.Hero.Length, 10)
			}
			equal(t, at("enclosure length"), l.Length, want)
		}
		var terms []string
		for _, c := range e.Categories {
			if c.Term == "" {
				t.Errorf("%s: category without term: %+v", at(""), c)
			}
			equal(t, at("category label"), c.Label, c.Term)
			terms = append(terms, c.Term)
		}
		if !slices.Equal(terms, p.Tags) {
			t.Errorf("%s = %q, want one per tag %q", at("categories"), terms, p.Tags)
		}
		for _, a := range e.Authors {
			if strings.TrimSpace(a.Name) == "" {
				t.Errorf("%s: author %+v has no name", at(""), a)
			}
		}
		// Every entry names its authors: the post's, the site's, or the
		// feed's stand-in for the site.
		authors := authorsOf(f.Site, p)
		if len(authors) == 0 {
			authors = []Author{feedAuthor(f.Site)}
		}
		var got, want []string
		for _, a := range e.Authors {
			got = append(got, a.Name+"|"+a.Email+"|"+a.URI)
		}
		for _, a := range authors {
			want = append(want, firstOf(a.Name, a.Email, a.URL)+"|"+a.Email+"|"+a.URL)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: authors %q, want %q", at(""), got, want)
		}
	}
}

func checkJSON(t *testing.T, f *Feed, data []byte) {
	t.Helper()
	// items is required, even when empty, and no id is ever empty.
	var raw struct {
		Items *[]map[string]any `json:"items"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	if raw.Items == nil {
		t.Fatal(`no "items" array`)
	}
	for i, it := range *raw.Items {
		if id, ok := it["id"].(string); !ok || strings.TrimSpace(id) == "" {
			t.Errorf("item %d: id %#v, want a non-empty string", i, it["id"])
		}
	}

	jf, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed json: %v", err)
	}
	equal(t, "version", jf.Version, "https://jsonfeed.org/version/1.1")
	equal(t, "title", jf.Title, f.Title)
	equal(t, "home_page_url", jf.HomePageURL, f.Link)
	equal(t, "feed_url", jf.FeedURL, f.FeedURL(JSON))
	equal(t, "description", jf.Description, f.Description)
	equal(t, "language", jf.Language, f.Site.Language)
	equal(t, "next_url", jf.NextURL, f.prevArchive(JSON))
	if len(jf.Items) != len(f.Items) {
		t.Fatalf("%d items, want %d", len(jf.Items), len(f.Items))
	}
	for i, it := range jf.Items {
		p := f.Items[i]
		at := func(s string) string { return "item " + strconv.Itoa(i) + " " + s }
		equal(t, at("id"), it.ID, p.ID)
		equal(t, at("url"), it.URL, p.URL)
		equal(t, at("title"), it.Title, p.Title)
		equal(t, at("content_html"), it.ContentHTML, p.HTML)
		equal(t, at("summary"), it.Summary, p.Summary)
		equal(t, at("language"), it.Language, p.Language)
		if it.ContentHTML == "" && it.ContentText == "" {
			t.Errorf("%s: neither content_html nor content_text", at(""))
		}
		pub, err := time.Parse(time.RFC3339, it.DatePublished)
		if err != nil {
			t.Errorf("%s: date_published %q: %v", at(""), it.DatePublished, err)
		} else {
			sameTime(t, at("date_published"), &pub, p.Published)
		}
		if p.Updated.IsZero() {
			equal(t, at("date_modified"), it.DateModified, "")
		} else if mod, err := time.Parse(time.RFC3339, it.DateModified); err != nil {
			t.Errorf("%s: date_modified %q: %v", at(""), it.DateModified, err)
		} else {
			sameTime(t, at("date_modified"), &mod, p.Updated)
		}
		if !slices.Equal(it.Tags, p.Tags) {
			t.Errorf("%s = %q, want %q", at("tags"), it.Tags, p.Tags)
		}
		var got, want []string
		for _, a := range it.Authors {
			got = append(got, a.Name+"|"+a.URL)
		}
		for _, a := range authorsOf(f.Site, p) {
			want = append(want, jsonAuthor(a).Name+"|"+a.URL)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: authors %q, want %q", at(""), got, want)
		}
		if it.Author != nil {
			t.Errorf("%s: deprecated author object", at(""))
		}
		if p.Hero == nil {
			if it.Image != "" || it.Attachments != nil {
				t.Errorf("%s: image or attachment without a hero", at(""))
			}
			continue
		}
		equal(t, at("image"), it.Image, p.Hero.URL)
		if it.Attachments == nil || len(*it.Attachments) != 1 {
			t.Errorf("%s: attachments %v, want one for the hero", at(""), it.Attachments)
			continue
		}
		a := (*it.Attachments)[0]
		equal(t, at("attachment url"), a.URL, p.Hero.URL)
		equal(t, at("attachment mime_type"), a.MimeType, p.Hero.Type)
		equal(t, at("attachment size_in_bytes"), a.SizeInBytes, p.Hero.Length)
		equal(t, at("attachment title"), a.Title, p.Hero.Alt)
	}
}

// TestGoldenHostileText checks the hostile strings of the multi-post
// archive against literals in every format, so that a bug that changes
// both the build and the golden files still shows.
func TestGoldenHostileText(t *testing.T) {
	var c *feedCase
	for _, fc := range feedCases(t) {
		if fc.name == "multi" {
			c = fc
		}
	}
	if c == nil {
		t.Fatal("no testdata/golden/multi.txtar")
	}
	const base = "https://blog.example.org/notes/"
	want := []struct {
		url, title, summary string
		heroType            string
		heroLength          int64
	}{
		{base + "2024/03/hostile/", `Ampersands & <angle> "quotes" 'apostrophes'`, "Summary with ]]> and <b>not bold</b> & more", "image/webp", 0},
		{base + "2024/02/bundle/", "Bundled post with a local hero", "Back to the hostile post and .", "image/png", int64(len(c.fsys["posts/bundle/hero.png"].Data))},
		{base + "2024/01/static-hero/", "Backspace in राजनीति title", "A hero from the static folder, and a control character in the body.", "image/jpeg", int64(len(c.fsys["static/images/y.jpg"].Data))},
		{base + "2023/12/typed-hero/", "Bytes \uFFFD that are not UTF-8", "Invalid bytes \uFFFD( in the body too.", "image/jpeg", 12345},
	}
	for _, format := range []Format{RSS, Atom, JSON} {
		path := map[Format]string{RSS: "rss.xml", Atom: "atom.xml", JSON: "feed.json"}[format]
		t.Run(path, func(t *testing.T) {
			uf, err := gofeed.NewParser().Parse(bytes.NewReader(c.want[path]))
			if err != nil {
				t.Fatal(err)
			}
			if len(uf.Items) != len(want) {
				t.Fatalf("%d items, want %d (the draft left out)", len(uf.Items), len(want))
			}
			for i, w := range want {
				it := uf.Items[i]
				equal(t, "link", it.Link, w.url)
				equal(t, "title", it.Title, w.title)
				summary := it.Description
				if format != JSON {
					summary = html.UnescapeString(summary)
				}
				equal(t, "summary", summary, w.summary)
				if len(it.Enclosures) != 1 {
					t.Errorf("%s: %d enclosures, want 1", w.url, len(it.Enclosures))
					continue
				}
				equal(t, "enclosure type", it.Enclosures[0].Type, w.heroType)
				length := strconv.FormatInt(w.heroLength, 10)
				if format == Atom && w.heroLength == 0 {
					length = "" // Atom's length is optional; RSS says 0
				}
				if format == JSON && w.heroLength == 0 {
					length = "" // size_in_bytes is left out when unknown
				}
				equal(t, "enclosure length", it.Enclosures[0].Length, length)
			}
			for _, it := range uf.Items {
				for _, s := range append([]string{it.Title, it.Description, it.Content}, it.Categories...) {
					if strings.ContainsRune(s, '\b') || !utf8.ValidString(s) {
						t.Errorf("%s: %q holds a control character or invalid UTF-8", it.Link, s)
					}
				}
			}
			// ]]> in content survives as text.
			if !strings.Contains(uf.Items[0].Content, "]]&gt;") {
				t.Errorf("hostile content lost its ]]>: %q", uf.Items[0].Content)
			}
			if strings.Contains(uf.Items[0].Content, "<script") {
				t.Errorf("hostile content kept a script: %q", uf.Items[0].Content)
			}
		})
	}
}
