package sitefeed

import "github.com/sitefeed/sitefeed/internal/permalink"

// pathSlug is the slug a post's source path gives when the post names
// none: the file name without its extension and Jekyll date, or, for a
// page bundle's index.md or _index.md, the folder's name. It is "" for an
// empty path. ParsePost and LoadDir use it, and Build for a post that has
// a Path but no Slug, so that both ways give the same URLs.
func pathSlug(file string) string { return permalink.FileSlug(file) }

// jekyllDate is the date in a Jekyll-style file name, as "2006-01-02", or "".
func jekyllDate(file string) string {
	date, _ := splitName(file)
	return date
}

// splitName splits the base name of file, without its extension, into a
// Jekyll-style date ("" when there is none) and the rest.
func splitName(file string) (date, name string) { return permalink.SplitName(file) }
