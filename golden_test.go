package sitefeed

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata" // time zones in site.json resolve the same on every machine

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/sitefeed/sitefeed/internal/itemenc"
	"github.com/sitefeed/sitefeed/internal/media"
)

// dumpDir, when set, receives every golden case's rendered files in
// DIR/<case>/, for the external validators:
//
//	go test -run 'TestGolden$' -args -dump DIR
//	FEEDVALIDATOR_DIR=... ../shared/check-feeds/validate-feeds DIR
var dumpDir = flag.String("dump", "", "write the rendered golden feeds under this directory")

// feedCaseSite is site.json of a golden archive: the site settings and the
// build options of the case.
type feedCaseSite struct {
	Title       string          `json:"title"`
	Description string          `json:"description"`
	URL         string          `json:"url"`
	Lang        string          `json:"lang"`
	Author      *feedCaseAuthor `json:"author"`
	Copyright   string          `json:"copyright"`
	Icon        string          `json:"icon"`
	Logo        string          `json:"logo"`
	Timezone    string          `json:"timezone"`  // IANA name; "" means UTC
	Permalink   string          `json:"permalink"` // Site.Permalink
	Limit       int             `json:"limit"`
	Archive     int             `json:"archive"`     // Options.Archive
	ArchivePage int             `json:"archivepage"` // Options.ArchivePage
	Drafts      bool            `json:"drafts"`
	Now         string          `json:"now"` // RFC 3339; Options.Now
	NoTags      bool            `json:"notags"`
	Formats     []string        `json:"formats"` // "rss", "atom", "json"; empty means all
	Posts       string          `json:"posts"`   // folder of the posts; "" means posts
	Static      string          `json:"static"`  // folder used as Options.Static; "" means static, when there
	Source      bool            `json:"source"`  // the archive's root is Options.Source
}

type feedCaseAuthor struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	URL   string `json:"url"`
}

// A feedCase is one archive of testdata/golden.
type feedCase struct {
	name string // file name without .txtar
	file string // path of the archive
	ar   *txtar.Archive
	fsys fstest.MapFS // every section but want/
	want map[string][]byte
	site Site
	opts Options
	load LoadOptions
	dir  string // folder of the posts
}

const feedGoldenDir = "testdata/golden"

// feedCases reads every archive of testdata/golden, sorted by name.
func feedCases(t testing.TB) []*feedCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(feedGoldenDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden archives in %s", feedGoldenDir)
	}
	sort.Strings(files)
	var cases []*feedCase
	for _, file := range files {
		c, err := readFeedCase(file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		cases = append(cases, c)
	}
	return cases
}

func readFeedCase(file string) (*feedCase, error) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		return nil, err
	}
	c := &feedCase{
		name: strings.TrimSuffix(filepath.Base(file), ".txtar"),
		file: file,
		ar:   ar,
		fsys: fstest.MapFS{},
		want: map[string][]byte{},
	}
	var cfg []byte
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
			if _, dup := c.want[name]; dup {
				return nil, fmt.Errorf("section want/%s appears twice", name)
			}
			c.want[name] = f.Data
			continue
		}
		if !fs.ValidPath(f.Name) {
			return nil, fmt.Errorf("section %q is not a valid fs.FS path", f.Name)
		}
		if _, dup := c.fsys[f.Name]; dup {
			return nil, fmt.Errorf("section %s appears twice", f.Name)
		}
		c.fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		if f.Name == "site.json" {
			cfg = f.Data
		}
	}
	if cfg == nil {
		return nil, fmt.Errorf("no site.json section")
	}
	var gs feedCaseSite
	dec := json.NewDecoder(bytes.NewReader(cfg))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&gs); err != nil {
		return nil, fmt.Errorf("site.json: %v", err)
	}
	if err := c.configure(gs); err != nil {
		return nil, fmt.Errorf("site.json: %v", err)
	}
	return c, nil
}

func (c *feedCase) configure(gs feedCaseSite) error {
	loc := time.UTC
	if gs.Timezone != "" {
		l, err := time.LoadLocation(gs.Timezone)
		if err != nil {
			return err
		}
		loc = l
	}
	c.site = Site{
		Title:       gs.Title,
		Description: gs.Description,
		URL:         gs.URL,
		Language:    gs.Lang,
		Copyright:   gs.Copyright,
		Icon:        gs.Icon,
		Logo:        gs.Logo,
		Location:    loc,
		Permalink:   gs.Permalink,
	}
	if a := gs.Author; a != nil {
		c.site.Author = Author{Name: a.Name, Email: a.Email, URL: a.URL}
	}
	c.opts = Options{Limit: gs.Limit, Archive: gs.Archive, ArchivePage: gs.ArchivePage, Drafts: gs.Drafts, NoTagFeeds: gs.NoTags}
	if gs.Now != "" {
		now, err := time.Parse(time.RFC3339, gs.Now)
		if err != nil {
			return fmt.Errorf("now: %v", err)
		}
		c.opts.Now = now
	}
	for _, s := range gs.Formats {
		f, err := ParseFormat(s)
		if err != nil {
			return err
		}
		c.opts.Formats = append(c.opts.Formats, f)
	}
	c.dir = cmp.Or(gs.Posts, "posts")
	if gs.Source {
		c.opts.Source = c.fsys
	}
	if _, err := fs.Stat(c.fsys, cmp.Or(gs.Static, "static")); err == nil {
		static, err := fs.Sub(c.fsys, cmp.Or(gs.Static, "static"))
		if err != nil {
			return err
		}
		c.opts.Static = static
	}
	c.load = LoadOptions{Location: loc}
	return nil
}

// posts loads the case's posts/ folder.
func (c *feedCase) posts(t testing.TB) []*Post {
	t.Helper()
	posts, err := LoadDir(c.fsys, c.dir, &c.load)
	if err != nil {
		t.Fatalf("LoadDir: %v", err)
	}
	return posts
}

// build loads and builds the case; edit, when not nil, changes the options
// first.
func (c *feedCase) build(t testing.TB, edit func(*Options)) *Set {
	t.Helper()
	return c.buildPosts(t, c.posts(t), edit)
}

func (c *feedCase) buildPosts(t testing.TB, posts []*Post, edit func(*Options)) *Set {
	t.Helper()
	opts := c.opts
	if edit != nil {
		edit(&opts)
	}
	set, err := Build(c.site, posts, &opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return set
}

// renderedFile is one document of a build, encoded.
type renderedFile struct {
	File
	Data []byte
}

// renderSet writes every file of set, in Files() order.
func renderSet(t testing.TB, set *Set) []renderedFile {
	t.Helper()
	return renderSetWith(t, set, itemenc.Fast)
}

// renderSetWith is renderSet with the given item encoder.
func renderSetWith(t testing.TB, set *Set, enc itemenc.Encoder) []renderedFile {
	t.Helper()
	var out []renderedFile
	seen := map[string]bool{}
	for _, f := range set.Files() {
		if seen[f.Path] {
			t.Fatalf("Files() lists %s twice", f.Path)
		}
		seen[f.Path] = true
		var buf bytes.Buffer
		if err := f.Feed.write(&buf, f.Format, enc); err != nil {
			t.Fatalf("Write %s: %v", f.Path, err)
		}
		out = append(out, renderedFile{File: f, Data: buf.Bytes()})
	}
	for _, m := range set.Media {
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatalf("Media %s: %v", m.Path, err)
		}
		out = append(out, renderedFile{File: File{Path: m.Path, Media: m}, Data: mediaSummary(m.Path, buf.Bytes())})
	}
	return out
}

// mediaSummary is what a golden archive holds for a media file: its
// length, the type sniffed from its bytes and their SHA-256, since the
// bytes themselves (an image) would not survive txtar.
func mediaSummary(name string, data []byte) []byte {
	head := data[:min(len(data), 512)]
	return fmt.Appendf(nil, "length %d\ntype %s\nsha256 %x\n", len(data), media.Sniff(head, name), sha256.Sum256(data))
}

// A goldenFeed is one want/ section of a golden archive.
type goldenFeed struct {
	Case   string
	Path   string
	Format Format
	Data   []byte
}

// goldenFeeds returns the want/ files of every case, each with its format,
// for the tests that check the golden files themselves.
func goldenFeeds(t testing.TB) []goldenFeed {
	t.Helper()
	var out []goldenFeed
	for _, c := range feedCases(t) {
		names := make([]string, 0, len(c.want))
		for name := range c.want {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if media.IsName(path.Base(name)) {
				continue
			}
			var format Format
			switch archiveStem.ReplaceAllString(path.Base(name), "$1$2") {
			case "rss.xml":
				format = RSS
			case "atom.xml":
				format = Atom
			case "feed.json":
				format = JSON
			default:
				t.Fatalf("%s: want/%s: unknown feed file name", c.file, name)
			}
			out = append(out, goldenFeed{Case: c.name, Path: name, Format: format, Data: c.want[name]})
		}
	}
	return out
}

// archiveStem matches the name of an archive page, rss-2024-05-03.xml or
// rss-2024-05-03-2.xml, and keeps the name of its feed's document.
var archiveStem = regexp.MustCompile(`^(.*)-[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]+)?(\.[a-z]+)$`)

func TestGolden(t *testing.T) {
	for _, c := range feedCases(t) {
		t.Run(c.name, func(t *testing.T) {
			if len(bytes.TrimSpace(c.ar.Comment)) == 0 {
				t.Errorf("%s: the archive has no description comment", c.file)
			}
			got := renderSet(t, c.build(t, nil))
			if *dumpDir != "" {
				dumpRendered(t, filepath.Join(*dumpDir, c.name), got)
			}
			if *update {
				updateGolden(t, c, got)
				return
			}
			compareWant(t, c, got)

			// The reference item encoders (encoding/xml, encoding/json)
			// give the bytes the fast ones give.
			t.Run("Reference", func(t *testing.T) {
				t.Parallel()
				compareWant(t, c, renderSetWith(t, c.build(t, nil), itemenc.Reference))
			})

			// The other ways of writing give the same bytes: posts loaded
			// with LoadOptions.Lazy, and WriteDir, in one pass or in
			// passes of two documents.
			lazy := c.load
			lazy.Lazy = true
			for _, mode := range []struct {
				name    string
				lazy    bool
				maxOpen int
			}{{"WriteDir", false, defaultMaxOpenFiles}, {"WriteDir/passes", false, 2}, {"Lazy/Write", true, 0}, {"Lazy/WriteDir", true, defaultMaxOpenFiles}, {"Lazy/WriteDir/passes", true, 2}} {
				t.Run(mode.name, func(t *testing.T) {
					posts := c.posts(t)
					if mode.lazy {
						var err error
						if posts, err = LoadDir(c.fsys, c.dir, &lazy); err != nil {
							t.Fatalf("LoadDir: %v", err)
						}
					}
					set := c.buildPosts(t, posts, nil)
					if mode.maxOpen == 0 {
						compareWant(t, c, renderSet(t, set))
						return
					}
					compareWant(t, c, writeDirFilesWith(t, set, writeConfig{maxOpenFiles: mode.maxOpen}))
				})
			}
		})
	}
}

// compareWant checks got against the case's want/ files.
func compareWant(t *testing.T, c *feedCase, got []renderedFile) {
	t.Helper()
	produced := map[string]bool{}
	for _, f := range got {
		produced[f.Path] = true
		want, ok := c.want[f.Path]
		if !ok {
			t.Errorf("%s: no want/%s section for a file the build produced (run go test -run TestGolden -update)", c.file, f.Path)
			continue
		}
		if !bytes.Equal(want, f.Data) {
			t.Errorf("%s: want/%s differs (-want +got):\n%s", c.file, f.Path, diffLines(string(want), string(f.Data)))
		}
	}
	var extra []string
	for name := range c.want {
		if !produced[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		t.Errorf("%s: want/%s: the build produced no such file", c.file, name)
	}
}

// writeDirFiles writes set with WriteDir into a new folder and reads back
// every file, checking the sizes WriteDir reports.
func writeDirFiles(t *testing.T, set *Set) []renderedFile {
	t.Helper()
	return writeDirFilesWith(t, set, writeConfig{}) // WriteDir's own settings
}

// updateGolden replaces the want/ sections of the archive with got, in
// Files() order after the inputs, and writes the archive back when it
// changed.
func updateGolden(t *testing.T, c *feedCase, got []renderedFile) {
	t.Helper()
	ar := &txtar.Archive{Comment: c.ar.Comment}
	for _, f := range c.ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			ar.Files = append(ar.Files, f)
		}
	}
	for _, f := range got {
		ar.Files = append(ar.Files, txtar.File{Name: "want/" + f.Path, Data: f.Data})
	}
	data := txtar.Format(ar)
	// The archive must read back as written: a rendered line that looks
	// like a txtar marker would corrupt it.
	back := txtar.Parse(data)
	if len(back.Files) != len(ar.Files) {
		t.Fatalf("%s: the archive does not read back: %d sections, want %d", c.file, len(back.Files), len(ar.Files))
	}
	for i, f := range back.Files {
		if f.Name != ar.Files[i].Name || !bytes.Equal(f.Data, txtarNewline(ar.Files[i].Data)) {
			t.Fatalf("%s: section %s does not read back as written", c.file, ar.Files[i].Name)
		}
	}
	old, err := os.ReadFile(c.file)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(old, data) {
		return
	}
	if err := os.WriteFile(c.file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("updated %s", c.file)
}

// txtarNewline is what txtar.Format does to a section: it ends in a newline.
func txtarNewline(b []byte) []byte {
	if len(b) == 0 || b[len(b)-1] == '\n' {
		return b
	}
	return append(b[:len(b):len(b)], '\n')
}

func dumpRendered(t *testing.T, dir string, files []renderedFile) {
	t.Helper()
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// diffLines returns a line diff of a and b: "-" lines only in a, "+" lines
// only in b, with up to 2 lines of context around each change.
func diffLines(a, b string) string {
	split := func(s string) []string {
		lines := strings.SplitAfter(s, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		return lines
	}
	x, y := split(a), split(b)
	// Longest common subsequence, by dynamic programming over the suffixes.
	n, m := len(x), len(y)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			lines = append(lines, line{' ', x[i]})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			lines = append(lines, line{'-', x[i]})
			i++
		default:
			lines = append(lines, line{'+', y[j]})
			j++
		}
	}
	const context = 2
	show := make([]bool, len(lines))
	for k, l := range lines {
		if l.op != ' ' {
			for d := max(0, k-context); d <= min(len(lines)-1, k+context); d++ {
				show[d] = true
			}
		}
	}
	var sb strings.Builder
	gap := false
	for k, l := range lines {
		if !show[k] {
			gap = true
			continue
		}
		if gap && sb.Len() > 0 {
			sb.WriteString("  ...\n")
		}
		gap = false
		text := strings.TrimSuffix(l.text, "\n")
		if !strings.HasSuffix(l.text, "\n") && l.op != ' ' {
			text += " (no newline at end)"
		}
		fmt.Fprintf(&sb, "%c %s\n", l.op, text)
	}
	return sb.String()
}

// TestGoldenSeedExact ties testdata/golden/seed.txtar to the seed post. A
// txtar section always ends in a newline and the seed file does not, so the
// archive holds the seed plus one "\n"; this test checks that, and that the
// seed's exact bytes build the same feeds as the archive.
func TestGoldenSeedExact(t *testing.T) {
	const seedFile = "testdata/seed/article-370.md" // the seed, byte for byte
	seed, err := os.ReadFile(seedFile)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is not there", seedFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	c, err := readFeedCase(filepath.Join(feedGoldenDir, "seed.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	got := c.fsys["posts/article-370.md"]
	if got == nil {
		t.Fatal("seed.txtar has no posts/article-370.md")
	}
	if !bytes.Equal(got.Data, txtarNewline(seed)) {
		t.Fatalf("seed.txtar's posts/article-370.md is not %s byte for byte (plus txtar's final newline)", seedFile)
	}
	exact := *c
	exact.fsys = maps.Clone(c.fsys)
	exact.fsys["posts/article-370.md"] = &fstest.MapFile{Data: seed, Mode: 0o644}
	for _, f := range renderSet(t, exact.build(t, nil)) {
		if want := c.want[f.Path]; !bytes.Equal(want, f.Data) {
			t.Errorf("the exact seed gives another %s (-golden +exact):\n%s", f.Path, diffLines(string(want), string(f.Data)))
		}
	}
}
