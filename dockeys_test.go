package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"net/url"
	"reflect"
	"testing"
	"testing/fstest"
	"time"
)

// TestFeedFieldsKeyed changes each field of a feed, the site and an
// archive page, and checks that a document whose bytes change gets
// another key: the key is computed without making the document, from
// writeFeed's list of fields, which must follow Feed's.
func TestFeedFieldsKeyed(t *testing.T) {
	fsys := fstest.MapFS{}
	for i, d := range []string{"2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"} {
		fsys["posts/p"+string(rune('a'+i))+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: P" + d + "\ndate: " + d + "\ntags: [go]\nauthor: Ann\n---\nBody " + d + "\n")}
	}
	build := func() *Set {
		t.Helper()
		posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: true})
		if err != nil {
			t.Fatal(err)
		}
		cache, _, err := OpenCache(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		set, err := Build(Site{Title: "S", URL: "https://example.com/", Author: Author{Name: "Ann"}}, posts, &Options{Archive: 2, Cache: cache, Paths: Paths{Index: "feeds.html"}})
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	other, _ := url.Parse("https://example.org/")
	// How each field of Feed is changed; every field must be here.
	change := map[string]func(f *Feed){
		"Site":        func(f *Feed) { s := *f.Site; s.Copyright = "(c)"; f.Site = &s },
		"Tag":         func(f *Feed) { f.Tag += "!" },
		"Slug":        func(f *Feed) { f.Slug += "x" },
		"Title":       func(f *Feed) { f.Title += "!" },
		"Description": func(f *Feed) { f.Description += "!" },
		"Link":        func(f *Feed) { f.Link += "x/" },
		"Updated":     func(f *Feed) { f.Updated = f.Updated.Add(time.Hour) },
		"Items":       func(f *Feed) { f.Items = f.Items[:len(f.Items)-1] },
		"Archives": func(f *Feed) {
			last := *f.Archives[len(f.Archives)-1]
			last.urls = map[Format]string{RSS: "https://x/", Atom: "https://y/", JSON: "https://z/"}
			f.Archives = append(f.Archives[:len(f.Archives)-1:len(f.Archives)-1], &last)
		},
		"Page":     func(f *Feed) { f.Page++ },
		"PageName": nil, // the name of the page's files: paths and urls key them
		"Head": func(f *Feed) {
			h := *f.Head
			h.urls = map[Format]string{Atom: "https://example.com/other.xml"}
			f.Head = &h
		},
		"base":  func(f *Feed) { f.base = other },
		"paths": func(f *Feed) { f.paths = map[Format]string{RSS: "x.xml", Atom: "y.xml", JSON: "z.json"} },
		"urls":  func(f *Feed) { f.urls = map[Format]string{RSS: "https://x/", Atom: "https://y/", JSON: "https://z/"} },
		"style": func(f *Feed) { f.style = "other.css" },
		"index": func(f *Feed) { f.index = "other.html" },
		"pos":   nil, // where the items were in the set: never in a document
	}
	typ := reflect.TypeFor[Feed]()
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		mutate, ok := change[name]
		if !ok {
			t.Errorf("Feed.%s is not keyed: write it in writeFeed and change it here", name)
			continue
		}
		if mutate == nil {
			continue
		}
		for _, page := range []bool{false, true} {
			for _, format := range []Format{RSS, Atom, JSON} {
				set := build()
				f := set.All
				if page {
					f = f.Archives[len(f.Archives)-1]
				} else if name == "Head" || name == "Page" {
					continue // a head has none
				}
				if name == "Archives" && len(f.Archives) == 0 {
					continue
				}
				file := File{Path: f.Path(format), Feed: f, Format: format}
				before := docBytes(t, set, file)
				key0, _ := set.docKeys([]File{file})
				mutate(f)
				after := docBytes(t, set, file)
				key1, _ := set.docKeys([]File{file})
				if !key0[0].ok || !key1[0].ok {
					t.Fatalf("%s: a document of cached posts has no key", name)
				}
				if !bytes.Equal(before, after) && key0[0].key == key1[0].key {
					t.Errorf("changing Feed.%s changes the %v document (archive page %v) but not its key", name, format, page)
				}
			}
		}
	}
}

func docBytes(t *testing.T, s *Set, f File) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Feed.Write(&b, f.Format); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPostFieldsKeyed checks that every field of Post is either written
// into the cache key of its items (writePost) or named here as one no
// item is made from, so that a field added to Post is not forgotten.
func TestPostFieldsKeyed(t *testing.T) {
	notShown := map[string]string{
		"Params":    "read when loading only (excerpt_separator becomes more)",
		"Warnings":  "printed, never in a feed",
		"lines":     "lines of errors",
		"origin":    "where the files it refers to are found: the copies found are keyed (src.refs)",
		"bodyLine":  "lines of errors",
		"notBefore": "whether the post is published, not how",
		"expires":   "likewise",
		"src":       "keyed by itemKey: the file's SHA-256, offset, markup, links and refs",
	}
	var p Post
	p.Hero = &Image{}
	h := sha256.New()
	writePost(h, &p)
	base := h.Sum(nil)
	v := reflect.ValueOf(&p).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if _, ok := notShown[name]; ok {
			continue
		}
		q := p
		f := reflect.ValueOf(&q).Elem().Field(i)
		f = reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem() // unexported too
		switch f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			e := reflect.New(f.Type().Elem()).Elem()
			if e.Kind() == reflect.String {
				e.SetString("x")
			} else if e.Kind() == reflect.Uint8 {
				e.SetUint('x')
			} else if e.Kind() == reflect.Struct {
				e.Field(0).SetString("x")
			}
			f.Set(reflect.Append(f, e))
		case reflect.Pointer: // Hero
			img := *p.Hero
			img.Alt = "x"
			f.Set(reflect.ValueOf(&img))
		case reflect.Struct: // time.Time
			f.Set(reflect.ValueOf(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
		default:
			t.Errorf("Post.%s (%s): teach this test to change it", name, f.Kind())
			continue
		}
		h := sha256.New()
		writePost(h, &q)
		if bytes.Equal(h.Sum(nil), base) {
			t.Errorf("Post.%s changes nothing in the key: write it in writePost, or name it in notShown with the reason no item shows it", name)
		}
	}
}

// TestCacheExcerptSeparatorChanged builds with a cache, changes the
// excerpt separator, which changes no post file, and compares the feeds
// with a build from scratch.
func TestCacheExcerptSeparatorChanged(t *testing.T) {
	fsys := fstest.MapFS{"posts/a.md": &fstest.MapFile{Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\nOne.\n\nTwo.\n\n<!--cut-->\n\nThree.\n")}}
	cacheDir := t.TempDir()
	build := func(sep string, cached bool) string {
		t.Helper()
		posts, err := LoadDir(fsys, "posts", &LoadOptions{Lazy: true, Dialect: Jekyll, ExcerptSeparator: sep})
		if err != nil {
			t.Fatal(err)
		}
		o := &Options{}
		if cached {
			cache, _, err := OpenCache(cacheDir)
			if err != nil {
				t.Fatal(err)
			}
			defer cache.Close()
			o.Cache = cache
		}
		set, err := Build(Site{Title: "S", URL: "https://example.com/"}, posts, o)
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		if _, err := set.WriteDir(out); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)["feed.json"]
	}
	if build("", false) == build("<!--cut-->", false) {
		t.Fatal("the separator changes nothing in the feed")
	}
	build("", true)
	if got, want := build("<!--cut-->", true), build("<!--cut-->", false); got != want {
		t.Errorf("with the cache, after the separator changed:\n%s", diffLines(want, got))
	}
}
