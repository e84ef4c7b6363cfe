package media

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestName(t *testing.T) {
	sum := sha256.Sum256([]byte("x"))
	for _, tt := range []struct{ file, want string }{
		{"src/assets/blog-placeholder-3.jpg", "2d711642b726b044-blog-placeholder-3.jpg"},
		{"Photo Of Me.JPEG", "2d711642b726b044-photo-of-me.jpeg"},
		{"été à Paris.png", "2d711642b726b044-t-paris.png"},
		{"...png", "2d711642b726b044-file.png"},
		{"noext", "2d711642b726b044-noext"},
		{"a.tar.gz", "2d711642b726b044-a-tar.gz"},
		{strings.Repeat("a", 100) + ".PDF", "2d711642b726b044-" + strings.Repeat("a", 60) + ".pdf"},
		{"x.p$d%f", "2d711642b726b044-x.p-d-f"},
	} {
		got := Name(sum, tt.file)
		if got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.file, got, tt.want)
		}
		if !IsName(got) {
			t.Errorf("IsName(%q) = false", got)
		}
	}
}

func TestIsName(t *testing.T) {
	for _, name := range []string{"rss.xml", "photo.jpg", "2d711642b726b04-x.jpg", "2D711642B726B044-x.jpg", "2d711642b726b044-", "2d711642b726b044-X.jpg", "2d711642b726b044-a.b.c", "2d711642b726b044-.jpg", "2d711642b726b044-a b.jpg"} {
		if IsName(name) {
			t.Errorf("IsName(%q) = true", name)
		}
	}
}

func TestCopyable(t *testing.T) {
	for name, want := range map[string]bool{
		"a/b.png": true, "b.PDF": true, "c.mp3": true, "d.webm": true,
		".env": false, "a/.git/config": false, ".hidden/x.png": false, "a/.x.png": false,
		"post.md": false, "page.html": false, "main.go": false, "noext": false,
	} {
		if got := Copyable(name); got != want {
			t.Errorf("Copyable(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	for _, tt := range []struct {
		head, name, want string
	}{
		{"GIF89a", "x.jpg", "image/gif"}, // the bytes win over the name
		{"\x00\x00\x00\x1cftypavif", "x.bin", "image/avif"},
		{"%PDF-1.7", "x", "application/pdf"},
		{"not an image", "x.jpg", "image/jpeg"},
		{"ID3\x03", "x.mp3", "audio/mpeg"},
		{"text", "x", ""},
	} {
		if got := Sniff([]byte(tt.head), tt.name); got != tt.want {
			t.Errorf("Sniff(%q, %q) = %q, want %q", tt.head, tt.name, got, tt.want)
		}
	}
}

func TestStatAndWriteTo(t *testing.T) {
	data := bytes.Repeat([]byte("GIF89a"), 30000) // more than a buffer
	fsys := fstest.MapFS{"a/x.gif": {Data: data}, "dir": {Mode: 0o755 | 1<<31}}
	f, err := Stat(fsys, "a/x.gif")
	if err != nil {
		t.Fatal(err)
	}
	if f.Length != int64(len(data)) || f.Sum != sha256.Sum256(data) || f.Type != "image/gif" {
		t.Errorf("Stat = %d %x %s", f.Length, f.Sum, f.Type)
	}
	var buf bytes.Buffer
	if n, err := f.WriteTo(&buf); err != nil || n != int64(len(data)) || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("WriteTo = %d, %v", n, err)
	}
	for _, changed := range [][]byte{data[1:], append(bytes.Clone(data), 'x'), bytes.Replace(data, []byte("GIF"), []byte("GIG"), 1)} {
		fsys["a/x.gif"] = &fstest.MapFile{Data: changed}
		if _, err := f.WriteTo(&bytes.Buffer{}); !errors.Is(err, ErrChanged) {
			t.Errorf("WriteTo of a changed file: %v, want ErrChanged", err)
		}
	}
	delete(fsys, "a/x.gif")
	if _, err := f.WriteTo(&bytes.Buffer{}); !errors.Is(err, ErrChanged) {
		t.Errorf("WriteTo of a removed file: %v, want ErrChanged", err)
	}
	if _, err := Stat(fsys, "dir"); err == nil {
		t.Error("Stat of a folder: no error")
	}
}

func TestRewriteRefs(t *testing.T) {
	fn := func(ref string) (string, bool) {
		if strings.HasPrefix(ref, "./") {
			return "https://x.test/m/" + ref[2:], true
		}
		return "", false
	}
	for _, tt := range []struct{ in, want string }{
		// Untouched documents and tags are kept byte for byte.
		{"<p>plain <B>text</B></p>", "<p>plain <B>text</B></p>"},
		{`<a HREF='/x'  class=y>a</a>`, `<a HREF='/x'  class=y>a</a>`},
		{`<img src="./a.png" alt='A'>`, `<img src="https://x.test/m/a.png" alt="A">`},
		{`<img src="./a.png"/>`, `<img src="https://x.test/m/a.png"/>`},
		{`<IMG SRC=./a&#46;png>`, `<img src="https://x.test/m/a.png">`},
		{`<source srcset="./a.png 1x, /b.png 2x">`, `<source srcset="https://x.test/m/a.png 1x, /b.png 2x">`},
		{`<video poster="./p.jpg" src="./v.mp4"></video>`, `<video poster="https://x.test/m/p.jpg" src="https://x.test/m/v.mp4"></video>`},
		{`<script>var s = '<img src="./a.png">'</script>`, `<script>var s = '<img src="./a.png">'</script>`},
		{`<!-- <img src="./a.png"> -->`, `<!-- <img src="./a.png"> -->`},
		{`<a cite="./a.png" href="#x">`, `<a cite="./a.png" href="#x">`},
	} {
		if got := string(RewriteRefs([]byte(tt.in), fn)); got != tt.want {
			t.Errorf("RewriteRefs(%s) =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
	}
}

func TestMayRefer(t *testing.T) {
	for ext := range Types {
		if len(ext) > maxExt {
			t.Errorf("extension %s is longer than maxExt", ext)
		}
	}
	for _, s := range []string{
		"![x](./a.png)", "![x](./A.PNG)", "[pdf](doc.pdf#page=2)", `<video poster=p.webp>`,
		"![x](./a&#46;png)", "![x](./a.p&#x6e;g)", "![x](./a%2Epng)", `![x](./a\.png)`,
		"[x]: <./b.jpeg>", "x.gz", ".jpg",
	} {
		if !MayRefer([]byte(s)) {
			t.Errorf("MayRefer(%q) = false", s)
		}
	}
	for _, s := range []string{"", "plain text.", "see main.go and x.jpegs", "50% off", "e.g. this", "a && b", "R & D", ".jpeg1", `\n`} {
		if MayRefer([]byte(s)) {
			t.Errorf("MayRefer(%q) = true", s)
		}
	}
}
