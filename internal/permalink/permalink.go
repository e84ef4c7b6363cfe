// Package permalink expands the URL patterns of posts: sitefeed's own
// {name} placeholders, into which the patterns of Jekyll (":title") and
// Hugo (":slug") are translated by [FromJekyll] and [FromHugo].
//
// A pattern is parsed once ([Parse]), which names any placeholder it does
// not know, and expanded per post ([Pattern.Expand]) without allocating
// more than the result.
package permalink

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Names are the placeholders a pattern may hold, each with what it stands
// for. See [Vars] for the values they are made from.
var Names = []string{
	"slug",          // the post's slug: front matter slug, else the file name (Jekyll date dropped; a bundle's folder)
	"slug_pretty",   // {slug} with runs of characters other than letters, digits, marks and ._~!$&'()+,;=@ one "-", case kept (Jekyll's :title)
	"slug_lower",    // {slug} with runs of characters other than letters, digits and marks one "-", in lower case (Jekyll's :slug)
	"title",         // the title made a slug as Hugo's urlize does (Hugo's :title)
	"filename",      // the file name as {slug} gives it without front matter slug
	"name",          // the file name without extension, date kept, made a slug (Jekyll's :name)
	"path",          // the file's path below the content folder, without extension; an index file, or one named as its folder, gives the folder (Eleventy's rule)
	"section",       // the first folder of the file's path below the content folder
	"sections",      // the folders of {path} but its last segment, joined by "/"
	"slug_or_title", // the front matter slug, else {title} (Hugo's :slug)
	"categories",    // the categories in lower case, joined by "/"
	"year",          // 2024
	"short_year",    // 24
	"month",         // 01..12
	"i_month",       // 1..12
	"day",           // 01..31
	"i_day",         // 1..31
	"y_day",         // 001..366
	"hour",          // 00..23
	"minute",        // 00..59
	"second",        // 00..59
}

// colonName finds a placeholder in Jekyll's or Hugo's syntax at the start
// of a segment.
var colonName = regexp.MustCompile(`(?:^|/)(:[A-Za-z_]+)`)

var known = func() map[string]int {
	m := make(map[string]int, len(Names))
	for i, n := range Names {
		m[n] = i
	}
	return m
}()

// Vars are what one post's URL is made from.
type Vars struct {
	Slug       string    // {slug}; may hold "/" between segments
	SlugGiven  bool      // Slug was given (front matter slug), not made from the file name
	Title      string    // the title, made a slug by {title}
	Path       string    // slash-separated source path below the content folder, such as "posts/a/index.md"
	Categories []string  // in order; {categories} drops repeats
	Time       time.Time // in the site's zone
}

// A Pattern is a parsed URL pattern.
type Pattern struct {
	src   string
	parts []part
}

// part is a literal, or a placeholder when ph >= 0.
type part struct {
	lit   string
	ph    int
	lower bool // {name|lower}
}

// An UnknownError names a placeholder a pattern holds that sitefeed does
// not know.
type UnknownError struct {
	Pattern, Name string
	Offset        int // byte offset of Name in Pattern
}

func (e *UnknownError) Error() string {
	if name, ok := strings.CutPrefix(e.Name, ":"); ok {
		if _, known := known[name]; known {
			return fmt.Sprintf("permalink %q: %s is Jekyll's or Hugo's syntax: write {%s}", e.Pattern, e.Name, name)
		}
	}
	return fmt.Sprintf("permalink %q: unknown placeholder %s (known: {%s})", e.Pattern, e.Name, strings.Join(Names, "}, {"))
}

// Parse parses a pattern in sitefeed's syntax. A "{" that does not open a
// known {name}, and a segment that starts with ":" and a letter (Jekyll's
// and Hugo's syntax, such as /:year/:title), are errors: an
// *UnknownError naming the placeholder.
func Parse(pattern string) (*Pattern, error) {
	if m := colonName.FindStringSubmatchIndex(pattern); m != nil {
		return nil, &UnknownError{Pattern: pattern, Name: pattern[m[2]:m[3]], Offset: m[2]}
	}
	p := &Pattern{src: pattern}
	rest := pattern
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			p.parts = append(p.parts, part{lit: rest, ph: -1})
			break
		}
		if i > 0 {
			p.parts = append(p.parts, part{lit: rest[:i], ph: -1})
		}
		at := len(pattern) - len(rest) + i
		j := strings.IndexByte(rest, '}')
		if j < i {
			return nil, &UnknownError{Pattern: pattern, Name: rest[i:], Offset: at}
		}
		name, lower := strings.CutSuffix(rest[i+1:j], "|lower")
		n, ok := known[name]
		if !ok {
			return nil, &UnknownError{Pattern: pattern, Name: rest[i : j+1], Offset: at}
		}
		p.parts = append(p.parts, part{ph: n, lower: lower})
		rest = rest[j+1:]
	}
	return p, nil
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.src }

// Uses reports whether the pattern holds the placeholder {name}.
func (p *Pattern) Uses(name string) bool {
	n, ok := known[name]
	if !ok {
		return false
	}
	for _, pt := range p.parts {
		if pt.ph == n {
			return true
		}
	}
	return false
}

// Expand returns the URL path of a post. Values are escaped as URL path
// segments; a placeholder that is empty takes the "/" after it along (as
// Jekyll's empty :categories does), so that no "//" appears.
func (p *Pattern) Expand(v *Vars) string {
	var b strings.Builder
	b.Grow(len(p.src) + len(v.Slug) + 8)
	skipSlash := false
	for _, pt := range p.parts {
		if pt.ph < 0 {
			lit := pt.lit
			if skipSlash && strings.HasPrefix(lit, "/") && strings.HasSuffix(b.String(), "/") {
				lit = lit[1:]
			}
			b.WriteString(lit)
			skipSlash = false
			continue
		}
		n := b.Len()
		expand(&b, Names[pt.ph], v, pt.lower)
		skipSlash = b.Len() == n
	}
	return b.String()
}

// expand writes the value of the placeholder name, in lower case with
// lower, escaped.
func expand(b *strings.Builder, name string, v *Vars, lower bool) {
	write := func(s string) { // a path of segments
		if lower {
			s = strings.ToLower(s)
		}
		segments(b, s)
	}
	switch name {
	case "slug":
		write(strings.Trim(v.Slug, "/"))
	case "slug_pretty":
		write(jekyllPretty(v.Slug))
	case "slug_lower":
		write(jekyllSlug(v.Slug))
	case "title":
		write(Slugify(v.Title))
	case "filename":
		write(FileSlug(v.Path))
	case "name":
		write(jekyllSlug(baseName(v.Path)))
	case "path":
		p := trimIndex(trimExt(v.Path))
		if dir := dirOf(p); dir != "" && dir[strings.LastIndexByte(dir, '/')+1:] == p[len(dir)+1:] {
			p = dir // blog/x/x.md is blog/x
		}
		write(p)
	case "slug_or_title":
		if v.SlugGiven {
			write(strings.Trim(v.Slug, "/"))
		} else {
			write(Slugify(v.Title))
		}
	case "section":
		if sec, _, ok := strings.Cut(v.Path, "/"); ok {
			write(sec)
		}
	case "sections":
		write(dirOf(trimIndex(trimExt(v.Path))))
	case "categories":
		seen := make(map[string]bool, len(v.Categories))
		for _, c := range v.Categories {
			c = strings.ToLower(strings.TrimSpace(c))
			if c == "" || seen[c] {
				continue
			}
			if len(seen) > 0 {
				b.WriteByte('/')
			}
			seen[c] = true
			segments(b, c)
		}
	default:
		d := dateParts[name]
		pad(b, d.of(v.Time), d.width)
	}
}

// dateParts are the placeholders of the date: the number each stands for
// and its width, padded with zeros.
var dateParts = map[string]struct {
	of    func(time.Time) int
	width int
}{
	"year":       {time.Time.Year, 4},
	"short_year": {func(t time.Time) int { return t.Year() % 100 }, 2},
	"month":      {func(t time.Time) int { return int(t.Month()) }, 2},
	"i_month":    {func(t time.Time) int { return int(t.Month()) }, 1},
	"day":        {time.Time.Day, 2},
	"i_day":      {time.Time.Day, 1},
	"y_day":      {time.Time.YearDay, 3},
	"hour":       {time.Time.Hour, 2},
	"minute":     {time.Time.Minute, 2},
	"second":     {time.Time.Second, 2},
}

func pad(b *strings.Builder, n, width int) {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b.WriteByte('0')
	}
	b.WriteString(s)
}

// segments writes a slash-separated path with each segment escaped.
func segments(b *strings.Builder, p string) {
	for i, s := range strings.Split(p, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(url.PathEscape(s))
	}
}

// CheckSlug reports whether a slug can stand in a URL path: no empty, "."
// or ".." segment.
func CheckSlug(slug string) bool {
	for _, s := range strings.Split(strings.Trim(slug, "/"), "/") {
		if s == "" || s == "." || s == ".." {
			return false
		}
	}
	return true
}

func trimExt(p string) string {
	base := p[strings.LastIndexByte(p, '/')+1:]
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return p[:len(p)-len(base)+i]
	}
	return p
}

// trimIndex drops a final index or _index segment: a bundle's or
// folder's page is its folder.
func trimIndex(p string) string {
	switch base := p[strings.LastIndexByte(p, '/')+1:]; base {
	case "index", "_index":
		return strings.TrimSuffix(strings.TrimSuffix(p, base), "/")
	}
	return p
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

func baseName(p string) string {
	return trimExt(p[strings.LastIndexByte(p, '/')+1:])
}
