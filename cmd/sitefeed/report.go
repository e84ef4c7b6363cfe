package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/sitefeed/sitefeed"
)

// A report collects what a build did, for the summary.
type report struct {
	config      string // settings file used, or ""
	check       bool   // -check: nothing is written
	skipInvalid bool
	wait        bool // -wait: wait for another build writing into -out
	allowEmpty  bool // -allow-empty: no posts may empty feeds that had some

	read    int // post files read
	invalid int // bad posts (left out with -skip-invalid)
	set     *sitefeed.Set
	sum     summary // of set, for the summary; what a stamp replays

	// spared is, when a stamp spared the build, how many files and
	// folders were looked at to tell that nothing changed.
	spared int

	out      string // folder written to
	files    [sitefeed.JSON + 1]int
	sizes    [sitefeed.JSON + 1]int64
	opmlSize int64
	// Files that already held their bytes and were left as they were.
	unchanged int
	opmlSame  bool
	mediaSame int // media files left as they were

	cacheDir string              // -cache, when one was used
	cache    sitefeed.CacheStats // what the build took from it
}

func (r *report) add(f sitefeed.Format, size int64) {
	r.files[f]++
	r.sizes[f] += size
}

// checkAll renders every document of the set, and the OPML list, and checks
// that each is well-formed XML or valid JSON. It writes nothing. The
// documents are streamed through the checks as WriteDir streams them to
// files: each post is read and rendered once, not once per feed.
func (r *report) checkAll(set *sitefeed.Set) error {
	var mu sync.Mutex
	err := set.WriteFiles(func(f sitefeed.File) (io.WriteCloser, error) {
		if f.Media != nil { // copied as it is: nothing to check but that it still is
			return nopCloser{io.Discard}, nil
		}
		return newChecker(f, func(size int64) {
			mu.Lock()
			r.add(f.Format, size)
			mu.Unlock()
		}), nil
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := set.WriteOPML(&buf); err != nil {
		return fmt.Errorf("rendering %s: %v", opmlName, err)
	}
	if err := wellFormed(sitefeed.RSS, buf.Bytes()); err != nil {
		return fmt.Errorf("%s is not valid XML (a bug in sitefeed; please report it): %v", opmlName, err)
	}
	r.opmlSize = int64(buf.Len())
	return nil
}

// wellFormed checks that data is well-formed XML (RSS, Atom) or valid JSON.
func wellFormed(f sitefeed.Format, data []byte) error {
	return checkStream(f, bytes.NewReader(data))
}

// checkStream checks that what r reads, to its end, is well-formed XML
// (RSS, Atom) or one valid JSON value.
func checkStream(f sitefeed.Format, r io.Reader) error {
	if f == sitefeed.JSON {
		d := json.NewDecoder(r)
		depth, values := 0, 0
		for {
			t, err := d.Token()
			if err == io.EOF && depth == 0 && values == 1 {
				return nil
			}
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			if err != nil {
				return err
			}
			if values > 0 {
				return errors.New("more than one JSON value")
			}
			switch t {
			case json.Delim('{'), json.Delim('['):
				depth++
			case json.Delim('}'), json.Delim(']'):
				depth--
			}
			if depth == 0 {
				values++
			}
		}
	}
	d := xml.NewDecoder(r)
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// A summary is what the summary says of the posts and feeds of a build.
// A stamp keeps it, so that a build the stamp spares says what the build
// did.
type summary struct {
	Read, Published, Drafts, Future, Invalid int
	Feeds, Pages                             int
	Formats                                  []sitefeed.Format
	Files                                    [sitefeed.JSON + 1]int
	Sizes                                    [sitefeed.JSON + 1]int64
	OPMLSize                                 int64
	Media                                    int
	MediaSize                                int64
	SiteFeeds                                []string // the site feed's URL in each format
}

// summarize fills r.sum from r.set and the files written.
func (r *report) summarize() {
	set := r.set
	s := summary{Read: r.read, Published: len(set.Posts), Drafts: set.Drafts, Future: set.Future, Invalid: r.invalid,
		Feeds: len(set.Feeds()), Formats: set.Formats, Files: r.files, Sizes: r.sizes, OPMLSize: r.opmlSize, Media: len(set.Media)}
	for _, f := range set.Feeds() {
		s.Pages += len(f.Archives)
	}
	for _, m := range set.Media {
		s.MediaSize += m.Length
	}
	for _, f := range set.Formats {
		s.SiteFeeds = append(s.SiteFeeds, set.All.FeedURL(f))
	}
	r.sum = s
}

// print writes the summary: the settings file, the posts, the feeds and the
// site feeds' URLs.
func (r *report) print(w io.Writer, j *job) {
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "%-10s%s\n", label, fmt.Sprintf(format, args...))
	}
	if r.config != "" {
		line("settings", "%s", r.config)
	}
	s := r.sum
	var left []string
	if s.Drafts > 0 {
		left = append(left, plural(s.Drafts, "draft", "drafts"))
	}
	if s.Future > 0 {
		left = append(left, fmt.Sprintf("%d future (after %s)", s.Future, j.opts.Now.Format("2006-01-02T15:04:05Z07:00")))
	}
	if s.Invalid > 0 {
		left = append(left, fmt.Sprintf("%d invalid", s.Invalid))
	}
	posts := fmt.Sprintf("%d read, %d published", s.Read, s.Published)
	if len(left) > 0 {
		posts += "; left out: " + strings.Join(left, ", ")
	}
	line("posts", "%s", posts)

	total := 0
	for _, n := range s.Files {
		total += n
	}
	feeds := fmt.Sprintf("%s in %s", plural(s.Feeds, "feed", "feeds"), plural(len(s.Formats), "format", "formats"))
	if s.Pages > 0 {
		feeds += " with " + plural(s.Pages, "archive page", "archive pages")
	}
	feeds += ": " + plural(total, "file", "files")
	if r.check {
		line("feeds", "%s checked; nothing written (-check)", feeds)
	} else {
		out, opml := r.out, opmlName
		if r.unchanged > 0 {
			out += fmt.Sprintf(" (%d unchanged)", r.unchanged)
		}
		if r.opmlSame {
			opml += " (unchanged)"
		}
		line("feeds", "%s written to %s, and %s", feeds, out, opml)
	}
	for _, f := range s.Formats {
		line("", "%-5s %-9s %9s", f, plural(s.Files[f], "file", "files"), size(s.Sizes[f]))
	}
	line("", "%-5s %-9s %9s", "opml", "1 file", size(s.OPMLSize))
	if s.Media > 0 {
		same := ""
		if r.mediaSame > 0 {
			same = fmt.Sprintf(" (%d unchanged)", r.mediaSame)
		}
		line("", "%-5s %-9s %9s%s", "media", plural(s.Media, "file", "files"), size(s.MediaSize), same)
	}
	switch {
	case r.spared > 0:
		line("cache", "%s: nothing the last build read or wrote changed (%s looked at); nothing read or written", r.cacheDir, plural(r.spared, "file", "files"))
	case r.cacheDir != "":
		c := r.cache
		line("cache", "%s: %s unchanged (%d not read), %d parsed", r.cacheDir, plural(c.Unread+c.Unparsed, "post", "posts"), c.Unread, c.Parsed)
	}
	for i, u := range s.SiteFeeds {
		label := ""
		if i == 0 {
			label = "site"
		}
		line(label, "%s", u)
	}
}

// A nopCloser is a writer with a Close that does nothing.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// size formats a byte count for people.
func size(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KiB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1024*1024))
	}
}
