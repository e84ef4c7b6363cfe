package generator

import (
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// files makes an fs.FS of file names and contents.
func files(kv ...string) fs.FS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

// detectCase is a site and what Detect must find in it. Notes are checked
// only for the lines listed in notes, which must all be there.
type detectCase struct {
	name  string
	fsys  fs.FS
	want  *Site
	notes []string
}

// check runs Detect on c.fsys and compares the result with c.want.
func (c detectCase) check(t *testing.T) {
	t.Helper()
	got, err := Detect(c.fsys)
	if err != nil {
		t.Fatalf("Detect: %v", err)
	}
	if c.want == nil {
		if got != nil {
			t.Fatalf("Detect = %+v, want nil", got)
		}
		return
	}
	if got == nil {
		t.Fatal("Detect = nil")
	}
	for _, n := range c.notes {
		if !slices.Contains(got.Notes, n) {
			t.Errorf("no note %q in\n\t%s", n, strings.Join(got.Notes, "\n\t"))
		}
	}
	notes := got.Notes
	got.Notes = nil
	if !reflect.DeepEqual(got, c.want) {
		t.Errorf("Detect =\n%#v\nwant\n%#v\nnotes:\n\t%s", *got, *c.want, strings.Join(notes, "\n\t"))
	}
}

// TestDetectStarters reads the trimmed copies of the generators' own
// starters in testdata (see testdata/README.md).
func TestDetectStarters(t *testing.T) {
	for _, c := range []detectCase{{
		name: "astro-blog",
		want: &Site{
			Generator: Astro, ConfigFile: "astro.config.mjs",
			SiteURL: "https://example.com/", BasePath: "/",
			Title: "Astro Blog", Description: "Welcome to my website!",
			Posts:          []PostDir{{Dir: "src/content/blog", Permalink: "/blog/{slug}/", Rule: "/blog/[...slug]/"}},
			OutputDir:      "dist",
			GeneratorFiles: []string{"rss.xml", "sitemap-*.xml"},
		},
		notes: []string{
			"site URL https://example.com from astro.config.mjs:9",
			`title "Astro Blog" from src/consts.ts:4`,
			"posts in src/content/blog from src/content.config.ts:7",
			"src/pages/rss.xml.js writes dist/rss.xml",
		},
	}, {
		name: "eleventy-base-blog",
		want: &Site{
			Generator: Eleventy, ConfigFile: "eleventy.config.js",
			SiteURL: "https://example.com/", BasePath: "/",
			Title:       "Eleventy Base Blog v9",
			Description: "I am writing about my experiences as a naval navel-gazer.",
			Language:    "en", Author: "Your Name Here <youremailaddress@example.com>",
			ContentDir:     "content",
			Posts:          []PostDir{{Dir: "content/blog", Permalink: "/{path}/"}},
			DraftKey:       "draft",
			Taxonomies:     map[string]string{"tags": "/tags/{term}/"},
			OutputDir:      "_site",
			GeneratorFiles: []string{"sitemap.xml", "feed/feed.xml"},
		},
		notes: []string{
			`input folder "content" from eleventy.config.js:150`,
			"site URL https://example.com/ from _data/metadata.js:3",
			"posts in content/blog: tagged posts by content/blog/blog.11tydata.js:3",
			"tags pages /tags/{term}/ from content/tag-pages.njk:18",
			"the feed plugin writes feed/feed.xml (eleventy.config.js:65)",
		},
	}, {
		name: "hugo-basic",
		want: &Site{
			Generator: Hugo, ConfigFile: "config.toml",
			SiteURL: "https://gohugo.io/", BasePath: "/",
			Title: "Hugo Themes", Language: "en", Author: "Steve Francia",
			ContentDir: "content",
			Posts:      []PostDir{{Dir: "content/post", Permalink: "/{sections|lower}/{slug|lower}/", Rule: "/:sections/:slugorfilename/"}},
			DraftKey:   "draft",
			Taxonomies: map[string]string{
				"categories": "/categories/{term}/", "series": "/series/{term}/", "tags": "/tags/{term}/",
			},
			OutputDir:      "public",
			GeneratorFiles: []string{"**/index.xml", "sitemap.xml"},
		},
		notes: []string{
			"site URL https://gohugo.io/ from config.toml:1",
			"posts in content/post: the section with the most dated pages (3)",
			"taxonomies categories, series, tags from config.toml:21",
		},
	}, {
		name: "jekyll-new",
		want: &Site{
			Generator: Jekyll, ConfigFile: "_config.yml", BasePath: "/",
			Title:       "Your awesome title",
			Description: "Write an awesome description for your new site here. You can edit this line in _config.yml. It will appear in your document head meta (for Google search results) and in your feed.xml site description.",
			Posts: []PostDir{{
				Dir: "_posts", Drafts: "_drafts",
				Rule:      "/:categories/:year/:month/:day/:title:output_ext",
				Permalink: "/{categories}/{year}/{month}/{day}/{slug_pretty}.html",
			}},
			PublishedKey:   "published",
			OutputDir:      "_site",
			GeneratorFiles: []string{"feed.xml"},
			Warnings:       []string{"no url in _config.yml: pass -url"},
		},
		notes: []string{
			"permalink /:categories/:year/:month/:day/:title:output_ext from Jekyll's default",
			"jekyll-feed writes feed.xml (plugins in _config.yml:34)",
		},
	}, {
		name: "zola",
		want: &Site{
			Generator: Zola, ConfigFile: "config.toml",
			SiteURL: "https://zola.example.org/notes/", BasePath: "/notes/",
			Title: "Zola notes", Description: "A small Zola site for the detection tests.",
			Language: "fr", Author: "Ana Lima",
			ContentDir:     "content",
			Posts:          []PostDir{{Dir: "content/blog", Permalink: "/{sections}/{slug|lower}/"}},
			DraftKey:       "draft",
			Taxonomies:     map[string]string{"categories": "/categories/{term}/", "tags": "/tags/{term}/"},
			OutputDir:      "public",
			GeneratorFiles: []string{"**/atom.xml", "**/rss.xml", "sitemap.xml", "robots.txt"},
		},
		notes: []string{
			"site URL https://zola.example.org/notes/ from config.toml:2",
			"posts in content/blog: the section with the most dated pages (3)",
		},
	}} {
		c.fsys = os.DirFS("testdata/" + c.name)
		t.Run(c.name, c.check)
	}
}

// TestDetectAs checks that DetectAs takes the named generator when another
// one comes first, and finds nothing when its files are absent.
func TestDetectAs(t *testing.T) {
	fsys := files(
		"hugo.toml", "baseURL = 'https://hugo.example/'\n",
		"_config.yml", "url: https://jekyll.example\n",
	)
	if s, err := Detect(fsys); err != nil || s.Generator != Hugo {
		t.Fatalf("Detect = %+v, %v; want hugo", s, err)
	}
	s, err := DetectAs(fsys, Jekyll)
	if err != nil || s == nil || s.Generator != Jekyll || s.SiteURL != "https://jekyll.example/" {
		t.Fatalf("DetectAs(jekyll) = %+v, %v", s, err)
	}
	if s, err := DetectAs(fsys, Zola); s != nil || err != nil {
		t.Fatalf("DetectAs(zola) = %+v, %v; want nil", s, err)
	}
}
