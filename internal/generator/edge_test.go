package generator

import (
	"github.com/sitefeed/sitefeed/internal/permalink"
	"strings"
	"testing"
)

// hugoPosts is the content of the Hugo edge cases: a blog section of dated
// posts and a docs section of undated pages, which has more pages.
var hugoPosts = []string{
	"content/_index.md", "+++\ntitle = \"Home\"\n+++\n",
	"content/blog/_index.md", "---\ntitle: Blog\ndate: 2024-01-01\n---\n",
	"content/blog/one.md", "---\ntitle: One\ndate: 2024-01-02\n---\n",
	"content/blog/two/index.md", "+++\ntitle = \"Two\"\ndate = 2024-01-03\n+++\n",
	"content/docs/a.md", "---\ntitle: A\n---\n",
	"content/docs/b.md", "---\ntitle: B\n---\n",
	"content/docs/c.md", "---\ntitle: C\n---\n",
}

// hugoSite is what the Hugo configurations of TestDetectHugoFormats state.
func hugoSite(file string) *Site {
	return &Site{
		Generator: Hugo, ConfigFile: file,
		SiteURL: "https://example.org/docs/", BasePath: "/docs/",
		Title: "Widgets", Description: "All about widgets", Language: "en-us",
		Author: "Ana <ana@example.org>", ContentDir: "content",
		Posts: []PostDir{{
			Dir: "content/blog", Rule: "/:year/:month/:slugorfilename/",
			Permalink: "/{year}/{month}/{slug|lower}/",
		}},
		DraftKey:       "draft",
		Taxonomies:     map[string]string{"tags": "/tags/{term}/"},
		OutputDir:      "public",
		GeneratorFiles: []string{"**/index.xml", "sitemap.xml"},
	}
}

func TestDetectHugoFormats(t *testing.T) {
	toml := `baseURL = 'https://example.org/docs/'
languageCode = 'en-us'
title = 'Widgets'
[params]
description = 'All about widgets'
mainSections = ['blog']
[params.author]
name = 'Ana'
email = 'ana@example.org'
[permalinks]
blog = '/:year/:month/:slugorfilename/'
[taxonomies]
tag = 'tags'
`
	yaml := `baseURL: https://example.org/docs/
languageCode: en-us
title: Widgets
params:
  description: All about widgets
  mainSections: [blog]
  author:
    name: Ana
    email: ana@example.org
permalinks:
  page:
    blog: /:year/:month/:slugorfilename/
taxonomies:
  tag: tags
`
	json := `{
  "baseURL": "https://example.org/docs/",
  "languageCode": "en-us",
  "title": "Widgets",
  "params": {
    "description": "All about widgets",
    "mainSections": ["blog"],
    "author": {"name": "Ana", "email": "ana@example.org"}
  },
  "permalinks": {"blog": "/:year/:month/:slugorfilename/"},
  "taxonomies": {"tag": "tags"}
}
`
	for _, c := range []detectCase{{
		name:  "hugo.toml",
		fsys:  files(append([]string{"hugo.toml", toml}, hugoPosts...)...),
		want:  hugoSite("hugo.toml"),
		notes: []string{"main sections blog from hugo.toml:6", `author "Ana <ana@example.org>" from hugo.toml:7`},
	}, {
		name:  "hugo.yaml",
		fsys:  files(append([]string{"hugo.yaml", yaml}, hugoPosts...)...),
		want:  hugoSite("hugo.yaml"),
		notes: []string{"permalink /:year/:month/:slugorfilename/ for blog from hugo.yaml:12"},
	}, {
		name:  "hugo.json",
		fsys:  files(append([]string{"hugo.json", json}, hugoPosts...)...),
		want:  hugoSite("hugo.json"),
		notes: []string{"site URL https://example.org/docs/ from hugo.json:2"},
	}, {
		name: "config.yaml with baseURL",
		fsys: files(append([]string{"config.yaml", yaml}, hugoPosts...)...),
		want: hugoSite("config.yaml"),
	}, {
		name: "config/_default",
		fsys: files(append([]string{
			"config/_default/hugo.toml", "baseurl = 'https://example.org/docs/'\nlanguageCode = 'en-us'\ntitle = 'Widgets'\n[permalinks]\nblog = '/:year/:month/:slugorfilename/'\n[taxonomies]\ntag = 'tags'\n",
			"config/_default/params.toml", "description = 'All about widgets'\n\n[author]\nname = 'Ana'\nemail = 'ana@example.org'\n",
			"config/_default/menus.en.toml", "[[main]]\nname = 'Home'\n",
		}, hugoPosts...)...),
		want: hugoSite("config/_default/hugo.toml"),
		notes: []string{
			"site URL https://example.org/docs/ from config/_default/hugo.toml:1",
			`author "Ana <ana@example.org>" from config/_default/params.toml:3`,
			"posts in content/blog: the section with the most dated pages (2)",
		},
	}} {
		t.Run(c.name, c.check)
	}
}

func TestDetectHugoRules(t *testing.T) {
	posts := strings.Join(hugoPosts, "\x00")
	site := func(conf string) []string {
		return append([]string{"hugo.toml", "baseURL = 'https://example.org/'\n" + conf}, strings.Split(posts, "\x00")...)
	}
	base := func() *Site {
		return &Site{
			Generator: Hugo, ConfigFile: "hugo.toml", SiteURL: "https://example.org/", BasePath: "/",
			ContentDir:     "content",
			Posts:          []PostDir{{Dir: "content/blog", Rule: "/:sections/:slugorfilename/", Permalink: "/{sections|lower}/{slug|lower}/"}},
			DraftKey:       "draft",
			Taxonomies:     map[string]string{"tags": "/tags/{term}/", "categories": "/categories/{term}/"},
			OutputDir:      "public",
			GeneratorFiles: []string{"**/index.xml", "sitemap.xml"},
		}
	}
	title := base()
	title.Posts[0] = PostDir{Dir: "content/blog", Rule: "/:year/:title/", Permalink: "/{year}/{title|lower}/"}
	noTax := base()
	noTax.Taxonomies = nil
	ugly := base()
	ugly.Posts[0] = PostDir{Dir: "content/blog", Rule: "/:sections/:slugorfilename.html", Permalink: "/{sections|lower}/{slug|lower}.html"}
	out := base()
	out.OutputDir = "build"
	for _, c := range []detectCase{{
		name:  "default rules",
		fsys:  files(site("")...),
		want:  base(),
		notes: []string{"taxonomies categories, tags: Hugo's default"},
	}, {
		name:  "permalink with :title",
		fsys:  files(site("[permalinks]\n  [permalinks.page]\n  blog = '/:year/:title/'\n")...),
		want:  title,
		notes: []string{"permalink /:year/:title/ for blog from hugo.toml:4"},
	}, {
		name:  "empty taxonomies",
		fsys:  files(site("[taxonomies]\n")...),
		want:  noTax,
		notes: []string{"no taxonomies: [taxonomies] is empty in hugo.toml:2"},
	}, {
		name: "term pages disabled",
		fsys: files(site("disableKinds = ['term']\n")...),
		want: noTax,
	}, {
		name: "ugly URLs",
		fsys: files(site("uglyURLs = true\n")...),
		want: ugly,
	}, {
		name: "publishDir",
		fsys: files(site("publishDir = 'build'\n")...),
		want: out,
	}} {
		t.Run(c.name, c.check)
	}
}

func TestDetectJekyll(t *testing.T) {
	site := func(conf string) *Site {
		return &Site{
			Generator: Jekyll, ConfigFile: "_config.yml",
			PublishedKey: "published", OutputDir: "_site",
			Posts: []PostDir{{Dir: "_posts", Drafts: "_drafts"}},
		}
	}
	baseurl := site("")
	baseurl.SiteURL, baseurl.BasePath = "https://example.com/blog/", "/blog/"
	baseurl.Title, baseurl.Language, baseurl.Author = "Blog", "pt-BR", "Ana <ana@example.com>"
	baseurl.Posts[0].Rule = "/:categories/:year/:month/:day/:title/"
	baseurl.Posts[0].Permalink = "/{categories}/{year}/{month}/{day}/{slug_pretty}/"
	own := site("")
	own.SiteURL, own.BasePath = "https://example.com/", "/"
	own.ExcerptSeparator = "<!--more-->"
	own.Posts[0].Rule, own.Posts[0].Permalink = "/:year/:month/:title:output_ext", "/{year}/{month}/{slug_pretty}.html"
	collections := site("")
	collections.SiteURL, collections.BasePath = "https://example.com/", "/"
	collections.ContentDir = "my"
	collections.Posts[0] = PostDir{Dir: "my/_posts", Drafts: "my/_drafts", Rule: "/:categories/:title:output_ext", Permalink: "/{categories}/{slug_pretty}.html"}
	collections.OutputDir = "out"
	collections.GeneratorFiles = []string{"atom.xml", "sitemap.xml"}
	nested := site("")
	nested.SiteURL, nested.BasePath = "https://example.com/", "/"
	date := "/{categories}/{year}/{month}/{day}/{slug_pretty}.html"
	nested.Posts[0].Rule, nested.Posts[0].Permalink = permalink.JekyllStyles["date"], date
	nested.Posts = append(nested.Posts, PostDir{Dir: "notes/_posts", Drafts: "notes/_drafts", Rule: permalink.JekyllStyles["date"], Permalink: date})
	for _, c := range []detectCase{{
		name: "baseurl, pretty",
		fsys: files("_config.yml", "title: Blog\nlang: pt-BR\nurl: https://example.com\nbaseurl: /blog\npermalink: pretty\nauthor:\n  name: Ana\n  email: ana@example.com\n"),
		want: baseurl,
		notes: []string{
			"site URL https://example.com/blog/ from _config.yml:3",
			"base path /blog/ from _config.yml:4",
			"permalink /:categories/:year/:month/:day/:title/ from _config.yml:5",
		},
	}, {
		name: "own pattern",
		fsys: files("_config.yml", "url: https://example.com/\npermalink: /:year/:month/:title:output_ext\nexcerpt_separator: <!--more-->\n"),
		want: own,
		notes: []string{
			"site URL https://example.com/ from _config.yml:1",
			`excerpt separator "<!--more-->" from _config.yml:3`,
			"permalink /:year/:month/:title:output_ext from _config.yml:2",
		},
	}, {
		name: "collections_dir, posts permalink none, feed path",
		fsys: files("_config.yml", "url: https://example.com\ncollections_dir: my\ndestination: out\npermalink: date\ncollections:\n  posts:\n    permalink: none\nplugins: [jekyll-feed, jekyll-sitemap]\nfeed:\n  path: /atom.xml\n"),
		want: collections,
		notes: []string{
			"permalink /:categories/:title:output_ext from _config.yml:7",
		},
	}, {
		name: "posts in a subfolder",
		fsys: files("_config.yml", "url: https://example.com\n",
			"_posts/2024-01-01-a.md", "---\n---\n", "notes/_posts/2024-01-02-b.md", "---\n---\n",
			"_site/old/_posts/x.md", "", "_includes/_posts/x.md", "", "node_modules/p/_posts/x.md", ""),
		want: nested,
	}} {
		t.Run(c.name, c.check)
	}
}

func TestDetectAstro(t *testing.T) {
	pages := []string{
		"src/content/blog/a.md", "---\ntitle: A\n---\n",
		"src/pages/posts/[slug].astro", "---\n---\n",
		"src/pages/tags/[tag].astro", "---\n---\n",
		"src/pages/feed.xml.ts", "export function GET() {}\n",
		"src/pages/og/[slug].png.ts", "export function GET() {}\n",
	}
	with := func(conf string) []string {
		return append([]string{"astro.config.mjs", conf}, pages...)
	}
	site := func() *Site {
		return &Site{
			Generator: Astro, ConfigFile: "astro.config.mjs",
			SiteURL: "https://example.com/", BasePath: "/",
			Posts:          []PostDir{{Dir: "src/content/blog", Rule: "/posts/[slug]/", Permalink: "/posts/{slug}/"}},
			Taxonomies:     map[string]string{"tags": "/tags/{term}/"},
			OutputDir:      "dist",
			GeneratorFiles: []string{"feed.xml"},
		}
	}
	missing := site()
	missing.SiteURL = ""
	missing.Warnings = []string{"no site in astro.config.mjs: pass -url"}
	computed := site()
	computed.SiteURL = ""
	computed.BasePath = "/"
	computed.Warnings = []string{
		"site URL in astro.config.mjs:3 is computed (process…), not read: pass -url",
		"base path in astro.config.mjs:4 is computed (`/${process.env.BASE}`), not read: pass -url",
	}
	file := site()
	file.SiteURL, file.BasePath = "https://example.com/docs/", "/docs/"
	file.Posts[0].Rule, file.Posts[0].Permalink = "/posts/[slug].html", "/posts/{slug}.html"
	file.Taxonomies["tags"] = "/tags/{term}.html"
	file.OutputDir = "build"
	never := site()
	never.Posts[0].Rule, never.Posts[0].Permalink = "/posts/[slug]", "/posts/{slug}"
	never.Taxonomies["tags"] = "/tags/{term}"
	for _, c := range []detectCase{{
		name: "site missing",
		fsys: files(with("export default defineConfig({ integrations: [] });\n")...),
		want: missing,
	}, {
		name: "computed values",
		fsys: files(with("// site: 'https://commented.example'\nexport default defineConfig({\n  site: process.env.SITE,\n  base: `/${process.env.BASE}`,\n});\n")...),
		want: computed,
	}, {
		name: "base, outDir, build.format file",
		fsys: files(with("export default {\n  site: \"https://example.com\",\n  base: '/docs',\n  outDir: './build',\n  build: { format: 'file' },\n  image: { service: { entrypoint: 'x', config: { site: 'ignored' } } },\n}\n")...),
		want: file,
		notes: []string{
			"base path \"/docs\" from astro.config.mjs:3",
			"permalink /posts/{slug}.html from the route src/pages/posts/[slug].astro",
			"tags pages /tags/{term}.html from the route src/pages/tags/[tag].astro",
			"src/pages/feed.xml.ts writes build/feed.xml",
		},
	}, {
		name: "trailingSlash never",
		fsys: files(with("export default defineConfig({ site: 'https://example.com/', trailingSlash: 'never' })\n")...),
		want: never,
	}} {
		t.Run(c.name, c.check)
	}
}

func TestDetectEleventy(t *testing.T) {
	cjs := `module.exports = function(eleventyConfig) {
	eleventyConfig.addPassthroughCopy("img");
	return {
		dir: { input: "src", output: "dist" },
		pathPrefix: "/blog/",
	};
};
`
	want := &Site{
		Generator: Eleventy, ConfigFile: ".eleventy.js", BasePath: "/blog/",
		ContentDir: "src",
		Posts:      []PostDir{{Dir: "src/posts", Permalink: "/{path}/"}},
		OutputDir:  "dist",
		Warnings:   []string{"no site URL in src/_data/metadata.* nor in .eleventy.js: pass -url"},
	}
	jsonData := &Site{
		Generator: Eleventy, ConfigFile: "eleventy.config.mjs",
		SiteURL: "https://example.net/", BasePath: "/", Title: "Notes", Author: "Ana",
		ContentDir: ".",
		Posts:      []PostDir{{Dir: "notes", Permalink: "/{path}/"}},
		OutputDir:  "_site",
	}
	computed := &Site{
		Generator: Eleventy, ConfigFile: "eleventy.config.js", BasePath: "/",
		ContentDir: ".",
		Posts:      []PostDir{{Dir: "blog", Permalink: "/{path}/"}},
		OutputDir:  "_site",
		Warnings: []string{
			"input folder in eleventy.config.js:2 is computed (process…), not read: pass -src",
			"no site URL in _data/metadata.* nor in eleventy.config.js: pass -url",
		},
	}
	for _, c := range []detectCase{{
		name:  ".eleventy.js, posts folder by convention",
		fsys:  files(".eleventy.js", cjs, "src/posts/a.md", "---\ntitle: A\n---\n", "src/index.njk", "hi"),
		want:  want,
		notes: []string{`path prefix "/blog/" from .eleventy.js:5`, "posts in src/posts, a usual folder for them"},
	}, {
		name: "metadata.json, posts by a JSON directory data file",
		fsys: files("eleventy.config.mjs", "export default function(c) {}\n",
			"_data/metadata.json", `{"url": "https://example.net", "title": "Notes", "author": {"name": "Ana"}}`,
			"notes/notes.11tydata.json", `{"tags": ["posts"]}`,
			"notes/a.md", "---\ntitle: A\n---\n"),
		want:  jsonData,
		notes: []string{"posts in notes: tagged posts by notes/notes.11tydata.json:1"},
	}, {
		name: "computed input",
		fsys: files("eleventy.config.js", "export const config = {\n\tdir: { input: process.env.IN },\n};\n",
			"blog/a.md", "---\ntitle: A\n---\n"),
		want: computed,
	}} {
		t.Run(c.name, c.check)
	}
}

func TestDetectChoice(t *testing.T) {
	zola := &Site{
		Generator: Zola, ConfigFile: "zola.toml",
		SiteURL: "https://example.org/", BasePath: "/", Language: "en", DraftKey: "draft",
		OutputDir: "public", GeneratorFiles: []string{"**/atom.xml", "sitemap.xml", "robots.txt"},
		Warnings: []string{"no section of content holds dated pages: pass -src"},
	}
	astro := &Site{
		Generator: Astro, ConfigFile: "astro.config.ts", SiteURL: "https://example.com/", BasePath: "/",
		OutputDir: "dist",
		Warnings:  []string{"no posts folder found (no loader base, no src/content/blog): pass -src"},
	}
	for _, c := range []detectCase{{
		name: "no generator",
		fsys: files("README.md", "# hi", "posts/a.md", "---\ntitle: A\n---\n"),
	}, {
		name: "config.toml of another tool",
		fsys: files("config.toml", "[server]\nport = 8080\n"),
	}, {
		name: "zola.toml",
		fsys: files("zola.toml", "base_url = \"https://example.org\"\n"),
		want: zola,
	}, {
		name:  "Astro and a _config.yml for GitHub Pages",
		fsys:  files("astro.config.ts", "export default defineConfig({ site: 'https://example.com' })", "_config.yml", "include: [_astro]\n"),
		want:  astro,
		notes: []string{"astro site, from astro.config.ts", "also found _config.yml (jekyll), not used: astro comes first"},
	}} {
		t.Run(c.name, c.check)
	}
}

func TestDetectHugoBeforeConfigToml(t *testing.T) {
	s, err := Detect(files("hugo.toml", "baseURL = 'https://new.example/'\n", "config.toml", "baseURL = 'https://old.example/'\n"))
	if err != nil || s == nil {
		t.Fatalf("Detect = %v, %v", s, err)
	}
	if s.ConfigFile != "hugo.toml" || s.SiteURL != "https://new.example/" {
		t.Errorf("read %s (%s), want hugo.toml (https://new.example/)", s.ConfigFile, s.SiteURL)
	}
}

func TestDetectBadConfig(t *testing.T) {
	for name, src := range map[string]string{
		"hugo.toml":   "baseURL = \n",
		"_config.yml": "url: [\n",
	} {
		if s, err := Detect(files(name, src)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: Detect = %v, %v; want an error naming the file", name, s, err)
		}
	}
}

func TestWrites(t *testing.T) {
	s := &Site{GeneratorFiles: []string{"**/index.xml", "rss.xml", "sitemap-*.xml"}}
	for name, want := range map[string]bool{
		"index.xml":          true,
		"tags/go/index.xml":  true,
		"rss.xml":            true,
		"blog/rss.xml":       false,
		"sitemap-0.xml":      true,
		"feeds/feed.xml":     false,
		"index.html":         false,
		"feeds/tags/go.atom": false,
	} {
		if got := s.Writes(name); got != want {
			t.Errorf("Writes(%q) = %v, want %v", name, got, want)
		}
	}
}
