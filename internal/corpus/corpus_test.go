package corpus

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// split returns the front matter lines and body of a post, or ok == false if
// the post does not start with "---\n" or has no closing "---" line.
func split(data []byte) (front []string, body []byte, ok bool) {
	rest, found := bytes.CutPrefix(data, []byte("---\n"))
	if !found {
		return nil, nil, false
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, nil, false
	}
	return strings.Split(string(rest[:i]), "\n"), rest[i+len("\n---\n"):], true
}

func field(front []string, key string) (string, bool) {
	for _, l := range front {
		if v, ok := strings.CutPrefix(l, key+": "); ok {
			return v, true
		}
	}
	return "", false
}

func tagList(t *testing.T, name, v string) []string {
	t.Helper()
	if !strings.HasPrefix(v, `["`) || !strings.HasSuffix(v, `"]`) {
		t.Fatalf("%s: tags not a flow list: %s", name, v)
	}
	return strings.Split(v[2:len(v)-2], `", "`)
}

func TestFilesShape(t *testing.T) {
	files := Files(Options{N: 200})
	posts, inRange := 0, 0
	for name, data := range files {
		if !strings.HasPrefix(name, "posts/") {
			t.Errorf("%s: not under posts/", name)
		}
		switch {
		case strings.HasSuffix(name, ".md"):
		case strings.HasSuffix(name, "/hero.jpg"):
			if _, ok := files[strings.TrimSuffix(name, "hero.jpg")+"index.md"]; !ok {
				t.Errorf("%s: no index.md next to it", name)
			}
			continue
		default:
			t.Errorf("unexpected file %s", name)
			continue
		}
		posts++
		front, body, ok := split(data)
		if !ok {
			t.Errorf("%s: front matter not delimited by --- lines", name)
			continue
		}
		if n := len(body); n >= 2500 && n <= 7000 {
			inRange++
		}
		for _, key := range []string{"title", "tags", "layout"} {
			if _, ok := field(front, key); !ok {
				t.Errorf("%s: no %s", name, key)
			}
		}
		v, _ := field(front, "tags")
		tags := tagList(t, name, v)
		if len(tags) < 1 || len(tags) > 4 {
			t.Errorf("%s: %d tags", name, len(tags))
		}
		seen := map[string]bool{}
		for _, tag := range tags {
			if seen[tag] {
				t.Errorf("%s: duplicate tag %q", name, tag)
			}
			seen[tag] = true
		}
		if hero, _ := field(front, "hero"); hero == `"./hero.jpg"` {
			if _, ok := files[strings.TrimSuffix(name, "index.md")+"hero.jpg"]; !ok {
				t.Errorf("%s: local hero missing", name)
			}
		}
	}
	if posts != 200 {
		t.Errorf("got %d posts, want 200", posts)
	}
	if inRange < 180 {
		t.Errorf("only %d of %d bodies are 2.5-7 KB", inRange, posts)
	}
}

var siblingLink = regexp.MustCompile(`\]\(\.\./[^)]*\)`)

func TestDeterministic(t *testing.T) {
	for _, opts := range []Options{{N: 200}, {N: 50, Seed: 7}} {
		a, b := Files(opts), Files(opts)
		if len(a) != len(b) {
			t.Fatalf("%+v: %d files, then %d", opts, len(a), len(b))
		}
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Fatalf("%+v: %s differs between calls", opts, name)
			}
		}
	}
	if a, b := Files(Options{N: 5}), Files(Options{N: 5, Seed: 1}); len(a) != len(b) {
		t.Error("Seed 0 and Seed 1 differ")
	} else {
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("Seed 0 and Seed 1 differ at %s", name)
			}
		}
	}
	// A post does not depend on N, apart from the targets of its links
	// to other posts.
	small, large := Files(Options{N: 10}), Files(Options{N: 30})
	for name, data := range small {
		other, ok := large[name]
		if !ok {
			t.Errorf("%s missing at N=30", name)
			continue
		}
		if !bytes.Equal(siblingLink.ReplaceAll(data, []byte("](../)")), siblingLink.ReplaceAll(other, []byte("](../)"))) {
			t.Errorf("%s differs between N=10 and N=30", name)
		}
	}
}

func TestDistribution(t *testing.T) {
	const n = 1000
	files := Files(Options{N: n})
	var drafts, bundles, nested, noDesc, updated, remote, rooted, nonASCII int
	dateKeys := map[string]int{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		front, _, _ := split(data)
		if v, _ := field(front, "draft"); v == "true" {
			drafts++
		}
		switch {
		case strings.HasSuffix(name, "/index.md"):
			bundles++
		case strings.Count(name, "/") == 2:
			nested++
		}
		if _, ok := field(front, "description"); !ok {
			noDesc++
		}
		if _, ok := field(front, "updatedDate"); ok {
			updated++
		}
		for _, k := range []string{"pubDate", "date", "publishDate"} {
			if _, ok := field(front, k); ok {
				dateKeys[k]++
			}
		}
		hero, _ := field(front, "hero")
		switch {
		case strings.HasPrefix(hero, `"https://`):
			remote++
		case strings.HasPrefix(hero, `"/images/`):
			rooted++
		}
		v, _ := field(front, "tags")
		for _, c := range v {
			if c > 0x7f {
				nonASCII++
				break
			}
		}
	}
	between := func(what string, got, lo, hi int) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: %d of %d, want %d..%d", what, got, n, lo, hi)
		}
	}
	between("drafts", drafts, 20, 100)
	between("bundles", bundles, 25, 80)
	between("nested", nested, 60, 140)
	between("no description", noDesc, 150, 250)
	between("updatedDate", updated, 60, 140)
	between("remote hero", remote, 630, 770)
	between("root-relative hero", rooted, 60, 140)
	between("posts with non-ASCII tags", nonASCII, 20, 400)
	for _, k := range []string{"pubDate", "date", "publishDate"} {
		between(k, dateKeys[k], 50, 700)
	}
	between("date keys", dateKeys["pubDate"]+dateKeys["date"]+dateKeys["publishDate"], n, n)
}

func TestHeroJPEG(t *testing.T) {
	a, b := heroJPEG(1), heroJPEG(2)
	if len(a) < 2000 || len(a) > 6000 {
		t.Errorf("hero is %d bytes, want 2-6 KB", len(a))
	}
	if bytes.Equal(a, b) {
		t.Error("heroes of different posts are identical")
	}
	for _, data := range [][]byte{a, b} {
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			t.Fatalf("hero does not decode: %v", err)
		}
	}
}

func TestGenerateMatchesFiles(t *testing.T) {
	opts := Options{N: 120, Seed: 3}
	dir := t.TempDir()
	if err := Generate(dir, opts); err != nil {
		t.Fatal(err)
	}
	want := Files(opts)
	got := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if w, ok := want[rel]; !ok {
			t.Errorf("Generate wrote extra file %s", rel)
		} else if !bytes.Equal(data, w) {
			t.Errorf("%s differs from Files", rel)
		}
		got++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != len(want) {
		t.Errorf("Generate wrote %d files, Files has %d", got, len(want))
	}
}

func TestGenerateRejectsEmpty(t *testing.T) {
	if err := Generate(t.TempDir(), Options{}); err == nil {
		t.Error("Generate with N=0 succeeded")
	}
	if n := len(Files(Options{})); n != 0 {
		t.Errorf("Files with N=0 returned %d files", n)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		`AI Regulation & Flood Relief Package: What Farmers Need to Know`: "ai-regulation-flood-relief-package-what-farmers-need-to-know",
		`Kraków's Tax Reform`:               "krakows-tax-reform",
		`Minister Calls Go 1.22 "Historic"`: "minister-calls-go-1-22-historic",
	} {
		if got := slugify(in, 80); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
