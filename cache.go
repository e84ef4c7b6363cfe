package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sitefeed/sitefeed/internal/itemcache"
)

// A Cache keeps between builds, in a folder, what a rebuild needs so that
// its cost grows with what changed: the posts LoadDir loaded (see
// [LoadOptions.Cache]), and the items, as encoded in every format, of the
// posts in documents of more than 200 posts, such as a feed without
// archive pages. Set it in [Options.Cache]; it serves posts loaded with
// [LoadOptions.Lazy], which are rendered as they are written. With the
// cache, [Set.WriteDir] leaves unmade every document whose inputs did not
// change; it renders the posts of those that did, unless it has their
// items.
//
// An item is found only under a key that hashes everything it is made
// from: the post file's bytes (SHA-256, never its modification time), the
// post as Build completed it, the site, the URLs of the other posts when
// its body may link to their source files, the copies of the files it
// refers to, and the program itself (the SHA-256 of its executable), so that the cache never makes output
// differ from a build without it. With [Options.Markdown] set the cache is
// not used, as a renderer cannot be hashed.
type Cache struct {
	dir          *itemcache.Dir
	version      string
	hits, misses atomic.Int64 // posts found and not found, for tests
	posts        postIndex    // the posts LoadDir loaded
	// itemsOver is the size of the documents whose posts' items are kept
	// (see keepsItems).
	itemsOver int
}

// defaultItemsOver is Cache.itemsOver: the items of the posts of a
// document of more posts than this are kept. Keeping every post's items
// cost the first build at 50,000 posts a third more time and a gigabyte
// of disk, and spared a rebuild nothing: a changed archive page (50 posts
// on average, 200 at most) or feed of the newest posts is rendered again
// in less time than its posts' items take to read back. A feed without
// archive pages holds every post, and one edit changes it: its items are
// kept, so that such a rebuild renders the posts that changed only.
const defaultItemsOver = 200

// keepsItems reports whether the cache keeps the items of a post whose
// largest document holds n posts.
func (c *Cache) keepsItems(n int) bool { return n > c.itemsOver }

var programVersion = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})

// OpenCache opens the cache folder dir, creating it when missing (a first
// build, which says nothing). The warning, when not empty, is one line
// saying why this build encodes every post: the cache was written by
// another version of sitefeed (its entries are removed), or dir holds
// files and is not a cache (it is left alone, and the returned Cache is
// nil, which Options.Cache accepts).
func OpenCache(dir string) (c *Cache, warning string, err error) {
	version, err := programVersion()
	if err != nil {
		return nil, "", fmt.Errorf("cache: %w", err)
	}
	d, warning, err := itemcache.Open(dir, version)
	if err != nil || d == nil {
		return nil, warning, err
	}
	return &Cache{dir: d, version: version, itemsOver: defaultItemsOver}, warning, nil
}

// Close ends the build's use of the cache: it removes the entries the
// build did not use, and writes the index of the posts LoadDir loaded
// when it changed, keeping only the files this build read. Call it after
// the documents are written. The warning, when not empty, says in one
// line why some posts were loaded or encoded again: the index of loaded
// posts was damaged, or entries were.
func (c *Cache) Close() (warning string, err error) {
	if c == nil {
		return "", nil
	}
	var warnings []string
	if c.posts.warning != "" {
		warnings = append(warnings, c.posts.warning)
	}
	if n := c.posts.damaged.Load(); n > 0 {
		warnings = append(warnings, fmt.Sprintf("cache: %d damaged posts ignored, their files read again", n))
	}
	if n := c.dir.Damaged(); n > 0 {
		warnings = append(warnings, fmt.Sprintf("cache: %d damaged entries ignored, their posts encoded again", n))
	}
	var ierr error
	if c.posts.ix != nil {
		ierr = c.posts.ix.Close()
	}
	return strings.Join(warnings, "; "), errors.Join(ierr, c.dir.Close())
}

// itemKey is the key of p's items in the cache, or false when p is not
// one the cache serves. site is the site's JSON (siteJSON).
func (c *Cache) itemKey(site []byte, p *Post) ([32]byte, bool) {
	if c == nil || p.src == nil || p.src.md == nil {
		return [32]byte{}, false
	}
	h := keyHashes.Get().(*keyHash)
	defer keyHashes.Put(h)
	io.WriteString(h, "sitefeed items\x00"+c.version+"\x00")
	writeField(h, site)
	writePost(h, p)
	h.Write(p.src.sum[:])
	writeField(h, strconv.Itoa(p.src.offset))
	// What Build found outside the file: the URLs of the other posts its
	// links may name, and the copies of the files it refers to.
	if p.src.mayLink {
		links := p.src.links.digest()
		h.Write(links[:])
	}
	for _, ref := range slices.Sorted(maps.Keys(p.src.refs)) {
		writeField(h, ref)
		writeField(h, p.src.refs[ref])
	}
	return h.sum(), true
}

// fill copies the cached items of key into items, for every format need
// names, and reports whether the cache had them all.
func (c *Cache) fill(key [32]byte, need [numFormats]bool, items *[numFormats]bytes.Buffer) bool {
	got, ok := c.dir.Get(key)
	for f, n := range need {
		ok = ok && (!n || got[f] != nil)
	}
	if !ok {
		c.misses.Add(1)
		return false
	}
	c.hits.Add(1)
	for f, n := range need {
		if n {
			items[f].Reset()
			items[f].Write(got[f])
		}
	}
	return true
}

// store keeps the items need names under key.
func (c *Cache) store(key [32]byte, need [numFormats]bool, items *[numFormats]bytes.Buffer) error {
	var entry [itemcache.Formats][]byte
	for f, n := range need {
		if n {
			entry[f] = items[f].Bytes()
		}
	}
	if err := c.dir.Put(key, entry); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// CacheStats counts what loading and writing took from a [Cache].
type CacheStats struct {
	// Unread posts were taken from the cache without reading their files:
	// a stat gave the size, times and inode recorded.
	Unread int
	// Unparsed posts were read, found by their SHA-256, and not parsed.
	Unparsed int
	// Parsed posts were read and parsed: new, changed, or not in the cache.
	Parsed int
}

// Stats returns what the loads and writes that used c took from it.
func (c *Cache) Stats() CacheStats {
	if c == nil {
		return CacheStats{}
	}
	return CacheStats{
		Unread:   int(c.posts.trusted.Load()),
		Unparsed: int(c.posts.reused.Load()),
		Parsed:   int(c.posts.parsed.Load()),
	}
}
