package htmlclean

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"

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
