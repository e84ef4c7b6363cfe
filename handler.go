package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// A Handler serves the documents of a Set over HTTP at their paths (rss.xml,
// tags/go/atom.xml, …), with the format's media type and charset=utf-8, an
// ETag from the content, Last-Modified from the feed's date, 304 answers to
// conditional requests, HEAD, and 404 for any other path. It serves the
// OPML list too, at Paths.OPML when that is set, and the media files
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
	if err := set.stream(files, mem, 0); err != nil {
		return err
	}
	docs := map[string]*servedDoc{}
	for i, f := range files {
		docs[f.Path] = newServedDoc(mem.bufs[i].Bytes(), f.Feed.Updated, f.MediaType()+"; charset=utf-8")
	}
	if set.paths.OPML != "" {
		var buf bytes.Buffer
		if err := set.WriteOPML(&buf); err != nil {
			return err
		}
		docs[set.paths.OPML] = newServedDoc(buf.Bytes(), set.All.Updated, "text/x-opml; charset=utf-8")
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
	if name, ok := docName(r.URL); ok && docs != nil {
		doc = (*docs)[name]
	}
	var m *Media
	if media := h.media.Load(); doc == nil && media != nil {
		m = (*media)[strings.TrimPrefix(r.URL.Path, "/")]
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
