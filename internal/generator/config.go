package generator

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// config is a decoded TOML, YAML or JSON configuration file.
type config struct {
	file  string
	src   string
	m     map[string]any
	lower bool // keys are case-insensitive (Hugo): m's keys are lower case
	// from names the file a key was merged from, by its first one or two
	// keys joined with a dot (see mergeHugo).
	from map[string]origin
}

// origin is the file a merged key came from; with wrapped, the file holds
// the key's content without the key (Hugo's config/_default/params.toml).
type origin struct {
	c       *config
	wrapped bool
}

// readConfig reads and decodes the TOML, YAML or JSON file name, by its
// extension. With lower, every key is lower-cased.
func readConfig(fsys fs.FS, name string, lower bool) (*config, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	switch path.Ext(name) {
	case ".toml":
		_, err = toml.Decode(string(b), &m)
	case ".yaml", ".yml":
		err = yaml.Unmarshal(b, &m)
	case ".json":
		err = json.Unmarshal(b, &m)
	default:
		err = fmt.Errorf("unknown configuration format")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if m == nil {
		m = map[string]any{}
	}
	if lower {
		m = lowerKeys(m)
	}
	return &config{file: name, src: string(b), m: m, lower: lower}, nil
}

// lowerKeys returns m with every key, at every depth, in lower case.
func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			v = lowerKeys(sub)
		}
		out[strings.ToLower(k)] = v
	}
	return out
}

// get returns the value at a path of keys, or nil.
func (c *config) get(keys ...string) any {
	var v any = c.m
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		if c.lower {
			k = strings.ToLower(k)
		}
		v = m[k]
	}
	return v
}

// str returns the string at a path of keys, or "".
func (c *config) str(keys ...string) string {
	s, _ := c.get(keys...).(string)
	return s
}

// strs returns the value at a path of keys as strings: a list of strings,
// or a single string split on spaces when split is true.
func (c *config) strs(split bool, keys ...string) []string {
	switch v := c.get(keys...).(type) {
	case string:
		if split {
			return strings.Fields(v)
		}
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// line returns the line on which the last of keys is written, looking for
// each key after the line of the one before: a TOML table header or
// key = value, a YAML key: value, or a JSON "key": value. It returns 0 when
// not found.
func (c *config) line(keys ...string) int {
	lines := strings.Split(c.src, "\n")
	from, found := 0, 0
	for _, k := range keys {
		flags := ""
		if c.lower {
			flags = "(?i)"
		}
		q := regexp.QuoteMeta(k)
		re := regexp.MustCompile(flags + `^\s*(\[\s*([\w.-]+\.)?` + q + `\s*\]|["']?` + q + `["']?\s*[:=])`)
		found = 0
		for i := from; i < len(lines); i++ {
			if re.MatchString(lines[i]) {
				found = i + 1
				break
			}
		}
		if found == 0 {
			return 0
		}
		from = found
	}
	return found
}

// at formats where keys are written, as file:line.
func (c *config) at(keys ...string) string {
	for n := min(2, len(keys)); n > 0; n-- {
		o, ok := c.from[strings.ToLower(strings.Join(keys[:n], "."))]
		if !ok {
			continue
		}
		if o.wrapped {
			return o.c.at(keys[1:]...)
		}
		return o.c.at(keys...)
	}
	return at(c.file, c.line(keys...))
}

// setString sets *dst to the string at keys when it is one, with a note
// naming what it is and where it was read.
func (s *Site) setString(c *config, dst *string, what string, keys ...string) {
	v := c.str(keys...)
	if v == "" {
		return
	}
	*dst = v
	s.note("%s %q from %s", what, v, c.at(keys...))
}

// setAuthor sets Author from the author at keys, given as a string or as
// a name and email, with a note; it reports whether there was one.
func (s *Site) setAuthor(c *config, keys ...string) bool {
	a := person(c.get(keys...))
	if a == "" {
		return false
	}
	s.Author = a
	s.note("author %q from %s", a, c.at(keys...))
	return true
}

// setAbout sets Title, Description, Language and Author from the top-level
// keys title, description, lang (the language's key) and author.
func (s *Site) setAbout(c *config, lang string) {
	s.setString(c, &s.Title, "title", "title")
	s.setString(c, &s.Description, "description", "description")
	s.setString(c, &s.Language, "language", lang)
	s.setAuthor(c, "author")
}

// person returns an author given as a string, or as a map with name and
// email, in the form "Name <email>".
func person(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		name, _ := v["name"].(string)
		email, _ := v["email"].(string)
		switch {
		case name != "" && email != "":
			return name + " <" + email + ">"
		case name != "":
			return name
		}
		return email
	}
	return ""
}

// isDir reports whether name is a folder in fsys.
func isDir(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.IsDir()
}

// firstFile returns the first of names that exists in fsys as a file, or "".
func firstFile(fsys fs.FS, names ...string) string {
	for _, n := range names {
		if fi, err := fs.Stat(fsys, n); err == nil && !fi.IsDir() {
			return n
		}
	}
	return ""
}

// siteURL splits a configured URL into the site URL with a final slash and
// its base path. A URL that is not absolute gives "".
func siteURL(raw string) (url, base string) {
	raw = strings.TrimSpace(raw)
	i := strings.Index(raw, "://")
	if i <= 0 {
		return "", ""
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	base = "/"
	if j := strings.Index(raw[i+3:], "/"); j >= 0 {
		base = raw[i+3+j:]
	}
	return raw, base
}

// joinBase joins a base path such as "/blog" to a site URL given without it.
func joinBase(url, base string) (string, string) {
	base = "/" + strings.Trim(base, "/") + "/"
	if base == "//" {
		base = "/"
	}
	u, b := siteURL(url)
	if u == "" {
		return "", base
	}
	if b == "/" && base != "/" {
		u = strings.TrimSuffix(u, "/") + base
		b = base
	}
	return u, b
}
