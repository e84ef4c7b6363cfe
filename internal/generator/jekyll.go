package generator

import (
	"io/fs"

	"github.com/sitefeed/sitefeed/internal/permalink"
	"path"
	"slices"
	"strings"
)

// readJekyll reads a Jekyll site's _config.yml.
func readJekyll(fsys fs.FS, file string) (*Site, error) {
	c, err := readConfig(fsys, file, false)
	if err != nil {
		return nil, err
	}
	s := &Site{PublishedKey: "published"}

	url, base := c.str("url"), c.str("baseurl")
	s.SiteURL, s.BasePath = joinBase(url, base)
	switch {
	case s.SiteURL != "":
		s.note("site URL %s from %s", s.SiteURL, c.at("url"))
	case url != "":
		s.warn("url %q in %s is not an absolute URL: pass -url", url, c.at("url"))
	default:
		s.warn("no url in %s: pass -url", c.file)
	}
	if base != "" {
		s.note("base path %s from %s", s.BasePath, c.at("baseurl"))
	}
	s.setAbout(c, "lang")

	dir := c.str("collections_dir")
	rule, where := c.str("collections", "posts", "permalink"), c.at("collections", "posts", "permalink")
	if rule == "" {
		rule, where = c.str("permalink"), c.at("permalink")
	}
	if rule == "" {
		rule, where = "date", "Jekyll's default"
	}
	if r, ok := permalink.JekyllStyles[rule]; ok {
		rule = r
	}
	s.note("permalink %s from %s", rule, where)
	perm, err := permalink.FromJekyll(rule)
	if err != nil {
		s.note("%v", err)
	}
	s.ContentDir = dir
	if sep, ok := c.get("excerpt_separator").(string); ok {
		s.ExcerptSeparator = sep
		s.note("excerpt separator %q from %s", sep, c.at("excerpt_separator"))
	}
	s.OutputDir = "_site"
	s.setString(c, &s.OutputDir, "output folder", "destination")
	for _, d := range jekyllPostDirs(fsys, dir, s.OutputDir) {
		s.Posts = append(s.Posts, PostDir{Dir: d, Drafts: path.Join(path.Dir(d), "_drafts"), Rule: rule, Permalink: perm})
	}

	plugins := append(c.strs(false, "plugins"), c.strs(false, "gems")...)
	if slices.Contains(plugins, "jekyll-feed") {
		feed := "feed.xml"
		if p := c.str("feed", "path"); p != "" {
			feed = strings.TrimPrefix(p, "/")
		}
		s.GeneratorFiles = append(s.GeneratorFiles, feed)
		s.note("jekyll-feed writes %s (plugins in %s)", feed, c.at("plugins"))
	}
	if slices.Contains(plugins, "jekyll-sitemap") {
		s.GeneratorFiles = append(s.GeneratorFiles, "sitemap.xml")
	}
	return s, nil
}

// jekyllPostDirs lists the posts folders of a Jekyll site: dir/_posts
// first, then any other _posts folder below dir, whose posts Jekyll also
// reads (giving them the folders above as categories).
func jekyllPostDirs(fsys fs.FS, dir, out string) []string {
	main := path.Join(dir, "_posts")
	dirs := []string{main}
	root := dir
	if root == "" {
		root = "."
	}
	_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || p == "." {
			return nil
		}
		n := d.Name()
		switch {
		case n == "_posts":
			if p != main {
				dirs = append(dirs, p)
			}
			return fs.SkipDir
		case p == out || n == "node_modules" || n == "vendor" || strings.HasPrefix(n, "."),
			strings.HasPrefix(n, "_") && n != "_posts":
			return fs.SkipDir
		}
		return nil
	})
	return dirs
}
