package sitefeed

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A feed names the stylesheet, relative to its own path, and carries a page
// that links to the index and to every post; with NoStyle it has neither.
func TestFeedPage(t *testing.T) {
	posts := func() []*Post {
		return []*Post{
			{Title: "Tea & <Toast>", Published: testDate, Path: "a.md", Tags: []string{"go"}},
			{Title: "B", Published: testDate.AddDate(0, 0, -1), Path: "b.md", Tags: []string{"go"}},
		}
	}
	set := buildPosts(t, nil, posts()...)
	for _, f := range []*Feed{set.All, set.Tags[0]} {
		for _, format := range []Format{RSS, Atom} {
			out := write(t, f, format)
			href := "feed.css"
			// The stylesheet is found from the feed's own URL; the link to
			// the index is absolute, as readers resolve relative links in
			// a feed against the site's link.
			index := "https://example.com/feeds.html"
			if f.Tag != "" {
				href = "../../feed.css"
			}
			if !bytes.HasPrefix(out, []byte(xmlHeader+`<?xml-stylesheet type="text/css" href="`+href+`"?>`+"\n")) {
				t.Errorf("%s %s: no stylesheet %s:\n%.200s", f.Title, format, href, out)
			}
			var links []string
			for _, el := range xmlElements(t, out) {
				if strings.HasSuffix(el.path, "div/ul/li/a") || strings.HasSuffix(el.path, "div/p/a") {
					if el.space != nsXHTML {
						t.Errorf("%s %s: %s in namespace %q", f.Title, format, el.path, el.space)
					}
					links = append(links, el.attrs["href"]+" "+el.text)
				}
			}
			want := []string{index + " All feeds of this site", "https://example.com/posts/a/ Tea & <Toast>", "https://example.com/posts/b/ B"}
			if !slices.Equal(links, want) {
				t.Errorf("%s %s: page links %q, want %q", f.Title, format, links, want)
			}
		}
	}
	plain := buildPosts(t, &Options{NoStyle: true}, posts()...)
	for _, format := range []Format{RSS, Atom} {
		if out := write(t, plain.All, format); bytes.Contains(out, []byte("xml-stylesheet")) || bytes.Contains(out, []byte(nsXHTML)) {
			t.Errorf("NoStyle %s has a stylesheet or page:\n%.300s", format, out)
		}
	}
}

func TestPageLanguage(t *testing.T) {
	for lang, want := range map[string]string{"": "en", "en-GB": "en", "fr-CA": "fr", "DE": "de", "es": "es", "hi": "en"} {
		if got := textFor(lang).lang; got != want {
			t.Errorf("textFor(%q) = %s, want %s", lang, got, want)
		}
	}
	set, err := Build(Site{Title: "Notes", URL: "https://example.com/", Language: "fr-CA"}, []*Post{{Title: "A", Published: testDate}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out := write(t, set.All, Atom); !bytes.Contains(out, []byte("Pour suivre ce site")) || !bytes.Contains(out, []byte(`lang="fr"`)) {
		t.Errorf("a fr-CA site's feed page is not in French:\n%s", out)
	}
}

// A tag feed's description, shown on its page, speaks the site's language.
func TestTagDescriptionLanguage(t *testing.T) {
	for _, c := range []struct{ lang, title, want string }{
		{"", "Notes", "Posts tagged go on Notes"},
		{"", "", "Posts tagged go"},
		{"de-AT", "Notizen", "Beiträge mit dem Schlagwort go auf Notizen"},
		{"de", "", "Beiträge mit dem Schlagwort go"},
		{"es", "Notas", "Entradas con la etiqueta go en Notas"},
		{"fr", "Notes", "Articles avec l’étiquette go sur Notes"},
		{"hi", "Notes", "Posts tagged go on Notes"},
	} {
		set, err := Build(Site{Title: c.title, URL: "https://example.com/", Language: c.lang}, []*Post{{Title: "A", Published: testDate, Tags: []string{"go"}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := set.Tags[0].Description; got != c.want {
			t.Errorf("language %q, title %q: tag feed description %q, want %q", c.lang, c.title, got, c.want)
		}
	}
}

// The index of feeds lists every feed's address and links to the OPML list.
func TestWriteIndex(t *testing.T) {
	set := buildPosts(t, &Options{Paths: Paths{OPML: "feeds.opml"}}, &Post{Title: "A", Published: testDate, Tags: []string{"C++"}})
	var buf bytes.Buffer
	if err := set.WriteIndex(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`<html lang="en">`, "<title>Ex – Feeds</title>", `<a href="feeds.opml">`,
		"<code>https://example.com/rss.xml</code>", "<code>https://example.com/feed.json</code>",
		"<code>https://example.com/tags/c-plus-plus/atom.xml</code>", ">C&#43;&#43;</a>"} {
		if !strings.Contains(out, want) {
			t.Errorf("index lacks %s:\n%s", want, out)
		}
	}
}

// WriteDir writes the stylesheet and the index beside the feeds and records
// them in the manifest; turned off, they are removed.
func TestWriteDirPages(t *testing.T) {
	dir := t.TempDir()
	posts := func() []*Post { return []*Post{{Title: "A", Published: testDate}} }
	if _, err := buildPosts(t, nil, posts()...).WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile(filepath.Join(dir, "feed.css"))
	if err != nil || string(css) != feedStyle {
		t.Errorf("feed.css: %v, %d bytes", err, len(css))
	}
	if _, err := os.Stat(filepath.Join(dir, "feeds.html")); err != nil {
		t.Error(err)
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	if !strings.Contains(string(manifest), " feed.css\n") || !strings.Contains(string(manifest), " feeds.html\n") {
		t.Errorf("manifest lacks the pages:\n%s", manifest)
	}
	if _, err := buildPosts(t, &Options{NoStyle: true, NoIndex: true}, posts()...).WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"feed.css", "feeds.html"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s left after it was turned off: %v", name, err)
		}
	}
}

// The Handler serves the pages with their media types, and a feed to a
// browser as XML, so that it applies the stylesheet.
func TestHandlerPages(t *testing.T) {
	h, err := NewHandler(buildPosts(t, nil, &Post{Title: "A", Published: testDate}))
	if err != nil {
		t.Fatal(err)
	}
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	for _, c := range []struct{ path, accept, ctype, vary string }{
		{"/feed.css", "", "text/css; charset=utf-8", ""},
		{"/feeds.html", browser, "text/html; charset=utf-8", ""},
		{"/rss.xml", "", "application/rss+xml; charset=utf-8", "Accept"},
		{"/rss.xml", "application/rss+xml, */*;q=0.1", "application/rss+xml; charset=utf-8", "Accept"},
		{"/rss.xml", "text/html;q=0, */*", "application/rss+xml; charset=utf-8", "Accept"},
		{"/rss.xml", browser, "application/xml; charset=utf-8", "Accept"},
		{"/atom.xml", browser, "application/xml; charset=utf-8", "Accept"},
		{"/feed.json", browser, "application/json; charset=utf-8", "Accept"},
	} {
		req := httptest.NewRequest(http.MethodGet, c.path, nil)
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != c.ctype || rec.Header().Get("Vary") != c.vary {
			t.Errorf("GET %s (Accept %q): %d, Content-Type %q, Vary %q; want 200, %q, %q", c.path, c.accept, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Vary"), c.ctype, c.vary)
		}
	}
}
