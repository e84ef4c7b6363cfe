package htmlclean

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/sitefeed/sitefeed/internal/corpus"
)

// markdownDocs renders the Markdown files of a generated site of n posts
// as the default renderer of package sitefeed does (front matter and all:
// it is Markdown too).
func markdownDocs(t testing.TB, n int, seed int64) map[string][]byte {
	t.Helper()
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	)
	docs := make(map[string][]byte)
	for name, data := range corpus.Files(corpus.Options{N: n, Seed: seed}) {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		var out bytes.Buffer
		if err := md.Convert(data, &out); err != nil {
			t.Fatal(err)
		}
		docs[name] = out.Bytes()
	}
	return docs
}

// TestFootnoteTagsTakeShortcut checks that every tag of the footnotes
// Markdown renders to, each with its own number, is one sanitizeCommonTag
// answers for, as the house policy does: the policy is then asked once
// per form, not once per footnote.
func TestFootnoteTagsTakeShortcut(t *testing.T) {
	t.Parallel()
	var src strings.Builder
	for i := range 30 {
		fmt.Fprintf(&src, "Text[^%d] and again[^%d].\n\n", i, i)
	}
	for i := range 30 {
		fmt.Fprintf(&src, "[^%d]: Note %d, see [^%d].\n", i, i, (i+1)%30)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	var out bytes.Buffer
	if err := md.Convert([]byte(src.String()), &out); err != nil {
		t.Fatal(err)
	}
	c := Default()
	kinds := map[string]int{}
	z := html.NewTokenizer(&out)
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		raw := string(z.Raw())
		if tt != html.StartTagToken || !strings.Contains(raw, "fn") || strings.HasPrefix(raw, "<div") {
			continue
		}
		clean, class, ok := sanitizeCommonTag([]byte(raw))
		if !ok || class.kind != footnoteTag || !c.commonAgrees(class, []byte(raw), clean) {
			t.Fatalf("%s: sanitizeCommonTag gives %q, kind %d, %v; want a footnote tag the house policy agrees with", raw, clean, class.kind, ok)
		}
		if want := c.sanitizeWhole([]byte(raw)); string(clean) != want {
			t.Fatalf("%s: sanitizeCommonTag gives %q, the policy %q", raw, clean, want)
		}
		kinds[class.form]++
	}
	// References (twice each, and from each note), backlinks, notes.
	if len(kinds) != 4 || kinds["sup"] != 90 || kinds["li"] != 30 {
		t.Errorf("footnote tags by form: %v", kinds)
	}
}
