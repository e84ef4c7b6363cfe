package sitefeed

import (
	"crypto/sha256"
	"encoding/binary"
	"io"
)

// A docKey is the key of the inputs of one document: the SHA-256 of its
// format, its frame (what comes before and after the items) and the cache
// keys of its items in order, so that two documents of equal keys hold
// the same bytes. ok is false for a document that holds a post the cache
// does not serve, or whose frame fails.
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
	sums := make([][32]byte, len(s.Posts))
	served := make([]bool, len(s.Posts))
	parallel(len(s.Posts), 0, func(i int) {
		sums[i], served[i] = s.cache.itemKey(&s.Site, s.Posts[i])
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
		head, tail, err := f.Feed.frame(f.Format)
		if err != nil {
			return
		}
		h := sha256.New()
		io.WriteString(h, "sitefeed document\x00"+s.cache.version+"\x00")
		h.Write(binary.AppendUvarint(nil, uint64(f.Format)))
		h.Write(binary.AppendUvarint(nil, uint64(len(head))))
		h.Write(head)
		h.Write(binary.AppendUvarint(nil, uint64(len(tail))))
		h.Write(tail)
		h.Write(binary.AppendUvarint(nil, uint64(len(f.Feed.Items))))
		for _, p := range f.Feed.Items {
			key, ok := items[p]
			if !ok {
				return
			}
			h.Write(key[:])
		}
		h.Sum(keys[i].key[:0])
		keys[i].ok = true
	})
	return keys, items
}
