package generator

import (
	"io/fs"

	"github.com/sitefeed/sitefeed/internal/permalink"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
)

// readHugo reads a Hugo site's configuration: file is the root
// configuration file (hugo.* or config.*) or one in config/_default/. The
// root file and the files of config/_default/ are merged, the root file
// winning, as Hugo does; config/_default/params.toml and its like hold the
// key named by the file. Keys are compared without case, as in Hugo.
func readHugo(fsys fs.FS, file string) (*Site, error) {
	s := &Site{DraftKey: "draft"}
	c, err := readConfig(fsys, file, true)
	if err != nil {
		return nil, err
	}
	dir := "config/_default/"
	if !strings.HasPrefix(file, dir) {
		if main := firstFile(fsys, hugoFiles(dir)...); main != "" {
			if err := mergeHugo(c, fsys, main, ""); err != nil {
				return nil, err
			}
		}
	}
	if err := mergeHugoDir(c, fsys, dir); err != nil {
		return nil, err
	}

	s.hugoURL(c)
	s.setString(c, &s.Title, "title", "title")
	s.setString(c, &s.Description, "description", "params", "description")
	if s.Description == "" {
		s.setString(c, &s.Description, "description", "description")
	}
	s.setString(c, &s.Language, "language", "languageCode")
	if s.Language == "" {
		s.setString(c, &s.Language, "language", "defaultContentLanguage")
	}
	if !s.setAuthor(c, "params", "author") {
		s.setAuthor(c, "author")
	}

	content := "content"
	s.setString(c, &content, "content folder", "contentDir")
	s.OutputDir = "public"
	s.setString(c, &s.OutputDir, "output folder", "publishDir")
	s.GeneratorFiles = []string{"**/index.xml", "sitemap.xml"}

	s.ContentDir = content
	s.hugoPosts(fsys, c, content)
	s.hugoTaxonomies(c)
	return s, nil
}

// hugoURL reads baseURL.
func (s *Site) hugoURL(c *config) {
	raw := c.str("baseURL")
	s.SiteURL, s.BasePath = siteURL(raw)
	switch {
	case s.SiteURL != "":
		s.note("site URL %s from %s", s.SiteURL, c.at("baseURL"))
	case raw != "":
		s.BasePath = "/"
		s.warn("baseURL %q in %s is not an absolute URL: pass -url", raw, c.at("baseURL"))
	default:
		s.BasePath = "/"
		s.warn("no baseURL in %s: pass -url", c.file)
	}
}

// mergeHugo adds the keys of file to c where c has none; with key, the
// file's content is c's key (params.toml holds params).
func mergeHugo(c *config, fsys fs.FS, file, key string) error {
	o, err := readConfig(fsys, file, true)
	if err != nil {
		return err
	}
	m := o.m
	if key != "" {
		m = map[string]any{key: m}
	}
	if c.from == nil {
		c.from = map[string]origin{}
	}
	from := origin{o, key != ""}
	for k, v := range m {
		if cur, ok := c.m[k].(map[string]any); ok {
			if add, ok := v.(map[string]any); ok {
				for kk, vv := range add {
					if _, set := cur[kk]; !set {
						cur[kk] = vv
						c.from[k+"."+kk] = from
					}
				}
			}
			continue
		}
		if _, set := c.m[k]; !set {
			c.m[k] = v
			c.from[k] = from
		}
	}
	return nil
}

// mergeHugoDir merges the root-key files of config/_default/ (params.toml,
// menus.toml…) into c; language-specific files (menus.en.toml) are skipped.
func mergeHugoDir(c *config, fsys fs.FS, dir string) error {
	entries, err := fs.ReadDir(fsys, strings.TrimSuffix(dir, "/"))
	if err != nil {
		return nil // no config folder
	}
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		key := strings.ToLower(strings.TrimSuffix(name, ext))
		if e.IsDir() || strings.Contains(key, ".") || key == "hugo" || key == "config" {
			continue
		}
		switch ext {
		case ".toml", ".yaml", ".yml", ".json":
			if err := mergeHugo(c, fsys, dir+name, key); err != nil {
				return err
			}
		}
	}
	return nil
}

// hugoPosts finds the main sections: mainSections when set, else the
// top-level section of content with the most dated pages (Hugo itself
// counts all pages; counting dated ones keeps a section of undated
// documentation pages from winning over the blog).
func (s *Site) hugoPosts(fsys fs.FS, c *config, content string) {
	var sections []string
	for _, keys := range [][]string{{"params", "mainSections"}, {"mainSections"}} {
		if sections = c.strs(false, keys...); len(sections) > 0 {
			s.note("main sections %s from %s", strings.Join(sections, ", "), c.at(keys...))
			break
		}
	}
	if len(sections) == 0 {
		sec, n := mostDated(fsys, content)
		if sec == "" {
			s.warn("no section of %s holds dated pages: pass -src", content)
			return
		}
		sections = []string{sec}
		s.note("posts in %s/%s: the section with the most dated pages (%d)", content, sec, n)
	}
	ugly := c.get("uglyURLs") == true
	lower := c.get("disablePathToLower") != true
	for _, sec := range sections {
		rule := "/:sections/:slugorfilename/"
		if ugly {
			rule = "/:sections/:slugorfilename.html"
		}
		for _, keys := range [][]string{{"permalinks", "page", sec}, {"permalinks", sec}} {
			if r := c.str(keys...); r != "" {
				rule = r
				s.note("permalink %s for %s from %s", r, sec, c.at(keys...))
				break
			}
		}
		p := PostDir{Dir: path.Join(content, sec), Rule: rule, Permalink: s.hugoPermalink(rule, lower)}
		s.Posts = append(s.Posts, p)
	}
}

// hugoPermalink turns a Hugo permalink pattern into sitefeed's syntax, or
// "" with a note naming the token that has no equivalent.
func (s *Site) hugoPermalink(rule string, lower bool) string {
	p, err := permalink.FromHugo(rule, lower)
	if err != nil {
		s.note("%v", err)
		return ""
	}
	return p
}

// mostDated returns the top-level section of content with the most pages
// whose front matter has a date or publishDate, and their number; ties go
// to the first name in order.
func mostDated(fsys fs.FS, content string) (string, int) {
	counts := map[string]int{}
	_ = fs.WalkDir(fsys, content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, content+"/")
		sec, _, nested := strings.Cut(rel, "/")
		if !nested || strings.HasPrefix(d.Name(), "_index.") || !isContent(d.Name()) {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		k := frontKeys(b)
		if _, ok := k["date"]; ok {
			counts[sec]++
		} else if _, ok := k["publishdate"]; ok {
			counts[sec]++
		}
		return nil
	})
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	best, most := "", 0
	for _, n := range names {
		if counts[n] > most {
			best, most = n, counts[n]
		}
	}
	return best, most
}

// isContent reports whether name is a Markdown or HTML content file.
func isContent(name string) bool {
	switch path.Ext(name) {
	case ".md", ".markdown", ".mdx", ".html":
		return true
	}
	return false
}

// hugoTaxonomies reads [taxonomies] (default tag = "tags", category =
// "categories"); each plural name is a front matter key whose terms have
// pages at /plural/term/, unless disableKinds holds "term".
func (s *Site) hugoTaxonomies(c *config) {
	for _, k := range c.strs(false, "disableKinds") {
		if strings.EqualFold(k, "term") {
			s.note("no taxonomy pages: disableKinds has term in %s", c.at("disableKinds"))
			return
		}
	}
	tax, set := c.get("taxonomies").(map[string]any)
	if !set {
		tax = map[string]any{"tag": "tags", "category": "categories"}
	}
	for _, v := range tax {
		plural, ok := v.(string)
		if !ok || plural == "" {
			continue
		}
		if s.Taxonomies == nil {
			s.Taxonomies = map[string]string{}
		}
		s.Taxonomies[plural] = "/" + plural + "/{term}/"
	}
	switch {
	case set && len(s.Taxonomies) == 0:
		s.note("no taxonomies: [taxonomies] is empty in %s", c.at("taxonomies"))
	case set:
		s.note("taxonomies %s from %s", strings.Join(slices.Sorted(maps.Keys(s.Taxonomies)), ", "), c.at("taxonomies"))
	default:
		s.note("taxonomies categories, tags: Hugo's default")
	}
}
