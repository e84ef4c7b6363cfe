package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// The tests of WriteDir's promises (issue 5): nothing is written outside
// the output folder, whatever the tags, slugs, settings or links; a write
// that fails part-way leaves the previous feeds exactly as they were; the
// manifest removes stale feeds and nothing else; and the library is safe
// for concurrent use (run with -race).

// writeDirFilesWith writes set with WriteDir's settings changed by c, and
// returns the files written.
func writeDirFilesWith(t *testing.T, set *Set, c writeConfig) []renderedFile {
	t.Helper()
	dir := t.TempDir()
	written, err := set.writeDir(dir, c)
	if err != nil {
		t.Fatalf("WriteDir: %v", err)
	}
	var out []renderedFile
	for _, w := range written {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(w.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if w.Size != int64(len(data)) {
			t.Errorf("%s: WriteDir reports %d bytes, wrote %d", w.Path, w.Size, len(data))
		}
		if w.Media != nil {
			data = mediaSummary(w.Path, data)
		} else if w.Feed == nil {
			continue // a file beside the feeds (Set.ExtraFiles), which tests of its own check
		}
		out = append(out, renderedFile{File: w.File, Data: data})
	}
	return out
}

// relPosts returns constructed posts, one per title, a day apart (the
// first newest), each with the given tags.
func relPosts(tags []string, titles ...string) []*Post {
	var posts []*Post
	for i, title := range titles {
		posts = append(posts, &Post{
			Title:     title,
			Body:      []byte("Text of *" + title + "*.\n"),
			Published: time.Date(2024, 5, 20-i, 12, 0, 0, 0, time.UTC),
			Tags:      tags,
		})
	}
	return posts
}

// relMustBuild builds posts on relSite without the stylesheet and the
// index of feeds, so that the tests of writing count and compare feeds
// only; page_test.go tests those files.
func relMustBuild(t testing.TB, posts []*Post, opts *Options) *Set {
	t.Helper()
	o := Options{}
	if opts != nil {
		o = *opts
	}
	o.NoStyle, o.NoIndex = true, true
	set, err := Build(relSite, posts, &o)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return set
}

// relSnapshot records every entry under dir: folders, files with their
// bytes, links with their targets.
func relSnapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			snap[rel] = "link to " + target
		case d.IsDir():
			snap[rel] = "folder"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			snap[rel] = "file " + string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// relSameSnapshot fails when two snapshots differ, naming the entries.
func relSameSnapshot(t testing.TB, what string, got, want map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if g != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, "new "+k)
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Fatalf("%s: %s", what, strings.Join(diffs, ", "))
	}
}

// relNoTemps fails if a temporary file is left under dir.
func relNoTemps(t testing.TB, dir string) {
	t.Helper()
	for name := range relSnapshot(t, dir) {
		if strings.Contains(name, "sitefeed-tmp") {
			t.Fatalf("temporary file %s left behind", name)
		}
	}
}

// TestWriteDirBadPaths: output paths that would leave the output folder
// are refused by Build, and those that reach WriteDir anyway (a Set
// altered after Build) are refused by WriteDir, which then writes nothing.
func TestWriteDirBadPaths(t *testing.T) {
	for _, paths := range []Paths{
		{RSS: "../x.xml"}, {Atom: "/etc/atom.xml"}, {JSON: "a/../../feed.json"}, {RSS: "./rss.xml"},
		{RSS: "."}, {RSS: "feeds/"}, {RSS: `..\x.xml`}, {JSON: `C:\feed.json`}, {RSS: "a//b.xml"},
		{Tag: "../{tag}/"}, {Tag: "/{tag}/"}, {Tag: "{tag}/../../x/"}, {Tag: "tags/"}, {Tag: `..\{tag}\`},
	} {
		t.Run(fmt.Sprintf("%+v", paths), func(t *testing.T) {
			if set, err := Build(relSite, relPosts([]string{"go"}, "A"), &Options{Paths: paths}); err == nil {
				t.Fatalf("Build accepted paths %+v: files %v", paths, set.Files())
			}
		})
	}

	for _, bad := range []string{"../escape.xml", "/tmp/escape.xml", "a/../../escape.xml", "", "."} {
		t.Run("altered "+bad, func(t *testing.T) {
			base := t.TempDir()
			out := filepath.Join(base, "out")
			set := relMustBuild(t, relPosts([]string{".."}, "A"), nil)
			set.Tags[0].paths[RSS] = bad
			if _, err := set.WriteDir(out); err == nil {
				t.Fatalf("WriteDir wrote to %q", bad)
			}
			// out did not exist: the failed write removes it.
			snap := relSnapshot(t, base)
			if len(snap) != 1 {
				t.Fatalf("after a refused WriteDir: %v", slices.Sorted(maps.Keys(snap)))
			}
		})
	}
}

// TestWriteDirHostileTags: whatever the tags and slugs, every file lands
// inside the output folder, which is itself inside base.
func TestWriteDirHostileTags(t *testing.T) {
	tags := []string{"..", "../../etc/passwd", "/", "a/b", `..\..\win`, ".", "~", "$HOME", "CON", "nul", "COM1.txt", "aux.", " ", "", strings.Repeat("x", 300)}
	posts := relPosts(tags, "A", "B")
	posts[0].Slug = "../../../../escape"
	posts[1].Slug = "a/b/c"
	if _, err := Build(relSite, posts, nil); !errors.Is(err, ErrFieldType) {
		t.Fatalf("a slug with .. segments: error %v, want ErrFieldType", err)
	}
	posts[0].Slug = "/leading/and/trailing/"
	base := t.TempDir()
	out := filepath.Join(base, "out")
	set := relMustBuild(t, posts, nil)
	docs := relCheckSet(t, set)
	written, err := set.WriteDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != len(docs) {
		t.Fatalf("%d files written, want %d", len(written), len(docs))
	}
	for name := range relSnapshot(t, base) {
		if name != "." && name != "out" && !strings.HasPrefix(name, "out/") {
			t.Fatalf("WriteDir wrote %s, outside the output folder", name)
		}
	}
	for _, w := range written {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(w.Path)))
		if err != nil || !bytes.Equal(got, docs[w.Path]) {
			t.Fatalf("%s: %v, or not the document", w.Path, err)
		}
	}
}

// TestWriteDirLinks: links inside the output folder that point outside it
// are never followed, so nothing outside is written or removed.
func TestWriteDirLinks(t *testing.T) {
	newTree := func(t *testing.T) (out, outside string) {
		base := t.TempDir()
		out, outside = filepath.Join(base, "out"), filepath.Join(base, "outside")
		for _, d := range []string{out, outside} {
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(outside, "keep.txt"), []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
		return out, outside
	}
	link := func(t *testing.T, target, name string) {
		if err := os.Symlink(target, name); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	set := relMustBuild(t, relPosts([]string{"go"}, "A"), nil)

	t.Run("folder link", func(t *testing.T) {
		out, outside := newTree(t)
		link(t, outside, filepath.Join(out, "tags"))
		before, beforeOut := relSnapshot(t, outside), relSnapshot(t, out)
		_, err := set.WriteDir(out)
		if err == nil {
			t.Fatal("WriteDir followed tags/ out of the output folder")
		}
		relSameSnapshot(t, "outside", relSnapshot(t, outside), before)
		relSameSnapshot(t, "output folder", relSnapshot(t, out), beforeOut)
	})

	t.Run("file link", func(t *testing.T) {
		out, outside := newTree(t)
		link(t, filepath.Join(outside, "keep.txt"), filepath.Join(out, "rss.xml"))
		// Listed in the manifest, as though sitefeed had written it.
		if err := os.WriteFile(filepath.Join(out, ManifestName), []byte("rss.xml\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		before := relSnapshot(t, outside)
		if _, err := set.WriteDir(out); err != nil {
			t.Fatal(err)
		}
		relSameSnapshot(t, "outside", relSnapshot(t, outside), before)
		st, err := os.Lstat(filepath.Join(out, "rss.xml"))
		if err != nil || !st.Mode().IsRegular() {
			t.Fatalf("rss.xml is not a file of its own: %v %v", st, err)
		}
	})

	t.Run("output folder is a link", func(t *testing.T) {
		// The output folder itself may be a link: it is what the user named.
		out, outside := newTree(t)
		if err := os.Remove(out); err != nil {
			t.Fatal(err)
		}
		link(t, outside, out)
		if _, err := set.WriteDir(out); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(outside, "rss.xml")); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("manifest", func(t *testing.T) {
		out, outside := newTree(t)
		link(t, outside, filepath.Join(out, "linked"))
		link(t, filepath.Join(outside, "keep.txt"), filepath.Join(out, "file-link.xml"))
		abs := filepath.ToSlash(filepath.Join(outside, "keep.txt"))
		manifest := strings.Join([]string{"# hostile", "../outside/keep.txt", abs, "linked/keep.txt", "file-link.xml", ".", "..", "", ManifestName, "tags/../../outside/keep.txt"}, "\n")
		if err := os.WriteFile(filepath.Join(out, ManifestName), []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
		before := relSnapshot(t, outside)
		if _, err := set.WriteDir(out); err != nil {
			t.Fatal(err)
		}
		relSameSnapshot(t, "outside", relSnapshot(t, outside), before)
		if _, err := os.Lstat(filepath.Join(out, "file-link.xml")); err != nil {
			t.Fatalf("a link listed in the manifest was removed: %v", err)
		}
	})
}

// TestWriteDirAtomic writes a set, then makes a second WriteDir fail at
// each file in turn: every time, the folder must be exactly as the first
// WriteDir left it, with no temporary file and no new folder. A last
// WriteDir that succeeds replaces the feeds and removes the stale ones.
func TestWriteDirAtomic(t *testing.T) {
	t.Parallel() // the failing create is this call's own
	dir := t.TempDir()
	first := relMustBuild(t, append(relPosts([]string{"go", "old"}, "First A", "First B"), relPosts([]string{"keep"}, "First C")...), nil)
	if _, err := first.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>not a feed</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := relSnapshot(t, dir)

	// The second set changes every document, drops tag "old" and adds
	// "new", whose folder does not exist yet.
	second := relMustBuild(t, append(relPosts([]string{"go", "new"}, "Second A", "Second B"), relPosts([]string{"keep"}, "Second C")...), nil)
	docs := relCheckSet(t, second)
	files := second.Files()
	failure := errors.New("disk full (test)")
	for n := 1; n <= len(files); n++ {
		calls := 0
		written, err := second.writeDir(dir, writeConfig{beforeCreate: func(name string) error {
			if calls++; calls == n {
				return failure
			}
			return nil
		}})
		if !errors.Is(err, failure) || written != nil {
			t.Fatalf("failing file %d: WriteDir returned %d files, error %v", n, len(written), err)
		}
		relSameSnapshot(t, fmt.Sprintf("after failing file %d of %d", n, len(files)), relSnapshot(t, dir), before)
	}

	if _, err := second.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	after := relSnapshot(t, dir)
	for name, doc := range docs {
		if after[name] != "file "+string(doc) {
			t.Fatalf("%s is not the second set's document", name)
		}
	}
	for name := range after {
		if strings.HasPrefix(name, "tags/old") {
			t.Fatalf("stale %s kept", name)
		}
	}
	if after["index.html"] != before["index.html"] {
		t.Fatal("index.html, which sitefeed did not write, was changed")
	}
	relNoTemps(t, dir)
}

// TestWriteDirUnchanged: a file that already holds its document's bytes
// is left as it was (same file, same modification time); one that differs
// anywhere, is shorter or longer, or is a symbolic link is replaced.
func TestWriteDirUnchanged(t *testing.T) {
	t.Parallel() // the failing create is this call's own
	dir := t.TempDir()
	long := relPosts([]string{"go", "rust"}, "Long")
	long[0].Body = bytes.Repeat([]byte("A paragraph of the long post, to be compared in several reads.\n\n"), 2000)
	set := relMustBuild(t, append(long, relPosts([]string{"go"}, "A", "B")...), nil)
	docs := relCheckSet(t, set)
	if len(docs["feed.json"]) < 128<<10 {
		t.Fatalf("feed.json has %d bytes; the test needs several writes and reads of it", len(docs["feed.json"]))
	}
	written, err := set.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range written {
		if w.Unchanged {
			t.Fatalf("%s reported unchanged in an empty folder", w.Path)
		}
	}

	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	changed := map[string]func(doc []byte) []byte{
		"tags/rust/rss.xml":  func(doc []byte) []byte { return doc[:len(doc)-1] },
		"tags/rust/atom.xml": func(doc []byte) []byte { return append(slices.Clone(doc), '\n') },
		"feed.json": func(doc []byte) []byte { // the last read differs
			d := slices.Clone(doc)
			d[len(d)-5] ^= 1
			return d
		},
		"atom.xml": func(doc []byte) []byte { // the first read differs
			d := slices.Clone(doc)
			d[3] ^= 1
			return d
		},
	}
	for name, change := range changed {
		if err := os.WriteFile(path(name), change(docs[name]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symbolic link to a file with the same bytes is replaced too.
	if err := os.WriteFile(path("tags/go/copy.xml"), docs["tags/go/rss.xml"], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path("tags/go/rss.xml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("copy.xml", path("tags/go/rss.xml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	changed["tags/go/rss.xml"] = nil
	before := map[string]os.FileInfo{}
	for name := range docs {
		if err := os.Chtimes(path(name), old, old); err != nil {
			t.Fatal(err)
		}
		st, err := os.Lstat(path(name))
		if err != nil {
			t.Fatal(err)
		}
		before[name] = st
	}
	snap := relSnapshot(t, dir)

	// A build that fails part-way changes nothing.
	files := set.Files()
	calls := 0
	_, err = set.writeDir(dir, writeConfig{beforeCreate: func(string) error {
		if calls++; calls == len(files) {
			return errors.New("disk full (test)")
		}
		return nil
	}})
	if err == nil {
		t.Fatal("WriteDir did not fail")
	}
	relSameSnapshot(t, "after a failed WriteDir", relSnapshot(t, dir), snap)

	written, err = set.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != len(docs) {
		t.Fatalf("%d files written, want %d", len(written), len(docs))
	}
	for _, w := range written {
		_, isChanged := changed[w.Path]
		if w.Unchanged == isChanged {
			t.Errorf("%s: Unchanged is %v", w.Path, w.Unchanged)
		}
		if w.Size != int64(len(docs[w.Path])) {
			t.Errorf("%s: Size %d, want %d", w.Path, w.Size, len(docs[w.Path]))
		}
		got, err := os.ReadFile(path(w.Path))
		if err != nil || !bytes.Equal(got, docs[w.Path]) {
			t.Errorf("%s does not hold its document (%v)", w.Path, err)
		}
		st, err := os.Lstat(path(w.Path))
		if err != nil {
			t.Fatal(err)
		}
		switch kept := os.SameFile(st, before[w.Path]) && st.ModTime().Equal(old); {
		case isChanged && (kept || !st.Mode().IsRegular()):
			t.Errorf("%s was not replaced by a new file", w.Path)
		case !isChanged && !kept:
			t.Errorf("%s, which held its bytes, was replaced or touched", w.Path)
		}
	}
	if got, err := os.ReadFile(path("tags/go/copy.xml")); err != nil || !bytes.Equal(got, docs["tags/go/rss.xml"]) {
		t.Error("the symbolic link's target was changed")
	}
	relNoTemps(t, dir)

	// The manifest, unchanged, is left as it was too.
	if err := os.Chtimes(path(ManifestName), old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path(ManifestName)); err != nil || !st.ModTime().Equal(old) {
		t.Errorf("the unchanged manifest was rewritten (%v)", err)
	}
}

// TestWriteDirUnchangedRandom: whatever a file holds before WriteDir (its
// document cut short or run on, changed at any byte, or other bytes
// altogether), afterwards it holds its document, and it is reported
// unchanged exactly when it held the document already.
func TestWriteDirUnchangedRandom(t *testing.T) {
	dir := t.TempDir()
	long := relPosts([]string{"go"}, "Long")
	long[0].Body = bytes.Repeat([]byte("Words of the long post, read back in several pieces.\n\n"), 1500)
	set := relMustBuild(t, append(long, relPosts([]string{"go", "zig"}, "A", "B")...), nil)
	docs := relCheckSet(t, set)
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		same := map[string]bool{}
		for name, doc := range docs {
			d := slices.Clone(doc)
			switch rng.IntN(6) {
			case 0: // as it is
			case 1:
				d = d[:rng.IntN(len(d))]
			case 2:
				d = append(d, byte(rng.IntN(256)))
			case 3:
				d[rng.IntN(len(d))] ^= byte(1 + rng.IntN(255))
			case 4:
				d = nil
			case 5:
				d = make([]byte, rng.IntN(2*len(doc)))
				for i := range d {
					d[i] = byte(rng.IntN(256))
				}
			}
			same[name] = bytes.Equal(d, doc)
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), d, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		written, err := set.WriteDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range written {
			if w.Unchanged != same[w.Path] {
				t.Errorf("round %d: %s: Unchanged is %v, want %v", round, w.Path, w.Unchanged, same[w.Path])
			}
			if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(w.Path))); err != nil || !bytes.Equal(got, docs[w.Path]) {
				t.Fatalf("round %d: %s does not hold its document (%v)", round, w.Path, err)
			}
		}
		relNoTemps(t, dir)
	}
}

// TestWriteDirManifest: the manifest removes the feeds an earlier WriteDir
// wrote that the set no longer has (and the folders that leaves empty),
// and nothing else.
func TestWriteDirManifest(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	posts := append(relPosts([]string{"go", "rust"}, "A"), relPosts([]string{"go", "zig"}, "B")...)
	set := relMustBuild(t, posts, nil)
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	// Files sitefeed did not write, some beside its feeds.
	write("index.html", "home")
	write("tags/zig/notes.txt", "mine")
	write("tags/other/rss.xml", "not sitefeed's")
	write("rss.xml.bak", "backup")

	// Only RSS now, and no more rust or zig.
	set2 := relMustBuild(t, relPosts([]string{"go"}, "A", "B"), &Options{Formats: []Format{RSS}})
	if _, err := set2.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	got := relSnapshot(t, dir)
	var names []string
	for name, v := range got {
		if v != "folder" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	want := []string{ManifestName, "index.html", "rss.xml", "rss.xml.bak", "tags/go/rss.xml", "tags/other/rss.xml", "tags/zig/notes.txt"}
	if !slices.Equal(names, want) {
		t.Fatalf("files after the second WriteDir:\n%q\nwant\n%q", names, want)
	}
	if _, ok := got["tags/rust"]; ok {
		t.Fatal("tags/rust, left empty, was kept")
	}
	if manifest := relManifestNames(t, dir); !slices.Equal(manifest, []string{"rss.xml", "tags/go/rss.xml"}) {
		t.Fatalf("manifest lists %q", manifest)
	}
}

// relManifestNames returns the names of the files dir's manifest records,
// each with its size and SHA-256, checked against the file.
func relManifestNames(t testing.TB, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.SplitN(line, " ", 4)
		if len(f) != 4 || f[0] != "file" {
			continue
		}
		file, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f[3])))
		if err != nil {
			t.Fatalf("manifest lists %s: %v", f[3], err)
		}
		if sum := sha256.Sum256(file); f[1] != strconv.Itoa(len(file)) || f[2] != hex.EncodeToString(sum[:]) {
			t.Fatalf("manifest records %s with size %s and SHA-256 %s; it has %d bytes, %x", f[3], f[1], f[2], len(file), sum)
		}
		names = append(names, f[3])
	}
	return names
}

// relClonePost copies everything of p that Build could change.
func relClonePost(p *Post) *Post {
	c := *p
	c.Tags = slices.Clone(p.Tags)
	c.Authors = slices.Clone(p.Authors)
	c.Body = bytes.Clone(p.Body)
	if p.Hero != nil {
		h := *p.Hero
		c.Hero = &h
	}
	c.Params = maps.Clone(p.Params)
	c.lines = maps.Clone(p.lines)
	return &c
}

// TestConcurrentUse runs LoadDir, Build, Feed.Write, WriteDir and a
// Handler from many goroutines on shared inputs, and checks that every
// result is the one a lone call gives and that the inputs are unchanged.
// Run it with -race.
func TestConcurrentUse(t *testing.T) {
	src := fstest.MapFS{
		"posts/hero/index.md": {Data: []byte("---\ntitle: With hero\npubDate: 2024-05-03\nhero: {src: ./lake.png, alt: Lake}\ntags: [go, Travel]\n---\nA *lake*.\n")},
		"posts/hero/lake.png": {Data: []byte("\x89PNG\r\n\x1a\n0000")},
		"posts/static.md":     {Data: []byte("---\ntitle: Static hero\npubDate: 2024-05-02\nhero: /img/a.jpg\ntags: [go]\n---\nText.\n")},
		"public/img/a.jpg":    {Data: []byte("\xff\xd8\xff\xe0")},
	}
	for i := range 40 {
		src[fmt.Sprintf("posts/p%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Post %d & <co>\npubDate: 2024-04-%02d\ntags: [t%d, Go, travel]\nauthor: Author %d <a%d@example.com>\n---\nParagraph with a [link](../x/) and ![img](i.png).\n\nMore.\n",
			i, 1+i%28, i%5, i, i))}
	}
	posts, err := LoadDir(src, "posts", nil)
	if err != nil {
		t.Fatal(err)
	}
	static, _ := fs.Sub(src, "public")
	opts := &Options{Static: static, Limit: 30, NoStyle: true, NoIndex: true} // as relMustBuild
	var clones []*Post
	for _, p := range posts {
		clones = append(clones, relClonePost(p))
	}
	want := relMustBuild(t, posts, opts)
	wantDocs := relCheckSet(t, want)

	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	for w := range workers {
		wg.Go(func() {
			// Load and build again, from the shared fs.FS, Options and posts.
			loaded, err := LoadDir(src, "posts", nil)
			if err != nil || len(loaded) != len(posts) {
				report(fmt.Errorf("LoadDir: %d posts, %v", len(loaded), err))
				return
			}
			for _, in := range [][]*Post{posts, loaded} {
				set, err := Build(relSite, in, opts)
				if err != nil {
					report(err)
					return
				}
				for _, f := range set.Files() {
					var buf bytes.Buffer
					if err := f.Feed.Write(&buf, f.Format); err != nil {
						report(err)
					} else if !bytes.Equal(buf.Bytes(), wantDocs[f.Path]) {
						report(fmt.Errorf("worker %d: %s differs from a lone build's", w, f.Path))
					}
				}
			}
			// Write the shared Set, to a folder of its own and to its
			// documents, all at once.
			for _, f := range want.Files() {
				var buf bytes.Buffer
				if err := f.Feed.Write(&buf, f.Format); err != nil || !bytes.Equal(buf.Bytes(), wantDocs[f.Path]) {
					report(fmt.Errorf("shared set: %s: %v", f.Path, err))
				}
			}
			if _, err := want.WriteDir(filepath.Join(t.TempDir(), "out")); err != nil {
				report(err)
			}
			if _, err := NewHandler(want); err != nil {
				report(err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i, p := range posts {
		if !reflect.DeepEqual(p, clones[i]) {
			t.Fatalf("Build changed its input post %s:\n%+v\nwas\n%+v", p.Path, p, clones[i])
		}
	}
}

// TestWriteDirConcurrentSameFolder: WriteDir calls into one folder at the
// same time (two builds of a watch loop overlapping) each replace every
// file atomically: no call fails, no file is ever a mix of two, and no
// temporary file is left.
func TestWriteDirConcurrentSameFolder(t *testing.T) {
	dir := t.TempDir()
	var sets []*Set
	var docs []map[string][]byte
	for i := range 4 {
		set := relMustBuild(t, relPosts([]string{"go", "same"}, fmt.Sprintf("Set %d first", i), fmt.Sprintf("Set %d second", i)), nil)
		sets = append(sets, set)
		docs = append(docs, relCheckSet(t, set))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Go(func() {
			if _, err := sets[i%len(sets)].WriteDir(dir); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	relNoTemps(t, dir)
	for _, f := range sets[0].Files() {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(docs, func(d map[string][]byte) bool { return bytes.Equal(d[f.Path], got) }) {
			t.Fatalf("%s is no set's document:\n%s", f.Path, relHead(got))
		}
	}
}

// TestWriteDirOPML: with Paths.OPML, WriteDir writes the OPML list beside
// the feeds, atomically, left as it was when unchanged, recorded in the
// manifest (so that a build without it removes it), and the Handler
// serves it.
func TestWriteDirOPML(t *testing.T) {
	dir := t.TempDir()
	set := relMustBuild(t, relPosts([]string{"go"}, "A", "B"), &Options{Paths: Paths{OPML: "feeds.opml"}})
	var want bytes.Buffer
	if err := set.WriteOPML(&want); err != nil {
		t.Fatal(err)
	}
	for run, unchanged := range []bool{false, true} {
		written, err := set.WriteDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		last := written[len(written)-1]
		if len(written) != len(set.Files())+1 || last.Path != "feeds.opml" || last.Feed != nil || last.Size != int64(want.Len()) || last.Unchanged != unchanged {
			t.Fatalf("run %d: last of %d written: %+v", run, len(written), last)
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, "feeds.opml"))
	manifest := relManifestNames(t, dir)
	if !bytes.Equal(got, want.Bytes()) || !slices.Contains(manifest, "feeds.opml") {
		t.Fatalf("feeds.opml:\n%s\nmanifest:\n%s", got, manifest)
	}
	relNoTemps(t, dir)

	h, err := NewHandler(set)
	if err != nil {
		t.Fatal(err)
	}
	if w := serve(h, "GET", "/feeds.opml", nil); w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want.Bytes()) || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/x-opml") {
		t.Fatalf("served feeds.opml: %d %s", w.Code, w.Header().Get("Content-Type"))
	}

	// A feed cannot share the list's name.
	if _, err := Build(relSite, nil, &Options{Paths: Paths{OPML: "../x.opml"}}); err == nil {
		t.Fatal("Build accepted an OPML path outside the output")
	}
	clash := relMustBuild(t, relPosts([]string{"go"}, "A"), &Options{Paths: Paths{OPML: "rss.xml"}})
	if _, err := clash.WriteDir(t.TempDir()); err == nil {
		t.Fatal("WriteDir wrote the OPML list over a feed")
	}

	// A build without it removes it.
	if _, err := relMustBuild(t, relPosts([]string{"go"}, "A", "B"), nil).WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "feeds.opml")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("feeds.opml kept: %v", err)
	}
}

// TestExtrasMatchWriteDir checks that each of a set's Extras writes the
// bytes WriteDir writes to its file, and that the Handler serves with its
// media type.
func TestExtrasMatchWriteDir(t *testing.T) {
	posts := []*Post{{Title: "A", Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Tags: []string{"go"}}}
	set, err := Build(Site{Title: "Ex", URL: "https://example.com/", Language: "de"}, posts, &Options{Paths: Paths{OPML: "feeds.opml"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := set.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	extras := set.Extras()
	if len(extras) != 3 {
		t.Fatalf("%d extras, want the OPML list, the stylesheet and the index", len(extras))
	}
	h, err := NewHandler(set)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range extras {
		var buf bytes.Buffer
		n, err := e.WriteTo(&buf)
		if err != nil || n != int64(buf.Len()) {
			t.Fatalf("%s: WriteTo = %d, %v for %d bytes", e.Path, n, err, buf.Len())
		}
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s: WriteTo differs from the file WriteDir wrote", e.Path)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/"+e.Path, nil))
		if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, e.MediaType+";") || !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("%s: the Handler serves %q, %d bytes; want %s and the file", e.Path, got, rec.Body.Len(), e.MediaType)
		}
	}
}
