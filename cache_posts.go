package sitefeed

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/sitefeed/sitefeed/internal/loadcache"
)

// postIndex is the index of loaded posts of a Cache, opened when LoadDir
// first needs it.
type postIndex struct {
	once    sync.Once
	ix      *loadcache.Index // nil when it could not be opened
	warning string
	// Posts LoadDir took from the index without reading their files,
	// read but did not parse, and parsed; for tests.
	trusted, reused, parsed atomic.Int64
	damaged                 atomic.Int64 // entries that failed to decode
}

// index returns the index of loaded posts, or nil when it cannot be used.
func (c *Cache) index() *loadcache.Index {
	c.posts.once.Do(func() {
		root, err := c.dir.Root()
		if err == nil {
			c.posts.ix, c.posts.warning, err = loadcache.Open(root, c.version)
		}
		if err != nil {
			c.posts.warning = fmt.Sprintf("cache: every post is read again: %v", err)
		}
	})
	return c.posts.ix
}

// A postCache is a Cache as one LoadDir call uses it.
type postCache struct {
	c      *Cache
	ix     *loadcache.Index
	root   *loadRoot
	prefix string   // the index's names are prefix plus the path
	key    [32]byte // the LoadOptions and program the posts are loaded with
	pc     *parseConfig
}

// postCache returns the cache LoadDir uses to read the posts of dir in
// fsys with pc, or nil for none.
func (o *LoadOptions) postCache(root *loadRoot, dir string, pc *parseConfig) *postCache {
	if o == nil || o.Cache == nil || !o.Lazy {
		return nil
	}
	ix := o.Cache.index()
	if ix == nil {
		return nil
	}
	// Two folders with the same path in two file systems are told apart
	// by the folder's device and inode, where there are such.
	prefix := dir
	if fi, err := fs.Stat(root.fsys, dir); err == nil {
		if st, ok := loadcache.StatOf(fi); ok {
			prefix += "\x00" + strconv.FormatUint(st.Dev, 16) + ":" + strconv.FormatUint(st.Ino, 16)
		}
	}
	h := sha256.New()
	io.WriteString(h, "sitefeed posts\x00"+o.Cache.version+"\x00")
	for _, f := range []string{
		prefix, o.location().String(), string(o.Dialect), o.SiteURL, o.ExcerptSeparator,
		strconv.FormatBool(o.Lazy), strconv.FormatBool(o.TitleFromName), strconv.FormatBool(o.SplitSpaces), strconv.FormatBool(o.Drafts),
	} {
		writeField(h, f)
	}
	pcache := &postCache{c: o.Cache, ix: ix, root: root, prefix: prefix + "\x00", pc: pc}
	h.Sum(pcache.key[:0])
	return pcache
}

// fileKey is the key of a file modified at mtime (ns): with Drafts, a
// post without a date is dated by it.
func (c *postCache) fileKey(mtime int64) [32]byte {
	if !c.pc.drafts {
		return c.key
	}
	return sha256.Sum256(binary.AppendVarint(c.key[:], mtime))
}

// trusted returns the post of the file name, whose entry in its folder is
// entry (nil when unknown), when the index says what it holds without
// reading it, or nil.
func (c *postCache) trusted(name string, entry fs.DirEntry) *Post {
	if c == nil {
		return nil
	}
	e := c.ix.Get(c.prefix + name)
	if e == nil {
		return nil
	}
	var fi fs.FileInfo
	var err error
	if entry != nil && entry.Type().IsRegular() {
		fi, err = entry.Info() // of the file itself, as it is no link
	} else {
		fi, err = fs.Stat(c.root.fsys, name)
	}
	if err != nil || fi.Size() > MaxPostSize {
		return nil
	}
	st, ok := loadcache.StatOf(fi)
	if !ok || !c.ix.Trusted(e, st) || e.Key != c.fileKey(st.Mtime) {
		return nil
	}
	p := c.decode(name, e)
	if p != nil {
		c.ix.Keep(c.prefix+name, e)
		c.c.posts.trusted.Add(1)
	}
	return p
}

// found returns the post of the file name, read with metadata st (zero
// when unknown) and modification time mtime, holding bytes of SHA-256
// sum, when the index has it, or nil.
func (c *postCache) found(name string, st loadcache.Stat, mtime int64, sum [sha256.Size]byte) *Post {
	if c == nil {
		return nil
	}
	e := c.ix.Get(c.prefix + name)
	if e == nil || e.Sum != sum || e.Key != c.fileKey(mtime) {
		return nil
	}
	p := c.decode(name, e)
	if p == nil {
		return nil
	}
	c.c.posts.reused.Add(1)
	if st == e.Stat && st == (loadcache.Stat{}) {
		c.ix.Keep(c.prefix+name, e) // nothing to learn: such files are always read
	} else {
		// A new stat, or one found racy: under the new index's time the
		// file may be trusted next time.
		c.ix.Put(c.prefix+name, &loadcache.Entry{Stat: st, Sum: sum, Key: e.Key, Data: e.Data})
	}
	return p
}

// store records p, just parsed from the file name, whose parsing looked
// at the files in deps.
func (c *postCache) store(name string, p *Post, st loadcache.Stat, mtime int64, sum [sha256.Size]byte, deps []fileDep) {
	if c == nil {
		return
	}
	c.c.posts.parsed.Add(1)
	data, err := c.encode(p, deps)
	if err != nil {
		return // loaded again next time
	}
	c.ix.Put(c.prefix+name, &loadcache.Entry{Stat: st, Sum: sum, Key: c.fileKey(mtime), Data: data})
}

// A fileDep is a file parsing a post looked for, and whether it was there.
type fileDep struct {
	name   string
	exists bool
}

// isFile reports whether name is a file, not a folder, in fsys.
func isFile(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return fs.ValidPath(name) && err == nil && !st.IsDir()
}

// A depRecorder is the fs.FS a post is parsed with when it is cached: it
// records the files the parse looks for.
type depRecorder struct {
	fsys fs.FS
	deps []fileDep
}

func (r *depRecorder) Open(name string) (fs.File, error) { return r.fsys.Open(name) }

func (r *depRecorder) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(r.fsys, name)
	r.deps = append(r.deps, fileDep{name, fs.ValidPath(name) && err == nil && !st.IsDir()})
	return st, err
}

// errNotCached is why a post is not cached.
var errNotCached = errors.New("not cached")
