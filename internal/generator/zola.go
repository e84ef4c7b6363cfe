package generator

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// readZola reads a Zola site's zola.toml or config.toml.
func readZola(fsys fs.FS, file string) (*Site, error) {
	c, err := readConfig(fsys, file, false)
	if err != nil {
		return nil, err
	}
	s := &Site{DraftKey: "draft"}
	raw := c.str("base_url")
	s.SiteURL, s.BasePath = siteURL(raw)
	if s.SiteURL != "" {
		s.note("site URL %s from %s", s.SiteURL, c.at("base_url"))
	} else {
		s.BasePath = "/"
		s.warn("base_url %q in %s is not an absolute URL: pass -url", raw, c.at("base_url"))
	}
	s.Language = "en"
	s.setAbout(c, "default_language")

	if sec, n := mostDated(fsys, "content"); sec != "" {
		s.note("posts in content/%s: the section with the most dated pages (%d)", sec, n)
		// Zola slugifies page names (slugify.paths "on" by default) but
		// keeps the sections' folder names.
		s.ContentDir = "content"
		s.Posts = []PostDir{{Dir: path.Join("content", sec), Permalink: "/{sections}/{slug|lower}/"}}
	} else {
		s.warn("no section of content holds dated pages: pass -src")
	}

	root := "/"
	if r := c.str("taxonomy_root"); r != "" {
		root = "/" + strings.Trim(r, "/") + "/"
	}
	if list := tables(c.get("taxonomies")); list != nil {
		for _, t := range list {
			name, _ := t["name"].(string)
			if name == "" {
				continue
			}
			if s.Taxonomies == nil {
				s.Taxonomies = map[string]string{}
			}
			s.Taxonomies[name] = root + name + "/{term}/"
		}
		s.note("taxonomies %s from %s", strings.Join(slices.Sorted(maps.Keys(s.Taxonomies)), ", "), c.at("taxonomies"))
	}

	s.OutputDir = "public"
	s.setString(c, &s.OutputDir, "output folder", "output_dir")
	feeds := c.strs(false, "feed_filenames")
	if len(feeds) == 0 {
		feeds = c.strs(false, "feed_filename") // before Zola 0.19
	}
	if len(feeds) == 0 {
		feeds = []string{"atom.xml"}
	}
	for _, f := range feeds {
		s.GeneratorFiles = append(s.GeneratorFiles, "**/"+f)
	}
	s.GeneratorFiles = append(s.GeneratorFiles, "sitemap.xml", "robots.txt")
	return s, nil
}

// tables returns a TOML array of tables, however it was decoded.
func tables(v any) []map[string]any {
	switch v := v.(type) {
	case []map[string]any:
		return v
	case []any:
		var out []map[string]any
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}
