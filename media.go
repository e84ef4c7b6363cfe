package sitefeed

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/sitefeed/sitefeed/internal/media"
)

// MaxMediaSize is the largest file, in bytes, that sitefeed publishes
// beside the feeds for a post (64 MiB); a larger one is an error
// ([ErrTooLarge]) of the post that refers to it.
const MaxMediaSize = media.MaxSize

// A Media is a file that posts refer to and that the site does not publish
// as it is, such as an image Astro processes from src/assets or a PDF next
// to a Jekyll post: sitefeed publishes a copy of it beside the feeds, under
// a name made from its content (see Paths.Media), and the posts' content
// and enclosures refer to that copy.
type Media struct {
	Path   string // slash-separated, relative to the output directory, such as "media/0123456789abcdef-photo.jpg"
	URL    string // absolute
	Type   string // MIME type, sniffed from the file's first bytes, else from its extension
	Length int64  // bytes
	// Source is where the file was read: its path in Options.Source, or
	// the path LoadDir read in the post's folder.
	Source string

	file *media.File
}

// WriteTo copies the file to w, streaming it. It fails with ErrChanged
// when the file no longer holds the bytes Build read. It implements
// io.WriterTo.
func (m *Media) WriteTo(w io.Writer) (int64, error) {
	n, err := m.file.WriteTo(w)
	if errors.Is(err, media.ErrChanged) {
		err = fmt.Errorf("%w: %s", ErrChanged, m.Source)
	}
	return n, err
}

// An origin is where LoadDir read a post: the fs.FS of one LoadDir call
// and the post's path in it.
type origin struct {
	root *loadRoot
	name string
}

// A loadRoot is the fs.FS of one LoadDir call, one pointer for all its
// posts, so that files found through it can be told apart.
type loadRoot struct{ fsys fs.FS }

// A mediaKey names a file in a source tree: Options.Source (root nil) or a
// LoadDir folder.
type mediaKey struct {
	root *loadRoot
	name string
}

// A mediaSet is the files a Build publishes, found once each.
type mediaSet struct {
	dir  string   // Paths.Media, ending in "/"
	base *url.URL // where the output directory is published

	mu     sync.Mutex
	stats  map[mediaKey]*mediaStat
	byPath map[string]*Media
}

type mediaStat struct {
	once sync.Once
	m    *Media
	err  error
}

// add returns the Media of file name in fsys (key names it), reading it
// the first time.
func (s *mediaSet) add(key mediaKey, fsys fs.FS) (*Media, error) {
	s.mu.Lock()
	st := s.stats[key]
	if st == nil {
		st = &mediaStat{}
		s.stats[key] = st
	}
	s.mu.Unlock()
	st.once.Do(func() {
		f, err := media.Stat(fsys, key.name)
		if err != nil {
			if errors.Is(err, media.ErrTooLarge) {
				err = fmt.Errorf("%w: %s: more than MaxMediaSize (%d bytes), the most sitefeed publishes beside the feeds", ErrTooLarge, key.name, MaxMediaSize)
			}
			st.err = err
			return
		}
		p := s.dir + f.PublishedName()
		s.mu.Lock()
		defer s.mu.Unlock()
		if m := s.byPath[p]; m != nil { // the same bytes under the same name elsewhere
			st.m = m
			return
		}
		st.m = &Media{Path: p, URL: s.base.ResolveReference(&url.URL{Path: p}).String(), Type: f.Type, Length: f.Length, Source: key.name, file: f}
		if st.m.Type == "" {
			st.m.Type = "application/octet-stream"
		}
		s.byPath[p] = st.m
	})
	return st.m, st.err
}

// A localFile is what a reference relative to a post names.
type localFile struct {
	published bool  // found in Options.Static at the URL it resolves to
	fsys      fs.FS // the source tree it was found in, when not published
	key       mediaKey
	media     *Media // the copy sitefeed publishes, when it publishes one
}

// copiesMedia reports whether Build publishes copies of the files posts
// refer to that the site does not publish: when it knows the site's
// sources or what the site publishes.
func (b *builder) copiesMedia() bool { return b.opts.Source != nil || b.opts.Static != nil }

// findLocal looks up ref, a reference relative to post p at postURL: in
// Options.Static at the URL it resolves to, then in the post's folder in
// Options.Source and in the folder LoadDir read it from. When it is found
// only in a source tree, is a kind of file sitefeed publishes and Build
// publishes copies (copiesMedia), the copy is made part of the set. ok is
// false when ref is no relative reference or names no file; err reports a
// file that cannot be read or is too large.
func (b *builder) findLocal(p *Post, postURL *url.URL, ref string, regular bool) (lf localFile, ok bool, err error) {
	rel, isLocal := localPath(ref)
	if !isLocal {
		return lf, false, nil
	}
	if b.opts.Static != nil {
		u, err := url.Parse(ref)
		if err != nil {
			return lf, false, nil
		}
		u = postURL.ResolveReference(u)
		if name, inSite := strings.CutPrefix(u.Path, b.base.Path); inSite && u.Host == b.base.Host && fs.ValidPath(name) {
			if st, err := fs.Stat(b.opts.Static, name); err == nil && (st.Mode().IsRegular() || !regular && st.IsDir()) {
				return localFile{published: true}, true, nil
			}
		}
	}
	var found bool
	if b.opts.Source != nil && p.Path != "" {
		lf.fsys, lf.key = b.opts.Source, mediaKey{name: path.Join(path.Dir(p.Path), rel)}
		found = isRegular(lf.fsys, lf.key.name)
	}
	if !found && p.origin != nil {
		lf.fsys, lf.key = p.origin.root.fsys, mediaKey{root: p.origin.root, name: path.Join(path.Dir(p.origin.name), rel)}
		found = isRegular(lf.fsys, lf.key.name)
	}
	if !found {
		return localFile{}, false, nil
	}
	if b.copiesMedia() && media.Copyable(lf.key.name) {
		if lf.media, err = b.media.add(lf.key, lf.fsys); err != nil {
			return lf, false, err
		}
	}
	return lf, true, nil
}

func isRegular(fsys fs.FS, name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	st, err := fs.Stat(fsys, name)
	return err == nil && st.Mode().IsRegular()
}

// localizeRefs rewrites the references of doc, the HTML of c's post as
// rendered, to files that sitefeed publishes (see findLocal) into the URLs
// of their copies, recording them in c. The first error stops it.
func (b *builder) localizeRefs(c *completed, postURL *url.URL, doc []byte) ([]byte, error) {
	if !b.copiesMedia() {
		return doc, nil
	}
	var ferr error
	out := media.RewriteRefs(doc, func(ref string) (string, bool) {
		if ferr != nil {
			return "", false
		}
		lf, ok, err := b.findLocal(&c.post, postURL, ref, false)
		if err != nil {
			ferr = err
		}
		if !ok || lf.media == nil {
			return "", false
		}
		if c.refs == nil {
			c.refs = map[string]string{}
		}
		c.refs[ref] = lf.media.URL
		c.addMedia(lf.media)
		return lf.media.URL + fragment(ref), true
	})
	return out, ferr
}

// addMedia records that c's post uses m.
func (c *completed) addMedia(m *Media) {
	for _, have := range c.media {
		if have == m {
			return
		}
	}
	c.media = append(c.media, m)
}

// fragment returns the "#…" part of ref, or "".
func fragment(ref string) string {
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		return ref[i:]
	}
	return ""
}

// replaceRefs rewrites the references of doc that Build found to published
// copies (refs, reference to URL), as localizeRefs did.
func replaceRefs(doc []byte, refs map[string]string) []byte {
	if len(refs) == 0 {
		return doc
	}
	return media.RewriteRefs(doc, func(ref string) (string, bool) {
		u, ok := refs[ref]
		if !ok {
			return "", false
		}
		return u + fragment(ref), true
	})
}

// collectMedia lists the files the set's feeds use, sorted by Path.
func (s *Set) collectMedia(done []completed) {
	inFeed := map[*Post]bool{}
	for _, f := range s.Feeds() {
		for _, p := range f.Items {
			inFeed[p] = true
		}
	}
	seen := map[*Media]bool{}
	for i := range done {
		c := &done[i]
		if !inFeed[&c.post] {
			continue
		}
		for _, m := range c.media {
			if !seen[m] {
				seen[m] = true
				s.Media = append(s.Media, m)
			}
		}
	}
	sort.Slice(s.Media, func(i, j int) bool { return s.Media[i].Path < s.Media[j].Path })
}
