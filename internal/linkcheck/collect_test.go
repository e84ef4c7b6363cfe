package linkcheck

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCollect(t *testing.T) {
	feeds, err := Collect(os.DirFS("testdata/feeds"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	items := map[string]int{}
	var templates []string
	for _, f := range feeds {
		items[f.File] = f.Items
		for _, l := range f.Links {
			got = append(got, l.File+" "+string(l.Kind)+" "+l.URL)
		}
		for _, tt := range f.Templates {
			templates = append(templates, tt.File+" "+tt.Item+" "+tt.Text)
		}
	}
	want := []string{
		"atom.xml feed link https://example.com/blog/",
		"atom.xml feed link https://example.com/blog/feeds/atom.xml",
		"atom.xml image https://example.com/blog/icon.png",
		"atom.xml item link https://example.com/blog/one/",
		"atom.xml enclosure https://example.com/blog/one/talk.mp3",
		"atom.xml author link https://example.com/blog/about/",
		"atom.xml content https://example.com/blog/one/poster.jpg",
		"atom.xml content https://example.com/blog/one/clip.mp4",
		"feed.json feed link https://example.com/blog/",
		"feed.json feed link https://example.com/blog/feeds/feed.json",
		"feed.json image https://example.com/blog/favicon.ico",
		"feed.json item link https://example.com/blog/one/",
		"feed.json item link https://other.example/page",
		"feed.json image https://example.com/blog/one/hero.webp",
		"feed.json image https://example.com/blog/one/banner.webp",
		"feed.json enclosure https://example.com/blog/one/slides.pdf",
		"feed.json content https://example.com/blog/two/#part",
		"feeds.opml opml link https://example.com/blog/feeds/rss.xml",
		"feeds.opml opml link https://example.com/blog/",
		"feeds.opml opml link https://example.com/blog/feeds/tags/go/rss.xml",
		"feeds.opml opml link https://example.com/blog/tags/go/",
		"rss.xml feed link https://example.com/blog/",
		"rss.xml image https://example.com/blog/logo.png",
		"rss.xml feed link https://example.com/blog/",
		"rss.xml feed link https://example.com/blog/feeds/rss.xml",
		"rss.xml item link https://example.com/blog/one/",
		"rss.xml enclosure https://example.com/blog/one/talk.mp3",
		"rss.xml image https://example.com/blog/one/thumb.jpg",
		"rss.xml content https://example.com/blog/two/",
		"rss.xml content https://example.com/blog/one/pic.png",
		"rss.xml content https://example.com/blog/one/pic-1x.png",
		"rss.xml content https://example.com/blog/one/pic-2x.png",
		"rss.xml content https://other.example/",
		"tags/go/feed.json feed link https://example.com/blog/tags/go/",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantItems := map[string]int{"atom.xml": 1, "feed.json": 1, "feeds.opml": 0, "rss.xml": 1, "tags/go/feed.json": 0}
	if !reflect.DeepEqual(items, wantItems) {
		t.Errorf("items = %v, want %v", items, wantItems)
	}
	wantTemplates := []string{
		"atom.xml https://example.com/blog/one/ {{< youtube x >}}",
		"rss.xml https://example.com/blog/one/ {% highlight go %}",
	}
	if !reflect.DeepEqual(templates, wantTemplates) {
		t.Errorf("templates = %q, want %q", templates, wantTemplates)
	}
}

func TestCollectErrors(t *testing.T) {
	for name, data := range map[string]string{
		"bad.xml":   "<html><body>not a feed</body></html>",
		"bad.json":  "{",
		"bad.opml":  "<opml><body>",
		"trunc.xml": `<rss version="2.0"><channel><title>x`,
	} {
		_, err := Collect(fstest.MapFS{name: {Data: []byte(data)}})
		if err == nil || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
	}
}

func TestSrcset(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a.png", []string{"a.png"}},
		{"a.png 1x, b.png 2x", []string{"a.png", "b.png"}},
		{" a.png 100w,b.png 200w ", []string{"a.png", "b.png"}},
		{"a.png,b.png 2x", []string{"a.png,b.png"}}, // a comma inside a URL is part of it
		{"a.png, b.png 2x", []string{"a.png", "b.png"}},
		{"a,1.png 1x, b.png (x, y) 2x, c.png", []string{"a,1.png", "b.png", "c.png"}},
		{"", nil},
	} {
		if got := srcset(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("srcset(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTemplateText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`<p>{% post_url 2024-01-05-x %}</p>`, []string{"{% post_url 2024-01-05-x %}"}},
		{`<p>{{&lt; youtube id &gt;}} and {{ .Title }}</p>`, []string{"{{< youtube id >}}", "{{ .Title }}"}},
		{`<pre><code>{{ shown }}</code></pre><code>{% raw %}</code>`, nil},
		{`<p>{% open` + "\n" + `tag</p>`, []string{"{% open"}},
		{`<p>{ % not % } {x}</p>`, nil},
		{`<a href="{{ site.url }}">x</a>`, nil},
	} {
		if got := templateText(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("templateText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
