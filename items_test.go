package sitefeed

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestWritersAgreeOnItems: a feed's Items are what every writer writes,
// also when a program changes them after Build: Feed.Write, File.WriteTo,
// WriteDir (in one pass or several) and the Handler give the same bytes.
func TestWritersAgreeOnItems(t *testing.T) {
	build := func() *Set {
		return relMustBuild(t, append(relPosts([]string{"go", "rust"}, "A", "B", "C"), relPosts([]string{"go"}, "D", "E")...), nil)
	}
	for _, c := range []struct {
		name  string
		edit  func(s *Set)
		items map[string]int // items in some documents after the edit
	}{
		{"site feed cut", func(s *Set) { s.All.Items = s.All.Items[:1] }, map[string]int{"rss.xml": 1, "tags/go/atom.xml": 5}},
		{"tag feed reversed", func(s *Set) { slices.Reverse(s.Tags[0].Items) }, map[string]int{"tags/go/feed.json": 5}},
		{"post added by hand", func(s *Set) {
			p := *s.Posts[4]
			p.Title, p.URL, p.ID = "Added", "https://example.com/added/", "tag:example.com,2024:added"
			s.Tags[1].Items = append([]*Post{&p}, s.Tags[1].Items...)
			s.All.Items = append(s.All.Items, &p)
		}, map[string]int{"rss.xml": 6, "tags/rust/rss.xml": 4}},
		{"post twice", func(s *Set) { s.Tags[1].Items = append(s.Tags[1].Items, s.Tags[1].Items[0]) }, map[string]int{"tags/rust/atom.xml": 4}},
		{"Posts emptied", func(s *Set) { s.Posts = nil }, map[string]int{"rss.xml": 5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			set := build()
			c.edit(set)
			want := map[string][]byte{}
			for _, f := range set.Files() {
				var buf, viaFile bytes.Buffer
				if err := f.Feed.Write(&buf, f.Format); err != nil {
					t.Fatal(err)
				}
				if _, err := f.WriteTo(&viaFile); err != nil || !bytes.Equal(viaFile.Bytes(), buf.Bytes()) {
					t.Fatalf("%s: File.WriteTo differs from Feed.Write (%v)", f.Path, err)
				}
				want[f.Path] = buf.Bytes()
			}
			for name, n := range c.items {
				if got := itemCount(want[name]); got != n {
					t.Fatalf("%s has %d items, want %d", name, got, n)
				}
			}
			same := func(how string, got []renderedFile) {
				t.Helper()
				if len(got) != len(want) {
					t.Fatalf("%s: %d files, want %d", how, len(got), len(want))
				}
				for _, f := range got {
					if !bytes.Equal(f.Data, want[f.Path]) {
						t.Errorf("%s: %s has %d items, Feed.Write %d", how, f.Path, itemCount(f.Data), itemCount(want[f.Path]))
					}
				}
			}
			same("WriteDir", writeDirFilesWith(t, set, writeConfig{}))
			same("WriteDir in passes of 2", writeDirFilesWith(t, set, writeConfig{maxOpenFiles: 2}))
			h, err := NewHandler(set)
			if err != nil {
				t.Fatal(err)
			}
			var served []renderedFile
			for _, f := range set.Files() {
				served = append(served, renderedFile{File: f, Data: serve(h, http.MethodGet, "/"+f.Path, nil).Body.Bytes()})
			}
			same("Handler", served)
		})
	}
}

// itemCount counts the items of an RSS, Atom or JSON Feed document.
func itemCount(doc []byte) int {
	s := string(doc)
	return strings.Count(s, "<item>") + strings.Count(s, "<entry") + strings.Count(s, `"id": "tag:`) + strings.Count(s, `"id": "https:`)
}

// TestItemsOfBuiltSet: for a Set as Build made it, every post is encoded
// once, in the order of Posts, without a map.
func TestItemsOfBuiltSet(t *testing.T) {
	set := relMustBuild(t, append(relPosts([]string{"go", "rust"}, "A", "B", "C"), relPosts([]string{"go"}, "D", "E")...), &Options{Limit: 4})
	it := itemsOf(set.Posts, set.Feeds())
	if !slices.Equal(it.posts, set.Posts) {
		t.Fatalf("%d posts to encode, want Set.Posts' %d", len(it.posts), len(set.Posts))
	}
	for j, p := range set.Posts {
		var want []int32
		for k, f := range set.Feeds() {
			if slices.Contains(f.Items, p) {
				want = append(want, int32(k))
			}
		}
		if !slices.Equal(it.member[j], want) {
			t.Errorf("post %d is in feeds %v, want %v", j, it.member[j], want)
		}
	}
}

// TestHandMadeFeedAtomID: a Feed made without Build has no URL of its
// own; its Atom id is then its Link, and without an absolute Link
// Feed.Write says what is missing instead of writing an empty id.
func TestHandMadeFeedAtomID(t *testing.T) {
	set := relMustBuild(t, relPosts([]string{"go"}, "A", "B"), nil)
	f := &Feed{Site: &set.Site, Title: "Picks", Link: "https://example.com/picks/", Items: set.Posts[:1]}
	var buf bytes.Buffer
	if err := f.Write(&buf, Atom); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	if !strings.Contains(doc, "<id>https://example.com/picks/</id>") || strings.Contains(doc, "<id></id>") {
		t.Fatalf("Atom id of a hand-made feed:\n%s", relHead(buf.Bytes()))
	}
	if strings.Contains(doc, `href=""`) {
		t.Fatalf("empty link in:\n%s", relHead(buf.Bytes()))
	}
	if err := relRoundTrip(f, Atom, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"", "/picks/"} {
		f.Link = link
		buf.Reset()
		err := f.Write(&buf, Atom)
		if err == nil || !strings.Contains(err.Error(), "Link") {
			t.Fatalf("Link %q: Write gave error %v and\n%s", link, err, relHead(buf.Bytes()))
		}
	}
}
