package generator

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// readAstro reads an Astro site's astro.config.*, its content collections
// and its routes.
func readAstro(fsys fs.FS, file string, js *jsScript, b []byte) *Site {
	s := &Site{}

	site, _ := s.jsString(js, file, "site URL", "-url", "site")
	base, _ := s.jsString(js, file, "base path", "-url", "base")
	if site == "" {
		if _, found := js.lookup("site"); !found {
			s.warn("no site in %s: pass -url", file)
		}
	}
	s.SiteURL, s.BasePath = joinBase(site, base)
	if site != "" && s.SiteURL == "" {
		s.warn("site %q in %s is not an absolute URL: pass -url", site, file)
	}
	s.Language, _ = s.jsString(js, file, "language", "-lang", "i18n", "defaultLocale")

	srcDir := jsDir(s, js, file, "srcDir", "src")
	pages := path.Join(srcDir, "pages")
	s.OutputDir = jsDir(s, js, file, "outDir", "dist")
	format, _ := s.jsString(js, file, "build.format", "-permalink", "build", "format")
	slash, _ := s.jsString(js, file, "trailingSlash", "-permalink", "trailingSlash")

	s.astroConsts(fsys, srcDir)
	s.astroPosts(fsys, srcDir)
	routes := astroRoutes(fsys, pages)
	for i := range s.Posts {
		p := &s.Posts[i]
		r, ok := pickRoute(routes, path.Base(p.Dir))
		if !ok {
			s.warn("no route in %s serves %s: pass -permalink", pages, p.Dir)
			continue
		}
		p.Rule, p.Permalink = astroPermalink(r, format, slash)
		s.note("permalink %s from the route %s", p.Permalink, r.file)
	}
	for _, r := range routes {
		key := map[string]string{"tags": "tags", "tag": "tags", "categories": "categories", "category": "categories"}[r.folder]
		if key != "" && !r.rest {
			if s.Taxonomies == nil {
				s.Taxonomies = map[string]string{}
			}
			s.Taxonomies[key] = astroRule(r, format, slash, "{term}")
			s.note("%s pages %s from the route %s", key, s.Taxonomies[key], r.file)
		}
	}
	for _, e := range astroEndpoints(fsys, pages) {
		s.GeneratorFiles = append(s.GeneratorFiles, e.out)
		s.note("%s writes %s", e.file, path.Join(s.OutputDir, e.out))
	}
	if i := strings.Index(string(b), "@astrojs/sitemap"); i >= 0 {
		s.GeneratorFiles = append(s.GeneratorFiles, "sitemap-*.xml")
		s.note("@astrojs/sitemap writes %s (%s)", path.Join(s.OutputDir, "sitemap-*.xml"),
			at(file, 1+strings.Count(string(b[:i]), "\n")))
	}
	return s
}

// jsString reads the string at a property path of a script. A value that
// is not a literal string is reported in a warning naming flag.
func (s *Site) jsString(js *jsScript, file, what, flag string, keys ...string) (string, bool) {
	v, ok := js.lookup(keys...)
	if !ok {
		return "", false
	}
	if v.kind != jsString {
		s.warn("%s in %s is computed (%s), not read: pass %s", what, at(file, v.line), v, flag)
		return "", false
	}
	if strings.HasSuffix(what, "URL") {
		s.note("%s %s from %s", what, v.text, at(file, v.line))
	} else {
		s.note("%s %q from %s", what, v.text, at(file, v.line))
	}
	return v.text, true
}

// jsDir reads a folder setting of astro.config, or returns def.
func jsDir(s *Site, js *jsScript, file, key, def string) string {
	if d, ok := s.jsString(js, file, key, "-src or -out", key); ok {
		return path.Clean(strings.TrimPrefix(d, "./"))
	}
	return def
}

// astroConsts reads SITE_TITLE and SITE_DESCRIPTION from src/consts.ts, the
// blog starter's place for them.
func (s *Site) astroConsts(fsys fs.FS, srcDir string) {
	file := firstFile(fsys, path.Join(srcDir, "consts.ts"), path.Join(srcDir, "consts.js"))
	if file == "" {
		return
	}
	js, _, err := readJS(fsys, file)
	if err != nil {
		return
	}
	for _, c := range []struct {
		name, what, flag string
		dst              *string
	}{
		{"SITE_TITLE", "title", "-title", &s.Title},
		{"SITE_DESCRIPTION", "description", "-description", &s.Description},
	} {
		v, ok := js.constant(c.name)
		switch {
		case !ok:
		case v.kind == jsString:
			*c.dst = v.text
			s.note("%s %q from %s", c.what, v.text, at(file, v.line))
		default:
			s.warn("%s in %s is computed, not read: pass %s", c.name, at(file, v.line), c.flag)
		}
	}
}

// astroPosts finds the content collections' folders: the literal base of
// each glob() loader in src/content.config.*, else src/content/blog.
func (s *Site) astroPosts(fsys fs.FS, srcDir string) {
	var names []string
	for _, ext := range []string{".ts", ".js", ".mjs", ".mts"} {
		names = append(names, path.Join(srcDir, "content.config"+ext))
	}
	names = append(names, path.Join(srcDir, "content", "config.ts"), path.Join(srcDir, "content", "config.js"))
	if file := firstFile(fsys, names...); file != "" {
		if js, _, err := readJS(fsys, file); err == nil {
			for _, v := range js.lookupAll("base") {
				if v.kind != jsString {
					s.warn("a loader base in %s is computed (%s), not read: pass -src", at(file, v.line), v)
					continue
				}
				dir := path.Clean(strings.TrimPrefix(v.text, "./"))
				s.Posts = append(s.Posts, PostDir{Dir: dir})
				s.note("posts in %s from %s", dir, at(file, v.line))
			}
			if vs := js.lookupAll("draft"); len(vs) > 0 {
				s.DraftKey = "draft"
				s.note("draft key from the schema at %s", at(file, vs[0].line))
			}
		}
	}
	if len(s.Posts) == 0 {
		dir := path.Join(srcDir, "content", "blog")
		if !isDir(fsys, dir) {
			s.warn("no posts folder found (no loader base, no %s): pass -src", dir)
			return
		}
		s.Posts = []PostDir{{Dir: dir}}
		s.note("posts in %s, Astro's usual folder", dir)
	}
}

// astroRoute is a dynamic route file of src/pages.
type astroRoute struct {
	file   string // src/pages/blog/[...slug].astro
	folder string // blog/
	param  string // slug
	rest   bool   // [...slug]
}

// routeFile matches a dynamic page route's file name.
var routeFile = regexp.MustCompile(`^\[(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)\]\.(astro|md|mdx|html)$`)

// astroRoutes lists the dynamic page routes of pages.
func astroRoutes(fsys fs.FS, pages string) []astroRoute {
	var rs []astroRoute
	_ = fs.WalkDir(fsys, pages, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		m := routeFile.FindStringSubmatch(d.Name())
		if m == nil {
			return nil
		}
		folder := strings.TrimPrefix(path.Dir(p), pages)
		folder = strings.Trim(folder, "/")
		rs = append(rs, astroRoute{file: p, folder: folder, param: m[2], rest: m[1] != ""})
		return nil
	})
	return rs
}

// pickRoute returns the route of the collection named name: the one in a
// folder of that name, else the only route outside taxonomy folders.
func pickRoute(rs []astroRoute, name string) (astroRoute, bool) {
	var others []astroRoute
	for _, r := range rs {
		if r.folder == name {
			return r, true
		}
		switch path.Base(r.folder) {
		case "tags", "tag", "categories", "category":
		default:
			others = append(others, r)
		}
	}
	if len(others) == 1 {
		return others[0], true
	}
	return astroRoute{}, false
}

// astroPermalink returns the route's pattern in Astro's syntax and in
// sitefeed's.
func astroPermalink(r astroRoute, format, slash string) (rule, permalink string) {
	param := "[" + r.param + "]"
	if r.rest {
		param = "[..." + r.param + "]"
	}
	return astroRule(r, format, slash, param), astroRule(r, format, slash, "{slug}")
}

// astroRule is the URL pattern of a route with its parameter written as
// param, after build.format ("directory" by default, "file" or
// "preserve" for name.html) and trailingSlash ("never" drops the slash).
func astroRule(r astroRoute, format, slash, param string) string {
	p := "/" + r.folder + "/" + param
	if r.folder == "" {
		p = "/" + param
	}
	switch {
	case format == "file" || format == "preserve":
		return p + ".html"
	case slash == "never":
		return p
	}
	return p + "/"
}

// astroEndpoint is a static endpoint of src/pages and the file it writes,
// relative to the output folder.
type astroEndpoint struct {
	file, out string // src/pages/rss.xml.js, rss.xml
}

// astroEndpoints lists the static endpoints of pages that write a file with
// an extension, such as rss.xml from rss.xml.js.
func astroEndpoints(fsys fs.FS, pages string) []astroEndpoint {
	var files []astroEndpoint
	_ = fs.WalkDir(fsys, pages, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		name := strings.TrimPrefix(p, pages+"/")
		switch path.Ext(name) {
		case ".js", ".ts", ".mjs", ".mts":
		default:
			return nil
		}
		name = strings.TrimSuffix(name, path.Ext(name))
		if path.Ext(name) != "" && !strings.Contains(name, "[") {
			files = append(files, astroEndpoint{p, name})
		}
		return nil
	})
	return files
}
