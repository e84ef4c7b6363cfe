package atomicdir

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}

// noLeftovers fails if a temporary file or the journal is left in dir.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(p, ".sitefeed-tmp") || e.Name() == journalName) {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
}

// TestTempsRemoved: the temporary files that killed writes left, in any
// folder, are removed by the next Open; a file that only looks alike, and
// a symbolic link with such a name, are not.
func TestTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	keep := map[string]string{
		".rss.xml.bak":                   "mine",
		"rss.xml.123-4.sitefeed-tmp":     "no leading dot",
		".rss.xml.12a-4.sitefeed-tmp":    "not a tag",
		"tags/go/.notes.txt.sitefeed-tm": "other",
	}
	temps := []string{".rss.xml.123-4.sitefeed-tmp", "tags/go/.atom.xml.99-1.sitefeed-tmp", ".sitefeed-manifest.5-2.sitefeed-tmp", "a/b/c/.x.json.1-1.sitefeed-tmp"}
	for name, data := range keep {
		writeFile(t, dir, name, data)
	}
	for _, name := range temps {
		writeFile(t, dir, name, "partial")
	}
	writeFile(t, outside, ".x.xml.1-1.sitefeed-tmp", "outside")
	if err := os.Symlink(outside, filepath.Join(dir, "linked")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(outside, ".x.xml.1-1.sitefeed-tmp"), filepath.Join(dir, ".y.xml.1-1.sitefeed-tmp")); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	for _, name := range temps {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			t.Errorf("%s was left", name)
		}
	}
	for name := range keep {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Errorf("%s was removed", name)
		}
	}
	for _, p := range []string{filepath.Join(outside, ".x.xml.1-1.sitefeed-tmp"), filepath.Join(dir, ".y.xml.1-1.sitefeed-tmp")} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed", p)
		}
	}
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLock: while one write holds the folder, a second fails at once with
// ErrLocked (NoWait), or waits until the first is closed.
func TestLock(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folders are not locked on Windows")
	}
	dir := t.TempDir()
	first, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, &Options{NoWait: true}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	opened := make(chan error)
	go func() {
		d, err := Open(dir, nil)
		if err == nil {
			d.Close()
		}
		opened <- err
	}()
	select {
	case err := <-opened:
		t.Fatalf("a second Open did not wait: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	first.Close()
	select {
	case err := <-opened:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a waiting Open did not go on when the lock was released")
	}
}

// TestFirstWriteAborted: a write into a folder that did not exist, aborted,
// leaves no folder behind; one that was waiting for it then makes the
// folder again and writes.
func TestFirstWriteAborted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "out")
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := d.Create([]string{"tags/go/rss.xml"})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fs[0], "x")
	d.Abort()
	d.Close()
	if _, err := os.Lstat(filepath.Dir(dir)); err == nil {
		t.Fatalf("the aborted first write left %s", filepath.Dir(dir))
	}
}
