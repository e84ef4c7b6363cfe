package sitefeed

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"
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

// archivePath is where page n of the document at p goes: in the folder
// Paths.Archive beside it, under its name with "-n" before the extension
// (rss.xml's page 1 is archive/rss-1.xml).
func archivePath(p, dir string, n int) string {
	folder, name := path.Split(p)
	ext := path.Ext(name)
	return folder + strings.TrimSuffix(dir, "/") + "/" + strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(n) + ext
}

// paginate splits a feed's items (newest first; pos their places in
// Set.Posts, or nil when they are its first ones) into the head, which
// keeps the newest size, and archive pages of size items counted from the
// oldest: page 1 holds the oldest size items, and only the newest page
// may hold fewer. Adding a post thus changes the head and the newest page
// (and, when that page was full, starts a new one), never an older page.
func (s *Set) paginate(head *Feed, items []*Post, pos []int32, size int) {
	at := func(lo, hi int) ([]*Post, []int32) {
		it := items[lo:hi:hi]
		if pos != nil {
			return it, pos[lo:hi:hi]
		}
		p := make([]int32, hi-lo)
		for i := range p {
			p[i] = int32(lo + i)
		}
		return it, p
	}
	if len(items) <= size {
		return
	}
	head.Items = items[:size:size]
	if pos != nil {
		head.pos = pos[:size:size]
	}
	rest := len(items) - size
	pages := (rest + size - 1) / size
	total := len(items)
	for n := 1; n <= pages; n++ {
		lo, hi := total-min(n*size, rest), total-(n-1)*size
		page := *head
		page.Archives, page.Head, page.Page = nil, head, n
		page.Items, page.pos = at(lo, hi)
		page.Updated = newestOf(page.Items, head.Updated)
		page.paths = map[Format]string{}
		page.urls = map[Format]string{}
		head.Archives = append(head.Archives, &page)
	}
	head.Updated = newestOf(head.Items, head.Updated)
	for _, page := range head.Archives {
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
		p := archivePath(head.paths[format], s.paths.Archive, page.Page)
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
