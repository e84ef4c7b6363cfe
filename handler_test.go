package sitefeed

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func handlerSet(t *testing.T, title string) *Set {
	t.Helper()
	posts := []*Post{{
		Path:      "posts/a.md",
		Title:     title,
		Body:      []byte("Hello *there*."),
		Published: time.Date(2024, 9, 19, 10, 0, 0, 0, time.UTC),
		Tags:      []string{"go", "राजनीति"},
	}}
	set, err := Build(Site{Title: "Ex", URL: "https://example.com/"}, posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func serve(h http.Handler, method, path string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandler(t *testing.T) {
	set := handlerSet(t, "First")
	h, err := NewHandler(set)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set.Files() {
		t.Run(f.Path, func(t *testing.T) {
			var want bytes.Buffer
			if err := f.Feed.Write(&want, f.Format); err != nil {
				t.Fatal(err)
			}
			w := serve(h, http.MethodGet, "/"+f.Path, nil)
			if w.Code != http.StatusOK {
				t.Fatalf("GET /%s: status %d", f.Path, w.Code)
			}
			if ct, wantCT := w.Header().Get("Content-Type"), f.MediaType()+"; charset=utf-8"; ct != wantCT {
				t.Errorf("Content-Type %q, want %q", ct, wantCT)
			}
			if !bytes.Equal(w.Body.Bytes(), want.Bytes()) {
				t.Errorf("body differs from Feed.Write")
			}
			etag := w.Header().Get("ETag")
			if !strings.HasPrefix(etag, `"`) || len(etag) < 10 {
				t.Errorf("ETag %q", etag)
			}
			lm := w.Header().Get("Last-Modified")
			if lm != f.Feed.Updated.UTC().Format(http.TimeFormat) {
				t.Errorf("Last-Modified %q, want %q", lm, f.Feed.Updated.UTC().Format(http.TimeFormat))
			}

			if w := serve(h, http.MethodGet, "/"+f.Path, map[string]string{"If-None-Match": etag}); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
				t.Errorf("If-None-Match: status %d, %d bytes; want 304, none", w.Code, w.Body.Len())
			}
			if w := serve(h, http.MethodGet, "/"+f.Path, map[string]string{"If-Modified-Since": lm}); w.Code != http.StatusNotModified {
				t.Errorf("If-Modified-Since: status %d, want 304", w.Code)
			}
			if w := serve(h, http.MethodGet, "/"+f.Path, map[string]string{"If-None-Match": `"other"`}); w.Code != http.StatusOK {
				t.Errorf("If-None-Match with another tag: status %d, want 200", w.Code)
			}
			head := serve(h, http.MethodHead, "/"+f.Path, nil)
			if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("ETag") != etag {
				t.Errorf("HEAD: status %d, %d bytes, ETag %q", head.Code, head.Body.Len(), head.Header().Get("ETag"))
			}
			if w := serve(h, http.MethodPost, "/"+f.Path, nil); w.Code != http.StatusMethodNotAllowed {
				t.Errorf("POST: status %d, want 405", w.Code)
			}
		})
	}
	for _, path := range []string{"/", "/nope.xml", "/tags/", "/../rss.xml", "/tags/go", "/.sitefeed-manifest"} {
		if w := serve(h, http.MethodGet, path, nil); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, w.Code)
		}
	}
}

// TestHandlerExactPaths: a request is answered only at a document's exact
// path. Encoded slashes, dot segments and double slashes get a 404, never a
// redirect or another document, directly and behind http.StripPrefix; a
// tag path spelled with percent escapes is the same path.
func TestHandlerExactPaths(t *testing.T) {
	h, err := NewHandler(handlerSet(t, "First"))
	if err != nil {
		t.Fatal(err)
	}
	stripped := http.StripPrefix("/feeds", h)
	for _, path := range []string{
		"/tags%2fgo%2frss.xml", "/tags%2Fgo/rss.xml", "/tags/go%2frss.xml", "/%2frss.xml",
		"/./rss.xml", "/tags/./go/rss.xml", "/tags/go/../go/rss.xml", "/tags/x/../go/rss.xml",
		"//rss.xml", "/tags//go/rss.xml", "/tags/go//rss.xml", "/tags/go/rss.xml/", "/rss.xml/.",
		"/tags/go/rss.xml%00", "/tags/%67o/rss.xml%2f",
	} {
		for name, handler := range map[string]http.Handler{"": h, "/feeds": stripped} {
			w := serve(handler, http.MethodGet, name+path, nil)
			if w.Code != http.StatusNotFound || w.Header().Get("Location") != "" {
				t.Errorf("GET %s: status %d, Location %q; want 404", name+path, w.Code, w.Header().Get("Location"))
			}
		}
	}
	for _, path := range []string{"/tags/go/rss.xml", "/tags/%67o/rss.xml", "/tags/%E0%A4%B0%E0%A4%BE%E0%A4%9C%E0%A4%A8%E0%A5%80%E0%A4%A4%E0%A4%BF/atom.xml"} {
		if w := serve(h, http.MethodGet, path, nil); w.Code != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", path, w.Code)
		}
	}
}

func TestHandlerStripPrefix(t *testing.T) {
	h, err := NewHandler(handlerSet(t, "First"))
	if err != nil {
		t.Fatal(err)
	}
	w := serve(http.StripPrefix("/feeds", h), http.MethodGet, "/feeds/rss.xml", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
}

// TestHandlerSwap serves requests while the set is swapped: every response
// is one whole document of the old or of the new set, never a mix, and the
// ETag matches the body.
func TestHandlerSwap(t *testing.T) {
	old, next := handlerSet(t, "First"), handlerSet(t, "Second")
	h, err := NewHandler(old)
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, s := range []*Set{old, next} {
		var b bytes.Buffer
		if err := s.All.Write(&b, RSS); err != nil {
			t.Fatal(err)
		}
		bodies[b.String()] = ""
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	etags := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Go(func() {
			for i := 0; i < 25; i++ {
				resp, err := http.Get(srv.URL + "/rss.xml")
				if err != nil {
					t.Error(err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					t.Error(err)
					return
				}
				if _, ok := bodies[string(body)]; !ok {
					t.Error("a response is neither the old nor the new document")
					return
				}
				mu.Lock()
				if e, seen := etags[string(body)]; seen && e != resp.Header.Get("ETag") {
					t.Error("one document served with two ETags")
				}
				etags[string(body)] = resp.Header.Get("ETag")
				mu.Unlock()
			}
		})
	}
	for i := 0; i < 20; i++ {
		s := old
		if i%2 == 0 {
			s = next
		}
		if err := h.Swap(s); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if err := h.Swap(next); err != nil {
		t.Fatal(err)
	}
	w := serve(h, http.MethodGet, "/rss.xml", nil)
	if !strings.Contains(w.Body.String(), "<title>Second</title>") {
		t.Error("after Swap the new set is not served")
	}
}

func TestAlternateLinksAndOPML(t *testing.T) {
	set := handlerSet(t, "First")
	set.Site.Title = `Tea & <Toast>`
	set.All.Title = set.Site.Title
	links := set.All.AlternateLinks()
	for _, want := range []string{
		`<link rel="alternate" type="application/rss+xml" title="Tea &amp; &lt;Toast&gt; (RSS)" href="https://example.com/rss.xml">`,
		`<link rel="alternate" type="application/atom+xml" title="Tea &amp; &lt;Toast&gt; (Atom)" href="https://example.com/atom.xml">`,
		`<link rel="alternate" type="application/feed+json" title="Tea &amp; &lt;Toast&gt; (JSON Feed)" href="https://example.com/feed.json">`,
	} {
		if !strings.Contains(links, want) {
			t.Errorf("AlternateLinks lacks %s\ngot:\n%s", want, links)
		}
	}
	var b bytes.Buffer
	if err := set.WriteOPML(&b); err != nil {
		t.Fatal(err)
	}
	opml := b.String()
	if n := strings.Count(opml, "<outline "); n != len(set.Files()) {
		t.Errorf("OPML has %d outlines, want one per file (%d)", n, len(set.Files()))
	}
	for _, f := range set.Files() {
		if !strings.Contains(opml, `xmlUrl="`+f.Feed.FeedURL(f.Format)+`"`) {
			t.Errorf("OPML lacks %s", f.Feed.FeedURL(f.Format))
		}
	}
	if err := relWellFormedXML(b.Bytes(), "opml"); err != nil {
		t.Errorf("OPML is not well-formed: %v", err)
	}
}
