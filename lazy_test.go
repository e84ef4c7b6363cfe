package sitefeed

import (
	"bytes"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"net/http"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/sitefeed/sitefeed/internal/corpus"
)

// corpusFS is a generated site of n posts in memory.
func corpusFS(n int, seed int64) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range corpus.Files(corpus.Options{N: n, Seed: seed}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestLazyMatchesEager checks, on a generated site, that posts loaded with
// LoadOptions.Lazy give the documents eagerly loaded posts give, through
// WriteDir (in one pass and in several), Feed.Write and the Handler, and
// that neither the loaded posts nor the set hold bodies or HTML.
func TestLazyMatchesEager(t *testing.T) {
	t.Parallel() // passes of 7 are this call's own
	fsys := corpusFS(600, 11)
	site := Site{Title: "Lazy", URL: "https://example.com/blog/"}
	eagerPosts, err := LoadDir(fsys, ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	eager, err := Build(site, eagerPosts, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range eager.Files() {
		var buf bytes.Buffer
		if err := f.Feed.Write(&buf, f.Format); err != nil {
			t.Fatal(err)
		}
		want[f.Path] = buf.Bytes()
	}

	posts, err := LoadDir(fsys, ".", &LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	withBody := 0
	for i, p := range posts {
		if p.Body != nil {
			t.Fatalf("%s: Lazy LoadDir kept %d bytes of Body", p.Path, len(p.Body))
		}
		if len(eagerPosts[i].Body) > 0 {
			withBody++
			if p.src == nil {
				t.Fatalf("%s: no source to read the body from", p.Path)
			}
		}
	}
	if withBody < len(posts)/2 {
		t.Fatalf("only %d of %d posts have a body", withBody, len(posts))
	}
	set, err := Build(site, posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Posts) <= 2*encodeChunk {
		t.Fatalf("%d posts: want several chunks of %d", len(set.Posts), encodeChunk)
	}
	for _, p := range set.Posts {
		if p.HTML != "" || p.Body != nil {
			t.Fatalf("%s: the set holds the post's HTML or Markdown", p.Path)
		}
	}
	check := func(how string, got []renderedFile) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", how, len(got), len(want))
		}
		for _, f := range got {
			if !bytes.Equal(f.Data, want[f.Path]) {
				t.Errorf("%s: %s differs from the eager build's (%d bytes, want %d)", how, f.Path, len(f.Data), len(want[f.Path]))
			}
		}
	}
	check("Feed.Write", renderSet(t, set))
	check("WriteDir", writeDirFiles(t, set))
	check("WriteDir in passes of 7", writeDirFilesWith(t, set, writeConfig{maxOpenFiles: 7}))
	check("WriteFiles", writeFilesOf(t, set))
	h, err := NewHandler(set)
	if err != nil {
		t.Fatal(err)
	}
	var served []renderedFile
	for _, f := range set.Files() {
		w := serve(h, http.MethodGet, "/"+f.Path, nil)
		served = append(served, renderedFile{File: f, Data: w.Body.Bytes()})
	}
	check("Handler", served)
}

// memFile is a document WriteFiles writes into memory.
type memFile struct {
	bytes.Buffer
	closed *bool
}

func (m *memFile) Close() error {
	*m.closed = true
	return nil
}

// writeFilesOf writes set with WriteFiles into memory, checking that each
// writer is closed.
func writeFilesOf(t *testing.T, set *Set) []renderedFile {
	t.Helper()
	var out []renderedFile
	var bufs []*memFile
	closed := make([]bool, len(set.Files()))
	err := set.WriteFiles(func(f File) (io.WriteCloser, error) {
		m := &memFile{closed: &closed[len(bufs)]}
		bufs = append(bufs, m)
		out = append(out, renderedFile{File: f})
		return m, nil
	})
	if err != nil {
		t.Fatalf("WriteFiles: %v", err)
	}
	for i := range out {
		if !closed[i] {
			t.Fatalf("%s: writer not closed", out[i].Path)
		}
		out[i].Data = bufs[i].Bytes()
	}
	return out
}

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

// TestWriteFilesReadsOnce: WriteFiles, like WriteDir, reads each lazily
// loaded post once, however many feeds hold it, where File.WriteTo reads
// it once per document.
func TestWriteFilesReadsOnce(t *testing.T) {
	fsys := &countFS{FS: corpusFS(60, 3), opens: map[string]int{}}
	posts, err := LoadDir(fsys, ".", &LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	set, err := Build(Site{Title: "Lazy", URL: "https://example.com/"}, posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Tags) < 2 {
		t.Fatalf("%d tags: want posts in several feeds", len(set.Tags))
	}
	clear(fsys.opens)
	writeFilesOf(t, set)
	for name, n := range fsys.opens {
		if n > 1 {
			t.Fatalf("%s read %d times", name, n)
		}
	}
	if len(fsys.opens) == 0 {
		t.Fatal("no post read again: the set is not lazy")
	}
}

// TestLazyChanged: a post that changes or goes between LoadDir and the
// writing of its feeds fails the write with ErrChanged and the post's path,
// leaving the output folder as it was.
func TestLazyChanged(t *testing.T) {
	post := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2024-09-19\ntags: [go]\n---\n" + body)}
	}
	for _, tc := range []struct {
		name   string
		change func(fsys fstest.MapFS)
	}{
		{"same size", func(fsys fstest.MapFS) { fsys["posts/b.md"] = post("B", "Body of *b*, edited!") }},
		{"longer", func(fsys fstest.MapFS) { fsys["posts/b.md"] = post("B", "Body of *b*, edited and longer.") }},
		{"shorter", func(fsys fstest.MapFS) { fsys["posts/b.md"] = post("B", "Body") }},
		{"front matter", func(fsys fstest.MapFS) { fsys["posts/b.md"] = post("C", "Body of *b*, as loaded.") }},
		{"removed", func(fsys fstest.MapFS) { delete(fsys, "posts/b.md") }},
		{"same size and CRC-32C", func(fsys fstest.MapFS) {
			// A checksum that can be collided on purpose would let this
			// through: four bytes of the edit make the CRC-32C the same.
			old := fsys["posts/b.md"].Data
			edited := bytes.Clone(post("B", "Body of *b*, EVIL XXXX!").Data)
			forgeCRC32C(edited, bytes.Index(edited, []byte("XXXX")), crc32.Checksum(old, crc32.MakeTable(crc32.Castagnoli)))
			if len(edited) != len(old) || bytes.Equal(edited, old) {
				t.Fatal("the forged file is not a same-size edit")
			}
			fsys["posts/b.md"] = &fstest.MapFile{Data: edited}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"posts/a.md": post("A", "Body of *a*."),
				"posts/b.md": post("B", "Body of *b*, as loaded."),
			}
			posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: true})
			if err != nil {
				t.Fatal(err)
			}
			set, err := Build(Site{Title: "T", URL: "https://example.com/"}, posts, nil)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if _, err := set.WriteDir(dir); err != nil {
				t.Fatal(err)
			}
			h, err := NewHandler(set)
			if err != nil {
				t.Fatal(err)
			}
			before := relSnapshot(t, dir)
			tc.change(fsys)

			written, err := set.WriteDir(dir)
			var pe *PostError
			if !errors.Is(err, ErrChanged) || !errors.As(err, &pe) || pe.Path != "posts/b.md" || written != nil {
				t.Fatalf("WriteDir: %d files, error %v; want ErrChanged for posts/b.md", len(written), err)
			}
			relSameSnapshot(t, "after the failed WriteDir", relSnapshot(t, dir), before)
			relNoTemps(t, dir)
			var buf bytes.Buffer
			if err := set.All.Write(&buf, RSS); !errors.Is(err, ErrChanged) {
				t.Errorf("Feed.Write: %v, want ErrChanged", err)
			}
			if err := h.Swap(set); !errors.Is(err, ErrChanged) {
				t.Errorf("Handler.Swap: %v, want ErrChanged", err)
			}
			if w := serve(h, http.MethodGet, "/rss.xml", nil); w.Code != http.StatusOK || !bytes.Contains(w.Body.Bytes(), []byte("as loaded")) {
				t.Errorf("after a failed Swap the handler serves %d %q, want the first set", w.Code, w.Body.String())
			}
		})
	}
}

// FuzzLazy checks that a post loaded with LoadOptions.Lazy gives the
// documents the same post loaded eagerly gives, whatever its slug (which
// makes its URL, against which links are resolved) and body.
func FuzzLazy(f *testing.F) {
	f.Add("hello", "Some [link](../x/) and ![i](i.png).")
	f.Add("a/b/c", "[q](?q=1#f) <a href=\"//h/p\">h</a>")
	f.Add("caf\u00e9 %2F x", "[r](/root) [m](mailto:x@y) ![d](data:image/png;base64,AA)")
	f.Add("x#y?z", "\r\n<img srcset=\"a.png 1x, b.png 2x\">\x00\xff")
	f.Fuzz(func(t *testing.T, slug, body string) {
		front, _ := json.Marshal(map[string]any{"title": "T", "date": "2024-09-19", "slug": slug, "tags": []string{"go"}})
		fsys := fstest.MapFS{"posts/p.md": {Data: append(append([]byte("---\n"), front...), "\n---\n"+body...)}}
		site := Site{Title: "S", URL: "https://example.com/blog/"}
		render := func(lazy bool) (map[string]string, error) {
			posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: lazy})
			if err != nil {
				return nil, err
			}
			set, err := Build(site, posts, nil)
			if err != nil {
				return nil, err
			}
			docs := map[string]string{}
			for _, f := range set.Files() {
				var buf bytes.Buffer
				if err := f.Feed.Write(&buf, f.Format); err != nil {
					return nil, err
				}
				docs[f.Path] = buf.String()
			}
			return docs, nil
		}
		eager, err1 := render(false)
		lazy, err2 := render(true)
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("eager error %v, lazy error %v", err1, err2)
		}
		for name, doc := range eager {
			if lazy[name] != doc {
				t.Fatalf("%s differs:\n%s", name, diffLines(doc, lazy[name]))
			}
		}
	})
}

// forgeCRC32C sets the four bytes of data at i so that the CRC-32C of data
// is want. A CRC is affine in the message bits, so the 32 bits are found by
// solving a linear system over GF(2).
func forgeCRC32C(data []byte, i int, want uint32) {
	table := crc32.MakeTable(crc32.Castagnoli)
	clear(data[i : i+4])
	base := crc32.Checksum(data, table)
	// cols[b] is how flipping bit b of the four bytes changes the CRC.
	var cols [32]uint32
	for b := range 32 {
		data[i+b/8] ^= 1 << (b % 8)
		cols[b] = crc32.Checksum(data, table) ^ base
		data[i+b/8] ^= 1 << (b % 8)
	}
	// Gaussian elimination: rows are (column, the bits it combines).
	type row struct{ v, bits uint32 }
	rows := make([]row, 32)
	for b := range 32 {
		rows[b] = row{cols[b], 1 << b}
	}
	for bit := range 32 {
		mask := uint32(1) << bit
		p := -1
		for r := bit; r < 32; r++ {
			if rows[r].v&mask != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			panic("CRC bits are not independent")
		}
		rows[bit], rows[p] = rows[p], rows[bit]
		for r := range 32 {
			if r != bit && rows[r].v&mask != 0 {
				rows[r].v ^= rows[bit].v
				rows[r].bits ^= rows[bit].bits
			}
		}
	}
	var flip uint32
	for bit := range 32 {
		if (base^want)&(1<<bit) != 0 {
			flip ^= rows[bit].bits
		}
	}
	for b := range 32 {
		if flip&(1<<b) != 0 {
			data[i+b/8] ^= 1 << (b % 8)
		}
	}
}
