package sitefeed

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sitefeed/sitefeed/internal/mdlimit"
)

// hostileMarkdown returns a Markdown body of one of the kinds on which
// goldmark takes time or memory out of proportion to the input (see
// internal/mdlimit), n times over, and the 1-based line of the body that
// goes beyond a limit when n does.
func hostileMarkdown(kind string, n int) (body string, line int) {
	var b strings.Builder
	switch kind {
	case "open links": // [a]( n times on one line
		b.WriteString(strings.Repeat("[a](", n) + "\n")
		line = 1
	case "chained footnotes": // n footnotes, each referring to the next
		b.WriteString("Text[^0].\n\n")
		for i := range n {
			fmt.Fprintf(&b, "[^%d]: See [^%d].\n", i, i+1)
		}
		padFootnotes(&b, n)
		line = 2 + 1000 // the 1001st reference, in footnote 999
	case "dense footnote references": // n references to one footnote
		b.WriteString("Text" + strings.Repeat("[^0]", n) + "\n\n[^0]: The note.\n")
		padFootnotes(&b, n)
		line = 1
	case "nested list": // n levels
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		line = 101
	case "reference definitions": // n in a row
		for i := range n {
			fmt.Fprintf(&b, "[r%d]: https://example.com/%d\n", i, i)
		}
		line = 1001
	case "table": // n rows of 300 columns
		row := func(cell string) { b.WriteString("|" + strings.Repeat(cell+"|", 300) + "\n") }
		row("h")
		row("-")
		for range n {
			row("x")
		}
		line = 3 + 664 // the row that passes 200000 cells: 667 rows of 300
	}
	return b.String(), line
}

// padFootnotes pads a post of refs footnote references with plain text to
// the size mdlimit asks of it, when it is not that large already.
func padFootnotes(b *strings.Builder, refs int) {
	need := (min(refs, mdlimit.MaxFootnoteRefs) - mdlimit.MinFootnoteRefs) * mdlimit.FootnoteRefBytes
	for b.Len() < need {
		b.WriteString("\nSome plain text after the footnotes, to make the post as long as its references ask.\n")
	}
}

// hostileMarkdownSizes are the inputs of issue 15, each beyond a limit,
// and the largest each limit lets through.
var hostileMarkdownSizes = []struct {
	kind           string
	hostile, limit int
}{
	{"open links", 100000, 250},
	{"chained footnotes", 50000, 1000},
	{"dense footnote references", 100000, 1000},
	{"nested list", 3000, 100},
	{"reference definitions", 100000, 1000},
	{"table", 5000, 664},
}

// markdownRows are hostile rows for the Markdown beyond mdlimit's limits:
// each is refused with ErrTooComplex at the line of the file where the
// limit is passed, and the largest input each limit lets through is
// published.
func markdownRows() []hostileRow {
	var rows []hostileRow
	for _, c := range hostileMarkdownSizes {
		n := c.hostile
		if c.kind == "nested list" {
			n = 1000 // 3000 levels is 9 MB of indentation
		}
		body, line := hostileMarkdown(c.kind, n)
		r := hostileRow{name: fmt.Sprintf("Markdown: %s (%d)", c.kind, n), files: map[string]string{"posts/md.md": relPost("Hostile") + body}}
		r.stage, r.want = relBuild, relWant{is: ErrTooComplex, path: "posts/md.md", line: 6 + line}
		rows = append(rows, r)
		body, _ = hostileMarkdown(c.kind, c.limit)
		rows = append(rows, hostileRow{name: fmt.Sprintf("Markdown: %s (%d, at the limit)", c.kind, c.limit),
			files: map[string]string{"posts/md.md": relPost("At the limit") + body}, titles: []string{"At the limit"}})
	}
	return rows
}

// BenchmarkHostileMarkdown renders each hostile input through Build, as a
// post's body: the inputs of issue 15 (refused once mdlimit checks them)
// and the largest each limit lets through.
//
//	go test -run '^$' -bench HostileMarkdown -benchtime 1x
func BenchmarkHostileMarkdown(b *testing.B) {
	for _, c := range hostileMarkdownSizes {
		for _, size := range []struct {
			name string
			n    int
		}{{"hostile", c.hostile}, {"limit", c.limit}} {
			body, _ := hostileMarkdown(c.kind, size.n)
			b.Run(fmt.Sprintf("%s/%s=%d", strings.ReplaceAll(c.kind, " ", "-"), size.name, size.n), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					post := &Post{Path: "posts/md.md", Title: "T", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Body: []byte(body)}
					Build(Site{URL: "https://example.com/"}, []*Post{post}, nil)
				}
			})
		}
	}
}

// TestLazyTooComplex: a post loaded with LoadOptions.Lazy is checked as it
// is rendered, when its feeds are written, with the same error and line.
func TestLazyTooComplex(t *testing.T) {
	body, line := hostileMarkdown("nested list", 200)
	fsys := fstest.MapFS{"posts/deep.md": {Data: []byte(relPost("Deep") + body)}}
	posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	set, err := Build(relSite, posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = set.All.Write(io.Discard, RSS)
	relExpect(t, err, relWant{is: ErrTooComplex, path: "posts/deep.md", line: 6 + line})
}

// TestLazyTooComplexWithSourceLinks: a lazily loaded post that links to a
// source file is rendered by Build, for the warnings of its links: it is
// checked there too.
func TestLazyTooComplexWithSourceLinks(t *testing.T) {
	body, line := hostileMarkdown("nested list", 200)
	fsys := fstest.MapFS{
		"posts/deep.md":  {Data: []byte(relPost("Deep") + body + "\nSee [the other](other.md).\n")},
		"posts/other.md": {Data: []byte(relPost("Other"))},
	}
	posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(relSite, posts, nil)
	relExpect(t, err, relWant{is: ErrTooComplex, path: "posts/deep.md", line: 6 + line})
}

// TestLazyTooComplexWithMedia: a lazily loaded post that may refer to a
// file to publish is rendered by Build to find it: it is checked there too.
func TestLazyTooComplexWithMedia(t *testing.T) {
	body, line := hostileMarkdown("nested list", 200)
	fsys := fstest.MapFS{"posts/deep.md": {Data: []byte(relPost("Deep") + body + "\n![a photo](photo.jpg)\n")}}
	posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(relSite, posts, &Options{Source: fsys})
	relExpect(t, err, relWant{is: ErrTooComplex, path: "posts/deep.md", line: 6 + line})
}
