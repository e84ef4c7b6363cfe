package sitefeed

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"strings"
	"testing"
	"testing/fstest"
)

// markupSites are posts written for each generator, with the template
// syntax a feed needs rendered and some it cannot follow.
var markupSites = []struct {
	name     string
	opts     LoadOptions
	dir      string
	fsys     fstest.MapFS
	body     map[string][]string // post path: parts its loaded Body must hold
	html     map[string][]string // post path: parts its HTML, unescaped, must hold
	summary  map[string]string   // post path: its summary
	warnings []string
}{
	{
		name: "jekyll",
		opts: LoadOptions{Dialect: Jekyll, SiteURL: "https://example.com/blog/", ExcerptSeparator: "<!--more-->"},
		dir:  "_posts",
		fsys: fstest.MapFS{
			"_posts/2024-01-05-hello.md": {Data: []byte("---\ntitle: Hello\n---\n" +
				"Intro with [old]({% post_url 2023-01-01-old %}) and ![logo]({{ \"/logo.png\" | relative_url }}).\n\n" +
				"Second *paragraph*.\n\n<!--more-->\n\nThird {% include note.html %}\n\n" +
				"{% highlight go %}\nfmt.Println(\"{{ site.url }}\")\n{% endhighlight %}\n")},
			"_posts/2023-01-01-old.md":   {Data: []byte("---\ntitle: Old\nexcerpt_separator: \"~~\"\n---\nFirst.\n\nSecond ~~ third.\n")},
			"_posts/2022-01-01-plain.md": {Data: []byte("---\ntitle: Plain\n---\nOnly <!--more--> part.\n\nNext.\n")},
		},
		body: map[string][]string{"_posts/2024-01-05-hello.md": {"[old](./2023-01-01-old.md)"}},
		html: map[string][]string{
			"_posts/2024-01-05-hello.md": {`<img src="https://example.com/blog/logo.png" alt="logo">`,
				`<pre><code class="language-go">fmt.Println("https://example.com")`},
		},
		summary: map[string]string{
			"_posts/2024-01-05-hello.md": "Intro with old and . Second paragraph.",
			"_posts/2023-01-01-old.md":   "First. Second",
			"_posts/2022-01-01-plain.md": "Only",
		},
		warnings: []string{"_posts/2024-01-05-hello.md:10: Liquid tag {% include %} left out"},
	},
	{
		name: "hugo",
		opts: LoadOptions{Dialect: Hugo},
		dir:  ".",
		fsys: fstest.MapFS{
			"first.md": {Data: []byte("+++\ntitle = \"First\"\ndate = 2024-01-01\nsummary = \"From the front matter.\"\n+++\n" +
				"Before the *divider*, see [second]({{< ref \"second\" >}}).\n<!--more-->\n" +
				"{{< youtube w7Ft2ymGmfc >}}\n\n{{< figure src=\"/a.jpg\" caption=\"A cat\" >}}\n\n{{< notice >}}kept{{< /notice >}}\n")},
			"second.md": {Data: []byte("+++\ntitle = \"Second\"\ndate = 2024-01-02\nsummary = \"Its own.\"\n+++\nNo divider.\n")},
		},
		body: map[string][]string{"first.md": {"[second](./second.md)"}},
		html: map[string][]string{
			"first.md": {`src="https://www.youtube.com/embed/w7Ft2ymGmfc"`,
				`<figure><img src="https://example.com/a.jpg" alt="A cat"><figcaption><p>A cat</p></figcaption></figure>`, "<p>kept</p>"},
		},
		summary: map[string]string{
			"first.md":  "Before the divider, see second.",
			"second.md": "Its own.",
		},
		warnings: []string{`first.md:12: unknown Hugo shortcode "notice" left out`},
	},
	{
		name: "mdx",
		opts: LoadOptions{Dialect: Astro},
		dir:  "blog",
		fsys: fstest.MapFS{
			"blog/using-mdx.mdx": {Data: []byte("---\ntitle: Using MDX\npubDate: Jun 01 2024\n---\n\n" +
				"import HeaderLink from '../../components/HeaderLink.astro';\n\n" +
				"<HeaderLink href=\"#\" onclick=\"alert('clicked!')\">\n\tEmbedded component in MDX\n</HeaderLink>\n\n" +
				"Total: {1 + 1}.\n")},
		},
		html: map[string][]string{
			"blog/using-mdx.mdx": {"<p>Embedded component in MDX</p>", "<p>Total: .</p>"},
		},
		summary:  map[string]string{"blog/using-mdx.mdx": "Embedded component in MDX"},
		warnings: []string{"blog/using-mdx.mdx:6: MDX left out: 1 import/export block, components <HeaderLink>, 1 {expression}"},
	},
}

// TestGeneratorMarkup checks the template syntax of each generator in the
// feeds, its warnings, the summaries, and that a lazy load writes the same
// feeds.
func TestGeneratorMarkup(t *testing.T) {
	for _, s := range markupSites {
		t.Run(s.name, func(t *testing.T) {
			site := Site{Title: "S", URL: "https://example.com/", Permalink: "/{slug}/"}
			docs := map[bool]map[string]string{}
			for _, lazy := range []bool{false, true} {
				opts := s.opts
				opts.Lazy = lazy
				posts, err := LoadDir(s.fsys, s.dir, &opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(posts) != len(s.fsys) {
					t.Fatalf("%d posts read, want %d", len(posts), len(s.fsys))
				}
				var warnings []string
				for _, p := range posts {
					for _, w := range p.Warnings {
						if !errors.Is(w, ErrTemplateSyntax) {
							t.Errorf("warning %v: not ErrTemplateSyntax", w)
						}
						warnings = append(warnings, w.Error())
					}
					for _, part := range s.body[p.Path] {
						if !lazy && !bytes.Contains(p.Body, []byte(part)) {
							t.Errorf("%s: body lacks %s:\n%s", p.Path, part, p.Body)
						}
					}
				}
				if fmt.Sprint(warnings) != fmt.Sprint(s.warnings) {
					t.Errorf("lazy %v: warnings\n%q\nwant\n%q", lazy, warnings, s.warnings)
				}
				set, err := Build(site, posts, nil)
				if err != nil {
					t.Fatal(err)
				}
				docs[lazy] = map[string]string{}
				for _, f := range set.Files() {
					var buf bytes.Buffer
					if err := f.Feed.Write(&buf, f.Format); err != nil {
						t.Fatal(err)
					}
					docs[lazy][f.Path] = buf.String()
				}
				if lazy {
					continue
				}
				for _, p := range set.Posts {
					for _, part := range s.html[p.Path] {
						if !strings.Contains(html.UnescapeString(p.HTML), part) {
							t.Errorf("%s: HTML lacks %s:\n%s", p.Path, part, p.HTML)
						}
					}
					if strings.Contains(p.HTML, "{%") || strings.Contains(p.HTML, "{{") {
						t.Errorf("%s: template syntax left in\n%s", p.Path, p.HTML)
					}
					if want, ok := s.summary[p.Path]; ok && p.Summary != want {
						t.Errorf("%s: summary %q, want %q", p.Path, p.Summary, want)
					}
				}
			}
			for name, doc := range docs[false] {
				if docs[true][name] != doc {
					t.Errorf("%s: lazy differs:\n%s", name, diffLines(doc, docs[true][name]))
				}
			}
			for _, p := range s.summary {
				if !strings.Contains(docs[false]["feed.json"], fmt.Sprintf("%q", p)) {
					t.Errorf("feed.json lacks the summary %q", p)
				}
			}
		})
	}
}

func TestIsPostFile(t *testing.T) {
	for name, want := range map[string]bool{"a.md": true, "a.markdown": true, "a.MDX": true, "a.mdx": true, ".a.mdx": false, "a.html": false, "a.txt": false} {
		if got := isPostFile(name); got != want {
			t.Errorf("isPostFile(%q) = %v, want %v", name, got, want)
		}
	}
}
