package sitefeed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"
	_ "time/tzdata" // Asia/Kolkata and friends, whatever the machine has

	"github.com/rogpeppe/go-internal/txtar"
)

// The golden tests of post loading live in testdata/posts/*.txtar. Each
// archive describes one behaviour in its comment and holds:
//
//   - input files (posts/*.md, images, public/ ...), loaded with LoadDir
//     from an fstest.MapFS;
//   - an optional "site.json" with the settings of the case (goldenSite);
//   - an optional "include" whose lines "archive/path testdata/file" copy a
//     file of testdata into the MapFS byte for byte (the seed post has no
//     final newline, which a txtar section cannot keep);
//   - "want.json": the posts LoadDir + Build produce (goldenDump).
//
// go test -run TestLoadGolden -update rewrites the want.json sections.

// goldenSite is the site.json section of a golden archive.
type goldenSite struct {
	URL       string `json:"url"`       // default https://example.com/
	Title     string `json:"title"`     // default Ex
	Language  string `json:"language"`  // Site.Language
	Author    string `json:"author"`    // Site.Author, "Name <email>"
	Location  string `json:"location"`  // Site.Location and LoadOptions.Location
	Permalink string `json:"permalink"` // Site.Permalink
	Dir       string `json:"dir"`       // LoadDir's dir; default posts
	Static    string `json:"static"`    // folder of the archive used as Options.Static
	Drafts    bool   `json:"drafts"`    // Options.Drafts
	Now       string `json:"now"`       // Options.Now, RFC 3339
}

// goldenDump is the want.json section of a golden archive.
type goldenDump struct {
	Drafts int          `json:"drafts"` // Set.Drafts
	Future int          `json:"future"` // Set.Future
	Posts  []goldenPost `json:"posts"`  // Set.Posts, newest first
}

type goldenPost struct {
	Path      string         `json:"Path"`
	Slug      string         `json:"Slug"`
	URL       string         `json:"URL"`
	ID        string         `json:"ID"`
	Title     string         `json:"Title"`
	Summary   string         `json:"Summary"`
	Published string         `json:"Published"`
	Updated   string         `json:"Updated,omitempty"`
	Tags      []string       `json:"Tags,omitempty"`
	Authors   []Author       `json:"Authors,omitempty"`
	Hero      *goldenImage   `json:"Hero,omitempty"`
	Draft     bool           `json:"Draft,omitempty"`
	Language  string         `json:"Language,omitempty"`
	Params    map[string]any `json:"Params,omitempty"`
	// HTML is Post.HTML split after each newline, so that a diff shows
	// the line that changed; joined, the lines are the HTML byte for byte.
	HTML []string `json:"HTML"`
}

type goldenImage struct {
	URL    string `json:"URL"`
	Alt    string `json:"Alt,omitempty"`
	Type   string `json:"Type"`
	Length int64  `json:"Length"`
}

func dumpPost(p *Post) goldenPost {
	g := goldenPost{
		Path:      p.Path,
		Slug:      p.Slug,
		URL:       p.URL,
		ID:        p.ID,
		Title:     p.Title,
		Summary:   p.Summary,
		Published: p.Published.Format(time.RFC3339Nano),
		Tags:      p.Tags,
		Authors:   p.Authors,
		Draft:     p.Draft,
		Language:  p.Language,
		Params:    p.Params,
		HTML:      strings.SplitAfter(p.HTML, "\n"),
	}
	if n := len(g.HTML); n > 0 && g.HTML[n-1] == "" {
		g.HTML = g.HTML[:n-1]
	}
	if g.HTML == nil {
		g.HTML = []string{}
	}
	if !p.Updated.IsZero() {
		g.Updated = p.Updated.Format(time.RFC3339Nano)
	}
	if h := p.Hero; h != nil {
		g.Hero = &goldenImage{URL: h.URL, Alt: h.Alt, Type: h.Type, Length: h.Length}
	}
	return g
}

func marshalDump(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encoding the dump: %v", err)
	}
	return buf.Bytes()
}

// goldenCase is a parsed golden archive.
type goldenCase struct {
	file    string
	archive *txtar.Archive
	fsys    fstest.MapFS
	site    goldenSite
}

func readGoldenCase(t *testing.T, file string) *goldenCase {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &goldenCase{file: file, archive: a, fsys: fstest.MapFS{}}
	c.site = goldenSite{URL: "https://example.com/", Title: "Ex", Dir: "posts"}
	for _, f := range a.Files {
		switch f.Name {
		case "want.json":
		case "site.json":
			dec := json.NewDecoder(bytes.NewReader(f.Data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c.site); err != nil {
				t.Fatalf("%s: site.json: %v", file, err)
			}
		case "include":
			sc := bufio.NewScanner(bytes.NewReader(f.Data))
			for sc.Scan() {
				dst, src, ok := strings.Cut(strings.TrimSpace(sc.Text()), " ")
				if !ok {
					t.Fatalf("%s: include: want \"archive/path testdata/file\", got %q", file, sc.Text())
				}
				data, err := os.ReadFile(filepath.FromSlash(strings.TrimSpace(src)))
				if err != nil {
					t.Fatalf("%s: include: %v", file, err)
				}
				c.fsys[dst] = &fstest.MapFile{Data: data}
			}
		default:
			if _, dup := c.fsys[f.Name]; dup {
				t.Fatalf("%s: %s appears twice", file, f.Name)
			}
			c.fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return c
}

// run loads and builds the case's posts.
func (c *goldenCase) run(t *testing.T) *Set {
	t.Helper()
	lopts := &LoadOptions{}
	site := Site{URL: c.site.URL, Title: c.site.Title, Language: c.site.Language, Permalink: c.site.Permalink}
	if c.site.Author != "" {
		site.Author = ParseAuthor(c.site.Author)
	}
	if c.site.Location != "" {
		loc, err := time.LoadLocation(c.site.Location)
		if err != nil {
			t.Fatalf("site.json: %v", err)
		}
		site.Location, lopts.Location = loc, loc
	}
	opts := &Options{Drafts: c.site.Drafts}
	if c.site.Now != "" {
		now, err := time.Parse(time.RFC3339, c.site.Now)
		if err != nil {
			t.Fatalf("site.json: now: %v", err)
		}
		opts.Now = now
	}
	if c.site.Static != "" {
		static, err := fs.Sub(c.fsys, c.site.Static)
		if err != nil {
			t.Fatalf("site.json: static: %v", err)
		}
		opts.Static = static
	}
	posts, err := LoadDir(c.fsys, c.site.Dir, lopts)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	set, err := Build(site, posts, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return set
}

// withLocalZone runs f with time.Local set to a zone no test uses, so that
// a date read in the machine's zone shows up in the results.
func withLocalZone(t *testing.T, f func()) {
	t.Helper()
	saved := time.Local
	time.Local = time.FixedZone("Local-Test", -(3*3600 + 30*60))
	defer func() { time.Local = saved }()
	f()
}

func TestLoadGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "posts", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden archives in testdata/posts")
	}
	withLocalZone(t, func() {
		for _, file := range files {
			name := strings.TrimSuffix(filepath.Base(file), ".txtar")
			t.Run(name, func(t *testing.T) {
				c := readGoldenCase(t, file)
				if strings.TrimSpace(string(c.archive.Comment)) == "" {
					t.Errorf("%s: the archive's comment must describe the case", file)
				}
				set := c.run(t)
				dump := goldenDump{Drafts: set.Drafts, Future: set.Future, Posts: []goldenPost{}}
				for _, p := range set.Posts {
					dump.Posts = append(dump.Posts, dumpPost(p))
				}
				got := marshalDump(t, dump)
				if *update {
					writeSection(t, c, "want.json", got)
					return
				}
				want, ok := section(c.archive, "want.json")
				if !ok {
					t.Fatalf("%s has no want.json section; run go test -run TestLoadGolden -update", file)
				}
				if d := lineDiff(string(want), string(got)); d != "" {
					t.Errorf("%s: want.json differs (-want +got):\n%s", file, d)
				}
			})
		}
	})
}

func section(a *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// writeSection replaces (or appends) a section of the case's archive and
// writes the archive back.
func writeSection(t *testing.T, c *goldenCase, name string, data []byte) {
	t.Helper()
	found := false
	for i := range c.archive.Files {
		if c.archive.Files[i].Name == name {
			c.archive.Files[i].Data, found = data, true
		}
	}
	if !found {
		c.archive.Files = append(c.archive.Files, txtar.File{Name: name, Data: data})
	}
	if err := os.WriteFile(c.file, txtar.Format(c.archive), 0o666); err != nil {
		t.Fatal(err)
	}
}

// lineDiff is a small (-want +got) diff: the lines between the first and
// the last that differ, or "" when a and b are equal.
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "@@ line %d @@\n", pre+1)
	for _, l := range w[pre : len(w)-suf] {
		b.WriteString("- " + strings.TrimSuffix(l, "\n") + "\n")
	}
	for _, l := range g[pre : len(g)-suf] {
		b.WriteString("+ " + strings.TrimSuffix(l, "\n") + "\n")
	}
	return b.String()
}

// TestSeedPost checks the seed post, as shipped in testdata/seed, field by
// field: it must load exactly.
func TestSeedPost(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "seed", "article-370.md"))
	if err != nil {
		t.Fatal(err)
	}
	posts, err := LoadDir(os.DirFS(filepath.Join("testdata", "seed")), ".", nil)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if len(posts) != 1 {
		t.Fatalf("LoadDir returned %d posts, want 1", len(posts))
	}
	p := posts[0]
	const hero = "https://images.deccanherald.com/deccanherald%2F2024-04%2F2eae9299-0d7b-47d5-93a1-d0e82441ef90%2F666765_1563816001.jpg?rect=0%2C0%2C1000%2C563&auto=format%2Ccompress&fmt=webp&fit=max&w=1200"
	checks := []struct {
		name      string
		got, want any
	}{
		{"Path", p.Path, "article-370.md"},
		{"Slug", p.Slug, "article-370"},
		{"Title", p.Title, "Pakistani Defence Minister Comments on Article 370 Restoration, Says On the Same Page with Congress Alliance"},
		{"Summary", p.Summary, "Pakistani Defence Minister Khawaja Asif sparked fresh debate with his recent comments regarding the potential restoration of Article 370 in Jammu and Kashmir"},
		{"Published", p.Published.Format(time.RFC3339), "2024-09-19T00:00:00Z"},
		{"Updated", p.Updated.IsZero(), true},
		{"Hero.URL", p.Hero.URL, hero},
		{"Tags", strings.Join(p.Tags, "|"), "politics"},
		{"Params", fmt.Sprint(p.Params), "map[layout:../../layouts/BlogPostLayout.astro]"},
		{"Draft", p.Draft, false},
		{"Authors", len(p.Authors), 0},
		{"Body starts", strings.HasPrefix(string(p.Body), "**Pakistani Defence Minister Comments"), true},
		{"Body is the rest of the file", strings.HasSuffix(string(data), string(p.Body)), true},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		})
	}

	set, err := Build(Site{URL: "https://example.com/", Title: "Ex"}, posts, nil)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	b := set.Posts[0]
	t.Run("built hero kept byte for byte", func(t *testing.T) {
		if b.Hero.URL != hero || b.Hero.Type != "image/webp" {
			t.Errorf("hero = %+v, want URL %s and type image/webp", *b.Hero, hero)
		}
	})
	t.Run("built URL", func(t *testing.T) {
		if b.URL != "https://example.com/posts/article-370/" {
			t.Errorf("URL = %s", b.URL)
		}
	})
	t.Run("original post untouched", func(t *testing.T) {
		if p.URL != "" || p.HTML != "" {
			t.Errorf("Build changed the loaded post: URL %q, HTML %d bytes", p.URL, len(p.HTML))
		}
	})
}

// The seed archive must include the seed file, not a copy that could drift.
func TestSeedArchiveUsesSeed(t *testing.T) {
	c := readGoldenCase(t, filepath.Join("testdata", "posts", "seed.txtar"))
	want, err := os.ReadFile(filepath.Join("testdata", "seed", "article-370.md"))
	if err != nil {
		t.Fatal(err)
	}
	f, ok := c.fsys["posts/article-370.md"]
	if !ok {
		t.Fatal("seed.txtar does not include posts/article-370.md")
	}
	if !bytes.Equal(f.Data, want) {
		t.Error("seed.txtar's posts/article-370.md is not testdata/seed/article-370.md byte for byte")
	}
}

// postErrors lists the *PostErrors in err, which may join several.
func postErrors(t *testing.T, err error) []*PostError {
	t.Helper()
	var out []*PostError
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *PostError:
			out = append(out, e)
		case interface{ Unwrap() []error }:
			for _, e := range e.Unwrap() {
				walk(e)
			}
		default:
			t.Errorf("error %v (%T) is not a *PostError", err, err)
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

const goodPost = "---\ntitle: Good\ndate: 2024-01-01\n---\nFine.\n"

// TestLoadDirErrors checks, for each kind of bad post, the exact path, the
// line in the file, the cause and the message, and that the good post next
// to it is still returned.
func TestLoadDirErrors(t *testing.T) {
	tests := []struct {
		name string
		file string // posts/bad.md
		line int
		want error
		msg  string // the whole Error()
	}{
		{
			name: "no front matter",
			file: "# Hello\n\nNo front matter here.\n",
			line: 1, want: ErrNoFrontMatter,
			msg: "posts/bad.md:1: no front matter",
		},
		{
			name: "empty file",
			file: "",
			line: 1, want: ErrNoFrontMatter,
			msg: "posts/bad.md:1: no front matter",
		},
		{
			name: "unterminated ---",
			file: "---\ntitle: Hello\ndate: 2024-01-01\n\nBody text.\n",
			line: 1, want: ErrUnterminated,
			msg: `posts/bad.md:1: front matter not terminated: "---" on line 1 is never closed`,
		},
		{
			name: "unterminated --- after blank lines",
			file: "\n\n---\ntitle: Hello\n",
			line: 3, want: ErrUnterminated,
			msg: `posts/bad.md:3: front matter not terminated: "---" on line 3 is never closed`,
		},
		{
			name: "unterminated +++",
			file: "+++\ntitle = \"Hello\"\n",
			line: 1, want: ErrUnterminated,
			msg: `posts/bad.md:1: front matter not terminated: "+++" on line 1 is never closed`,
		},
		{
			name: "bare JSON object without the empty line after it",
			file: "{\n\"title\": \"Hello\",\n\"date\": \"2024-01-01\"\n}\nBody.\n",
			line: 1, want: ErrUnterminated,
			msg: `posts/bad.md:1: front matter not terminated: a bare JSON object must open with a "{" line and close with a "}" line followed by an empty line`,
		},
		{
			name: "bad YAML on line 4: mapping value",
			file: "---\ntitle: Hello\ndate: 2024-01-01\ntags: a: b\n---\n",
			line: 4, want: ErrSyntax,
			msg: "posts/bad.md:4: front matter: yaml: mapping values are not allowed in this context",
		},
		{
			name: "bad YAML on line 4: unclosed list",
			file: "---\ntitle: Hello\ndate: 2024-01-01\ntags: [a, b\n---\n",
			line: 4, want: ErrSyntax,
			msg: "posts/bad.md:4: front matter: yaml: did not find expected ',' or ']'",
		},
		{
			name: "bad YAML on line 5: indentation",
			file: "---\ntitle: Hello\nlinks:\n  - a\n - b\ndate: 2024-01-01\n---\n",
			line: 5, want: ErrSyntax,
			msg: "posts/bad.md:5: front matter: yaml: did not find expected key",
		},
		{
			// yaml.v3 reads the tab as part of the value above it, and
			// reports the line where that value starts.
			name: "bad YAML: tab on line 4, in the value of line 3",
			file: "---\ntitle: Hello\ndate: 2024-01-01\n\tdraft: true\n---\n",
			line: 3, want: ErrSyntax,
			msg: "posts/bad.md:3: front matter: yaml: found a tab character that violates indentation",
		},
		{
			name: "YAML list instead of mapping",
			file: "---\n- title\n- date\n---\n",
			line: 2, want: ErrSyntax,
			msg: "posts/bad.md:2: front matter: yaml: want a mapping of keys to values",
		},
		{
			name: "bad TOML",
			file: "+++\ntitle = \"Hello\"\ndate = 2024-01-01\ntags = [\"a\" \"b\"]\n+++\n",
			line: 4, want: ErrSyntax,
			msg: "posts/bad.md:4: front matter: toml: expected a comma (',') or array terminator (']'), but got '\"'",
		},
		{
			name: "bad TOML: key twice",
			file: "+++\ntitle = \"Hello\"\ntitle = \"Again\"\n+++\n",
			line: 3, want: ErrSyntax,
			msg: "posts/bad.md:3: front matter: toml: Key 'title' has already been defined.",
		},
		{
			name: "bad JSON",
			file: ";;;\n{\n\"title\": \"Hello\",\n\"date\": 2024-01-01\n}\n;;;\n",
			line: 4, want: ErrSyntax,
			msg: "posts/bad.md:4: front matter: json: invalid character '-' after object key:value pair",
		},
		{
			name: "tags: 5",
			file: "---\ntitle: Hello\ndate: 2024-01-01\ntags: 5\n---\n",
			line: 4, want: ErrFieldType,
			msg: "posts/bad.md:4: wrong type: tags: want a list or a comma-separated string, got a number (5)",
		},
		{
			name: "title: [a, b]",
			file: "---\ntitle: [a, b]\ndate: 2024-01-01\n---\n",
			line: 2, want: ErrFieldType,
			msg: "posts/bad.md:2: wrong type: title: want text, got a list",
		},
		{
			name: "draft: maybe",
			file: "---\ntitle: Hello\ndate: 2024-01-01\ndraft: maybe\n---\n",
			line: 4, want: ErrFieldType,
			msg: "posts/bad.md:4: wrong type: draft: want true or false, got text",
		},
		{
			name: "author: 5",
			file: "---\ntitle: Hello\ndate: 2024-01-01\nauthor: 5\n---\n",
			line: 4, want: ErrFieldType,
			msg: `posts/bad.md:4: wrong type: author: want "Name <email>" or a mapping with name, email and url, got a number (5)`,
		},
		{
			name: "authors: [[a]]",
			file: "---\ntitle: Hello\ndate: 2024-01-01\nauthors:\n  - [a]\n---\n",
			line: 4, want: ErrFieldType,
			msg: "posts/bad.md:4: wrong type: authors: want a list of names or of mappings with name, email and url, got a list",
		},
		{
			name: "date: [2024]",
			file: "---\ntitle: Hello\ndate: [2024]\n---\n",
			line: 3, want: ErrFieldType,
			msg: "posts/bad.md:3: wrong type: date: want a date, got a list",
		},
		{
			name: "hero mapping without src",
			file: "---\ntitle: Hello\ndate: 2024-01-01\nhero:\n  alt: A view\n---\n",
			line: 4, want: ErrFieldType,
			msg: "posts/bad.md:4: wrong type: hero: want src or url",
		},
		{
			name: "hero length not a number",
			file: "---\ntitle: Hello\ndate: 2024-01-01\nhero: {src: a.png, length: big}\n---\n",
			line: 4, want: ErrFieldType,
			msg: "posts/bad.md:4: wrong type: hero.length: want a byte count, got text",
		},
		{
			name: "TOML tags = 5",
			file: "+++\ntitle = \"Hello\"\ndate = 2024-01-01\n\ntags = 5\n+++\n",
			line: 5, want: ErrFieldType,
			msg: "posts/bad.md:5: wrong type: tags: want a list or a comma-separated string, got a number (5)",
		},
		{
			name: "TOML hero table",
			file: "+++\ntitle = \"Hello\"\ndate = 2024-01-01\n[hero]\nsrc = \"a.png\"\nlength = \"big\"\n+++\n",
			line: 4, want: ErrFieldType,
			msg: "posts/bad.md:4: wrong type: hero.length: want a byte count, got text",
		},
		{
			name: "JSON tags 5",
			file: ";;;\n{\n\"title\": \"Hello\",\n\"date\": \"2024-01-01\",\n\"tags\": 5\n}\n;;;\n",
			line: 5, want: ErrFieldType,
			msg: "posts/bad.md:5: wrong type: tags: want a list or a comma-separated string, got a number (5)",
		},
		{
			name: "unparseable date",
			file: "---\ntitle: Hello\ndate: someday\n---\n",
			line: 3, want: ErrBadDate,
			msg: `posts/bad.md:3: unparseable date: date: "someday"`,
		},
		{
			name: "impossible date",
			file: "---\ntitle: Hello\npubDate: 2024-13-45\n---\n",
			line: 3, want: ErrBadDate,
			msg: `posts/bad.md:3: unparseable date: pubDate: "2024-13-45"`,
		},
		{
			name: "unparseable updated date",
			file: "---\ntitle: Hello\ndate: 2024-01-01\nlastmod: soon\n---\n",
			line: 4, want: ErrBadDate,
			msg: `posts/bad.md:4: unparseable date: lastmod: "soon"`,
		},
		{
			name: "missing title",
			file: "---\ndate: 2024-01-01\n---\nBody.\n",
			line: 1, want: ErrMissingTitle,
			msg: "posts/bad.md:1: missing title",
		},
		{
			name: "empty title",
			file: "---\ndate: 2024-01-01\ntitle: \"  \"\n---\n",
			line: 3, want: ErrMissingTitle,
			msg: "posts/bad.md:3: missing title",
		},
		{
			name: "missing date",
			file: "---\ntitle: Hello\n---\nBody.\n",
			line: 1, want: ErrMissingDate,
			msg: "posts/bad.md:1: missing date",
		},
		{
			name: "duplicate key",
			file: "---\ntitle: Hello\ndate: 2024-01-01\ntitle: Again\n---\n",
			line: 4, want: ErrDuplicateKey,
			msg: `posts/bad.md:4: duplicate key: "title" already defined on line 2`,
		},
		{
			name: "duplicate key in another case",
			file: "---\ntags: [a]\ntitle: Hello\ndate: 2024-01-01\nTags: [b]\n---\n",
			line: 5, want: ErrDuplicateKey,
			msg: `posts/bad.md:5: duplicate key: "Tags" already defined on line 2`,
		},
		{
			name: "not text",
			file: "---\ntitle: Hello\x00\ndate: 2024-01-01\n---\n",
			line: 2, want: ErrNotText,
			msg: "posts/bad.md:2: not a text file",
		},
		{
			name: "BOM and CRLF keep the line",
			file: "\ufeff---\r\ntitle: Hello\r\ndate: 2024-01-01\r\ntags: 5\r\n---\r\n",
			line: 4, want: ErrFieldType,
			msg: "posts/bad.md:4: wrong type: tags: want a list or a comma-separated string, got a number (5)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"posts/bad.md":  {Data: []byte(tt.file)},
				"posts/good.md": {Data: []byte(goodPost)},
			}
			posts, err := LoadDir(fsys, "posts", nil)
			if err == nil {
				t.Fatal("LoadDir: no error")
			}
			if len(posts) != 1 || posts[0].Path != "posts/good.md" {
				t.Errorf("LoadDir returned %d posts, want only posts/good.md", len(posts))
			}
			errs := postErrors(t, err)
			if len(errs) != 1 {
				t.Fatalf("got %d *PostErrors, want 1: %v", len(errs), err)
			}
			pe := errs[0]
			if pe.Path != "posts/bad.md" || pe.Line != tt.line {
				t.Errorf("Path, Line = %q, %d; want posts/bad.md, %d", pe.Path, pe.Line, tt.line)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("errors.Is(err, %v) = false; err = %v", tt.want, err)
			}
			var as *PostError
			if !errors.As(err, &as) || as != pe {
				t.Errorf("errors.As did not find the *PostError")
			}
			if got := err.Error(); got != tt.msg {
				t.Errorf("Error() = %q\nwant      %q", got, tt.msg)
			}

			// ParsePost reports the same error, unjoined.
			_, perr := ParsePost([]byte(tt.file), "posts/bad.md", nil)
			var direct *PostError
			if !errors.As(perr, &direct) {
				t.Fatalf("ParsePost error %v is not a *PostError", perr)
			}
			if direct.Error() != tt.msg || !errors.Is(perr, tt.want) {
				t.Errorf("ParsePost: %v, want %s", perr, tt.msg)
			}
		})
	}
}

// Every bad post is reported at once, in path order, and the good posts
// are still returned.
func TestLoadDirReportsEveryBadPost(t *testing.T) {
	fsys := fstest.MapFS{
		"posts/a-good.md":    {Data: []byte(goodPost)},
		"posts/bad.md":       {Data: []byte("---\ntitle: Bad\ndate: 2024-01-01\ntags: a: b\n---\n")},
		"posts/sub/worse.md": {Data: []byte("---\ntitle: Worse\n")},
		"posts/z-good.md":    {Data: []byte("---\ntitle: Also good\ndate: 2024-01-02\n---\n")},
	}
	posts, err := LoadDir(fsys, "posts", &LoadOptions{Workers: 4})
	t.Run("good posts returned", func(t *testing.T) {
		var paths []string
		for _, p := range posts {
			paths = append(paths, p.Path)
		}
		if got := strings.Join(paths, " "); got != "posts/a-good.md posts/z-good.md" {
			t.Errorf("posts = %s", got)
		}
	})
	t.Run("both errors listed", func(t *testing.T) {
		errs := postErrors(t, err)
		if len(errs) != 2 {
			t.Fatalf("got %d errors, want 2: %v", len(errs), err)
		}
		want := []struct {
			path  string
			line  int
			cause error
		}{
			{"posts/bad.md", 4, ErrSyntax},
			{"posts/sub/worse.md", 1, ErrUnterminated},
		}
		for i, w := range want {
			if errs[i].Path != w.path || errs[i].Line != w.line || !errors.Is(errs[i], w.cause) {
				t.Errorf("error %d = %v; want %s:%d (%v)", i, errs[i], w.path, w.line, w.cause)
			}
		}
		if !errors.Is(err, ErrSyntax) || !errors.Is(err, ErrUnterminated) {
			t.Errorf("errors.Is does not find both causes in %v", err)
		}
	})
	t.Run("message", func(t *testing.T) {
		want := "posts/bad.md:4: front matter: yaml: mapping values are not allowed in this context (and 1 more errors)"
		if err == nil || err.Error() != want {
			t.Errorf("Error() = %v\nwant %s", err, want)
		}
	})
	t.Run("an ErrorList", func(t *testing.T) {
		var list ErrorList
		if !errors.As(err, &list) || len(list) != 2 || list[0].Path != "posts/bad.md" || list[1].Path != "posts/sub/worse.md" {
			t.Errorf("errors.As(%T, *ErrorList) gives %v, want the two errors in path order", err, list)
		}
	})
}

func TestLoadDirMissingDir(t *testing.T) {
	posts, err := LoadDir(fstest.MapFS{"posts/a.md": {Data: []byte(goodPost)}}, "nope", nil)
	if !errors.Is(err, fs.ErrNotExist) || posts != nil {
		t.Errorf("LoadDir(nope) = %d posts, %v; want fs.ErrNotExist", len(posts), err)
	}
}

// TestBuildErrors covers the post errors found when the posts are built
// rather than parsed: they keep the file's path and the key's line.
func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name   string
		fsys   fstest.MapFS
		static bool // public/ as Options.Static
		errs   []string
		want   error
	}{
		{
			name: "hero next to the post missing",
			fsys: fstest.MapFS{
				"posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n\nhero: ./missing.png\n---\n")},
			},
			errs: []string{"posts/a.md:5: hero image not found: ./missing.png"},
			want: ErrHeroNotFound,
		},
		{
			name: "root-relative hero missing from Static",
			fsys: fstest.MapFS{
				"posts/a.md":      {Data: []byte("---\ntitle: A\ndate: 2024-01-01\nimage: /img/gone.jpg\n---\n")},
				"public/img/x.md": {Data: []byte("not an image")},
			},
			static: true,
			errs:   []string{"posts/a.md:4: hero image not found: /img/gone.jpg"},
			want:   ErrHeroNotFound,
		},
		{
			name: "two posts with one URL",
			fsys: fstest.MapFS{
				"posts/a.md":            {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\n")},
				"posts/2023-05-06-a.md": {Data: []byte("---\ntitle: Older A\n---\n")},
				"posts/other/b.md":      {Data: []byte("---\ntitle: B\ndate: 2024-01-02\nslug: a\n---\n")},
			},
			errs: []string{
				"posts/a.md: duplicate post: same URL https://example.com/posts/a/ as posts/2023-05-06-a.md, which is kept as the older",
				"posts/other/b.md: duplicate post: same URL https://example.com/posts/a/ as posts/2023-05-06-a.md, which is kept as the older",
			},
			want: ErrDuplicate,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, err := LoadDir(tt.fsys, "posts", nil)
			if err != nil {
				t.Fatalf("LoadDir: %v", err)
			}
			opts := &Options{}
			if tt.static {
				if opts.Static, err = fs.Sub(tt.fsys, "public"); err != nil {
					t.Fatal(err)
				}
			}
			_, err = Build(Site{URL: "https://example.com/", Title: "Ex"}, posts, opts)
			errs := postErrors(t, err)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errs, "\n"))
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("errors.Is(err, %v) = false", tt.want)
			}

			// With SkipInvalid the same errors are warnings.
			opts.SkipInvalid = true
			set, err := Build(Site{URL: "https://example.com/", Title: "Ex"}, posts, opts)
			if err != nil {
				t.Fatalf("Build with SkipInvalid: %v", err)
			}
			if len(set.Warnings) != len(tt.errs) {
				t.Errorf("Warnings = %v, want %d", set.Warnings, len(tt.errs))
			}
			if len(set.Posts)+len(set.Warnings) != len(posts) {
				t.Errorf("%d posts + %d warnings, want %d in all", len(set.Posts), len(set.Warnings), len(posts))
			}
		})
	}
}

const readPostSrc = `---
title: "Read me"
date: 2024-03-04 05:06
tags: go, io
author: Jane Doe <jane@example.com>
layout: post
---
Hello *reader*.
`

func TestParsePost(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("bytes", func(t *testing.T) {
		p, err := ParsePost([]byte(readPostSrc), "blog/2020-01-01-read-me.md", nil)
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprintf("%s|%s|%s|%s|%v|%v|%v|%q", p.Path, p.Slug, p.Title, p.Published.Format(time.RFC3339), p.Tags, p.Authors, p.Params, p.Body)
		want := `blog/2020-01-01-read-me.md|read-me|Read me|2024-03-04T05:06:00Z|[go io]|[Jane Doe <jane@example.com>]|map[layout:post]|"Hello *reader*.\n"`
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("location", func(t *testing.T) {
		withLocalZone(t, func() {
			p, err := ParsePost([]byte(readPostSrc), "read-me.md", &LoadOptions{Location: kolkata})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Published.Format(time.RFC3339); got != "2024-03-04T05:06:00+05:30" {
				t.Errorf("Published = %s, want 2024-03-04T05:06:00+05:30", got)
			}
			p, err = ParsePost([]byte(readPostSrc), "read-me.md", &LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Published.Format(time.RFC3339); got != "2024-03-04T05:06:00Z" {
				t.Errorf("Published with no Location = %s, want UTC", got)
			}
		})
	})
	t.Run("no path", func(t *testing.T) {
		p, err := ParsePost([]byte(readPostSrc), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Path != "" || p.Slug != "" {
			t.Errorf("Path, Slug = %q, %q; want both empty", p.Path, p.Slug)
		}
		set, err := Build(Site{URL: "https://example.com/"}, []*Post{p}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := set.Posts[0].URL; got != "https://example.com/posts/read-me/" {
			t.Errorf("URL = %s; want the slug made from the title", got)
		}
	})
	t.Run("error without path", func(t *testing.T) {
		_, err := ParsePost([]byte("---\ntitle: x\n"), "", nil)
		var pe *PostError
		if !errors.As(err, &pe) || pe.Line != 1 || !errors.Is(err, ErrUnterminated) {
			t.Errorf("err = %v; want a *PostError on line 1 with ErrUnterminated", err)
		}
	})
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func TestReadPost(t *testing.T) {
	want, err := ParsePost([]byte(readPostSrc), "posts/read-me.md", nil)
	if err != nil {
		t.Fatal(err)
	}
	readers := []struct {
		name string
		r    func() io.Reader
	}{
		{"strings.Reader", func() io.Reader { return strings.NewReader(readPostSrc) }},
		{"one byte at a time", func() io.Reader { return iotest.OneByteReader(strings.NewReader(readPostSrc)) }},
		{"data with EOF", func() io.Reader { return iotest.DataErrReader(strings.NewReader(readPostSrc)) }},
	}
	for _, tt := range readers {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadPost(tt.r(), "posts/read-me.md", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ReadPost = %+v\nParsePost = %+v", got, want)
			}
		})
	}
	t.Run("read error", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := ReadPost(failingReader{boom}, "posts/x.md", nil)
		var pe *PostError
		if !errors.As(err, &pe) || pe.Path != "posts/x.md" || pe.Line != 0 || !errors.Is(err, boom) {
			t.Errorf("err = %#v; want a *PostError for posts/x.md, line 0, wrapping boom", err)
		}
		if err != nil && err.Error() != "posts/x.md: boom" {
			t.Errorf("Error() = %q", err.Error())
		}
	})
	t.Run("parse error", func(t *testing.T) {
		_, err := ReadPost(strings.NewReader("---\ntitle: x\ndate: 2024-01-01\ntags: 5\n---\n"), "posts/x.md", nil)
		if err == nil || err.Error() != "posts/x.md:4: wrong type: tags: want a list or a comma-separated string, got a number (5)" || !errors.Is(err, ErrFieldType) {
			t.Errorf("err = %v", err)
		}
	})
}

// The same content, loaded from files or constructed by a program, gives
// byte-identical feeds in every format, site-wide and per tag.
func TestConstructedPostsMatchLoaded(t *testing.T) {
	fsys := fstest.MapFS{
		"posts/hello.md": {Data: []byte(`---
title: Hello, world
description: The first post.
date: 2024-05-01T09:00:00+02:00
tags: [Go, feeds]
author: Jane Doe <jane@example.com>
hero:
  src: https://cdn.example.net/hello.jpg?w=800
  alt: A wave
---
Hello **world**, see [the next post](../second/) and ![](./wave.png).
`)},
		"posts/2024-05-02-second.md": {Data: []byte(`---
title: Second
updated: 2024-05-03
tags: feeds
---
A post with no description, whose first paragraph is the summary.

More text.
`)},
		"posts/drafty.md": {Data: []byte("---\ntitle: Draft\ndate: 2024-05-04\ndraft: true\n---\nNot yet.\n")},
	}
	loaded, err := LoadDir(fsys, "posts", nil)
	if err != nil {
		t.Fatal(err)
	}
	plus2 := time.FixedZone("", 2*3600)
	constructed := []*Post{
		{
			Slug:      "hello",
			Title:     "Hello, world",
			Summary:   "The first post.",
			Published: time.Date(2024, 5, 1, 9, 0, 0, 0, plus2),
			Tags:      []string{"Go", "feeds"},
			Authors:   []Author{{Name: "Jane Doe", Email: "jane@example.com"}},
			Hero:      &Image{URL: "https://cdn.example.net/hello.jpg?w=800", Alt: "A wave"},
			Body:      []byte("Hello **world**, see [the next post](../second/) and ![](./wave.png).\n"),
		},
		{
			Slug:      "second",
			Title:     "Second",
			Published: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC),
			Updated:   time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC),
			Tags:      []string{"feeds"},
			Body:      []byte("A post with no description, whose first paragraph is the summary.\n\nMore text.\n"),
		},
		{
			Slug:      "drafty",
			Title:     "Draft",
			Published: time.Date(2024, 5, 4, 0, 0, 0, 0, time.UTC),
			Draft:     true,
			Body:      []byte("Not yet.\n"),
		},
	}
	site := Site{URL: "https://example.com/", Title: "Ex", Description: "Examples", Language: "en"}
	render := func(t *testing.T, posts []*Post) map[string][]byte {
		t.Helper()
		set, err := Build(site, posts, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, f := range set.Files() {
			var buf bytes.Buffer
			if err := f.Feed.Write(&buf, f.Format); err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			out[f.Path] = buf.Bytes()
		}
		return out
	}
	fromFiles := render(t, loaded)
	fromProgram := render(t, constructed)
	wantFiles := []string{
		"atom.xml", "feed.json", "rss.xml",
		"tags/feeds/atom.xml", "tags/feeds/feed.json", "tags/feeds/rss.xml",
		"tags/go/atom.xml", "tags/go/feed.json", "tags/go/rss.xml",
	}
	var names []string
	for name := range fromFiles {
		names = append(names, name)
	}
	slices.Sort(names)
	if strings.Join(names, " ") != strings.Join(wantFiles, " ") {
		t.Fatalf("files = %v, want %v", names, wantFiles)
	}
	for _, name := range wantFiles {
		t.Run(name, func(t *testing.T) {
			if d := lineDiff(string(fromFiles[name]), string(fromProgram[name])); d != "" {
				t.Errorf("loaded (-) and constructed (+) posts differ:\n%s", d)
			}
			if len(fromFiles[name]) == 0 {
				t.Error("empty feed")
			}
		})
	}
	t.Run("loaded posts untouched by Build", func(t *testing.T) {
		for _, p := range loaded {
			if p.URL != "" || p.HTML != "" || p.ID != "" {
				t.Errorf("%s: Build filled URL %q, ID %q or HTML", p.Path, p.URL, p.ID)
			}
		}
	})
}

// TestKeyAliases checks the alias table: every alias maps to its group's
// first key, and when several spellings are present the earlier one in the
// group wins whatever their order in the file.
func TestKeyAliases(t *testing.T) {
	for _, group := range keyAliases {
		for _, k := range group {
			if aliasOf[k] != group[0] {
				t.Errorf("aliasOf[%q] = %q, want %q", k, aliasOf[k], group[0])
			}
			if k != strings.ToLower(k) {
				t.Errorf("alias %q is not lower case", k)
			}
		}
	}
	tests := []struct {
		name, in, want string
	}{
		{"summary then description", "summary: S\ndescription: D\n", "D"},
		{"excerpt then summary", "excerpt: E\nsummary: S\n", "S"},
		{"upper-case alias", "EXCERPT: E\n", "E"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePost([]byte("---\ntitle: T\ndate: 2024-01-01\n"+tt.in+"---\n"), "a.md", nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Summary != tt.want {
				t.Errorf("Summary = %q, want %q", p.Summary, tt.want)
			}
			if len(p.Params) != 0 {
				t.Errorf("aliases leaked into Params: %v", p.Params)
			}
		})
	}
}
