package sitefeed

import (
	"encoding/json"
	"io"
	"strconv"
)

// A docKey is the key of the inputs of one document: the SHA-256 of its
// format, of every field of its Feed but the items, and of the cache keys
// of its items in order. A document's bytes are made from nothing else (the
// frame from its Feed and the site, each item from its post), so two
// documents of equal keys hold the same bytes, and the key is computed
// without making the document. ok is false for a document that holds a
// post the cache does not serve.
type docKey struct {
	key [32]byte
	ok  bool
}

// docKeys returns the key of each of files, and the cache keys of the
// posts, computed once for the set; nil without a cache.
func (s *Set) docKeys(files []File) ([]docKey, map[*Post][32]byte) {
	if s.cache == nil {
		return nil, nil
	}
	site := siteJSON(&s.Site)
	sums := make([][32]byte, len(s.Posts))
	served := make([]bool, len(s.Posts))
	parallel(len(s.Posts), 0, func(i int) {
		sums[i], served[i] = s.cache.itemKey(site, s.Posts[i])
	})
	items := make(map[*Post][32]byte, len(s.Posts))
	for i, p := range s.Posts {
		if served[i] {
			items[p] = sums[i]
			// Kept, also when no document is written: a later build
			// that changes a document of this post reads it.
			s.cache.dir.Use(sums[i])
		}
	}
	keys := make([]docKey, len(files))
	parallel(len(files), 0, func(i int) {
		f := files[i]
		h := keyHashes.Get().(*keyHash)
		defer keyHashes.Put(h)
		io.WriteString(h, "sitefeed document\x00"+s.cache.version+"\x00")
		writeField(h, strconv.Itoa(int(f.Format)))
		writeFeed(h, f.Feed, f.Format, &s.Site, site)
		writeField(h, strconv.Itoa(len(f.Feed.Items)))
		for _, p := range f.Feed.Items {
			key, ok := items[p]
			if !ok {
				h.sum() // empties it
				return
			}
			h.Write(key[:])
		}
		keys[i].key, keys[i].ok = h.sum(), true
	})
	return keys, items
}

// writeFeed writes to h every field of f that a document's frame may be
// made from, but its items: all of Feed's fields (TestFeedFieldsKeyed
// fails when a field is added without being written here). site is the
// JSON of the set's Site, which f's Site is unless a program changed it.
func writeFeed(h io.Writer, f *Feed, format Format, set *Site, site []byte) {
	if f.Site != set {
		site = siteJSON(f.Site)
	}
	writeField(h, site)
	writeField(h, f.Tag)
	writeField(h, f.Slug)
	writeField(h, f.Title)
	writeField(h, f.Description)
	writeField(h, f.Link)
	writeField(h, f.Updated.String())
	writeField(h, strconv.FormatBool(f.Head != nil))
	if f.Head != nil {
		// What an archive page takes from its head: its Atom id.
		writeField(h, f.Head.Link)
		writeField(h, f.Head.urls[Atom])
	}
	// The archive links stand for Archives: the URLs of the pages.
	for _, l := range f.archiveLinks(format) {
		writeField(h, l.rel+"\x00"+l.href)
	}
	if f.base != nil {
		writeField(h, f.base.String())
	}
	for fm := range Format(numFormats) {
		writeField(h, f.paths[fm]+"\x00"+f.urls[fm])
	}
	writeField(h, f.style)
	writeField(h, f.index)
	// Items are keyed one by one by the caller; pos is where they were in
	// the set, which no document shows.
}

// siteJSON is what keys a Site: its JSON, and its Location's name, which
// the JSON leaves out.
func siteJSON(s *Site) []byte {
	if s == nil {
		return nil
	}
	b, err := json.Marshal(struct {
		Site     *Site
		Location string
	}{s, s.Location.String()})
	if err != nil { // a Site holds strings only
		return nil
	}
	return b
}
