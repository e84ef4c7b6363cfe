package sitefeed

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// cacheSteps is how many random edits TestCacheRandomEdits makes; set
// SITEFEED_CACHE_STEPS for more (CI runs thousands).
func cacheSteps() int {
	if n, err := strconv.Atoi(os.Getenv("SITEFEED_CACHE_STEPS")); err == nil && n > 0 {
		return n
	}
	return 40
}

// A cachePost is one post file of TestCacheRandomEdits.
type cachePost struct {
	title, date, body string
	tags              []string
}

func (p cachePost) file() string {
	return fmt.Sprintf("---\ntitle: %s\ndate: %s\ntags: [%s]\n---\n%s\n", p.title, p.date, strings.Join(p.tags, ", "), p.body)
}

// readTree returns every file under dir, by slash path, the manifest
// without its input lines.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == ManifestName {
			// What a build with a cache records of the documents' inputs.
			data = regexp.MustCompile(`(?m)^input .*\n`).ReplaceAll(data, nil)
		}
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCacheRandomEdits applies random edits to a site (edit a body, add,
// delete, rename, retag or redate a post, change a setting, damage a
// cache entry, nothing) and after each compares every file a build with
// the cache writes with a build from scratch into a new folder.
func TestCacheRandomEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(5005, 16))
	src, out, cacheDir := t.TempDir(), t.TempDir(), filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(filepath.Join(src, "posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	posts := map[string]cachePost{}
	next := 0
	words := []string{"alpha", "*beta*", "[gamma](../g/)", "delta", "`eps`", "[first](p1.md)"}
	newPost := func() cachePost {
		next++
		return cachePost{title: fmt.Sprintf("Post %d", next), date: fmt.Sprintf("2024-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)), body: words[r.IntN(len(words))], tags: randomTags(r)}
	}
	for range 8 {
		posts[fmt.Sprintf("p%d.md", next+1)] = newPost()
	}
	site := Site{Title: "Cached", URL: "https://example.com/"}
	archive := 3
	var hits int64
	prev := -1 // the previous step's edit
	for step := range cacheSteps() {
		names := slices.Sorted(func(yield func(string) bool) {
			for n := range posts {
				if !yield(n) {
					return
				}
			}
		})
		pick := func() string { return names[r.IntN(len(names))] }
		what := r.IntN(10)
		if len(names) < 2 {
			what = 0 // a site of one post gets another, whatever was drawn
		}
		switch {
		case what == 0:
			posts[fmt.Sprintf("p%d.md", next+1)] = newPost()
		case what == 1:
			delete(posts, pick())
		case what == 2:
			n := pick()
			p := posts[n]
			delete(posts, n)
			posts["renamed-"+n] = p
		case what == 3:
			n := pick()
			p := posts[n]
			p.tags = randomTags(r)
			posts[n] = p
		case what == 4:
			n := pick()
			p := posts[n]
			p.date = fmt.Sprintf("2023-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
			posts[n] = p
		case what == 5:
			switch r.IntN(3) {
			case 0:
				site.Title += "!"
			case 1:
				site.URL = []string{"https://example.com/", "https://example.org/blog/"}[r.IntN(2)]
			default:
				archive = r.IntN(4)
			}
		case what == 6:
			damageEntry(t, r, cacheDir)
		case what == 7:
			// nothing changes
		default:
			n := pick()
			p := posts[n]
			p.body += " " + words[r.IntN(len(words))]
			posts[n] = p
		}
		if err := os.RemoveAll(filepath.Join(src, "posts")); err != nil {
			t.Fatal(err)
		}
		os.Mkdir(filepath.Join(src, "posts"), 0o755)
		for n, p := range posts {
			if err := os.WriteFile(filepath.Join(src, "posts", n), []byte(p.file()), 0o644); err != nil {
				t.Fatal(err)
			}
		}

		cache, _, err := OpenCache(cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		// Items kept for every post, for those of documents of more than
		// two posts, or (the default) for none of these small documents.
		cache.itemsOver = []int{0, 2, defaultItemsOver}[r.IntN(3)]
		cachedBuild(t, src, out, site, &Options{Archive: archive, Cache: cache})
		if _, err := cache.Close(); err != nil {
			t.Fatal(err)
		}
		hits += cache.hits.Load()
		if n := cache.hits.Load() + cache.misses.Load(); what == 7 && step > 0 && n != 0 {
			t.Errorf("step %d: nothing changed since edit %d, yet %d posts were looked up in the cache", step, prev, n)
		}
		prev = what
		fresh := t.TempDir()
		cachedBuild(t, src, fresh, site, &Options{Archive: archive})
		got, want := readTree(t, out), readTree(t, fresh)
		for name, data := range want {
			if got[name] != data {
				t.Fatalf("step %d (edit %d): %s differs from a build from scratch:\n%s", step, what, name, diffLines(data, got[name]))
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Fatalf("step %d (edit %d): %s is left over", step, what, name)
			}
		}
	}
	if hits == 0 {
		t.Error("no post was ever found in the cache")
	}
}

func randomTags(r *rand.Rand) []string {
	var tags []string
	for _, t := range []string{"go", "web", "notes"} {
		if r.IntN(2) == 0 {
			tags = append(tags, t)
		}
	}
	return tags
}

// damageEntry flips a byte of one cache entry, if there is one.
func damageEntry(t *testing.T, r *rand.Rand, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if len(e.Name()) == 64 {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return
	}
	p := filepath.Join(dir, names[r.IntN(len(names))])
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data[r.IntN(len(data))] ^= 0x20
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// cachedBuild loads src/posts lazily (with o.Cache), builds and writes the set to out.
func cachedBuild(t *testing.T, src, out string, site Site, o *Options) {
	t.Helper()
	if err := cachedWrite(t, src, out, site, o); err != nil {
		t.Fatal(err)
	}
}

// cachedWrite is cachedBuild, returning the error of WriteDir.
func cachedWrite(t *testing.T, src, out string, site Site, o *Options) error {
	t.Helper()
	load := &LoadOptions{Lazy: true}
	if o != nil {
		load.Cache = o.Cache
	}
	posts, err := LoadDir(os.DirFS(src), "posts", load)
	if err != nil {
		t.Fatal(err)
	}
	set, err := Build(site, posts, o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = set.WriteDir(out)
	return err
}

// TestCacheLinkedPostMoves checks that a post linking to another post's
// source file is encoded again when that post's URL changes, though its
// own file did not, also when the link is written with escapes.
func TestCacheLinkedPostMoves(t *testing.T) {
	src, out, cacheDir := t.TempDir(), t.TempDir(), filepath.Join(t.TempDir(), "cache")
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(src, "posts", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(src, "posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("a.md", "---\ntitle: A\ndate: 2024-01-02\n---\nSee [b](b.md).\n")
	write("c.md", "---\ntitle: C\ndate: 2024-01-03\n---\nSee [b](b&#46;md).\n")
	write("d.md", "---\ntitle: D\ndate: 2024-01-04\n---\nSee [b](b&period;md).\n")
	site := Site{Title: "Links", URL: "https://example.com/"}
	for _, slug := range []string{"", "slug: moved\n", "slug: again\n"} {
		write("b.md", "---\ntitle: B\ndate: 2024-01-01\n"+slug+"---\nB.\n")
		cache, _, err := OpenCache(cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		cachedBuild(t, src, out, site, &Options{Cache: cache})
		if _, err := cache.Close(); err != nil {
			t.Fatal(err)
		}
		fresh := t.TempDir()
		cachedBuild(t, src, fresh, site, nil)
		got, want := readTree(t, out), readTree(t, fresh)
		for name, data := range want {
			if got[name] != data {
				t.Fatalf("%q: %s differs from a build from scratch:\n%s", slug, name, diffLines(data, got[name]))
			}
		}
	}
}

// TestCacheTamperedFeeds checks that a document the previous build kept
// is rewritten, or refused, when its file was changed by hand, exactly as
// without the cache.
func TestCacheTamperedFeeds(t *testing.T) {
	src := t.TempDir()
	if err := os.Mkdir(filepath.Join(src, "posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i, p := range []cachePost{{title: "One", date: "2024-01-01", body: "one", tags: []string{"go"}}, {title: "Two", date: "2024-01-02", body: "two"}, {title: "Three", date: "2024-01-03", body: "three", tags: []string{"go"}}} {
		if err := os.WriteFile(filepath.Join(src, "posts", fmt.Sprintf("p%d.md", i)), []byte(p.file()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := Site{Title: "Tampered", URL: "https://example.com/"}
	fresh := t.TempDir()
	cachedBuild(t, src, fresh, site, &Options{Archive: 1})
	want := readTree(t, fresh)
	flip := func(p string) error { // same size, same modification time
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		data[len(data)/2] ^= 0x20
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(p, st.ModTime(), st.ModTime())
	}
	for _, tc := range []struct {
		name   string
		tamper func(out string) error
		refuse bool // the build refuses to overwrite a file
	}{
		{"byte flipped, time kept", func(out string) error { return flip(filepath.Join(out, "rss.xml")) }, false},
		{"archive page flipped", func(out string) error {
			return flip(filepath.Join(out, "tags", "go", "archive", "atom-2024-01-01.xml"))
		}, false},
		{"appended", func(out string) error {
			f, err := os.OpenFile(filepath.Join(out, "feed.json"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			f.WriteString("\n")
			return f.Close()
		}, false},
		{"removed", func(out string) error { return os.Remove(filepath.Join(out, "atom.xml")) }, false},
		{"replaced by a link", func(out string) error {
			p := filepath.Join(out, "rss.xml")
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.Symlink(filepath.Join(out, "atom.xml"), p)
		}, false},
		{"manifest removed", func(out string) error { return os.Remove(filepath.Join(out, ManifestName)) }, true},
	} {
		for _, cached := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/cache=%v", tc.name, cached), func(t *testing.T) {
				out, cacheDir := t.TempDir(), t.TempDir()
				build := func() error {
					o := &Options{Archive: 1}
					if cached {
						cache, _, err := OpenCache(cacheDir)
						if err != nil {
							t.Fatal(err)
						}
						defer cache.Close()
						o.Cache = cache
					}
					return cachedWrite(t, src, out, site, o)
				}
				for range 2 { // the second build records every document's stat
					if err := build(); err != nil {
						t.Fatal(err)
					}
				}
				if err := tc.tamper(out); err != nil {
					t.Fatal(err)
				}
				err := build()
				var oe *OverwriteError
				if tc.refuse {
					if !errors.As(err, &oe) {
						t.Fatalf("got %v, want an *OverwriteError", err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				got := readTree(t, out)
				for name, data := range want {
					if got[name] != data {
						t.Errorf("%s differs from a build from scratch:\n%s", name, diffLines(data, got[name]))
					}
				}
				if st, err := os.Lstat(filepath.Join(out, "rss.xml")); err != nil || !st.Mode().IsRegular() {
					t.Errorf("rss.xml: %v, %v", st, err)
				}
			})
		}
	}
}

// TestCacheKeptWhenNothingChanged checks that a build that reads no
// entry, as every document is left as it was, keeps the entries of its
// posts for the next build.
func TestCacheKeptWhenNothingChanged(t *testing.T) {
	src, out, cacheDir := t.TempDir(), t.TempDir(), filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(filepath.Join(src, "posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		p := cachePost{title: fmt.Sprintf("Post %d", i), date: fmt.Sprintf("2024-01-%02d", i+1), body: "text", tags: []string{"go"}}
		if err := os.WriteFile(filepath.Join(src, "posts", fmt.Sprintf("p%d.md", i)), []byte(p.file()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries := func() int {
		t.Helper()
		names, err := os.ReadDir(cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range names {
			if len(e.Name()) == 64 {
				n++
			}
		}
		return n
	}
	site := Site{Title: "Kept", URL: "https://example.com/"}
	for build := range 3 {
		cache, _, err := OpenCache(cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		cache.itemsOver = 0 // every post's items
		cachedBuild(t, src, out, site, &Options{Archive: 2, Cache: cache})
		if _, err := cache.Close(); err != nil {
			t.Fatal(err)
		}
		if n := entries(); n != 5 {
			t.Errorf("build %d: %d entries in the cache, want 5", build, n)
		}
	}
}

// TestCacheKeepsItemsOfLargeDocuments checks which items the cache keeps:
// those of the posts of a feed without archive pages, which one edit
// changes whole, and none of a site whose documents are archive pages
// and feeds of the newest posts, which a rebuild renders again.
func TestCacheKeepsItemsOfLargeDocuments(t *testing.T) {
	src, cacheDir := t.TempDir(), filepath.Join(t.TempDir(), "cache")
	os.Mkdir(filepath.Join(src, "posts"), 0o755)
	const n = defaultItemsOver + 10
	for i := range n {
		p := cachePost{title: fmt.Sprintf("Post %d", i), date: fmt.Sprintf("2024-01-01T%02d:%02d:00Z", i/60, i%60), body: "text", tags: []string{"go"}}
		if err := os.WriteFile(filepath.Join(src, "posts", fmt.Sprintf("p%d.md", i)), []byte(p.file()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := Site{Title: "Items", URL: "https://example.com/"}
	for _, c := range []struct {
		archive, want int
	}{{10, 0}, {0, n}} {
		os.RemoveAll(cacheDir)
		cache, _, err := OpenCache(cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		cachedBuild(t, src, t.TempDir(), site, &Options{Archive: c.archive, Cache: cache})
		if _, err := cache.Close(); err != nil {
			t.Fatal(err)
		}
		names, _ := os.ReadDir(cacheDir)
		got := 0
		for _, e := range names {
			if len(e.Name()) == 64 {
				got++
			}
		}
		if got != c.want {
			t.Errorf("archive %d: %d posts' items kept, want %d", c.archive, got, c.want)
		}
	}
}
