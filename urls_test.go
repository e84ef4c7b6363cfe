package sitefeed

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// urlCase is a post file and the URL Build gives it.
type urlCase struct {
	dialect Dialect
	site    Site // URL set by the test when empty
	file    string
	src     string
	want    string
}

func TestGeneratorURLs(t *testing.T) {
	jekyll := Site{Permalink: "/{categories}/{year}/{month}/{day}/{slug_pretty}.html"}
	hugo := Site{Permalink: "/{sections}/{slug}/", ContentDir: "content"}
	eleventy := Site{Permalink: "/{path}/", ContentDir: "."}
	for _, c := range []urlCase{
		{Jekyll, jekyll, "_posts/2024-05-02-cats.md", "---\ntitle: Cats\ncategories: [Go, Web Dev]\n---\n", "/go/web%20dev/2024/05/02/cats.html"},
		{Jekyll, jekyll, "_posts/2024-05-03-catstr.md", "---\ntitle: C\ncategory: news\n---\n", "/news/2024/05/03/catstr.html"},
		{Jekyll, jekyll, "_posts/2024-05-01-plain.md", "---\ntitle: Plain\n---\n", "/2024/05/01/plain.html"},
		{Jekyll, jekyll, "_posts/2024-05-05-own.md", "---\ntitle: Own\npermalink: /notes/:year/:title/\n---\n", "/notes/2024/own/"},
		{Jekyll, jekyll, "_posts/2024-05-06-Mixed-Case.md", "---\ntitle: M\nslug: Custom Slug\n---\n", "/2024/05/06/Custom-Slug.html"},
		{Hugo, hugo, "content/posts/sub/nested.md", "---\ntitle: N\ndate: 2024-05-04\n---\n", "/posts/sub/nested/"},
		{Hugo, hugo, "content/posts/bundle/index.md", "---\ntitle: B\ndate: 2024-05-04\n---\n", "/posts/bundle/"},
		{Hugo, hugo, "content/posts/urled.md", "---\ntitle: U\ndate: 2024-05-03\nurl: /custom/path/\n---\n", "/custom/path/"},
		{Hugo, hugo, "content/posts/slugged.md", "---\ntitle: S\ndate: 2024-05-03\nslug: my-slug\n---\n", "/posts/my-slug/"},
		{Eleventy, eleventy, "blog/2024-05-02-dated.md", "---\ntitle: D\ndate: 2024-05-02\n---\n", "/blog/2024-05-02-dated/"},
		{Eleventy, eleventy, "blog/own.md", "---\ntitle: O\ndate: 2024-05-02\npermalink: /custom/own/\n---\n", "/custom/own/"},
		{Eleventy, eleventy, "blog/file.md", "---\ntitle: F\ndate: 2024-05-02\npermalink: custom/file.html\n---\n", "/custom/file.html"},
		{Zola, Site{Permalink: "/{sections}/{slug}/", ContentDir: "content"}, "content/blog/z.md", "+++\ntitle = \"Z\"\ndate = 2024-05-02\npath = \"elsewhere/z\"\n+++\n", "/elsewhere/z/"}, // Zola's page.rs
		// A base path is kept.
		{Hugo, Site{URL: "https://example.com/blog/", Permalink: "/{sections}/{slug}/", ContentDir: "content"}, "content/posts/a.md", "---\ntitle: A\ndate: 2024-05-04\n---\n", "/blog/posts/a/"},
	} {
		p, err := ParsePost([]byte(c.src), c.file, &LoadOptions{Dialect: c.dialect})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		site := c.site
		if site.URL == "" {
			site.URL = "https://example.com/"
		}
		set, err := Build(site, []*Post{p}, &Options{NoTagFeeds: true})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if got := strings.TrimPrefix(set.Posts[0].URL, "https://example.com"); got != c.want {
			t.Errorf("%s (%s): URL %s, want %s", c.file, c.dialect, got, c.want)
		}
	}
}

func TestUnknownPlaceholder(t *testing.T) {
	post := &Post{Title: "T", Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Slug: "t"}
	for _, perm := range []string{"/{categorie}/{slug}/", "/:year/:title", "/{foo}/"} {
		_, err := Build(Site{URL: "https://example.com/", Permalink: perm}, []*Post{post}, nil)
		var list ErrorList
		if err == nil || errors.As(err, &list) {
			t.Errorf("permalink %q: error %v, want one about the settings", perm, err)
			continue
		}
		name := map[string]string{"/{categorie}/{slug}/": "{categorie}", "/:year/:title": ":year", "/{foo}/": "{foo}"}[perm]
		if !strings.Contains(err.Error(), name) {
			t.Errorf("permalink %q: %v does not name %s", perm, err, name)
		}
	}
	// A Jekyll post's own permalink with a placeholder Jekyll lacks is an
	// error of that post, on its line.
	_, err := ParsePost([]byte("---\ntitle: T\npermalink: /:foo/\n---\n"), "_posts/2024-01-01-t.md", &LoadOptions{Dialect: Jekyll})
	var pe *PostError
	if !errors.As(err, &pe) || pe.Line != 3 || !strings.Contains(pe.Error(), ":foo") {
		t.Errorf("Jekyll permalink /:foo/: %v, want an error on line 3 naming :foo", err)
	}
}

func TestEleventyTemplatePermalink(t *testing.T) {
	p, err := ParsePost([]byte("---\ntitle: T\ndate: 2024-01-01\npermalink: \"/x/{{ page.fileSlug }}/\"\n---\n"), "blog/t.md", &LoadOptions{Dialect: Eleventy})
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != "" || len(p.Warnings) != 1 || p.Warnings[0].Line != 4 || p.Warnings[0].Path != "blog/t.md" || !strings.Contains(p.Warnings[0].Error(), "{{ page.fileSlug }}") {
		t.Errorf("URL %q, warnings %v: want none and one warning naming the template on line 4", p.URL, p.Warnings)
	}
}

func TestHugoPublication(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	parse := func(src string) *Post {
		p, err := ParsePost([]byte(src), "content/posts/"+src[11:12]+".md", &LoadOptions{Dialect: Hugo})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	expired := parse("---\ntitle: E\ndate: 2024-05-07\nexpiryDate: 2024-05-08\n---\n")
	future := parse("---\ntitle: F\ndate: 2024-05-08\npublishDate: 2099-01-01\n---\n")
	live := parse("---\ntitle: L\ndate: 2024-05-09\nexpiryDate: 2099-01-01\ntags: [go]\ncategories: [News]\nlast_modified_at: 2024-05-10\n---\n")
	site := Site{URL: "https://example.com/", Permalink: "/{slug}/"}
	set, err := Build(site, []*Post{expired, future, live}, &Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Posts) != 1 || set.Posts[0].Title != "L" || set.Expired != 1 || set.Future != 1 {
		t.Fatalf("posts %d (expired %d, future %d), want L alone, one expired, one future", len(set.Posts), set.Expired, set.Future)
	}
	if p := set.Posts[0]; !p.Updated.Equal(time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("updated %v, want last_modified_at", p.Updated)
	}
	if len(set.Tags) != 1 || set.Tags[0].Tag != "go" {
		t.Errorf("tag feeds %v: want go alone (Hugo's categories are not tags)", set.Tags)
	}
	// Without Now, nothing expires.
	if set, err = Build(site, []*Post{expired, future, live}, nil); err != nil {
		t.Fatal(err)
	}
	if len(set.Posts) != 3 {
		t.Errorf("without Now: %d posts, want 3", len(set.Posts))
	}
	// Elsewhere categories are tags, as before.
	p, err := ParsePost([]byte("---\ntitle: T\ndate: 2024-01-01\ntags: [go]\ncategories: [News]\n---\n"), "a.md", nil)
	if err != nil || strings.Join(p.Tags, ",") != "go,News" || strings.Join(p.Categories, ",") != "News" {
		t.Errorf("plain: tags %q, categories %q, %v", p.Tags, p.Categories, err)
	}
}

// TestSourceLinks: a link to another post's source file becomes that
// post's URL, in Markdown and in raw HTML, with or without Lazy; one to a
// source file that is no post stays, with a warning on its line.
func TestSourceLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"blog/first.md":        {Data: []byte("---\ntitle: First\ndate: 2024-01-01\n---\nSee [second](./second.md#part), [third](../notes/third.mdx?x=1),\n<a href=\"second.markdown\">raw</a> and ![img](pic.png).\n\n[gone](missing.md) and [abs](/blog/second.md) and `[code](x.md)`.\n")},
		"blog/second.markdown": {Data: []byte("---\ntitle: Second\ndate: 2024-01-02\n---\nBody.\n")},
		"notes/third.md":       {Data: []byte("---\ntitle: Third\ndate: 2024-01-03\n---\nBody.\n")},
	}
	site := Site{URL: "https://example.com/", Permalink: "/{path}/"}
	var feeds [2]string
	for i, lazy := range []bool{false, true} {
		posts, err := LoadDir(fsys, ".", &LoadOptions{Lazy: lazy})
		if err != nil {
			t.Fatal(err)
		}
		set, err := Build(site, posts, &Options{NoTagFeeds: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := set.All.Write(&buf, Atom); err != nil {
			t.Fatal(err)
		}
		feeds[i] = buf.String()
		var first *Post
		for _, p := range set.Posts {
			if p.Title == "First" {
				first = p
			}
		}
		if len(first.Warnings) != 1 || first.Warnings[0].Line != 8 || !strings.Contains(first.Warnings[0].Error(), "missing.md") {
			t.Errorf("lazy %v: warnings %v, want one for missing.md on line 8", lazy, first.Warnings)
		}
	}
	if feeds[0] != feeds[1] {
		t.Errorf("lazy and eager feeds differ:\n%s\n%s", feeds[0], feeds[1])
	}
	for _, want := range []string{
		`href="https://example.com/blog/second/#part"`,
		`href="https://example.com/notes/third/?x=1"`,
		`href="https://example.com/blog/second/">raw`,
		`href="https://example.com/blog/first/missing.md"`,
		`href="https://example.com/blog/second/">abs`, // from the content folder, as in Eleventy
		`src="https://example.com/blog/first/pic.png"`,
		`[code](x.md)`,
	} {
		if !strings.Contains(feeds[0], want) {
			t.Errorf("feed lacks %s:\n%s", want, feeds[0])
		}
	}
}

// TestNextChange checks Set.NextChange, the moment a build of the same
// posts would change: the first post to come due or to expire.
func TestNextChange(t *testing.T) {
	parse := func(name, front string) *Post {
		p, err := ParsePost([]byte("---\ntitle: "+name+"\n"+front+"---\nBody.\n"), "content/posts/"+name+".md", &LoadOptions{Dialect: Hugo})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	posts := func() []*Post {
		return []*Post{
			parse("old", "date: 2024-01-01\n"),
			parse("expires", "date: 2024-01-02\nexpiryDate: 2024-03-01\n"),
			parse("future", "date: 2024-04-01\n"),
			parse("publishdate", "date: 2024-01-03\npublishDate: 2024-05-01\n"),
			parse("draft", "date: 2024-06-01\ndraft: true\n"),
		}
	}
	site := Site{URL: "https://example.com/", Permalink: "/{slug}/"}
	for _, tc := range []struct {
		now, want time.Time
	}{
		{day("2024-02-01"), day("2024-03-01").Add(time.Nanosecond)}, // the expiry
		{day("2024-03-01"), day("2024-03-01").Add(time.Nanosecond)}, // not expired at its instant
		{day("2024-03-02"), day("2024-04-01")},                      // the future post
		{day("2024-04-15"), day("2024-05-01")},                      // Hugo's publishDate
		{day("2024-05-02"), time.Time{}},                            // the draft never comes
		{time.Time{}, time.Time{}},                                  // no clock
	} {
		set, err := Build(site, posts(), &Options{Now: tc.now})
		if err != nil {
			t.Fatal(err)
		}
		if !set.NextChange.Equal(tc.want) {
			t.Errorf("Now %v: NextChange %v, want %v", tc.now, set.NextChange, tc.want)
		}
	}
	// A feed without items is dated Now: any later moment changes it.
	now := day("2024-01-01")
	set, err := Build(site, nil, &Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if want := now.Add(time.Nanosecond); !set.NextChange.Equal(want) {
		t.Errorf("no posts: NextChange %v, want %v", set.NextChange, want)
	}
}
