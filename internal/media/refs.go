package media

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

	"github.com/sitefeed/sitefeed/internal/htmlclean"
)

// refMarks are what a document holds when one of its tags may refer to a
// file: the attributes RewriteRefs reads (srcset contains "src").
var refMarks = [][]byte{[]byte("src"), []byte("href"), []byte("poster")}

// RewriteRefs calls fn for every URL of doc in an href, src or poster
// attribute and for every candidate of a srcset, as written (entities
// decoded), and replaces it by what fn returns when fn reports a change.
// Only the tags that change are written anew, in the form the
// golang.org/x/net/html tokenizer gives them; the rest of doc is kept byte
// for byte. doc is returned as it is when nothing changed.
func RewriteRefs(doc []byte, fn func(ref string) (string, bool)) []byte {
	if !mayRefer(doc) {
		return doc
	}
	var out bytes.Buffer
	if !htmlclean.RewriteTags(&out, doc, mayRefer, func(attrs []html.Attribute) bool { return rewriteAttrs(attrs, fn) }) {
		return doc
	}
	return out.Bytes()
}

// mayRefer reports whether b holds one of refMarks, in any case.
func mayRefer(b []byte) bool {
	for i := range b {
		c := b[i] | 0x20 // lower case, for letters
		if c != 's' && c != 'h' && c != 'p' {
			continue
		}
		for _, m := range refMarks {
			if len(b)-i >= len(m) && bytes.EqualFold(b[i:i+len(m)], m) {
				return true
			}
		}
	}
	return false
}

// rewriteAttrs applies fn to the URLs of attrs, in place, and reports
// whether any changed.
func rewriteAttrs(attrs []html.Attribute, fn func(string) (string, bool)) bool {
	changed := false
	for i, a := range attrs {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "href", "src", "poster":
			if v, ok := fn(a.Val); ok {
				attrs[i].Val, changed = v, true
			}
		case "srcset":
			hit := false
			v := htmlclean.MapSrcset(a.Val, func(ref string) (string, bool) {
				if v, ok := fn(ref); ok {
					hit = true
					return v, true
				}
				return ref, true
			})
			if hit {
				attrs[i].Val, changed = v, true
			}
		}
	}
	return changed
}

// MayRefer reports whether text (a post's Markdown, or HTML) may hold a
// reference to a file of a kind Copyable accepts, once rendered and
// decoded: whether it holds one of the extensions of Types after a "."
// (in any case), or anything that could spell one in another way (a
// character reference, a percent-encoded byte, an escaped "."). A post for
// which it reports false is not rendered to look for references, so it
// must never report false for one that has them.
func MayRefer(text []byte) bool {
	for i := 0; i < len(text); i++ {
		next := byte(0)
		if i+1 < len(text) {
			next = text[i+1]
		}
		switch text[i] {
		case '&':
			if next == '#' || next|0x20 >= 'a' && next|0x20 <= 'z' {
				return true
			}
		case '%':
			if isHex(next) && i+2 < len(text) && isHex(text[i+2]) {
				return true
			}
		case '\\':
			if next == '.' {
				return true
			}
		case '.':
			j := i + 1
			for j < len(text) && j-i <= maxExt && isAlnum(text[j]) {
				j++
			}
			if j > i+1 && j-i <= maxExt && Types[strings.ToLower(string(text[i:j]))] != "" {
				return true
			}
		}
	}
	return false
}

// maxExt is the length of the longest extension of Types, with its ".".
const maxExt = 5

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}
