package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// A linkMap gives the URL of each post by its source path without the
// extension, for the links in posts to other posts' source files
// (./other.md), which become those posts' URLs as Eleventy's
// InputPathToUrl and Astro render them.
type linkMap struct {
	urls    map[string]string // by "/" + the Path without extension
	content string            // "/" + Site.ContentDir

	sum func() [sha256.Size]byte // the digest of urls and content, once
}

// digest is the SHA-256 of everything the map rewrites links with, for
// the cache keys of the posts whose links it may rewrite.
func (m *linkMap) digest() [sha256.Size]byte {
	if m == nil {
		return [sha256.Size]byte{}
	}
	return m.sum()
}

func (m *linkMap) hash() [sha256.Size]byte {
	h := sha256.New()
	writeField(h, m.content)
	for _, k := range slices.Sorted(maps.Keys(m.urls)) {
		writeField(h, k)
		writeField(h, m.urls[k])
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// sourceExts are the extensions of the source files a link may name.
var sourceExts = []string{".md", ".markdown", ".mdx"}

// newLinkMap maps the completed posts (those without an error) that have
// a Path. The first of two files that differ only in extension wins.
func newLinkMap(done []completed, errs []error, contentDir string) *linkMap {
	m := &linkMap{urls: map[string]string{}, content: path.Join("/", contentDir)}
	m.sum = sync.OnceValue(m.hash)
	for i := range done {
		p := &done[i].post
		if errs[i] != nil || p.Path == "" {
			continue
		}
		key, ok := sourceKey(path.Clean("/" + p.Path))
		if _, dup := m.urls[key]; ok && !dup {
			m.urls[key] = p.URL
		}
	}
	return m
}

// sourceKey is a path without its source extension, and whether it had one.
func sourceKey(p string) (string, bool) {
	for _, ext := range sourceExts {
		if strings.HasSuffix(p, ext) {
			return p[:len(p)-len(ext)], true
		}
	}
	return p, false
}

// finish is finishHTMLBytes for the content of the post whose source is
// file and URL base, after links to other posts' source files are
// replaced by those posts' URLs. It also returns the links to source
// files that are no post.
func (m *linkMap) finish(content []byte, base *url.URL, file string) (string, []string) {
	var missing []string
	if m != nil && len(m.urls) > 0 && file != "" && mentionsSource(content) {
		content, missing = m.rewrite(content, file)
	}
	return finishHTMLBytes(content, base), missing
}

// warnLinks adds a warning to p for each link to a source file that is
// no post, with the line of the body it is on when it can be found.
func (p *Post) warnLinks(missing []string) {
	if len(missing) == 0 {
		return
	}
	p.Warnings = slices.Clip(p.Warnings) // never the caller's array
	for _, ref := range missing {
		p.Warnings = append(p.Warnings, &PostError{Path: p.Path, Line: p.bodyLineOf(ref), Err: fmt.Errorf("link to %s: no post has that source file; left as it is", ref)})
	}
}

// mentionsSource reports whether b may name a source file: whether it
// holds ".md" (which ".mdx" starts with) or ".markdown".
func mentionsSource(b []byte) bool {
	return bytes.Contains(b, []byte(".md")) || bytes.Contains(b, []byte(".markdown"))
}

// mayLink reports whether the HTML that body renders to may name a
// source file: it mentions one (also as b\.md, a backslash escape), or
// it has a character reference that could stand for a character of the
// extension in a link (b&#46;md, b&period;md). A percent escape cannot
// hide one: the extension is looked for before unescaping.
func mayLink(body []byte) bool {
	return mentionsSource(body) || bytes.Contains(body, []byte("&#")) || bytes.Contains(body, []byte("&period;"))
}

// rewrite replaces the href and src values of content that name a
// source file, relative to the folder of file, with the URL of its post.
// It returns content itself when nothing names a post, and the values
// that name a source file that is no post.
func (m *linkMap) rewrite(content []byte, file string) ([]byte, []string) {
	dir := path.Dir(path.Clean("/" + file))
	var out bytes.Buffer
	var missing []string
	changed := false
	z := html.NewTokenizer(bytes.NewReader(content))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			out.Write(z.Raw())
			continue
		}
		raw := z.Raw()
		tok := z.Token()
		hit := false
		for i, a := range tok.Attr {
			if a.Namespace != "" || a.Key != "href" && a.Key != "src" {
				continue
			}
			u, ok := m.resolve(dir, a.Val)
			switch {
			case ok:
				tok.Attr[i].Val, hit = u, true
			case u != "":
				missing = append(missing, u)
			}
		}
		if hit {
			out.WriteString(tok.String())
			changed = true
		} else {
			out.Write(raw)
		}
	}
	if !changed {
		return content, missing
	}
	return out.Bytes(), missing
}

// resolve returns the URL of the post whose source file ref names, and
// true; or ref and false when ref names a source file that is no post;
// or "" and false. As Eleventy's InputPathToUrl does, a path is looked for
// from the site's root when it starts with the content folder, then from
// the content folder ("/blog/a.md" and "blog/a.md" alike), then, when it
// is relative, from dir, the linking post's folder.
func (m *linkMap) resolve(dir, ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	name, frag := ref, ""
	if i := strings.IndexAny(name, "?#"); i >= 0 {
		name, frag = name[:i], name[i:]
	}
	key, ok := sourceKey(name)
	if !ok || name == "" || hasScheme(name) {
		return "", false
	}
	if unescaped, err := url.PathUnescape(key); err == nil {
		key = unescaped
	}
	var try [3]string
	candidates := try[:0]
	if !strings.HasPrefix(key, "/") {
		if rooted := path.Join("/", key); m.content != "/" && strings.HasPrefix(rooted, m.content+"/") {
			candidates = append(candidates, rooted)
		}
	}
	candidates = append(candidates, path.Join(m.content, key))
	if !strings.HasPrefix(key, "/") {
		candidates = append(candidates, path.Join(dir, key))
	}
	for _, c := range candidates {
		if u, found := m.urls[c]; found {
			return u + frag, true
		}
	}
	return ref, false
}

// hasScheme reports whether ref starts with a URL scheme (mailto:,
// https:) or is protocol-relative (//host).
func hasScheme(ref string) bool {
	if strings.HasPrefix(ref, "//") {
		return true
	}
	u, err := url.Parse(ref)
	return err != nil || u.Scheme != ""
}

// bodyLineOf is the line of the post's file on which text first appears
// in its body, or 0 when it cannot be found.
func (p *Post) bodyLineOf(text string) int {
	i := bytes.Index(p.Body, []byte(text))
	if i < 0 || p.bodyLine == 0 {
		return 0
	}
	return p.bodyLine + bytes.Count(p.Body[:i], []byte("\n"))
}
