package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitefeed/sitefeed"
)

// stampSite is an Astro site with what a stamp must notice: a hero image
// copied into the feeds' media folder, an image looked for in the built
// site and not found there, a post that links to a post that does not
// exist (a warning), and a post after the clock.
var stampSite = map[string]string{
	"astro.config.mjs":                 "import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://astro.example' });\n",
	"src/pages/blog/[...slug].astro":   "---\n---\n",
	"src/assets/hero.jpg":              "hero-bytes",
	"dist/logo.gif":                    "GIF89a",
	"src/content/blog/first-post.md":   "---\ntitle: 'First post'\npubDate: 'Jul 08 2022'\nheroImage: '../../assets/hero.jpg'\ntags: [go]\n---\nAn image ![inline](./img.gif), the logo <img src=\"../../../logo.gif\">.\n",
	"src/content/blog/img.gif":         "GIF89a-inline",
	"src/content/blog/second-post.md":  "---\ntitle: 'Second post'\npubDate: 'Jul 09 2022'\ntags: [go, web]\n---\nSee [the missing one](./missing.md).\n",
	"src/content/blog/future-post.md":  "---\ntitle: 'Future post'\npubDate: '2030-01-01'\n---\nNot yet.\n",
	"src/content/blog/third-post.md":   "---\ntitle: 'Third post'\npubDate: 'Jul 10 2022'\n---\nThird.\n",
	"src/content/blog/drafts/draft.md": "---\ntitle: 'Draft'\npubDate: 'Jul 11 2022'\ndraft: true\n---\nDraft.\n",
}

// writeFiles writes files under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// feedFiles reads the files sitefeed wrote under dir/dist/feeds, but the
// manifest, which records stats.
func feedFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := treeOf(t, filepath.Join(dir, "dist", "feeds"))
	if len(files) == 0 {
		t.Fatalf("no feeds in %s", dir)
	}
	return files
}

// sparedLine is the summary's line of a build a stamp spared.
const sparedLine = "nothing the last build read or wrote changed"

// buildIn runs the command in dir and returns its exit status and output.
func buildIn(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// TestStamp checks that a build with a cache is spared when nothing it
// read or wrote changed, saying so and printing the warnings it printed,
// and that any change makes a full build, whose files are those of a
// build from scratch.
func TestStamp(t *testing.T) {
	defer func(w time.Duration) { stampWindow = w }(stampWindow)
	stampWindow = 0 // the test's files are new
	args := []string{"-now", "2024-06-01T00:00:00Z", "-cache", ".cache"}
	later := []string{"-now", "2031-01-01T00:00:00Z", "-cache", ".cache"}
	edit := func(name, data string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) { writeFiles(t, dir, map[string]string{name: data}) }
	}
	remove := func(name string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		args   []string
		spared bool
	}{
		{"nothing", func(*testing.T, string) {}, args, true},
		{"a post edited, same size", edit("src/content/blog/third-post.md", "---\ntitle: 'Third post'\npubDate: 'Jul 10 2022'\n---\nThirD.\n"), args, false},
		{"a post added", edit("src/content/blog/fourth-post.md", "---\ntitle: 'Fourth'\npubDate: 'Jul 12 2022'\n---\nFourth.\n"), args, false},
		{"a post removed", remove("src/content/blog/third-post.md"), args, false},
		{"a draft edited", edit("src/content/blog/drafts/draft.md", "---\ntitle: 'Draft'\npubDate: 'Jul 11 2022'\n---\nNo longer a draft.\n"), args, false},
		{"the hero image edited, same size", edit("src/assets/hero.jpg", "HERO-bytes"), args, false},
		{"an image looked for in the built site, published", edit("dist/blog/first-post/img.gif", "GIF89a-published"), args, false},
		{"the post a post links to, made", edit("src/content/blog/missing.md", "---\ntitle: 'Was missing'\npubDate: 'Jul 01 2022'\n---\nHere.\n"), args, false},
		{"the generator's configuration", edit("astro.config.mjs", "import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://astro.example/x' });\n"), args, false},
		{"a flag", func(*testing.T, string) {}, append([]string{"-title", "Other"}, args...), false},
		{"the clock, past a future post", func(*testing.T, string) {}, later, false},
		{"a feed edited", edit("dist/feeds/rss.xml", "edited"), args, false},
		{"a feed removed", remove("dist/feeds/atom.xml"), args, false},
		{"a media copy removed", func(t *testing.T, dir string) {
			names, _ := filepath.Glob(filepath.Join(dir, "dist/feeds/media/*-hero.jpg"))
			if len(names) != 1 {
				t.Fatalf("media copies %v", names)
			}
			os.Remove(names[0])
		}, args, false},
		{"the stamp damaged", func(t *testing.T, dir string) {
			name := filepath.Join(dir, ".cache", stampName)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			data[len(data)/2] ^= 1
			os.WriteFile(name, data, 0o644)
		}, args, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, stampSite)
			var first string
			spared := false
			for i := range 3 { // a first build records its own copies as it writes them
				code, stdout, stderr := buildIn(t, dir, args...)
				if code != 0 {
					t.Fatalf("build %d: exit %d\n%s%s", i+1, code, stdout, stderr)
				}
				if i == 0 {
					first = stderr
					if !strings.Contains(stderr, "missing.md") {
						t.Fatalf("no warning of the link to a missing post:\n%s", stderr)
					}
				}
				if spared = strings.Contains(stdout, sparedLine); spared {
					if stderr != first {
						t.Errorf("spared build's stderr:\n%s\nwant the first build's:\n%s", stderr, first)
					}
					if !strings.Contains(stdout, "9 files written to dist/feeds (9 unchanged), and feeds.opml (unchanged)") {
						t.Errorf("spared build's summary:\n%s", stdout)
					}
					break
				}
			}
			if !spared {
				t.Fatal("no build was spared with nothing changed")
			}
			tt.change(t, dir)
			code, stdout, stderr := buildIn(t, dir, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
			}
			if damaged := strings.Contains(stderr, "build.stamp is damaged or of another version: ignored"); damaged != (tt.name == "the stamp damaged") {
				t.Errorf("warning of a damaged stamp: %v, want %v:\n%s", damaged, !damaged, stderr)
			}
			if got := strings.Contains(stdout, sparedLine); got != tt.spared {
				t.Errorf("spared %v, want %v:\n%s", got, tt.spared, stdout)
			}
			// A build from scratch of the same files and flags.
			fresh := t.TempDir()
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				rel, _ := filepath.Rel(dir, p)
				if rel == ".cache" || rel == filepath.Join("dist", "feeds") {
					return filepath.SkipDir
				}
				if err == nil && !d.IsDir() {
					data, _ := os.ReadFile(p)
					writeFiles(t, fresh, map[string]string{filepath.ToSlash(rel): string(data)})
				}
				return nil
			})
			noCache := append([]string{}, tt.args[:len(tt.args)-2]...)
			if code, stdout, stderr := buildIn(t, fresh, noCache...); code != 0 {
				t.Fatalf("from scratch: exit %d\n%s%s", code, stdout, stderr)
			}
			got, want := feedFiles(t, dir), feedFiles(t, fresh)
			for name, data := range want {
				if got[name] != data {
					t.Errorf("%s differs from a build from scratch", name)
				}
			}
			for name := range got {
				if _, ok := want[name]; !ok {
					t.Errorf("%s: not in a build from scratch", name)
				}
			}
		})
	}
}

// TestStampOutput checks that a build is not spared when a file it wrote
// changed, where nothing else it reads shows it: the output folder is
// not in the site's.
func TestStampOutput(t *testing.T) {
	defer func(w time.Duration) { stampWindow = w }(stampWindow)
	stampWindow = 0
	for _, change := range []string{"edit", "remove", "journal"} {
		t.Run(change, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"posts/a.md": "---\ntitle: A\ndate: 2024-05-01\n---\nA.\n"})
			args := []string{"-url", "https://example.com/", "-now", "none", "-cache", "cache", "-out", "out", "posts"}
			spared := func() bool {
				t.Helper()
				code, stdout, stderr := buildIn(t, dir, args...)
				if code != 0 {
					t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
				}
				return strings.Contains(stdout, sparedLine)
			}
			for i := 0; !spared(); i++ {
				if i == 2 {
					t.Fatal("no build was spared with nothing changed")
				}
			}
			rss := filepath.Join(dir, "out", "rss.xml")
			want, err := os.ReadFile(rss)
			if err != nil {
				t.Fatal(err)
			}
			switch change {
			case "edit":
				os.WriteFile(rss, bytes.ToUpper(want), 0o644)
			case "remove":
				os.Remove(rss)
			case "journal":
				os.WriteFile(filepath.Join(dir, "out", ".sitefeed-journal"), nil, 0o644)
			}
			if spared() {
				t.Fatal("spared after the output changed")
			}
			if got, _ := os.ReadFile(rss); !bytes.Equal(got, want) {
				t.Errorf("rss.xml not written again:\n%s", got)
			}
		})
	}
}

// stampSteps is how many random steps TestStampRandomEdits takes; set
// SITEFEED_CACHE_STEPS for more (CI runs thousands).
func stampSteps() int {
	if n, err := strconv.Atoi(os.Getenv("SITEFEED_CACHE_STEPS")); err == nil && n > 0 {
		return n
	}
	return 60
}

// TestStampRandomEdits takes random steps (nothing at all, a post edited,
// added, removed, retagged or redated, a setting or the clock changed, a
// feed edited) and builds with the cache after each: a build is spared
// only when nothing changed, always when nothing changed twice in a row,
// and its files are always those of a build from scratch.
func TestStampRandomEdits(t *testing.T) {
	defer func(w time.Duration) { stampWindow = w }(stampWindow)
	stampWindow = 0
	r := rand.New(rand.NewPCG(16, 5005))
	dir := t.TempDir()
	posts := filepath.Join(dir, "posts")
	tags := []string{"go", "web", "rust", "c"}
	post := func(i int) string {
		return fmt.Sprintf("---\ntitle: Post %d\ndate: 2024-%02d-%02d\ntags: [%s]\n---\nBody %d, %s.\n",
			i, 1+r.IntN(12), 1+r.IntN(28), tags[r.IntN(len(tags))], i, strings.Repeat("word ", r.IntN(5)))
	}
	next := 0
	for range 6 {
		next++
		writeFiles(t, posts, map[string]string{fmt.Sprintf("p%d.md", next): post(next)})
	}
	title, now := "Site", "2024-06-01T00:00:00Z"
	args := func(out, cache string) []string {
		return []string{"-url", "https://example.com/", "-title", title, "-now", now, "-archive", "2", "-archive-page", "2",
			"-allow-empty", "-out", out, "-cache", cache, "posts"}
	}
	quiet := 0 // steps in a row that changed nothing
	for step := range stampSteps() {
		names, _ := filepath.Glob(filepath.Join(posts, "*.md"))
		pick := func() string { return names[r.IntN(len(names))] }
		what := r.IntN(12)
		if len(names) < 2 && what >= 5 && what <= 6 {
			what = 4
		}
		var did string
		switch what {
		case 0, 1, 2, 3:
			did = "nothing"
		case 4:
			next++
			did = "add"
			writeFiles(t, posts, map[string]string{fmt.Sprintf("p%d.md", next): post(next)})
		case 5:
			did = "remove"
			os.Remove(pick())
		case 6, 7:
			did = "edit"
			p := pick()
			data, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(data), "Body", "Bodies", 1)), 0o644)
		case 8:
			did = "rewrite"
			p := pick()
			var i int
			fmt.Sscanf(filepath.Base(p), "p%d.md", &i)
			os.WriteFile(p, []byte(post(i)), 0o644)
		case 9:
			did = "title"
			title = fmt.Sprintf("Site %d", step)
		case 10:
			did = "clock"
			now = fmt.Sprintf("2024-%02d-01T00:00:00Z", 1+r.IntN(12))
		case 11:
			did = "feed edited"
			os.WriteFile(filepath.Join(dir, "out", "rss.xml"), []byte("edited"), 0o644)
		}
		if did == "nothing" {
			quiet++
		} else {
			quiet = 0
		}
		code, stdout, stderr := buildIn(t, dir, args("out", "cache")...)
		if code != 0 {
			t.Fatalf("step %d (%s): exit %d\n%s%s", step, did, code, stdout, stderr)
		}
		spared := strings.Contains(stdout, sparedLine)
		switch {
		case spared && did != "nothing" && did != "clock": // a clock that passes no post's date changes nothing
			t.Fatalf("step %d (%s): spared", step, did)
		case !spared && quiet >= 2:
			t.Fatalf("step %d: nothing changed twice in a row, and not spared:\n%s", step, stdout)
		}
		os.RemoveAll(filepath.Join(dir, "scratch"))
		if code, stdout, stderr := buildIn(t, dir, args("scratch", "none")...); code != 0 {
			t.Fatalf("step %d: from scratch: exit %d\n%s%s", step, code, stdout, stderr)
		}
		got, want := treeOf(t, filepath.Join(dir, "out")), treeOf(t, filepath.Join(dir, "scratch"))
		if !maps.Equal(got, want) {
			t.Fatalf("step %d (%s): the files differ from a build from scratch", step, did)
		}
	}
}

// treeOf reads every file under dir but the manifest.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == sitefeed.ManifestName {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return files
}
