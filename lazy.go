package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"net/url"

	"github.com/yuin/goldmark"
)

// A source is the file a post loaded with LoadOptions.Lazy reads its
// Markdown from again when it is rendered.
type source struct {
	fsys   fs.FS
	name   string
	size   int               // bytes in the file when it was loaded
	sum    [sha256.Size]byte // SHA-256 of the file when it was loaded
	offset int               // where the body starts in the cleaned text (cleanSource)
	markup *markup           // how the body is rendered before Markdown
	// The body mentions a source file (.md): Build renders it to warn of
	// the links to files that are no post.
	sourceLinks bool
	// The content may link to a source file, written in the body with
	// an escape (see mayLink) or not: the cache keys the post's items
	// with every post's URL.
	mayLink bool

	md    goldmark.Markdown // set on the completed copies Build makes
	links *linkMap          // likewise
	// mayRefer is media.MayRefer of the body: whether Build looks for
	// the files it refers to.
	mayRefer bool
	// refs maps the references of the content to files sitefeed publishes
	// to the URLs of the copies, as Build found them.
	refs map[string]string
}

// checksum is the hash that tells a file read again from the one loaded:
// SHA-256, so that no one can craft a different file of the same size
// that passes for it (a CRC can be matched by changing four bytes).
func checksum(data []byte) [sha256.Size]byte { return sha256.Sum256(data) }

// body reads the post's Markdown again, using buf for the file.
func (s *source) body(buf *bytes.Buffer) ([]byte, error) {
	f, err := s.fsys.Open(s.name)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrChanged, err)
	}
	defer f.Close()
	buf.Grow(s.size + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, int64(s.size)+1)); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrChanged, err)
	}
	if buf.Len() != s.size || checksum(buf.Bytes()) != s.sum {
		return nil, ErrChanged
	}
	data, lerr := cleanSource(buf.Bytes())
	if lerr != nil || s.offset > len(data) { // the file is as it was: neither can happen
		return nil, ErrChanged
	}
	line := 1 + bytes.Count(data[:s.offset], []byte("\n"))
	body, _ := s.markup.transform(data[s.offset:], s.name, line, s.fsys) // warned when loaded
	return body, nil
}

// lazyFor returns the source of a completed copy of p that Build leaves to
// be rendered when it is written, kept in s, or nil when p is rendered by
// Build.
func (b *builder) lazyFor(p *Post, s *source) *source {
	if p.src == nil || p.HTML != "" || len(p.Body) > 0 {
		return nil
	}
	*s = *p.src
	s.md, s.links = b.md, b.links
	return s
}

// lazyScan reads and renders, once, the content of c's post, loaded with
// LoadOptions.Lazy, when its body mentions a source file or may refer to a
// file sitefeed publishes. It gives the post the warnings that rendering
// gives (links to source files that are no post), and keeps what
// localizeRefs found, for withContent to rewrite as it renders the post
// again; the HTML is not kept.
func (b *builder) lazyScan(c *completed, postURL *url.URL) error {
	p := &c.post
	links := p.src.sourceLinks && len(b.links.urls) > 0
	refs := b.copiesMedia() && p.src.mayRefer
	if !links && !refs {
		return nil
	}
	file := fileBufs.get()
	defer fileBufs.put(file)
	body, err := p.src.body(file)
	if err != nil {
		return &PostError{Path: p.errPath(), Err: err}
	}
	rendered := htmlBufs.get()
	defer htmlBufs.put(rendered)
	rendered.Grow(len(body) * 3 / 2)
	if err := renderMarkdown(p.src.md, p, body, rendered); err != nil {
		return err // a *PostError
	}
	// Neither rewrite nor localizeRefs changes the bytes it reads.
	if links {
		if _, missing := b.links.rewrite(rendered.Bytes(), p.Path); len(missing) > 0 {
			p.Body = body
			p.warnLinks(missing)
			p.Body = nil
		}
	}
	if refs {
		if _, err := b.localizeRefs(c, postURL, rendered.Bytes()); err != nil {
			if pe, ok := err.(*PostError); ok {
				return pe
			}
			return &PostError{Path: p.errPath(), Err: err}
		}
		p.src.refs = c.refs
	}
	return nil
}

// withContent returns p, or, for a post loaded with LoadOptions.Lazy, a
// copy of it with the HTML (and Summary) Build would have given it.
func withContent(p *Post) (*Post, error) {
	if p.src == nil || p.src.md == nil {
		return p, nil
	}
	file := fileBufs.get()
	defer fileBufs.put(file)
	body, err := p.src.body(file)
	if err != nil {
		return nil, &PostError{Path: p.errPath(), Err: err}
	}
	u, err := url.Parse(p.URL) // as Build made it: it parses
	if err != nil {
		return nil, &PostError{Path: p.errPath(), Err: err}
	}
	rendered := htmlBufs.get()
	defer htmlBufs.put(rendered)
	rendered.Grow(len(body) * 3 / 2)
	if err := renderMarkdown(p.src.md, p, body, rendered); err != nil {
		return nil, err
	}
	q := *p
	q.src = nil
	content, _ := p.src.links.finish(replaceRefs(rendered.Bytes(), p.src.refs), u, p.Path)
	q.HTML = cleanHTML(content)
	if q.Summary == "" {
		q.Summary = autoSummary(p.src.md, body, q.more, q.HTML, u)
	}
	return &q, nil
}
