package htmlclean

import (
	"bytes"
	"net/url"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes holding one URL; srcset is handled apart.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "longdesc": true}

// urlAttrMarks are what a tag holding a URL attribute contains (srcset
// included).
var urlAttrMarks = [][]byte{[]byte("href="), []byte("src"), []byte("poster="), []byte("cite="), []byte("longdesc=")}

// hasURLAttr reports whether tag may hold a URL attribute.
func hasURLAttr(tag []byte) bool {
	for _, m := range urlAttrMarks {
		if bytes.Contains(tag, m) {
			return true
		}
	}
	return false
}

// rawTextElements are those whose content html.Tokenizer reads as raw text.
var rawTextElements = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
}

// absolutizeTokens is the reference way to make the URLs of doc absolute:
// it tokenizes the whole document and rewrites href, src, poster, cite,
// longdesc and each srcset candidate against base; the rest of the
// document is copied byte for byte.
func absolutizeTokens(out *bytes.Buffer, doc []byte, base *url.URL) {
	RewriteTags(out, doc, hasURLAttr, func(attrs []html.Attribute) bool { return resolveAttrs(attrs, base) })
}

// RewriteTags copies doc to out, token by token, and reports whether it
// changed a tag. Each start tag for which pick (given the tag as written)
// reports true has its attributes passed to rewrite, which may change
// them in place and reports whether it did; such a tag is written anew,
// as html.Token.String writes it. Everything else is copied byte for byte.
func RewriteTags(out *bytes.Buffer, doc []byte, pick func(raw []byte) bool, rewrite func([]html.Attribute) bool) bool {
	changed := false
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return changed
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || !pick(raw) {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		if !rewrite(tok.Attr) {
			out.Write(raw)
			continue
		}
		changed = true
		out.WriteString(tok.String())
	}
}

// rewriteTag returns the tag z has just read (raw) with its URLs resolved.
func rewriteTag(z *html.Tokenizer, raw []byte, base *url.URL) string {
	tok := z.Token()
	if !resolveAttrs(tok.Attr, base) {
		return string(raw)
	}
	return tok.String()
}

// resolveAttrs resolves the URLs in href, src, poster, cite, longdesc and
// srcset attributes against base, in place, and reports whether any
// changed. Attributes in a namespace are left alone.
func resolveAttrs(attrs []html.Attribute, base *url.URL) bool {
	changed := false
	for i, a := range attrs {
		var v string
		switch {
		case a.Namespace != "":
			continue
		case urlAttrs[a.Key]:
			v = resolveRef(base, a.Val)
		case a.Key == "srcset":
			v = resolveSrcset(base, a.Val)
		default:
			continue
		}
		if v != a.Val {
			attrs[i].Val, changed = v, true
		}
	}
	return changed
}

// absolutizeScan is absolutizeTokens for the sanitizer's output, without
// running the tokenizer over all of it. bluemonday writes every token
// anew, escaping "<", ">" and quotes in text and attribute values, so each
// "<" starts a tag that ends at the next ">". Only tags with a URL
// attribute are tokenized, one at a time, which gives the same tokens as
// tokenizing the whole document as long as no element switches the
// tokenizer to raw text. On anything else (such an element, a stray ">",
// a comment) absolutizeScan returns false and the caller tokenizes the
// whole document.
func absolutizeScan(out *bytes.Buffer, doc []byte, base *url.URL) bool {
	for len(doc) > 0 {
		i := bytes.IndexByte(doc, '<')
		if i < 0 {
			i = len(doc)
		}
		if bytes.IndexByte(doc[:i], '>') >= 0 {
			return false
		}
		out.Write(doc[:i])
		doc = doc[i:]
		if len(doc) == 0 {
			break
		}
		j := bytes.IndexByte(doc, '>')
		if j < 0 {
			return false
		}
		tag := doc[:j+1]
		doc = doc[j+1:]
		if tag[1] == '/' {
			n := tagNameLen(tag[2:])
			if n == 0 || rawTextElements[string(tag[2:2+n])] || !quotedPlainly(tag) {
				return false
			}
			out.Write(tag)
			continue
		}
		n := startTagName(tag)
		switch {
		case n == 0:
			return false
		case !hasURLAttr(tag):
			out.Write(tag)
		case !rewriteStartTag(out, tag, n, base):
			return false
		}
	}
	return true
}

// tagNameLen returns the length of the tag name s starts with, in the
// lower case the sanitizer writes, or 0.
func tagNameLen(s []byte) int {
	n := 0
	for n < len(s) && ('a' <= s[n] && s[n] <= 'z' || n > 0 && '0' <= s[n] && s[n] <= '9') {
		n++
	}
	return n
}

// quotedPlainly reports whether tag, which ends at its first ">", holds no
// other "<", no single quote and an even number of double quotes.
func quotedPlainly(tag []byte) bool {
	return bytes.IndexByte(tag[1:], '<') < 0 && bytes.IndexByte(tag, '\'') < 0 && bytes.Count(tag, []byte{'"'})%2 == 0
}

// startTagName returns the length of the name of tag, a start tag that
// ends at its first ">", when the tag is in the sanitizer's form and does
// not start raw text; otherwise 0.
func startTagName(tag []byte) int {
	n := tagNameLen(tag[1:])
	if n == 0 || rawTextElements[string(tag[1:1+n])] || bytes.IndexByte(tag, '>') != len(tag)-1 || !quotedPlainly(tag) {
		return 0
	}
	return n
}

// absolutizeStartTag writes tag, one start tag in the sanitizer's form,
// with its URLs resolved against base, as absolutizeTokens would write it
// within a document. It returns false when the tag is not in that form.
func absolutizeStartTag(out *bytes.Buffer, tag []byte, base *url.URL) bool {
	n := startTagName(tag)
	return n > 0 && rewriteStartTag(out, tag, n, base)
}

// rewriteStartTag writes tag, a start tag whose name is n bytes long, with
// its URLs resolved: rewriteCleanTag, else the tokenizer's reading of it.
func rewriteStartTag(out *bytes.Buffer, tag []byte, n int, base *url.URL) bool {
	if rewriteCleanTag(out, tag, n, base) {
		return true
	}
	z := html.NewTokenizer(bytes.NewReader(tag))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken || len(z.Raw()) != len(tag) {
		return false
	}
	out.WriteString(rewriteTag(z, tag, base))
	return true
}

// rewriteCleanTag is rewriteTag for a start tag in the form html.Token.String
// writes, <name key="value" ...> or .../>, whose name is n bytes long; it
// writes the tag to out and returns true, or returns false for any other form.
// Only the escapes html.Token.String writes may appear in values, so the
// tokenizer would read the same attributes.
func rewriteCleanTag(out *bytes.Buffer, tag []byte, n int, base *url.URL) bool {
	var buf [8]html.Attribute
	attrs := buf[:0]
	rest := tag[1+n:]
	self := false
	for {
		if len(rest) == 1 && rest[0] == '>' {
			break
		}
		if len(rest) == 2 && rest[0] == '/' && rest[1] == '>' {
			self = true
			break
		}
		if len(rest) < 5 || rest[0] != ' ' || rest[1] < 'a' || rest[1] > 'z' {
			return false
		}
		k := 2
		for k < len(rest) && ('a' <= rest[k] && rest[k] <= 'z' || '0' <= rest[k] && rest[k] <= '9' || rest[k] == '-') {
			k++
		}
		if k+1 >= len(rest) || rest[k] != '=' || rest[k+1] != '"' {
			return false
		}
		key := rest[1:k]
		rest = rest[k+2:]
		q := bytes.IndexByte(rest, '"')
		if q < 0 {
			return false
		}
		val, ok := unescapeAttr(rest[:q])
		if !ok {
			return false
		}
		attrs = append(attrs, html.Attribute{Key: string(key), Val: val})
		rest = rest[q+1:]
	}
	if !resolveAttrs(attrs, base) {
		out.Write(tag)
		return true
	}
	// As html.Token.String writes it.
	out.Write(tag[:1+n])
	for _, a := range attrs {
		out.WriteByte(' ')
		out.WriteString(a.Key)
		out.WriteString(`="`)
		out.WriteString(html.EscapeString(a.Val))
		out.WriteByte('"')
	}
	if self {
		out.WriteString("/>")
	} else {
		out.WriteByte('>')
	}
	return true
}
