package sitefeed

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitefeed/sitefeed/internal/media"
)

// astroCase is the Astro-like golden archive: posts in src/content/blog,
// images in src/assets, dist/ as Options.Static.
func astroCase(t *testing.T) *feedCase {
	t.Helper()
	c, err := readFeedCase(filepath.Join(feedGoldenDir, "astro-media.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	c.fsys = maps.Clone(c.fsys)
	c.opts.Source = c.fsys
	return c
}

func mediaPaths(set *Set) []string {
	var out []string
	for _, m := range set.Media {
		out = append(out, m.Path)
	}
	return out
}

func TestMediaCopiedForAstroTree(t *testing.T) {
	c := astroCase(t)
	set := c.build(t, nil)
	want := []string{
		"media/486ba2b44b8387e1-img.gif",
		"media/7614d68377e98175-clip.mp4",
		"media/81c14ed18ec8e2a4-doc.pdf",
		"media/86eb85bc0a870825-blog-placeholder-3.jpg",
	}
	if got := mediaPaths(set); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Media = %q, want %q", got, want)
	}
	byTitle := map[string]*Post{}
	for _, p := range set.Posts {
		byTitle[p.Title] = p
	}
	first := byTitle["First post"]
	hero := src(c, "src/assets/blog-placeholder-3.jpg")
	if h := first.Hero; h.URL != "https://example.com/media/86eb85bc0a870825-blog-placeholder-3.jpg" || h.Length != int64(len(hero)) || h.Type != "image/jpeg" {
		t.Errorf("hero = %+v, want the copy, %d bytes, image/jpeg", h, len(hero))
	}
	if !strings.Contains(first.HTML, `<img src="https://example.com/media/486ba2b44b8387e1-img.gif" alt="An inline image"`) {
		t.Errorf("the inline image does not refer to its copy:\n%s", first.HTML)
	}
	// A file the site publishes next to the page keeps its URL.
	if h := byTitle["Second post"].Hero; h.URL != "https://example.com/blog/second-post/local.gif" || h.Type != "image/gif" {
		t.Errorf("published hero = %+v, want its URL in dist/", h)
	}
	for _, m := range set.Media {
		if strings.Contains(m.Path, "local") || strings.Contains(m.Path, "secret") {
			t.Errorf("%s copied", m.Path)
		}
	}

	dir := t.TempDir()
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "media", "86eb85bc0a870825-blog-placeholder-3.jpg"))
	if err != nil || !bytes.Equal(got, hero) {
		t.Fatalf("copy = %q, %v; want the source's bytes", got, err)
	}
}

func src(c *feedCase, name string) []byte { return c.fsys[name].Data }

func TestMediaRemovedWhenUnused(t *testing.T) {
	c := astroCase(t)
	dir := t.TempDir()
	if _, err := c.build(t, nil).WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	// A file of the site's own in the media folder is never touched.
	own := filepath.Join(dir, "media", "photo.jpg")
	if err := os.WriteFile(own, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The first post no longer refers to anything.
	c.fsys["src/content/blog/first-post.md"] = &fstest.MapFile{Data: []byte("---\ntitle: First post\npubDate: 2022-07-08\n---\nNo images.\n")}
	set := c.build(t, nil)
	if got := mediaPaths(set); len(got) != 1 || got[0] != "media/86eb85bc0a870825-blog-placeholder-3.jpg" {
		t.Fatalf("Media = %q, want only the placeholder the second post uses", got)
	}
	written, err := set.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"486ba2b44b8387e1-img.gif", "7614d68377e98175-clip.mp4", "81c14ed18ec8e2a4-doc.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, "media", name)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("media/%s: %v, want it removed", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "media", "86eb85bc0a870825-blog-placeholder-3.jpg")); err != nil {
		t.Errorf("the placeholder still in use: %v", err)
	}
	if b, err := os.ReadFile(own); err != nil || string(b) != "mine" {
		t.Errorf("the site's own file: %q, %v", b, err)
	}
	last := written[len(written)-1]
	if last.Media == nil || !last.Unchanged || last.Size != int64(len(src(c, "src/assets/blog-placeholder-3.jpg"))) {
		t.Errorf("last Written = %+v, want the placeholder, unchanged", last)
	}
}

func TestMediaChangedAfterBuild(t *testing.T) {
	c := astroCase(t)
	set := c.build(t, nil)
	c.fsys["src/content/blog/img.gif"] = &fstest.MapFile{Data: []byte("GIF89a changed")}
	dir := t.TempDir()
	if _, err := set.WriteDir(dir); !errors.Is(err, ErrChanged) {
		t.Fatalf("WriteDir: %v, want ErrChanged", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed WriteDir left %d entries", len(entries))
	}
}

func TestMediaWriteFilesAndHandler(t *testing.T) {
	c := astroCase(t)
	set := c.build(t, nil)
	got := map[string]*bytes.Buffer{}
	err := set.WriteFiles(func(f File) (io.WriteCloser, error) {
		b := &bytes.Buffer{}
		got[f.Path] = b
		return nopWriteCloser{b}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pdf := src(c, "src/content/blog/doc.pdf")
	if b := got["media/81c14ed18ec8e2a4-doc.pdf"]; b == nil || !bytes.Equal(b.Bytes(), pdf) {
		t.Fatalf("WriteFiles media/…-doc.pdf = %v", b)
	}
	h, err := NewHandler(set)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/media/81c14ed18ec8e2a4-doc.pdf", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" || !bytes.Equal(rec.Body.Bytes(), pdf) || rec.Header().Get("ETag") == "" {
		t.Fatalf("GET = %d %v %q", rec.Code, rec.Header(), rec.Body)
	}
	req := httptest.NewRequest(http.MethodGet, "/media/81c14ed18ec8e2a4-doc.pdf", nil)
	req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("conditional GET = %d, want 304", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/media/0000000000000000-doc.pdf", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET of another name = %d, want 404", rec.Code)
	}
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// bigFS reports every file as larger than MaxMediaSize.
type bigFS struct{ fstest.MapFS }

func (b bigFS) Open(name string) (fs.File, error) {
	f, err := b.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return bigFile{f}, nil
}

type bigFile struct{ fs.File }

func (f bigFile) Stat() (fs.FileInfo, error) {
	st, err := f.File.Stat()
	return bigInfo{st}, err
}

type bigInfo struct{ fs.FileInfo }

func (bigInfo) Size() int64 { return MaxMediaSize + 1 }

func TestMediaTooLarge(t *testing.T) {
	fsys := fstest.MapFS{
		"posts/a.md":    {Data: []byte("---\ntitle: A\ndate: 2024-01-01\nhero: ./big.png\n---\nx\n")},
		"posts/b.md":    {Data: []byte("---\ntitle: B\ndate: 2024-01-02\n---\n![x](./big.png)\n")},
		"posts/big.png": {Data: []byte("GIF89a")},
	}
	posts, err := LoadDir(fsys, "posts", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(Site{URL: "https://example.com/"}, posts, &Options{Source: bigFS{fsys}})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("Build: %v, want two post errors", err)
	}
	for _, e := range list {
		if !errors.Is(e, ErrTooLarge) || !strings.Contains(e.Error(), "MaxMediaSize") {
			t.Errorf("%v: want ErrTooLarge naming MaxMediaSize", e)
		}
	}
	if list[0].Path != "posts/a.md" || list[0].Line != 4 {
		t.Errorf("hero error at %s:%d, want posts/a.md:4", list[0].Path, list[0].Line)
	}
}

func TestMediaHeroNowhere(t *testing.T) {
	fsys := fstest.MapFS{
		"site/src/blog/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\nhero: ../../assets/x.png\n---\nx\n")},
	}
	posts, err := LoadDir(fsys, "site/src/blog", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(Site{URL: "https://example.com/"}, posts, &Options{Source: fsys})
	if !errors.Is(err, ErrHeroNotFound) {
		t.Fatalf("Build: %v, want ErrHeroNotFound", err)
	}
	// Found in the source tree, outside the posts' folder.
	fsys["site/assets/x.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")}
	set, err := Build(Site{URL: "https://example.com/"}, posts, &Options{Source: fsys, Paths: Paths{Media: "files/img"}})
	if err != nil {
		t.Fatal(err)
	}
	if h := set.Posts[0].Hero; !strings.HasPrefix(h.URL, "https://example.com/files/img/") || h.Type != "image/png" || h.Length != 8 {
		t.Errorf("hero = %+v, want the copy in files/img/", h)
	}
}

// Without Options.Source or Static, nothing is copied: a hero next to the
// post keeps the URL it resolves to, as a page bundle's does.
func TestMediaNotCopiedWithoutSourceOrStatic(t *testing.T) {
	fsys := fstest.MapFS{
		"posts/a/index.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\nhero: ./h.gif\n---\n![x](./h.gif)\n")},
		"posts/a/h.gif":    {Data: []byte("GIF89a")},
	}
	posts, err := LoadDir(fsys, "posts", nil)
	if err != nil {
		t.Fatal(err)
	}
	set, err := Build(Site{URL: "https://example.com/"}, posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Media) != 0 || set.Posts[0].Hero.URL != "https://example.com/posts/a/h.gif" || set.Posts[0].Hero.Length != 6 {
		t.Errorf("Media = %q, hero = %+v", mediaPaths(set), set.Posts[0].Hero)
	}
}

func TestMediaPathChecked(t *testing.T) {
	for _, bad := range []string{"../m", "/m", "a/../../m", "{tag}", `a\b`, "."} {
		if _, err := Build(Site{URL: "https://example.com/"}, nil, &Options{Paths: Paths{Media: bad}}); err == nil {
			t.Errorf("Paths.Media %q: no error", bad)
		}
	}
}

// MayRefer must never miss a post whose rendered HTML refers to a file
// sitefeed would copy: the Markdown and HTML below spell references in
// every way the renderer and the tokenizer decode, and each one that
// decodes to a copyable path must be seen in the source.
func TestMayReferMissesNothing(t *testing.T) {
	md := DefaultMarkdown()
	sources := []string{
		"![x](./a.png)", "![x](<./a b.png>)", "![x](./a&#46;png)", "![x](./a%2epng)", `![x](./a\.png)`,
		"![x][r]\n\n[r]: ./a.png", "<img src=\"./a&period;png\">", "<img src=./a.p&#110;g>",
		"<a href=\"doc.PDF\">d</a>", "[x](./a.png \"t\")", "text without references",
		"<video src=\"v.webm\" poster=\"p.jpg\"></video>", "<img srcset=\"a.png 1x, b.gif 2x\">",
		"`![x](./code.png)`", "    ![x](./indented.png)", "&lt;img src=\"./a.png\"&gt;",
	}
	for _, s := range sources {
		var out bytes.Buffer
		if err := md.Convert([]byte(s), &out); err != nil {
			t.Fatal(err)
		}
		copyable := false
		media.RewriteRefs(out.Bytes(), func(ref string) (string, bool) {
			if p, ok := localPath(ref); ok && media.Copyable(path.Join("posts", p)) {
				copyable = true
			}
			return "", false
		})
		if copyable && !media.MayRefer([]byte(s)) {
			t.Errorf("MayRefer(%q) = false, but it renders to %s", s, out.Bytes())
		}
	}
}
