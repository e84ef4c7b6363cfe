package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// A Handler serves the documents of a Set over HTTP at their paths (rss.xml,
// tags/go/atom.xml, …), with the format's media type and charset=utf-8, an
// ETag from the content, Last-Modified from the feed's date, 304 answers to
// conditional requests, HEAD, and 404 for any other path. A request whose
// Accept header asks for text/html, as a browser's does, gets a feed as
// application/xml (RSS, Atom: a browser then applies the stylesheet the
// feed names and shows it as a page) or application/json (JSON Feed), with
// Vary: Accept. It serves the files written beside the feeds too
// (Set.ExtraFiles): the OPML list at Paths.OPML when that is set, the
// stylesheet of the feeds and the index of feeds. It serves the media files
// (Set.Media) at their paths, read from their sources at each request,
// with their type, an ETag from their content and a Cache-Control that
// lets caches keep them (their names change with their content); a source
// whose size is no longer the one Build read is answered with 500 Internal
// Server Error. Mount it with
// http.StripPrefix to serve under a folder. It is safe for concurrent use;
// Swap replaces the set atomically while requests are served.
//
// A document is served only at its exact path: a request whose path holds
// an encoded slash (/tags%2Fgo%2Frss.xml), a dot segment (/tags/../rss.xml)
// or an empty segment (//rss.xml) gets a 404, never a redirect or another
// document. Other percent escapes are decoded, as a tag folder named in
// UTF-8 is requested percent-encoded. An [http.ServeMux] in front of the
// Handler answers paths with dot or empty segments itself, with a redirect
// to their clean form; give the Handler to the server directly, or through
// http.StripPrefix, for a 404 there too.
type Handler struct {
	docs  atomic.Pointer[map[string]*servedDoc]
	media atomic.Pointer[map[string]*Media]
}

type servedDoc struct {
	body     []byte
	etag     string
	modified time.Time
	ctype    string
	// browser is the media type a browser gets, when it differs: see
	// ServeHTTP.
	browser string
}

// NewHandler renders every document of set into memory and returns a
// Handler serving them.
func NewHandler(set *Set) (*Handler, error) {
	h := &Handler{}
	if err := h.Swap(set); err != nil {
		return nil, err
	}
	return h, nil
}

// Swap renders set and, only if that succeeds, starts serving it in place
// of the previous one.
func (h *Handler) Swap(set *Set) error {
	files := set.Files()
	mem := &memSink{bufs: make([]bytes.Buffer, len(files))}
	if err := set.stream(files, mem, 0, nil); err != nil {
		return err
	}
	docs := map[string]*servedDoc{}
	for i, f := range files {
		doc := newServedDoc(mem.bufs[i].Bytes(), f.Feed.Updated, f.MediaType()+"; charset=utf-8")
		doc.browser = browserTypes[f.Format]
		docs[f.Path] = doc
	}
	for _, e := range set.Extras() {
		var buf bytes.Buffer
		if _, err := e.WriteTo(&buf); err != nil {
			return err
		}
		docs[e.Path] = newServedDoc(buf.Bytes(), set.All.Updated, e.MediaType+"; charset=utf-8")
	}
	media := make(map[string]*Media, len(set.Media))
	for _, m := range set.Media {
		media[m.Path] = m
	}
	h.docs.Store(&docs)
	h.media.Store(&media)
	return nil
}

func newServedDoc(body []byte, modified time.Time, ctype string) *servedDoc {
	sum := sha256.Sum256(body)
	return &servedDoc{body: body, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, modified: modified, ctype: ctype}
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	docs := h.docs.Load()
	var doc *servedDoc
	name, ok := docName(r.URL)
	if ok && docs != nil {
		doc = (*docs)[name]
	}
	var m *Media
	if media := h.media.Load(); ok && doc == nil && media != nil {
		m = (*media)[name]
	}
	if doc == nil && m == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if m != nil {
		serveMedia(w, r, m)
		return
	}
	w.Header().Set("Content-Type", doc.ctype)
	ctype := doc.ctype
	if doc.browser != "" {
		w.Header().Set("Vary", "Accept")
		if acceptsHTML(r.Header.Values("Accept")) {
			ctype = doc.browser
		}
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", doc.etag)
	http.ServeContent(w, r, "", doc.modified, bytes.NewReader(doc.body))
}

// docName returns the document path a request URL names: its path without
// the leading slash, each segment unescaped. A path in which an escape
// decodes to a slash ("%2f") names no document, since the slash would
// then stand for a folder the request did not name. Dot segments and
// empty segments are kept as they are, so they match no document.
func docName(u *url.URL) (string, bool) {
	raw, ok := strings.CutPrefix(u.EscapedPath(), "/")
	if !ok {
		return "", false
	}
	if !strings.Contains(raw, "%") {
		return raw, true
	}
	segs := strings.Split(raw, "/")
	for i, seg := range segs {
		s, err := url.PathUnescape(seg)
		if err != nil || strings.Contains(s, "/") {
			return "", false
		}
		segs[i] = s
	}
	return strings.Join(segs, "/"), true
}

// browserTypes are the media types a feed is served with to a browser:
// Chromium shows application/rss+xml and application/atom+xml as plain
// text, so that the stylesheet the feeds name would not apply, and
// downloads application/feed+json.
var browserTypes = map[Format]string{
	RSS:  "application/xml; charset=utf-8",
	Atom: "application/xml; charset=utf-8",
	JSON: "application/json; charset=utf-8",
}

// acceptsHTML reports whether Accept headers ask for text/html, as a
// browser's do when it opens a page and a feed reader's do not.
func acceptsHTML(accept []string) bool {
	for _, h := range accept {
		for _, r := range strings.Split(h, ",") {
			mt, params, _ := strings.Cut(r, ";")
			if !strings.EqualFold(strings.TrimSpace(mt), "text/html") {
				continue
			}
			for _, p := range strings.Split(params, ";") {
				if k, v, _ := strings.Cut(strings.TrimSpace(p), "="); k == "q" {
					if q, err := strconv.ParseFloat(v, 64); err == nil && q == 0 {
						return false
					}
				}
			}
			return true
		}
	}
	return false
}

// A memSink keeps the documents stream writes in memory.
type memSink struct{ bufs []bytes.Buffer }

func (m *memSink) open(start, end int) ([]io.Writer, error) {
	writers := make([]io.Writer, end-start)
	for i := range writers {
		writers[i] = &m.bufs[start+i]
	}
	return writers, nil
}
func (m *memSink) close(i int, size int64) error { return nil }

// serveMedia answers a request for the media file m.
func serveMedia(w http.ResponseWriter, r *http.Request, m *Media) {
	f, err := m.file.FS.Open(m.file.Name)
	if err != nil {
		http.Error(w, "media file unavailable", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() != m.Length {
		http.Error(w, "media file changed since the feeds were built", http.StatusInternalServerError)
		return
	}
	rs, seeks := f.(io.ReadSeeker)
	if !seeks { // an fs.FS whose files cannot seek: read it, up to MaxMediaSize
		data, err := io.ReadAll(io.LimitReader(f, m.Length))
		if err != nil {
			http.Error(w, "media file unavailable", http.StatusInternalServerError)
			return
		}
		rs = bytes.NewReader(data)
	}
	w.Header().Set("Content-Type", m.Type)
	w.Header().Set("ETag", m.file.ETag())
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, rs)
}
