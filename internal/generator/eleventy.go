package generator

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
)

// readEleventy reads an Eleventy site's configuration file, its data file
// _data/metadata.* (the base blog's place for the site's URL and title) and
// its directory data files.
func readEleventy(fsys fs.FS, file string, js *jsScript, b []byte) *Site {
	s := &Site{}

	input := "."
	if v, ok := s.jsString(js, file, "input folder", "-src", "dir", "input"); ok {
		input = path.Clean(v)
	}
	s.OutputDir = "_site"
	if v, ok := s.jsString(js, file, "output folder", "-out", "dir", "output"); ok {
		s.OutputDir = path.Clean(v)
	}
	data := "_data"
	if v, ok := s.jsString(js, file, "data folder", "-url", "dir", "data"); ok {
		data = v
	}
	data = path.Join(input, data)
	prefix, _ := s.jsString(js, file, "path prefix", "-url", "pathPrefix")

	url := s.eleventyMetadata(fsys, data)
	if url == "" {
		// The feed plugin's metadata.base, as the base blog writes it.
		url, _ = s.jsString(js, file, "site URL", "-url", "metadata", "base")
	}
	s.SiteURL, s.BasePath = joinBase(url, prefix)
	if s.SiteURL == "" {
		s.warn("no site URL in %s/metadata.* nor in %s: pass -url", data, file)
	}

	if strings.Contains(string(b), "data.draft") {
		s.DraftKey = "draft"
		s.note("drafts marked by the draft key, as %s reads data.draft", file)
	}
	s.eleventyPosts(fsys, input)
	s.eleventyTemplates(fsys, input)
	if v, ok := js.lookup("outputPath"); ok && v.kind == jsString {
		f := strings.TrimPrefix(v.text, "/")
		s.GeneratorFiles = append(s.GeneratorFiles, f)
		s.note("the feed plugin writes %s (%s)", f, at(file, v.line))
	}
	return s
}

// eleventyMetadata reads the site's URL, title, description, language and
// author from the global data file metadata.js or metadata.json, and
// returns the URL.
func (s *Site) eleventyMetadata(fsys fs.FS, data string) string {
	js := path.Join(data, "metadata.js")
	if file := firstFile(fsys, js, path.Join(data, "metadata.mjs"), path.Join(data, "metadata.cjs")); file != "" {
		m, _, err := readJS(fsys, file)
		if err != nil {
			return ""
		}
		url, _ := s.jsString(m, file, "site URL", "-url", "url")
		s.Title, _ = s.jsString(m, file, "title", "-title", "title")
		s.Description, _ = s.jsString(m, file, "description", "-description", "description")
		s.Language, _ = s.jsString(m, file, "language", "-lang", "language")
		name, _ := s.jsString(m, file, "author", "-author", "author", "name")
		email, _ := s.jsString(m, file, "author email", "-author", "author", "email")
		s.Author = person(map[string]any{"name": name, "email": email})
		return url
	}
	file := path.Join(data, "metadata.json")
	c, err := readConfig(fsys, file, false)
	if err != nil {
		return ""
	}
	url := c.str("url")
	if url != "" {
		s.note("site URL %s from %s", url, c.at("url"))
	}
	s.setAbout(c, "language")
	return url
}

// eleventyPosts finds the folders whose directory data file
// (blog/blog.11tydata.js) tags their templates "posts", the collection the
// base blog's feed lists, else the conventional blog or posts folder.
func (s *Site) eleventyPosts(fsys fs.FS, input string) {
	_ = fs.WalkDir(fsys, input, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if n := d.Name(); p != input && (n == "node_modules" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		dir := path.Dir(p)
		base := path.Base(dir)
		if dir == input || !strings.HasPrefix(d.Name(), base+".11tydata.") {
			return nil
		}
		if line := tagsPosts(fsys, p); line > 0 {
			s.addEleventyPosts(input, dir)
			s.note("posts in %s: tagged posts by %s", dir, at(p, line))
		}
		return nil
	})
	if len(s.Posts) > 0 {
		return
	}
	for _, name := range []string{"blog", "posts"} {
		if dir := path.Join(input, name); isDir(fsys, dir) {
			s.addEleventyPosts(input, dir)
			s.note("posts in %s, a usual folder for them", dir)
			return
		}
	}
	s.warn("no folder of posts found in %s: pass -src", input)
}

// addEleventyPosts adds dir, whose URLs follow their path below the
// input folder (Eleventy's default permalink).
func (s *Site) addEleventyPosts(input, dir string) {
	s.ContentDir = input
	s.Posts = append(s.Posts, PostDir{Dir: dir, Permalink: "/{path}/"})
}

// tagsPosts returns the line of a directory data file at which it gives
// its templates the tag "posts", or 0.
func tagsPosts(fsys fs.FS, name string) int {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0
	}
	if path.Ext(name) == ".json" {
		var m struct {
			Tags any `json:"tags"`
		}
		if json.Unmarshal(b, &m) != nil {
			return 0
		}
		c := &config{file: name, src: string(b), m: map[string]any{"tags": m.Tags}}
		for _, t := range c.strs(false, "tags") {
			if t == "posts" {
				return max(1, c.line("tags"))
			}
		}
		return 0
	}
	js := scanJS(string(b))
	for i := 0; i+2 < len(js.toks); i++ {
		if !js.isKey(i, "tags") {
			continue
		}
		v := js.toks[i+2]
		if v.kind == jsString && v.text == "posts" {
			return v.line
		}
		if v.kind == jsPunct && v.text == "[" {
			for j := i + 3; j < js.closing(i+2); j++ {
				if t := js.toks[j]; t.kind == jsString && t.text == "posts" {
					return t.line
				}
			}
		}
	}
	return 0
}

// eleventyTemplates reads the permalinks of the input's templates: a tag
// page (/tags/${…}/ or /tags/{{ tag }}/) gives the tags taxonomy, and a
// feed or sitemap (permalink: /sitemap.xml) is a generator's file.
func (s *Site) eleventyTemplates(fsys fs.FS, input string) {
	_ = fs.WalkDir(fsys, input, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if n := d.Name(); p != input && (n == "node_modules" || strings.HasPrefix(n, ".") || n == s.OutputDir) {
				return fs.SkipDir
			}
			return nil
		}
		switch path.Ext(p) {
		case ".njk", ".liquid", ".md", ".html", ".11ty.js", ".js":
		default:
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		src := string(b)
		if permalink := frontKeys(b)["permalink"]; permalink != "" {
			switch path.Ext(permalink) {
			case ".xml", ".json", ".txt":
				f := strings.TrimPrefix(permalink, "/")
				s.GeneratorFiles = append(s.GeneratorFiles, f)
				s.note("%s writes %s", p, f)
			}
		}
		for _, mark := range []string{"/tags/${", "/tags/{{"} {
			if i := strings.Index(src, mark); i >= 0 && s.Taxonomies == nil {
				s.Taxonomies = map[string]string{"tags": "/tags/{term}/"}
				s.note("tags pages /tags/{term}/ from %s", at(p, 1+strings.Count(src[:i], "\n")))
			}
		}
		return nil
	})
}
