package sitefeed

import (
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
)

// countingMarkdown counts the posts it renders.
type countingMarkdown struct {
	goldmark.Markdown
	n atomic.Int64
}

func (c *countingMarkdown) Convert(src []byte, w io.Writer, opts ...parser.ParseOption) error {
	c.n.Add(1)
	return c.Markdown.Convert(src, w, opts...)
}

// TestPassesRenderPostsOnce writes a set of many archive pages in passes
// of few open files and counts how often each post is rendered: once,
// however many passes there are. Writing the documents in the order of
// Files rendered them 2.2 times here (and 2 times at 10,000 posts with
// archive pages of 10), in the order of their newest posts 1.55 times.
func TestPassesRenderPostsOnce(t *testing.T) {
	fsys := fstest.MapFS{}
	const n = 300
	tags := []string{"go", "web", "notes", "travel"}
	for i := range n {
		tag := tags[i%len(tags)]
		fsys[fmt.Sprintf("posts/p%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Post %d\ndate: 2020-01-01T%02d:%02d:00Z\ntags: [%s]\n---\nBody of post %d.\n", i, i/60, i%60, tag, i)}
	}
	posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	md := &countingMarkdown{Markdown: goldmark.New()}
	set, err := Build(Site{Title: "S", URL: "https://example.com/"}, posts, &Options{Archive: 5, ArchivePage: 5, Markdown: md})
	if err != nil {
		t.Fatal(err)
	}
	if files := len(set.Files()); files < 200 {
		t.Fatalf("%d files: too few for passes", files)
	}
	md.n.Store(0)
	writeDirFilesWith(t, set, writeConfig{maxOpenFiles: 20})
	if got := md.n.Load(); got != n {
		t.Errorf("%d posts rendered %d times in passes of 20 files: want each once", n, got)
	}
}
