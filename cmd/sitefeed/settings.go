package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/generator"
	"github.com/sitefeed/sitefeed/internal/readlog"
)

// settings are the values of the flags and the settings file, before they
// are checked.
type settings struct {
	site     sitefeed.Site
	timezone string
	feedsURL string
	src      string
	out      string
	static   string
	formats  []sitefeed.Format
	tags     bool
	style    bool // the stylesheet and page of the feeds
	index    bool // the index of feeds
	limit    int
	maxTags  int // 0: sitefeed.DefaultMaxTags
	drafts   bool
	// archive is the number of posts in a feed, the older ones going in
	// archive pages (Options.Archive). Setting limit without archive
	// turns the pages off: one document per feed, up to limit posts.
	archive               int
	archivePage           int // Options.ArchivePage; 0: its default
	limitSet, archivedSet bool
	now                   string // "now" (the current time), "" or "none" (no limit), or a time

	more      []srcDir        // posts folders after src, from the generator's configuration
	generator *generator.Site // the generator detected, or nil

	// origin names where each key was last set, for error messages:
	// "-tz" or "sitefeed.yaml: timezone".
	origin map[string]string
}

// defaultArchive is how many posts a feed holds, the older ones going in
// archive pages: 10, as jekyll-feed and WordPress serve, so that a site
// moving from them gives its subscribers the same feed. Hugo serves every
// post, which makes the feed of a large site tens of megabytes fetched on
// every poll; with archive pages the older posts stay reachable.
const defaultArchive = 10

func defaultSettings() *settings {
	return &settings{
		out:     "public",
		formats: []sitefeed.Format{sitefeed.RSS, sitefeed.Atom, sitefeed.JSON},
		tags:    true,
		archive: defaultArchive,
		style:   true,
		index:   true,
		now:     "now",
		origin:  map[string]string{},
	}
}

// configKeys are the keys a settings file may hold.
var configKeys = []string{
	"archive", "archivepage", "author", "copyright", "description", "drafts", "feedsurl", "formats", "icon",
	"index", "lang", "limit", "logo", "maxtags", "now", "out", "permalink", "src",
	"static", "style", "tagurl", "tags", "timezone", "title", "url",
}

// applyConfig sets the keys of a settings file. Paths in it are relative to
// its folder.
func (s *settings) applyConfig(name string, m map[string]any) error {
	dir := filepath.Dir(name)
	var errs []string
	for _, k := range sortedKeys(m) {
		if err := s.setKey(k, m[k], dir); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %s: %v", name, k, err))
			continue
		}
		s.origin[k] = name + ": " + k
	}
	if len(errs) > 0 {
		return usageError(strings.Join(errs, "\n"))
	}
	return nil
}

// textKeys maps the settings-file keys that hold text to the settings
// they set.
func (s *settings) textKeys() map[string]*string {
	return map[string]*string{
		"title": &s.site.Title, "description": &s.site.Description, "url": &s.site.URL,
		"lang": &s.site.Language, "copyright": &s.site.Copyright, "icon": &s.site.Icon,
		"logo": &s.site.Logo, "permalink": &s.site.Permalink, "tagurl": &s.site.TagURL,
		"feedsurl": &s.feedsURL, "timezone": &s.timezone, "now": &s.now,
	}
}

// pathKeys maps the settings-file keys that name folders to the settings
// they set.
func (s *settings) pathKeys() map[string]*string {
	return map[string]*string{"src": &s.src, "out": &s.out, "static": &s.static}
}

func (s *settings) setKey(key string, v any, dir string) error {
	var err error
	if p, ok := s.textKeys()[key]; ok {
		*p, err = text(v)
		return err
	}
	if p, ok := s.pathKeys()[key]; ok {
		*p, err = folder(v, dir)
		return err
	}
	switch key {
	case "author":
		s.site.Author, err = author(v)
	case "formats":
		s.formats, err = formatList(v)
	case "tags":
		s.tags, err = boolean(v)
	case "style":
		s.style, err = boolean(v)
	case "index":
		s.index, err = boolean(v)
	case "drafts":
		s.drafts, err = boolean(v)
	case "limit":
		s.limit, err = count(v)
		s.limitSet = true
	case "archive":
		s.archive, err = count(v)
		s.archivedSet = true
	case "archivepage":
		if s.archivePage, err = count(v); err == nil && s.archivePage == 0 {
			err = fmt.Errorf("want 1 or more")
		}
	case "maxtags":
		if s.maxTags, err = count(v); err == nil && s.maxTags == 0 {
			err = fmt.Errorf("want 1 or more")
		}
	default:
		if k := nearest(key, configKeys); k != "" {
			return fmt.Errorf("unknown key; did you mean %s?", k)
		}
		return fmt.Errorf("unknown key (the keys are %s)", strings.Join(configKeys, ", "))
	}
	return err
}

// folder reads a folder name, relative to dir unless it is absolute.
func folder(v any, dir string) (string, error) {
	p, err := text(v)
	if err != nil || p == "" {
		return "", fmt.Errorf("want a folder name")
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return p, nil
}

// applyFlags sets the values of the flags given on the command line, which
// override the settings file.
func (s *settings) applyFlags(c *cmdline) error {
	for name := range c.set {
		s.origin[name] = "-" + name
	}
	str := map[string]*string{
		"url": &s.site.URL, "title": &s.site.Title, "description": &s.site.Description,
		"lang": &s.site.Language, "tz": &s.timezone, "permalink": &s.site.Permalink,
		"feeds-url": &s.feedsURL, "src": &s.src, "out": &s.out, "static": &s.static, "now": &s.now,
	}
	val := map[string]string{
		"url": c.url, "title": c.title, "description": c.description,
		"lang": c.lang, "tz": c.tz, "permalink": c.permalink,
		"feeds-url": c.feedsURL, "src": c.src, "out": c.out, "static": c.static, "now": c.now,
	}
	for name, p := range str {
		if c.set[name] {
			*p = strings.TrimSpace(val[name])
		}
	}
	if c.set["tz"] {
		s.origin["timezone"] = "-tz"
	}
	if c.set["author"] {
		s.site.Author = sitefeed.ParseAuthor(c.author)
	}
	if c.set["formats"] {
		f, err := formatList(c.formats)
		if err != nil {
			return usageError("-formats " + c.formats + ": " + err.Error())
		}
		s.formats = f
	}
	if c.set["tags"] {
		s.tags = c.tags
	}
	if c.set["style"] {
		s.style = c.style
	}
	if c.set["index"] {
		s.index = c.index
	}
	if c.set["drafts"] {
		s.drafts = c.drafts
	}
	if c.set["limit"] {
		s.limit, s.limitSet = c.limit, true
	}
	if c.set["archive"] {
		s.archive, s.archivedSet = c.archive, true
	}
	if c.set["archive-page"] {
		s.archivePage = c.archivePage
	}
	if c.set["max-tags"] {
		s.maxTags = c.maxTags
	}
	return nil
}

// where names the origin of a key for an error message, or the flag.
func (s *settings) where(key, flag string) string {
	if o, ok := s.origin[key]; ok {
		return o
	}
	if o, ok := s.origin[flag]; ok {
		return o
	}
	return "-" + flag
}

// job is a checked set of settings, ready to run.
type job struct {
	site   sitefeed.Site
	load   sitefeed.LoadOptions
	opts   sitefeed.Options
	src    string // "" only with -print-links
	more   []srcDir
	out    string
	static string
	gen    *generator.Site // the generator detected, or nil
	roots  []*os.Root      // the posts folders opened, closed when the run ends
	cache  string          // -cache: the cache folder, or "none"
	log    *readlog.Log    // what the build reads, for its stamp; nil when it keeps none
	read   []string        // what the build a stamp spared this one read (see built.read)
}

// srcDir is a folder of posts besides the main one.
type srcDir struct {
	path   string
	drafts bool // every post in it is a draft (Jekyll's _drafts)
}

// resolve checks the settings. now is the current time, used when -now is
// not given.
func (s *settings) resolve(now time.Time, needSrc bool) (*job, error) {
	j := &job{site: s.site, src: s.src, more: s.more, out: s.out, static: s.static, gen: s.generator}
	if s.origin["src"] != "" {
		j.more = nil // the posts folder was given
	}
	if s.generator != nil && s.origin["feedsurl"] == "" && s.origin["feeds-url"] == "" &&
		(s.origin["out"] != "" || s.origin["static"] != "") {
		s.feedsURL = "" // the detected one is for the detected out folder
	}
	if strings.TrimSpace(s.site.URL) == "" {
		return nil, usageError("missing site URL: give -url https://example.com/, or url in a settings file")
	}
	if sitefeed.CheckSiteURL(s.site.URL) != nil {
		return nil, usageError(fmt.Sprintf("%s %q: want the site's absolute http or https URL, such as https://example.com/", s.where("url", "url"), s.site.URL))
	}
	if needSrc && s.src == "" {
		return nil, usageError("missing source folder: give SRC or -src DIR, or src in a settings file")
	}
	if s.out == "" {
		return nil, usageError(s.where("out", "out") + " is empty")
	}
	if needSrc {
		if err := checkOut(s.out, s.where("out", "out")); err != nil {
			return nil, err
		}
	}
	loc := time.UTC
	if s.timezone != "" {
		l, err := time.LoadLocation(s.timezone)
		if err != nil {
			return nil, usageError(fmt.Sprintf("%s %q: unknown time zone (want an IANA name such as Europe/Paris, or UTC)", s.where("timezone", "tz"), s.timezone))
		}
		loc = l
	}
	j.site.Location = loc
	j.load.Location = loc
	j.load.Lazy = true          // the posts' Markdown is read again as the feeds are written
	j.load.SiteURL = j.site.URL // for Jekyll's {{ site.url }} and relative_url
	if j.gen != nil {
		j.load.Dialect = sitefeed.Dialect(j.gen.Generator)
		j.load.ExcerptSeparator = j.gen.ExcerptSeparator
	}
	if j.gen != nil && j.gen.Generator == generator.Jekyll {
		j.load.TitleFromName, j.load.SplitSpaces = true, true
	}

	switch strings.ToLower(s.now) {
	case "now":
		j.opts.Now = now
	case "", "none":
	default:
		t, err := time.Parse(time.RFC3339Nano, s.now)
		if err != nil {
			t, err = sitefeed.ParseDate(s.now, loc)
		}
		if err != nil {
			return nil, usageError(fmt.Sprintf(`%s %q: want a time in RFC 3339, such as 2024-06-01T12:00:00Z, or "none"`, s.where("now", "now"), s.now))
		}
		j.opts.Now = t
	}
	j.opts.Formats = s.formats
	j.opts.NoTagFeeds = !s.tags
	j.opts.NoStyle, j.opts.NoIndex = !s.style, !s.index
	j.opts.Limit = s.limit
	if j.opts.Archive = s.archive; s.limitSet && !s.archivedSet {
		j.opts.Archive = 0 // a limit asks for one document per feed
	}
	if j.opts.Archive > 0 && s.limit > 0 {
		return nil, usageError(fmt.Sprintf("%s %d and %s %d: set one or the other (a limit leaves older posts out of the feeds; archive pages keep them)",
			s.where("limit", "limit"), s.limit, s.where("archive", "archive"), j.opts.Archive))
	}
	j.opts.ArchivePage = s.archivePage
	j.opts.MaxTags = s.maxTags
	j.opts.Drafts = s.drafts
	j.opts.Paths.Base = s.feedsURL
	if s.feedsURL == "" && s.static != "" {
		j.opts.Paths.Base = pathInside(s.static, s.out)
	}
	return j, nil
}

// pathInside returns the URL path of folder out inside folder static, such
// as "feeds/", or "" when out is not inside static.
func pathInside(static, out string) string {
	as, err1 := filepath.Abs(static)
	ao, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(as, ao)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/") + "/"
}
