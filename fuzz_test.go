package sitefeed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// Fuzz targets of issue 5. Their invariants are those of the hostile
// table (see reliability_test.go), not just "no panic":
//
//	go test -run '^$' -fuzz '^FuzzParsePost$' -fuzztime 60s .
//	go test -run '^$' -fuzz '^FuzzBuild$' -fuzztime 60s .
//
// Inputs worth keeping are committed under testdata/fuzz/<Name>/.

// relSentinels are the causes a PostError of ParsePost or Build has in its
// chain.
var relSentinels = []error{
	ErrNoFrontMatter, ErrUnterminated, ErrSyntax, ErrFieldType, ErrDuplicateKey,
	ErrMissingTitle, ErrMissingDate, ErrBadDate, ErrNotText, ErrTooLarge,
	ErrHeroNotFound, ErrDuplicate, ErrTooManyTags, ErrTooComplex, ErrBadName,
}

// relCheckPostError checks that err is one *PostError about path, with a
// line of the file (or 0), a sentinel in its chain and a message short
// enough to read.
func relCheckPostError(t *testing.T, err error, path string, data []byte) {
	t.Helper()
	var pe *PostError
	if !errors.As(err, &pe) {
		t.Fatalf("error %q (%T) is not a *PostError", err, err)
	}
	if pe.Path != path {
		t.Fatalf("error %q names %q, want %q", err, pe.Path, path)
	}
	// CRLF, LF and a lone CR each end a line, as in YAML and CommonMark.
	lines := 1 + bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
	if pe.Line < 0 || pe.Line > lines {
		t.Fatalf("error %q at line %d of a file of %d lines", err, pe.Line, lines)
	}
	found := false
	for _, s := range relSentinels {
		if errors.Is(err, s) {
			found = true
			break
		}
	}
	if !found {
		t.Fatalf("error %q has no sentinel in its chain", err)
	}
	if n := len(err.Error()); n > 600 {
		t.Fatalf("error message of %d bytes: %.300q…", n, err.Error())
	}
}

// relFuzzFiles are the post files the fuzz targets start from: the seed
// post, the posts of the golden archives, and the small files of the
// hostile table.
func relFuzzFiles(t testing.TB) [][]byte {
	var files [][]byte
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seed", "*.md"))
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	archives, _ := filepath.Glob(filepath.Join("testdata", "posts", "*.txtar"))
	for _, name := range archives {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".md") {
				files = append(files, f.Data)
			}
		}
	}
	for _, r := range append(readHostileCases(t, "testdata/hostile"), generatedRows()...) {
		for _, data := range r.files {
			if len(data) <= 16<<10 {
				files = append(files, []byte(data))
			}
		}
	}
	return files
}

// relWriteAll renders every document of set and runs the checks of
// reliability_test.go on it: well-formed XML, valid JSON Feed with unique
// ids, titles, ids and tags read back by gofeed, and paths inside the
// output folder.
func relWriteAll(t *testing.T, set *Set) {
	t.Helper()
	for _, file := range set.Files() {
		if err := relCheckPath(file.Path); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := file.Feed.Write(&buf, file.Format); err != nil {
			t.Fatalf("%s: %v", file.Path, err)
		}
		if err := relCheckDoc(file.Feed, file.Format, buf.Bytes()); err != nil {
			t.Fatalf("%s: %v\n%s", file.Path, err, relHead(buf.Bytes()))
		}
	}
}

// FuzzParsePost: ParsePost never panics; its errors are PostErrors with a
// sentinel and a line of the file; a post it returns builds (or fails with
// such an error) into documents that pass every check.
func FuzzParsePost(f *testing.F) {
	for _, data := range relFuzzFiles(f) {
		f.Add(data)
	}
	const path = "posts/2024-05-01-fuzz.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		// The front matter splitter's two modes are compared by FuzzSplit
		// in internal/frontmatter.
		p, err := ParsePost(data, path, nil)
		if err != nil {
			if p != nil {
				t.Fatal("ParsePost returned a post and an error")
			}
			relCheckPostError(t, err, path, data)
			return
		}
		set, err := Build(relSite, []*Post{p}, nil)
		if err != nil {
			relCheckPostError(t, err, path, data)
			return
		}
		if len(set.Posts)+set.Drafts != 1 {
			t.Fatalf("%d posts and %d drafts from one post", len(set.Posts), set.Drafts)
		}
		relWriteAll(t, set)
	})
}

// relRepair is what Build promises to make of a plain-text field: each
// invalid byte becomes U+FFFD, characters XML 1.0 forbids are removed, and
// spaces at both ends are trimmed.
func relRepair(s string) string {
	var b strings.Builder
	for _, r := range s { // an invalid byte comes out as U+FFFD
		if relXMLChar(r) {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// FuzzBuild: a post with any title, summary, tags (split at commas) and
// body builds, unless its title is empty once repaired, into documents
// that pass every check; the title is the one given, repaired as
// documented; every path stays inside the output folder.
func FuzzBuild(f *testing.F) {
	f.Add("Hello", "", "go,Go,GO", "Some *Markdown*.")
	f.Add(`<b>Tom</b> & "Jerry's" <i>`, `& < > " '`, `<b>x</b>,Q&A,&amp;,"q",it's`, "<script>alert(1)</script>\n\n]]> </script>")
	f.Add("a ]]> b", "</script>", "]]>,</script>", "```\n]]>\n```\n\n<div title=\"]]>\">]]></div>")
	f.Add("a\x01b\uFFFE\uFFFF", "\x0b\x0c", "a\x01b,\x00", "a\x00b\x1fc")
	f.Add("caf\xe9 \xff", "\xc3", "na\xefve", "D\xe9j\xe0")
	f.Add(" \x01 padded \x02 ", " ", " , ,\t,\u00a0", "")
	f.Add("Tags", "", "../../etc/passwd,..,/,a/b,, ,CON,NUL,.,COM1,"+strings.Repeat("x", 300), "")
	f.Add("Normal", "", "café,cafe\u0301,CAFÉ,Straße,STRASSE", "")
	f.Add("\u202eRTL\u200b", "", "\u200b,\u2028,\ufeff", "[link](javascript:alert(1)) ![i](../../x.png)")
	f.Fuzz(func(t *testing.T, title, summary, tags, body string) {
		p := &Post{
			Title:     title,
			Summary:   summary,
			Tags:      strings.Split(tags, ","),
			Body:      []byte(body),
			Published: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
		}
		set, err := Build(relSite, []*Post{p}, nil)
		want := relRepair(title)
		if err != nil {
			if !errors.Is(err, ErrMissingTitle) || want != "" {
				t.Fatalf("Build: %v", err)
			}
			return
		}
		if got := set.Posts[0].Title; got != want {
			t.Fatalf("title %q, want %q", got, want)
		}
		for _, tag := range set.Posts[0].Tags {
			if tag == "" || tag != strings.TrimSpace(tag) {
				t.Fatalf("tag %q is empty or not trimmed", tag)
			}
		}
		relWriteAll(t, set)
		if len(set.Tags) > 0 && (strings.Contains(tags, "..") || strings.ContainsAny(tags, `/\`)) {
			// Write the files out too when a tag looks like a path (it
			// costs more than all the checks above).
			base := t.TempDir()
			out := filepath.Join(base, "out")
			if _, err := set.WriteDir(out); err != nil {
				t.Fatal(err)
			}
			for name := range relSnapshot(t, base) {
				if name != "." && name != "out" && !strings.HasPrefix(name, "out/") {
					t.Fatalf("WriteDir wrote %s, outside the output folder", name)
				}
			}
		}
	})
}
