package sitefeed

import (
	"path"
	"regexp"
)

// jekyllName matches a file name (without extension) in Jekyll's style,
// 2024-01-05-hello: a date, then the slug.
var jekyllName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// pathSlug is the slug a post's source path gives when the post names
// none: the file name without its extension and Jekyll date, or, for a
// page bundle's index.md or _index.md, the folder's name. It is "" for an
// empty path. ParsePost and LoadDir use it, and Build for a post that has
// a Path but no Slug, so that both ways give the same URLs.
func pathSlug(file string) string {
	if file == "" {
		return ""
	}
	base := path.Base(file)
	base = base[:len(base)-len(path.Ext(base))]
	if base == "index" || base == "_index" {
		if dir := path.Dir(file); dir != "." && dir != "/" {
			return path.Base(dir)
		}
	}
	if m := jekyllName.FindStringSubmatch(base); m != nil {
		return m[2]
	}
	return base
}

// jekyllDate is the date in a Jekyll-style file name, as "2006-01-02", or "".
func jekyllDate(file string) string {
	base := path.Base(file)
	if m := jekyllName.FindStringSubmatch(base[:len(base)-len(path.Ext(base))]); m != nil {
		return m[1]
	}
	return ""
}
