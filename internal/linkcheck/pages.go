package linkcheck

import (
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// PageLinks returns the URLs that the site's own HTML pages link to (every
// href, src, srcset candidate… of every *.html file of the tree, resolved
// against the page's URL), without their fragments. A URL broken in the
// feeds that the generator's pages link to as well is a link the author
// wrote, broken on the site itself.
func (s Site) PageLinks() (map[string]bool, error) {
	links := map[string]bool{}
	err := fs.WalkDir(s.Tree, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return err
		}
		data, err := fs.ReadFile(s.Tree, name)
		if err != nil {
			return err
		}
		page := strings.TrimSuffix(name, "index.html")
		base := s.URL.JoinPath(page)
		if (page == "" || strings.HasSuffix(page, "/")) && !strings.HasSuffix(base.Path, "/") {
			base.Path += "/"
		}
		for _, raw := range htmlURLs(string(data)) {
			u, err := url.Parse(strings.TrimSpace(raw))
			if err != nil {
				continue
			}
			u = base.ResolveReference(u)
			u.Fragment = ""
			links[u.String()] = true
		}
		return nil
	})
	return links, err
}

// withoutFragment returns raw without its #fragment.
func withoutFragment(raw string) string {
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		return raw[:i]
	}
	return raw
}

// OnPages reports whether the site's pages, as PageLinks found them, link
// to raw (its fragment ignored).
func OnPages(pages map[string]bool, raw string) bool {
	return pages[withoutFragment(raw)]
}
