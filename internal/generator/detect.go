package generator

import (
	"io/fs"
	"slices"
	"strings"
)

// candidate is a generator whose files were found, and the file that says so.
type candidate struct {
	name Name
	file string
	read func(fsys fs.FS, file string) (*Site, error)
}

// Detect recognises the generator that made the site whose root folder is
// fsys and reads its configuration. It returns nil and no error when no
// generator's files are there, and an error only when a configuration file
// cannot be read or decoded.
//
// When the files of several generators are present, the first in this order
// is taken and the others are named in the notes: Astro, Eleventy, Hugo
// (hugo.* or config/_default/), Zola (zola.toml, or config.toml with
// base_url), Hugo (config.* with baseURL), Jekyll (_config.yml). A file named
// for its generator comes before a shared name such as config.toml, and
// Jekyll comes last because a _config.yml is often left in other sites for
// GitHub Pages.
func Detect(fsys fs.FS) (*Site, error) {
	return detect(fsys, "")
}

// DetectAs reads the configuration of generator name in fsys, even when
// the files of a generator that [Detect] prefers are there too. It returns
// nil and no error when name's files are not there.
func DetectAs(fsys fs.FS, name Name) (*Site, error) {
	return detect(fsys, name)
}

// detect is Detect, taking the first candidate named name, or the first
// of all when name is "".
func detect(fsys fs.FS, name Name) (*Site, error) {
	cands := candidates(fsys)
	if name != "" {
		cands = slices.DeleteFunc(cands, func(c candidate) bool { return c.name != name })
	}
	if len(cands) == 0 {
		return nil, nil
	}
	c := cands[0]
	s, err := c.read(fsys, c.file)
	if err != nil {
		return nil, err
	}
	s.Generator, s.ConfigFile = c.name, c.file
	s.Notes = append([]string{string(c.name) + " site, from " + c.file}, s.Notes...)
	for _, o := range cands[1:] {
		if o.name != c.name {
			s.note("also found %s (%s), not used: %s comes first", o.file, o.name, c.name)
		}
	}
	return s, nil
}

// candidates lists the generators whose files are in fsys, in the order of
// precedence that Detect documents.
func candidates(fsys fs.FS) []candidate {
	var cs []candidate
	add := func(name Name, read func(fs.FS, string) (*Site, error), files ...string) {
		if f := firstFile(fsys, files...); f != "" {
			cs = append(cs, candidate{name, f, read})
		}
	}
	add(Astro, withJS(readAstro), "astro.config.mjs", "astro.config.ts", "astro.config.js",
		"astro.config.cjs", "astro.config.mts")
	add(Eleventy, withJS(readEleventy), "eleventy.config.js", "eleventy.config.mjs",
		"eleventy.config.cjs", ".eleventy.js")
	add(Hugo, readHugo, hugoFiles("")...)
	if len(cs) == 0 || cs[len(cs)-1].name != Hugo {
		add(Hugo, readHugo, hugoFiles("config/_default/")...)
	}
	add(Zola, readZola, "zola.toml")
	if name := firstFile(fsys, "config.toml", "config.yaml", "config.yml", "config.json"); name != "" {
		if c, err := readConfig(fsys, name, false); err == nil {
			switch {
			case strings.HasSuffix(name, ".toml") && c.get("base_url") != nil:
				cs = append(cs, candidate{Zola, name, readZola})
			case hasKeyFold(c.m, "baseurl"):
				cs = append(cs, candidate{Hugo, name, readHugo})
			}
		}
	}
	add(Jekyll, readJekyll, "_config.yml", "_config.yaml", "_config.toml")
	return cs
}

// hugoFiles lists Hugo's configuration file names in dir, in Hugo's order.
func hugoFiles(dir string) []string {
	var names []string
	for _, base := range []string{"hugo", "config"} {
		if dir == "" && base == "config" {
			break // a root config.* is Hugo's only with baseURL
		}
		for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
			names = append(names, dir+base+ext)
		}
	}
	return names
}

// hasKeyFold reports whether m has key, compared without case.
func hasKeyFold(m map[string]any, key string) bool {
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// withJS adapts the reader of a JavaScript configuration, which takes the
// file tokenised and as read, to a candidate's read function.
func withJS(read func(fsys fs.FS, file string, js *jsScript, src []byte) *Site) func(fs.FS, string) (*Site, error) {
	return func(fsys fs.FS, file string) (*Site, error) {
		js, b, err := readJS(fsys, file)
		if err != nil {
			return nil, err
		}
		return read(fsys, file, js, b), nil
	}
}
