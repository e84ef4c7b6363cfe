package sitefeed

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
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

// readTree returns every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
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
	words := []string{"alpha", "*beta*", "[gamma](../g/)", "delta", "`eps`"}
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
		switch {
		case what == 0 || len(names) < 2:
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
		cachedBuild(t, src, out, site, &Options{Archive: archive, Cache: cache})
		if _, err := cache.Close(); err != nil {
			t.Fatal(err)
		}
		hits += cache.hits.Load()
		if what == 7 && step > 0 && cache.misses.Load() != 0 {
			t.Errorf("step %d: nothing changed since edit %d, yet %d posts were not in the cache", step, prev, cache.misses.Load())
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

// cachedBuild loads src/posts lazily, builds and writes the set to out.
func cachedBuild(t *testing.T, src, out string, site Site, o *Options) {
	t.Helper()
	posts, err := LoadDir(os.DirFS(src), "posts", &LoadOptions{Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	set, err := Build(site, posts, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.WriteDir(out); err != nil {
		t.Fatal(err)
	}
}
