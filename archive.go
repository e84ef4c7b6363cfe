package sitefeed

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// nsHistory is the namespace of RFC 5005's fh:archive element.
const nsHistory = "http://purl.org/syndication/history/1.0"

// Link relations of RFC 5005 section 4.
const (
	relCurrent     = "current"
	relPrevArchive = "prev-archive"
	relNextArchive = "next-archive"
)

// defaultArchiveDir is Paths.Archive's default.
const defaultArchiveDir = "archive/"

// checkArchive refuses options that cannot be archived feeds.
func checkArchive(o *Options) error {
	if o.Archive < 0 {
		return fmt.Errorf("archive page size %d: want 0 (no archive) or more", o.Archive)
	}
	if o.ArchivePage < 0 {
		return fmt.Errorf("archive pages of %d posts on average: want 0 (the default, %d) or more", o.ArchivePage, defaultArchivePage)
	}
	if o.Archive > 0 && o.Limit > 0 {
		return fmt.Errorf("limit %d and archive pages of %d: set one or the other (a limit leaves older posts out; archive pages keep them)", o.Limit, o.Archive)
	}
	return nil
}

// checkArchiveDir checks Paths.Archive, already defaulted.
func checkArchiveDir(dir string) error {
	d := strings.TrimSuffix(dir, "/")
	if !fs.ValidPath(d) || d == "." || strings.ContainsAny(d, "{\\") {
		return fmt.Errorf("archive path %q must be a relative slash-separated folder inside the output directory", dir)
	}
	return nil
}

// defaultArchivePage is Options.ArchivePage's default: the mean number of
// posts of an archive page.
const defaultArchivePage = 50

// archivePath is where the archive page named name of the document at p
// goes: in the folder Paths.Archive beside it, under its name with "-" and
// the page's name before the extension (rss.xml's page 2024-05-03 is
// archive/rss-2024-05-03.xml).
func archivePath(p, dir, name string) string {
	folder, base := path.Split(p)
	ext := path.Ext(base)
	return folder + strings.TrimSuffix(dir, "/") + "/" + strings.TrimSuffix(base, ext) + "-" + name + ext
}

// pageEnds reports, for each post, whether an archive page ends after it:
// whether the first 8 bytes of the SHA-256 of its ID, read as a big-endian
// number, are a multiple of mean. The mark depends on the post alone, so
// that a page's posts decide where it ends, and one post in mean ends one.
func pageEnds(posts []*Post, mean int) []bool {
	ends := make([]bool, len(posts))
	for i, p := range posts {
		sum := sha256.Sum256([]byte("sitefeed archive page\x00" + p.ID))
		ends[i] = binary.BigEndian.Uint64(sum[:8])%uint64(mean) == 0
	}
	return ends
}

// paginate splits a feed's items (newest first; pos their places in
// Set.Posts, or nil when they are its first ones) into the head, which
// keeps the newest size, and archive pages, which hold the others. Walking
// from the oldest, a page ends after a post that ends[its place] marks, or
// when it holds 4×mean posts; the newest page ends at the head. A page's
// posts thus depend only on the posts since the previous marked one, so
// that deleting, editing or adding an old post changes its own page (and,
// when the post was or is marked, the page next to it), never the others.
// Each page is named after the date of its oldest post (see pageNames).
func (s *Set) paginate(head *Feed, items []*Post, pos []int32, size, mean int, ends []bool) {
	if len(items) <= size {
		return
	}
	place := func(i int) int32 {
		if pos != nil {
			return pos[i]
		}
		return int32(i)
	}
	page := func(lo, hi int) {
		p := *head
		p.Archives, p.Head, p.Page = nil, head, len(head.Archives)+1
		p.Items = items[lo:hi:hi]
		p.pos = make([]int32, hi-lo)
		for i := range p.pos {
			p.pos[i] = place(lo + i)
		}
		p.Updated = newestOf(p.Items, head.Updated)
		p.paths = map[Format]string{}
		p.urls = map[Format]string{}
		head.Archives = append(head.Archives, &p)
	}
	most := 4 * mean
	hi := len(items) // the older end of the page being filled
	for i := len(items) - 1; i >= size; i-- {
		if ends[place(i)] || hi-i == most {
			page(i, hi)
			hi = i
		}
	}
	if hi > size {
		page(size, hi)
	}
	head.Items = items[:size:size]
	if pos != nil {
		head.pos = pos[:size:size]
	}
	head.Updated = newestOf(head.Items, head.Updated)
	s.pageNames(head)
}

// pageNames names each archive page of head after the publication date of
// its oldest post, in the site's zone (as permalinks' {year}/{month}/{day}),
// such as 2024-05-03; a page whose date an older page of the feed already
// has takes "-2", "-3"… after it. The name thus depends on the page's own
// posts and not on its rank, so that merging or splitting one page does
// not rename the newer ones.
func (s *Set) pageNames(head *Feed) {
	seen := make(map[string]int, len(head.Archives))
	for _, page := range head.Archives {
		name := page.Items[len(page.Items)-1].Published.In(s.Site.Location).Format(time.DateOnly)
		seen[name]++
		if n := seen[name]; n > 1 {
			name += "-" + strconv.Itoa(n)
		}
		page.PageName = name
		s.setPagePaths(page, head)
	}
}

// setPagePaths names an archive page after its head's documents.
func (s *Set) setPagePaths(page, head *Feed) {
	base := s.feedBase
	if base == nil {
		base = s.base
	}
	for _, format := range s.Formats {
		p := archivePath(head.paths[format], s.paths.Archive, page.PageName)
		page.paths[format] = p
		page.urls[format] = base.ResolveReference(&url.URL{Path: p}).String()
	}
}

// An archiveLink is one RFC 5005 link of a document.
type archiveLink struct{ rel, href string }

// archiveLinks are the RFC 5005 links of a feed's document in a format, in
// this order: current (the head, on an archive page), prev-archive (the
// next older page) and next-archive (the next newer page; the newest page
// has none, as the head is no archive document).
func (f *Feed) archiveLinks(format Format) []archiveLink {
	var links []archiveLink
	if h := f.Head; h != nil {
		links = append(links, archiveLink{relCurrent, h.FeedURL(format)})
		if f.Page > 1 && f.Page-2 < len(h.Archives) {
			links = append(links, archiveLink{relPrevArchive, h.Archives[f.Page-2].FeedURL(format)})
		}
		if f.Page < len(h.Archives) {
			links = append(links, archiveLink{relNextArchive, h.Archives[f.Page].FeedURL(format)})
		}
	} else if len(f.Archives) > 0 {
		links = append(links, archiveLink{relPrevArchive, f.Archives[len(f.Archives)-1].FeedURL(format)})
	}
	return links
}

// prevArchive is the URL of the next older archive page, or "".
func (f *Feed) prevArchive(format Format) string {
	for _, l := range f.archiveLinks(format) {
		if l.rel == relPrevArchive {
			return l.href
		}
	}
	return ""
}

// documents lists the feeds of every document: each feed of Feeds()
// followed by its archive pages, oldest first.
func (s *Set) documents() []*Feed {
	var out []*Feed
	for _, f := range s.Feeds() {
		out = append(out, f)
		out = append(out, f.Archives...)
	}
	return out
}
