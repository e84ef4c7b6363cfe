package permalink

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// post is a source file and the front matter that URLs are made from.
type post struct {
	path       string // below the content folder
	slug       string // front matter slug, "" when none
	title      string
	categories []string
	date       string // RFC 3339
}

func (p post) vars(t *testing.T) *Vars {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, p.date)
	if err != nil {
		t.Fatal(err)
	}
	v := &Vars{Slug: p.slug, SlugGiven: p.slug != "", Title: p.title, Path: p.path, Categories: p.categories, Time: tm}
	if v.Slug == "" {
		v.Slug = FileSlug(p.path)
	}
	return v
}

// generatorCases are URLs the generators made themselves from these
// posts and rules: Jekyll 4.3.1 (jekyll build), Hugo 0.111.3 (the page
// URLs of its sitemap.xml) and Eleventy 3.1.8 (npx @11ty/eleventy@3).
var generatorCases = []struct {
	gen  string // jekyll, hugo or sitefeed (the rule is in sitefeed's syntax)
	rule string
	post post
	want string
}{
	// Jekyll 4.3.1: the default permalink (date), with categories from the
	// front matter and from the folder above _posts (added by the loader).
	{"jekyll", "date", post{path: "_posts/2024-05-01-plain.md", title: "Plain", date: "2024-05-01T00:00:00Z"}, "/2024/05/01/plain.html"},
	{"jekyll", "date", post{path: "_posts/2024-05-02-cats.md", categories: []string{"Go", "Web Dev"}, date: "2024-05-02T00:00:00Z"}, "/go/web%20dev/2024/05/02/cats.html"},
	{"jekyll", "date", post{path: "_posts/2024-05-03-catstr.md", categories: []string{"news", "Tech"}, date: "2024-05-03T00:00:00Z"}, "/news/tech/2024/05/03/catstr.html"},
	{"jekyll", "date", post{path: "blog/_posts/2024-05-04-folder.md", categories: []string{"blog", "extra"}, date: "2024-05-04T00:00:00Z"}, "/blog/extra/2024/05/04/folder.html"},
	{"jekyll", "/notes/:year/:title/", post{path: "_posts/2024-05-05-own.md", date: "2024-05-05T00:00:00Z"}, "/notes/2024/own/"},
	{"jekyll", "date", post{path: "_posts/2024-05-06-Mixed-Case.md", slug: "Custom Slug", date: "2024-05-06T00:00:00Z"}, "/2024/05/06/Custom-Slug.html"},
	{"jekyll", "date", post{path: "_posts/2024-05-07-late.md", date: "2024-05-08T04:30:00Z"}, "/2024/05/08/late.html"},
	// Hugo 0.111.3: the default rule (/:sections/:slugorfilename/), url
	// aside (the loader reads it as the post's URL).
	{"hugo", "/:sections/:slugorfilename/", post{path: "posts/plain.md", date: "2024-05-01T00:00:00Z"}, "/posts/plain/"},
	{"hugo", "/:sections/:slugorfilename/", post{path: "posts/slugged.md", slug: "my-slug", date: "2024-05-02T00:00:00Z"}, "/posts/my-slug/"},
	{"hugo", "/:sections/:slugorfilename/", post{path: "posts/sub/nested.md", date: "2024-05-04T00:00:00Z"}, "/posts/sub/nested/"},
	{"hugo", "/:sections/:slugorfilename/", post{path: "posts/bundle/index.md", date: "2024-05-05T00:00:00Z"}, "/posts/bundle/"},
	{"hugo", "/:year/:month/:title/", post{path: "notes/n1.md", title: "Hello, World! C++ Tips & Tricks", date: "2024-06-01T00:00:00Z"}, "/2024/06/hello-world-c-tips-tricks/"},
	{"hugo", "/:year/:month/:title/", post{path: "notes/n2.md", slug: "custom", title: "Slug Note", date: "2024-06-02T00:00:00Z"}, "/2024/06/slug-note/"},
	{"hugo", "/:section/:slug/:filename/", post{path: "notes/n2.md", slug: "custom", title: "Slug Note", date: "2024-06-02T00:00:00Z"}, "/notes/custom/n2/"},
	{"hugo", "/:section/:slug/:filename/", post{path: "notes/n1.md", title: "A.b_c~e@f+g 2.0 Ünï", date: "2024-06-01T00:00:00Z"}, "/notes/a.b_c~e@f-g-2.0-%C3%BCn%C3%AF/n1/"},
	// Hugo makes paths lower case (disablePathToLower is false by default).
	{"hugo", "/:sections/:slugorfilename/", post{path: "posts/Upper-Case.md", date: "2024-05-06T00:00:00Z"}, "/posts/upper-case/"},
	{"hugo", "/:sections/:slugorfilename/", post{path: "posts/s2.md", slug: "My-Slug", date: "2024-05-02T00:00:00Z"}, "/posts/my-slug/"},
	{"hugo", "/:sections/:slugorfilename/", post{path: "Posts2/Up.md", date: "2024-05-02T00:00:00Z"}, "/posts2/up/"},
	// Eleventy 3.1.8: the default permalink, the input path.
	{"sitefeed", "/{path}/", post{path: "blog/plain.md", date: "2024-05-01T00:00:00Z"}, "/blog/plain/"},
	{"sitefeed", "/{path}/", post{path: "blog/2024-05-02-dated.md", date: "2024-05-02T00:00:00Z"}, "/blog/2024-05-02-dated/"},
	{"sitefeed", "/{path}/", post{path: "blog/bundle/index.md", date: "2024-05-02T00:00:00Z"}, "/blog/bundle/"},
	{"sitefeed", "/{path}/", post{path: "blog/sub/nested.md", slug: "ignored", date: "2024-05-02T00:00:00Z"}, "/blog/sub/nested/"},
	{"sitefeed", "/{path}/", post{path: "blog/fourth/fourth.md", date: "2024-05-02T00:00:00Z"}, "/blog/fourth/"},
	{"sitefeed", "/{path}/", post{path: "blog/Upper Case.md", date: "2024-05-02T00:00:00Z"}, "/blog/Upper%20Case/"},
}

func TestGenerators(t *testing.T) {
	for _, c := range generatorCases {
		rule := c.rule
		var err error
		switch c.gen {
		case "jekyll":
			rule, err = FromJekyll(rule)
		case "hugo":
			rule, err = FromHugo(rule, true)
		}
		if err != nil {
			t.Errorf("%s %q: %v", c.gen, c.rule, err)
			continue
		}
		p, err := Parse(rule)
		if err != nil {
			t.Errorf("%s %q: Parse(%q): %v", c.gen, c.rule, rule, err)
			continue
		}
		if got := p.Expand(c.post.vars(t)); got != c.want {
			t.Errorf("%s %q (%s) on %s = %q, want %q", c.gen, c.rule, rule, c.post.path, got, c.want)
		}
	}
}

// TestUnknown: § marks where the placeholder the error names starts.
func TestUnknown(t *testing.T) {
	for _, c := range []struct {
		gen, rule, name string
	}{
		{"sitefeed", "/posts/§{categorie}/{slug}/", "{categorie}"},
		{"sitefeed", "/§{foo}/", "{foo}"},
		{"sitefeed", "/{slug}/§{year", "{year"},
		{"sitefeed", "/§:year/:title", ":year"},
		{"sitefeed", "/blog:x/{slug}/", ""}, // a colon inside a segment is text
		{"jekyll", "/:year/§:foo/", ":foo"},
		{"jekyll", "/§:slugified_categories/:title/", ":slugified_categories"},
		{"hugo", "/:year/§:weekdayname/:slug/", ":weekdayname"},
	} {
		at := strings.Index(c.rule, "§")
		rule := strings.Replace(c.rule, "§", "", 1)
		var err error
		switch c.gen {
		case "jekyll":
			_, err = FromJekyll(rule)
		case "hugo":
			_, err = FromHugo(rule, true)
		default:
			_, err = Parse(rule)
		}
		var u *UnknownError
		if c.name == "" {
			if err != nil {
				t.Errorf("%s %q: %v, want no error", c.gen, rule, err)
			}
			continue
		}
		if !errors.As(err, &u) {
			t.Errorf("%s %q: error %v, want an *UnknownError", c.gen, rule, err)
			continue
		}
		if u.Name != c.name || u.Offset != at {
			t.Errorf("%s %q: unknown %q at %d, want %q at %d", c.gen, rule, u.Name, u.Offset, c.name, at)
		}
		if !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s %q: %q does not name %s", c.gen, rule, err, c.name)
		}
	}
}

// TestEmptyPlaceholder: an empty value takes its slash along.
func TestEmptyPlaceholder(t *testing.T) {
	p, err := Parse("/{categories}/{year}/{slug}/")
	if err != nil {
		t.Fatal(err)
	}
	v := &Vars{Slug: "a", Time: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}
	if got := p.Expand(v); got != "/2024/a/" {
		t.Errorf("no categories: %q, want /2024/a/", got)
	}
	v.Categories = []string{"X", "x", "y"}
	if got := p.Expand(v); got != "/x/y/2024/a/" {
		t.Errorf("categories X, x, y: %q, want /x/y/2024/a/", got)
	}
	// After text, categories start where they are written; |lower.
	if p, err = Parse("/c-{categories}/{slug|lower}/{slug}"); err != nil {
		t.Fatal(err)
	}
	v.Slug = "Ab É"
	if got := p.Expand(v); got != "/c-x/y/ab%20%C3%A9/Ab%20%C3%89" {
		t.Errorf("got %q, want /c-x/y/ab%%20%%C3%%A9/Ab%%20%%C3%%89", got)
	}
}

// TestExpandMatchesReplacer compares Expand with the strings.Replacer it
// stands for, on patterns made of placeholders and other text (not empty
// values, which Expand treats apart).
func TestExpandMatchesReplacer(t *testing.T) {
	parts := []string{"{slug}", "{year}", "{month}", "{day}", "{hour}", "{i_day}", "/", "posts", "é", ".html", "-"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		pattern := b.String()
		tm := time.Date(r.IntN(3000), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 0, 0, 0, time.UTC)
		slug := []string{"a/b", "x", "é t"}[r.IntN(3)]
		escaped := strings.ReplaceAll(strings.ReplaceAll(slug, "é", "%C3%A9"), " ", "%20")
		want := strings.NewReplacer(
			"{slug}", escaped,
			"{year}", fmt.Sprintf("%04d", tm.Year()),
			"{month}", fmt.Sprintf("%02d", int(tm.Month())),
			"{day}", fmt.Sprintf("%02d", tm.Day()),
			"{hour}", fmt.Sprintf("%02d", tm.Hour()),
			"{i_day}", fmt.Sprint(tm.Day()),
		).Replace(pattern)
		p, err := Parse(pattern)
		if err != nil {
			t.Fatalf("Parse(%q): %v", pattern, err)
		}
		if got := p.Expand(&Vars{Slug: slug, Time: tm}); got != want {
			t.Fatalf("Expand(%q, %q, %v) = %q, want %q", pattern, slug, tm, got, want)
		}
	}
}
