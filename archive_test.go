package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"net/http"
	"os"
	"path"
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

func archiveSet(t *testing.T, posts []*Post, size, mean int) *Set {
	t.Helper()
	set, err := Build(Site{Title: "T", URL: "https://example.com/"}, posts, &Options{Archive: size, ArchivePage: mean})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// endsPage is the rule of Archived feeds in the package documentation: an
// archive page ends after a post whose ID's hash is a multiple of mean.
func endsPage(p *Post, mean int) bool {
	sum := sha256.Sum256([]byte("sitefeed archive page\x00" + p.ID))
	return binary.BigEndian.Uint64(sum[:8])%uint64(mean) == 0
}

// feedPosts lists the posts of f's feed in set, newest first.
func feedPosts(set *Set, f *Feed) []*Post {
	var of []*Post
	for _, p := range set.Posts {
		if f.Tag == "" || slices.Contains(p.Tags, f.Tag) {
			of = append(of, p)
		}
	}
	return of
}

// TestArchiveProperties checks, for random sets of posts, head sizes and
// page sizes, that each feed's head and archive pages hold every post of
// the feed exactly once (checkPages), and that adding a post newer than
// all leaves every page but the newest one byte for byte as it was.
func TestArchiveProperties(t *testing.T) {
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 16))
		n, size, mean := r.IntN(50), 1+r.IntN(6), 1+r.IntN(4)
		posts := randomPosts(r, n+1)
		newest := posts[0]
		for _, p := range posts {
			if p.Published.After(newest.Published) {
				newest = p
			}
		}
		older := slices.DeleteFunc(slices.Clone(posts), func(p *Post) bool { return p == newest })
		before, after := archiveSet(t, older, size, mean), archiveSet(t, posts, size, mean)
		for _, set := range []*Set{before, after} {
			for _, f := range set.Feeds() {
				checkPages(t, seed, f, feedPosts(set, f), size, mean)
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
// (newest first) exactly once each; that the head holds the newest size;
// that, walking from the oldest, each page ends after the first post
// whose hash ends a page (endsPage) or at 4×mean posts, the newest page at
// the head; and that each page is named after the date of its oldest
// post, with -2, -3… after a date an older page has, at the path that
// name gives in every format.
func checkPages(t *testing.T, seed uint64, f *Feed, posts []*Post, size, mean int) {
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
	seen := map[string]int{}
	names := map[string]bool{}
	for k, page := range f.Archives {
		at := fmt.Sprintf("seed %d: %s page %d (%d items)", seed, f.Path(RSS), k+1, len(page.Items))
		if page.Page != k+1 || page.Head != f || len(page.Items) == 0 || len(page.Items) > 4*mean {
			t.Errorf("%s: Page %d, Head %p (want %p), at most %d items", at, page.Page, page.Head, f, 4*mean)
			continue
		}
		for i, p := range page.Items[1:] { // every post but the newest
			if endsPage(p, mean) {
				t.Errorf("%s: its post %d (%s) ends a page, but newer ones follow", at, i+2, p.ID)
			}
		}
		if newest := k == len(f.Archives)-1; !newest && !endsPage(page.Items[0], mean) && len(page.Items) != 4*mean {
			t.Errorf("%s: ends neither after a post that ends a page nor at %d posts", at, 4*mean)
		}
		name := page.Items[len(page.Items)-1].Published.In(f.Site.Location).Format("2006-01-02")
		if seen[name]++; seen[name] > 1 {
			name += fmt.Sprintf("-%d", seen[name])
		}
		if page.PageName != name || names[name] {
			t.Errorf("%s: named %q, want %q, unique in the feed", at, page.PageName, name)
		}
		names[name] = true
		for _, format := range []Format{RSS, Atom, JSON} {
			folder, base := path.Split(f.Path(format))
			ext := path.Ext(base)
			if want := folder + "archive/" + strings.TrimSuffix(base, ext) + "-" + name + ext; page.Path(format) != want {
				t.Errorf("%s: at %s, want %s", at, page.Path(format), want)
			}
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
	for _, name := range []string{"archive/atom-2024-01-01.xml", "archive/feed-2024-01-01-2.json", "tags/x/archive/rss-2024-01-01.xml"} {
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
	if !strings.Contains(string(manifest), "tags/x/archive/feed-2024-01-01.json") {
		t.Errorf("the manifest does not list tags/x/archive/feed-2024-01-01.json:\n%s", manifest)
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
	w := serve(h, http.MethodGet, "/tags/x/archive/atom-2024-01-01.xml", nil)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" || !bytes.Equal(w.Body.Bytes(), c.want["tags/x/archive/atom-2024-01-01.xml"]) {
		t.Errorf("GET /tags/x/archive/atom-2024-01-01.xml: %d %q", w.Code, w.Header().Get("Content-Type"))
	}

	// Without archives, the pages are gone and the heads hold every post.
	whole := c.build(t, func(o *Options) { o.Archive = 0 })
	if _, err := whole.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"archive", "tags/x/archive"} {
		if _, err := os.Stat(filepath.Join(dir, name, "rss-2024-01-01.xml")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s/rss-2024-01-01.xml after a build without archives: %v", name, err)
		}
	}
	if n := len(whole.All.Items); n != 7 || len(whole.Files()) != 9 {
		t.Errorf("without archives: %d items, %d files", n, len(whole.Files()))
	}
}

func TestArchiveOptions(t *testing.T) {
	site := Site{URL: "https://example.com/"}
	for _, o := range []Options{{Archive: -1}, {Archive: 2, ArchivePage: -1}, {Archive: 2, Limit: 3}, {Archive: 2, Paths: Paths{Archive: "../x"}}, {Paths: Paths{Archive: "{x}/"}}} {
		if _, err := Build(site, nil, &o); err == nil {
			t.Errorf("Build with %+v: no error", o)
		}
	}
	set, err := Build(site, randomPosts(rand.New(rand.NewPCG(1, 2)), 5), &Options{Archive: 2, ArchivePage: 1, Paths: Paths{RSS: "f/rss.xml", Archive: "old"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := set.All.Archives[1].Path(RSS); got != "f/old/rss-2020-01-02.xml" {
		t.Errorf("page 2 at %s, want f/old/rss-2020-01-02.xml", got)
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

// archiveDocs writes set with WriteFiles into memory and returns, for
// each feed's document path in each format (the head's), its head's bytes
// and its archive pages' bytes by path.
func archiveDocs(t *testing.T, set *Set) (heads map[string][]byte, pages map[string]map[string][]byte) {
	t.Helper()
	heads, pages = map[string][]byte{}, map[string]map[string][]byte{}
	for _, f := range writeFilesOf(t, set) {
		if f.Feed.Head == nil {
			heads[f.Path] = f.Data
			continue
		}
		h := f.Feed.Head.Path(f.Format)
		if pages[h] == nil {
			pages[h] = map[string][]byte{}
		}
		pages[h][f.Path] = f.Data
	}
	return heads, pages
}

// An archiveEdit is one change to a site's posts.
type archiveEdit struct {
	name    string
	written int // most archive pages of a feed in a format written anew
	removed int // most archive pages of a feed in a format removed
	apply   func(r *rand.Rand, posts []*Post, old []*Post) (out []*Post, slugs []string)
}

// TestArchiveEdits applies random single edits to random sites of several
// hundred posts (delete a post, add one dated among old ones, retitle one,
// redate one) and compares every document before and after: in each feed
// and format, only a few archive pages may be written anew (a page, its
// neighbours, and the page it merges with or splits from) or removed (a
// page merged into another, and one renamed when its oldest post changes
// or the pages cut at 4×ArchivePage move), and the head changes only when
// the edit touches its posts or its newest page. A retitled post keeps
// its ID, and so every page but its own.
func TestArchiveEdits(t *testing.T) {
	// old lists the posts older than the site feed's head: the edit picks
	// one of them, or, for a deletion, any post.
	pick := func(r *rand.Rand, posts []*Post) int { return r.IntN(len(posts)) }
	edits := []archiveEdit{
		{"delete", 3, 2, func(r *rand.Rand, posts, _ []*Post) ([]*Post, []string) {
			i := pick(r, posts)
			return slices.Delete(slices.Clone(posts), i, i+1), []string{posts[i].Slug}
		}},
		{"add an old post", 3, 2, func(r *rand.Rand, posts, old []*Post) ([]*Post, []string) {
			at := old[r.IntN(len(old))]
			p := &Post{Title: "New", Slug: "new", Published: at.Published.Add(12 * time.Hour), HTML: "<p>new</p>", Tags: slices.Clone(at.Tags)}
			return append(slices.Clone(posts), p), []string{p.Slug}
		}},
		{"retitle", 1, 0, func(r *rand.Rand, posts, old []*Post) ([]*Post, []string) {
			return replace(posts, old[r.IntN(len(old))], func(p *Post) { p.Title += " (edited)" })
		}},
		{"redate", 6, 4, func(r *rand.Rand, posts, old []*Post) ([]*Post, []string) {
			to := old[r.IntN(len(old))].Published.Add(6 * time.Hour)
			return replace(posts, old[r.IntN(len(old))], func(p *Post) { p.Published = to })
		}},
	}
	for seed := range uint64(5) {
		r := rand.New(rand.NewPCG(seed, 5005))
		posts := randomPosts(r, 200+r.IntN(150))
		size, mean := 3+r.IntN(10), 2+r.IntN(6)
		base := archiveSet(t, posts, size, mean)
		baseHeads, basePages := archiveDocs(t, base)
		// The posts older than the site feed's head, by slug.
		var old []*Post
		for _, p := range base.All.Archives {
			for _, q := range p.Items {
				i := slices.IndexFunc(posts, func(o *Post) bool { return o.Slug == q.Slug })
				old = append(old, posts[i])
			}
		}
		for k := range 24 {
			e := edits[r.IntN(len(edits))]
			if k == 0 { // the oldest post, which names the oldest pages
				e = archiveEdit{"delete the oldest", 3, 1, func(_ *rand.Rand, posts, old []*Post) ([]*Post, []string) {
					i := slices.Index(posts, old[len(old)-1])
					return slices.Delete(slices.Clone(posts), i, i+1), []string{posts[i].Slug}
				}}
			}
			edited, slugs := e.apply(r, posts, old)
			set := archiveSet(t, edited, size, mean)
			heads, pages := archiveDocs(t, set)
			for head, data := range heads {
				var written, removed []string
				for p, d := range pages[head] {
					if !bytes.Equal(basePages[head][p], d) {
						written = append(written, p)
					}
				}
				for p := range basePages[head] {
					if _, ok := pages[head][p]; !ok {
						removed = append(removed, p)
					}
				}
				if len(written) > e.written || len(removed) > e.removed {
					slices.Sort(written)
					slices.Sort(removed)
					t.Errorf("seed %d, %s %v (pages of %d): %s: %d pages written %q, %d removed %q; want at most %d and %d",
						seed, e.name, slugs, mean, head, len(written), written, len(removed), removed, e.written, e.removed)
				}
				if !bytes.Equal(baseHeads[head], data) && !touchesHead(base, head, slugs) && !touchesHead(set, head, slugs) {
					t.Errorf("seed %d, %s %v: %s changed, though neither its posts nor its newest page hold the post", seed, e.name, slugs, head)
				}
			}
		}
	}
}

// replace returns posts with a copy of p changed by edit in its place, and
// p's slug.
func replace(posts []*Post, p *Post, edit func(*Post)) ([]*Post, []string) {
	out := slices.Clone(posts)
	q := *p
	q.Tags = slices.Clone(p.Tags)
	edit(&q)
	out[slices.Index(posts, p)] = &q
	return out, []string{p.Slug}
}

// touchesHead reports whether a post of one of slugs is in the head of set
// whose document is at path, in its newest archive page, or in the page
// before, which a change to the newest page may merge with it.
func touchesHead(set *Set, path string, slugs []string) bool {
	for _, f := range set.Feeds() {
		for _, format := range set.Formats {
			if f.Path(format) != path {
				continue
			}
			docs := []*Feed{f}
			if n := len(f.Archives); n > 0 {
				docs = append(docs, f.Archives[max(0, n-2):]...)
			}
			for _, d := range docs {
				for _, p := range d.Items {
					if slices.Contains(slugs, p.Slug) {
						return true
					}
				}
			}
		}
	}
	return false
}

// A chainDoc is what a reader of RFC 5005 reads from one document: its
// items' IDs, its links by relation, and whether it is marked fh:archive.
type chainDoc struct {
	ids      []string
	links    map[string]string
	archived bool
}

// readChainDoc parses a document of format with encoding/xml or
// encoding/json. For JSON Feed, next_url is read as prev-archive and
// feed_url as self.
func readChainDoc(t *testing.T, format Format, data []byte) chainDoc {
	t.Helper()
	type link struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	var (
		doc   = chainDoc{links: map[string]string{}}
		links []link
	)
	switch format {
	case RSS:
		var v struct {
			Channel struct {
				Links   []link    `xml:"http://www.w3.org/2005/Atom link"`
				Archive *struct{} `xml:"http://purl.org/syndication/history/1.0 archive"`
				Items   []struct {
					GUID string `xml:"guid"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		links, doc.archived = v.Channel.Links, v.Channel.Archive != nil
		for _, it := range v.Channel.Items {
			doc.ids = append(doc.ids, it.GUID)
		}
	case Atom:
		var v struct {
			Links   []link    `xml:"http://www.w3.org/2005/Atom link"`
			Archive *struct{} `xml:"http://purl.org/syndication/history/1.0 archive"`
			Entries []struct {
				ID string `xml:"http://www.w3.org/2005/Atom id"`
			} `xml:"http://www.w3.org/2005/Atom entry"`
		}
		if err := xml.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		links, doc.archived = v.Links, v.Archive != nil
		for _, e := range v.Entries {
			doc.ids = append(doc.ids, e.ID)
		}
	case JSON:
		var v struct {
			FeedURL string `json:"feed_url"`
			NextURL string `json:"next_url"`
			Items   []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		links = []link{{"self", v.FeedURL}}
		if v.NextURL != "" {
			links = append(links, link{"prev-archive", v.NextURL})
		}
		for _, it := range v.Items {
			doc.ids = append(doc.ids, it.ID)
		}
	}
	for _, l := range links {
		if _, dup := doc.links[l.Rel]; dup {
			t.Fatalf("%s document with two %s links", format, l.Rel)
		}
		doc.links[l.Rel] = l.Href
	}
	return doc
}

// TestArchiveChain writes random archived sites and walks each feed, in
// every format, as a reader of RFC 5005 would, parsing every document with
// encoding/xml or encoding/json: from the feed's document along
// prev-archive (JSON Feed's next_url) it visits every archive page once,
// each a fh:archive document whose current link is the feed's, and finds
// every post of the feed once, newest first; back along next-archive from
// the oldest page (RSS and Atom) it visits the same pages in reverse.
func TestArchiveChain(t *testing.T) {
	for seed := range uint64(8) {
		r := rand.New(rand.NewPCG(seed, 4))
		set := archiveSet(t, randomPosts(r, r.IntN(150)), 1+r.IntN(8), 1+r.IntN(5))
		byURL := map[string]renderedFile{}
		for _, f := range writeFilesOf(t, set) {
			byURL[f.Feed.FeedURL(f.Format)] = f
		}
		for _, f := range set.Feeds() {
			var want []string
			for _, p := range feedPosts(set, f) {
				want = append(want, p.ID)
			}
			for _, format := range set.Formats {
				var ids, visited []string
				url := f.FeedURL(format)
				for url != "" {
					rf, ok := byURL[url]
					if !ok || slices.Contains(visited, url) {
						t.Fatalf("seed %d: %s: %s is no document of the set, or the links loop", seed, f.Path(format), url)
					}
					visited = append(visited, url)
					doc := readChainDoc(t, format, rf.Data)
					ids = append(ids, doc.ids...)
					if self := doc.links["self"]; self != url {
						t.Errorf("seed %d: %s: self link %q", seed, url, self)
					}
					if page := len(visited) > 1; format != JSON && (doc.archived != page || page && doc.links["current"] != f.FeedURL(format)) {
						t.Errorf("seed %d: %s: fh:archive %v, current %q", seed, url, doc.archived, doc.links["current"])
					}
					url = doc.links["prev-archive"]
				}
				if len(visited) != 1+len(f.Archives) || !slices.Equal(ids, want) {
					t.Errorf("seed %d: %s: the walk visits %d documents (want %d) and finds %d posts (want the feed's %d once each, newest first)",
						seed, f.Path(format), len(visited), 1+len(f.Archives), len(ids), len(want))
				}
				if format == JSON {
					continue
				}
				// Back from the oldest page along next-archive.
				back := []string{visited[len(visited)-1]}
				for u := back[0]; len(visited) > 1; {
					next := readChainDoc(t, format, byURL[u].Data).links["next-archive"]
					if next == "" {
						break
					}
					if len(back) == len(visited) {
						t.Fatalf("seed %d: %s: next-archive links loop", seed, f.Path(format))
					}
					back, u = append(back, next), next
				}
				slices.Reverse(back)
				if len(visited) > 1 && !slices.Equal(back, visited[1:]) {
					t.Errorf("seed %d: %s: next-archive from the oldest page visits %q, want %q", seed, f.Path(format), back, visited[1:])
				}
			}
		}
	}
}

// TestArchivePageNames checks that pages are named after their oldest
// post's date in the site's zone, with -2, -3… after a date an older page
// has, and that the same posts, in any order, give the same names.
func TestArchivePageNames(t *testing.T) {
	zone := time.FixedZone("UTC+2", 2*3600)
	day := time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)
	var posts []*Post
	for h := range 5 { // five posts on 3 May in UTC, the last (22:30) on 4 May in UTC+2
		at := day.Add(time.Duration(1+h*5) * time.Hour)
		if h == 4 {
			at = day.Add(22*time.Hour + 30*time.Minute)
		}
		posts = append(posts, &Post{Title: "P", Slug: fmt.Sprintf("p%d", h), Published: at, HTML: "<p>x</p>"})
	}
	posts = append(posts, &Post{Title: "N", Slug: "newest", Published: day.AddDate(0, 0, 7), HTML: "<p>x</p>"})
	build := func(posts []*Post) *Set {
		set, err := Build(Site{URL: "https://example.com/", Location: zone}, posts, &Options{Archive: 1, ArchivePage: 1})
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	names := func(set *Set) []string {
		var out []string
		for _, page := range set.All.Archives {
			out = append(out, page.Path(RSS))
		}
		return out
	}
	// Pages of one post each: every post ends a page when the mean is 1.
	want := []string{"archive/rss-2024-05-03.xml", "archive/rss-2024-05-03-2.xml", "archive/rss-2024-05-03-3.xml", "archive/rss-2024-05-03-4.xml", "archive/rss-2024-05-04.xml"}
	if got := names(build(posts)); !slices.Equal(got, want) {
		t.Errorf("pages %q, want %q", got, want)
	}
	r := rand.New(rand.NewPCG(3, 5))
	for range 5 {
		shuffled := slices.Clone(posts)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := names(build(shuffled)); !slices.Equal(got, want) {
			t.Errorf("posts in another order: pages %q, want %q", got, want)
		}
	}
}

// TestArchivePageMost checks that a page of posts none of which ends a
// page stops at 4×ArchivePage posts.
func TestArchivePageMost(t *testing.T) {
	const mean = 3
	r := rand.New(rand.NewPCG(7, 7))
	var posts []*Post
	for _, p := range randomPosts(r, 200) {
		set := archiveSet(t, []*Post{p}, 1, mean)
		if !endsPage(set.Posts[0], mean) {
			posts = append(posts, p)
		}
		if len(posts) == 31 {
			break
		}
	}
	set := archiveSet(t, posts, 1, mean)
	var sizes []int
	for _, page := range set.All.Archives {
		sizes = append(sizes, len(page.Items))
	}
	if want := []int{12, 12, 6}; !slices.Equal(sizes, want) {
		t.Errorf("30 archived posts that end no page: pages of %v, want %v", sizes, want)
	}
}
