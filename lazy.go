package sitefeed

import (
	"bytes"
	"fmt"
	"hash/crc32"
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
	size   int      // bytes in the file when it was loaded
	sum    uint32   // CRC-32C of the file when it was loaded
	sha    [32]byte // SHA-256 of the file when it was loaded (Options.Cache)
	offset int      // where the body starts in the cleaned text (cleanSource)

	md goldmark.Markdown // set on the completed copies Build makes
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func checksum(data []byte) uint32 { return crc32.Checksum(data, castagnoli) }

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
	return data[s.offset:], nil
}

// lazyFor returns the source of a completed copy of p that Build leaves to
// be rendered when it is written, kept in s, or nil when p is rendered by
// Build.
func (b *builder) lazyFor(p *Post, s *source) *source {
	if p.src == nil || p.HTML != "" || len(p.Body) > 0 {
		return nil
	}
	*s = *p.src
	s.md = b.md
	return s
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
	if err := p.src.md.Convert(body, markdownWriter{rendered}); err != nil {
		return nil, &PostError{Path: p.errPath(), Err: fmt.Errorf("markdown: %w", err)}
	}
	q := *p
	q.src = nil
	q.HTML = cleanHTML(finishHTMLBytes(rendered.Bytes(), u))
	if q.Summary == "" {
		q.Summary = excerpt(q.HTML)
	}
	return &q, nil
}
