package permalink

import (
	"regexp"
	"strings"
	"unicode"
)

// jekyllName matches a file name (without extension) in Jekyll's style,
// 2024-01-05-hello: a date, then the slug.
var jekyllName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.+)$`)

// SplitName splits the base name of file, without its extension, into a
// Jekyll-style date ("" when there is none) and the rest.
func SplitName(file string) (date, name string) {
	base := baseName(file)
	if m := jekyllName.FindStringSubmatch(base); m != nil {
		return m[1], m[2]
	}
	return "", base
}

// FileSlug is the slug a post's source path gives: the file name without
// its extension and Jekyll date, or, for a page bundle's index.md or
// _index.md, the folder's name. It is "" for an empty path.
func FileSlug(file string) string {
	if file == "" {
		return ""
	}
	date, name := SplitName(file)
	if date == "" && (name == "index" || name == "_index") {
		if dir := dirOf(file); dir != "" && dir != "." {
			return dir[strings.LastIndexByte(dir, '/')+1:]
		}
	}
	return name
}

// Slugify makes a URL segment of a title as Hugo's urlize does: lower
// case; letters, digits, marks and . _ # ~ @ kept; runs of spaces, "-"
// and "+" between them one hyphen; anything else dropped.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("._#~@", r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case r == '-' || r == '+' || unicode.IsSpace(r):
			hyphen = true
		}
	}
	return b.String()
}

// jekyllSlug makes a URL segment as Jekyll's default slugify does: runs of
// characters other than letters, marks and digits are one hyphen, none at
// either end, all in lower case.
func jekyllSlug(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r))
	})
	return strings.ToLower(strings.Join(f, "-"))
}

// jekyllPretty makes a URL segment as Jekyll's "pretty" slugify with case
// kept does: runs of characters other than letters, marks, digits and
// ._~!$&'()+,;=@ are one hyphen, none at either end.
func jekyllPretty(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || strings.ContainsRune("._~!$&'()+,;=@", r))
	})
	return strings.Join(f, "-")
}
