package sitefeed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/mail"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

var testDate = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// buildPosts builds constructed posts on https://example.com/.
func buildPosts(t *testing.T, opts *Options, posts ...*Post) *Set {
	t.Helper()
	set, err := Build(Site{Title: "Ex", URL: "https://example.com/", Language: "en"}, posts, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return set
}

func write(t *testing.T, f *Feed, format Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf, format); err != nil {
		t.Fatalf("Write %s: %v", format, err)
	}
	return buf.Bytes()
}

// renderAll is every file of the set, keyed by path.
func renderAll(t *testing.T, set *Set) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range renderSet(t, set) {
		out[f.Path] = f.Data
	}
	return out
}

func sameOutputs(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	for _, name := range sortedNames(want) {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: %s missing", what, name)
			continue
		}
		if !bytes.Equal(want[name], g) {
			t.Errorf("%s: %s differs (-first +second):\n%s", what, name, diffLines(string(want[name]), string(g)))
		}
	}
	for _, name := range sortedNames(got) {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: extra file %s", what, name)
		}
	}
}

// TestDeterministic builds every golden case again from shuffled input, with
// different worker counts and GOMAXPROCS, and wants byte-identical files.
func TestDeterministic(t *testing.T) {
	for _, c := range feedCases(t) {
		t.Run(c.name, func(t *testing.T) {
			posts := c.posts(t)
			want := renderAll(t, c.buildPosts(t, posts, nil))
			t.Run("twice", func(t *testing.T) {
				sameOutputs(t, "second build", want, renderAll(t, c.build(t, nil)))
			})
			t.Run("shuffled", func(t *testing.T) {
				for seed := range uint64(5) {
					shuffled := slices.Clone(posts)
					rand.New(rand.NewPCG(seed, 42)).Shuffle(len(shuffled), func(i, j int) {
						shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
					})
					sameOutputs(t, fmt.Sprintf("shuffle seed %d", seed), want, renderAll(t, c.buildPosts(t, shuffled, nil)))
				}
				reversed := slices.Clone(posts)
				slices.Reverse(reversed)
				sameOutputs(t, "reversed", want, renderAll(t, c.buildPosts(t, reversed, nil)))
			})
			t.Run("workers", func(t *testing.T) {
				for _, w := range []int{1, 2, 3, 16} {
					got := renderAll(t, c.buildPosts(t, posts, func(o *Options) { o.Workers = w }))
					sameOutputs(t, fmt.Sprintf("Workers=%d", w), want, got)
				}
			})
			t.Run("GOMAXPROCS", func(t *testing.T) {
				old := runtime.GOMAXPROCS(0)
				defer runtime.GOMAXPROCS(old)
				for _, n := range []int{1, 2, 8} {
					runtime.GOMAXPROCS(n)
					load := c.load
					load.Workers = n
					loaded, err := LoadDir(c.fsys, c.dir, &load)
					if err != nil {
						t.Fatal(err)
					}
					got := renderAll(t, c.buildPosts(t, loaded, nil))
					sameOutputs(t, fmt.Sprintf("GOMAXPROCS=%d", n), want, got)
				}
			})
			t.Run("inputs untouched", func(t *testing.T) {
				// Build must not change the posts it is given: a second
				// build from the same slice is the same.
				sameOutputs(t, "same slice again", want, renderAll(t, c.buildPosts(t, posts, nil)))
			})
		})
	}
}

// TestTagPathsSafe gives tags that try to leave the output folder, and
// checks every file path of the build.
func TestTagPathsSafe(t *testing.T) {
	hostile := []string{
		"../../etc/passwd", "..", ".", "/", "a/b", `a\b`, "", "   ", "\t\n",
		"CON", "NUL", "con", "Aux", "lpt1", "COM9", "tag",
		strings.Repeat("x", 300), strings.Repeat("日", 300), strings.Repeat("é ", 150),
		"%2e%2e", "..%2F..%2F", "\x00", "a\x00b", "\u202e", "foo/../../bar",
	}
	var posts []*Post
	for i, tag := range hostile {
		posts = append(posts, &Post{Title: fmt.Sprintf("Post %d", i), Slug: fmt.Sprintf("p%d", i), Published: testDate.Add(time.Duration(i) * time.Hour), Tags: []string{tag}})
	}
	set := buildPosts(t, nil, posts...)
	seen := map[string]bool{}
	for _, f := range set.Files() {
		p := f.Path
		if !fs.ValidPath(p) {
			t.Errorf("%q is not a valid fs.FS path", p)
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == ".." || seg == "." || seg == "" {
				t.Errorf("%q has a %q segment", p, seg)
			}
			if strings.ContainsAny(seg, `\:*?"<>|`) || strings.ContainsRune(seg, 0) {
				t.Errorf("%q has a character no file system takes", p)
			}
		}
		if f.Feed.Slug != "" {
			if !strings.HasPrefix(p, "tags/") {
				t.Errorf("tag feed %q is not under tags/", p)
			}
			slug := f.Feed.Slug
			if len(slug) > maxSlugBytes+8 {
				t.Errorf("slug %q is %d bytes long", slug, len(slug))
			}
			if windowsReserved[strings.ToLower(slug)] {
				t.Errorf("slug %q is a name Windows reserves", slug)
			}
			if !utf8.ValidString(slug) {
				t.Errorf("slug %q is not UTF-8", slug)
			}
		}
		if seen[p] {
			t.Errorf("two files have the path %q", p)
		}
		seen[p] = true
	}
	// Each post with a non-blank tag is in exactly one tag feed: hostile
	// tags are neither merged nor dropped.
	for _, p := range set.Posts {
		n := 0
		for _, f := range set.Tags {
			if slices.Contains(f.Items, p) {
				n++
			}
		}
		want := 1
		if len(p.Tags) == 0 {
			want = 0
		}
		if n != want {
			t.Errorf("%s (tags %q) is in %d tag feeds, want %d", p.Title, p.Tags, n, want)
		}
	}
	// "", "   ", "\t\n" and "\x00" are blank: no tag; CON and con are one
	// tag.
	if got, want := len(set.Tags), len(hostile)-5; got != want {
		var slugs []string
		for _, f := range set.Tags {
			slugs = append(slugs, f.Slug)
		}
		t.Errorf("%d tag feeds, want %d: %q", got, want, slugs)
	}
}

func TestTagSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Go", "go"},
		{"C++", "c-plus-plus"},
		{"C#", "c-sharp"},
		{"R&D", "r-and-d"},
		{"web dev", "web-dev"},
		{"node.js", "node-js"},
		{"राजनीति", "राजनीति"},
		{"日本語", "日本語"},
		{"Café", "café"},
		{"cafe\u0301", "café"}, // NFD becomes NFC
		{"../../etc/passwd", "etc-passwd"},
		{"..", "tag"},
		{"/", "tag"},
		{"a/b", "a-b"},
		{"", "tag"},
		{"   ", "tag"},
		{"CON", "con-tag"},
		{"NUL", "nul-tag"},
		{strings.Repeat("ab ", 100), strings.TrimSuffix(strings.Repeat("ab-", 27), "-")},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := TagSlug(tt.in); got != tt.want {
				t.Errorf("TagSlug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("long", func(t *testing.T) {
		for _, s := range []string{strings.Repeat("x", 300), strings.Repeat("日", 300), strings.Repeat("é", 300)} {
			got := TagSlug(s)
			if len(got) > maxSlugBytes || !utf8.ValidString(got) || got == "" {
				t.Errorf("TagSlug(%d bytes) = %q (%d bytes)", len(s), got, len(got))
			}
		}
	})
}

// TestTagCollisions: tags with the same slug get distinct feeds, in an
// order that does not depend on the input; spellings of one tag are merged.
func TestTagCollisions(t *testing.T) {
	post := func(i int, tags ...string) *Post {
		return &Post{Title: fmt.Sprintf("P%d", i), Slug: fmt.Sprintf("p%d", i), Published: testDate.Add(time.Duration(i) * time.Hour), Tags: tags}
	}
	posts := []*Post{
		post(0, "C++"), post(1, "c plus plus"), post(2, "C#"), post(3, "c sharp"),
		post(4, "Node JS"), post(5, "node.js"), post(6, "node-js"),
		post(7, ".."), post(8, "/"), post(9, "tag"),
		post(10, "Go"), post(11, "go"), post(12, " GO "), post(13, "Go"),
		post(14, "café"), post(15, "cafe\u0301"), post(16, "CAFÉ"),
	}
	set := buildPosts(t, nil, posts...)
	bySlug := map[string]*Feed{}
	for _, f := range set.Tags {
		bySlug[f.Slug] = f
	}
	titles := func(f *Feed) []string {
		var out []string
		for _, p := range f.Items {
			out = append(out, p.Title)
		}
		slices.Sort(out)
		return out
	}
	want := map[string][]string{
		// Tags are numbered in the order of their keys: "c plus plus"
		// sorts before "c++".
		"c-plus-plus": {"P1"}, "c-plus-plus-2": {"P0"},
		"c-sharp": {"P3"}, "c-sharp-2": {"P2"},
		"node-js": {"P4"}, "node-js-2": {"P6"}, "node-js-3": {"P5"},
		"tag": {"P7"}, "tag-2": {"P8"}, "tag-3": {"P9"},
		"go":   {"P10", "P11", "P12", "P13"},
		"café": {"P14", "P15", "P16"},
	}
	for _, slug := range sortedNames(want) {
		f, ok := bySlug[slug]
		if !ok {
			t.Errorf("no tag feed %q; have %q", slug, sortedNames(bySlug))
			continue
		}
		if got := titles(f); !slices.Equal(got, want[slug]) {
			t.Errorf("tag feed %q (%q) holds %q, want %q", slug, f.Tag, got, want[slug])
		}
	}
	if len(bySlug) != len(want) {
		t.Errorf("tag feeds %q, want %q", sortedNames(bySlug), sortedNames(want))
	}
	// The most used spelling names the tag, everywhere.
	if f := bySlug["go"]; f != nil && f.Tag != "Go" {
		t.Errorf("tag go is named %q, want Go (2 of 4 posts)", f.Tag)
	}
	for _, p := range set.Posts {
		for _, tag := range p.Tags {
			if strings.EqualFold(tag, "go") && tag != "Go" {
				t.Errorf("%s: category %q, want the display name Go", p.Title, tag)
			}
		}
	}
	// The same with tag feeds off: categories still use the display name.
	off := buildPosts(t, &Options{NoTagFeeds: true}, posts...)
	if len(off.Tags) != 0 {
		t.Errorf("NoTagFeeds built %d tag feeds", len(off.Tags))
	}
	for _, p := range off.Posts {
		for _, tag := range p.Tags {
			if tagKey(tag) == tagKey("go") && tag != "Go" || tagKey(tag) == tagKey("café") && tag != "café" {
				t.Errorf("NoTagFeeds: %s has category %q, not the tag's display name", p.Title, tag)
			}
		}
	}
	// Shuffled input gives the same slugs.
	shuffled := slices.Clone(posts)
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again := buildPosts(t, nil, shuffled...)
	for i, f := range again.Tags {
		if f.Slug != set.Tags[i].Slug || f.Tag != set.Tags[i].Tag {
			t.Errorf("tag %d: %q/%q from shuffled input, %q/%q before", i, f.Slug, f.Tag, set.Tags[i].Slug, set.Tags[i].Tag)
		}
	}
}

// TestHeroType checks the order of the MIME type rules: front matter type,
// then the sniffed local file, then a format in the query, then the
// extension.
func TestHeroType(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	gif := []byte("GIF89a\x01\x00\x01\x00")
	fsys := fstest.MapFS{
		"posts/local/index.md":         {Data: []byte("---\ntitle: Local\ndate: 2024-01-01\nhero: ./photo.jpg\n---\nx\n")},
		"posts/local/photo.jpg":        {Data: png}, // a PNG named .jpg
		"posts/typed/index.md":         {Data: []byte("---\ntitle: Typed\ndate: 2024-01-02\nhero: {src: ./photo.gif, type: image/jpg}\n---\nx\n")},
		"posts/typed/photo.gif":        {Data: gif},
		"posts/unknown/index.md":       {Data: []byte("---\ntitle: Unknown\ndate: 2024-01-03\nhero: ./blob\n---\nx\n")},
		"posts/unknown/blob":           {Data: []byte("not an image")},
		"static/img/banner.webp":       {Data: []byte("RIFF\x00\x00\x00\x00WEBPVP8 ")},
		"posts/static/index.md":        {Data: []byte("---\ntitle: Static\ndate: 2024-01-04\nhero: /img/banner.webp\n---\nx\n")},
		"posts/static-typed/a.md":      {Data: []byte("---\ntitle: Static typed\ndate: 2024-01-05\nhero: {src: /img/banner.webp, type: ' IMAGE/JPG '}\n---\nx\n")},
		"posts/remote/fmt.md":          {Data: []byte("---\ntitle: fmt\ndate: 2024-01-06\nhero: https://cdn.example.net/a.jpg?w=10&fmt=webp\n---\nx\n")},
		"posts/remote/format.md":       {Data: []byte("---\ntitle: format\ndate: 2024-01-07\nhero: https://cdn.example.net/b.png?format=avif\n---\nx\n")},
		"posts/remote/ext.md":          {Data: []byte("---\ntitle: ext\ndate: 2024-01-08\nhero: https://cdn.example.net/c.JPG\n---\nx\n")},
		"posts/remote/svg.md":          {Data: []byte("---\ntitle: svg\ndate: 2024-01-09\nhero: https://cdn.example.net/d.svg\n---\nx\n")},
		"posts/remote/gif.md":          {Data: []byte("---\ntitle: gif\ndate: 2024-01-10\nhero: https://cdn.example.net/e.gif\n---\nx\n")},
		"posts/remote/none.md":         {Data: []byte("---\ntitle: none\ndate: 2024-01-11\nhero: https://cdn.example.net/photo\n---\nx\n")},
		"posts/remote/typed-remote.md": {Data: []byte("---\ntitle: typed remote\ndate: 2024-01-12\nhero: {src: 'https://cdn.example.net/f.png?fmt=webp', type: image/jpg, length: 99}\n---\nx\n")},
		"posts/remote/jpeg-query.md":   {Data: []byte("---\ntitle: jpeg query\ndate: 2024-01-13\nhero: https://cdn.example.net/g?fm=jpg\n---\nx\n")},
	}
	posts, err := LoadDir(fsys, "posts", nil)
	if err != nil {
		t.Fatal(err)
	}
	static, err := fs.Sub(fsys, "static")
	if err != nil {
		t.Fatal(err)
	}
	set := buildPosts(t, &Options{Static: static}, posts...)
	want := map[string]struct {
		typ    string
		length int64
	}{
		"Local":        {"image/png", int64(len(png))}, // sniffed beats .jpg
		"Typed":        {"image/jpeg", int64(len(gif))},
		"Unknown":      {"application/octet-stream", int64(len("not an image"))},
		"Static":       {"image/webp", int64(len("RIFF\x00\x00\x00\x00WEBPVP8 "))},
		"Static typed": {"image/jpeg", int64(len("RIFF\x00\x00\x00\x00WEBPVP8 "))},
		"fmt":          {"image/webp", 0},
		"format":       {"image/avif", 0},
		"ext":          {"image/jpeg", 0},
		"svg":          {"image/svg+xml", 0},
		"gif":          {"image/gif", 0},
		"none":         {"application/octet-stream", 0},
		"typed remote": {"image/jpeg", 99},
		"jpeg query":   {"image/jpeg", 0},
	}
	if len(set.Posts) != len(want) {
		t.Fatalf("%d posts, want %d", len(set.Posts), len(want))
	}
	for _, p := range set.Posts {
		t.Run(p.Title, func(t *testing.T) {
			w, ok := want[p.Title]
			if !ok || p.Hero == nil {
				t.Fatalf("unexpected post or no hero: %+v", p)
			}
			if p.Hero.Type != w.typ || p.Hero.Length != w.length {
				t.Errorf("hero %s: type %q length %d, want %q %d", p.Hero.URL, p.Hero.Type, p.Hero.Length, w.typ, w.length)
			}
			if p.Hero.Type == "image/jpg" {
				t.Error("image/jpg is not a registered type")
			}
			// Every format carries the same type.
			rss := string(write(t, set.All, RSS))
			if !strings.Contains(rss, fmt.Sprintf(`<enclosure url="%s" length="%d" type="%s"></enclosure>`, escapeXMLAttr(p.Hero.URL), p.Hero.Length, p.Hero.Type)) {
				t.Errorf("RSS has no enclosure for %s with length %d and type %s", p.Hero.URL, p.Hero.Length, p.Hero.Type)
			}
		})
	}
}

func escapeXMLAttr(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		panic(err)
	}
	return b.String()
}

// TestIDs: ids never empty, stable, and independent of Updated.
func TestIDs(t *testing.T) {
	t.Run("never empty", func(t *testing.T) {
		for _, id := range []string{"", " ", "\x08", "\t\n", "\uFFFE", "\x01\x02"} {
			set := buildPosts(t, nil, &Post{Title: "T", Slug: "t", ID: id, Published: testDate})
			p := set.Posts[0]
			if strings.TrimSpace(p.ID) == "" {
				t.Errorf("ID %q became %q", id, p.ID)
			}
			const want = "tag:example.com,2024-05-01:/posts/t/"
			if p.ID != want {
				t.Errorf("ID %q: got %q, want the default %q", id, p.ID, want)
			}
			out := string(write(t, set.All, JSON))
			if strings.Contains(out, `"id": ""`) {
				t.Errorf("ID %q: JSON has an empty id:\n%s", id, out)
			}
		}
	})
	t.Run("kept when given", func(t *testing.T) {
		set := buildPosts(t, nil, &Post{Title: "T", ID: " urn:x:1 ", Published: testDate})
		if got := set.Posts[0].ID; got != "urn:x:1" {
			t.Errorf("ID = %q, want urn:x:1", got)
		}
	})
	t.Run("independent of Updated", func(t *testing.T) {
		a := buildPosts(t, nil, &Post{Title: "T", Slug: "t", Published: testDate})
		b := buildPosts(t, nil, &Post{Title: "T (edited)", Slug: "t", Published: testDate, Updated: testDate.AddDate(1, 0, 0)})
		if a.Posts[0].ID != b.Posts[0].ID {
			t.Errorf("editing Updated changed the ID: %q → %q", a.Posts[0].ID, b.Posts[0].ID)
		}
		for _, format := range []Format{RSS, Atom, JSON} {
			ida := idsIn(t, write(t, a.All, format), format)
			idb := idsIn(t, write(t, b.All, format), format)
			if !slices.Equal(ida, idb) || len(ida) != 1 {
				t.Errorf("%s: ids %q before the edit, %q after", format, ida, idb)
			}
		}
	})
	t.Run("every golden id non-empty and unique", func(t *testing.T) {
		for _, g := range goldenFeeds(t) {
			ids := idsIn(t, g.Data, g.Format)
			seen := map[string]bool{}
			for _, id := range ids {
				if strings.TrimSpace(id) == "" || seen[id] {
					t.Errorf("%s/%s: id %q empty or repeated", g.Case, g.Path, id)
				}
				seen[id] = true
			}
		}
	})
}

// idsIn returns the item ids of a document: RSS guid, Atom entry id, JSON
// item id.
func idsIn(t *testing.T, data []byte, format Format) []string {
	t.Helper()
	switch format {
	case JSON:
		var doc struct {
			Items []struct {
				ID *string `json:"id"`
			} `json:"items"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range doc.Items {
			if it.ID == nil {
				ids = append(ids, "")
			} else {
				ids = append(ids, *it.ID)
			}
		}
		return ids
	default:
		var ids []string
		for _, el := range xmlElements(t, data) {
			if format == RSS && el.path == "rss/channel/item/guid" || format == Atom && el.path == "feed/entry/id" {
				ids = append(ids, el.text)
			}
		}
		return ids
	}
}

// An xmlElement is one element of a document, with its path of local
// names, attributes and text.
type xmlElement struct {
	path  string
	space string
	attrs map[string]string
	text  string
}

// xmlElements decodes a whole document with encoding/xml (failing the test
// when it is not well-formed) and lists its elements in order.
func xmlElements(t *testing.T, data []byte) []*xmlElement {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlElement
	var names []string
	var out []*xmlElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			names = append(names, tok.Name.Local)
			el := &xmlElement{path: strings.Join(names, "/"), space: tok.Name.Space, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				el.attrs[a.Name.Local] = a.Value
			}
			stack = append(stack, el)
			out = append(out, el)
		case xml.EndElement:
			names = names[:len(names)-1]
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if len(stack) != 0 {
		t.Fatal("unclosed elements")
	}
	return out
}

// TestGoldenRules checks the gorilla/feeds bugs of DESIGN.md §6 on every
// golden output: none may show.
func TestGoldenRules(t *testing.T) {
	for _, g := range goldenFeeds(t) {
		t.Run(g.Case+"/"+g.Path, func(t *testing.T) {
			if !utf8.Valid(g.Data) {
				t.Error("not UTF-8")
			}
			switch g.Format {
			case JSON:
				checkJSONRules(t, g.Data)
			case RSS:
				checkRSSRules(t, g.Data)
			case Atom:
				checkAtomRules(t, g.Data)
			}
		})
	}
}

func checkJSONRules(t *testing.T, data []byte) {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != "https://jsonfeed.org/version/1.1" {
		t.Errorf("version %v", doc["version"])
	}
	items, ok := doc["items"].([]any)
	if !ok {
		t.Fatalf(`"items" is %T, want an array (present even when empty)`, doc["items"])
	}
	for _, key := range []string{"author", "banner_"} {
		if _, ok := doc[key]; ok {
			t.Errorf("feed has %q", key)
		}
	}
	for i, v := range items {
		it := v.(map[string]any)
		if id, _ := it["id"].(string); strings.TrimSpace(id) == "" {
			t.Errorf("item %d: empty id", i)
		}
		if it["content_html"] == nil && it["content_text"] == nil {
			t.Errorf("item %d: no content", i)
		}
		for _, key := range []string{"author", "banner_"} {
			if _, ok := it[key]; ok {
				t.Errorf("item %d has %q", i, key)
			}
		}
		for _, key := range []string{"date_published", "date_modified"} {
			if s, ok := it[key].(string); ok {
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					t.Errorf("item %d: %s %q is not RFC 3339", i, key, s)
				}
			}
		}
		if img, ok := it["image"].(string); ok {
			atts, _ := it["attachments"].([]any)
			if len(atts) != 1 {
				t.Errorf("item %d: image %s without an attachment", i, img)
				continue
			}
			a := atts[0].(map[string]any)
			if a["url"] != img || a["mime_type"] == nil || a["mime_type"] == "" {
				t.Errorf("item %d: attachment %v", i, a)
			}
		}
	}
}

func checkRSSRules(t *testing.T, data []byte) {
	els := xmlElements(t, data)
	hasSelf := false
	items := 0
	var item map[string]int
	flush := func() {
		if item == nil {
			return
		}
		for _, need := range []string{"title", "link", "description", "guid", "pubDate"} {
			if item[need] != 1 {
				t.Errorf("item %d has %d <%s>", items, item[need], need)
			}
		}
		if item["author"] > 0 && item["creator"] > 0 {
			t.Errorf("item %d has both <author> and dc:creator", items)
		}
	}
	for _, el := range els {
		switch {
		case el.path == "rss/channel/link" && el.space == nsAtom:
			if el.attrs["rel"] == "self" && el.attrs["href"] != "" {
				hasSelf = true
			}
		case el.path == "rss/channel/managingEditor":
			if _, err := parseRSSAddress(el.text); err != nil {
				t.Errorf("managingEditor %q: %v", el.text, err)
			}
		case el.path == "rss/channel/item":
			flush()
			items++
			item = map[string]int{}
		case strings.HasPrefix(el.path, "rss/channel/item/"):
			name := strings.TrimPrefix(el.path, "rss/channel/item/")
			item[name]++
			switch name {
			case "link", "description", "title", "category", "guid", "creator":
				if strings.TrimSpace(el.text) == "" {
					t.Errorf("item %d: empty <%s>", items, name)
				}
			case "author":
				if _, err := parseRSSAddress(el.text); err != nil {
					t.Errorf("item %d: <author>%s</author>: %v", items, el.text, err)
				}
			case "enclosure":
				if el.attrs["url"] == "" || el.attrs["type"] == "" || el.attrs["length"] == "" {
					t.Errorf("item %d: enclosure %v lacks url, type or length", items, el.attrs)
				}
				if el.attrs["type"] == "image/jpg" {
					t.Errorf("item %d: image/jpg", items)
				}
			case "source":
				if el.attrs["url"] == "" {
					t.Errorf("item %d: source without url", items)
				}
			}
		}
	}
	flush()
	if !hasSelf {
		t.Error(`no atom:link rel="self"`)
	}
}

// parseRSSAddress accepts what RSS puts in author and managingEditor: an
// address, optionally followed by a name in parentheses.
func parseRSSAddress(s string) (*mail.Address, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(s, a.Address) {
		return nil, fmt.Errorf("does not start with the address")
	}
	return a, nil
}

func checkAtomRules(t *testing.T, data []byte) {
	els := xmlElements(t, data)
	count := map[string]int{}
	var entries []map[string]int
	for _, el := range els {
		if el.path == "feed/archive" && el.space == nsHistory && el.text == "" {
			continue // RFC 5005's fh:archive, on archive pages
		}
		if el.space != nsAtom && !(el.space == nsXHTML && strings.HasPrefix(el.path, "feed/div")) { // the page (page.go)
			t.Errorf("%s is in namespace %q", el.path, el.space)
		}
		count[el.path]++
		switch el.path {
		case "feed/entry":
			entries = append(entries, map[string]int{})
		case "feed/updated", "feed/entry/updated", "feed/entry/published":
			if _, err := time.Parse(time.RFC3339, el.text); err != nil {
				t.Errorf("%s %q: %v", el.path, el.text, err)
			}
		case "feed/category", "feed/entry/category":
			if el.attrs["term"] == "" {
				t.Errorf("<category> without term: %v %q", el.attrs, el.text)
			}
			if el.text != "" {
				t.Errorf("<category> with text %q", el.text)
			}
		case "feed/author/name", "feed/entry/author/name":
			if strings.TrimSpace(el.text) == "" {
				t.Errorf("%s is empty", el.path)
			}
		case "feed/link", "feed/entry/link":
			if el.attrs["href"] == "" {
				t.Errorf("%s without href", el.path)
			}
		case "feed/source", "feed/entry/source":
			t.Errorf("unexpected %s", el.path)
		}
		if strings.HasPrefix(el.path, "feed/entry/") && len(entries) > 0 {
			entries[len(entries)-1][strings.TrimPrefix(el.path, "feed/entry/")]++
		}
	}
	for _, need := range []string{"feed/id", "feed/title", "feed/updated"} {
		if count[need] != 1 {
			t.Errorf("%d <%s>, want 1", count[need], need)
		}
	}
	if count["feed/author"] == 0 {
		for i, e := range entries {
			if e["author"] == 0 {
				t.Errorf("entry %d has no author and the feed has none", i)
			}
		}
	}
	if count["feed/author/name"] != count["feed/author"] || count["feed/entry/author/name"] != count["feed/entry/author"] {
		t.Error("an author without a name")
	}
	for i, e := range entries {
		for _, need := range []string{"id", "title", "updated", "published"} {
			if e[need] != 1 {
				t.Errorf("entry %d has %d <%s>, want 1", i, e[need], need)
			}
		}
		if e["content"] == 0 && e["link"] == 0 {
			t.Errorf("entry %d has neither content nor link", i)
		}
	}
}

// TestEnclosureNeverDropped: a hero of unknown size is still an enclosure,
// with length 0 in RSS.
func TestEnclosureNeverDropped(t *testing.T) {
	set := buildPosts(t, nil, &Post{Title: "T", Published: testDate, Hero: &Image{URL: "https://cdn.example.net/photo"}})
	rss := string(write(t, set.All, RSS))
	if !strings.Contains(rss, `<enclosure url="https://cdn.example.net/photo" length="0" type="application/octet-stream"></enclosure>`) {
		t.Errorf("RSS enclosure missing or wrong:\n%s", rss)
	}
	atom := string(write(t, set.All, Atom))
	if !strings.Contains(atom, `<link href="https://cdn.example.net/photo" rel="enclosure" type="application/octet-stream"></link>`) {
		t.Errorf("Atom enclosure link missing or wrong:\n%s", atom)
	}
	js := string(write(t, set.All, JSON))
	if !strings.Contains(js, `"mime_type": "application/octet-stream"`) || strings.Contains(js, "size_in_bytes") {
		t.Errorf("JSON attachment missing or wrong:\n%s", js)
	}
}

// TestEmptyFeed: no posts still gives valid documents.
func TestEmptyFeed(t *testing.T) {
	t.Run("without Now", func(t *testing.T) {
		set := buildPosts(t, nil)
		if !set.All.Updated.Equal(time.Unix(0, 0)) {
			t.Errorf("Updated = %v, want the Unix epoch (never the clock)", set.All.Updated)
		}
		js := string(write(t, set.All, JSON))
		if !strings.Contains(js, `"items": []`) {
			t.Errorf("JSON without items array:\n%s", js)
		}
		atom := string(write(t, set.All, Atom))
		if !strings.Contains(atom, "<updated>1970-01-01T00:00:00Z</updated>") {
			t.Errorf("Atom updated:\n%s", atom)
		}
		checkAtomRules(t, []byte(atom))
		rss := string(write(t, set.All, RSS))
		if strings.Contains(rss, "lastBuildDate") {
			t.Errorf("RSS lastBuildDate without items:\n%s", rss)
		}
		checkRSSRules(t, []byte(rss))
	})
	t.Run("with Now", func(t *testing.T) {
		now := time.Date(2024, 6, 30, 12, 0, 0, 0, time.UTC)
		set := buildPosts(t, &Options{Now: now})
		if !set.All.Updated.Equal(now) {
			t.Errorf("Updated = %v, want Options.Now", set.All.Updated)
		}
	})
	t.Run("only drafts and future posts", func(t *testing.T) {
		set := buildPosts(t, &Options{Now: testDate},
			&Post{Title: "Draft", Published: testDate.AddDate(0, 0, -1), Draft: true, Tags: []string{"a"}},
			&Post{Title: "Future", Published: testDate.AddDate(0, 0, 1), Tags: []string{"b"}})
		if len(set.All.Items) != 0 || len(set.Tags) != 0 || set.Drafts != 1 || set.Future != 1 {
			t.Errorf("items %d, tags %d, drafts %d, future %d", len(set.All.Items), len(set.Tags), set.Drafts, set.Future)
		}
	})
}

// TestRSSAuthors: <author> only as an e-mail address, dc:creator for
// names, nobody dropped.
func TestRSSAuthors(t *testing.T) {
	jane := Author{Name: "Jane Doe", Email: "jane@example.org"}
	ravi := Author{Name: "Ravi Kumar"}
	only := Author{Email: "only@example.org"}
	web := Author{URL: "https://web.example/"}
	tests := []struct {
		name     string
		authors  []Author
		author   string
		creators []string
	}{
		{"name and email", []Author{jane}, "", []string{"Jane Doe"}},
		{"name only", []Author{ravi}, "", []string{"Ravi Kumar"}},
		{"email only", []Author{only}, "", []string{"only@example.org"}},
		{"email first of two", []Author{jane, ravi}, "", []string{"Jane Doe", "Ravi Kumar"}},
		{"name first of two", []Author{ravi, jane}, "", []string{"Ravi Kumar", "Jane Doe"}},
		{"two emails", []Author{jane, only}, "", []string{"Jane Doe", "only@example.org"}},
		{"url only", []Author{web}, "", nil},
		{"none", nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := buildPosts(t, nil, &Post{Title: "T", Published: testDate, Authors: tt.authors})
			var author string
			var creators []string
			for _, el := range xmlElements(t, write(t, set.All, RSS)) {
				switch el.path {
				case "rss/channel/item/author":
					author = el.text
				case "rss/channel/item/creator":
					creators = append(creators, el.text)
				}
			}
			if author != tt.author || !slices.Equal(creators, tt.creators) {
				t.Errorf("author %q, dc:creator %q; want %q, %q", author, creators, tt.author, tt.creators)
			}
		})
	}
}

// TestPlainTextEscaping: titles with <, &, quotes and ]]> round-trip in
// every format; RSS plain text uses hexadecimal references.
func TestPlainTextEscaping(t *testing.T) {
	title := `A <b>bold</b> & "quoted" 'title' ]]> &amp; done`
	set := buildPosts(t, nil, &Post{
		Title: title, Published: testDate, Tags: []string{"<tag> & co"},
		Summary: "Sum ]]> <i>", HTML: "<p>a ]]> b <![CDATA[ c ]]> d</p><pre>]]></pre>",
	})
	p := set.Posts[0]
	rss := write(t, set.All, RSS)
	if !bytes.Contains(rss, []byte("<title>A &#x3C;b&gt;bold&#x3C;/b&gt; &#x26; &#34;quoted&#34; &#39;title&#39; ]]&gt; &#x26;amp; done</title>")) {
		t.Errorf("RSS title not written with hexadecimal references:\n%s", rss)
	}
	for _, format := range []Format{RSS, Atom, JSON} {
		data := write(t, set.All, format)
		var gotTitle, gotContent string
		var gotTags []string
		switch format {
		case JSON:
			var doc struct {
				Items []struct {
					Title   string   `json:"title"`
					Content string   `json:"content_html"`
					Tags    []string `json:"tags"`
				} `json:"items"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			gotTitle, gotContent, gotTags = doc.Items[0].Title, doc.Items[0].Content, doc.Items[0].Tags
		default:
			for _, el := range xmlElements(t, data) {
				switch el.path {
				case "rss/channel/item/title", "feed/entry/title":
					gotTitle = el.text
				case "rss/channel/item/encoded", "feed/entry/content":
					gotContent = el.text
				case "rss/channel/item/category":
					gotTags = append(gotTags, el.text)
				case "feed/entry/category":
					gotTags = append(gotTags, el.attrs["term"])
				}
			}
		}
		if gotTitle != title {
			t.Errorf("%s: title %q, want %q", format, gotTitle, title)
		}
		if gotContent != p.HTML {
			t.Errorf("%s: content %q, want %q", format, gotContent, p.HTML)
		}
		if !slices.Equal(gotTags, []string{"<tag> & co"}) {
			t.Errorf("%s: tags %q", format, gotTags)
		}
	}
}

// TestForbiddenCharacters: XML 1.0 forbids C0 controls, U+FFFE and U+FFFF;
// they never reach a feed, and invalid UTF-8 is repaired.
func TestForbiddenCharacters(t *testing.T) {
	set := buildPosts(t, nil, &Post{
		Title: "Bell\x07 back\x08 nul\x00 \uFFFE\uFFFF end\xff", Published: testDate,
		Summary: "s\x1b", HTML: "<p>x\x0by\xc3\x28</p>", Tags: []string{"t\x01ag"},
		Authors: []Author{{Name: "N\x02ame", Email: "e@x.org"}},
		Hero:    &Image{URL: "https://x.org/a.png", Alt: "alt\x03"},
	})
	p := set.Posts[0]
	if p.Title != "Bell back nul  end\uFFFD" {
		t.Errorf("title %q", p.Title)
	}
	for _, format := range []Format{RSS, Atom, JSON} {
		data := write(t, set.All, format)
		if !utf8.Valid(data) {
			t.Errorf("%s: not UTF-8", format)
		}
		for _, r := range string(data) {
			if !xmlChar(r) {
				t.Errorf("%s: holds %U", format, r)
				break
			}
		}
		if format != JSON {
			xmlElements(t, data) // well-formed
		} else if !json.Valid(data) {
			t.Error("JSON not valid")
		}
	}
}

// TestFilesAndMediaTypes: Files lists every feed in every format with its
// media type, site feeds first.
func TestFilesAndMediaTypes(t *testing.T) {
	set := buildPosts(t, nil,
		&Post{Title: "A", Published: testDate, Tags: []string{"b", "a"}},
		&Post{Title: "B", Published: testDate, Tags: []string{"a"}})
	var got []string
	for _, f := range set.Files() {
		got = append(got, f.Path+" "+f.MediaType())
	}
	want := []string{
		"rss.xml application/rss+xml", "atom.xml application/atom+xml", "feed.json application/feed+json",
		"tags/a/rss.xml application/rss+xml", "tags/a/atom.xml application/atom+xml", "tags/a/feed.json application/feed+json",
		"tags/b/rss.xml application/rss+xml", "tags/b/atom.xml application/atom+xml", "tags/b/feed.json application/feed+json",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
	for _, f := range set.Tags {
		for _, format := range set.Formats {
			if u := f.FeedURL(format); u != "https://example.com/"+f.Path(format) {
				t.Errorf("FeedURL(%s) = %s", format, u)
			}
		}
	}
}

// TestSelfLinks: each tag feed points at itself.
func TestSelfLinks(t *testing.T) {
	set := buildPosts(t, nil, &Post{Title: "A", Published: testDate, Tags: []string{"日本語"}})
	f := set.Tags[0]
	const base = "https://example.com/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/"
	for format, want := range map[Format]string{RSS: `<atom:link href="` + base + `rss.xml" rel="self"`, Atom: `<link href="` + base + `atom.xml" rel="self"`, JSON: `"feed_url": "` + base + `feed.json"`} {
		if out := string(write(t, f, format)); !strings.Contains(out, want) {
			t.Errorf("%s: no %s in\n%s", format, want, out)
		}
	}
	if f.Path(RSS) != "tags/日本語/rss.xml" {
		t.Errorf("path %q", f.Path(RSS))
	}
}

// TestCDATATerminator writes content holding "]]>" (which the sanitiser
// never lets through Build, so the Feed is made by hand): every format must
// stay well-formed and give the content back.
func TestCDATATerminator(t *testing.T) {
	site := &Site{Title: "Ex", URL: "https://example.com/", Location: time.UTC}
	content := "<p>a ]]> b ]]]]> c ]]</p>]]>"
	f := &Feed{Site: site, Title: "Ex", Link: "https://example.com/", Updated: testDate, Items: []*Post{{
		Title: "T ]]>", URL: "https://example.com/t/", ID: "urn:t", Published: testDate,
		Summary: "s ]]>", HTML: content,
	}}}
	for _, format := range []Format{RSS, Atom, JSON} {
		data := write(t, f, format)
		var got string
		switch format {
		case JSON:
			var doc struct {
				Items []struct {
					Content string `json:"content_html"`
				} `json:"items"`
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			got = doc.Items[0].Content
		default:
			for _, el := range xmlElements(t, data) {
				if el.path == "rss/channel/item/encoded" || el.path == "feed/entry/content" {
					got = el.text
				}
			}
		}
		if got != content {
			t.Errorf("%s: content %q, want %q\n%s", format, got, content, data)
		}
	}
}

// TestDuplicatesDeterministic: with SkipInvalid, which of two posts sharing
// a URL is kept must not depend on the input order.
func TestDuplicatesDeterministic(t *testing.T) {
	posts := []*Post{
		{Title: "First", Slug: "same", Published: testDate, Summary: "one"},
		{Title: "Second", Slug: "same", Published: testDate, Summary: "two"},
		{Title: "Third", Slug: "same", Published: testDate.Add(time.Hour), Summary: "three"},
		{Title: "Other", Slug: "other", Published: testDate},
	}
	var want map[string][]byte
	var wantWarnings []string
	for seed := range uint64(8) {
		shuffled := slices.Clone(posts)
		rand.New(rand.NewPCG(seed, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		set := buildPosts(t, &Options{SkipInvalid: true}, shuffled...)
		got := renderAll(t, set)
		var warnings []string
		for _, w := range set.Warnings {
			if !errors.Is(w, ErrDuplicate) {
				t.Errorf("warning %v is not ErrDuplicate", w)
			}
			warnings = append(warnings, w.Error())
		}
		if len(set.Posts) != 2 || len(warnings) != 2 {
			t.Fatalf("seed %d: %d posts and %d warnings, want 2 and 2", seed, len(set.Posts), len(warnings))
		}
		if want == nil {
			want, wantWarnings = got, warnings
			continue
		}
		sameOutputs(t, fmt.Sprintf("shuffle seed %d", seed), want, got)
		if !slices.Equal(warnings, wantWarnings) {
			t.Errorf("seed %d: warnings %q, want %q", seed, warnings, wantWarnings)
		}
	}
	// Without SkipInvalid the build fails, naming every duplicate.
	if _, err := Build(Site{URL: "https://example.com/"}, posts, nil); !errors.Is(err, ErrDuplicate) {
		t.Errorf("Build with duplicates: %v, want ErrDuplicate", err)
	}
}
