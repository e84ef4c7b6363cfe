package sitefeed

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitefeed/sitefeed/internal/corpus"
	"github.com/sitefeed/sitefeed/internal/loadcache"
)

// past is when the files of the load cache tests were last modified, long
// before any index is written, so that their metadata is trusted.
var past = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)

// loadCached loads dir/posts with opts and cacheDir's cache, closing it.
func loadCached(t *testing.T, dir, cacheDir string, opts LoadOptions) ([]*Post, *Cache, string, error) {
	t.Helper()
	c, _, err := OpenCache(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	opts.Cache = c
	posts, lerr := LoadDir(os.DirFS(dir), "posts", &opts)
	warning, err := c.Close()
	if err != nil {
		t.Fatal(err)
	}
	return posts, c, warning, lerr
}

// samePosts fails unless got and want are alike in every field, the
// unexported ones included.
func samePosts(t *testing.T, step int, what string, got, want []*Post) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("step %d (%s): %d posts, want %d", step, what, len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("step %d (%s): %s loaded with the cache differs:\n got %+v\nwant %+v", step, what, want[i].Path, *got[i], *want[i])
		}
	}
}

// TestLoadCacheRandomEdits applies random edits to a corpus of posts
// (edit a body or the front matter, an edit of the same size with the
// modification time put back, touch, rename, delete, add, change a file
// a shortcode looks for or a hero image, change the load options) and
// after each checks that LoadDir with the cache returns what it returns
// without, and that the feeds written from both are the same bytes.
func TestLoadCacheRandomEdits(t *testing.T) {
	for seed := range int64(3) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { loadCacheRandomEdits(t, seed+1) })
	}
}

func loadCacheRandomEdits(t *testing.T, seed int64) {
	r := rand.New(rand.NewPCG(uint64(seed), 16))
	dir, cacheDir := t.TempDir(), filepath.Join(t.TempDir(), "cache")
	if err := corpus.Generate(filepath.Join(dir, "posts"), corpus.Options{N: 24, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string, mtime time.Time) {
		full := filepath.Join(dir, "posts", name)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(full, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	// Posts of the generators' dialects, one that looks for another file.
	write("hugo.md", "---\ntitle: Hugo\ndate: 2024-01-02\nexpiryDate: 2030-01-01T10:00:00+02:00\nextra: {a: [1, 2.5, true, null]}\n---\nSee {{< ref \"other.md\" >}} and {{< unknown >}}.\n\nMore<!--more-->rest\n", past)
	write("other.md", "+++\ntitle = \"Other\"\ndate = 2024-01-03T10:00:00+05:30\nwhen = 2024-01-03T10:00:00Z\n+++\n{% post_url x %} {{ site.url }} body\n", past)
	write("tpl.md", "---\ntitle: T\ndate: 2024-01-04\npermalink: \"/{{ page.slug }}/\"\n---\n", past)
	posts := func() []string {
		var names []string
		filepath.WalkDir(filepath.Join(dir, "posts"), func(p string, d os.DirEntry, err error) error {
			if err == nil && isPostFile(d.Name()) {
				rel, _ := filepath.Rel(filepath.Join(dir, "posts"), p)
				names = append(names, rel)
			}
			return nil
		})
		slices.Sort(names)
		return names
	}
	setAll := func() {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				os.Chtimes(p, past, past)
			}
			return nil
		})
	}
	setAll()
	opts := LoadOptions{Lazy: true}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var trusted, reused int64
	for step := range 60 {
		names := posts()
		pick := func() string { return names[r.IntN(len(names))] }
		full := func(n string) string { return filepath.Join(dir, "posts", n) }
		what := []string{"body", "front matter", "same size", "touch", "rename", "delete", "add", "options", "options", "options", "dependency", "hero", "nothing", "nothing"}[r.IntN(14)]
		if step == 0 {
			what = "nothing"
		}
		switch what {
		case "body":
			n := pick()
			data, _ := os.ReadFile(full(n))
			write(n, string(data)+"\nMore words.\n", past.Add(time.Duration(step)*time.Second))
		case "front matter":
			n := pick()
			data, _ := os.ReadFile(full(n))
			s := strings.Replace(string(data), "title", "tags: [edited]\ntitle", 1)
			s = strings.Replace(s, "title = ", "tags = [\"edited\"]\ntitle = ", 1)
			write(n, s, past)
		case "same size":
			n := pick()
			data, _ := os.ReadFile(full(n))
			fi, _ := os.Stat(full(n))
			if i := strings.LastIndexAny(string(data), "aeiou"); i >= 0 {
				data[i] = "eioua"[strings.IndexByte("aeiou", data[i])]
			}
			write(n, string(data), fi.ModTime())
		case "touch":
			n := pick()
			os.Chtimes(full(n), past.Add(time.Hour), past.Add(time.Duration(step)*time.Minute))
		case "rename":
			n := pick()
			os.Rename(full(n), full(strings.TrimSuffix(n, ".md")+"-moved.md"))
		case "delete":
			os.Remove(full(pick()))
		case "add":
			write(fmt.Sprintf("new/2024-02-%02d-added-%d.md", 1+step%28, step), fmt.Sprintf("---\ntitle: Added %d\nauthor: A <a@example.com>\n---\nBody %d\n", step, step), past)
		case "options":
			switch r.IntN(6) {
			case 0:
				opts.Dialect = []Dialect{Plain, Hugo, Jekyll, Zola}[r.IntN(4)]
			case 1:
				opts.Location = []*time.Location{nil, berlin, time.FixedZone("X", 3600)}[r.IntN(3)]
			case 2:
				opts.SiteURL = []string{"", "https://example.com/blog/"}[r.IntN(2)]
			case 3:
				opts.ExcerptSeparator = []string{"", "<!--more-->", "rest"}[r.IntN(3)]
			case 4:
				opts.Drafts = !opts.Drafts
			default:
				opts.TitleFromName, opts.SplitSpaces = r.IntN(2) == 0, r.IntN(2) == 0
			}
		case "dependency":
			if _, err := os.Stat(full("other.md")); err == nil {
				os.Remove(full("other.md"))
			} else {
				write("other.md", "---\ntitle: Other again\ndate: 2024-01-05\n---\n", past)
			}
		case "hero":
			var heroes []string
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".jpg") {
					heroes = append(heroes, p)
				}
				return nil
			})
			if len(heroes) > 0 {
				h := heroes[r.IntN(len(heroes))]
				data, _ := os.ReadFile(h)
				os.WriteFile(h, append(data, 0), 0o644)
			}
		}
		want, wantErr := LoadDir(os.DirFS(dir), "posts", &opts)
		got, gotErr := (func() ([]*Post, error) {
			p, c, warning, err := loadCached(t, dir, cacheDir, opts)
			if warning != "" {
				t.Errorf("step %d: warning %q", step, warning)
			}
			trusted += c.posts.trusted.Load()
			reused += c.posts.reused.Load()
			if what == "nothing" && step > 0 && c.posts.parsed.Load()+c.posts.reused.Load() > 0 {
				t.Errorf("step %d: nothing changed, yet %d posts were parsed and %d read", step, c.posts.parsed.Load(), c.posts.reused.Load())
			}
			return p, err
		})()
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("step %d (%s): error %v, want %v", step, what, gotErr, wantErr)
		}
		samePosts(t, step, what, got, want)
		if step%8 == 7 {
			sameFeeds(t, step, got, want)
		}
	}
	if trusted == 0 || reused == 0 {
		t.Errorf("%d posts taken without reading their files, %d read and not parsed: the cache was not used", trusted, reused)
	}
}

// sameFeeds fails unless the feeds built from got and want are the same.
func sameFeeds(t *testing.T, step int, got, want []*Post) {
	t.Helper()
	site := Site{Title: "Loaded", URL: "https://example.com/"}
	out := [2]string{t.TempDir(), t.TempDir()}
	for i, posts := range [][]*Post{got, want} {
		set, err := Build(site, posts, &Options{SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := set.WriteDir(out[i]); err != nil {
			t.Fatal(err)
		}
	}
	a, b := readTree(t, out[0]), readTree(t, out[1])
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("step %d: the feeds written from posts loaded with the cache differ", step)
	}
}

// TestLoadCacheRacy checks that a file modified in the second the index
// was written, or later, is read again even though its metadata is as it
// was, and that one modified before is not.
func TestLoadCacheRacy(t *testing.T) {
	dir, cacheDir := t.TempDir(), filepath.Join(t.TempDir(), "cache")
	os.Mkdir(filepath.Join(dir, "posts"), 0o755)
	future := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, mtime := range map[string]time.Time{"old.md": past, "new.md": future} {
		full := filepath.Join(dir, "posts", name)
		os.WriteFile(full, []byte("---\ntitle: T\ndate: 2024-01-01\n---\nBody\n"), 0o644)
		os.Chtimes(full, mtime, mtime)
	}
	loadCached(t, dir, cacheDir, LoadOptions{Lazy: true})
	_, c, _, _ := loadCached(t, dir, cacheDir, LoadOptions{Lazy: true})
	if c.posts.trusted.Load() != 1 || c.posts.reused.Load() != 1 {
		t.Errorf("%d posts trusted, %d read again; want the old one trusted and the new one read", c.posts.trusted.Load(), c.posts.reused.Load())
	}
}

// TestLoadCacheDamagedIndex checks that a damaged, cut short or foreign
// index is ignored with one line of warning, and the posts loaded right.
func TestLoadCacheDamagedIndex(t *testing.T) {
	for _, damage := range []string{"truncate", "flip", "foreign"} {
		t.Run(damage, func(t *testing.T) {
			dir, cacheDir := t.TempDir(), filepath.Join(t.TempDir(), "cache")
			if err := corpus.Generate(filepath.Join(dir, "posts"), corpus.Options{N: 5}); err != nil {
				t.Fatal(err)
			}
			want, _ := LoadDir(os.DirFS(dir), "posts", &LoadOptions{Lazy: true})
			loadCached(t, dir, cacheDir, LoadOptions{Lazy: true})
			index := filepath.Join(cacheDir, loadcache.Name)
			data, err := os.ReadFile(index)
			if err != nil {
				t.Fatal(err)
			}
			switch damage {
			case "truncate":
				data = data[:len(data)/2]
			case "flip":
				data[len(data)/2] ^= 1
			default:
				data = []byte("not an index at all")
			}
			os.WriteFile(index, data, 0o644)
			got, c, warning, _ := loadCached(t, dir, cacheDir, LoadOptions{Lazy: true})
			if !strings.Contains(warning, loadcache.Name) || strings.Contains(warning, "\n") {
				t.Errorf("warning %q, want one line naming the index", warning)
			}
			if c.posts.parsed.Load() != int64(len(want)) {
				t.Errorf("%d posts parsed, want all %d", c.posts.parsed.Load(), len(want))
			}
			samePosts(t, 0, damage, got, want)
			if got, _, warning, _ := loadCached(t, dir, cacheDir, LoadOptions{Lazy: true}); warning != "" {
				t.Errorf("the build after: warning %q", warning)
			} else {
				samePosts(t, 1, damage, got, want)
			}
		})
	}
}

// TestLoadCacheCodecFields fails when Post or source gains a field, which
// the cache must then keep (cache_postcodec.go) for a post read back from
// it to be the post loaded.
func TestLoadCacheCodecFields(t *testing.T) {
	if n := reflect.TypeFor[Post]().NumField(); n != 26 {
		t.Errorf("Post has %d fields: encode and decode the new ones in cache_postcodec.go, then update this test", n)
	}
	if n := reflect.TypeFor[source]().NumField(); n != 12 {
		t.Errorf("source has %d fields: encode and decode the new ones in cache_postcodec.go, then update this test", n)
	}
	if n := reflect.TypeFor[LoadOptions]().NumField(); n != 10 {
		t.Errorf("LoadOptions has %d fields: add the new ones that change what is loaded to the key in cache_posts.go, then update this test", n)
	}
}
