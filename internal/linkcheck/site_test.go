package linkcheck

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

var tree = fstest.MapFS{
	"index.html":      {Data: []byte(`<a href="one/">one</a> <a href="https://example.com/blog/missing/#x">gone</a> <img src="/blog/lost.png">`)},
	"one/index.html":  {Data: []byte(`<a href="../two/">two</a>`)},
	"one/talk.mp3":    {Data: []byte("mp3")},
	"feeds/rss.xml":   {Data: []byte("<rss/>")},
	"empty/.keep":     {Data: nil},
	"a b/index.html":  {Data: nil},
	"blog.html/x.png": {Data: nil},
}

func site(t *testing.T, raw string) Site {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return Site{URL: u, Tree: tree}
}

func TestResolve(t *testing.T) {
	s := site(t, "https://example.com/blog/")
	for _, tc := range []struct {
		url, file, err string
	}{
		{"https://example.com/blog/", "index.html", ""},
		{"https://example.com/blog", "index.html", ""},
		{"https://example.com/blog/one/", "one/index.html", ""},
		{"https://example.com/blog/one", "one/index.html", ""},
		{"https://example.com/blog/one/?q=1#top", "one/index.html", ""},
		{"https://example.com/blog/one/talk.mp3", "one/talk.mp3", ""},
		{"https://example.com/blog/a%20b/", "a b/index.html", ""},
		{"https://example.com/blog/feeds/rss.xml", "feeds/rss.xml", ""},
		{"https://example.com/blog/two/", "", "no file two/index.html"},
		{"https://example.com/blog/one/talk.mp3/", "", "no file one/talk.mp3/index.html"},
		{"https://example.com/blog/empty", "", "empty is a folder without index.html"},
		{"https://example.com/one/", "", "outside the site's base path /blog/"},
		{"https://example.com/blog/../one/", "", "not a clean path"},
		{"https://example.com/blog//one/", "", "not a clean path"},
	} {
		u, _ := url.Parse(tc.url)
		file, err := s.Resolve(u)
		switch {
		case tc.err == "" && (err != nil || file != tc.file):
			t.Errorf("Resolve(%s) = %q, %v; want %q", tc.url, file, err, tc.file)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("Resolve(%s) = %q, %v; want error %q", tc.url, file, err, tc.err)
		}
	}
}

func TestCheck(t *testing.T) {
	s := site(t, "https://EXAMPLE.com:443/blog/")
	feeds := []Feed{
		{File: "feeds/rss.xml", Links: []Link{
			{"feeds/rss.xml", ItemLink, "https://example.com/blog/one/"},
			{"feeds/rss.xml", Content, "https://example.com/blog/two/"},
			{"feeds/rss.xml", Content, "mailto:a@example.com"},
			{"feeds/rss.xml", Content, "https://other.example/blog/two/"},
		}},
		{File: "feeds/atom.xml", Links: []Link{
			{"feeds/atom.xml", Enclosure, "http://example.com/blog/one/talk.mp3"},
			{"feeds/atom.xml", Image, "https://example.com/blog/two/"},
			{"feeds/atom.xml", Content, "https://example.com/blog/two/"},
		}},
	}
	results, elsewhere := s.Check(feeds)
	if elsewhere != 2 {
		t.Errorf("elsewhere = %d, want 2", elsewhere)
	}
	var got []string
	for _, r := range results {
		line := r.URL + " " + strings.Join(r.Files, ",") + " " + r.File
		for _, k := range r.Kinds {
			line += " " + string(k)
		}
		if r.Err != nil {
			line += " error"
		}
		got = append(got, line)
	}
	want := []string{
		"http://example.com/blog/one/talk.mp3 feeds/atom.xml one/talk.mp3 enclosure",
		"https://example.com/blog/one/ feeds/rss.xml one/index.html item link",
		"https://example.com/blog/two/ feeds/atom.xml,feeds/rss.xml  content image error",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPageLinks(t *testing.T) {
	links, err := site(t, "https://example.com/blog/").PageLinks()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{
		"https://example.com/blog/one/",
		"https://example.com/blog/two/",
		"https://example.com/blog/missing/#other",
		"https://example.com/blog/lost.png",
	} {
		if !OnPages(links, u) {
			t.Errorf("%s: not found on the pages (%v)", u, links)
		}
	}
	if OnPages(links, "https://example.com/blog/three/") {
		t.Error("a URL no page links to was found on the pages")
	}
}

func TestCompare(t *testing.T) {
	before, err := Take(fstest.MapFS{
		"index.html":    {Data: []byte("a")},
		"rss.xml":       {Data: []byte("b")},
		"gone.html":     {Data: []byte("c")},
		"feeds/old.xml": {Data: []byte("d")},
	})
	if err != nil {
		t.Fatal(err)
	}
	after, err := Take(fstest.MapFS{
		"index.html":         {Data: []byte("a")},
		"rss.xml":            {Data: []byte("B")},
		"feeds/old.xml":      {Data: []byte("d")},
		"feeds/rss.xml":      {Data: []byte("e")},
		"feeds/tags/x/a.xml": {Data: []byte("f")},
		"feedsx/a.xml":       {Data: []byte("g")},
		"new.html":           {Data: []byte("h")},
	})
	if err != nil {
		t.Fatal(err)
	}
	d := Compare(before, after)
	want := Diff{
		Changed: []string{"rss.xml"},
		Removed: []string{"gone.html"},
		Added:   []string{"feeds/rss.xml", "feeds/tags/x/a.xml", "feedsx/a.xml", "new.html"},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Compare = %+v, want %+v", d, want)
	}
	if got, want := Outside(d.Added, "feeds"), []string{"feedsx/a.xml", "new.html"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Outside = %q, want %q", got, want)
	}
	if got := Outside(d.Added, "."); got != nil {
		t.Errorf("Outside(.) = %q, want none", got)
	}
}
