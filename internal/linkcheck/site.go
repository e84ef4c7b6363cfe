package linkcheck

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
)

// A Site is a built site: the tree a generator wrote and the URL it is
// published at.
type Site struct {
	URL  *url.URL // absolute; its path is the site's base path
	Tree fs.FS    // the generator's output folder
}

// local reports whether raw points at the site: an http or https URL on the
// site's host.
func (s Site) local(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, false
	}
	return u, strings.EqualFold(hostPort(u), hostPort(s.URL))
}

// hostPort is u's host with the scheme's default port dropped.
func hostPort(u *url.URL) string {
	h := u.Host
	switch {
	case u.Scheme == "http" && strings.HasSuffix(h, ":80"):
		h = strings.TrimSuffix(h, ":80")
	case u.Scheme == "https" && strings.HasSuffix(h, ":443"):
		h = strings.TrimSuffix(h, ":443")
	}
	return h
}

// Resolve returns the name, in s.Tree, of the file a static host serves at
// u: a path ending in / (or the base path itself) is its folder's
// index.html, and a folder named without the slash is served by its
// index.html too, as hosts do by redirecting. The query and fragment are
// ignored.
func (s Site) Resolve(u *url.URL) (string, error) {
	base := s.URL.Path
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	p := u.Path
	if p == "" || p+"/" == base {
		p = base
	}
	if !strings.HasPrefix(p, base) {
		return "", fmt.Errorf("outside the site's base path %s", base)
	}
	rel := strings.TrimPrefix(p, base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	name := path.Clean(rel)
	if !fs.ValidPath(name) || name != rel {
		return "", fmt.Errorf("not a clean path in the tree: %q", rel)
	}
	fi, err := fs.Stat(s.Tree, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("no file %s", name)
	case err != nil:
		return "", err
	case fi.IsDir():
		index := path.Join(name, "index.html")
		if fi, err := fs.Stat(s.Tree, index); err == nil && fi.Mode().IsRegular() {
			return index, nil
		}
		return "", fmt.Errorf("%s is a folder without index.html", name)
	case !fi.Mode().IsRegular():
		return "", fmt.Errorf("%s is not a regular file", name)
	}
	return name, nil
}

// A Result is the check of one URL that points at the site.
type Result struct {
	URL   string
	Kinds []Kind   // where it was found, in order of first sight
	Files []string // the feed files that hold it, sorted
	File  string   // the file of the tree that serves it
	Err   error    // why no file serves it
}

// Check resolves every URL of feeds that points at the site, once per
// distinct URL, and returns the results sorted by URL, with the number of
// links (occurrences) that point elsewhere.
func (s Site) Check(feeds []Feed) (results []*Result, elsewhere int) {
	byURL := map[string]*Result{}
	for _, f := range feeds {
		for _, l := range f.Links {
			u, ok := s.local(l.URL)
			if !ok {
				elsewhere++
				continue
			}
			r := byURL[l.URL]
			if r == nil {
				r = &Result{URL: l.URL}
				r.File, r.Err = s.Resolve(u)
				byURL[l.URL] = r
				results = append(results, r)
			}
			if !slices.Contains(r.Kinds, l.Kind) {
				r.Kinds = append(r.Kinds, l.Kind)
			}
			if n := len(r.Files); n == 0 || r.Files[n-1] != l.File {
				r.Files = append(r.Files, l.File)
			}
		}
	}
	for _, r := range results {
		slices.Sort(r.Files)
		r.Files = slices.Compact(r.Files)
	}
	sort.Slice(results, func(i, j int) bool { return results[i].URL < results[j].URL })
	return results, elsewhere
}
