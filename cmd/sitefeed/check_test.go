package main

import (
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/sitefeed/sitefeed"
)

// countFS counts the files opened in an fs.FS.
type countFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestCheckReadsEachPostOnce: -check streams the documents as a build
// does, so a post loaded lazily is read once, not once per feed it is in.
func TestCheckReadsEachPostOnce(t *testing.T) {
	src := fstest.MapFS{}
	for i := range 30 {
		src[fmt.Sprintf("p%02d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: Post %d\ndate: 2024-05-%02d\ntags: [a, b%d, c]\n---\nText of post %d.\n", i, 1+i%28, i%3, i)}
	}
	fsys := &countFS{FS: src, opens: map[string]int{}}
	posts, err := sitefeed.LoadDir(fsys, ".", &sitefeed.LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	set, err := sitefeed.Build(sitefeed.Site{Title: "T", URL: "https://example.com/"}, posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	clear(fsys.opens)
	r := &report{check: true}
	if err := r.checkAll(set); err != nil {
		t.Fatal(err)
	}
	if len(fsys.opens) != len(posts) {
		t.Fatalf("%d posts read again, want %d", len(fsys.opens), len(posts))
	}
	for name, n := range fsys.opens {
		if n != 1 {
			t.Fatalf("%s read %d times", name, n)
		}
	}
	files := 0
	for _, n := range r.files {
		files += n
	}
	if files != len(set.Files()) || r.sizes[sitefeed.Atom] == 0 || r.opmlSize == 0 {
		t.Fatalf("report: %d files, sizes %v, OPML %d bytes", files, r.sizes, r.opmlSize)
	}
}

// TestChecker: the writer -check streams into accepts a well-formed
// document and refuses a broken one, however it is cut into writes.
func TestChecker(t *testing.T) {
	for _, c := range []struct {
		format sitefeed.Format
		doc    string
		ok     bool
	}{
		{sitefeed.RSS, "<rss><channel><title>x</title></channel></rss>\n", true},
		{sitefeed.RSS, "<rss><channel></rss>", false},
		{sitefeed.Atom, "<feed>", false},
		{sitefeed.JSON, `{"items": [1, {"a": "b"}]}` + "\n", true},
		{sitefeed.JSON, `{"items": [1, 2}`, false},
		{sitefeed.JSON, `{"a": 1}{"b": 2}`, false},
		{sitefeed.JSON, `{"a": 1`, false},
		{sitefeed.JSON, ``, false},
	} {
		var size int64 = -1
		w := newChecker(sitefeed.File{Path: "f", Format: c.format}, func(n int64) { size = n })
		for _, part := range strings.SplitAfter(c.doc, ",") {
			if _, err := io.WriteString(w, part); err != nil {
				break // the check failed already
			}
		}
		err := w.Close()
		if (err == nil) != c.ok {
			t.Errorf("%s %q: Close returned %v", c.format, c.doc, err)
		}
		if c.ok && size != int64(len(c.doc)) {
			t.Errorf("%s %q: size %d", c.format, c.doc, size)
		}
	}
}
