package sitefeed

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
	"github.com/rogpeppe/go-internal/txtar"
)

// The stage at which a hostile row must fail.
const (
	relPublish = iota // no error: the row is published, perhaps repaired
	relLoad           // LoadDir (and so ParsePost) reports it
	relBuild          // LoadDir accepts it and Build reports it
)

// A hostileRow is one case of TestHostileInputs: the files of a source
// folder (each row also gets relGood), what must happen, and for rows that
// are published the repair that is documented.
type hostileRow struct {
	name   string
	files  map[string]string          // under posts/
	fsys   func(t *testing.T) fs.FS   // instead of files, for links
	opts   Options                    // Build options
	load   *LoadOptions               // LoadDir options
	stage  int                        // relPublish, relLoad or relBuild
	want   relWant                    // the error of relLoad and relBuild rows
	titles []string                   // titles published (newest first), good post excluded
	check  func(t *testing.T, s *Set) // the repair, on the default build
}

// relGood is the well-formed post every row has beside its hostile files:
// it must always be published, so that one bad file never hides the rest.
const relGoodPath, relGood = "posts/zz-good.md", "---\ntitle: Good post\npubDate: 2020-01-01\ntags: [good]\n---\nAll is well.\n"

// relPost is a YAML post: title on line 2, date on line 3, the given lines
// from line 4 (an empty line 4 when there are none), then a body.
func relPost(title string, lines ...string) string {
	return "---\ntitle: " + title + "\npubDate: 2024-05-01\n" + strings.Join(lines, "\n") + "\n---\n" + "Body text.\n"
}

func (r *hostileRow) run(t *testing.T) {
	var fsys fs.FS
	if r.fsys != nil {
		fsys = r.fsys(t)
	} else {
		m := fstest.MapFS{relGoodPath: {Data: []byte(relGood)}}
		for name, data := range r.files {
			m[name] = &fstest.MapFile{Data: []byte(data)}
		}
		fsys = m
	}
	posts, err := LoadDir(fsys, "posts", r.load)
	if r.stage == relLoad {
		relExpect(t, err, r.want)
	} else if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	if !slices.ContainsFunc(posts, func(p *Post) bool { return p.Path == relGoodPath }) {
		t.Fatalf("LoadDir did not return the good post beside the hostile files")
	}

	opts := r.opts
	set, err := Build(relSite, posts, &opts)
	if r.stage == relBuild {
		relExpect(t, err, r.want)
		if set != nil {
			t.Fatal("Build failed and returned a Set")
		}
		opts.SkipInvalid = true
		set, err = Build(relSite, posts, &opts)
		if err != nil {
			t.Fatalf("Build with SkipInvalid: %v", err)
		}
		if len(set.Warnings) != 1 {
			t.Fatalf("SkipInvalid: %d warnings, want 1: %v", len(set.Warnings), set.Warnings)
		}
		relExpect(t, set.Warnings[0], r.want)
	} else if err != nil {
		t.Fatalf("Build: %v", err)
	}

	var got []string
	for _, p := range set.Posts {
		got = append(got, p.Title)
	}
	want := append(slices.Clone(r.titles), "Good post")
	if !slices.Equal(got, want) {
		t.Fatalf("published titles %q, want %q", got, want)
	}
	docs := relCheckSet(t, set)
	relCheckWriteDir(t, set, docs)
	if r.check != nil {
		r.check(t, set)
	}
}

// relPostTitled returns the published post with the given title.
func relPostTitled(t *testing.T, s *Set, title string) *Post {
	t.Helper()
	for _, p := range s.Posts {
		if p.Title == title {
			return p
		}
	}
	t.Fatalf("no post titled %q", title)
	return nil
}

// relTagSlugs maps each tag feed's display name to its slug.
func relTagSlugs(s *Set) map[string]string {
	m := map[string]string{}
	for _, f := range s.Tags {
		m[f.Tag] = f.Slug
	}
	return m
}

// relWantTags checks that the tag feeds are exactly those of want (display
// name to slug), besides the good post's.
func relWantTags(want map[string]string) func(t *testing.T, s *Set) {
	return func(t *testing.T, s *Set) {
		t.Helper()
		want := maps.Clone(want)
		if want == nil {
			want = map[string]string{}
		}
		want["good"] = "good"
		got := relTagSlugs(s)
		if len(got) != len(want) {
			t.Fatalf("tag feeds %q, want %q", got, want)
		}
		for name, slug := range want {
			if got[name] != slug {
				t.Fatalf("tag feeds %q, want %q", got, want)
			}
		}
	}
}

// relNest is n opening and n closing brackets around x.
func relNest(n int, open, x, close string) string {
	return strings.Repeat(open, n) + x + strings.Repeat(close, n)
}

// relLinkFS returns a source tree, opened with os.Root as the CLI does, in
// which posts/evil.md (and, when hero is set, posts/hero.jpg) are symbolic
// links to files outside the tree.
func relLinkFS(evil, hero string) func(t *testing.T) fs.FS {
	return func(t *testing.T) fs.FS {
		base := t.TempDir()
		outside := filepath.Join(base, "outside")
		src := filepath.Join(base, "src")
		for _, d := range []string{outside, filepath.Join(src, "posts")} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		write := func(name, data string) {
			if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(filepath.Join(src, filepath.FromSlash(relGoodPath)), relGood)
		write(filepath.Join(outside, "secret.md"), relPost("Secret outside the tree"))
		write(filepath.Join(outside, "hero.jpg"), "\xff\xd8\xff\xe0 not really a JPEG")
		if evil != "" {
			write(filepath.Join(src, "posts", "evil.md"), evil)
		} else if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(src, "posts", "evil.md")); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		if hero != "" {
			if err := os.Symlink(filepath.Join(outside, hero), filepath.Join(src, "posts", "hero.jpg")); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
		}
		root, err := os.OpenRoot(src)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { root.Close() })
		return root.FS()
	}
}

// generatedRows are the hostile cases made by code rather than read from
// testdata/hostile: the same case for every character XML forbids, inputs
// too large to keep as files, and symbolic links.
func generatedRows() []hostileRow {
	var rows []hostileRow
	add := func(r hostileRow) { rows = append(rows, r) }
	one := func(file, data string) map[string]string { return map[string]string{"posts/" + file: data} }
	fails := func(stage int, is error, path string, line int, mentions ...string) (int, relWant) {
		return stage, relWant{is: is, path: path, line: line, mentions: mentions}
	}

	r := hostileRow{name: "unterminated front matter (JSON on one huge line)", files: one("open.md",
		`{"title": "x", "pad": "`+strings.Repeat("x", 100000)+`"}`+"\nBody.\n")}
	r.stage, r.want = fails(relLoad, ErrUnterminated, "posts/open.md", 1)
	add(r)

	// ---- Characters XML 1.0 forbids, in each field. In front matter they
	// are written as YAML escapes (YAML itself rejects them raw, see
	// forbidden-character-raw-in-front-matter.txt); the body holds them raw.
	// The documented repair is that they are removed.
	for _, c := range relForbidden {
		esc := fmt.Sprintf(`\u%04X`, c)
		name := func(field string) string { return fmt.Sprintf("forbidden U+%04X in %s", c, field) }
		add(hostileRow{name: name("title"), files: one("t.md", relPost(`"a`+esc+`b"`)), titles: []string{"ab"}})
		add(hostileRow{name: name("description"), files: one("t.md", relPost("Desc", `description: "a`+esc+`b"`)), titles: []string{"Desc"},
			check: func(t *testing.T, s *Set) {
				if p := relPostTitled(t, s, "Desc"); p.Summary != "ab" {
					t.Fatalf("summary %q, want %q", p.Summary, "ab")
				}
			}})
		add(hostileRow{name: name("tags"), files: one("t.md", relPost("Tags", `tags: ["a`+esc+`b", "c"]`)), titles: []string{"Tags"},
			check: relWantTags(map[string]string{"ab": "ab", "c": "c"})})
		add(hostileRow{name: name("author"), files: one("t.md", relPost("Author", `author: "A`+esc+`B <ab@example.com>"`)), titles: []string{"Author"},
			check: func(t *testing.T, s *Set) {
				p := relPostTitled(t, s, "Author")
				if want := []Author{{Name: "AB", Email: "ab@example.com"}}; !slices.Equal(p.Authors, want) {
					t.Fatalf("authors %q, want %q", p.Authors, want)
				}
			}})
		add(hostileRow{name: name("hero alt"), files: one("t.md", relPost("Hero", "hero:", "  src: https://cdn.example.com/a.jpg", `  alt: "a`+esc+`b"`)), titles: []string{"Hero"},
			check: func(t *testing.T, s *Set) {
				if p := relPostTitled(t, s, "Hero"); p.Hero == nil || p.Hero.Alt != "ab" {
					t.Fatalf("hero %+v, want alt %q", p.Hero, "ab")
				}
			}})
		add(hostileRow{name: name("id"), files: one("t.md", relPost("ID", `id: "urn:a`+esc+`b"`)), titles: []string{"ID"},
			check: func(t *testing.T, s *Set) {
				if p := relPostTitled(t, s, "ID"); p.ID != "urn:ab" {
					t.Fatalf("id %q, want %q", p.ID, "urn:ab")
				}
			}})
		body := hostileRow{name: name("body"), files: one("t.md", relPost("Body")+"a"+string(c)+"b\n")}
		if c == 0 {
			// A NUL byte makes the file binary.
			body.stage, body.want = fails(relLoad, ErrNotText, "posts/t.md", 7)
		} else {
			body.titles = []string{"Body"}
			body.check = func(t *testing.T, s *Set) {
				if p := relPostTitled(t, s, "Body"); !strings.Contains(p.HTML, "<p>Body text.\nab</p>") {
					t.Fatalf("HTML %q: want the character removed", p.HTML)
				}
			}
		}
		add(body)
	}

	// ---- Expansion and nesting bombs: a quick ErrSyntax, whatever the
	// format. Memory is bounded by construction: front matter larger than
	// frontmatter.MaxSize is refused before it is decoded, and decoding
	// stops at frontmatter.MaxValues values and frontmatter.MaxDepth levels.
	r = hostileRow{name: "YAML deep nesting (flow, 100000 levels)", files: one("deep.md", relPost("Deep", "x: "+relNest(100000, "[", "", "]")))}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/deep.md", 4)
	add(r)
	r = hostileRow{name: "JSON deep nesting (100000 levels)", files: one("deep.md", "{\n\"title\": \"Deep\",\n\"date\": \"2024-05-01\",\n\"x\": "+relNest(100000, "[", "", "]")+"\n}\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/deep.md", 4)
	add(r)
	r = hostileRow{name: "TOML deep nesting (arrays, 100000 levels)", files: one("deep.md", "+++\ntitle = 'Deep'\ndate = 2024-05-01\nx = "+relNest(100000, "[", "", "]")+"\n+++\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/deep.md", 4)
	add(r)
	r = hostileRow{name: "TOML deep nesting (inline tables, 100000 levels)", files: one("deep.md", "+++\ntitle = 'Deep'\ndate = 2024-05-01\nx = "+relNest(100000, "{a=", "1", "}")+"\n+++\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/deep.md", 4)
	add(r)
	r = hostileRow{name: "TOML deep nesting (dotted keys, 100000 levels)", files: one("deep.md", "+++\ntitle = 'Deep'\ndate = 2024-05-01\n"+strings.Repeat("a.", 100000)+"a = 1\n+++\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/deep.md", 4)
	add(r)
	r = hostileRow{name: "TOML deep nesting (table header, 100000 levels)", files: one("deep.md", "+++\ntitle = 'Deep'\ndate = 2024-05-01\n["+strings.Repeat("a.", 100000)+"a]\nb = 1\n+++\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/deep.md", 4)
	add(r)
	manyKeys := func(format string) string {
		var b strings.Builder
		for i := range 50000 {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	r = hostileRow{name: "many keys: YAML (50000)", files: one("wide.md", relPost("Wide", manyKeys("k%d: 1\n")))}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/wide.md", 10002)
	add(r)
	r = hostileRow{name: "many keys: JSON (50000)", files: one("wide.md", "{\n\"title\": \"Wide\",\n\"date\": \"2024-05-01\",\n"+manyKeys("\"k%d\": 1,\n")+"\"z\": 1\n}\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/wide.md", 10002)
	add(r)
	r = hostileRow{name: "many keys: TOML (50000)", files: one("wide.md", "+++\ntitle = 'Wide'\ndate = 2024-05-01\n"+manyKeys("k%d = 1\n")+"+++\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/wide.md", 10002)
	add(r)
	// Many keys among many lines are found in time linear in the block.
	spread := func(format string) string {
		var b strings.Builder
		for i := range 9000 {
			fmt.Fprintf(&b, format, i)
			b.WriteString(strings.Repeat("\n", 50))
		}
		return b.String()
	}
	add(hostileRow{name: "TOML of 9000 keys over 450000 lines", files: one("spread.md", "+++\ntitle = 'Spread'\ndate = 2024-05-01\n"+spread("k%d = 1\n")+"+++\n"),
		titles: []string{"Spread"}})
	add(hostileRow{name: "JSON of 9000 keys over 450000 lines", files: one("spread.md", "{\n\"title\": \"Spread\",\n\"date\": \"2024-05-01\",\n"+spread("\"k%d\": 1,\n")+"\"z\": 1\n}\n"),
		titles: []string{"Spread"}})
	r = hostileRow{name: "front matter of 4 MB", files: one("big.md", relPost("Big", "x: ["+strings.Repeat("1,", 2<<20)+"1]"))}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/big.md", 1)
	add(r)

	// ---- Long values are cut short in messages, which stay readable.
	long := strings.Repeat("x", 100000)
	r = hostileRow{name: "very long date value", files: one("d.md", "---\ntitle: Long\npubDate: \""+long+"\"\n---\n")}
	r.stage, r.want = fails(relLoad, ErrBadDate, "posts/d.md", 3)
	add(r)
	r = hostileRow{name: "very long key, twice", files: one("d.md", "{\n\"title\": \"Long\",\n\"date\": \"2024-05-01\",\n\""+long+"\": 1,\n\""+long+"\": 2\n}\n")}
	r.stage, r.want = fails(relLoad, ErrDuplicateKey, "posts/d.md", 5)
	add(r)
	r = hostileRow{name: "very long key in hero", files: one("d.md", "{\n\"title\": \"Long\",\n\"date\": \"2024-05-01\",\n\"hero\": {\"src\": \"a.jpg\", \""+long+"\": [1]}\n}\n")}
	r.stage, r.want = fails(relLoad, ErrFieldType, "posts/d.md", 4)
	add(r)
	r = hostileRow{name: "very long TOML value", files: one("d.md", "+++\ntitle = 'Long'\ndate = 2024-05-01\nn = 1"+strings.Repeat("1", 100000)+"x\n+++\n")}
	r.stage, r.want = fails(relLoad, ErrSyntax, "posts/d.md", 4)
	add(r)
	r = hostileRow{name: "very long slug, twice", files: map[string]string{
		"posts/a.md": relPost("One", "slug: "+long),
		"posts/b.md": relPost("Two", "slug: "+long),
	}, titles: []string{"One"}}
	r.stage, r.want = fails(relBuild, ErrDuplicate, "posts/b.md", 0, "posts/a.md")
	add(r)
	r = hostileRow{name: "very long id, twice", files: map[string]string{
		"posts/a.md": relPost("One", "id: urn:"+long),
		"posts/b.md": relPost("Two", "id: urn:"+long),
	}, titles: []string{"One"}}
	r.stage, r.want = fails(relBuild, ErrDuplicate, "posts/b.md", 0, "posts/a.md")
	add(r)

	// ---- Size and binary content.
	var big strings.Builder
	for big.Len() < 10<<20 {
		fmt.Fprintf(&big, "Paragraph %d of a very long post, with *emphasis*, `code` & <b>markup</b>.\n\n", big.Len())
	}
	// No tag, so that only the site feed holds it: the row takes a minute
	// under -race as it is.
	add(hostileRow{name: "10 MB body", files: one("big.md", relPost("Ten megabytes")+big.String()),
		titles: []string{"Ten megabytes"},
		check: func(t *testing.T, s *Set) {
			if p := relPostTitled(t, s, "Ten megabytes"); len(p.HTML) < 10<<20 {
				t.Fatalf("HTML of %d bytes, want all of the body", len(p.HTML))
			}
		}})
	r = hostileRow{name: "file larger than MaxPostSize", files: one("huge.md", relPost("Huge")+strings.Repeat("x", MaxPostSize))}
	r.stage, r.want = fails(relLoad, ErrTooLarge, "posts/huge.md", 0)
	add(r)

	// ---- Symbolic links out of the source tree, opened with os.Root as the
	// CLI does: nothing outside is read.
	r = hostileRow{name: "symlink to a post outside the source tree", fsys: relLinkFS("", "")}
	r.stage, r.want = relLoad, relWant{text: "escapes", path: "posts/evil.md"}
	add(r)
	r = hostileRow{name: "hero symlink pointing outside the source tree", fsys: relLinkFS(relPost("Linked hero", "hero: ./hero.jpg"), "hero.jpg")}
	r.stage, r.want = fails(relBuild, ErrHeroNotFound, "posts/evil.md", 4)
	add(r)

	rows = append(rows, markdownRows()...)
	rows = append(rows, nameRows()...)
	return append(rows, tagRows()...)
}

// TestHostileInputs runs every hostile case, from testdata/hostile and
// generatedRows: for each hostile input either a clear error (sentinel,
// path and line; with SkipInvalid a warning and the rest published) or a
// documented repair, and in every case output that passes the checks of
// checks_test.go.
func TestHostileInputs(t *testing.T) {
	rows := append(readHostileCases(t, "testdata/hostile"), generatedRows()...)
	names := map[string]bool{}
	for _, r := range rows {
		if names[r.name] {
			t.Fatalf("two rows named %q", r.name)
		}
		names[r.name] = true
	}
	for i := range rows {
		r := &rows[i]
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			r.run(t)
		})
	}
	t.Logf("%d hostile cases", len(rows))
}

// readHostileCases reads the case files of dir. Each is a txtar archive:
// its files are the source folder (each case also gets relGood), and its
// comment is the case's name, a blank line, then "key: value" lines:
//
//	stage: load | build    the stage that fails (default: all is published)
//	error: ErrSyntax       the sentinel in the error's chain
//	text: …                a text the error must hold (for errors of the file system)
//	at: posts/x.md:4       the file and line the error names (no line: 0)
//	mentions: a | b        other texts the error must hold
//	titles: A | B          the titles published, newest first, besides the good post's
//	static: img/x.png      a file of Options.Static
//	tags: name -> slug | … the tag feeds, besides the good post's
//	tag-items: slug -> n   how many items a tag feed has
//	post: Title            the published post the keys below check
//	html: …                the post's HTML
//	html-has: … | …        texts its HTML holds
//	html-lacks: … | …      texts its HTML does not hold
//	summary: …, id: …      its summary and ID
//	post-tags: a | b       its tags
//	roundtrip-content: true  its HTML reads back from the RSS feed through gofeed
//	quoted: true           each file's data is one Go string literal
//
// Lists are separated by " | ". A value, or a list item, that starts with
// a double quote is a Go string literal.
func readHostileCases(t testing.TB, dir string) []hostileRow {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no case files in %s: %v", dir, err)
	}
	var rows []hostileRow
	for _, name := range names {
		r, err := parseHostileCase(name)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	return rows
}

// parseHostileCase reads the case file name, as readHostileCases describes.
func parseHostileCase(name string) (hostileRow, error) {
	a, err := txtar.ParseFile(name)
	if err != nil {
		return hostileRow{}, err
	}
	header, keys, _ := strings.Cut(string(a.Comment), "\n\n")
	r := hostileRow{name: strings.TrimSpace(header), files: map[string]string{}}
	var checks []func(t *testing.T, s *Set)
	post := "" // the title of the post that post checks look at
	quoted := false
	for i, line := range strings.Split(strings.TrimSpace(keys), "\n") {
		fail := func(format string, args ...any) (hostileRow, error) {
			return hostileRow{}, fmt.Errorf("%s:%d: %s", name, i+3, fmt.Sprintf(format, args...))
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return fail("want key: value, have %q", line)
		}
		value = strings.TrimSpace(value)
		var raw []string
		if value != "" {
			raw = strings.Split(value, " | ")
		}
		items, err := caseList(raw)
		if err != nil && key != "tags" && key != "tag-items" {
			return fail("%v", err)
		}
		one := func() string {
			if len(items) == 0 {
				return ""
			}
			return items[0]
		}
		title := post
		postCheck := func(check func(t *testing.T, p *Post)) {
			checks = append(checks, func(t *testing.T, s *Set) { check(t, relPostTitled(t, s, title)) })
		}
		switch key {
		case "stage":
			switch value {
			case "load":
				r.stage = relLoad
			case "build":
				r.stage = relBuild
			default:
				return fail("unknown stage %q", value)
			}
		case "error":
			if r.want.is = caseErrors[value]; r.want.is == nil {
				return fail("unknown error %q", value)
			}
		case "text":
			r.want.text = one()
		case "at":
			path, line, hasLine := strings.Cut(value, ":")
			r.want.path = path
			if hasLine {
				if r.want.line, err = strconv.Atoi(line); err != nil {
					return fail("bad line %q", line)
				}
			}
		case "mentions":
			r.want.mentions = items
		case "titles":
			r.titles = items
		case "static":
			static := fstest.MapFS{}
			for _, f := range items {
				static[f] = &fstest.MapFile{Data: []byte("\x89PNG")}
			}
			r.opts.Static = static
		case "tags":
			want, err := casePairs(raw)
			if err != nil {
				return fail("%v", err)
			}
			checks = append(checks, relWantTags(want))
		case "tag-items":
			want, err := casePairs(raw)
			if err != nil {
				return fail("%v", err)
			}
			checks = append(checks, func(t *testing.T, s *Set) {
				for slug, n := range want {
					i := slices.IndexFunc(s.Tags, func(f *Feed) bool { return f.Slug == slug })
					if i < 0 || strconv.Itoa(len(s.Tags[i].Items)) != n {
						t.Fatalf("tag feed %s: want %s items", slug, n)
					}
				}
			})
		case "post":
			post = one()
		case "html", "summary", "id":
			want := one()
			postCheck(func(t *testing.T, p *Post) {
				got := map[string]string{"html": p.HTML, "summary": p.Summary, "id": p.ID}[key]
				if got != want {
					t.Fatalf("%s of %q is %q, want %q", key, p.Title, got, want)
				}
			})
		case "html-has", "html-lacks":
			postCheck(func(t *testing.T, p *Post) {
				for _, s := range items {
					if strings.Contains(p.HTML, s) != (key == "html-has") {
						t.Fatalf("HTML of %q is %q: %s %q", p.Title, p.HTML, key, s)
					}
				}
			})
		case "post-tags":
			postCheck(func(t *testing.T, p *Post) {
				if !slices.Equal(p.Tags, items) {
					t.Fatalf("tags of %q are %q, want %q", p.Title, p.Tags, items)
				}
			})
		case "roundtrip-content":
			checks = append(checks, func(t *testing.T, s *Set) {
				p := relPostTitled(t, s, title)
				var buf bytes.Buffer
				if err := s.All.Write(&buf, RSS); err != nil {
					t.Fatal(err)
				}
				f, err := gofeed.NewParser().Parse(&buf)
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(f.Items, func(it *gofeed.Item) bool { return it.Title == p.Title })
				if i < 0 || f.Items[i].Content != p.HTML {
					t.Fatalf("content of %q does not read back as %q", p.Title, p.HTML)
				}
			})
		case "quoted":
			quoted = value == "true"
		default:
			return fail("unknown key %q", key)
		}
	}
	for _, f := range a.Files {
		data := string(f.Data)
		if quoted {
			var err error
			if data, err = strconv.Unquote(strings.TrimSuffix(data, "\n")); err != nil {
				return hostileRow{}, fmt.Errorf("%s: file %s: %v", name, f.Name, err)
			}
		}
		r.files[f.Name] = data
	}
	if (r.stage == relPublish) != (r.want.is == nil && r.want.text == "" && r.want.path == "") {
		return hostileRow{}, fmt.Errorf("%s: a case that fails needs error and at, and only such a case", name)
	}
	if len(checks) > 0 {
		r.check = func(t *testing.T, s *Set) {
			for _, c := range checks {
				c(t, s)
			}
		}
	}
	return r, nil
}

// caseErrors are the sentinels a case file can name.
var caseErrors = map[string]error{
	"ErrNoFrontMatter": ErrNoFrontMatter, "ErrUnterminated": ErrUnterminated, "ErrSyntax": ErrSyntax,
	"ErrFieldType": ErrFieldType, "ErrDuplicateKey": ErrDuplicateKey, "ErrMissingTitle": ErrMissingTitle,
	"ErrMissingDate": ErrMissingDate, "ErrBadDate": ErrBadDate, "ErrNotText": ErrNotText,
	"ErrTooLarge": ErrTooLarge, "ErrHeroNotFound": ErrHeroNotFound, "ErrDuplicate": ErrDuplicate,
	"ErrTooManyTags": ErrTooManyTags, "ErrTooComplex": ErrTooComplex, "ErrBadName": ErrBadName,
}

// caseList unquotes the items of a list.
func caseList(raw []string) ([]string, error) {
	var items []string
	for _, item := range raw {
		item, err := caseString(item)
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	return items, nil
}

// caseString unquotes s when it is a Go string literal.
func caseString(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, `"`) {
		return s, nil
	}
	return strconv.Unquote(s)
}

// casePairs reads "a -> b" items, each side perhaps a Go string literal.
func casePairs(items []string) (map[string]string, error) {
	m := map[string]string{}
	for _, item := range items {
		k, v, ok := strings.Cut(item, " -> ")
		if !ok {
			return nil, fmt.Errorf("want a -> b, have %q", item)
		}
		var err error
		if k, err = caseString(k); err != nil {
			return nil, err
		}
		if v, err = caseString(v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, nil
}
