package sitefeed

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark"

	"github.com/sitefeed/sitefeed/internal/media"
	"github.com/sitefeed/sitefeed/internal/permalink"
	"github.com/sitefeed/sitefeed/internal/values"
)

// Site is the publication-level data every feed repeats.
type Site struct {
	Title       string
	Description string
	URL         string         // absolute home page URL, e.g. "https://example.com/"; required by Build
	Language    string         // BCP 47 tag, e.g. "en" or "en-GB"
	Author      Author         // author of posts that name none
	Copyright   string         // e.g. "© 2024 Jane Doe"
	Icon        string         // small square image (favicon); absolute or root-relative URL
	Logo        string         // larger image or banner; absolute or root-relative URL
	Location    *time.Location // zone for {year}/{month}/{day} and dates; nil means UTC
	Permalink   string         // pattern of a post's URL; "" means "/posts/{slug}/"; see the package documentation
	ContentDir  string         // folder of Post.Path below which {path}, {section} and {sections} are read; "" means Path's root
	TagURL      string         // pattern of a tag's page; "" means "/tags/{tag}/"
}

// Paths name the files a build writes, relative to the output directory.
// Empty fields take their defaults.
type Paths struct {
	RSS  string // site RSS feed; default "rss.xml"
	Atom string // site Atom feed; default "atom.xml"
	JSON string // site JSON Feed; default "feed.json"
	// Tag is the folder of one tag's feeds, which hold the same file names
	// as the site feeds; {tag} stands for the tag's slug. Default "tags/{tag}/".
	Tag string
	// Base is the URL at which the output directory is published, absolute
	// or relative to Site.URL, such as "feeds/" when the files are served
	// from https://example.com/feeds/. It sets the feeds' URLs (FeedURL and
	// self links), not where they are written. "" means Site.URL.
	Base string
	// OPML, when set, is the file in which WriteDir writes the OPML
	// subscription list of every feed (Set.WriteOPML), such as
	// "feeds.opml", like the feeds and recorded in the manifest with them;
	// the Handler serves it there too. "" means none.
	OPML string
	// Archive is the folder, beside each feed's documents, of their
	// archive pages (Options.Archive): rss.xml's page whose oldest post
	// was published on 3 May 2024 is archive/rss-2024-05-03.xml and
	// tags/go/atom.xml's is tags/go/archive/atom-2024-05-03.xml.
	// Default "archive/".
	Archive string
	// Media is the folder of the files sitefeed publishes for posts (see
	// Set.Media), each named by its content:
	// <first 16 hex digits of its SHA-256>-<its base name, made safe>.<ext>.
	// Default "media/".
	Media string
	// Style is the CSS file, beside the feeds, that the RSS and Atom feeds
	// name so that a browser shows them as a page (see Options.NoStyle).
	// Default "feed.css".
	Style string
	// Index is the HTML page, beside the feeds, that lists every feed with
	// its address (see Options.NoIndex). Default "feeds.html".
	Index string
}

// Options tune Build. A nil *Options means defaults.
type Options struct {
	Formats    []Format // formats to write; nil means RSS, Atom and JSON
	NoTagFeeds bool     // build only the site-wide feed
	Limit      int      // most items per feed, newest first; 0 means no limit
	// Archive, when more than 0, makes archived feeds (RFC 5005 section
	// 4): each feed's document holds its newest Archive posts and links to
	// archive pages that hold the others, so that every post stays
	// reachable while the document readers poll stays small. 0 means one
	// document per feed with every post (up to Limit); Limit and Archive
	// cannot both be set.
	Archive int
	// ArchivePage is the mean number of posts of an archive page; 0 means
	// 50. Where a page ends is decided by its posts (see Archived feeds in
	// the package documentation), so that an edit to one old post changes
	// one or two pages; a page holds at most 4×ArchivePage posts.
	ArchivePage int
	Drafts      bool      // include posts marked draft
	Now         time.Time // when set, posts published after Now are left out
	Paths       Paths     // output file names
	// Markdown renders Post.Body; nil means DefaultMarkdown().
	Markdown goldmark.Markdown
	// Permalink, when set, gives each post's URL path (or absolute URL)
	// instead of Site.Permalink.
	Permalink func(p *Post) string
	// Static is the site's published files (such as Astro's dist/ or
	// Hugo's public/), rooted at the site URL. A hero or a file a post
	// refers to that is found there keeps its URL; heroes found there get
	// their size and type.
	Static fs.FS
	// Source is the site's source files, in which each post's Path names
	// its file (such as the site's root folder, where Astro's posts are
	// src/content/blog/*.md and their images src/assets/*). A hero or a
	// file in a post's content (img src and srcset, source, video and
	// audio src and poster, a link) written relative to the post is looked
	// up there, and in the folder LoadDir read the post from, when Static
	// does not hold it at the URL it resolves to. When Source or Static is
	// set, such a file, if it is an image, audio, video or document, is
	// published by sitefeed beside the feeds (Set.Media) and the post
	// refers to that copy; without either, it keeps the URL it resolves
	// to. Nothing outside Source is read: a reference leading above its
	// root names no file.
	Source fs.FS
	// SkipInvalid leaves bad posts out and reports them in Set.Warnings,
	// instead of failing the build.
	SkipInvalid bool
	// Published, when set, reports whether an earlier build published the
	// post (see ReadPublished): of two posts with the same URL or ID, the
	// one it says was published is kept, whatever the dates, so that a new
	// post never takes the place of one readers have seen. Without it, or
	// when it says the same of both, the older is kept.
	Published func(p *Post) bool
	// Workers is the number of posts rendered at once; 0 means GOMAXPROCS.
	Workers int
	// Cache, when set, keeps each post's encoded items between builds
	// (see OpenCache), so that writing the set renders only the posts
	// that changed.
	Cache *Cache
	// MaxTags is the most tags (tags and categories together, once
	// duplicates are merged) a post may have; a post with more is an
	// error (ErrTooManyTags). 0 means DefaultMaxTags; a negative value
	// means no limit. Each tag feed repeats every tag of its posts, so
	// the output grows with the square of the tags of a post.
	MaxTags int
	// NoStyle leaves out what makes a browser show the RSS and Atom feeds
	// as a page: the xml-stylesheet instruction, the XHTML div and the
	// Paths.Style file.
	NoStyle bool
	// NoIndex leaves out the Paths.Index page.
	NoIndex bool
}

// DefaultMaxTags is the most tags a post may have when Options.MaxTags is
// 0: three times Tumblr's limit of 30, when blogs use a handful.
const DefaultMaxTags = 100

// A Set is everything Build produced: the site-wide feed and one feed per tag.
type Set struct {
	Site    Site
	Formats []Format
	All     *Feed   // the site-wide feed
	Tags    []*Feed // one per tag, sorted by slug; empty with Options.NoTagFeeds
	Posts   []*Post // every published post, newest first (before Limit)
	Drafts  int     // drafts left out
	Future  int     // posts after Options.Now left out (or whose Hugo publishDate is after it)
	Expired int     // posts whose Hugo expiryDate is before Options.Now, left out
	// NextChange is the first moment after Options.Now at which Build,
	// given the same posts and options, would make another set: a post
	// left out as future comes due, or a published post expires. When a
	// feed is dated Options.Now, as a feed without items is, it is the
	// nanosecond after Options.Now. It is zero when no moment would, as
	// without Options.Now.
	NextChange time.Time
	// Warnings lists the posts left out with Options.SkipInvalid.
	Warnings []error
	// Media lists the files that the posts in the feeds refer to and
	// that sitefeed publishes beside the feeds (see Options.Source),
	// sorted by Path, one for each content and name however many posts
	// use it. WriteDir, WriteFiles and the Handler write and serve them
	// with the feeds.
	Media []*Media

	paths Paths
	cache *Cache // Options.Cache, unless Options.Markdown is set
	// base is the site URL, parsed; feedBase is the URL of the output
	// directory (Paths.Base resolved).
	base, feedBase *url.URL
}

// A Feed is one list of posts: the whole site, or one tag.
type Feed struct {
	Site        *Site
	Tag         string    // display name of the tag; "" for the site-wide feed
	Slug        string    // the tag's path segment; "" for the site-wide feed
	Title       string    // the site title, or "Site title: tag"
	Description string    // the site description, or a line naming the tag
	Link        string    // home page: the site URL, or the tag's page
	Updated     time.Time // newest Updated (or Published) of Items; without items, Options.Now or else the Unix epoch
	Items       []*Post   // newest first

	// With Options.Archive, a feed's Archives are its archive pages,
	// oldest first; each page has its Page number, its place from 1 for
	// the oldest (which changes when an older page is added or removed),
	// its PageName, which names its files (the publication date of its
	// oldest post, such as "2024-05-03", with "-2", "-3"… when an older
	// page of the feed has that date), and its Head, the feed it is a page
	// of. A feed without archive pages has Page 0, no PageName and no Head.
	Archives []*Feed
	Page     int
	PageName string
	Head     *Feed

	base  *url.URL // the site URL, parsed
	paths map[Format]string
	urls  map[Format]string
	// style and index are the paths of the stylesheet and of the index of
	// feeds in the output directory; "" when there is none.
	style, index string
	// pos[m] is where Items[m] was in Set.Posts when Build made the feed:
	// a hint that spares the writers a lookup, used only while it holds.
	pos []int32
}

// Path returns the feed's file path in the given format, relative to the
// output directory.
func (f *Feed) Path(format Format) string { return f.paths[format] }

// FeedURL returns the absolute URL of the feed's document in the given format.
func (f *Feed) FeedURL(format Format) string { return f.urls[format] }

// Feeds returns the site-wide feed followed by the tag feeds.
func (s *Set) Feeds() []*Feed {
	return append([]*Feed{s.All}, s.Tags...)
}

// A File is one document of a Set, or one of its media files.
type File struct {
	Path   string // slash-separated, relative to the output directory
	Feed   *Feed
	Format Format
	Media  *Media // set, and Feed nil, for a file of Set.Media
}

// MediaType returns the media type to serve the file with.
func (f File) MediaType() string {
	if f.Media != nil {
		return f.Media.Type
	}
	return f.Format.MediaType()
}

// Files lists every document of the set, site feeds first, then each
// tag's; each feed's archive pages (Options.Archive) follow its own
// documents, oldest first.
func (s *Set) Files() []File {
	var files []File
	for _, f := range s.documents() {
		for _, format := range s.Formats {
			files = append(files, File{Path: f.Path(format), Feed: f, Format: format})
		}
	}
	return files
}

func (o *Options) orDefault() *Options {
	if o == nil {
		return &Options{}
	}
	return o
}

func maxProcs() int { return runtime.GOMAXPROCS(0) }

// Build completes posts and groups them into feeds: it fills in slugs, URLs
// and IDs, renders Markdown, sanitises the HTML and makes its links
// absolute, resolves hero images, leaves out drafts and future posts, sorts
// newest first (ties by URL) and makes one feed per tag. The result depends
// only on its arguments: Build never reads the clock or makes random IDs.
//
// Every bad post is reported: the error is then an [ErrorList] of one
// *PostError per post (bad settings give an error of their own). With
// Options.SkipInvalid bad posts are left out and listed in Set.Warnings
// instead.
//
// The completed copies do not keep Body, the Markdown source: their HTML
// holds what it renders to. A caller that drops its own Posts after Build
// (as LoadDir-then-Build programs do) thus frees each source as soon as it
// is rendered. Posts loaded with LoadOptions.Lazy are rendered only as
// their feeds are written, so their copies hold no HTML (nor a Summary the
// front matter does not give).
func Build(site Site, posts []*Post, opts *Options) (*Set, error) {
	o := opts.orDefault()
	base, err := siteBase(site.URL)
	if err != nil {
		return nil, err
	}
	if site.Location == nil {
		site.Location = time.UTC
	}
	site = cleanSite(site)
	formats, err := checkFormats(o.Formats)
	if err != nil {
		return nil, err
	}
	paths, err := o.Paths.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := checkArchive(o); err != nil {
		return nil, err
	}
	perm, err := permalink.Parse(cmp.Or(site.Permalink, "/posts/{slug}/"))
	if err != nil {
		return nil, err
	}
	if o.NoStyle {
		paths.Style = ""
	}
	if o.NoIndex {
		paths.Index = ""
	}
	set := &Set{Site: site, Formats: formats, paths: paths, base: base}
	if o.Markdown == nil {
		set.cache = o.Cache
	}
	if set.feedBase, err = feedsBase(base, paths.Base); err != nil {
		return nil, err
	}

	// Filter, then complete each post in parallel.
	var keep []*Post
	for _, p := range posts {
		if p == nil {
			continue
		}
		switch {
		case p.Draft && !o.Drafts:
			set.Drafts++
		default:
			set.NextChange = p.nextChange(o.Now, set.NextChange)
			switch future, expired := p.withheld(o.Now); {
			case future:
				set.Future++
			case expired:
				set.Expired++
			default:
				keep = append(keep, p)
			}
		}
	}
	md := o.Markdown
	if md == nil {
		md = sharedMarkdown()
	}
	b := &builder{site: &set.Site, base: base, opts: o, md: md, permalink: perm}
	b.media = &mediaSet{dir: paths.Media, base: set.feedBase, stats: map[mediaKey]*mediaStat{}, byPath: map[string]*Media{}}
	done := make([]completed, len(keep))
	errs := make([]error, len(keep))
	parallel(len(keep), o.Workers, func(i int) {
		done[i].post = *keep[i]
		errs[i] = b.complete(&done[i])
		keep[i] = nil // Build needs only the copy: the caller may free the source
	})
	// Links to other posts' source files need every post's URL.
	b.links = newLinkMap(done, errs, b.site.ContentDir)
	parallel(len(done), o.Workers, func(i int) {
		if errs[i] == nil {
			errs[i] = b.render(&done[i])
		}
	})
	var bad []error
	var good []*Post
	for i := range done {
		if errs[i] != nil {
			bad = append(bad, errs[i])
		} else {
			good = append(good, &done[i].post)
		}
	}
	good, dups := dropDuplicates(good, o.Published)
	bad = append(bad, dups...)
	if len(bad) > 0 {
		if !o.SkipInvalid {
			list := make(ErrorList, len(bad))
			for i, e := range bad {
				list[i] = e.(*PostError) // complete and dropDuplicates make no other errors
			}
			list.Sort()
			return nil, list
		}
		set.Warnings = bad
	}
	sort.SliceStable(good, func(i, j int) bool {
		a, b := good[i], good[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.After(b.Published)
		}
		return a.URL < b.URL
	})
	set.Posts = good
	set.group(o)
	if !o.Now.IsZero() && set.datedNow(o.Now) {
		set.NextChange = o.Now.Add(time.Nanosecond)
	}
	set.collectMedia(done)
	return set, nil
}

// CheckSiteURL returns an error when raw cannot be a [Site.URL], the
// absolute http or https address of the site. It is the check Build makes
// first; programs can make it while reading their settings.
func CheckSiteURL(raw string) error {
	_, err := siteBase(raw)
	return err
}

// siteBase parses the site URL, which must be absolute http(s), and makes
// its path end in a slash.
func siteBase(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("site URL is empty: set Site.URL to the site's absolute address, such as https://example.com/")
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("site URL %q is not an absolute http or https URL", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	return u, nil
}

func cleanSite(s Site) Site {
	s.Title = cleanText(s.Title)
	s.Description = cleanText(s.Description)
	s.Language = cleanText(strings.TrimSpace(s.Language))
	s.Copyright = cleanText(s.Copyright)
	s.Author = cleanAuthor(s.Author)
	return s
}

func cleanAuthor(a Author) Author {
	return Author{Name: strings.TrimSpace(cleanText(a.Name)), Email: strings.TrimSpace(cleanText(a.Email)), URL: strings.TrimSpace(cleanText(a.URL))}
}

func checkFormats(formats []Format) ([]Format, error) {
	if len(formats) == 0 {
		return []Format{RSS, Atom, JSON}, nil
	}
	seen := map[Format]bool{}
	var out []Format
	for _, f := range formats {
		if f < RSS || f > JSON {
			return nil, fmt.Errorf("unknown feed format %d", int(f))
		}
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

func (p Paths) withDefaults() (Paths, error) {
	if p.RSS == "" {
		p.RSS = "rss.xml"
	}
	if p.Atom == "" {
		p.Atom = "atom.xml"
	}
	if p.JSON == "" {
		p.JSON = "feed.json"
	}
	if p.Tag == "" {
		p.Tag = "tags/{tag}/"
	}
	if p.Archive == "" {
		p.Archive = defaultArchiveDir
	}
	if err := checkArchiveDir(p.Archive); err != nil {
		return p, err
	}
	if p.Media == "" {
		p.Media = "media/"
	}
	p.Media = strings.TrimSuffix(p.Media, "/") + "/"
	if m := strings.TrimSuffix(p.Media, "/"); !fs.ValidPath(m) || m == "." || strings.ContainsAny(m, "{\\") {
		return p, fmt.Errorf("media path %q must be a relative slash-separated folder inside the output directory", p.Media)
	}
	if p.Style == "" {
		p.Style = "feed.css"
	}
	if p.Index == "" {
		p.Index = "feeds.html"
	}
	// A backslash is refused too: on Windows it separates folders, so
	// that ..\x would name a file outside the output directory.
	for _, f := range []string{p.RSS, p.Atom, p.JSON, cmp.Or(p.OPML, "feeds.opml"), p.Style, p.Index} {
		if !fs.ValidPath(f) || f == "." || strings.ContainsAny(f, "{\\") {
			return p, fmt.Errorf("output path %q must be a relative slash-separated path inside the output directory", f)
		}
	}
	dir := strings.ReplaceAll(p.Tag, "{tag}", "x")
	if !fs.ValidPath(strings.Trim(dir, "/")) || strings.HasPrefix(dir, "/") || strings.Contains(dir, "\\") || !strings.Contains(p.Tag, "{tag}") {
		return p, fmt.Errorf("tag path %q must be a relative folder containing {tag}", p.Tag)
	}
	return p, nil
}

// feedsBase resolves Paths.Base against the site URL; the result ends in
// a slash.
func feedsBase(site *url.URL, ref string) (*url.URL, error) {
	if strings.TrimSpace(ref) == "" {
		return site, nil
	}
	u, err := (&builder{base: site}).siteRef(strings.TrimSpace(ref))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("feed base URL %q: want an absolute http(s) URL or a path relative to the site URL", ref)
	}
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

type builder struct {
	site      *Site
	permalink *permalink.Pattern // Site.Permalink, parsed
	links     *linkMap           // the posts' URLs by source path
	base      *url.URL
	opts      *Options
	md        goldmark.Markdown
	media     *mediaSet
}

// A completed holds a post's completed copy and what it points to. Build
// makes them in one slice: the Set of a large site is then one object, not
// three per post, for the garbage collector to mark.
type completed struct {
	post Post
	src  source // with LoadOptions.Lazy
	hero Image
	// The files sitefeed publishes for the post, and the references of its
	// content to them (as written, to the copy's URL).
	media []*Media
	refs  map[string]string
}

// complete finishes c.post, a copy of a post given to Build.
func (b *builder) complete(c *completed) error {
	p := &c.post
	fail := func(key string, err error) error {
		return &PostError{Path: p.errPath(), Line: p.lineOf(key), Err: err}
	}
	// Trim after cleaning: a removed character may leave spaces at an end,
	// which readers would trim and the title would not round-trip.
	p.Title = strings.TrimSpace(cleanText(p.Title))
	if p.Title == "" {
		return fail("title", ErrMissingTitle)
	}
	if p.Published.IsZero() {
		return fail("date", ErrMissingDate)
	}
	if p.Updated.Before(p.Published) {
		p.Updated = time.Time{}
	}
	slugGiven := p.Slug != "" && (p.lines == nil || p.lines["slug"] > 0)
	if p.Slug == "" {
		p.Slug = pathSlug(p.Path)
	}
	if p.Slug == "" {
		p.Slug = slugify(p.Title)
	}
	// URL
	u, err := b.postURL(p, slugGiven)
	if err != nil {
		return fail("slug", err)
	}
	p.URL = u.String()
	// Clean before defaulting: an ID of spaces or forbidden characters
	// would otherwise end up empty.
	p.ID = strings.TrimSpace(cleanText(p.ID))
	if p.ID == "" {
		p.ID = tagURI(b.base.Host, p.Published.In(b.site.Location), u)
	} else if !absoluteIRI(p.ID) {
		// Atom requires an IRI; readers would otherwise rewrite the ID.
		return fail("id", fmt.Errorf("%w: id %q: want an absolute URI, such as urn:uuid:… or tag:example.com,2024:name", ErrFieldType, values.Clip(p.ID, 80)))
	}
	p.Language = cleanText(p.Language)

	return nil
}

// render finishes c.post, whose URL complete has set: content, summary,
// tags, authors and hero.
func (b *builder) render(c *completed) error {
	p := &c.post
	fail := func(key string, err error) error {
		return &PostError{Path: p.errPath(), Line: p.lineOf(key), Err: err}
	}
	u, err := url.Parse(p.URL) // as complete made it: it parses
	if err != nil {
		return fail("", err)
	}
	// Content
	if p.src = b.lazyFor(p, &c.src); p.src != nil {
		// Rendered when written (LoadOptions.Lazy): see withContent. The
		// files its content refers to are found now.
		if err := b.lazyScan(c, u); err != nil {
			return err
		}
	} else if p.HTML != "" {
		doc := []byte(p.HTML)
		if media.MayRefer(doc) {
			if doc, err = b.localizeRefs(c, u, doc); err != nil {
				return fail("", err)
			}
		}
		content, missing := b.links.finish(doc, u, p.Path)
		p.HTML = cleanHTML(content)
		p.warnLinks(missing)
	} else if len(p.Body) > 0 {
		rendered := htmlBufs.get()
		defer htmlBufs.put(rendered)
		rendered.Grow(len(p.Body) * 3 / 2)
		if err := renderMarkdown(b.md, p, p.Body, rendered); err != nil {
			return err
		}
		doc := rendered.Bytes()
		if media.MayRefer(p.Body) {
			if doc, err = b.localizeRefs(c, u, doc); err != nil {
				return fail("", err)
			}
		}
		content, missing := b.links.finish(doc, u, p.Path)
		p.HTML = cleanHTML(content)
		p.warnLinks(missing)
	}
	p.Summary = strings.TrimSpace(cleanText(p.Summary))
	if p.Summary == "" && p.src == nil {
		p.Summary = autoSummary(b.md, p.Body, p.more, p.HTML, u)
	}

	// Tags and authors
	p.Tags = cleanTags(p.Tags)
	if limit := cmp.Or(b.opts.MaxTags, DefaultMaxTags); limit > 0 && len(p.Tags) > limit {
		key := "tags"
		if _, ok := p.lines["tags"]; !ok {
			key = "categories"
		}
		return fail(key, fmt.Errorf("%w: %d tags, more than %d", ErrTooManyTags, len(p.Tags), limit))
	}
	if len(p.Authors) > 0 {
		authors := make([]Author, 0, len(p.Authors))
		for _, a := range p.Authors {
			if a = cleanAuthor(a); a != (Author{}) {
				authors = append(authors, a)
			}
		}
		p.Authors = authors
	}

	// Hero
	if p.Hero != nil {
		img, err := b.hero(c, u)
		if err != nil {
			return fail("hero", err)
		}
		p.Hero = img
	}
	p.lines = nil
	p.Body = nil // rendered into HTML; see Build
	return nil
}

func (p *Post) errPath() string {
	if p.Path != "" {
		return p.Path
	}
	if p.Slug != "" {
		return "post " + strconv.Quote(p.Slug)
	}
	return "post " + strconv.Quote(p.Title)
}

func (p *Post) lineOf(key string) int {
	if p.lines == nil || key == "" {
		return 0
	}
	if key == "slug" {
		if l, ok := p.lines["slug"]; ok {
			return l
		}
		return 0
	}
	return p.keyLine(key)
}

// postURL resolves the post's permalink: Post.URL, Options.Permalink,
// Post.Permalink, else Site.Permalink.
func (b *builder) postURL(p *Post, slugGiven bool) (*url.URL, error) {
	ref := p.URL
	if ref == "" && b.opts.Permalink != nil {
		ref = b.opts.Permalink(p)
	}
	if ref == "" {
		pattern := b.permalink
		if p.Permalink != "" {
			var err error
			if pattern, err = permalink.Parse(p.Permalink); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrFieldType, err)
			}
		}
		if !permalink.CheckSlug(p.Slug) {
			return nil, fmt.Errorf("%w: slug %q: want a name without empty, . or .. segments", ErrFieldType, p.Slug)
		}
		ref = pattern.Expand(&permalink.Vars{
			Slug:       p.Slug,
			SlugGiven:  slugGiven,
			Title:      p.Title,
			Path:       contentPath(b.site.ContentDir, p.Path),
			Categories: p.Categories,
			Time:       p.Published.In(b.site.Location),
		})
	}
	return b.siteRef(ref)
}

// contentPath is a post's path below the content folder dir.
func contentPath(dir, file string) string {
	dir = strings.Trim(path.Clean("/"+dir), "/")
	if dir == "" {
		return strings.TrimPrefix(file, "./")
	}
	if rest, ok := strings.CutPrefix(file, dir+"/"); ok {
		return rest
	}
	return file
}

// siteRef resolves a root-relative or relative reference against the site
// URL (so "/posts/a/" on a site at https://example.com/blog/ is
// https://example.com/blog/posts/a/); absolute URLs are kept.
func (b *builder) siteRef(ref string) (*url.URL, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return nil, fmt.Errorf("invalid URL %q", ref)
	}
	if u.Scheme != "" {
		return u, nil
	}
	if u.Host != "" { // //host/path
		u.Scheme = b.base.Scheme
		return u, nil
	}
	rel := &url.URL{Path: strings.TrimPrefix(u.Path, "/"), RawQuery: u.RawQuery, Fragment: u.Fragment}
	if u.RawPath != "" {
		rel.RawPath = strings.TrimPrefix(u.RawPath, "/")
	}
	return b.base.ResolveReference(rel), nil
}

// hero resolves the hero's URL and fills its type and size, in c.hero.
func (b *builder) hero(c *completed, postURL *url.URL) (*Image, error) {
	p, img := &c.post, &c.hero
	*img = *p.Hero
	img.URL = strings.TrimSpace(img.URL)
	img.Alt = cleanText(img.Alt)
	if img.Length < 0 {
		img.Length = 0
	}
	u, err := url.Parse(img.URL)
	if err != nil {
		return nil, fmt.Errorf("%w: hero: %v", ErrFieldType, err)
	}
	rootRel := u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/")
	relative := false
	switch {
	case u.Scheme != "":
		// Absolute URLs are kept byte for byte.
	case rootRel:
		if u, err = b.siteRef(img.URL); err != nil {
			return nil, err
		}
		img.URL = u.String()
	default:
		relative = u.Host == ""
		u = postURL.ResolveReference(u)
		img.URL = u.String()
	}
	found := false
	if b.opts.Static != nil && u.Host == b.base.Host && strings.HasPrefix(u.Path, b.base.Path) {
		name := strings.TrimPrefix(u.Path, b.base.Path)
		found = fs.ValidPath(name) && statImage(b.opts.Static, name, img)
	}
	if !found && relative {
		lf, ok, err := b.findLocal(p, postURL, p.Hero.URL, true)
		switch {
		case err != nil:
			return nil, fmt.Errorf("hero: %w", err)
		case ok && lf.media != nil:
			m := lf.media
			img.URL, img.Length = m.URL, m.Length
			if img.Type == "" {
				img.Type = m.Type
			}
			c.addMedia(m)
		case ok:
			statImage(lf.fsys, lf.key.name, img)
		}
		found = ok
	}
	// A hero relative to a post read from a file, or looked up in
	// Options.Source, must name a file; a root-relative one, when the
	// published files are known, must be one of them.
	if !found && (relative && (p.origin != nil || b.opts.Source != nil && p.Path != "") || rootRel && b.opts.Static != nil) {
		return nil, fmt.Errorf("%w: %s", ErrHeroNotFound, p.Hero.URL)
	}
	img.Type = normaliseType(img.Type)
	if img.Type == "" {
		img.Type = imageType(u)
	}
	if img.Type == "" {
		img.Type = "application/octet-stream"
	}
	img.URL = cleanText(img.URL)
	return img, nil
}

func normaliseType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	switch t {
	case "image/jpg", "image/pjpeg":
		return "image/jpeg"
	case "image/svg":
		return "image/svg+xml"
	}
	return t
}

// absoluteIRI reports whether id is an absolute IRI (RFC 3987), as an Atom
// ID must be: a scheme and a colon, then only characters an IRI may hold,
// "%" only in escapes, "#" at most once, and "[" and "]" only around the
// host. id is valid UTF-8.
func absoluteIRI(id string) bool {
	colon := strings.IndexByte(id, ':')
	if colon < 1 {
		return false
	}
	for i, c := range []byte(id[:colon]) {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	rest := id[colon+1:]
	literal := 0 // end of an IP literal host, [v6 address]
	if after, ok := strings.CutPrefix(rest, "//"); ok && strings.HasPrefix(after, "[") {
		if end := strings.IndexByte(after, ']'); end > 0 {
			literal = 2 + end + 1
		}
	}
	hash := false
	for i, r := range rest {
		switch {
		case (r == '[' || r == ']') && (i == 2 || i == literal-1):
		case r >= 0x80:
			// ucschar and iprivate, less C1 controls, bidi formatting
			// characters and noncharacters.
			if r < 0xA0 || r == 0x200E || r == 0x200F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 ||
				r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE {
				return false
			}
		case r <= ' ' || r == 0x7F || strings.ContainsRune("\"<>\\^`{|}[]", r):
			return false
		case r == '%':
			if i+2 >= len(rest) || !isHexDigit(rest[i+1]) || !isHexDigit(rest[i+2]) {
				return false
			}
		case r == '#':
			if hash {
				return false
			}
			hash = true
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// tagURI is a post's default ID (RFC 4151): it depends on the site host,
// the publication date and the URL path, never on Updated.
func tagURI(host string, published time.Time, u *url.URL) string {
	if h, _, ok := strings.Cut(host, ":"); ok && !strings.HasPrefix(host, "[") {
		host = h
	}
	return "tag:" + host + "," + published.Format("2006-01-02") + ":" + u.EscapedPath()
}

// dropDuplicates reports posts that share a URL or an ID with another and
// keeps the one published first: one that published (Options.Published)
// says an earlier build published, else the older by Published, then by
// Path (see comparePosts). A new post that reuses the slug or ID of a
// published one thus never takes its place; the error names both files and
// says why the other is kept.
func dropDuplicates(posts []*Post, published func(*Post) bool) ([]*Post, []error) {
	before := make(map[*Post]bool, len(posts))
	type entry struct {
		p      *Post
		before bool
	}
	order := make([]entry, len(posts))
	for i, p := range posts {
		order[i].p = p
		if published != nil {
			order[i].before = published(p)
			before[p] = order[i].before
		}
	}
	// Sorted with the flag beside each post: a map looked up in every
	// comparison was most of the sort at 50,000 posts.
	slices.SortStableFunc(order, func(x, y entry) int {
		if x.before != y.before {
			if x.before {
				return -1
			}
			return 1
		}
		if c := x.p.Published.Compare(y.p.Published); c != 0 {
			return c
		}
		return comparePosts(x.p, y.p)
	})
	for i, e := range order {
		posts[i] = e.p
	}
	byURL := map[string]*Post{}
	byID := map[string]*Post{}
	var keep []*Post
	var errs []error
	for _, p := range posts {
		what, other := "", (*Post)(nil)
		if o, ok := byURL[p.URL]; ok {
			what, other = "URL "+values.Clip(p.URL, 200), o
		} else if o, ok := byID[p.ID]; ok {
			what, other = "ID "+values.Clip(p.ID, 200), o
		}
		if other != nil {
			why := "the older"
			switch {
			case before[other] && !before[p]:
				why = "already published"
			case other.Published.Equal(p.Published):
				why = "first by path on the same date"
			}
			errs = append(errs, &PostError{Path: p.errPath(), Err: fmt.Errorf("%w: same %s as %s, which is kept as %s", ErrDuplicate, what, other.errPath(), why)})
			continue
		}
		byURL[p.URL], byID[p.ID] = p, p
		keep = append(keep, p)
	}
	return keep, errs
}

// comparePosts orders posts by Path and, for posts with the same Path
// (constructed posts have none), by their content, so that which of two
// duplicates is kept does not depend on the order Build was given them.
func comparePosts(a, b *Post) int {
	// Posts read from files differ in Path; the rest is compared only
	// when that ties, in order, as it costs more.
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	return cmp.Or(
		a.Published.Compare(b.Published),
		strings.Compare(a.URL, b.URL),
		strings.Compare(a.ID, b.ID),
		strings.Compare(a.Title, b.Title),
		strings.Compare(a.Summary, b.Summary),
		strings.Compare(a.HTML, b.HTML),
		a.Updated.Compare(b.Updated),
		slices.Compare(a.Tags, b.Tags),
		strings.Compare(a.Language, b.Language),
		strings.Compare(fmt.Sprint(a.Authors, a.Hero), fmt.Sprint(b.Authors, b.Hero)),
	)
}

// newestOf is the newest Updated (or Published) of items, or empty when
// there are none.
func newestOf(items []*Post, empty time.Time) time.Time {
	var t time.Time
	for _, p := range items {
		if u := updatedOf(p); u.After(t) {
			t = u
		}
	}
	if t.IsZero() {
		return empty
	}
	return t
}

// group makes the site feed and the tag feeds.
func (s *Set) group(o *Options) {
	empty := o.Now // the date of a feed without items, never the clock
	if empty.IsZero() {
		empty = time.Unix(0, 0).UTC()
	}
	newest := func(items []*Post) time.Time { return newestOf(items, empty) }
	limit := func(items []*Post) []*Post {
		if o.Limit > 0 && len(items) > o.Limit {
			return items[:o.Limit:o.Limit]
		}
		return items
	}
	site := &s.Site
	s.All = &Feed{Site: site, Title: site.Title, Description: site.Description, Link: s.base.String(), Items: limit(s.Posts), base: s.base}
	s.All.Updated = newest(s.All.Items)
	s.setPaths(s.All, "")
	mean := cmp.Or(o.ArchivePage, defaultArchivePage)
	var ends []bool
	if o.Archive > 0 {
		ends = pageEnds(s.Posts, mean)
		s.paginate(s.All, s.Posts, nil, o.Archive, mean, ends)
	}
	tags, keyOf := groupTags(s.Posts)
	// Posts carry their tags' display names, with or without tag feeds, so
	// that Go, go and " GO " are one category everywhere.
	display := make(map[string]string, len(tags))
	for _, t := range tags {
		display[t.key] = t.name
	}
	for _, p := range s.Posts {
		for j, t := range p.Tags {
			p.Tags[j] = display[keyOf[t]]
		}
	}
	if o.NoTagFeeds {
		return
	}
	b := &builder{site: site, base: s.base}
	for _, t := range tags {
		f := &Feed{Site: site, Tag: t.name, Slug: t.slug, base: s.base}
		f.Title = site.Title + ": " + t.name
		if site.Title == "" {
			f.Title = t.name
		}
		f.Description = textFor(site.Language).tagDescription(t.name, site.Title)
		pattern := site.TagURL
		if pattern == "" {
			pattern = "/tags/{tag}/"
		}
		if u, err := b.siteRef(strings.ReplaceAll(pattern, "{tag}", url.PathEscape(t.slug))); err == nil {
			f.Link = u.String()
		} else {
			f.Link = s.All.Link
		}
		idx := t.posts
		if o.Limit > 0 && len(idx) > o.Limit {
			idx = idx[:o.Limit]
		}
		f.Items = make([]*Post, len(idx))
		f.pos = make([]int32, len(idx))
		for m, i := range idx {
			f.Items[m], f.pos[m] = s.Posts[i], int32(i)
		}
		f.Updated = newest(f.Items)
		s.setPaths(f, t.slug)
		if o.Archive > 0 {
			s.paginate(f, f.Items, f.pos, o.Archive, mean, ends)
		}
		s.Tags = append(s.Tags, f)
	}
}

func (s *Set) setPaths(f *Feed, slug string) {
	dir := ""
	if slug != "" {
		dir = strings.ReplaceAll(s.paths.Tag, "{tag}", slug)
		dir = strings.TrimSuffix(dir, "/") + "/"
	}
	base := s.feedBase
	if base == nil {
		base = s.base
	}
	f.paths = map[Format]string{}
	f.urls = map[Format]string{}
	f.style, f.index = s.paths.Style, s.paths.Index
	for _, format := range s.Formats {
		name := map[Format]string{RSS: s.paths.RSS, Atom: s.paths.Atom, JSON: s.paths.JSON}[format]
		p := dir + name
		f.paths[format] = p
		ref := &url.URL{Path: p}
		f.urls[format] = base.ResolveReference(ref).String()
	}
}

// datedNow reports whether a document of s is dated now: a feed without
// items, or one whose newest post is dated now.
func (s *Set) datedNow(now time.Time) bool {
	for _, f := range s.Feeds() {
		if f.Updated.Equal(now) {
			return true
		}
		for _, p := range f.Archives {
			if p.Updated.Equal(now) {
				return true
			}
		}
	}
	return false
}
