package sitefeed

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests of what WriteDir may remove and replace (issue 15): only what
// it can prove it wrote.

// writeWithin runs WriteDir in the background and fails the test when it
// does not return within a minute (a manifest that is a FIFO once made it
// wait forever).
func writeWithin(t *testing.T, set *Set, dir string, o *WriteOptions) ([]Written, error) {
	t.Helper()
	type result struct {
		w   []Written
		err error
	}
	done := make(chan result, 1)
	go func() {
		w, err := set.WriteDirWith(dir, o)
		done <- result{w, err}
	}()
	select {
	case r := <-done:
		return r.w, r.err
	case <-time.After(time.Minute):
		t.Fatal("WriteDir did not return within a minute")
		return nil, nil
	}
}

func mustWriteFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWriteDirRemovesOnlyProven: a name added to the manifest (a user's
// package.json, sitemap.xml, assets/data.json, a custom feed in a tag's
// folder) is not removed, and neither is a stale feed whose bytes changed
// since it was written, which a warning names; a stale feed that still
// holds its bytes is removed.
func TestWriteDirRemovesOnlyProven(t *testing.T) {
	dir := t.TempDir()
	set := relMustBuild(t, append(relPosts([]string{"go", "zig"}, "A"), relPosts([]string{"rust"}, "B")...), nil)
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	users := map[string]string{"package.json": "{}", "sitemap.xml": "<urlset/>", "assets/data.json": "[]", "tags/go/custom.xml": "<mine/>"}
	for name, data := range users {
		mustWriteFile(t, dir, name, data)
	}
	f, err := os.OpenFile(filepath.Join(dir, ManifestName), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for name := range users {
		fmt.Fprintf(f, "%s\nfile 2 0000000000000000000000000000000000000000000000000000000000000000 %s\n", name, name)
	}
	f.Close()
	// The zig feeds go stale; one of them is edited by hand.
	edited := "tags/zig/rss.xml"
	mustWriteFile(t, dir, edited, "<rss>edited</rss>")

	var warnings []string
	set2 := relMustBuild(t, relPosts([]string{"go"}, "A"), nil)
	if _, err := writeWithin(t, set2, dir, &WriteOptions{Warn: func(err error) { warnings = append(warnings, err.Error()) }}); err != nil {
		t.Fatal(err)
	}
	for name, data := range users {
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(got) != data {
			t.Errorf("%s: %q, %v; a file sitefeed did not write was changed", name, got, err)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, edited)); string(got) != "<rss>edited</rss>" {
		t.Errorf("the edited stale feed was removed")
	}
	for _, gone := range []string{"tags/zig/atom.xml", "tags/zig/feed.json", "tags/rust/rss.xml", "tags/rust"} {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(gone))); err == nil {
			t.Errorf("stale %s was kept", gone)
		}
	}
	// The names with a checksum that does not match are named in the one
	// warning with the edited feed; the bare names are not sitefeed's.
	if len(warnings) != 1 || !strings.Contains(warnings[0], "5 stale files left in") || !strings.Contains(warnings[0], edited) {
		t.Errorf("warnings: %q; want one naming %s", warnings, edited)
	}
	// The edited file is no longer recorded: the next write is quiet.
	warnings = nil
	if _, err := writeWithin(t, set2, dir, &WriteOptions{Warn: func(err error) { warnings = append(warnings, err.Error()) }}); err != nil || len(warnings) > 0 {
		t.Errorf("third write: %v, warnings %q", err, warnings)
	}
}

// TestWriteDirOldManifest: the names an older manifest lists (no
// checksums) are trusted as sitefeed's for replacing, but a stale one is
// left in place with one warning, as nothing proves it unchanged.
func TestWriteDirOldManifest(t *testing.T) {
	dir := t.TempDir()
	mustWriteFile(t, dir, "rss.xml", "old feed")
	mustWriteFile(t, dir, "tags/old/rss.xml", "old tag feed")
	mustWriteFile(t, dir, "package.json", "{}")
	mustWriteFile(t, dir, ManifestName, "# Files written by sitefeed; they are replaced or removed by the next build.\nrss.xml\ntags/old/rss.xml\npackage.json\n")
	var warnings []string
	set := relMustBuild(t, relPosts(nil, "A"), &Options{Formats: []Format{RSS}})
	if _, err := writeWithin(t, set, dir, &WriteOptions{Warn: func(err error) { warnings = append(warnings, err.Error()) }}); err != nil {
		t.Fatal(err)
	}
	for _, keep := range []string{"tags/old/rss.xml", "package.json"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(keep))); err != nil {
			t.Errorf("%s was removed on the word of a manifest without checksums", keep)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "2 stale files") {
		t.Errorf("warnings %q", warnings)
	}
	if names := relManifestNames(t, dir); len(names) != 1 || names[0] != "rss.xml" {
		t.Errorf("manifest lists %q", names)
	}
}

// TestWriteDirHostileManifest: a manifest that is a symbolic link, a FIFO
// or too large is ignored with a warning, never followed, waited on or
// read whole; the write goes on (into a folder holding no feeds yet) and
// leaves a manifest of its own. A folder in its place is an error before
// anything is written.
func TestWriteDirHostileManifest(t *testing.T) {
	set := relMustBuild(t, relPosts([]string{"go"}, "A"), nil)
	for _, kind := range []string{"symlink", "fifo", "large", "folder"} {
		t.Run(kind, func(t *testing.T) {
			dir, outside := t.TempDir(), t.TempDir()
			mustWriteFile(t, outside, "list", "../outside-file\n")
			mustWriteFile(t, dir, "keep.txt", "mine")
			manifest := filepath.Join(dir, ManifestName)
			var err error
			switch kind {
			case "symlink":
				err = os.Symlink(filepath.Join(outside, "list"), manifest)
			case "fifo":
				err = mkfifo(manifest)
			case "large":
				err = os.WriteFile(manifest, []byte(strings.Repeat("keep.txt\n", 40<<20/9)), 0o644)
			case "folder":
				err = os.Mkdir(manifest, 0o755)
			}
			if err != nil {
				t.Skip(err)
			}
			var warnings []string
			_, err = writeWithin(t, set, dir, &WriteOptions{Warn: func(err error) { warnings = append(warnings, err.Error()) }})
			if kind == "folder" {
				if err == nil || !strings.Contains(err.Error(), "is a folder") {
					t.Fatalf("err %v, want one saying the manifest is a folder", err)
				}
				if _, err := os.Stat(filepath.Join(dir, "rss.xml")); err == nil {
					t.Fatal("feeds written")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], ManifestName) {
				t.Errorf("warnings %q", warnings)
			}
			if st, err := os.Lstat(manifest); err != nil || !st.Mode().IsRegular() {
				t.Errorf("the manifest is not a regular file now: %v", err)
			}
			if got, _ := os.ReadFile(filepath.Join(outside, "list")); string(got) != "../outside-file\n" {
				t.Errorf("the manifest's link target was changed: %q", got)
			}
			if _, err := os.Stat(filepath.Join(dir, "keep.txt")); err != nil {
				t.Error("keep.txt was removed")
			}
			// The next write goes on as usual.
			if _, err := writeWithin(t, set, dir, nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestWriteDirNotOurs: WriteDir (not only the command) refuses to replace
// a file that exists and that the manifest does not list, and writes
// nothing.
func TestWriteDirNotOurs(t *testing.T) {
	dir := t.TempDir()
	mustWriteFile(t, dir, "tags/go/atom.xml", "a user's file")
	set := relMustBuild(t, relPosts([]string{"go"}, "A"), nil)
	_, err := set.WriteDir(dir)
	var oe *OverwriteError
	if !errors.As(err, &oe) || oe.Path != "tags/go/atom.xml" {
		t.Fatalf("err %v, want an *OverwriteError for tags/go/atom.xml", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "tags", "go", "atom.xml")); string(got) != "a user's file" {
		t.Fatalf("replaced: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "rss.xml")); err == nil {
		t.Fatal("rss.xml written")
	}
}

// TestWriteDirFullDiskOneLine: when every file fails the same way (a full
// disk), the error is one line, with the count, not one line per file.
func TestWriteDirFullDiskOneLine(t *testing.T) {
	set := relMustBuild(t, relPosts([]string{"a", "b", "c", "d"}, "A", "B"), nil)
	_, err := set.writeDir(t.TempDir(), writeConfig{beforeCreate: func(name string) error {
		return &os.PathError{Op: "write", Path: name, Err: syscall.ENOSPC}
	}})
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "15 files failed the same way") || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err %q; want one line with the count, that is ENOSPC", err)
	}
}

// TestWriteDirRefuseEmpty: with RefuseEmpty, a set with no posts does not
// empty a folder whose feeds held posts; it does when there were none.
func TestWriteDirRefuseEmpty(t *testing.T) {
	dir := t.TempDir()
	if _, err := relMustBuild(t, relPosts([]string{"go"}, "A"), nil).WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	empty := relMustBuild(t, nil, nil)
	if _, err := empty.WriteDirWith(dir, &WriteOptions{RefuseEmpty: true}); !errors.Is(err, ErrEmpty) {
		t.Fatalf("err %v, want ErrEmpty", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "tags", "go", "rss.xml")); err != nil {
		t.Fatal("the tag feed was removed")
	}
	if _, err := empty.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := empty.WriteDirWith(dir, &WriteOptions{RefuseEmpty: true}); err != nil {
		t.Fatalf("empty over empty: %v", err)
	}
}
