package media

import (
	"bytes"

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
