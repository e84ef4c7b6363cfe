package htmlclean

import (
	"net/url"
	"strings"
)

// resolveRef makes ref absolute against base. Absolute URLs and those with a
// scheme (mailto:, data:) are returned as they are, and so is anything that
// does not parse.
func resolveRef(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	if ref[0] == '#' {
		b := *base
		b.Fragment, b.RawFragment = "", ""
		return b.String() + ref
	}
	if hasScheme(ref) {
		return ref // what url.Parse gives it: a scheme, or an error
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" {
		return ref
	}
	return base.ResolveReference(u).String()
}

// hasScheme reports whether ref starts as url.Parse reads a scheme, a
// letter then letters, digits, "+", "-" or "." up to a ":", or with the ":"
// url.Parse refuses.
func hasScheme(ref string) bool {
	for i := 0; i < len(ref); i++ {
		switch c := ref[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// resolveSrcset resolves each candidate of a srcset attribute and drops
// those whose scheme an image may not have.
func resolveSrcset(base *url.URL, set string) string {
	return MapSrcset(set, func(ref string) (string, bool) {
		if u, err := url.Parse(ref); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "data") {
			return "", false
		}
		return resolveRef(base, ref), true
	})
}

// MapSrcset calls fn for the URL of each candidate of a srcset attribute
// and returns the attribute with each URL replaced by what fn returns, the
// candidates for which fn returns false left out. Candidates are split as
// the HTML standard says: a URL runs to the next white space (so it may
// hold commas, as image CDN and data: URLs do), and its descriptors run to
// the next comma. The result has one space before the descriptors and ", "
// between candidates.
func MapSrcset(set string, fn func(ref string) (string, bool)) string {
	var parts []string
	for s := set; ; {
		s = strings.TrimLeft(s, " \t\n\r\f,")
		if s == "" {
			break
		}
		ref, desc := s, ""
		if i := strings.IndexAny(s, " \t\n\r\f"); i >= 0 {
			ref, s = s[:i], s[i:]
		} else {
			s = ""
		}
		if strings.HasSuffix(ref, ",") {
			ref = strings.TrimRight(ref, ",")
		} else {
			j, parens := 0, 0
			for ; j < len(s) && (s[j] != ',' || parens > 0); j++ {
				switch s[j] {
				case '(':
					parens++
				case ')':
					parens = max(parens-1, 0)
				}
			}
			desc, s = strings.Join(strings.Fields(s[:j]), " "), s[j:]
		}
		ref, ok := fn(ref)
		if !ok {
			continue
		}
		if desc != "" {
			ref += " " + desc
		}
		parts = append(parts, ref)
	}
	return strings.Join(parts, ", ")
}
