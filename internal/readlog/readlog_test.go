package readlog

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// site makes a folder of files for a log to look at.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"posts/a.md":     "---\ntitle: A\n---\nA.\n",
		"posts/b.md":     "---\ntitle: B\n---\nB.\n",
		"posts/sub/c.md": "C.\n",
		"img/hero.png":   "png",
	} {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// look makes the looks a build makes: a walk of posts, an open of each
// post, a stat of the hero and of a file that is not there.
func look(t *testing.T, dir string) []byte {
	t.Helper()
	l := New(time.Now(), 0)
	fsys := l.FS(dir, os.DirFS(dir))
	err := fs.WalkDir(fsys, "posts", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if _, err := d.Info(); err != nil {
			return err
		}
		_, err = fs.ReadFile(fsys, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(fsys, "img/hero.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(fsys, "static/hero.png"); err == nil {
		t.Fatal("static/hero.png exists")
	}
	b, err := l.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCheck(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no change times")
	}
	tests := []struct {
		name    string
		change  func(dir string) error
		changed string // the path Check names; "" for none
	}{
		{"nothing", func(string) error { return nil }, ""},
		{"a file read, same size", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "posts/a.md"), []byte("---\ntitle: X\n---\nA.\n"), 0o644)
		}, "posts/a.md"},
		{"a file read, mode", func(dir string) error { return os.Chmod(filepath.Join(dir, "posts/b.md"), 0o600) }, "posts/b.md"},
		{"a file read, replaced by a rename", func(dir string) error {
			tmp := filepath.Join(dir, "tmp")
			if err := os.WriteFile(tmp, []byte("C.\n"), 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, filepath.Join(dir, "posts/sub/c.md"))
		}, "posts/sub"}, // its folder, listed, comes first
		{"a file added to a folder listed", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "posts/sub/new.md"), nil, 0o644)
		}, "posts/sub"},
		{"a file removed", func(dir string) error { return os.Remove(filepath.Join(dir, "posts/b.md")) }, "posts"},
		{"a file stat'ed, touched", func(dir string) error {
			at := time.Now().Add(-time.Hour)
			return os.Chtimes(filepath.Join(dir, "img/hero.png"), at, at)
		}, "img/hero.png"},
		{"a file looked for, made", func(dir string) error {
			if err := os.Mkdir(filepath.Join(dir, "static"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "static/hero.png"), nil, 0o644)
		}, "static/hero.png"},
		{"a file not read, changed", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "img/other.png"), nil, 0o644)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t)
			time.Sleep(10 * time.Millisecond) // past the clock tick of the files' changes
			data := look(t, dir)
			if err := tt.change(dir); err != nil {
				t.Fatal(err)
			}
			got, err := Check(data)
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if tt.changed != "" {
				want = filepath.Join(dir, filepath.FromSlash(tt.changed))
			}
			if got != want {
				t.Errorf("Check = %q, want %q", got, want)
			}
		})
	}
}

func TestFiles(t *testing.T) {
	dir := site(t)
	time.Sleep(10 * time.Millisecond)
	data := look(t, dir)
	got, err := Files(data)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, n := range []string{"img/hero.png", "posts", "posts/a.md", "posts/b.md", "posts/sub", "posts/sub/c.md", "static/hero.png"} {
		want = append(want, filepath.Join(dir, filepath.FromSlash(n)))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Files =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestErr(t *testing.T) {
	dir := site(t)
	fsys := os.DirFS(dir)

	// A file changed within the window before the run began.
	l := New(time.Now(), time.Hour)
	l.FS(dir, fsys).Open("posts/a.md")
	if err := l.Err(); err == nil || !strings.Contains(err.Error(), "changed as the run began") {
		t.Errorf("racy file: Err = %v", err)
	}
	if _, err := l.AppendBinary(nil); err == nil {
		t.Error("AppendBinary of a racy log: no error")
	}

	// Two looks that disagree.
	time.Sleep(10 * time.Millisecond)
	l = New(time.Now(), 0)
	lfs := l.FS(dir, fsys)
	fs.Stat(lfs, "posts/a.md")
	os.WriteFile(filepath.Join(dir, "posts/a.md"), []byte("longer than it was"), 0o644)
	fs.Stat(lfs, "posts/a.md")
	if err := l.Err(); err == nil {
		t.Error("two looks that disagree: no error")
	}
}

func TestDecodeDamaged(t *testing.T) {
	dir := site(t)
	time.Sleep(10 * time.Millisecond)
	data := look(t, dir)
	if got, err := Check(data); err != nil || got != "" {
		t.Fatalf("Check = %q, %v", got, err)
	}
	for n := range len(data) {
		if _, err := Check(data[:n]); err == nil {
			t.Fatalf("Check of the first %d of %d bytes: no error", n, len(data))
		}
	}
	for i := range data {
		b := append([]byte(nil), data...)
		b[i] ^= 0xff
		Check(b) // must not panic; a flipped byte may still decode
	}
}
