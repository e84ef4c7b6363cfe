package sitefeed

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

// checkArchiveLinks checks the RFC 5005 links a parser read from a feed's
// document (rel to href, without self and alternate) and whether it found
// fh:archive, against what the feed's place among its archive pages
// requires.
func checkArchiveLinks(t *testing.T, f *Feed, format Format, links map[string]string, archived bool) {
	t.Helper()
	want := map[string]string{}
	switch h := f.Head; {
	case h != nil:
		want["current"] = h.FeedURL(format)
		if f.Page > 1 {
			want["prev-archive"] = h.Archives[f.Page-2].FeedURL(format)
		}
		if f.Page < len(h.Archives) {
			want["next-archive"] = h.Archives[f.Page].FeedURL(format)
		}
	case len(f.Archives) > 0:
		want["prev-archive"] = f.Archives[len(f.Archives)-1].FeedURL(format)
	}
	if !maps.Equal(links, want) {
		t.Errorf("%s links %v, want %v", format, links, want)
	}
	if archived != (f.Head != nil) {
		t.Errorf("%s fh:archive present = %v on a feed with Head %v", format, archived, f.Head != nil)
	}
}

// randomPosts makes n posts with distinct dates (one a day, in a random
// order) and random tags among three.
func randomPosts(r *rand.Rand, n int) []*Post {
	posts := make([]*Post, n)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, d := range r.Perm(n) {
		p := &Post{Title: fmt.Sprintf("Post %d", d), Slug: fmt.Sprintf("p%d", d), Published: start.AddDate(0, 0, d), HTML: "<p>x</p>"}
		for _, tag := range []string{"a", "b", "c"} {
			if r.IntN(2) == 0 {
				p.Tags = append(p.Tags, tag)
			}
		}
		posts[i] = p
	}
	return posts
}

func archiveSet(t *testing.T, posts []*Post, size int) *Set {
	t.Helper()
	set, err := Build(Site{Title: "T", URL: "https://example.com/"}, posts, &Options{Archive: size})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestArchiveProperties checks, for random sets of posts and page sizes,
// that each feed's head and archive pages hold every post of the feed
// exactly once, the head the newest size and each page but the newest
// exactly size, and that adding a post newer than all leaves every page
// but the newest one byte for byte as it was.
func TestArchiveProperties(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 16))
		n, size := r.IntN(40), 1+r.IntN(6)
		posts := randomPosts(r, n+1)
		newest := posts[0]
		for _, p := range posts {
			if p.Published.After(newest.Published) {
				newest = p
			}
		}
		older := slices.DeleteFunc(slices.Clone(posts), func(p *Post) bool { return p == newest })
		before, after := archiveSet(t, older, size), archiveSet(t, posts, size)
		for _, set := range []*Set{before, after} {
			for _, f := range set.Feeds() {
				var of []*Post // the feed's posts, newest first
				for _, p := range set.Posts {
					if f.Tag == "" || slices.Contains(p.Tags, f.Tag) {
						of = append(of, p)
					}
				}
				checkPages(t, seed, f, of, size)
			}
		}
		// Adding the newest post changes the heads and the newest page of
		// each feed, and no page before.
		old := map[string][]byte{}
		for _, f := range renderSet(t, before) {
			old[f.Path] = f.Data
		}
		for _, f := range before.Feeds() {
			for _, page := range f.Archives {
				if page.Page == len(f.Archives) {
					continue
				}
				for _, format := range before.Formats {
					var buf bytes.Buffer
					if err := findFeed(after, f).Archives[page.Page-1].Write(&buf, format); err != nil {
						t.Fatal(err)
					}
					if p := page.Path(format); !bytes.Equal(buf.Bytes(), old[p]) {
						t.Errorf("seed %d: %s changed when a newer post was added:\n%s", seed, p, diffLines(string(old[p]), buf.String()))
					}
				}
			}
		}
	}
}

// findFeed returns the feed of set with f's path.
func findFeed(set *Set, f *Feed) *Feed {
	for _, g := range set.Feeds() {
		if g.Path(RSS) == f.Path(RSS) {
			return g
		}
	}
	return nil
}

// checkPages checks that head f and its pages, newest first, hold posts
// (newest first) exactly once each.
func checkPages(t *testing.T, seed uint64, f *Feed, posts []*Post, size int) {
	t.Helper()
	got := slices.Clone(f.Items)
	for i := len(f.Archives) - 1; i >= 0; i-- {
		got = append(got, f.Archives[i].Items...)
	}
	if !slices.Equal(got, posts) {
		t.Fatalf("seed %d: %s: head and pages hold %d posts, not the feed's %d once each", seed, f.Path(RSS), len(got), len(posts))
	}
	if len(f.Archives) > 0 && len(f.Items) != size {
		t.Errorf("seed %d: %s: head of %d items, want %d", seed, f.Path(RSS), len(f.Items), size)
	}
	for k, page := range f.Archives {
		if page.Page != k+1 || page.Head != f || len(page.Items) == 0 || len(page.Items) > size || k < len(f.Archives)-1 && len(page.Items) != size {
			t.Errorf("seed %d: %s page %d: Page %d, %d items", seed, f.Path(RSS), k+1, page.Page, len(page.Items))
		}
	}
}

// TestArchiveWriteDirHandlerOPML checks that WriteDir writes the archive
// pages and records them in the manifest, so that a build without
// archives removes them; that the Handler serves them; and that the OPML
// list names only the heads.
func TestArchiveWriteDirHandlerOPML(t *testing.T) {
	c, err := readFeedCase(filepath.Join(feedGoldenDir, "archive.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	set := c.build(t, func(o *Options) { o.Paths.OPML = "feeds.opml" })
	dir := t.TempDir()
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"archive/atom-1.xml", "archive/feed-3.json", "tags/x/archive/rss-1.xml"} {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, c.want[name]) {
			t.Errorf("%s differs from want/%s", name, name)
		}
	}
	manifest, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(manifest), "tags/x/archive/feed-1.json") {
		t.Errorf("the manifest does not list tags/x/archive/feed-1.json:\n%s", manifest)
	}
	opml, err := os.ReadFile(filepath.Join(dir, "feeds.opml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(opml), "<outline "); strings.Contains(string(opml), "archive/") || n != 9 {
		t.Errorf("OPML lists %d feeds (want the 9 heads) or an archive page:\n%s", n, opml)
	}

	h, err := NewHandler(set)
	if err != nil {
		t.Fatal(err)
	}
	w := serve(h, http.MethodGet, "/tags/x/archive/atom-1.xml", nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" || !bytes.Equal(w.Body.Bytes(), c.want["tags/x/archive/atom-1.xml"]) {
		t.Errorf("GET /tags/x/archive/atom-1.xml: %d %q", w.Code, w.Header().Get("Content-Type"))
	}

	// Without archives, the pages are gone and the heads hold every post.
	whole := c.build(t, func(o *Options) { o.Archive = 0 })
	if _, err := whole.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"archive", "tags/x/archive"} {
		if _, err := os.Stat(filepath.Join(dir, name, "rss-1.xml")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s/rss-1.xml after a build without archives: %v", name, err)
		}
	}
	if n := len(whole.All.Items); n != 7 || len(whole.Files()) != 9 {
		t.Errorf("without archives: %d items, %d files", n, len(whole.Files()))
	}
}

func TestArchiveOptions(t *testing.T) {
	site := Site{URL: "https://example.com/"}
	for _, o := range []Options{{Archive: -1}, {Archive: 2, Limit: 3}, {Archive: 2, Paths: Paths{Archive: "../x"}}, {Paths: Paths{Archive: "{x}/"}}} {
		if _, err := Build(site, nil, &o); err == nil {
			t.Errorf("Build with %+v: no error", o)
		}
	}
	set, err := Build(site, randomPosts(rand.New(rand.NewPCG(1, 2)), 5), &Options{Archive: 2, Paths: Paths{RSS: "f/rss.xml", Archive: "old"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := set.All.Archives[1].Path(RSS); got != "f/old/rss-2.xml" {
		t.Errorf("page 2 at %s, want f/old/rss-2.xml", got)
	}
}

// TestArchiveWalk reads the golden archived feeds as a reader that follows
// RFC 5005 would, with gofeed: from each feed's document along
// prev-archive (next_url in JSON Feed) to the oldest page, and finds every
// post of the feed exactly once, newest first.
func TestArchiveWalk(t *testing.T) {
	c, err := readFeedCase(filepath.Join(feedGoldenDir, "archive.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	set := c.build(t, nil)
	byURL := map[string][]byte{}
	for _, f := range renderSet(t, set) {
		byURL[f.Feed.FeedURL(f.Format)] = f.Data
	}
	// next reads a document: its items' ids and the URL of the next older
	// page, or "".
	next := func(format Format, data []byte) (ids []string, prev string) {
		switch format {
		case RSS:
			f, err := (&rss.Parser{}).Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range f.Items {
				ids = append(ids, it.GUID.Value)
			}
			for _, l := range f.Extensions["atom"]["link"] {
				if l.Attrs["rel"] == "prev-archive" {
					prev = l.Attrs["href"]
				}
			}
		case Atom:
			f, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range f.Entries {
				ids = append(ids, e.ID)
			}
			for _, l := range f.Links {
				if l.Rel == "prev-archive" {
					prev = l.Href
				}
			}
		case JSON:
			f, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range f.Items {
				ids = append(ids, it.ID)
			}
			prev = f.NextURL
		}
		return ids, prev
	}
	for _, f := range set.Feeds() {
		var want []string
		for _, p := range set.Posts {
			if f.Tag == "" || slices.Contains(p.Tags, f.Tag) {
				want = append(want, p.ID)
			}
		}
		for _, format := range set.Formats {
			var got []string
			url := f.FeedURL(format)
			for docs := 0; url != ""; docs++ {
				data, ok := byURL[url]
				if !ok || docs > len(f.Archives) {
					t.Fatalf("%s: %s is no document of the feed, or the links loop", f.Path(format), url)
				}
				var ids []string
				ids, url = next(format, data)
				got = append(got, ids...)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: walking the archive gives %q, want %q", f.Path(format), got, want)
			}
		}
	}
}
