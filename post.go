package sitefeed

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"net/mail"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sitefeed/sitefeed/internal/frontmatter"
	"github.com/sitefeed/sitefeed/internal/loadcache"
	"github.com/sitefeed/sitefeed/internal/media"
	"github.com/sitefeed/sitefeed/internal/values"
)

// A Post is one feed entry. LoadDir and ParsePost fill Posts from files;
// programs may also build them directly. Build never modifies the Posts it is
// given: the Items of the feeds it returns are completed copies.
type Post struct {
	Path string // slash-separated source path; "" for constructed posts
	ID   string // permanent ID; "" means a tag: URI from the site URL, Published and URL path
	Slug string // "" means derived from Path
	URL  string // permalink: absolute, or a path resolved against the site URL; "" means Permalink
	// Permalink is the pattern of this post's URL, in the syntax of
	// Site.Permalink; "" means Site.Permalink. LoadDir sets it from a
	// Jekyll post's permalink key, translated.
	Permalink string
	Title     string    // plain text
	Summary   string    // plain text; "" means an excerpt of the first paragraph
	Body      []byte    // Markdown source (what follows the front matter)
	HTML      string    // content; "" means Body rendered with Options.Markdown
	Published time.Time // required
	Updated   time.Time // zero means Published
	Tags      []string  // in the order written; duplicates are removed by Build
	// Categories are the front matter categories, which {categories} in
	// a permalink stands for. LoadDir also adds them to Tags, except with
	// Dialect Hugo, where categories are a taxonomy of their own.
	Categories []string
	Authors    []Author // empty means Site.Author
	Hero       *Image   // carried as enclosure, media:content, Atom enclosure link and JSON image
	Draft      bool     // left out of feeds unless Options.Drafts
	Language   string   // BCP 47 tag, when it differs from Site.Language
	Params     map[string]any
	// Warnings are what sitefeed could not follow in the file and left
	// out or changed (such as a template tag it does not know), each with
	// the file and line; the post is published all the same.
	Warnings []*PostError

	// Where in the file the keys were, for errors found after parsing.
	lines map[string]int
	// Where LoadDir read the post, for the files it refers to.
	origin *origin
	// The line of the file on which Body starts; 0 when unknown.
	bodyLine int
	// Hugo's publishDate when it is not the date, and expiryDate: with
	// Options.Now, the post is left out before the one and after the other.
	notBefore, expires time.Time
	// Where Body is read from when it is left nil (LoadOptions.Lazy).
	src *source
	// more ends the summary in Body (see summaryDivider); "" when none.
	more string
}

// An Author is a person credited in a feed.
type Author struct {
	Name  string `json:"name,omitempty" yaml:"name,omitempty" toml:"name,omitempty"`
	Email string `json:"email,omitempty" yaml:"email,omitempty" toml:"email,omitempty"`
	URL   string `json:"url,omitempty" yaml:"url,omitempty" toml:"url,omitempty"`
}

// ParseAuthor reads "Name <email>", "email" or a bare name.
func ParseAuthor(s string) Author {
	s = strings.TrimSpace(s)
	if s == "" {
		return Author{}
	}
	if a, err := mail.ParseAddress(s); err == nil {
		return Author{Name: a.Name, Email: a.Address}
	}
	if i := strings.LastIndexByte(s, '<'); i >= 0 && strings.HasSuffix(s, ">") {
		return Author{Name: strings.TrimSpace(s[:i]), Email: strings.TrimSpace(s[i+1 : len(s)-1])}
	}
	return Author{Name: s}
}

// String formats a as "Name <email>", or whichever part it has.
func (a Author) String() string {
	switch {
	case a.Name != "" && a.Email != "":
		return a.Name + " <" + a.Email + ">"
	case a.Email != "":
		return a.Email
	}
	return a.Name
}

// An Image is a post's hero image.
type Image struct {
	URL    string // absolute, root-relative, or relative to the post's URL
	Alt    string // text alternative
	Type   string // MIME type; "" means sniffed from the file or guessed from the URL
	Length int64  // size in bytes; 0 means unknown
}

// LoadOptions tune LoadDir and ParsePost. A nil *LoadOptions means defaults.
type LoadOptions struct {
	// Location is the time zone of dates written without one. nil means UTC;
	// the machine's local zone is never used.
	Location *time.Location
	// Workers is the number of files parsed at once; 0 means GOMAXPROCS.
	Workers int
	// Lazy makes LoadDir keep where each post's Markdown is instead of the
	// Markdown itself: Body is left nil, and the file is read again and
	// rendered when the post's items are written (by Set.WriteDir,
	// Feed.Write or a Handler), then let go. Memory then holds the posts'
	// front matter but neither their bodies nor their HTML, however large
	// the site. The posts of a Set built from them have no HTML, and a
	// Summary the front matter does not give is made only in the feeds.
	// A file that has changed since it was loaded fails the write with
	// ErrChanged. The feeds are the same, byte for byte, as without Lazy.
	Lazy bool
	// TitleFromName gives a post without a title one made from its file
	// name, as Jekyll does: the name without its date and extension, each
	// word (between -, _ or spaces) capitalized, the rest of it in lower
	// case: 2024-05-01-hello-world.md is titled "Hello World".
	TitleFromName bool
	// SplitSpaces splits tags and categories given as one string on spaces,
	// as Jekyll does, instead of on commas.
	SplitSpaces bool
	// Drafts marks every post read as a draft, and dates a post without a
	// date by its file's modification time (Jekyll's _drafts folder).
	Drafts bool
	// Dialect is the generator whose conventions the posts follow. With
	// Jekyll, bodies are Liquid templates; with Hugo, they hold shortcodes;
	// what sitefeed renders of them, and what it leaves out with a warning,
	// is in the package documentation.
	Dialect Dialect
	// SiteURL is the site's absolute URL with its base path, as Site.URL,
	// for Jekyll's Liquid: {{ site.url }} is its scheme and host,
	// {{ site.baseurl }} its path, and relative_url and absolute_url join
	// them to a path. "" leaves them empty, as Jekyll does without url.
	SiteURL string
	// ExcerptSeparator is Jekyll's excerpt_separator, the site's (a post's
	// own excerpt_separator key wins): with the Jekyll dialect, the text
	// before it is the summary of a post without one. "" means Jekyll's
	// default, a blank line, which gives sitefeed's excerpt of the first
	// paragraph.
	ExcerptSeparator string
	// Cache, when not nil and with Lazy, keeps what LoadDir loaded from
	// each file between builds, so that a rebuild neither parses a file
	// whose bytes did not change (known by their SHA-256) nor reads a
	// file whose size, modification and change times, inode and device
	// are as they were when it was read, in an earlier second than the
	// cache was last written (as git trusts its index). A file a fresh
	// checkout wrote is read again: its change time and inode are new.
	// The posts are the same as without the cache; the cache is written
	// by Cache.Close. Without Lazy, the cache is not used.
	Cache *Cache
}

// parseConfig is what parsing one post file needs from LoadOptions.
type parseConfig struct {
	loc           *time.Location
	titleFromName bool
	splitSpaces   bool
	drafts        bool
	dialect       Dialect
	modTime       time.Time // the file's, for a draft without a date
	markup        *markup
	// excerptSeparator is LoadOptions.ExcerptSeparator.
	excerptSeparator string
}

func (o *LoadOptions) parseConfig() parseConfig {
	c := parseConfig{loc: o.location()}
	if o != nil {
		c.titleFromName, c.splitSpaces, c.drafts = o.TitleFromName, o.SplitSpaces, o.Drafts
		c.dialect, c.excerptSeparator = o.Dialect, o.ExcerptSeparator
		c.markup = markupFor(o.Dialect, o.SiteURL)
	} else {
		c.markup = markupFor(Plain, "")
	}
	return c
}

func (o *LoadOptions) location() *time.Location {
	if o == nil || o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// ParsePost parses one post file. path is used in errors and for the
// defaults that come from the file name (slug and Jekyll-style date). An
// error is a *PostError.
func ParsePost(data []byte, path string, opts *LoadOptions) (*Post, error) {
	p, _, err := parsePost(data, path, opts.parseConfig(), nil)
	if err != nil {
		return nil, err
	}
	p.Body = bytes.Clone(p.Body) // not a part of data, which the caller may reuse
	return p, nil
}

// ReadPost parses one post from r, like ParsePost.
func ReadPost(r io.Reader, path string, opts *LoadOptions) (*Post, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPostSize+1))
	if err != nil {
		return nil, &PostError{Path: path, Err: err}
	}
	return ParsePost(data, path, opts)
}

// A lineError is a cause with a line of the file, not yet tied to a path.
type lineError struct {
	line int
	err  error
}

// parsePost parses the post file data, named file, a path in fsys (which
// may be nil). The post's Body is the end of data, or of the cleaned copy
// of it cleanSource made, from offset on, with its template syntax
// rendered (see markup).
func parsePost(data []byte, file string, c parseConfig, fsys fs.FS) (p *Post, offset int, err *PostError) {
	fail := func(lerr *lineError) (*Post, int, *PostError) {
		return nil, 0, &PostError{Path: file, Line: lerr.line, Err: lerr.err}
	}
	data, lerr := cleanSource(data)
	if lerr != nil {
		return fail(lerr)
	}
	if lerr := jsFrontMatter(data); lerr != nil {
		return fail(lerr)
	}
	b, ferr := frontmatter.Split(data, frontmatter.Fast)
	if ferr != nil {
		return fail(&lineError{line: ferr.Line, err: ferr.Err})
	}
	if p, lerr = parseBlock(b, file, c); lerr != nil {
		return fail(lerr)
	}
	offset = len(data) - len(p.Body)
	var warns []*PostError
	p.Body, warns = c.markup.transform(p.Body, file, b.BodyLine, fsys)
	p.Warnings = append(p.Warnings, warns...)
	p.more = summaryDivider(p, p.Body, c)
	return p, offset, nil
}

// cleanSource prepares a post file for parsing: it drops a byte order
// mark, makes every line end in LF and repairs invalid UTF-8 (see the
// frontmatter package for why the front matter splitter wants the first
// two).
func cleanSource(data []byte) ([]byte, *lineError) {
	if len(data) > MaxPostSize {
		return nil, &lineError{err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxPostSize)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if bytes.IndexByte(data, '\r') >= 0 {
		// A lone CR (old Mac files) ends a line too, as it does in YAML and
		// CommonMark, so that lines are counted alike everywhere.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &lineError{line: 1 + bytes.Count(data[:i], []byte("\n")), err: ErrNotText}
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data, nil
}

func parseBlock(b *frontmatter.Block, file string, c parseConfig) (*Post, *lineError) {
	loc := c.loc
	p := &Post{Path: file, Body: b.Body, bodyLine: b.BodyLine, lines: map[string]int{}}
	if err := p.apply(b.Fields, c); err != nil {
		return nil, err
	}
	for _, w := range p.Warnings {
		w.Path = file
	}
	if p.Title == "" && c.titleFromName {
		p.Title = titleFromName(file)
	}
	if c.drafts {
		p.Draft = true
		if p.Published.IsZero() && jekyllDate(file) == "" {
			p.Published = c.modTime.In(loc)
		}
	}
	if p.Title == "" {
		return nil, &lineError{line: p.keyLine("title"), err: ErrMissingTitle}
	}
	if p.Published.IsZero() {
		if date := jekyllDate(file); date != "" {
			p.Published, _ = time.ParseInLocation("2006-01-02", date, loc)
		}
	}
	if p.Published.IsZero() {
		return nil, &lineError{line: p.keyLine("date"), err: ErrMissingDate}
	}
	if p.Slug == "" {
		p.Slug = pathSlug(file)
	}
	return p, nil
}

// keyLine is the line of a key, or the first line of the file.
func (p *Post) keyLine(key string) int {
	if l, ok := p.lines[key]; ok {
		return l
	}
	return 1
}

// The front matter keys sitefeed reads, each with its aliases in order of
// preference. Keys match without regard to case.
var keyAliases = [][]string{
	{"title"},
	{"description", "summary", "excerpt"},
	{"pubdate", "date", "published", "publishdate"},
	{"updateddate", "updated", "lastmod", "modified", "last_modified_at"},
	{"hero", "heroimage", "image", "cover"},
	{"tags"},
	{"categories", "category"},
	{"draft"},
	{"author"},
	{"authors"},
	{"slug"},
	{"lang"},
	{"id"},
}

var aliasOf = func() map[string]string {
	m := map[string]string{}
	for _, group := range keyAliases {
		for _, k := range group {
			m[k] = group[0]
		}
	}
	return m
}()

func (p *Post) apply(fields []frontmatter.Field, c parseConfig) *lineError {
	loc := c.loc
	seen := map[string]int{}
	chosen := map[string]frontmatter.Field{}
	rank := map[string]int{}
	extra := map[string]frontmatter.Field{}
	for _, f := range fields {
		lk := strings.ToLower(f.Key)
		if l, dup := seen[lk]; dup {
			return &lineError{line: f.Line, err: fmt.Errorf("%w: %q already defined on line %d", ErrDuplicateKey, values.Clip(f.Key, 80), l)}
		}
		seen[lk] = f.Line
		canon, known := aliasOf[lk]
		if _, isBool := f.Value.(bool); isBool && lk == "published" {
			known = false // Jekyll's published: false, not a date
		}
		if dialectKey(c.dialect, lk) {
			extra[lk] = f
		}
		if !known {
			if p.Params == nil {
				p.Params = map[string]any{}
			}
			p.Params[f.Key] = f.Value
			continue
		}
		r := aliasRank(canon, lk)
		if _, ok := chosen[canon]; !ok || r < rank[canon] {
			chosen[canon], rank[canon] = f, r
		}
	}
	for canon, f := range chosen {
		p.lines[canon] = f.Line
	}
	get := func(canon string) (frontmatter.Field, bool) { f, ok := chosen[canon]; return f, ok }
	var err *lineError
	str := func(canon string) string {
		f, ok := get(canon)
		if !ok || err != nil {
			return ""
		}
		s, e := asString(f)
		if e != nil {
			err = e
		}
		return s
	}
	p.Title = strings.TrimSpace(str("title"))
	p.Summary = strings.TrimSpace(str("description"))
	p.Slug = strings.Trim(strings.TrimSpace(str("slug")), "/")
	p.Language = strings.TrimSpace(str("lang"))
	p.ID = strings.TrimSpace(str("id"))
	if err != nil {
		return err
	}
	if f, ok := get("pubdate"); ok {
		if p.Published, err = asDate(f, loc); err != nil {
			return err
		}
	}
	if f, ok := get("updateddate"); ok {
		if p.Updated, err = asDate(f, loc); err != nil {
			return err
		}
	}
	if f, ok := get("hero"); ok {
		if p.Hero, err = asImage(f); err != nil {
			return err
		}
	}
	if f, ok := get("tags"); ok {
		if p.Tags, err = asTags(f, c.splitSpaces); err != nil {
			return err
		}
	}
	if f, ok := get("categories"); ok {
		if p.Categories, err = asTags(f, c.splitSpaces); err != nil {
			return err
		}
		if c.dialect != Hugo {
			p.Tags = append(p.Tags, p.Categories...)
		}
	}
	if f, ok := get("draft"); ok {
		switch v := f.Value.(type) {
		case bool:
			p.Draft = v
		case nil:
		case string:
			b, perr := strconv.ParseBool(strings.TrimSpace(v))
			if perr != nil {
				return typeError(f, "true or false")
			}
			p.Draft = b
		default:
			return typeError(f, "true or false")
		}
	}
	for _, k := range []string{"author", "authors"} {
		f, ok := get(k)
		if !ok {
			continue
		}
		authors, err := asAuthors(f)
		if err != nil {
			return err
		}
		p.Authors = append(p.Authors, authors...)
	}
	return p.applyDialect(extra, chosen["pubdate"], c)
}

func aliasRank(canon, key string) int {
	for _, group := range keyAliases {
		if group[0] == canon {
			for i, k := range group {
				if k == key {
					return i
				}
			}
		}
	}
	return 0
}

func typeError(f frontmatter.Field, want string) *lineError {
	return &lineError{line: f.Line, err: fmt.Errorf("%w: %s: want %s, got %s", ErrFieldType, values.Clip(f.Key, 80), want, values.Clip(values.Kind(f.Value), 80))}
}

func asString(f frontmatter.Field) (string, *lineError) {
	s, ok := values.Text(f.Value)
	if !ok {
		return "", typeError(f, "text")
	}
	return s, nil
}

func asStrings(f frontmatter.Field, commas bool) ([]string, *lineError) {
	switch v := f.Value.(type) {
	case nil:
		return nil, nil
	case string:
		if !commas {
			return []string{v}, nil
		}
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := values.Text(e)
			if !ok || e == nil {
				return nil, typeError(f, "a list of text values")
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, typeError(f, "a list or a comma-separated string")
}

func asDate(f frontmatter.Field, loc *time.Location) (time.Time, *lineError) {
	switch v := f.Value.(type) {
	case time.Time:
		return v, nil
	case string:
		t, err := ParseDate(v, loc)
		if err != nil {
			return time.Time{}, &lineError{line: f.Line, err: fmt.Errorf("%w: %s: %q", ErrBadDate, f.Key, values.Clip(v, 80))}
		}
		return t, nil
	case nil:
		return time.Time{}, nil
	}
	return time.Time{}, typeError(f, "a date")
}

func asImage(f frontmatter.Field) (*Image, *lineError) {
	switch v := f.Value.(type) {
	case nil:
		return nil, nil
	case string:
		if strings.TrimSpace(v) == "" {
			return nil, nil
		}
		return &Image{URL: strings.TrimSpace(v)}, nil
	case map[string]any:
		img := &Image{}
		for k, e := range v {
			s, ok := values.Text(e)
			if !ok {
				return nil, typeError(frontmatter.Field{Key: f.Key + "." + k, Line: f.Line, Value: e}, "text")
			}
			switch strings.ToLower(k) {
			case "src", "url", "path": // path: jekyll-seo-tag's form
				img.URL = strings.TrimSpace(s)
			case "alt":
				img.Alt = s
			case "type":
				img.Type = strings.TrimSpace(s)
			case "length", "size":
				n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
				if err != nil || n < 0 {
					return nil, typeError(frontmatter.Field{Key: f.Key + "." + k, Line: f.Line, Value: e}, "a byte count")
				}
				img.Length = n
			}
		}
		if img.URL == "" {
			return nil, &lineError{line: f.Line, err: fmt.Errorf("%w: %s: want src or url", ErrFieldType, f.Key)}
		}
		return img, nil
	}
	return nil, typeError(f, "a URL or a mapping with src")
}

func asAuthors(f frontmatter.Field) ([]Author, *lineError) {
	one := func(v any) (Author, bool) {
		switch v := v.(type) {
		case string:
			return ParseAuthor(v), true
		case map[string]any:
			var a Author
			for k, e := range v {
				s, ok := values.Text(e)
				if !ok {
					return a, false
				}
				switch strings.ToLower(k) {
				case "name":
					a.Name = strings.TrimSpace(s)
				case "email":
					a.Email = strings.TrimSpace(s)
				case "url", "uri", "link":
					a.URL = strings.TrimSpace(s)
				}
			}
			return a, true
		}
		return Author{}, false
	}
	switch v := f.Value.(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]Author, 0, len(v))
		for _, e := range v {
			a, ok := one(e)
			if !ok {
				return nil, typeError(f, "a list of names or of mappings with name, email and url")
			}
			if a != (Author{}) {
				out = append(out, a)
			}
		}
		return out, nil
	default:
		a, ok := one(v)
		if !ok {
			return nil, typeError(f, `"Name <email>" or a mapping with name, email and url`)
		}
		if a == (Author{}) {
			return nil, nil
		}
		return []Author{a}, nil
	}
}

// LoadDir reads every *.md, *.markdown and *.mdx file under dir in fsys,
// recursively, and returns their posts sorted by path. Files are parsed in
// parallel. It returns every post it could parse, together with an
// [ErrorList] holding one *PostError for each file it could not; a caller
// that wants to publish the good posts anyway may use both.
//
// A hero image written relative to the post (./hero.jpg) is looked up next
// to the post in fsys; when it is there its size and sniffed type are
// recorded.
func LoadDir(fsys fs.FS, dir string, opts *LoadOptions) ([]*Post, error) {
	if dir == "" {
		dir = "."
	}
	pc := opts.parseConfig()
	pc.markup.root = dir
	workers := 0
	if opts != nil {
		workers = opts.Workers
	}
	if workers <= 0 {
		workers = maxProcs()
	}
	lazy := opts != nil && opts.Lazy
	root := &loadRoot{fsys: fsys}
	cache := opts.postCache(root, dir, &pc)

	// Files are loaded while the walk goes on; each worker keeps what it
	// loaded, and the results are put in path order at the end.
	type loaded struct {
		name string
		post *Post
		err  *PostError
	}
	results := make([][]loaded, workers)
	// A file comes with its entry in its folder when the walk found one:
	// its metadata, which the cache's index checks, is often known from
	// reading the folder.
	type found struct {
		name  string
		entry fs.DirEntry
	}
	names := make(chan found, 256)
	var wg sync.WaitGroup
	for w := range results {
		wg.Go(func() {
			for f := range names {
				p, err := loadFile(root, f.name, f.entry, pc, lazy, cache)
				results[w] = append(results[w], loaded{f.name, p, err})
			}
		})
	}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			names <- found{name: p} // loading it reports the error, with the path
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !utf8.ValidString(d.Name()) {
				names <- found{name: p} // an fs.FS cannot open it: loading it says so
				return fs.SkipDir
			}
			return nil
		}
		if isPostFile(d.Name()) {
			names <- found{p, d}
		}
		return nil
	})
	close(names)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	var all []loaded
	for _, r := range results {
		all = append(all, r...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	var ok []*Post
	var errs ErrorList
	for _, r := range all {
		if r.post != nil {
			ok = append(ok, r.post)
		} else {
			errs = append(errs, r.err)
		}
	}
	errs.Sort()
	return ok, errs.Err()
}

func isPostFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return (ext == ".md" || ext == ".markdown" || ext == ".mdx") && !strings.HasPrefix(name, ".")
}

// loadFile loads the post file name, from cache when it has it.
func loadFile(root *loadRoot, name string, entry fs.DirEntry, pc parseConfig, lazy bool, cache *postCache) (*Post, *PostError) {
	if !utf8.ValidString(name) {
		return nil, &PostError{Path: name, Err: ErrBadName}
	}
	fsys := root.fsys
	if p := cache.trusted(name, entry); p != nil {
		return p.statHero(fsys, name), nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &PostError{Path: name, Err: err}
	}
	defer f.Close()
	size := int64(0)
	var stat loadcache.Stat
	if st, err := f.Stat(); err == nil {
		if st.Size() > MaxPostSize {
			return nil, &PostError{Path: name, Err: fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, st.Size(), MaxPostSize)}
		}
		size = st.Size()
		pc.modTime = st.ModTime()
		stat, _ = loadcache.StatOf(st)
	}
	buf := fileBufs.get()
	defer fileBufs.put(buf)
	buf.Grow(int(size) + bytes.MinRead) // ReadFrom wants MinRead bytes free to see io.EOF
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxPostSize+1)); err != nil {
		return nil, &PostError{Path: name, Err: err}
	}
	var sum [sha256.Size]byte
	parseFS := fsys
	var deps *depRecorder
	if lazy || cache != nil {
		sum = checksum(buf.Bytes())
	}
	if cache != nil {
		if p := cache.found(name, stat, pc.modTime.UnixNano(), sum); p != nil {
			return p.statHero(fsys, name), nil
		}
		deps = &depRecorder{fsys: fsys}
		parseFS = deps
	}
	p, offset, perr := parsePost(buf.Bytes(), name, pc, parseFS)
	if perr != nil {
		return nil, perr
	}
	switch {
	case lazy && len(p.Body) > 0:
		p.src = &source{fsys: fsys, name: name, size: buf.Len(), sum: sum, offset: offset, markup: pc.markup, sourceLinks: mentionsSource(p.Body), mayLink: mayLink(p.Body), mayRefer: media.MayRefer(p.Body)}
		p.Body = nil
	default:
		// The post keeps only its body, in memory of its own, until Build
		// has rendered it; buf is read into again.
		p.Body = append(make([]byte, 0, len(p.Body)), p.Body...)
	}
	p.origin = &origin{root: root, name: name}
	if cache != nil {
		cache.store(name, p, stat, pc.modTime.UnixNano(), sum, deps.deps)
	}
	return p.statHero(fsys, name), nil
}

// statHero records the size and type of p's hero image, when it is a file
// next to the post file name in fsys, and returns p.
func (p *Post) statHero(fsys fs.FS, name string) *Post {
	if p.Hero != nil {
		if rel, ok := localPath(p.Hero.URL); ok {
			if src := path.Join(path.Dir(name), rel); fs.ValidPath(src) {
				statImage(fsys, src, p.Hero)
			}
		}
	}
	return p
}

// fileBufs holds the buffers post files are read into.
var fileBufs bufPool

// parallel runs fn(0..n-1) on up to workers goroutines (0: GOMAXPROCS).
func parallel(n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = maxProcs()
	}
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
